#!/bin/sh
# test_run.sh — `mote run` and `mote -e` hand code to the language and
# exit with the script's status, as Elixir's own command does.
#
# usage: test_run.sh MOTE_BINARY
set -u
mote=${1:?usage: test_run.sh MOTE_BINARY}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect WHAT WANT_STATUS WANT_STDOUT -- command...
expect() {
    what=$1 want_rc=$2 want_out=$3
    shift 4
    out=$("$@" 2>"$tmp/err")
    rc=$?
    if [ "$rc" -ne "$want_rc" ]; then
        echo "FAIL: $what: exit status $rc, expected $want_rc ($(head -c 200 "$tmp/err"))"
        fail=1
    elif [ "$out" != "$want_out" ]; then
        echo "FAIL: $what: printed '$out', expected '$want_out'"
        fail=1
    fi
}

printf 'IO.puts("hello from a script")\n' >"$tmp/ok.exs"
printf 'raise "boom"\n' >"$tmp/raise.exs"

expect "run prints and exits 0" 0 "hello from a script" -- "$mote" run "$tmp/ok.exs"
expect "-e evaluates" 0 "3" -- "$mote" -e 'IO.puts(1 + 2)'
expect "arguments reach System.argv" 0 '["a", "b"]' -- "$mote" -e 'IO.inspect(System.argv())' a b
expect "System.halt sets the status" 0 "" -- "$mote" -e 'System.halt(0)'
expect "System.halt(3) exits 3" 3 "" -- "$mote" -e 'System.halt(3)'
expect "an uncaught error exits 1" 1 "" -- "$mote" run "$tmp/raise.exs"
expect "a missing file exits 1" 1 "" -- "$mote" run "$tmp/missing.exs"
expect "run without a file is a usage error" 2 "" -- "$mote" run
expect "-e without an expression is a usage error" 2 "" -- "$mote" -e

"$mote" run "$tmp/raise.exs" 2>"$tmp/err" >/dev/null
if ! grep -q "RuntimeError" "$tmp/err"; then
    echo "FAIL: an uncaught error is not reported on stderr as ** (RuntimeError)"
    fail=1
fi
exit $fail
