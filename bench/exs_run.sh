#!/bin/bash
# exs_run.sh — one suite of script benchmarks (bench/SUITE/*.exs) on mote
# and on real Elixir, side by side in one run, one table; what
# bench/lang_run.sh and bench/otp_run.sh run, after setting the suite's
# own sizes.
#
# usage: bench/exs_run.sh SUITE LABEL [NOTE]
#   SUITE              the folder under bench/ (lang, otp); raw results go
#                      to bench/out/SUITE-<time>.txt
#   LABEL              what the first line calls the run
#   NOTE               a remark for the table's last line
#   BUILD=dir          build directory holding shell/mote (default: build);
#                      the mote binary is built there if it is missing
#   BENCH_RUNS=n       runs per program and runtime; the table shows medians (3)
#   BENCH_ONLY=re      only the programs whose name matches the regex
#   MOTE_BEFORE=path   another mote binary (an older build) run as a third
#                      column, "before", for before/after tables
#   BENCH_INTERP=1     also run mote with MOTE_JIT=0, column "interp": the
#                      bytecode interpreter alone, beside the JIT
# Every program prints "RESULT key=value" lines, timed inside the program
# with System.monotonic_time (start-up excluded); the script also times the
# whole command (start-up, compilation and teardown included) as wall_ms.
# Without `elixir` on PATH only mote's column is filled.
set -u
cd "$(dirname "$0")/.."

SUITE=${1:?usage: exs_run.sh SUITE LABEL [NOTE]}
LABEL=${2:?usage: exs_run.sh SUITE LABEL [NOTE]}
NOTE=${3:-}
BUILD=${BUILD:-build}
RUNS=${BENCH_RUNS:-3}
TIMEOUT=${BENCH_TIMEOUT:-600}
MOTE="$BUILD/shell/mote"

if [ ! -x "$MOTE" ]; then
    ninja -C "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" shell/mote >&2 || {
        echo "$SUITE: cannot build $MOTE" >&2
        exit 1
    }
fi

peers=(mote)
if [ -n "${MOTE_BEFORE:-}" ]; then peers+=(before); fi
if [ "${BENCH_INTERP:-0}" = 1 ]; then peers+=(interp); fi
if command -v elixir >/dev/null; then peers+=(elixir); fi
mkdir -p bench/out
RAW="bench/out/$SUITE-$(date -u +%Y%m%dT%H%M%SZ).txt"
: >"$RAW"
ERR=$(mktemp "${TMPDIR:-/tmp}/mote$SUITE.XXXXXX")
trap 'rm -f "$ERR"' EXIT
echo "$LABEL: ${peers[*]}, $RUNS runs, medians; raw: $RAW" >&2

# run_one PEER FILE — appends "peer prog key value" lines to $RAW.
run_one() {
    local peer=$1 file=$2 prog t0 t1 out status
    prog=$(basename "$file" .exs)
    t0=$(date +%s%N)
    case $peer in
        mote) out=$(timeout "$TIMEOUT" "$MOTE" run "$file" 2>"$ERR") ;;
        before) out=$(timeout "$TIMEOUT" "$MOTE_BEFORE" run "$file" 2>"$ERR") ;;
        interp) out=$(MOTE_JIT=0 timeout "$TIMEOUT" "$MOTE" run "$file" 2>"$ERR") ;;
        # Erlang's default process limit (262,144) is below what some
        # programs spawn.
        elixir) out=$(timeout "$TIMEOUT" elixir --erl "+P 4000000" "$file" 2>"$ERR") ;;
    esac
    status=$?
    t1=$(date +%s%N)
    if [ $status -ne 0 ]; then
        echo "  $peer $prog: failed ($status): $(tail -n 3 "$ERR" | tr '\n' ' ')" >&2
        return
    fi
    echo "$out" | sed -n 's/^RESULT \([a-z0-9_]*\)=\(.*\)$/\1 \2/p' |
        while read -r k v; do echo "$peer $prog $k $v"; done >>"$RAW"
    echo "$peer $prog wall_ms $(((t1 - t0) / 1000000))" >>"$RAW"
}

for f in bench/"$SUITE"/*.exs; do
    prog=$(basename "$f" .exs)
    if [ -n "${BENCH_ONLY:-}" ] && ! [[ $prog =~ $BENCH_ONLY ]]; then continue; fi
    for r in $(seq 1 "$RUNS"); do
        for p in "${peers[@]}"; do
            echo "  run $r/$RUNS: $p $prog" >&2
            run_one "$p" "$f"
        done
    done
done

# Table: one row per program and metric; numeric metrics get a median and a
# mote/elixir ratio (for *_per_s higher is better, for the rest lower).
awk '
function median(key,    n, i, j, t, a) {
    n = split(vals[key], a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
        if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
    key = $2 SUBSEP $3
    if (!(key in order)) { order[key] = ++nk; keys[nk] = key }
    if ($4 ~ /^-?[0-9.]+$/) vals[$1 SUBSEP key] = vals[$1 SUBSEP key] " " $4
    else text[$1 SUBSEP key] = $4
}
END {
    np = split(peers, pn, " ")
    printf "%-16s %-18s", "program", "metric"
    for (j = 1; j <= np; j++) printf " %14s", pn[j]
    printf " %12s\n", "mote/elixir"
    for (i = 1; i <= nk; i++) {
        split(keys[i], kp, SUBSEP)
        if (kp[2] == "check") continue
        for (j = 1; j <= np; j++) {
            p = pn[j]
            k = p SUBSEP keys[i]
            v[p] = (k in vals) ? median(k) : ((k in text) ? text[k] : "-")
        }
        r = "-"
        if (v["elixir"] ~ /^[0-9.]+$/ && v["elixir"] + 0 != 0 && v["mote"] ~ /^[0-9.]+$/)
            r = sprintf("%.2f", v["mote"] / v["elixir"])
        printf "%-16s %-18s", kp[1], kp[2]
        for (j = 1; j <= np; j++) printf " %14s", v[pn[j]]
        printf " %12s\n", r
    }
    print "(times in us or ms as named, inside the program; wall_ms is the whole command;"
    print " *_per_s: higher is better, everything else lower" note ")"
}' peers="${peers[*]}" note="${NOTE:+; $NOTE}" "$RAW"
# A check value that differs between the runtimes means a wrong answer.
awk '$3 == "check" { c[$2 SUBSEP $1] = $4; p[$2] = 1 }
     END { for (g in p) if ((g SUBSEP "mote") in c && (g SUBSEP "elixir") in c && c[g SUBSEP "mote"] != c[g SUBSEP "elixir"])
               print "WARNING: " g ": mote computed " c[g SUBSEP "mote"] \
                     ", elixir " c[g SUBSEP "elixir"] }' "$RAW"
