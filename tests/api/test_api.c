/* test_api.c — the embedding API, used as a host would: mote.h only.
 *
 * Each test starts its own runtime (two schedulers) and stops it, so a
 * leak or a crash is pinned to one test (the ASan build runs this file
 * too). A host thread has no mailbox, so each test runs a small native
 * process that records what it saw in a struct; the host reads the struct
 * after mote_wait_exit() has returned, which orders the two.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "mote.h"
#include "api_test.h"

static void assert_error_with_message(int rc)
{
    assert_true(rc < 0);
    assert_non_null(mote_strerror(rc));
    assert_true(strlen(mote_last_error()) > 0);
}

/* ---- processes the tests use ---------------------------------------------- */

/* echo: {from, payload} -> {:echo, payload} to from. */
static int echo_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    mote_env *env = mote_env_of(self);
    size_t n;
    const mote_term *el;
    mote_pid from;
    if (mote_get_tuple(msg, &n, &el) != MOTE_OK || n != 2 || mote_get_pid(el[0], &from))
        return MOTE_STOP;
    mote_term reply[2] = {mote_atom(env, "echo"), el[1]};
    return mote_send(env, from, mote_tuple(env, 2, reply));
}

static const mote_proc_class echo_class = {.name = "echo", .handle = echo_handle};

typedef struct Probe {
    mote_pid peer;                /* whom to talk to */
    const mote_proc_class *child; /* what a spawner spawns */
    bool equal;                   /* the reply matched what was sent */
    int64_t got_int;
    char text[128]; /* a formatted term the test looks at */
    atomic_int ninit;
    atomic_int nterminate;
    atomic_int nshutdown; /* terminate calls whose reason was :shutdown */
    atomic_bool done;     /* set last, with release order, by the recording callback */
} Probe;

/* Marks the probe complete and ends the process. The host reads the probe
 * only after seeing done (acquire), so every field written before is
 * visible to it however the exit and the host's wait were ordered. */
static int finish(Probe *p)
{
    atomic_store_explicit(&p->done, true, memory_order_release);
    return MOTE_STOP;
}

/* Waits until a process that runs on its own has recorded into p and
 * exited (whichever way the race with the host's wait went). */
static void wait_probe(Fix *f, mote_pid pid, Probe *p)
{
    int rc = mote_wait_exit(f->rt, pid, 10000, NULL, 0);
    assert_true(rc == MOTE_OK || rc == MOTE_ENOPROC);
    assert_true(atomic_load_explicit(&p->done, memory_order_acquire));
}

static mote_term sample_payload(mote_env *env)
{
    mote_term list[3] = {mote_int(env, 1), mote_int(env, 2), mote_int(env, 3)};
    mote_term el[5] = {mote_int(env, -7), mote_string(env, "hi"), mote_atom(env, "ok"),
                       mote_list(env, 3, list), mote_float(env, 3.5)};
    return mote_tuple(env, 5, el);
}

static int prober_init(mote_proc *self, void **state)
{
    Probe *p = *state;
    mote_env *env = mote_env_of(self);
    mote_term el[2] = {mote_pid_term(mote_self(self)), sample_payload(env)};
    return mote_send(env, p->peer, mote_tuple(env, 2, el));
}

static int prober_handle(mote_proc *self, void *state, mote_term msg)
{
    Probe *p = state;
    mote_env *env = mote_env_of(self);
    size_t n;
    const mote_term *el;
    if (mote_get_tuple(msg, &n, &el) == MOTE_OK && n == 2 && mote_is_atom(el[0], "echo"))
        p->equal = mote_equal(el[1], sample_payload(env));
    mote_format(msg, p->text, sizeof p->text);
    return finish(p);
}

static const mote_proc_class prober_class = {
    .name = "prober", .init = prober_init, .handle = prober_handle};

/* recorder: notes the first message (as an integer and as text), stops. */
static int recorder_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self;
    Probe *p = state;
    mote_get_int(msg, &p->got_int);
    mote_format(msg, p->text, sizeof p->text);
    return finish(p);
}

static const mote_proc_class recorder_class = {.name = "recorder", .handle = recorder_handle};

static int stop_at_once(mote_proc *self, void **state)
{
    (void)self, (void)state;
    return MOTE_STOP;
}

static const mote_proc_class short_class = {.name = "short", .init = stop_at_once};

/* boom: exits with reason :boom on its first message. */
static int boom_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state, (void)msg;
    mote_exit_self(self, mote_atom(mote_env_of(self), "boom"));
    return MOTE_STOP;
}

static const mote_proc_class boom_class = {.name = "boom", .handle = boom_handle};

/* watcher: monitors p->peer, pokes it, and records the DOWN reason. */
static int watcher_init(mote_proc *self, void **state)
{
    Probe *p = *state;
    mote_env *env = mote_env_of(self);
    mote_term ref;
    int rc = mote_monitor(self, p->peer, &ref);
    if (rc < 0)
        return rc;
    return mote_send(env, p->peer, mote_atom(env, "poke"));
}

/* Records the reason of a {:DOWN, ...} or {:EXIT, ...} message and stops. */
static int down_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self;
    Probe *p = state;
    size_t n;
    const mote_term *el;
    if (mote_get_tuple(msg, &n, &el) != MOTE_OK)
        return MOTE_OK;
    bool down = n == 5 && mote_is_atom(el[0], "DOWN") && mote_is_atom(el[2], "process");
    bool exit = n == 3 && mote_is_atom(el[0], "EXIT");
    if (!down && !exit)
        return MOTE_OK;
    mote_format(el[n - 1], p->text, sizeof p->text);
    return finish(p);
}

static const mote_proc_class watcher_class = {
    .name = "watcher", .init = watcher_init, .handle = down_handle};

/* linker: traps exits, spawns a linked boom process and pokes it. */
static int linker_init(mote_proc *self, void **state)
{
    (void)state;
    mote_env *env = mote_env_of(self);
    mote_spawn_opts opts = {.link = true};
    mote_pid child;
    int rc = mote_trap_exit(self, true);
    if (rc == MOTE_OK)
        rc = mote_spawn(mote_rt_of(self), self, &boom_class, NULL, &opts, &child);
    if (rc == MOTE_OK)
        rc = mote_send(env, child, mote_atom(env, "poke"));
    return rc;
}

static const mote_proc_class linker_class = {
    .name = "linker", .init = linker_init, .handle = down_handle};

static int trapper_init(mote_proc *self, void **state)
{
    (void)state;
    return mote_trap_exit(self, true);
}

/* Records the exit reason, whatever ended the process. */
static void record_reason(mote_proc *self, void *state, mote_term reason)
{
    (void)self;
    Probe *p = state;
    mote_format(reason, p->text, sizeof p->text);
    atomic_store_explicit(&p->done, true, memory_order_release);
}

static const mote_proc_class trapper_class = {
    .name = "trapper", .init = trapper_init, .handle = down_handle, .terminate = record_reason};

static int error_init(mote_proc *self, void **state)
{
    (void)self, (void)state;
    return MOTE_EINVAL;
}

static const mote_proc_class error_class = {.name = "error", .init = error_init};

/* spawner: spawns p->child with a monitor (atomically, so even a child
 * that dies at once is seen) and records the DOWN reason. */
static int spawner_init(mote_proc *self, void **state)
{
    Probe *p = *state;
    mote_term ref;
    mote_spawn_opts opts = {.monitor = true, .monitor_ref = &ref};
    return mote_spawn(mote_rt_of(self), self, p->child, NULL, &opts, &p->peer);
}

static const mote_proc_class spawner_class = {
    .name = "spawner", .init = spawner_init, .handle = down_handle};

static int ticker_init(mote_proc *self, void **state)
{
    (void)state;
    mote_env *env = mote_env_of(self);
    uint64_t id;
    return mote_send_after(self, 10, mote_self(self), mote_atom(env, "tick"), &id);
}

static const mote_proc_class ticker_class = {
    .name = "ticker", .init = ticker_init, .handle = recorder_handle};

static int named_init(mote_proc *self, void **state)
{
    (void)state;
    return mote_register(self, "api_test_name");
}

static const mote_proc_class named_class = {
    .name = "named", .init = named_init, .handle = recorder_handle};

static void count_terminate(mote_proc *self, void *state, mote_term reason)
{
    (void)self;
    Probe *p = state;
    atomic_fetch_add(&p->nterminate, 1);
    if (mote_is_atom(reason, "shutdown"))
        atomic_fetch_add(&p->nshutdown, 1);
}

static int count_init(mote_proc *self, void **state)
{
    (void)self;
    Probe *p = *state;
    atomic_fetch_add(&p->ninit, 1);
    return MOTE_OK;
}

static const mote_proc_class idle_class = {
    .name = "idle", .init = count_init, .terminate = count_terminate};

/* ---- tests ------------------------------------------------------------------ */

static void message_round_trip_preserves_the_term(void **state)
{
    Fix *f = *state;
    Probe p = {0};
    mote_pid prober;
    assert_int_equal(mote_spawn(f->rt, NULL, &echo_class, NULL, NULL, &p.peer), MOTE_OK);
    assert_int_equal(mote_spawn(f->rt, NULL, &prober_class, &p, NULL, &prober), MOTE_OK);
    wait_probe(f, prober, &p);
    assert_true(p.equal);
    assert_string_equal(p.text, "{:echo, {-7, \"hi\", :ok, [1, 2, 3], 3.5}}");
}

static void host_send_reaches_a_process(void **state)
{
    Fix *f = *state;
    Probe p = {0};
    mote_pid pid;
    assert_int_equal(mote_spawn(f->rt, NULL, &recorder_class, &p, NULL, &pid), MOTE_OK);
    assert_int_equal(mote_send(f->env, pid, mote_int(f->env, 42)), MOTE_OK);
    wait_probe(f, pid, &p);
    assert_int_equal(p.got_int, 42);
}

static void start_refuses_a_null_out_pointer(void **state)
{
    (void)state;
    assert_error_with_message(mote_start(NULL, NULL));
}

static void spawn_refuses_a_null_class(void **state)
{
    Fix *f = *state;
    mote_pid pid;
    assert_error_with_message(mote_spawn(f->rt, NULL, NULL, NULL, NULL, &pid));
}

static void host_spawn_refuses_link_and_monitor(void **state)
{
    Fix *f = *state;
    mote_pid pid;
    mote_spawn_opts link = {.link = true}, mon = {.monitor = true};
    assert_error_with_message(mote_spawn(f->rt, NULL, &idle_class, NULL, &link, &pid));
    assert_error_with_message(mote_spawn(f->rt, NULL, &idle_class, NULL, &mon, &pid));
}

static void send_refuses_a_pid_that_never_existed(void **state)
{
    Fix *f = *state;
    assert_error_with_message(mote_send(f->env, 0, mote_int(f->env, 1)));
}

static void send_refuses_no_value(void **state)
{
    Fix *f = *state;
    Probe p = {0};
    mote_pid pid;
    assert_int_equal(mote_spawn(f->rt, NULL, &recorder_class, &p, NULL, &pid), MOTE_OK);
    assert_error_with_message(mote_send(f->env, pid, MOTE_NONE));
    assert_int_equal(mote_send(f->env, pid, mote_int(f->env, 1)), MOTE_OK);
    wait_probe(f, pid, &p);
}

static void readers_refuse_the_wrong_type(void **state)
{
    Fix *f = *state;
    int64_t i;
    const void *bytes;
    size_t len;
    mote_term atom = mote_atom(f->env, "not_a_number");
    assert_int_equal(mote_get_int(atom, &i), MOTE_EBADARG);
    assert_int_equal(mote_get_binary(mote_int(f->env, 3), &bytes, &len), MOTE_EBADARG);
}

static void constructors_refuse_missing_elements(void **state)
{
    Fix *f = *state;
    assert_true(mote_tuple(f->env, 2, NULL) == MOTE_NONE);
    assert_true(strlen(mote_last_error()) > 0);
    assert_true(mote_atom(f->env, NULL) == MOTE_NONE);
}

static void an_unknown_name_is_noproc(void **state)
{
    Fix *f = *state;
    mote_pid pid;
    assert_int_equal(mote_whereis(f->rt, "nobody_has_this", &pid), MOTE_ENOPROC);
    assert_int_equal(mote_send_named(f->env, "nobody_has_this", mote_nil()), MOTE_ENOPROC);
}

static void strerror_never_returns_null(void **state)
{
    (void)state;
    for (int code = -20; code <= 2; code++)
        assert_non_null(mote_strerror(code));
}

static void sending_to_a_dead_pid_is_silently_dropped(void **state)
{
    Fix *f = *state;
    mote_pid pid;
    char reason[64];
    assert_int_equal(mote_spawn(f->rt, NULL, &short_class, NULL, NULL, &pid), MOTE_OK);
    int rc = mote_wait_exit(f->rt, pid, 10000, reason, sizeof reason);
    assert_true(rc == MOTE_OK || rc == MOTE_ENOPROC);
    assert_int_equal(mote_send(f->env, pid, mote_atom(f->env, "hello")), MOTE_OK);
}

static void monitor_delivers_down_with_the_exit_reason(void **state)
{
    Fix *f = *state;
    Probe p = {0};
    mote_pid watcher;
    assert_int_equal(mote_spawn(f->rt, NULL, &boom_class, NULL, NULL, &p.peer), MOTE_OK);
    assert_int_equal(mote_spawn(f->rt, NULL, &watcher_class, &p, NULL, &watcher), MOTE_OK);
    wait_probe(f, watcher, &p);
    assert_string_equal(p.text, ":boom");
}

static void monitoring_a_dead_pid_delivers_noproc(void **state)
{
    Fix *f = *state;
    Probe p = {0};
    mote_pid watcher;
    char reason[64];
    assert_int_equal(mote_spawn(f->rt, NULL, &short_class, NULL, NULL, &p.peer), MOTE_OK);
    int rc = mote_wait_exit(f->rt, p.peer, 10000, reason, sizeof reason);
    assert_true(rc == MOTE_OK || rc == MOTE_ENOPROC);
    assert_int_equal(mote_spawn(f->rt, NULL, &watcher_class, &p, NULL, &watcher), MOTE_OK);
    wait_probe(f, watcher, &p);
    assert_string_equal(p.text, ":noproc");
}

static void trapped_link_exit_arrives_as_a_message(void **state)
{
    Fix *f = *state;
    Probe p = {0};
    mote_pid pid;
    assert_int_equal(mote_spawn(f->rt, NULL, &linker_class, &p, NULL, &pid), MOTE_OK);
    wait_probe(f, pid, &p);
    assert_string_equal(p.text, ":boom");
}

static void kill_is_untrappable(void **state)
{
    Fix *f = *state;
    Probe p = {0};
    mote_pid pid;
    assert_int_equal(mote_spawn(f->rt, NULL, &trapper_class, &p, NULL, &pid), MOTE_OK);
    assert_int_equal(mote_exit(f->env, pid, mote_atom(f->env, "kill")), MOTE_OK);
    /* It may be gone before a wait could begin: read what terminate saw. */
    wait_probe(f, pid, &p);
    assert_string_equal(p.text, ":killed");
}

static void native_error_becomes_the_exit_reason(void **state)
{
    Fix *f = *state;
    Probe p = {.child = &error_class};
    mote_pid pid;
    assert_int_equal(mote_spawn(f->rt, NULL, &spawner_class, &p, NULL, &pid), MOTE_OK);
    wait_probe(f, pid, &p);
    if (!strstr(p.text, "native_error"))
        fail_msg("DOWN reason is %s, expected {:native_error, _}", p.text);
}

static void timer_message_arrives(void **state)
{
    Fix *f = *state;
    Probe p = {0};
    mote_pid pid;
    assert_int_equal(mote_spawn(f->rt, NULL, &ticker_class, &p, NULL, &pid), MOTE_OK);
    wait_probe(f, pid, &p);
    assert_string_equal(p.text, ":tick");
}

static void a_name_goes_when_its_process_exits(void **state)
{
    Fix *f = *state;
    Probe p = {0};
    mote_pid pid, found = 0;
    assert_int_equal(mote_spawn(f->rt, NULL, &named_class, &p, NULL, &pid), MOTE_OK);
    /* The name is taken in init, which may not have run yet: then the
     * message goes by pid, and arrives after init all the same. */
    if (mote_send_named(f->env, "api_test_name", mote_int(f->env, 5)) != MOTE_OK)
        assert_int_equal(mote_send(f->env, pid, mote_int(f->env, 5)), MOTE_OK);
    wait_probe(f, pid, &p);
    assert_int_equal(mote_whereis(f->rt, "api_test_name", &found), MOTE_ENOPROC);
}

static void stop_terminates_every_started_process_with_shutdown(void **state)
{
    (void)state;
    mote_rt *rt;
    Probe p = {0};
    assert_int_equal(api_start(&rt), MOTE_OK);
    for (int i = 0; i < 1000; i++) {
        mote_pid pid;
        assert_int_equal(mote_spawn(rt, NULL, &idle_class, &p, NULL, &pid), MOTE_OK);
    }
    /* Wait for every init: a process stopped before its init has run is
     * a different case (its terminate would see the spawner's arg). */
    while (atomic_load(&p.ninit) < 1000)
        sched_yield();
    /* Everything the runtime allocated is freed here; ASan and valgrind
     * runs of this test report any byte left behind. */
    assert_int_equal(mote_stop(rt), MOTE_OK);
    assert_int_equal(atomic_load(&p.nterminate), 1000);
    assert_int_equal(atomic_load(&p.nshutdown), 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIX(message_round_trip_preserves_the_term),
        FIX(host_send_reaches_a_process),
        cmocka_unit_test(start_refuses_a_null_out_pointer),
        FIX(spawn_refuses_a_null_class),
        FIX(host_spawn_refuses_link_and_monitor),
        FIX(send_refuses_a_pid_that_never_existed),
        FIX(send_refuses_no_value),
        FIX(readers_refuse_the_wrong_type),
        FIX(constructors_refuse_missing_elements),
        FIX(an_unknown_name_is_noproc),
        cmocka_unit_test(strerror_never_returns_null),
        FIX(sending_to_a_dead_pid_is_silently_dropped),
        FIX(monitor_delivers_down_with_the_exit_reason),
        FIX(monitoring_a_dead_pid_delivers_noproc),
        FIX(trapped_link_exit_arrives_as_a_message),
        FIX(kill_is_untrappable),
        FIX(native_error_becomes_the_exit_reason),
        FIX(timer_message_arrives),
        FIX(a_name_goes_when_its_process_exits),
        cmocka_unit_test(stop_terminates_every_started_process_with_shutdown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
