#!/bin/bash
# otp_run.sh — the OTP benchmarks (bench/otp/*.exs) on mote and on real
# Elixir, side by side in one run, one table: GenServer.call round trips,
# a 10k-child supervisor's start and shutdown, a restart storm, and a
# PubSub-style fan-out to 10k subscribers (docs/performance.md, "OTP").
#
# usage: bench/otp_run.sh        (make bench runs it after lang_run.sh)
#   BUILD=dir          build directory holding shell/mote (default: build);
#                      the mote binary is built there if it is missing
#   BENCH_RUNS=n       runs per program and runtime; the table shows medians (3)
#   BENCH_QUICK=1      small counts, to check that everything runs
#   BENCH_ONLY=re      only the programs whose name matches the regex
# Every program prints "RESULT key=value" lines, timed inside the program
# with System.monotonic_time (start-up excluded); the script also times the
# whole command (start-up, compilation and teardown included) as wall_ms.
# Without `elixir` on PATH only mote's column is filled.
set -u
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
RUNS=${BENCH_RUNS:-3}
TIMEOUT=${BENCH_TIMEOUT:-600}
MOTE="$BUILD/shell/mote"

if [ ! -x "$MOTE" ]; then
    ninja -C "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" shell/mote >&2 || {
        echo "otp_run.sh: cannot build $MOTE" >&2
        exit 1
    }
fi
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    export BENCH_CALLS=${BENCH_CALLS:-10000} BENCH_CHILDREN=${BENCH_CHILDREN:-1000}
    export BENCH_RESTARTS=${BENCH_RESTARTS:-1000} BENCH_SUBSCRIBERS=${BENCH_SUBSCRIBERS:-1000}
fi

peers=(mote)
if command -v elixir >/dev/null; then peers+=(elixir); fi
mkdir -p bench/out
RAW="bench/out/otp-$(date -u +%Y%m%dT%H%M%SZ).txt"
: >"$RAW"
ERR=$(mktemp "${TMPDIR:-/tmp}/moteotp.XXXXXX")
trap 'rm -f "$ERR"' EXIT
echo "OTP benchmarks: ${peers[*]}, $RUNS runs, medians; raw: $RAW" >&2

# run_one PEER FILE — appends "peer prog key value" lines to $RAW.
run_one() {
    local peer=$1 file=$2 prog t0 t1 out status
    prog=$(basename "$file" .exs)
    t0=$(date +%s%N)
    case $peer in
        mote) out=$(timeout "$TIMEOUT" "$MOTE" run "$file" 2>"$ERR") ;;
        elixir) out=$(timeout "$TIMEOUT" elixir "$file" 2>"$ERR") ;;
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

for f in bench/otp/*.exs; do
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
    printf "%-16s %-18s %14s %14s %12s\n", "program", "metric", "mote", "elixir", "mote/elixir"
    for (i = 1; i <= nk; i++) {
        split(keys[i], kp, SUBSEP)
        if (kp[2] == "check") continue
        for (j = 1; j <= 2; j++) {
            p = (j == 1) ? "mote" : "elixir"
            k = p SUBSEP keys[i]
            v[p] = (k in vals) ? median(k) : ((k in text) ? text[k] : "-")
        }
        r = "-"
        if (v["elixir"] ~ /^[0-9.]+$/ && v["elixir"] + 0 != 0 && v["mote"] ~ /^[0-9.]+$/)
            r = sprintf("%.2f", v["mote"] / v["elixir"])
        printf "%-16s %-18s %14s %14s %12s\n", kp[1], kp[2], v["mote"], v["elixir"], r
    }
    print "(times in us or ms as named, inside the program; wall_ms is the whole command;"
    print " *_per_s: higher is better, everything else lower; crash reports go to stderr)"
}' "$RAW"
# A check value that differs between the runtimes means a wrong answer.
awk '$3 == "check" { c[$2 SUBSEP $1] = $4; p[$2] = 1 }
     END { for (g in p) if ((g SUBSEP "mote") in c && (g SUBSEP "elixir") in c && c[g SUBSEP "mote"] != c[g SUBSEP "elixir"])
               print "WARNING: " g ": mote computed " c[g SUBSEP "mote"] \
                     ", elixir " c[g SUBSEP "elixir"] }' "$RAW"
