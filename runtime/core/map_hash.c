/* map_hash.c — the key hash that places keys in a large map's trie.
 *
 * Elixir programs see a large map's keys in the order of the BEAM's
 * trie, so mote hashes keys exactly as OTP 25's internal hash does
 * (Bob Jenkins' 96-bit mix over the key's parts, seeded with a salt):
 * small integers, binaries, tuples, lists, floats and bignums hash to
 * the same 32 bits as on a 64-bit BEAM. Atoms hash by their table index
 * there, so they hash by mote's index here: deterministic, but not the
 * BEAM's order (no runtime can reproduce another's atom numbering).
 * Invariant: terms equal under term_eq_exact hash equal.
 */
#include "atom.h"
#include "bin.h"
#include "map.h"
#include "mem.h"

#define HCONST UINT32_C(0x9e3779b9) /* golden ratio */
/* HCONST * k mod 2^32, one per kind of term part. */
#define HCONST_4 UINT32_C(0x78dde6e4)
#define HCONST_7 UINT32_C(0x5384540f)
#define HCONST_9 UINT32_C(0x8ff34781)
#define HCONST_10 UINT32_C(0x2e2ac13a)
#define HCONST_11 UINT32_C(0xcc623af3)
#define HCONST_12 UINT32_C(0x6a99b4ac)
#define HCONST_13 UINT32_C(0x08d12e65)
#define HCONST_14 UINT32_C(0xa708a81e)
#define HCONST_15 UINT32_C(0x454021d7)
#define HCONST_16 UINT32_C(0xe3779b90)
#define HCONST_17 UINT32_C(0x81af1549)
#define HCONST_18 UINT32_C(0x1fe68f02)
#define HCONST_22 UINT32_C(0x98c475e6)
#define INTERNAL_SALT UINT32_C(3432918353)

/* The BEAM's immediate words on a 64-bit node: a small is value<<4|0xF,
 * an atom index<<6|0xB, a local pid data<<4|0x3, [] is 0x3B. */
#define BEAM_NIL UINT64_C(0x3B)
#define BEAM_SMALL_MAX ((INT64_C(1) << 59) - 1)
#define BEAM_SMALL_MIN (-(INT64_C(1) << 59))

/* A stack marker that is never a term: the hash of a cons cell's
 * non-list tail is preceded by a constant mix. */
#define MARK_CDR make_header(HDR_OPAQUE, 1)

static inline uint32_t rot_mix(uint32_t *pa, uint32_t *pb, uint32_t c)
{
    uint32_t a = *pa, b = *pb;
    a -= b; a -= c; a ^= (c >> 13);
    b -= c; b -= a; b ^= (a << 8);
    c -= a; c -= b; c ^= (b >> 13);
    a -= b; a -= c; a ^= (c >> 12);
    b -= c; b -= a; b ^= (a << 16);
    c -= a; c -= b; c ^= (b >> 5);
    a -= b; a -= c; a ^= (c >> 3);
    b -= c; b -= a; b ^= (a << 10);
    c -= a; c -= b; c ^= (b >> 15);
    *pa = a, *pb = b;
    return c;
}

static inline uint32_t mix2(uint32_t hash, uint32_t x, uint32_t y, uint32_t k)
{
    uint32_t a = k + x, b = k + y;
    return rot_mix(&a, &b, hash);
}

static inline uint32_t mix_word(uint32_t hash, uint64_t w)
{
    return mix2(hash, (uint32_t)w, (uint32_t)(w >> 32), HCONST);
}

/* Type-tag mixing for a cons cell's head and non-list tail. */
static inline uint32_t const_mix(uint32_t hash, uint32_t k)
{
    hash ^= k;
    return (hash << 17) ^ (hash >> 15);
}

/* Byte i of a bitstring that starts `off` bits into p[0]; `last` is the
 * index of the last byte holding any of its bits, never read past. */
static inline uint32_t byte_at(const uint8_t *p, size_t off, size_t i, size_t last)
{
    if (off == 0)
        return p[i];
    uint32_t hi = (uint32_t)(uint8_t)(p[i] << off);
    return i + 1 <= last ? hi | (p[i + 1] >> (8 - off)) : hi;
}

static uint32_t le32_at(const uint8_t *p, size_t off, size_t i, size_t last)
{
    return byte_at(p, off, i, last) | byte_at(p, off, i + 1, last) << 8 |
           byte_at(p, off, i + 2, last) << 16 | byte_at(p, off, i + 3, last) << 24;
}

/* Jenkins' lookup2 block hash over n whole bytes, 12 at a time. */
static uint32_t block_hash(const uint8_t *p, size_t off, size_t n, size_t last, uint32_t init)
{
    uint32_t a = HCONST, b = HCONST, c = init;
    size_t i = 0;
    for (; n - i >= 12; i += 12) {
        a += le32_at(p, off, i, last);
        b += le32_at(p, off, i + 4, last);
        c += le32_at(p, off, i + 8, last);
        c = rot_mix(&a, &b, c);
    }
    c += (uint32_t)n;
    /* The tail's bytes go to a, then b, then c above its lowest byte,
     * which the length already took. */
    for (size_t j = 0; i + j < n; j++) {
        uint32_t v = byte_at(p, off, i + j, last);
        if (j < 4)
            a += v << (8 * j);
        else if (j < 8)
            b += v << (8 * (j - 4));
        else
            c += v << (8 * (j - 7));
    }
    return rot_mix(&a, &b, c);
}

static uint32_t hash_bits(uint32_t hash, Term t)
{
    const uint8_t *p;
    size_t off, bits;
    bin_bits(t, &p, &off, &bits);
    size_t n = bits / 8, rest = bits % 8;
    uint32_t con = HCONST_13 + hash;
    if (bits == 0)
        return con;
    size_t last = (off + bits - 1) / 8;
    hash = block_hash(p, off, n, last, con);
    if (rest > 0)
        hash = mix2(hash, (uint32_t)rest, byte_at(p, off, n, last) >> (8 - rest), HCONST_15);
    return hash;
}

/* A magnitude as the BEAM's 64-bit digits, least significant first. */
static uint32_t hash_digits(uint32_t hash, const uint64_t *d, size_t n, bool neg)
{
    uint32_t con = neg ? HCONST_10 : HCONST_11;
    for (size_t i = 0; i < n; i++)
        hash = mix2(hash, (uint32_t)d[i], (uint32_t)(d[i] >> 32), con);
    return hash;
}

static uint32_t hash_small(uint32_t hash, int64_t v)
{
    if (v >= BEAM_SMALL_MIN && v <= BEAM_SMALL_MAX)
        return mix_word(hash, ((uint64_t)v << 4) | 0xF);
    /* mote's smalls are one bit wider: the BEAM's bignum of one digit. */
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return hash_digits(hash, &mag, 1, v < 0);
}

static uint32_t hash_float(uint32_t hash, Term t)
{
    double d = float_val(t);
    uint64_t w;
    if (d == 0.0)
        d = 0.0; /* -0.0 =:= 0.0 in OTP 25: both hash as +0.0 */
    memcpy(&w, &d, sizeof w);
    return mix2(hash, (uint32_t)w, (uint32_t)(w >> 32), HCONST_12);
}

static uint32_t hash_immediate(uint32_t hash, Term t)
{
    if (is_small(t))
        return hash_small(hash, small_val(t));
    if (is_atom(t))
        return mix_word(hash, (atom_index(t) << 6) | 0xB);
    if (is_local_pid(t)) /* BEAM pid data: serial above a 15-bit number */
        return mix_word(hash, (((pid_serial(t) << 15) | (pid_index(t) & 0x7FFF)) << 4) | 0x3);
    if (t == NIL)
        return mix_word(hash, BEAM_NIL);
    return mix_word(hash, t);
}

/* ---- the walk ------------------------------------------------------------ */

/* The explicit stack of parts still to hash; starts on the C stack and
 * grows on the system heap. If growing fails the parts that do not fit
 * are left out: only a key nested past 32 open parts, hashed while the
 * system is out of memory, can hash differently from before. */
typedef struct Stack {
    Term *w;
    size_t n, cap;
    Term local[32];
} Stack;

static void push(Stack *s, Term t)
{
    if (s->n == s->cap) {
        size_t cap = s->cap * 2;
        Term *w = mem_alloc(MEM_SYSTEM, cap * sizeof(Term));
        if (!w)
            return;
        memcpy(w, s->w, s->n * sizeof(Term));
        if (s->w != s->local)
            mem_free(MEM_SYSTEM, s->w, s->cap * sizeof(Term));
        s->w = w, s->cap = cap;
    }
    s->w[s->n++] = t;
}

/* A list: runs of byte-sized smalls are packed four to a word, as the
 * BEAM does for strings. Returns the term still to hash in place of the
 * list (a head, or a non-list tail), having pushed what follows it. */
static Term hash_list(uint32_t *hash, Term t, Stack *s)
{
    uint32_t sh = 0, c = 0;
    while (is_cons(t) && is_small(list_head(t)) && (uint64_t)small_val(list_head(t)) <= 255) {
        sh = (sh << 8) + (uint32_t)small_val(list_head(t));
        if (++c == 4) {
            *hash = mix2(*hash, sh, 0, HCONST_4);
            c = sh = 0;
        }
        t = list_tail(t);
    }
    if (c > 0)
        *hash = mix2(*hash, sh, c, HCONST_22);
    if (!is_cons(t))
        return t;
    Term tail = list_tail(t);
    *hash = const_mix(*hash, HCONST_17);
    push(s, tail);
    if (!is_cons(tail))
        push(s, MARK_CDR);
    return list_head(t);
}

static void push_map(uint32_t *hash, Term t, Stack *s)
{
    Term *p = boxed_ptr(t);
    size_t arity = (size_t)hdr_arity(p[0]);
    switch (hdr_kind(p[0])) {
    case HDR_MAP: {
        size_t n = arity - 1;
        const Term *ks = tuple_elems(p[1]), *vs = p + 2;
        *hash = mix2(*hash, (uint32_t)n, 0, HCONST_16);
        for (size_t i = n; i-- > 0;) {
            push(s, vs[i]);
            push(s, ks[i]);
        }
        return;
    }
    case HDR_HAMT_ROOT:
        *hash = mix2(*hash, (uint32_t)p[1], 0, HCONST_16);
        for (size_t i = 3; i <= arity; i++)
            is_cons(p[i]) ? (push(s, list_tail(p[i])), push(s, list_head(p[i]))) : push(s, p[i]);
        return;
    default: /* HDR_HAMT_NODE */
        for (size_t i = 2; i <= arity; i++)
            is_cons(p[i]) ? (push(s, list_tail(p[i])), push(s, list_head(p[i]))) : push(s, p[i]);
        return;
    }
}

/* Hashes one boxed term; pushes its parts, if any, for the walk. */
static uint32_t hash_boxed(uint32_t hash, Term t, Stack *s)
{
    Term *p = boxed_ptr(t);
    size_t arity = (size_t)hdr_arity(p[0]);
    switch (hdr_kind(p[0])) {
    case HDR_TUPLE:
        hash = mix2(hash, (uint32_t)arity, 0, HCONST_9);
        for (size_t i = arity; i-- > 0;)
            push(s, p[1 + i]);
        return hash;
    case HDR_FLOAT:
        return hash_float(hash, t);
    case HDR_BIGPOS:
    case HDR_BIGNEG:
        return hash_digits(hash, p + 1, arity, hdr_kind(p[0]) == HDR_BIGNEG);
    case HDR_HEAPBIN:
    case HDR_REFBIN:
    case HDR_SUBBIN:
        return hash_bits(hash, t);
    case HDR_MAP:
    case HDR_HAMT_ROOT:
    case HDR_HAMT_NODE:
        push_map(&hash, t, s);
        return hash;
    case HDR_REF:
        return mix2(mix2(hash, (uint32_t)p[1], 0, HCONST_7), (uint32_t)(p[1] >> 32),
                    (uint32_t)p[2], HCONST_7);
    default: /* funs, external pids and refs: mote's own hash */
        return mix2(hash, (uint32_t)term_hash(t), (uint32_t)(term_hash(t) >> 32), HCONST_14);
    }
}

uint32_t map_ihash(Term t, uint32_t salt)
{
    uint32_t hash = salt ^ INTERNAL_SALT;
    if (!is_boxed(t) && !is_cons(t))
        return hash_immediate(hash, t);
    Stack s = {.n = 0, .cap = 32};
    s.w = s.local;
    for (;;) {
        if (is_cons(t))
            t = hash_list(&hash, t, &s);
        if (is_cons(t))
            continue;
        if (t == MARK_CDR)
            hash = const_mix(hash, HCONST_18);
        else if (is_boxed(t))
            hash = hash_boxed(hash, t, &s);
        else
            hash = hash_immediate(hash, t);
        if (s.n == 0)
            break;
        t = s.w[--s.n];
    }
    if (s.w != s.local)
        mem_free(MEM_SYSTEM, s.w, s.cap * sizeof(Term));
    return hash;
}
