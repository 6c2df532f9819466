/* sups.c — the supervision part of a snapshot: every supervisor a source
 * reports, arranged as trees (a supervisor listed as another's child
 * hangs under it; the rest are roots), named, with flapping children
 * marked, plus the node's recent restart log.
 *
 * Works only through the Source's methods, so a remote source gives the
 * same trees. Order in Snap.sups: each root, then its sub-supervisors
 * depth-first in child order, so a view can draw the array top to bottom.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "obj.h"

#define FLAP_RESTARTS 3    /* restarts of one child that make it flapping */
#define FLAP_MIN_SECONDS 5 /* ... within max_seconds, but at least this    */

static int cmp_pid(const void *a, const void *b)
{
    mote_pid x = *(const mote_pid *)a, y = *(const mote_pid *)b;
    return (x > y) - (x < y);
}

/* The index in infos of the supervisor with pid, through a sorted
 * (pid, index) array; -1 when pid is not a supervisor. */
typedef struct PidIx {
    mote_pid pid;
    size_t ix;
} PidIx;

static long find_sup(const PidIx *ix, size_t n, mote_pid pid)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ix[mid].pid < pid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && ix[lo].pid == pid ? (long)ix[lo].ix : -1;
}

static bool is_flapping(const mote_sup_info *in, int64_t now_ms)
{
    int64_t span = (int64_t)(in->max_seconds > FLAP_MIN_SECONDS ? in->max_seconds
                                                                 : FLAP_MIN_SECONDS) * 1000;
    for (size_t i = 0; i < in->nchildren; i++) {
        const mote_sup_child *c = &in->children[i];
        if (c->restarts >= FLAP_RESTARTS && c->last_exit_wall_ms >= now_ms - span)
            return true;
    }
    return false;
}

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Names a supervisor: registered name, else initial call. */
static void name_sup(Source *src, SnapSup *ss)
{
    mote_format(mote_pid_term(ss->info.pid), ss->pid_text, sizeof ss->pid_text);
    mote_proc_info pi;
    if (src->cls->info && !src->cls->info(src, ss->info.pid, &pi))
        snprintf(ss->name, sizeof ss->name, "%.63s",
                 pi.registered_name[0] ? pi.registered_name : pi.initial_call);
}

/* Appends infos[i] and, depth-first, the supervisors among its children. */
static void place(SnapSup *out, size_t *k, mote_sup_info *infos, bool *placed, size_t i,
                  mote_pid parent, const PidIx *ix, size_t n)
{
    if (placed[i])
        return; /* a cycle or a child listed twice: shown once */
    placed[i] = true;
    SnapSup *ss = &out[(*k)++];
    memset(ss, 0, sizeof *ss);
    ss->info = infos[i];
    ss->parent_sup = parent;
    const mote_sup_info *in = &infos[i];
    for (size_t c = 0; c < in->nchildren; c++) {
        long j = in->children[c].pid ? find_sup(ix, n, in->children[c].pid) : -1;
        if (j >= 0)
            place(out, k, infos, placed, (size_t)j, in->pid, ix, n);
    }
}

/* Which supervisors are someone's child: has_parent[i]. */
static void mark_children(const mote_sup_info *infos, size_t n, const PidIx *ix, bool *has_parent)
{
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < infos[i].nchildren; c++) {
            long j = infos[i].children[c].pid ? find_sup(ix, n, infos[i].children[c].pid) : -1;
            if (j >= 0 && (size_t)j != i)
                has_parent[j] = true;
        }
}

int snap_sups_fill(Source *src, Snap *s)
{
    if (!src->cls->sups)
        return 0; /* this source has no supervision data: no trees */
    mote_sup_info *infos = NULL;
    size_t n = 0;
    int rc = src->cls->sups(src, &infos, &n);
    if (rc)
        return rc;
    PidIx *ix = malloc((n ? n : 1) * sizeof *ix);
    bool *flags = calloc(2 * (n ? n : 1), sizeof *flags);
    s->sups = calloc(n ? n : 1, sizeof *s->sups);
    if (!ix || !flags || !s->sups) {
        for (size_t i = 0; i < n; i++)
            mote_sup_info_free(&infos[i]);
        free(infos), free(ix), free(flags);
        return MOTE_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        ix[i] = (PidIx){infos[i].pid, i};
    qsort(ix, n, sizeof *ix, cmp_pid); /* pid is the first field */
    bool *has_parent = flags, *placed = flags + n;
    mark_children(infos, n, ix, has_parent);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!has_parent[i])
            place(s->sups, &k, infos, placed, i, 0, ix, n);
    for (size_t i = 0; i < n; i++) /* whatever a cycle left unplaced */
        place(s->sups, &k, infos, placed, i, 0, ix, n);
    s->nsups = k;
    int64_t now = wall_ms();
    for (size_t i = 0; i < k; i++) {
        name_sup(src, &s->sups[i]);
        s->sups[i].flapping = is_flapping(&s->sups[i].info, now);
    }
    free(infos), free(ix), free(flags);
    return 0;
}

int snap_log_fill(Source *src, Snap *s, size_t limit)
{
    if (!src->cls->restart_log)
        return 0;
    s->log = calloc(limit, sizeof *s->log);
    if (!s->log)
        return MOTE_ENOMEM;
    int rc = src->cls->restart_log(src, s->log, limit, &s->nlog);
    if (rc)
        return rc;
    /* Restarts in the last minute, exactly, from the events themselves
     * (the restart counters only give it once a minute of history
     * exists), and the supervisor with the most of them. */
    uint64_t now = s->stats.uptime_ms, per_min = 0;
    for (size_t i = 0; i < s->nlog; i++) {
        const mote_restart_event *ev = &s->log[i];
        if (ev->mono_ms + 60000 < now)
            break; /* newest first: the rest are older */
        if (ev->gave_up)
            continue;
        per_min++;
        uint32_t mine = 0;
        for (size_t j = 0; j < s->nlog && s->log[j].mono_ms + 60000 >= now; j++)
            mine += !s->log[j].gave_up && s->log[j].supervisor == ev->supervisor;
        if (mine > s->top_sup_restarts) {
            s->top_sup_restarts = mine;
            s->top_sup = ev->supervisor;
        }
    }
    if ((double)per_min > s->restarts_per_min)
        s->restarts_per_min = (double)per_min;
    return 0;
}
