#!/bin/sh
# repl_batch.sh MOTE — with stdin not a terminal, mote evaluates stdin in
# order, prints each result, keeps bindings, and exits 1 when any input
# failed (0 otherwise): usable in pipelines. .mote.exs runs first unless
# --no-startup; IO.gets reads the next piped line.
mote="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
fail=0
out=$(printf 'x = 20\nx + 1\n[1,\n 2]\n' | "$mote" 2>/dev/null)
st=$?
expected=$(printf '20\n21\n[1, 2]')
if [ "$out" != "$expected" ] || [ $st -ne 0 ]; then
    echo "FAIL piped_inputs_print_results: status $st, got: $out"; fail=1
fi
out=$(printf 'y = 1\n1 = 2\ny + 1\n' | "$mote" 2>/tmp/repl_batch_err.$$)
st=$?
err=$(cat /tmp/repl_batch_err.$$); rm -f /tmp/repl_batch_err.$$
if [ $st -ne 1 ] || [ "$out" != "$(printf '1\n2')" ]; then
    echo "FAIL a_failed_input_makes_status_1_and_goes_on: status $st, got: $out"; fail=1
fi
case "$err" in
    *"** (MatchError) no match of right hand side value: 2"*) ;;
    *) echo "FAIL the_error_goes_to_stderr: $err"; fail=1 ;;
esac
dir=$(mktemp -d)
echo 'from_startup = 5' > "$dir/.mote.exs"
out=$(cd "$dir" && echo 'from_startup * 2' | HOME="$dir" "$mote" 2>/dev/null)
[ "$out" = "10" ] || { echo "FAIL startup_file_runs_first: got $out"; fail=1; }
out=$(cd "$dir" && echo 'from_startup * 2' | HOME="$dir" "$mote" --no-startup 2>/dev/null)
st=$?
[ $st -eq 1 ] && [ -z "$out" ] || { echo "FAIL no_startup_skips_it: status $st, got $out"; fail=1; }
out=$(printf 'name = IO.gets("")\nread by IO.gets\nname\n' | "$mote" --no-startup 2>/dev/null | tail -n 1)
[ "$out" = '"read by IO.gets\n"' ] || { echo "FAIL io_gets_reads_the_next_piped_line: got $out"; fail=1; }
rm -rf "$dir"
[ $fail -eq 0 ] && echo "ok repl batch mode"
exit $fail
