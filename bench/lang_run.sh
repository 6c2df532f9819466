#!/bin/bash
# lang_run.sh — the language benchmarks (bench/lang/*.exs) on mote and on
# real Elixir, side by side in one run, one table.
#
# usage: bench/lang_run.sh       (make bench runs it after bench/run.sh)
#   BUILD=dir          build directory holding shell/mote (default: build);
#                      the mote binary is built there if it is missing
#   BENCH_RUNS=n       runs per program and runtime; the table shows medians (3)
#   BENCH_QUICK=1      small process counts, to check that everything runs
#   BENCH_ONLY=re      only the programs whose name matches the regex
#   MOTE_BEFORE=path   another mote binary (an older build) run as a third
#                      column, "before", for before/after tables
#   BENCH_INTERP=0     leave out the "interp" column (mote with MOTE_JIT=0,
#                      the interpreter alone), which this suite shows by default
# The run and the table are bench/exs_run.sh's (RESULT lines, wall_ms,
# medians, the mote/elixir ratio); this file sets the suite's sizes.
set -u
cd "$(dirname "$0")/.."

if [ "${BENCH_QUICK:-0}" = 1 ]; then
    export BENCH_SPAWN_N=${BENCH_SPAWN_N:-10000}
else
    export BENCH_SPAWN_N=${BENCH_SPAWN_N:-1000000}
fi
export BENCH_INTERP=${BENCH_INTERP:-1}
exec bench/exs_run.sh lang "language benchmarks" "p99 aim: under 10 ms"
