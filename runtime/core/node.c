/* node.c — the process table, message delivery, references and exit
 * waiters of one runtime.
 *
 * Main invariant: a Proc is reachable from the table only while it can
 * accept messages. Delivery holds the slot's spinlock across "check the
 * pid, push, flip the state", and the exit path takes the same lock to
 * empty the slot, so once a process is out of the table no push can land
 * in its inbox and its memory can be freed.
 */
#include "node.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "atom.h"
#include "mem.h"
#include "scheduler.h"

#define SLOT_LOCK ((uintptr_t)1)
#define SLOT_EMPTY ((uintptr_t)2)
#define DEFAULT_MAX_PROCS ((size_t)1 << 22)

/* A host thread blocked in mote_wait_exit. */
typedef struct ExitWaiter {
    struct ExitWaiter *next;
    Term pid;
    bool done;
    char *buf;    /* the caller's reason buffer, or NULL */
    size_t size;
} ExitWaiter;

void node_cond_init(pthread_cond_t *c)
{
    pthread_condattr_t a;
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(c, &a);
    pthread_condattr_destroy(&a);
}

uint64_t node_coarse_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t node_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void resolve_config(mote_config *c)
{
    if (c->schedulers == 0) {
        long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        c->schedulers = ncpu > 0 ? (unsigned)ncpu : 1;
    }
    if (c->schedulers > MOTE_MAX_SCHEDULERS)
        c->schedulers = MOTE_MAX_SCHEDULERS;
    if (c->max_processes == 0)
        c->max_processes = DEFAULT_MAX_PROCS;
    if (c->reductions == 0)
        c->reductions = 4000;
    if (c->spin_us == 0)
        c->spin_us = 50;
    if (c->node_name == NULL)
        c->node_name = "nonode@nohost";
}

int node_new(const mote_config *cfg, Node **out)
{
    mote_config c;
    if (cfg != NULL)
        c = *cfg;
    else
        mote_config_init(&c);
    resolve_config(&c);
    if (c.max_processes > PID_INDEX_MASK + 1)
        return MOTE_EINVAL;
    Term name = atom_from_cstr(c.node_name);
    if (name == NONE)
        return MOTE_EINVAL;
    struct mote_rt *rt = mem_calloc(MEM_SYSTEM, 1, sizeof *rt);
    if (rt == NULL)
        return MOTE_ENOMEM;
    Node *n = &rt->node;
    n->cfg = c;
    n->name = name;
    n->max_procs = c.max_processes;
    /* calloc of a large array maps fresh zero pages lazily: a table of
     * four million slots costs nothing until processes touch it. */
    n->slots = mem_calloc(MEM_SYSTEM, n->max_procs, sizeof *n->slots);
    if (n->slots == NULL) {
        mem_free(MEM_SYSTEM, rt, sizeof *rt);
        return MOTE_ENOMEM;
    }
    pthread_mutex_init(&n->free_lock, NULL);
    pthread_mutex_init(&n->wait_lock, NULL);
    pthread_mutex_init(&n->frag_lock, NULL);
    node_cond_init(&n->wait_cond);
    atomic_init(&n->ref_next, 1);
    n->start_ns = node_now_ns();
    *out = n;
    return 0;
}

void node_free(Node *n)
{
    mem_free(MEM_SYSTEM, (void *)n->slots, n->max_procs * sizeof *n->slots);
    mem_free(MEM_SYSTEM, n->free_idx, n->cap_free_idx * sizeof *n->free_idx);
    pthread_mutex_destroy(&n->free_lock);
    pthread_mutex_destroy(&n->wait_lock);
    pthread_mutex_destroy(&n->frag_lock);
    pthread_cond_destroy(&n->wait_cond);
    mem_free(MEM_SYSTEM, (struct mote_rt *)n, sizeof(struct mote_rt));
}

/* ---- slots ---------------------------------------------------------- */

/* Spins until the slot's lock bit is ours; returns the word under it. */
static uintptr_t slot_lock(_Atomic uintptr_t *slot)
{
    uintptr_t w = atomic_load_explicit(slot, memory_order_relaxed);
    for (;;) {
        if (w & SLOT_LOCK) {
            node_cpu_relax();
            w = atomic_load_explicit(slot, memory_order_relaxed);
            continue;
        }
        if (atomic_compare_exchange_weak_explicit(slot, &w, w | SLOT_LOCK, memory_order_acquire,
                                                  memory_order_relaxed))
            return w;
    }
}

static void slot_unlock(_Atomic uintptr_t *slot, uintptr_t w)
{
    atomic_store_explicit(slot, w, memory_order_release);
}

static uint64_t empty_serial(uintptr_t w)
{
    return (uint64_t)(w >> 2);
}

static bool slot_holds_proc(uintptr_t w)
{
    return w != 0 && (w & SLOT_EMPTY) == 0;
}

Proc *node_lock_pid(Node *n, Term pid)
{
    if (!is_local_pid(pid) || pid_index(pid) >= n->max_procs)
        return NULL;
    _Atomic uintptr_t *slot = &n->slots[pid_index(pid)];
    uintptr_t w = atomic_load_explicit(slot, memory_order_acquire);
    if (!slot_holds_proc(w))
        return NULL; /* fast path: empty, no lock taken */
    w = slot_lock(slot);
    Proc *p = slot_holds_proc(w) ? (Proc *)(w & ~SLOT_LOCK) : NULL;
    if (p == NULL || p->pid != pid) {
        slot_unlock(slot, w);
        return NULL;
    }
    return p;
}

void node_unlock_pid(Node *n, Term pid)
{
    _Atomic uintptr_t *slot = &n->slots[pid_index(pid)];
    uintptr_t w = atomic_load_explicit(slot, memory_order_relaxed);
    slot_unlock(slot, w & ~SLOT_LOCK);
}

size_t node_slot_count(const Node *n)
{
    size_t used = atomic_load_explicit(&((Node *)n)->next_fresh, memory_order_acquire);
    return used < n->max_procs ? used : n->max_procs;
}

Proc *node_lock_slot(Node *n, size_t i)
{
    if (i >= n->max_procs)
        return NULL;
    _Atomic uintptr_t *slot = &n->slots[i];
    if (!slot_holds_proc(atomic_load_explicit(slot, memory_order_acquire)))
        return NULL; /* empty: no lock taken */
    uintptr_t w = slot_lock(slot);
    if (!slot_holds_proc(w)) {
        slot_unlock(slot, w);
        return NULL;
    }
    return (Proc *)w;
}

Term node_slot_pid(Node *n, size_t i)
{
    if (i >= n->max_procs)
        return NONE;
    Proc *p = NULL;
    Term pid = NONE;
    _Atomic uintptr_t *slot = &n->slots[i];
    if (!slot_holds_proc(atomic_load_explicit(slot, memory_order_acquire)))
        return NONE;
    uintptr_t w = slot_lock(slot);
    if (slot_holds_proc(w)) {
        p = (Proc *)w;
        pid = p->pid;
    }
    slot_unlock(slot, w);
    return pid;
}

/* Pushes one index on the shared stack (free_lock held). The stack grows
 * on demand; when it cannot, the slot is leaked: one table entry. */
static void push_shared(Node *n, uint32_t idx)
{
    if (n->nfree_idx == n->cap_free_idx) {
        size_t cap = n->cap_free_idx ? n->cap_free_idx * 2 : 1024;
        uint32_t *grown = mem_realloc(MEM_SYSTEM, n->free_idx, n->cap_free_idx * sizeof *grown,
                                      cap * sizeof *grown);
        if (grown == NULL)
            return;
        n->free_idx = grown;
        n->cap_free_idx = cap;
    }
    n->free_idx[n->nfree_idx++] = idx;
}

/* The calling scheduler, if it belongs to n: its slot cache is ours. */
static Sched *own_sched(Node *n)
{
    Sched *s = sched_current();
    return s != NULL && s->node == n ? s : NULL;
}

/* The spinlock over a scheduler's slot cache. Almost always the owner's
 * own and uncontended; lock order: free_lock, then a cache. */
static void cache_lock(Sched *s)
{
    int expected = 0;
    while (!atomic_compare_exchange_weak_explicit(&s->slots_lock, &expected, 1,
                                                  memory_order_acquire, memory_order_relaxed)) {
        expected = 0;
        node_cpu_relax();
    }
}

static void cache_unlock(Sched *s)
{
    atomic_store_explicit(&s->slots_lock, 0, memory_order_release);
}

static bool cache_pop(Sched *s, size_t *idx)
{
    cache_lock(s);
    bool got = s->nfree_slots > 0;
    if (got)
        *idx = s->free_slots[--s->nfree_slots];
    cache_unlock(s);
    return got;
}

/* A free index from the caller's cache (refilled from the shared stack
 * half a cache at a time) or the shared stack; false when both are empty. */
static bool take_free_index(Node *n, size_t *idx)
{
    Sched *s = own_sched(n);
    if (s != NULL && cache_pop(s, idx))
        return true;
    bool got = false;
    pthread_mutex_lock(&n->free_lock);
    if (n->nfree_idx > 0) {
        *idx = n->free_idx[--n->nfree_idx];
        got = true;
        if (s != NULL) {
            cache_lock(s);
            while (n->nfree_idx > 0 && s->nfree_slots < SCHED_SLOT_CACHE / 2)
                s->free_slots[s->nfree_slots++] = n->free_idx[--n->nfree_idx];
            cache_unlock(s);
        }
    }
    pthread_mutex_unlock(&n->free_lock);
    return got;
}

/* The table is full: a slot sitting in some scheduler's cache is the last
 * place to look. */
static bool take_cached_index(Node *n, size_t *idx)
{
    for (unsigned i = 0; i < n->nsched; i++)
        if (cache_pop(&n->scheds[i], idx))
            return true;
    return false;
}

int node_reserve(Node *n, Term *pid_out)
{
    size_t idx;
    if (!take_free_index(n, &idx)) {
        idx = atomic_fetch_add_explicit(&n->next_fresh, 1, memory_order_acq_rel);
        if (idx >= n->max_procs) {
            atomic_fetch_sub_explicit(&n->next_fresh, 1, memory_order_acq_rel);
            if (!take_cached_index(n, &idx))
                return MOTE_ELIMIT;
        }
    }
    /* A reserved slot is still "empty": nobody else owns it until it is
     * published, so its serial can be read without the lock. */
    uintptr_t w = atomic_load_explicit(&n->slots[idx], memory_order_acquire);
    *pid_out = make_pid((empty_serial(w) << PID_INDEX_BITS) | idx);
    return 0;
}

/* Puts a slot index back for reuse: into the calling scheduler's cache
 * (spilling half of it to the shared stack when full), else the stack. */
static void release_index(Node *n, size_t idx)
{
    Sched *s = own_sched(n);
    if (s != NULL) {
        cache_lock(s);
        bool kept = s->nfree_slots < SCHED_SLOT_CACHE;
        if (kept)
            s->free_slots[s->nfree_slots++] = (uint32_t)idx;
        cache_unlock(s);
        if (kept)
            return;
    }
    pthread_mutex_lock(&n->free_lock);
    push_shared(n, (uint32_t)idx);
    if (s != NULL) {
        cache_lock(s);
        while (s->nfree_slots > SCHED_SLOT_CACHE / 2)
            push_shared(n, s->free_slots[--s->nfree_slots]);
        cache_unlock(s);
    }
    pthread_mutex_unlock(&n->free_lock);
}

void node_publish(Node *n, Proc *p)
{
    _Atomic uintptr_t *slot = &n->slots[pid_index(p->pid)];
    atomic_fetch_add_explicit(&n->nprocs, 1, memory_order_relaxed);
    /* Through the lock, not a plain store: a reader holding a stale pid
     * may have locked this slot while it was empty, and its unlock
     * (which writes back the word it saw) must not erase us. */
    slot_lock(slot);
    atomic_store_explicit(slot, (uintptr_t)p, memory_order_release);
}

void node_unpublish(Node *n, Proc *p)
{
    size_t idx = pid_index(p->pid);
    _Atomic uintptr_t *slot = &n->slots[idx];
    slot_lock(slot);
    uint64_t serial = pid_serial(p->pid) + 1;
    /* Serials wrap within the bits a pid leaves them. */
    serial &= (UINT64_C(1) << (61 - PID_INDEX_BITS)) - 1;
    /* This store also releases the lock. */
    atomic_store_explicit(slot, (uintptr_t)(serial << 2) | SLOT_EMPTY, memory_order_release);
    /* Reusable before it stops counting: whoever sees the count drop can
     * spawn into the room it made. */
    release_index(n, idx);
    atomic_fetch_sub_explicit(&n->nprocs, 1, memory_order_release);
}

void node_unreserve(Node *n, Term pid)
{
    release_index(n, pid_index(pid));
}

void node_new_ref(Node *n, uint64_t id[2])
{
    id[0] = atomic_fetch_add_explicit(&n->ref_next, 1, memory_order_relaxed);
    id[1] = n->start_ns; /* tells refs of two runs apart in logs */
}

/* ---- delivery ------------------------------------------------------- */

/* Applies a bounded mailbox's policy to a plain message. Returns true
 * when m should be pushed; false when it was dropped (and freed). The
 * slot is locked, so p cannot go away. */
static bool admit(Proc *p, Msg *m)
{
    Mbox *mb = &p->mbox;
    uint64_t before = atomic_fetch_add_explicit(&mb->len, 1, memory_order_relaxed);
    if (mb->max_len == 0 || before < mb->max_len)
        return true;
    switch (mb->overflow) {
    case MOTE_OVERFLOW_DROP_OLDEST:
    case MOTE_OVERFLOW_KILL:
        /* Pushed anyway, so that the owner wakes up and acts on the
         * overflow at its next drain: drops its oldest, or exits. */
        atomic_fetch_add_explicit(&mb->overflowed, 1, memory_order_relaxed);
        return true;
    default: /* DROP_NEWEST, or an unknown policy: the safest reading */
        atomic_fetch_sub_explicit(&mb->len, 1, memory_order_relaxed);
        msg_free(m);
        return false;
    }
}

static void count_message(Node *n)
{
    Sched *s = own_sched(n);
    if (s != NULL) {
        /* Only this thread writes its own counter: a plain load and
         * store, not a locked add on every message. */
        uint64_t k = atomic_load_explicit(&s->messages, memory_order_relaxed);
        atomic_store_explicit(&s->messages, k + 1, memory_order_relaxed);
        return;
    }
    /* Host threads (and other nodes' schedulers) share scheduler 0's. */
    atomic_fetch_add_explicit(&n->scheds[0].messages, 1, memory_order_relaxed);
}

int node_deliver(Node *n, Term to, Msg *m)
{
    Proc *p = node_lock_pid(n, to);
    if (p == NULL)
        return MOTE_ENOPROC;
    bool push = true;
    if (m->kind == MSG_MESSAGE) {
        push = admit(p, m);
        count_message(n);
    }
    bool woke = push && mbox_push(&p->mbox, m);
    node_unlock_pid(n, to);
    /* Our push ended its wait: nobody else will run or free it until we
     * queue it, so this can happen unlocked. */
    if (woke) {
        atomic_store_explicit(&p->state, PS_RUNNABLE, memory_order_relaxed);
        sched_wake(n, p);
    }
    return 0;
}

/* ---- exit waiters --------------------------------------------------- */

static uint64_t waited_bit(Term pid)
{
    return UINT64_C(1) << (pid_index(pid) % 64);
}

void node_notify_exit(Node *n, Term pid, Term reason)
{
    if (atomic_load_explicit(&n->nwaiters, memory_order_seq_cst) == 0)
        return;
    /* Read after nwaiters, which a waiter counts itself in after setting
     * its bit: whoever counted in time has its bit visible here. */
    if ((atomic_load_explicit(&n->waited_bits, memory_order_seq_cst) & waited_bit(pid)) == 0)
        return;
    pthread_mutex_lock(&n->wait_lock);
    bool any = false;
    for (ExitWaiter *w = n->waiters; w != NULL; w = w->next) {
        if (w->pid != pid || w->done)
            continue;
        if (w->buf != NULL)
            mote_format(reason, w->buf, w->size);
        w->done = true;
        any = true;
    }
    if (any)
        pthread_cond_broadcast(&n->wait_cond);
    pthread_mutex_unlock(&n->wait_lock);
}

/* The bits of the waiters still listed (wait_lock held). */
static uint64_t listed_bits(Node *n)
{
    uint64_t bits = 0;
    for (ExitWaiter *w = n->waiters; w != NULL; w = w->next)
        bits |= waited_bit(w->pid);
    return bits;
}

static void unlink_waiter(Node *n, ExitWaiter *me)
{
    for (ExitWaiter **at = &n->waiters; *at != NULL; at = &(*at)->next) {
        if (*at == me) {
            *at = me->next;
            break;
        }
    }
    atomic_fetch_sub_explicit(&n->nwaiters, 1, memory_order_seq_cst);
    atomic_store_explicit(&n->waited_bits, listed_bits(n), memory_order_seq_cst);
}

static struct timespec deadline_after(int64_t ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (ms % 1000) * 1000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    return ts;
}

int node_wait_exit(Node *n, Term pid, int64_t timeout_ms, char *buf, size_t size)
{
    ExitWaiter me = {.pid = pid, .buf = size ? buf : NULL, .size = size};
    struct timespec until = deadline_after(timeout_ms < 0 ? 0 : timeout_ms);
    pthread_mutex_lock(&n->wait_lock);
    /* Count ourselves (bit first) before looking at the table: the exit
     * path empties the slot before it reads nwaiters and the bits, so one
     * of us sees the other. */
    atomic_fetch_or_explicit(&n->waited_bits, waited_bit(pid), memory_order_seq_cst);
    atomic_fetch_add_explicit(&n->nwaiters, 1, memory_order_seq_cst);
    if (node_lock_pid(n, pid) == NULL) {
        atomic_fetch_sub_explicit(&n->nwaiters, 1, memory_order_seq_cst);
        atomic_store_explicit(&n->waited_bits, listed_bits(n), memory_order_seq_cst);
        pthread_mutex_unlock(&n->wait_lock);
        return MOTE_ENOPROC;
    }
    node_unlock_pid(n, pid);
    me.next = n->waiters;
    n->waiters = &me;
    int rc = 0;
    while (!me.done && rc == 0) {
        if (timeout_ms < 0)
            pthread_cond_wait(&n->wait_cond, &n->wait_lock);
        else
            rc = pthread_cond_timedwait(&n->wait_cond, &n->wait_lock, &until);
    }
    unlink_waiter(n, &me);
    pthread_mutex_unlock(&n->wait_lock);
    return me.done ? 0 : MOTE_ETIMEOUT;
}
