/* bench_core.c — mote's side of the peer benchmarks, on native processes.
 *
 * usage: bench_core <workload> <args...>   (the same workloads and
 * arguments as ../shared/peers/bench.erl and bench.go)
 *   spawn    N           N idle processes; time, bytes/proc, teardown; twice
 *   ring     N M         N processes in a ring, the token goes M times round
 *   skynet   Size Div R  skynet tree, R rounds (first cold, min of rest warm)
 *   pingpong RTs         two processes bounce a message RTs times
 *   fanout   Subs Msgs   one publisher sends Msgs messages to each of Subs
 *   fairness DurMs Busy  timed ping-pong while Busy processes stay runnable
 * Each figure is printed as the peers print theirs:
 *   RESULT peer=mote workload=W metric=M value=V unit=U
 * Only mote.h is used, as any host would. The host thread cannot receive
 * messages, so each workload ends in a native process that records the
 * finishing time and exits; the host waits for that exit. Where the peers
 * spawn from their main process (ring, ping-pong, fan-out subscribers),
 * mote spawns from a process too (run_in_process), so placement starts
 * out the same. BENCH_SCHEDULERS sets the scheduler count (default: one
 * per core).
 */
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mote.h"

#define MAX_SAMPLES 8000000

static mote_rt *rt;
static mote_env *host_env; /* the host's heap for the messages it sends */

/* ---- helpers ----------------------------------------------------------- */

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void result(const char *w, const char *metric, double v, const char *unit)
{
    printf("RESULT peer=mote workload=%s metric=%s value=%.3f unit=%s\n", w, metric, v, unit);
    fflush(stdout);
}

/* A failed API call ends the benchmark with the runtime's own message. */
static void check(int rc, const char *what)
{
    if (rc < 0) {
        fprintf(stderr, "bench_core: %s: %s (%s)\n", what, mote_strerror(rc), mote_last_error());
        exit(1);
    }
}

static long rss_bytes(void)
{
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    return rss * sysconf(_SC_PAGESIZE);
}

static mote_rt_stats *stats_now(void)
{
    static mote_rt_stats st; /* large (per-scheduler arrays): keep off the stack */
    check(mote_rt_stats_get(rt, &st), "mote_rt_stats_get");
    return &st;
}

/* Waits until at most `target` processes are alive. */
static void wait_count(uint64_t target)
{
    while (stats_now()->process_count > target)
        usleep(100);
}

static void wait_atomic(atomic_long *v, long target)
{
    while (atomic_load(v) < target)
        sched_yield();
}

static void spawn_or_die(mote_proc *parent, const mote_proc_class *cls, void *arg, mote_pid *out)
{
    check(mote_spawn(rt, parent, cls, arg, NULL, out), "mote_spawn");
}

static void send_or_die(mote_env *env, mote_pid to, mote_term msg)
{
    check(mote_send(env, to, msg), "mote_send");
}

/* Waits for pid to exit. MOTE_ENOPROC means it exited before the wait
 * began, which is as good. */
static void wait_or_die(mote_pid pid)
{
    char reason[128];
    int rc = mote_wait_exit(rt, pid, -1, reason, sizeof reason);
    if (rc != MOTE_ENOPROC)
        check(rc, "mote_wait_exit");
}

/* ---- spawning from a process ---------------------------------------------
 * The peers spawn their workloads from a process (Erlang's main, a
 * goroutine), which puts the children on that process's scheduler at
 * first. run_in_process does the same for mote: fn runs inside the init
 * of a one-shot process, so mote_spawn gets that process as the parent. */

typedef struct InProc {
    void (*fn)(mote_proc *self, void *ctx);
    void *ctx;
    atomic_bool done;
} InProc;

static int inproc_init(mote_proc *self, void **state)
{
    InProc *ip = *state;
    ip->fn(self, ip->ctx);
    atomic_store_explicit(&ip->done, true, memory_order_release);
    return MOTE_STOP;
}

static const mote_proc_class inproc_class = {.name = "main", .init = inproc_init};

static void run_in_process(void (*fn)(mote_proc *self, void *ctx), void *ctx)
{
    InProc ip = {.fn = fn, .ctx = ctx};
    mote_pid pid;
    spawn_or_die(NULL, &inproc_class, &ip, &pid);
    while (!atomic_load_explicit(&ip.done, memory_order_acquire))
        sched_yield();
}

/* ---- latch: counts messages down to zero, notes the time, exits -------- */

typedef struct Latch {
    long left;          /* messages still expected */
    int64_t last_value; /* the integer in the last message, if any */
    uint64_t done_ns;   /* when the count reached zero */
} Latch;

static int latch_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self;
    Latch *l = state;
    mote_get_int(msg, &l->last_value);
    if (--l->left > 0)
        return MOTE_OK;
    l->done_ns = now_ns();
    return MOTE_STOP;
}

static const mote_proc_class latch_class = {.name = "latch", .handle = latch_handle};

/* ---- spawn ------------------------------------------------------------- */

static atomic_long nstarted;

static int idle_init(mote_proc *self, void **state)
{
    (void)self, (void)state;
    atomic_fetch_add_explicit(&nstarted, 1, memory_order_relaxed);
    return MOTE_OK;
}

static int idle_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self, (void)state, (void)msg;
    return MOTE_STOP; /* any message, :stop in practice, ends it */
}

static const mote_proc_class idle_class = {
    .name = "idle", .init = idle_init, .handle = idle_handle};

typedef struct SpawnRound {
    double call_ns, idle_ns, teardown_ns;
    double mem_total, mem_processes, mem_rss; /* bytes per process */
} SpawnRound;

static SpawnRound spawn_round(mote_pid *pids, long n)
{
    SpawnRound r;
    uint64_t base = stats_now()->process_count;
    mote_rt_stats st0 = *stats_now();
    long rss0 = rss_bytes();
    atomic_store(&nstarted, 0);
    uint64_t t0 = now_ns();
    for (long i = 0; i < n; i++)
        spawn_or_die(NULL, &idle_class, NULL, &pids[i]);
    uint64_t t1 = now_ns();
    wait_atomic(&nstarted, n); /* every process has run its init */
    uint64_t t2 = now_ns();
    mote_rt_stats *st1 = stats_now();
    r.mem_total = ((double)st1->mem_total - (double)st0.mem_total) / (double)n;
    r.mem_processes = ((double)st1->mem_processes - (double)st0.mem_processes) / (double)n;
    r.mem_rss = (double)(rss_bytes() - rss0) / (double)n;
    mote_term stop = mote_atom(host_env, "stop");
    uint64_t t3 = now_ns();
    for (long i = 0; i < n; i++)
        send_or_die(host_env, pids[i], stop);
    wait_count(base);
    uint64_t t4 = now_ns();
    mote_env_clear(host_env);
    r.call_ns = (double)(t1 - t0);
    r.idle_ns = (double)(t2 - t0);
    r.teardown_ns = (double)(t4 - t3);
    return r;
}

static void bench_spawn(long n)
{
    char w[32];
    snprintf(w, sizeof w, "spawn_%ld", n);
    mote_pid *pids = malloc(sizeof *pids * (size_t)n); /* before the baseline */
    if (!pids)
        exit(1);
    SpawnRound a = spawn_round(pids, n);
    result(w, "spawn_call_time", a.call_ns / 1e6, "ms");
    result(w, "spawn_until_idle_time", a.idle_ns / 1e6, "ms");
    result(w, "spawn_rate", (double)n / (a.idle_ns / 1e9), "procs/s");
    result(w, "teardown_time", a.teardown_ns / 1e6, "ms");
    result(w, "mem_total_delta", a.mem_total, "bytes/proc");
    result(w, "mem_processes_delta", a.mem_processes, "bytes/proc");
    result(w, "mem_rss_delta", a.mem_rss, "bytes/proc");
    SpawnRound b = spawn_round(pids, n);
    result(w, "spawn_until_idle_time_warm", b.idle_ns / 1e6, "ms");
    result(w, "spawn_rate_warm", (double)n / (b.idle_ns / 1e9), "procs/s");
    result(w, "teardown_time_warm", b.teardown_ns / 1e6, "ms");
    free(pids);
}

/* ---- ring -------------------------------------------------------------- */

typedef struct Relay {
    mote_pid next; /* set by the host before the token starts */
    mote_pid done; /* the latch told when the count reaches 0 */
} Relay;

/* The token is an integer counting the hops left. */
static int relay_handle(mote_proc *self, void *state, mote_term msg)
{
    Relay *r = state;
    int64_t k;
    if (mote_get_int(msg, &k) != MOTE_OK)
        return MOTE_STOP; /* :stop */
    mote_env *env = mote_env_of(self);
    if (k == 0)
        return mote_send(env, r->done, mote_int(env, 0));
    return mote_send(env, r->next, mote_int(env, k - 1));
}

static const mote_proc_class relay_class = {
    .name = "relay", .init = idle_init, .handle = relay_handle};

typedef struct RingSetup {
    Relay *relays;
    mote_pid *pids;
    long n;
} RingSetup;

static void ring_spawn(mote_proc *self, void *ctx)
{
    RingSetup *rs = ctx;
    for (long i = 0; i < rs->n; i++)
        spawn_or_die(self, &relay_class, &rs->relays[i], &rs->pids[i]);
}

static void bench_ring(long n, long m)
{
    long hops = n * m;
    Relay *relays = calloc((size_t)n, sizeof *relays);
    mote_pid *pids = calloc((size_t)n, sizeof *pids);
    Latch latch = {.left = 1};
    mote_pid done;
    if (!relays || !pids)
        exit(1);
    spawn_or_die(NULL, &latch_class, &latch, &done);
    atomic_store(&nstarted, 0);
    for (long i = 0; i < n; i++)
        relays[i].done = done;
    RingSetup rs = {relays, pids, n};
    run_in_process(ring_spawn, &rs);
    /* The fields are written before the first message, and a send orders
     * them before the receiver's callback. */
    for (long i = 0; i < n; i++)
        relays[i].next = pids[(i + 1) % n];
    wait_atomic(&nstarted, n);
    uint64_t t0 = now_ns();
    send_or_die(host_env, pids[0], mote_int(host_env, hops));
    wait_or_die(done);
    double ns = (double)(latch.done_ns - t0);
    result("ring", "hops_per_s", (double)hops / (ns / 1e9), "hops/s");
    result("ring", "ns_per_hop", ns / (double)hops, "ns");
    result("ring", "wall_time", ns / 1e6, "ms");
    for (long i = 0; i < n; i++)
        send_or_die(host_env, pids[i], mote_atom(host_env, "stop"));
    wait_count(0);
    mote_env_clear(host_env);
    free(relays);
    free(pids);
}

/* ---- skynet ------------------------------------------------------------ */

typedef struct Sky {
    mote_pid parent;
    long num, size;
    long left; /* children still to report */
    int64_t sum;
} Sky;

/* Every node of every round comes from one array, handed out by an atomic
 * index, so the benchmark measures mote rather than malloc. */
static Sky *sky_pool;
static atomic_long sky_next;
static long sky_div;

static const mote_proc_class sky_class;

static int sky_init(mote_proc *self, void **state)
{
    Sky *s = *state;
    mote_env *env = mote_env_of(self);
    if (s->size == 1)
        return mote_send(env, s->parent, mote_int(env, s->num)) ?: MOTE_STOP;
    long sub = s->size / sky_div;
    s->left = sky_div;
    for (long i = 0; i < sky_div; i++) {
        Sky *c = &sky_pool[atomic_fetch_add_explicit(&sky_next, 1, memory_order_relaxed)];
        *c = (Sky){.parent = mote_self(self), .num = s->num + i * sub, .size = sub};
        mote_pid pid;
        int rc = mote_spawn(mote_rt_of(self), self, &sky_class, c, NULL, &pid);
        if (rc < 0)
            return rc;
    }
    return MOTE_OK;
}

static int sky_handle(mote_proc *self, void *state, mote_term msg)
{
    Sky *s = state;
    int64_t v = 0;
    mote_get_int(msg, &v);
    s->sum += v;
    if (--s->left > 0)
        return MOTE_OK;
    mote_env *env = mote_env_of(self);
    return mote_send(env, s->parent, mote_int(env, s->sum)) ?: MOTE_STOP;
}

static const mote_proc_class sky_class = {.name = "skynet", .init = sky_init, .handle = sky_handle};

static long sky_nodes(long size, long div)
{
    long total = 0;
    for (long level = size; level >= 1; level /= div) {
        total += level;
        if (level == 1 || div < 2)
            break;
    }
    return total;
}

static double skynet_round(long size)
{
    Latch latch = {.left = 1};
    mote_pid done, root;
    atomic_store(&sky_next, 1);
    sky_pool[0] = (Sky){.num = 0, .size = size};
    spawn_or_die(NULL, &latch_class, &latch, &done);
    sky_pool[0].parent = done;
    uint64_t t0 = now_ns();
    spawn_or_die(NULL, &sky_class, &sky_pool[0], &root);
    wait_or_die(done);
    double ns = (double)(latch.done_ns - t0);
    if (latch.last_value != (int64_t)size * (size - 1) / 2) {
        fprintf(stderr, "bench_core: skynet sum %lld, expected %lld\n", (long long)latch.last_value,
                (long long)size * (size - 1) / 2);
        exit(1);
    }
    wait_count(0);
    return ns;
}

static void bench_skynet(long size, long div, long rounds)
{
    sky_div = div;
    sky_pool = calloc((size_t)sky_nodes(size, div) + 1, sizeof *sky_pool);
    if (!sky_pool)
        exit(1);
    result("skynet", "wall_time", skynet_round(size) / 1e6, "ms");
    double best = -1;
    for (long r = 1; r < rounds; r++) {
        double t = skynet_round(size);
        if (best < 0 || t < best)
            best = t;
    }
    if (best >= 0)
        result("skynet", "wall_time_warm", best / 1e6, "ms");
    free(sky_pool);
}

/* ---- ping-pong (plain and timed) --------------------------------------- */

/* pong: {:ping, from} -> :pong to from; anything else stops it. */
static int pong_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    size_t n;
    const mote_term *el;
    mote_pid from;
    if (mote_get_tuple(msg, &n, &el) != MOTE_OK || n != 2 || mote_get_pid(el[1], &from) != MOTE_OK)
        return MOTE_STOP;
    mote_env *env = mote_env_of(self);
    return mote_send(env, from, mote_atom(env, "pong"));
}

static const mote_proc_class pong_class = {.name = "pong", .handle = pong_handle};

typedef struct Pinger {
    mote_pid pong;
    long left;            /* round trips still to do (plain mode) */
    uint64_t deadline_ns; /* timed mode: stop at this time; 0 = plain */
    uint64_t t0, t_last, t_end;
    uint64_t *samples; /* timed mode: one latency per round trip */
    long nsamples;
} Pinger;

static int ping_once(mote_proc *self, Pinger *p)
{
    mote_env *env = mote_env_of(self);
    mote_term el[2] = {mote_atom(env, "ping"), mote_pid_term(mote_self(self))};
    p->t_last = now_ns();
    return mote_send(env, p->pong, mote_tuple(env, 2, el));
}

/* The pinger spawns its pong, so both start on the same scheduler, as
 * when Erlang's main spawns both. */
static int pinger_init(mote_proc *self, void **state)
{
    Pinger *p = *state;
    int rc = mote_spawn(mote_rt_of(self), self, &pong_class, NULL, NULL, &p->pong);
    if (rc < 0)
        return rc;
    p->t0 = now_ns();
    return ping_once(self, p);
}

static int pinger_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)msg;
    Pinger *p = state;
    uint64_t t = now_ns();
    if (p->deadline_ns == 0) {
        if (--p->left > 0)
            return ping_once(self, p);
    } else {
        p->samples[p->nsamples++] = t - p->t_last;
        if (t < p->deadline_ns && p->nsamples < MAX_SAMPLES)
            return ping_once(self, p);
    }
    p->t_end = now_ns();
    return MOTE_STOP;
}

static const mote_proc_class pinger_class = {
    .name = "pinger", .init = pinger_init, .handle = pinger_handle};

static void stop_pong(mote_pid pong)
{
    send_or_die(host_env, pong, mote_atom(host_env, "stop"));
    mote_env_clear(host_env);
}

static void bench_pingpong(long rts)
{
    Pinger p = {.left = rts};
    mote_pid pinger;
    spawn_or_die(NULL, &pinger_class, &p, &pinger);
    wait_or_die(pinger);
    stop_pong(p.pong);
    double ns = (double)(p.t_end - p.t0);
    result("pingpong", "ns_per_roundtrip", ns / (double)rts, "ns");
    result("pingpong", "roundtrips_per_s", (double)rts / (ns / 1e9), "rt/s");
}

/* ---- fairness ---------------------------------------------------------- */

/* busy: always runnable, by sending itself a message each time it runs,
 * so every scheduler has something to run besides the pinger. It does no
 * other work, like Erlang's spin/1 (one reduction per call): one message
 * is one reduction, and the budget decides when it must yield. */
static int busy_step(mote_proc *self)
{
    mote_env *env = mote_env_of(self);
    return mote_send(env, mote_self(self), mote_atom(env, "spin"));
}

static int busy_init(mote_proc *self, void **state)
{
    (void)state;
    return busy_step(self);
}

static int busy_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state, (void)msg;
    return busy_step(self);
}

static const mote_proc_class busy_class = {
    .name = "busy", .init = busy_init, .handle = busy_handle};

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Erlang's pick: element round(p * n), 1-based, clamped. */
static double pct(const uint64_t *sorted, long n, double p)
{
    long i = (long)(p * (double)n + 0.5);
    if (i < 1)
        i = 1;
    if (i > n)
        i = n;
    return (double)sorted[i - 1];
}

static void fairness_report(long busy, const Pinger *p)
{
    char w[32];
    long n = p->nsamples;
    snprintf(w, sizeof w, "fairness_busy%ld", busy);
    qsort(p->samples, (size_t)n, sizeof *p->samples, cmp_u64);
    result(w, "roundtrips", (double)n, "rt");
    result(w, "mean_ns_per_roundtrip", (double)(p->t_end - p->t0) / (double)n, "ns");
    result(w, "p50_ns", pct(p->samples, n, 0.50), "ns");
    result(w, "p99_ns", pct(p->samples, n, 0.99), "ns");
    result(w, "p999_ns", pct(p->samples, n, 0.999), "ns");
    result(w, "max_ns", (double)p->samples[n - 1], "ns");
}

static void bench_fairness(long dur_ms, long busy)
{
    mote_pid *spinners = calloc((size_t)busy + 1, sizeof *spinners);
    Pinger p = {.samples = malloc(sizeof(uint64_t) * MAX_SAMPLES)};
    mote_pid pinger;
    if (!spinners || !p.samples)
        exit(1);
    for (long i = 0; i < busy; i++)
        spawn_or_die(NULL, &busy_class, NULL, &spinners[i]);
    usleep(200 * 1000); /* let the spinners spread over the schedulers */
    p.deadline_ns = now_ns() + (uint64_t)dur_ms * 1000000u;
    spawn_or_die(NULL, &pinger_class, &p, &pinger);
    wait_or_die(pinger);
    stop_pong(p.pong);
    for (long i = 0; i < busy; i++)
        check(mote_exit(host_env, spinners[i], mote_atom(host_env, "kill")), "mote_exit");
    mote_env_clear(host_env);
    if (p.nsamples > 0)
        fairness_report(busy, &p);
    free(p.samples);
    free(spinners);
}

/* ---- fan-out ----------------------------------------------------------- */

typedef struct Sub {
    long left;     /* messages still expected */
    mote_pid done; /* latch told when all have arrived */
} Sub;

static int sub_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)msg;
    Sub *s = state;
    if (--s->left > 0)
        return MOTE_OK;
    mote_env *env = mote_env_of(self);
    return mote_send(env, s->done, mote_atom(env, "sub_done")) ?: MOTE_STOP;
}

static const mote_proc_class sub_class = {.name = "sub", .init = idle_init, .handle = sub_handle};

typedef struct Pub {
    const mote_pid *subs;
    long nsubs, left; /* rounds still to send */
} Pub;

/* One round per callback: {:msg, k} to every subscriber, then a note to
 * itself for the next round, so the publisher never hogs its scheduler. */
static int pub_round(mote_proc *self, Pub *p)
{
    mote_env *env = mote_env_of(self);
    if (p->left == 0)
        return MOTE_STOP;
    mote_term el[2] = {mote_atom(env, "msg"), mote_int(env, p->left--)};
    mote_term msg = mote_tuple(env, 2, el);
    for (long i = 0; i < p->nsubs; i++) {
        int rc = mote_send(env, p->subs[i], msg);
        if (rc < 0)
            return rc;
    }
    return mote_send(env, mote_self(self), mote_atom(env, "next"));
}

static int pub_init(mote_proc *self, void **state)
{
    return pub_round(self, *state);
}

static int pub_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)msg;
    return pub_round(self, state);
}

static const mote_proc_class pub_class = {
    .name = "publisher", .init = pub_init, .handle = pub_handle};

typedef struct FanSetup {
    Sub *subs;
    mote_pid *pids;
    long n;
} FanSetup;

static void fanout_spawn(mote_proc *self, void *ctx)
{
    FanSetup *fs = ctx;
    for (long i = 0; i < fs->n; i++)
        spawn_or_die(self, &sub_class, &fs->subs[i], &fs->pids[i]);
}

static void bench_fanout(long nsubs, long nmsgs)
{
    Sub *subs = calloc((size_t)nsubs, sizeof *subs);
    mote_pid *pids = calloc((size_t)nsubs, sizeof *pids);
    Latch latch = {.left = nsubs};
    Pub pub = {.subs = pids, .nsubs = nsubs, .left = nmsgs};
    mote_pid done, publisher;
    if (!subs || !pids)
        exit(1);
    spawn_or_die(NULL, &latch_class, &latch, &done);
    atomic_store(&nstarted, 0);
    for (long i = 0; i < nsubs; i++)
        subs[i] = (Sub){.left = nmsgs, .done = done};
    FanSetup fs = {subs, pids, nsubs};
    run_in_process(fanout_spawn, &fs);
    wait_atomic(&nstarted, nsubs);
    uint64_t t0 = now_ns();
    spawn_or_die(NULL, &pub_class, &pub, &publisher);
    wait_or_die(done);
    double ns = (double)(latch.done_ns - t0);
    result("fanout", "deliveries_per_s", (double)(nsubs * nmsgs) / (ns / 1e9), "msgs/s");
    result("fanout", "wall_time", ns / 1e6, "ms");
    wait_count(0);
    free(subs);
    free(pids);
}

/* ---- main -------------------------------------------------------------- */

static long arg(int argc, char **argv, int i)
{
    if (i >= argc) {
        fprintf(stderr, "bench_core: %s needs more arguments (see the header of bench_core.c)\n",
                argv[1]);
        exit(2);
    }
    char *end;
    long v = strtol(argv[i], &end, 10);
    if (*end || v <= 0) {
        fprintf(stderr, "bench_core: '%s' is not a positive integer\n", argv[i]);
        exit(2);
    }
    return v;
}

static int run(int argc, char **argv)
{
    const char *w = argv[1];
    if (!strcmp(w, "spawn"))
        bench_spawn(arg(argc, argv, 2));
    else if (!strcmp(w, "ring"))
        bench_ring(arg(argc, argv, 2), arg(argc, argv, 3));
    else if (!strcmp(w, "skynet"))
        bench_skynet(arg(argc, argv, 2), arg(argc, argv, 3), arg(argc, argv, 4));
    else if (!strcmp(w, "pingpong"))
        bench_pingpong(arg(argc, argv, 2));
    else if (!strcmp(w, "fanout"))
        bench_fanout(arg(argc, argv, 2), arg(argc, argv, 3));
    else if (!strcmp(w, "fairness"))
        bench_fairness(arg(argc, argv, 2), arg(argc, argv, 3));
    else {
        fprintf(stderr, "bench_core: unknown workload '%s'\n", w);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_core spawn|ring|skynet|pingpong|fanout|fairness args...\n");
        return 2;
    }
    mote_config cfg;
    mote_config_init(&cfg);
    const char *s = getenv("BENCH_SCHEDULERS");
    if (s)
        cfg.schedulers = (unsigned)atoi(s);
    check(mote_start(&cfg, &rt), "mote_start");
    host_env = mote_env_new(rt);
    if (!host_env)
        check(MOTE_ENOMEM, "mote_env_new");
    int rc = run(argc, argv);
    mote_env_free(host_env);
    check(mote_stop(rt), "mote_stop");
    return rc;
}
