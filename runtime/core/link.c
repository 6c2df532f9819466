/* link.c — links, monitors and exit signals, with Erlang's rules.
 *
 * A link or monitor is recorded at both ends, and each end changes only
 * its own record: the other end's half travels as a signal through its
 * inbox (MSG_LINK, MSG_MONITOR, ...) and is applied by link_handle when
 * the owner drains. That keeps every set single-writer, and keeps the
 * Erlang guarantee that signals from one sender arrive in send order.
 * Invariant: a process's sets are written only by its owner thread, under
 * cold_lock, so introspection on other threads can read them.
 */
#include "link.h"

#include <string.h>

#include "atom.h"
#include "env.h"
#include "err.h"
#include "info.h"
#include "mem.h"
#include "node.h"
#include "reg.h"

/* ---- the sets in ProcCold -------------------------------------------- */

/* Grows an array of `size` byte elements to hold one more. The new block
 * is filled outside the lock; only the pointer swap is done under it, so
 * readers never wait on an allocation. Returns 0 or MOTE_ENOMEM. */
static int grow(ProcCold *c, void **arr, uint32_t n, uint32_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    uint32_t ncap = *cap ? *cap * 2 : 4;
    void *na = mem_alloc(MEM_PROC, ncap * size);
    if (!na)
        return MOTE_ENOMEM;
    void *old = *arr;
    uint32_t ocap = *cap;
    if (n)
        memcpy(na, old, n * size);
    cold_lock(c);
    *arr = na;
    *cap = ncap;
    cold_unlock(c);
    if (old)
        mem_free(MEM_PROC, old, ocap * size);
    return 0;
}

/* A process with many links (a supervisor of 10k children) finds one in
 * a hash index instead of scanning: adding and removing each child's link
 * would otherwise cost O(children), and starting or stopping them all
 * O(children^2). Below LINK_IX_MIN links the scan is cheaper. The index
 * is the owner's alone (readers on other threads use the array). */
#define LINK_IX_MIN 32

static uint32_t ix_home(Term pid, uint32_t cap)
{
    return (uint32_t)((pid * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
}

/* The slot of link_ix holding pid, or -1. */
static long ix_slot(const ProcCold *c, Term pid)
{
    for (uint32_t s = ix_home(pid, c->cap_ix);; s = (s + 1) & (c->cap_ix - 1)) {
        uint32_t v = c->link_ix[s];
        if (v == 0)
            return -1;
        if (c->links[v - 1] == pid)
            return s;
    }
}

static void ix_put(ProcCold *c, Term pid, uint32_t idx)
{
    uint32_t s = ix_home(pid, c->cap_ix);
    while (c->link_ix[s] != 0)
        s = (s + 1) & (c->cap_ix - 1);
    c->link_ix[s] = idx + 1;
}

/* Rebuilds the index with room for twice the links (load at most 1/2).
 * Out of memory: drops it, and the scan serves. */
static void ix_rebuild(ProcCold *c)
{
    uint32_t cap = 64;
    while (cap < c->nlinks * 4)
        cap *= 2;
    uint32_t *t = mem_alloc(MEM_PROC, cap * sizeof *t);
    if (c->link_ix != NULL)
        mem_free(MEM_PROC, c->link_ix, c->cap_ix * sizeof *c->link_ix);
    c->link_ix = t;
    c->cap_ix = t != NULL ? cap : 0;
    if (t == NULL)
        return;
    memset(t, 0, cap * sizeof *t);
    for (uint32_t i = 0; i < c->nlinks; i++)
        ix_put(c, c->links[i], i);
}

/* Empties slot s, shifting later members of its probe run back so no
 * lookup stops early (deletion without tombstones). */
static void ix_remove_slot(ProcCold *c, uint32_t s)
{
    uint32_t mask = c->cap_ix - 1;
    uint32_t hole = s;
    for (uint32_t j = (s + 1) & mask; c->link_ix[j] != 0; j = (j + 1) & mask) {
        uint32_t home = ix_home(c->links[c->link_ix[j] - 1], c->cap_ix);
        /* j's entry may fill the hole unless its home lies in (hole, j]. */
        bool stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!stays) {
            c->link_ix[hole] = c->link_ix[j];
            hole = j;
        }
    }
    c->link_ix[hole] = 0;
}

static void ix_free(ProcCold *c)
{
    if (c->link_ix != NULL)
        mem_free(MEM_PROC, c->link_ix, c->cap_ix * sizeof *c->link_ix);
    c->link_ix = NULL;
    c->cap_ix = 0;
}

static long find_link(const ProcCold *c, Term pid)
{
    if (c != NULL && c->link_ix != NULL) {
        long s = ix_slot(c, pid);
        return s < 0 ? -1 : (long)c->link_ix[s] - 1;
    }
    for (uint32_t i = 0; c && i < c->nlinks; i++)
        if (c->links[i] == pid)
            return i;
    return -1;
}

/* Adds pid to p's links unless present. 0 or MOTE_ENOMEM. Owner only. */
static int add_link(Proc *p, Term pid)
{
    ProcCold *c = proc_cold(p);
    if (!c)
        return MOTE_ENOMEM;
    if (find_link(c, pid) >= 0)
        return 0;
    if (grow(c, (void **)&c->links, c->nlinks, &c->cap_links, sizeof(Term)) < 0)
        return MOTE_ENOMEM;
    cold_lock(c);
    c->links[c->nlinks++] = pid;
    cold_unlock(c);
    /* Once built, the index stays (and takes every new link) even when
     * the set shrinks below LINK_IX_MIN again. */
    if (c->link_ix != NULL || c->nlinks >= LINK_IX_MIN) {
        if (c->link_ix == NULL || c->nlinks * 2 > c->cap_ix)
            ix_rebuild(c);
        else
            ix_put(c, pid, c->nlinks - 1);
    }
    return 0;
}

/* Removes pid from p's links; true if it was there. Owner only. */
static bool del_link(Proc *p, Term pid)
{
    ProcCold *c = p->cold;
    long i = find_link(c, pid);
    if (i < 0)
        return false;
    Term moved = c->links[c->nlinks - 1];
    if (c->link_ix != NULL) {
        ix_remove_slot(c, (uint32_t)ix_slot(c, pid));
        if (moved != pid) {
            /* The last link fills the gap: point its entry at the gap. */
            long ms = ix_slot(c, moved);
            c->link_ix[ms] = (uint32_t)i + 1;
        }
    }
    cold_lock(c);
    c->links[i] = moved;
    c->nlinks--;
    cold_unlock(c);
    return true;
}

static bool ref_eq(const uint64_t a[2], const uint64_t b[2])
{
    return a[0] == b[0] && a[1] == b[1];
}

static long find_mon(const Monitor *ms, uint32_t n, const uint64_t ref[2])
{
    for (uint32_t i = 0; i < n; i++)
        if (ref_eq(ms[i].ref, ref))
            return i;
    return -1;
}

/* Appends {ref, pid} to the holder's monitors (watchers=false) or to its
 * watchers. 0 or MOTE_ENOMEM. Owner only. */
static int add_mon(Proc *p, bool watchers, const uint64_t ref[2], Term pid)
{
    ProcCold *c = proc_cold(p);
    if (!c)
        return MOTE_ENOMEM;
    Monitor **arr = watchers ? &c->watchers : &c->monitors;
    uint32_t *n = watchers ? &c->nwatchers : &c->nmonitors;
    uint32_t *cap = watchers ? &c->cap_watchers : &c->cap_monitors;
    if (grow(c, (void **)arr, *n, cap, sizeof(Monitor)) < 0)
        return MOTE_ENOMEM;
    cold_lock(c);
    (*arr)[*n].ref[0] = ref[0];
    (*arr)[*n].ref[1] = ref[1];
    (*arr)[*n].pid = pid;
    (*arr)[*n].name = 0;
    (*n)++;
    cold_unlock(c);
    return 0;
}

/* Removes the entry with ref; writes its pid to *pid. False if absent. */
static bool del_mon(Proc *p, bool watchers, const uint64_t ref[2], Term *pid)
{
    ProcCold *c = p->cold;
    if (!c)
        return false;
    Monitor *arr = watchers ? c->watchers : c->monitors;
    uint32_t *n = watchers ? &c->nwatchers : &c->nmonitors;
    long i = find_mon(arr, *n, ref);
    if (i < 0)
        return false;
    if (pid)
        *pid = arr[i].pid;
    cold_lock(c);
    arr[i] = arr[--(*n)];
    cold_unlock(c);
    return true;
}

/* ---- building the terms signals carry -------------------------------- */

/* A reference term in caller storage of 3 words. */
static Term ref_term(Term buf[3], const uint64_t ref[2])
{
    buf[0] = make_header(HDR_REF, 2);
    buf[1] = ref[0];
    buf[2] = ref[1];
    return make_boxed(buf);
}

static bool ref_words(Term t, uint64_t out[2])
{
    if (!is_boxed_kind(t, HDR_REF))
        return false;
    out[0] = boxed_ptr(t)[1];
    out[1] = boxed_ptr(t)[2];
    return true;
}

/* A tuple term in caller storage of n+1 words. */
static Term tuple_term(Term *buf, size_t n, const Term *elems)
{
    buf[0] = make_header(HDR_TUPLE, n);
    memcpy(buf + 1, elems, n * sizeof(Term));
    return make_boxed(buf);
}

/* Sends a signal carrying a copy of t. Returns 0, MOTE_ENOPROC (dropped)
 * or MOTE_ENOMEM. Any thread. */
static int send_signal(Node *n, MsgKind kind, Term from, Term to, Term t, uint64_t aux)
{
    Msg *m = msg_new(kind, from, t);
    if (!m)
        return MOTE_ENOMEM;
    m->aux = aux;
    int rc = node_deliver(n, to, m);
    if (rc < 0)
        msg_free(m);
    return rc;
}

/* The final message of a signal made here ({:EXIT, from, reason} or
 * {:DOWN, ref, :process, pid, reason}) is built by the sender, so turning
 * the signal into a message is a change of kind and nothing more: msg.h
 * keeps the Msg inside its fragment, so its payload cannot be replaced.
 * Signals made elsewhere (reason only, no LINK_F_READY) are rebuilt as a
 * new message on the owner's inbox instead. */
static Term exit_tuple(Term buf[4], Term from, Term reason)
{
    Term elems[3] = {A(EXIT), from == NONE ? A(undefined) : from, reason};
    return tuple_term(buf, 3, elems);
}

static Term down_tuple(Term buf[6], Term ref, Term pid, Term reason)
{
    Term elems[5] = {A(DOWN), ref, A(process), pid, reason};
    return tuple_term(buf, 5, elems);
}

/* Sends a ready-made signal: kind, with t already in its message form. */
static int send_ready(Node *n, MsgKind kind, Term from, Term to, Term t, uint64_t aux)
{
    Msg *m = msg_new(kind, from, t);
    if (!m)
        return MOTE_ENOMEM;
    m->flags |= LINK_F_READY;
    m->aux = aux;
    int rc = node_deliver(n, to, m);
    if (rc < 0)
        msg_free(m);
    return rc;
}

/* Sends {:DOWN, ref, :process, dead, reason} as a MSG_DOWN to watcher. */
static int send_down(Node *n, Term dead, Term watcher, const uint64_t ref[2], Term reason)
{
    Term rb[3], tb[6];
    return send_ready(n, MSG_DOWN, dead, watcher, down_tuple(tb, ref_term(rb, ref), dead, reason),
                      0);
}

/* The reason an exit signal carries, in either form. */
static Term exit_reason_of(const Msg *m)
{
    return (m->flags & LINK_F_READY) ? tuple_get(m->term, 2) : m->term;
}

/* Makes m the message `t` describes (its ready form, or a rebuilt copy on
 * the owner's inbox). Returns the LINK_* the caller returns. */
static int become_message(Proc *p, Msg *m, Term t)
{
    if (m->flags & LINK_F_READY) {
        m->kind = MSG_MESSAGE;
        m->flags &= ~LINK_F_READY;
        m->aux = 0;
        return LINK_AS_MESSAGE;
    }
    /* Out of order by one drain batch at worst; only foreign signals get
     * here, and an out-of-memory loses the message as a send would. */
    Msg *nm = msg_new(MSG_MESSAGE, m->from, t);
    if (nm && node_deliver(p->node, p->pid, nm) < 0)
        msg_free(nm);
    msg_free(m);
    return LINK_CONSUMED;
}

/* ---- applying signals ------------------------------------------------- */

/* Ends p with reason, taken from m (which is consumed). */
static int kill_with(Proc *p, Msg *m, Term reason)
{
    /* A boxed reason lives in m's fragment: the heap takes the fragment
     * over so the reason outlives m (msg_free is then a no-op). */
    if (is_boxed(reason) || is_cons(reason)) {
        HeapFrag *f = msg_take_frag(m);
        if (f)
            heap_attach(&p->heap, f);
    }
    p->exit_reason = reason;
    msg_free(m);
    return LINK_KILL;
}

/* The receiving rules for an exit signal (Erlang reference manual,
 * "Receiving Exit Signals"). */
static int on_exit_signal(Proc *p, Msg *m)
{
    Term reason = exit_reason_of(m);
    bool from_link = m->aux != 0;
    if (from_link && !del_link(p, m->from)) {
        /* The link was removed (unlink) after this signal was sent. */
        msg_free(m);
        return LINK_CONSUMED;
    }
    /* Only exit/2's :kill is untrappable; a link's :kill is a reason like
     * any other, and the victim reports :killed to its own links. */
    if (!from_link && reason == A(kill)) {
        msg_free(m);
        p->exit_reason = A(killed);
        return LINK_KILL;
    }
    if (p->flags & PF_TRAP_EXIT) {
        Term tb[4];
        return become_message(p, m, exit_tuple(tb, m->from, reason));
    }
    if (reason == A(normal) && m->from != p->pid) {
        msg_free(m);
        return LINK_CONSUMED;
    }
    return kill_with(p, m, reason);
}

/* The name a monitor p holds was asked by, or 0. */
static Term mon_name(Proc *p, const uint64_t ref[2])
{
    ProcCold *c = p->cold;
    long i = c != NULL ? find_mon(c->monitors, c->nmonitors, ref) : -1;
    return i < 0 ? 0 : c->monitors[i].name;
}

/* The DOWN of a monitor by name: {name, node} in place of the pid. The
 * message is rebuilt, so it queues behind this drain batch's others. */
static int down_by_name(Proc *p, Msg *m, Term ref, Term name, Term reason)
{
    Term node = p->node->name ? p->node->name : A(nonode_at_nohost);
    Term who[3] = {make_header(HDR_TUPLE, 2), name, node};
    Term tb[6];
    Msg *nm = msg_new(MSG_MESSAGE, m->from, down_tuple(tb, ref, make_boxed(who), reason));
    if (nm && node_deliver(p->node, p->pid, nm) < 0)
        msg_free(nm);
    msg_free(m);
    return LINK_CONSUMED;
}

/* A DOWN for a monitor p still holds becomes the {:DOWN, ...} message;
 * one for a monitor removed meanwhile is dropped. */
static int on_down(Proc *p, Msg *m)
{
    uint64_t ref[2];
    Term t = m->term;
    bool ok = (m->flags & LINK_F_READY) ? is_tuple(t) && tuple_size(t) == 5 &&
                                              ref_words(tuple_get(t, 1), ref)
                                        : is_tuple(t) && tuple_size(t) == 2 &&
                                              ref_words(tuple_get(t, 0), ref);
    Term name = ok ? mon_name(p, ref) : 0;
    if (!ok || !del_mon(p, false, ref, NULL)) {
        msg_free(m);
        return LINK_CONSUMED;
    }
    bool ready = m->flags & LINK_F_READY;
    if (name != 0)
        return down_by_name(p, m, tuple_get(t, ready ? 1 : 0), name, tuple_get(t, ready ? 4 : 1));
    if (m->flags & LINK_F_READY)
        return become_message(p, m, t);
    Term tb[6];
    return become_message(p, m, down_tuple(tb, tuple_get(t, 0), m->from, tuple_get(t, 1)));
}

int link_handle(Proc *p, Msg *m)
{
    uint64_t ref[2];
    switch (m->kind) {
    case MSG_LINK:
        (void)add_link(p, m->from); /* on OOM the link is only one-sided */
        break;
    case MSG_UNLINK:
        (void)del_link(p, m->from);
        break;
    case MSG_EXIT:
        return on_exit_signal(p, m);
    case MSG_MONITOR:
        if (ref_words(m->term, ref))
            (void)add_mon(p, true, ref, m->from);
        break;
    case MSG_DEMONITOR:
        if (ref_words(m->term, ref))
            (void)del_mon(p, true, ref, NULL);
        break;
    case MSG_DOWN:
        return on_down(p, m);
    default:
        break;
    }
    msg_free(m);
    return LINK_CONSUMED;
}

/* ---- exit and dead ends ------------------------------------------------ */

static void free_sets(ProcCold *c)
{
    cold_lock(c);
    Term *l = c->links;
    Monitor *mo = c->monitors, *w = c->watchers;
    uint32_t cl = c->cap_links, cm = c->cap_monitors, cw = c->cap_watchers;
    c->links = NULL;
    c->monitors = c->watchers = NULL;
    c->nlinks = c->nmonitors = c->nwatchers = 0;
    c->cap_links = c->cap_monitors = c->cap_watchers = 0;
    cold_unlock(c);
    ix_free(c);
    if (l)
        mem_free(MEM_PROC, l, cl * sizeof(Term));
    if (mo)
        mem_free(MEM_PROC, mo, cm * sizeof(Monitor));
    if (w)
        mem_free(MEM_PROC, w, cw * sizeof(Monitor));
}

void link_on_exit(Proc *p, Term reason)
{
    Node *n = p->node;
    reg_unregister_proc(n, p);
    ProcCold *c = p->cold;
    if (!c)
        return;
    for (uint32_t i = 0; i < c->nlinks; i++)
        (void)exit_signal(n, p->pid, c->links[i], reason, true);
    for (uint32_t i = 0; i < c->nwatchers; i++)
        (void)send_down(n, p->pid, c->watchers[i].pid, c->watchers[i].ref, reason);
    /* Tell the targets we watched, so their watcher sets do not keep us. */
    for (uint32_t i = 0; i < c->nmonitors; i++) {
        Term rb[3];
        (void)send_signal(n, MSG_DEMONITOR, p->pid, c->monitors[i].pid,
                          ref_term(rb, c->monitors[i].ref), 0);
    }
    free_sets(c);
}

void link_reject(Node *n, Term dead_pid, Msg *m)
{
    uint64_t ref[2];
    if (m->kind == MSG_LINK)
        (void)exit_signal(n, dead_pid, m->from, A(noproc), true);
    else if (m->kind == MSG_MONITOR && ref_words(m->term, ref))
        (void)send_down(n, dead_pid, m->from, ref, A(noproc));
    msg_free(m);
}

/* ---- the owner's requests ---------------------------------------------- */

int link_add(Proc *self, Term other)
{
    if (!is_local_pid(other))
        return MOTE_EINVAL;
    if (other == self->pid)
        return 0; /* as link(self()): nothing to do */
    if (find_link(self->cold, other) >= 0)
        return 0;
    if (add_link(self, other) < 0)
        return MOTE_ENOMEM;
    int rc = send_signal(self->node, MSG_LINK, self->pid, other, NIL, 0);
    if (rc < 0)
        (void)del_link(self, other);
    return rc;
}

int link_remove(Proc *self, Term other)
{
    if (!is_local_pid(other))
        return MOTE_EINVAL;
    if (!del_link(self, other))
        return 0;
    int rc = send_signal(self->node, MSG_UNLINK, self->pid, other, NIL, 0);
    return rc == MOTE_ENOMEM ? rc : 0;
}

int monitor_add(Proc *self, Term target, uint64_t ref[2])
{
    if (!is_local_pid(target))
        return MOTE_EINVAL;
    Node *n = self->node;
    node_new_ref(n, ref);
    if (add_mon(self, false, ref, target) < 0)
        return MOTE_ENOMEM;
    Term rb[3];
    int rc = send_signal(n, MSG_MONITOR, self->pid, target, ref_term(rb, ref), 0);
    if (rc == MOTE_ENOPROC)
        rc = send_down(n, target, self->pid, ref, A(noproc));
    if (rc < 0)
        (void)del_mon(self, false, ref, NULL);
    return rc;
}

int monitor_add_name(Proc *self, Term target, Term name, uint64_t ref[2])
{
    int rc = monitor_add(self, target, ref);
    ProcCold *c = self->cold;
    long i = rc == 0 && c != NULL ? find_mon(c->monitors, c->nmonitors, ref) : -1;
    /* Its DOWN cannot have been handled yet: only this thread drains. */
    if (i >= 0) {
        cold_lock(c);
        c->monitors[i].name = name;
        cold_unlock(c);
    }
    return rc;
}

bool monitor_held(Proc *self, const uint64_t ref[2])
{
    ProcCold *c = self->cold;
    return c != NULL && find_mon(c->monitors, c->nmonitors, ref) >= 0;
}

int monitor_remove(Proc *self, const uint64_t ref[2])
{
    Term target;
    if (!del_mon(self, false, ref, &target))
        return 0;
    Term rb[3];
    int rc = send_signal(self->node, MSG_DEMONITOR, self->pid, target, ref_term(rb, ref), 0);
    return rc == MOTE_ENOMEM ? rc : 0;
}

/* Whether m is the {:DOWN, ref, ...} message of that ref. */
static bool is_down_for(const Msg *m, const uint64_t ref[2])
{
    uint64_t r[2];
    Term t = m->term;
    return m->kind == MSG_MESSAGE && is_tuple(t) && tuple_size(t) == 5 &&
           tuple_get(t, 0) == A(DOWN) && ref_words(tuple_get(t, 1), r) && ref_eq(r, ref);
}

int monitor_remove_flush(Proc *self, const uint64_t ref[2])
{
    int rc = monitor_remove(self, ref);
    /* A DOWN still in the inbox is dropped by link_handle (the monitor is
     * gone); only the private queue can hold the message already. */
    Mbox *mb = &self->mbox;
    mbox_reset(mb);
    for (Msg *m; (m = mbox_peek(mb)) != NULL;) {
        if (is_down_for(m, ref)) {
            msg_free(mbox_unlink(mb));
            break;
        }
        mbox_next(mb);
    }
    mbox_reset(mb);
    return rc;
}

int exit_signal(Node *n, Term from, Term to, Term reason, bool from_link)
{
    if (!is_local_pid(to))
        return MOTE_EINVAL;
    Term tb[4];
    return send_ready(n, MSG_EXIT, from, to, exit_tuple(tb, from, reason), from_link ? 1 : 0);
}

/* ---- public API ---------------------------------------------------------- */

MOTE_API int mote_link(mote_proc *self, mote_pid other)
{
    if (!self)
        return api_error(MOTE_EINVAL, "mote_link: self is NULL");
    int rc = link_add((Proc *)self, (Term)other);
    if (rc == MOTE_EINVAL)
        return api_error(rc, "mote_link: %#llx is not a local pid", (unsigned long long)other);
    if (rc == MOTE_ENOPROC)
        return api_error(rc, "mote_link: process %#llx is not alive", (unsigned long long)other);
    if (rc < 0)
        return api_error(rc, "mote_link: out of memory");
    return 0;
}

MOTE_API int mote_unlink(mote_proc *self, mote_pid other)
{
    if (!self)
        return api_error(MOTE_EINVAL, "mote_unlink: self is NULL");
    int rc = link_remove((Proc *)self, (Term)other);
    if (rc < 0)
        return api_error(rc, "mote_unlink: %#llx: %s", (unsigned long long)other,
                         mote_strerror(rc));
    return 0;
}

MOTE_API int mote_monitor(mote_proc *self, mote_pid target, mote_term *ref_out)
{
    if (!self)
        return api_error(MOTE_EINVAL, "mote_monitor: self is NULL");
    Proc *p = (Proc *)self;
    /* Reserve the ref's words first: nothing can fail after the monitor
     * exists, so a caller never holds a monitor it has no ref for. */
    Term *cell = ref_out ? heap_alloc(&p->heap, 3) : NULL;
    if (ref_out && !cell)
        return api_error(MOTE_ENOMEM, "mote_monitor: out of memory");
    uint64_t ref[2];
    int rc = monitor_add(p, (Term)target, ref);
    if (rc < 0)
        return api_error(rc, "mote_monitor: %#llx: %s", (unsigned long long)target,
                         mote_strerror(rc));
    if (ref_out)
        *ref_out = ref_term(cell, ref);
    return 0;
}

MOTE_API int mote_demonitor(mote_proc *self, mote_term ref)
{
    uint64_t words[2];
    if (!self)
        return api_error(MOTE_EINVAL, "mote_demonitor: self is NULL");
    if (!ref_words((Term)ref, words))
        return api_error(MOTE_EBADARG, "mote_demonitor: the argument is not a reference");
    int rc = monitor_remove((Proc *)self, words);
    return rc < 0 ? api_error(rc, "mote_demonitor: out of memory") : 0;
}

MOTE_API int mote_trap_exit(mote_proc *self, bool on)
{
    if (!self)
        return api_error(MOTE_EINVAL, "mote_trap_exit: self is NULL");
    Proc *p = (Proc *)self;
    if (info_publish_trap(p, on) < 0)
        return api_error(MOTE_ENOMEM, "mote_trap_exit: out of memory");
    if (on)
        p->flags |= PF_TRAP_EXIT;
    else
        p->flags &= (uint8_t)~PF_TRAP_EXIT;
    return 0;
}

MOTE_API int mote_exit(mote_env *env, mote_pid target, mote_term reason)
{
    if (!env || reason == MOTE_NONE)
        return api_error(MOTE_EINVAL, "mote_exit: env or reason missing");
    Term from = env->proc ? env->proc->pid : NONE;
    int rc = exit_signal(env->node, from, (Term)target, (Term)reason, false);
    if (rc == MOTE_EINVAL)
        return api_error(rc, "mote_exit: %#llx is not a local pid", (unsigned long long)target);
    if (rc == MOTE_ENOMEM)
        return api_error(rc, "mote_exit: out of memory");
    return 0; /* a dead target is not an error, as exit/2 */
}
