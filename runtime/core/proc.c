/* proc.c — processes: spawn, the run loop of one time slice, safe-point
 * collection, and the exit path.
 *
 * Invariants: only the scheduler running a process (state PS_RUNNING)
 * touches its heap, private queue and cold sets; a process leaves the
 * table before it sends its exit signals, so nobody can link to or send
 * to it once it is being torn down; a process blocks with one CAS on its
 * inbox word, and the push that ends the wait enqueues it. Proc structs and minimal heap blocks are
 * recycled through per-scheduler free lists, because first touches of
 * fresh pages dominate spawn cost (PERFORMANCE.md).
 */
#include "proc.h"
#include "etab.h"

#include "atom.h"
#include "gc.h"
#include "info.h"
#include "link.h"
#include "mem.h"
#include "node.h"
#include "reg.h"
#include "scheduler.h"
#include "supinfo.h"
#include "timer.h"

static __thread Proc *tls_proc;
static __thread uint32_t tls_reds_mark; /* reds_left when last charged */

/* lang/vm.c, when linked in: frees a VM body. */
void vm_free(Proc *p) __attribute__((weak));

/* How a slice ended. */
enum { RUN_WAIT, RUN_YIELD, RUN_EXITED };

Proc *proc_current(void)
{
    return tls_proc;
}

ProcCold *proc_cold(Proc *p)
{
    ProcCold *c = __atomic_load_n(&p->cold, __ATOMIC_ACQUIRE);
    if (c != NULL)
        return c;
    c = mem_calloc(MEM_PROC, 1, sizeof *c);
    if (c == NULL)
        return NULL;
    atomic_init(&c->name, NONE);
    c->parent = p->parent; /* immutable since spawn */
    c->group_leader = NONE;
    c->dict = NONE;
    /* Release: an introspection reader that sees the pointer sees a
     * fully initialised cold part. */
    __atomic_store_n(&p->cold, c, __ATOMIC_RELEASE);
    return c;
}

void cold_lock(ProcCold *c)
{
    int expected = 0;
    while (!atomic_compare_exchange_weak_explicit(&c->lock, &expected, 1, memory_order_acquire,
                                                  memory_order_relaxed)) {
        expected = 0;
        node_cpu_relax();
    }
}

void cold_unlock(ProcCold *c)
{
    atomic_store_explicit(&c->lock, 0, memory_order_release);
}

/* ---- allocation and recycling --------------------------------------- */

/* A Proc and its first heap block are one allocation: a spawn costs one
 * malloc and an exit one free, not two of each. The block is counted with
 * the process (MEM_PROC) and stays with the struct for its whole life; a
 * heap that grows moves out of it (the GC never frees it). */
#define PROC_BYTES (sizeof(Proc) + HEAP_MIN_WORDS * sizeof(Term))

/* Points p's heap at the empty block inside p's allocation. */
static void use_inline_block(Proc *p)
{
    Heap *h = &p->heap;
    memset(h, 0, sizeof *h);
    h->start = h->htop = (Term *)(void *)(p + 1);
    h->end = h->stop = h->start + HEAP_MIN_WORDS;
    h->min_words = HEAP_MIN_WORDS;
    h->flags = HEAP_INLINE_BLOCK;
}

/* A Proc from this scheduler's free list (heap block kept when it was
 * the minimal size), or a fresh one on its inline block. */
static Proc *proc_alloc(void)
{
    Sched *s = sched_current();
    if (s != NULL && s->free_procs != NULL) {
        Proc *p = s->free_procs;
        s->free_procs = p->run_next;
        s->nfree_procs--;
        return p;
    }
    Proc *p = mem_alloc(MEM_PROC, PROC_BYTES);
    if (p != NULL)
        use_inline_block(p);
    return p;
}

void proc_destroy(Proc *p)
{
    heap_fini(&p->heap);
    mem_free(MEM_PROC, p, PROC_BYTES);
}

static void free_cold(ProcCold *c)
{
    mem_free(MEM_PROC, c->links, c->cap_links * sizeof *c->links);
    mem_free(MEM_PROC, c->link_ix, c->cap_ix * sizeof *c->link_ix);
    mem_free(MEM_PROC, c->monitors, c->cap_monitors * sizeof *c->monitors);
    mem_free(MEM_PROC, c->watchers, c->cap_watchers * sizeof *c->watchers);
    supinfo_free(c->sup);
    mem_free(MEM_PROC, c, sizeof *c);
}

/* Whether the heap is back to a bare minimal block worth keeping. */
static bool heap_is_reusable(const Heap *h)
{
    return h->start != NULL && (size_t)(h->end - h->start) == HEAP_MIN_WORDS &&
           h->frags == NULL && h->mso == NULL && h->bin_vheap_bytes == 0;
}

/* Empties a minimal heap block for the next process, keeping the block. */
static void heap_recycle(Heap *h)
{
    Term *start = h->start, *end = h->end;
    uint32_t inline_block = h->flags & HEAP_INLINE_BLOCK;
    memset(h, 0, sizeof *h);
    h->start = h->htop = start;
    h->end = h->stop = end;
    h->min_words = HEAP_MIN_WORDS;
    h->flags = inline_block;
}

/* Returns a dead process's memory: the heap block stays with the struct
 * on this scheduler's free list when both can be reused. */
static void proc_release(Proc *p)
{
    if (p->body_kind == BODY_VM && vm_free != NULL)
        vm_free(p);
    if (p->cold != NULL)
        free_cold(p->cold);
    p->cold = NULL;
    Sched *s = sched_current();
    if (heap_is_reusable(&p->heap)) {
        heap_recycle(&p->heap);
    } else {
        heap_fini(&p->heap);
        use_inline_block(p); /* back on the block it was born with */
    }
    if (s != NULL && s->node == p->node && s->nfree_procs < SCHED_FREE_PROCS_MAX) {
        p->run_next = s->free_procs;
        s->free_procs = p;
        s->nfree_procs++;
        return;
    }
    proc_destroy(p);
}

/* ---- spawn ----------------------------------------------------------- */

static int check_opts(Proc *parent, const mote_spawn_opts *o)
{
    if ((o->link || o->monitor) && parent == NULL)
        return MOTE_ESTATE;
    if (o->monitor && o->monitor_ref == NULL)
        return MOTE_EINVAL;
    if ((unsigned)o->overflow > MOTE_OVERFLOW_KILL || o->max_queue_len > UINT32_MAX)
        return MOTE_EINVAL;
    return 0;
}

static void proc_setup(Proc *p, Node *n, Term pid, const mote_proc_class *cls, void *arg,
                       const mote_spawn_opts *o)
{
    atomic_init(&p->state, 0); /* neither waiting nor queued until linked up */
    p->reds_left = 0;
    p->pid = pid;
    p->run_next = NULL;
    p->sched_ix = 0;
    p->node = n;
    p->heap.max_words = o->max_heap_words;
    /* A native callback is C code that may build without end before it
     * returns to a safe point: its heap refuses words past the cap. */
    if (cls != NULL && o->max_heap_words != 0)
        p->heap.flags |= HEAP_STRICT_CAP;
    mbox_init(&p->mbox, (uint32_t)o->max_queue_len,
              o->max_queue_len ? (uint8_t)o->overflow : MOTE_OVERFLOW_NONE);
    p->body_kind = BODY_NATIVE;
    p->flags = o->trap_exit ? PF_TRAP_EXIT : 0;
    /* Without init, arg is already the state terminate expects: a process
     * stopped before its first slice still gets its terminate. */
    if (cls == NULL || cls->init == NULL)
        p->flags |= PF_STARTED;
    p->timer_gen = 0;
    p->body.native.cls = cls;
    p->body.native.state = arg;
    p->exit_reason = NONE;
    p->cold = NULL;
    atomic_init(&p->reductions, 0);
    p->recv_timer = 0;
}

/* A local reference term on p's heap (for the monitor_ref option). */
static Term make_ref_on(Proc *p, const uint64_t id[2])
{
    Term *hp = heap_alloc(&p->heap, 3);
    if (hp == NULL)
        return NONE;
    hp[0] = make_header(HDR_REF, 2);
    hp[1] = id[0];
    hp[2] = id[1];
    return make_boxed(hp);
}

/* Link and monitor, before the child may run: spawn_link is atomic. */
static int attach_parent(Proc *parent, Proc *p, const mote_spawn_opts *o)
{
    if (o->link) {
        int rc = link_add(parent, p->pid);
        if (rc != 0)
            return rc;
    }
    if (o->monitor) {
        uint64_t ref[2];
        int rc = monitor_add(parent, p->pid, ref);
        if (rc != 0)
            return rc;
        *o->monitor_ref = make_ref_on(parent, ref);
        if (*o->monitor_ref == NONE)
            return MOTE_ENOMEM;
    }
    return 0;
}

/* Erlang's rule: a process starts with its spawner's group leader, so the
 * output of a process spawned from the shell reaches the shell's I/O
 * server. Only a local pid (an immediate) is kept in the cold part, which
 * is no GC root. Runs before p is published, so the spawning thread may
 * still give p its cold part; out of memory leaves p without a leader
 * (it then prints straight to stdout), never fails the spawn. */
static void inherit_group_leader(Proc *parent, Proc *p)
{
    ProcCold *pc = parent != NULL ? __atomic_load_n(&parent->cold, __ATOMIC_ACQUIRE) : NULL;
    /* Atomic: group_leader/2 from another process may replace it. */
    Term gl = pc != NULL ? __atomic_load_n(&pc->group_leader, __ATOMIC_RELAXED) : NONE;
    if (gl == NONE)
        return;
    ProcCold *c = proc_cold(p);
    if (c != NULL)
        c->group_leader = gl;
}

/* The spawn path shared by native and VM processes: prepare (when not
 * NULL) gives p its body before anyone can see it. */
static int spawn(Node *n, Proc *parent, const mote_proc_class *cls, void *arg,
                 const mote_spawn_opts *opts, int (*prepare)(Proc *, void *), Term *pid_out)
{
    static const mote_spawn_opts none = {0};
    const mote_spawn_opts *o = opts != NULL ? opts : &none;
    int rc = check_opts(parent, o);
    if (rc != 0)
        return rc;
    if (atomic_load_explicit(&n->stopping, memory_order_acquire))
        return MOTE_ESTATE;
    Term pid;
    if ((rc = node_reserve(n, &pid)) != 0)
        return rc;
    Proc *p = proc_alloc();
    if (p == NULL) {
        node_unreserve(n, pid);
        return MOTE_ENOMEM;
    }
    proc_setup(p, n, pid, cls, arg, o);
    p->parent = parent != NULL ? parent->pid : NONE;
    if (prepare != NULL && (rc = prepare(p, arg)) != 0) {
        proc_destroy(p);
        node_unreserve(n, pid);
        return rc;
    }
    inherit_group_leader(parent, p);
    if (o->trap_exit)
        info_publish(p); /* not running yet: safe from this thread */
    node_publish(n, p);
    if ((rc = attach_parent(parent, p, o)) != 0) {
        proc_exit(p, A(normal)); /* never ran */
        return rc;
    }
    atomic_store_explicit(&p->state, PS_RUNNABLE, memory_order_seq_cst);
    sched_enqueue(n, p);
    *pid_out = pid;
    return 0;
}

int proc_spawn(Node *n, Proc *parent, const mote_proc_class *cls, void *arg,
               const mote_spawn_opts *opts, Term *pid_out)
{
    if (cls == NULL)
        return MOTE_EINVAL;
    return spawn(n, parent, cls, arg, opts, NULL, pid_out);
}

int proc_spawn_body(Node *n, Proc *parent, int (*prepare)(Proc *p, void *ctx), void *ctx,
                    const mote_spawn_opts *opts, Term *pid_out)
{
    if (prepare == NULL)
        return MOTE_EINVAL;
    return spawn(n, parent, NULL, ctx, opts, prepare, pid_out);
}

/* ---- reasons --------------------------------------------------------- */

/* A binary holding `text`, built on h (a HEAPBIN: [size_bits][bytes]). */
static Term make_text(Heap *h, const char *text)
{
    size_t len = strlen(text);
    size_t words = (len + 7) / 8;
    Term *hp = heap_alloc(h, 2 + words);
    if (hp == NULL)
        return NONE;
    hp[0] = make_header(HDR_HEAPBIN, 1 + words);
    hp[1] = (Term)len * 8;
    hp[1 + words] = 0; /* zero padding of the last word */
    memcpy(hp + 2, text, len);
    return make_boxed(hp);
}

static Term make_pair(Heap *h, Term a, Term b)
{
    Term *hp = heap_alloc(h, 3);
    if (hp == NULL || b == NONE)
        return A(system_limit); /* out of memory while dying: still a reason */
    hp[0] = make_header(HDR_TUPLE, 2);
    hp[1] = a;
    hp[2] = b;
    return make_boxed(hp);
}

/* {:native_error, "<text of code>"} on p's heap. */
static Term native_error(Proc *p, int code)
{
    return make_pair(&p->heap, A(native_error), make_text(&p->heap, mote_strerror(code)));
}

/* ---- the mailbox drain ---------------------------------------------- */

/* A receive-timer firing: current generation sets PF_TIMED_OUT, stale
 * ones are dropped. */
static void on_timeout(Proc *p, Msg *m)
{
    if ((p->flags & PF_HAS_TIMER) && m->aux == p->timer_gen) {
        p->flags &= (uint8_t)~PF_HAS_TIMER;
        p->flags |= PF_TIMED_OUT;
    }
    msg_free(m);
}

/* Applies the bounded-mailbox overflow the senders recorded. true when
 * the process must exit :mailbox_overflow. */
static bool apply_overflow(Proc *p)
{
    Mbox *mb = &p->mbox;
    uint32_t k = atomic_exchange_explicit(&mb->overflowed, 0, memory_order_acq_rel);
    if (k == 0)
        return false;
    if (mb->overflow == MOTE_OVERFLOW_KILL) {
        p->exit_reason = A(mailbox_overflow);
        return true;
    }
    while (k-- > 0 && mbox_drop_oldest(mb)) {
    }
    return false;
}

bool proc_drain(Proc *p)
{
    Mbox *mb = &p->mbox;
    Msg *m = mbox_grab(mb);
    while (m != NULL) {
        Msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
        if (m->kind == MSG_MESSAGE) {
            mbox_append(mb, m);
        } else if (m->kind == MSG_TIMEOUT) {
            on_timeout(p, m);
        } else if (m->kind == MSG_REQUEST) {
            ProcRequest *rq = (ProcRequest *)(uintptr_t)m->aux;
            msg_free(m);
            rq->fn(p, rq);
        } else {
            int r = link_handle(p, m);
            if (r == LINK_AS_MESSAGE) {
                atomic_fetch_add_explicit(&mb->len, 1, memory_order_relaxed);
                mbox_append(mb, m);
            } else if (r == LINK_KILL) {
                /* The rest stays queued; the exit path answers it. */
                p->flags |= PF_SIGNALLED;
                for (m = next; m != NULL; m = next) {
                    next = atomic_load_explicit(&m->next, memory_order_relaxed);
                    mbox_append(mb, m);
                }
                return true;
            }
        }
        m = next;
    }
    return apply_overflow(p);
}

int proc_request(Node *n, Term pid, ProcRequest *rq)
{
    Msg *m = msg_new(MSG_REQUEST, NONE, NIL);
    if (m == NULL)
        return MOTE_ENOMEM;
    m->aux = (uint64_t)(uintptr_t)rq;
    int rc = node_deliver(n, pid, m);
    if (rc != 0)
        msg_free(m); /* not delivered: the caller still owns rq */
    return rc;
}

/* ---- running ---------------------------------------------------------- */

/* Adds the reductions used since the last charge to the process and to
 * the scheduler. Must run before p can be seen by another thread again. */
static void charge(Proc *p)
{
    uint32_t used = tls_reds_mark - p->reds_left;
    tls_reds_mark = p->reds_left;
    if (used == 0)
        return;
    /* Both counters have a single writer (the thread running p, which is
     * its scheduler's thread): plain loads and stores, no locked adds. */
    uint64_t r = atomic_load_explicit(&p->reductions, memory_order_relaxed);
    atomic_store_explicit(&p->reductions, r + used, memory_order_relaxed);
    Sched *s = sched_current();
    if (s != NULL) {
        r = atomic_load_explicit(&s->reductions, memory_order_relaxed);
        atomic_store_explicit(&s->reductions, r + used, memory_order_relaxed);
    }
}

/* Tries to block in receive. true: p is waiting (or already handed to a
 * waker) and the caller must not touch it again. false: something arrived
 * meanwhile and p is still ours to run. The decision is one
 * compare-and-swap on the inbox word, the same word a sender pushes on,
 * so a wake-up is never lost and nothing of p is read after it. */
static bool try_block(Proc *p)
{
    charge(p);
    if (p->cold != NULL)
        info_publish_where(p); /* where it waits, for observers */
    atomic_store_explicit(&p->state, PS_WAITING, memory_order_relaxed);
    if (mbox_try_wait(&p->mbox))
        return true;
    atomic_store_explicit(&p->state, PS_RUNNING, memory_order_relaxed);
    return false;
}

/* A suspended process (erlang:suspend_process) runs no code: after each
 * drain it blocks again, marked suspended, until a resume request (which
 * wakes it like any signal) brings its count back to zero. true: p is
 * blocked and must not be touched; false: keep going (not suspended, or
 * something arrived and must be drained first). */
static bool stay_suspended(Proc *p)
{
    ProcCold *c = p->cold;
    if (c == NULL || atomic_load_explicit(&c->suspends, memory_order_relaxed) == 0)
        return false;
    charge(p);
    atomic_store_explicit(&p->state, PS_WAITING | PS_SUSPENDED, memory_order_relaxed);
    if (mbox_try_wait(&p->mbox))
        return true;
    atomic_store_explicit(&p->state, PS_RUNNING, memory_order_relaxed);
    return false;
}

/* Collects at a safe point when the heap asks for it. Roots of a native
 * process: only its exit reason (its state is C data). Returns 0, or the
 * exit reason to die with. */
static Term safe_point(Proc *p)
{
    Heap *h = &p->heap;
    if (h->flags & HEAP_CAP_HIT) {
        /* The callback asked for words past its cap and was refused; the
         * reason is built without the cap (the process is done). */
        h->flags &= ~(HEAP_STRICT_CAP | HEAP_CAP_HIT);
        return make_pair(h, A(max_heap_size), make_small((int64_t)heap_used_words(h)));
    }
    /* Most native processes build nothing on their heap: an untouched
     * heap has nothing to collect, even under GC stress. */
    if (h->htop == h->start && h->stop == h->end && h->frags == NULL && h->max_words == 0 &&
        h->bin_vheap_bytes == 0)
        return NONE;
    bool over = h->max_words != 0 && heap_size_words(h) > h->max_words;
    if (!over && !heap_wants_gc(h))
        return NONE;
    /* With an immediate exit reason, its only root, nothing on a native
     * process's heap is live: a collection would copy nothing. A small
     * block with no fragments and no off-heap references (which need the
     * GC to let go of them) is simply emptied. */
    if (!is_boxed(p->exit_reason) && !is_cons(p->exit_reason) && h->frags == NULL &&
        h->mso == NULL && h->bin_vheap_bytes == 0 && h->stop == h->end && !over &&
        (size_t)(h->end - h->start) <= 4 * h->min_words) {
        h->htop = h->start;
        h->gc_count++;
        return NONE;
    }
    Term *ranges[1] = {&p->exit_reason};
    size_t counts[1] = {1};
    GcRoots roots = {ranges, counts, 1};
    int rc = gc_collect(h, &roots, 0);
    if (rc == 0)
        info_publish(p);
    if (rc == MOTE_EHEAPCAP)
        return make_pair(h, A(max_heap_size), make_small((int64_t)heap_used_words(h)));
    if (rc != 0)
        return native_error(p, rc);
    return NONE;
}

/* What a callback's return code means: NONE to go on, else the reason. */
static Term reason_of(Proc *p, int rc)
{
    if (rc == MOTE_OK)
        return NONE;
    if (rc == MOTE_STOP)
        return p->exit_reason != NONE ? p->exit_reason : A(normal);
    if (rc < 0)
        return native_error(p, rc);
    return NONE; /* unknown positive codes are read as OK */
}

/* Reductions a message costs: 1, plus a little per word copied. */
static uint32_t message_cost(const Msg *m)
{
    return 1 + (m->frag != NULL ? (uint32_t)(m->frag->used_words / 32) : 0);
}

/* Disposes of a message handle() has seen. The message is valid only
 * during the callback, and a native process's only root is its exit
 * reason, so unless that reason may point into the message, the block
 * goes straight back (to the sender-side cache) instead of joining the
 * heap and making the next safe point collect it. */
static void done_with(Proc *p, Msg *m)
{
    if (m->frag != NULL && (is_boxed(p->exit_reason) || is_cons(p->exit_reason)))
        heap_attach(&p->heap, msg_take_frag(m));
    msg_free(m);
}

/* Callbacks between two looks at the (coarse) clock. */
#define CALLS_PER_CLOCK 8

/* Ends the slice of a native process that has held its scheduler past
 * SCHED_SLICE_MAX_NS since the scheduler last read the clock: reductions
 * count callbacks, not the C work inside them. */
static void check_slice_time(Proc *p)
{
    Sched *s = sched_current();
    if (s == NULL)
        return;
    uint64_t now = node_coarse_ns();
    if (now > s->tick_ns && now - s->tick_ns > SCHED_SLICE_MAX_NS) {
        p->reds_left = 0;
        s->tick_due = true;
    }
}

static int run_native(Proc *p)
{
    unsigned calls = 0;
    const mote_proc_class *cls = p->body.native.cls;
    Term why = A(undef);
    if (cls == NULL)
        goto die; /* a proc_spawn_body whose prepare gave it no body */
    if (!(p->flags & PF_STARTED)) {
        p->flags |= PF_STARTED;
        if (cls->init != NULL &&
            (why = reason_of(p, cls->init((mote_proc *)p, &p->body.native.state))) != NONE)
            goto die;
        if (cls->init != NULL && (why = safe_point(p)) != NONE)
            goto die; /* init built past its cap */
    }
    for (;;) {
        if (proc_drain(p)) {
            why = p->exit_reason;
            goto die;
        }
        if (p->cold != NULL && atomic_load_explicit(&p->cold->suspends, memory_order_relaxed)) {
            if (stay_suspended(p))
                return RUN_WAIT;
            continue;
        }
        mbox_reset(&p->mbox);
        Msg *m = mbox_peek(&p->mbox);
        if (m == NULL) {
            if (try_block(p))
                return RUN_WAIT;
            continue;
        }
        if (p->reds_left == 0)
            return RUN_YIELD;
        uint32_t cost = message_cost(m);
        m = mbox_unlink(&p->mbox);
        p->reds_left -= cost < p->reds_left ? cost : p->reds_left;
        int rc = cls->handle != NULL
                     ? cls->handle((mote_proc *)p, p->body.native.state, m->term)
                     : MOTE_OK;
        done_with(p, m);
        if ((why = reason_of(p, rc)) != NONE)
            goto die;
        if ((why = safe_point(p)) != NONE)
            goto die;
        if (++calls % CALLS_PER_CLOCK == 0)
            check_slice_time(p);
    }
die:
    proc_exit(p, why);
    return RUN_EXITED;
}

static int run_vm(Proc *p)
{
    for (;;) {
        if (proc_drain(p))
            break;
        if (p->cold != NULL && atomic_load_explicit(&p->cold->suspends, memory_order_relaxed)) {
            if (stay_suspended(p))
                return RUN_WAIT;
            continue;
        }
        if (vm_run == NULL) {
            p->exit_reason = A(undef); /* no language linked in */
            break;
        }
        int rc = vm_run(p);
        if (rc == VM_YIELD)
            return RUN_YIELD;
        if (rc == VM_EXIT)
            break;
        if (try_block(p))
            return RUN_WAIT;
    }
    proc_exit(p, p->exit_reason);
    return RUN_EXITED;
}

uint32_t proc_run(Sched *s, Proc *p, uint32_t budget)
{
    atomic_store_explicit(&p->state, PS_RUNNING, memory_order_relaxed);
    p->sched_ix = s->index + 1;
    p->reds_left = budget;
    tls_reds_mark = p->reds_left;
    tls_proc = p;
    int how = p->body_kind == BODY_VM ? run_vm(p) : run_native(p);
    tls_proc = NULL;
    if (how == RUN_YIELD) {
        charge(p);
        info_publish(p);
        atomic_store_explicit(&p->state, PS_RUNNABLE, memory_order_relaxed);
        sched_enqueue(p->node, p); /* this scheduler's batch: no lock */
    }
    /* The mark is what p had left at its last charge, which every way
     * out of a slice makes before p can be touched by another thread. */
    return tls_reds_mark;
}

/* ---- exit ------------------------------------------------------------- */

/* Moves whatever is still in the inbox to the private queue. */
static void collect_inbox(Proc *p)
{
    for (Msg *m = mbox_grab(&p->mbox); m != NULL;) {
        Msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
        mbox_append(&p->mbox, m);
        m = next;
    }
}

/* Applies link and monitor requests that reached p before it left the
 * table but were never drained (e.g. spawn_link's link, when the child
 * dies in init): they were made while p was alive, so the other end must
 * get the real exit reason, not :noproc. Not when an exit signal killed
 * p: every such request still queued was sent after that signal, and a
 * sender that did exit(pid, :kill) then monitor(pid) must hear :noproc,
 * as the BEAM orders the two signals (flush_mailbox answers them). */
static void accept_pending_links(Proc *p)
{
    if (p->flags & PF_SIGNALLED)
        return;
    Mbox *mb = &p->mbox;
    mbox_reset(mb);
    Msg *m;
    while ((m = mbox_peek(mb)) != NULL) {
        if (m->kind == MSG_LINK || m->kind == MSG_MONITOR)
            (void)link_handle(p, mbox_unlink(mb));
        else
            mbox_next(mb);
    }
}

/* Answers or frees everything left in a dead process's mailbox. */
static void flush_mailbox(Proc *p)
{
    Mbox *mb = &p->mbox;
    Msg *m = mb->first;
    mb->first = NULL;
    mb->last = mb->save = &mb->first;
    while (m != NULL) {
        Msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
        if (m->kind == MSG_MESSAGE || m->kind == MSG_TIMEOUT) {
            msg_free(m);
        } else if (m->kind == MSG_REQUEST) {
            ProcRequest *rq = (ProcRequest *)(uintptr_t)m->aux;
            msg_free(m);
            rq->fn(NULL, rq); /* never answered: the asker hears "gone" */
        } else {
            link_reject(p->node, p->pid, m);
        }
        m = next;
    }
    atomic_store_explicit(&mb->len, 0, memory_order_relaxed);
}

void proc_exit(Proc *p, Term reason)
{
    Node *n = p->node;
    Proc *outer = tls_proc;
    tls_proc = p;
    if (outer == p)
        charge(p); /* dying in its own slice; else it has used nothing */
    atomic_fetch_or_explicit(&p->state, PS_EXITING, memory_order_seq_cst);
    p->exit_reason = reason;
    const mote_proc_class *cls = p->body.native.cls;
    if (p->body_kind == BODY_NATIVE && (p->flags & PF_STARTED) && cls != NULL &&
        cls->terminate != NULL)
        cls->terminate((mote_proc *)p, p->body.native.state, p->exit_reason);
    timer_cancel_receive(p);
    if (p->cold != NULL)
        reg_unregister_proc(n, p);
    /* Tables go before anyone hears of the exit, as in Erlang. */
    if (p->cold != NULL && atomic_load(&p->cold->ets_owned) != 0)
        etab_on_exit(p);
    /* From here no send reaches p: its inbox only shrinks. */
    node_unpublish(n, p);
    collect_inbox(p);
    accept_pending_links(p);
    if (p->cold != NULL)
        link_on_exit(p, p->exit_reason);
    node_notify_exit(n, p->pid, p->exit_reason);
    flush_mailbox(p);
    tls_proc = outer;
    proc_release(p);
}
