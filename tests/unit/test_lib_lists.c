/* test_lib_lists.c — :lists builtins. */
#include "unit/lib_test.h"
#include "mem.h"

#define L(name, n, ...) lt_call("lists", name, n, __VA_ARGS__)

static Term ints(size_t n, const int64_t *v)
{
    Term t[32];
    for (size_t i = 0; i < n; i++)
        t[i] = lt_int(v[i]);
    return lib_list(&T, t, n, NIL);
}

/* lists:sort/1 is not stable: OTP 25 gives 1 before 1.0 here. */
static void sort_orders_equal_terms_as_otp(void **state)
{
    (void)state;
    Term l = lib_list(&T, (Term[]){lt_atom("b"), lt_int(3), lib_float(&T, 1.0), lt_int(1),
                                   lt_str("s"), lt_atom("a")}, 6, NIL);
    assert_inspect(L("sort", 1, l), "[1, 1.0, 3, :a, :b, \"s\"]");
    assert_inspect(L("usort", 1, ints(5, (int64_t[]){3, 1, 3, 2, 1})), "[1, 2, 3]");
    Term kv = lib_list(&T, (Term[]){lib_tuple2(&T, lt_int(2), lt_atom("x")),
                                    lib_tuple2(&T, lt_int(1), lt_atom("y")),
                                    lib_tuple2(&T, lt_int(2), lt_atom("a"))}, 3, NIL);
    assert_inspect(L("keysort", 2, lt_int(1), kv), "[{1, :y}, {2, :x}, {2, :a}]");
    /* keysort is stable but for a leading stretch of == tuples that opens a
     * descending run: OTP reverses it. */
    Term one_f = lib_tuple2(&T, lt_int(1), lib_float(&T, 0.0));
    Term one = lib_tuple2(&T, lt_int(1), lt_int(0)), zero = lib_tuple2(&T, lt_int(0), lt_int(0));
    Term eq = lib_list(&T, (Term[]){one_f, one, zero, zero}, 4, NIL);
    assert_inspect(L("keysort", 2, lt_int(1), eq), "[{0, 0}, {0, 0}, {1, 0}, {1, 0.0}]");
}

static void key_functions_find_by_position(void **state)
{
    (void)state;
    Term kv = lib_list(&T, (Term[]){lib_tuple2(&T, lt_atom("a"), lt_int(1)),
                                    lib_tuple2(&T, lt_atom("b"), lt_int(2))}, 2, NIL);
    assert_inspect(L("keyfind", 3, lt_atom("b"), lt_int(1), kv), "{:b, 2}");
    assert_true(L("keyfind", 3, lt_atom("c"), lt_int(1), kv) == A(false));
    assert_inspect(L("keydelete", 3, lt_atom("a"), lt_int(1), kv), "[b: 2]");
    assert_inspect(L("keystore", 4, lt_atom("c"), lt_int(1), kv,
                     lib_tuple2(&T, lt_atom("c"), lt_int(3))), "[a: 1, b: 2, c: 3]");
    assert_inspect(L("keytake", 3, lt_atom("a"), lt_int(1), kv), "{:value, {:a, 1}, [b: 2]}");
}

static void sequences_and_slices(void **state)
{
    (void)state;
    assert_inspect(L("seq", 2, lt_int(1), lt_int(5)), "[1, 2, 3, 4, 5]");
    assert_inspect(L("seq", 3, lt_int(10), lt_int(1), lt_int(-3)), "[10, 7, 4, 1]");
    assert_inspect(L("seq", 2, lt_int(1), lt_int(0)), "[]");
    assert_raises(L("seq", 2, lt_int(5), lt_int(1)),
                  "** (FunctionClauseError) no function clause matching in :lists.seq/2");
    Term l = ints(5, (int64_t[]){1, 2, 3, 4, 5});
    assert_inspect(L("sublist", 3, l, lt_int(2), lt_int(2)), "[2, 3]");
    assert_inspect(L("nth", 2, lt_int(5), l), "5");
    assert_inspect(L("last", 1, l), "5");
    assert_inspect(L("nthtail", 2, lt_int(3), l), "[4, 5]");
    assert_inspect(L("reverse", 2, l, ints(1, (int64_t[]){9})), "[5, 4, 3, 2, 1, 9]");
    assert_inspect(L("sum", 1, l), "15");
    assert_inspect(L("max", 1, l), "5");
}

static void flatten_and_append_handle_nesting(void **state)
{
    (void)state;
    Term inner = lib_list(&T, (Term[]){lt_int(2), lib_list(&T, (Term[]){lt_int(3)}, 1, NIL)},
                          2, NIL);
    Term deep = lib_list(&T, (Term[]){lt_int(1), inner, NIL, lt_int(4)}, 4, NIL);
    assert_inspect(L("flatten", 1, deep), "[1, 2, 3, 4]");
    Term ll = lib_list(&T, (Term[]){ints(2, (int64_t[]){1, 2}), NIL, ints(1, (int64_t[]){3})},
                       3, NIL);
    assert_inspect(L("append", 1, ll), "[1, 2, 3]");
    assert_inspect(L("zip", 2, ints(2, (int64_t[]){1, 2}), ll == NONE ? NIL :
                                   lib_list(&T, (Term[]){lt_atom("a"), lt_atom("b")}, 2, NIL)),
                   "[{1, :a}, {2, :b}]");
    assert_inspect(L("duplicate", 2, lt_int(3), lt_atom("x")), "[:x, :x, :x]");
    assert_inspect(L("delete", 2, lt_int(2), ints(3, (int64_t[]){2, 1, 2})), "[1, 2]");
}

static void split_droplast_and_affixes(void **state)
{
    (void)state;
    Term l = ints(3, (int64_t[]){1, 2, 3});
    assert_inspect(L("split", 2, lt_int(2), l), "{[1, 2], [3]}");
    assert_raises(L("split", 2, lt_int(4), l),
                  "** (FunctionClauseError) no function clause matching in :lists.split/2");
    assert_inspect(L("droplast", 1, l), "[1, 2]");
    assert_true(L("prefix", 2, ints(2, (int64_t[]){1, 2}), l) == A(true));
    assert_true(L("suffix", 2, ints(2, (int64_t[]){2, 3}), l) == A(true));
    assert_true(L("suffix", 2, ints(2, (int64_t[]){1, 3}), l) == A(false));
}

/* Out of memory at any allocation of a sort raises (system_limit) or
 * sorts, and frees everything it took either way. */
static void sort_survives_failed_allocations(void **state)
{
    (void)state;
    int64_t v[12] = {5, 3, 9, 1, 7, 2, 8, 6, 4, 0, 11, 10};
    const char *fns[] = {"sort", "usort"};
    for (size_t f = 0; f < 2; f++) {
        for (uint64_t n = 1; n <= 6; n++) {
            Term l = ints(12, v);
            size_t before = mem_in_use(MEM_SYSTEM);
            mem_fail_after(n);
            Term r = L(fns[f], 1, l);
            mem_fail_after(0);
            Term cls, reason;
            if (r == NONE) {
                assert_true(bif_take_exception(&cls, &reason));
                assert_true(reason == A(system_limit));
            } else {
                assert_inspect(r, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]");
            }
            assert_int_equal(mem_in_use(MEM_SYSTEM), before);
        }
    }
    Term l = ints(4, (int64_t[]){2, 1, 2, 0});
    mem_fail_after(2);
    Term r = lt_call("Elixir.Enum.MergeSort", "__terms__", 2, l, lt_atom("desc"));
    mem_fail_after(0);
    Term cls, reason;
    assert_true(r != NONE || bif_take_exception(&cls, &reason));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sort_orders_equal_terms_as_otp),
        cmocka_unit_test(sort_survives_failed_allocations),
        cmocka_unit_test(key_functions_find_by_position),
        cmocka_unit_test(sequences_and_slices),
        cmocka_unit_test(flatten_and_append_handle_nesting),
        cmocka_unit_test(split_droplast_and_affixes),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
