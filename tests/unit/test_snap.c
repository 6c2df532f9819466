/* test_snap.c — runtime-side snapshots (mote_snapshot_*): counts, top-K
 * order by each key, growth since the previous take, the filter, and
 * snapshots taken while schedulers run busy processes (a TSan target). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "mote.h"
#include "eval_test.h"

static void take(mote_snapshot *s, mote_snap_key key, size_t k, const char *filter,
                 mote_snapshot_header *h, const mote_snapshot_row **rows, size_t *n)
{
    mote_snapshot_query q = {key, k, filter};
    assert_int_equal(mote_snapshot_take(s, &q, h, rows, n), 0);
}

/* 200 idle processes, and :q1 / :q2 with 300 and 100 queued messages. */
static const char start_procs[] =
    "for _ <- 1..200, do: spawn(fn -> receive do :stop -> :ok end end)\n"
    "q1 = spawn(fn -> receive do :never -> :ok end end)\n"
    "q2 = spawn(fn -> receive do :never -> :ok end end)\n"
    "Process.register(q1, :q1)\nProcess.register(q2, :q2)\n"
    "for i <- 1..300, do: send(q1, {:m, i})\n"
    "for i <- 1..100, do: send(q2, {:m, i})\n";

static void top_k_by_queue_length_is_best_first(void **state)
{
    mote_rt *rt = *state;
    run(rt, start_procs);
    mote_snapshot *s;
    assert_int_equal(mote_snapshot_new(rt, &s), 0);
    mote_snapshot_header h;
    const mote_snapshot_row *rows;
    size_t n;
    take(s, MOTE_SNAP_MSGQ, 5, NULL, &h, &rows, &n);
    assert_true(h.nprocs >= 202);
    assert_int_equal(h.nmatched, h.nprocs);
    assert_int_equal(h.seq, 1);
    assert_int_equal(n, 5);
    assert_int_equal(rows[0].info.pid, whereis(rt, "q1"));
    assert_int_equal(rows[0].msgq, 300);
    assert_string_equal(rows[0].info.registered_name, "q1");
    assert_int_equal(rows[1].info.pid, whereis(rt, "q2"));
    assert_int_equal(h.max[MOTE_SNAP_MSGQ].pid, whereis(rt, "q1"));
    assert_true(h.msgq_total >= 400);
    for (size_t i = 1; i < n; i++)
        assert_true(rows[i - 1].msgq >= rows[i].msgq);

    /* Every process, ascending pid, with no limit. */
    take(s, MOTE_SNAP_PID, 0, NULL, &h, &rows, &n);
    assert_int_equal(n, h.nprocs);
    for (size_t i = 1; i < n; i++)
        assert_true(rows[i - 1].info.pid < rows[i].info.pid);
    mote_snapshot_free(s);
}

static void growth_is_measured_against_the_previous_take(void **state)
{
    mote_rt *rt = *state;
    mote_snapshot *s;
    assert_int_equal(mote_snapshot_new(rt, &s), 0);
    mote_snapshot_header h;
    const mote_snapshot_row *rows;
    size_t n;
    take(s, MOTE_SNAP_MSGQ_GROWTH, 3, NULL, &h, &rows, &n);
    assert_int_equal(h.interval_s, 0);
    run(rt, "for i <- 1..50, do: send(:q2, {:more, i})\n");
    struct timespec ts = {0, 20000000};
    nanosleep(&ts, NULL);
    take(s, MOTE_SNAP_MSGQ_GROWTH, 3, NULL, &h, &rows, &n);
    assert_int_equal(h.seq, 2);
    assert_true(h.interval_s > 0);
    assert_int_equal(rows[0].info.pid, whereis(rt, "q2"));
    assert_true(rows[0].msgq_per_sec > 0);
    mote_snapshot_free(s);
}

static void filter_keeps_matching_names_only(void **state)
{
    mote_rt *rt = *state;
    mote_snapshot *s;
    assert_int_equal(mote_snapshot_new(rt, &s), 0);
    mote_snapshot_header h;
    const mote_snapshot_row *rows;
    size_t n;
    take(s, MOTE_SNAP_REDS, 10, "q1", &h, &rows, &n);
    assert_int_equal(h.nmatched, 1);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].info.registered_name, "q1");
    mote_snapshot_query bad = {MOTE_SNAP_NKEYS, 1, NULL};
    assert_int_equal(mote_snapshot_take(s, &bad, &h, &rows, &n), MOTE_EINVAL);
    mote_snapshot_free(s);
}

/* Busy processes keep both schedulers running (each sends itself a
 * message per message) while the host takes snapshots: the reads race
 * nothing (TSan checks) and the busiest rows are the busy ones. */
static void snapshots_while_schedulers_run(void **state)
{
    mote_rt *rt = *state;
    run(rt, "defmodule SnapBusy do\n"
            "  def loop(0), do: receive(do: (:stop -> :ok))\n"
            "  def loop(n), do: (send(self(), :x); receive(do: (:x -> loop(n - 1))))\n"
            "end\n"
            "for i <- 1..20, do: Process.register(spawn(fn -> SnapBusy.loop(20_000) end),"
            " String.to_atom(\"busy#{i}\"))\n");
    mote_snapshot *s;
    assert_int_equal(mote_snapshot_new(rt, &s), 0);
    mote_snapshot_header h;
    const mote_snapshot_row *rows;
    size_t n;
    for (int i = 0; i < 20; i++) {
        take(s, MOTE_SNAP_REDS, 10, NULL, &h, &rows, &n);
        assert_true(n <= 10);
        for (size_t j = 1; j < n; j++)
            assert_true(rows[j - 1].reds_per_sec >= rows[j].reds_per_sec);
    }
    mote_snapshot_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(top_k_by_queue_length_is_best_first),
        cmocka_unit_test(growth_is_measured_against_the_previous_take),
        cmocka_unit_test(filter_keeps_matching_names_only),
        cmocka_unit_test(snapshots_while_schedulers_run),
    };
    return cmocka_run_group_tests(tests, rt_setup, rt_teardown);
}
