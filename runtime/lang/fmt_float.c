/* fmt_float.c — floats as Erlang's io_lib_format:fwrite_g/1 and Elixir's
 * inspect print them.
 *
 * The text is the shortest decimal that reads back as the same double
 * (the digits Ryu finds), laid out by Erlang's rule: plain notation when
 * it is not longer than scientific notation (and, for large values, only
 * below 2^53), else d.ddde±x. Elixir's inspect adds one rule of its own:
 * an integral value in [1, 1e16) prints as "<integer>.0".
 *
 * We find the digits with the C library's correctly rounded printf and
 * strtod rather than with Ryu's tables: for a length p we take the
 * nearest p-digit decimal and keep it if it reads back; at the asymmetric
 * interval around a power of two the nearest may miss while the decimal
 * on the other side of v hits, so that one is tried too. The least such
 * p is found by binary search.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"

/* Reads "d.ddde±x" as printed by %.*e into a digit string and the power of
 * ten of its last digit. */
static void split_sci(const char *s, char *digits, int *ndigits, int *place)
{
    int n = 0;
    const char *p = s;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    int exp10 = *p == 'e' ? atoi(p + 1) : 0;
    *ndigits = n;
    *place = exp10 - (n - 1);
}

/* True when digits × 10^place reads back as exactly v. */
static bool reads_back(const char *digits, int ndigits, int place, double v)
{
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%.*se%d", ndigits, digits, place);
    return strtod(tmp, NULL) == v;
}

/* Adds delta (+1 or -1) to a digit string of fixed length; false when the
 * result would change length (all nines up, or the leading digit down to
 * zero), in which case a shorter candidate was already tried. */
static bool bump(char *digits, int n, int delta)
{
    int i = n - 1;
    if (delta > 0) {
        while (i >= 0 && digits[i] == '9')
            digits[i--] = '0';
        if (i < 0)
            return false;
        digits[i]++;
    } else {
        while (i >= 0 && digits[i] == '0')
            digits[i--] = '9';
        if (i < 0 || (i == 0 && digits[0] == '1' && n > 1))
            return false;
        digits[i]--;
    }
    return true;
}

/* Looks for a p-digit decimal that reads back as v, preferring the
 * nearest: fills digits, *n and *place and returns true, or false when
 * none exists. Only the two p-digit decimals either side of v can lie in
 * its rounding interval, so trying the nearest and then the other one is
 * an exact test. */
static bool try_digits(double v, int p, char *digits, int *n, int *place)
{
    char sci[48];
    snprintf(sci, sizeof sci, "%.*e", p - 1, v);
    split_sci(sci, digits, n, place);
    if (reads_back(digits, *n, *place, v))
        return true;
    double c = strtod(sci, NULL);
    char alt[20];
    memcpy(alt, digits, (size_t)*n);
    if (bump(alt, *n, v > c ? 1 : -1) && reads_back(alt, *n, *place, v)) {
        memcpy(digits, alt, (size_t)*n);
        return true;
    }
    return false;
}

/* Shortest digits of a finite v > 0: fills digits (no trailing zeros)
 * and returns their count; *place is the power of ten of the last digit.
 * Every p-digit decimal is also a (p+1)-digit one, so "some p-digit
 * decimal reads back" only turns from false to true as p grows, and a
 * binary search over 1..17 (17 always suffices) finds the least p. */
static int shortest(double v, char *digits, int *place)
{
    int lo = 1, hi = 17, n = 0;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (try_digits(v, mid, digits, &n, place))
            hi = mid;
        else
            lo = mid + 1;
    }
    try_digits(v, lo, digits, &n, place);
    while (n > 1 && digits[n - 1] == '0') {
        n--;
        (*place)++;
    }
    return n;
}

static size_t put_exp(char *out, const char *digits, int n, const char *expl)
{
    size_t k = 0;
    out[k++] = digits[0];
    out[k++] = '.';
    if (n == 1)
        out[k++] = '0';
    for (int i = 1; i < n; i++)
        out[k++] = digits[i];
    out[k++] = 'e';
    for (const char *e = expl; *e; e++)
        out[k++] = *e;
    return k;
}

/* Erlang's insert_decimal: chooses between plain and scientific layout for
 * digits × 10^place. */
static size_t lay_out(char *out, const char *digits, int n, int place, double absv)
{
    int exp = place + n - 1;
    char expl[8];
    int explen = snprintf(expl, sizeof expl, "%d", exp);
    int exp_cost = explen + 2;
    size_t k = 0;
    if (place < 0) {
        if (exp >= 0) {
            for (int i = 0; i < n; i++) {
                if (i == n + place)
                    out[k++] = '.';
                out[k++] = digits[i];
            }
            return k;
        }
        if (2 - place - n <= exp_cost) {
            out[k++] = '0';
            out[k++] = '.';
            for (int i = 0; i < -place - n; i++)
                out[k++] = '0';
            memcpy(out + k, digits, (size_t)n);
            return k + (size_t)n;
        }
        return put_exp(out, digits, n, expl);
    }
    int dot = n == 1 ? 1 : 0;
    if (exp_cost + dot >= place + 2 && absv < 9007199254740992.0) {
        memcpy(out, digits, (size_t)n);
        k = (size_t)n;
        for (int i = 0; i < place; i++)
            out[k++] = '0';
        out[k++] = '.';
        out[k++] = '0';
        return k;
    }
    return put_exp(out, digits, n, expl);
}

size_t fmt_float(double v, char out[FMT_FLOAT_MAX])
{
    size_t k = 0;
    if (isnan(v) || isinf(v)) {
        /* Never a BEAM value; printed rather than refused so a bug shows. */
        const char *s = isnan(v) ? "nan" : (v < 0 ? "-inf" : "inf");
        strcpy(out, s);
        return strlen(s);
    }
    if (signbit(v))
        out[k++] = '-';
    double a = fabs(v);
    if (a == 0.0) {
        memcpy(out + k, "0.0", 4);
        return k + 3;
    }
    char digits[20];
    int place = 0;
    int n = shortest(a, digits, &place);
    k += lay_out(out + k, digits, n, place, a);
    out[k] = '\0';
    return k;
}

size_t fmt_float_inspect(double v, char out[FMT_FLOAT_MAX])
{
    double a = fabs(v);
    /* Elixir's Inspect.Float: integral values in [1, 1e16) print whole,
     * where fwrite_g would switch to 1.0e4 and up. */
    if (a >= 1.0 && a < 1.0e16 && trunc(v) == v) {
        int len = snprintf(out, FMT_FLOAT_MAX, "%.0f.0", v);
        return (size_t)len;
    }
    return fmt_float(v, out);
}
