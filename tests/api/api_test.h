/* api_test.h — the fixture test_api and test_embed share: a runtime with
 * two schedulers and a host env per test, started and stopped by cmocka's
 * setup/teardown, so a leak or a crash is pinned to one test. mote.h only,
 * as a host would have.
 *
 * The fixture lives in static storage: cmocka hands its address to the
 * test through *state, and tests run one after another.
 */
#ifndef API_TEST_H
#define API_TEST_H

#include "mote.h"

typedef struct Fix {
    mote_rt *rt;
    mote_env *env; /* a host env for the messages tests send */
} Fix;

/* A runtime as every test here wants it: two schedulers, the rest default.
 * Returns mote_start's code; *rt is set on MOTE_OK. */
static inline int api_start(mote_rt **rt)
{
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = 2;
    return mote_start(&cfg, rt);
}

static inline int fix_setup(void **state)
{
    static Fix f;
    if (api_start(&f.rt) != MOTE_OK)
        return -1;
    f.env = mote_env_new(f.rt);
    *state = &f;
    return f.env ? 0 : -1;
}

static inline int fix_teardown(void **state)
{
    Fix *f = *state;
    mote_env_free(f->env);
    return mote_stop(f->rt) == MOTE_OK ? 0 : -1;
}

#define FIX(t) cmocka_unit_test_setup_teardown(t, fix_setup, fix_teardown)

#endif
