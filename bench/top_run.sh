#!/bin/sh
# top_run.sh — what observing costs (issue 6): bench_top on mote, and the
# same shape sampled observer_cli-style on an erl node when erl is
# installed (bench/top_peer.erl), in one run, then one table with the
# mote/erl ratios. make bench runs it.
#
# usage: bench/top_run.sh
#   BUILD=dir          build directory holding bench/bench_top (default: build)
#   TOP_BEFORE=path    another bench_top (an older build), run the same way
#                      as the column "before", for before/after tables
#   TOP_IDLE, TOP_BUSY idle and busy processes (default 1000000 and 1000)
#   TOP_N              snapshots, one per second (default 5)
#   TOP_ERL_IDLE       idle processes of the smaller shape, the one erl runs
#                      (default 100000: at a million, process_info sampling
#                      next to 1000 busy processes takes minutes per
#                      snapshot on a 2-core box)
#   TOP_ERL_N          snapshots on the erl side (default 3)
#   TOP_ERL_TIMEOUT    seconds before the erl side is given up (default 900)
# The raw RESULT lines go to bench/out/top-<time>.txt.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
IDLE=${TOP_IDLE:-1000000}
BUSY=${TOP_BUSY:-1000}
N=${TOP_N:-5}
ERL_IDLE=${TOP_ERL_IDLE:-100000}
ERL_N=${TOP_ERL_N:-3}
ERL_TIMEOUT=${TOP_ERL_TIMEOUT:-900}
BEFORE=${TOP_BEFORE:-}

bin="$BUILD/bench/bench_top"
if [ ! -x "$bin" ]; then
    echo "top_run.sh: $bin is missing; build first (make bench does)" >&2
    exit 1
fi
if [ -n "$BEFORE" ] && [ ! -x "$BEFORE" ]; then
    echo "top_run.sh: TOP_BEFORE=$BEFORE is not an executable" >&2
    exit 1
fi
mkdir -p bench/out
RAW="bench/out/top-$(date -u +%Y%m%dT%H%M%SZ).txt"
: >"$RAW"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/motetop.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "observer cost: $IDLE and $ERL_IDLE idle + $BUSY busy processes, $N snapshots" \
    "at 1 Hz (top 50 by reds); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

# mote PEER BIN IDLE WORKLOAD — one bench_top run, tagged.
mote() {
    "$2" "$3" "$BUSY" "$N" 1000 2>"$tmp/stderr" |
        sed "s/peer=mote/peer=$1/; s/workload=top /workload=$4 /" >>"$RAW" ||
        echo "top_run.sh: $1 $3: $(tail -n 2 "$tmp/stderr" | tr '\n' ' ')" >&2
}

mote mote "$bin" "$IDLE" top
[ -n "$BEFORE" ] && mote before "$BEFORE" "$IDLE" top
if [ "$ERL_IDLE" != "$IDLE" ]; then
    mote mote "$bin" "$ERL_IDLE" top_small
    [ -n "$BEFORE" ] && mote before "$BEFORE" "$ERL_IDLE" top_small
fi
if command -v erlc >/dev/null 2>&1 && command -v erl >/dev/null 2>&1; then
    if erlc -o "$tmp" bench/top_peer.erl; then
        timeout "$ERL_TIMEOUT" erl -noshell +P 2000000 -pa "$tmp" \
            -run top_peer main "$ERL_IDLE" "$BUSY" "$ERL_N" 1000 2>/dev/null |
            sed 's/workload=top /workload=top_small /' >>"$RAW" ||
            echo "top_run.sh: the erl side did not finish within ${ERL_TIMEOUT}s" >&2
    fi
else
    echo "top_run.sh: erl not installed; mote side only" >&2
fi
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); raw results: $RAW"
echo

# The table: one row per metric and shape; erl measures only the build
# time (and its whole node's CPU, which includes the busy processes' work
# and so is shown apart, not as a ratio).
awk -v before="$BEFORE" '
function fmt(v) {
    if (v == "") return "-"
    if (v + 0 >= 1000) return sprintf("%.0f", v)
    return sprintf("%.3g", v)
}
/^RESULT / {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    val[f["peer"] SUBSEP f["workload"] SUBSEP f["metric"]] = f["value"]
    seen[f["workload"]] = 1
}
END {
    rows = "snapshot build, median (ms)|snapshot_build_ms_median|snapshot_build_ms_median\n" \
           "snapshot build, worst (ms)|snapshot_build_ms_max|snapshot_build_ms_max\n" \
           "CPU per snapshot, median (ms)|observer_cpu_ms_median|-\n" \
           "CPU of the first snapshot (ms)|observer_cpu_ms_first|-\n" \
           "share of a core at 1 Hz, all (%)|observer_cpu_pct|-\n" \
           "share of a core at 1 Hz, steady (%)|observer_cpu_pct_steady|-\n" \
           "erl node CPU per snapshot (ms)|-|node_cpu_ms_per_snapshot"
    nr = split(rows, row, "\n")
    printf "%-36s %-10s %10s", "metric", "processes", "mote"
    if (before != "") printf " %10s", "before"
    printf " %10s %9s\n", "erl", "mote/erl"
    nw = split("top top_small", wl, " ")
    for (k = 1; k <= nw; k++) {
        w = wl[k]
        if (!(w in seen)) continue
        procs = val["mote" SUBSEP w SUBSEP "processes"]
        if (procs == "") procs = val["erl" SUBSEP w SUBSEP "processes"]
        for (r = 1; r <= nr; r++) {
            split(row[r], part, "|")
            m = (part[2] == "-") ? "" : val["mote" SUBSEP w SUBSEP part[2]]
            b = (part[2] == "-") ? "" : val["before" SUBSEP w SUBSEP part[2]]
            e = (part[3] == "-") ? "" : val["erl" SUBSEP w SUBSEP part[3]]
            if (m == "" && e == "") continue
            ratio = (m != "" && e != "" && e + 0 != 0) ? sprintf("%.4f", m / e) : "-"
            printf "%-36s %-10s %10s", part[1], sprintf("%.0f", procs), fmt(m)
            if (before != "") printf " %10s", fmt(b)
            printf " %10s %9s\n", fmt(e), ratio
        }
    }
    print "(lower is better everywhere; \"steady\" leaves out the first snapshot, which"
    print " also pays the page faults of the per-slot array; erl node CPU counts every"
    print " scheduler, busy processes included, so it has no ratio)"
}' "$RAW"
