/* feed.c — reads for the tree, log and detail views, through the
 * source's methods; a method the source lacks (NULL) reads as
 * MOTE_ESTATE and the view says so. Supervisors are few; each refresh
 * copies all of their data, bounded by their children and 64 log events
 * each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"

static void free_sups(Feed *f)
{
    for (size_t i = 0; i < f->nsups; i++)
        mote_sup_info_free(&f->sups[i]);
    free(f->sups);
    f->sups = NULL;
    f->nsups = 0;
}

#define CALL(f, m, ...) ((f)->src->cls->m ? (f)->src->cls->m((f)->src, __VA_ARGS__) : MOTE_ESTATE)

static int d_info(void *ctx, mote_pid pid, mote_proc_info *out)
{
    Feed *f = ctx;
    return CALL(f, info, pid, out);
}

static int d_links(void *ctx, mote_pid pid, mote_pid *buf, size_t cap, size_t *n)
{
    Feed *f = ctx;
    return CALL(f, links, pid, buf, cap, n);
}

static int d_monitors(void *ctx, mote_pid pid, mote_pid *buf, size_t cap, size_t *n)
{
    Feed *f = ctx;
    return CALL(f, monitors, pid, buf, cap, n);
}

/* One supervisor's data: found among those of the last feed_sups when
 * there (no second read), else read afresh from the source. */
static int d_sup(void *ctx, mote_pid pid, mote_sup_info *out)
{
    Feed *f = ctx;
    mote_sup_info *all = NULL;
    size_t n = 0;
    int rc = CALL(f, sups, &all, &n);
    if (rc)
        return rc;
    rc = MOTE_EINVAL;
    for (size_t i = 0; i < n; i++) {
        if (all[i].pid == pid && rc) {
            *out = all[i];
            rc = 0;
        } else {
            mote_sup_info_free(&all[i]);
        }
    }
    free(all);
    return rc;
}

static int d_shapes(void *ctx, mote_pid pid, mote_msg_shape *buf, size_t cap, size_t *n,
                    uint64_t *total)
{
    Feed *f = ctx;
    return CALL(f, shapes, pid, buf, cap, n, total);
}

static int d_messages(void *ctx, mote_pid pid, size_t offset, mote_msg_text *buf, size_t cap,
                      size_t *n)
{
    Feed *f = ctx;
    return CALL(f, messages, pid, offset, buf, cap, n);
}

int feed_init(Feed *f, Source *src)
{
    memset(f, 0, sizeof *f);
    f->src = src;
    f->log = malloc(FEED_LOG_MAX * sizeof *f->log);
    if (!f->log)
        return MOTE_ENOMEM;
    f->detail = (DetailFeed){.ctx = f, .info = d_info, .links = d_links,
                             .monitors = d_monitors, .sup = d_sup, .shapes = d_shapes,
                             .messages = d_messages};
    return 0;
}

void feed_fini(Feed *f)
{
    free_sups(f);
    free(f->log);
    f->log = NULL;
}

int feed_sups(Feed *f)
{
    free_sups(f);
    return CALL(f, sups, &f->sups, &f->nsups);
}

int feed_log(Feed *f)
{
    f->nlog = 0;
    return CALL(f, restart_log, f->log, FEED_LOG_MAX, &f->nlog);
}

void feed_name(void *ctx, mote_pid pid, char *buf, size_t n)
{
    Feed *f = ctx;
    mote_proc_info pi;
    buf[0] = 0;
    if (!pid || CALL(f, info, pid, &pi))
        return;
    snprintf(buf, n, "%s", pi.registered_name[0] ? pi.registered_name : pi.initial_call);
}

int feed_suspend(Feed *f, mote_pid pid, bool on)
{
    return CALL(f, suspend, pid, on);
}
