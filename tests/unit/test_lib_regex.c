/* test_lib_regex.c — Regex on PCRE2; expected values are Elixir 1.14's. */
#include "unit/lib_test.h"

#define R(name, n, ...) lt_call("Elixir.Regex", name, n, __VA_ARGS__)

static Term rx(const char *src, const char *opts)
{
    return R("compile!", 2, lt_str(src), lt_str(opts));
}

static Term kw1(const char *k, Term v)
{
    return lib_list(&T, (Term[]){lib_tuple2(&T, lt_atom(k), v)}, 1, NIL);
}

static void compiles_and_prints_as_a_sigil(void **state)
{
    (void)state;
    assert_inspect(rx("a(b)?", "i"), "~r/a(b)?/i");
    assert_inspect(rx("a/b", ""), "~r/a\\/b/");
    Term e = R("compile", 1, lt_str("a("));
    assert_true(is_tuple(e) && tuple_get(e, 0) == A(error));
    assert_true(R("compile!", 1, lt_str("a(")) == NONE);
    assert_true(strncmp(lt_raised(), "** (Regex.CompileError) ", 24) == 0);
}

static void run_and_scan_return_captures(void **state)
{
    (void)state;
    assert_inspect(R("run", 2, rx("c(d)", ""), lt_str("abcd")), "[\"cd\", \"d\"]");
    assert_inspect(R("run", 3, rx("c(d)", ""), lt_str("abcd"), kw1("return", lt_atom("index"))),
                   "[{2, 2}, {3, 1}]");
    assert_inspect(R("run", 2, rx("x", ""), lt_str("abcd")), "nil");
    assert_inspect(R("run", 2, rx("(a)|(b)", ""), lt_str("b")), "[\"b\", \"\", \"b\"]");
    assert_inspect(R("scan", 2, rx("(\\w)(\\d)", ""), lt_str("a1b2")),
                   "[[\"a1\", \"a\", \"1\"], [\"b2\", \"b\", \"2\"]]");
    assert_inspect(R("scan", 2, rx("a", ""), lt_str("")), "[]");
    assert_true(R("match?", 2, rx("^\\d+$", ""), lt_str("123")) == A(true));
    assert_inspect(R("named_captures", 2, rx("(?<y>\\d+)-(?<m>\\d+)", ""), lt_str("2020-10")),
                   "%{\"m\" => \"10\", \"y\" => \"2020\"}");
}

static void replace_and_split_follow_elixir(void **state)
{
    (void)state;
    assert_inspect(R("replace", 3, rx("(\\w)(\\d)", ""), lt_str("a1b2"), lt_str("\\2\\1")),
                   "\"1a2b\"");
    assert_inspect(R("replace", 4, rx("b", ""), lt_str("abcb"), lt_str("[\\0]"),
                     kw1("global", A(false))), "\"a[b]cb\"");
    assert_inspect(R("split", 2, rx(",\\s*", ""), lt_str("a, b,c")), "[\"a\", \"b\", \"c\"]");
    assert_inspect(R("split", 2, rx("", ""), lt_str("abc")), "[\"\", \"a\", \"b\", \"c\", \"\"]");
    assert_inspect(R("split", 3, rx(",", ""), lt_str("a,b,,c"), kw1("trim", A(true))),
                   "[\"a\", \"b\", \"c\"]");
    assert_inspect(lt_call("Elixir.String", "split", 2, lt_str("a1b22c"), rx("\\d+", "")),
                   "[\"a\", \"b\", \"c\"]");
    assert_inspect(lt_call("Elixir.String", "replace", 3, lt_str("hello"), rx("l", ""), lt_str("L")),
                   "\"heLLo\"");
    assert_inspect(R("run", 3, rx("\xc3\xa9", "u"), lt_str("caf\xc3\xa9"), kw1("return", lt_atom("index"))),
                   "[{3, 2}]");
    assert_inspect(R("escape", 1, lt_str("a.b*c")), "\"a\\\\.b\\\\*c\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compiles_and_prints_as_a_sigil),
        cmocka_unit_test(run_and_scan_return_captures),
        cmocka_unit_test(replace_and_split_follow_elixir),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
