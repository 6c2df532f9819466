/* scheduler.h — scheduler threads (sched.c; not "sched.h", which would
 * shadow the system header pthread.h includes): run queues, stealing, parking.
 *
 * One thread per scheduler. Each has a run queue (a mutex and a FIFO
 * list of Procs linked through run_next), a timer wheel, and free lists
 * that recycle process structs. An idle scheduler steals half of another
 * queue, spins briefly (cfg.spin_us), then parks on its condvar until
 * work arrives or its next timer is due. Processes a scheduler makes
 * runnable itself go to an owner-only batch that joins its queue under
 * one lock at the end of each slice. Senders never wake a scheduler
 * per message: only a queue going from empty to non-empty while its
 * scheduler is parked, or surplus work while others are parked, does.
 * Design notes: docs/process.md.
 */
#ifndef MOTE_SCHEDULER_H
#define MOTE_SCHEDULER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "node.h"
#include "proc.h"
#include "timer.h"

/* Dead Proc structs (each with its minimal heap block, ~504 bytes) a
 * scheduler keeps for reuse; the rest go to mem_free. Generous: a burst of
 * process churn (skynet) otherwise hands its memory back to malloc, which
 * trims its arenas and pays the page faults again on the next burst. */
#define SCHED_FREE_PROCS_MAX (1u << 17)
/* Freed plain Msg structs (immediate payloads) a scheduler keeps. */
#define SCHED_FREE_MSGS_MAX 4096
/* Message blocks small enough to recycle: every one this small is made
 * with exactly this capacity (copy.c), so any cached one fits any. */
#define SCHED_FRAG_WORDS 24
#define SCHED_FREE_FRAGS_MAX 1024
/* Blocks the node's shared pool keeps at most (about 3.5 MB); a cache
 * that overflows gives half its blocks to the pool, one that runs dry
 * takes up to half a cache back, each under one lock. */
#define NODE_FRAG_POOL_MAX (16u * SCHED_FREE_FRAGS_MAX)
/* Plain Msg structs the node's pool keeps at most (about 3 MB). */
#define NODE_MSG_POOL_MAX (16u * SCHED_FREE_MSGS_MAX)
/* Table slots a scheduler keeps for its own spawns; it trades them with
 * the node's shared stack half a cache at a time, under one lock. A spawn
 * that finds the table full takes them from the caches as a last resort. */
#define SCHED_SLOT_CACHE 64
/* Wall time after which a native process yields whatever its budget says
 * (its callbacks may be long C work that reductions do not see). */
#define SCHED_SLICE_MAX_NS 10000000u

typedef struct Sched {
    /* Figures other threads read (info.c). Padding keeps runq_len, which
     * idle schedulers poll, off the line the owner writes on every slice
     * (padding, not _Alignas: mem_alloc guarantees only 16 bytes). */
    _Atomic uint64_t busy_ns;    /* time spent running processes            */
    char pad_busy[56];
    _Atomic uint32_t runq_len;   /* processes on the run queue              */
    char pad_runq[60];
    _Atomic uint64_t reductions; /* total reductions run here               */
    _Atomic uint64_t messages;   /* messages delivered by this thread       */
    _Atomic uint64_t parks;      /* times it went to sleep                  */

    unsigned index;
    Node *node;
    pthread_t thread;
    bool started;                /* thread was created                      */
    pthread_mutex_t lock;        /* guards the queue, parked, sleep_until   */
    pthread_cond_t cond;
    Proc *rq_head, *rq_tail;
    Proc *next;                  /* owner-only: runs next, ahead of the queue
                                    (a process just woken by this thread)  */
    Proc *local_head, *local_tail; /* owner-only: made runnable during the
                                    current slice, moved to the queue under
                                    one lock when it ends (a fan-out of 10k
                                    sends takes the lock once, not 10k times) */
    uint32_t nlocal;
    uint64_t tick_ns;            /* owner-only: when it last read the clock */
    bool tick_due;               /* a slice ran long: read the clock now     */
    uint32_t slice_left;         /* reductions left in the current slice,
                                    which a process run from `next` inherits */
    /* Wake-ups from foreign threads (a host thread's sends, another
     * node): a lock-free LIFO stack through run_next that any thread
     * pushes onto with one CAS and the owner empties with one exchange
     * (pop, idle), so a host thread sending to a million processes does
     * not take the queue mutex the owner's pops need. */
    _Atomic(Proc *) inject;
    _Atomic bool sleeping;       /* parked or about to be: a pusher that
                                    sees it takes the lock and signals   */
    bool parked;                 /* waiting on cond                         */
    bool woken;                  /* signalled since it parked               */
    uint64_t sleep_until_ms;     /* deadline of the current park            */
    Wheel wheel;

    /* Owner-only recycling (PERFORMANCE.md: page faults dominate spawn). */
    Proc *free_procs;            /* linked through run_next                 */
    size_t nfree_procs;
    Msg *free_msgs;              /* linked through next (relaxed)           */
    unsigned nfree_msgs;
    HeapFrag *free_frags;        /* SCHED_FRAG_WORDS message blocks, by next */
    unsigned nfree_frags;
    _Atomic int slots_lock;      /* spinlock over free_slots: the owner's, or
                                    a spawner's when the table is full      */
    uint32_t free_slots[SCHED_SLOT_CACHE]; /* process-table indices to reuse */
    unsigned nfree_slots;
    uint64_t rng;                /* victim choice for stealing              */
} Sched;

/* Sets up n->scheds (not started). 0 or MOTE_ENOMEM. */
int sched_init_all(Node *n);
/* Starts every scheduler thread. 0 or MOTE_EIO. */
int sched_start_all(Node *n);
/* Asks every scheduler to stop and joins them; processes stay as they
 * are (the caller tears them down) and the run queues are emptied. From
 * then on sched_enqueue and sched_wake do nothing. Host thread. */
void sched_stop_all(Node *n);
/* Frees queues, wheels and free lists. After sched_stop_all. */
void sched_fini_all(Node *n);

/* Puts a runnable process (state already PS_RUNNABLE) on a queue: the
 * calling scheduler's when called from one (locality; into its lock-free
 * batch, which reaches the queue when the current slice ends), else the
 * inject stack of the scheduler it last ran on, else of a round-robin
 * pick (one CAS; the owner moves it to its queue at its next pop). Wakes
 * a parked scheduler as needed. Any thread. */
void sched_enqueue(Node *n, Proc *p);
/* Makes a process that a send just woke runnable: on a scheduler thread
 * it goes to that scheduler's `next` slot (no lock, runs right after the
 * current slice: a message and its reply stay on one core), elsewhere as
 * sched_enqueue. Any thread. */
void sched_wake(Node *n, Proc *p);
/* Puts p on s's queue specifically. Any thread. */
void sched_enqueue_on(Sched *s, Proc *p);
/* Wakes s if it is parked (e.g. a timer due sooner than its sleep). */
void sched_poke(Sched *s, uint64_t due_ms);

/* The scheduler running on this thread, or NULL on a host thread. */
extern __thread Sched *sched_tls;
static inline Sched *sched_current(void)
{
    return sched_tls;
}

#endif
