#!/bin/sh
# top_run.sh — what observing costs (issue 6): bench_top on mote, and the
# same shape sampled observer_cli-style on an erl node when erl is
# installed (bench/top_peer.erl), in one run. make bench runs it.
#
# usage: bench/top_run.sh
#   BUILD=dir          build directory holding bench/bench_top (default: build)
#   TOP_IDLE, TOP_BUSY idle and busy processes (default 1000000 and 1000)
#   TOP_N              snapshots, one per second (default 5)
#   TOP_ERL_IDLE       idle processes on the erl side (default 100000: at a
#                      million, process_info sampling next to 1000 busy
#                      processes takes minutes per snapshot on a 2-core box)
#   TOP_ERL_N          snapshots on the erl side (default 3)
#   TOP_ERL_TIMEOUT    seconds before the erl side is given up (default 900)
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
IDLE=${TOP_IDLE:-1000000}
BUSY=${TOP_BUSY:-1000}
N=${TOP_N:-5}
ERL_IDLE=${TOP_ERL_IDLE:-100000}
ERL_N=${TOP_ERL_N:-3}
ERL_TIMEOUT=${TOP_ERL_TIMEOUT:-900}

bin="$BUILD/bench/bench_top"
if [ ! -x "$bin" ]; then
    echo "top_run.sh: $bin is missing; build first (make bench does)" >&2
    exit 1
fi
echo "observer cost: $IDLE idle + $BUSY busy processes, $N snapshots at 1 Hz (top 50 by reds)"
"$bin" "$IDLE" "$BUSY" "$N" 1000 2>/dev/null
if [ "$ERL_IDLE" != "$IDLE" ]; then
    "$bin" "$ERL_IDLE" "$BUSY" "$N" 1000 2>/dev/null | sed 's/workload=top/workload=top_small/'
fi
if command -v erlc >/dev/null 2>&1 && command -v erl >/dev/null 2>&1; then
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/motetop.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    if erlc -o "$tmp" bench/top_peer.erl; then
        timeout "$ERL_TIMEOUT" erl -noshell +P 2000000 -pa "$tmp" \
            -run top_peer main "$ERL_IDLE" "$BUSY" "$ERL_N" 1000 2>/dev/null |
            sed 's/workload=top/workload=top_small/' ||
            echo "top_run.sh: the erl side did not finish within ${ERL_TIMEOUT}s" >&2
    fi
else
    echo "top_run.sh: erl not installed; mote side only" >&2
fi
