/* feed.c — reads for the tree, log and detail views (see feed.h for why
 * they go through mote.h here for now). Supervisors are few; each
 * refresh copies all of their data, which is bounded by their children
 * and 64 log events each. */
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

static int d_info(void *ctx, mote_pid pid, mote_proc_info *out)
{
    Feed *f = ctx;
    return mote_proc_info_get(f->rt, pid, out);
}

static int d_links(void *ctx, mote_pid pid, mote_pid *buf, size_t cap, size_t *n)
{
    Feed *f = ctx;
    return mote_proc_links(f->rt, pid, buf, cap, n);
}

static int d_monitors(void *ctx, mote_pid pid, mote_pid *buf, size_t cap, size_t *n)
{
    Feed *f = ctx;
    return mote_proc_monitors(f->rt, pid, buf, cap, n);
}

static int d_sup(void *ctx, mote_pid pid, mote_sup_info *out)
{
    Feed *f = ctx;
    return mote_sup_info_get(f->rt, pid, out);
}

int feed_init(Feed *f, Source *src, mote_rt *rt)
{
    memset(f, 0, sizeof *f);
    f->src = src;
    f->rt = rt;
    f->log = malloc(FEED_LOG_MAX * sizeof *f->log);
    if (!f->log)
        return MOTE_ENOMEM;
    f->detail = (DetailFeed){.ctx = f, .info = d_info, .links = d_links,
                             .monitors = d_monitors, .sup = d_sup};
    return 0;
}

void feed_fini(Feed *f)
{
    free_sups(f);
    free(f->log);
    f->log = NULL;
}

/* Supervisor pids: the count can grow between calls, so retry. */
static int sup_pids(Feed *f, mote_pid **out, size_t *n)
{
    size_t cap = 16;
    for (;;) {
        mote_pid *v = malloc(cap * sizeof *v);
        if (!v)
            return MOTE_ENOMEM;
        int rc = mote_supervisors(f->rt, v, cap, n);
        if (rc || *n <= cap) {
            if (rc)
                free(v);
            *out = rc ? NULL : v;
            return rc;
        }
        free(v);
        cap = *n + 16;
    }
}

int feed_sups(Feed *f)
{
    free_sups(f);
    mote_pid *pids;
    size_t n;
    int rc = sup_pids(f, &pids, &n);
    if (rc)
        return rc;
    f->sups = calloc(n ? n : 1, sizeof *f->sups);
    if (!f->sups) {
        free(pids);
        return MOTE_ENOMEM;
    }
    /* A supervisor that exits between the two calls is simply left out. */
    for (size_t i = 0; i < n; i++)
        if (!mote_sup_info_get(f->rt, pids[i], &f->sups[f->nsups]))
            f->nsups++;
    free(pids);
    return 0;
}

int feed_log(Feed *f)
{
    f->nlog = 0;
    return mote_restart_log(f->rt, f->log, FEED_LOG_MAX, &f->nlog);
}

void feed_name(void *ctx, mote_pid pid, char *buf, size_t n)
{
    Feed *f = ctx;
    mote_proc_info pi;
    buf[0] = 0;
    if (!pid || mote_proc_info_get(f->rt, pid, &pi))
        return;
    snprintf(buf, n, "%s", pi.registered_name[0] ? pi.registered_name : pi.initial_call);
}

int feed_suspend(Feed *f, mote_pid pid, bool on)
{
    (void)f;
    (void)pid;
    (void)on;
    return MOTE_ESTATE;
}
