/* obj.h — the observer's shared types: snapshots, queries, and the source
 * interface that produces them.
 *
 * Views (batch text/JSON, the TUI) only ever see a Snap; where it came
 * from (this runtime, later a remote node) is the Source's business. A
 * snapshot carries the header figures, the top-K rows chosen by the
 * query's sort key, and per-metric maxima over every process (so a
 * threshold check never misses a process outside the top K).
 */
#ifndef OBSERVER_OBJ_H
#define OBSERVER_OBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mote.h"

/* Sort keys and per-process metrics; the order is the --sort names'. */
typedef enum SnapKey {
    SNAP_REDS,        /* reductions per second over the last interval */
    SNAP_MSGQ,        /* message queue length                         */
    SNAP_MEMORY,      /* bytes charged to the process                 */
    SNAP_MSGQ_GROWTH, /* queue growth per second                      */
    SNAP_MEM_GROWTH,  /* memory growth per second                     */
    SNAP_RESTARTS,    /* children restarted (supervisors)             */
    SNAP_PID,         /* ascending pid                                */
    SNAP_NAME,        /* text, ascending: name, else initial call     */
    SNAP_STATUS,      /* running, runnable, call, waiting, susp, exit */
    SNAP_FUNCTION,    /* text, ascending: current function            */
    SNAP_NKEYS,
} SnapKey;

/* The --sort / --fail-if name of a key, and back (-1 when unknown). */
const char *snap_key_name(SnapKey k);
int snap_key_parse(const char *name);

typedef struct SnapRow {
    mote_pid pid;
    char pid_text[32];          /* "#PID<0.12.0>"                        */
    char name[64];              /* registered name, "" when none         */
    char initial_call[96];
    char current_function[96];
    mote_status status;
    uint64_t reductions;
    double reds_per_sec;
    uint64_t msgq;
    double msgq_per_sec;
    size_t memory;
    double mem_per_sec;
    size_t nlinks, nmonitors;
    mote_pid parent;
    uint32_t restarts;
    mote_pid waiting_on;        /* pid it waits on in a call, 0 = none   */
} SnapRow;

typedef struct SnapMax {
    double value;               /* the largest value of the metric       */
    mote_pid pid;               /* who has it (0 when no process)        */
    char who[200];               /* its name or initial call               */
} SnapMax;

/* One supervisor as a snapshot carries it (SnapQuery.tree). */
typedef struct SnapSup {
    mote_sup_info info;         /* owned by the Snap (children, log)     */
    char pid_text[32];
    char name[64];              /* registered name or initial call       */
    mote_pid parent_sup;        /* the supervisor listing it as a child;
                                   0 for the root of a tree              */
    bool flapping;              /* a child restarted >= 3 times within
                                   max_seconds (or 5 s) of now           */
} SnapSup;

typedef struct Snap {
    char node_name[64];
    uint64_t seq;               /* 1 for a source's first snapshot       */
    mote_rt_stats stats;
    double interval_s;          /* since the previous snapshot (0: first) */
    uint64_t nprocs;            /* processes seen (before the filter)    */
    uint64_t nmatched;          /* processes that passed the filter      */
    uint64_t restarts_total;    /* sum over every process                */
    double restarts_per_min;    /* over the last minute (or less, early) */
    SnapMax max[SNAP_NKEYS];
    SnapKey sort;
    SnapRow *rows;              /* top-K, best first; owned by the Snap  */
    size_t nrows;
    double build_ms;            /* how long taking it took               */
    double snap_ms;             /* of which the runtime-side scan + top-K */
    SnapSup *sups;              /* with SnapQuery.tree: every supervisor,
                                   roots first then depth-first; owned     */
    size_t nsups;
    mote_restart_event *log;    /* with SnapQuery.log_limit: the newest
                                   restarts node-wide, newest first; owned */
    size_t nlog;
    mote_pid top_sup;           /* the supervisor with the most restarts in
                                   the last minute (from log), or 0      */
    uint32_t top_sup_restarts;
} Snap;

typedef struct SnapQuery {
    SnapKey sort;
    size_t limit;               /* K; 0 = every process                  */
    const char *filter;         /* substring of name/initial call/pid, or NULL */
    bool tree;                  /* also read every supervisor (Snap.sups) */
    size_t log_limit;           /* also read this many restart events     */
} SnapQuery;

/* A producer of snapshots. take fills *out (free it with snap_release);
 * the growth rates are against the previous take on the same source. */
typedef struct Source Source;
typedef struct SourceClass {
    const char *name;
    int (*take)(Source *src, const SnapQuery *q, Snap *out);
    int (*kill)(Source *src, mote_pid pid, const char *reason);
    void (*destroy)(Source *src);
    /* Reads for the tree, restart-log and detail views. A source that
     * cannot do one leaves it NULL (source_* below then return
     * MOTE_ESTATE and views say so). Return 0 or a MOTE_E* code. */
    int (*info)(Source *src, mote_pid pid, mote_proc_info *out);
    int (*links)(Source *src, mote_pid pid, mote_pid *buf, size_t cap, size_t *n);
    int (*monitors)(Source *src, mote_pid pid, mote_pid *buf, size_t cap, size_t *n);
    /* Every live supervisor: *out is a new array of *n (free each with
     * mote_sup_info_free, then the array with free). */
    int (*sups)(Source *src, mote_sup_info **out, size_t *n);
    /* The node's restart events, newest first, up to cap. */
    int (*restart_log)(Source *src, mote_restart_event *buf, size_t cap, size_t *n);
    /* Mailbox by shape (most frequent first; *total = queue length) and a
     * page of inspected messages from offset (0 = oldest). */
    int (*shapes)(Source *src, mote_pid pid, mote_msg_shape *buf, size_t cap, size_t *n,
                  uint64_t *total);
    int (*messages)(Source *src, mote_pid pid, size_t offset, mote_msg_text *buf, size_t cap,
                    size_t *n);
    /* Suspends (on) or resumes a process (erlang:suspend_process). */
    int (*suspend)(Source *src, mote_pid pid, bool on);
    const char *(*node_name)(Source *src);
} SourceClass;
struct Source {
    const SourceClass *cls;
};

/* The local source: snapshots of rt, which must outlive it. */
int source_local_new(mote_rt *rt, Source **out);
static inline int source_take(Source *s, const SnapQuery *q, Snap *out)
{
    return s->cls->take(s, q, out);
}
static inline void source_destroy(Source *s)
{
    if (s)
        s->cls->destroy(s);
}
void snap_release(Snap *s);

/* The waits-on chain from pid (pid, what it waits on, what that waits
 * on ...), up to cap pids in chain; *cycle is true when the chain comes
 * back to a pid already in it (a deadlock: every process in the cycle
 * waits on the next). Built on the source's info. 0 or a MOTE_E* code. */
int source_wait_chain(Source *src, mote_pid pid, mote_pid *chain, size_t cap, size_t *n,
                      bool *cycle);

/* Fills s->sups (every supervisor, roots first then depth-first, with
 * parents, names and flapping marks) and s->log (the newest `limit`
 * restart events) through the source's methods (sups.c). */
int snap_sups_fill(Source *src, Snap *s);
int snap_log_fill(Source *src, Snap *s, size_t limit);

/* The value of metric k in a row (what sorting and thresholds use). */
double snap_row_value(const SnapRow *r, SnapKey k);

/* Views. */
void out_text_write(FILE *out, const Snap *s);
void out_json_write(FILE *out, const Snap *s);

#endif
