/* float.c — Elixir's Float module: round/floor/ceil to a number of
 * decimal places, to_string and parse.
 *
 * Float.round/floor/ceil work on the exact decimal value of the double,
 * as Elixir 1.14 does: 2.675 is really 2.67499999..., so
 * Float.round(2.675, 2) is 2.67. The exact expansion comes from printf,
 * which glibc prints exactly; the rounded decimal is read back with
 * strtod (nearest double).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bin.h"
#include "inspect.h"
#include "lib.h"
#include "mem.h"
#include "strbuf.h"

#define FCLAUSE(p, name, arity) lib_function_clause((p), "Elixir.Float", (name), (arity))

enum { RND_HALF_UP, RND_FLOOR, RND_CEIL };

/* Adds one unit in the last place of the decimal digits buf[0..end),
 * carrying over '.', and returns the (possibly one longer) length. */
static size_t bump(char *buf, size_t end)
{
    for (size_t i = end; i-- > 0;) {
        if (buf[i] == '.')
            continue;
        if (buf[i] != '9') {
            buf[i]++;
            return end;
        }
        buf[i] = '0';
    }
    memmove(buf + 1, buf, end);
    buf[0] = '1';
    return end + 1;
}

/* Rounds |x| (exact expansion) to `prec` decimals in direction mode for
 * a value of sign neg, then parses back. */
double lib_float_round(double x, int prec, int mode)
{
    if (!isfinite(x) || x == 0.0)
        return x;
    bool neg = signbit(x);
    size_t cap = 1200;
    char *buf = mem_alloc(MEM_SYSTEM, cap + 2);
    if (!buf)
        return x;
    /* 1100 fraction digits cover every double exactly (at most 1074). */
    int n = snprintf(buf + 1, cap, "%.1100f", fabs(x));
    char *digits = buf + 1;
    char *dot = strchr(digits, '.');
    size_t keep = (size_t)(dot - digits) + (prec > 0 ? 1 + (size_t)prec : 0);
    bool rest_nonzero = false, half = false, above_half = false;
    const char *r = dot + 1 + prec;
    half = *r >= '5';
    above_half = *r > '5';
    for (const char *q = r; *q; q++)
        if (*q != '0') {
            rest_nonzero = true;
            if (q > r && *r == '5')
                above_half = true;
        }
    bool up;
    if (mode == RND_HALF_UP)
        up = half || above_half;
    else
        up = rest_nonzero && ((mode == RND_FLOOR) == neg);
    size_t len = up ? bump(digits, keep) : keep;
    digits[len] = '\0';
    (void)n;
    char *start = digits;
    if (neg) {
        start = buf;
        buf[0] = '-';
    }
    double d = strtod(start, NULL);
    mem_free(MEM_SYSTEM, buf, cap + 2);
    return d;
}

static Term round_bif(Proc *p, const Term *a, unsigned arity, int mode, const char *fn)
{
    if (!is_float(a[0]))
        return FCLAUSE(p, fn, 2);
    int64_t prec = 0;
    if (arity == 2) {
        if (!is_small(a[1]))
            return FCLAUSE(p, fn, 2);
        prec = small_val(a[1]);
        if (prec < 0 || prec > 15)
            return bif_raise_msg(p, "ArgumentError",
                                 "precision %lld is out of valid range of 0..15",
                                 (long long)prec);
    }
    double x = float_val(a[0]), r;
    if (mode == RND_HALF_UP && prec == 0)
        r = round(x);
    else if (mode == RND_FLOOR && prec == 0)
        r = floor(x);
    else if (mode == RND_CEIL && prec == 0)
        r = ceil(x);
    else
        r = lib_float_round(x, (int)prec, mode);
    Term t = lib_float(p, r);
    return t == NONE ? lib_oom(p) : t;
}

static Term bif_round1(Proc *p, const Term *a) { return round_bif(p, a, 1, RND_HALF_UP, "round"); }
static Term bif_round2(Proc *p, const Term *a) { return round_bif(p, a, 2, RND_HALF_UP, "round"); }
static Term bif_floor1(Proc *p, const Term *a) { return round_bif(p, a, 1, RND_FLOOR, "floor"); }
static Term bif_floor2(Proc *p, const Term *a) { return round_bif(p, a, 2, RND_FLOOR, "floor"); }
static Term bif_ceil1(Proc *p, const Term *a) { return round_bif(p, a, 1, RND_CEIL, "ceil"); }
static Term bif_ceil2(Proc *p, const Term *a) { return round_bif(p, a, 2, RND_CEIL, "ceil"); }

static Term bif_to_string(Proc *p, const Term *a)
{
    if (!is_float(a[0]))
        return FCLAUSE(p, "to_string", 1);
    char buf[FMT_FLOAT_MAX];
    size_t n = fmt_float(float_val(a[0]), buf);
    Term t = lib_bin(p, buf, n);
    return t == NONE ? lib_oom(p) : t;
}

static Term bif_to_charlist(Proc *p, const Term *a)
{
    Term s = bif_to_string(p, a);
    return s == NONE ? NONE : lib_text_to_charlist(p, s);
}

/* Length of the float prefix Float.parse accepts: [+-]digits[.digits]
 * [(e|E)[+-]digits]; 0 when there are no leading digits. */
static size_t float_prefix(const uint8_t *s, size_t n)
{
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t d0 = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == d0)
        return 0;
    if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < n && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < n && s[j] >= '0' && s[j] <= '9') {
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++;
            i = j;
        }
    }
    return i;
}

static Term bif_parse(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(a[0], &s, &n))
        return FCLAUSE(p, "parse", 1);
    size_t len = float_prefix(s, n);
    if (len == 0 || len > 1000)
        return A(error);
    char buf[1001];
    memcpy(buf, s, len);
    buf[len] = '\0';
    double d = strtod(buf, NULL);
    if (!isfinite(d))
        return A(error);
    Term f = lib_float(p, d);
    Term rest = f == NONE ? NONE : bin_sub(&p->heap, a[0], len * 8, (n - len) * 8);
    Term t = rest == NONE ? NONE : lib_tuple2(p, f, rest);
    return t == NONE ? lib_oom(p) : t;
}

static const BifDef float_bifs[] = {
    {"Elixir.Float", "round", 1, BIF_PURE, bif_round1, NULL},
    {"Elixir.Float", "round", 2, BIF_PURE, bif_round2, NULL},
    {"Elixir.Float", "floor", 1, BIF_PURE, bif_floor1, NULL},
    {"Elixir.Float", "floor", 2, BIF_PURE, bif_floor2, NULL},
    {"Elixir.Float", "ceil", 1, BIF_PURE, bif_ceil1, NULL},
    {"Elixir.Float", "ceil", 2, BIF_PURE, bif_ceil2, NULL},
    {"Elixir.Float", "to_string", 1, BIF_PURE, bif_to_string, NULL},
    {"Elixir.Float", "to_charlist", 1, BIF_PURE, bif_to_charlist, NULL},
    {"Elixir.Float", "parse", 1, BIF_PURE, bif_parse, NULL},
};

int lib_float_register(void)
{
    return bif_register(float_bifs, LIB_NDEFS(float_bifs));
}
