/* sup_stop.c — the native supervisor's stop sequences, restarts and
 * intensity.
 *
 * Stopping one child is OTP's shutdown protocol: monitor it, unlink, send
 * exit(:shutdown) (or :kill for brutal_kill), arm a timer that sends
 * :kill after shutdown_ms, and wait for the :DOWN. Children go one at a
 * time, in the order given (reverse start order), and the sequence ends
 * with the `after` action. Invariant: while a sequence runs, every
 * child it lists either is the current one, is already down, or has not
 * been sent anything yet.
 */
#include <string.h>
#include <time.h>

#include "atom.h"
#include "mem.h"
#include "msg.h"
#include "proc.h"
#include "sup_int.h"
#include "supinfo.h"

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

bool sup_note_restart(Sup *s)
{
    uint64_t now = now_ms(), window = (uint64_t)s->max_seconds * 1000;
    size_t keep = 0;
    for (size_t i = 0; i < s->nrestart_ms; i++)
        if (now - s->restart_ms[i] < window || window == 0)
            s->restart_ms[keep++] = s->restart_ms[i];
    s->nrestart_ms = keep;
    /* Room for max_restarts + 1 entries, allocated at start. */
    if (s->nrestart_ms < (size_t)s->max_restarts + 1)
        s->restart_ms[s->nrestart_ms++] = now;
    return s->nrestart_ms <= s->max_restarts;
}

size_t sup_running_reverse(const Sup *s, size_t first, size_t *out)
{
    size_t k = 0;
    for (size_t i = s->n; i-- > first;)
        if (s->children[i].pid != 0)
            out[k++] = i;
    return k;
}

void sup_remove(Sup *s, size_t i)
{
    memmove(s->children + i, s->children + i + 1, (s->n - i - 1) * sizeof *s->children);
    s->n--;
    for (size_t j = i; j < s->n; j++)
        s->children[j].spec.id = s->children[j].id; /* moved: re-point */
}

void sup_report(mote_proc *self, Sup *s)
{
    mote_sup_child *c = mem_alloc(MEM_SYSTEM, (s->n + 1) * sizeof *c);
    if (c == NULL)
        return;
    memset(c, 0, (s->n + 1) * sizeof *c);
    for (size_t i = 0; i < s->n; i++) {
        memcpy(c[i].id, s->children[i].id, sizeof c[i].id);
        c[i].pid = s->children[i].pid;
        c[i].state = s->children[i].pid != 0 ? MOTE_CHILD_RUNNING : MOTE_CHILD_UNDEFINED;
        c[i].supervisor = s->children[i].spec.supervisor;
        c[i].restart = s->children[i].spec.restart;
    }
    supinfo_set_children((struct Proc *)self, c, s->n);
    mem_free(MEM_SYSTEM, c, (s->n + 1) * sizeof *c);
}

int sup_start_child(mote_proc *self, Sup *s, size_t i)
{
    SupChild *c = &s->children[i];
    mote_pid pid = 0;
    int rc = c->spec.start(self, c->spec.arg, &pid);
    c->pid = rc == MOTE_OK ? pid : 0;
    return rc;
}

/* ---- one child at a time ------------------------------------------------------ */

static void stop_current(mote_proc *self, Sup *s)
{
    mote_env *env = mote_env_of(self);
    SupChild *c = &s->children[s->stop[s->stop_pos]];
    mote_term ref;
    s->gen++;
    if (mote_monitor(self, c->pid, &ref) != MOTE_OK) {
        s->cur_ref[0] = s->cur_ref[1] = 0;
        return;
    }
    s->cur_ref[0] = boxed_ptr(ref)[1];
    s->cur_ref[1] = boxed_ptr(ref)[2];
    mote_unlink(self, c->pid);
    bool brutal = c->spec.shutdown_ms == MOTE_SHUTDOWN_BRUTAL;
    mote_exit(env, c->pid, mote_atom(env, brutal ? "kill" : "shutdown"));
    if (!brutal && c->spec.shutdown_ms > 0) {
        mote_term el[2] = {mote_atom(env, "$mote_sup_kill"), mote_int(env, (int64_t)s->gen)};
        uint64_t timer;
        mote_send_after(self, (uint64_t)c->spec.shutdown_ms, mote_self(self),
                        mote_tuple(env, 2, el), &timer);
    }
}

/* Copies the stored exit reason onto self's heap and frees the copy. */
static mote_term take_reason(mote_proc *self, Sup *s)
{
    Term r = s->reason;
    if (s->reason_frag != NULL) {
        Proc *p = (Proc *)self;
        size_t words = copy_size(r);
        HeapFrag *f = frag_new(words);
        if (f != NULL) {
            Term *hp = frag_alloc(f, words);
            r = copy_term(r, &hp, &f->mso);
            heap_attach(&p->heap, f);
        } else {
            r = A(shutdown);
        }
        frag_free(s->reason_frag);
        s->reason_frag = NULL;
    }
    return r;
}

static int restart_from(mote_proc *self, Sup *s)
{
    for (size_t i = s->from; i < s->n; i++) {
        SupChild *c = &s->children[i];
        if (c->pid != 0)
            continue;
        if (c->spec.restart == MOTE_RESTART_TEMPORARY && (long)i != s->failed) {
            sup_remove(s, i--);
            continue;
        }
        if (sup_start_child(self, s, i) != MOTE_OK && !sup_note_restart(s))
            return sup_give_up(self, s, "a child failed to restart");
    }
    if (s->failed >= 0 && (size_t)s->failed < s->n) {
        SupChild *c = &s->children[s->failed];
        supinfo_restart((struct Proc *)self, c->id, s->failed_old, c->pid, s->failed_reason, false);
    }
    s->failed = -1;
    sup_report(self, s);
    return MOTE_OK;
}

static int finish_sequence(mote_proc *self, Sup *s)
{
    SupAfter after = s->after;
    s->after = AFTER_NOTHING;
    s->nstop = s->stop_pos = 0;
    switch (after) {
    case AFTER_RESTART:
        return restart_from(self, s);
    case AFTER_EXIT:
        mote_exit_self(self, take_reason(self, s));
        return MOTE_STOP;
    case AFTER_REPLY: {
        mote_env *env = mote_env_of(self);
        Term *hp = heap_alloc(&((Proc *)self)->heap, 3);
        if (hp != NULL) {
            hp[0] = make_header(HDR_REF, 2);
            hp[1] = s->reply_ref[0];
            hp[2] = s->reply_ref[1];
            mote_term el[2] = {make_boxed(hp), mote_atom(env, "ok")};
            mote_send(env, s->reply_pid, mote_tuple(env, 2, el));
        }
        sup_report(self, s);
        return MOTE_OK;
    }
    case AFTER_NOTHING:
        break;
    }
    return MOTE_OK;
}

/* Moves to the next child still running, or ends the sequence. */
static int advance(mote_proc *self, Sup *s)
{
    while (s->stop_pos < s->nstop && s->children[s->stop[s->stop_pos]].pid == 0)
        s->stop_pos++;
    if (s->stop_pos == s->nstop)
        return finish_sequence(self, s);
    stop_current(self, s);
    return MOTE_OK;
}

int sup_begin_stop(mote_proc *self, Sup *s, const size_t *idx, size_t n, SupAfter after)
{
    if (n > 0 && s->stop != idx)
        memcpy(s->stop, idx, n * sizeof *idx);
    s->nstop = n;
    s->stop_pos = 0;
    s->after = after;
    return advance(self, s);
}

static bool ref_is_current(const Sup *s, mote_term t)
{
    return is_boxed_kind(t, HDR_REF) && boxed_ptr(t)[1] == s->cur_ref[0] &&
           boxed_ptr(t)[2] == s->cur_ref[1];
}

bool sup_stop_message(mote_proc *self, Sup *s, mote_term msg, int *rc)
{
    size_t n;
    const mote_term *el;
    if (s->after == AFTER_NOTHING || mote_get_tuple(msg, &n, &el) != MOTE_OK)
        return false;
    if (n == 5 && mote_is_atom(el[0], "DOWN") && ref_is_current(s, el[1])) {
        s->children[s->stop[s->stop_pos]].pid = 0;
        s->stop_pos++;
        *rc = advance(self, s);
        return true;
    }
    int64_t gen;
    if (n == 2 && mote_is_atom(el[0], "$mote_sup_kill")) {
        if (mote_get_int(el[1], &gen) == MOTE_OK && (uint64_t)gen == s->gen &&
            s->stop_pos < s->nstop) {
            mote_env *env = mote_env_of(self);
            mote_exit(env, s->children[s->stop[s->stop_pos]].pid, mote_atom(env, "kill"));
        }
        *rc = MOTE_OK;
        return true;
    }
    return false;
}

int sup_give_up(mote_proc *self, Sup *s, const char *why)
{
    supinfo_restart((struct Proc *)self, "$supervisor", mote_self(self), 0, why, true);
    frag_free(s->reason_frag);
    s->reason_frag = NULL;
    s->reason = A(shutdown);
    s->failed = -1;
    size_t k = sup_running_reverse(s, 0, s->stop);
    return sup_begin_stop(self, s, s->stop, k, AFTER_EXIT);
}
