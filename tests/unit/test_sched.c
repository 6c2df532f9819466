/* test_sched.c — schedulers: parking with no CPU, fairness between a
 * self-feeding process and others, stealing, reductions, ping-pong. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sched_test.h"

#include "node.h"
#include "proc.h"
#include "scheduler.h"

static Rec rec_a;

static uint64_t sum_parks(Node *n)
{
    uint64_t s = 0;
    for (unsigned i = 0; i < n->nsched; i++)
        s += atomic_load(&n->scheds[i].parks);
    return s;
}

static uint64_t sum_busy(Node *n)
{
    uint64_t s = 0;
    for (unsigned i = 0; i < n->nsched; i++)
        s += atomic_load(&n->scheds[i].busy_ns);
    return s;
}

static void idle_schedulers_sleep_and_stay_asleep(void **state)
{
    mote_rt *rt = *state;
    Node *n = node_of_rt(rt);
    rec_reset(&rec_a);
    assert_int_equal(mote_spawn(rt, NULL, &rec_class, &rec_a, NULL, &rec_a.pid), 0);
    for (int i = 0; i < 100; i++)
        assert_int_equal(send_int(rt, rec_a.pid, i), 0);
    WAIT_FOR(atomic_load(&rec_a.n) == 100);
    WAIT_FOR(atomic_load(&n->nparked) == n->nsched);
    uint64_t parks = sum_parks(n), busy = sum_busy(n);
    sleep_ms(100);
    /* Nothing to do and no timer armed: nobody woke, nothing ran. */
    assert_int_equal(atomic_load(&n->nparked), n->nsched);
    assert_int_equal(sum_parks(n), parks);
    assert_int_equal(sum_busy(n), busy);
    /* And a message still wakes the right one. */
    assert_int_equal(send_int(rt, rec_a.pid, 100), 0);
    WAIT_FOR(atomic_load(&rec_a.n) == 101);
}

static _Atomic int spin_stop;
static _Atomic uint64_t spin_count;

/* Sends itself a message for every message it gets: it always has work. */
static int spinner_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    atomic_fetch_add(&spin_count, 1);
    if (atomic_load(&spin_stop))
        return MOTE_STOP;
    return mote_send(mote_env_of(self), mote_self(self), msg);
}

static const mote_proc_class spinner_class = {.name = "spinner", .handle = spinner_handle};

static void self_feeding_process_does_not_starve_others(void **state)
{
    mote_rt *rt = *state; /* one scheduler */
    atomic_store(&spin_stop, 0);
    mote_pid spin;
    assert_int_equal(mote_spawn(rt, NULL, &spinner_class, NULL, NULL, &spin), 0);
    assert_int_equal(send_int(rt, spin, 0), 0);
    WAIT_FOR(atomic_load(&spin_count) > 10000);
    rec_reset(&rec_a);
    assert_int_equal(mote_spawn(rt, NULL, &rec_class, &rec_a, NULL, &rec_a.pid), 0);
    assert_int_equal(send_int(rt, rec_a.pid, 42), 0);
    WAIT_FOR(atomic_load(&rec_a.n) == 1);
    atomic_store(&spin_stop, 1);
    int rc = mote_wait_exit(rt, spin, -1, NULL, 0);
    assert_true(rc == MOTE_OK || rc == MOTE_ENOPROC);
    /* The spinner yielded at its budget many times over. */
    Node *n = node_of_rt(rt);
    assert_true(atomic_load(&n->scheds[0].reductions) >= atomic_load(&spin_count));
}

#define NWORKERS 16
static _Atomic int workers_done;
static _Atomic unsigned sched_mask;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Busy for 3 ms (a long C callback), noting where it ran. */
static int worker_init(mote_proc *self, void **state)
{
    (void)self;
    (void)state;
    atomic_fetch_or(&sched_mask, 1u << sched_current()->index);
    uint64_t until = now_ns() + 3000000u;
    while (now_ns() < until) {
    }
    atomic_fetch_add(&workers_done, 1);
    return MOTE_STOP;
}

static const mote_proc_class worker_class = {.name = "worker", .init = worker_init};

/* Spawns all workers from inside a callback: they land on its own
 * scheduler's queue (locality), so only stealing can spread them. */
static int spawner_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    (void)msg;
    for (int i = 0; i < NWORKERS; i++) {
        mote_pid pid;
        int rc = mote_spawn(mote_rt_of(self), self, &worker_class, NULL, NULL, &pid);
        if (rc != 0)
            return rc;
    }
    return MOTE_STOP;
}

static const mote_proc_class spawner_class = {.name = "spawner", .handle = spawner_handle};

static void idle_scheduler_steals_queued_work(void **state)
{
    mote_rt *rt = *state; /* two schedulers */
    atomic_store(&workers_done, 0);
    atomic_store(&sched_mask, 0);
    mote_pid sp;
    assert_int_equal(mote_spawn(rt, NULL, &spawner_class, NULL, NULL, &sp), 0);
    assert_int_equal(send_int(rt, sp, 0), 0);
    WAIT_FOR(atomic_load(&workers_done) == NWORKERS);
    assert_int_equal(atomic_load(&sched_mask), 3u);
}

static void reductions_are_counted_per_process(void **state)
{
    mote_rt *rt = *state;
    Node *n = node_of_rt(rt);
    rec_reset(&rec_a);
    assert_int_equal(mote_spawn(rt, NULL, &rec_class, &rec_a, NULL, &rec_a.pid), 0);
    for (int i = 0; i < 200; i++)
        assert_int_equal(send_int(rt, rec_a.pid, i), 0);
    WAIT_FOR(atomic_load(&rec_a.n) == 200);
    Proc *p = node_lock_pid(n, rec_a.pid);
    assert_non_null(p);
    uint64_t reds = atomic_load(&p->reductions);
    node_unlock_pid(n, rec_a.pid);
    assert_true(reds >= 200);
}

typedef struct {
    mote_pid partner;
    _Atomic int *done;
} Pong;

static _Atomic int pp_done;
static Pong pong_a, pong_b;

/* Gets n: passes n - 1 to the partner, or stops the game at 0. */
static int pong_handle(mote_proc *self, void *state, mote_term msg)
{
    Pong *pg = state;
    int64_t v;
    if (mote_get_int(msg, &v) != MOTE_OK)
        return MOTE_EBADARG;
    if (v == 0) {
        atomic_store(pg->done, 1);
        return MOTE_OK;
    }
    mote_env *env = mote_env_of(self);
    return mote_send(env, pg->partner, mote_int(env, v - 1));
}

static const mote_proc_class pong_class = {.name = "pong", .handle = pong_handle};

static void ping_pong_passes_every_message(void **state)
{
    mote_rt *rt = *state;
    atomic_store(&pp_done, 0);
    mote_pid a, b;
    pong_a.done = pong_b.done = &pp_done;
    assert_int_equal(mote_spawn(rt, NULL, &pong_class, &pong_a, NULL, &a), 0);
    pong_b.partner = a;
    assert_int_equal(mote_spawn(rt, NULL, &pong_class, &pong_b, NULL, &b), 0);
    /* a learns its partner before the first message can reach it: the
     * game starts with a message to b. */
    pong_a.partner = b;
    Node *n = node_of_rt(rt);
    uint64_t before = 0;
    for (unsigned i = 0; i < n->nsched; i++)
        before += atomic_load(&n->scheds[i].messages);
    assert_int_equal(send_int(rt, b, 100000), 0);
    WAIT_FOR(atomic_load(&pp_done));
    uint64_t after = 0;
    for (unsigned i = 0; i < n->nsched; i++)
        after += atomic_load(&n->scheds[i].messages);
    assert_true(after - before >= 100001);
}

/* The ping-pong pair wakes each other (the `next` slot) while a spinner
 * is always runnable on the only scheduler: neither side may starve. */
static void woken_pair_and_busy_process_share_one_scheduler(void **state)
{
    mote_rt *rt = *state; /* one scheduler */
    atomic_store(&spin_stop, 0);
    atomic_store(&spin_count, 0);
    mote_pid spin;
    assert_int_equal(mote_spawn(rt, NULL, &spinner_class, NULL, NULL, &spin), 0);
    assert_int_equal(send_int(rt, spin, 0), 0);
    WAIT_FOR(atomic_load(&spin_count) > 1000);
    atomic_store(&pp_done, 0);
    mote_pid a, b;
    pong_a.done = pong_b.done = &pp_done;
    assert_int_equal(mote_spawn(rt, NULL, &pong_class, &pong_a, NULL, &a), 0);
    pong_b.partner = a;
    assert_int_equal(mote_spawn(rt, NULL, &pong_class, &pong_b, NULL, &b), 0);
    pong_a.partner = b;
    assert_int_equal(send_int(rt, b, 20000), 0);
    WAIT_FOR(atomic_load(&pp_done));
    uint64_t before = atomic_load(&spin_count);
    WAIT_FOR(atomic_load(&spin_count) > before + 1000); /* and the spinner still runs */
    atomic_store(&spin_stop, 1);
}

static _Atomic int hog_go;
static _Atomic int hog_done_count;
static _Atomic int snap_value;

static void busy_wait_ms(int ms)
{
    uint64_t until = now_ns() + (uint64_t)ms * 1000000u;
    while (now_ns() < until) {
    }
}

/* Holds the only scheduler in init until the test has queued its work. */
static int hog_init(mote_proc *self, void **state)
{
    (void)self;
    (void)state;
    while (!atomic_load(&hog_go))
        sched_yield();
    return MOTE_OK;
}

/* Each message is 1 ms of C work that costs a single reduction. */
static int hog_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self, (void)state, (void)msg;
    busy_wait_ms(1);
    atomic_fetch_add(&hog_done_count, 1);
    return MOTE_OK;
}

static const mote_proc_class hog_class = {.name = "hog", .init = hog_init, .handle = hog_handle};

static int snap_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self, (void)state, (void)msg;
    atomic_store(&snap_value, atomic_load(&hog_done_count) + 1);
    return MOTE_STOP;
}

static const mote_proc_class snap_class = {.name = "snap", .handle = snap_handle};

static void long_native_callbacks_yield_on_wall_time(void **state)
{
    mote_rt *rt = *state; /* one scheduler */
    atomic_store(&hog_go, 0);
    atomic_store(&hog_done_count, 0);
    atomic_store(&snap_value, 0);
    mote_pid hog, snap;
    assert_int_equal(mote_spawn(rt, NULL, &hog_class, NULL, NULL, &hog), 0);
    assert_int_equal(mote_spawn(rt, NULL, &snap_class, NULL, NULL, &snap), 0);
    for (int i = 0; i < 200; i++)
        assert_int_equal(send_int(rt, hog, i), 0);
    assert_int_equal(send_int(rt, snap, 0), 0);
    atomic_store(&hog_go, 1);
    WAIT_FOR(atomic_load(&snap_value) != 0);
    /* 200 ms of work fits one budget of reductions; the snapshot process
     * still got its turn long before the end. */
    assert_true(atomic_load(&snap_value) - 1 < 200);
    WAIT_FOR(atomic_load(&hog_done_count) == 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(idle_schedulers_sleep_and_stay_asleep, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(self_feeding_process_does_not_starve_others, rt_setup1,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(idle_scheduler_steals_queued_work, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(reductions_are_counted_per_process, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(ping_pong_passes_every_message, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(woken_pair_and_busy_process_share_one_scheduler,
                                        rt_setup1, rt_teardown),
        cmocka_unit_test_setup_teardown(long_native_callbacks_yield_on_wall_time, rt_setup1,
                                        rt_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
