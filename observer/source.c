/* source.c — the local snapshot source: figures from this runtime's
 * public introspection API (mote.h), top-K selected here so a view of a
 * million processes only ever holds K rows.
 *
 * One mote_proc_scan pass reads every process's counters (no names), a
 * compact record per pid is kept for growth rates next time, and a
 * min-heap of size K keeps the best rows by the sort key; only those K
 * rows (and the holders of each metric's maximum) get a full
 * mote_proc_info read. A --filter needs names, so it reads info for
 * every process: the slow path, only when asked for. Rates compare
 * with the previous take through an open-addressing table keyed by pid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "obj.h"

typedef struct Prev {
    mote_pid pid;               /* 0 = empty slot                        */
    uint64_t reductions, msgq;
    size_t memory;
} Prev;

#define RESTART_HIST 128         /* samples of restarts_total kept       */

typedef struct Local {
    Source base;
    mote_rt *rt;
    uint64_t seq;
    mote_proc_brief *briefs;
    size_t briefs_cap;
    Prev *prev, *next;          /* tables, power-of-two sized            */
    size_t prev_cap, next_cap;
    uint64_t prev_ms;
    struct { uint64_t ms, total; } hist[RESTART_HIST];
    size_t hist_n, hist_head;
} Local;

static const char *const key_names[SNAP_NKEYS] = {
    [SNAP_REDS] = "reds", [SNAP_MSGQ] = "msgq", [SNAP_MEMORY] = "memory",
    [SNAP_MSGQ_GROWTH] = "msgq_growth", [SNAP_MEM_GROWTH] = "memory_growth",
    [SNAP_RESTARTS] = "restarts", [SNAP_PID] = "pid",
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
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static size_t hash_pid(mote_pid pid, size_t cap)
{
    uint64_t h = pid * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 17) & (cap - 1);
}

static const Prev *prev_find(const Local *l, mote_pid pid)
{
    if (!l->prev_cap)
        return NULL;
    for (size_t i = hash_pid(pid, l->prev_cap);; i = (i + 1) & (l->prev_cap - 1)) {
        if (l->prev[i].pid == pid)
            return &l->prev[i];
        if (!l->prev[i].pid)
            return NULL;
    }
}

static void next_put(Local *l, const Prev *p)
{
    size_t i = hash_pid(p->pid, l->next_cap);
    while (l->next[i].pid)
        i = (i + 1) & (l->next_cap - 1);
    l->next[i] = *p;
}

/* Makes the brief buffer hold every live process; the count can grow
 * between calls, so retry with room to spare until it fits. */
static int read_briefs(Local *l, size_t *n)
{
    for (;;) {
        int rc = mote_proc_scan(l->rt, l->briefs, l->briefs_cap, n);
        if (rc)
            return rc;
        if (*n <= l->briefs_cap)
            return 0;
        size_t cap = *n + *n / 4 + 64;
        mote_proc_brief *b = realloc(l->briefs, cap * sizeof *b);
        if (!b)
            return MOTE_ENOMEM;
        l->briefs = b;
        l->briefs_cap = cap;
    }
}

/* Sizes the next-growth table for n entries (load under one half). */
static int next_reset(Local *l, size_t n)
{
    size_t cap = 64;
    while (cap < 2 * n + 2)
        cap *= 2;
    if (cap != l->next_cap) {
        Prev *t = realloc(l->next, cap * sizeof *t);
        if (!t)
            return MOTE_ENOMEM;
        l->next = t;
        l->next_cap = cap;
    }
    memset(l->next, 0, cap * sizeof *l->next);
    return 0;
}

/* A candidate row: the counters and rates, before names are fetched. */
static void cand_of(SnapRow *r, const mote_proc_brief *b, const Prev *p, double dt)
{
    r->pid = b->pid;
    r->reductions = b->reductions;
    r->msgq = b->message_queue_len;
    r->memory = b->memory;
    r->restarts = b->restarts;
    r->reds_per_sec = r->msgq_per_sec = r->mem_per_sec = 0;
    if (p && dt > 0) {
        r->reds_per_sec = (double)(b->reductions - p->reductions) / dt;
        r->msgq_per_sec = ((double)b->message_queue_len - (double)p->msgq) / dt;
        r->mem_per_sec = ((double)b->memory - (double)p->memory) / dt;
    }
}

/* Fills the descriptive fields of r from pi (counters stay the scan's,
 * so the shown order and the shown figures agree). */
static void describe(SnapRow *r, const mote_proc_info *pi)
{
    mote_format(mote_pid_term(r->pid), r->pid_text, sizeof r->pid_text);
    if (!pi)
        return;
    snprintf(r->name, sizeof r->name, "%s", pi->registered_name);
    snprintf(r->initial_call, sizeof r->initial_call, "%s", pi->initial_call);
    snprintf(r->current_function, sizeof r->current_function, "%s", pi->current_function);
    r->status = pi->status;
    r->nlinks = pi->nlinks;
    r->nmonitors = pi->nmonitors;
    r->parent = pi->parent;
}

static int matches(const SnapRow *r, const char *filter)
{
    return !filter || !*filter || strstr(r->name, filter) || strstr(r->initial_call, filter) ||
           strstr(r->pid_text, filter) || strstr(r->current_function, filter);
}

/* ---- top-K: a min-heap on the sort key, worst row at the root ------- */

static int worse(const SnapRow *a, const SnapRow *b, SnapKey k)
{
    double va = snap_row_value(a, k), vb = snap_row_value(b, k);
    return va < vb || (va == vb && a->pid > b->pid);
}

static void heap_sift_down(SnapRow *h, size_t n, size_t i, SnapKey k)
{
    for (;;) {
        size_t c = 2 * i + 1, best = i;
        if (c < n && worse(&h[c], &h[best], k))
            best = c;
        if (c + 1 < n && worse(&h[c + 1], &h[best], k))
            best = c + 1;
        if (best == i)
            return;
        SnapRow t = h[i];
        h[i] = h[best];
        h[best] = t;
        i = best;
    }
}

static void heap_offer(SnapRow *h, size_t *n, size_t cap, const SnapRow *r, SnapKey k)
{
    if (*n < cap) {
        size_t i = (*n)++;
        h[i] = *r;
        while (i && worse(&h[i], &h[(i - 1) / 2], k)) {
            SnapRow t = h[i];
            h[i] = h[(i - 1) / 2];
            h[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
    } else if (cap && worse(&h[0], r, k)) {
        h[0] = *r;
        heap_sift_down(h, *n, 0, k);
    }
}

static SnapKey cmp_key;
static int cmp_best_first(const void *a, const void *b)
{
    return worse(a, b, cmp_key) ? 1 : worse(b, a, cmp_key) ? -1 : 0;
}

static void track_max(Snap *s, const SnapRow *r)
{
    for (int k = 0; k < SNAP_PID; k++) {
        double v = snap_row_value(r, (SnapKey)k);
        if (!s->max[k].pid || v > s->max[k].value) {
            s->max[k].value = v;
            s->max[k].pid = r->pid;
        }
    }
}

/* Names the holders of the maxima (a handful of info reads). */
static void name_maxima(Local *l, Snap *s)
{
    for (int k = 0; k < SNAP_PID; k++) {
        if (!s->max[k].pid)
            continue;
        SnapRow r;
        memset(&r, 0, sizeof r);
        r.pid = s->max[k].pid;
        mote_proc_info pi;
        describe(&r, mote_proc_info_get(l->rt, r.pid, &pi) ? NULL : &pi);
        snprintf(s->max[k].who, sizeof s->max[k].who, "%s %s", r.pid_text,
                 r.name[0] ? r.name : r.initial_call);
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

/* One scanned process: rates, growth table, filter, maxima, top-K. */
static void consider(Local *l, const SnapQuery *q, Snap *s, size_t cap,
                     const mote_proc_brief *b, double dt)
{
    SnapRow r;
    memset(&r, 0, sizeof r);
    cand_of(&r, b, prev_find(l, b->pid), dt);
    next_put(l, &(Prev){b->pid, b->reductions, b->message_queue_len, b->memory});
    s->nprocs++;
    s->restarts_total += b->restarts;
    if (q->filter && *q->filter) {
        /* Filtering needs names: the slow path, only when asked for. */
        mote_proc_info pi;
        if (mote_proc_info_get(l->rt, b->pid, &pi))
            return;
        describe(&r, &pi);
        if (!matches(&r, q->filter))
            return;
    }
    s->nmatched++;
    track_max(s, &r);
    heap_offer(s->rows, &s->nrows, cap, &r, q->sort);
}

static int local_take(Source *src, const SnapQuery *q, Snap *s)
{
    Local *l = (Local *)src;
    double t0 = now_ms();
    memset(s, 0, sizeof *s);
    s->sort = q->sort;
    int rc = mote_rt_stats_get(l->rt, &s->stats);
    size_t n = 0;
    if (!rc)
        rc = read_briefs(l, &n);
    if (!rc)
        rc = next_reset(l, n);
    size_t cap = q->limit && q->limit < n ? q->limit : n;
    s->rows = malloc((cap ? cap : 1) * sizeof *s->rows);
    if (!rc && !s->rows)
        rc = MOTE_ENOMEM;
    if (rc) {
        snap_release(s);
        return rc;
    }
    double dt = l->seq ? (double)(s->stats.uptime_ms - l->prev_ms) / 1e3 : 0;
    s->interval_s = dt;
    for (size_t i = 0; i < n; i++)
        consider(l, q, s, cap, &l->briefs[i], dt);
    cmp_key = q->sort;
    qsort(s->rows, s->nrows, sizeof *s->rows, cmp_best_first);
    for (size_t i = 0; i < s->nrows; i++) {
        mote_proc_info pi;
        describe(&s->rows[i], mote_proc_info_get(l->rt, s->rows[i].pid, &pi) ? NULL : &pi);
    }
    name_maxima(l, s);
    Prev *t = l->prev;
    l->prev = l->next;
    l->next = t;
    size_t tc = l->prev_cap;
    l->prev_cap = l->next_cap;
    l->next_cap = tc;
    l->prev_ms = s->stats.uptime_ms;
    s->seq = ++l->seq;
    s->restarts_per_min = restarts_per_min(l, s->stats.uptime_ms, s->restarts_total);
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

static void local_destroy(Source *src)
{
    Local *l = (Local *)src;
    free(l->briefs);
    free(l->prev);
    free(l->next);
    free(l);
}

static const SourceClass local_class = {
    .name = "local", .take = local_take, .kill = local_kill, .destroy = local_destroy,
};

int source_local_new(mote_rt *rt, Source **out)
{
    Local *l = calloc(1, sizeof *l);
    if (!l)
        return MOTE_ENOMEM;
    l->base.cls = &local_class;
    l->rt = rt;
    *out = &l->base;
    return 0;
}
