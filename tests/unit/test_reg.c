/* test_reg.c — registered names: register, whereis, send by name, and
 * names freed when their process exits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "support/sigprobe.h"
#include "support/rt_fixture.h"

static void do_register(mote_rt *rt, Probe *pr, const char *name, int want)
{
    int before = probe_count(pr);
    assert_int_equal(probe_send(rt, pr->pid, "aa", "register", name), 0);
    assert_true(probe_wait_lines(pr, before + 1));
    char line[32];
    snprintf(line, sizeof line, "register %d", want);
    assert_string_equal(probe_line(pr, before), line);
}

static void stop_and_wait(mote_rt *rt, Probe *pr)
{
    assert_int_equal(probe_send(rt, pr->pid, "aa", "stop", "normal"), 0);
    int rc = mote_wait_exit(rt, pr->pid, PROBE_WAIT_MS, NULL, 0);
    assert_true(rc == 0 || rc == MOTE_ENOPROC);
}

static void whereis_finds_registered_process(void **state)
{
    mote_rt *rt = *state;
    static Probe a;
    assert_int_equal(probe_spawn(rt, &a), 0);
    do_register(rt, &a, "reg_alpha", 0);
    mote_pid got = 0;
    assert_int_equal(mote_whereis(rt, "reg_alpha", &got), 0);
    assert_int_equal(got, a.pid);
    stop_and_wait(rt, &a);
}

static void send_named_reaches_process(void **state)
{
    mote_rt *rt = *state;
    static Probe a;
    assert_int_equal(probe_spawn(rt, &a), 0);
    do_register(rt, &a, "reg_beta", 0);
    mote_env *env = mote_env_new(rt);
    assert_int_equal(mote_send_named(env, "reg_beta", mote_atom(env, "hello")), 0);
    mote_env_free(env);
    assert_true(probe_wait_lines(&a, 2));
    assert_string_equal(probe_line(&a, 1), ":hello");
    stop_and_wait(rt, &a);
}

static void name_is_freed_when_process_exits(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    assert_int_equal(probe_spawn(rt, &a), 0);
    do_register(rt, &a, "reg_gamma", 0);
    stop_and_wait(rt, &a);
    mote_pid got = 0;
    assert_int_equal(mote_whereis(rt, "reg_gamma", &got), MOTE_ENOPROC);
    /* The name can be taken again. */
    assert_int_equal(probe_spawn(rt, &b), 0);
    do_register(rt, &b, "reg_gamma", 0);
    assert_int_equal(mote_whereis(rt, "reg_gamma", &got), 0);
    assert_int_equal(got, b.pid);
    stop_and_wait(rt, &b);
}

static void taken_name_and_second_name_are_refused(void **state)
{
    mote_rt *rt = *state;
    static Probe a, b;
    assert_int_equal(probe_spawn(rt, &a), 0);
    assert_int_equal(probe_spawn(rt, &b), 0);
    do_register(rt, &a, "reg_delta", 0);
    do_register(rt, &b, "reg_delta", MOTE_EEXIST);
    do_register(rt, &a, "reg_epsilon", MOTE_EEXIST);
    do_register(rt, &a, "undefined", MOTE_EBADARG);
    stop_and_wait(rt, &a);
    stop_and_wait(rt, &b);
}

static void unregister_frees_name_and_unknown_names_are_noproc(void **state)
{
    mote_rt *rt = *state;
    static Probe a;
    assert_int_equal(probe_spawn(rt, &a), 0);
    do_register(rt, &a, "reg_zeta", 0);
    assert_int_equal(mote_unregister(rt, "reg_zeta"), 0);
    mote_pid got = 0;
    assert_int_equal(mote_whereis(rt, "reg_zeta", &got), MOTE_ENOPROC);
    assert_int_equal(mote_unregister(rt, "reg_zeta"), MOTE_ENOPROC);
    assert_int_equal(mote_whereis(rt, "reg_never_made_xyz", &got), MOTE_ENOPROC);
    mote_env *env = mote_env_new(rt);
    assert_int_equal(mote_send_named(env, "reg_never_made_xyz", mote_atom(env, "x")),
                     MOTE_ENOPROC);
    mote_env_free(env);
    /* Its mirror was cleared too: the process may take a new name. */
    do_register(rt, &a, "reg_eta", 0);
    stop_and_wait(rt, &a);
}

static void many_names_grow_the_table(void **state)
{
    mote_rt *rt = *state;
    enum { N = 100 };
    static Probe ps[N];
    char name[32];
    for (int i = 0; i < N; i++) {
        assert_int_equal(probe_spawn(rt, &ps[i]), 0);
        snprintf(name, sizeof name, "reg_many_%d", i);
        do_register(rt, &ps[i], name, 0);
    }
    for (int i = 0; i < N; i++) {
        mote_pid got = 0;
        snprintf(name, sizeof name, "reg_many_%d", i);
        assert_int_equal(mote_whereis(rt, name, &got), 0);
        assert_int_equal(got, ps[i].pid);
    }
    for (int i = 0; i < N; i++)
        stop_and_wait(rt, &ps[i]);
    for (int i = 0; i < N; i++) {
        mote_pid got = 0;
        snprintf(name, sizeof name, "reg_many_%d", i);
        assert_int_equal(mote_whereis(rt, name, &got), MOTE_ENOPROC);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whereis_finds_registered_process),
        cmocka_unit_test(send_named_reaches_process),
        cmocka_unit_test(name_is_freed_when_process_exits),
        cmocka_unit_test(taken_name_and_second_name_are_refused),
        cmocka_unit_test(unregister_frees_name_and_unknown_names_are_noproc),
        cmocka_unit_test(many_names_grow_the_table),
    };
    return cmocka_run_group_tests(tests, rt_setup, rt_teardown);
}
