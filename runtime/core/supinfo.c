/* supinfo.c — supervision data kept for observers (supinfo.h).
 *
 * Writers are supervisor processes on their own scheduler thread; readers
 * are observers on host threads. A SupInfo is changed and copied only
 * under its process's cold lock, and a reader pins the process with its
 * slot lock first, so the SupInfo cannot be freed under it (the cold part
 * goes only after the process left the table). Readers never allocate
 * while holding either lock: they size, unlock, allocate, and copy again.
 * The node-wide ring and supervisor set sit behind one mutex: they change
 * once per restart or per supervisor start, which is rare.
 */
#include "supinfo.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "mem.h"
#include "node.h"
#include "proc.h"

#define SUPINFO_NIDS 256 /* restarted child ids remembered per supervisor */

/* What a restarted child id has been through: merged into the children
 * rows when read, so replacing the children list copies no history. */
typedef struct IdStats {
    char id[64];
    uint32_t restarts;
    int64_t last_wall_ms;
    char last_reason[96];
} IdStats;

struct SupInfo {
    Node *node;
    mote_pid pid;
    bool registered;           /* sup_register has run (not only an app) */
    mote_sup_kind kind;
    char strategy[24];
    char app[64];
    uint32_t max_restarts, max_seconds;
    uint32_t restarts;         /* every restart recorded                 */
    mote_sup_child *children;
    size_t nchildren, cap_children;
    mote_restart_event *log;   /* ring of SUPINFO_LOG_LEN, on first use  */
    uint32_t nlog;             /* events ever logged; ring head = % len  */
    IdStats *ids;              /* SUPINFO_NIDS, on first restart         */
    uint32_t nids;
};

typedef struct SupRing {
    pthread_mutex_t lock;
    mote_restart_event ev[SUPINFO_RING_LEN];
    uint64_t count;            /* events ever recorded                   */
    mote_pid *sups;            /* live supervisors, unordered            */
    size_t nsups, cap_sups;
} SupRing;

static void copy_cstr(char *dst, size_t size, const char *src)
{
    size_t len = src ? strlen(src) : 0;
    if (len >= size)
        len = size - 1;
    memcpy(dst, src ? src : "", len);
    dst[len] = '\0';
}

static int64_t wall_ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t mono_ms_now(const Node *n)
{
    return (node_now_ns() - n->start_ns) / 1000000;
}

/* The node's ring, created on first use (any thread; a losing racer
 * frees its copy). NULL when out of memory. */
static SupRing *ring_of(Node *n)
{
    SupRing *r = atomic_load_explicit(&n->sup_ring, memory_order_acquire);
    if (r)
        return r;
    r = mem_calloc(MEM_SYSTEM, 1, sizeof *r);
    if (!r)
        return NULL;
    pthread_mutex_init(&r->lock, NULL);
    SupRing *expected = NULL;
    if (!atomic_compare_exchange_strong(&n->sup_ring, &expected, r)) {
        pthread_mutex_destroy(&r->lock);
        mem_free(MEM_SYSTEM, r, sizeof *r);
        return expected;
    }
    return r;
}

static int ring_add_sup(SupRing *r, mote_pid pid)
{
    int rc = 0;
    pthread_mutex_lock(&r->lock);
    if (r->nsups == r->cap_sups) {
        size_t cap = r->cap_sups ? r->cap_sups * 2 : 16;
        mote_pid *a = mem_alloc(MEM_SYSTEM, cap * sizeof *a);
        if (!a) {
            rc = MOTE_ENOMEM;
            goto out;
        }
        if (r->sups)
            memcpy(a, r->sups, r->nsups * sizeof *a);
        mem_free(MEM_SYSTEM, r->sups, r->cap_sups * sizeof *a);
        r->sups = a;
        r->cap_sups = cap;
    }
    r->sups[r->nsups++] = pid;
out:
    pthread_mutex_unlock(&r->lock);
    return rc;
}

static void ring_drop_sup(SupRing *r, mote_pid pid)
{
    pthread_mutex_lock(&r->lock);
    for (size_t i = 0; i < r->nsups; i++)
        if (r->sups[i] == pid) {
            r->sups[i] = r->sups[--r->nsups];
            break;
        }
    pthread_mutex_unlock(&r->lock);
}

static void ring_push(SupRing *r, const mote_restart_event *ev)
{
    pthread_mutex_lock(&r->lock);
    r->ev[r->count % SUPINFO_RING_LEN] = *ev;
    r->count++;
    pthread_mutex_unlock(&r->lock);
}

/* p's SupInfo, created on first use by the owner. NULL on OOM. */
static SupInfo *sup_of(Proc *p)
{
    ProcCold *c = proc_cold(p);
    if (!c)
        return NULL;
    if (c->sup)
        return c->sup;
    SupInfo *s = mem_calloc(MEM_PROC, 1, sizeof *s);
    if (!s)
        return NULL;
    s->node = p->node;
    s->pid = (mote_pid)p->pid;
    copy_cstr(s->strategy, sizeof s->strategy, "one_for_one");
    cold_lock(c);
    c->sup = s;
    cold_unlock(c);
    return s;
}

int supinfo_register(Proc *p, int kind, const char *strategy, uint32_t max_restarts,
                     uint32_t max_seconds)
{
    SupInfo *s = sup_of(p);
    SupRing *r = ring_of(p->node);
    if (!s || !r)
        return MOTE_ENOMEM;
    bool fresh = !s->registered;
    cold_lock(p->cold);
    s->registered = true;
    s->kind = (mote_sup_kind)kind;
    copy_cstr(s->strategy, sizeof s->strategy, strategy);
    s->max_restarts = max_restarts;
    s->max_seconds = max_seconds;
    cold_unlock(p->cold);
    return fresh ? ring_add_sup(r, s->pid) : 0;
}

int supinfo_set_app(Proc *p, const char *app)
{
    SupInfo *s = sup_of(p);
    if (!s)
        return MOTE_ENOMEM;
    cold_lock(p->cold);
    copy_cstr(s->app, sizeof s->app, app);
    cold_unlock(p->cold);
    return 0;
}

int supinfo_set_children(Proc *p, const mote_sup_child *children, size_t n)
{
    SupInfo *s = sup_of(p);
    if (!s)
        return MOTE_ENOMEM;
    mote_sup_child *fresh = NULL, *old = NULL;
    size_t old_cap = 0;
    /* Grow outside the lock; readers see either list whole. */
    if (n > s->cap_children) {
        size_t cap = n < 8 ? 8 : n + n / 2;
        fresh = mem_alloc(MEM_PROC, cap * sizeof *fresh);
        if (!fresh)
            return MOTE_ENOMEM;
        old = s->children;
        old_cap = s->cap_children;
        cold_lock(p->cold);
        s->children = fresh;
        s->cap_children = cap;
    } else {
        cold_lock(p->cold);
    }
    if (n)
        memcpy(s->children, children, n * sizeof *children);
    s->nchildren = n;
    cold_unlock(p->cold);
    mem_free(MEM_PROC, old, old_cap * sizeof *old);
    return 0;
}

/* The IdStats row for id, added (or the oldest-restarted one reused when
 * full) when missing. Under the cold lock. */
static IdStats *id_stats(SupInfo *s, const char *id)
{
    for (uint32_t i = 0; i < s->nids; i++)
        if (strcmp(s->ids[i].id, id) == 0)
            return &s->ids[i];
    IdStats *row;
    if (s->nids < SUPINFO_NIDS) {
        row = &s->ids[s->nids++];
    } else {
        row = &s->ids[0];
        for (uint32_t i = 1; i < s->nids; i++)
            if (s->ids[i].last_wall_ms < row->last_wall_ms)
                row = &s->ids[i];
    }
    memset(row, 0, sizeof *row);
    copy_cstr(row->id, sizeof row->id, id);
    return row;
}

/* Allocates the log ring and id table on the first restart. */
static int ensure_history(Proc *p, SupInfo *s)
{
    if (s->log && s->ids)
        return 0;
    mote_restart_event *log = mem_calloc(MEM_PROC, SUPINFO_LOG_LEN, sizeof *log);
    IdStats *ids = mem_calloc(MEM_PROC, SUPINFO_NIDS, sizeof *ids);
    if (!log || !ids) {
        mem_free(MEM_PROC, log, SUPINFO_LOG_LEN * sizeof *log);
        mem_free(MEM_PROC, ids, SUPINFO_NIDS * sizeof *ids);
        return MOTE_ENOMEM;
    }
    cold_lock(p->cold);
    s->log = log;
    s->ids = ids;
    cold_unlock(p->cold);
    return 0;
}

int supinfo_restart(Proc *p, const char *id, mote_pid old_pid, mote_pid new_pid,
                    const char *reason, bool gave_up)
{
    SupInfo *s = sup_of(p);
    SupRing *r = ring_of(p->node);
    if (!s || !r || ensure_history(p, s) < 0)
        return MOTE_ENOMEM;
    mote_restart_event ev = {
        .mono_ms = mono_ms_now(p->node), .wall_ms = wall_ms_now(), .supervisor = s->pid,
        .old_pid = old_pid, .new_pid = new_pid, .gave_up = gave_up,
    };
    copy_cstr(ev.child_id, sizeof ev.child_id, gave_up ? "$supervisor" : id);
    copy_cstr(ev.reason, sizeof ev.reason, reason);
    cold_lock(p->cold);
    s->log[s->nlog % SUPINFO_LOG_LEN] = ev;
    s->nlog++;
    if (!gave_up) {
        s->restarts++;
        IdStats *st = id_stats(s, ev.child_id);
        st->restarts++;
        st->last_wall_ms = ev.wall_ms;
        copy_cstr(st->last_reason, sizeof st->last_reason, reason);
    }
    cold_unlock(p->cold);
    if (!gave_up)
        atomic_fetch_add_explicit(&p->cold->restarts, 1, memory_order_relaxed);
    ring_push(r, &ev);
    return 0;
}

void supinfo_free(SupInfo *s)
{
    if (!s)
        return;
    if (s->registered) {
        SupRing *r = atomic_load_explicit(&s->node->sup_ring, memory_order_acquire);
        if (r)
            ring_drop_sup(r, s->pid);
    }
    mem_free(MEM_PROC, s->children, s->cap_children * sizeof *s->children);
    mem_free(MEM_PROC, s->log, s->log ? SUPINFO_LOG_LEN * sizeof *s->log : 0);
    mem_free(MEM_PROC, s->ids, s->ids ? SUPINFO_NIDS * sizeof *s->ids : 0);
    mem_free(MEM_PROC, s, sizeof *s);
}

void supinfo_node_fini(Node *n)
{
    SupRing *r = atomic_exchange(&n->sup_ring, NULL);
    if (!r)
        return;
    mem_free(MEM_SYSTEM, r->sups, r->cap_sups * sizeof *r->sups);
    pthread_mutex_destroy(&r->lock);
    mem_free(MEM_SYSTEM, r, sizeof *r);
}

/* ---- readers (mote.h) ------------------------------------------------ */

/* Copies the fixed fields and up to cap children / log events under the
 * locks; reports how many there are in *nchildren / *nlog. */
static void copy_info(const SupInfo *s, mote_sup_info *out, size_t cap_children,
                      size_t cap_log, size_t *nchildren)
{
    out->kind = s->kind;
    memcpy(out->strategy, s->strategy, sizeof out->strategy);
    memcpy(out->app, s->app, sizeof out->app);
    out->max_restarts = s->max_restarts;
    out->max_seconds = s->max_seconds;
    out->restarts = s->restarts;
    *nchildren = s->nchildren;
    out->nchildren = s->nchildren < cap_children ? s->nchildren : cap_children;
    for (size_t i = 0; i < out->nchildren; i++) {
        mote_sup_child *ch = &out->children[i];
        *ch = s->children[i];
        for (uint32_t k = 0; k < s->nids; k++)
            if (strcmp(s->ids[k].id, ch->id) == 0) {
                ch->restarts = s->ids[k].restarts;
                ch->last_exit_wall_ms = s->ids[k].last_wall_ms;
                memcpy(ch->last_exit_reason, s->ids[k].last_reason, sizeof ch->last_exit_reason);
            }
    }
    uint32_t nlog = s->nlog < SUPINFO_LOG_LEN ? s->nlog : SUPINFO_LOG_LEN;
    out->nlog = nlog < cap_log ? nlog : cap_log;
    for (size_t i = 0; i < out->nlog; i++)
        out->log[i] = s->log[(s->nlog - 1 - i) % SUPINFO_LOG_LEN];
}

/* Restarts logged within the last max_seconds (gave-up events aside). */
static uint32_t in_window(const mote_sup_info *out, uint64_t now_ms)
{
    uint64_t span = (uint64_t)out->max_seconds * 1000;
    uint32_t k = 0;
    for (size_t i = 0; i < out->nlog; i++)
        if (!out->log[i].gave_up && out->log[i].mono_ms + span >= now_ms)
            k++;
    return k;
}

/* One locked pass: 1 when everything fitted, 0 when the children list
 * grew past cap (*need set), or a negative error. */
static int read_once(Node *n, mote_pid pid, mote_sup_info *out, size_t cap, size_t *need)
{
    Proc *p = node_lock_pid(n, (Term)pid);
    if (!p)
        return MOTE_ENOPROC;
    ProcCold *c = __atomic_load_n(&p->cold, __ATOMIC_ACQUIRE);
    int rc = MOTE_EINVAL;
    if (c) {
        cold_lock(c);
        if (c->sup && c->sup->registered) {
            copy_info(c->sup, out, cap, SUPINFO_LOG_LEN, need);
            rc = *need <= cap ? 1 : 0;
        }
        cold_unlock(c);
    }
    node_unlock_pid(n, (Term)pid);
    return rc;
}

MOTE_API int mote_sup_info_get(mote_rt *rt, mote_pid pid, mote_sup_info *out)
{
    if (!rt || !out || !is_local_pid((Term)pid))
        return MOTE_EINVAL;
    Node *n = node_of_rt(rt);
    memset(out, 0, sizeof *out);
    out->pid = pid;
    out->log = mem_calloc(MEM_SYSTEM, SUPINFO_LOG_LEN, sizeof *out->log);
    size_t cap = 16, need = 0;
    int rc = MOTE_ENOMEM;
    for (int tries = 0; tries < 8 && out->log; tries++) {
        out->children = mem_alloc(MEM_SYSTEM, cap * sizeof *out->children);
        if (!out->children)
            break;
        rc = read_once(n, pid, out, cap, &need);
        if (rc != 0)
            break;
        mem_free(MEM_SYSTEM, out->children, cap * sizeof *out->children);
        out->children = NULL;
        cap = need + need / 4 + 1;
        rc = MOTE_ENOMEM;
    }
    if (rc < 0) {
        mote_sup_info_free(out);
        return rc;
    }
    out->restarts_in_window = in_window(out, mono_ms_now(n));
    /* Trim to the exact count, so mote_sup_info_free knows the size. */
    size_t keep = out->nchildren ? out->nchildren : 1;
    if (keep != cap) {
        mote_sup_child *exact = mem_alloc(MEM_SYSTEM, keep * sizeof *exact);
        if (!exact) {
            mem_free(MEM_SYSTEM, out->children, cap * sizeof *out->children);
            out->children = NULL;
            mote_sup_info_free(out);
            return MOTE_ENOMEM;
        }
        memcpy(exact, out->children, out->nchildren * sizeof *exact);
        mem_free(MEM_SYSTEM, out->children, cap * sizeof *out->children);
        out->children = exact;
    }
    return 0;
}

MOTE_API void mote_sup_info_free(mote_sup_info *info)
{
    if (!info)
        return;
    if (info->children)
        mem_free(MEM_SYSTEM, info->children,
                 (info->nchildren ? info->nchildren : 1) * sizeof *info->children);
    if (info->log)
        mem_free(MEM_SYSTEM, info->log, SUPINFO_LOG_LEN * sizeof *info->log);
    info->children = NULL;
    info->log = NULL;
    info->nchildren = info->nlog = 0;
}

/* The readers' common start: checks the arguments, zeroes *nout and finds the
 * node's ring (NULL before any supervisor ran). MOTE_EINVAL or 0. */
static int api_ring(mote_rt *rt, const void *buf, size_t cap, size_t *nout, SupRing **r)
{
    if (!rt || !nout || (cap && !buf))
        return MOTE_EINVAL;
    *nout = 0;
    *r = atomic_load_explicit(&node_of_rt(rt)->sup_ring, memory_order_acquire);
    return 0;
}

MOTE_API int mote_restart_log(mote_rt *rt, mote_restart_event *buf, size_t cap, size_t *nout)
{
    SupRing *r;
    int rc = api_ring(rt, buf, cap, nout, &r);
    if (rc != 0 || !r)
        return rc;
    pthread_mutex_lock(&r->lock);
    uint64_t have = r->count < SUPINFO_RING_LEN ? r->count : SUPINFO_RING_LEN;
    size_t k = have < cap ? (size_t)have : cap;
    for (size_t i = 0; i < k; i++)
        buf[i] = r->ev[(r->count - 1 - i) % SUPINFO_RING_LEN];
    pthread_mutex_unlock(&r->lock);
    *nout = k;
    return 0;
}

MOTE_API int mote_supervisors(mote_rt *rt, mote_pid *buf, size_t cap, size_t *nout)
{
    SupRing *r;
    int rc = api_ring(rt, buf, cap, nout, &r);
    if (rc != 0 || !r)
        return rc;
    pthread_mutex_lock(&r->lock);
    for (size_t i = 0; i < r->nsups && i < cap; i++)
        buf[i] = r->sups[i];
    *nout = r->nsups;
    pthread_mutex_unlock(&r->lock);
    return 0;
}
