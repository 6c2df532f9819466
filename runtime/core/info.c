/* info.c — what the observer and the shell read about processes and the
 * runtime, from any thread, while everything runs.
 *
 * Reading never stops a process: counters are atomics, and a process is
 * pinned with node_lock_pid only long enough to copy a few words. Figures
 * the owner keeps in plain fields (heap size, flags) are never read
 * across threads: the owner publishes copies into its cold part
 * (info_publish), so they may be one slice stale.
 * Rates (utilisation, reductions/s) are deltas since the previous call,
 * kept per node in an InfoPrev.
 */
#include "info.h"

#include <pthread.h>

#include "atom.h"
#include "err.h"
#include "mem.h"
#include "node.h"
#include "proc.h"
#include "scheduler.h"
#include "supinfo.h"

struct InfoPrev {
    uint64_t at_ns;      /* when the previous figures were taken */
    uint64_t reductions;
    uint64_t messages;
    uint64_t busy_ns[MOTE_MAX_SCHEDULERS];
};

/* One lock for every node's InfoPrev: stats calls are rare (a few per
 * second from an observer), so sharing it costs nothing. */
static pthread_mutex_t prev_lock = PTHREAD_MUTEX_INITIALIZER;

int info_publish_trap(Proc *p, bool on)
{
    ProcCold *c = on ? proc_cold(p) : p->cold;
    if (on && !c)
        return MOTE_ENOMEM;
    if (c)
        atomic_store_explicit(&c->pub_trap_exit, on, memory_order_relaxed);
    return 0;
}

/* The language's view of where a VM process is (lang/where.c), set by
 * the standard library's registration; NULL when only the core runs. */
static uint64_t (*_Atomic where_current)(const Proc *p);
static void (*_Atomic where_text)(uint64_t w, char *buf, size_t size);

void info_set_where_hooks(uint64_t (*current)(const Proc *p),
                          void (*text)(uint64_t w, char *buf, size_t size))
{
    atomic_store(&where_text, text);
    atomic_store(&where_current, current);
}

static uint64_t (*_Atomic where_initial)(const Proc *p);

void info_set_initial_hook(uint64_t (*initial)(const Proc *p))
{
    atomic_store(&where_initial, initial);
}

uint64_t info_where_initial(const Proc *p)
{
    uint64_t (*initial)(const Proc *) = atomic_load_explicit(&where_initial,
                                                             memory_order_relaxed);
    return initial ? initial(p) : 0;
}

bool info_where_text(uint64_t w, char *buf, size_t size)
{
    void (*text)(uint64_t, char *, size_t) = atomic_load_explicit(&where_text,
                                                                  memory_order_relaxed);
    if (w == 0 || text == NULL)
        return false;
    text(w, buf, size);
    return true;
}

void info_publish_where(Proc *p)
{
    ProcCold *c = p->cold;
    uint64_t (*current)(const Proc *) = atomic_load_explicit(&where_current,
                                                             memory_order_relaxed);
    if (c == NULL || p->body_kind != BODY_VM || current == NULL)
        return;
    uint64_t w = current(p);
    if (w == 0 || w == atomic_load_explicit(&c->pub_where, memory_order_relaxed))
        return;
    atomic_store_explicit(&c->pub_where, w, memory_order_relaxed);
}

void info_publish(Proc *p)
{
    size_t words = heap_size_words(&p->heap);
    ProcCold *c = p->cold;
    /* A process with a fresh minimal heap, no GC yet and no cold part is
     * what readers assume when nothing was published: it stays small. */
    if (!c && words <= HEAP_MIN_WORDS && p->heap.gc_count == 0 && !(p->flags & PF_TRAP_EXIT))
        return;
    if (!c && !(c = proc_cold(p)))
        return;
    atomic_store_explicit(&c->pub_heap_words, words, memory_order_relaxed);
    atomic_store_explicit(&c->pub_gc_count, (uint32_t)p->heap.gc_count, memory_order_relaxed);
    atomic_store_explicit(&c->pub_trap_exit, (p->flags & PF_TRAP_EXIT) != 0,
                          memory_order_relaxed);
    info_publish_where(p);
}

static void copy_text(char *dst, size_t size, const char *src, size_t len)
{
    if (len >= size)
        len = size - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

static mote_status status_of(uint32_t st)
{
    if (st & PS_EXITING)
        return MOTE_S_EXITING;
    if (st & PS_SUSPENDED)
        return MOTE_S_SUSPENDED;
    if (st & PS_RUNNING)
        return MOTE_S_RUNNING;
    if (st & PS_RUNNABLE)
        return MOTE_S_RUNNABLE;
    return MOTE_S_WAITING;
}

/* The parts of the info kept in the cold part; caller pinned p. */
static void cold_info(Proc *p, mote_proc_info *out)
{
    ProcCold *c = __atomic_load_n(&p->cold, __ATOMIC_ACQUIRE);
    if (!c)
        return;
    Term name = atomic_load(&c->name);
    if (name != NONE) {
        size_t len;
        const char *txt = atom_text(name, &len);
        copy_text(out->registered_name, sizeof out->registered_name, txt, len);
    }
    const char *cf = atomic_load(&c->current_function);
    if (cf)
        copy_text(out->current_function, sizeof out->current_function, cf, strlen(cf));
    uint64_t w = atomic_load_explicit(&c->pub_where, memory_order_relaxed);
    void (*text)(uint64_t, char *, size_t) = atomic_load(&where_text);
    if (!cf && w && text)
        text(w, out->current_function, sizeof out->current_function);

    out->restarts = atomic_load(&c->restarts);
    out->waiting_on = atomic_load_explicit(&c->waiting_on, memory_order_relaxed);
    cold_lock(c);
    out->nlinks = c->nlinks;
    out->nmonitors = c->nmonitors;
    out->nmonitored_by = c->nwatchers;
    out->parent = is_local_pid(c->parent) ? (mote_pid)c->parent : 0;
    out->total_bytes += sizeof *c + c->cap_links * sizeof(Term) +
                        (c->cap_monitors + c->cap_watchers) * sizeof(Monitor);
    cold_unlock(c);
}

/* Heap figures as the owner last published them (see the file comment);
 * a process that never published has a fresh minimal heap. */
static void heap_info(ProcCold *c, mote_proc_info *out)
{
    size_t words = c ? atomic_load_explicit(&c->pub_heap_words, memory_order_relaxed) : 0;
    out->heap_bytes = (words ? words : HEAP_MIN_WORDS) * sizeof(Term);
    out->total_bytes = sizeof(Proc) + out->heap_bytes;
    out->gc_count = c ? atomic_load_explicit(&c->pub_gc_count, memory_order_relaxed) : 0;
    out->trap_exit = c && atomic_load_explicit(&c->pub_trap_exit, memory_order_relaxed);
}

static void fill_info(Proc *p, mote_proc_info *out)
{
    memset(out, 0, sizeof *out);
    out->pid = (mote_pid)p->pid;
    if (p->body_kind == BODY_NATIVE && p->body.native.cls && p->body.native.cls->name) {
        const char *nm = p->body.native.cls->name;
        copy_text(out->initial_call, sizeof out->initial_call, nm, strlen(nm));
    }
    if (p->body_kind == BODY_VM) {
        uint64_t (*initial)(const Proc *) = atomic_load(&where_initial);
        void (*text)(uint64_t, char *, size_t) = atomic_load(&where_text);
        uint64_t w = initial ? initial(p) : 0;
        if (w && text)
            text(w, out->initial_call, sizeof out->initial_call);
    }
    out->status = status_of(atomic_load(&p->state));
    out->reductions = atomic_load(&p->reductions);
    out->message_queue_len = atomic_load(&p->mbox.len);
    out->parent = is_local_pid(p->parent) ? (mote_pid)p->parent : 0; /* immutable */
    heap_info(__atomic_load_n(&p->cold, __ATOMIC_ACQUIRE), out);
    cold_info(p, out);
    /* Queued messages: their envelopes (payload sizes would need a walk
     * of a queue only its owner may read). */
    out->total_bytes += out->message_queue_len * sizeof(Msg);
    if (!out->current_function[0])
        memcpy(out->current_function, out->initial_call, sizeof out->initial_call);
}

MOTE_API int mote_proc_info_get(mote_rt *rt, mote_pid pid, mote_proc_info *out)
{
    if (!rt || !out)
        return api_error(MOTE_EINVAL, "mote_proc_info_get: rt or out is NULL");
    Node *n = node_of_rt(rt);
    Proc *p = is_local_pid((Term)pid) ? node_lock_pid(n, (Term)pid) : NULL;
    if (!p)
        return api_error(MOTE_ENOPROC, "mote_proc_info_get: %#llx is not alive",
                         (unsigned long long)pid);
    fill_info(p, out);
    node_unlock_pid(n, (Term)pid);
    return 0;
}

/* Copies links (monitors=false) or held monitors' targets of pid. */
static int list_of(mote_rt *rt, mote_pid pid, bool monitors, mote_pid *buf, size_t cap,
                   size_t *nout)
{
    if (!rt || !nout || (cap && !buf))
        return api_error(MOTE_EINVAL, "mote_proc_%s: an argument is NULL",
                         monitors ? "monitors" : "links");
    Node *n = node_of_rt(rt);
    Proc *p = is_local_pid((Term)pid) ? node_lock_pid(n, (Term)pid) : NULL;
    if (!p)
        return api_error(MOTE_ENOPROC, "mote_proc_%s: %#llx is not alive",
                         monitors ? "monitors" : "links", (unsigned long long)pid);
    size_t k = 0;
    ProcCold *c = __atomic_load_n(&p->cold, __ATOMIC_ACQUIRE);
    if (c) {
        cold_lock(c);
        k = monitors ? c->nmonitors : c->nlinks;
        for (size_t i = 0; i < k && i < cap; i++)
            buf[i] = monitors ? (mote_pid)c->monitors[i].pid : (mote_pid)c->links[i];
        cold_unlock(c);
    }
    node_unlock_pid(n, (Term)pid);
    *nout = k;
    return 0;
}

MOTE_API int mote_proc_links(mote_rt *rt, mote_pid pid, mote_pid *buf, size_t cap, size_t *n)
{
    return list_of(rt, pid, false, buf, cap, n);
}

MOTE_API int mote_proc_monitors(mote_rt *rt, mote_pid pid, mote_pid *buf, size_t cap, size_t *n)
{
    return list_of(rt, pid, true, buf, cap, n);
}

MOTE_API int mote_processes(mote_rt *rt, mote_pid *buf, size_t cap, size_t *nout)
{
    if (!rt || !nout || (cap && !buf))
        return api_error(MOTE_EINVAL, "mote_processes: an argument is NULL");
    Node *n = node_of_rt(rt);
    size_t k = 0, slots = node_slot_count(n);
    for (size_t i = 0; i < slots; i++) {
        Term pid = node_slot_pid(n, i);
        if (pid == NONE)
            continue;
        if (k < cap)
            buf[k] = (mote_pid)pid;
        k++;
    }
    *nout = k;
    return 0;
}

/* ---- runtime figures ------------------------------------------------ */

static void memory_stats(mote_rt_stats *out)
{
    out->mem_total = mem_total();
    out->mem_processes = mem_in_use(MEM_PROC) + mem_in_use(MEM_HEAP) + mem_in_use(MEM_MSG);
    out->mem_binaries = mem_in_use(MEM_BIN);
    out->mem_atoms = mem_in_use(MEM_ATOM);
    out->mem_code = mem_in_use(MEM_CODE);
    out->mem_system = mem_in_use(MEM_SYSTEM) + mem_in_use(MEM_ETS);
}

static double ratio(uint64_t part, uint64_t whole)
{
    if (whole == 0)
        return 0.0;
    double r = (double)part / (double)whole;
    return r > 1.0 ? 1.0 : r;
}

/* Fills the per-scheduler and rate figures against the previous call (or
 * the node's start on the first), then makes these the previous ones.
 * Caller holds prev_lock. */
static void rate_stats(Node *n, struct InfoPrev *prev, uint64_t now, mote_rt_stats *out)
{
    uint64_t wall = now - prev->at_ns;
    for (unsigned i = 0; i < out->nschedulers; i++) {
        Sched *s = &n->scheds[i];
        uint64_t busy = atomic_load(&s->busy_ns);
        out->sched_util[i] = ratio(busy - prev->busy_ns[i], wall);
        out->runq_len[i] = atomic_load(&s->runq_len);
        out->reductions_total += atomic_load(&s->reductions);
        out->messages_total += atomic_load(&s->messages);
        prev->busy_ns[i] = busy;
    }
    double secs = wall ? (double)wall / 1e9 : 0.0;
    if (secs > 0) {
        out->reductions_per_sec = (double)(out->reductions_total - prev->reductions) / secs;
        out->messages_per_sec = (double)(out->messages_total - prev->messages) / secs;
    }
    prev->reductions = out->reductions_total;
    prev->messages = out->messages_total;
    prev->at_ns = now;
}

MOTE_API int mote_rt_stats_get(mote_rt *rt, mote_rt_stats *out)
{
    if (!rt || !out)
        return api_error(MOTE_EINVAL, "mote_rt_stats_get: rt or out is NULL");
    Node *n = node_of_rt(rt);
    memset(out, 0, sizeof *out);
    out->nschedulers = n->nsched < MOTE_MAX_SCHEDULERS ? n->nsched : MOTE_MAX_SCHEDULERS;
    out->process_count = atomic_load(&n->nprocs);
    out->process_limit = n->max_procs;
    uint64_t now = node_now_ns();
    out->uptime_ms = (now - n->start_ns) / 1000000u;
    memory_stats(out);
    pthread_mutex_lock(&prev_lock);
    if (!n->info_prev) {
        n->info_prev = mem_calloc(MEM_SYSTEM, 1, sizeof *n->info_prev);
        if (n->info_prev)
            n->info_prev->at_ns = n->start_ns;
    }
    if (n->info_prev) {
        rate_stats(n, n->info_prev, now, out);
    } else {
        struct InfoPrev tmp = {.at_ns = n->start_ns};
        rate_stats(n, &tmp, now, out);
    }
    pthread_mutex_unlock(&prev_lock);
    return 0;
}

MOTE_API int mote_node_name(mote_rt *rt, char *buf, size_t size)
{
    if (!rt || !buf || !size)
        return MOTE_EINVAL;
    size_t len = 0;
    const char *txt = atom_text(node_of_rt(rt)->name, &len);
    copy_text(buf, size, txt ? txt : "", txt ? len : 0);
    return 0;
}

void info_free(Node *n)
{
    if (n)
        supinfo_node_fini(n); /* the supervision ring lives as long */
    if (!n || !n->info_prev)
        return;
    mem_free(MEM_SYSTEM, n->info_prev, sizeof *n->info_prev);
    n->info_prev = NULL;
}
