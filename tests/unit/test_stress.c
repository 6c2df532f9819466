/* test_stress.c — many processes and many threads at once. Sizes scale
 * with MOTE_STRESS_SCALE (default 1; e.g. 0.05 under TSan). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "sched_test.h"

#include "mem.h"
#include "node.h"

static double scale(void)
{
    const char *s = getenv("MOTE_STRESS_SCALE");
    double f = s != NULL ? atof(s) : 1.0;
    return f > 0 ? f : 1.0;
}

static size_t scaled(size_t n)
{
    size_t v = (size_t)((double)n * scale());
    return v > 0 ? v : 1;
}

static _Atomic uint64_t exits;

static int once_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self;
    (void)state;
    (void)msg;
    return MOTE_STOP;
}

static void count_exit(mote_proc *self, void *state, mote_term reason)
{
    (void)self;
    (void)state;
    (void)reason;
    atomic_fetch_add(&exits, 1);
}

static const mote_proc_class once_class = {
    .name = "once", .handle = once_handle, .terminate = count_exit,
};

static void million_processes_spawn_and_exit(void **state)
{
    mote_rt *rt = *state;
    Node *n = node_of_rt(rt);
    size_t total = scaled(1000000);
    atomic_store(&exits, 0);
    mote_env *env = mote_env_new(rt);
    mote_term go = mote_atom(env, "go");
    for (size_t i = 0; i < total; i++) {
        mote_pid pid;
        assert_int_equal(mote_spawn(rt, NULL, &once_class, NULL, NULL, &pid), 0);
        assert_int_equal(mote_send(env, pid, go), 0);
        /* Keep the live set bounded so memory stays sane. */
        while (atomic_load(&n->nprocs) > 100000)
            sleep_ms(1);
    }
    WAIT_FOR(atomic_load(&exits) == total);
    WAIT_FOR(atomic_load(&n->nprocs) == 0);
    mote_env_free(env);
    print_message("%zu processes spawned and exited\n", total);
}

/* A tree: each node spawns `fanout` children until depth 0; every process
 * exits after spawning, and leaves count themselves. Spawns come from
 * scheduler threads, so they use the per-scheduler free lists. */
static _Atomic uint64_t leaves;

static int tree_init(mote_proc *self, void **state);
static const mote_proc_class tree_class = {.name = "tree", .init = tree_init};

static int tree_init(mote_proc *self, void **state)
{
    uintptr_t depth = (uintptr_t)*state;
    if (depth == 0) {
        atomic_fetch_add(&leaves, 1);
        return MOTE_STOP;
    }
    for (int i = 0; i < 4; i++) {
        mote_pid pid;
        int rc = mote_spawn(mote_rt_of(self), self, &tree_class, (void *)(depth - 1), NULL, &pid);
        if (rc != 0)
            return rc;
    }
    return MOTE_STOP;
}

static void process_tree_spawns_from_schedulers(void **state)
{
    mote_rt *rt = *state;
    Node *n = node_of_rt(rt);
    uintptr_t depth = scale() >= 1 ? 8 : 5; /* 4^8 = 65536 leaves */
    uint64_t want = 1;
    for (uintptr_t i = 0; i < depth; i++)
        want *= 4;
    atomic_store(&leaves, 0);
    mote_pid root;
    assert_int_equal(mote_spawn(rt, NULL, &tree_class, (void *)depth, NULL, &root), 0);
    WAIT_FOR(atomic_load(&leaves) == want);
    WAIT_FOR(atomic_load(&n->nprocs) == 0);
}

#define NRECV 8
#define NTHREADS 4
static _Atomic uint64_t received[NRECV];
static _Atomic int64_t last_seen[NRECV][NTHREADS];
static _Atomic int order_broken;

/* Messages are thread * 2^32 + seq: per sender, seq must grow. */
static int sink_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self;
    size_t me = (size_t)(uintptr_t)state;
    int64_t v;
    if (mote_get_int(msg, &v) != MOTE_OK)
        return MOTE_EBADARG;
    int64_t th = v >> 32, seq = v & 0xffffffff;
    if (seq <= atomic_load(&last_seen[me][th]))
        atomic_store(&order_broken, 1);
    atomic_store(&last_seen[me][th], seq);
    atomic_fetch_add(&received[me], 1);
    return MOTE_OK;
}

static const mote_proc_class sink_class = {.name = "sink", .handle = sink_handle};

typedef struct {
    mote_rt *rt;
    mote_pid *sinks;
    int id;
    size_t per_sink;
} Blaster;

static void *blast(void *arg)
{
    Blaster *b = arg;
    mote_env *env = mote_env_new(b->rt);
    for (size_t i = 1; i <= b->per_sink; i++) {
        for (size_t s = 0; s < NRECV; s++) {
            int64_t v = ((int64_t)b->id << 32) | (int64_t)i;
            if (mote_send(env, b->sinks[s], mote_int(env, v)) != 0)
                atomic_store(&order_broken, 1);
        }
        if (i % 256 == 0)
            mote_env_clear(env);
    }
    mote_env_free(env);
    return NULL;
}

static void concurrent_senders_keep_order_per_sender(void **state)
{
    mote_rt *rt = *state;
    size_t per = scaled(20000);
    mote_pid sinks[NRECV];
    for (size_t s = 0; s < NRECV; s++) {
        atomic_store(&received[s], 0);
        for (int t = 0; t < NTHREADS; t++)
            atomic_store(&last_seen[s][t], 0);
        assert_int_equal(mote_spawn(rt, NULL, &sink_class, (void *)(uintptr_t)s, NULL, &sinks[s]),
                         0);
    }
    pthread_t th[NTHREADS];
    Blaster b[NTHREADS];
    for (int t = 0; t < NTHREADS; t++) {
        b[t] = (Blaster){rt, sinks, t, per};
        assert_int_equal(pthread_create(&th[t], NULL, blast, &b[t]), 0);
    }
    for (int t = 0; t < NTHREADS; t++)
        pthread_join(th[t], NULL);
    for (size_t s = 0; s < NRECV; s++)
        WAIT_FOR(atomic_load(&received[s]) == per * NTHREADS);
    assert_false(atomic_load(&order_broken));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(million_processes_spawn_and_exit, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(process_tree_spawns_from_schedulers, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(concurrent_senders_keep_order_per_sender, rt_setup,
                                        rt_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
