/* test_timer_wake.c — a timer that falls due while its scheduler is
 * about to idle still wakes its process.
 *
 * The scheduler reads the clock once more before it parks, and timers
 * fired by that read wake their processes into the scheduler's "run
 * next" slot, which no queue length counts. A process whose receive
 * timer fell due just then used to be left there while the scheduler
 * parked with nothing in its wheel: Process.sleep(1) hung now and then.
 * Here the window is made certain: a callback arms a 1 ms timer to its
 * own process and holds the only scheduler for 3 ms (less than the slice
 * cap, so no clock read is forced), then waits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sched_test.h"

static _Atomic int ticks;

static void spin_ms(long ms)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do {
        clock_gettime(CLOCK_MONOTONIC, &b);
    } while ((b.tv_sec - a.tv_sec) * 1000L + (b.tv_nsec - a.tv_nsec) / 1000000L < ms);
}

static int sleeper_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    if (mote_is_atom(msg, "go")) {
        mote_env *env = mote_env_of(self);
        int rc = mote_send_after(self, 1, mote_self(self), mote_atom(env, "tick"), NULL);
        spin_ms(3);
        return rc;
    }
    if (mote_is_atom(msg, "tick"))
        atomic_fetch_add(&ticks, 1);
    return MOTE_OK;
}

static const mote_proc_class sleeper_class = {.name = "sleeper", .handle = sleeper_handle};

static void timer_due_at_idle_wakes_its_process(void **state)
{
    mote_rt *rt = *state;
    mote_pid pid;
    assert_int_equal(mote_spawn(rt, NULL, &sleeper_class, NULL, NULL, &pid), 0);
    for (int round = 1; round <= 20; round++) {
        assert_int_equal(send_atom(rt, pid, "go"), 0);
        /* Bounded: a lost wake-up fails here instead of hanging. */
        for (int waited = 0; atomic_load(&ticks) < round && waited < 2000; waited++)
            sleep_ms(1);
        assert_int_equal(atomic_load(&ticks), round);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(timer_due_at_idle_wakes_its_process, rt_setup1, rt_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
