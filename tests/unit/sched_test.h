/* sched_test.h — helpers shared by test_proc, test_sched, test_timer and
 * test_stress: a runtime per test and a recording native process.
 *
 * A Rec is the state of one recorder process. It lives in the test's
 * static storage (never on a stack frame that could end before the
 * process does). Its handle callback appends integer messages to vals,
 * and obeys a few atom commands: :stop (exit normally), :crash (return
 * MOTE_EBADARG), :gate (block until the test opens rec->gate), :bye
 * (exit with reason :bye via mote_exit_self).
 */
#ifndef SCHED_TEST_H
#define SCHED_TEST_H

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mote.h"

#define REC_MAX 4096

typedef struct Rec {
    _Atomic int n;             /* values recorded                 */
    int64_t vals[REC_MAX];
    _Atomic int in_gate;       /* the callback is blocked on gate */
    _Atomic int gate;          /* set to let it go on             */
    _Atomic int terminated;    /* terminate ran (reason is set)   */
    char reason[128];          /* exit reason, as mote_format     */
    _Atomic int sched_seen;    /* bit per scheduler it ran on     */
    mote_pid pid;
} Rec;

static inline void rec_reset(Rec *r)
{
    memset(r, 0, sizeof *r);
}

static int rec_handle(mote_proc *self, void *state, mote_term msg)
{
    Rec *r = state;
    int64_t v;
    if (mote_get_int(msg, &v) == MOTE_OK) {
        int i = atomic_load(&r->n);
        if (i < REC_MAX)
            r->vals[i] = v;
        atomic_store(&r->n, i + 1);
        return MOTE_OK;
    }
    if (mote_is_atom(msg, "stop"))
        return MOTE_STOP;
    if (mote_is_atom(msg, "crash"))
        return MOTE_EBADARG;
    if (mote_is_atom(msg, "bye")) {
        mote_exit_self(self, mote_atom(mote_env_of(self), "bye"));
        return MOTE_STOP;
    }
    if (mote_is_atom(msg, "gate")) {
        atomic_store(&r->in_gate, 1);
        while (!atomic_load(&r->gate))
            sched_yield();
        return MOTE_OK;
    }
    return MOTE_OK;
}

static void rec_terminate(mote_proc *self, void *state, mote_term reason)
{
    (void)self;
    Rec *r = state;
    mote_format(reason, r->reason, sizeof r->reason);
    atomic_store(&r->terminated, 1);
}

static const mote_proc_class rec_class = {
    .name = "rec", .handle = rec_handle, .terminate = rec_terminate,
};

static inline void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Polls cond until true; the test's own timeout bounds a hang. */
#define WAIT_FOR(cond)                \
    do {                              \
        while (!(cond))               \
            sleep_ms(1);              \
    } while (0)

static inline int rt_setup_n(void **state, unsigned nsched)
{
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = nsched;
    mote_rt *rt = NULL;
    if (mote_start(&cfg, &rt) != 0)
        return -1;
    *state = rt;
    return 0;
}

static inline int rt_setup(void **state)
{
    return rt_setup_n(state, 2);
}

static inline int rt_setup1(void **state)
{
    return rt_setup_n(state, 1);
}

static inline int rt_teardown(void **state)
{
    return mote_stop(*state);
}

/* Sends an integer / an atom from the host. */
static inline int send_int(mote_rt *rt, mote_pid to, int64_t v)
{
    mote_env *env = mote_env_new(rt);
    int rc = mote_send(env, to, mote_int(env, v));
    mote_env_free(env);
    return rc;
}

static inline int send_atom(mote_rt *rt, mote_pid to, const char *a)
{
    mote_env *env = mote_env_new(rt);
    int rc = mote_send(env, to, mote_atom(env, a));
    mote_env_free(env);
    return rc;
}

#endif
