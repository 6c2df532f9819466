#!/bin/sh
# test_man_api.sh — man/libmote.3 documents every function mote.h declares.
#
# usage: test_man_api.sh SOURCE_ROOT
# STYLE.md asks that the header and the man page be kept in step; this
# catches a function added to mote.h and forgotten in the page.
set -u
root=${1:?usage: test_man_api.sh SOURCE_ROOT}
fail=0
funcs=$(grep -E '^MOTE_API' "$root/runtime/include/mote.h" |
        grep -o -E 'mote_[a-z0-9_]+\(' | tr -d '(' | sort -u)
[ -n "$funcs" ] || { echo "FAIL: no MOTE_API functions found in mote.h"; exit 1; }
for f in $funcs; do
    if ! grep -q -F -e "$f" "$root/man/libmote.3"; then
        echo "FAIL: $f is declared in mote.h but missing from man/libmote.3"
        fail=1
    fi
done
echo "checked $(echo "$funcs" | wc -l) functions"
exit $fail
