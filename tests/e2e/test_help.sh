#!/bin/sh
# test_help.sh — the mote command documents every flag it has, and the
# documents name nothing it lacks.
#
# usage: test_help.sh MOTE_BINARY SOURCE_ROOT
# - every flag that `mote --help` prints is in man/mote.1 and README.md,
#   and every flag in mote.1's SYNOPSIS and OPTIONS and in the README's
#   table of the mote command is in `mote --help`;
# - the same both ways for `mote top --help` and man/mote-top.1's
#   SYNOPSIS, and its flags are in README.md;
# - every environment variable under "environment:" in `mote --help` is in
#   mote.1's ENVIRONMENT section and in README.md, and every one there is
#   in `mote --help`;
# - every shell helper (name/arity) in `mote --help` is in README.md's
#   helper list and in mote.1 (as name( ), and the README lists no helper
#   that --help lacks;
# - --version prints the version; an unknown flag is refused with exit
#   status 2 and a message naming it.
set -u
mote=${1:?usage: test_help.sh MOTE_BINARY SOURCE_ROOT}
root=${2:?usage: test_help.sh MOTE_BINARY SOURCE_ROOT}
fail=0

# Flags: words starting with one or two dashes after a space, comma,
# bracket or parenthesis (so TOP-OPTIONS or a-b are not flags).
flags_in() {
    grep -o -E '(^|[ ,[(|`])--?[A-Za-z][A-Za-z0-9-]*' | sed -E 's/^[ ,[(|`]//' | sort -u
}

# The text of one .SH section of a man page, dashes unescaped.
man_section() {
    sed 's/\\-/-/g' "$1" | awk -v want="$2" '/^\.SH /{on = ($2 == want)} on'
}

# Fails unless haystack (stdin) holds needle as a fixed string.
has() {
    grep -q -F -e "$1"
}

# each_in ITEMS SET WHAT: every word of ITEMS is a whole line of SET; a
# FAIL line for each that is not ("WHAT" says where it came from and what
# lacks it, with %s for the item).
each_in() {
    for x in $1; do
        printf '%s\n' "$2" | grep -q -x -F -e "$x" ||
            { printf "FAIL: $3\n" "$x"; fail=1; }
    done
}

help=$("$mote" --help) || { echo "FAIL: mote --help exited $?"; exit 1; }
flags=$(printf '%s\n' "$help" | flags_in)
[ -n "$flags" ] || { echo "FAIL: no flags found in mote --help"; exit 1; }

man_text=$(sed 's/\\-/-/g' "$root/man/mote.1")
readme=$(cat "$root/README.md")
for f in $flags; do
    printf '%s\n' "$man_text" | has "$f" ||
        { echo "FAIL: flag $f (in mote --help) is missing from man/mote.1"; fail=1; }
    printf '%s\n' "$readme" | has "$f" ||
        { echo "FAIL: flag $f (in mote --help) is missing from README.md"; fail=1; }
done
echo "checked flags: $(echo $flags)"

# The other way: what the documents offer, --help must print.
man_flags=$({ man_section "$root/man/mote.1" SYNOPSIS; man_section "$root/man/mote.1" OPTIONS; } |
            flags_in)
readme_flags=$(awk '/^## The mote command/{on=1; next} /^## /{on=0} on && /^\|/' "$root/README.md" |
               cut -d'|' -f2 | flags_in)
[ -n "$man_flags" ] || { echo "FAIL: no flags found in man/mote.1's SYNOPSIS and OPTIONS"; fail=1; }
[ -n "$readme_flags" ] || { echo "FAIL: no flags found in README.md's table of the mote command"; fail=1; }
each_in "$man_flags" "$flags" "flag %s (in man/mote.1) is missing from mote --help"
each_in "$readme_flags" "$flags" "flag %s (in README.md's table) is missing from mote --help"

# mote top: its own usage against mote-top.1 and the README.
top_help=$("$mote" top --help) || { echo "FAIL: mote top --help exited $?"; fail=1; }
top_flags=$(printf '%s\n' "$top_help" | flags_in)
top_man=$(sed 's/\\-/-/g' "$root/man/mote-top.1")
top_syn=$(man_section "$root/man/mote-top.1" SYNOPSIS | flags_in)
[ -n "$top_flags" ] || { echo "FAIL: no flags found in mote top --help"; fail=1; }
for f in $top_flags; do
    printf '%s\n' "$top_man" | has "$f" ||
        { echo "FAIL: flag $f (in mote top --help) is missing from man/mote-top.1"; fail=1; }
    printf '%s\n' "$readme" | grep -q -E -e "(^|[ \`(])$f([^A-Za-z0-9-]|\$)" ||
        { echo "FAIL: flag $f (in mote top --help) is missing from README.md"; fail=1; }
done
each_in "$top_syn" "$top_flags" "flag %s (in mote-top.1's SYNOPSIS) is missing from mote top --help"
echo "checked top flags: $(echo $top_flags)"

# Environment variables: the names at the start of the lines under
# "environment:" in --help.
envs=$(printf '%s\n' "$help" | awk '/^environment:/{on=1; next} /^[^ ]/{on=0} on' |
       grep -o -E '^  [A-Z][A-Z0-9_]+' | sed 's/^  //')
[ -n "$envs" ] || { echo "FAIL: no environment variables found in mote --help"; fail=1; }
man_env=$(man_section "$root/man/mote.1" ENVIRONMENT)
for v in $envs; do
    printf '%s\n' "$man_env" | grep -q -x -F -e ".B $v" ||
        { echo "FAIL: variable $v (in mote --help) is missing from man/mote.1's ENVIRONMENT"; fail=1; }
    printf '%s\n' "$readme" | has "$v" ||
        { echo "FAIL: variable $v (in mote --help) is missing from README.md"; fail=1; }
done
man_envs=$(printf '%s\n' "$man_env" | sed -n 's/^\.B \([A-Z][A-Z0-9_]*\)$/\1/p')
each_in "$man_envs" "$envs" "variable %s (in man/mote.1's ENVIRONMENT) is missing from mote --help"
echo "checked environment: $(echo $envs)"

# Shell helpers, as name/arity.
helpers=$(printf '%s\n' "$help" | awk '/^shell helpers:/{on=1} /^$/{on=0} on' |
          grep -o -E '[a-z_]+/[0-9]+' | sort -u)
readme_helpers=$(printf '%s\n' "$readme" | tr '\n' ' ' |
                 sed -n 's/.*Helpers: `\([^`]*\)`.*/\1/p' | grep -o -E '[a-z_]+/[0-9]+' | sort -u)
[ -n "$helpers" ] || { echo "FAIL: no shell helpers found in mote --help"; fail=1; }
[ -n "$readme_helpers" ] || { echo "FAIL: no 'Helpers: \`...\`' list found in README.md"; fail=1; }
each_in "$helpers" "$readme_helpers" "helper %s (in mote --help) is missing from README.md's helper list"
each_in "$readme_helpers" "$helpers" "helper %s (in README.md) is missing from mote --help"
for h in $helpers; do
    printf '%s\n' "$man_text" | grep -q -E "(^|[^a-z_])${h%/*}\(" ||
        { echo "FAIL: helper $h (in mote --help) is missing from man/mote.1"; fail=1; }
done
echo "checked helpers: $(echo $helpers)"

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
