#!/bin/sh
# build.sh — configure (once) and compile one build directory.
#
# usage: scripts/build.sh DIR [meson -D options...]
# A fresh DIR is set up with the options given; an existing one is
# reconfigured with them, which also picks up test files added since (the
# test lists in tests/meson.build only include files that exist).
# TARGETS="a b" builds only those ninja targets (default: everything);
# `make run` asks for just `mote`, so a broken test cannot stop the shell.
set -eu
cd "$(dirname "$0")/.."

dir=${1:?usage: scripts/build.sh DIR [options]}
shift
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

if [ -f "$dir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$dir" "$@" >"$dir/setup.log" 2>&1 || {
        cat "$dir/setup.log" >&2
        exit 1
    }
else
    meson setup "$dir" "$@"
fi
# shellcheck disable=SC2086
ninja -C "$dir" -j"$jobs" ${TARGETS:-}
