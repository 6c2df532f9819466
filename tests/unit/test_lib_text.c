/* test_lib_text.c — String builtins; expected texts are Elixir 1.14's. */
#include "unit/lib_test.h"

#define S(name, n, ...) lt_call("Elixir.String", name, n, __VA_ARGS__)

static Term range(int64_t first, int64_t last, int64_t step)
{
    Term ks[3] = {lt_atom("first"), lt_atom("last"), lt_atom("step")};
    Term vs[3] = {lt_int(first), lt_int(last), lt_int(step)};
    Term m = map_from_pairs(&T.heap, 3, ks, vs);
    return map_put(&T.heap, m, A(__struct__), lt_atom("Elixir.Range"));
}

static Term kw1(const char *k, Term v)
{
    return lib_list(&T, (Term[]){lib_tuple2(&T, lt_atom(k), v)}, 1, NIL);
}

static void slices_count_graphemes(void **state)
{
    (void)state;
    Term s = lt_str("elixir");
    assert_inspect(S("slice", 2, s, range(2, -1, 1)), "\"ixir\"");
    assert_inspect(S("slice", 2, s, range(2, 1, -1)), "\"\"");
    assert_inspect(S("slice", 2, s, range(-3, -1, 1)), "\"xir\"");
    assert_inspect(S("slice", 2, s, range(10, 12, 1)), "\"\"");
    assert_inspect(S("slice", 2, s, range(0, -1, 2)), "\"eii\"");
    assert_inspect(S("slice", 3, s, lt_int(1), lt_int(3)), "\"lix\"");
    assert_inspect(S("slice", 3, s, lt_int(-10), lt_int(3)), "\"eli\"");
    assert_inspect(S("length", 1, lt_str("he\xcc\x81llo")), "5");
    assert_inspect(S("at", 2, lt_str("abc"), lt_int(-1)), "\"c\"");
    assert_inspect(S("at", 2, lt_str("abc"), lt_int(5)), "nil");
    assert_inspect(S("split_at", 2, lt_str("hello"), lt_int(-2)), "{\"hel\", \"lo\"}");
    assert_inspect(S("reverse", 1, lt_str("h\xc3\xa9llo")), "\"oll\xc3\xa9h\"");
    assert_inspect(S("first", 1, lt_str("")), "nil");
}

static void splits_like_elixir(void **state)
{
    (void)state;
    assert_inspect(S("split", 1, lt_str(" a  b c ")), "[\"a\", \"b\", \"c\"]");
    assert_inspect(S("split", 2, lt_str("a,b,,c"), lt_str(",")), "[\"a\", \"b\", \"\", \"c\"]");
    assert_inspect(S("split", 3, lt_str("a,b,,c"), lt_str(","), kw1("trim", A(true))),
                   "[\"a\", \"b\", \"c\"]");
    assert_inspect(S("split", 3, lt_str("a,b,,c"), lt_str(","), kw1("parts", lt_int(2))),
                   "[\"a\", \"b,,c\"]");
    assert_inspect(S("split", 2, lt_str("abc"), lt_str("")), "[\"\", \"a\", \"b\", \"c\", \"\"]");
    Term pats = lib_list(&T, (Term[]){lt_str("-"), lt_str("_")}, 2, NIL);
    assert_inspect(S("split", 2, lt_str("a-b_c"), pats), "[\"a\", \"b\", \"c\"]");
    assert_inspect(S("split", 2, lt_str("  a b  "), lt_str(" ")),
                   "[\"\", \"\", \"a\", \"b\", \"\", \"\"]");
}

static void replaces_and_finds(void **state)
{
    (void)state;
    assert_inspect(S("replace", 3, lt_str("a-b-c"), lt_str("-"), lt_str("+")), "\"a+b+c\"");
    assert_inspect(S("replace", 4, lt_str("a-b-c"), lt_str("-"), lt_str("+"),
                     kw1("global", A(false))), "\"a+b-c\"");
    assert_inspect(S("replace", 3, lt_str("abc"), lt_str(""), lt_str("-")), "\"-a-b-c-\"");
    Term pats = lib_list(&T, (Term[]){lt_str("x"), lt_str("ll")}, 2, NIL);
    assert_true(S("contains?", 2, lt_str("hello"), pats) == A(true));
    assert_true(S("starts_with?", 2, lt_str("hello"), lt_str("")) == A(true));
    assert_true(S("ends_with?", 2, lt_str("hello"), lt_str("lo")) == A(true));
    assert_true(S("ends_with?", 2, lt_str("hello"), lt_str("he")) == A(false));
}

static void cases_pads_and_trims(void **state)
{
    (void)state;
    assert_inspect(S("upcase", 1, lt_str("stra\xc3\x9f" "e \xc3\xa9")), "\"STRASSE \xc3\x89\"");
    assert_inspect(S("capitalize", 1, lt_str("hELLO wORLD")), "\"Hello world\"");
    assert_inspect(S("downcase", 1, lt_str("\xd0\x9f\xd0\xa0\xd0\x98")), "\"\xd0\xbf\xd1\x80\xd0\xb8\"");
    assert_inspect(S("pad_leading", 3, lt_str("abc"), lt_int(6), lt_str("12")), "\"121abc\"");
    assert_inspect(S("pad_trailing", 2, lt_str("abc"), lt_int(6)), "\"abc   \"");
    assert_inspect(S("trim", 2, lt_str("xxaxx"), lt_str("x")), "\"a\"");
    assert_inspect(S("trim", 1, lt_str("\t a b \xe2\x80\x83\n")), "\"a b\"");
    assert_inspect(S("duplicate", 2, lt_str("ab"), lt_int(3)), "\"ababab\"");
    assert_inspect(S("to_integer", 2, lt_str("ff"), lt_int(16)), "255");
    assert_raises(S("upcase", 1, lt_int(5)),
                  "** (FunctionClauseError) no function clause matching in String.upcase/2");
}

static void normalizes_latin_and_ligatures(void **state)
{
    (void)state;
    assert_inspect(S("normalize", 2, lt_str("le\xc3\xb1" "a"), lt_atom("nfd")), "\"len\xcc\x83" "a\"");
    assert_inspect(S("normalize", 2, lt_str("len\xcc\x83" "a"), lt_atom("nfc")), "\"le\xc3\xb1" "a\"");
    assert_inspect(S("normalize", 2, lt_str("\xef\xac\x81"), lt_atom("nfkc")), "\"fi\"");
    assert_inspect(S("normalize", 2, lt_str("\xef\xac\x81"), lt_atom("nfc")), "\"\xef\xac\x81\"");
    /* s + dot below + dot above composes to U+1E69 whatever the mark order. */
    assert_inspect(S("normalize", 2, lt_str("s\xcc\x87\xcc\xa3"), lt_atom("nfc")), "\"\xe1\xb9\xa9\"");
    assert_true(S("equivalent?", 2, lt_str("man\xcc\x83" "ana"), lt_str("ma\xc3\xb1" "ana")) == A(true));
    assert_true(S("equivalent?", 2, lt_str("abc"), lt_str("ABC")) == A(false));
}

static void distances_match_elixir(void **state)
{
    (void)state;
    assert_inspect(S("jaro_distance", 2, lt_str("Dwayne"), lt_str("Duane")), "0.8222222222222223");
    assert_inspect(S("jaro_distance", 2, lt_str("martha"), lt_str("marhta")), "0.9444444444444445");
    assert_inspect(S("bag_distance", 2, lt_str("abc"), lt_str("abd")), "0.6666666666666667");
    assert_inspect(S("chunk", 2, lt_str("abc\x01x"), lt_atom("printable")), "[\"abc\", <<1>>, \"x\"]");
}

static void case_special_cases(void **state)
{
    (void)state;
    assert_inspect(S("downcase", 2, lt_str("\xce\xa3\xce\xa3"), lt_atom("greek")), "\"\xcf\x83\xcf\x82\"");
    assert_inspect(S("upcase", 1, lt_str("\xc4\xb1i")), "\"II\"");
    assert_inspect(S("upcase", 2, lt_str("\xc4\xb1i"), lt_atom("turkic")), "\"I\xc4\xb0\"");
    assert_inspect(S("capitalize", 1, lt_str("\xef\xac\x81n")), "\"Fin\"");
    assert_inspect(S("split", 1, lt_str("no\xc2\xa0" "break")), "[\"no\xc2\xa0" "break\"]");
}

static void binary_module_splits_and_matches(void **state)
{
    (void)state;
    Term g = lib_list(&T, (Term[]){lt_atom("global")}, 1, NIL);
    assert_inspect(lt_call("binary", "split", 3, lt_str("a,b,c"), lt_str(","), g),
                   "[\"a\", \"b\", \"c\"]");
    assert_inspect(lt_call("binary", "matches", 2, lt_str("abcb"), lt_str("b")), "[{1, 1}, {3, 1}]");
    Term cp = lt_call("binary", "compile_pattern", 1,
                      lib_list(&T, (Term[]){lt_str(" "), lt_str(",")}, 2, NIL));
    assert_inspect(S("split", 2, lt_str("1,2 3"), cp), "[\"1\", \"2\", \"3\"]");
    assert_true(S("starts_with?", 2, lt_str("elixir"), NIL) == A(false));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slices_count_graphemes),
        cmocka_unit_test(splits_like_elixir),
        cmocka_unit_test(replaces_and_finds),
        cmocka_unit_test(cases_pads_and_trims),
        cmocka_unit_test(normalizes_latin_and_ligatures),
        cmocka_unit_test(distances_match_elixir),
        cmocka_unit_test(case_special_cases),
        cmocka_unit_test(binary_module_splits_and_matches),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
