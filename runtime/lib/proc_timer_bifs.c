/* proc_timer_bifs.c — the timer builtins: Process.send_after,
 * cancel_timer, read_timer and their :erlang forms, over core/timer's
 * wheel. Split from proc_bifs.c to keep that file readable; they share
 * only the destination and reference helpers (proc_bifs_int.h).
 *
 * Builtins follow bif.h: they allocate on the caller's heap without
 * collecting, and raise through the bif_raise family.
 */
#include "atom.h"
#include "lib.h"
#include "msg.h"
#include "proc_bifs_int.h"
#include "timer.h"
#include "vm.h"

/* ---- timers ------------------------------------------------------------------ */

/* A timer reference: a local ref whose words are the timer id and its due
 * time with the top bit set (no node reference has it), so cancel_timer
 * can answer how long was left. */
#define TIMER_REF_BIT (UINT64_C(1) << 63)

static Term b_send_after_ref(Proc *p, const Term *a)
{
    Term to = proc_bifs_resolve_dest(p, a[0]);
    if (to == NONE || !is_local_pid(to) || !is_small(a[2]) || small_val(a[2]) < 0)
        return bif_error(p, A(badarg));
    Msg *m = msg_new(MSG_MESSAGE, p->pid, a[1]);
    if (m == NULL)
        return lib_oom(p);
    uint64_t id = 0, ms = (uint64_t)small_val(a[2]);
    if (timer_start(p->node, ms, to, m, &id) != 0) {
        msg_free(m);
        return lib_oom(p);
    }
    return proc_bifs_ref_new(p, id, (timer_now_ms(p->node) + ms) | TIMER_REF_BIT);
}

/* :erlang.send_after(time, dest, msg): Process.send_after's order is
 * (dest, msg, time). */
static Term b_erl_send_after(Proc *p, const Term *a)
{
    Term args[3] = {a[1], a[2], a[0]};
    return b_send_after_ref(p, args);
}

static Term b_cancel_timer(Proc *p, const Term *a)
{
    if (!is_boxed_kind(a[0], HDR_REF))
        return bif_error(p, A(badarg));
    Term *r = boxed_ptr(a[0]);
    if (!(r[2] & TIMER_REF_BIT) || !timer_cancel(p->node, r[1]))
        return A(false);
    uint64_t due = r[2] & ~TIMER_REF_BIT, now = timer_now_ms(p->node);
    return make_small(due > now ? (int64_t)(due - now) : 0);
}

/* Process.read_timer/1: ms left, or false once it is due. (A timer
 * cancelled before it was due still answers its time left: the wheel
 * cannot be asked whether an id is live.) */
static Term b_read_timer(Proc *p, const Term *a)
{
    if (!is_boxed_kind(a[0], HDR_REF))
        return bif_badarg(p, 1, "not a reference");
    Term *r = boxed_ptr(a[0]);
    if (!(r[2] & TIMER_REF_BIT))
        return A(false);
    uint64_t due = r[2] & ~TIMER_REF_BIT, now = timer_now_ms(p->node);
    return due > now ? make_small((int64_t)(due - now)) : A(false);
}

/* Process.cancel_timer/2: info: false answers :ok whatever happened;
 * async is synchronous here (the answer is at hand). */
static Term b_cancel_timer2(Proc *p, const Term *a)
{
    Term r = b_cancel_timer(p, a);
    if (r == NONE)
        return r;
    for (Term t = a[1]; is_cons(t); t = list_tail(t)) {
        Term kv = list_head(t);
        if (is_tuple(kv) && tuple_size(kv) == 2 && tuple_get(kv, 0) == atom_from_cstr("info") &&
            tuple_get(kv, 1) == A(false))
            return A(ok);
    }
    return r;
}

static const BifDef timer_defs[] = {
    {"erlang", "send_after", 3, 0, b_erl_send_after, NULL},
    {"Elixir.Process", "send_after", 3, 0, b_send_after_ref, NULL},
    {"Elixir.Process", "cancel_timer", 1, 0, b_cancel_timer, NULL},
    {"Elixir.Process", "cancel_timer", 2, 0, b_cancel_timer2, NULL},
    {"Elixir.Process", "read_timer", 1, 0, b_read_timer, NULL},
    {"erlang", "read_timer", 1, 0, b_read_timer, NULL},
    {"erlang", "cancel_timer", 1, 0, b_cancel_timer, NULL},
};

int proc_timer_bifs_register(void)
{
    return bif_register(timer_defs, sizeof timer_defs / sizeof timer_defs[0]);
}
