/* mote_otp.c — the :mote builtins the OTP layer (lib/ex/gen_server.ex and
 * friends) needs from C.
 *
 * set_mailbox_limit/2 bounds the calling process's mailbox in the core
 * (GenServer's max_queue_len:/overflow: options, a mote extension), and
 * set_crash_reports/1 / crash_reports/0 switch the stderr crash reports of
 * GenServer, Supervisor and Task on and off for the whole OS process.
 * The mailbox bound is written under the process's slot lock: senders read
 * it in node_deliver under that same lock, so a sender sees either the old
 * bound or the new one, never half of each.
 */
#include <stdatomic.h>
#include <string.h>

#include "lib.h"
#include "mbox.h"
#include "node.h"

#define MODULE "mote"

/* On unless a script turned them off; MOTE_QUIET is read by the language
 * side (GenServer.report), so this flag only needs the explicit switch. */
static _Atomic bool crash_reports_on = true;

/* The core's overflow policy named by an atom, or -1. */
static int overflow_of(Term t)
{
    if (lib_atom_is(t, "drop_newest"))
        return MOTE_OVERFLOW_DROP_NEWEST;
    if (lib_atom_is(t, "drop_oldest"))
        return MOTE_OVERFLOW_DROP_OLDEST;
    if (lib_atom_is(t, "kill"))
        return MOTE_OVERFLOW_KILL;
    return -1;
}

/* :mote.set_mailbox_limit(max_len, overflow) -> :ok. max_len is a
 * positive integer, or 0 / :infinity for unbounded. Applies to messages
 * sent from now on: what is already queued stays. */
static Term set_mailbox_limit(Proc *p, const Term *a)
{
    uint32_t max_len;
    if (lib_atom_is(a[0], "infinity"))
        max_len = 0;
    else if (is_small(a[0]) && small_val(a[0]) >= 0 && small_val(a[0]) <= UINT32_MAX)
        max_len = (uint32_t)small_val(a[0]);
    else
        return bif_badarg(p, 1, "not a non-negative integer or :infinity");
    int policy = overflow_of(a[1]);
    if (policy < 0)
        return bif_badarg(p, 2, "not one of :drop_newest, :drop_oldest, :kill");
    Node *n = p->node;
    Proc *self = node_lock_pid(n, p->pid);
    if (self == NULL)
        return A(ok); /* we are exiting: nothing left to bound */
    p->mbox.max_len = max_len;
    p->mbox.overflow = (uint8_t)(max_len ? policy : MOTE_OVERFLOW_NONE);
    node_unlock_pid(n, p->pid);
    return A(ok);
}

static Term set_crash_reports(Proc *p, const Term *a)
{
    if (!lib_atom_is(a[0], "true") && !lib_atom_is(a[0], "false"))
        return bif_badarg(p, 1, "not a boolean");
    bool old = atomic_exchange(&crash_reports_on, lib_atom_is(a[0], "true"));
    return lib_bool(old);
}

static Term crash_reports(Proc *p, const Term *a)
{
    (void)p;
    (void)a;
    return lib_bool(atomic_load(&crash_reports_on));
}

static const BifDef mote_otp_bifs[] = {
    {MODULE, "set_mailbox_limit", 2, 0, set_mailbox_limit,
     "Bounds the calling process's mailbox: max length (0 or :infinity = unbounded) and "
     "overflow policy (:drop_newest, :drop_oldest or :kill)."},
    {MODULE, "set_crash_reports", 1, 0, set_crash_reports,
     "Turns crash reports on stderr on or off (whole OS process); returns the old setting."},
    {MODULE, "crash_reports", 0, 0, crash_reports,
     "Whether crash reports are printed on stderr."},
};

int lib_mote_otp_register(void)
{
    return bif_register(mote_otp_bifs, LIB_NDEFS(mote_otp_bifs));
}
