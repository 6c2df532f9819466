/* test_info.c — introspection of a live process and of the runtime,
 * read from the host thread while processes run. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "support/sigprobe.h"
#include "support/rt_fixture.h"

static void command(mote_rt *rt, Probe *pr, const char *fmt, const char *a0, mote_pid p,
                    const char *want)
{
    int before = probe_count(pr);
    assert_int_equal(probe_send(rt, pr->pid, fmt, a0, p), 0);
    assert_true(probe_wait_lines(pr, before + 1));
    assert_string_equal(probe_line(pr, before), want);
}

static void stop_and_wait(mote_rt *rt, Probe *pr)
{
    assert_int_equal(probe_send(rt, pr->pid, "aa", "stop", "normal"), 0);
    int rc = mote_wait_exit(rt, pr->pid, PROBE_WAIT_MS, NULL, 0);
    assert_true(rc == 0 || rc == MOTE_ENOPROC);
}

static void info_of_live_process_has_every_field(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    assert_int_equal(probe_spawn(rt, &a), 0);
    assert_int_equal(probe_spawn(rt, &b), 0);
    assert_int_equal(probe_send(rt, a.pid, "aa", "register", "info_subject"), 0);
    assert_true(probe_wait_lines(&a, 1));
    assert_string_equal(probe_line(&a, 0), "register 0");
    command(rt, &a, "a", "trap", 0, "trap 0");
    command(rt, &a, "ap", "link", b.pid, "link 0");
    command(rt, &a, "ap", "monitor", b.pid, "monitor 0");
    command(rt, &b, "ap", "monitor", a.pid, "monitor 0");
    probe_hold(rt, &a);
    int held_at = probe_count(&a);
    for (int i = 0; i < 3; i++)
        assert_int_equal(probe_send(rt, a.pid, "a", "queued"), 0);

    mote_proc_info info;
    assert_int_equal(mote_proc_info_get(rt, a.pid, &info), 0);
    probe_release(&a);
    assert_int_equal(info.pid, a.pid);
    assert_string_equal(info.registered_name, "info_subject");
    assert_string_equal(info.initial_call, "probe");
    assert_true(info.current_function[0] != '\0');
    assert_int_equal(info.status, MOTE_S_RUNNING);
    assert_true(info.reductions > 0);
    assert_int_equal(info.message_queue_len, 3);
    assert_true(info.heap_bytes > 0);
    assert_true(info.total_bytes >= info.heap_bytes);
    assert_int_equal(info.nlinks, 1);
    assert_int_equal(info.nmonitors, 1);
    assert_int_equal(info.nmonitored_by, 1);
    assert_true(info.trap_exit);
    assert_int_equal(info.parent, 0);

    mote_pid buf[4];
    size_t n = 0;
    assert_int_equal(mote_proc_links(rt, a.pid, buf, 4, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(buf[0], b.pid);
    assert_int_equal(mote_proc_monitors(rt, a.pid, buf, 4, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(buf[0], b.pid);
    assert_int_equal(mote_proc_links(rt, b.pid, buf, 4, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(buf[0], a.pid);

    /* Once released, the three queued messages are handled in order. */
    assert_true(probe_wait_lines(&a, held_at + 3));
    for (int i = 0; i < 3; i++)
        assert_string_equal(probe_line(&a, held_at + i), "{:queued}");
    stop_and_wait(rt, &b);
    stop_and_wait(rt, &a);
}

static void waiting_process_reports_waiting_and_empty_queue(void **state)
{
    mote_rt *rt = *state;
    static Probe a;
    assert_int_equal(probe_spawn(rt, &a), 0);
    command(rt, &a, "a", "ping", 0, "{:ping}");
    mote_proc_info info;
    /* Its callback returned, so it is waiting or (briefly) finishing its
     * slice; either way nothing is queued and it has no links. */
    assert_int_equal(mote_proc_info_get(rt, a.pid, &info), 0);
    assert_true(info.status == MOTE_S_WAITING || info.status == MOTE_S_RUNNING);
    assert_int_equal(info.message_queue_len, 0);
    assert_int_equal(info.nlinks, 0);
    assert_string_equal(info.registered_name, "");
    assert_false(info.trap_exit);
    stop_and_wait(rt, &a);
}

static void trap_exit_from_spawn_options_is_visible(void **state)
{
    mote_rt *rt = *state;
    static Probe a;
    probe_init(&a);
    mote_spawn_opts opts = {.trap_exit = true};
    assert_int_equal(mote_spawn(rt, NULL, &probe_class, &a, &opts, &a.pid), 0);
    /* Once it has handled a message, its figures are published. */
    command(rt, &a, "a", "ping", 0, "{:ping}");
    mote_proc_info info;
    assert_int_equal(mote_proc_info_get(rt, a.pid, &info), 0);
    assert_true(info.trap_exit);
    assert_true(info.heap_bytes >= 256);
    stop_and_wait(rt, &a);
}

static void dead_process_has_no_info(void **state)
{
    mote_rt *rt = *state;
    static Probe a;
    assert_int_equal(probe_spawn(rt, &a), 0);
    stop_and_wait(rt, &a);
    mote_proc_info info;
    size_t n;
    assert_int_equal(mote_proc_info_get(rt, a.pid, &info), MOTE_ENOPROC);
    assert_int_equal(mote_proc_links(rt, a.pid, NULL, 0, &n), MOTE_ENOPROC);
}

static void processes_lists_every_live_pid(void **state)
{
    mote_rt *rt = *state;
    enum { N = 8 };
    static Probe ps[N];
    for (int i = 0; i < N; i++)
        assert_int_equal(probe_spawn(rt, &ps[i]), 0);
    size_t n = 0;
    assert_int_equal(mote_processes(rt, NULL, 0, &n), 0);
    assert_true(n >= N);
    mote_pid *buf = calloc(n + 16, sizeof *buf);
    size_t n2 = 0;
    assert_int_equal(mote_processes(rt, buf, n + 16, &n2), 0);
    for (int i = 0; i < N; i++) {
        bool found = false;
        for (size_t k = 0; k < n2 && k < n + 16; k++)
            found |= buf[k] == ps[i].pid;
        assert_true(found);
    }
    free(buf);
    for (int i = 0; i < N; i++)
        stop_and_wait(rt, &ps[i]);
}

static void stats_are_readable_while_processes_run(void **state)
{
    mote_rt *rt = *state;
    enum { N = 4, MSGS = 500 };
    static Probe ps[N];
    for (int i = 0; i < N; i++)
        assert_int_equal(probe_spawn(rt, &ps[i]), 0);
    mote_rt_stats st;
    mote_env *env = mote_env_new(rt);
    for (int k = 0; k < MSGS; k++) {
        for (int i = 0; i < N; i++)
            assert_int_equal(mote_send(env, ps[i].pid, mote_int(env, k)), 0);
        if (k % 50 == 0) {
            assert_int_equal(mote_rt_stats_get(rt, &st), 0);
            mote_env_clear(env);
        }
    }
    mote_env_free(env);
    assert_int_equal(mote_rt_stats_get(rt, &st), 0);
    assert_int_equal(st.nschedulers, 2);
    for (unsigned i = 0; i < st.nschedulers; i++)
        assert_true(st.sched_util[i] >= 0.0 && st.sched_util[i] <= 1.0);
    assert_true(st.process_count >= N);
    assert_true(st.process_limit >= st.process_count);
    assert_true(st.mem_total > 0);
    assert_true(st.mem_total >= st.mem_processes);
    assert_true(st.mem_atoms > 0);
    assert_true(st.reductions_per_sec >= 0.0 && st.messages_per_sec >= 0.0);
    for (int i = 0; i < N; i++)
        stop_and_wait(rt, &ps[i]);
    assert_int_equal(mote_rt_stats_get(rt, &st), 0);
    assert_true(st.reductions_total > 0);
}

static void info_reads_never_stop_a_busy_process(void **state)
{
    mote_rt *rt = *state;
    enum { MSGS = 2000 };
    static Probe a;
    assert_int_equal(probe_spawn(rt, &a), 0);
    mote_env *env = mote_env_new(rt);
    mote_proc_info info;
    mote_pid links[2];
    size_t n;
    for (int k = 0; k < MSGS; k++) {
        mote_term el[2] = {mote_atom(env, "n"), mote_int(env, k)};
        assert_int_equal(mote_send(env, a.pid, mote_tuple(env, 2, el)), 0);
        assert_int_equal(mote_proc_info_get(rt, a.pid, &info), 0);
        assert_int_equal(info.pid, a.pid);
        assert_true(info.message_queue_len <= MSGS);
        assert_int_equal(mote_proc_links(rt, a.pid, links, 2, &n), 0);
        if (k % 100 == 0)
            mote_env_clear(env);
    }
    mote_env_free(env);
    assert_true(probe_wait_notes(&a, MSGS));
    stop_and_wait(rt, &a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(info_of_live_process_has_every_field),
        cmocka_unit_test(waiting_process_reports_waiting_and_empty_queue),
        cmocka_unit_test(trap_exit_from_spawn_options_is_visible),
        cmocka_unit_test(dead_process_has_no_info),
        cmocka_unit_test(processes_lists_every_live_pid),
        cmocka_unit_test(stats_are_readable_while_processes_run),
        cmocka_unit_test(info_reads_never_stop_a_busy_process),
    };
    return cmocka_run_group_tests(tests, rt_setup, rt_teardown);
}
