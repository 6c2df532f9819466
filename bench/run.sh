#!/bin/bash
# run.sh — mote against its peers, same machine, same run, one table.
#
# usage: bench/run.sh            (make bench runs it after building)
#   BUILD=dir        build directory holding bench/bench_core (default: build)
#   BENCH_RUNS=n     runs per workload and runtime; the table shows medians (3)
#   BENCH_QUICK=1    small sizes, to check that everything runs
#   BENCH_ONLY=re    only the workloads whose name matches the regex
#   PEERS_DIR=dir    the peer programs (default: ../shared/peers)
#   CORE_BEFORE=path another bench_core (an older build), run as the column
#                    "before" next to mote, for before/after tables
# The peers are built from PEERS_DIR into a temporary directory (nothing is
# copied into the repository): bench.erl with erlc, bench.go with go build,
# bench_caf.cpp only when libcaf-dev is installed. Each workload runs on
# every available runtime in turn, run after run, so that the machine's
# noise falls on all of them alike. Raw RESULT lines go to bench/out/.
set -u
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
RUNS=${BENCH_RUNS:-3}
PEERS_DIR=${PEERS_DIR:-../shared/peers}
NPROC=$(nproc 2>/dev/null || echo 2)
MOTE_BIN="$BUILD/bench/bench_core"
TIMEOUT=${BENCH_TIMEOUT:-600}

if [ ! -x "$MOTE_BIN" ]; then
    echo "run.sh: $MOTE_BIN is missing; build first (make bench does)" >&2
    exit 1
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/motebench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p bench/out
RAW="bench/out/results-$(date -u +%Y%m%dT%H%M%SZ).txt"
: >"$RAW"

# ---- peers ---------------------------------------------------------------
peers=(mote)
if [ -n "${CORE_BEFORE:-}" ] && [ -x "$CORE_BEFORE" ]; then peers+=(before); fi
if command -v erlc >/dev/null && [ -f "$PEERS_DIR/bench.erl" ]; then
    mkdir -p "$TMP/erl"
    if erlc -o "$TMP/erl" "$PEERS_DIR/bench.erl"; then peers+=(erl); fi
fi
if command -v go >/dev/null && [ -f "$PEERS_DIR/bench.go" ]; then
    mkdir -p "$TMP/go/src"
    cp "$PEERS_DIR/bench.go" "$TMP/go/src/"
    if (cd "$TMP/go/src" && export GOFLAGS=-mod=mod GOCACHE="$TMP/go/cache" \
            GOPATH="$TMP/go/path" GO111MODULE=on &&
        go mod init gobench >/dev/null 2>&1 && go build -o "$TMP/go/gobench" .); then
        peers+=(go)
    fi
fi
if dpkg-query -W -f='${Status}' libcaf-dev 2>/dev/null | grep -q "ok installed" &&
    [ -f "$PEERS_DIR/bench_caf.cpp" ]; then
    if g++ -O2 -std=c++17 -o "$TMP/cafbench" "$PEERS_DIR/bench_caf.cpp" -lcaf_core -pthread; then
        peers+=(caf)
    fi
fi
echo "runtimes: ${peers[*]} (${NPROC} schedulers/threads each, $RUNS runs, medians)"

# run_peer PEER WORKLOAD ARGS... — prints RESULT lines, tagged by peer.
run_peer() {
    local peer=$1
    shift
    case $peer in
        mote) timeout "$TIMEOUT" "$MOTE_BIN" "$@" ;;
        before) timeout "$TIMEOUT" "$CORE_BEFORE" "$@" ;;
        erl) timeout "$TIMEOUT" erl +S "$NPROC" +P 4000000 -noshell -pa "$TMP/erl" \
                 -run bench main "$@" ;;
        go) GOMAXPROCS=$NPROC timeout "$TIMEOUT" "$TMP/go/gobench" "$@" ;;
        caf) timeout "$TIMEOUT" "$TMP/cafbench" "$@" ;;
    esac 2>"$TMP/stderr" | grep '^RESULT' | sed "s/peer=[a-z]*/peer=$peer/"
    if [ "${PIPESTATUS[0]}" -ne 0 ]; then
        echo "  $peer $*: failed: $(tail -n 3 "$TMP/stderr" | tr '\n' ' ')" >&2
    fi
}

# ---- workloads (sizes from docs/PERFORMANCE.md) --------------------------
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    workloads=("spawn 10000" "spawn 100000" "ring 100 1000" "skynet 10000 10 3"
               "pingpong 100000" "fanout 1000 10" "fairness 300 $NPROC")
else
    workloads=("spawn 100000" "spawn 1000000" "ring 1000 10000" "skynet 1000000 10 3"
               "pingpong 1000000" "fanout 10000 100" "fairness 2000 $NPROC")
fi

for wl in "${workloads[@]}"; do
    if [ -n "${BENCH_ONLY:-}" ] && ! [[ $wl =~ $BENCH_ONLY ]]; then continue; fi
    for r in $(seq 1 "$RUNS"); do
        for p in "${peers[@]}"; do
            echo "  run $r/$RUNS: $p $wl" >&2
            # shellcheck disable=SC2086
            run_peer "$p" $wl >>"$RAW"
        done
    done
done

# ---- the table -------------------------------------------------------------
# Rows: label | workload (regex on the RESULT workload) | metric per runtime
# (mote erl go caf; "-" = not measured) | lower or higher is better.
rows="spawn time, until idle (ms)|spawn_[0-9]+|spawn_until_idle_time spawn_until_idle_time spawn_until_idle_time spawn_until_idle_time|lower
spawn time, warm (ms)|spawn_[0-9]+|spawn_until_idle_time_warm spawn_until_idle_time_warm spawn_until_idle_time_warm spawn_until_idle_time_warm|lower
teardown (ms)|spawn_[0-9]+|teardown_time teardown_time teardown_time teardown_time|lower
bytes/proc, runtime's count|spawn_[0-9]+|mem_total_delta mem_total_delta mem_heap_plus_stack_inuse_delta mem_malloc_delta|lower
bytes/proc, OS view (RSS; go: Sys)|spawn_[0-9]+|mem_rss_delta - mem_sys_delta mem_rss_delta|lower
ring hops/s|ring|hops_per_s hops_per_s hops_per_s hops_per_s|higher
skynet cold (ms)|skynet|wall_time wall_time wall_time wall_time|lower
skynet warm (ms)|skynet|wall_time_warm wall_time_warm wall_time_warm wall_time_warm|lower
ping-pong round trip (ns)|pingpong|ns_per_roundtrip ns_per_roundtrip ns_per_roundtrip ns_per_roundtrip|lower
fan-out deliveries/s|fanout|deliveries_per_s deliveries_per_s deliveries_per_s deliveries_per_s|higher
busy: ping-pong p99 (ns)|fairness_busy[0-9]+|p99_ns p99_ns p99_ns p99_ns|lower
busy: ping-pong worst (ns)|fairness_busy[0-9]+|max_ns max_ns max_ns max_ns|lower"

echo
echo "raw results: $RAW"
awk -v rows="$rows" -v peers="${peers[*]}" '
function median(key,    n, i, j, t, a) {
    n = split(vals[key], a, " ")
    if (n == 0 || vals[key] == "") return ""
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
        if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function fmt(v) {
    if (v == "") return "-"
    if (v + 0 >= 1e6) return sprintf("%.3gM", v / 1e6)
    if (v + 0 >= 1000) return sprintf("%.0f", v)
    return sprintf("%.3g", v)
}
{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    key = f["peer"] SUBSEP f["workload"] SUBSEP f["metric"]
    vals[key] = vals[key] " " f["value"]
    seen[f["workload"]] = 1
}
END {
    np = split("mote before erl go caf", all, " ")
    col["mote"] = 1; col["before"] = 1; col["erl"] = 2; col["go"] = 3; col["caf"] = 4
    split(peers, have, " ")
    for (i in have) present[have[i]] = 1
    printf "%-36s %-14s %10s", "metric", "workload", "mote"
    if (present["before"]) printf " %10s", "before"
    printf " %10s %10s", "erl", "go"
    if (present["caf"]) printf " %10s", "caf"
    printf " %9s %9s  %s\n", "mote/erl", "mote/go", "mote ahead of every peer?"
    nw = 0
    for (w in seen) wl[++nw] = w
    for (i = 1; i <= nw; i++) for (j = i + 1; j <= nw; j++)
        if (length(wl[j]) < length(wl[i]) || (length(wl[j]) == length(wl[i]) && wl[j] < wl[i])) {
            t = wl[i]; wl[i] = wl[j]; wl[j] = t
        }
    nr = split(rows, row, "\n")
    for (r = 1; r <= nr; r++) {
        split(row[r], part, "|")
        split(part[3], metric, " ")
        for (k = 1; k <= nw; k++) {
            w = wl[k]
            if (w !~ ("^" part[2] "$")) continue
            for (i = 1; i <= np; i++) {
                p = all[i]; m = metric[col[p]]
                v[p] = (m == "-" || !present[p]) ? "" : median(p SUBSEP w SUBSEP m)
            }
            if (v["mote"] == "") continue
            printf "%-36s %-14s %10s", part[1], w, fmt(v["mote"])
            if (present["before"]) printf " %10s", fmt(v["before"])
            printf " %10s %10s", fmt(v["erl"]), fmt(v["go"])
            if (present["caf"]) printf " %10s", fmt(v["caf"])
            ahead = "yes"; any = 0
            for (i = 1; i <= np; i++) {
                p = all[i]
                if (p == "mote" || p == "before" || v[p] == "") continue
                any = 1
                if (part[4] == "lower" && v["mote"] + 0 > v[p] + 0) ahead = "no"
                if (part[4] == "higher" && v["mote"] + 0 < v[p] + 0) ahead = "no"
            }
            re = (v["erl"] != "" && v["erl"] + 0 != 0) ? sprintf("%.2f", v["mote"] / v["erl"]) : "-"
            rg = (v["go"] != "" && v["go"] + 0 != 0) ? sprintf("%.2f", v["mote"] / v["go"]) : "-"
            printf " %9s %9s  %s (%s is better)\n", re, rg, any ? ahead : "n/a", part[4]
        }
    }
}' "$RAW"

# The language benchmarks (bench/lang/*.exs against real Elixir).
echo
BUILD=$BUILD bench/lang_run.sh

# The OTP benchmarks (bench/otp/*.exs against real Elixir).
echo
BUILD=$BUILD bench/otp_run.sh

# The observer's cost (bench/top_run.sh: mote, and an erl node of the same
# shape sampled as observer_cli does).
echo
BUILD=$BUILD bench/top_run.sh
