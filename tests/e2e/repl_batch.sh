#!/bin/sh
# repl_batch.sh MOTE — with stdin not a terminal, mote evaluates stdin in
# order, prints each result, keeps bindings, and exits 1 when any input
# failed (0 otherwise): usable in pipelines.
mote="$1"
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
[ $fail -eq 0 ] && echo "ok repl batch mode"
exit $fail
