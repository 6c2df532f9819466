/* snap.c — mote_proc_scan: counters of every live process in one pass.
 *
 * mote_proc_info_get takes a process's cold-state lock and copies names
 * (several hundred bytes per process); at a million processes that is
 * more than a 50 ms snapshot budget allows. The scan reads only the
 * atomics a process publishes (reductions, queue length, heap size,
 * restarts) under its slot lock, which holds the Proc in place while it
 * is read and is held for a few loads. */
#include "snap.h"

#include "heap.h"
#include "node.h"
#include "proc.h"

static void brief_of(const Proc *p, mote_proc_brief *b)
{
    b->pid = (mote_pid)p->pid;
    b->reductions = atomic_load_explicit(&((Proc *)p)->reductions, memory_order_relaxed);
    b->message_queue_len = atomic_load_explicit(&((Proc *)p)->mbox.len, memory_order_relaxed);
    ProcCold *c = __atomic_load_n(&p->cold, __ATOMIC_ACQUIRE);
    uint64_t words = c ? atomic_load_explicit(&c->pub_heap_words, memory_order_relaxed) : 0;
    b->memory = sizeof(Proc) + (words ? words : HEAP_MIN_WORDS) * sizeof(Term);
    b->restarts = c ? atomic_load_explicit(&c->restarts, memory_order_relaxed) : 0;
}

MOTE_API int mote_proc_scan(mote_rt *rt, mote_proc_brief *buf, size_t cap, size_t *nout)
{
    if (!rt || !nout || (cap && !buf))
        return MOTE_EINVAL;
    Node *n = node_of_rt(rt);
    size_t k = 0, slots = node_slot_count(n);
    for (size_t i = 0; i < slots; i++) {
        Term pid = node_slot_pid(n, i);
        if (pid == NONE)
            continue;
        if (k >= cap) {
            k++; /* counted, not copied: the caller retries with room */
            continue;
        }
        Proc *p = node_lock_pid(n, pid);
        if (!p)
            continue; /* it exited between the two reads */
        brief_of(p, &buf[k++]);
        node_unlock_pid(n, pid);
    }
    *nout = k;
    return 0;
}
