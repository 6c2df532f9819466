/* sched.c — scheduler threads: run a process for a slice, steal when
 * idle, spin briefly, then park until woken or a timer is due.
 *
 * Invariant: a runnable process is in exactly one place — one run queue,
 * one scheduler's owner-only batch, its inject stack, or its `next`
 * slot — and whoever made it runnable (a spawn,
 * the push that ended its wait, its own yield) put it there. The
 * parking handshake is Dekker-style: a parker counts itself in nparked
 * before its last look at the queues, an enqueuer publishes runq_len
 * before it reads nparked (both seq_cst), so a parked scheduler is never
 * left asleep next to surplus work. Design notes: docs/process.md.
 */
#include "scheduler.h"

#include <time.h>

#include "mem.h"

/* Read through sched_current(), inline: the send, spawn and exit paths
 * ask several times per message. */
__thread Sched *sched_tls;
#define tls_sched sched_tls

int sched_init_all(Node *n)
{
    n->nsched = n->cfg.schedulers;
    n->scheds = mem_calloc(MEM_SYSTEM, n->nsched, sizeof *n->scheds);
    if (n->scheds == NULL)
        return MOTE_ENOMEM;
    for (unsigned i = 0; i < n->nsched; i++) {
        Sched *s = &n->scheds[i];
        s->index = i;
        s->node = n;
        s->rng = 0x9e3779b97f4a7c15u * (i + 1);
        pthread_mutex_init(&s->lock, NULL);
        node_cond_init(&s->cond);
        if (wheel_init(&s->wheel, i, 0) != 0) {
            n->nsched = i; /* so that fini frees only what was set up */
            sched_fini_all(n);
            return MOTE_ENOMEM;
        }
    }
    return 0;
}

/* ---- run queues ----------------------------------------------------- */

/* Wakes one parked scheduler other than `busy`, if any, for stealing. */
static void wake_one_parked(Node *n, Sched *busy)
{
    for (unsigned i = 0; i < n->nsched; i++) {
        Sched *o = &n->scheds[(busy->index + 1 + i) % n->nsched];
        if (o == busy)
            continue;
        pthread_mutex_lock(&o->lock);
        bool sleeping = o->parked && !o->woken;
        if (sleeping) {
            o->woken = true;
            pthread_cond_signal(&o->cond);
        }
        pthread_mutex_unlock(&o->lock);
        if (sleeping)
            return;
    }
}

void sched_enqueue_on(Sched *s, Proc *p)
{
    p->sched_ix = s->index + 1;
    p->run_next = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->rq_tail != NULL)
        s->rq_tail->run_next = p;
    else
        s->rq_head = p;
    s->rq_tail = p;
    uint32_t len = atomic_load_explicit(&s->runq_len, memory_order_relaxed) + 1;
    atomic_store_explicit(&s->runq_len, len, memory_order_seq_cst);
    if (s->parked && !s->woken) {
        s->woken = true;
        pthread_cond_signal(&s->cond);
    }
    pthread_mutex_unlock(&s->lock);
    /* Surplus work next to a sleeping scheduler: wake one to steal it. */
    if (len >= 2 && atomic_load_explicit(&s->node->nparked, memory_order_seq_cst) > 0)
        wake_one_parked(s->node, s);
}

/* Queues p on the calling scheduler's own batch: no lock, and nobody else
 * can see it until flush_local, which the loop calls after every slice. */
static void enqueue_local(Sched *s, Proc *p)
{
    p->sched_ix = s->index + 1;
    p->run_next = NULL;
    if (s->local_tail != NULL)
        s->local_tail->run_next = p;
    else
        s->local_head = p;
    s->local_tail = p;
    s->nlocal++;
}

/* Moves the batch onto the run queue, where it can be stolen. Owner. */
static void flush_local(Sched *s)
{
    if (s->local_head == NULL)
        return;
    pthread_mutex_lock(&s->lock);
    if (s->rq_tail != NULL)
        s->rq_tail->run_next = s->local_head;
    else
        s->rq_head = s->local_head;
    s->rq_tail = s->local_tail;
    uint32_t len = atomic_load_explicit(&s->runq_len, memory_order_relaxed) + s->nlocal;
    atomic_store_explicit(&s->runq_len, len, memory_order_seq_cst);
    pthread_mutex_unlock(&s->lock);
    s->local_head = s->local_tail = NULL;
    s->nlocal = 0;
    /* The owner is awake (it is running this), so only a parked other
     * scheduler may need waking, as in sched_enqueue_on. */
    if (len >= 2 && atomic_load_explicit(&s->node->nparked, memory_order_seq_cst) > 0)
        wake_one_parked(s->node, s);
}

/* Pushes p on s's inject stack (one CAS) and wakes s if it is parked.
 * The handshake with park is Dekker-style: the push and park's store of
 * `sleeping` are seq_cst, and each side then reads the other's, so
 * either park sees the push or the pusher sees `sleeping` and signals
 * under the lock (which park holds until it waits). Any thread. */
static void inject_push(Sched *s, Proc *p)
{
    p->sched_ix = s->index + 1;
    Proc *head = atomic_load_explicit(&s->inject, memory_order_relaxed);
    do {
        p->run_next = head;
    } while (!atomic_compare_exchange_weak_explicit(&s->inject, &head, p, memory_order_seq_cst,
                                                    memory_order_relaxed));
    if (!atomic_load_explicit(&s->sleeping, memory_order_seq_cst))
        return;
    pthread_mutex_lock(&s->lock);
    if (s->parked && !s->woken) {
        s->woken = true;
        pthread_cond_signal(&s->cond);
    }
    pthread_mutex_unlock(&s->lock);
}

/* Moves everything pushed on s's inject stack to the end of its own batch,
 * oldest first (the stack is newest first). Owner. */
static void drain_inject(Sched *s)
{
    if (atomic_load_explicit(&s->inject, memory_order_relaxed) == NULL)
        return;
    Proc *p = atomic_exchange_explicit(&s->inject, NULL, memory_order_acquire);
    Proc *fifo = NULL, *last = p;
    uint32_t count = 0;
    while (p != NULL) {
        Proc *older = p->run_next;
        p->run_next = fifo;
        fifo = p;
        p = older;
        count++;
    }
    if (fifo == NULL)
        return;
    if (s->local_tail != NULL)
        s->local_tail->run_next = fifo;
    else
        s->local_head = fifo;
    s->local_tail = last;
    s->nlocal += count;
}

void sched_enqueue(Node *n, Proc *p)
{
    Sched *s = tls_sched;
    if (s != NULL && s->node == n) {
        enqueue_local(s, p);
        return;
    }
    /* mote_stop's teardown wakes linked neighbours as it kills processes;
     * it frees every process, queued or not, so queueing one would leave
     * a queue pointing at freed memory. */
    if (atomic_load_explicit(&n->halted, memory_order_acquire))
        return;
    /* Not on one of n's schedulers: p's last one, else round robin. */
    if (p->sched_ix != 0) {
        s = &n->scheds[p->sched_ix - 1];
    } else {
        unsigned rr = atomic_fetch_add_explicit(&n->spawn_rr, 1, memory_order_relaxed);
        s = &n->scheds[rr % n->nsched];
    }
    inject_push(s, p);
}

void sched_poke(Sched *s, uint64_t due_ms)
{
    pthread_mutex_lock(&s->lock);
    if (s->parked && !s->woken && due_ms < s->sleep_until_ms) {
        s->woken = true;
        pthread_cond_signal(&s->cond);
    }
    pthread_mutex_unlock(&s->lock);
}

void sched_wake(Node *n, Proc *p)
{
    Sched *s = tls_sched;
    if (s == NULL || s->node != n) {
        sched_enqueue(n, p);
        return;
    }
    p->sched_ix = s->index + 1;
    p->run_next = NULL;
    Proc *old = s->next;
    s->next = p;
    if (old != NULL)
        enqueue_local(s, old);
}

static Proc *pop_queue(Sched *s)
{
    if (atomic_load_explicit(&s->runq_len, memory_order_relaxed) == 0)
        return NULL;
    pthread_mutex_lock(&s->lock);
    Proc *p = s->rq_head;
    if (p != NULL) {
        s->rq_head = p->run_next;
        if (s->rq_head == NULL)
            s->rq_tail = NULL;
        uint32_t len = atomic_load_explicit(&s->runq_len, memory_order_relaxed);
        atomic_store_explicit(&s->runq_len, len - 1, memory_order_relaxed);
    }
    pthread_mutex_unlock(&s->lock);
    return p;
}

/* The next process to run and its budget. A process in `next` runs on
 * what is left of the slice of the process that woke it (as Go's
 * runnext), so a chatty pair shares one slice and cannot starve the
 * queue; once the slice is spent the queue gets its turn. */
static Proc *pop(Sched *s, uint32_t *budget)
{
    drain_inject(s);
    flush_local(s); /* what a timer, the last slice or a foreign thread woke */
    Proc *p = s->next;
    if (p != NULL) {
        s->next = NULL;
        if (s->slice_left > 0) {
            *budget = s->slice_left;
            return p;
        }
        /* The slice is spent: p waits its turn behind the queue like any
         * other runnable process (and becomes stealable). */
        sched_enqueue_on(s, p);
    }
    *budget = s->slice_left = s->node->cfg.reductions;
    return pop_queue(s);
}

/* Takes the older half (rounded up) of v's queue as a list. */
static Proc *take_half(Sched *v, uint32_t *ntaken)
{
    pthread_mutex_lock(&v->lock);
    uint32_t len = atomic_load_explicit(&v->runq_len, memory_order_relaxed);
    uint32_t take = (len + 1) / 2;
    Proc *head = v->rq_head, *tail = NULL;
    for (uint32_t i = 0; i < take; i++) {
        tail = tail == NULL ? head : tail->run_next;
    }
    if (tail != NULL) {
        v->rq_head = tail->run_next;
        if (v->rq_head == NULL)
            v->rq_tail = NULL;
        tail->run_next = NULL;
        atomic_store_explicit(&v->runq_len, len - take, memory_order_relaxed);
    } else {
        head = NULL;
    }
    pthread_mutex_unlock(&v->lock);
    *ntaken = take;
    return head;
}

/* Steals half of some other scheduler's queue: returns one process to run
 * now and queues the rest here. NULL when every queue is empty. */
static Proc *steal(Sched *s)
{
    Node *n = s->node;
    s->rng ^= s->rng << 13;
    s->rng ^= s->rng >> 7;
    s->rng ^= s->rng << 17;
    for (unsigned k = 0; k + 1 < n->nsched; k++) {
        Sched *v = &n->scheds[(s->index + 1 + (s->rng + k) % (n->nsched - 1)) % n->nsched];
        /* A single queued process will run as soon as its scheduler's
         * current slice ends; taking it would move a pair of chatty
         * processes apart for nothing. Only surplus is worth a steal. */
        if (v == s || atomic_load_explicit(&v->runq_len, memory_order_relaxed) < 2)
            continue;
        uint32_t got = 0;
        Proc *list = take_half(v, &got);
        if (list == NULL)
            continue;
        Proc *rest = list->run_next;
        while (rest != NULL) {
            Proc *next = rest->run_next;
            sched_enqueue_on(s, rest);
            rest = next;
        }
        list->sched_ix = s->index + 1;
        return list;
    }
    return NULL;
}

/* ---- the loop ------------------------------------------------------- */

static bool surplus_elsewhere(Sched *s)
{
    Node *n = s->node;
    for (unsigned i = 0; i < n->nsched; i++) {
        Sched *o = &n->scheds[i];
        if (o != s && atomic_load_explicit(&o->runq_len, memory_order_seq_cst) >= 2)
            return true;
    }
    return false;
}

/* Work for an idle scheduler: its own queue, surplus to steal, or a due
 * timer (next_due_ms read once before spinning: a timer armed by another
 * thread meanwhile is seen when it parks). */
static bool anything_to_do(Sched *s, uint64_t now_ms, uint64_t next_due_ms)
{
    if (atomic_load_explicit(&s->runq_len, memory_order_relaxed) > 0 ||
        atomic_load_explicit(&s->inject, memory_order_relaxed) != NULL)
        return true;
    for (unsigned i = 0; i < s->node->nsched; i++)
        if (atomic_load_explicit(&s->node->scheds[i].runq_len, memory_order_relaxed) >= 2)
            return true;
    return next_due_ms <= now_ms;
}

/* Sleeps until woken or the next timer is due. Zero CPU meanwhile. */
static void park(Sched *s)
{
    Node *n = s->node;
    pthread_mutex_lock(&s->lock);
    s->parked = true;
    s->woken = false;
    atomic_store_explicit(&s->sleeping, true, memory_order_seq_cst);
    atomic_fetch_add_explicit(&n->nparked, 1, memory_order_seq_cst);
    bool idle = atomic_load_explicit(&s->runq_len, memory_order_seq_cst) == 0 &&
                atomic_load_explicit(&s->inject, memory_order_seq_cst) == NULL &&
                !atomic_load_explicit(&n->stopping, memory_order_seq_cst) && !surplus_elsewhere(s);
    /* Read under our lock, so a timer armed from elsewhere after this
     * either is seen here or finds us parked and pokes us (sched_poke). */
    uint64_t due = wheel_next_due(&s->wheel);
    s->sleep_until_ms = due;
    if (idle && due > timer_now_ms(n)) {
        atomic_fetch_add_explicit(&s->parks, 1, memory_order_relaxed);
        if (due == UINT64_MAX) {
            pthread_cond_wait(&s->cond, &s->lock);
        } else {
            uint64_t at_ns = n->start_ns + due * 1000000u;
            struct timespec ts = {(time_t)(at_ns / 1000000000u), (long)(at_ns % 1000000000u)};
            pthread_cond_timedwait(&s->cond, &s->lock, &ts);
        }
    }
    s->parked = false;
    atomic_store_explicit(&s->sleeping, false, memory_order_relaxed);
    atomic_fetch_sub_explicit(&n->nparked, 1, memory_order_seq_cst);
    pthread_mutex_unlock(&s->lock);
}

/* Spins for up to cfg.spin_us looking for work, then parks. */
static void idle(Sched *s)
{
    Node *n = s->node;
    uint64_t until = node_now_ns() + (uint64_t)n->cfg.spin_us * 1000u;
    uint64_t due = wheel_next_due(&s->wheel);
    for (;;) {
        for (int i = 0; i < 64; i++)
            node_cpu_relax();
        /* With more runnable threads than cores (a host thread feeding
         * spawns or sends, other programs), a spinning scheduler would
         * take the core from the very thread that is about to give it
         * work; yielding costs nothing when nobody else wants the core. */
        sched_yield();
        if (atomic_load_explicit(&n->stopping, memory_order_relaxed))
            return;
        uint64_t now = node_now_ns();
        if (anything_to_do(s, (now - n->start_ns) / 1000000u, due))
            return;
        if (now >= until)
            break;
    }
    park(s);
}

/* Slices run between two clock reads while busy. A read costs ~40 ns on
 * the machines we measure, as much as a whole message hop, so a busy
 * scheduler looks at the clock (for its timers and busy time) only every
 * few slices; an idle one always does. */
#define SLICES_PER_CLOCK 8

/* Reads the clock: credits busy time since *mark when the scheduler ran
 * processes all along, and fires due timers. */
static void tick(Sched *s, uint64_t *mark, bool *busy)
{
    Node *n = s->node;
    uint64_t now = node_now_ns();
    if (*busy) {
        /* Single writer: a plain load and store, no locked add. */
        uint64_t b = atomic_load_explicit(&s->busy_ns, memory_order_relaxed);
        atomic_store_explicit(&s->busy_ns, b + (now - *mark), memory_order_relaxed);
    }
    *mark = now;
    *busy = false;
    s->tick_ns = now;
    s->tick_due = false;
    wheel_advance(&s->wheel, n, (now - n->start_ns) / 1000000u);
    flush_local(s); /* processes the timers woke: visible before idling */
}

static void *sched_main(void *arg)
{
    Sched *s = arg;
    Node *n = s->node;
    tls_sched = s;
    uint64_t mark = node_now_ns();
    bool busy = false;
    unsigned until_tick = 0;
    while (!atomic_load_explicit(&n->stopping, memory_order_acquire)) {
        if (until_tick == 0 || s->tick_due) {
            tick(s, &mark, &busy);
            until_tick = SLICES_PER_CLOCK;
        }
        uint32_t budget;
        Proc *p = pop(s, &budget);
        if (p == NULL)
            p = steal(s);
        if (p == NULL) {
            tick(s, &mark, &busy);
            /* A timer the tick fired may have woken its process into
             * s->next (sched_wake), which no queue length counts: run it
             * rather than park over it. */
            if (s->next != NULL) {
                until_tick = SLICES_PER_CLOCK;
                continue;
            }
            idle(s);
            until_tick = 0;
            continue;
        }
        s->slice_left = proc_run(s, p, budget);
        flush_local(s);
        busy = true;
        until_tick--;
    }
    tls_sched = NULL;
    return NULL;
}

int sched_start_all(Node *n)
{
    for (unsigned i = 0; i < n->nsched; i++) {
        Sched *s = &n->scheds[i];
        if (pthread_create(&s->thread, NULL, sched_main, s) != 0)
            return MOTE_EIO;
        s->started = true;
    }
    return 0;
}

void sched_stop_all(Node *n)
{
    atomic_store_explicit(&n->stopping, true, memory_order_seq_cst);
    for (unsigned i = 0; i < n->nsched; i++) {
        Sched *s = &n->scheds[i];
        pthread_mutex_lock(&s->lock);
        s->woken = true;
        pthread_cond_signal(&s->cond);
        pthread_mutex_unlock(&s->lock);
    }
    for (unsigned i = 0; i < n->nsched; i++) {
        if (n->scheds[i].started)
            pthread_join(n->scheds[i].thread, NULL);
        n->scheds[i].started = false;
    }
    /* The queues are forgotten, not run: the caller frees every process
     * through the table, and nothing may be queued from now on. */
    for (unsigned i = 0; i < n->nsched; i++) {
        Sched *s = &n->scheds[i];
        s->rq_head = s->rq_tail = s->next = NULL;
        s->local_head = s->local_tail = NULL;
        s->nlocal = 0;
        atomic_store_explicit(&s->inject, NULL, memory_order_relaxed);
        atomic_store_explicit(&s->runq_len, 0, memory_order_relaxed);
    }
    atomic_store_explicit(&n->halted, true, memory_order_release);
}

void sched_fini_all(Node *n)
{
    for (unsigned i = 0; i < n->nsched; i++) {
        Sched *s = &n->scheds[i];
        wheel_fini(&s->wheel);
        while (s->free_procs != NULL) {
            Proc *p = s->free_procs;
            s->free_procs = p->run_next;
            proc_destroy(p);
        }
        while (s->free_msgs != NULL) {
            Msg *m = s->free_msgs;
            s->free_msgs = atomic_load_explicit(&m->next, memory_order_relaxed);
            mem_free(MEM_MSG, m, sizeof *m);
        }
        s->nfree_msgs = 0;
        while (s->free_frags != NULL) {
            HeapFrag *f = s->free_frags;
            s->free_frags = f->next;
            mem_free(MEM_MSG, f, sizeof *f + SCHED_FRAG_WORDS * sizeof(Term));
        }
        s->nfree_frags = 0;
        pthread_mutex_destroy(&s->lock);
        pthread_cond_destroy(&s->cond);
    }
    while (n->frag_pool != NULL) {
        HeapFrag *f = n->frag_pool;
        n->frag_pool = f->next;
        mem_free(MEM_MSG, f, sizeof *f + SCHED_FRAG_WORDS * sizeof(Term));
    }
    n->nfrag_pool = 0;
    while (n->msg_pool != NULL) {
        Msg *m = n->msg_pool;
        n->msg_pool = atomic_load_explicit(&m->next, memory_order_relaxed);
        mem_free(MEM_MSG, m, sizeof *m);
    }
    n->nmsg_pool = 0;
    mem_free(MEM_SYSTEM, n->scheds, n->cfg.schedulers * sizeof *n->scheds);
    n->scheds = NULL;
}
