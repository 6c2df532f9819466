/* supinfo.h — what supervisors tell the observer about themselves.
 *
 * A supervisor (otp: supervisor.ex, DynamicSupervisor, Task.Supervisor)
 * reports its kind, strategy, intensity limits, children and restarts
 * through the :mote.sup_* builtins (lib/mote_sup.c). The data lives in a
 * SupInfo hung off the process's cold part (ProcCold.sup) and goes with
 * it; restarts are also kept in a node-wide ring (the last
 * SUPINFO_RING_LEN), and the node keeps the set of live supervisors so an
 * observer finds them without scanning every process.
 *
 * Everything stored is plain text and pids (no heap terms), so readers on
 * other threads copy it under the cold lock without touching any heap.
 * Observation only: nothing here changes how a process behaves.
 */
#ifndef MOTE_SUPINFO_H
#define MOTE_SUPINFO_H

#include <stdbool.h>
#include <stdint.h>

#include "mote.h"
#include "term.h"

struct Proc;
struct Node;
typedef struct SupInfo SupInfo;

#define SUPINFO_LOG_LEN 64     /* restart events kept per supervisor   */
#define SUPINFO_RING_LEN 1024  /* restart events kept per node         */

/* Records kind/strategy/limits for p (a supervisor, in its init) and adds
 * it to the node's supervisor set. strategy is text (atom name). Owner
 * thread. 0 or MOTE_ENOMEM. */
int supinfo_register(struct Proc *p, int kind, const char *strategy, uint32_t max_restarts,
                     uint32_t max_seconds);
/* Marks p as the top supervisor of application `app`. Owner thread. */
int supinfo_set_app(struct Proc *p, const char *app);
/* Replaces p's children with n entries (copied); a child whose id text
 * matches an earlier entry keeps its restart count and last exit. Owner
 * thread. 0 or MOTE_ENOMEM (the old list is then kept). */
int supinfo_set_children(struct Proc *p, const mote_sup_child *children, size_t n);
/* Records a restart of child `id` (old_pid replaced by new_pid; 0 when
 * the restart failed) with reason text, in p's log and the node's ring,
 * and counts it in ProcCold.restarts. gave_up: the supervisor itself is
 * giving up (id is then "$supervisor"). Owner thread. */
int supinfo_restart(struct Proc *p, const char *id, mote_pid old_pid, mote_pid new_pid,
                    const char *reason, bool gave_up);
/* Frees a SupInfo and drops its process from the node's supervisor set.
 * Called when the cold part is freed (proc.c). NULL is fine. */
void supinfo_free(SupInfo *s);
/* Frees the node-wide ring and supervisor set (node teardown, after every
 * process is gone). */
void supinfo_node_fini(struct Node *n);

#endif
