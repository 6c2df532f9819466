/* test_lib_maps.c — :maps builtins. */
#include "unit/lib_test.h"

#define M(name, n, ...) lt_call("maps", name, n, __VA_ARGS__)

static Term abc(void)
{
    Term kv = lib_list(&T, (Term[]){lib_tuple2(&T, lt_atom("b"), lt_int(2)),
                                    lib_tuple2(&T, lt_atom("a"), lt_int(1)),
                                    lib_tuple2(&T, lt_atom("c"), lt_int(3))}, 3, NIL);
    return M("from_list", 1, kv);
}

static void reads_and_updates(void **state)
{
    (void)state;
    Term m = abc();
    assert_inspect(m, "%{a: 1, b: 2, c: 3}");
    assert_inspect(M("get", 2, lt_atom("b"), m), "2");
    assert_inspect(M("get", 3, lt_atom("z"), m, lt_int(0)), "0");
    assert_inspect(M("find", 2, lt_atom("c"), m), "{:ok, 3}");
    assert_inspect(M("put", 3, lt_atom("d"), lt_int(4), m), "%{a: 1, b: 2, c: 3, d: 4}");
    assert_inspect(M("remove", 2, lt_atom("a"), m), "%{b: 2, c: 3}");
    assert_inspect(M("take", 2, lt_atom("a"), m), "{1, %{b: 2, c: 3}}");
    assert_inspect(M("keys", 1, m), "[:a, :b, :c]");
    assert_inspect(M("values", 1, m), "[1, 2, 3]");
    assert_inspect(M("to_list", 1, m), "[a: 1, b: 2, c: 3]");
    assert_inspect(M("size", 1, m), "3");
}

static void merge_prefers_the_second_map(void **state)
{
    (void)state;
    Term m = abc();
    Term n = M("put", 3, lt_atom("a"), lt_int(9), M("new", 0, NIL));
    assert_inspect(M("merge", 2, m, n), "%{a: 9, b: 2, c: 3}");
    assert_inspect(M("merge", 2, n, m), "%{a: 1, b: 2, c: 3}");
}

static void missing_keys_and_non_maps_raise(void **state)
{
    (void)state;
    Term m = abc();
    assert_raises(M("get", 2, lt_atom("z"), m), "** (KeyError) key :z not found in: %{a: 1, b: 2, c: 3}");
    assert_raises(M("update", 3, lt_atom("z"), lt_int(1), m),
                  "** (KeyError) key :z not found in: %{a: 1, b: 2, c: 3}");
    assert_raises(M("size", 1, lt_int(3)), "** (BadMapError) expected a map, got: 3");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_and_updates),
        cmocka_unit_test(merge_prefers_the_second_map),
        cmocka_unit_test(missing_keys_and_non_maps_raise),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
