/* test_link.c — links, monitors and exit signals on a real runtime, with
 * scriptable native probes (support/sigprobe.h). */
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "support/sigprobe.h"
#include "support/rt_fixture.h"

/* Runs a command on a probe and waits for its acknowledgement line. */
static const char *run(mote_rt *rt, Probe *pr, const char *fmt, const char *a0, mote_pid p)
{
    int before = probe_count(pr);
    if (fmt[1] == 'p')
        assert_int_equal(probe_send(rt, pr->pid, fmt, a0, p), 0);
    else
        assert_int_equal(probe_send(rt, pr->pid, fmt, a0), 0);
    assert_true(probe_wait_lines(pr, before + 1));
    return probe_line(pr, before);
}

/* Waits until pid is out of the process table. */
static void wait_gone(mote_rt *rt, mote_pid pid)
{
    int rc = mote_wait_exit(rt, pid, PROBE_WAIT_MS, NULL, 0);
    assert_true(rc == 0 || rc == MOTE_ENOPROC);
}

static void stop(mote_rt *rt, Probe *pr, const char *reason)
{
    assert_int_equal(probe_send(rt, pr->pid, "aa", "stop", reason), 0);
}

/* Stops a probe normally and waits until it has exited. */
static void finish(mote_rt *rt, Probe *pr)
{
    stop(rt, pr, "normal");
    assert_true(probe_wait_exit(pr));
}

static void spawn_pair(mote_rt *rt, Probe *a, Probe *b)
{
    assert_int_equal(probe_spawn(rt, a), 0);
    assert_int_equal(probe_spawn(rt, b), 0);
}

static void link_cascade_kills_chain_with_reason(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b, c;
    spawn_pair(rt, &a, &b);
    assert_int_equal(probe_spawn(rt, &c), 0);
    assert_string_equal(run(rt, &b, "ap", "link", a.pid), "link 0");
    assert_string_equal(run(rt, &c, "ap", "link", b.pid), "link 0");
    stop(rt, &a, "boom");
    assert_true(probe_wait_exit(&a));
    assert_true(probe_wait_exit(&b));
    assert_true(probe_wait_exit(&c));
    assert_string_equal(a.reason, ":boom");
    assert_string_equal(b.reason, ":boom");
    assert_string_equal(c.reason, ":boom");
}

static void trap_exit_turns_exit_into_message(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    assert_string_equal(run(rt, &b, "a", "trap", 0), "trap 0");
    assert_string_equal(run(rt, &b, "ap", "link", a.pid), "link 0");
    stop(rt, &a, "boom");
    assert_true(probe_wait_lines(&b, 3));
    assert_string_equal(probe_line(&b, 2), "{:EXIT, <pid>, :boom}");
    assert_false(b.exited);
    finish(rt, &b);
}

static void kill_is_untrappable_and_becomes_killed(void **state)
{
    mote_rt *rt = *state;
    static Probe b, w;
    spawn_pair(rt, &b, &w);
    assert_string_equal(run(rt, &b, "a", "trap", 0), "trap 0");
    /* A trapping watcher linked to b sees b's reason as a link signal. */
    assert_string_equal(run(rt, &w, "a", "trap", 0), "trap 0");
    assert_string_equal(run(rt, &w, "ap", "link", b.pid), "link 0");
    mote_env *env = mote_env_new(rt);
    assert_int_equal(mote_exit(env, b.pid, mote_atom(env, "kill")), 0);
    mote_env_free(env);
    assert_true(probe_wait_exit(&b));
    assert_string_equal(b.reason, ":killed");
    assert_true(probe_wait_lines(&w, 3));
    assert_string_equal(probe_line(&w, 2), "{:EXIT, <pid>, :killed}");
    finish(rt, &w);
}

static void exit_from_another_process_kills_with_its_reason(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    mote_env *env = mote_env_new(rt);
    mote_term el[3] = {mote_atom(env, "exit"), mote_pid_term(b.pid), mote_atom(env, "bye")};
    assert_int_equal(mote_send(env, a.pid, mote_tuple(env, 3, el)), 0);
    mote_env_free(env);
    assert_true(probe_wait_exit(&b));
    assert_string_equal(b.reason, ":bye");
    assert_true(probe_wait_lines(&a, 1));
    assert_string_equal(probe_line(&a, 0), "exit 0");
    finish(rt, &a);
}

static void boxed_reason_travels_through_links(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b, w;
    spawn_pair(rt, &a, &b);
    assert_int_equal(probe_spawn(rt, &w), 0);
    assert_string_equal(run(rt, &b, "ap", "link", a.pid), "link 0");
    assert_string_equal(run(rt, &w, "ap", "monitor", b.pid), "monitor 0");
    mote_env *env = mote_env_new(rt);
    mote_term el[2] = {mote_atom(env, "custom"), mote_int(env, 42)};
    assert_int_equal(mote_exit(env, a.pid, mote_tuple(env, 2, el)), 0);
    mote_env_free(env);
    assert_true(probe_wait_exit(&a));
    assert_true(probe_wait_exit(&b));
    assert_string_equal(a.reason, "{:custom, 42}");
    assert_string_equal(b.reason, "{:custom, 42}");
    assert_true(probe_wait_lines(&w, 2));
    assert_string_equal(probe_line(&w, 1), "{:DOWN, #ref, :process, <pid>, {:custom, 42}}");
    finish(rt, &w);
}

static void normal_exit_signal_is_ignored(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    assert_string_equal(run(rt, &b, "ap", "link", a.pid), "link 0");
    assert_string_equal(run(rt, &b, "ap", "monitor", a.pid), "monitor 0");
    stop(rt, &a, "normal");
    /* The link's exit signal precedes the DOWN (same sender), so b
     * handling the DOWN proves it ignored the :normal exit. */
    assert_true(probe_wait_lines(&b, 3));
    assert_string_equal(probe_line(&b, 2), "{:DOWN, #ref, :process, <pid>, :normal}");
    /* exit/2 with :normal from the host is ignored too. */
    mote_env *env = mote_env_new(rt);
    assert_int_equal(mote_exit(env, b.pid, mote_atom(env, "normal")), 0);
    mote_env_free(env);
    assert_string_equal(run(rt, &b, "a", "ping", 0), "{:ping}");
    assert_false(b.exited);
    finish(rt, &b);
}

static void unlink_stops_propagation(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    assert_string_equal(run(rt, &b, "ap", "link", a.pid), "link 0");
    assert_string_equal(run(rt, &b, "ap", "unlink", a.pid), "unlink 0");
    assert_string_equal(run(rt, &b, "ap", "monitor", a.pid), "monitor 0");
    stop(rt, &a, "boom");
    assert_true(probe_wait_lines(&b, 4));
    assert_string_equal(probe_line(&b, 3), "{:DOWN, #ref, :process, <pid>, :boom}");
    assert_false(b.exited);
    finish(rt, &b);
}

static void linking_to_a_dead_pid_returns_noproc(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    finish(rt, &a);
    wait_gone(rt, a.pid);
    char want[32];
    snprintf(want, sizeof want, "link %d", MOTE_ENOPROC);
    assert_string_equal(run(rt, &b, "ap", "link", a.pid), want);
    assert_false(b.exited);
    finish(rt, &b);
}

static void monitoring_a_dead_pid_gives_noproc_down(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    finish(rt, &a);
    wait_gone(rt, a.pid);
    assert_string_equal(run(rt, &b, "ap", "monitor", a.pid), "monitor 0");
    assert_true(probe_wait_lines(&b, 2));
    assert_string_equal(probe_line(&b, 1), "{:DOWN, #ref, :process, <pid>, :noproc}");
    finish(rt, &b);
}

static void down_carries_the_exit_reason(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    assert_string_equal(run(rt, &b, "ap", "monitor", a.pid), "monitor 0");
    stop(rt, &a, "crashed");
    assert_true(probe_wait_lines(&b, 2));
    assert_string_equal(probe_line(&b, 1), "{:DOWN, #ref, :process, <pid>, :crashed}");
    finish(rt, &b);
}

static void demonitor_stops_down(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    /* Two monitors; the first is removed. Both DOWNs would come from a in
     * one burst, so seeing only the second's proves the first is gone. */
    assert_string_equal(run(rt, &b, "ap", "monitor", a.pid), "monitor 0");
    assert_string_equal(run(rt, &b, "ap", "monitor", a.pid), "monitor 0");
    assert_string_equal(run(rt, &b, "a", "demonitor", 0), "demonitor 0");
    stop(rt, &a, "boom");
    assert_true(probe_wait_lines(&b, 4));
    assert_string_equal(probe_line(&b, 3), "{:DOWN, #ref, :process, <pid>, :boom}");
    assert_string_equal(run(rt, &b, "a", "ping", 0), "{:ping}");
    assert_int_equal(probe_count(&b), 5);
    finish(rt, &b);
}

static void demonitor_with_flush_drops_queued_down(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    stop(rt, &a, "normal");
    wait_gone(rt, a.pid);
    assert_string_equal(run(rt, &b, "ap", "monitor_flush", a.pid), "monitor_flush 0 0 0");
    assert_string_equal(run(rt, &b, "a", "ping", 0), "{:ping}");
    assert_int_equal(probe_count(&b), 2);
    finish(rt, &b);
}

static void links_are_idempotent_and_bidirectional(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    assert_string_equal(run(rt, &a, "a", "trap", 0), "trap 0");
    assert_string_equal(run(rt, &b, "ap", "link", a.pid), "link 0");
    assert_string_equal(run(rt, &b, "ap", "link", a.pid), "link 0");
    /* b dies: a (trapping) hears of it exactly once. */
    stop(rt, &b, "boom");
    assert_true(probe_wait_lines(&a, 2));
    assert_string_equal(probe_line(&a, 1), "{:EXIT, <pid>, :boom}");
    assert_string_equal(run(rt, &a, "a", "ping", 0), "{:ping}");
    assert_int_equal(probe_count(&a), 3);
    finish(rt, &a);
}

static void long_chain_dies_to_the_last_process(void **state)
{
    mote_rt *rt = *state;
    enum { N = 100 };
    static Probe ps[N];
    for (int i = 0; i < N; i++)
        assert_int_equal(probe_spawn(rt, &ps[i]), 0);
    for (int i = 1; i < N; i++)
        assert_string_equal(run(rt, &ps[i], "ap", "link", ps[i - 1].pid), "link 0");
    mote_env *env = mote_env_new(rt);
    assert_int_equal(mote_exit(env, ps[0].pid, mote_atom(env, "kill")), 0);
    mote_env_free(env);
    for (int i = 0; i < N; i++) {
        assert_true(probe_wait_exit(&ps[i]));
        assert_string_equal(ps[i].reason, ":killed");
    }
}

static void concurrent_mesh_links_once_per_pair(void **state)
{
    mote_rt *rt = *state;
    enum { N = 12 };
    static Probe ps[N];
    for (int i = 0; i < N; i++) {
        assert_int_equal(probe_spawn(rt, &ps[i]), 0);
        assert_string_equal(run(rt, &ps[i], "a", "trap", 0), "trap 0");
    }
    /* Every process links to every other at once, so each pair is linked
     * from both ends concurrently. */
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            if (i != j)
                assert_int_equal(probe_send(rt, ps[i].pid, "ap", "link", ps[j].pid), 0);
    for (int i = 0; i < N; i++)
        assert_true(probe_wait_lines(&ps[i], N)); /* trap + N-1 links */
    /* Every link request was pushed before its ack, hence before this
     * ping: once it is handled, all requests have been applied. */
    for (int i = 0; i < N; i++)
        assert_string_equal(run(rt, &ps[i], "a", "ping", 0), "{:ping}");
    for (int i = 0; i < N; i++) {
        mote_proc_info info;
        assert_int_equal(mote_proc_info_get(rt, ps[i].pid, &info), 0);
        assert_int_equal(info.nlinks, N - 1);
    }
    stop(rt, &ps[0], "boom");
    for (int i = 1; i < N; i++) {
        assert_true(probe_wait_lines(&ps[i], N + 2));
        assert_string_equal(probe_line(&ps[i], N + 1), "{:EXIT, <pid>, :boom}");
    }
    for (int i = 1; i < N; i++)
        stop(rt, &ps[i], "normal");
    for (int i = 0; i < N; i++)
        assert_true(probe_wait_exit(&ps[i]));
}

static void allocation_failures_are_reported_not_fatal(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    spawn_pair(rt, &a, &b);
    assert_string_equal(run(rt, &b, "ap", "oom_link", a.pid), "oom_link ok=1 oom=1 other=0");
    /* Both still work normally afterwards. */
    assert_string_equal(run(rt, &b, "ap", "link", a.pid), "link 0");
    stop(rt, &a, "boom");
    assert_true(probe_wait_exit(&b));
    assert_string_equal(b.reason, ":boom");
}

static void bad_targets_are_refused(void **state)
{
    mote_rt *rt = *state;
    mote_env *env = mote_env_new(rt);
    assert_int_equal(mote_exit(env, (mote_pid)mote_atom(env, "x"), mote_atom(env, "kill")),
                     MOTE_EINVAL);
    assert_int_equal(mote_exit(env, 0, mote_atom(env, "kill")), MOTE_EINVAL);
    assert_int_equal(mote_exit(NULL, 0, 0), MOTE_EINVAL);
    mote_env_free(env);
    assert_int_equal(mote_link(NULL, 0), MOTE_EINVAL);
    assert_int_equal(mote_monitor(NULL, 0, NULL), MOTE_EINVAL);
    assert_int_equal(mote_trap_exit(NULL, true), MOTE_EINVAL);
}

/* ---- mote_stop with linked processes alive ------------------------------ */

/* A waiting process that links itself to the pid in its arg at init. */
static _Atomic int chain_ready;

static int chain_init(mote_proc *self, void **state)
{
    mote_pid prev = (mote_pid)(uintptr_t)*state;
    int rc = prev != 0 ? mote_link(self, prev) : MOTE_OK;
    atomic_fetch_add(&chain_ready, 1);
    return rc;
}

static int chain_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self, (void)state, (void)msg;
    return MOTE_OK;
}

static const mote_proc_class chain_class = {
    .name = "chain", .init = chain_init, .handle = chain_handle};

/* Spawns n processes, each linked to the one before (and the first to
 * the last, when ring), and waits until every init has run. */
static void spawn_chain(mote_rt *rt, int n, bool ring)
{
    atomic_store(&chain_ready, 0);
    mote_pid first = 0, prev = 0;
    for (int i = 0; i < n; i++) {
        assert_int_equal(mote_spawn(rt, NULL, &chain_class, (void *)(uintptr_t)prev, NULL, &prev),
                         0);
        if (i == 0)
            first = prev;
    }
    while (atomic_load(&chain_ready) < n)
        sched_yield();
    if (ring) {
        /* Closing the ring from the first process's side needs a
         * callback; a second chain link from the last is the same graph
         * for the stop path: every process has a live linked neighbour. */
        assert_int_equal(mote_spawn(rt, NULL, &chain_class, (void *)(uintptr_t)first, NULL, &prev),
                         0);
        while (atomic_load(&chain_ready) < n + 1)
            sched_yield();
    }
}

/* Stopping tears down processes whose links wake their neighbours: the
 * woken ones must never be queued on a scheduler that no longer runs
 * (they were freed right after, and the queue kept pointing at them). */
static void stop_with_linked_chain_alive_frees_everything(void **state)
{
    (void)state;
    for (unsigned scheds = 1; scheds <= 2; scheds++) {
        mote_config cfg;
        mote_config_init(&cfg);
        cfg.schedulers = scheds;
        mote_rt *rt = NULL;
        assert_int_equal(mote_start(&cfg, &rt), 0);
        spawn_chain(rt, 300, false);
        spawn_chain(rt, 300, true);
        assert_int_equal(mote_stop(rt), 0);
    }
}

/* The same with the language's processes: a chain of spawn_link'ed VM
 * processes, each waiting in receive, when the host stops the runtime. */
static void stop_with_linked_vm_processes_alive_frees_everything(void **state)
{
    (void)state;
    static const char src[] =
        "defmodule StopChain do\n"
        "  def run(0, top), do: (send(top, :built); wait())\n"
        "  def run(n, top) do\n"
        "    spawn_link(fn -> run(n - 1, top) end)\n"
        "    wait()\n"
        "  end\n"
        "  def wait, do: (receive do _ -> :ok end)\n"
        "end\n"
        "me = self()\n"
        "spawn(fn -> StopChain.run(200, me) end)\n"
        "receive do :built -> :ok end\n";
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = 2;
    mote_rt *rt = NULL;
    assert_int_equal(mote_start(&cfg, &rt), 0);
    int status = -1;
    assert_int_equal(mote_eval_string(rt, src, sizeof src - 1, 0, NULL, &status), 0);
    assert_int_equal(status, 0);
    /* Native ones linked into the same runtime as well. */
    spawn_chain(rt, 100, true);
    assert_int_equal(mote_stop(rt), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(link_cascade_kills_chain_with_reason),
        cmocka_unit_test(trap_exit_turns_exit_into_message),
        cmocka_unit_test(kill_is_untrappable_and_becomes_killed),
        cmocka_unit_test(exit_from_another_process_kills_with_its_reason),
        cmocka_unit_test(boxed_reason_travels_through_links),
        cmocka_unit_test(normal_exit_signal_is_ignored),
        cmocka_unit_test(unlink_stops_propagation),
        cmocka_unit_test(linking_to_a_dead_pid_returns_noproc),
        cmocka_unit_test(monitoring_a_dead_pid_gives_noproc_down),
        cmocka_unit_test(down_carries_the_exit_reason),
        cmocka_unit_test(demonitor_stops_down),
        cmocka_unit_test(demonitor_with_flush_drops_queued_down),
        cmocka_unit_test(links_are_idempotent_and_bidirectional),
        cmocka_unit_test(long_chain_dies_to_the_last_process),
        cmocka_unit_test(concurrent_mesh_links_once_per_pair),
        cmocka_unit_test(allocation_failures_are_reported_not_fatal),
        cmocka_unit_test(bad_targets_are_refused),
        cmocka_unit_test(stop_with_linked_chain_alive_frees_everything),
        cmocka_unit_test(stop_with_linked_vm_processes_alive_frees_everything),
    };
    return cmocka_run_group_tests(tests, rt_setup, rt_teardown);
}
