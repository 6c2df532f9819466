#!/usr/bin/env bash
# Dev tool, not part of CI: runs mote on the cases scripts/doctest_probe.exs
# generated and prints a pass count per module and the failures.
#   usage: scripts/doctest_run.sh [CASES_DIR] [MOTE]
#     CASES_DIR  default /tmp/doctests
#     MOTE       default build-doctest/shell/mote
#   env: JOBS, TIMEOUT, VERBOSE=1 (diffs), FILTER=regex, as for run.sh
# The per-case work is the conformance runner's own (run.sh); this adds the
# per-module summary, which the module part of each case name gives.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIR="${1:-/tmp/doctests}"
MOTE="${2:-$HERE/../build-doctest/shell/mote}"
RUN="${RUN_SH:-$HERE/../../shared/conformance/run.sh}"  # ../shared next to the project, as CI has it
export JOBS="${JOBS:-2}"
log="$(mktemp "${TMPDIR:-/tmp}/doctest_run.XXXXXX")"
trap 'rm -f "$log"' EXIT
"$RUN" "$MOTE run" "$DIR" > "$log"
rc=$?
grep -v '^tier \|^---- per-tier\|^running ' "$log"
# module of a case: doc_<module>_<fun>_<arity>_<n>; modules are matched
# against the list of case names, longest module prefix first.
mods="kernel_special_forms naive_date_time date_time inspect_algebra string_chars list_chars"
echo "---- per module (passed/total)"
ls "$DIR" | sed -n 's/\.exs$//p' | { [ -n "${FILTER:-}" ] && grep -E -- "$FILTER" || cat; } |
  awk -v mods="$mods" -v fails="$(grep '^FAIL ' "$log" | awk '{print $2}' | tr '\n' ' ')" '
    BEGIN { n = split(mods, long, " "); m = split(fails, f, " "); for (i = 1; i <= m; i++) bad[f[i]] = 1 }
    {
      s = substr($0, 5); mod = ""
      for (i = 1; i <= n; i++) if (index(s, long[i] "_") == 1) { mod = long[i]; break }
      if (mod == "") { split(s, p, "_"); mod = p[1] }
      t[mod]++; if (!($0 in bad)) ok[mod]++
    }
    END { for (k in t) printf "%-22s %4d/%-4d\n", k, ok[k] + 0, t[k] }' | LC_ALL=C sort
exit $rc
