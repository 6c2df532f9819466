#!/bin/sh
# repl_no_editor_in_libmote.sh LIBMOTE_SO MOTE — only the mote binary links
# the line editor (GNU readline is GPL; libedit is the other choice):
# libmote.so needs neither library and refers to none of their symbols.
lib="$1"
mote="$2"
fail=0
needed=$(readelf -d "$lib" | grep NEEDED)
case "$needed" in
    *readline*|*libedit*|*history*) echo "FAIL libmote_needs_no_line_editor: $needed"; fail=1 ;;
esac
syms=$(nm -D --undefined-only "$lib" | grep -E ' (readline|rl_[a-z_]+|add_history|el_[a-z_]+|history_[a-z_]+)$')
if [ -n "$syms" ]; then
    echo "FAIL libmote_uses_no_line_editor_symbol: $syms"; fail=1
fi
# The binary, on the other hand, has one (or the shell could not edit).
if ! readelf -d "$mote" | grep NEEDED | grep -qE 'readline|libedit'; then
    echo "FAIL the_mote_binary_links_a_line_editor"; fail=1
fi
[ $fail -eq 0 ] && echo "ok libmote links no line editor"
exit $fail
