/* test_poller.c — fd readiness arrives as {:poll, tag, events}. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "atom.h"
#include "node.h"
#include "poller.h"
#include "support/sigprobe.h"

typedef struct Fixture {
    mote_rt *rt;
    Poller *pl; /* our own poller on the runtime's node */
} Fixture;

static int fx_setup(void **state)
{
    static Fixture fx;
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = 2;
    if (mote_start(&cfg, &fx.rt) != 0)
        return -1;
    if (poller_new(node_of_rt(fx.rt), &fx.pl) != 0)
        return -1;
    *state = &fx;
    return 0;
}

static int fx_teardown(void **state)
{
    Fixture *fx = *state;
    poller_free(fx->pl);
    return mote_stop(fx->rt);
}

static void stop_and_wait(mote_rt *rt, Probe *pr)
{
    assert_int_equal(probe_send(rt, pr->pid, "aa", "stop", "normal"), 0);
    int rc = mote_wait_exit(rt, pr->pid, PROBE_WAIT_MS, NULL, 0);
    assert_true(rc == 0 || rc == MOTE_ENOPROC);
}

static void readable_pipe_sends_poll_message(void **state)
{
    Fixture *fx = *state;
    static Probe a;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(probe_spawn(fx->rt, &a), 0);
    assert_int_equal(poller_watch(fx->pl, fds[0], POLLER_IN, (Term)a.pid, A(poll)), 0);
    assert_int_equal(write(fds[1], "x", 1), 1);
    assert_true(probe_wait_lines(&a, 1));
    assert_string_equal(probe_line(&a, 0), "{:poll, :poll, 1}");
    char c;
    assert_int_equal(read(fds[0], &c, 1), 1);
    /* One-shot: a second report needs a second watch. */
    assert_int_equal(write(fds[1], "y", 1), 1);
    assert_int_equal(poller_watch(fx->pl, fds[0], POLLER_IN, (Term)a.pid, make_small(7)), 0);
    assert_true(probe_wait_lines(&a, 2));
    assert_string_equal(probe_line(&a, 1), "{:poll, 7, 1}");
    assert_int_equal(poller_unwatch(fx->pl, fds[0]), 0);
    close(fds[0]);
    close(fds[1]);
    stop_and_wait(fx->rt, &a);
}

static void boxed_tag_is_copied(void **state)
{
    Fixture *fx = *state;
    static Probe a;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(probe_spawn(fx->rt, &a), 0);
    Term tb[3] = {make_header(HDR_TUPLE, 2), A(ok), make_small(42)};
    assert_int_equal(poller_watch(fx->pl, fds[1], POLLER_OUT, (Term)a.pid, make_boxed(tb)), 0);
    tb[2] = make_small(0); /* the poller must not read the caller's copy */
    assert_true(probe_wait_lines(&a, 1));
    assert_string_equal(probe_line(&a, 0), "{:poll, {:ok, 42}, 2}");
    close(fds[0]);
    close(fds[1]);
    stop_and_wait(fx->rt, &a);
}

static void hangup_is_reported_as_readable(void **state)
{
    Fixture *fx = *state;
    static Probe a;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(probe_spawn(fx->rt, &a), 0);
    assert_int_equal(poller_watch(fx->pl, fds[0], POLLER_IN, (Term)a.pid, A(ok)), 0);
    close(fds[1]);
    assert_true(probe_wait_lines(&a, 1));
    assert_string_equal(probe_line(&a, 0), "{:poll, :ok, 9}");
    assert_int_equal(poller_unwatch(fx->pl, fds[0]), 0);
    close(fds[0]);
    stop_and_wait(fx->rt, &a);
}

static void watch_refuses_bad_arguments(void **state)
{
    Fixture *fx = *state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    Term owner = make_pid(1);
    assert_int_equal(poller_watch(fx->pl, -1, POLLER_IN, owner, A(ok)), MOTE_EINVAL);
    assert_int_equal(poller_watch(fx->pl, fds[0], 0, owner, A(ok)), MOTE_EINVAL);
    assert_int_equal(poller_watch(fx->pl, fds[0], POLLER_IN, A(ok), A(ok)), MOTE_EINVAL);
    assert_int_equal(poller_watch(fx->pl, fds[0], POLLER_IN, owner, NONE), MOTE_EINVAL);
    assert_int_equal(poller_unwatch(fx->pl, -3), MOTE_EINVAL);
    close(fds[0]);
    close(fds[1]);
}

static void regular_file_is_refused_with_eio(void **state)
{
    Fixture *fx = *state;
    char path[] = "/tmp/mote_poller_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    assert_int_equal(poller_watch(fx->pl, fd, POLLER_IN, make_pid(1), A(ok)), MOTE_EIO);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(readable_pipe_sends_poll_message),
        cmocka_unit_test(boxed_tag_is_copied),
        cmocka_unit_test(hangup_is_reported_as_readable),
        cmocka_unit_test(watch_refuses_bad_arguments),
        cmocka_unit_test(regular_file_is_refused_with_eio),
    };
    return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
