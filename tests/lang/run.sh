#!/bin/sh
# Runs every tests/lang/*.exs with `mote run` and compares its stdout with
# the script's own `# expect: ` lines (in order; `# expect:` alone is an
# empty line) and its exit status with `# exit: N` (0 when absent).
# usage: run.sh MOTE_BINARY [DIR]
set -u
mote="$1"
dir="${2:-$(dirname "$0")}"
pass=0
fail=0
for f in "$dir"/*.exs; do
    want_out=$(mktemp)
    got_out=$(mktemp)
    sed -n 's/^# expect: \{0,1\}//p' "$f" > "$want_out"
    want_rc=$(sed -n 's/^# exit: *\([0-9]*\).*/\1/p' "$f" | head -1)
    want_rc=${want_rc:-0}
    timeout 20 "$mote" run "$f" > "$got_out" 2>/dev/null
    rc=$?
    if cmp -s "$want_out" "$got_out" && [ "$rc" = "$want_rc" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $(basename "$f") (exit $rc, want $want_rc)"
        diff "$want_out" "$got_out" | head -20
    fi
    rm -f "$want_out" "$got_out"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
