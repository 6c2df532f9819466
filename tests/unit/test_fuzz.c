/* test_fuzz.c — bad program text through the whole front end (lexer,
 * parser, compiler): the corpora libFuzzer found (tests/fuzz/corpus_comp
 * from fuzz_comp.c plus its seeds, the .exs files of tests/lang;
 * tests/fuzz/corpus_parse from fuzz_parse.c) replay cleanly, a bounded
 * deterministic mutation run over them finds nothing, and the classic
 * hostile inputs (100k open brackets, a 50 MB string, binary garbage)
 * come back as an answer, never a crash. "Cleanly" means:
 * a compiled script, or an error code with a message (and a syntax error
 * with a position inside the text). Nothing is run, so a program that
 * loops forever is still a valid input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comp.h"
#include "err.h"
#include "mote.h"
#include "parse.h"

/* What the front end said about one input. */
typedef struct Verdict {
    int rc;          /* 0, or the negative code                       */
    bool parsed;     /* the parser accepted it (the compiler ran)     */
    char msg[256];
} Verdict;

/* Parses and compiles src[0..len); checks the contract every input must
 * meet and returns what happened. */
static Verdict front_end(const char *src, size_t len)
{
    Verdict v = {0};
    AstArena a;
    ast_arena_init(&a);
    Ast *root = NULL;
    ParseError pe;
    v.rc = parse_source(&a, "fuzz.exs", src, len, &root, &pe);
    if (v.rc == 0) {
        v.parsed = true;
        Err err;
        memset(&err, 0, sizeof err);
        Fn *fn = NULL;
        v.rc = comp_script(root, "fuzz.exs", &fn, &err);
        if (v.rc == 0)
            assert_non_null(fn);
        else
            assert_true(v.rc < 0 && err.msg[0] != 0);
        snprintf(v.msg, sizeof v.msg, "%s", err.msg);
    } else {
        assert_int_equal(v.rc, MOTE_ESYNTAX);
        assert_true(pe.line >= 1 && pe.col >= 1);
        snprintf(v.msg, sizeof v.msg, "%s", pe.msg);
        assert_true(v.msg[0] != 0);
    }
    ast_arena_fini(&a);
    return v;
}

/* MOTE_STRESS_SCALE (default 1; check.sh sets 0.05 under TSan, whose
 * shadow memory would make a 50 MB literal cost gigabytes) scales the
 * mutation count and the big literal. */
static double stress_scale(void)
{
    const char *s = getenv("MOTE_STRESS_SCALE");
    double v = s ? atof(s) : 1.0;
    return v > 0 && v < 1 ? v : 1.0;
}

/* ---- corpora ----------------------------------------------------------- */

#define MAX_SEED_BYTES (1 << 16)

/* Reads every file of <root>/<sub> whose name ends in suffix ("" for all)
 * into seeds[n..] (owned: free each), up to max; returns the new count. */
static size_t load_dir(const char *sub, const char *suffix, char **seeds, size_t *lens,
                       size_t n, size_t max)
{
    const char *root = getenv("MOTE_SOURCE_ROOT");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", root ? root : ".", sub);
    DIR *d = opendir(dir);
    if (d == NULL)
        return n;
    size_t ls = strlen(suffix);
    struct dirent *de;
    while (n < max && (de = readdir(d)) != NULL) {
        size_t ln = strlen(de->d_name);
        if (de->d_name[0] == '.' || ln < ls || strcmp(de->d_name + ln - ls, suffix) != 0)
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        FILE *f = fopen(path, "rb");
        if (f == NULL)
            continue;
        char *buf = malloc(MAX_SEED_BYTES);
        assert_non_null(buf);
        lens[n] = fread(buf, 1, MAX_SEED_BYTES, f);
        fclose(f);
        seeds[n++] = buf;
    }
    closedir(d);
    return n;
}

/* Reads every file of tests/fuzz/<name> into seeds, up to max; the
 * compiler corpus also takes its seeds, the .exs files of tests/lang,
 * which are not copied into it. Returns how many. */
static size_t load_corpus(const char *name, char **seeds, size_t *lens, size_t max)
{
    char sub[256];
    snprintf(sub, sizeof sub, "tests/fuzz/%s", name);
    size_t n = load_dir(sub, "", seeds, lens, 0, max);
    if (strcmp(name, "corpus_comp") == 0)
        n = load_dir("tests/lang", ".exs", seeds, lens, n, max);
    return n;
}

static void free_seeds(char **seeds, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(seeds[i]);
}

#define MAX_SEEDS 4096
static char *seeds[MAX_SEEDS];
static size_t lens[MAX_SEEDS];

/* The compiler corpus, read once for both the replay and the mutation
 * run; main frees it. */
static char *comp_seeds[MAX_SEEDS];
static size_t comp_lens[MAX_SEEDS];
static size_t comp_n;

static size_t comp_corpus(void)
{
    if (comp_n == 0)
        comp_n = load_corpus("corpus_comp", comp_seeds, comp_lens, MAX_SEEDS);
    return comp_n;
}

static void replays_the_compiler_corpus(void **state)
{
    (void)state;
    size_t n = comp_corpus();
    assert_true(n > 0);
    size_t compiled = 0;
    for (size_t i = 0; i < n; i++)
        compiled += front_end(comp_seeds[i], comp_lens[i]).rc == 0;
    /* A corpus of nothing but refusals would not reach the compiler. */
    assert_true(compiled > 0);
}

static void replays_the_parser_corpus_through_the_compiler(void **state)
{
    (void)state;
    size_t n = load_corpus("corpus_parse", seeds, lens, MAX_SEEDS);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++)
        front_end(seeds[i], lens[i]);
    free_seeds(seeds, n);
}

/* ---- a bounded mutation run ------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Tokens that make a mutation land on syntax rather than in a string. */
static const char *const tokens[] = {
    "do", "end", "fn", "->", "when", "|>", "<>", "++", "::", "<-", "\\\\", "=>", "%{",
    "<<", ">>", "#{", "\"", "'", "(", ")", "[", "]", "{", "}", "&1", "&", "^", "@",
    "defmodule M", "def f(x)", "case x do", "receive do", "after 0 ->", "for x <- ",
    "with {:ok, x} <- ", "try do", "rescue e ->", "~r/", "~w(", "..", "..//", "%S{}",
    "::size(8)", "x", "_", ":a", "1.0e", "0x", "?a", "\n", ",", ";", "|", "=", "not in",
};

/* Applies one random edit to buf[0..*len) (capacity cap). */
static void mutate(char *buf, size_t *len, size_t cap)
{
    size_t at = *len ? next_rand() % (*len + 1) : 0;
    switch (next_rand() % 5) {
    case 0: /* flip a byte */
        if (*len)
            buf[next_rand() % *len] = (char)next_rand();
        break;
    case 1: /* delete a span */
        if (at < *len) {
            size_t k = 1 + next_rand() % 8;
            if (k > *len - at)
                k = *len - at;
            memmove(buf + at, buf + at + k, *len - at - k);
            *len -= k;
        }
        break;
    case 2: /* truncate */
        *len = at;
        break;
    default: { /* insert a token */
        const char *t = tokens[next_rand() % (sizeof tokens / sizeof tokens[0])];
        size_t k = strlen(t);
        if (*len + k <= cap) {
            memmove(buf + at + k, buf + at, *len - at);
            memcpy(buf + at, t, k);
            *len += k;
        }
    }
    }
}

/* MOTE_FUZZ_ITERS overrides the count, for a longer run by hand. */
static void mutations_of_the_corpus_are_answered(void **state)
{
    (void)state;
    size_t n = comp_corpus();
    assert_true(n > 0);
    const char *env = getenv("MOTE_FUZZ_ITERS");
    long iters = env ? atol(env) : (long)(3000 * stress_scale());
    static char buf[4096];
    for (long i = 0; i < iters; i++) {
        size_t s = next_rand() % n;
        size_t len = comp_lens[s] < sizeof buf ? comp_lens[s] : sizeof buf;
        memcpy(buf, comp_seeds[s], len);
        for (uint64_t k = 1 + next_rand() % 4; k > 0; k--)
            mutate(buf, &len, sizeof buf);
        front_end(buf, len);
    }
}

/* ---- hostile inputs ---------------------------------------------------- */

/* prefix, then pat repeated n times, then suffix, in a malloc'd buffer. */
static char *repeat(const char *prefix, const char *pat, size_t n, const char *suffix, size_t *len)
{
    size_t lp = strlen(prefix), k = strlen(pat), ls = strlen(suffix);
    *len = lp + n * k + ls;
    char *s = malloc(*len + 1);
    assert_non_null(s);
    memcpy(s, prefix, lp);
    for (size_t i = 0; i < n; i++)
        memcpy(s + lp + i * k, pat, k);
    memcpy(s + lp + n * k, suffix, ls + 1);
    return s;
}

static void a_hundred_thousand_open_brackets_are_a_syntax_error(void **state)
{
    (void)state;
    static const char *const opens[] = {"[", "(", "{", "%{a: ", "<<", "-", "!", "fn -> ",
                                        "if x do ", "\"#{", "&(", "x = ", "case 1 do _ -> "};
    for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++) {
        size_t len;
        char *s = repeat("", opens[i], 100000, "", &len);
        Verdict v = front_end(s, len);
        assert_int_equal(v.rc, MOTE_ESYNTAX);
        free(s);
    }
}

/* "x = " then n lists nested in each other, closed, in a malloc'd buffer. */
static char *nested_list(size_t n, size_t *len)
{
    char *s = repeat("x = ", "[", n, "", len);
    char *t = realloc(s, *len + n + 1);
    assert_non_null(t);
    memset(t + *len, ']', n);
    *len += n;
    t[*len] = 0;
    return t;
}

static void deep_but_closed_nesting_is_answered(void **state)
{
    (void)state;
    size_t len;
    char *s = nested_list(100000, &len);
    front_end(s, len);
    free(s);
    /* A long left-associative chain is deep too, though nothing is open. */
    s = repeat("x = 1", " + 1", 100000, "", &len);
    front_end(s, len);
    free(s);
    s = repeat("x = 1", " |> Kernel.+(1)", 100000, "", &len);
    front_end(s, len);
    free(s);
}

static void moderate_nesting_compiles(void **state)
{
    (void)state;
    size_t len;
    char *s = nested_list(200, &len);
    assert_int_equal(front_end(s, len).rc, 0);
    free(s);
}

static void a_fifty_megabyte_string_literal_compiles(void **state)
{
    (void)state;
    size_t len, reps = (size_t)(5000000 * stress_scale());
    char *s = repeat("x = \"", "abcdefghij", reps, "\"\nx\n", &len);
    Verdict v = front_end(s, len);
    if (v.rc != 0)
        print_message("%s\n", v.msg);
    assert_int_equal(v.rc, 0);
    /* Unterminated, it is a syntax error at the opening quote. */
    s[len - 4] = 'z';
    assert_int_equal(front_end(s, len).rc, MOTE_ESYNTAX);
    free(s);
    s = repeat("x = ~s(", "abcdefghij", reps, ")\n", &len);
    v = front_end(s, len);
    if (v.rc != 0)
        print_message("%s\n", v.msg);
    assert_int_equal(v.rc, 0);
    free(s);
}

static void binary_garbage_is_a_syntax_error(void **state)
{
    (void)state;
    static char buf[1 << 16];
    for (int round = 0; round < 64; round++) {
        size_t len = 1 + next_rand() % sizeof buf;
        for (size_t i = 0; i < len; i++)
            buf[i] = (char)next_rand();
        /* Garbage that happens to start with a letter may lex a while. */
        buf[0] = (char)(0x80 | (next_rand() & 0x7F));
        assert_int_equal(front_end(buf, len).rc, MOTE_ESYNTAX);
    }
    assert_int_equal(front_end("IO.puts(1)\n\0\n", 13).rc, MOTE_ESYNTAX);
    assert_int_equal(front_end("\xff\xfe", 2).rc, MOTE_ESYNTAX);
}

int main(void)
{
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = 1;
    mote_rt *rt;
    if (mote_start(&cfg, &rt) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replays_the_compiler_corpus),
        cmocka_unit_test(replays_the_parser_corpus_through_the_compiler),
        cmocka_unit_test(mutations_of_the_corpus_are_answered),
        cmocka_unit_test(a_hundred_thousand_open_brackets_are_a_syntax_error),
        cmocka_unit_test(deep_but_closed_nesting_is_answered),
        cmocka_unit_test(moderate_nesting_compiles),
        cmocka_unit_test(a_fifty_megabyte_string_literal_compiles),
        cmocka_unit_test(binary_garbage_is_a_syntax_error),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    free_seeds(comp_seeds, comp_n);
    mote_stop(rt);
    return rc;
}
