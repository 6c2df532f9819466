/* supervised.c — a small C service under a supervision tree, through
 * mote.h only.
 *
 *   top (one_for_one)
 *   ├── store   gen_server: a total; call {:add, n} -> new total, :get
 *   ├── worker  gen_server: cast :crash makes it crash (a bug, simulated)
 *   └── pair (one_for_all supervisor)
 *       ├── ping  gen_server
 *       └── pong  gen_server
 *
 * The host calls the store, crashes the worker and sees the supervisor
 * restart it (a new pid under the same name, the store untouched), kills
 * ping and sees one_for_all restart pong too, reads the restart counts
 * back through mote_sup_info_get, then shuts the tree down in reverse
 * order. It prints what it saw and exits 0 only when every step came out
 * as expected. Run: build/examples/example_supervised.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mote.h"

static int failures;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    failures += !ok;
}

/* ---- the store: a gen_server with a total -------------------------------- */

static int store_init(mote_proc *self, void **state)
{
    (void)self;
    int64_t *total = calloc(1, sizeof *total);
    if (total == NULL)
        return MOTE_ENOMEM;
    *state = total;
    return MOTE_OK;
}

static int store_call(mote_proc *self, void *state, mote_term req, mote_term from,
                      mote_term *reply)
{
    (void)from;
    int64_t *total = state, n;
    size_t k;
    const mote_term *el;
    mote_env *env = mote_env_of(self);
    if (mote_get_tuple(req, &k, &el) == MOTE_OK && k == 2 && mote_is_atom(el[0], "add") &&
        mote_get_int(el[1], &n) == MOTE_OK)
        *total += n;
    *reply = mote_int(env, *total);
    return MOTE_OK;
}

static void free_state(mote_proc *self, void *state, mote_term reason)
{
    (void)self, (void)reason;
    free(state);
}

static const mote_gen_server_class store_class = {
    .name = "store", .init = store_init, .handle_call = store_call, .terminate = free_state,
};

/* ---- the worker: crashes when told to -------------------------------------- */

static int worker_cast(mote_proc *self, void *state, mote_term req)
{
    (void)self, (void)state;
    /* A negative code is a crash: the process exits {:native_error, ...}. */
    return mote_is_atom(req, "crash") ? MOTE_EBADARG : MOTE_OK;
}

static int echo_call(mote_proc *self, void *state, mote_term req, mote_term from,
                     mote_term *reply)
{
    (void)self, (void)state, (void)from;
    *reply = req;
    return MOTE_OK;
}

static const mote_gen_server_class worker_class = {
    .name = "worker", .handle_call = echo_call, .handle_cast = worker_cast,
};

/* Start functions: each child registers under its id. */
static int start_named(mote_proc *sup, void *arg, mote_pid *out)
{
    const char *name = arg;
    const mote_gen_server_class *cls = strcmp(name, "store") == 0 ? &store_class : &worker_class;
    return mote_gen_server_start(mote_rt_of(sup), sup, cls, NULL, name, true, out);
}

static const mote_child_spec pair_children[] = {
    {.id = "ping", .start = start_named, .arg = "ping", .shutdown_ms = 1000},
    {.id = "pong", .start = start_named, .arg = "pong", .shutdown_ms = 1000},
};

static int start_pair(mote_proc *sup, void *arg, mote_pid *out)
{
    (void)arg;
    mote_sup_spec spec;
    mote_sup_spec_init(&spec);
    spec.strategy = MOTE_ONE_FOR_ALL;
    spec.name = "pair";
    spec.children = pair_children;
    spec.nchildren = 2;
    return mote_sup_start(mote_rt_of(sup), sup, &spec, true, out);
}

static const mote_child_spec top_children[] = {
    {.id = "store", .start = start_named, .arg = "store", .shutdown_ms = 1000},
    {.id = "worker", .start = start_named, .arg = "worker", .shutdown_ms = 1000},
    {.id = "pair", .start = start_pair, .shutdown_ms = MOTE_SHUTDOWN_INFINITY,
     .supervisor = true},
};

/* ---- the host ----------------------------------------------------------------- */

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Waits (up to ~10 s, generous for a loaded machine) until `name` is held
 * by a live process other than `old`; its pid, or 0. */
static mote_pid wait_new_pid(mote_rt *rt, const char *name, mote_pid old)
{
    for (int i = 0; i < 1000; i++) {
        mote_pid pid;
        if (mote_whereis(rt, name, &pid) == MOTE_OK && pid != old)
            return pid;
        sleep_ms(10);
    }
    return 0;
}

static int64_t call_store(mote_rt *rt, mote_env *env, mote_term req)
{
    mote_pid store;
    mote_term reply;
    int64_t v = -1;
    if (mote_whereis(rt, "store", &store) == MOTE_OK &&
        mote_gen_call(env, store, req, 5000, &reply) == MOTE_OK)
        mote_get_int(reply, &v);
    return v;
}

static void exercise(mote_rt *rt, mote_env *env, mote_pid top)
{
    mote_term add[2] = {mote_atom(env, "add"), mote_int(env, 5)};
    call_store(rt, env, mote_tuple(env, 2, add));
    check(call_store(rt, env, mote_tuple(env, 2, add)) == 10, "store adds up to 10");

    mote_pid worker, ping, pong;
    mote_whereis(rt, "worker", &worker);
    mote_gen_cast(env, worker, mote_atom(env, "crash"));
    mote_pid worker2 = wait_new_pid(rt, "worker", worker);
    check(worker2 != 0, "the crashed worker is restarted under its name");
    check(call_store(rt, env, mote_atom(env, "get")) == 10, "the store kept its total");

    mote_whereis(rt, "ping", &ping);
    mote_whereis(rt, "pong", &pong);
    mote_exit(env, ping, mote_atom(env, "kill"));
    check(wait_new_pid(rt, "ping", ping) != 0 && wait_new_pid(rt, "pong", pong) != 0,
          "one_for_all restarts pong when ping is killed");

    mote_sup_info info;
    if (mote_sup_info_get(rt, top, &info) == MOTE_OK) {
        check(info.restarts == 1 && info.nchildren == 3, "top recorded 1 restart, 3 children");
        check(info.nlog >= 1 && strcmp(info.log[0].child_id, "worker") == 0,
              "top's restart log names the worker");
        mote_sup_info_free(&info);
    } else {
        check(0, "mote_sup_info_get on top");
    }
}

int main(void)
{
    mote_rt *rt;
    if (mote_start(NULL, &rt) != MOTE_OK) {
        fprintf(stderr, "mote_start: %s\n", mote_last_error());
        return 1;
    }
    mote_sup_spec spec;
    mote_sup_spec_init(&spec);
    spec.name = "top";
    spec.children = top_children;
    spec.nchildren = 3;
    mote_pid top;
    int rc = mote_sup_start(rt, NULL, &spec, false, &top);
    check(rc == MOTE_OK, "the tree starts");
    mote_env *env = mote_env_new(rt);
    if (rc == MOTE_OK && env != NULL) {
        mote_pid store;
        check(wait_new_pid(rt, "store", 0) != 0 && mote_whereis(rt, "store", &store) == MOTE_OK,
              "store is up");
        exercise(rt, env, top);
        check(mote_gen_stop(env, top, mote_atom(env, "shutdown"), 10000) == MOTE_OK,
              "the tree shuts down (children first, in reverse order)");
        mote_pid gone;
        check(mote_whereis(rt, "store", &gone) != MOTE_OK, "its children are gone");
    }
    mote_env_free(env);
    mote_stop(rt);
    printf("%s\n", failures == 0 ? "all good" : "some checks failed");
    return failures == 0 ? 0 : 1;
}
