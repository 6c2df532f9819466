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
} Monitor;

/* The parts of a process most never use. Allocated on first need by the
 * owner; other threads may read it (introspection) under `lock`, which
 * the owner also takes while it changes the sets. */
typedef struct ProcCold {
    _Atomic int lock;          /* spinlock for cross-thread readers        */
    Term *links;               /* linked pids, unordered                   */
    uint32_t nlinks, cap_links;
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
} ProcCold;

typedef struct Proc {
    _Atomic uint32_t state;    /* PS_* bits                                 */
    uint32_t reds_left;        /* reductions left in this slice             */
    Term pid;                  /* immutable after spawn                     */
    struct Proc *run_next;     /* run-queue link, owned by the queue        */
    struct Sched *sched;       /* scheduler it last ran on                  */
    struct Node *node;
    Heap heap;
    Mbox mbox;
    uint8_t body_kind;         /* BodyKind                                  */
    uint8_t flags;             /* PF_* below                                */
    uint16_t timer_gen;        /* generation of the receive timer           */
    union {
        struct {
            const mote_proc_class *cls;
            void *state;
        } native;
        struct Vm *vm;         /* lang/vm.h: registers, code pointer       */
    } body;
    Term exit_reason;          /* set when exiting (in heap or immediate)   */
    ProcCold *cold;            /* NULL until needed                          */
    _Atomic uint64_t reductions; /* total, for introspection                */
} Proc;

enum {
    PF_TRAP_EXIT = 1,
    PF_HAS_TIMER = 2, /* a receive timer is armed */
    PF_TIMED_OUT = 4, /* the receive timer fired  */
};

#endif
