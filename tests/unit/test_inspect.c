/* test_inspect.c — inspect prints every kind of term byte for byte as
 * Elixir 1.14 does: floats, atoms, strings and escapes, charlists,
 * keyword lists, maps, structs, limits, and the 80-column layout of
 * IO.inspect (expected texts taken from Elixir and the conformance
 * cases). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atom.h"
#include "big.h"
#include "bin.h"
#include "heap.h"
#include "inspect.h"
#include "map.h"
#include "mem.h"
#include "mote.h"

static Heap H;

static int setup(void **state)
{
    (void)state;
    if (atom_init() != 0)
        return -1;
    return heap_init(&H, 4096);
}

static int teardown(void **state)
{
    (void)state;
    heap_fini(&H);
    atom_fini();
    return 0;
}

/* ---- building terms ----------------------------------------------------- */

static Term I(int64_t v) { return make_small(v); }
static Term F(double d) { return float_new(&H, d); }
static Term AT(const char *s) { return atom_from_cstr(s); }
static Term S(const char *s) { return bin_new(&H, s, strlen(s)); }
static Term B(const void *p, size_t n) { return bin_new(&H, p, n); }

static Term cons(Term h, Term t)
{
    Term *c = heap_alloc(&H, 2);
    c[0] = h;
    c[1] = t;
    return make_list(c);
}

static Term tuplev(size_t n, const Term *e)
{
    Term *p = heap_alloc(&H, 1 + n);
    p[0] = make_header(HDR_TUPLE, n);
    if (n)
        memcpy(p + 1, e, n * sizeof *e);
    return make_boxed(p);
}

#define T(...) tuplev(sizeof((Term[]){__VA_ARGS__}) / sizeof(Term), (Term[]){__VA_ARGS__})
#define L(...) listv(sizeof((Term[]){__VA_ARGS__}) / sizeof(Term), (Term[]){__VA_ARGS__})
#define T0() tuplev(0, NULL)

static Term listv(size_t n, const Term *e)
{
    Term l = NIL;
    for (size_t i = n; i-- > 0;)
        l = cons(e[i], l);
    return l;
}

static Term range(int64_t from, int64_t to)
{
    Term l = NIL;
    for (int64_t i = to; i >= from; i--)
        l = cons(I(i), l);
    return l;
}

static Term mapv(size_t n, const Term *kv)
{
    Term keys[64], values[64];
    for (size_t i = 0; i < n / 2; i++) {
        keys[i] = kv[2 * i];
        values[i] = kv[2 * i + 1];
    }
    return map_from_pairs(&H, n / 2, keys, values);
}
#define M(...) mapv(sizeof((Term[]){__VA_ARGS__}) / sizeof(Term), (Term[]){__VA_ARGS__})
#define M0() map_new(&H)

/* ---- printing ------------------------------------------------------------ */

static char got[1 << 16];

static const char *with(Term t, const InspectOpts *o)
{
    Strbuf s;
    strbuf_init(&s);
    assert_int_equal(inspect_term(t, o, &s), 0);
    snprintf(got, sizeof got, "%s", strbuf_cstr(&s));
    strbuf_fini(&s);
    return got;
}

/* IO.inspect: pretty, width 80. */
static const char *io(Term t)
{
    InspectOpts o;
    inspect_opts_io(&o);
    return with(t, &o);
}

/* Kernel.inspect/1: one line. */
static const char *kernel(Term t)
{
    InspectOpts o;
    inspect_opts_kernel(&o);
    return with(t, &o);
}

static const char *flt(double d)
{
    static char buf[FMT_FLOAT_MAX];
    fmt_float(d, buf);
    return buf;
}

/* ---- numbers ----------------------------------------------------------- */

static void integers_print_in_decimal(void **state)
{
    (void)state;
    assert_string_equal(io(I(0)), "0");
    assert_string_equal(io(I(-42)), "-42");
    assert_string_equal(io(I(SMALL_MAX)), "1152921504606846975");
    const char *big = "-123456789012345678901234567890123456789";
    assert_string_equal(io(int_from_text(&H, big, strlen(big), 10)), big);
}

static void floats_print_shortest_round_trip(void **state)
{
    (void)state;
    assert_string_equal(io(F(0.1 + 0.2)), "0.30000000000000004");
    assert_string_equal(io(F(0.1)), "0.1");
    assert_string_equal(io(F(1.0)), "1.0");
    assert_string_equal(io(F(-0.0)), "-0.0");
    assert_string_equal(io(F(0.0)), "0.0");
    assert_string_equal(io(F(123.456)), "123.456");
    assert_string_equal(io(F(2.5)), "2.5");
    assert_string_equal(io(F(-1.5)), "-1.5");
    assert_string_equal(io(F(0.001)), "0.001");
    assert_string_equal(io(F(1.0e-4)), "1.0e-4");
    assert_string_equal(io(F(1.0e-5)), "1.0e-5");
    assert_string_equal(io(F(1.0e-7)), "1.0e-7");
    assert_string_equal(io(F(1.5e301)), "1.5e301");
    assert_string_equal(io(F(5.0e-324)), "5.0e-324");
    assert_string_equal(io(F(1.7976931348623157e308)), "1.7976931348623157e308");
    assert_string_equal(io(F(1.0e23)), "1.0e23");
    assert_string_equal(io(F(1.2345678901234567e-10)), "1.2345678901234568e-10");
}

static void integral_floats_below_1e16_print_whole(void **state)
{
    (void)state;
    assert_string_equal(io(F(100.0)), "100.0");
    assert_string_equal(io(F(10000.0)), "10000.0");
    assert_string_equal(io(F(1.0e15)), "1000000000000000.0");
    assert_string_equal(io(F(-9007199254740992.0)), "-9007199254740992.0");
    assert_string_equal(io(F(1.0e16)), "1.0e16");
    assert_string_equal(io(F(1.0e21)), "1.0e21");
    assert_string_equal(io(F(1.2345678901234568e17)), "1.2345678901234568e17");
}

static void float_to_string_follows_erlang_layout(void **state)
{
    (void)state;
    /* Erlang's fwrite_g switches to exponent form when it is shorter. */
    assert_string_equal(flt(100.0), "100.0");
    assert_string_equal(flt(1000.0), "1.0e3");
    assert_string_equal(flt(10000.0), "1.0e4");
    assert_string_equal(flt(1.0e15), "1.0e15");
    assert_string_equal(flt(123456.0), "123456.0");
    assert_string_equal(flt(1.0e-3), "0.001");
    assert_string_equal(flt(0.0123), "0.0123");
    assert_string_equal(flt(1.5e-3), "0.0015");
    assert_string_equal(flt(1.5e-4), "1.5e-4");
}

static void random_floats_read_back(void **state)
{
    (void)state;
    srand(12345);
    for (int i = 0; i < 20000; i++) {
        uint64_t bits = ((uint64_t)rand() << 42) ^ ((uint64_t)rand() << 21) ^ (uint64_t)rand();
        double d;
        memcpy(&d, &bits, sizeof d);
        if (!isfinite(d))
            continue;
        const char *s = flt(d);
        if (strtod(s, NULL) != d)
            fail_msg("%.17g printed as %s", d, s);
        /* Never more significant digits than the 17 that always suffice. */
        int ndig = 0;
        bool lead = true;
        for (const char *p = s; *p && *p != 'e'; p++) {
            if (*p == '0' && lead)
                continue;
            if (*p >= '1' && *p <= '9')
                lead = false;
            ndig += !lead && *p >= '0' && *p <= '9';
        }
        if (ndig > 17)
            fail_msg("%s has %d digits", s, ndig);
    }
}

/* ---- atoms --------------------------------------------------------------- */

static void atoms_print_bare_when_they_read_back(void **state)
{
    (void)state;
    assert_string_equal(io(AT("foo")), ":foo");
    assert_string_equal(io(AT("foo?")), ":foo?");
    assert_string_equal(io(AT("save!")), ":save!");
    assert_string_equal(io(AT("_")), ":_");
    assert_string_equal(io(AT("Foo")), ":Foo");
    assert_string_equal(io(AT("nonode@nohost")), ":nonode@nohost");
    assert_string_equal(io(AT("+")), ":+");
    assert_string_equal(io(AT("<>")), ":<>");
    assert_string_equal(io(AT("|>")), ":|>");
    assert_string_equal(io(AT("%{}")), ":%{}");
    assert_string_equal(io(AT("...")), ":...");
    assert_string_equal(io(AT("\\\\")), ":\\\\");
    assert_string_equal(io(AT("olá")), ":olá");
    assert_string_equal(io(A(true)), "true");
    assert_string_equal(io(A(false)), "false");
    assert_string_equal(io(A(nil)), "nil");
}

static void atoms_print_quoted_when_they_must(void **state)
{
    (void)state;
    assert_string_equal(io(AT("foo bar")), ":\"foo bar\"");
    assert_string_equal(io(AT("::")), ":\"::\"");
    assert_string_equal(io(AT("")), ":\"\"");
    assert_string_equal(io(AT("1a")), ":\"1a\"");
    assert_string_equal(io(AT("foo?bar")), ":\"foo?bar\"");
    assert_string_equal(io(AT("=>")), ":\"=>\"");
    assert_string_equal(io(AT("Elixir.foo")), ":\"Elixir.foo\"");
    assert_string_equal(io(AT("a\"b")), ":\"a\\\"b\"");
}

static void aliases_drop_the_elixir_prefix(void **state)
{
    (void)state;
    assert_string_equal(io(AT("Elixir.Foo")), "Foo");
    assert_string_equal(io(AT("Elixir.Foo.Bar_1")), "Foo.Bar_1");
    assert_string_equal(io(AT("Elixir")), "Elixir");
    assert_string_equal(io(AT("Elixir.Elixir")), "Elixir.Elixir");
}

/* ---- binaries ---------------------------------------------------------- */

static void strings_print_escaped(void **state)
{
    (void)state;
    assert_string_equal(io(S("hello")), "\"hello\"");
    assert_string_equal(io(S("")), "\"\"");
    assert_string_equal(io(S("a\nb\tc")), "\"a\\nb\\tc\"");
    assert_string_equal(io(S("say \"hi\"")), "\"say \\\"hi\\\"\"");
    assert_string_equal(io(S("back\\slash")), "\"back\\\\slash\"");
    assert_string_equal(io(S("#{x} and #")), "\"\\#{x} and #\"");
    assert_string_equal(io(S("\x1b[0m\a\b\f\v\r\x7f")), "\"\\e[0m\\a\\b\\f\\v\\r\\d\"");
    assert_string_equal(io(S("héllo wörld")), "\"héllo wörld\"");
    assert_string_equal(io(S("it's")), "\"it's\"");
}

static void unprintable_binaries_print_as_bytes(void **state)
{
    (void)state;
    assert_string_equal(io(B("\x01\x02\x03", 3)), "<<1, 2, 3>>");
    assert_string_equal(io(B("\0", 1)), "<<0>>");
    assert_string_equal(io(B("abc\xff", 4)), "<<97, 98, 99, 255>>");
    assert_string_equal(io(B("\xc3", 1)), "<<195>>");
    uint8_t bits[] = {0xA0};
    assert_string_equal(io(bin_new_bits(&H, bits, 3)), "<<5::size(3)>>");
    uint8_t bits2[] = {1, 0x40};
    assert_string_equal(io(bin_new_bits(&H, bits2, 11)), "<<1, 2::size(3)>>");
    assert_string_equal(io(bin_new_bits(&H, bits2, 8)), "<<1>>");
}

static void unaligned_slices_print_as_their_bytes(void **state)
{
    (void)state;
    /* Bits 4..20 of 06 16 20 are 0x61 0x62: "ab". */
    Term whole = B("\x06\x16\x20", 3);
    assert_string_equal(io(bin_sub(&H, whole, 4, 16)), "\"ab\"");
    assert_string_equal(io(bin_sub(&H, whole, 4, 12)), "<<97, 6::size(4)>>");
    assert_string_equal(io(bin_sub(&H, whole, 8, 8)), "<<22>>");
}

static void long_binaries_stop_at_the_limit(void **state)
{
    (void)state;
    uint8_t bytes[60];
    memset(bytes, 0, sizeof bytes);
    const char *want = "<<0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                       "0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                       "0, 0, 0, ...>>";
    assert_string_equal(io(B(bytes, 60)), want);
    assert_string_equal(kernel(B(bytes, 50)),
                        "<<0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                        "0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                        "0, 0, 0>>");
}

static void long_strings_stop_at_the_printable_limit(void **state)
{
    (void)state;
    InspectOpts o;
    inspect_opts_io(&o);
    o.printable_limit = 5;
    assert_string_equal(with(S("abcdefgh"), &o), "\"abcde\" <> ...");
    assert_string_equal(with(S("abcde"), &o), "\"abcde\"");
    assert_string_equal(with(L(I('a'), I('b'), I('c'), I('d'), I('e'), I('f')), &o),
                        "'abcde' ++ ...");
}

/* ---- lists ------------------------------------------------------------- */

static void lists_print_with_commas(void **state)
{
    (void)state;
    assert_string_equal(io(NIL), "[]");
    assert_string_equal(io(L(I(1), I(2), I(3))), "[1, 2, 3]");
    assert_string_equal(io(L(S("a"), AT("b"), F(1.5))), "[\"a\", :b, 1.5]");
    assert_string_equal(io(cons(I(1), I(2))), "[1 | 2]");
    assert_string_equal(io(cons(I(1), cons(I(2), AT("x")))), "[1, 2 | :x]");
    assert_string_equal(io(L(L(I(1)), NIL)), "[[1], []]");
}

static void printable_lists_print_as_charlists(void **state)
{
    (void)state;
    assert_string_equal(io(L(I('a'), I('b'), I('c'))), "'abc'");
    assert_string_equal(io(L(I('\t'), I('\f'))), "'\\t\\f'");
    assert_string_equal(io(L(I('i'), I('t'), I('\''), I('s'))), "'it\\'s'");
    assert_string_equal(io(L(I('"'))), "'\"'");
    assert_string_equal(io(L(I(104), I(233))), "[104, 233]");
    assert_string_equal(io(L(I(0))), "[0]");
    assert_string_equal(io(cons(I('a'), I('b'))), "[97 | 98]");
    InspectOpts o;
    inspect_opts_io(&o);
    o.charlists_as_lists = true;
    assert_string_equal(with(L(I('a'), I('b')), &o), "[97, 98]");
}

static void keyword_lists_print_as_keywords(void **state)
{
    (void)state;
    assert_string_equal(io(L(T(AT("a"), I(1)), T(AT("b"), I(2)))), "[a: 1, b: 2]");
    assert_string_equal(io(L(T(AT("foo bar"), I(1)))), "[\"foo bar\": 1]");
    assert_string_equal(io(L(T(AT("Foo"), I(1)))), "[Foo: 1]");
    assert_string_equal(io(L(T(AT("<>"), I(1)))), "[<>: 1]");
    assert_string_equal(io(L(T(AT("::"), I(1)))), "[\"::\": 1]");
    assert_string_equal(io(L(T(AT("nil"), I(1)))), "[nil: 1]");
    /* Not keywords: an alias key, a non-pair, an improper tail. */
    assert_string_equal(io(L(T(AT("Elixir.Foo"), I(1)))), "[{Foo, 1}]");
    assert_string_equal(io(L(T(AT("a"), I(1)), I(2))), "[{:a, 1}, 2]");
    assert_string_equal(io(L(T(AT("a"), I(1), I(2)))), "[{:a, 1, 2}]");
}

static void lists_stop_after_fifty_items(void **state)
{
    (void)state;
    assert_string_equal(io(range(1, 100)),
                        "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, "
                        "21, 22,\n"
                        " 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, "
                        "41, 42,\n"
                        " 43, 44, 45, 46, 47, 48, 49, 50, ...]");
    const char *one_line = kernel(range(1, 51));
    assert_non_null(strstr(one_line, "49, 50, ...]"));
    assert_null(strchr(one_line, '\n'));
    assert_non_null(strstr(kernel(range(1, 50)), "49, 50]"));
    InspectOpts o;
    inspect_opts_kernel(&o);
    o.limit = 3;
    assert_string_equal(with(range(1, 5), &o), "[1, 2, 3, ...]");
    o.limit = -1;
    assert_non_null(strstr(with(range(1, 60), &o), "59, 60]"));
}

static void nested_items_get_the_remaining_limit(void **state)
{
    (void)state;
    InspectOpts o;
    inspect_opts_kernel(&o);
    o.limit = 3;
    /* The 2nd item is printed with limit 1, the 3rd with limit 0. */
    Term t = L(I(1), range(1, 5), range(1, 5), I(4));
    assert_string_equal(with(t, &o), "[1, [1, ...], [...], ...]");
}

/* ---- tuples and maps ------------------------------------------------- */

static void tuples_print_in_braces(void **state)
{
    (void)state;
    assert_string_equal(io(T0()), "{}");
    assert_string_equal(io(T(AT("ok"), I(1))), "{:ok, 1}");
    assert_string_equal(io(T(I(1), S("a"), L(I(1), I(2)))), "{1, \"a\", [1, 2]}");
}

static void maps_print_keywords_or_arrows(void **state)
{
    (void)state;
    assert_string_equal(io(M0()), "%{}");
    assert_string_equal(io(M(AT("b"), I(2), AT("a"), I(1))), "%{a: 1, b: 2}");
    assert_string_equal(io(M(S("k"), I(1))), "%{\"k\" => 1}");
    assert_string_equal(io(M(AT("b"), I(2), I(1), AT("a"))), "%{1 => :a, :b => 2}");
    assert_string_equal(io(M(AT("Elixir.Foo"), I(1))), "%{Foo => 1}");
    assert_string_equal(io(M(AT("a b"), M0())), "%{\"a b\": %{}}");
}

static void large_maps_print_every_pair(void **state)
{
    (void)state;
    Term m = M0();
    for (int i = 0; i < 60; i++)
        m = map_put(&H, m, I(i), I(i * i));
    InspectOpts o;
    inspect_opts_kernel(&o);
    o.limit = -1;
    const char *s = with(m, &o);
    int arrows = 0;
    for (const char *p = s; (p = strstr(p, " => ")) != NULL; p++)
        arrows++;
    assert_int_equal(arrows, 60);
    assert_non_null(strstr(s, "59 => 3481"));
    o.limit = 50;
    s = with(m, &o);
    assert_int_equal(strncmp(s + strlen(s) - 6, ", ...}", 6), 0);
}

static void structs_print_with_their_name(void **state)
{
    (void)state;
    Term e = M(A(__struct__), AT("Elixir.RuntimeError"), A(__exception__), A(true),
               AT("message"), S("oops"));
    assert_string_equal(io(e), "%RuntimeError{message: \"oops\"}");
    Term s = M(A(__struct__), AT("Elixir.User"), AT("name"), S("Jane"), AT("age"), I(3));
    assert_string_equal(io(s), "%User{age: 3, name: \"Jane\"}");
    InspectOpts o;
    inspect_opts_io(&o);
    o.structs = false;
    assert_string_equal(with(s, &o), "%{__struct__: User, age: 3, name: \"Jane\"}");
}

/* URI derives Inspect with optional: [:authority]: hidden while nil. */
static void uri_hides_a_nil_authority(void **state)
{
    (void)state;
    Term u = M(A(__struct__), AT("Elixir.URI"), AT("authority"), A(nil), AT("path"), S("/"));
    assert_string_equal(io(u), "%URI{path: \"/\"}");
    u = M(A(__struct__), AT("Elixir.URI"), AT("authority"), S("h"), AT("path"), S("/"));
    assert_string_equal(io(u), "%URI{authority: \"h\", path: \"/\"}");
}

static int user_fields(Term module, Term *fields, size_t max)
{
    if (module != AT("Elixir.User") || max < 2)
        return -1;
    fields[0] = AT("name");
    fields[1] = AT("age");
    return 2;
}

static void struct_fields_follow_the_fields_hook(void **state)
{
    (void)state;
    inspect_set_fields_hook(user_fields);
    Term s = M(A(__struct__), AT("Elixir.User"), AT("name"), S("Jane"), AT("age"), I(3));
    assert_string_equal(io(s), "%User{name: \"Jane\", age: 3}");
    inspect_set_fields_hook(NULL);
}

/* A printer like Elixir's Inspect.Date: ~D[yyyy-mm-dd]. */
static DocId date_printer(InspectCx *cx, Term s, int limit)
{
    (void)limit;
    char buf[96];
    snprintf(buf, sizeof buf, "~D[%04lld-%02lld-%02lld]",
             (long long)small_val(map_get(s, AT("year"))),
             (long long)small_val(map_get(s, AT("month"))),
             (long long)small_val(map_get(s, AT("day"))));
    return doc_cstr(inspect_docs(cx), buf);
}

static Term date(int y, int m, int d)
{
    return M(A(__struct__), AT("Elixir.Date"), AT("calendar"), AT("Elixir.Calendar.ISO"),
             AT("year"), I(y), AT("month"), I(m), AT("day"), I(d));
}

static void registered_struct_printers_are_used(void **state)
{
    (void)state;
    assert_int_equal(inspect_register_struct(AT("Elixir.Date"), date_printer), 0);
    assert_string_equal(io(date(1943, 5, 11)), "~D[1943-05-11]");
    /* From doc_list_keysort_3_4: the list breaks, one tuple per line. */
    Term users = L(T(S("Lovelace"), date(1815, 12, 10)), T(S("Turing"), date(1912, 6, 23)),
                   T(S("Ellis"), date(1943, 5, 11)));
    assert_string_equal(io(users), "[\n"
                                   "  {\"Lovelace\", ~D[1815-12-10]},\n"
                                   "  {\"Turing\", ~D[1912-06-23]},\n"
                                   "  {\"Ellis\", ~D[1943-05-11]}\n"
                                   "]");
    /* From doc_enum_min_max_by_4_4: a tuple breaks flex, nest 1. */
    Term pair = T(M(AT("name"), S("Lovelace"), AT("birthday"), date(1815, 12, 10)),
                  M(AT("name"), S("Ellis"), AT("birthday"), date(1943, 5, 11)));
    assert_string_equal(io(pair), "{%{birthday: ~D[1815-12-10], name: \"Lovelace\"},\n"
                                  " %{birthday: ~D[1943-05-11], name: \"Ellis\"}}");
    inspect_register_struct(AT("Elixir.Date"), NULL);
}

/* A printer like Elixir's Inspect.MapSet: MapSet.new(<list>). */
static DocId mapset_printer(InspectCx *cx, Term s, int limit)
{
    Term inner = map_get(s, AT("map"));
    size_t n = map_size(inner);
    Term keys[64], values[64];
    if (n > 64)
        return DOC_NIL;
    map_sorted(inner, keys, values);
    Docs *d = inspect_docs(cx);
    return doc_cons3(d, doc_cstr(d, "MapSet.new("), inspect_list(cx, keys, n, limit), doc_cstr(d, ")"));
}

static Term mapset(size_t n, const Term *elems)
{
    Term inner = M0();
    for (size_t i = 0; i < n; i++)
        inner = map_put(&H, inner, elems[i], NIL);
    return M(A(__struct__), AT("Elixir.MapSet"), AT("map"), inner);
}

static void printers_can_print_arrays_as_lists(void **state)
{
    (void)state;
    assert_int_equal(inspect_register_struct(AT("Elixir.MapSet"), mapset_printer), 0);
    assert_string_equal(io(mapset(3, (Term[]){I(3), I(1), I(2)})), "MapSet.new([1, 2, 3])");
    assert_string_equal(io(mapset(2, (Term[]){I(97), I(98)})), "MapSet.new('ab')");
    assert_string_equal(io(mapset(0, NULL)), "MapSet.new([])");
    assert_string_equal(io(mapset(1, (Term[]){T(AT("a"), I(1))})), "MapSet.new([a: 1])");
    inspect_register_struct(AT("Elixir.MapSet"), NULL);
    assert_string_equal(io(mapset(1, (Term[]){I(1)})), "%MapSet{map: %{1 => []}}");
}

/* ---- layout ------------------------------------------------------------ */

static void long_keyword_lists_put_one_item_per_line(void **state)
{
    (void)state;
    /* doc_string_myers_difference_2_1 */
    Term t = L(T(AT("eq"), S("fox ")), T(AT("del"), S("ho")), T(AT("ins"), S("jum")),
               T(AT("eq"), S("ps over the ")), T(AT("del"), S("dog")), T(AT("ins"), S("lazy cat")));
    assert_string_equal(io(t), "[\n"
                               "  eq: \"fox \",\n"
                               "  del: \"ho\",\n"
                               "  ins: \"jum\",\n"
                               "  eq: \"ps over the \",\n"
                               "  del: \"dog\",\n"
                               "  ins: \"lazy cat\"\n"
                               "]");
    assert_string_equal(kernel(t), "[eq: \"fox \", del: \"ho\", ins: \"jum\", eq: \"ps over the \", "
                                   "del: \"dog\", ins: \"lazy cat\"]");
}

static void nested_lists_indent_from_the_enclosing_nest(void **state)
{
    (void)state;
    /* Nesting adds to the enclosing indent, not to the column of "[". */
    assert_string_equal(io(L(T(AT("a"), range(1, 30)))),
                        "[\n"
                        "  a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, "
                        "20, 21,\n"
                        "   22, 23, 24, 25, 26, 27, 28, 29, 30]\n"
                        "]");
}

static void nested_tuples_wrap_flex(void **state)
{
    (void)state;
    /* doc_kernel_special_forms_dot_2_13: quote do Module.concat(String, Sample) end */
    Term meta = L(T(AT("alias"), A(false)));
    Term mod = T(AT("__aliases__"), meta, L(AT("Module")));
    Term str = T(AT("__aliases__"), meta, L(AT("String")));
    Term t = T(T(AT("."), NIL, L(mod, AT("concat"))), NIL, L(str, AT("Elixir.Sample")));
    assert_string_equal(io(t), "{{:., [], [{:__aliases__, [alias: false], [:Module]}, :concat]}, "
                               "[],\n"
                               " [{:__aliases__, [alias: false], [:String]}, Sample]}");
}

static void long_maps_put_one_pair_per_line(void **state)
{
    (void)state;
    Term m = M(AT("alpha"), S("aaaaaaaaaaaaaaaaaaaa"), AT("beta"), S("bbbbbbbbbbbbbbbbbbbb"),
               AT("gamma"), S("cccccccccccccccccccc"));
    assert_string_equal(io(m), "%{\n"
                               "  alpha: \"aaaaaaaaaaaaaaaaaaaa\",\n"
                               "  beta: \"bbbbbbbbbbbbbbbbbbbb\",\n"
                               "  gamma: \"cccccccccccccccccccc\"\n"
                               "}");
}

static void non_simple_lists_break_between_items(void **state)
{
    (void)state;
    Term row = L(S("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), S("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"));
    Term t = L(row, row);
    assert_string_equal(io(t), "[\n"
                               "  [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", "
                               "\"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\"],\n"
                               "  [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", "
                               "\"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\"]\n"
                               "]");
}

static const char *lay(Docs *d, DocId x, int width)
{
    Strbuf s;
    strbuf_init(&s);
    assert_int_equal(doc_format(d, x, width, &s), 0);
    snprintf(got, sizeof got, "%s", strbuf_cstr(&s));
    strbuf_fini(&s);
    return got;
}

static void doc_groups_break_only_when_they_do_not_fit(void **state)
{
    (void)state;
    Docs d;
    assert_int_equal(doc_init(&d), 0);
    DocId g = doc_group(&d, doc_glue(&d, doc_cstr(&d, "hello"), " ", doc_cstr(&d, "world")));
    assert_string_equal(lay(&d, g, 30), "hello world");
    assert_string_equal(lay(&d, g, 10), "hello\nworld");
    assert_string_equal(lay(&d, g, -1), "hello world");
    /* A break only counts once seen: a long word alone still "fits". */
    DocId w = doc_group(&d, doc_cstr(&d, "a-very-long-word"));
    assert_string_equal(lay(&d, w, 4), "a-very-long-word");
    /* Nesting indents the lines a break starts. */
    DocId n = doc_group(&d, doc_nest(&d, doc_glue(&d, doc_cstr(&d, "ab"), "", doc_cstr(&d, "cd")), 3));
    assert_string_equal(lay(&d, n, 3), "ab\n   cd");
    /* Flex breaks decide one by one; strict ones all together. */
    DocId f = doc_group(&d, doc_flex_glue(&d, doc_cstr(&d, "aa"), " ",
                                          doc_flex_glue(&d, doc_cstr(&d, "bb"), " ", doc_cstr(&d, "cc"))));
    assert_string_equal(lay(&d, f, 5), "aa bb\ncc");
    DocId st = doc_group(&d, doc_glue(&d, doc_cstr(&d, "aa"), " ",
                                      doc_glue(&d, doc_cstr(&d, "bb"), " ", doc_cstr(&d, "cc"))));
    assert_string_equal(lay(&d, st, 5), "aa\nbb\ncc");
    assert_true(doc_is_simple(&d, doc_cons(&d, doc_cstr(&d, "x"), doc_cstr(&d, "y"))));
    assert_false(doc_is_simple(&d, g));
    doc_fini(&d);
}

static void narrow_widths_put_each_item_on_a_line(void **state)
{
    (void)state;
    InspectOpts o;
    inspect_opts_io(&o);
    o.width = 5;
    assert_string_equal(with(range(1, 5), &o), "[1,\n 2,\n 3,\n 4,\n 5]");
    o.width = 20;
    o.limit = 3;
    assert_string_equal(with(range(1, 5), &o), "[1, 2, 3, ...]");
}

/* ---- pids, references, functions, depth -------------------------------- */

static void pids_and_refs_print_in_hash_form(void **state)
{
    (void)state;
    Term pid = make_pid(((uint64_t)5 << PID_INDEX_BITS) | 42);
    assert_string_equal(io(pid), "#PID<0.42.5>");
    Term *r = heap_alloc(&H, 3);
    r[0] = make_header(HDR_REF, 2);
    r[1] = ((uint64_t)7 << 32) | 9;
    r[2] = 3;
    assert_string_equal(io(make_boxed(r)), "#Reference<0.3.7.9>");
}

static void exports_print_as_captures(void **state)
{
    (void)state;
    Term *p = heap_alloc(&H, 4);
    p[0] = make_header(HDR_EXPORT, 3);
    p[1] = AT("Elixir.String");
    p[2] = AT("upcase");
    p[3] = I(1);
    assert_string_equal(io(make_boxed(p)), "&String.upcase/1");
    p[1] = AT("lists");
    p[2] = AT("Foo");
    assert_string_equal(io(make_boxed(p)), "&:lists.\"Foo\"/1");
}

static void deep_nesting_prints_dots_instead_of_overflowing(void **state)
{
    (void)state;
    Term t = NIL;
    for (int i = 0; i < 100000; i++)
        t = cons(t, NIL);
    InspectOpts o;
    inspect_opts_kernel(&o);
    const char *s = with(t, &o);
    assert_non_null(strstr(s, "..."));
    assert_int_equal(s[0], '[');
}

static void options_change_bases_and_forms(void **state)
{
    (void)state;
    InspectOpts o;
    inspect_opts_kernel(&o);
    o.base = 16;
    assert_string_equal(with(I(255), &o), "0xFF");
    assert_string_equal(with(I(-255), &o), "-0xFF");
    assert_string_equal(with(S("ab"), &o), "<<0x61, 0x62>>");
    const char *big = "-1267650600228229401496703205376";
    assert_string_equal(with(int_from_text(&H, big, strlen(big), 10), &o),
                        "-0x10000000000000000000000000");
    o.base = 2;
    assert_string_equal(with(I(5), &o), "0b101");
    o.base = 8;
    assert_string_equal(with(I(8), &o), "0o10");

    inspect_opts_kernel(&o);
    o.binaries_as_strings = true;
    /* doc_kernel_inspect_2_5 */
    assert_string_equal(with(B("ol\xc3\xa1\0", 5), &o), "\"olá\\0\"");
    assert_string_equal(with(B("\xff\x01", 2), &o), "\"\\xFF\\x01\"");
    inspect_opts_kernel(&o);
    o.binaries_as_binaries = true;
    assert_string_equal(with(S("ab"), &o), "<<97, 98>>");
    inspect_opts_kernel(&o);
    o.charlists_as_charlists = true;
    assert_string_equal(with(L(I(0), I(1), I(233)), &o), "'\\0\\x01é'");
}

static void keyword_options_are_parsed(void **state)
{
    (void)state;
    InspectOpts o;
    inspect_opts_kernel(&o);
    Term kw = L(T(AT("limit"), I(2)), T(AT("base"), AT("hex")), T(AT("label"), S("x")));
    assert_int_equal(inspect_opts_parse(kw, &o), 0);
    assert_string_equal(with(range(1, 5), &o), "[0x1, 0x2, ...]");
    assert_int_equal(inspect_opts_parse(L(T(AT("limit"), A(infinity))), &o), 0);
    assert_int_equal(o.limit, -1);
    assert_int_equal(inspect_opts_parse(L(T(AT("charlists"), AT("as_lists"))), &o), 0);
    assert_true(o.charlists_as_lists);
    assert_int_equal(inspect_opts_parse(L(T(AT("charlists"), AT("infer"))), &o), 0);
    assert_false(o.charlists_as_lists);
    assert_int_equal(inspect_opts_parse(L(I(1)), &o), MOTE_EBADARG);
    assert_int_equal(inspect_opts_parse(L(T(AT("limit"), S("x"))), &o), MOTE_EBADARG);
    assert_int_equal(inspect_opts_parse(cons(T(AT("pretty"), A(true)), I(1)), &o), MOTE_EBADARG);
}

/* Inspect.List tests only for :as_charlists and :infer: any other value,
 * even a misspelt :as_list, prints charlists as lists of integers. */
static void charlists_other_than_infer_print_as_lists(void **state)
{
    (void)state;
    InspectOpts o;
    inspect_opts_kernel(&o);
    assert_int_equal(inspect_opts_parse(L(T(AT("charlists"), AT("as_list"))), &o), 0);
    assert_string_equal(with(L(I(97), I(98), I(99)), &o), "[97, 98, 99]");
}

static void allocation_failures_return_enomem(void **state)
{
    (void)state;
    Term t = L(M(AT("a"), range(1, 60), S("k"), T(F(1.5), S("x\ny"))), AT("foo bar"),
               L(T(AT("eq"), S("fox ")), T(AT("del"), S("ho"))), B("\x01\x02", 2));
    InspectOpts o;
    inspect_opts_io(&o);
    bool succeeded = false;
    for (uint64_t n = 1; n < 400 && !succeeded; n++) {
        Strbuf s;
        strbuf_init(&s);
        mem_fail_after(n);
        int rc = inspect_term(t, &o, &s);
        mem_fail_after(0);
        assert_true(rc == 0 || rc == MOTE_ENOMEM);
        succeeded = rc == 0;
        strbuf_fini(&s);
    }
    assert_true(succeeded);
}

static void mote_format_cuts_like_snprintf(void **state)
{
    (void)state;
    char buf[8];
    Term t = L(I(1), I(2), I(3));
    assert_int_equal(mote_format(t, buf, sizeof buf), 9);
    assert_string_equal(buf, "[1, 2, ");
    assert_int_equal(mote_format(t, NULL, 0), 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(integers_print_in_decimal),
        cmocka_unit_test(floats_print_shortest_round_trip),
        cmocka_unit_test(integral_floats_below_1e16_print_whole),
        cmocka_unit_test(float_to_string_follows_erlang_layout),
        cmocka_unit_test(random_floats_read_back),
        cmocka_unit_test(atoms_print_bare_when_they_read_back),
        cmocka_unit_test(atoms_print_quoted_when_they_must),
        cmocka_unit_test(aliases_drop_the_elixir_prefix),
        cmocka_unit_test(strings_print_escaped),
        cmocka_unit_test(unprintable_binaries_print_as_bytes),
        cmocka_unit_test(unaligned_slices_print_as_their_bytes),
        cmocka_unit_test(long_binaries_stop_at_the_limit),
        cmocka_unit_test(long_strings_stop_at_the_printable_limit),
        cmocka_unit_test(lists_print_with_commas),
        cmocka_unit_test(printable_lists_print_as_charlists),
        cmocka_unit_test(charlists_other_than_infer_print_as_lists),
        cmocka_unit_test(keyword_lists_print_as_keywords),
        cmocka_unit_test(lists_stop_after_fifty_items),
        cmocka_unit_test(nested_items_get_the_remaining_limit),
        cmocka_unit_test(tuples_print_in_braces),
        cmocka_unit_test(maps_print_keywords_or_arrows),
        cmocka_unit_test(large_maps_print_every_pair),
        cmocka_unit_test(structs_print_with_their_name),
        cmocka_unit_test(uri_hides_a_nil_authority),
        cmocka_unit_test(struct_fields_follow_the_fields_hook),
        cmocka_unit_test(registered_struct_printers_are_used),
        cmocka_unit_test(printers_can_print_arrays_as_lists),
        cmocka_unit_test(long_keyword_lists_put_one_item_per_line),
        cmocka_unit_test(nested_lists_indent_from_the_enclosing_nest),
        cmocka_unit_test(nested_tuples_wrap_flex),
        cmocka_unit_test(long_maps_put_one_pair_per_line),
        cmocka_unit_test(non_simple_lists_break_between_items),
        cmocka_unit_test(doc_groups_break_only_when_they_do_not_fit),
        cmocka_unit_test(narrow_widths_put_each_item_on_a_line),
        cmocka_unit_test(pids_and_refs_print_in_hash_form),
        cmocka_unit_test(exports_print_as_captures),
        cmocka_unit_test(deep_nesting_prints_dots_instead_of_overflowing),
        cmocka_unit_test(options_change_bases_and_forms),
        cmocka_unit_test(keyword_options_are_parsed),
        cmocka_unit_test(allocation_failures_return_enomem),
        cmocka_unit_test(mote_format_cuts_like_snprintf),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
