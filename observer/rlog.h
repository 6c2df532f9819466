/* rlog.h — the restart log view: the node's recent supervisor restarts,
 * newest first, one line each (time, supervisor, child, old and new pid,
 * reason); a supervisor giving up is flagged. */
#ifndef OBSERVER_RLOG_H
#define OBSERVER_RLOG_H

#include "obj.h"
#include "panel.h"
#include "stree.h"

typedef struct Rlog {
    Panel panel;
    const mote_restart_event *ev;   /* borrowed until the next rlog_set  */
    size_t n;
    StreeNameFn *name_of;
    void *name_ctx;
} Rlog;

void rlog_init(Rlog *r, StreeNameFn *name_of, void *ctx);
/* Adopts n events (newest first); the selection stays on the same event
 * when new ones arrive above it. */
void rlog_set(Rlog *r, const mote_restart_event *ev, size_t n);
void rlog_place(Rlog *r, int y, int h);
void rlog_draw(Rlog *r);
int rlog_key(Rlog *r, Act a);
int rlog_click(Rlog *r, int y);
/* The selected event's new pid (or its old one, or the supervisor). */
mote_pid rlog_selected(const Rlog *r);

#endif
