/* bench_top.c — what observing costs: snapshots of a runtime with many
 * idle processes and some busy ones, taken as `mote top` takes them.
 *
 * usage: bench_top [IDLE [BUSY [SNAPSHOTS [INTERVAL_MS]]]]
 *        (defaults 1000000 1000 5 1000)
 * Prints, as the other benchmarks do:
 *   RESULT peer=mote workload=top metric=M value=V unit=U
 * snapshot_build_ms: wall time to build one snapshot (top 50 by reds),
 * the median and the worst; observer_cpu_pct: CPU time the snapshots
 * used (thread CPU clock of the observing thread) as a share of one core
 * over the interval — the budget is 2% at 1 Hz and 50 ms per
 * snapshot. The observing thread is a host thread: its reads never stop a
 * scheduler, so the observed runtime pays only in shared cache and
 * memory bandwidth, which this figure bounds from above.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "mote.h"
#include "obj.h"

static atomic_long nstarted;

static int idle_init(mote_proc *self, void **state)
{
    (void)self, (void)state;
    atomic_fetch_add_explicit(&nstarted, 1, memory_order_relaxed);
    return MOTE_OK;
}

static const mote_proc_class idle_class = {.name = "idle", .init = idle_init};

/* A busy process sends itself a message for every one it receives, so it
 * stays runnable forever. */
static int busy_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    mote_send(mote_env_of(self), mote_self(self), msg);
    return MOTE_OK;
}

static const mote_proc_class busy_class = {
    .name = "busy", .init = idle_init, .handle = busy_handle};

static double clock_ms(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void result(const char *metric, double v, const char *unit)
{
    printf("RESULT peer=mote workload=top metric=%s value=%.3f unit=%s\n", metric, v, unit);
}

/* Spawns n processes of cls; returns how many were started. */
static long spawn_n(mote_rt *rt, const mote_proc_class *cls, long n, mote_pid *pids)
{
    for (long i = 0; i < n; i++)
        if (mote_spawn(rt, NULL, cls, NULL, NULL, &pids[i])) {
            fprintf(stderr, "bench_top: spawn %ld: %s\n", i, mote_last_error());
            return i;
        }
    return n;
}

static void nap_ms(double ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)((ms - (time_t)(ms / 1000) * 1000) * 1e6)};
    nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
    long idle = argc > 1 ? atol(argv[1]) : 1000000;
    long busy = argc > 2 ? atol(argv[2]) : 1000;
    int nsnap = argc > 3 ? atoi(argv[3]) : 5;
    double interval = argc > 4 ? atof(argv[4]) : 1000;
    if (idle < 0 || busy < 0 || nsnap < 1 || nsnap > 1000 || interval <= 0) {
        fprintf(stderr, "usage: bench_top [IDLE [BUSY [SNAPSHOTS [INTERVAL_MS]]]]\n");
        return 2;
    }
    mote_rt *rt;
    mote_pid *pids = malloc((size_t)(idle + busy + 1) * sizeof *pids);
    if (!pids || mote_start(NULL, &rt)) {
        fprintf(stderr, "bench_top: cannot start: %s\n", mote_last_error());
        return 1;
    }
    long ok = spawn_n(rt, &idle_class, idle, pids);
    ok += spawn_n(rt, &busy_class, busy, pids + ok);
    mote_env *env = mote_env_new(rt);
    for (long i = idle; i < ok; i++)
        mote_send(env, pids[i], mote_atom(env, "tick"));
    while (atomic_load(&nstarted) < ok)
        nap_ms(1);
    Source *src;
    if (source_local_new(rt, &src))
        return 1;
    double *build = malloc((size_t)nsnap * sizeof *build), cpu = 0;
    SnapQuery q = {.sort = SNAP_REDS, .limit = 50};
    for (int i = 0; i < nsnap; i++) {
        nap_ms(interval);
        double c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
        Snap s;
        if (source_take(src, &q, &s)) {
            fprintf(stderr, "bench_top: snapshot: %s\n", mote_last_error());
            return 1;
        }
        cpu += clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
        build[i] = s.build_ms;
        if (i == nsnap - 1)
            fprintf(stderr, "bench_top: %llu processes, top row %s at %.0f reds/s\n",
                    (unsigned long long)s.nprocs, s.nrows ? s.rows[0].pid_text : "-",
                    s.nrows ? s.rows[0].reds_per_sec : 0);
        snap_release(&s);
    }
    qsort(build, (size_t)nsnap, sizeof *build, cmp_double);
    result("processes", (double)ok, "procs");
    result("snapshot_build_ms_median", build[nsnap / 2], "ms");
    result("snapshot_build_ms_max", build[nsnap - 1], "ms");
    result("observer_cpu_pct", 100.0 * cpu / nsnap / interval, "%");
    source_destroy(src);
    mote_env_free(env);
    free(build);
    free(pids);
    fflush(stdout);
    _exit(0); /* tearing down a million processes is not what is measured */
}
