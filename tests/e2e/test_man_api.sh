#!/bin/sh
# test_man_api.sh — man/libmote.3 documents every function mote.h declares,
# and names nothing (function, type, constant) that mote.h lacks.
#
# usage: test_man_api.sh SOURCE_ROOT
# STYLE.md asks that the header and the man page be kept in step; this
# catches a function added to mote.h and forgotten in the page, and a name
# renamed or removed in mote.h that the page still offers.
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

# The other way: every mote_ or MOTE_ word of the page (font escapes
# removed) is a word of mote.h.
names=$(sed 's/\\f[BIRP]//g' "$root/man/libmote.3" | grep -o -E '\b(mote|MOTE)_[A-Za-z0-9_]+' | sort -u)
[ -n "$names" ] || { echo "FAIL: no mote_ names found in man/libmote.3"; exit 1; }
for n in $names; do
    if ! grep -q -w -e "$n" "$root/runtime/include/mote.h"; then
        echo "FAIL: $n is in man/libmote.3 but not in mote.h"
        fail=1
    fi
done
echo "checked $(echo "$names" | wc -l) names of the page"
exit $fail
