/* link.h — links, monitors and exit signals (Erlang semantics).
 *
 * Every change to a link or monitor travels as a signal (msg.h) through
 * the other process's inbox, so signals from one sender keep their order
 * with the messages it sent. The owner applies them while draining its
 * inbox (link_handle); the sets live in ProcCold and only the owner
 * writes them, under cold_lock so introspection may read them.
 *
 * Design notes: docs/signals.md.
 *
 * Threads: link_handle, link_add/remove and monitor_add/remove run on the
 * owner's scheduler thread; exit_signal and link_reject may run anywhere.
 */
#ifndef MOTE_LINK_H
#define MOTE_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "msg.h"
#include "proc.h"

struct Node;

/* Msg.flags bit: the signal's term is already the message it becomes
 * ({:EXIT, from, reason} for MSG_EXIT, {:DOWN, ref, :process, pid,
 * reason} for MSG_DOWN). Signals made by link.c carry it; others may send
 * the bare reason (MSG_EXIT) or {ref, reason} (MSG_DOWN) as msg.h says. */
#define LINK_F_READY (1u << 16)

/* What link_handle did with a signal. */
enum {
    LINK_CONSUMED,   /* applied; m was freed                                */
    LINK_AS_MESSAGE, /* m is now a MSG_MESSAGE ({:EXIT,..} / {:DOWN,..}) in
                        its own fragment; the caller queues it             */
    LINK_KILL,       /* p->exit_reason is set; the process must exit now;
                        m was consumed (its fragment may be attached to
                        p's heap)                                           */
};

/* Applies one non-MSG_MESSAGE signal (MSG_LINK, MSG_UNLINK, MSG_EXIT,
 * MSG_MONITOR, MSG_DEMONITOR, MSG_DOWN) to p, which the caller runs.
 * Returns LINK_*. On out-of-memory it degrades as Erlang would under
 * pressure: the signal's effect is applied if possible, else dropped. */
int link_handle(Proc *p, Msg *m);

/* Called by an exiting process once it is out of the process table:
 * sends an exit signal with `reason` to every linked pid and a DOWN to
 * every watcher, unregisters its name, and empties its sets. reason is
 * read (copied) only; it may live on p's heap. */
void link_on_exit(Proc *p, Term reason);

/* Called for each signal left in a dead process's inbox (dead_pid). A
 * pending MSG_LINK is answered with an exit signal :noproc, a MSG_MONITOR
 * with DOWN :noproc; anything else is freed. Consumes m. */
void link_reject(struct Node *n, Term dead_pid, Msg *m);

/* self links to other (idempotent; linking to self does nothing).
 * Returns 0, MOTE_ENOMEM, MOTE_EINVAL (other is not a local pid), or
 * MOTE_ENOPROC when other is dead: then the link is not made and self is
 * NOT killed (the native API reports the error instead of raising, unlike
 * Erlang's link/1). */
int link_add(Proc *self, Term other);
/* Removes a link both ways (idempotent; 0 even when there was none). */
int link_remove(Proc *self, Term other);

/* self monitors target; ref receives a fresh reference id. When target is
 * dead a {:DOWN, ref, :process, target, :noproc} message is queued to self
 * and 0 is returned (Erlang semantics). MOTE_ENOMEM on failure. */
int monitor_add(Proc *self, Term target, uint64_t ref[2]);
/* As monitor_add for a target found by its registered name: the DOWN
 * then carries {name, node} where the pid would be, as Erlang's does. */
int monitor_add_name(Proc *self, Term target, Term name, uint64_t ref[2]);
/* Drops the monitor with that ref; a DOWN for it still in flight is then
 * discarded on arrival. Demonitoring an unknown or fired monitor is a
 * no-op. Returns 0 or MOTE_ENOMEM. */
int monitor_remove(Proc *self, const uint64_t ref[2]);
/* Whether self still holds the monitor with that ref (not removed, and
 * its DOWN not taken in yet): demonitor's :info answer. Owner only. */
bool monitor_held(Proc *self, const uint64_t ref[2]);
/* As monitor_remove, and also drops a {:DOWN, ref, ...} for it already
 * sitting in self's private queue (demonitor(ref, [:flush])). Resets
 * the selective-receive save position. Owner only. */
int monitor_remove_flush(Proc *self, const uint64_t ref[2]);

/* Sends an exit signal from `from` (a pid, or NONE for the host) to `to`
 * with `reason` (copied). from_link marks signals caused by a link (the
 * :kill -> :killed and trap rules differ for them). Returns 0, or
 * MOTE_ENOPROC when `to` is dead (the signal is dropped), MOTE_ENOMEM. */
int exit_signal(struct Node *n, Term from, Term to, Term reason, bool from_link);

#endif
