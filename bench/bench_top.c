/* bench_top.c — what observing costs: snapshots of a runtime with many
 * idle processes and some busy ones, taken as `mote top` takes them.
 *
 * usage: bench_top [IDLE [BUSY [SNAPSHOTS [INTERVAL_MS]]]]
 *        (defaults 1000000 1000 5 1000)
 * Prints, as the other benchmarks do:
 *   RESULT peer=mote workload=top metric=M value=V unit=U
 * snapshot_build_ms: wall time to build one snapshot (top 50 by reds),
 * the median and the worst; observer_cpu_ms: CPU time of one snapshot
 * (thread CPU clock of the observing thread), the median and the first
 * (which also pays the page faults of the handle's per-slot array);
 * observer_cpu_pct: that CPU time as a share of one core over the
 * interval, over all snapshots and over all but the first (the cost of
 * a refresh that keeps running) — the budget is 2% at 1 Hz and
 * 50 ms per snapshot. The observing thread is a host thread: its reads
 * never stop a scheduler, so the observed runtime pays only in shared
 * cache and memory bandwidth, which this figure bounds from above. On
 * stderr, one line per snapshot: wall, CPU, system CPU, page faults.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
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

static double tv_ms(struct timeval tv)
{
    return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

/* Takes snapshot i as mote top does; *wall_ms is its build time and
 * *cpu_ms the observing thread's CPU time for it. Returns 0, or 1 with a
 * message. */
static int take(Source *src, int i, bool last, double *wall_ms, double *cpu_ms)
{
    SnapQuery q = {.sort = SNAP_REDS, .limit = 50};
    struct rusage r0, r1;
    getrusage(RUSAGE_THREAD, &r0);
    double c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
    Snap s;
    if (source_take(src, &q, &s)) {
        fprintf(stderr, "bench_top: snapshot: %s\n", mote_last_error());
        return 1;
    }
    *cpu_ms = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
    *wall_ms = s.build_ms;
    getrusage(RUSAGE_THREAD, &r1);
    fprintf(stderr, "bench_top: snapshot %d: %.1f ms wall, %.1f ms CPU (%.1f ms system, %ld page faults)\n",
            i + 1, *wall_ms, *cpu_ms, tv_ms(r1.ru_stime) - tv_ms(r0.ru_stime),
            r1.ru_minflt - r0.ru_minflt);
    if (last)
        fprintf(stderr, "bench_top: %llu processes, top row %s at %.0f reds/s\n",
                (unsigned long long)s.nprocs, s.nrows ? s.rows[0].pid_text : "-",
                s.nrows ? s.rows[0].reds_per_sec : 0);
    snap_release(&s);
    return 0;
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
    double *build = malloc((size_t)nsnap * sizeof *build);
    double *cpu = malloc((size_t)nsnap * sizeof *cpu);
    if (!build || !cpu)
        return 1;
    for (int i = 0; i < nsnap; i++) {
        nap_ms(interval);
        if (take(src, i, i == nsnap - 1, &build[i], &cpu[i]))
            return 1;
    }
    double first = cpu[0], total = 0;
    for (int i = 0; i < nsnap; i++)
        total += cpu[i];
    qsort(build, (size_t)nsnap, sizeof *build, cmp_double);
    qsort(cpu, (size_t)nsnap, sizeof *cpu, cmp_double);
    result("processes", (double)ok, "procs");
    result("snapshot_build_ms_median", build[nsnap / 2], "ms");
    result("snapshot_build_ms_max", build[nsnap - 1], "ms");
    result("observer_cpu_ms_median", cpu[nsnap / 2], "ms");
    result("observer_cpu_ms_first", first, "ms");
    result("observer_cpu_pct", 100.0 * total / nsnap / interval, "%");
    if (nsnap > 1)
        result("observer_cpu_pct_steady", 100.0 * (total - first) / (nsnap - 1) / interval, "%");
    free(cpu);
    source_destroy(src);
    mote_env_free(env);
    free(build);
    free(pids);
    fflush(stdout);
    _exit(0); /* tearing down a million processes is not what is measured */
}
