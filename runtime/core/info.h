/* info.h — introspection of processes and of the runtime.
 *
 * The MOTE_API readers (mote_proc_info_get, mote_processes,
 * mote_rt_stats_get, ...) live in info.c. They never stop a process: they
 * read atomics, and take a process's slot lock (node_lock_pid) and its
 * cold lock only for the few loads that need them.
 */
#ifndef MOTE_INFO_H
#define MOTE_INFO_H

struct Node;
struct InfoPrev;
struct Proc;

/* Publishes p's heap figures and trap_exit flag for introspection
 * readers (relaxed atomic stores, a few nanoseconds). Owner thread only;
 * the scheduler calls it at the end of each time slice, and after a GC.
 * Until the first call, readers see a fresh heap's size. */
void info_publish(struct Proc *p);

/* Frees the figures mote_rt_stats_get keeps between calls (the rates are
 * deltas since the previous call). For mote_stop; NULL-safe on a node
 * that never asked for stats. */
void info_free(struct Node *n);

#endif
