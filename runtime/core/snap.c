/* snap.c — counters of every live process in one pass: mote_proc_scan
 * and the mote_snapshot_* handle an observer refreshes (mote.h).
 *
 * mote_proc_info_get takes a process's cold-state lock and copies names
 * (several hundred bytes per process); at a million processes that is
 * more than a 50 ms snapshot budget allows. A scan reads only the atomics
 * a process publishes (reductions, queue length, heap size, restarts)
 * under its slot lock, which holds the Proc in place while it is read and
 * is held for a few loads.
 *
 * A snapshot handle keeps, per table slot, a tag of the Proc and the
 * counters it saw last time: the scan walks the slots in order, so the
 * previous values are read and rewritten sequentially (no hash table, no
 * clearing), and a different Proc is a new process with no growth yet.
 * Top-K selection is a bounded min-heap of (key, slot) pairs; only the K
 * winners get a full mote_proc_info read.
 *
 * The walk is bound by cache misses on Proc structs and by its own
 * instructions (callgrind: ~140 per process plus the slot lock), so it
 * touches as few of their lines as it can: the first one, where proc.h
 * keeps the queue length, reductions and cold pointer, prefetched a few
 * slots ahead. The pid (another line) is read only for a process that
 * enters the heap or raises a maximum; ties rank by slot, which the walk
 * knows, and the previous counters are tagged by Proc address rather
 * than pid serial. The hot helpers are inlined and the header sums kept
 * in locals.
 *
 * Text keys (name, current function) rank by a short text each
 * candidate carries, read under the slot lock from what the process
 * published (its name atom, its packed initial call or current function,
 * a native class's name): no cold-part lock, no allocation. Status ranks
 * by a number like the other keys.
 */
#include "snap.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>

#include "atom.h"
#include "heap.h"
#include "info.h"
#include "mem.h"
#include "node.h"
#include "proc.h"

#define SNAP_PREFETCH 16 /* slots ahead whose Proc is prefetched */
#define SNAP_TEXT 48    /* bytes of a text key compared; longer ties  */

/* What a slot held at the previous take, packed into 16 bytes: the scan
 * reads and rewrites one per slot, so at a million processes its size is
 * memory traffic on every take. Reductions keep their low 32 bits (a
 * difference modulo 2^32 is exact below 4e9 reductions per interval);
 * queue length and memory (in 8-byte units) saturate. */
typedef struct SlotPrev {
    uint32_t tag;       /* slot_tag of its Proc; 0 when the slot was empty */
    uint32_t reds;
    uint32_t msgq;
    uint32_t mem8;
} SlotPrev;

/* Which Proc a slot held, from its address (never 0): reading the pid
 * would cost a cache line of most Procs that nothing else needs. A new
 * process that reuses the same struct in the same slot looks like the old
 * one; read_slot counts it as new when its reductions are fewer than
 * the old one's, and otherwise its figures for that one take are against
 * the old one's counters. */
static uint32_t slot_tag(const Proc *p)
{
    return (uint32_t)((uintptr_t)p >> 3) | 1;
}

static uint32_t sat32(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* A process as the scan read it, and a top-K candidate: its key and
 * enough to find it again. Growth is kept as a difference since the
 * previous take (0 for a new process or the first take): the interval is
 * the same for every process, so differences rank as rates do, and the
 * division waits for the K winners. */
typedef struct Cand {
    double key;                /* larger is better (numeric keys)        */
    mote_pid pid;
    uint64_t reds, msgq, memory;
    int64_t dmsgq, dmem;       /* queue length and bytes since then      */
    uint32_t dreds;            /* reductions since then                  */
    uint32_t restarts;
    uint32_t slot;             /* table slot: ties rank by it            */
    bool textual;              /* ranked by text (ascending), not key     */
    char text[SNAP_TEXT];      /* text keys only; "" ranks last           */
} Cand;

/* Each numeric key's largest value over the matched processes, in the
 * scan's units (differences for growth); the first holder wins ties. */
typedef struct Maxima {
    int64_t v[MOTE_SNAP_PID];
    mote_pid pid[MOTE_SNAP_PID];
} Maxima;

struct mote_snapshot {
    mote_rt *rt;
    Node *node;
    uint64_t seq;
    uint64_t prev_ns;
    SlotPrev *prev;     /* one per slot, cap_prev of them                */
    size_t cap_prev;
    size_t nprev;       /* slots the last take wrote; past them, zeros   */
    Cand *heap;         /* the bounded heap, cap_heap entries            */
    size_t cap_heap;
    mote_snapshot_row *rows;
    size_t cap_rows;
};

/* Bytes charged to a process in a scan: the struct, its heap as last
 * published, and an envelope per queued message (payload sizes are not
 * counted without walking the queue, which only the owner may do). */
static uint64_t scan_memory(const ProcCold *c, uint64_t msgq)
{
    uint64_t words = c ? atomic_load_explicit(&((ProcCold *)c)->pub_heap_words,
                                              memory_order_relaxed)
                       : 0;
    return sizeof(Proc) + (words ? words : HEAP_MIN_WORDS) * sizeof(Term) +
           (c ? sizeof *c : 0) + msgq * sizeof(Msg);
}

static void brief_of(const Proc *p, mote_proc_brief *b)
{
    b->pid = (mote_pid)p->pid;
    b->reductions = atomic_load_explicit(&((Proc *)p)->reductions, memory_order_relaxed);
    b->message_queue_len = atomic_load_explicit(&((Proc *)p)->mbox.len, memory_order_relaxed);
    ProcCold *c = __atomic_load_n(&p->cold, __ATOMIC_ACQUIRE);
    b->memory = (size_t)scan_memory(c, b->message_queue_len);
    b->restarts = c ? atomic_load_explicit(&c->restarts, memory_order_relaxed) : 0;
}

MOTE_API int mote_proc_scan(mote_rt *rt, mote_proc_brief *buf, size_t cap, size_t *nout)
{
    if (!rt || !nout || (cap && !buf))
        return MOTE_EINVAL;
    Node *n = node_of_rt(rt);
    size_t k = 0, slots = node_slot_count(n);
    for (size_t i = 0; i < slots; i++) {
        Proc *p = node_lock_slot(n, i);
        if (!p)
            continue;
        if (k < cap)
            brief_of(p, &buf[k]);
        k++; /* past cap: counted, not copied; the caller retries */
        node_unlock_pid(n, p->pid);
    }
    *nout = k;
    return 0;
}

/* ---- the snapshot handle ------------------------------------------- */

MOTE_API int mote_snapshot_new(mote_rt *rt, mote_snapshot **out)
{
    if (!rt || !out)
        return MOTE_EINVAL;
    mote_snapshot *s = mem_calloc(MEM_SYSTEM, 1, sizeof *s);
    if (!s)
        return MOTE_ENOMEM;
    s->rt = rt;
    s->node = node_of_rt(rt);
    *out = s;
    return 0;
}

MOTE_API void mote_snapshot_free(mote_snapshot *s)
{
    if (!s)
        return;
    mem_free(MEM_SYSTEM, s->prev, s->cap_prev * sizeof *s->prev);
    mem_free(MEM_SYSTEM, s->heap, s->cap_heap * sizeof *s->heap);
    mem_free(MEM_SYSTEM, s->rows, s->cap_rows * sizeof *s->rows);
    mem_free(MEM_SYSTEM, s, sizeof *s);
}

/* Grows *buf to hold at least n elements of size sz (contents kept). */
static int reserve(void **buf, size_t *cap, size_t n, size_t sz)
{
    if (n <= *cap)
        return 0;
    size_t ncap = n + n / 4 + 16;
    void *b = mem_calloc(MEM_SYSTEM, ncap, sz);
    if (!b)
        return MOTE_ENOMEM;
    if (*buf)
        memcpy(b, *buf, *cap * sz);
    mem_free(MEM_SYSTEM, *buf, *cap * sz);
    *buf = b;
    *cap = ncap;
    return 0;
}

/* a ranks below b: smaller key (text keys: later text, or none), or the
 * same key and a later slot (slot order is pid-index order; the scan
 * visits slots in order, so a tie with the heap's root loses without
 * reading the newcomer's pid). */
static inline bool worse(const Cand *a, const Cand *b)
{
    if (a->textual) {
        int d = !a->text[0] || !b->text[0] ? (int)!a->text[0] - (int)!b->text[0]
                                           : strcmp(a->text, b->text);
        return d > 0 || (d == 0 && a->slot > b->slot);
    }
    return a->key < b->key || (a->key == b->key && a->slot > b->slot);
}

static void sift_down(Cand *h, size_t n, size_t i)
{
    for (;;) {
        size_t c = 2 * i + 1, m = i;
        if (c < n && worse(&h[c], &h[m]))
            m = c;
        if (c + 1 < n && worse(&h[c + 1], &h[m]))
            m = c + 1;
        if (m == i)
            return;
        Cand t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

/* Offers c to a min-heap of at most cap entries (worst at the root). */
static void offer(Cand *h, size_t *n, size_t cap, const Cand *c)
{
    if (*n < cap) {
        size_t i = (*n)++;
        h[i] = *c;
        while (i && worse(&h[i], &h[(i - 1) / 2])) {
            Cand t = h[i];
            h[i] = h[(i - 1) / 2];
            h[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
    } else if (cap && !(!c->textual && (c->key < h[0].key ||
                                         (c->key == h[0].key && c->slot > h[0].slot))) &&
               worse(&h[0], c)) {
        /* (Most processes lose to the root on the key alone: the first
         * test decides them without the general comparison.) */
        h[0] = *c;
        sift_down(h, *n, 0);
    }
}

static int cmp_best_first(const void *a, const void *b)
{
    return worse(a, b) ? 1 : worse(b, a) ? -1 : 0;
}

/* Whether the process matches a filter: the slow path, a full info read
 * (names, initial call) per process, taken only when a filter is set. */
static bool matches(mote_rt *rt, mote_pid pid, const char *filter)
{
    mote_proc_info pi;
    if (mote_proc_info_get(rt, pid, &pi))
        return false;
    char pid_text[40];
    mote_format(mote_pid_term(pid), pid_text, sizeof pid_text);
    return strstr(pi.registered_name, filter) || strstr(pi.initial_call, filter) ||
           strstr(pi.current_function, filter) || strstr(pid_text, filter);
}

static inline void max_of(Maxima *m, int k, int64_t v, mote_pid pid)
{
    if (v > m->v[k]) {
        m->v[k] = v;
        m->pid[k] = pid;
    }
}

static void track_max(Maxima *m, const Cand *c)
{
    max_of(m, MOTE_SNAP_REDS, c->dreds, c->pid);
    max_of(m, MOTE_SNAP_MSGQ, (int64_t)c->msgq, c->pid);
    max_of(m, MOTE_SNAP_MEMORY, (int64_t)c->memory, c->pid);
    max_of(m, MOTE_SNAP_MSGQ_GROWTH, c->dmsgq, c->pid);
    max_of(m, MOTE_SNAP_MEM_GROWTH, c->dmem, c->pid);
    max_of(m, MOTE_SNAP_RESTARTS, c->restarts, c->pid);
}

/* A difference over the interval as a rate (0 on the first take). */
static double per_sec(int64_t d, double dt)
{
    return dt > 0 ? (double)d / dt : 0;
}

/* The maxima in the header's units. */
static void put_maxima(mote_snapshot_header *h, const Maxima *m, double dt)
{
    for (int k = 0; k < MOTE_SNAP_PID; k++) {
        if (!m->pid[k])
            continue;
        bool growth = k == MOTE_SNAP_REDS || k == MOTE_SNAP_MSGQ_GROWTH ||
                      k == MOTE_SNAP_MEM_GROWTH;
        h->max[k].value = growth ? per_sec(m->v[k], dt) : (double)m->v[k];
        h->max[k].pid = m->pid[k];
    }
}

/* c's key for a numeric sort (status and text keys are set by
 * read_slot; the pid key once the pid is read). */
static inline __attribute__((always_inline)) double key_of(const Cand *c, mote_snap_key k)
{
    switch (k) {
    case MOTE_SNAP_REDS: return c->dreds;
    case MOTE_SNAP_MSGQ: return (double)c->msgq;
    case MOTE_SNAP_MEMORY: return (double)c->memory;
    case MOTE_SNAP_MSGQ_GROWTH: return (double)c->dmsgq;
    case MOTE_SNAP_MEM_GROWTH: return (double)c->dmem;
    case MOTE_SNAP_RESTARTS: return c->restarts;
    case MOTE_SNAP_PID: return -(double)c->pid; /* ascending pid = best first */
    default: return c->key;
    }
}

/* The text of an atom, or "" for anything else. */
static void atom_key(Term a, char *buf, size_t size)
{
    size_t len = 0;
    const char *t = is_atom(a) ? atom_text(a, &len) : NULL;
    if (!t)
        len = 0;
    if (len >= size)
        len = size - 1;
    memcpy(buf, t ? t : "", len);
    buf[len] = '\0';
}

/* The initial call as mote_proc_info shows it: a VM process's packed
 * one, or a native process's class name. */
static void initial_key(const Proc *p, char *buf, size_t size)
{
    buf[0] = '\0';
    if (p->body_kind == BODY_NATIVE && p->body.native.cls && p->body.native.cls->name)
        snprintf(buf, size, "%s", p->body.native.cls->name);
    else
        (void)info_where_text(info_where_initial(p), buf, size);
}

/* c's text for a text key, from what p (slot locked) published. */
static void text_key(const Proc *p, const ProcCold *cold, mote_snap_key key, Cand *c)
{
    c->textual = true;
    if (key == MOTE_SNAP_NAME) {
        Term name = cold ? atomic_load(&((ProcCold *)cold)->name) : NONE;
        if (name != NONE)
            atom_key(name, c->text, sizeof c->text);
        else
            initial_key(p, c->text, sizeof c->text);
        return;
    }
    const char *cf = cold ? atomic_load(&((ProcCold *)cold)->current_function) : NULL;
    uint64_t w = cold ? atomic_load_explicit(&((ProcCold *)cold)->pub_where,
                                             memory_order_relaxed)
                      : 0;
    if (cf)
        snprintf(c->text, sizeof c->text, "%s", cf);
    else if (!info_where_text(w, c->text, sizeof c->text))
        initial_key(p, c->text, sizeof c->text);
}

/* Status as a rank, busiest first: running, runnable, waiting in a call,
 * waiting, suspended, exiting (as mote_proc_info and the STAT column). */
static double status_rank(uint32_t st, const ProcCold *cold)
{
    if (st & PS_EXITING)
        return -5;
    if (st & PS_SUSPENDED)
        return -4;
    if (st & PS_RUNNING)
        return 0;
    if (st & PS_RUNNABLE)
        return -1;
    bool call = cold && atomic_load_explicit(&((ProcCold *)cold)->waiting_on,
                                             memory_order_relaxed);
    return call ? -2 : -3;
}

/* Reads slot i (locked by the caller) into c, with growth against the
 * slot's previous values (when grow; seen: the last take wrote them),
 * and remembers the new ones. Every field it reads of p is in p's first
 * cache line (proc.h) unless the sort needs more (status, text keys).
 * Inlined into the walk, as are key_of and need_pid. */
static inline __attribute__((always_inline)) void
read_slot(const Proc *p, SlotPrev *prev, bool seen, bool grow, mote_snap_key sort, Cand *c)
{
    c->reds = atomic_load_explicit(&((Proc *)p)->reductions, memory_order_relaxed);
    c->msgq = atomic_load_explicit(&((Proc *)p)->mbox.len, memory_order_relaxed);
    ProcCold *cold = __atomic_load_n(&p->cold, __ATOMIC_ACQUIRE);
    c->memory = scan_memory(cold, c->msgq);
    c->restarts = cold ? atomic_load_explicit(&cold->restarts, memory_order_relaxed) : 0;
    SlotPrev now = {slot_tag(p), (uint32_t)c->reds, sat32(c->msgq), sat32(c->memory / 8)};
    /* Slots the last take did not reach are still the zeros calloc gave:
     * not reading them spares the first take a page fault per 4 KB of
     * prev (a read maps the zero page, and the write then copies it). */
    SlotPrev old = {0, 0, 0, 0};
    if (seen)
        old = *prev;
    *prev = now;
    c->dreds = 0;
    c->dmsgq = c->dmem = 0;
    /* A new process on the same struct has fewer reductions (SlotPrev). */
    if (grow && old.tag == now.tag && now.reds - old.reds <= c->reds) {
        c->dreds = now.reds - old.reds; /* modulo 2^32: see SlotPrev */
        c->dmsgq = (int64_t)now.msgq - (int64_t)old.msgq;
        c->dmem = ((int64_t)now.mem8 - (int64_t)old.mem8) * 8;
    }
    if (sort < MOTE_SNAP_PID) {
        c->textual = false;
        c->key = key_of(c, sort);
    } else if (sort == MOTE_SNAP_STATUS) {
        c->textual = false;
        c->key = status_rank(atomic_load_explicit(&((Proc *)p)->state, memory_order_relaxed),
                             cold);
    } else if (sort == MOTE_SNAP_NAME || sort == MOTE_SNAP_FUNCTION) {
        c->key = 0;
        text_key(p, cold, sort, c);
    } else {
        c->textual = false; /* the pid key: set once the pid is read */
    }
}

/* Whether c could change the result, so its pid is worth a cache line:
 * it enters the heap (a tie with the root is decided by pid) or raises a
 * maximum (ties lose: see worse). Most idle processes do neither. */
static inline __attribute__((always_inline)) bool
need_pid(const Cand *c, const Cand *heap, size_t nheap, size_t cap, const Maxima *m)
{
    if (nheap < cap || c->textual || c->key > heap[0].key)
        return true;
    return c->dreds > m->v[MOTE_SNAP_REDS] || (int64_t)c->msgq > m->v[MOTE_SNAP_MSGQ] ||
           (int64_t)c->memory > m->v[MOTE_SNAP_MEMORY] ||
           c->dmsgq > m->v[MOTE_SNAP_MSGQ_GROWTH] || c->dmem > m->v[MOTE_SNAP_MEM_GROWTH] ||
           c->restarts > m->v[MOTE_SNAP_RESTARTS];
}

/* The walk's state: header sums, maxima and the heap's size. */
typedef struct Walk {
    mote_snapshot *s;
    const mote_snapshot_query *q;
    size_t cap, nheap;
    bool filtered, grow;
    Maxima mx;
    uint64_t nprocs, nmatched, restarts, msgq, memory;
} Walk;

/* Reads p, in slot i and locked by the caller, into the walk, and
 * unlocks it. retried: visited out of slot order, so its pid is read
 * whatever its key (a tie with the heap's root is decided by slot). */
static inline __attribute__((always_inline)) void visit(Walk *w, size_t i, Proc *p, bool retried)
{
    mote_snapshot *s = w->s;
    mote_snap_key sort = w->q->sort;
    Cand c;
    read_slot(p, &s->prev[i], i < s->nprev, w->grow, sort, &c);
    c.slot = (uint32_t)i;
    bool want = retried || w->filtered || sort == MOTE_SNAP_PID ||
                need_pid(&c, s->heap, w->nheap, w->cap, &w->mx);
    c.pid = want ? (mote_pid)p->pid : 0;
    node_unlock_pid(s->node, make_pid(i)); /* the slot's lock: index i */
    w->nprocs++;
    w->restarts += c.restarts;
    w->msgq += c.msgq;
    w->memory += c.memory;
    if (w->filtered && !matches(s->rt, c.pid, w->q->filter))
        return;
    w->nmatched++;
    if (!want)
        return; /* changes neither the heap nor a maximum */
    if (sort == MOTE_SNAP_PID)
        c.key = key_of(&c, sort);
    track_max(&w->mx, &c);
    offer(s->heap, &w->nheap, w->cap, &c);
}

/* A slot whose process is gone: its previous counters no longer apply. */
static inline void forget(mote_snapshot *s, size_t i)
{
    if (i < s->nprev)
        s->prev[i].tag = 0; /* past nprev it is still zero */
}

#define SNAP_RETRY 64 /* busy slots put off at once */

/* Visits the put-off slots, each once its holder has let go: try-locks
 * only. A running holder lets go within a few loads, so the first rounds
 * only pause; after SNAP_SPINS of them the holder is taken to be
 * preempted and the CPU is given up between rounds so that it can run
 * (a yield on a busy machine can cost a time slice of wall time, which
 * is why it is not the first resort). Empties retry. */
#define SNAP_SPINS 256
static void visit_busy(Walk *w, size_t *retry, size_t *nretry)
{
    size_t left = *nretry;
    for (unsigned round = 0; left; round++) {
        size_t still = 0;
        for (size_t r = 0; r < left; r++) {
            bool busy;
            Proc *p = node_trylock_slot(w->s->node, retry[r], &busy);
            if (p)
                visit(w, retry[r], p, true);
            else if (busy)
                retry[still++] = retry[r];
            else
                forget(w->s, retry[r]);
        }
        left = still;
        if (left && round < SNAP_SPINS)
            node_cpu_relax();
        else if (left)
            sched_yield();
    }
    *nretry = 0;
}

/* The pass over every slot: header sums, maxima, and the top-K heap. A
 * slot another thread holds locked (a send in progress) is put off and
 * visited later instead of waited for: on a loaded machine its holder
 * may be a scheduler the OS preempted, and a spin would last the rest of
 * the holder's wait for a core (milliseconds of CPU per take). */
static void scan(mote_snapshot *s, const mote_snapshot_query *q, mote_snapshot_header *h,
                 size_t slots, size_t cap, size_t *nheap, double dt)
{
    Node *n = s->node;
    Walk w = {.s = s, .q = q, .cap = cap, .filtered = q->filter && *q->filter, .grow = dt > 0};
    for (int k = 0; k < MOTE_SNAP_PID; k++) {
        w.mx.v[k] = INT64_MIN;
        w.mx.pid[k] = 0;
    }
    size_t retry[SNAP_RETRY], nretry = 0;
    for (size_t i = 0; i < slots; i++) {
        /* The walk waits on memory: ask for the Proc a few slots ahead
         * while this one is read. Its fields share one line when it is
         * 64-byte aligned, and these two cover the two lines otherwise. */
        if (i + SNAP_PREFETCH < slots) {
            const char *ahead = node_slot_peek(n, i + SNAP_PREFETCH);
            if (ahead) {
                __builtin_prefetch(ahead + offsetof(Proc, reductions));
                __builtin_prefetch(ahead + offsetof(Proc, mbox.len));
            }
        }
        bool busy;
        Proc *p = node_trylock_slot(n, i, &busy);
        if (p) {
            visit(&w, i, p, false);
        } else if (!busy) {
            forget(s, i);
        } else {
            retry[nretry++] = i;
            if (nretry == SNAP_RETRY)
                visit_busy(&w, retry, &nretry);
        }
    }
    visit_busy(&w, retry, &nretry);
    s->nprev = slots;
    *nheap = w.nheap;
    h->nprocs += w.nprocs;
    h->nmatched += w.nmatched;
    h->restarts_total += w.restarts;
    h->msgq_total += w.msgq;
    h->memory_total += (size_t)w.memory;
    put_maxima(h, &w.mx, dt);
}

/* Full rows for the K winners, best first. */
static void fill_rows(mote_snapshot *s, size_t nheap, double dt)
{
    qsort(s->heap, nheap, sizeof *s->heap, cmp_best_first);
    for (size_t i = 0; i < nheap; i++) {
        const Cand *c = &s->heap[i];
        mote_snapshot_row *r = &s->rows[i];
        memset(r, 0, sizeof *r);
        if (mote_proc_info_get(s->rt, c->pid, &r->info) != 0) {
            r->info.pid = c->pid;
            r->info.status = MOTE_S_EXITING; /* gone since the scan */
        }
        r->reductions = c->reds;
        r->msgq = c->msgq;
        r->memory = (size_t)c->memory;
        r->reds_per_sec = per_sec(c->dreds, dt);
        r->msgq_per_sec = per_sec(c->dmsgq, dt);
        r->mem_per_sec = per_sec(c->dmem, dt);
    }
}

MOTE_API int mote_snapshot_take(mote_snapshot *s, const mote_snapshot_query *q,
                                mote_snapshot_header *hdr, const mote_snapshot_row **rows,
                                size_t *nrows)
{
    if (!s || !q || !hdr || !rows || !nrows || (unsigned)q->sort >= MOTE_SNAP_NKEYS)
        return MOTE_EINVAL;
    uint64_t t0 = node_now_ns();
    size_t slots = node_slot_count(s->node);
    /* Room for every process when no limit is given: bounded by the
     * table's used part, which only grows. */
    size_t cap = q->limit ? q->limit : slots;
    if (cap > slots)
        cap = slots;
    if (reserve((void **)&s->prev, &s->cap_prev, slots, sizeof *s->prev) ||
        reserve((void **)&s->heap, &s->cap_heap, cap ? cap : 1, sizeof *s->heap) ||
        reserve((void **)&s->rows, &s->cap_rows, cap ? cap : 1, sizeof *s->rows))
        return MOTE_ENOMEM;
    memset(hdr, 0, sizeof *hdr);
    double dt = s->seq ? (double)(t0 - s->prev_ns) / 1e9 : 0;
    size_t nheap = 0;
    scan(s, q, hdr, slots, cap, &nheap, dt);
    fill_rows(s, nheap, dt);
    s->prev_ns = t0;
    hdr->seq = ++s->seq;
    hdr->interval_s = dt;
    hdr->build_ms = (double)(node_now_ns() - t0) / 1e6;
    *rows = s->rows;
    *nrows = nheap;
    return 0;
}
