/* info.h — introspection of processes and of the runtime.
 *
 * The MOTE_API readers (mote_proc_info_get, mote_processes,
 * mote_rt_stats_get, ...) live in info.c. They never stop a process: they
 * read atomics, and take a process's slot lock (node_lock_pid) and its
 * cold lock only for the few loads that need them.
 */
#ifndef MOTE_INFO_H
#define MOTE_INFO_H

#include <stdbool.h>

struct Node;
struct InfoPrev;
struct Proc;

/* Publishes p's heap figures and trap_exit flag for introspection
 * readers (relaxed atomic stores, a few nanoseconds). Owner thread only;
 * the scheduler calls it at the end of a time slice or after a GC. Until
 * the first call, readers see a fresh heap's size and no GCs. */
void info_publish(struct Proc *p);
/* Publishes only the trap_exit flag (mote_trap_exit). Owner thread. */
void info_publish_trap(struct Proc *p, bool on);

/* Frees the figures mote_rt_stats_get keeps between calls (the rates are
 * deltas since the previous call). For mote_stop; NULL-safe on a node
 * that never asked for stats. */
void info_free(struct Node *n);

#endif
