/* big.c — integers of any size, and float boxing.
 *
 * Every integer function takes smalls or bignums and returns the small
 * form whenever the result fits, so a bignum on a heap never holds a value
 * in SMALL_MIN..SMALL_MAX. Limb work is GMP's mpn layer over a "view" of
 * each operand (sign + magnitude limbs), so smalls and bignums share one
 * code path after the small+small fast paths. Results are computed in
 * scratch limbs (stack for small sizes, mem_alloc beyond) and only the
 * normalised result is written to the heap, so a failed operation leaves
 * no half-built object behind. Bad input (a non-integer, a zero divisor,
 * a result past BIG_MAX_BITS) gives NONE; nothing here aborts.
 */
#include <gmp.h>
#include <math.h>

#include "big.h"
#include "mem.h"

_Static_assert(sizeof(mp_limb_t) == sizeof(uint64_t), "mote bignums need 64-bit GMP limbs");
_Static_assert(GMP_NUMB_BITS == 64, "mote bignums need nail-free 64-bit limbs");

/* Largest result we build: 2^28 bits (32 MiB of limbs), far past any
 * sensible value but small enough that `1 bsl huge` cannot take the node's
 * memory; beyond it the caller gets NONE (system_limit). */
#define BIG_MAX_BITS (UINT64_C(1) << 28)
#define BIG_MAX_LIMBS ((mp_size_t)(BIG_MAX_BITS / 64))

/* An integer's sign and magnitude. For a small the magnitude lives in
 * `one`, so a View must not be copied after view_of fills it. Zero is one
 * zero limb; every other magnitude is normalised (top limb non-zero). */
typedef struct View {
    const mp_limb_t *d;
    mp_size_t n;
    bool neg;
    mp_limb_t one;
} View;

/* Scratch limbs: on the C stack when small, from mem_alloc otherwise. */
#define TMP_LOCAL 16
typedef struct Tmp {
    mp_limb_t *p;
    size_t nbytes; /* 0 when p points at local */
    mp_limb_t local[TMP_LOCAL];
} Tmp;

static mp_limb_t *tmp_get(Tmp *t, mp_size_t n)
{
    t->nbytes = 0;
    if (n <= TMP_LOCAL) {
        t->p = t->local;
        return t->p;
    }
    t->nbytes = (size_t)n * sizeof(mp_limb_t);
    t->p = mem_alloc(MEM_SYSTEM, t->nbytes);
    return t->p;
}

static void tmp_put(Tmp *t)
{
    if (t->nbytes)
        mem_free(MEM_SYSTEM, t->p, t->nbytes);
    t->nbytes = 0;
}

/* Fills v from an integer term; false if t is not an integer. */
static bool view_of(Term t, View *v)
{
    if (is_small(t)) {
        int64_t x = small_val(t);
        v->neg = x < 0;
        /* |SMALL_MIN| is 2^60, so the negation cannot overflow. */
        v->one = (mp_limb_t)(x < 0 ? -x : x);
        v->d = &v->one;
        v->n = 1;
        return true;
    }
    if (!is_bignum(t))
        return false;
    const Term *p = boxed_ptr(t);
    v->neg = hdr_kind(p[0]) == HDR_BIGNEG;
    v->d = (const mp_limb_t *)(p + 1);
    v->n = (mp_size_t)hdr_arity(p[0]);
    return true;
}

static mp_size_t strip(const mp_limb_t *d, mp_size_t n)
{
    while (n > 0 && d[n - 1] == 0)
        n--;
    return n;
}

static int mag_cmp(const mp_limb_t *a, mp_size_t an, const mp_limb_t *b, mp_size_t bn)
{
    an = strip(a, an);
    bn = strip(b, bn);
    if (an != bn)
        return an < bn ? -1 : 1;
    return an == 0 ? 0 : mpn_cmp(a, b, an);
}

/* Builds the canonical term for sign and magnitude {d, n}: a small when it
 * fits, else a bignum copied onto h. NONE on OOM. */
static Term make_int(Heap *h, const mp_limb_t *d, mp_size_t n, bool neg)
{
    n = strip(d, n);
    if (n == 0)
        return make_small(0);
    if (n == 1) {
        if (!neg && d[0] <= (mp_limb_t)SMALL_MAX)
            return make_small((int64_t)d[0]);
        if (neg && d[0] <= (mp_limb_t)SMALL_MAX + 1)
            return make_small(-(int64_t)(d[0] - 1) - 1);
    }
    if (n > BIG_MAX_LIMBS)
        return NONE;
    Term *p = heap_alloc(h, 1 + (size_t)n);
    if (!p)
        return NONE;
    p[0] = make_header(neg ? HDR_BIGNEG : HDR_BIGPOS, (uint64_t)n);
    memcpy(p + 1, d, (size_t)n * sizeof(mp_limb_t));
    return make_boxed(p);
}

/* ---- conversions ------------------------------------------------------ */

Term int_from_i64(Heap *h, int64_t v)
{
    if (small_fits(v))
        return make_small(v);
    mp_limb_t m = v < 0 ? (mp_limb_t)0 - (mp_limb_t)v : (mp_limb_t)v;
    return make_int(h, &m, 1, v < 0);
}

Term int_from_u64(Heap *h, uint64_t v)
{
    if (v <= (uint64_t)SMALL_MAX)
        return make_small((int64_t)v);
    mp_limb_t m = v;
    return make_int(h, &m, 1, false);
}

/* Writes trunc(|d|) (which must be >= 2^63, finite) as limbs into out,
 * which has room for `room` limbs; returns the limb count, or -1 if it
 * does not fit. */
static mp_size_t dbl_to_limbs(double d, mp_limb_t *out, mp_size_t room)
{
    int e;
    double f = frexp(fabs(d), &e); /* |d| = f * 2^e, f in [0.5, 1) */
    uint64_t mant = (uint64_t)ldexp(f, 53);
    int shift = e - 53; /* >= 11 because |d| >= 2^63 */
    mp_size_t n = shift / 64 + 2;
    if (n > room)
        return -1;
    memset(out, 0, (size_t)n * sizeof(mp_limb_t));
    int word = shift / 64, bit = shift % 64;
    out[word] = (mp_limb_t)mant << bit;
    if (bit)
        out[word + 1] = (mp_limb_t)mant >> (64 - bit);
    return strip(out, n);
}

Term int_from_double(Heap *h, double d)
{
    if (!isfinite(d))
        return NONE;
    if (fabs(d) < 9223372036854775808.0) /* 2^63: int64 holds it */
        return int_from_i64(h, (int64_t)d);
    mp_limb_t buf[18]; /* 2^1024 needs 17 limbs */
    mp_size_t n = dbl_to_limbs(d, buf, 18);
    return n < 0 ? NONE : make_int(h, buf, n, d < 0);
}

bool int_to_i64(Term t, int64_t *out)
{
    View v;
    if (!view_of(t, &v) || v.n != 1)
        return false;
    if (!v.neg && v.d[0] <= (mp_limb_t)INT64_MAX) {
        *out = (int64_t)v.d[0];
        return true;
    }
    if (v.neg && v.d[0] <= (mp_limb_t)INT64_MAX + 1) {
        *out = -(int64_t)(v.d[0] - 1) - 1;
        return true;
    }
    return false;
}

static unsigned bit_length(const View *v)
{
    mp_size_t n = strip(v->d, v->n);
    if (n == 0)
        return 0;
    return (unsigned)(n * 64 - __builtin_clzll(v->d[n - 1]));
}

/* Correctly rounded (to nearest, ties to even): the top 64 bits are
 * converted by the FPU, with every lower bit folded into a sticky bit 0 so
 * that a value just above a halfway point rounds up as it must. */
double int_to_double(Term t)
{
    View v;
    if (!view_of(t, &v))
        return 0.0;
    unsigned bits = bit_length(&v);
    double r;
    if (bits <= 64) {
        r = (double)v.d[0];
    } else {
        unsigned low = bits - 64; /* bits below the top 64 */
        mp_size_t w = low / 64;
        unsigned b = low % 64;
        uint64_t top = v.d[w] >> b;
        if (b)
            top |= v.d[w + 1] << (64 - b);
        bool sticky = b && (v.d[w] & ((UINT64_C(1) << b) - 1));
        for (mp_size_t i = 0; i < w && !sticky; i++)
            sticky = v.d[i] != 0;
        r = ldexp((double)(top | (uint64_t)sticky), (int)low);
    }
    return v.neg ? -r : r;
}

/* ---- comparison ------------------------------------------------------- */

int int_sign(Term t)
{
    if (is_small(t))
        return small_val(t) < 0 ? -1 : small_val(t) > 0;
    if (!is_bignum(t))
        return 0;
    return hdr_kind(boxed_header(t)) == HDR_BIGNEG ? -1 : 1;
}

int int_cmp(Term a, Term b)
{
    if (is_small(a) && is_small(b))
        return small_val(a) < small_val(b) ? -1 : small_val(a) > small_val(b);
    View va, vb;
    if (!view_of(a, &va) || !view_of(b, &vb))
        return 0;
    int sa = int_sign(a), sb = int_sign(b);
    if (sa != sb)
        return sa < sb ? -1 : 1;
    int c = mag_cmp(va.d, va.n, vb.d, vb.n);
    return sa < 0 ? -c : c;
}

/* |i| against |d| for d >= 0 finite, without rounding either side. */
static int mag_cmp_double(const View *v, double d)
{
    if (d < 18446744073709551616.0) { /* 2^64: trunc(d) fits a limb */
        mp_limb_t t = (mp_limb_t)d;
        mp_size_t n = strip(v->d, v->n);
        if (n > 1)
            return 1;
        mp_limb_t m = n ? v->d[0] : 0;
        if (m != t)
            return m < t ? -1 : 1;
        return (double)t < d ? -1 : 0; /* a fraction left makes d bigger */
    }
    int e;
    frexp(d, &e); /* d has exactly e integer bits and no fraction */
    unsigned bits = bit_length(v);
    if (bits != (unsigned)e)
        return bits < (unsigned)e ? -1 : 1;
    mp_limb_t buf[18];
    mp_size_t n = dbl_to_limbs(d, buf, 18);
    return mag_cmp(v->d, v->n, buf, n);
}

/* NaN is never a mote value; if one is passed it compares equal. */
int int_cmp_double(Term i, double d)
{
    View v;
    if (!view_of(i, &v) || isnan(d))
        return 0;
    if (isinf(d))
        return d > 0 ? -1 : 1;
    int si = int_sign(i), sd = d > 0 ? 1 : d < 0 ? -1 : 0;
    if (si != sd)
        return si < sd ? -1 : 1;
    if (si == 0)
        return 0;
    int c = mag_cmp_double(&v, fabs(d));
    return si < 0 ? -c : c;
}

/* ---- add, subtract, multiply ----------------------------------------- */

/* a + (negate_b ? -b : b) on views. */
static Term add_views(Heap *h, const View *a, const View *b, bool negate_b)
{
    bool bneg = negate_b ? !b->neg : b->neg;
    const View *x = a, *y = b; /* x gets the larger magnitude */
    bool xneg = a->neg, yneg = bneg;
    if (mag_cmp(a->d, a->n, b->d, b->n) < 0) {
        x = b, y = a;
        xneg = bneg, yneg = a->neg;
    }
    mp_size_t xn = strip(x->d, x->n), yn = strip(y->d, y->n);
    if (yn == 0)
        return make_int(h, x->d, xn, xneg);
    Tmp t;
    mp_limb_t *r = tmp_get(&t, xn + 1);
    if (!r)
        return NONE;
    if (xneg == yneg) {
        r[xn] = mpn_add(r, x->d, xn, y->d, yn);
    } else {
        mpn_sub(r, x->d, xn, y->d, yn);
        r[xn] = 0;
    }
    Term res = make_int(h, r, xn + 1, xneg);
    tmp_put(&t);
    return res;
}

static Term add_or_sub(Heap *h, Term a, Term b, bool sub)
{
    if (is_small(a) && is_small(b)) {
        /* Two 61-bit values never overflow int64; only the small range. */
        int64_t r = sub ? small_val(a) - small_val(b) : small_val(a) + small_val(b);
        return int_from_i64(h, r);
    }
    View va, vb;
    if (!view_of(a, &va) || !view_of(b, &vb))
        return NONE;
    return add_views(h, &va, &vb, sub);
}

Term int_add(Heap *h, Term a, Term b) { return add_or_sub(h, a, b, false); }
Term int_sub(Heap *h, Term a, Term b) { return add_or_sub(h, a, b, true); }

static Term mul_views(Heap *h, const View *a, const View *b)
{
    mp_size_t an = strip(a->d, a->n), bn = strip(b->d, b->n);
    if (an == 0 || bn == 0)
        return make_small(0);
    if (an < bn) {
        const View *s = a;
        a = b, b = s;
        mp_size_t sn = an;
        an = bn, bn = sn;
    }
    if (an + bn > BIG_MAX_LIMBS + 1)
        return NONE;
    Tmp t;
    mp_limb_t *r = tmp_get(&t, an + bn);
    if (!r)
        return NONE;
    mpn_mul(r, a->d, an, b->d, bn);
    Term res = make_int(h, r, an + bn, a->neg != b->neg);
    tmp_put(&t);
    return res;
}

Term int_mul(Heap *h, Term a, Term b)
{
    if (is_small(a) && is_small(b)) {
        int64_t r;
        if (!__builtin_mul_overflow(small_val(a), small_val(b), &r))
            return int_from_i64(h, r);
    }
    View va, vb;
    if (!view_of(a, &va) || !view_of(b, &vb))
        return NONE;
    return mul_views(h, &va, &vb);
}

Term int_neg(Heap *h, Term a)
{
    if (is_small(a))
        return int_from_i64(h, -small_val(a));
    View v;
    if (!view_of(a, &v))
        return NONE;
    return make_int(h, v.d, v.n, !v.neg);
}

/* ---- division --------------------------------------------------------- */

/* Truncating division of views: quotient (want_rem false) or remainder. */
static Term divmod_views(Heap *h, const View *a, const View *b, bool want_rem)
{
    mp_size_t an = strip(a->d, a->n), bn = strip(b->d, b->n);
    if (bn == 0)
        return NONE;
    if (an < bn) /* |a| < |b|: quotient 0, remainder a */
        return want_rem ? make_int(h, a->d, an, a->neg) : make_small(0);
    Tmp tq, tr;
    mp_limb_t *q = tmp_get(&tq, an - bn + 1);
    mp_limb_t *r = q ? tmp_get(&tr, bn) : NULL;
    if (!r) {
        if (q)
            tmp_put(&tq);
        return NONE;
    }
    mpn_tdiv_qr(q, r, 0, a->d, an, b->d, bn);
    /* Erlang: div truncates toward zero, rem takes the dividend's sign. */
    Term res = want_rem ? make_int(h, r, bn, a->neg) : make_int(h, q, an - bn + 1, a->neg != b->neg);
    tmp_put(&tr);
    tmp_put(&tq);
    return res;
}

static Term divmod(Heap *h, Term a, Term b, bool want_rem)
{
    if (is_small(a) && is_small(b)) {
        int64_t x = small_val(a), y = small_val(b);
        if (y == 0)
            return NONE;
        /* SMALL_MIN / -1 is 2^60: fine in int64, boxed by int_from_i64. */
        return int_from_i64(h, want_rem ? x % y : x / y);
    }
    View va, vb;
    if (!view_of(a, &va) || !view_of(b, &vb))
        return NONE;
    return divmod_views(h, &va, &vb, want_rem);
}

Term int_div(Heap *h, Term a, Term b) { return divmod(h, a, b, false); }
Term int_rem(Heap *h, Term a, Term b) { return divmod(h, a, b, true); }

/* ---- bitwise: two's complement of infinite width ---------------------- */

/* Writes v as an n-limb two's complement number (n > v's size). */
static void to_twos(const View *v, mp_limb_t *out, mp_size_t n)
{
    mp_size_t vn = strip(v->d, v->n);
    memcpy(out, v->d, (size_t)vn * sizeof(mp_limb_t));
    memset(out + vn, 0, (size_t)(n - vn) * sizeof(mp_limb_t));
    if (v->neg)
        mpn_neg(out, out, n);
}

enum { OP_AND, OP_OR, OP_XOR };

/* Both operands are widened by one limb so their sign bits are real bits;
 * the result's top bit is then its sign, and negating a negative result
 * recovers the magnitude. */
static Term bitop(Heap *h, Term a, Term b, int op)
{
    if (is_small(a) && is_small(b)) {
        int64_t x = small_val(a), y = small_val(b);
        return make_small(op == OP_AND ? x & y : op == OP_OR ? x | y : x ^ y);
    }
    View va, vb;
    if (!view_of(a, &va) || !view_of(b, &vb))
        return NONE;
    mp_size_t n = (va.n > vb.n ? va.n : vb.n) + 1;
    Tmp t;
    mp_limb_t *x = tmp_get(&t, 2 * n);
    if (!x)
        return NONE;
    mp_limb_t *y = x + n;
    to_twos(&va, x, n);
    to_twos(&vb, y, n);
    for (mp_size_t i = 0; i < n; i++)
        x[i] = op == OP_AND ? x[i] & y[i] : op == OP_OR ? x[i] | y[i] : x[i] ^ y[i];
    bool neg = x[n - 1] >> 63;
    if (neg)
        mpn_neg(x, x, n);
    Term res = make_int(h, x, n, neg);
    tmp_put(&t);
    return res;
}

Term int_band(Heap *h, Term a, Term b) { return bitop(h, a, b, OP_AND); }
Term int_bor(Heap *h, Term a, Term b) { return bitop(h, a, b, OP_OR); }
Term int_bxor(Heap *h, Term a, Term b) { return bitop(h, a, b, OP_XOR); }

/* bnot a == -a - 1 == -(a + 1). */
Term int_bnot(Heap *h, Term a)
{
    if (is_small(a))
        return make_small(~small_val(a));
    View v, one = {.d = NULL, .n = 1, .neg = false, .one = 1};
    one.d = &one.one;
    if (!view_of(a, &v))
        return NONE;
    /* -a - 1: negate a, then add -1. */
    View nv = v;
    nv.neg = !v.neg;
    return add_views(h, &nv, &one, true);
}

/* Arithmetic right shift of the magnitude: a negative number rounds
 * toward minus infinity, as bsr must, so lost 1-bits add one to the
 * magnitude. */
static Term shift_right(Heap *h, const View *v, uint64_t s)
{
    mp_size_t n = strip(v->d, v->n);
    if (s >= (uint64_t)n * 64)
        return make_small(n && v->neg ? -1 : 0);
    mp_size_t w = (mp_size_t)(s / 64);
    unsigned b = (unsigned)(s % 64);
    bool lost = b && (v->d[w] & ((UINT64_C(1) << b) - 1));
    for (mp_size_t i = 0; i < w && !lost; i++)
        lost = v->d[i] != 0;
    Tmp t;
    mp_size_t rn = n - w;
    mp_limb_t *r = tmp_get(&t, rn + 1);
    if (!r)
        return NONE;
    if (b)
        mpn_rshift(r, v->d + w, rn, b);
    else
        memcpy(r, v->d + w, (size_t)rn * sizeof(mp_limb_t));
    r[rn] = 0;
    if (v->neg && lost)
        mpn_add_1(r, r, rn + 1, 1);
    Term res = make_int(h, r, rn + 1, v->neg);
    tmp_put(&t);
    return res;
}

static Term shift_left(Heap *h, const View *v, uint64_t s)
{
    mp_size_t n = strip(v->d, v->n);
    if (n == 0)
        return make_small(0);
    if (s >= BIG_MAX_BITS)
        return NONE;
    mp_size_t w = (mp_size_t)(s / 64);
    unsigned b = (unsigned)(s % 64);
    Tmp t;
    mp_limb_t *r = tmp_get(&t, n + w + 1);
    if (!r)
        return NONE;
    memset(r, 0, (size_t)w * sizeof(mp_limb_t));
    if (b) {
        r[n + w] = mpn_lshift(r + w, v->d, n, b);
    } else {
        memcpy(r + w, v->d, (size_t)n * sizeof(mp_limb_t));
        r[n + w] = 0;
    }
    Term res = make_int(h, r, n + w + 1, v->neg);
    tmp_put(&t);
    return res;
}

Term int_bsl(Heap *h, Term a, int64_t shift)
{
    if (is_small(a) && shift <= 0) {
        int64_t x = small_val(a);
        return make_small(shift <= -63 ? (x < 0 ? -1 : 0) : x >> -shift);
    }
    if (is_small(a) && shift < 64) {
        int64_t x = small_val(a);
        /* Fits when shifting back gives the same value. */
        int64_t r = (int64_t)((uint64_t)x << shift);
        if ((r >> shift) == x && small_fits(r))
            return make_small(r);
    }
    View v;
    if (!view_of(a, &v))
        return NONE;
    if (shift < 0)
        return shift_right(h, &v, shift == INT64_MIN ? UINT64_MAX : (uint64_t)-shift);
    return shift_left(h, &v, (uint64_t)shift);
}

/* ---- power ------------------------------------------------------------ */

/* Left-to-right binary powering in two scratch buffers; the result's size
 * is bounded up front by bits(base) * exp, so nothing reallocates. */
static Term pow_views(Heap *h, const View *b, uint64_t exp)
{
    unsigned bl = bit_length(b);
    if (exp > BIG_MAX_BITS / bl)
        return NONE;
    mp_size_t cap = (mp_size_t)((bl * exp) / 64) + 3;
    Tmp t;
    mp_limb_t *r = tmp_get(&t, 2 * cap);
    if (!r)
        return NONE;
    mp_limb_t *s = r + cap;
    mp_size_t bn = strip(b->d, b->n), rn = bn;
    memcpy(r, b->d, (size_t)bn * sizeof(mp_limb_t));
    for (int i = 62 - __builtin_clzll(exp); i >= 0; i--) {
        mpn_sqr(s, r, rn);
        rn = strip(s, 2 * rn);
        mp_limb_t *sw = r;
        r = s, s = sw;
        if ((exp >> i) & 1) {
            mpn_mul(s, r, rn, b->d, bn);
            rn = strip(s, rn + bn);
            sw = r, r = s, s = sw;
        }
    }
    Term res = make_int(h, r, rn, b->neg && (exp & 1));
    tmp_put(&t);
    return res;
}

Term int_pow(Heap *h, Term base, uint64_t exp)
{
    View v;
    if (!view_of(base, &v))
        return NONE;
    if (exp == 0)
        return make_small(1);
    if (bit_length(&v) <= 1) /* 0, 1 and -1 */
        return make_int(h, v.d, v.n, v.neg && (exp & 1));
    return pow_views(h, &v, exp);
}

/* ---- text ------------------------------------------------------------- */

static int digit_val(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* Digits (already checked) to limbs through mpn_set_str, which wants
 * digit values rather than characters and room for the largest number of
 * that many digits plus one limb. */
static Term text_to_big(Heap *h, const char *s, size_t len, int base, bool neg)
{
    size_t nb = len + 1;
    unsigned char *digs = mem_alloc(MEM_SYSTEM, nb);
    if (!digs)
        return NONE;
    for (size_t i = 0; i < len; i++)
        digs[i] = (unsigned char)digit_val(s[i]);
    Term res = NONE;
    mp_size_t cap = (mp_size_t)(len * 6 / 64) + 2; /* base 36 < 2^6 */
    Tmp t;
    mp_limb_t *r = tmp_get(&t, cap);
    if (r) {
        mp_size_t rn = mpn_set_str(r, digs, len, base);
        res = make_int(h, r, rn, neg);
        tmp_put(&t);
    }
    mem_free(MEM_SYSTEM, digs, nb);
    return res;
}

Term int_from_text(Heap *h, const char *s, size_t len, int base)
{
    if (!s || base < 2 || base > 36)
        return NONE;
    bool neg = false;
    if (len > 0 && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s++, len--;
    }
    while (len > 1 && s[0] == '0') /* leading zeros only slow us down */
        s++, len--;
    if (len == 0 || len > BIG_MAX_BITS / 8)
        return NONE;
    int64_t acc = 0;
    bool fast = len <= 12; /* 36^12 < 2^63 */
    for (size_t i = 0; i < len; i++) {
        int d = digit_val(s[i]);
        if (d >= base)
            return NONE;
        if (fast)
            acc = acc * base + d;
    }
    if (fast)
        return int_from_i64(h, neg ? -acc : acc);
    return text_to_big(h, s, len, base, neg);
}

static const char DIGITS[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* Copies the digits, sign first, into buf like snprintf does. */
static size_t emit(bool neg, const unsigned char *digs, size_t nd, char *buf, size_t size)
{
    size_t total = nd + neg;
    if (size == 0 || !buf)
        return total;
    size_t k = 0;
    if (neg && k + 1 < size)
        buf[k++] = '-';
    for (size_t i = 0; i < nd && k + 1 < size; i++)
        buf[k++] = DIGITS[digs[i]];
    buf[k] = '\0';
    return total;
}

size_t int_to_text(Term t, int base, char *buf, size_t size)
{
    View v;
    if (!view_of(t, &v) || base < 2 || base > 36) {
        if (buf && size)
            buf[0] = '\0';
        return 0;
    }
    mp_size_t n = strip(v.d, v.n);
    if (n == 0) {
        unsigned char zero = 0;
        return emit(false, &zero, 1, buf, size);
    }
    size_t nd = mpn_sizeinbase(v.d, n, base) + 1;
    unsigned char *digs = mem_alloc(MEM_SYSTEM, nd);
    Tmp tl;
    mp_limb_t *copy = digs ? tmp_get(&tl, n + 1) : NULL;
    if (!copy) { /* out of memory: report nothing rather than crash */
        if (digs)
            mem_free(MEM_SYSTEM, digs, nd);
        if (buf && size)
            buf[0] = '\0';
        return 0;
    }
    memcpy(copy, v.d, (size_t)n * sizeof(mp_limb_t)); /* get_str clobbers */
    size_t len = mpn_get_str(digs, base, copy, n);
    size_t skip = 0; /* get_str may emit a leading zero */
    while (skip + 1 < len && digs[skip] == 0)
        skip++;
    size_t total = emit(v.neg, digs + skip, len - skip, buf, size);
    tmp_put(&tl);
    mem_free(MEM_SYSTEM, digs, nd);
    return total;
}

/* ---- hashing and floats ---------------------------------------------- */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 31;
    x *= UINT64_C(0x7fb5d329728ea185);
    x ^= x >> 27;
    x *= UINT64_C(0x81dadef4bc2dd44d);
    x ^= x >> 33;
    return x;
}

/* Integers are canonical (a value has exactly one form), so hashing the
 * form is hashing the value. */
uint64_t int_hash(Term t, uint64_t seed)
{
    View v;
    if (!view_of(t, &v))
        return mix64(seed);
    uint64_t x = mix64(seed ^ UINT64_C(0x9e3779b97f4a7c15) ^ (uint64_t)v.neg);
    mp_size_t n = strip(v.d, v.n);
    for (mp_size_t i = 0; i < n; i++)
        x = mix64(x ^ v.d[i]) + (uint64_t)i;
    return mix64(x ^ (uint64_t)n);
}

/* Any double, including inf and NaN, is boxed as given; callers that
 * must not produce them (arithmetic) check first and raise badarith. */
Term float_new(Heap *h, double d)
{
    Term *p = heap_alloc(h, 2);
    if (!p)
        return NONE;
    p[0] = make_header(HDR_FLOAT, 1);
    memcpy(p + 1, &d, sizeof d);
    return make_boxed(p);
}
