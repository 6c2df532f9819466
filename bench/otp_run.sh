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
# The run and the table are bench/exs_run.sh's (RESULT lines, wall_ms,
# medians, the mote/elixir ratio); this file sets the suite's sizes.
set -u
cd "$(dirname "$0")/.."

if [ "${BENCH_QUICK:-0}" = 1 ]; then
    export BENCH_CALLS=${BENCH_CALLS:-10000} BENCH_CHILDREN=${BENCH_CHILDREN:-1000}
    export BENCH_RESTARTS=${BENCH_RESTARTS:-1000} BENCH_SUBSCRIBERS=${BENCH_SUBSCRIBERS:-1000}
fi
exec bench/exs_run.sh otp "OTP benchmarks" "crash reports go to stderr"
