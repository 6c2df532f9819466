/* vm_bits.c — bitstring construction and matching for the VM.
 *
 * A segment is described by a literal tuple {type, size, unit, flags}
 * (comp_mod.c's comp_bits and comp_pat.c write them): type is a BitsType,
 * size is -1 for the type's default (or "the rest" for binary/bits), -2
 * when the size was pushed on the stack, else bits = size * unit; flags
 * has BITS_SIGNED and BITS_LITTLE. Integer segments of any width are
 * built (the low bits of any integer) and matched (a bignum past 64
 * bits). Little-endian follows Erlang for sizes that are not whole bytes:
 * the whole bytes come least significant first and the leftover high bits
 * go last.
 */
#include "atom.h"
#include "big.h"
#include "bin.h"
#include "mem.h"
#include "vm_int.h"

static void put_bits(uint8_t *buf, size_t pos, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        unsigned bit = (unsigned)((v >> (n - 1 - i)) & 1);
        size_t at = pos + i;
        if (bit)
            buf[at >> 3] |= (uint8_t)(0x80 >> (at & 7));
    }
}

static uint64_t get_bits(const uint8_t *buf, size_t pos, unsigned n)
{
    uint64_t v = 0;
    if ((pos & 7) == 0 && (n & 7) == 0) {
        for (unsigned i = 0; i < n / 8; i++)
            v = (v << 8) | buf[(pos >> 3) + i];
        return v;
    }
    for (unsigned i = 0; i < n; i++) {
        size_t at = pos + i;
        v = (v << 1) | ((buf[at >> 3] >> (7 - (at & 7))) & 1);
    }
    return v;
}

static uint64_t swap_bytes(uint64_t v, unsigned nbits)
{
    unsigned nb = nbits / 8;
    uint64_t r = 0;
    for (unsigned i = 0; i < nb; i++)
        r |= ((v >> (8 * i)) & 0xFF) << (8 * (nb - 1 - i));
    return r;
}

static size_t utf8_len(int64_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static size_t utf8_put(uint8_t *o, int64_t v)
{
    if (v < 0x80) { o[0] = (uint8_t)v; return 1; }
    if (v < 0x800) { o[0] = (uint8_t)(0xC0 | (v >> 6)); o[1] = (uint8_t)(0x80 | (v & 63)); return 2; }
    if (v < 0x10000) { o[0] = (uint8_t)(0xE0 | (v >> 12)); o[1] = (uint8_t)(0x80 | ((v >> 6) & 63)); o[2] = (uint8_t)(0x80 | (v & 63)); return 3; }
    o[0] = (uint8_t)(0xF0 | (v >> 18)); o[1] = (uint8_t)(0x80 | ((v >> 12) & 63)); o[2] = (uint8_t)(0x80 | ((v >> 6) & 63)); o[3] = (uint8_t)(0x80 | (v & 63));
    return 4;
}

/* The bits of one segment for value v (size already resolved); -1 when v
 * does not fit its type. */
/* IEEE 754 binary16 for float-16 segments: d rounded to the nearest
 * half (ties to even); too large a value is infinity, as in OTP 25. */
static uint16_t half_from_double(double d)
{
    uint16_t sign = signbit(d) ? 0x8000 : 0;
    double a = fabs(d);
    if (a == 0)
        return sign;
    if (!(a < 65520.0))
        return sign | 0x7C00;
    int e;
    double m = frexp(a, &e); /* a = m * 2^e, m in [0.5, 1) */
    int ex = e + 14;          /* the biased half exponent */
    if (ex >= 1) {
        uint32_t mant = (uint32_t)nearbyint((m * 2.0 - 1.0) * 1024.0);
        if (mant == 1024) {
            mant = 0;
            ex++;
        }
        return (uint16_t)(sign | (uint16_t)(ex << 10) | mant);
    }
    /* Subnormal: a multiple of 2^-24 (1024 of them is the smallest normal). */
    return (uint16_t)(sign | (uint16_t)nearbyint(ldexp(a, 24)));
}

static double half_to_double(uint16_t h)
{
    int ex = (h >> 10) & 0x1F, mant = h & 0x3FF;
    double v = ex == 0 ? ldexp(mant, -24) : ex == 31 ? (mant ? NAN : INFINITY) : ldexp(1024 + mant, ex - 25);
    return (h & 0x8000) ? -v : v;
}

static int64_t seg_bits(int type, int64_t size, int64_t unit, Term v)
{
    switch (type) {
    case BITS_INT:
        if (!is_integer(v))
            return -1;
        return size < 0 ? 8 : size * unit;
    case BITS_FLOAT: {
        if (!is_number(v))
            return -1;
        int64_t w = size < 0 ? 64 : size * unit;
        /* Erlang refuses other sizes (its compiler too). */
        return w == 16 || w == 32 || w == 64 ? w : -1;
    }
    case BITS_BINARY:
    case BITS_BITS: {
        if (!is_bitstring(v))
            return -1;
        const uint8_t *b;
        size_t off, nbits;
        bin_bits(v, &b, &off, &nbits);
        if (type == BITS_BINARY && size < 0 && (nbits & 7))
            return -1;
        if (size < 0)
            return (int64_t)nbits;
        int64_t want = size * (unit ? unit : 1);
        return want <= (int64_t)nbits ? want : -1;
    }
    case BITS_UTF8:
        if (!is_small(v) || small_val(v) < 0 || small_val(v) > 0x10FFFF)
            return -1;
        return 8 * (int64_t)utf8_len(small_val(v));
    case BITS_UTF16:
        if (!is_small(v) || small_val(v) < 0 || small_val(v) > 0x10FFFF)
            return -1;
        return small_val(v) >= 0x10000 ? 32 : 16;
    case BITS_UTF32:
        return is_small(v) ? 32 : -1;
    default: return -1;
    }
}

/* Word i (64 bits, least significant first) of the integer v in two's
 * complement, sign-extended past its top: an integer segment keeps the
 * low bits of any integer, a bignum's too, as Erlang does. */
static uint64_t int_word(Term v, size_t i)
{
    if (is_small(v)) {
        int64_t x = small_val(v);
        return i == 0 ? (uint64_t)x : x < 0 ? ~UINT64_C(0) : 0;
    }
    const Term *b = boxed_ptr(v);
    size_t n = (size_t)hdr_arity(b[0]);
    bool neg = hdr_kind(b[0]) == HDR_BIGNEG;
    uint64_t limb = i < n ? b[1 + i] : 0;
    if (!neg)
        return limb;
    /* -m = ~m + 1: the carry reaches word i while the words below are 0 */
    bool carry = true;
    for (size_t j = 0; j < i && j < n && carry; j++)
        carry = b[1 + j] == 0;
    return ~limb + (carry ? 1 : 0);
}

/* A little-endian integer segment of nbits bits: byte k of v's two's
 * complement at pos + 8k, then its top nbits % 8 bits. */
static void put_little(uint8_t *buf, size_t pos, int64_t nbits, Term v)
{
    size_t nfull = (size_t)nbits / 8;
    unsigned r = (unsigned)(nbits % 8);
    for (size_t k = 0; k < nfull; k++)
        put_bits(buf, pos + 8 * k, (int_word(v, k / 8) >> (8 * (k % 8))) & 0xFF, 8);
    if (r)
        put_bits(buf, pos + 8 * nfull, (int_word(v, nfull / 8) >> (8 * (nfull % 8))) & ((1u << r) - 1), r);
}

static void seg_write(uint8_t *buf, size_t pos, int type, int64_t nbits, int64_t flags, Term v)
{
    switch (type) {
    case BITS_INT: {
        if (flags & BITS_LITTLE) {
            put_little(buf, pos, nbits, v);
            return;
        }
        uint64_t u = int_word(v, 0);
        if (nbits < 64)
            u &= (UINT64_C(1) << nbits) - 1;
        if (nbits > 64) {
            /* word by word from the least significant, big-endian: the
             * top word may be partial */
            for (int64_t lo = 0; lo < nbits; lo += 64) {
                unsigned k = (unsigned)(nbits - lo < 64 ? nbits - lo : 64);
                uint64_t w = int_word(v, (size_t)(lo / 64));
                if (k < 64)
                    w &= (UINT64_C(1) << k) - 1;
                put_bits(buf, pos + (size_t)(nbits - lo - k), w, k);
            }
            return;
        }
        put_bits(buf, pos, u, (unsigned)nbits);
        return;
    }
    case BITS_FLOAT: {
        double d = is_float(v) ? float_val(v) : int_to_double(v);
        uint64_t u;
        if (nbits == 16) {
            u = half_from_double(d);
        } else if (nbits == 32) {
            float fl = (float)d;
            uint32_t w;
            memcpy(&w, &fl, 4);
            u = w;
        } else {
            memcpy(&u, &d, 8);
        }
        if (flags & BITS_LITTLE)
            u = swap_bytes(u, (unsigned)nbits);
        put_bits(buf, pos, u, (unsigned)nbits);
        return;
    }
    case BITS_BINARY:
    case BITS_BITS: {
        const uint8_t *b;
        size_t off, total;
        bin_bits(v, &b, &off, &total);
        if ((off & 7) == 0 && (pos & 7) == 0 && (nbits & 7) == 0) {
            memcpy(buf + (pos >> 3), b + (off >> 3), (size_t)nbits / 8);
            return;
        }
        for (int64_t i = 0; i < nbits; i++)
            put_bits(buf, pos + (size_t)i, get_bits(b, off + (size_t)i, 1), 1);
        return;
    }
    case BITS_UTF8: {
        uint8_t tmp[4];
        size_t k = utf8_put(tmp, small_val(v));
        for (size_t i = 0; i < k; i++)
            put_bits(buf, pos + 8 * i, tmp[i], 8);
        return;
    }
    case BITS_UTF16: {
        int64_t cp = small_val(v);
        uint64_t u;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            u = ((uint64_t)(0xD800 | (cp >> 10)) << 16) | (uint64_t)(0xDC00 | (cp & 0x3FF));
        } else {
            u = (uint64_t)cp;
        }
        if (flags & BITS_LITTLE)
            u = nbits == 32 ? ((swap_bytes(u >> 16, 16) << 16) | swap_bytes(u & 0xFFFF, 16))
                            : swap_bytes(u, 16);
        put_bits(buf, pos, u, (unsigned)nbits);
        return;
    }
    case BITS_UTF32: {
        uint64_t u = (uint64_t)small_val(v);
        if (flags & BITS_LITTLE)
            u = swap_bytes(u, 32);
        put_bits(buf, pos, u, 32);
        return;
    }
    default: return;
    }
}

static Term bits_badarg(Proc *p, Term v, int type)
{
    (void)v;
    (void)type;
    return bif_raise_msg(p, "ArgumentError", "construction of binary failed: segment 1 of type '%s': expected a %s",
                         type == BITS_INT ? "integer" : type == BITS_FLOAT ? "float" : type == BITS_BINARY ? "binary" : "bitstring",
                         type == BITS_INT ? "integer" : type == BITS_FLOAT ? "float" : "binary");
}

Term vm_bits_build(Proc *p, Term spec, const Term *rev, uint32_t n)
{
    size_t nseg = tuple_size(spec) / 4;
    int64_t total = 0;
    uint32_t k = n;
    int64_t sizes[256];
    Term vals[256];
    if (nseg > 256)
        return bif_error(p, A(system_limit));
    for (size_t i = 0; i < nseg; i++) {
        int type = (int)small_val(tuple_get(spec, 4 * i));
        int64_t size = small_val(tuple_get(spec, 4 * i + 1));
        int64_t unit = small_val(tuple_get(spec, 4 * i + 2));
        Term v = rev[--k];
        if (size == -2) {
            Term s = rev[--k];
            if (!is_small(s) || small_val(s) < 0)
                return bif_raise_msg(p, "ArgumentError", "construction of binary failed: segment %zu of type 'integer': the size is not a non-negative integer", i + 1);
            size = small_val(s);
        }
        int64_t b = seg_bits(type, size, unit, v);
        if (b < 0)
            return bits_badarg(p, v, type);
        sizes[i] = b;
        vals[i] = v;
        total += b;
    }
    size_t nbytes = (size_t)(total + 7) / 8;
    uint8_t stackbuf[256] = {0};
    uint8_t *buf = nbytes <= sizeof stackbuf ? stackbuf : mem_alloc(MEM_CODE, nbytes);
    if (buf == NULL)
        return bif_error(p, A(system_limit));
    memset(buf, 0, nbytes);
    size_t pos = 0;
    for (size_t i = 0; i < nseg; i++) {
        seg_write(buf, pos, (int)small_val(tuple_get(spec, 4 * i)), sizes[i],
                  small_val(tuple_get(spec, 4 * i + 3)), vals[i]);
        pos += (size_t)sizes[i];
    }
    Term r = bin_new_bits(&p->heap, buf, (size_t)total);
    if (buf != stackbuf)
        mem_free(MEM_CODE, buf, nbytes);
    bif_charge(p, (uint32_t)(nbytes / 64));
    return r == NONE ? bif_error(p, A(system_limit)) : r;
}

/* The w-bit (w <= 64) little-endian field at bit at, as put_little lays
 * it out. */
static uint64_t get_little(const uint8_t *b, size_t at, unsigned w)
{
    unsigned nfull = w / 8, r = w % 8;
    uint64_t u = 0;
    for (unsigned k = 0; k < nfull; k++)
        u |= get_bits(b, at + 8 * k, 8) << (8 * k);
    if (r)
        u |= get_bits(b, at + 8 * nfull, r) << (8 * nfull);
    return u;
}

/* An integer segment wider than 64 bits: its bytes, most significant
 * first, written as hex digits and parsed (GMP's conversion is fast for
 * long texts); signed values above the sign bit lose 2^w. NONE when out
 * of memory (the match then fails). */
static Term get_wide(Proc *p, const uint8_t *b, size_t at, size_t w, int64_t flags)
{
    size_t nfull = w / 8, r = w % 8, nchunks = nfull + (r ? 1 : 0);
    char stackbuf[512];
    char *hex = 2 * nchunks <= sizeof stackbuf ? stackbuf : mem_alloc(MEM_CODE, 2 * nchunks);
    if (hex == NULL)
        return NONE;
    static const char digits[] = "0123456789abcdef";
    bool little = (flags & BITS_LITTLE) != 0;
    uint64_t top = 0;
    /* chunk i counts from the most significant; the partial one is first */
    for (size_t i = 0; i < nchunks; i++) {
        uint64_t c;
        if (r && i == 0)
            c = get_bits(b, little ? at + 8 * nfull : at, (unsigned)r);
        else {
            size_t k = r ? i - 1 : i; /* whole byte k from the top */
            c = get_bits(b, little ? at + 8 * (nfull - 1 - k) : at + r + 8 * k, 8);
        }
        if (i == 0)
            top = c;
        hex[2 * i] = digits[c >> 4];
        hex[2 * i + 1] = digits[c & 15];
    }
    bool neg = (flags & BITS_SIGNED) && (top >> ((r ? r : 8) - 1)) & 1;
    Term v = int_from_text(&p->heap, hex, 2 * nchunks, 16);
    if (hex != stackbuf)
        mem_free(MEM_CODE, hex, 2 * nchunks);
    if (v != NONE && neg) {
        Term span = int_bsl(&p->heap, make_small(1), (int64_t)w);
        v = span == NONE ? NONE : int_sub(&p->heap, v, span);
    }
    return v;
}

/* Reads one segment of bin at *off (bits from the bitstring's start).
 * Returns the value, or NONE when it does not match. */
Term vm_bits_get(Proc *p, Term seg, Term bin, Term size_term, size_t *off)
{
    int type = (int)small_val(tuple_get(seg, 0));
    int64_t size = small_val(tuple_get(seg, 1));
    int64_t unit = small_val(tuple_get(seg, 2));
    int64_t flags = small_val(tuple_get(seg, 3));
    const uint8_t *b;
    size_t boff, nbits;
    bin_bits(bin, &b, &boff, &nbits);
    if (size == -2) {
        if (!is_small(size_term) || small_val(size_term) < 0)
            return NONE;
        size = small_val(size_term);
    }
    size_t left = nbits - *off;
    size_t at = boff + *off;
    switch (type) {
    case BITS_INT: {
        int64_t w = size < 0 ? 8 : size * unit;
        if ((size_t)w > left)
            return NONE;
        if (w > 64) {
            Term v = get_wide(p, b, at, (size_t)w, flags);
            if (v != NONE)
                *off += (size_t)w;
            return v;
        }
        uint64_t u = flags & BITS_LITTLE ? get_little(b, at, (unsigned)w) : get_bits(b, at, (unsigned)w);
        *off += (size_t)w;
        if ((flags & BITS_SIGNED) && w > 0 && w < 64 && (u >> (w - 1)) & 1)
            return int_from_i64(&p->heap, (int64_t)(u | (~UINT64_C(0) << w)));
        if (flags & BITS_SIGNED)
            return int_from_i64(&p->heap, (int64_t)u);
        return int_from_u64(&p->heap, u);
    }
    case BITS_FLOAT: {
        int64_t w = size < 0 ? 64 : size * unit;
        if ((size_t)w > left || (w != 16 && w != 32 && w != 64))
            return NONE;
        uint64_t u = get_bits(b, at, (unsigned)w);
        if (flags & BITS_LITTLE)
            u = swap_bytes(u, (unsigned)w);
        double d;
        if (w == 16) {
            d = half_to_double((uint16_t)u);
        } else if (w == 32) {
            uint32_t x = (uint32_t)u;
            float fl;
            memcpy(&fl, &x, 4);
            d = fl;
        } else {
            memcpy(&d, &u, 8);
        }
        if (!isfinite(d))
            return NONE;
        *off += (size_t)w;
        return float_new(&p->heap, d);
    }
    case BITS_BINARY:
    case BITS_BITS: {
        size_t w = size < 0 ? left : (size_t)(size * (unit ? unit : (type == BITS_BINARY ? 8 : 1)));
        if (w > left || (type == BITS_BINARY && (w & 7)))
            return NONE;
        Term r = bin_sub(&p->heap, bin, *off, w);
        *off += w;
        return r;
    }
    case BITS_UTF8: {
        if (left < 8)
            return NONE;
        uint8_t c0 = (uint8_t)get_bits(b, at, 8);
        size_t k = c0 < 0x80 ? 1 : (c0 & 0xE0) == 0xC0 ? 2 : (c0 & 0xF0) == 0xE0 ? 3 : (c0 & 0xF8) == 0xF0 ? 4 : 0;
        if (k == 0 || left < 8 * k)
            return NONE;
        uint32_t cp = k == 1 ? c0 : (uint32_t)(c0 & (0xFF >> (k + 1)));
        for (size_t i = 1; i < k; i++) {
            uint8_t cx = (uint8_t)get_bits(b, at + 8 * i, 8);
            if ((cx & 0xC0) != 0x80)
                return NONE;
            cp = (cp << 6) | (cx & 63);
        }
        if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return NONE;
        *off += 8 * k;
        return make_small(cp);
    }
    case BITS_UTF16: {
        if (left < 16)
            return NONE;
        uint64_t u = get_bits(b, at, 16);
        if (flags & BITS_LITTLE)
            u = swap_bytes(u, 16);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (left < 32)
                return NONE;
            uint64_t lo = get_bits(b, at + 16, 16);
            if (flags & BITS_LITTLE)
                lo = swap_bytes(lo, 16);
            *off += 32;
            return make_small((int64_t)(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)));
        }
        *off += 16;
        return make_small((int64_t)u);
    }
    case BITS_UTF32: {
        if (left < 32)
            return NONE;
        uint64_t u = get_bits(b, at, 32);
        if (flags & BITS_LITTLE)
            u = swap_bytes(u, 32);
        *off += 32;
        return make_small((int64_t)u);
    }
    default: return NONE;
    }
}
