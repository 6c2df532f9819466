/* node.h — one runtime instance (= one node): config, process table,
 * schedulers, references, exit waiters.
 *
 * The process table is an array of max_procs atomic words, calloc'd so
 * that pages nobody touched cost nothing. A slot holds either a Proc*
 * (8-byte aligned; bit 0 is the slot's spinlock) or, when empty, the
 * serial the next process in that slot will get: (serial << 2) | 2.
 * A pid is (serial << PID_INDEX_BITS) | index, and the serial grows each
 * time the slot is reused, so a stale pid never reaches a new process.
 *
 * Threads: every function here may be called from any thread unless its
 * comment says otherwise. Lock order: wait_lock -> slot lock; sched lock
 * -> timer wheel lock. A slot lock is a leaf: nothing else is taken while
 * holding one (delivery enqueues after it has let go).
 */
#ifndef MOTE_NODE_H
#define MOTE_NODE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "msg.h"
#include "proc.h"
#include "term.h"

struct Sched;
struct Reg;
struct Poller;
struct InfoPrev;
struct ExitWaiter;

typedef struct Node {
    mote_config cfg;            /* resolved: no zero "defaults" left         */
    struct Sched *scheds;       /* nsched schedulers                         */
    unsigned nsched;
    char pad_before_nprocs[64];
    _Atomic uint64_t nprocs;    /* live processes; padded: every spawn and
                                   exit writes it, every send reads the
                                   fields around it                          */
    char pad_after_nprocs[56];
    size_t max_procs;           /* slots in the table                        */
    uint64_t start_ns;          /* CLOCK_MONOTONIC at mote_start             */
    Term name;                  /* node name atom                            */
    _Atomic uintptr_t *slots;   /* the process table (see above)             */
    _Atomic size_t next_fresh;  /* slots [next_fresh, max) never used yet    */
    pthread_mutex_t free_lock;  /* guards free_idx                           */
    uint32_t *free_idx;         /* released slot indices, a stack            */
    size_t nfree_idx, cap_free_idx;
    _Atomic uint64_t ref_next;  /* reference ids                             */
    _Atomic unsigned spawn_rr;  /* round robin for spawns from host threads  */
    _Atomic unsigned nparked;   /* schedulers asleep on their condvar        */
    _Atomic bool stopping;      /* mote_stop has begun                       */
    _Atomic bool halted;        /* schedulers joined (mote_stop): nothing may
                                   be queued any more; kill_all frees every
                                   process, queued or not                    */
    pthread_mutex_t wait_lock;  /* guards waiters (mote_wait_exit)           */
    pthread_cond_t wait_cond;
    struct ExitWaiter *waiters;
    _Atomic unsigned nwaiters;  /* fast check on the exit path               */
    _Atomic uint64_t waited_bits; /* bit (pid index % 64) set while a waiter
                                   waits on such a pid (set before nwaiters
                                   counts it): exits of other pids skip the
                                   lock even while a host waits            */
    pthread_mutex_t frag_lock;  /* guards frag_pool and msg_pool             */
    struct HeapFrag *frag_pool; /* small message blocks (SCHED_FRAG_WORDS)
                                   passed between schedulers' caches in
                                   batches: a fan-out allocates on one
                                   scheduler and frees on the others     */
    _Atomic size_t nfrag_pool;  /* blocks in frag_pool (read unlocked)     */
    struct Msg *msg_pool;       /* plain Msg structs, likewise: host threads
                                   take theirs from here, and schedulers
                                   pass their surplus through it         */
    _Atomic size_t nmsg_pool;
    struct Reg *reg;            /* reg.h: the name table                     */
    struct Poller *poller;      /* poller.h: the I/O thread, or NULL         */
    struct InfoPrev *info_prev; /* info.h: previous stats sample, or NULL    */
    struct SupRing *_Atomic sup_ring; /* supinfo.h: restart ring and the
                                   supervisor set, or NULL until first use   */
} Node;

/* The runtime handle of mote.h is the Node. */
struct mote_rt {
    Node node;
};
static inline Node *node_of_rt(mote_rt *rt) { return &rt->node; }

/* Pushes m to the local process `to` and wakes it if it waits. Returns 0
 * (the mailbox owns m, or m was dropped and freed by a bounded mailbox's
 * drop-newest policy), or MOTE_ENOPROC when `to` is dead, never existed
 * or is not a local pid: then the caller still owns m. Applies the
 * bounded-mailbox policy to MSG_MESSAGE only; signals always get in.
 * Any thread. */
int node_deliver(Node *n, Term to, Msg *m);

/* The live Proc for pid with its table slot locked, so it cannot be
 * freed until node_unlock_pid(n, pid); NULL (nothing locked) when dead.
 * Hold it briefly: every send to that process spins meanwhile. */
Proc *node_lock_pid(Node *n, Term pid);
void node_unlock_pid(Node *n, Term pid);

/* Walking the table: slots [0, node_slot_count) may hold processes;
 * node_slot_pid gives the pid in slot i, or NONE when it is empty. */
size_t node_slot_count(const Node *n);
Term node_slot_pid(Node *n, size_t i);
/* The live Proc in slot i with the slot locked (release it with
 * node_unlock_pid(n, p->pid)), or NULL with nothing locked when the slot
 * is empty: one lock per slot for scans that read a few counters. */
struct Proc *node_lock_slot(Node *n, size_t i);
/* The Proc slot i seems to hold, read without the lock: only a prefetch
 * hint for scans (it may be freed at any moment; never dereference it). */
static inline const void *node_slot_peek(Node *n, size_t i)
{
    uintptr_t w = atomic_load_explicit(&n->slots[i], memory_order_relaxed);
    return (w & 3) ? NULL : (const void *)w;
}

/* node_lock_slot that never waits: the live Proc in slot i (i below
 * node_slot_count) with the slot locked, or NULL with nothing locked;
 * *busy tells a slot another thread holds (or that changed under the
 * attempt) from an empty one. A scan comes back to a busy slot later
 * rather than spin behind a holder the OS may have preempted (on a
 * loaded machine that spin lasts a time slice). Release with
 * node_unlock_pid as for node_lock_slot. */
static inline struct Proc *node_trylock_slot(Node *n, size_t i, bool *busy)
{
    uintptr_t w = atomic_load_explicit(&n->slots[i], memory_order_relaxed);
    *busy = (w & 1) != 0; /* bit 0: the lock; bit 1: empty (see above) */
    if (w == 0 || (w & 3))
        return NULL;
    if (!atomic_compare_exchange_strong_explicit(&n->slots[i], &w, w | 1, memory_order_acquire,
                                                 memory_order_relaxed)) {
        *busy = true;
        return NULL;
    }
    return (struct Proc *)w;
}

/* Fills id with a reference id never handed out before on this node. */
void node_new_ref(Node *n, uint64_t id[2]);

/* A spin-wait hint to the CPU (pause / yield), nothing where unknown. */
static inline void node_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* Nanoseconds of CLOCK_MONOTONIC. */
uint64_t node_now_ns(void);
/* CLOCK_MONOTONIC_COARSE: the same clock, a few ms coarse, much cheaper. */
uint64_t node_coarse_ns(void);
/* A condvar whose timed waits use CLOCK_MONOTONIC deadlines. */
void node_cond_init(pthread_cond_t *c);

/* ---- for proc.c / api.c only ------------------------------------------ */

/* Creates the node (table, schedulers not started). 0, MOTE_ENOMEM,
 * MOTE_EINVAL (the config names impossible sizes). */
int node_new(const mote_config *cfg, Node **out);
/* Frees the node; every process must be gone and the schedulers joined. */
void node_free(Node *n);

/* Reserves a slot for a new process and returns its pid (the slot stays
 * empty until node_publish). MOTE_ELIMIT when the table is full. */
int node_reserve(Node *n, Term *pid_out);
/* Makes p (whose p->pid came from node_reserve) visible to senders. */
void node_publish(Node *n, Proc *p);
/* Takes p out of the table (no send reaches it afterwards) and releases
 * its slot for reuse with the next serial. */
void node_unpublish(Node *n, Proc *p);
/* Releases a reserved slot that was never published. */
void node_unreserve(Node *n, Term pid);

/* Exit waiters (mote_wait_exit): the exit path calls this once p is out
 * of the table, with its exit reason. Owner thread of p. */
void node_notify_exit(Node *n, Term pid, Term reason);
int node_wait_exit(Node *n, Term pid, int64_t timeout_ms, char *buf, size_t size);

#endif
