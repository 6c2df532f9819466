#!/bin/bash
# check.sh — the whole test suite, as `make check` and CI run it.
#
# Three builds, each its own directory next to $BUILD (default "build"):
#   $BUILD        plain, -Werror: unit + api + lang + e2e suites, full
#                 stress counts
#   $BUILD-asan   ASan+UBSan, -Werror: unit + api + lang suites (leaks included)
#   $BUILD-tsan   TSan: unit + api suites with MOTE_STRESS_SCALE=0.05
# then valgrind over the embedding example (when valgrind is installed),
# and the language conformance cases (gated per tier, see below). The last
# line is "N passed, N failed" over every meson test result of every build
# and the conformance gate; the exit status is non-zero when anything
# failed, a build included.
set -u
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
ASAN_STRESS_SCALE=${ASAN_STRESS_SCALE:-1}
TSAN_STRESS_SCALE=${TSAN_STRESS_SCALE:-0.05}

passed=0
failed=0
skipped=0
notes=()

# Adds the results of the last `meson test` in build dir $1 to the totals.
# meson writes one JSON object per test to testlog.json; the "result" field
# is OK, SKIP, EXPECTEDFAIL, FAIL, TIMEOUT, UNEXPECTEDPASS or ERROR.
count_results() {
    local log="$1/meson-logs/testlog.json" ok bad skip
    if [ ! -f "$log" ]; then
        failed=$((failed + 1))
        notes+=("$1: no test log (meson test did not run)")
        return
    fi
    ok=$(grep -c '"result": "OK"' "$log")
    skip=$(grep -c -E '"result": "(SKIP|EXPECTEDFAIL)"' "$log")
    bad=$(grep -c -E '"result": "(FAIL|TIMEOUT|UNEXPECTEDPASS|ERROR)"' "$log")
    passed=$((passed + ok))
    failed=$((failed + bad))
    skipped=$((skipped + skip))
    notes+=("$1: $ok passed, $bad failed, $skip skipped")
    # Name the failures, so the summary alone says where to look.
    local names
    names=$(grep -E '"result": "(FAIL|TIMEOUT|UNEXPECTEDPASS|ERROR)"' "$log" |
            sed -E 's/^\{"name": "([^"]*)".*"result": "([A-Z]*)".*/\1 (\2)/' | paste -sd, -)
    [ -n "$names" ] && notes+=("    failed: $names")
    return 0
}

# run_stage DIR "SUITES" TIMEOUT_MULT [meson options...]
run_stage() {
    local dir="$1" suites="$2" mult="$3" args=()
    shift 3
    echo "==== $dir: build ($*)"
    if ! scripts/build.sh "$dir" "$@"; then
        failed=$((failed + 1))
        notes+=("$dir: BUILD FAILED")
        return
    fi
    for s in $suites; do args+=(--suite "$s"); done
    echo "==== $dir: meson test ${args[*]}"
    rm -f "$dir/meson-logs/testlog.json"
    meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes "$JOBS" \
        --timeout-multiplier "$mult" "${args[@]}"
    count_results "$dir"
}

start=$(date +%s)

MOTE_STRESS_SCALE=1 run_stage "$BUILD" "unit api lang e2e" 1 -Dwerror=true

ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
MOTE_STRESS_SCALE=$ASAN_STRESS_SCALE \
    run_stage "$BUILD-asan" "unit api lang" 3 -Dwerror=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debug

TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
MOTE_STRESS_SCALE=$TSAN_STRESS_SCALE \
    run_stage "$BUILD-tsan" "unit api" 5 -Db_sanitize=thread -Db_lundef=false

# valgrind: the embedding example must stop with every byte freed. It
# counts as one result, about memory only: exit status 99 is valgrind's
# (an error or a leak); any other failure of the example is already
# counted by its meson test.
for name in example_counter example_supervised; do
    ex="$BUILD/examples/$name"
    command -v valgrind >/dev/null 2>&1 && [ -x "$ex" ] || continue
    echo "==== valgrind $ex"
    valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
        --error-exitcode=99 "$ex" >/dev/null
    if [ $? -ne 99 ]; then
        passed=$((passed + 1))
        notes+=("valgrind $name: no error, no leak")
    else
        failed=$((failed + 1))
        notes+=("valgrind $name: FAILED (errors or leaks above)")
    fi
done

# Conformance: the shared cases, when they are there (CI has them). The
# gate is tests/lang/conformance.sh: each tier in CONF_GATE_TIERS (default
# "1 2 3") must pass CONF_GATE_PCT% (default 90) of its own cases; other tiers
# are reported with the same figures. It counts as one result.
conf=../shared/conformance
if [ -d "$conf" ]; then
    echo "==== conformance ($conf; gated tiers: ${CONF_GATE_TIERS:-1 2 3})"
    # Bounded as a whole, so a language that hangs cannot eat CI's hour.
    out=$(JOBS="$JOBS" timeout "${CONF_LIMIT:-1200}" tests/lang/conformance.sh "$BUILD/mote" .)
    rc=$?
    echo "$out"
    while IFS= read -r l; do notes+=("    $l"); done < <(echo "$out" | grep '^tier ')
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        notes+=("conformance: gate passed ($(echo "$out" | grep -E '^[0-9]+ passed' | tail -n 1))")
    elif [ "$rc" -eq 124 ]; then
        failed=$((failed + 1))
        notes+=("conformance: did not finish within ${CONF_LIMIT:-1200} s")
    else
        failed=$((failed + 1))
        notes+=("conformance: gate FAILED ($(echo "$out" | grep -E '^[0-9]+ passed' | tail -n 1))")
    fi
fi

echo "==== summary ($(( $(date +%s) - start )) s)"
for n in "${notes[@]}"; do echo "  $n"; done
[ "$skipped" -gt 0 ] && echo "  ($skipped skipped)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
