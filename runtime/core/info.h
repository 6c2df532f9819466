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
#include <stddef.h>
#include <stdint.h>

struct Node;
struct InfoPrev;
struct Proc;

/* Publishes p's heap figures and trap_exit flag for introspection
 * readers (relaxed atomic stores into the cold part, which it allocates
 * only once the heap grew, a GC ran or exits are trapped). Owner thread
 * only; the scheduler calls it at the end of a time slice or after a GC.
 * Until then readers see a fresh minimal heap. */
void info_publish(struct Proc *p);
/* Publishes the function a VM process runs (ProcCold.pub_where) when it
 * has a cold part: one load and at most two stores. Owner thread. */
void info_publish_where(struct Proc *p);
/* Installs the language's current-function reader and printer
 * (lang/where.c; lib/mote_sup.c does it at registration). Any thread. */
void info_set_where_hooks(uint64_t (*current)(const struct Proc *p),
                          void (*text)(uint64_t w, char *buf, size_t size));
/* Installs the language's initial-call reader (lang/where.c's
 * where_initial), which mote_proc_info_get calls with the pid lock held
 * to fill initial_call for VM processes. Any thread. */
void info_set_initial_hook(uint64_t (*initial)(const struct Proc *p));
/* Through those hooks, for the snapshot: a VM process's packed initial
 * call (0 when unknown or no hook), and its text into buf (false, buf
 * untouched, when w is 0 or no printer is installed). Any thread, with
 * the process's slot locked. */
uint64_t info_where_initial(const struct Proc *p);
bool info_where_text(uint64_t w, char *buf, size_t size);
/* Publishes only the trap_exit flag (mote_trap_exit). Owner thread.
 * MOTE_ENOMEM when the cold part cannot be allocated. */
int info_publish_trap(struct Proc *p, bool on);
/* Frees the previous stats sample kept for rate figures (n->info_prev).
 * mote_stop, after the schedulers are joined. */
void info_free(struct Node *n);

#endif
