/* test_lib_io.c — IO and Kernel printing builtins; IO output is caught
 * by pointing fd 1 at a temporary file. */
#include <unistd.h>

#include "unit/lib_test.h"

/* Runs fn with stdout redirected; returns what it wrote. */
static const char *capture(Term (*fn)(void), Term *result)
{
    static char buf[4096];
    fflush(stdout);
    FILE *tmp = tmpfile();
    int saved = dup(1);
    dup2(fileno(tmp), 1);
    *result = fn();
    dup2(saved, 1);
    close(saved);
    rewind(tmp);
    size_t n = fread(buf, 1, sizeof buf - 1, tmp);
    buf[n] = '\0';
    fclose(tmp);
    return buf;
}

static Term puts_number(void) { return lt_call("Elixir.IO", "puts", 1, lt_int(42)); }

static Term puts_chardata(void)
{
    Term l = lib_list(&T, (Term[]){lt_str("a"), lt_int(0xe9), lib_list(&T, (Term[]){lt_int('b')}, 1, NIL)},
                      3, NIL);
    return lt_call("Elixir.IO", "puts", 1, l);
}

static Term inspect_labelled(void)
{
    Term kw = lib_list(&T, (Term[]){lib_tuple2(&T, lt_atom("label"), lt_str("x"))}, 1, NIL);
    return lt_call("Elixir.IO", "inspect", 2, lib_tuple2(&T, lt_int(1), lt_str("a")), kw);
}

static void puts_writes_chardata_and_a_newline(void **state)
{
    (void)state;
    Term r;
    assert_string_equal(capture(puts_number, &r), "42\n");
    assert_true(r == A(ok));
    assert_string_equal(capture(puts_chardata, &r), "a\xc3\xa9" "b\n");
}

static void inspect_prints_label_and_returns_the_item(void **state)
{
    (void)state;
    Term r;
    assert_string_equal(capture(inspect_labelled, &r), "x: {1, \"a\"}\n");
    assert_inspect(r, "{1, \"a\"}");
}

static void to_string_follows_string_chars(void **state)
{
    (void)state;
    assert_inspect(lt_call("Elixir.Kernel", "to_string", 1, lt_atom("abc")), "\"abc\"");
    assert_inspect(lt_call("Elixir.Kernel", "to_string", 1, A(nil)), "\"\"");
    assert_inspect(lt_call("Elixir.Kernel", "to_string", 1, lib_float(&T, 0.1)), "\"0.1\"");
    assert_inspect(lt_call("Elixir.Kernel", "to_string", 1,
                           lib_list(&T, (Term[]){lt_int('h'), lt_int('i')}, 2, NIL)), "\"hi\"");
    assert_raises(lt_call("Elixir.Kernel", "to_string", 1, lib_tuple2(&T, lt_int(1), lt_int(2))),
                  "** (Protocol.UndefinedError) protocol String.Chars not implemented for "
                  "{1, 2} of type Tuple");
}

static void kernel_inspect_takes_options(void **state)
{
    (void)state;
    Term kw = lib_list(&T, (Term[]){lib_tuple2(&T, lt_atom("base"), lt_atom("hex"))}, 1, NIL);
    assert_inspect(lt_call("Elixir.Kernel", "inspect", 2, lt_int(255), kw), "\"0xFF\"");
    assert_inspect(lt_call("Elixir.Kernel", "inspect", 1, lt_atom("a")), "\":a\"");
}

static void bad_chardata_is_refused_as_elixir_does(void **state)
{
    (void)state;
    Term bad = lib_list(&T, (Term[]){lt_atom("a")}, 1, NIL);
    assert_raises(lt_call("Elixir.IO", "puts", 1, bad),
                  "** (ArgumentError) errors were found at the given arguments:\n\n"
                  "  * 2nd argument: not valid character data (an iodata term)\n");
    assert_true(lt_call("Elixir.Kernel", "to_string", 1, bad) == NONE);
    const char *msg = lt_raised();
    assert_true(strstr(msg, "cannot convert the given list to a string.") != NULL);
    assert_true(strstr(msg, "got:\n\n[:a]\n") != NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(puts_writes_chardata_and_a_newline),
        cmocka_unit_test(inspect_prints_label_and_returns_the_item),
        cmocka_unit_test(to_string_follows_string_chars),
        cmocka_unit_test(kernel_inspect_takes_options),
        cmocka_unit_test(bad_chardata_is_refused_as_elixir_does),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
