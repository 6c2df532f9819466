/* source.c — the local snapshot source: figures from this runtime's
 * public introspection API (mote.h), so views of a million processes
 * only ever hold K rows.
 *
 * The runtime does the heavy part (mote_snapshot_take: one pass over the
 * process table, growth rates against the previous take, top-K with a
 * bounded heap, full info for the K winners only); this file turns its
 * rows into SnapRows, names the holders of each metric's maximum, and
 * keeps the restart history behind "restarts in the last minute". A
 * --filter needs names, so the runtime reads info for every process on
 * that path: the slow one, only when asked for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "obj.h"

#define RESTART_HIST 128         /* samples of restarts_total kept       */

typedef struct Local {
    Source base;
    mote_rt *rt;
    mote_snapshot *snap;        /* keeps buffers and previous counters   */
    char node_name[64];
    struct { uint64_t ms, total; } hist[RESTART_HIST];
    size_t hist_n, hist_head;
} Local;

static const char *const key_names[SNAP_NKEYS] = {
    [SNAP_REDS] = "reds", [SNAP_MSGQ] = "msgq", [SNAP_MEMORY] = "memory",
    [SNAP_MSGQ_GROWTH] = "msgq_growth", [SNAP_MEM_GROWTH] = "memory_growth",
    [SNAP_RESTARTS] = "restarts", [SNAP_PID] = "pid", [SNAP_NAME] = "name",
    [SNAP_STATUS] = "status", [SNAP_FUNCTION] = "function",
};

const char *snap_key_name(SnapKey k)
{
    return k < SNAP_NKEYS ? key_names[k] : "?";
}

int snap_key_parse(const char *name)
{
    for (int k = 0; k < SNAP_NKEYS; k++)
        if (!strcmp(name, key_names[k]))
            return k;
    return -1;
}

double snap_row_value(const SnapRow *r, SnapKey k)
{
    switch (k) {
    case SNAP_REDS: return r->reds_per_sec;
    case SNAP_MSGQ: return (double)r->msgq;
    case SNAP_MEMORY: return (double)r->memory;
    case SNAP_MSGQ_GROWTH: return r->msgq_per_sec;
    case SNAP_MEM_GROWTH: return r->mem_per_sec;
    case SNAP_RESTARTS: return (double)r->restarts;
    case SNAP_PID: return -(double)r->pid; /* ascending pid = best first */
    /* Text keys have no value: the runtime ranked the rows by text. */
    default: return 0;
    }
}

void snap_release(Snap *s)
{
    if (!s)
        return;
    free(s->rows);
    s->rows = NULL;
    s->nrows = 0;
    for (size_t i = 0; i < s->nsups; i++)
        mote_sup_info_free(&s->sups[i].info);
    free(s->sups);
    s->sups = NULL;
    s->nsups = 0;
    free(s->log);
    s->log = NULL;
    s->nlog = 0;
}

int source_wait_chain(Source *src, mote_pid pid, mote_pid *chain, size_t cap, size_t *n,
                      bool *cycle)
{
    *n = 0;
    *cycle = false;
    if (!src->cls->info)
        return MOTE_ESTATE;
    while (pid && *n < cap) {
        for (size_t i = 0; i < *n; i++)
            if (chain[i] == pid) {
                *cycle = true;
                return 0;
            }
        chain[(*n)++] = pid;
        mote_proc_info pi;
        if (src->cls->info(src, pid, &pi))
            return 0; /* it exited: the chain ends there */
        pid = pi.waiting_on;
    }
    return 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Fills the descriptive fields of r from the runtime's row. */
static void row_of(SnapRow *r, const mote_snapshot_row *m)
{
    const mote_proc_info *pi = &m->info;
    memset(r, 0, sizeof *r);
    r->pid = pi->pid;
    mote_format(mote_pid_term(r->pid), r->pid_text, sizeof r->pid_text);
    snprintf(r->name, sizeof r->name, "%s", pi->registered_name);
    snprintf(r->initial_call, sizeof r->initial_call, "%s", pi->initial_call);
    snprintf(r->current_function, sizeof r->current_function, "%s", pi->current_function);
    r->status = pi->status;
    r->nlinks = pi->nlinks;
    r->nmonitors = pi->nmonitors;
    r->parent = pi->parent;
    r->restarts = pi->restarts;
    r->waiting_on = pi->waiting_on;
    r->reductions = m->reductions;
    r->msgq = m->msgq;
    r->memory = m->memory;
    r->reds_per_sec = m->reds_per_sec;
    r->msgq_per_sec = m->msgq_per_sec;
    r->mem_per_sec = m->mem_per_sec;
}

/* Names the holders of the maxima (a handful of info reads). */
static void name_maxima(Local *l, Snap *s, const mote_snapshot_header *h)
{
    for (int k = 0; k < SNAP_PID; k++) {
        s->max[k].value = h->max[k].value;
        s->max[k].pid = h->max[k].pid;
        if (!s->max[k].pid)
            continue;
        char pid_text[40];
        mote_format(mote_pid_term(s->max[k].pid), pid_text, sizeof pid_text);
        mote_proc_info pi;
        if (mote_proc_info_get(l->rt, s->max[k].pid, &pi))
            snprintf(s->max[k].who, sizeof s->max[k].who, "%s", pid_text);
        else
            snprintf(s->max[k].who, sizeof s->max[k].who, "%s %s", pid_text,
                     pi.registered_name[0] ? pi.registered_name : pi.initial_call);
    }
}

/* Restarts in the last minute: the total now minus the oldest sample
 * that is at most 60 s old (all of them, early in a run). */
static double restarts_per_min(Local *l, uint64_t ms, uint64_t total)
{
    l->hist[l->hist_head].ms = ms;
    l->hist[l->hist_head].total = total;
    l->hist_head = (l->hist_head + 1) % RESTART_HIST;
    if (l->hist_n < RESTART_HIST)
        l->hist_n++;
    uint64_t base = total;
    for (size_t i = 0; i < l->hist_n; i++) {
        size_t j = (l->hist_head + RESTART_HIST - 1 - i) % RESTART_HIST;
        if (ms - l->hist[j].ms > 60000)
            break;
        base = l->hist[j].total;
    }
    return (double)(total - base);
}

static int local_take(Source *src, const SnapQuery *q, Snap *s)
{
    Local *l = (Local *)src;
    double t0 = now_ms();
    memset(s, 0, sizeof *s);
    s->sort = q->sort;
    int rc = mote_rt_stats_get(l->rt, &s->stats);
    mote_snapshot_query mq = {(mote_snap_key)q->sort, q->limit, q->filter};
    mote_snapshot_header h;
    const mote_snapshot_row *rows = NULL;
    size_t n = 0;
    if (!rc)
        rc = mote_snapshot_take(l->snap, &mq, &h, &rows, &n);
    if (!rc && !(s->rows = malloc((n ? n : 1) * sizeof *s->rows)))
        rc = MOTE_ENOMEM;
    if (rc) {
        snap_release(s);
        return rc;
    }
    for (size_t i = 0; i < n; i++)
        row_of(&s->rows[i], &rows[i]);
    s->nrows = n;
    s->seq = h.seq;
    s->interval_s = h.interval_s;
    s->nprocs = h.nprocs;
    s->nmatched = h.nmatched;
    s->restarts_total = h.restarts_total;
    s->snap_ms = h.build_ms;
    name_maxima(l, s, &h);
    s->restarts_per_min = restarts_per_min(l, s->stats.uptime_ms, s->restarts_total);
    mote_node_name(l->rt, s->node_name, sizeof s->node_name);
    if (!rc && q->tree)
        rc = snap_sups_fill(src, s);
    if (!rc && q->log_limit)
        rc = snap_log_fill(src, s, q->log_limit);
    if (rc) {
        snap_release(s);
        return rc;
    }
    s->build_ms = now_ms() - t0;
    return 0;
}

/* Sends an exit signal from the host: reason "kill" is untrappable. */
static int local_kill(Source *src, mote_pid pid, const char *reason)
{
    Local *l = (Local *)src;
    mote_env *env = mote_env_new(l->rt);
    if (!env)
        return MOTE_ENOMEM;
    mote_term why = mote_atom(env, reason ? reason : "kill");
    int rc = why ? mote_exit(env, pid, why) : MOTE_ENOMEM;
    mote_env_free(env);
    return rc;
}

static int local_info(Source *src, mote_pid pid, mote_proc_info *out)
{
    return mote_proc_info_get(((Local *)src)->rt, pid, out);
}

static int local_links(Source *src, mote_pid pid, mote_pid *buf, size_t cap, size_t *n)
{
    return mote_proc_links(((Local *)src)->rt, pid, buf, cap, n);
}

static int local_monitors(Source *src, mote_pid pid, mote_pid *buf, size_t cap, size_t *n)
{
    return mote_proc_monitors(((Local *)src)->rt, pid, buf, cap, n);
}

/* Every supervisor's info; supervisors that exit between the listing and
 * the read are skipped. */
static int local_sups(Source *src, mote_sup_info **out, size_t *n)
{
    Local *l = (Local *)src;
    size_t have = 0, cap = 64;
    mote_pid *pids = NULL;
    for (;;) {
        mote_pid *p = realloc(pids, cap * sizeof *p);
        if (!p) {
            free(pids);
            return MOTE_ENOMEM;
        }
        pids = p;
        int rc = mote_supervisors(l->rt, pids, cap, &have);
        if (rc || have <= cap) {
            if (rc) {
                free(pids);
                return rc;
            }
            break;
        }
        cap = have + have / 4;
    }
    *out = calloc(have ? have : 1, sizeof **out);
    if (!*out) {
        free(pids);
        return MOTE_ENOMEM;
    }
    *n = 0;
    for (size_t i = 0; i < have; i++)
        if (!mote_sup_info_get(l->rt, pids[i], &(*out)[*n]))
            (*n)++;
    free(pids);
    return 0;
}

static int local_restart_log(Source *src, mote_restart_event *buf, size_t cap, size_t *n)
{
    return mote_restart_log(((Local *)src)->rt, buf, cap, n);
}

#define LOCAL_ASK_MS 5000 /* a process that does not answer in 5 s is busy */

static int local_shapes(Source *src, mote_pid pid, mote_msg_shape *buf, size_t cap, size_t *n,
                        uint64_t *total)
{
    return mote_mailbox_shapes(((Local *)src)->rt, pid, buf, cap, n, total, LOCAL_ASK_MS);
}

static int local_messages(Source *src, mote_pid pid, size_t offset, mote_msg_text *buf,
                          size_t cap, size_t *n)
{
    return mote_mailbox_messages(((Local *)src)->rt, pid, offset, buf, cap, n, LOCAL_ASK_MS);
}

static int local_suspend(Source *src, mote_pid pid, bool on)
{
    Local *l = (Local *)src;
    return on ? mote_proc_suspend(l->rt, pid, LOCAL_ASK_MS)
              : mote_proc_resume(l->rt, pid, LOCAL_ASK_MS);
}

static const char *local_node_name(Source *src)
{
    Local *l = (Local *)src;
    mote_node_name(l->rt, l->node_name, sizeof l->node_name);
    return l->node_name;
}

static void local_destroy(Source *src)
{
    Local *l = (Local *)src;
    mote_snapshot_free(l->snap);
    free(l);
}

static const SourceClass local_class = {
    .name = "local", .take = local_take, .kill = local_kill, .destroy = local_destroy,
    .info = local_info, .links = local_links, .monitors = local_monitors, .sups = local_sups,
    .restart_log = local_restart_log, .shapes = local_shapes, .messages = local_messages,
    .suspend = local_suspend, .node_name = local_node_name,
};

int source_local_new(mote_rt *rt, Source **out)
{
    Local *l = calloc(1, sizeof *l);
    if (!l)
        return MOTE_ENOMEM;
    l->base.cls = &local_class;
    l->rt = rt;
    int rc = mote_snapshot_new(rt, &l->snap);
    if (rc) {
        free(l);
        return rc;
    }
    *out = &l->base;
    return 0;
}
