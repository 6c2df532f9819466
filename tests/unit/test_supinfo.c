/* test_supinfo.c — supervision data: what the :mote.sup_* builtins record
 * is what mote_sup_info_get, mote_restart_log and mote_supervisors read
 * back from the host, and set_waiting_on shows in mote_proc_info. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mote.h"
#include "eval_test.h"

/* A supervisor-like process named :sup1 with a worker :w1, both waiting
 * until told :stop. */
static const char start_sup[] =
    "me = self()\n"
    "spawn(fn ->\n"
    "  w = spawn(fn -> receive do :stop -> :ok end end)\n"
    "  Process.register(w, :w1)\n"
    "  Process.register(self(), :sup1)\n"
    "  :ok = :mote.sup_register(:supervisor, :one_for_all, 3, 5)\n"
    "  :ok = :mote.sup_children([{:w1, w, :worker, :permanent},\n"
    "                            {Sub, :undefined, :supervisor, :transient},\n"
    "                            {{:t, 1}, :restarting, :worker, :temporary}])\n"
    "  send(me, :ready)\n"
    "  loop = fn loop ->\n"
    "    receive do\n"
    "      {:restart, id, old, new, why} -> :mote.sup_restart(id, old, new, why); loop.(loop)\n"
    "      {:gave_up, why} -> :mote.sup_gave_up(why); loop.(loop)\n"
    "      {:app, a} -> :mote.app_register(a); loop.(loop)\n"
    "      {:ping, from} -> send(from, :pong); loop.(loop)\n"
    "      :stop -> :ok\n"
    "    end\n"
    "  end\n"
    "  loop.(loop)\n"
    "end)\n"
    "receive do :ready -> :ok end\n";

/* Stops :sup1 and :w1 and waits for both, so the next test starts with
 * no supervisor (the tests share one runtime). */
static void stop_sup(mote_rt *rt)
{
    mote_pid sup = whereis(rt, "sup1"), w1 = whereis(rt, "w1");
    run(rt, "send(:w1, :stop)\nsend(:sup1, :stop)\n");
    assert_int_equal(mote_wait_exit(rt, sup, 60000, NULL, 0) == MOTE_ETIMEOUT, 0);
    assert_int_equal(mote_wait_exit(rt, w1, 60000, NULL, 0) == MOTE_ETIMEOUT, 0);
}

static void registered_supervisor_reads_back_kind_strategy_and_children(void **state)
{
    mote_rt *rt = *state;
    run(rt, start_sup);
    mote_pid sup = whereis(rt, "sup1"), w1 = whereis(rt, "w1");
    mote_sup_info info;
    assert_int_equal(mote_sup_info_get(rt, sup, &info), 0);
    assert_int_equal(info.kind, MOTE_SUP_SUPERVISOR);
    assert_string_equal(info.strategy, "one_for_all");
    assert_int_equal(info.max_restarts, 3);
    assert_int_equal(info.max_seconds, 5);
    assert_int_equal(info.restarts, 0);
    assert_int_equal(info.nchildren, 3);
    assert_string_equal(info.children[0].id, ":w1");
    assert_int_equal(info.children[0].pid, w1);
    assert_int_equal(info.children[0].state, MOTE_CHILD_RUNNING);
    assert_false(info.children[0].supervisor);
    assert_string_equal(info.children[1].id, "Sub");
    assert_int_equal(info.children[1].state, MOTE_CHILD_UNDEFINED);
    assert_true(info.children[1].supervisor);
    assert_int_equal(info.children[1].restart, MOTE_RESTART_TRANSIENT);
    assert_string_equal(info.children[2].id, "{:t, 1}");
    assert_int_equal(info.children[2].state, MOTE_CHILD_RESTARTING);
    assert_int_equal(info.children[2].restart, MOTE_RESTART_TEMPORARY);
    assert_int_equal(info.nlog, 0);
    mote_sup_info_free(&info);
    mote_pid sups[4];
    size_t n = 0;
    assert_int_equal(mote_supervisors(rt, sups, 4, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(sups[0], sup);
    stop_sup(rt);
}

/* Sends a command to :sup1 and waits for it to have been handled (a ping
 * behind it comes back), so the host reads after the builtin ran. */
static void tell_sup(mote_rt *rt, const char *cmd)
{
    char src[512];
    snprintf(src, sizeof src,
             "send(:sup1, %s)\nsend(:sup1, {:ping, self()})\nreceive do :pong -> :ok end\n", cmd);
    run(rt, src);
}

static void restarts_are_logged_counted_and_merged_into_children(void **state)
{
    mote_rt *rt = *state;
    run(rt, start_sup);
    mote_pid sup = whereis(rt, "sup1");
    tell_sup(rt, "{:restart, :w1, Process.whereis(:w1), spawn(fn -> :ok end), :boom}");
    tell_sup(rt, "{:restart, :w1, :undefined, :undefined, {:shutdown, 'x'}}");
    tell_sup(rt, "{:gave_up, :shutdown}");
    mote_sup_info info;
    assert_int_equal(mote_sup_info_get(rt, sup, &info), 0);
    assert_int_equal(info.restarts, 2);
    assert_int_equal(info.restarts_in_window, 2);
    assert_int_equal(info.nlog, 3);
    assert_true(info.log[0].gave_up);
    assert_string_equal(info.log[0].child_id, "$supervisor");
    assert_string_equal(info.log[0].reason, ":shutdown");
    assert_string_equal(info.log[1].reason, "{:shutdown, 'x'}");
    assert_int_equal(info.log[1].new_pid, 0);
    assert_string_equal(info.log[2].child_id, ":w1");
    assert_string_equal(info.log[2].reason, ":boom");
    assert_int_equal(info.log[2].old_pid, whereis(rt, "w1"));
    assert_true(info.log[2].new_pid != 0);
    assert_true(info.log[2].wall_ms > 0);
    assert_int_equal(info.children[0].restarts, 2);
    assert_string_equal(info.children[0].last_exit_reason, "{:shutdown, 'x'}");
    assert_int_equal(info.children[1].restarts, 0);
    mote_sup_info_free(&info);

    mote_restart_event ev[8];
    size_t n = 0;
    assert_int_equal(mote_restart_log(rt, ev, 8, &n), 0);
    assert_int_equal(n, 3);
    assert_true(ev[0].gave_up);
    assert_int_equal(ev[2].supervisor, sup);
    assert_int_equal(mote_restart_log(rt, ev, 1, &n), 0);
    assert_int_equal(n, 1);

    mote_proc_info pi;
    assert_int_equal(mote_proc_info_get(rt, sup, &pi), 0);
    assert_int_equal(pi.restarts, 2);
    stop_sup(rt);
}

static void app_register_names_the_tree_root(void **state)
{
    mote_rt *rt = *state;
    run(rt, start_sup);
    tell_sup(rt, "{:app, :my_app}");
    mote_sup_info info;
    assert_int_equal(mote_sup_info_get(rt, whereis(rt, "sup1"), &info), 0);
    assert_string_equal(info.app, "my_app");
    mote_sup_info_free(&info);
    stop_sup(rt);
}

static void dead_supervisor_leaves_the_set(void **state)
{
    mote_rt *rt = *state;
    run(rt, start_sup);
    mote_pid sup = whereis(rt, "sup1");
    mote_pid w1 = whereis(rt, "w1");
    run(rt, "send(:w1, :stop)\nsend(:sup1, :stop)\n");
    assert_int_equal(mote_wait_exit(rt, sup, 60000, NULL, 0) == MOTE_ETIMEOUT, 0);
    assert_int_equal(mote_wait_exit(rt, w1, 60000, NULL, 0) == MOTE_ETIMEOUT, 0);
    mote_sup_info info;
    assert_int_equal(mote_sup_info_get(rt, sup, &info), MOTE_ENOPROC);
    size_t n = 99;
    assert_int_equal(mote_supervisors(rt, NULL, 0, &n), 0);
    assert_int_equal(n, 0);
}

static void plain_process_is_not_a_supervisor(void **state)
{
    mote_rt *rt = *state;
    run(rt, start_sup);
    mote_sup_info info;
    assert_int_equal(mote_sup_info_get(rt, whereis(rt, "w1"), &info), MOTE_EINVAL);
    stop_sup(rt);
}

static void bad_arguments_raise_argument_error(void **state)
{
    mote_rt *rt = *state;
    static const char *calls[] = {
        ":mote.sup_register(:bogus, :one_for_one, 3, 5)",
        ":mote.sup_register(:supervisor, \"one\", 3, 5)",
        ":mote.sup_register(:supervisor, :one_for_one, -1, 5)",
        ":mote.sup_children(:nope)",
        ":mote.sup_children([{:a, self(), :worker}])",
        ":mote.sup_children([{:a, self(), :thing, :permanent}])",
        ":mote.sup_restart(:a, 42, :undefined, :x)",
        ":mote.app_register(\"app\")",
        ":mote.set_waiting_on(:someone)",
    };
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        char src[256];
        snprintf(src, sizeof src,
                 "try do\n  %s\n  System.halt(3)\nrescue\n  ArgumentError -> :ok\nend\n",
                 calls[i]);
        int status = -1;
        assert_int_equal(mote_eval_string(rt, src, strlen(src), 0, NULL, &status), 0);
        if (status != 0)
            fail_msg("no ArgumentError from %s", calls[i]);
    }
}

static void waiting_on_shows_in_proc_info_until_cleared(void **state)
{
    mote_rt *rt = *state;
    run(rt, "me = self()\n"
            "spawn(fn ->\n"
            "  Process.register(self(), :caller)\n"
            "  :ok = :mote.set_waiting_on(me)\n"
            "  send(me, :set)\n"
            "  receive do {:clear, from} -> :mote.set_waiting_on(nil); send(from, :cleared) end\n"
            "  receive do :stop -> :ok end\n"
            "end)\n"
            "receive do :set -> :ok end\n");
    /* The script's process has exited; the pid recorded stays as given. */
    mote_proc_info pi;
    mote_pid caller = whereis(rt, "caller");
    assert_int_equal(mote_proc_info_get(rt, caller, &pi), 0);
    assert_true(pi.waiting_on != 0);
    assert_true(pi.waiting_on != caller);
    run(rt, "send(:caller, {:clear, self()})\nreceive do :cleared -> :ok end\n");
    assert_int_equal(mote_proc_info_get(rt, caller, &pi), 0);
    assert_int_equal(pi.waiting_on, 0);
    run(rt, "send(:caller, :stop)\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(registered_supervisor_reads_back_kind_strategy_and_children),
        cmocka_unit_test(restarts_are_logged_counted_and_merged_into_children),
        cmocka_unit_test(app_register_names_the_tree_root),
        cmocka_unit_test(dead_supervisor_leaves_the_set),
        cmocka_unit_test(plain_process_is_not_a_supervisor),
        cmocka_unit_test(bad_arguments_raise_argument_error),
        cmocka_unit_test(waiting_on_shows_in_proc_info_until_cleared),
    };
    return cmocka_run_group_tests(tests, rt_setup, rt_teardown);
}
