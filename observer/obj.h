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

#include <stddef.h>
#include <stdint.h>

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

typedef struct Snap {
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
} Snap;

typedef struct SnapQuery {
    SnapKey sort;
    size_t limit;               /* K; 0 = every process                  */
    const char *filter;         /* substring of name/initial call/pid, or NULL */
} SnapQuery;

/* A producer of snapshots. take fills *out (free it with snap_release);
 * the growth rates are against the previous take on the same source. */
typedef struct Source Source;
typedef struct SourceClass {
    const char *name;
    int (*take)(Source *src, const SnapQuery *q, Snap *out);
    int (*kill)(Source *src, mote_pid pid, const char *reason);
    void (*destroy)(Source *src);
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

/* The value of metric k in a row (what sorting and thresholds use). */
double snap_row_value(const SnapRow *r, SnapKey k);

/* Views. */
void out_text_write(FILE *out, const Snap *s);
void out_json_write(FILE *out, const Snap *s);

#endif
