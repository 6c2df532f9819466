/* test_env.c — the C term API of mote.h: envs, constructors, readers,
 * and refusals that set mote_last_error instead of crashing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "atom.h"
#include "env.h"
#include "mem.h"
#include "mote.h"
#include "node.h"

static int setup(void **state)
{
    (void)state;
    return atom_init();
}

static int teardown(void **state)
{
    (void)state;
    atom_fini();
    return 0;
}

static void builds_and_reads_back_every_type(void **state)
{
    (void)state;
    mote_env *env = mote_env_new(NULL);
    assert_non_null(env);
    int64_t i;
    double d;
    assert_int_equal(mote_get_int(mote_int(env, -7), &i), MOTE_OK);
    assert_int_equal(i, -7);
    assert_int_equal(mote_get_int(mote_int(env, INT64_MIN), &i), MOTE_OK);
    assert_int_equal(i, INT64_MIN);
    assert_int_equal(mote_get_int(mote_uint(env, UINT64_MAX), &i), MOTE_ELIMIT);
    assert_int_equal(mote_get_float(mote_float(env, 2.5), &d), MOTE_OK);
    assert_true(d == 2.5);
    assert_true(mote_is_atom(mote_atom(env, "hello"), "hello"));
    const void *bytes;
    size_t len;
    assert_int_equal(mote_get_binary(mote_string(env, "hi there"), &bytes, &len), MOTE_OK);
    assert_int_equal(len, 8);
    assert_memory_equal(bytes, "hi there", 8);
    mote_term parts[3] = {mote_int(env, 1), mote_atom(env, "two"), mote_nil()};
    mote_term tuple = mote_tuple(env, 3, parts);
    size_t n;
    const mote_term *elems;
    assert_int_equal(mote_get_tuple(tuple, &n, &elems), MOTE_OK);
    assert_int_equal(n, 3);
    assert_true(mote_equal(elems[1], parts[1]));
    mote_term list = mote_list(env, 3, parts), h, t;
    assert_int_equal(mote_get_cons(list, &h, &t), MOTE_OK);
    assert_true(mote_equal(h, parts[0]));
    assert_true(mote_equal(mote_cons(env, h, t), list));
    mote_term map = mote_map_put(env, mote_map_new(env), parts[1], tuple), v;
    assert_int_equal(mote_map_get(map, parts[1], &v), MOTE_OK);
    assert_true(mote_equal(v, tuple));
    assert_int_equal(mote_type_of(map), MOTE_T_MAP);
    assert_int_equal(mote_type_of(list), MOTE_T_LIST);
    assert_int_equal(mote_type_of(mote_nil()), MOTE_T_NIL);
    assert_int_equal(mote_type_of(mote_float(env, 1.0)), MOTE_T_FLOAT);
    assert_int_equal(mote_type_of(MOTE_NONE), MOTE_T_INVALID);
    mote_env_free(env);
}

static void compares_in_erlang_order_and_equals_exactly(void **state)
{
    (void)state;
    mote_env *env = mote_env_new(NULL);
    mote_term one = mote_int(env, 1), onef = mote_float(env, 1.0);
    assert_int_equal(mote_compare(one, onef), 0);
    assert_false(mote_equal(one, onef));
    assert_true(mote_compare(one, mote_atom(env, "a")) < 0);
    assert_true(mote_compare(mote_nil(), mote_string(env, "")) < 0);
    mote_env_free(env);
}

static void refuses_bad_arguments_with_a_message(void **state)
{
    (void)state;
    mote_env *env = mote_env_new(NULL);
    int64_t i;
    assert_int_equal(mote_get_int(mote_atom(env, "x"), &i), MOTE_EBADARG);
    assert_non_null(strstr(mote_last_error(), "integer"));
    assert_int_equal(mote_get_int(mote_int(env, 1), NULL), MOTE_EINVAL);
    mote_term bad[2] = {mote_int(env, 1), MOTE_NONE};
    assert_int_equal(mote_tuple(env, 2, bad), MOTE_NONE);
    assert_non_null(strstr(mote_last_error(), "element 1"));
    assert_int_equal(mote_list(env, 2, NULL), MOTE_NONE);
    assert_int_equal(mote_atom(env, "\xff"), MOTE_NONE);
    assert_int_equal(mote_float(env, 1.0 / 0.0), MOTE_NONE);
    assert_int_equal(mote_map_put(env, mote_nil(), mote_nil(), mote_nil()), MOTE_NONE);
    mote_term v;
    assert_int_equal(mote_map_get(mote_map_new(env), mote_nil(), &v), MOTE_EINVAL);
    assert_int_equal(mote_make_ref(env), MOTE_NONE); /* no runtime behind it */
    assert_int_equal(mote_int(NULL, 1), MOTE_NONE);
    assert_string_equal(mote_strerror(MOTE_ENOMEM), "out of memory");
    assert_non_null(mote_strerror(12345));
    mote_env_free(env);
}

static void makes_distinct_references_from_its_node(void **state)
{
    (void)state;
    Node node;
    memset(&node, 0, sizeof node);
    mote_env env;
    assert_int_equal(env_init_detached(&env, &node), 0);
    mote_term r1 = mote_make_ref(&env), r2 = mote_make_ref(&env);
    assert_int_equal(mote_type_of(r1), MOTE_T_REF);
    assert_false(mote_equal(r1, r2));
    assert_true(mote_equal(r1, r1));
    env_fini(&env);
}

static void clear_and_free_return_every_byte(void **state)
{
    (void)state;
    size_t before = mem_total();
    mote_env *env = mote_env_new(NULL);
    for (int k = 0; k < 1000; k++)
        mote_tuple(env, 2, (mote_term[]){mote_int(env, k), mote_float(env, k)});
    char big[500] = {0};
    mote_binary(env, big, sizeof big); /* off-heap */
    mote_env_clear(env);
    assert_int_equal(mote_get_int(mote_int(env, 3), &(int64_t){0}), MOTE_OK);
    mote_env_free(env);
    assert_int_equal(mem_total(), before);
}

/* Every constructor refuses cleanly when memory runs out. */
static void survives_allocation_failure_in_every_constructor(void **state)
{
    (void)state;
    size_t before = mem_total();
    for (uint64_t n = 1; n < 6; n++) {
        mem_fail_after(n);
        mote_env *env = mote_env_new(NULL);
        if (env) {
            mote_term e[4] = {mote_int(env, 1), mote_float(env, 2.0),
                              mote_string(env, "0123456789012345678901234567890123456789"
                                               "0123456789012345678901234567890123456789"),
                              mote_map_new(env)};
            for (int k = 0; k < 300; k++)
                (void)mote_tuple(env, 4, e);
            mote_env_free(env);
        }
        mem_fail_after(0);
        assert_int_equal(mem_total(), before);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builds_and_reads_back_every_type),
        cmocka_unit_test(compares_in_erlang_order_and_equals_exactly),
        cmocka_unit_test(refuses_bad_arguments_with_a_message),
        cmocka_unit_test(makes_distinct_references_from_its_node),
        cmocka_unit_test(clear_and_free_return_every_byte),
        cmocka_unit_test(survives_allocation_failure_in_every_constructor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
