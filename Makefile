# The two commands the README opens with, plus a few conveniences. All the
# work is in scripts/ (so CI, make and a person at a terminal run the same
# steps) and in meson; this file only names the steps.
#
#   make run     install missing Debian packages, build, start build/mote
#   make check   the same set-up, then every test in every build (scripts/check.sh)
#   make bench   the benchmarks against the peers (bench/run.sh)
#
# BUILD=dir picks another build directory (default: build); ARGS=... is
# passed to mote by `make run`.

BUILD ?= build
ARGS ?=

.PHONY: run check bench build deps clean

run:
	@scripts/deps.sh build
	@TARGETS=mote scripts/build.sh $(BUILD)
	exec $(BUILD)/mote $(ARGS)

check:
	@scripts/deps.sh test
	@BUILD=$(BUILD) scripts/check.sh

bench:
	@scripts/deps.sh test
	@TARGETS="bench/bench_core bench/bench_top" scripts/build.sh $(BUILD)
	@BUILD=$(BUILD) bench/run.sh

build:
	@scripts/deps.sh build
	@scripts/build.sh $(BUILD)

deps:
	@scripts/deps.sh test

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-tsan
