/* feed.h — what the tree, restart-log and detail views read, gathered in
 * one place: every supervisor's data, the node's restart log, and per-pid
 * reads (info, links, monitors, supervisor data, mailbox).
 * Everything goes through the Source's methods (obj.h), so the views
 * work on any source that offers them. */
#ifndef OBSERVER_FEED_H
#define OBSERVER_FEED_H

#include "detail.h"
#include "obj.h"

#define FEED_LOG_MAX 1024

typedef struct Feed {
    Source *src;
    mote_sup_info *sups;        /* owned; valid until the next feed_sups */
    size_t nsups;
    mote_restart_event *log;    /* owned, FEED_LOG_MAX; newest first     */
    size_t nlog;
    DetailFeed detail;          /* per-pid reads, for detail.c           */
} Feed;

int feed_init(Feed *f, Source *src);
void feed_fini(Feed *f);
/* Re-reads every supervisor's data. 0 or a MOTE_E* code. */
int feed_sups(Feed *f);
/* Re-reads the node's restart log. */
int feed_log(Feed *f);
/* Names pid: registered name, else initial call, else "" (StreeNameFn). */
void feed_name(void *ctx, mote_pid pid, char *buf, size_t n);
/* Suspends (on) or resumes a process; MOTE_ESTATE when the source cannot
 * or (resume) the process was not suspended. */
int feed_suspend(Feed *f, mote_pid pid, bool on);

#endif
