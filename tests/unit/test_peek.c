/* test_peek.c — one process up close from the host: its mailbox grouped
 * by message shape, a page of its messages, and suspend/resume with
 * erlang:suspend_process semantics (a suspended process runs no code,
 * messages still queue, resumes are counted). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "mote.h"
#include "eval_test.h"

#define WAIT_MS 60000 /* generous: the machine may be loaded */

/* :box waits for :go and never reads anything else: 30 {:data, i, i}
 * tuples, 5 :tick atoms and 2 binaries stay in its queue. */
static void mailbox_is_summarised_by_shape_most_frequent_first(void **state)
{
    mote_rt *rt = *state;
    run(rt, "pid = spawn(fn -> receive do :go -> :ok end end)\n"
            "Process.register(pid, :box)\n"
            "for i <- 1..30, do: send(pid, {:data, i, i})\n"
            "for _ <- 1..5, do: send(pid, :tick)\n"
            "send(pid, \"a\")\nsend(pid, \"b\")\n");
    mote_pid box = whereis(rt, "box");
    mote_msg_shape shapes[8];
    size_t n = 0;
    uint64_t total = 0;
    assert_int_equal(mote_mailbox_shapes(rt, box, shapes, 8, &n, &total, WAIT_MS), 0);
    assert_int_equal(total, 37);
    assert_int_equal(n, 3);
    assert_string_equal(shapes[0].shape, "{:data, _, _}");
    assert_int_equal(shapes[0].count, 30);
    assert_string_equal(shapes[1].shape, ":tick");
    assert_int_equal(shapes[1].count, 5);
    assert_string_equal(shapes[2].shape, "binary");

    /* With room for two rows, the rest is counted as "(other)". */
    assert_int_equal(mote_mailbox_shapes(rt, box, shapes, 2, &n, &total, WAIT_MS), 0);
    assert_int_equal(n, 2);
    assert_string_equal(shapes[1].shape, "(other)");
    assert_int_equal(shapes[0].count + shapes[1].count, 37);

    mote_msg_text texts[4];
    assert_int_equal(mote_mailbox_messages(rt, box, 28, texts, 4, &n, WAIT_MS), 0);
    assert_int_equal(n, 4);
    assert_string_equal(texts[0].text, "{:data, 29, 29}");
    assert_string_equal(texts[2].text, ":tick");
    assert_int_equal(mote_mailbox_messages(rt, box, 36, texts, 4, &n, WAIT_MS), 0);
    assert_int_equal(n, 1);
    assert_string_equal(texts[0].text, "\"b\"");
    /* Memory counts the queued messages too (an envelope each, at least
     * next pointer, kind, sender, term and fragment: 40 bytes). */
    mote_proc_info pi;
    assert_int_equal(mote_proc_info_get(rt, box, &pi), 0);
    assert_true(pi.total_bytes >= pi.heap_bytes + 37 * 40);
    run(rt, "send(:box, :go)\n");
}

static void dead_process_has_no_mailbox(void **state)
{
    mote_rt *rt = *state;
    run(rt, "Process.register(spawn(fn -> receive do :die -> :ok end end), :short)\n");
    mote_pid pid = whereis(rt, "short");
    run(rt, "send(:short, :die)\n");
    assert_int_equal(mote_wait_exit(rt, pid, WAIT_MS, NULL, 0) == MOTE_ETIMEOUT, 0);
    mote_msg_shape shapes[2];
    size_t n;
    uint64_t total;
    assert_int_equal(mote_mailbox_shapes(rt, pid, shapes, 2, &n, &total, WAIT_MS), MOTE_ENOPROC);
    assert_int_equal(mote_proc_suspend(rt, pid, WAIT_MS), MOTE_ENOPROC);
}

/* A counter: {:inc} adds one, {:get, from} answers the count. */
static const char start_counter[] =
    "defmodule PeekCounter do\n"
    "  def loop(n) do\n"
    "    receive do\n"
    "      :inc -> loop(n + 1)\n"
    "      {:get, from} -> send(from, {:count, n}); loop(n)\n"
    "    end\n"
    "  end\n"
    "end\n"
    "Process.register(spawn(fn -> PeekCounter.loop(0) end), :ctr)\n";

/* Kills :ctr and waits until it is gone (and its name free again). */
static void kill_ctr(mote_rt *rt)
{
    mote_pid ctr = whereis(rt, "ctr");
    run(rt, "Process.exit(Process.whereis(:ctr), :kill)\n");
    assert_int_equal(mote_wait_exit(rt, ctr, WAIT_MS, NULL, 0) == MOTE_ETIMEOUT, 0);
}

static mote_status status_of(mote_rt *rt, mote_pid pid, mote_proc_info *pi)
{
    assert_int_equal(mote_proc_info_get(rt, pid, pi), 0);
    return pi->status;
}

/* Waits (bounded, generously) until pid reads suspended. */
static void until_suspended(mote_rt *rt, mote_pid pid)
{
    mote_proc_info pi;
    for (int i = 0; i < WAIT_MS && status_of(rt, pid, &pi) != MOTE_S_SUSPENDED; i++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    assert_int_equal(pi.status, MOTE_S_SUSPENDED);
}

static void suspended_process_runs_nothing_until_resumed(void **state)
{
    mote_rt *rt = *state;
    run(rt, start_counter);
    mote_pid ctr = whereis(rt, "ctr");
    assert_int_equal(mote_proc_suspend(rt, ctr, WAIT_MS), 0);
    until_suspended(rt, ctr);
    run(rt, "for _ <- 1..3, do: send(:ctr, :inc)\n");
    mote_proc_info pi;
    /* Messages queue up but are not taken: the queue stays at three. */
    until_suspended(rt, ctr);
    assert_int_equal(status_of(rt, ctr, &pi), MOTE_S_SUSPENDED);
    assert_int_equal(pi.message_queue_len, 3);
    assert_int_equal(mote_proc_resume(rt, ctr, WAIT_MS), 0);
    run(rt, "send(:ctr, {:get, self()})\n"
            "receive do {:count, 3} -> :ok end\n");
    assert_int_equal(mote_proc_resume(rt, ctr, WAIT_MS), MOTE_ESTATE);
    kill_ctr(rt);
}

static void suspensions_are_counted(void **state)
{
    mote_rt *rt = *state;
    run(rt, start_counter);
    mote_pid ctr = whereis(rt, "ctr");
    assert_int_equal(mote_proc_suspend(rt, ctr, WAIT_MS), 0);
    assert_int_equal(mote_proc_suspend(rt, ctr, WAIT_MS), 0);
    assert_int_equal(mote_proc_resume(rt, ctr, WAIT_MS), 0);
    until_suspended(rt, ctr);
    assert_int_equal(mote_proc_resume(rt, ctr, WAIT_MS), 0);
    assert_int_equal(mote_proc_resume(rt, ctr, WAIT_MS), MOTE_ESTATE);
    run(rt, "send(:ctr, :inc)\nsend(:ctr, {:get, self()})\n"
            "receive do {:count, 1} -> :ok end\n");
    kill_ctr(rt);
}

static void erlang_suspend_process_from_the_language(void **state)
{
    mote_rt *rt = *state;
    run(rt, start_counter);
    mote_pid ctr = whereis(rt, "ctr");
    run(rt, "true = :erlang.suspend_process(Process.whereis(:ctr))\n");
    until_suspended(rt, ctr);
    run(rt, "send(:ctr, :inc)\n"
            "true = :erlang.resume_process(Process.whereis(:ctr))\n"
            "send(:ctr, {:get, self()})\n"
            "receive do {:count, 1} -> :ok end\n"
            "try do\n"
            "  :erlang.resume_process(Process.whereis(:ctr))\n"
            "  System.halt(3)\n"
            "rescue\n"
            "  ArgumentError -> :ok\n"
            "end\n"
            "try do\n"
            "  :erlang.suspend_process(self())\n"
            "  System.halt(4)\n"
            "rescue\n"
            "  ArgumentError -> :ok\n"
            "end\n");
    kill_ctr(rt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mailbox_is_summarised_by_shape_most_frequent_first),
        cmocka_unit_test(dead_process_has_no_mailbox),
        cmocka_unit_test(suspended_process_runs_nothing_until_resumed),
        cmocka_unit_test(suspensions_are_counted),
        cmocka_unit_test(erlang_suspend_process_from_the_language),
    };
    return cmocka_run_group_tests(tests, rt_setup, rt_teardown);
}
