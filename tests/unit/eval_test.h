/* eval_test.h — helpers shared by the unit tests that drive a runtime from
 * the host through the language (test_otp, test_otp_native, test_snap,
 * test_peek, test_supinfo): a script run to completion, a registered name looked up,
 * and the runtime fixture of support/rt_fixture.h.
 *
 * The runtime is cmocka's *state; the helpers fail the test (cmocka
 * asserts) rather than return errors, so a test reads as its steps.
 */
#ifndef EVAL_TEST_H
#define EVAL_TEST_H

#include <string.h>

#include "mote.h"
#include "support/rt_fixture.h"

/* Evaluates src on rt and fails the test unless it ran and its status
 * was 0. Returns when the script's main process has finished. */
static inline void run(mote_rt *rt, const char *src)
{
    int status = -1;
    assert_int_equal(mote_eval_string(rt, src, strlen(src), 0, NULL, &status), 0);
    assert_int_equal(status, 0);
}

/* The pid registered as name; fails the test when there is none. */
static inline mote_pid whereis(mote_rt *rt, const char *name)
{
    mote_pid pid = 0;
    assert_int_equal(mote_whereis(rt, name, &pid), 0);
    return pid;
}

#endif
