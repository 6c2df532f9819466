/* test_parse.c — the parser: Elixir's precedence and associativity,
 * calls with and without parentheses, do-blocks, clauses, containers,
 * error messages and positions, the REPL completeness query, and refusal
 * of input nested too deeply. Trees are compared as S-expressions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "mote.h"
#include "parse.h"

/* The S-expression of src: its one top-level expression, or the block. */
static char *sx(const char *src)
{
    static char out[8192];
    AstArena a;
    ast_arena_init(&a);
    ParseError err;
    Ast *root;
    int rc = parse_source(&a, "t.exs", src, strlen(src), &root, &err);
    if (rc) {
        snprintf(out, sizeof(out), "ERROR %u:%u: %s", err.line, err.col, err.msg);
    } else {
        const Ast *n = root->nkids == 1 ? root->kids[0] : root;
        ast_sexpr(n, out, sizeof(out));
    }
    ast_arena_fini(&a);
    return out;
}

typedef struct Case {
    const char *src, *want;
} Case;

static void check_all(const Case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *got = sx(cases[i].src);
        if (strcmp(got, cases[i].want))
            fail_msg("parsing %s\n  got  %s\n  want %s", cases[i].src, got, cases[i].want);
    }
}

#define CHECK(cases) check_all(cases, sizeof(cases) / sizeof(cases[0]))

static void binary_operators_follow_elixir_precedence(void **state)
{
    (void)state;
    static const Case cases[] = {
        {"1 + 2 * 3", "(+ 1 (* 2 3))"},
        {"1 * 2 + 3", "(+ (* 1 2) 3)"},
        {"-2 ** 2", "(** (- 2) 2)"},
        {"a || b && c", "(|| a (&& b c))"},
        {"a and b or c", "(or (and a b) c)"},
        {"a == b < c", "(== a (< b c))"},
        {"a |> f() |> g()", "(|> (|> a (f)) (g))"},
        {"x = y |> f", "(= x (|> y f))"},
        {"x in 1..3", "(in x (.. 1 3))"},
        {"1 + 2..3", "(.. (+ 1 2) 3)"},
        {"1..10//2", "(..// 1 10 2)"},
        {"a :: b | c", "(:: a (| b c))"},
        {"x when y and z", "(when x (and y z))"},
        {"a \\\\ 1", "(\\\\ a 1)"},
        {"a <- b = c", "(<- a (= b c))"},
        {"!a == b", "(== (! a) b)"},
        {"^x = y", "(= (^ x) y)"},
        {"a =~ b", "(=~ a b)"},
        {"a !== b", "(!== a b)"},
        {"a <> b == c", "(== (<> a b) c)"},
        {"-a.b", "(- (. a b))"},
        {"(1 + 2) * 3", "(* (+ 1 2) 3)"},
    };
    CHECK(cases);
}

static void associativity_matches_elixir(void **state)
{
    (void)state;
    static const Case cases[] = {
        {"1 - 2 - 3", "(- (- 1 2) 3)"},
        {"a = b = c", "(= a (= b c))"},
        {"a <> b <> c", "(<> a (<> b c))"},
        {"a ++ b ++ c", "(++ a (++ b c))"},
        {"2 ** 3 ** 2", "(** (** 2 3) 2)"},
        {"a when b when c", "(when a (when b c))"},
        {"a | b | c", "(| a (| b c))"},
    };
    CHECK(cases);
}

static void not_before_in_applies_to_the_membership(void **state)
{
    (void)state;
    static const Case cases[] = {
        {"not a in b", "(not (in a b))"},
        {"!a in b", "(! (in a b))"},
        {"a not in b", "(not in a b)"},
        {"(not a) in b", "(in (not a) b)"},
        {"not a == b", "(== (not a) b)"},
    };
    CHECK(cases);
}

static void captures_parse_as_elixir_does(void **state)
{
    (void)state;
    static const Case cases[] = {
        {"&(&1 + 1)", "(& (+ &1 1))"},
        {"& &1 * &2", "(& (* &1 &2))"},
        {"&foo/1", "(& (/ foo 1))"},
        {"&Mod.fun/2", "(& (/ (. Mod fun) 2))"},
        {"&{&1, &2}", "(& {&1 &2})"},
        {"&>=/2", "(& (/ >= 2))"},
        {"&1 + 1", "(+ &1 1)"},
    };
    CHECK(cases);
}

static void calls_without_parentheses_take_their_arguments(void **state)
{
    (void)state;
    static const Case cases[] = {
        {"IO.puts \"x\"", "(. IO puts \"x\")"},
        {"foo a, b", "(foo a b)"},
        {"foo a, b: 1", "(foo a [{:b 1}])"},
        {"foo bar baz", "(foo (bar baz))"},
        {"foo bar a, b", "(foo (bar a b))"},
        {"foo a, bar b, c", "(foo a (bar b) c)"},
        {"x = foo a, b", "(= x (foo a b))"},
        {"a -1", "(a (- 1))"},
        {"a - 1", "(- a 1)"},
        {"a-1", "(- a 1)"},
        {"foo [1]", "(foo [1])"},
        {"foo[1]", "([] foo 1)"},
        {"foo (1 + 2) * 3", "(foo (* (+ 1 2) 3))"},
        {"send self(), :hi", "(send (self) :hi)"},
        {"if a, do: b, else: c", "(if a [{:do b} {:else c}])"},
        /* In the keyword list ending a call without parentheses, such a
         * call as a value takes all that follows, keywords included. */
        {"if a, do: f x, else: c", "(if a [{:do (f x [{:else c}])}])"},
        {"def f(x), do: raise E, \"b\"", "(def (f x) [{:do (raise E \"b\")}])"},
        {"foo a, b: 1, do: f x, y", "(foo a [{:b 1} {:do (f x y)}])"},
        {"foo a, do: f g x, y", "(foo a [{:do (f (g x y))}])"},
        {"foo bar a, do: f x, y", "(foo (bar a [{:do (f x y)}]))"},
        {"[do: f x, else: y]", "[{:do (f x)} {:else y}]"},
        {"def foo(a), do: a", "(def (foo a) [{:do a}])"},
        {"def foo, do: 1", "(def foo [{:do 1}])"},
        {"raise ArgumentError, \"bad\"", "(raise ArgumentError \"bad\")"},
        {"@doc \"hi\"", "(@ (doc \"hi\"))"},
        {"@a.b", "(. (@ a) b)"},
        {"@spec f(a) :: a when a: var", "(@ (spec (when (:: (f a) a) [{:a var}])))"},
        {"@a[:k]", "([] (@ a) :k)"},
        {"import Enum, only: [map: 2]", "(import Enum [{:only [{:map 2}]}])"},
        {"alias Foo.{A, B}", "(alias (. Foo {} A B))"},
    };
    CHECK(cases);
}

static void calls_with_parentheses_dots_and_access(void **state)
{
    (void)state;
    static const Case cases[] = {
        {"foo(a, b: 1)", "(foo a [{:b 1}])"},
        {"foo()", "(foo)"},
        {"Foo.Bar.baz(1)", "(. Foo.Bar baz 1)"},
        {"a.b.c", "(. (. a b) c)"},
        {"f.(x)", "(.() f x)"},
        {"f.(x).(y)", "(.() (.() f x) y)"},
        {"m[:a][:b]", "([] ([] m :a) :b)"},
        {":erlang.now()", "(. :erlang now)"},
        {"Kernel.\"+\"(1, 2)", "(. Kernel + 1 2)"},
        {"__MODULE__.Sub", "(alias __MODULE__ Sub)"},
        {"foo(\n  1,\n  2\n)", "(foo 1 2)"},
        {"a\n|> f()\n|> g()", "(|> (|> a (f)) (g))"},
    };
    CHECK(cases);
}

static void do_blocks_attach_to_the_outermost_call(void **state)
{
    (void)state;
    static const Case cases[] = {
        {"if a do\n  b\nelse\n  c\nend", "(if a [{:do b} {:else c}])"},
        {"foo bar do\n 1\nend", "(foo bar [{:do 1}])"},
        {"foo bar(x) do\n 1\nend", "(foo (bar x) [{:do 1}])"},
        {"x = if a do 1 else 2 end", "(= x (if a [{:do 1} {:else 2}]))"},
        {"quote do\nend", "(quote [{:do nil}])"},
        {"case x do\n  1 -> :a\n  _ -> :b\nend", "(case x [{:do [(-> (1) :a) (-> (_) :b)]}])"},
        {"defmodule Foo do\n  def bar(x) when is_integer(x), do: x\nend",
         "(defmodule Foo [{:do (def (when (bar x) (is_integer x)) [{:do x}])}])"},
        {"def f(x) do\n  a = x\n  a + 1\nend", "(def (f x) [{:do (__block__ (= a x) (+ a 1))}])"},
        {"try do\n  a\nrescue\n  e in RuntimeError -> e\ncatch\n  k, v -> v\nafter\n  b\nend",
         "(try [{:do a} {:rescue [(-> ((in e RuntimeError)) e)]} {:catch [(-> (k v) v)]} {:after b}])"},
        {"receive do\n  {:msg, x} -> x\nafter\n  100 -> :timeout\nend",
         "(receive [{:do [(-> ({:msg x}) x)]} {:after [(-> (100) :timeout)]}])"},
        {"with {:ok, a} <- f(), b = a do\n  b\nelse\n  _ -> nil\nend",
         "(with (<- {:ok a} (f)) (= b a) [{:do b} {:else [(-> (_) nil)]}])"},
        {"for x <- xs, x > 1, into: %{}, do: {x, x}",
         "(for (<- x xs) (> x 1) [{:into %{}} {:do {x x}}])"},
        {"cond do\n  a -> 1\n  true -> 2\nend", "(cond [{:do [(-> (a) 1) (-> (true) 2)]}])"},
        {"x |> case do\n  _ -> 1\nend", "(|> x (case [{:do [(-> (_) 1)]}]))"},
        {"receive do: (:exit -> 1)", "(receive [{:do [(-> (:exit) 1)]}])"},
    };
    CHECK(cases);
}

static void anonymous_functions_have_clauses_and_guards(void **state)
{
    (void)state;
    static const Case cases[] = {
        {"fn x -> x end", "(fn (-> (x) x))"},
        {"fn -> :ok end", "(fn (-> () :ok))"},
        {"fn a, b -> a + b end", "(fn (-> (a b) (+ a b)))"},
        {"fn (a, b) -> a end", "(fn (-> (a b) a))"},
        {"fn (a, b) when a > b -> a end", "(fn (-> (a b) (when (> a b)) a))"},
        {"fn () -> 1 end", "(fn (-> () 1))"},
        {"foo (1, 2)", "(foo 1 2)"},
        {"fn x when x > 0 -> x; _ -> 0 end", "(fn (-> (x) (when (> x 0)) x) (-> (_) 0))"},
        {"fn a, b when a > b -> a end", "(fn (-> (a b) (when (> a b)) a))"},
        {"fn\n  {:a, x} ->\n    y = x\n    y\n  _ ->\n    nil\nend",
         "(fn (-> ({:a x}) (__block__ (= y x) y)) (-> (_) nil))"},
        {"Enum.map(l, fn x -> x * 2 end)", "(. Enum map l (fn (-> (x) (* x 2))))"},
    };
    CHECK(cases);
}

static void containers_and_keyword_sugar(void **state)
{
    (void)state;
    static const Case cases[] = {
        {"[1, 2, 3]", "[1 2 3]"},
        {"[1, 2,]", "[1 2]"},
        {"[h | t]", "[h | t]"},
        {"[1, 2 | t]", "[1 2 | t]"},
        {"[a: 1, b: 2]", "[{:a 1} {:b 2}]"},
        {"[1, a: 2]", "[1 {:a 2}]"},
        {"{}", "{}"},
        {"{1, :two, \"three\"}", "{1 :two \"three\"}"},
        {"{:ok, a: 1}", "{:ok [{:a 1}]}"},
        {"%{a: 1}", "%{{:a 1}}"},
        {"%{\"k\" => v, 1 => 2}", "%{{\"k\" v} {1 2}}"},
        {"%{m | a: 2}", "%{m | {:a 2}}"},
        {"%{m | \"a\" => 2}", "%{m | {\"a\" 2}}"},
        {"%User{name: \"x\"}", "(% User %{{:name \"x\"}})"},
        {"%Foo.Bar{}", "(% Foo.Bar %{})"},
        {"%name{} = x", "(= (% name %{}) x)"},
        {"%{a: 1,}", "%{{:a 1}}"},
        {"[\"a b\": 1]", "[{:a b 1}]"},
        {"<<a::size(8)-big, b::binary>>", "<<(:: a (- (size 8) big)) (:: b binary)>>"},
        {"<<>>", "<<>>"},
        {"<<\"abc\", x::utf8>>", "<<\"abc\" (:: x utf8)>>"},
        {"..", "(..)"},
    };
    CHECK(cases);
}

static void literals_of_every_kind(void **state)
{
    (void)state;
    static const Case cases[] = {
        {"123456789012345678901234567890", "123456789012345678901234567890"},
        {"0x1F", "31"},
        {"1.5e3", "1500.0"},
        {":\"a b\"", ":a b"},
        {"'abc'", "'abc'"},
        {"?a", "97"},
        {"\"a#{x}b\"", "(#{} \"a\" x \"b\")"},
        {"\"a#{\"b#{c}\"}\"", "(#{} \"a\" (#{} \"b\" c))"},
        {"\"#{}\"", "(#{} nil)"},
        {"\"sum: #{Enum.sum([1])}!\"", "(#{} \"sum: \" (. Enum sum [1]) \"!\")"},
        {"\"#{Foo.Bar}\"", "(#{} Foo.Bar)"},
        {"'a#{x}'", "(#{} \"a\" x)"},
        {"x = \"\"\"\n  hello\n    world\n  \"\"\"", "(= x \"hello\\n  world\\n\")"},
        {"'''\n  ab\n  '''", "'ab\\n'"},
        {"~w(a b)a", "(~w \"a b\" \"a\")"},
        {"~r/a+/i", "(~r \"a+\" \"i\")"},
        {"~s(x#{y})", "(~s (#{} \"x\" y) \"\")"},
        {"~s\"\"\"\n  doc\n  \"\"\"", "(~s \"doc\\n\" \"\")"},
        {"true", "true"},
        {"a; b", "(__block__ a b)"},
        {"a\n-1", "(__block__ a (- 1))"},
        {"()", "(__block__)"},
        {"(a; b)", "(__block__ a b)"},
    };
    CHECK(cases);
}

static void helpers_read_clauses_and_keywords(void **state)
{
    (void)state;
    AstArena a;
    ast_arena_init(&a);
    ParseError err;
    Ast *root;
    const char *src = "case x do\n  y when y > 1 -> :big\n  _ -> :small\nend";
    assert_int_equal(parse_source(&a, NULL, src, strlen(src), &root, &err), 0);
    const Ast *call = root->kids[0];
    assert_int_equal(call->kind, AST_CALL);
    const Ast *blk = call->kids[call->nkids - 1];
    assert_true(blk->flags & AST_F_DOBLOCK);
    const Ast *clauses = ast_kw_find(blk, "do");
    assert_non_null(clauses);
    assert_null(ast_kw_find(blk, "else"));
    assert_int_equal(clauses->kind, AST_CLAUSES);
    const Ast *first = clauses->kids[0];
    assert_int_equal(ast_stab_nargs(first), 1);
    assert_int_equal(ast_stab_guard(first)->kind, AST_OP);
    assert_true(ast_is_atom(ast_stab_body(first), "big"));
    assert_null(ast_stab_guard(clauses->kids[1]));
    assert_true(ast_is_atom(ast_stab_body(clauses->kids[1]), "small"));
    ast_arena_fini(&a);
}

/* ---- errors -------------------------------------------------------------- */

static void expect_error(const char *src, uint32_t line, uint32_t col, const char *msg,
                         bool incomplete)
{
    AstArena a;
    ast_arena_init(&a);
    ParseError err;
    Ast *root;
    int rc = parse_source(&a, "t.exs", src, strlen(src), &root, &err);
    ast_arena_fini(&a);
    if (rc != MOTE_ESYNTAX)
        fail_msg("%s: expected a syntax error, got %d", src, rc);
    if (err.line != line || err.col != col || strcmp(err.msg, msg) || err.incomplete != incomplete)
        fail_msg("%s:\n  got  %u:%u %s (incomplete=%d)\n  want %u:%u %s (incomplete=%d)", src,
                 err.line, err.col, err.msg, err.incomplete, line, col, msg, incomplete);
}

static void errors_name_the_token_and_position(void **state)
{
    (void)state;
    expect_error("[1 2]", 1, 4, "syntax error before: 2", false);
    expect_error("a = 1\nfoo(1, )", 2, 8, "syntax error before: ')'", false);
    expect_error("x = )", 1, 5, "syntax error before: ')'", false);
    expect_error("end", 1, 1, "unexpected reserved word: end", false);
    expect_error("1 + 2 3", 1, 7, "syntax error before: 3", false);
    expect_error("%{a => 1 2}", 1, 10, "syntax error before: 2", false);
    expect_error("\"a\" \"b\"", 1, 5, "syntax error before: \"b\"", false);
    expect_error("foo(a: 1, 2)", 1, 9, "unexpected expression after keyword list. Keyword lists "
                 "must always come last in lists and maps", false);
    expect_error("[a: 1, 2]", 1, 8, "unexpected expression after keyword list. Keyword lists "
                 "must always come last in lists and maps", false);
    expect_error("\"\xC3\xA9\" 1", 1, 5, "syntax error before: 1", false); /* code points */
    expect_error("x = (1, 2)", 1, 5, "unexpected parentheses: a comma-separated list in "
                 "parentheses is only allowed before ->", false);
    expect_error("..//2", 1, 3, "the range step operator (//) must immediately follow the "
                 "range definition operator (..), for example: 1..9//2", false);
    expect_error("a..b//c//d", 1, 8, "the range step operator (//) must immediately follow the "
                 "range definition operator (..), for example: 1..9//2", false);
}

static void missing_terminators_say_where_they_started(void **state)
{
    (void)state;
    expect_error("if x do\n  1\n", 3, 1, "missing terminator: end (for \"do\" starting at line 1)", true);
    expect_error("foo(1,\n2", 2, 2, "missing terminator: ) (for \"(\" starting at line 1)", true);
    expect_error("[1, 2", 1, 6, "missing terminator: ] (for \"[\" starting at line 1)", true);
    expect_error("fn x ->\n x", 2, 3, "missing terminator: end (for \"fn\" starting at line 1)", true);
    expect_error("x = \"abc", 1, 5, "missing terminator: \" (for string starting at line 1)", true);
    expect_error("1 +", 1, 4, "syntax error: expression is incomplete", true);
    ParseError e = {.incomplete = true};
    assert_string_equal(parse_error_kind(&e), "TokenMissingError");
}

static void formats_errors_with_the_line_and_a_caret(void **state)
{
    (void)state;
    AstArena a;
    ast_arena_init(&a);
    ParseError err;
    Ast *root;
    const char *src = "x = 1\n[1 2]\n";
    assert_int_equal(parse_source(&a, "t.exs", src, strlen(src), &root, &err), MOTE_ESYNTAX);
    ast_arena_fini(&a);
    char buf[512];
    parse_error_format(&err, buf, sizeof(buf));
    assert_string_equal(buf, "t.exs:2:4: syntax error before: 2\n    [1 2]\n       ^\n");
    assert_string_equal(parse_error_kind(&err), "SyntaxError");
    Err e;
    assert_int_equal(parse_error_to_err(&err, &e), MOTE_ESYNTAX);
    assert_string_equal(e.msg, "t.exs:2:4: syntax error before: 2");
}

static void completeness_tells_open_input_from_errors(void **state)
{
    (void)state;
    static const struct {
        const char *src;
        int want;
    } cases[] = {
        {"", PARSE_COMPLETE},
        {"1 + 2", PARSE_COMPLETE},
        {"defmodule A do\n def f, do: 1\nend", PARSE_COMPLETE},
        {"1 +", PARSE_INCOMPLETE},
        {"a |>", PARSE_INCOMPLETE},
        {"foo(", PARSE_INCOMPLETE},
        {"[1, 2,", PARSE_INCOMPLETE},
        {"x = %{a: 1", PARSE_INCOMPLETE},
        {"defmodule A do", PARSE_INCOMPLETE},
        {"case x do\n 1 ->", PARSE_INCOMPLETE},
        {"fn x ->", PARSE_INCOMPLETE},
        {"\"abc", PARSE_INCOMPLETE},
        {"\"a#{", PARSE_INCOMPLETE},
        {"\"\"\"\nabc", PARSE_INCOMPLETE},
        {"~w(a b", PARSE_INCOMPLETE},
        {"x = 1 \\\n", PARSE_INCOMPLETE},
        {"foo \\\n 1", PARSE_COMPLETE},
        {"1 + )", MOTE_ESYNTAX},
        {"end", MOTE_ESYNTAX},
        {"[1 2", MOTE_ESYNTAX},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = parse_completeness(cases[i].src, strlen(cases[i].src));
        if (got != cases[i].want)
            fail_msg("completeness of \"%s\": got %d, want %d", cases[i].src, got, cases[i].want);
    }
}

/* ---- limits ------------------------------------------------------------- */

static char *repeat(const char *unit, size_t n, const char *tail)
{
    size_t u = strlen(unit), t = strlen(tail);
    char *s = malloc(u * n + t + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * u, unit, u);
    memcpy(s + u * n, tail, t + 1);
    return s;
}

static void refuses_deep_nesting_cleanly(void **state)
{
    (void)state;
    static const struct {
        const char *unit, *tail;
    } shapes[] = {
        {"[", ""}, {"(", ""}, {"{", "1"}, {"- ", "1"}, {"fn -> ", ""}, {"foo ", "1"},
        {"a = ", "1"}, {"1 + ", "1"}, {"x.", "y"}, {"%{a: ", ""}, {"<< ", ""},
        {"!", "x"}, {"\"#{", ""}, {"if a do ", ""}, {"f(", ""},
    };
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        char *src = repeat(shapes[i].unit, 100000, shapes[i].tail);
        AstArena a;
        ast_arena_init(&a);
        ParseError err;
        Ast *root;
        int rc = parse_source(&a, NULL, src, strlen(src), &root, &err);
        ast_arena_fini(&a);
        free(src);
        if (rc != MOTE_ESYNTAX || !strstr(err.msg, "nested too deeply"))
            fail_msg("shape \"%s\" x 100000: rc %d, %s", shapes[i].unit, rc, err.msg);
    }
}

static void accepts_nesting_below_the_limit(void **state)
{
    (void)state;
    char *src = repeat("[", 200, "");
    char *full = malloc(401);
    strcpy(full, src);
    memset(full + 200, ']', 200);
    full[400] = '\0';
    const char *got = sx(full);
    assert_int_equal(strncmp(got, "[[[[", 4), 0);
    free(src);
    free(full);
}

static void refuses_source_over_the_size_limit(void **state)
{
    (void)state;
    size_t n = LEX_MAX_SOURCE + 1;
    char *src = malloc(n);
    memset(src, ' ', n);
    AstArena a;
    ast_arena_init(&a);
    ParseError err;
    Ast *root;
    assert_int_equal(parse_source(&a, NULL, src, n, &root, &err), MOTE_ELIMIT);
    assert_non_null(strstr(err.msg, "source too large"));
    ast_arena_fini(&a);
    free(src);
}

/* Fail each allocation in turn: every run ends in success or ENOMEM, and
 * everything allocated is given back. */
static void survives_every_allocation_failure(void **state)
{
    (void)state;
    const char *src = "defmodule M do\n  def f(x) when x > 0, do: \"a#{x}b\"\n"
                      "  def g(%{a: [h | t]} = m), do: {h, t, m[:a], &(&1 + 1)}\nend\n"
                      "case M.f(1) do\n  <<c, _::binary>> -> c\n  _ -> ~w(a b)a\nend\n";
    size_t before = mem_in_use(MEM_CODE);
    int ok = 0;
    for (uint64_t n = 1; n < 5000 && !ok; n++) {
        mem_fail_after(n);
        AstArena a;
        ast_arena_init(&a);
        ParseError err;
        Ast *root;
        int rc = parse_source(&a, NULL, src, strlen(src), &root, &err);
        ast_arena_fini(&a);
        if (rc != 0 && rc != MOTE_ENOMEM)
            fail_msg("allocation %llu: rc %d (%s)", (unsigned long long)n, rc, err.msg);
        assert_int_equal(mem_in_use(MEM_CODE), before);
        ok = rc == 0;
    }
    mem_fail_after(0);
    assert_true(ok);
}

/* The fuzz corpus (tests/fuzz/corpus_parse) replays cleanly: every input
 * parses or is refused with a positioned syntax error. */
static void replays_the_fuzz_corpus(void **state)
{
    (void)state;
    const char *root = getenv("MOTE_SOURCE_ROOT");
    char dir[1024];
    snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus_parse", root ? root : ".");
    DIR *d = opendir(dir);
    if (!d)
        skip();
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        static char buf[1 << 16];
        size_t len = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        AstArena a;
        ast_arena_init(&a);
        ParseError err;
        Ast *r;
        int rc = parse_source(&a, e->d_name, buf, len, &r, &err);
        ast_arena_fini(&a);
        if (rc != 0 && (rc != MOTE_ESYNTAX || err.line == 0 || err.col == 0))
            fail_msg("%s: rc %d, %u:%u %s", e->d_name, rc, err.line, err.col, err.msg);
        n++;
    }
    closedir(d);
    assert_true(n > 0);
}

/* Every conformance case must parse (tests/unit runs from the build
 * tree; MOTE_SOURCE_ROOT points at the project). */
static void parses_every_conformance_case(void **state)
{
    (void)state;
    const char *root = getenv("MOTE_SOURCE_ROOT");
    char dir[1024];
    snprintf(dir, sizeof(dir), "%s/../shared/conformance/cases", root ? root : ".");
    DIR *d = opendir(dir);
    if (!d)
        skip();
    struct dirent *e;
    int ok = 0, bad = 0;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".exs"))
            continue;
        char path[2048];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        static char buf[1 << 20];
        size_t len = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        AstArena a;
        ast_arena_init(&a);
        ParseError err;
        Ast *r;
        if (parse_source(&a, e->d_name, buf, len, &r, &err) == 0) {
            ok++;
        } else {
            char msg[1024];
            parse_error_format(&err, msg, sizeof(msg));
            print_error("%s", msg);
            bad++;
        }
        ast_arena_fini(&a);
    }
    closedir(d);
    print_message("conformance cases parsed: %d of %d\n", ok, ok + bad);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(binary_operators_follow_elixir_precedence),
        cmocka_unit_test(associativity_matches_elixir),
        cmocka_unit_test(not_before_in_applies_to_the_membership),
        cmocka_unit_test(captures_parse_as_elixir_does),
        cmocka_unit_test(calls_without_parentheses_take_their_arguments),
        cmocka_unit_test(calls_with_parentheses_dots_and_access),
        cmocka_unit_test(do_blocks_attach_to_the_outermost_call),
        cmocka_unit_test(anonymous_functions_have_clauses_and_guards),
        cmocka_unit_test(containers_and_keyword_sugar),
        cmocka_unit_test(literals_of_every_kind),
        cmocka_unit_test(helpers_read_clauses_and_keywords),
        cmocka_unit_test(errors_name_the_token_and_position),
        cmocka_unit_test(missing_terminators_say_where_they_started),
        cmocka_unit_test(formats_errors_with_the_line_and_a_caret),
        cmocka_unit_test(completeness_tells_open_input_from_errors),
        cmocka_unit_test(refuses_deep_nesting_cleanly),
        cmocka_unit_test(accepts_nesting_below_the_limit),
        cmocka_unit_test(refuses_source_over_the_size_limit),
        cmocka_unit_test(survives_every_allocation_failure),
        cmocka_unit_test(replays_the_fuzz_corpus),
        cmocka_unit_test(parses_every_conformance_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
