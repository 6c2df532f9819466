/* test_embed.c — what a host embedding libmote relies on beyond the basics:
 * bounded mailboxes, introspection while processes run, timers that are
 * cancelled, order across sending threads, waits that time out, a stop
 * with processes that never go idle, and a second runtime after the
 * first one stopped. mote.h only.
 *
 * Deterministic without timing thresholds: a "gated" process is held
 * inside its handle callback (spinning on a flag the host owns) while the
 * host fills its mailbox, so what arrives during the wait is exact. Each
 * process records its exit reason in terminate and sets `done` last
 * (release); the host reads the record after seeing `done` (acquire).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "mote.h"
#include "api_test.h"

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Spins until *flag is set; false after 20 s (a hang, reported as such,
 * not a timing threshold). */
static bool await(atomic_bool *flag)
{
    uint64_t give_up = now_ms() + 20000;
    while (!atomic_load_explicit(flag, memory_order_acquire)) {
        if (now_ms() > give_up)
            return false;
        sched_yield();
    }
    return true;
}

/* ---- the gated process ------------------------------------------------ */

typedef struct Gate {
    atomic_bool entered; /* it is inside handle, holding :gate           */
    atomic_bool release; /* the host lets it go on                        */
    atomic_bool done;    /* terminate has run; the fields below are final */
    int64_t got[128];    /* integers received, in order                   */
    int ngot;
    char reason[64]; /* exit reason, as mote_format writes it         */
} Gate;

static int gated_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self;
    Gate *g = state;
    int64_t v;
    if (mote_is_atom(msg, "gate")) {
        atomic_store_explicit(&g->entered, true, memory_order_release);
        while (!atomic_load_explicit(&g->release, memory_order_acquire))
            sched_yield();
        return MOTE_OK;
    }
    if (mote_get_int(msg, &v) == MOTE_OK) {
        if (g->ngot < 128)
            g->got[g->ngot++] = v;
        return MOTE_OK;
    }
    return mote_is_atom(msg, "done") ? MOTE_STOP : MOTE_OK;
}

static void gated_terminate(mote_proc *self, void *state, mote_term reason)
{
    (void)self;
    Gate *g = state;
    mote_format(reason, g->reason, sizeof g->reason);
    atomic_store_explicit(&g->done, true, memory_order_release);
}

static int gated_init(mote_proc *self, void **state)
{
    (void)state;
    return mote_register(self, "gated");
}

static const mote_proc_class gated_class = {
    .name = "gated", .init = gated_init, .handle = gated_handle, .terminate = gated_terminate};

/* Spawns a gated process with opts, holds it in its handle, then sends
 * 1..100 while it is held. */
static mote_pid spawn_and_fill(Fix *f, Gate *g, const mote_spawn_opts *opts)
{
    mote_pid pid;
    assert_int_equal(mote_spawn(f->rt, NULL, &gated_class, g, opts, &pid), MOTE_OK);
    assert_int_equal(mote_send(f->env, pid, mote_atom(f->env, "gate")), MOTE_OK);
    assert_true(await(&g->entered));
    for (int i = 1; i <= 100; i++)
        assert_int_equal(mote_send(f->env, pid, mote_int(f->env, i)), MOTE_OK);
    mote_env_clear(f->env);
    return pid;
}

/* Lets the process go, waits until its queue is empty, then stops it. */
static void drain_and_stop(Fix *f, Gate *g, mote_pid pid)
{
    mote_proc_info info;
    atomic_store_explicit(&g->release, true, memory_order_release);
    uint64_t give_up = now_ms() + 20000;
    do {
        assert_int_equal(mote_proc_info_get(f->rt, pid, &info), MOTE_OK);
        assert_true(now_ms() < give_up);
        sched_yield();
    } while (info.message_queue_len > 0);
    assert_int_equal(mote_send(f->env, pid, mote_atom(f->env, "done")), MOTE_OK);
    assert_true(await(&g->done));
}

/* ---- tests ------------------------------------------------------------ */

static void drop_newest_keeps_the_first_messages(void **state)
{
    Fix *f = *state;
    static Gate g;
    memset(&g, 0, sizeof g);
    mote_spawn_opts opts = {.max_queue_len = 10, .overflow = MOTE_OVERFLOW_DROP_NEWEST};
    mote_pid pid = spawn_and_fill(f, &g, &opts);
    drain_and_stop(f, &g, pid);
    assert_int_equal(g.ngot, 10);
    for (int i = 0; i < 10; i++)
        assert_int_equal(g.got[i], i + 1);
    assert_string_equal(g.reason, ":normal");
}

static void drop_oldest_keeps_the_last_messages(void **state)
{
    Fix *f = *state;
    static Gate g;
    memset(&g, 0, sizeof g);
    mote_spawn_opts opts = {.max_queue_len = 10, .overflow = MOTE_OVERFLOW_DROP_OLDEST};
    mote_pid pid = spawn_and_fill(f, &g, &opts);
    drain_and_stop(f, &g, pid);
    assert_int_equal(g.ngot, 10);
    for (int i = 0; i < 10; i++)
        assert_int_equal(g.got[i], 91 + i);
}

static void overflow_kill_exits_with_mailbox_overflow(void **state)
{
    Fix *f = *state;
    static Gate g;
    memset(&g, 0, sizeof g);
    mote_spawn_opts opts = {.max_queue_len = 10, .overflow = MOTE_OVERFLOW_KILL};
    spawn_and_fill(f, &g, &opts);
    atomic_store_explicit(&g.release, true, memory_order_release);
    assert_true(await(&g.done));
    assert_string_equal(g.reason, ":mailbox_overflow");
}

static void introspection_reads_a_running_process(void **state)
{
    Fix *f = *state;
    static Gate g;
    memset(&g, 0, sizeof g);
    mote_spawn_opts opts = {.trap_exit = true};
    mote_pid pid = spawn_and_fill(f, &g, &opts);
    mote_proc_info info;
    assert_int_equal(mote_proc_info_get(f->rt, pid, &info), MOTE_OK);
    assert_true(info.pid == pid);
    assert_string_equal(info.registered_name, "gated");
    assert_string_equal(info.initial_call, "gated");
    assert_int_equal(info.status, MOTE_S_RUNNING);
    assert_int_equal(info.message_queue_len, 100);
    assert_true(info.trap_exit);
    assert_true(info.heap_bytes > 0 && info.total_bytes >= info.heap_bytes);

    mote_pid pids[64];
    size_t n = 0;
    assert_int_equal(mote_processes(f->rt, pids, 64, &n), MOTE_OK);
    bool listed = false;
    for (size_t i = 0; i < n && i < 64; i++)
        listed |= pids[i] == pid;
    assert_true(listed);

    static mote_rt_stats st;
    assert_int_equal(mote_rt_stats_get(f->rt, &st), MOTE_OK);
    assert_int_equal(st.nschedulers, 2);
    assert_true(st.process_count >= 1);
    assert_true(st.mem_total > 0);
    drain_and_stop(f, &g, pid);
}

static void info_on_a_dead_pid_is_noproc(void **state)
{
    Fix *f = *state;
    static Gate g;
    memset(&g, 0, sizeof g);
    mote_pid pid = spawn_and_fill(f, &g, NULL);
    drain_and_stop(f, &g, pid);
    mote_proc_info info;
    int rc;
    uint64_t give_up = now_ms() + 20000;
    /* terminate runs just before the process leaves the table. */
    while ((rc = mote_proc_info_get(f->rt, pid, &info)) == MOTE_OK && now_ms() < give_up)
        sched_yield();
    assert_int_equal(rc, MOTE_ENOPROC);
}

/* ---- timers ----------------------------------------------------------- */

typedef struct Rec {
    char first[64]; /* the first message, formatted */
    atomic_bool done;
} Rec;

static int record_first(mote_proc *self, void *state, mote_term msg)
{
    (void)self;
    Rec *r = state;
    mote_format(msg, r->first, sizeof r->first);
    atomic_store_explicit(&r->done, true, memory_order_release);
    return MOTE_STOP;
}

/* Arms :late at 20 ms, cancels it, arms :tick at 60 ms. Timers fire in
 * deadline order, so :late would come first if the cancel failed. */
static int canceller_init(mote_proc *self, void **state)
{
    (void)state;
    mote_env *env = mote_env_of(self);
    uint64_t late, tick;
    int rc = mote_send_after(self, 20, mote_self(self), mote_atom(env, "late"), &late);
    if (rc == MOTE_OK)
        rc = mote_cancel_timer(self, late);
    if (rc == MOTE_OK)
        rc = mote_send_after(self, 60, mote_self(self), mote_atom(env, "tick"), &tick);
    return rc;
}

static const mote_proc_class canceller_class = {
    .name = "canceller", .init = canceller_init, .handle = record_first};

static void a_cancelled_timer_never_fires(void **state)
{
    Fix *f = *state;
    static Rec r;
    memset(&r, 0, sizeof r);
    mote_pid pid;
    assert_int_equal(mote_spawn(f->rt, NULL, &canceller_class, &r, NULL, &pid), MOTE_OK);
    assert_true(await(&r.done));
    assert_string_equal(r.first, ":tick");
}

/* ---- order across sending threads -------------------------------------- */

#define NSENDERS   4
#define NPERSENDER 2000

typedef struct Order {
    int64_t next[NSENDERS]; /* the sequence number expected from each */
    long count;
    bool in_order;
    atomic_bool done;
} Order;

static int order_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self;
    Order *o = state;
    size_t n;
    const mote_term *el;
    int64_t t, seq;
    if (mote_get_tuple(msg, &n, &el) != MOTE_OK || n != 2 || mote_get_int(el[0], &t) ||
        mote_get_int(el[1], &seq) || t < 0 || t >= NSENDERS) {
        o->in_order = false;
    } else {
        o->in_order &= seq == o->next[t];
        o->next[t] = seq + 1;
    }
    if (++o->count < NSENDERS * NPERSENDER)
        return MOTE_OK;
    atomic_store_explicit(&o->done, true, memory_order_release);
    return MOTE_STOP;
}

static const mote_proc_class order_class = {.name = "order", .handle = order_handle};

typedef struct Sender {
    mote_rt *rt;
    mote_pid to;
    int index;
    int failures;
} Sender;

static void *sender_main(void *arg)
{
    Sender *s = arg;
    mote_env *env = mote_env_new(s->rt);
    for (int i = 0; env && i < NPERSENDER; i++) {
        mote_term el[2] = {mote_int(env, s->index), mote_int(env, i)};
        s->failures += mote_send(env, s->to, mote_tuple(env, 2, el)) != MOTE_OK;
        if (i % 256 == 255)
            mote_env_clear(env);
    }
    s->failures += env == NULL;
    mote_env_free(env);
    return NULL;
}

static void senders_on_many_threads_keep_their_own_order(void **state)
{
    Fix *f = *state;
    static Order o;
    memset(&o, 0, sizeof o);
    o.in_order = true;
    mote_pid pid;
    assert_int_equal(mote_spawn(f->rt, NULL, &order_class, &o, NULL, &pid), MOTE_OK);
    pthread_t th[NSENDERS];
    Sender s[NSENDERS];
    for (int i = 0; i < NSENDERS; i++) {
        s[i] = (Sender){.rt = f->rt, .to = pid, .index = i};
        assert_int_equal(pthread_create(&th[i], NULL, sender_main, &s[i]), 0);
    }
    for (int i = 0; i < NSENDERS; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(s[i].failures, 0);
    }
    assert_true(await(&o.done));
    assert_true(o.in_order);
    for (int i = 0; i < NSENDERS; i++)
        assert_int_equal(o.next[i], NPERSENDER);
}

/* ---- waiting and stopping ---------------------------------------------- */

static void wait_exit_times_out_on_a_live_process(void **state)
{
    Fix *f = *state;
    static Gate g;
    memset(&g, 0, sizeof g);
    mote_pid pid;
    char reason[64];
    assert_int_equal(mote_spawn(f->rt, NULL, &gated_class, &g, NULL, &pid), MOTE_OK);
    assert_int_equal(mote_wait_exit(f->rt, pid, 10, reason, sizeof reason), MOTE_ETIMEOUT);
    assert_int_equal(mote_exit(f->env, pid, mote_atom(f->env, "kill")), MOTE_OK);
    assert_true(await(&g.done));
    assert_string_equal(g.reason, ":killed");
}

typedef struct Busy {
    atomic_int ninit;
    atomic_int nterminate;
    atomic_int nshutdown;
} Busy;

static int spin_again(mote_proc *self)
{
    mote_env *env = mote_env_of(self);
    return mote_send(env, mote_self(self), mote_atom(env, "spin"));
}

static int busy_init(mote_proc *self, void **state)
{
    Busy *b = *state;
    atomic_fetch_add(&b->ninit, 1);
    return spin_again(self);
}

static int busy_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state, (void)msg;
    return spin_again(self);
}

static void busy_terminate(mote_proc *self, void *state, mote_term reason)
{
    (void)self;
    Busy *b = state;
    atomic_fetch_add(&b->nterminate, 1);
    if (mote_is_atom(reason, "shutdown"))
        atomic_fetch_add(&b->nshutdown, 1);
}

static const mote_proc_class busy_class = {
    .name = "busy", .init = busy_init, .handle = busy_handle, .terminate = busy_terminate};

static void stop_returns_with_processes_that_never_idle(void **state)
{
    (void)state;
    mote_rt *rt;
    static Busy b;
    memset(&b, 0, sizeof b);
    assert_int_equal(api_start(&rt), MOTE_OK);
    for (int i = 0; i < 4; i++) {
        mote_pid pid;
        assert_int_equal(mote_spawn(rt, NULL, &busy_class, &b, NULL, &pid), MOTE_OK);
    }
    /* Let every one start (terminate runs only after init has). */
    uint64_t give_up = now_ms() + 20000;
    while (atomic_load(&b.ninit) < 4) {
        assert_true(now_ms() < give_up);
        sched_yield();
    }
    assert_int_equal(mote_stop(rt), MOTE_OK);
    assert_int_equal(atomic_load(&b.nterminate), 4);
    assert_int_equal(atomic_load(&b.nshutdown), 4);
}

/* The last stop frees the atom table with everything keyed by atoms (the
 * builtins, struct printers) and every compiled function with its native
 * code; a runtime started afterwards must get all of it again. The script
 * exits 1 (raises) on any wrong answer. */
static void a_runtime_started_after_another_has_the_whole_library(void **state)
{
    (void)state;
    static const char src[] =
        "defmodule Again do\n"
        "  def loop(0, acc), do: acc\n"
        "  def loop(n, acc), do: loop(n - 1, acc + n)\n"
        "end\n"
        "if :lists.reverse([1, 2, 3]) != [3, 2, 1], do: raise \"lists\"\n"
        "if inspect(1..3) != \"1..3\", do: raise \"range printer\"\n"
        "if Enum.sort([3, 1, 2]) != [1, 2, 3], do: raise \"enum\"\n"
        "if Again.loop(100_000, 0) != 5_000_050_000, do: raise \"loop\"\n";
    for (int round = 0; round < 3; round++) {
        mote_rt *rt;
        assert_int_equal(api_start(&rt), MOTE_OK);
        int status = -1;
        assert_int_equal(mote_eval_string(rt, src, sizeof src - 1, 0, NULL, &status), MOTE_OK);
        assert_int_equal(status, 0);
        assert_int_equal(mote_stop(rt), MOTE_OK);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIX(drop_newest_keeps_the_first_messages),
        FIX(drop_oldest_keeps_the_last_messages),
        FIX(overflow_kill_exits_with_mailbox_overflow),
        FIX(introspection_reads_a_running_process),
        FIX(info_on_a_dead_pid_is_noproc),
        FIX(a_cancelled_timer_never_fires),
        FIX(senders_on_many_threads_keep_their_own_order),
        FIX(wait_exit_times_out_on_a_live_process),
        cmocka_unit_test(stop_returns_with_processes_that_never_idle),
        cmocka_unit_test(a_runtime_started_after_another_has_the_whole_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
