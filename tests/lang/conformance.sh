#!/bin/sh
# Runs the shared conformance suite (../shared/conformance next to the
# project, as CI has it) with `mote run`, and fails when tiers 1 and 2
# together pass fewer than 90% of their cases. Skips (exit 77) without it.
# usage: conformance.sh MOTE_BINARY SOURCE_ROOT
set -u
mote="$1"
root="$2"
conf="$root/../shared/conformance"
[ -x "$conf/run.sh" ] || { echo "no $conf: skipped"; exit 77; }
out=$(mktemp)
JOBS="${JOBS:-2}" "$conf/run.sh" "$mote run" > "$out" 2>&1
grep '^tier' "$out"
tail -1 "$out"
awk '/^tier [12] / { split($(NF - 1), a, "/"); p += a[1]; t += a[2] }
     END { if (t == 0) exit 1; printf "tiers 1+2: %d/%d = %.1f%%\n", p, t, 100 * p / t; exit (p * 10 >= t * 9) ? 0 : 1 }' "$out"
rc=$?
rm -f "$out"
exit $rc
