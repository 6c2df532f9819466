#!/bin/sh
# Runs the shared conformance suite (../shared/conformance next to the
# project, as CI has it) with `mote run` and gates it per tier: every tier
# named in CONF_GATE_TIERS (default "1 2 3") must pass at least CONF_GATE_PCT
# percent (default 90) of its own cases, counted separately, so a strong
# tier cannot hide a weak one. Other tiers (3, OTP, until the lead adds it
# to the list) are printed with the same figures but do not decide the
# result. A gated tier with no cases at all fails: the gate would
# otherwise pass by running nothing. Skips (exit 77) without the cases.
# usage: conformance.sh MOTE_BINARY SOURCE_ROOT
# env:   CONF_GATE_TIERS, CONF_GATE_PCT, JOBS (default 2), TIMEOUT (per case)
set -u
mote="$1"
root="$2"
conf="$root/../shared/conformance"
gate_tiers="${CONF_GATE_TIERS:-1 2 3}"
gate_pct="${CONF_GATE_PCT:-90}"
[ -x "$conf/run.sh" ] || { echo "no $conf: skipped"; exit 77; }
out=$(mktemp)
JOBS="${JOBS:-2}" "$conf/run.sh" "$mote run" > "$out" 2>&1
grep '^FAIL ' "$out"
tail -1 "$out"
# run.sh prints "tier N (label): P/T passed"; field NF-1 is P/T.
awk -v gate=" $gate_tiers " -v pct="$gate_pct" '
    /^tier [0-9?]+ / {
        split($(NF - 1), a, "/"); p[$2] = a[1]; t[$2] = a[2]; seen[$2] = 1
    }
    END {
        bad = 0
        for (k in seen) {
            gated = index(gate, " " k " ") > 0
            ok = (t[k] > 0 && p[k] * 100 >= t[k] * pct)
            printf "tier %s: %d/%d = %.1f%% %s\n", k, p[k], t[k],
                   t[k] ? 100 * p[k] / t[k] : 0,
                   gated ? (ok ? "(gate " pct "%: ok)" : "(gate " pct "%: FAILED)") : "(reported)"
            if (gated && !ok) bad = 1
        }
        n = split(gate, g, " ")
        for (i = 1; i <= n; i++)
            if (!(g[i] in seen)) { printf "tier %s: no cases ran (gate FAILED)\n", g[i]; bad = 1 }
        exit bad
    }' "$out"
rc=$?
rm -f "$out"
exit $rc
