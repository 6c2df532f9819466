/* test_lex.c — the tokenizer: every token kind, escapes, heredocs,
 * interpolation, newline rules, and refusal of bad input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "mote.h"

typedef struct Lexed {
    AstArena arena;
    TokVec tv;
    ParseError err;
    int rc;
} Lexed;

static Lexed *lex(const char *src)
{
    Lexed *l = calloc(1, sizeof(*l));
    ast_arena_init(&l->arena);
    l->rc = lex_source(&l->arena, src, strlen(src), &l->tv, &l->err);
    return l;
}

static void done(Lexed *l)
{
    lex_free(&l->tv);
    ast_arena_fini(&l->arena);
    free(l);
}

/* The token kinds of src, as a space-separated string of kind names. */
static void kinds_of(const char *src, char *out, size_t cap)
{
    Lexed *l = lex(src);
    assert_int_equal(l->rc, 0);
    out[0] = '\0';
    for (size_t i = 0; i < l->tv.n; i++) {
        const Tok *t = &l->tv.toks[i];
        const char *k = t->kind == TOK_OP ? ast_op_text((AstOp)t->op) : lex_kind_name((TokKind)t->kind);
        strncat(out, k, cap - strlen(out) - 2);
        if (i + 1 < l->tv.n)
            strncat(out, " ", cap - strlen(out) - 1);
    }
    done(l);
}

static void reads_integers_in_every_base(void **state)
{
    (void)state;
    Lexed *l = lex("1_000 0x1F 0o17 0b101 ?a ?\\n 007");
    assert_int_equal(l->rc, 0);
    int64_t want[] = {1000, 31, 15, 5, 'a', '\n', 7};
    for (size_t i = 0; i < 7; i++) {
        assert_int_equal(l->tv.toks[i].kind, TOK_INT);
        assert_int_equal(l->tv.toks[i].v.i, want[i]);
    }
    assert_int_equal(l->tv.toks[7].kind, TOK_EOF);
    done(l);
}

static void keeps_big_integers_as_text(void **state)
{
    (void)state;
    Lexed *l = lex("123_456_789_012_345_678_901_234 0xFFFFFFFFFFFFFFFFFF 9223372036854775807");
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->tv.toks[0].kind, TOK_BIGINT);
    assert_string_equal(l->tv.toks[0].v.text.s, "123456789012345678901234");
    assert_int_equal(l->tv.toks[0].op, 10);
    assert_int_equal(l->tv.toks[1].kind, TOK_BIGINT);
    assert_string_equal(l->tv.toks[1].v.text.s, "FFFFFFFFFFFFFFFFFF");
    assert_int_equal(l->tv.toks[1].op, 16);
    assert_int_equal(l->tv.toks[2].kind, TOK_INT);
    assert_int_equal(l->tv.toks[2].v.i, INT64_MAX);
    done(l);
}

static void reads_floats_with_exponents(void **state)
{
    (void)state;
    Lexed *l = lex("1.5 1.0e3 2.5e-2 1_0.2_5");
    assert_int_equal(l->rc, 0);
    double want[] = {1.5, 1000.0, 0.025, 10.25};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(l->tv.toks[i].kind, TOK_FLOAT);
        assert_true(l->tv.toks[i].v.f == want[i]);
    }
    done(l);
}

static void range_after_integer_is_not_a_float(void **state)
{
    (void)state;
    char k[256];
    kinds_of("1..2", k, sizeof(k));
    assert_string_equal(k, "int .. int eof");
}

static void reads_atoms_of_every_spelling(void **state)
{
    (void)state;
    Lexed *l = lex(":foo :foo? :Foo :+ :<> :a@b true nil");
    assert_int_equal(l->rc, 0);
    const char *want[] = {"foo", "foo?", "Foo", "+", "<>", "a@b", "true", "nil"};
    for (size_t i = 0; i < 8; i++) {
        assert_int_equal(l->tv.toks[i].kind, TOK_ATOM);
        assert_string_equal(l->tv.toks[i].v.text.s, want[i]);
    }
    done(l);
}

static void quoted_atom_is_a_string_sequence(void **state)
{
    (void)state;
    char k[256];
    kinds_of(":\"a b\"", k, sizeof(k));
    assert_string_equal(k, "string string part string end eof");
}

static void reads_keyword_keys(void **state)
{
    (void)state;
    Lexed *l = lex("[a: 1, do: 2, \"b c\": 3]");
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->tv.toks[1].kind, TOK_KW);
    assert_string_equal(l->tv.toks[1].v.text.s, "a");
    assert_int_equal(l->tv.toks[4].kind, TOK_KW);
    assert_string_equal(l->tv.toks[4].v.text.s, "do");
    assert_int_equal(l->tv.toks[7].kind, TOK_STR_BEGIN);
    assert_true(l->tv.toks[7].flags & TOKF_KW);
    done(l);
}

static void tells_identifiers_aliases_and_reserved_words_apart(void **state)
{
    (void)state;
    char k[256];
    kinds_of("foo Bar do end fn else when and not in valid? run!", k, sizeof(k));
    assert_string_equal(k, "identifier alias do end fn block when and not in identifier identifier eof");
}

static void reads_operators_longest_first(void **state)
{
    (void)state;
    char k[512];
    kinds_of("a === b !== c |> d <> e ++ f -- g :: h <- i \\\\ j -> k => l .. m // n ** o =~ p",
             k, sizeof(k));
    assert_string_equal(k, "identifier === identifier !== identifier |> identifier <> identifier "
                           "++ identifier -- identifier :: identifier <- identifier \\\\ identifier "
                           "-> identifier => identifier .. identifier // identifier ** identifier "
                           "=~ identifier eof");
}

static void not_in_is_one_operator(void **state)
{
    (void)state;
    char k[256];
    kinds_of("a not in b", k, sizeof(k));
    assert_string_equal(k, "identifier not in identifier eof");
}

static void decodes_string_escapes(void **state)
{
    (void)state;
    Lexed *l = lex("\"a\\n\\t\\x41\\u00e9\\u{1F600}\\\"\\#{b}\\s\"");
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->tv.toks[1].kind, TOK_STR_PART);
    assert_string_equal(l->tv.toks[1].v.text.s, "a\n\tA\xc3\xa9\xf0\x9f\x98\x80\"#{b} ");
    done(l);
}

static void splits_interpolation_into_tokens(void **state)
{
    (void)state;
    char k[256];
    kinds_of("\"a#{x}b\"", k, sizeof(k));
    assert_string_equal(k, "string string part #{ identifier } string part string end eof");
}

static void nests_interpolation_inside_interpolation(void **state)
{
    (void)state;
    char k[512];
    kinds_of("\"a#{\"b#{%{c: 1}}\"}\"", k, sizeof(k));
    assert_string_equal(k, "string string part #{ string string part #{ % { keyword int } } "
                           "string end } string end eof");
}

static void strips_heredoc_indentation_to_the_closing_line(void **state)
{
    (void)state;
    Lexed *l = lex("x = \"\"\"\n    hello\n      world\n    \"\"\"\ny");
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->tv.toks[2].kind, TOK_STR_BEGIN);
    assert_true(l->tv.toks[2].flags & TOKF_HEREDOC);
    /* Parts may be split per line; join them. */
    char text[64] = "";
    size_t i = 3;
    for (; l->tv.toks[i].kind == TOK_STR_PART; i++)
        strcat(text, l->tv.toks[i].v.text.s);
    assert_string_equal(text, "hello\n  world\n");
    assert_int_equal(l->tv.toks[i].kind, TOK_STR_END);
    assert_int_equal(l->tv.toks[i + 2].kind, TOK_IDENT);
    assert_int_equal(l->tv.toks[i + 2].line, 5);
    done(l);
}

static void reads_sigils_with_delimiters_and_modifiers(void **state)
{
    (void)state;
    Lexed *l = lex("~r/a\\/b+/iu ~w(a b)a ~S{x\\n}");
    assert_int_equal(l->rc, 0);
    const Tok *t = l->tv.toks;
    assert_int_equal(t[0].kind, TOK_STR_BEGIN);
    assert_int_equal(t[0].op, STR_SIGIL);
    assert_string_equal(t[0].v.text.s, "r");
    assert_string_equal(t[1].v.text.s, "a/b+"); /* raw, but an escaped terminator loses its backslash (Elixir: ~r/a\/b/.source is "a/b") */
    assert_string_equal(t[2].v.text.s, "iu");
    assert_string_equal(t[4].v.text.s, "a b");
    assert_string_equal(t[5].v.text.s, "a");
    assert_string_equal(t[7].v.text.s, "x\\n"); /* uppercase: no escapes */
    done(l);
}

static void drops_newline_before_a_binary_operator_only(void **state)
{
    (void)state;
    char k[256];
    kinds_of("a\n|> b\nc\n-1", k, sizeof(k));
    assert_string_equal(k, "identifier |> identifier eol identifier eol - int eof");
}

static void reads_capture_arguments_and_comments(void **state)
{
    (void)state;
    char k[256];
    kinds_of("&(&1 + &2) # a comment\n&3 && x", k, sizeof(k));
    assert_string_equal(k, "& ( &N + &N ) eol &N && identifier eof");
}

static void capture_arguments_carry_their_number(void **state)
{
    (void)state;
    Lexed *l = lex("&10 &1 &12");
    assert_int_equal(l->rc, 0);
    int64_t want[] = {10, 1, 12};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(l->tv.toks[i].kind, TOK_CAPTURE_INT);
        assert_int_equal(l->tv.toks[i].v.i, want[i]);
    }
    done(l);
}

static void skips_a_byte_order_mark(void **state)
{
    (void)state;
    Lexed *l = lex("\xEF\xBB\xBF" "foo");
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->tv.toks[0].kind, TOK_IDENT);
    assert_string_equal(l->tv.toks[0].v.text.s, "foo");
    assert_int_equal(l->tv.toks[0].col, 1);
    done(l);
}

static void marks_spacing_around_tokens(void **state)
{
    (void)state;
    Lexed *l = lex("f -1 f(x)");
    assert_int_equal(l->rc, 0);
    assert_true(l->tv.toks[1].flags & TOKF_SPACE_BEFORE);
    assert_false(l->tv.toks[1].flags & TOKF_SPACE_AFTER);
    assert_false(l->tv.toks[4].flags & TOKF_SPACE_BEFORE); /* the ( of f(x) */
    done(l);
}

static void unterminated_string_is_incomplete(void **state)
{
    (void)state;
    Lexed *l = lex("x = \"abc");
    assert_int_equal(l->rc, MOTE_ESYNTAX);
    assert_true(l->err.incomplete);
    assert_string_equal(l->err.msg, "missing terminator: \" (for string starting at line 1)");
    assert_int_equal(l->err.line, 1);
    assert_int_equal(l->err.col, 5);
    done(l);
}

static void unterminated_heredoc_is_incomplete(void **state)
{
    (void)state;
    Lexed *l = lex("x = \"\"\"\nabc\n");
    assert_int_equal(l->rc, MOTE_ESYNTAX);
    assert_true(l->err.incomplete);
    assert_string_equal(l->err.msg, "missing terminator: \"\"\" (for heredoc starting at line 1)");
    done(l);
}

static void refuses_stray_characters_with_position(void **state)
{
    (void)state;
    Lexed *l = lex("a = 1\nb $ c");
    assert_int_equal(l->rc, MOTE_ESYNTAX);
    assert_false(l->err.incomplete);
    assert_int_equal(l->err.line, 2);
    assert_int_equal(l->err.col, 3);
    assert_string_equal(l->err.text, "b $ c");
    done(l);
}

static void keyword_key_needs_a_space_after_the_colon(void **state)
{
    (void)state;
    Lexed *l = lex("[a:1]");
    assert_int_equal(l->rc, MOTE_ESYNTAX);
    assert_string_equal(l->err.msg, "keyword argument must be followed by space after: a:");
    done(l);
    l = lex("a::b");
    assert_int_equal(l->rc, 0);
    done(l);
}

static void atoms_cannot_start_with_a_digit(void **state)
{
    (void)state;
    Lexed *l = lex(":1a");
    assert_int_equal(l->rc, MOTE_ESYNTAX);
    done(l);
}

static void refuses_invalid_utf8_in_identifiers(void **state)
{
    (void)state;
    Lexed *l = lex("ab\xff\xfe = 1");
    assert_int_equal(l->rc, MOTE_ESYNTAX);
    done(l);
}

static void refuses_interpolation_nested_too_deeply(void **state)
{
    (void)state;
    size_t n = 200;
    char *src = malloc(n * 3 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(src + 3 * i, "\"#{", 3);
    src[n * 3] = '\0';
    Lexed *l = lex(src);
    assert_int_equal(l->rc, MOTE_ESYNTAX);
    assert_non_null(strstr(l->err.msg, "nested too deeply"));
    done(l);
    free(src);
}

static void refuses_more_tokens_than_the_limit(void **state)
{
    (void)state;
    size_t n = LEX_MAX_TOKENS / 2 + 1; /* "1," is two tokens */
    char *src = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(src + 2 * i, "1,", 2);
    src[2 * n] = '\0';
    Lexed *l = lex(src);
    assert_int_equal(l->rc, MOTE_ELIMIT);
    assert_non_null(strstr(l->err.msg, "too many tokens"));
    done(l);
    free(src);
}

static void survives_random_bytes(void **state)
{
    (void)state;
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    char buf[257];
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)(seed >> 56);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            /* Mostly Elixir punctuation, to reach deep states quickly. */
            static const char alpha[] = "\"'#{}()[]<>%~:;,.\\|&-+ \n\taZ0_?!=@^";
            uint8_t r = (uint8_t)(seed >> 33);
            buf[i] = r < 200 ? alpha[r % (sizeof(alpha) - 1)] : (char)r;
        }
        buf[n] = '\0';
        AstArena a;
        ast_arena_init(&a);
        TokVec tv;
        ParseError err = {0};
        int rc = lex_source(&a, buf, n, &tv, &err);
        if (rc != 0 && rc != MOTE_ESYNTAX)
            fail_msg("round %d: rc %d", round, rc);
        if (rc == 0)
            assert_int_equal(tv.toks[tv.n - 1].kind, TOK_EOF);
        lex_free(&tv);
        ast_arena_fini(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_integers_in_every_base),
        cmocka_unit_test(keeps_big_integers_as_text),
        cmocka_unit_test(reads_floats_with_exponents),
        cmocka_unit_test(range_after_integer_is_not_a_float),
        cmocka_unit_test(reads_atoms_of_every_spelling),
        cmocka_unit_test(quoted_atom_is_a_string_sequence),
        cmocka_unit_test(reads_keyword_keys),
        cmocka_unit_test(tells_identifiers_aliases_and_reserved_words_apart),
        cmocka_unit_test(reads_operators_longest_first),
        cmocka_unit_test(not_in_is_one_operator),
        cmocka_unit_test(decodes_string_escapes),
        cmocka_unit_test(splits_interpolation_into_tokens),
        cmocka_unit_test(nests_interpolation_inside_interpolation),
        cmocka_unit_test(strips_heredoc_indentation_to_the_closing_line),
        cmocka_unit_test(reads_sigils_with_delimiters_and_modifiers),
        cmocka_unit_test(drops_newline_before_a_binary_operator_only),
        cmocka_unit_test(reads_capture_arguments_and_comments),
        cmocka_unit_test(capture_arguments_carry_their_number),
        cmocka_unit_test(skips_a_byte_order_mark),
        cmocka_unit_test(marks_spacing_around_tokens),
        cmocka_unit_test(unterminated_string_is_incomplete),
        cmocka_unit_test(unterminated_heredoc_is_incomplete),
        cmocka_unit_test(refuses_stray_characters_with_position),
        cmocka_unit_test(keyword_key_needs_a_space_after_the_colon),
        cmocka_unit_test(atoms_cannot_start_with_a_digit),
        cmocka_unit_test(refuses_invalid_utf8_in_identifiers),
        cmocka_unit_test(refuses_interpolation_nested_too_deeply),
        cmocka_unit_test(refuses_more_tokens_than_the_limit),
        cmocka_unit_test(survives_random_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
