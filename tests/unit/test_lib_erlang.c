/* test_lib_erlang.c — :erlang builtins called directly on a test heap. */
#include "unit/lib_test.h"

#define E(name, n, ...) lt_call("erlang", name, n, __VA_ARGS__)

static void arithmetic_is_exact_and_mixes_floats(void **state)
{
    (void)state;
    assert_inspect(E("+", 2, lt_int(SMALL_MAX), lt_int(1)), "1152921504606846976");
    assert_inspect(E("*", 2, lt_int(3), lib_float(&T, 1.5)), "4.5");
    assert_inspect(E("/", 2, lt_int(1), lt_int(2)), "0.5");
    assert_inspect(E("div", 2, lt_int(-7), lt_int(2)), "-3");
    assert_inspect(E("rem", 2, lt_int(-7), lt_int(2)), "-1");
    assert_inspect(E("-", 1, lt_int(5)), "-5");
}

static void bad_arithmetic_raises_arithmetic_error(void **state)
{
    (void)state;
    assert_raises(E("+", 2, lt_int(1), lt_atom("a")),
                  "** (ArithmeticError) bad argument in arithmetic expression");
    assert_raises(E("div", 2, lt_int(1), lt_int(0)),
                  "** (ArithmeticError) bad argument in arithmetic expression");
    assert_raises(E("/", 2, lt_int(1), lib_float(&T, 0.0)),
                  "** (ArithmeticError) bad argument in arithmetic expression");
}

static void comparisons_follow_term_order(void **state)
{
    (void)state;
    assert_true(E("<", 2, lt_int(1), lt_atom("a")) == A(true));
    assert_true(E("==", 2, lt_int(1), lib_float(&T, 1.0)) == A(true));
    assert_true(E("=:=", 2, lt_int(1), lib_float(&T, 1.0)) == A(false));
    assert_true(E("max", 2, lt_int(1), lt_str("x")) != lt_int(1));
}

static void tuples_are_built_and_read(void **state)
{
    (void)state;
    Term t = E("make_tuple", 2, lt_int(3), lt_atom("x"));
    assert_inspect(t, "{:x, :x, :x}");
    assert_inspect(E("setelement", 3, lt_int(2), t, lt_int(9)), "{:x, 9, :x}");
    assert_inspect(E("append_element", 2, t, lt_int(1)), "{:x, :x, :x, 1}");
    assert_inspect(E("delete_element", 2, lt_int(1), t), "{:x, :x}");
    assert_inspect(E("insert_element", 3, lt_int(1), t, lt_int(0)), "{0, :x, :x, :x}");
    assert_inspect(E("tuple_to_list", 1, t), "[:x, :x, :x]");
    assert_raises(E("element", 2, lt_int(5), t),
                  "** (ArgumentError) errors were found at the given arguments:\n\n"
                  "  * 1st argument: out of range\n");
}

static void lists_append_and_subtract(void **state)
{
    (void)state;
    Term l = lib_list(&T, (Term[]){lt_int(1), lt_int(2), lt_int(1)}, 3, NIL);
    Term r = lib_list(&T, (Term[]){lt_int(1)}, 1, NIL);
    assert_inspect(E("--", 2, l, r), "[2, 1]");
    assert_inspect(E("++", 2, l, r), "[1, 2, 1, 1]");
    assert_inspect(E("length", 1, l), "3");
    assert_raises(E("hd", 1, NIL), "** (ArgumentError) errors were found at the given "
                                   "arguments:\n\n  * 1st argument: not a nonempty list\n");
}

static void conversions_round_trip(void **state)
{
    (void)state;
    assert_inspect(E("integer_to_binary", 2, lt_int(255), lt_int(16)), "\"FF\"");
    assert_inspect(E("binary_to_integer", 1, lt_str("-42")), "-42");
    assert_inspect(E("float_to_binary", 1, lib_float(&T, 1.5)), "\"1.50000000000000000000e+00\"");
    Term opts = lib_list(&T, (Term[]){lib_tuple2(&T, lt_atom("decimals"), lt_int(2)),
                                      lt_atom("compact")}, 2, NIL);
    assert_inspect(E("float_to_binary", 2, lib_float(&T, 3.0), opts), "\"3.0\"");
    assert_inspect(E("binary_to_float", 1, lt_str("2.5e1")), "25.0");
    assert_raises(E("binary_to_float", 1, lt_str("1")),
                  "** (ArgumentError) errors were found at the given arguments:\n\n"
                  "  * 1st argument: not a textual representation of a float\n");
    assert_inspect(E("atom_to_binary", 1, lt_atom("héllo")), "\"héllo\"");
    assert_inspect(E("atom_to_list", 1, lt_atom("ab")), "'ab'");
    Term io = lib_list(&T, (Term[]){lt_int('a'), lib_list(&T, (Term[]){lt_str("bc")}, 1, NIL)},
                       2, lt_str("d"));
    assert_inspect(E("iolist_to_binary", 1, io), "\"abcd\"");
    assert_inspect(E("iolist_size", 1, io), "4");
    assert_inspect(E("binary_part", 3, lt_str("hello"), lt_int(1), lt_int(3)), "\"ell\"");
    assert_inspect(E("round", 1, lib_float(&T, 2.5)), "3");
    assert_inspect(E("trunc", 1, lib_float(&T, -2.5)), "-2");
}

static void time_units_convert(void **state)
{
    (void)state;
    assert_inspect(E("convert_time_unit", 3, lt_int(1500), lt_atom("millisecond"),
                     lt_atom("second")), "1");
    assert_inspect(E("convert_time_unit", 3, lt_int(-1), lt_atom("millisecond"),
                     lt_atom("second")), "-1");
    assert_true(is_integer(E("monotonic_time", 1, lt_atom("millisecond"))));
    assert_raises(E("monotonic_time", 1, lt_atom("fortnight")),
                  "** (ArgumentError) errors were found at the given arguments:\n\n"
                  "  * 1st argument: invalid time unit\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arithmetic_is_exact_and_mixes_floats),
        cmocka_unit_test(bad_arithmetic_raises_arithmetic_error),
        cmocka_unit_test(comparisons_follow_term_order),
        cmocka_unit_test(tuples_are_built_and_read),
        cmocka_unit_test(lists_append_and_subtract),
        cmocka_unit_test(conversions_round_trip),
        cmocka_unit_test(time_units_convert),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
