/* sup_int.h — shared by sup.c and sup_stop.c only: the native
 * supervisor's state.
 *
 * A native process cannot block in a receive, so stopping children (which
 * waits for each one's :DOWN, with a :kill timer) is a sequence the
 * supervisor walks one message at a time: `stop` lists the children to
 * stop, in order, and `after` says what to do once they are all down.
 */
#ifndef MOTE_SUP_INT_H
#define MOTE_SUP_INT_H

#include "heap.h"
#include "mote.h"

typedef struct SupChild {
    mote_child_spec spec;  /* spec.id points at id below                */
    char id[64];
    mote_pid pid;          /* 0 when not running                         */
} SupChild;

typedef enum SupAfter {
    AFTER_NOTHING,  /* no sequence running                               */
    AFTER_RESTART,  /* start the stopped children from `from`, in order  */
    AFTER_EXIT,     /* exit with `reason`                                */
    AFTER_REPLY,    /* terminate_child: answer the waiting call :ok      */
} SupAfter;

typedef struct Sup {
    mote_sup_strategy strategy;
    uint32_t max_restarts, max_seconds;
    char name[64];
    mote_pid parent;            /* linked parent, or 0                    */
    SupChild *children;         /* start order                            */
    size_t n, cap;
    uint64_t *restart_ms;       /* recent restart times (ms), oldest first */
    size_t nrestart_ms;
    /* The stop sequence. */
    SupAfter after;
    size_t *stop;               /* child indices to stop, in order        */
    size_t nstop, stop_pos;
    uint64_t cur_ref[2];        /* monitor of the child being stopped     */
    uint64_t gen;               /* tags its :kill timer                   */
    size_t from;                /* AFTER_RESTART: first child to start    */
    HeapFrag *reason_frag;      /* AFTER_EXIT: the reason's copy (owned)  */
    Term reason;
    mote_pid reply_pid;         /* AFTER_REPLY: the caller and its tag    */
    uint64_t reply_ref[2];
    /* The failing child of a one_for_all/rest_for_one restart, reported
     * once the others are back. */
    long failed;                /* index, or -1                           */
    mote_pid failed_old;
    char failed_reason[160];
} Sup;

/* sup_stop.c */
/* Starts stopping the children listed (indices, in that order) and then
 * doing `after`. Runs `after` at once when there is nothing to stop.
 * Returns what handle should return (MOTE_OK or MOTE_STOP). */
int sup_begin_stop(mote_proc *self, Sup *s, const size_t *idx, size_t n, SupAfter after);
/* A message that may belong to the stop sequence (:DOWN, the kill timer);
 * true when it did. *rc then is what handle should return. */
bool sup_stop_message(mote_proc *self, Sup *s, mote_term msg, int *rc);
/* Indices of running children from `first` on, in reverse start order,
 * into out (room for s->n). The count. */
size_t sup_running_reverse(const Sup *s, size_t first, size_t *out);
/* Starts child i; 0 or the start function's code. */
int sup_start_child(mote_proc *self, Sup *s, size_t i);
/* Tells the observer the current children. */
void sup_report(mote_proc *self, Sup *s);
/* Removes child i from the list. */
void sup_remove(Sup *s, size_t i);
/* Records a restart now; false when that exceeds the intensity. */
bool sup_note_restart(Sup *s);
/* Gives up: records it and stops every child, then exits :shutdown. */
int sup_give_up(mote_proc *self, Sup *s, const char *why);

#endif
