/* test_otp.c — the OTP layer (the behaviours in lib/ex and lib/mote_otp.c) seen from a
 * host: what real supervisors, applications and GenServer calls record for
 * the observer (mote_sup_info_get, mote_restart_log, mote_proc_info), and
 * the bounded mailbox that :mote.set_mailbox_limit/2 installs. Each test
 * starts its processes from the language, unlinked from the evaluator so
 * they outlive the eval, and synchronises with calls, never with sleeps. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mote.h"
#include "eval_test.h"

/* A one_for_one supervisor :s1 over an Agent :w1, whose worker is killed
 * once; the script returns when the supervisor has answered a call after
 * the restart, so its published children are current. */
static const char restart_script[] =
    "{:ok, sup} = Supervisor.start_link([%{id: :w1, start: {Agent, :start_link, [fn -> 0 end, [name: :w1]]}}],\n"
    "  strategy: :one_for_one, max_restarts: 7, max_seconds: 9, name: :s1)\n"
    "Process.unlink(sup)\n"
    "old = Process.whereis(:w1)\n"
    "Process.exit(old, :kill)\n"
    "wait = fn wait ->\n"
    "  case Supervisor.which_children(:s1) do\n"
    "    [{:w1, p, :worker, _}] when is_pid(p) and p != old -> :ok\n"
    "    _ -> wait.(wait)\n"
    "  end\n"
    "end\n"
    "wait.(wait)\n"
    "Supervisor.count_children(:s1)\n";

static void supervisor_restart_is_recorded_for_the_observer(void **state)
{
    mote_rt *rt = *state;
    run(rt, restart_script);
    mote_pid sup = whereis(rt, "s1"), w1 = whereis(rt, "w1");
    mote_sup_info info;
    assert_int_equal(mote_sup_info_get(rt, sup, &info), 0);
    assert_int_equal(info.kind, MOTE_SUP_SUPERVISOR);
    assert_string_equal(info.strategy, "one_for_one");
    assert_int_equal(info.max_restarts, 7);
    assert_int_equal(info.max_seconds, 9);
    assert_int_equal(info.restarts, 1);
    assert_int_equal(info.nchildren, 1);
    assert_string_equal(info.children[0].id, ":w1");
    assert_int_equal(info.children[0].pid, w1);
    assert_int_equal(info.children[0].restart, MOTE_RESTART_PERMANENT);
    assert_int_equal(info.nlog, 1);
    assert_string_equal(info.log[0].child_id, ":w1");
    assert_string_equal(info.log[0].reason, ":killed");
    assert_int_equal(info.log[0].new_pid, w1);
    assert_false(info.log[0].gave_up);
    mote_sup_info_free(&info);

    mote_restart_event ev[4];
    size_t n = 0;
    assert_int_equal(mote_restart_log(rt, ev, 4, &n), 0);
    assert_true(n >= 1);
    assert_int_equal(ev[0].supervisor, sup);
    run(rt, "Supervisor.stop(:s1)\n");
}

/* Two levels under a top supervisor with max_restarts: 0: the worker's
 * death makes the inner one give up, and then the top. */
static const char give_up_script[] =
    "Process.flag(:trap_exit, true)\n"
    "inner = %{id: :inner, type: :supervisor, start: {Supervisor, :start_link,\n"
    "  [[%{id: :w2, start: {Agent, :start_link, [fn -> 0 end, [name: :w2]]}}],\n"
    "   [strategy: :one_for_one, max_restarts: 0, name: :inner2]]}}\n"
    "{:ok, top} = Supervisor.start_link([inner], strategy: :one_for_all, max_restarts: 0, name: :top2)\n"
    "Process.unlink(top)\n"
    "ref = Process.monitor(top)\n"
    "Process.exit(Process.whereis(:w2), :kill)\n"
    "receive do {:DOWN, ^ref, _, _, :shutdown} -> :ok end\n";

static void giving_up_is_recorded_in_the_node_log(void **state)
{
    mote_rt *rt = *state;
    run(rt, give_up_script);
    mote_restart_event ev[8];
    size_t n = 0;
    assert_int_equal(mote_restart_log(rt, ev, 8, &n), 0);
    assert_true(n >= 2);
    /* Newest first: the top gave up after the inner one did. */
    assert_true(ev[0].gave_up);
    assert_string_equal(ev[0].child_id, "$supervisor");
    assert_true(ev[1].gave_up);
    assert_true(ev[0].supervisor != ev[1].supervisor);
}

static const char app_script[] =
    "defmodule OtpUnitApp do\n"
    "  use Application\n"
    "  def start(_, _), do: Supervisor.start_link([], strategy: :one_for_one, name: :app_top)\n"
    "end\n"
    ":ok = Application.start(OtpUnitApp)\n"
    "Supervisor.count_children(:app_top)\n";

static void application_top_supervisor_is_marked_as_its_root(void **state)
{
    mote_rt *rt = *state;
    run(rt, app_script);
    mote_sup_info info;
    assert_int_equal(mote_sup_info_get(rt, whereis(rt, "app_top"), &info), 0);
    /* The module's name, with or without the Elixir. prefix. */
    assert_non_null(strstr(info.app, "OtpUnitApp"));
    mote_sup_info_free(&info);
    run(rt, ":ok = Application.stop(OtpUnitApp)\n");
}

/* :blocked takes a call and holds it until told :go; :caller is in that
 * call when the script returns. */
static const char call_script[] =
    "defmodule OtpUnitHold do\n"
    "  use GenServer\n"
    "  def init(tester), do: {:ok, tester}\n"
    "  def handle_call(:hold, _from, tester) do\n"
    "    send(tester, :in_call)\n"
    "    receive do :go -> {:reply, :ok, tester} end\n"
    "  end\n"
    "end\n"
    "{:ok, _} = GenServer.start(OtpUnitHold, self(), name: :blocked)\n"
    "c = spawn(fn -> GenServer.call(:blocked, :hold, :infinity) end)\n"
    "Process.register(c, :caller)\n"
    "receive do :in_call -> :ok end\n";

static void a_call_shows_the_server_it_waits_on(void **state)
{
    mote_rt *rt = *state;
    run(rt, call_script);
    mote_pid server = whereis(rt, "blocked"), caller = whereis(rt, "caller");
    mote_proc_info pi;
    /* The caller records the server just before its receive; the server
     * being in the call does not prove the caller got that far, so look
     * until it has (bounded: a stuck caller fails the test). */
    for (int i = 0; i < 100000; i++) {
        assert_int_equal(mote_proc_info_get(rt, caller, &pi), 0);
        if (pi.waiting_on != 0)
            break;
    }
    assert_int_equal(pi.waiting_on, server);
    run(rt, "send(:blocked, :go)\nGenServer.stop(:blocked)\n");
}

/* A process bounds its mailbox to 3 (:drop_newest) and then waits for a
 * message that never comes; 10 sends leave 3 queued. */
static const char bound_script[] =
    "me = self()\n"
    "p = spawn(fn -> :mote.set_mailbox_limit(3, :drop_newest); send(me, :bounded); receive do :never -> :ok end end)\n"
    "Process.register(p, :bounded)\n"
    "receive do :bounded -> :ok end\n"
    "for i <- 1..10, do: send(p, i)\n";

static void mailbox_limit_keeps_the_first_messages(void **state)
{
    mote_rt *rt = *state;
    run(rt, bound_script);
    mote_proc_info pi;
    assert_int_equal(mote_proc_info_get(rt, whereis(rt, "bounded"), &pi), 0);
    assert_int_equal(pi.message_queue_len, 3);
    run(rt, "Process.exit(Process.whereis(:bounded), :kill)\n");
}

static void mailbox_limit_refuses_bad_arguments(void **state)
{
    mote_rt *rt = *state;
    run(rt, "try do\n"
            "  :mote.set_mailbox_limit(-1, :drop_newest)\n"
            "  raise \"accepted a bad argument\"\n"
            "rescue\n"
            "  ArgumentError -> :ok\n"
            "end\n"
            "try do\n"
            "  :mote.set_mailbox_limit(5, :sometimes)\n"
            "  raise \"accepted a bad argument\"\n"
            "rescue\n"
            "  ArgumentError -> :ok\n"
            "end\n"
            ":ok = :mote.set_mailbox_limit(:infinity, :kill)\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(supervisor_restart_is_recorded_for_the_observer),
        cmocka_unit_test(giving_up_is_recorded_in_the_node_log),
        cmocka_unit_test(application_top_supervisor_is_marked_as_its_root),
        cmocka_unit_test(a_call_shows_the_server_it_waits_on),
        cmocka_unit_test(mailbox_limit_keeps_the_first_messages),
        cmocka_unit_test(mailbox_limit_refuses_bad_arguments),
    };
    return cmocka_run_group_tests(tests, rt_setup, rt_teardown);
}
