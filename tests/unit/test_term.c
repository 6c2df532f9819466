/* test_term.c — Erlang's term order, == vs ===, and hashing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>

#include "atom.h"
#include "big.h"
#include "bin.h"
#include "heap.h"
#include "map.h"
#include "term.h"

static Heap heap;

static int setup(void **state)
{
    (void)state;
    if (atom_init() != 0)
        return -1;
    return heap_init(&heap, 1 << 16);
}

static int teardown(void **state)
{
    (void)state;
    heap_fini(&heap);
    atom_fini();
    return 0;
}

static int sgn(int x) { return x < 0 ? -1 : x > 0; }

static Term tup(size_t n, const Term *e)
{
    Term *p = heap_alloc(&heap, n + 1);
    p[0] = make_header(HDR_TUPLE, n);
    if (n > 0)
        memcpy(p + 1, e, n * sizeof(Term));
    return make_boxed(p);
}
static Term tup2(Term a, Term b) { Term e[2] = {a, b}; return tup(2, e); }

static Term cons(Term h, Term t)
{
    Term *p = heap_alloc(&heap, 2);
    p[0] = h;
    p[1] = t;
    return make_list(p);
}

static Term flt(double d) { return float_new(&heap, d); }
static Term atm(const char *s) { return atom_from_cstr(s); }
static Term big(const char *digits) { return int_from_text(&heap, digits, strlen(digits), 10); }
static Term bin(const char *s, size_t n) { return bin_new(&heap, s, n); }

static Term ref(uint64_t a, uint64_t b)
{
    Term *p = heap_alloc(&heap, 3);
    p[0] = make_header(HDR_REF, 2);
    p[1] = a;
    p[2] = b;
    return make_boxed(p);
}

static Term export_fun(Term m, Term f, int64_t arity)
{
    Term *p = heap_alloc(&heap, 4);
    p[0] = make_header(HDR_EXPORT, 3);
    p[1] = m;
    p[2] = f;
    p[3] = make_small(arity);
    return make_boxed(p);
}

static Term map2(Term k1, Term v1, Term k2, Term v2)
{
    Term k[2] = {k1, k2}, v[2] = {v1, v2};
    return map_from_pairs(&heap, 2, k, v);
}

static void orders_every_type_class(void **state)
{
    (void)state;
    /* One term per class, in Erlang's order. */
    Term ts[] = {
        make_small(99999), atm("zzz"), ref(1, 2), export_fun(atm("m"), atm("f"), 1),
        make_pid(5), tup2(make_small(1), make_small(2)), map_new(&heap), NIL,
        cons(make_small(1), NIL), bin("a", 1),
    };
    size_t n = sizeof ts / sizeof ts[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            assert_int_equal(sgn(term_cmp(ts[i], ts[j])), (i > j) - (i < j));
    assert_int_equal(term_order_class(make_pid(5)), 5);
    assert_int_equal(term_order_class(NIL), 8);
    assert_int_equal(term_order_class(bin("a", 1)), 10);
}

static void compares_integers_and_floats_by_value(void **state)
{
    (void)state;
    assert_int_equal(term_cmp(make_small(1), flt(1.0)), 0);
    assert_true(term_cmp(make_small(1), flt(1.5)) < 0);
    assert_true(term_cmp(make_small(2), flt(1.5)) > 0);
    assert_true(term_cmp(flt(-0.5), make_small(0)) < 0);
    /* 2^53 + 1 fits a small and must not be rounded to 2^53. */
    assert_true(term_cmp(make_small((INT64_C(1) << 53) + 1), flt(9007199254740992.0)) > 0);
    /* 2^64 is a bignum and exactly a double. */
    Term two64 = big("18446744073709551616");
    assert_true(is_bignum(two64));
    assert_int_equal(term_cmp(two64, flt(18446744073709551616.0)), 0);
    assert_true(term_cmp(big("18446744073709551617"), flt(18446744073709551616.0)) > 0);
    assert_true(term_cmp(big("-18446744073709551617"), make_small(-5)) < 0);
    assert_true(term_cmp(big("18446744073709551617"), big("18446744073709551616")) > 0);
    assert_true(term_cmp(flt(1e300), big("18446744073709551617")) > 0);
}

static void exact_mode_puts_integers_before_every_float(void **state)
{
    (void)state;
    assert_true(term_eq(make_small(1), flt(1.0)));
    assert_false(term_eq_exact(make_small(1), flt(1.0)));
    assert_true(term_cmp_exact(make_small(1), flt(1.0)) < 0);
    assert_true(term_cmp_exact(flt(1.0), make_small(1)) > 0);
    assert_true(term_cmp_exact(make_small(1), flt(0.5)) < 0);
    assert_true(term_cmp_exact(make_small(-7), flt(-9.5)) < 0);
    assert_true(term_cmp_exact(tup2(make_small(2), NIL), tup2(flt(1.5), NIL)) < 0);
    assert_true(term_eq_exact(flt(2.5), flt(2.5)));
    assert_false(term_eq_exact(tup2(make_small(1), NIL), tup2(flt(1.0), NIL)));
    assert_true(term_eq(tup2(make_small(1), NIL), tup2(flt(1.0), NIL)));
}

static void orders_atoms_by_text_not_index(void **state)
{
    (void)state;
    Term b = atm("bbb_test"), a = atm("aaa_test"); /* a has the higher index */
    assert_true(atom_index(a) > atom_index(b));
    assert_true(term_cmp(a, b) < 0);
    assert_true(term_cmp(atm("ab"), atm("abc")) < 0);
    assert_int_equal(term_cmp(atm("ok"), A(ok)), 0);
}

static void orders_tuples_by_size_then_elements(void **state)
{
    (void)state;
    Term big1[1] = {make_small(1000)};
    assert_true(term_cmp(tup(1, big1), tup2(make_small(0), make_small(0))) < 0);
    assert_true(term_cmp(tup2(make_small(1), make_small(2)), tup2(make_small(1), make_small(3))) < 0);
    assert_int_equal(term_cmp(tup(0, NULL), tup(0, NULL)), 0);
}

static void orders_lists_elementwise_with_nil_smallest(void **state)
{
    (void)state;
    Term l12 = cons(make_small(1), cons(make_small(2), NIL));
    Term l13 = cons(make_small(1), cons(make_small(3), NIL));
    Term l1 = cons(make_small(1), NIL);
    assert_true(term_cmp(NIL, l1) < 0);
    assert_true(term_cmp(l1, l12) < 0);
    assert_true(term_cmp(l12, l13) < 0);
    /* Improper tails compare as terms: 2 < [] */
    assert_true(term_cmp(cons(make_small(1), make_small(2)), l1) < 0);
    assert_true(term_cmp(cons(make_small(1), atm("x")), cons(make_small(1), make_small(9))) > 0);
}

static void orders_maps_by_size_then_keys_then_values(void **state)
{
    (void)state;
    Term k1[1] = {atm("z")}, v1[1] = {make_small(1)};
    Term small = map_from_pairs(&heap, 1, k1, v1);
    Term m_ab = map2(atm("a"), make_small(1), atm("b"), make_small(1));
    Term m_ac = map2(atm("a"), make_small(0), atm("c"), make_small(0));
    Term m_ab2 = map2(atm("a"), make_small(2), atm("b"), make_small(0));
    assert_true(term_cmp(small, m_ab) < 0);      /* size first */
    assert_true(term_cmp(m_ab, m_ac) < 0);       /* then keys, whatever the values */
    assert_true(term_cmp(m_ab, m_ab2) < 0);      /* then values in key order */
    /* Keys compare exactly (1 < 1.0), values by ==. */
    Term ki[1] = {make_small(1)}, kf[1] = {flt(1.0)}, x[1] = {atm("x")};
    Term mi = map_from_pairs(&heap, 1, ki, x), mf = map_from_pairs(&heap, 1, kf, x);
    assert_true(term_cmp(mi, mf) < 0);
    assert_false(term_eq(mi, mf));
    Term vi[1] = {make_small(1)}, vf[1] = {flt(1.0)};
    Term a = map_from_pairs(&heap, 1, x, vi), b = map_from_pairs(&heap, 1, x, vf);
    assert_true(term_eq(a, b));
    assert_false(term_eq_exact(a, b));
}

/* Two 40-key maps built in opposite orders: HAMTs, equal, same hash. */
static void large_maps_compare_and_hash_by_content(void **state)
{
    (void)state;
    Term m1 = map_new(&heap), m2 = map_new(&heap);
    for (int i = 0; i < 40; i++) {
        m1 = map_put(&heap, m1, make_small(i), make_small(i * 2));
        m2 = map_put(&heap, m2, make_small(39 - i), make_small((39 - i) * 2));
    }
    assert_true(is_boxed_kind(m1, HDR_HAMT_ROOT));
    assert_true(term_eq_exact(m1, m2));
    assert_int_equal(term_hash(m1), term_hash(m2));
    Term m3 = map_put(&heap, m2, make_small(7), make_small(0));
    assert_true(term_cmp(m3, m1) < 0); /* value at key 7: 0 < 14 */
    assert_true(term_hash(m3) != term_hash(m1));
}

static void orders_bitstrings_bytewise_then_by_length(void **state)
{
    (void)state;
    assert_true(term_cmp(bin("\1\2", 2), bin("\1\2\3", 3)) < 0);
    assert_true(term_cmp(bin("\1\3", 2), bin("\1\2\3", 3)) > 0);
    assert_int_equal(term_cmp(bin("", 0), bin("", 0)), 0);
    /* A slice at bit offset 4 of <<0x12, 0x34>> is <<0x23>>. */
    Term whole = bin("\x12\x34", 2);
    Term slice = bin_sub(&heap, whole, 4, 8);
    assert_true(term_eq_exact(slice, bin("\x23", 1)));
    assert_int_equal(term_hash(slice), term_hash(bin("\x23", 1)));
    /* A 4-bit bitstring <<1::4>> sorts before <<0x10>>, which it prefixes. */
    Term nib = bin_sub(&heap, whole, 0, 4);
    assert_true(term_cmp(nib, bin("\x10", 1)) < 0);
    assert_true(term_cmp(nib, bin("\x00", 1)) > 0);
    /* A big (off-heap) binary equals its on-heap twin content-wise. */
    char buf[200];
    memset(buf, 'q', sizeof buf);
    Term a = bin(buf, sizeof buf), b = bin(buf, sizeof buf);
    assert_true(term_eq_exact(a, b));
    assert_int_equal(term_hash(a), term_hash(b));
}

static void orders_pids_by_serial_then_number(void **state)
{
    (void)state;
    Term p1 = make_pid((UINT64_C(9) << PID_INDEX_BITS) | 1);
    Term p2 = make_pid((UINT64_C(0) << PID_INDEX_BITS) | 2);
    Term p1b = make_pid((UINT64_C(10) << PID_INDEX_BITS) | 1);
    Term p3 = make_pid((UINT64_C(9) << PID_INDEX_BITS) | 3);
    assert_true(term_cmp(p2, p1) < 0); /* <0.2.0> < <0.1.9>, as the BEAM */
    assert_true(term_cmp(p1, p1b) < 0);
    assert_true(term_cmp(p1, p3) < 0);
    assert_true(term_cmp(ref(1, 2), ref(1, 3)) < 0);
}

static void hash_separates_integers_from_equal_floats(void **state)
{
    (void)state;
    assert_true(term_hash(make_small(1)) != term_hash(flt(1.0)));
    assert_int_equal(term_hash(flt(1.0)), term_hash(flt(1.0)));
    assert_int_equal(term_hash(tup2(atm("a"), make_small(1))), term_hash(tup2(atm("a"), make_small(1))));
    assert_true(term_hash(tup2(atm("a"), make_small(1))) != term_hash(tup2(make_small(1), atm("a"))));
    assert_true(term_hash(NIL) != term_hash(tup(0, NULL)));
    assert_true(term_hash_seeded(make_small(1), 1) != term_hash_seeded(make_small(1), 2));
    Term b1 = big("123456789012345678901234567890");
    Term b2 = big("123456789012345678901234567890");
    assert_int_equal(term_hash(b1), term_hash(b2));
}

/* OTP 25's rule (OTP 27 tells the zeros apart): one value, one map key. */
static void negative_zero_is_exactly_equal_as_on_otp25(void **state)
{
    (void)state;
    Term z = flt(0.0), nz = flt(-0.0);
    assert_int_equal(term_cmp(z, nz), 0);
    assert_true(term_eq(z, nz));
    assert_true(term_eq_exact(z, nz));
    assert_int_equal(term_cmp_exact(nz, z), 0);
    assert_int_equal(term_hash(nz), term_hash(z));
    assert_int_equal(term_cmp(nz, make_small(0)), 0);
    assert_false(term_eq_exact(nz, make_small(0)));
}

static void orders_remote_pids_and_refs_after_local_ones(void **state)
{
    (void)state;
    Term *p = heap_alloc(&heap, 5);
    p[0] = make_header(HDR_EXTPID, 4);
    p[1] = atm("a@host");
    p[2] = 1;
    p[3] = 0;
    p[4] = 1;
    Term ext = make_boxed(p);
    Term *q = heap_alloc(&heap, 5);
    memcpy(q, p, 5 * sizeof(Term));
    q[1] = atm("b@host");
    Term ext_b = make_boxed(q);
    assert_true(term_cmp(make_pid(UINT64_C(1) << 40), ext) < 0);
    assert_true(term_cmp(ext, ext_b) < 0);
    assert_true(term_cmp(ext_b, tup(0, NULL)) < 0);
    Term *r = heap_alloc(&heap, 5);
    r[0] = make_header(HDR_EXTREF, 4);
    r[1] = atm("a@host");
    r[2] = 1;
    r[3] = 2;
    r[4] = 77;
    Term eref = make_boxed(r);
    assert_true(term_cmp(ref(UINT64_MAX, UINT64_MAX), eref) < 0);
    assert_true(term_cmp(eref, export_fun(atm("a"), atm("b"), 0)) < 0);
}

static int fake_code_a, fake_code_b; /* stand-ins for two FunDefs */

static Term closure(const void *def, Term free_var)
{
    Term *p = heap_alloc(&heap, 3);
    p[0] = make_header(HDR_FUN, 2);
    p[1] = (Term)(uintptr_t)def;
    p[2] = free_var;
    return make_boxed(p);
}

static void orders_closures_before_exports_and_by_free_variables(void **state)
{
    (void)state;
    Term f1 = closure(&fake_code_a, make_small(1));
    Term f2 = closure(&fake_code_a, make_small(2));
    assert_true(term_cmp(f1, f2) < 0);
    assert_true(term_eq_exact(f1, closure(&fake_code_a, make_small(1))));
    assert_int_equal(term_hash(f1), term_hash(closure(&fake_code_a, make_small(1))));
    assert_false(term_eq(f1, closure(&fake_code_b, make_small(1))));
    assert_true(term_cmp(f2, export_fun(atm("a"), atm("a"), 0)) < 0);
    assert_true(term_cmp(export_fun(atm("a"), atm("b"), 1), export_fun(atm("a"), atm("b"), 2)) < 0);
}

/* The hash is a pure function, so these are facts, not odds: 100,000
 * consecutive integers never collide, and their low five bits (the first
 * HAMT level) spread evenly. */
static void hash_spreads_consecutive_integers(void **state)
{
    (void)state;
    enum { N = 100000 };
    uint64_t *hs = malloc(N * sizeof *hs);
    unsigned buckets[32] = {0};
    for (int i = 0; i < N; i++) {
        hs[i] = term_hash(make_small(i));
        buckets[hs[i] & 31]++;
    }
    for (int b = 0; b < 32; b++)
        assert_in_range(buckets[b], N / 32 * 9 / 10, N / 32 * 11 / 10);
    for (int i = 1; i < N; i++) /* neighbours differ in many bits */
        assert_true(__builtin_popcountll(hs[i] ^ hs[i - 1]) > 8);
    free(hs);
}

#define LONG_LEN 1000000

static Term long_list(Heap *h, size_t n)
{
    Term *p = heap_alloc(h, 2 * n);
    for (size_t i = 0; i < n; i++) {
        p[2 * i] = make_small((int64_t)i);
        p[2 * i + 1] = i + 1 < n ? make_list(p + 2 * i + 2) : NIL;
    }
    return make_list(p);
}

/* Nested through heads: [[[...[]...]]], which does deepen the stack. */
static Term deep_heads(Heap *h, size_t n)
{
    Term t = NIL;
    for (size_t i = 0; i < n; i++) {
        Term *p = heap_alloc(h, 2);
        p[0] = t;
        p[1] = NIL;
        t = make_list(p);
    }
    return t;
}

static void compares_and_hashes_million_long_lists(void **state)
{
    (void)state;
    Heap big_heap;
    assert_int_equal(heap_init(&big_heap, 4 * LONG_LEN + 64), 0);
    Term a = long_list(&big_heap, LONG_LEN), b = long_list(&big_heap, LONG_LEN);
    assert_true(term_eq_exact(a, b));
    assert_int_equal(term_hash(a), term_hash(b));
    list_ptr(b)[2 * (LONG_LEN - 1)] = make_small(-1); /* the last element */
    assert_true(term_cmp(a, b) > 0);
    heap_fini(&big_heap);
}

static void compares_and_hashes_deeply_nested_terms(void **state)
{
    (void)state;
    Heap h2;
    assert_int_equal(heap_init(&h2, 2 * 2 * 200000 + 64), 0);
    Term a = deep_heads(&h2, 200000), b = deep_heads(&h2, 200000);
    assert_int_equal(term_cmp(a, b), 0);
    assert_int_equal(term_hash(a), term_hash(b));
    heap_fini(&h2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(orders_every_type_class),
        cmocka_unit_test(compares_integers_and_floats_by_value),
        cmocka_unit_test(exact_mode_puts_integers_before_every_float),
        cmocka_unit_test(orders_atoms_by_text_not_index),
        cmocka_unit_test(orders_tuples_by_size_then_elements),
        cmocka_unit_test(orders_lists_elementwise_with_nil_smallest),
        cmocka_unit_test(orders_maps_by_size_then_keys_then_values),
        cmocka_unit_test(large_maps_compare_and_hash_by_content),
        cmocka_unit_test(orders_bitstrings_bytewise_then_by_length),
        cmocka_unit_test(orders_pids_by_serial_then_number),
        cmocka_unit_test(hash_separates_integers_from_equal_floats),
        cmocka_unit_test(negative_zero_is_exactly_equal_as_on_otp25),
        cmocka_unit_test(orders_remote_pids_and_refs_after_local_ones),
        cmocka_unit_test(orders_closures_before_exports_and_by_free_variables),
        cmocka_unit_test(hash_spreads_consecutive_integers),
        cmocka_unit_test(compares_and_hashes_million_long_lists),
        cmocka_unit_test(compares_and_hashes_deeply_nested_terms),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
