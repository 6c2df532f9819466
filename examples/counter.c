/* counter.c — a small host program that embeds libmote through mote.h.
 *
 * It starts a runtime and two native processes:
 *   counter  holds an integer; {:add, n} adds, {:get, from} replies
 *            {:count, n} to from, :stop ends it. It registers as "counter".
 *   client   adds 1..10, asks for the count, checks the registered name,
 *            monitors the counter and links to a short-lived helper it
 *            spawns, then uses a timer to stop the counter a little later.
 * The client records what it saw; the host waits for it to exit, prints
 * the record, stops the runtime (which frees everything) and exits 0 only
 * when every step came out as expected. Build: see examples/meson.build;
 * run: build/examples/example_counter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote.h"

/* ---- the counter --------------------------------------------------------- */

typedef struct Counter {
    int64_t value;
} Counter;

static int counter_init(mote_proc *self, void **state)
{
    Counter *c = calloc(1, sizeof *c);
    if (!c)
        return MOTE_ENOMEM;
    *state = c;
    return mote_register(self, "counter");
}

/* Replies {:count, value} to the pid in a {:get, from} request. */
static int counter_reply(mote_proc *self, Counter *c, mote_term from)
{
    mote_env *env = mote_env_of(self);
    mote_pid to;
    if (mote_get_pid(from, &to) != MOTE_OK)
        return MOTE_EBADARG;
    mote_term el[2] = {mote_atom(env, "count"), mote_int(env, c->value)};
    return mote_send(env, to, mote_tuple(env, 2, el));
}

static int counter_handle(mote_proc *self, void *state, mote_term msg)
{
    Counter *c = state;
    size_t n;
    const mote_term *el;
    int64_t k;
    if (mote_is_atom(msg, "stop"))
        return MOTE_STOP;
    if (mote_get_tuple(msg, &n, &el) != MOTE_OK || n != 2)
        return MOTE_OK; /* not ours: ignore it, as a gen_server would log it */
    if (mote_is_atom(el[0], "add") && mote_get_int(el[1], &k) == MOTE_OK)
        c->value += k;
    else if (mote_is_atom(el[0], "get"))
        return counter_reply(self, c, el[1]);
    return MOTE_OK;
}

static void counter_terminate(mote_proc *self, void *state, mote_term reason)
{
    (void)self, (void)reason;
    free(state); /* NULL when init failed before allocating */
}

static const mote_proc_class counter_class = {
    .name = "counter",
    .init = counter_init,
    .handle = counter_handle,
    .terminate = counter_terminate,
};

/* ---- a helper that exits at once with reason :done ----------------------- */

static int helper_init(mote_proc *self, void **state)
{
    (void)state;
    mote_exit_self(self, mote_atom(mote_env_of(self), "done"));
    return MOTE_STOP;
}

static const mote_proc_class helper_class = {.name = "helper", .init = helper_init};

/* ---- the client ---------------------------------------------------------- */

/* What the client saw; read by the host after the client has exited. */
typedef struct Report {
    mote_pid counter;
    int64_t count;      /* the count the counter replied            */
    bool name_ok;       /* whereis("counter") gave the counter's pid */
    char exit_seen[64]; /* reason in {:EXIT, helper, reason}         */
    char down_seen[64]; /* reason in {:DOWN, ref, :process, pid, r}  */
    bool timer_fired;
} Report;

static int client_init(mote_proc *self, void **state)
{
    Report *r = *state;
    mote_env *env = mote_env_of(self);
    mote_spawn_opts opts = {.link = true};
    mote_pid helper;
    mote_term ref; /* the monitor's reference; the DOWN message carries it */
    int rc;
    /* Trap exits first, so the helper's exit arrives as a message. */
    if ((rc = mote_trap_exit(self, true)) < 0 ||
        (rc = mote_spawn(mote_rt_of(self), self, &helper_class, NULL, &opts, &helper)) < 0 ||
        (rc = mote_monitor(self, r->counter, &ref)) < 0)
        return rc;
    for (int i = 1; i <= 10; i++) {
        mote_term add[2] = {mote_atom(env, "add"), mote_int(env, i)};
        if ((rc = mote_send(env, r->counter, mote_tuple(env, 2, add))) < 0)
            return rc;
    }
    mote_term get[2] = {mote_atom(env, "get"), mote_pid_term(mote_self(self))};
    return mote_send(env, r->counter, mote_tuple(env, 2, get));
}

/* Writes the last element of a tuple (an exit reason) into buf. */
static void note_reason(size_t n, const mote_term *el, char *buf, size_t size)
{
    mote_format(el[n - 1], buf, size);
}

static int client_handle(mote_proc *self, void *state, mote_term msg)
{
    Report *r = state;
    mote_env *env = mote_env_of(self);
    size_t n;
    const mote_term *el;
    if (mote_is_atom(msg, "tick")) {
        r->timer_fired = true;
        return mote_send_named(env, "counter", mote_atom(env, "stop"));
    }
    if (mote_get_tuple(msg, &n, &el) != MOTE_OK || n < 2)
        return MOTE_OK;
    if (mote_is_atom(el[0], "count")) {
        mote_pid found = 0;
        mote_get_int(el[1], &r->count);
        r->name_ok =
            mote_whereis(mote_rt_of(self), "counter", &found) == MOTE_OK && found == r->counter;
        return mote_send_after(self, 20, mote_self(self), mote_atom(env, "tick"), NULL);
    }
    if (mote_is_atom(el[0], "EXIT") && n == 3)
        note_reason(n, el, r->exit_seen, sizeof r->exit_seen);
    if (mote_is_atom(el[0], "DOWN") && n == 5) {
        note_reason(n, el, r->down_seen, sizeof r->down_seen);
        return MOTE_STOP; /* the counter is gone: the client's work is done */
    }
    return MOTE_OK;
}

static const mote_proc_class client_class = {
    .name = "client",
    .init = client_init,
    .handle = client_handle,
};

/* ---- the host ------------------------------------------------------------ */

static int fail(const char *what, int rc)
{
    fprintf(stderr, "counter: %s: %s (%s)\n", what, mote_strerror(rc), mote_last_error());
    return rc;
}

/* Runs the two processes; fills r. Returns MOTE_OK or the first error. */
static int run(mote_rt *rt, Report *r)
{
    mote_pid client;
    char reason[64];
    int rc;
    if ((rc = mote_spawn(rt, NULL, &counter_class, NULL, NULL, &r->counter)) < 0)
        return fail("spawn counter", rc);
    if ((rc = mote_spawn(rt, NULL, &client_class, r, NULL, &client)) < 0)
        return fail("spawn client", rc);
    if ((rc = mote_wait_exit(rt, client, 5000, reason, sizeof reason)) < 0)
        return fail("wait for the client", rc);
    printf("client exited: %s; saw EXIT reason '%s', DOWN reason '%s'\n", reason, r->exit_seen,
           r->down_seen);
    return MOTE_OK;
}

static bool expect(bool ok, const char *what)
{
    printf("%-52s %s\n", what, ok ? "ok" : "WRONG");
    return ok;
}

int main(void)
{
    mote_config cfg;
    mote_rt *rt;
    Report r = {0};
    mote_config_init(&cfg);
    cfg.schedulers = 2;
    int rc = mote_start(&cfg, &rt);
    if (rc < 0)
        return fail("mote_start", rc), 1;
    rc = run(rt, &r);
    bool good = rc == MOTE_OK;
    good &= expect(r.count == 55, "counter holds 1 + 2 + ... + 10 = 55");
    good &= expect(r.name_ok, "whereis(\"counter\") is the counter");
    good &=
        expect(!strcmp(r.exit_seen, ":done"), "linked helper's exit arrived as {:EXIT, _, :done}");
    good &= expect(r.timer_fired, "the 20 ms timer fired");
    good &=
        expect(!strcmp(r.down_seen, ":normal"), "monitor gave {:DOWN, _, :process, _, :normal}");
    if ((rc = mote_stop(rt)) < 0)
        return fail("mote_stop", rc), 1;
    return good ? 0 : 1;
}
