/* test_timer.c — timer wheels and process timers: deadline order, ties,
 * far (overflow) timers, cancellation from any thread, receive timeouts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sched_test.h"

#include "node.h"
#include "proc.h"
#include "timer.h"

static Rec rec_a;

/* Arms the timers the test asks for, to the recorder. Commands:
 * :order  — delays 30, 10, 20, 600, 5, 5, 5, 1000, 0 ms
 * :cancel — arms 20 ms (value 1), cancels it twice, arms 40 ms (value 2)
 * :far    — arms a 60 s timer and leaves its id in far_id */
static uint64_t far_id;
static _Atomic int far_armed;
static _Atomic int cancel_rc1, cancel_rc2;
/* :fire arms a 0 ms timer (value 5) and keeps its id; :cancel_fired arms
 * a 10 ms one (value 6), then cancels the fired one. */
static uint64_t fired_id;
static _Atomic int fired_rc, fired_done;

static const int order_delays[] = {30, 10, 20, 600, 5, 5, 5, 1000, 0};
#define NORDER (sizeof order_delays / sizeof order_delays[0])

static int arm(mote_proc *self, uint64_t ms, int64_t value, uint64_t *id)
{
    mote_env *env = mote_env_of(self);
    return mote_send_after(self, ms, rec_a.pid, mote_int(env, value), id);
}

static int armer_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    uint64_t id;
    if (mote_is_atom(msg, "order")) {
        for (size_t i = 0; i < NORDER; i++)
            if (arm(self, (uint64_t)order_delays[i], (int64_t)i, NULL) != 0)
                return MOTE_ENOMEM;
    } else if (mote_is_atom(msg, "cancel")) {
        if (arm(self, 20, 1, &id) != 0)
            return MOTE_ENOMEM;
        atomic_store(&cancel_rc1, mote_cancel_timer(self, id));
        atomic_store(&cancel_rc2, mote_cancel_timer(self, id));
        return arm(self, 40, 2, NULL);
    } else if (mote_is_atom(msg, "fire")) {
        return arm(self, 0, 5, &fired_id);
    } else if (mote_is_atom(msg, "cancel_fired")) {
        /* A new timer first: it may take the fired one's cell, which the
         * old id must still not reach. */
        if (arm(self, 10, 6, NULL) != 0)
            return MOTE_ENOMEM;
        atomic_store(&fired_rc, mote_cancel_timer(self, fired_id));
        atomic_store(&fired_done, 1);
    } else if (mote_is_atom(msg, "far")) {
        int rc = arm(self, 60000, 3, &far_id);
        atomic_store(&far_armed, 1);
        return rc;
    }
    return MOTE_OK;
}

static const mote_proc_class armer_class = {.name = "armer", .handle = armer_handle};

static mote_pid start_pair(mote_rt *rt)
{
    rec_reset(&rec_a);
    assert_int_equal(mote_spawn(rt, NULL, &rec_class, &rec_a, NULL, &rec_a.pid), 0);
    mote_pid armer;
    assert_int_equal(mote_spawn(rt, NULL, &armer_class, NULL, NULL, &armer), 0);
    return armer;
}

static void timers_fire_in_deadline_order(void **state)
{
    mote_rt *rt = *state;
    mote_pid armer = start_pair(rt);
    assert_int_equal(send_atom(rt, armer, "order"), 0);
    WAIT_FOR(atomic_load(&rec_a.n) == (int)NORDER);
    /* By delay, ties (the three 5 ms timers) in the order armed. */
    const int64_t want[] = {8, 4, 5, 6, 1, 2, 0, 3, 7};
    for (size_t i = 0; i < NORDER; i++)
        assert_int_equal(rec_a.vals[i], want[i]);
}

static void cancelled_timer_never_fires(void **state)
{
    mote_rt *rt = *state;
    mote_pid armer = start_pair(rt);
    assert_int_equal(send_atom(rt, armer, "cancel"), 0);
    WAIT_FOR(atomic_load(&rec_a.n) == 1);
    assert_int_equal(rec_a.vals[0], 2); /* the 20 ms one would have come first */
    assert_int_equal(atomic_load(&cancel_rc1), MOTE_OK);
    assert_int_equal(atomic_load(&cancel_rc2), MOTE_ESTATE);
}

/* As erlang:cancel_timer/1 answers false for a timer that already fired:
 * MOTE_ESTATE, and the timer armed after it is untouched. */
static void cancelling_a_fired_timer_is_refused(void **state)
{
    mote_rt *rt = *state;
    mote_pid armer = start_pair(rt);
    atomic_store(&fired_done, 0);
    assert_int_equal(send_atom(rt, armer, "fire"), 0);
    WAIT_FOR(atomic_load(&rec_a.n) == 1);
    assert_int_equal(rec_a.vals[0], 5);
    assert_int_equal(send_atom(rt, armer, "cancel_fired"), 0);
    WAIT_FOR(atomic_load(&fired_done));
    assert_int_equal(atomic_load(&fired_rc), MOTE_ESTATE);
    WAIT_FOR(atomic_load(&rec_a.n) == 2);
    assert_int_equal(rec_a.vals[1], 6);
}

static void host_thread_cancels_a_scheduler_s_timer(void **state)
{
    mote_rt *rt = *state;
    mote_pid armer = start_pair(rt);
    atomic_store(&far_armed, 0);
    assert_int_equal(send_atom(rt, armer, "far"), 0);
    WAIT_FOR(atomic_load(&far_armed));
    Node *n = node_of_rt(rt);
    assert_true(timer_cancel(n, far_id));
    assert_false(timer_cancel(n, far_id));
    assert_false(timer_cancel(n, far_id ^ (UINT64_C(1) << 32))); /* other generation */
}

static void next_due_sees_wheel_and_overflow(void **state)
{
    (void)state;
    Wheel w;
    assert_int_equal(wheel_init(&w, 0, 1000), 0);
    assert_int_equal(wheel_next_due(&w), UINT64_MAX);
    uint64_t far, near;
    Msg *m1 = msg_new(MSG_MESSAGE, NONE, make_small(1));
    Msg *m2 = msg_new(MSG_MESSAGE, NONE, make_small(2));
    assert_int_equal(wheel_add(&w, 1000 + 5 * WHEEL_SLOTS, make_pid(1), m1, &far), 0);
    assert_int_equal(wheel_next_due(&w), 1000 + 5 * WHEEL_SLOTS);
    assert_int_equal(wheel_add(&w, 1100, make_pid(1), m2, &near), 0);
    assert_int_equal(wheel_next_due(&w), 1100);
    assert_true(wheel_cancel(&w, near));
    assert_int_equal(wheel_next_due(&w), 1000 + 5 * WHEEL_SLOTS);
    assert_int_equal(w.count, 1);
    wheel_fini(&w); /* frees the far timer's message (checked by ASan) */
}

/* Drives a wheel by hand with a synthetic clock: deadlines near and far
 * (past the wheel's span), advanced in small steps and in one big gap,
 * must still reach the recorder in deadline order. */
static void wheel_fires_in_order_across_gaps_and_overflow(void **state)
{
    mote_rt *rt = *state;
    Node *n = node_of_rt(rt);
    rec_reset(&rec_a);
    assert_int_equal(mote_spawn(rt, NULL, &rec_class, &rec_a, NULL, &rec_a.pid), 0);
    Wheel w;
    assert_int_equal(wheel_init(&w, 0, 0), 0);
    const uint64_t dues[] = {3000, 7, 700, 511, 512, 513, 2 * WHEEL_SLOTS + 1, 7, 90000, 1};
    const size_t ndues = sizeof dues / sizeof dues[0];
    for (size_t i = 0; i < ndues; i++) {
        uint64_t id;
        Msg *m = msg_new(MSG_MESSAGE, NONE, make_small((int64_t)(dues[i] * 100 + i)));
        assert_non_null(m);
        assert_int_equal(wheel_add(&w, dues[i], rec_a.pid, m, &id), 0);
    }
    wheel_advance(&w, n, 5);     /* fires 1 */
    wheel_advance(&w, n, 600);   /* 7, 7, 511, 512, 513 */
    wheel_advance(&w, n, 50000); /* one long gap: 700, 1025, 3000 */
    assert_int_equal(wheel_next_due(&w), 90000);
    wheel_advance(&w, n, 90000);
    assert_int_equal(w.count, 0);
    WAIT_FOR(atomic_load(&rec_a.n) == (int)ndues);
    for (int i = 1; i < (int)ndues; i++)
        assert_true(rec_a.vals[i - 1] < rec_a.vals[i]); /* by due, ties by arming */
    wheel_fini(&w);
}

static _Atomic int timed_out_seen;

/* :arm arms a 10 ms receive timeout; :check reports PF_TIMED_OUT. */
static int waiter_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    Proc *p = (Proc *)self;
    if (mote_is_atom(msg, "arm"))
        return timer_arm_receive(p, 10);
    if (mote_is_atom(msg, "check"))
        atomic_store(&timed_out_seen, (p->flags & PF_TIMED_OUT) != 0);
    return MOTE_OK;
}

static const mote_proc_class waiter_class = {.name = "waiter", .handle = waiter_handle};

static void receive_timeout_marks_the_process(void **state)
{
    mote_rt *rt = *state;
    mote_pid w;
    atomic_store(&timed_out_seen, 0);
    assert_int_equal(mote_spawn(rt, NULL, &waiter_class, NULL, NULL, &w), 0);
    assert_int_equal(send_atom(rt, w, "arm"), 0);
    while (!atomic_load(&timed_out_seen)) {
        assert_int_equal(send_atom(rt, w, "check"), 0);
        sleep_ms(2);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(timers_fire_in_deadline_order, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(cancelled_timer_never_fires, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(cancelling_a_fired_timer_is_refused, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(host_thread_cancels_a_scheduler_s_timer, rt_setup,
                                        rt_teardown),
        cmocka_unit_test(next_due_sees_wheel_and_overflow),
        cmocka_unit_test_setup_teardown(wheel_fires_in_order_across_gaps_and_overflow, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(receive_timeout_marks_the_process, rt_setup, rt_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
