/* proc.h — the process: a small struct, a private heap, a mailbox.
 *
 * Hot fields (what the scheduler and the send path touch) sit together at
 * the top; everything most processes never use (links, monitors, names,
 * the dictionary, introspection extras) lives in a ProcCold allocated on
 * first use, so an idle process stays small (docs/process.md).
 *
 * Threads: the owning scheduler thread runs the process and is the only
 * one to touch its heap, its private queue and its cold part's sets.
 * Other threads touch only: the inbox (push), `state` (CAS, to wake it),
 * and the introspection counters (atomic loads).
 */
#ifndef MOTE_PROC_H
#define MOTE_PROC_H

#include <stdatomic.h>
#include <stddef.h>

#include "heap.h"
#include "mbox.h"
#include "mote.h"

struct Sched;
struct Node;
struct Vm;

/* Process state, one atomic word. The bits are exclusive except
 * PS_EXITING, which is set once and never cleared. */
enum {
    PS_WAITING = 1,   /* blocked in receive; a send must wake it           */
    PS_RUNNABLE = 2,  /* on a run queue                                     */
    PS_RUNNING = 4,   /* a scheduler is running it now                      */
    PS_SUSPENDED = 8, /* suspended by a debugger/observer action            */
    PS_EXITING = 16,  /* exit in progress; no longer accepts signals        */
};

/* What a process runs: a native callback table or VM code. Both give the
 * GC their roots the same way. */
typedef enum BodyKind { BODY_NATIVE, BODY_VM } BodyKind;

/* A monitor, as both ends record it. Local refs are two raw words, so
 * the cold part holds no heap pointers and is not a GC root. */
typedef struct Monitor {
    uint64_t ref[2]; /* the reference's id words                        */
    Term pid;        /* the other end: target (held) or watcher (on me) */
    Term name;       /* held by name: the atom asked for (its DOWN names */
                     /* {name, node}), else 0                           */
} Monitor;

/* The parts of a process most never use. Allocated on first need by the
 * owner; other threads may read it (introspection) under `lock`, which
 * the owner also takes while it changes the sets. */
typedef struct ProcCold {
    _Atomic int lock;          /* spinlock for cross-thread readers        */
    Term *links;               /* linked pids, unordered                   */
    uint32_t nlinks, cap_links;
    uint32_t *link_ix;         /* owner only: pid -> links index + 1, open
                                  addressing, once nlinks reached
                                  LINK_IX_MIN (link.c); else NULL          */
    uint32_t cap_ix;           /* slots in link_ix, a power of two         */
    Monitor *monitors;         /* monitors this process holds              */
    uint32_t nmonitors, cap_monitors;
    Monitor *watchers;         /* monitors held on this process            */
    uint32_t nwatchers, cap_watchers;
    _Atomic Term name;         /* registered name atom, or NONE            */
    Term parent;               /* spawning pid, or NONE                    */
    Term group_leader;         /* I/O server pid, or NONE                  */
    Term dict;                 /* process dictionary (VM); a GC root       */
    _Atomic uint32_t restarts; /* supervisors: children restarted          */
    _Atomic(const char *) current_function; /* static text, or NULL        */
    /* Published by the owner for introspection (info_publish, info.h), so
     * readers never touch the heap or flags another thread is changing.
     * Zero (calloc) means "never published": a minimal fresh heap. */
    _Atomic uint64_t pub_heap_words; /* heap block + fragments            */
    _Atomic uint32_t pub_gc_count;
    _Atomic bool pub_trap_exit;
    _Atomic uint32_t ets_owned;      /* :ets tables it owns (etab.h); not
                                        zero makes proc_exit delete them  */
    /* Observation data (supinfo.h, lib/mote_sup.c): written by the owner,
     * read by observers. */
    struct SupInfo *sup;             /* supervisors only; under `lock`    */
    _Atomic uint64_t waiting_on;     /* pid waited on in a call, 0 = none */
    _Atomic uint32_t suspends;       /* suspend_process count (owner writes);
                                        not zero keeps it from running     */
    _Atomic uint64_t pub_where;      /* VM: function it runs, where.h packing,
                                        as of its last slice end or block */
} ProcCold;

/* The first 64 bytes hold what a send and an observer's scan read: the
 * state word, the counters introspection publishes, the cold pointer and
 * the mailbox up to its length. A scan of a million processes reads this
 * one line of each and no other (snap.c), so it costs one cache miss per
 * process rather than two; the asserts below keep the fields there.
 * They share one line when the struct starts on a 64-byte boundary and
 * two otherwise. glibc's malloc makes a Proc and its heap block (504
 * bytes) a 512-byte chunk, so Procs allocated in a row all have the same
 * alignment; forcing 64 would cost 48 bytes per process (docs/observer.md,
 * "Cost"). */
typedef struct Proc {
    _Atomic uint32_t state;    /* PS_* bits                                 */
    uint32_t reds_left;        /* reductions left in this slice             */
    _Atomic uint64_t reductions; /* total, for introspection                */
    ProcCold *cold;            /* NULL until needed                          */
    Mbox mbox;                 /* its len ends the first 64 bytes           */
    Term pid;                  /* immutable after spawn                     */
    struct Proc *run_next;     /* run-queue link, owned by the queue        */
    Term parent;               /* spawning pid, or NONE (host-spawned)      */
    struct Node *node;
    Heap heap;
    uint8_t body_kind;         /* BodyKind                                  */
    uint8_t flags;             /* PF_* below                                */
    uint16_t timer_gen;        /* generation of the receive timer           */
    uint32_t sched_ix;         /* 1 + index of the scheduler it last ran
                                  on; 0 = never ran (a pointer would cost
                                  8 bytes where this fills padding)       */
    union {
        struct {
            const mote_proc_class *cls;
            void *state;
        } native;
        struct Vm *vm;         /* lang/vm.h: registers, code pointer       */
    } body;
    Term exit_reason;          /* set when exiting (in heap or immediate)   */
    uint64_t recv_timer;       /* timer id of the armed receive timeout     */
} Proc;

/* What snap.c reads of every process stays in the first 64 bytes. */
#define PROC_SCAN_LINE 64
_Static_assert(offsetof(Proc, mbox.len) + sizeof(uint64_t) <= PROC_SCAN_LINE,
               "proc.h: mbox.len left the Proc's first cache line");
_Static_assert(offsetof(Proc, reductions) + sizeof(uint64_t) <= PROC_SCAN_LINE &&
                   offsetof(Proc, cold) + sizeof(void *) <= PROC_SCAN_LINE,
               "proc.h: reductions or cold left the Proc's first cache line");

enum {
    PF_TRAP_EXIT = 1,
    PF_HAS_TIMER = 2, /* a receive timer is armed */
    PF_TIMED_OUT = 4, /* the receive timer fired  */
    PF_STARTED = 8,   /* init has run (or begun)  */
    PF_SIGNALLED = 16, /* an exit signal killed it: link and monitor
                          signals still queued came after that signal */
};

/* ---- lifecycle and running (proc.c) ------------------------------------ */

/* The process running on this thread, or NULL (host thread, idle). */
Proc *proc_current(void);
/* The cold part, allocated on first use by the owner (or while the
 * process is not running). NULL when out of memory. */
ProcCold *proc_cold(Proc *p);
/* Spinlock over a cold part's sets, for cross-thread readers. */
void cold_lock(ProcCold *c);
void cold_unlock(ProcCold *c);

/* Spawns a native process. parent is the spawning process or NULL (host).
 * Returns 0 with the pid, or MOTE_ENOMEM / MOTE_ELIMIT / MOTE_EINVAL /
 * MOTE_ESTATE (link or monitor asked from a host thread). Any thread. */
int proc_spawn(struct Node *n, Proc *parent, const mote_proc_class *cls, void *arg,
               const mote_spawn_opts *opts, Term *pid_out);

/* Spawns a process whose body the caller sets up: prepare(p, ctx) runs
 * before p is visible to anyone (heap ready, pid known, body_kind
 * BODY_NATIVE with no class) and sets p->body_kind / p->body (e.g. the
 * VM's vm_prepare); a nonzero return aborts the spawn with that code.
 * A BODY_VM body is freed at exit by vm_free (lang/vm.c). Any thread. */
int proc_spawn_body(struct Node *n, Proc *parent, int (*prepare)(Proc *p, void *ctx), void *ctx,
                    const mote_spawn_opts *opts, Term *pid_out);

/* Runs p on scheduler s (the calling thread) for up to `budget`
 * reductions. On return p is waiting, queued again, or freed (it exited);
 * returns the reductions it left unused. Scheduler thread. */
uint32_t proc_run(struct Sched *s, Proc *p, uint32_t budget);

/* Charges the running process for work done on its behalf (a send, a
 * spawn): its slice ends sooner. Owner thread. */
static inline void proc_charge(Proc *p, uint32_t reds)
{
    p->reds_left -= reds < p->reds_left ? reds : p->reds_left;
}

/* Tears p down with `reason` (terminate, unregister, unpublish, signals
 * to links and monitors, leftover signals answered) and frees it. Runs on
 * p's scheduler, or on the host thread during mote_stop. */
void proc_exit(Proc *p, Term reason);

/* Frees a Proc struct that is out of every table and queue, with the
 * heap block it may keep for reuse. For the schedulers' free lists. */
void proc_destroy(Proc *p);

/* Moves the inbox into the private queue, applying signals on the way
 * (link_handle) and receive timeouts. Returns true when the process must
 * exit now (p->exit_reason is set). Owner thread. May allocate on p's
 * heap, never collects. */
bool proc_drain(Proc *p);

/* A request another thread asks a process to run on its own thread, at
 * its next drain (sent as a MSG_REQUEST whose aux is the ProcRequest *):
 * the owner calls fn(p, rq) in arrival order with the other signals, or
 * fn(NULL, rq) when p exits with the request still queued. The sender
 * keeps rq alive until fn has run (fn's side releases it). Used for
 * observation (mailbox summaries, suspend/resume: lib/mote_peek.c). */
typedef struct ProcRequest {
    void (*fn)(Proc *p, struct ProcRequest *rq);
} ProcRequest;
/* Sends rq to pid. 0, or MOTE_ENOPROC (rq untouched, fn never runs) or
 * MOTE_ENOMEM. Any thread. */
int proc_request(struct Node *n, Term pid, ProcRequest *rq);

/* What vm_run reports (lang/vm.c, linked in when present). */
enum {
    VM_YIELD = 0, /* budget used up; run it again later                */
    VM_WAIT = 1,  /* blocked in receive with nothing matching           */
    VM_EXIT = 2,  /* finished or crashed; p->exit_reason is set         */
};
/* Runs a BODY_VM process for up to p->reds_left reductions, after the
 * scheduler drained its inbox. Weak: absent until the language lands. */
int vm_run(Proc *p) __attribute__((weak));

#endif
