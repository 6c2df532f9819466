#!/bin/sh
# deps.sh — install the Debian packages mote needs, and only those missing.
#
# usage: scripts/deps.sh build|test
#   build: what compiling mote needs (compiler tools, libraries, cmocka)
#   test:  the above plus what the tests and benchmarks use (erl, go, tmux,
#          valgrind)
# Runs apt-get update at most once, and only when something is missing, so
# a machine that has everything is never touched. Uses sudo when not root.
# Never prompts: CI runs it with no stdin.
set -eu

BUILD_PKGS="libc6-dev meson ninja-build pkg-config libcmocka-dev libreadline-dev libedit-dev \
libncurses-dev libcurl4-openssl-dev libgmp-dev libpcre2-dev"
TEST_PKGS="erlang-base golang-go tmux valgrind"

want="$BUILD_PKGS"
case "${1:-build}" in
    build) ;;
    test) want="$want $TEST_PKGS" ;;
    *) echo "deps.sh: unknown set '$1' (expected build or test)" >&2; exit 2 ;;
esac

# Not on Debian (or a derivative): say what is needed and carry on; meson
# will name whatever is really missing.
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "deps.sh: no apt/dpkg here; make sure these are installed: $want" >&2
    exit 0
fi

missing=""
for p in $want; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *"ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
    # -n fails instead of prompting; fall back to a prompting sudo only
    # when a terminal is there to answer it.
    if ! sudo -n true 2>/dev/null; then
        if [ -t 0 ]; then SUDO="sudo"; else
            echo "deps.sh: need root to install:$missing (sudo asks for a password and there is no terminal)" >&2
            exit 1
        fi
    fi
else
    echo "deps.sh: need root to install:$missing (not root, and no sudo)" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
