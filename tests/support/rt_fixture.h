/* rt_fixture.h — the cmocka fixture most runtime tests share: a runtime
 * with two schedulers per test, handed to the test as *state, stopped
 * after it (so a leak or a crash is pinned to one test). mote.h only.
 *
 * Two schedulers, not one per core: the tests want real parallelism
 * (stealing, cross-scheduler signals) on any machine, and no more threads
 * than a loaded 2-core machine can run.
 */
#ifndef RT_FIXTURE_H
#define RT_FIXTURE_H

#include "mote.h"

static inline int rt_setup(void **state)
{
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = 2;
    mote_rt *rt = NULL;
    if (mote_start(&cfg, &rt) != 0)
        return -1;
    *state = rt;
    return 0;
}

static inline int rt_teardown(void **state)
{
    return mote_stop(*state);
}

#endif
