#!/bin/sh
# test_help.sh — the mote command documents every flag it has.
#
# usage: test_help.sh MOTE_BINARY SOURCE_ROOT
# Every flag that `mote --help` prints must appear in man/mote.1 and in
# README.md; --version prints the version; an unknown flag is refused with
# exit status 2 and a message naming it.
set -u
mote=${1:?usage: test_help.sh MOTE_BINARY SOURCE_ROOT}
root=${2:?usage: test_help.sh MOTE_BINARY SOURCE_ROOT}
fail=0

help=$("$mote" --help) || { echo "FAIL: mote --help exited $?"; exit 1; }
# Flags: words starting with one or two dashes, as the help text writes them.
flags=$(printf '%s\n' "$help" | grep -o -E '(^|[ ,[])--?[A-Za-z][A-Za-z0-9-]*' |
        sed -E 's/^[ ,[]//' | sort -u)
[ -n "$flags" ] || { echo "FAIL: no flags found in mote --help"; exit 1; }

# man writes a dash as \- ; undo that before searching.
man_text=$(sed 's/\\-/-/g' "$root/man/mote.1")
readme=$(cat "$root/README.md")
for f in $flags; do
    if ! printf '%s\n' "$man_text" | grep -q -F -e "$f"; then
        echo "FAIL: flag $f (in mote --help) is missing from man/mote.1"; fail=1
    fi
    if ! printf '%s\n' "$readme" | grep -q -F -e "$f"; then
        echo "FAIL: flag $f (in mote --help) is missing from README.md"; fail=1
    fi
done
echo "checked flags: $(echo $flags)"

case $("$mote" --version) in
    "mote "[0-9]*) ;;
    *) echo "FAIL: mote --version does not print 'mote <version>'"; fail=1 ;;
esac

err=$("$mote" --no-such-flag 2>&1 >/dev/null)
rc=$?
if [ "$rc" -ne 2 ]; then
    echo "FAIL: an unknown flag exits $rc, expected 2"; fail=1
fi
case $err in
    *--no-such-flag*) ;;
    *) echo "FAIL: the error for an unknown flag does not name it: $err"; fail=1 ;;
esac
exit $fail
