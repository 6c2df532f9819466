/* test_lib_num.c — Integer, Float, :math, Atom and Tuple builtins;
 * expected values are Elixir 1.14's. */
#include "unit/lib_test.h"

#define F(name, n, ...) lt_call("Elixir.Float", name, n, __VA_ARGS__)
#define I(name, n, ...) lt_call("Elixir.Integer", name, n, __VA_ARGS__)

static Term fl(double d) { return lib_float(&T, d); }

static void float_rounding_uses_the_exact_value(void **state)
{
    (void)state;
    assert_inspect(F("round", 2, fl(2.675), lt_int(2)), "2.67");
    assert_inspect(F("round", 2, fl(5.5675), lt_int(3)), "5.567");
    assert_inspect(F("round", 2, fl(12.341444444444441), lt_int(15)), "12.341444444444441");
    assert_inspect(F("round", 1, fl(-1.5)), "-2.0");
    assert_inspect(F("floor", 2, fl(-1.55), lt_int(1)), "-1.6");
    assert_inspect(F("ceil", 2, fl(1.11), lt_int(1)), "1.2");
    assert_inspect(F("floor", 2, fl(12.52), lt_int(2)), "12.51");
    assert_inspect(F("ceil", 1, fl(-0.5)), "-0.0");
    assert_raises(F("round", 2, fl(1.0), lt_int(16)),
                  "** (ArgumentError) precision 16 is out of valid range of 0..15");
}

static void float_parse_takes_a_prefix(void **state)
{
    (void)state;
    assert_inspect(F("parse", 1, lt_str("1.5abc")), "{1.5, \"abc\"}");
    assert_inspect(F("parse", 1, lt_str("1abc")), "{1.0, \"abc\"}");
    assert_inspect(F("parse", 1, lt_str(".5")), ":error");
    assert_inspect(F("parse", 1, lt_str("1e3")), "{1000.0, \"\"}");
    assert_inspect(F("parse", 1, lt_str("-1.5e-3x")), "{-0.0015, \"x\"}");
    assert_inspect(F("to_string", 1, fl(7.0)), "\"7.0\"");
}

static void integer_functions(void **state)
{
    (void)state;
    assert_inspect(I("parse", 1, lt_str("12abc")), "{12, \"abc\"}");
    assert_inspect(I("parse", 1, lt_str("+7")), "{7, \"\"}");
    assert_inspect(I("parse", 1, lt_str("abc")), ":error");
    assert_inspect(I("parse", 2, lt_str("ff"), lt_int(16)), "{255, \"\"}");
    assert_inspect(I("digits", 1, lt_int(-123)), "[-1, -2, -3]");
    assert_inspect(I("undigits", 1, lib_list(&T, (Term[]){lt_int(1), lt_int(2)}, 2, NIL)), "12");
    assert_inspect(I("to_string", 2, lt_int(255), lt_int(16)), "\"FF\"");
    assert_inspect(I("gcd", 2, lt_int(12), lt_int(-18)), "6");
    assert_inspect(I("pow", 2, lt_int(2), lt_int(70)), "1180591620717411303424");
    assert_inspect(I("mod", 2, lt_int(-7), lt_int(3)), "2");
    assert_inspect(I("floor_div", 2, lt_int(-7), lt_int(3)), "-3");
    assert_true(I("is_odd", 1, I("pow", 2, lt_int(3), lt_int(50))) == A(true));
}

static void math_errors_are_erlangs(void **state)
{
    (void)state;
    assert_inspect(lt_call("math", "sqrt", 1, lt_int(2)), "1.4142135623730951");
    assert_inspect(lt_call("math", "pow", 2, lt_int(2), lt_int(10)), "1024.0");
    assert_raises(lt_call("math", "sqrt", 1, lt_int(-1)),
                  "** (ArithmeticError) bad argument in arithmetic expression");
    assert_raises(lt_call("math", "log", 1, lt_int(0)),
                  "** (ArithmeticError) bad argument in arithmetic expression");
}

static void atoms_and_tuples(void **state)
{
    (void)state;
    assert_inspect(lt_call("Elixir.Atom", "to_charlist", 1, lt_atom("abc")), "'abc'");
    assert_inspect(lt_call("Elixir.Atom", "to_string", 1, lt_atom("Elixir.Foo")), "\"Elixir.Foo\"");
    assert_inspect(lt_call("Elixir.Tuple", "duplicate", 2, lt_atom("a"), lt_int(3)), "{:a, :a, :a}");
    Term t = lib_tuple2(&T, lt_int(2), fl(3.0));
    assert_inspect(lt_call("Elixir.Tuple", "sum", 1, t), "5.0");
    assert_inspect(lt_call("Elixir.Tuple", "insert_at", 3, t, lt_int(0), lt_atom("x")),
                   "{:x, 2, 3.0}");
}

static void rand_is_repeatable_after_seeding_and_in_range(void **state)
{
    (void)state;
    Term seed = lib_tuple3(&T, lt_int(1), lt_int(2), lt_int(3));
    lt_call("rand", "seed", 2, lt_atom("exsss"), seed);
    Term first = lt_call("rand", "uniform", 1, lt_int(1000000));
    lt_call("rand", "seed", 2, lt_atom("exsss"), seed);
    assert_true(term_eq(first, lt_call("rand", "uniform", 1, lt_int(1000000))));
    for (int i = 0; i < 1000; i++) {
        int64_t v = small_val(lt_call("rand", "uniform", 1, lt_int(6)));
        assert_true(v >= 1 && v <= 6);
        double d = float_val(lt_call("rand", "uniform", 0, NIL));
        assert_true(d >= 0.0 && d < 1.0);
    }
}

/* OTP's exsss: the seeding and the draws are Erlang's, bit for bit
 * (values from Erlang/OTP 25 with Elixir 1.14). */
static void rand_draws_are_erlangs_exsss(void **state)
{
    (void)state;
    Term seed = lib_tuple3(&T, lt_int(100), lt_int(101), lt_int(102));
    assert_inspect(lt_call("rand", "seed", 2, lt_atom("exsss"), seed),
                   "{:exsss, [21458996443244060 | 287173872924754469]}");
    assert_inspect(lt_call("rand", "uniform", 1, lt_int(INT64_C(288230376151711744))),
                   "255609688063755494");
    assert_inspect(lt_call("rand", "export_seed", 0, NIL),
                   "{:exsss, [287173872924754469 | 19220203371273642]}");
    lt_call("rand", "seed", 2, lt_atom("exsss"), seed);
    assert_inspect(lt_call("rand", "uniform", 0, NIL), "0.8868242531426106");
    assert_inspect(lt_call("rand", "seed", 2, lt_atom("exsss"), lt_int(42)),
                   "{:exsss, [132629853624823445 | 67522330609774851]}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(float_rounding_uses_the_exact_value),
        cmocka_unit_test(float_parse_takes_a_prefix),
        cmocka_unit_test(integer_functions),
        cmocka_unit_test(math_errors_are_erlangs),
        cmocka_unit_test(atoms_and_tuples),
        cmocka_unit_test(rand_is_repeatable_after_seeding_and_in_range),
        cmocka_unit_test(rand_draws_are_erlangs_exsss),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
