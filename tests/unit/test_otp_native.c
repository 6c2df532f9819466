/* test_otp_native.c — gen_server and supervisor for native processes
 * (runtime/otp): strategies, restart types, intensity and escalation,
 * shutdown order and kill timers, calls both ways. Waits are for events,
 * with generous bounds; nothing here measures time. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mote.h"
#include "eval_test.h"

static mote_rt *rt;
static mote_env *env;

/* Terminate order, for the shutdown test. */
static pthread_mutex_t order_lock = PTHREAD_MUTEX_INITIALIZER;
static char order[256];

static int setup(void **state)
{
    (void)state;
    order[0] = '\0';
    if (mote_start(NULL, &rt) != MOTE_OK)
        return -1;
    env = mote_env_new(rt);
    return env == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    mote_env_free(env);
    return mote_stop(rt);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The pid holding name once it differs from old (0 after ~20 s). */
static mote_pid holder(const char *name, mote_pid old)
{
    for (int i = 0; i < 2000; i++) {
        mote_pid pid;
        if (mote_whereis(rt, name, &pid) == MOTE_OK && pid != old)
            return pid;
        sleep_ms(10);
    }
    return 0;
}

/* ---- a worker gen_server: echoes calls; casts :crash, :stop ------------ */

static int w_call(mote_proc *self, void *st, mote_term req, mote_term from, mote_term *reply)
{
    (void)self, (void)st, (void)from;
    if (mote_is_atom(req, "no_reply"))
        return MOTE_OK;
    *reply = req;
    return MOTE_OK;
}

static int w_cast(mote_proc *self, void *st, mote_term req)
{
    (void)self, (void)st;
    if (mote_is_atom(req, "crash"))
        return MOTE_EBADARG;
    return mote_is_atom(req, "stop") ? MOTE_STOP : MOTE_OK;
}

static void w_terminate(mote_proc *self, void *st, mote_term reason)
{
    (void)st, (void)reason;
    char name[32] = "";
    const char *nm = NULL;
    size_t len = 0;
    mote_proc_info info;
    if (mote_proc_info_get(mote_rt_of(self), mote_self(self), &info) == MOTE_OK)
        nm = info.registered_name;
    if (nm != NULL)
        len = strlen(nm);
    snprintf(name, sizeof name, "%.*s", (int)len, nm != NULL ? nm : "");
    pthread_mutex_lock(&order_lock);
    strncat(order, name, sizeof order - strlen(order) - 2);
    strncat(order, " ", sizeof order - strlen(order) - 1);
    pthread_mutex_unlock(&order_lock);
}

static const mote_gen_server_class worker = {
    .name = "worker", .handle_call = w_call, .handle_cast = w_cast, .terminate = w_terminate,
};

static int start_worker(mote_proc *sup, void *arg, mote_pid *out)
{
    return mote_gen_server_start(mote_rt_of(sup), sup, &worker, NULL, arg, true, out);
}

/* A child that traps exits and ignores them: only :kill stops it. */
static int stubborn_init(mote_proc *self, void **st)
{
    (void)st;
    mote_register(self, "stubborn");
    return mote_trap_exit(self, true);
}
static const mote_proc_class stubborn = {.name = "stubborn", .init = stubborn_init};
static int start_stubborn(mote_proc *sup, void *arg, mote_pid *out)
{
    (void)arg;
    mote_spawn_opts o = {.link = true};
    return mote_spawn(mote_rt_of(sup), sup, &stubborn, NULL, &o, out);
}

#define CHILD(name, rs) \
    {.id = name, .start = start_worker, .arg = name, .restart = rs, .shutdown_ms = 5000}

static mote_pid start_sup(mote_sup_strategy strategy, const mote_child_spec *c, size_t n,
                          const char *name)
{
    mote_sup_spec spec;
    mote_sup_spec_init(&spec);
    spec.strategy = strategy;
    spec.children = c;
    spec.nchildren = n;
    spec.name = name;
    mote_pid pid = 0;
    assert_int_equal(mote_sup_start(rt, NULL, &spec, false, &pid), MOTE_OK);
    return pid;
}

static void crash(const char *name)
{
    mote_gen_cast(env, whereis(rt, name), mote_atom(env, "crash"));
}

/* ---- tests ------------------------------------------------------------------ */

static void one_for_one_restarts_only_the_crashed_child(void **state)
{
    (void)state;
    static const mote_child_spec c[] = {CHILD("a", MOTE_RESTART_PERMANENT),
                                        CHILD("b", MOTE_RESTART_PERMANENT)};
    start_sup(MOTE_ONE_FOR_ONE, c, 2, "sup");
    mote_pid a = holder("a", 0), b = holder("b", 0);
    crash("a");
    assert_true(holder("a", a) != 0);
    assert_int_equal(whereis(rt, "b"), b);
}

static void rest_for_one_restarts_the_later_children(void **state)
{
    (void)state;
    static const mote_child_spec c[] = {CHILD("a", MOTE_RESTART_PERMANENT),
                                        CHILD("b", MOTE_RESTART_PERMANENT),
                                        CHILD("c", MOTE_RESTART_PERMANENT)};
    start_sup(MOTE_REST_FOR_ONE, c, 3, "sup");
    mote_pid a = holder("a", 0), b = holder("b", 0), cc = holder("c", 0);
    crash("b");
    assert_true(holder("b", b) != 0);
    assert_true(holder("c", cc) != 0);
    assert_int_equal(whereis(rt, "a"), a);
}

static void transient_child_exiting_normally_stays_down(void **state)
{
    (void)state;
    static const mote_child_spec c[] = {CHILD("t", MOTE_RESTART_TRANSIENT)};
    mote_pid sup = start_sup(MOTE_ONE_FOR_ONE, c, 1, "sup");
    mote_pid t = holder("t", 0);
    mote_gen_cast(env, t, mote_atom(env, "stop"));
    assert_int_equal(mote_wait_exit(rt, t, 20000, NULL, 0) == MOTE_ETIMEOUT, 0);
    /* The supervisor hears of the exit after mote_wait_exit does: ask
     * until it has (a bounded wait for an event, not a time limit). */
    const char *want = "[{:t, :undefined, :worker, [:mote_native]}]";
    char buf[256] = "";
    for (int i = 0; i < 2000 && strcmp(buf, want) != 0; i++) {
        mote_term reply;
        assert_int_equal(mote_gen_call(env, sup, mote_atom(env, "which_children"), 20000, &reply),
                         MOTE_OK);
        mote_format(reply, buf, sizeof buf);
        if (strcmp(buf, want) != 0)
            sleep_ms(10);
    }
    assert_string_equal(buf, want);
}

static int start_child_sup(mote_proc *sup, void *arg, mote_pid *out)
{
    return mote_sup_start(mote_rt_of(sup), sup, arg, true, out);
}

static void intensity_exceeded_escalates_through_two_levels(void **state)
{
    (void)state;
    static const mote_child_spec inner_c[] = {CHILD("w", MOTE_RESTART_PERMANENT)};
    static mote_sup_spec inner;
    mote_sup_spec_init(&inner);
    inner.max_restarts = 1;
    inner.max_seconds = 3600;
    inner.name = "inner";
    inner.children = inner_c;
    inner.nchildren = 1;
    /* The inner supervisor gives up after 2 crashes; the top one, with no
     * restarts allowed, gives up when the inner one exits. */
    mote_child_spec top1[1] = {{.id = "inner", .start = start_child_sup, .arg = &inner,
                                .shutdown_ms = MOTE_SHUTDOWN_INFINITY, .supervisor = true}};
    mote_sup_spec top;
    mote_sup_spec_init(&top);
    top.max_restarts = 0;
    top.children = top1;
    top.nchildren = 1;
    mote_pid tp;
    assert_int_equal(mote_sup_start(rt, NULL, &top, false, &tp), MOTE_OK);
    mote_pid w = holder("w", 0);
    crash("w");
    w = holder("w", w);
    assert_true(w != 0);
    crash("w");
    /* The top supervisor may be gone already (MOTE_ENOPROC: no reason to
     * read then); the restart log below says it gave up either way. */
    char reason[64] = ":shutdown";
    int rc = mote_wait_exit(rt, tp, 20000, reason, sizeof reason);
    assert_true(rc == MOTE_OK || rc == MOTE_ENOPROC);
    assert_string_equal(reason, ":shutdown");
    for (int i = 0; i < 2000 && mote_whereis(rt, "inner", &w) == MOTE_OK; i++)
        sleep_ms(10);
    mote_restart_event ev[8];
    size_t n = 0;
    assert_int_equal(mote_restart_log(rt, ev, 8, &n), MOTE_OK);
    assert_true(n >= 2);
    assert_true(ev[0].gave_up); /* the top supervisor, last */
    assert_true(ev[1].gave_up); /* the inner one before it */
}

static void shutdown_stops_children_in_reverse_order(void **state)
{
    (void)state;
    static const mote_child_spec c[] = {CHILD("first", MOTE_RESTART_PERMANENT),
                                        CHILD("second", MOTE_RESTART_PERMANENT),
                                        CHILD("third", MOTE_RESTART_PERMANENT)};
    mote_pid sup = start_sup(MOTE_ONE_FOR_ONE, c, 3, "sup");
    holder("third", 0);
    assert_int_equal(mote_gen_stop(env, sup, mote_atom(env, "shutdown"), 20000), MOTE_OK);
    pthread_mutex_lock(&order_lock);
    assert_string_equal(order, "third second first ");
    pthread_mutex_unlock(&order_lock);
}

static void a_child_ignoring_shutdown_is_killed_after_its_timeout(void **state)
{
    (void)state;
    static const mote_child_spec c[] = {
        {.id = "stubborn", .start = start_stubborn, .shutdown_ms = 50},
    };
    mote_pid sup = start_sup(MOTE_ONE_FOR_ONE, c, 1, "sup");
    mote_pid s = holder("stubborn", 0);
    assert_int_equal(mote_gen_stop(env, sup, mote_atom(env, "shutdown"), 20000), MOTE_OK);
    assert_int_equal(mote_wait_exit(rt, s, 20000, NULL, 0) == MOTE_ETIMEOUT, 0);
}

static void calls_reach_c_servers_and_report_dead_ones(void **state)
{
    (void)state;
    mote_pid srv;
    assert_int_equal(mote_gen_server_start(rt, NULL, &worker, NULL, "echo", false, &srv),
                     MOTE_OK);
    mote_term reply;
    assert_int_equal(mote_gen_call(env, srv, mote_int(env, 42), 20000, &reply), MOTE_OK);
    int64_t v;
    assert_int_equal(mote_get_int(reply, &v), MOTE_OK);
    assert_int_equal(v, 42);
    assert_int_equal(mote_gen_call(env, srv, mote_atom(env, "no_reply"), 20, &reply),
                     MOTE_ETIMEOUT);
    assert_int_equal(mote_gen_server_start(rt, NULL, &worker, NULL, "echo", false, &srv),
                     MOTE_EEXIST);
    assert_int_equal(mote_gen_stop(env, srv, mote_atom(env, "normal"), 20000), MOTE_OK);
    assert_int_equal(mote_gen_call(env, srv, mote_int(env, 1), 20000, &reply), MOTE_ENOPROC);
}

/* The wire format is OTP's both ways: a script calls the C server and
 * asks the C supervisor Supervisor's questions; C calls the script's
 * GenServer. */
static void language_and_c_servers_call_each_other(void **state)
{
    (void)state;
    mote_pid srv;
    assert_int_equal(mote_gen_server_start(rt, NULL, &worker, NULL, "c_echo", false, &srv),
                     MOTE_OK);
    static const mote_child_spec c[] = {CHILD("kid", MOTE_RESTART_PERMANENT)};
    start_sup(MOTE_ONE_FOR_ONE, c, 1, "native_sup");
    holder("kid", 0);
    static const char src[] =
        "42 = GenServer.call(:c_echo, 42)\n"
        "[{:kid, pid, :worker, _}] = Supervisor.which_children(:native_sup)\n"
        "true = is_pid(pid)\n"
        "%{active: 1, specs: 1, workers: 1} = Supervisor.count_children(:native_sup)\n"
        "defmodule LangSrv do\n"
        "  use GenServer\n"
        "  def init(x), do: {:ok, x}\n"
        "  def handle_call(:get, _from, x), do: {:reply, x, x}\n"
        "end\n"
        "{:ok, _} = GenServer.start(LangSrv, :from_elixir, name: :lang_srv)\n";
    run(rt, src);
    mote_pid lang = whereis(rt, "lang_srv");
    mote_term reply;
    assert_int_equal(mote_gen_call(env, lang, mote_atom(env, "get"), 20000, &reply), MOTE_OK);
    assert_true(mote_is_atom(reply, "from_elixir"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_for_one_restarts_only_the_crashed_child, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(rest_for_one_restarts_the_later_children, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(transient_child_exiting_normally_stays_down, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(intensity_exceeded_escalates_through_two_levels, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(shutdown_stops_children_in_reverse_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_child_ignoring_shutdown_is_killed_after_its_timeout,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(calls_reach_c_servers_and_report_dead_ones, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(language_and_c_servers_call_each_other, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
