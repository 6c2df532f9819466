/* test_big.c — integers of any size against known values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "big.h"
#include "err.h"
#include "mem.h"
#include "heap_test.h"
#include "gc.h"

static int setup(void **state)
{
    return heap_test_new(state, 1 << 14);
}

static int teardown(void **state)
{
    heap_test_free(state);
    return 0;
}

static Term num(Heap *h, const char *s)
{
    Term t = int_from_text(h, s, strlen(s), 10);
    assert_true(t != NONE);
    return t;
}

/* Decimal text of t in a buffer that lives until the next call. */
static const char *text(Term t, int base)
{
    static char buf[16384];
    size_t n = int_to_text(t, base, buf, sizeof buf);
    assert_true(n < sizeof buf);
    return buf;
}

static void factorial_of_100_is_exact(void **state)
{
    Heap *h = *state;
    Term f = make_small(1);
    for (int i = 2; i <= 100; i++)
        f = int_mul(h, f, make_small(i));
    assert_string_equal(text(f, 10),
                        "93326215443944152681699238856266700490715968264381621468592963895217599993"
                        "229915608941463976156518286253697920827223758251185210916864000000000000000"
                        "000000000");
    for (int i = 100; i >= 2; i--)
        f = int_div(h, f, make_small(i));
    assert_true(f == make_small(1));
}

static void two_to_the_200_by_pow_and_by_shift_agree(void **state)
{
    Heap *h = *state;
    Term p = int_pow(h, make_small(2), 200);
    Term s = int_bsl(h, make_small(1), 200);
    assert_string_equal(text(p, 10), "1606938044258990275541962092341162602522202993782792835301376");
    assert_int_equal(int_cmp(p, s), 0);
    assert_string_equal(text(int_pow(h, make_small(-3), 3), 10), "-27");
    assert_true(int_pow(h, make_small(-1), 1001) == make_small(-1));
    assert_true(int_pow(h, make_small(7), 0) == make_small(1));
}

static void results_that_fit_are_smalls(void **state)
{
    Heap *h = *state;
    Term over = int_add(h, make_small(SMALL_MAX), make_small(1));
    assert_true(is_bignum(over));
    assert_true(int_sub(h, over, make_small(1)) == make_small(SMALL_MAX));
    Term under = int_sub(h, make_small(SMALL_MIN), make_small(1));
    assert_true(is_bignum(under));
    assert_true(int_add(h, under, make_small(1)) == make_small(SMALL_MIN));
    Term neg = int_neg(h, make_small(SMALL_MIN));
    assert_true(is_bignum(neg));
    assert_true(int_neg(h, neg) == make_small(SMALL_MIN));
    assert_true(int_from_i64(h, INT64_MIN) != NONE);
    assert_string_equal(text(int_from_i64(h, INT64_MIN), 10), "-9223372036854775808");
    assert_string_equal(text(int_from_u64(h, UINT64_MAX), 10), "18446744073709551615");
}

static void small_times_small_overflows_into_a_bignum(void **state)
{
    Heap *h = *state;
    Term p = int_mul(h, make_small(SMALL_MAX), make_small(SMALL_MAX));
    assert_string_equal(text(p, 10), "1329227995784915870597964051066650625");
    assert_true(int_div(h, p, make_small(SMALL_MAX)) == make_small(SMALL_MAX));
}

static void div_truncates_and_rem_takes_the_dividend_sign(void **state)
{
    Heap *h = *state;
    assert_true(int_div(h, make_small(7), make_small(-2)) == make_small(-3));
    assert_true(int_rem(h, make_small(7), make_small(-2)) == make_small(1));
    assert_true(int_div(h, make_small(-7), make_small(2)) == make_small(-3));
    assert_true(int_rem(h, make_small(-7), make_small(2)) == make_small(-1));
    Term a = num(h, "-123456789012345678901234567890123");
    Term b = num(h, "98765432109876543210");
    assert_string_equal(text(int_div(h, a, b), 10), "-1249999988609");
    assert_string_equal(text(int_rem(h, a, b), 10), "-37037052338271595233");
    assert_true(int_div(h, b, a) == make_small(0));
    assert_int_equal(int_cmp(int_rem(h, b, a), b), 0);
    Term q = int_div(h, make_small(SMALL_MIN), make_small(-1));
    assert_string_equal(text(q, 10), "1152921504606846976");
}

static void division_by_zero_gives_none(void **state)
{
    Heap *h = *state;
    assert_true(int_div(h, make_small(1), make_small(0)) == NONE);
    assert_true(int_rem(h, num(h, "100000000000000000000000"), make_small(0)) == NONE);
}

static void bitwise_ops_treat_negatives_as_twos_complement(void **state)
{
    Heap *h = *state;
    assert_true(int_band(h, make_small(-6), make_small(3)) == make_small(2));
    assert_true(int_bor(h, make_small(-6), make_small(3)) == make_small(-5));
    assert_true(int_bxor(h, make_small(-6), make_small(3)) == make_small(-7));
    assert_true(int_bnot(h, make_small(5)) == make_small(-6));
    Term p100 = int_pow(h, make_small(2), 100);
    Term m100 = int_neg(h, p100);
    Term p100_5 = int_add(h, p100, make_small(5));
    assert_int_equal(int_cmp(int_band(h, m100, p100_5), p100), 0);
    assert_true(int_band(h, m100, make_small(-1)) != NONE);
    assert_int_equal(int_cmp(int_band(h, m100, make_small(-1)), m100), 0);
    assert_int_equal(int_cmp(int_bor(h, m100, p100), m100), 0);
    assert_true(int_bxor(h, m100, m100) == make_small(0));
    assert_string_equal(text(int_bnot(h, p100), 10), "-1267650600228229401496703205377");
    assert_int_equal(int_cmp(int_bnot(h, int_bnot(h, m100)), m100), 0);
    /* -(2^100) bxor 2^100 has every bit from 101 up set: -(2^101). */
    assert_int_equal(int_cmp(int_bxor(h, m100, p100), int_neg(h, int_bsl(h, p100, 1))), 0);
}

static void shifts_round_toward_minus_infinity(void **state)
{
    Heap *h = *state;
    assert_true(int_bsl(h, make_small(-5), -1) == make_small(-3));
    assert_true(int_bsl(h, make_small(5), -1) == make_small(2));
    assert_true(int_bsl(h, make_small(-1), -1000) == make_small(-1));
    assert_true(int_bsl(h, make_small(1), -1000) == make_small(0));
    Term p100 = int_pow(h, make_small(2), 100);
    Term x = int_sub(h, int_neg(h, p100), make_small(1)); /* -(2^100) - 1 */
    assert_true(int_bsl(h, x, -100) == make_small(-2));
    assert_true(int_bsl(h, int_neg(h, p100), -100) == make_small(-1));
    assert_true(int_bsl(h, p100, -100) == make_small(1));
    assert_string_equal(text(int_bsl(h, make_small(-3), 70), 10), "-3541774862152233910272");
    assert_true(int_bsl(h, make_small(1), 59) == make_small(INT64_C(1) << 59));
    assert_true(is_bignum(int_bsl(h, make_small(1), 60)));
    assert_true(int_bsl(h, make_small(1), INT64_MAX) == NONE);
}

static void text_round_trips_in_every_base(void **state)
{
    Heap *h = *state;
    srand(42);
    char digits[200];
    for (int trial = 0; trial < 50; trial++) {
        int len = 1 + rand() % 150;
        digits[0] = (char)('1' + rand() % 9);
        for (int i = 1; i < len; i++)
            digits[i] = (char)('0' + rand() % 10);
        digits[len] = '\0';
        Term t = int_from_text(h, digits, (size_t)len, 10);
        if (trial % 2)
            t = int_neg(h, t);
        for (int base = 2; base <= 36; base += 7) {
            const char *s = text(t, base);
            Term back = int_from_text(h, s, strlen(s), base);
            assert_int_equal(int_cmp(back, t), 0);
        }
    }
    assert_string_equal(text(make_small(1295), 36), "ZZ");
    assert_true(int_from_text(h, "zz", 2, 36) == make_small(1295));
    assert_string_equal(text(make_small(-255), 16), "-FF");
    assert_string_equal(text(make_small(0), 2), "0");
    assert_true(int_from_text(h, "+0007", 5, 10) == make_small(7));
}

static void refuses_bad_text(void **state)
{
    Heap *h = *state;
    assert_true(int_from_text(h, "", 0, 10) == NONE);
    assert_true(int_from_text(h, "-", 1, 10) == NONE);
    assert_true(int_from_text(h, "12x", 3, 10) == NONE);
    assert_true(int_from_text(h, "2", 1, 2) == NONE);
    assert_true(int_from_text(h, "1_000", 5, 10) == NONE);
    assert_true(int_from_text(h, "10", 2, 37) == NONE);
    assert_true(int_from_text(h, "10", 2, 1) == NONE);
    assert_true(int_from_text(h, "123456789012345678901234567890g", 31, 16) == NONE);
}

static void handles_a_ten_thousand_digit_number(void **state)
{
    Heap *h = *state;
    char *s = malloc(10002);
    s[0] = '1';
    memset(s + 1, '0', 10000);
    s[10001] = '\0';
    Term parsed = int_from_text(h, s, 10001, 10);
    Term pow = int_pow(h, make_small(10), 10000);
    assert_int_equal(int_cmp(parsed, pow), 0);
    assert_string_equal(text(pow, 10), s);
    assert_int_equal(int_to_text(pow, 10, NULL, 0), 10001);
    for (int i = 0; i < 10001; i++)
        s[i] = (char)('1' + i % 9);
    Term r = int_from_text(h, s, 10001, 10);
    assert_string_equal(text(r, 10), s);
    free(s);
}

static void to_text_truncates_like_snprintf(void **state)
{
    Heap *h = *state;
    char buf[4];
    Term t = num(h, "-123456789012345678901234567890");
    assert_int_equal(int_to_text(t, 10, buf, sizeof buf), 31);
    assert_string_equal(buf, "-12");
}

static void compares_with_doubles_exactly(void **state)
{
    Heap *h = *state;
    Term p53 = int_pow(h, make_small(2), 53);
    Term p53_1 = int_add(h, p53, make_small(1));
    assert_int_equal(int_cmp_double(p53_1, 9007199254740992.0), 1);
    assert_int_equal(int_cmp_double(p53, 9007199254740992.0), 0);
    Term p100 = int_pow(h, make_small(2), 100);
    double d100 = ldexp(1.0, 100);
    assert_int_equal(int_cmp_double(p100, d100), 0);
    assert_int_equal(int_cmp_double(int_add(h, p100, make_small(1)), d100), 1);
    assert_int_equal(int_cmp_double(int_sub(h, p100, make_small(1)), d100), -1);
    assert_int_equal(int_cmp_double(int_neg(h, p100), -d100), 0);
    assert_int_equal(int_cmp_double(int_neg(h, int_add(h, p100, make_small(1))), -d100), -1);
    assert_int_equal(int_cmp_double(make_small(3), 3.5), -1);
    assert_int_equal(int_cmp_double(make_small(-3), -3.5), 1);
    assert_int_equal(int_cmp_double(make_small(0), -0.0), 0);
    assert_int_equal(int_cmp_double(make_small(0), 1e-300), -1);
    assert_int_equal(int_cmp_double(make_small(-1), 0.5), -1);
    assert_int_equal(int_cmp_double(int_pow(h, make_small(10), 400), 1e308), 1);
    assert_int_equal(int_cmp_double(int_pow(h, make_small(10), 400), INFINITY), -1);
    assert_int_equal(int_cmp_double(int_neg(h, int_pow(h, make_small(10), 400)), -INFINITY), 1);
    Term u64 = int_from_u64(h, UINT64_MAX);
    assert_int_equal(int_cmp_double(u64, 18446744073709551616.0), -1);
}

static void to_double_rounds_to_nearest_even(void **state)
{
    Heap *h = *state;
    Term p53 = int_pow(h, make_small(2), 53);
    assert_true(int_to_double(int_add(h, p53, make_small(1))) == 9007199254740992.0);
    assert_true(int_to_double(int_add(h, p53, make_small(3))) == 9007199254740996.0);
    Term p64 = int_pow(h, make_small(2), 64);
    Term half = int_add(h, p64, make_small(2048)); /* exactly halfway: stays even */
    assert_true(int_to_double(half) == ldexp(1.0, 64));
    Term above = int_add(h, p64, make_small(2049));
    assert_true(int_to_double(above) == ldexp(1.0, 64) + 4096.0);
    Term p200 = int_pow(h, make_small(2), 200);
    Term tiny_above = int_add(h, int_add(h, p200, int_pow(h, make_small(2), 147)), make_small(1));
    assert_true(int_to_double(tiny_above) == ldexp(1.0, 200) + ldexp(1.0, 148));
    assert_true(int_to_double(int_neg(h, p200)) == -ldexp(1.0, 200));
    assert_true(isinf(int_to_double(int_pow(h, make_small(2), 1024))));
    assert_true(int_to_double(make_small(-7)) == -7.0);
}

static void from_double_truncates(void **state)
{
    Heap *h = *state;
    assert_true(int_from_double(h, -2.9) == make_small(-2));
    assert_string_equal(text(int_from_double(h, 1e20), 10), "100000000000000000000");
    assert_string_equal(text(int_from_double(h, -ldexp(1.0, 100)), 10),
                        "-1267650600228229401496703205376");
    assert_true(int_from_double(h, NAN) == NONE);
    assert_true(int_from_double(h, INFINITY) == NONE);
    assert_true(int_from_double(h, 1.7976931348623157e308) != NONE);
}

static void to_i64_refuses_what_does_not_fit(void **state)
{
    Heap *h = *state;
    int64_t v;
    assert_true(int_to_i64(int_from_i64(h, INT64_MAX), &v) && v == INT64_MAX);
    assert_true(int_to_i64(int_from_i64(h, INT64_MIN), &v) && v == INT64_MIN);
    assert_false(int_to_i64(int_from_u64(h, (uint64_t)INT64_MAX + 1), &v));
    assert_false(int_to_i64(int_pow(h, make_small(2), 100), &v));
    assert_false(int_to_i64(make_atom(1), &v));
}

static void equal_integers_hash_equal(void **state)
{
    Heap *h = *state;
    Term a = int_pow(h, make_small(3), 90);
    Term b = num(h, "8727963568087712425891397479476727340041449");
    assert_int_equal(int_cmp(a, b), 0);
    assert_true(int_hash(a, 7) == int_hash(b, 7));
    assert_true(int_hash(a, 7) != int_hash(int_neg(h, a), 7));
    assert_true(int_hash(make_small(5), 1) == int_hash(int_sub(h, make_small(9), make_small(4)), 1));
}

static void non_integers_give_none(void **state)
{
    Heap *h = *state;
    Term f = float_new(h, 1.5);
    assert_true(is_float(f) && float_val(f) == 1.5);
    assert_true(int_add(h, f, make_small(1)) == NONE);
    assert_true(int_mul(h, make_small(1), NIL) == NONE);
    assert_true(int_band(h, make_atom(3), make_small(1)) == NONE);
    assert_true(int_bnot(h, f) == NONE);
    assert_true(int_pow(h, NIL, 3) == NONE);
}

static void absurd_sizes_give_none_instead_of_eating_memory(void **state)
{
    Heap *h = *state;
    assert_true(int_bsl(h, make_small(1), INT64_C(1) << 40) == NONE);
    assert_true(int_pow(h, make_small(3), UINT64_C(1) << 40) == NONE);
    assert_true(int_pow(h, int_pow(h, make_small(2), 100), UINT64_MAX) == NONE);
    assert_true(int_pow(h, make_small(1), UINT64_MAX) == make_small(1));
    assert_true(int_pow(h, make_small(-1), UINT64_MAX) == make_small(-1));
    assert_true(int_pow(h, make_small(0), UINT64_MAX) == make_small(0));
}

static void failed_allocation_gives_none_not_a_crash(void **state)
{
    (void)state;
    Heap h;
    assert_int_equal(heap_init(&h, HEAP_MIN_WORDS), 0);
    Term big = NONE;
    for (uint64_t n = 1; n < 40; n++) {
        mem_fail_after(n);
        big = int_pow(&h, make_small(3), 5000);
        mem_fail_after(0);
        if (big != NONE)
            break;
    }
    assert_true(is_bignum(big));
    verify(&h);
    heap_fini(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(factorial_of_100_is_exact),
        T(two_to_the_200_by_pow_and_by_shift_agree),
        T(results_that_fit_are_smalls),
        T(small_times_small_overflows_into_a_bignum),
        T(div_truncates_and_rem_takes_the_dividend_sign),
        T(division_by_zero_gives_none),
        T(bitwise_ops_treat_negatives_as_twos_complement),
        T(shifts_round_toward_minus_infinity),
        T(text_round_trips_in_every_base),
        T(refuses_bad_text),
        T(handles_a_ten_thousand_digit_number),
        T(to_text_truncates_like_snprintf),
        T(compares_with_doubles_exactly),
        T(to_double_rounds_to_nearest_even),
        T(from_double_truncates),
        T(to_i64_refuses_what_does_not_fit),
        T(equal_integers_hash_equal),
        T(non_integers_give_none),
        T(absurd_sizes_give_none_instead_of_eating_memory),
        T(failed_allocation_gives_none_not_a_crash),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
