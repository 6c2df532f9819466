/* test_snap.c — runtime-side snapshots (mote_snapshot_*): counts, top-K
 * order by each key (text keys too), growth since the previous take, the filter,
 * snapshots taken while schedulers run busy processes (a TSan target), and a
 * slot held locked by another thread during the walk. */
#include <pthread.h>
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
#include "node.h"

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

/* A take on another thread, for a test that holds a slot meanwhile. */
typedef struct Taker {
    mote_snapshot *s;
    mote_snapshot_header h;
    const mote_snapshot_row *rows;
    size_t n;
    int rc;
} Taker;

static void *take_on_thread(void *arg)
{
    Taker *t = arg;
    mote_snapshot_query q = {MOTE_SNAP_MSGQ, 1, NULL};
    t->rc = mote_snapshot_take(t->s, &q, &t->h, &t->rows, &t->n);
    return NULL;
}

/* The walk puts a slot another thread holds locked (as a send does) off
 * until it is let go, then reads it like any other: q1 still tops the
 * queue-length order and every process is counted. */
static void locked_slot_is_read_once_let_go(void **state)
{
    mote_rt *rt = *state;
    mote_pid q1 = whereis(rt, "q1");
    Taker t = {0};
    assert_int_equal(mote_snapshot_new(rt, &t.s), 0);
    take_on_thread(&t);
    uint64_t nprocs = t.h.nprocs;
    Node *n = node_of_rt(rt);
    assert_non_null(node_lock_pid(n, (Term)q1));
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, take_on_thread, &t), 0);
    struct timespec ts = {0, 20000000}; /* lets the walk reach the slot */
    nanosleep(&ts, NULL);
    node_unlock_pid(n, (Term)q1);
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.h.nprocs, nprocs);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.rows[0].info.pid, q1);
    assert_int_equal(t.rows[0].msgq, 300);
    mote_snapshot_free(t.s);
}

/* Where pid is among the rows, or n when absent. */
static size_t index_of(const mote_snapshot_row *rows, size_t n, mote_pid pid)
{
    size_t i = 0;
    while (i < n && rows[i].info.pid != pid)
        i++;
    return i;
}

/* :sn_b waits in SnapNames.a_wait/0, :sn_a in b_wait/0 (so the name and
 * function orders differ); :sn_call says it waits on :sn_a in a call;
 * one unnamed process runs SnapNames.a_wait/0 from spawn/3. */
static const char start_named[] =
    "defmodule SnapNames do\n"
    "  def a_wait, do: receive(do: (:stop -> :ok))\n"
    "  def b_wait, do: receive(do: (:stop -> :ok))\n"
    "  def call_wait(on), do: (:mote.set_waiting_on(on); a_wait())\n"
    "end\n"
    "Process.register(spawn(SnapNames, :a_wait, []), :sn_b)\n"
    "Process.register(spawn(SnapNames, :b_wait, []), :sn_a)\n"
    "Process.register(spawn(SnapNames, :call_wait, [Process.whereis(:sn_a)]), :sn_call)\n"
    "spawn(SnapNames, :a_wait, [])\n"
    "Process.sleep(50)\n";

/* The text a row ranks by for the name key, as the table shows it. */
static const char *name_text(const mote_snapshot_row *r)
{
    return r->info.registered_name[0] ? r->info.registered_name : r->info.initial_call;
}

static void name_key_ranks_names_and_initial_calls_a_to_z(void **state)
{
    mote_rt *rt = *state;
    run(rt, start_named);
    mote_snapshot *s;
    assert_int_equal(mote_snapshot_new(rt, &s), 0);
    mote_snapshot_header h;
    const mote_snapshot_row *rows;
    size_t n;
    take(s, MOTE_SNAP_NAME, 0, NULL, &h, &rows, &n);
    assert_int_equal(n, h.nprocs);
    for (size_t i = 1; i < n; i++) {
        const char *a = name_text(&rows[i - 1]), *b = name_text(&rows[i]);
        if (*b) /* a process without a name or initial call ranks last */
            assert_true(*a && strncmp(a, b, 47) <= 0);
    }
    size_t ia = index_of(rows, n, whereis(rt, "sn_a")), ib = index_of(rows, n, whereis(rt, "sn_b"));
    assert_true(ia < ib && ib < n);
    /* The first two of a top-2 are the first two of the full order. */
    mote_pid first = rows[0].info.pid, second = rows[1].info.pid;
    take(s, MOTE_SNAP_NAME, 2, NULL, &h, &rows, &n);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].info.pid, first);
    assert_int_equal(rows[1].info.pid, second);
    mote_snapshot_free(s);
}

static void function_key_ranks_current_functions_a_to_z(void **state)
{
    mote_rt *rt = *state;
    mote_snapshot *s;
    assert_int_equal(mote_snapshot_new(rt, &s), 0);
    mote_snapshot_header h;
    const mote_snapshot_row *rows;
    size_t n;
    take(s, MOTE_SNAP_FUNCTION, 0, NULL, &h, &rows, &n);
    size_t ia = index_of(rows, n, whereis(rt, "sn_a")), ib = index_of(rows, n, whereis(rt, "sn_b"));
    assert_string_equal(rows[ib].info.current_function, "SnapNames.a_wait/0");
    assert_string_equal(rows[ia].info.current_function, "SnapNames.b_wait/0");
    assert_true(ib < ia && ia < n);
    mote_snapshot_free(s);
}

/* Whether every row after i is suspended or exiting. */
static bool only_stopped_after(const mote_snapshot_row *rows, size_t n, size_t i)
{
    while (++i < n)
        if (rows[i].info.status != MOTE_S_SUSPENDED && rows[i].info.status != MOTE_S_EXITING)
            return false;
    return true;
}

static void status_key_ranks_calls_before_waits_and_suspended_last(void **state)
{
    mote_rt *rt = *state;
    mote_pid sa = whereis(rt, "sn_a"), call = whereis(rt, "sn_call");
    assert_int_equal(mote_proc_suspend(rt, sa, 5000), 0);
    mote_snapshot *s;
    assert_int_equal(mote_snapshot_new(rt, &s), 0);
    mote_snapshot_header h;
    const mote_snapshot_row *rows;
    size_t n;
    size_t ia = 0;
    /* The suspension is taken before the process marks itself blocked:
     * wait (a generous bound) until it shows as suspended. */
    for (int tries = 0; tries < 5000; tries++) {
        take(s, MOTE_SNAP_STATUS, 0, NULL, &h, &rows, &n);
        ia = index_of(rows, n, sa);
        if (ia < n && rows[ia].info.status == MOTE_S_SUSPENDED && only_stopped_after(rows, n, ia))
            break;
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    assert_true(ia < n);
    assert_int_equal(rows[ia].info.status, MOTE_S_SUSPENDED);
    size_t ic = index_of(rows, n, call), ib = index_of(rows, n, whereis(rt, "sn_b"));
    assert_true(ic < ib && ib < n);
    assert_true(only_stopped_after(rows, n, ia));
    assert_int_equal(mote_proc_resume(rt, sa, 5000), 0);
    mote_snapshot_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(top_k_by_queue_length_is_best_first),
        cmocka_unit_test(growth_is_measured_against_the_previous_take),
        cmocka_unit_test(filter_keeps_matching_names_only),
        cmocka_unit_test(snapshots_while_schedulers_run),
        cmocka_unit_test(locked_slot_is_read_once_let_go),
        cmocka_unit_test(name_key_ranks_names_and_initial_calls_a_to_z),
        cmocka_unit_test(function_key_ranks_current_functions_a_to_z),
        cmocka_unit_test(status_key_ranks_calls_before_waits_and_suspended_last),
    };
    return cmocka_run_group_tests(tests, rt_setup, rt_teardown);
}
