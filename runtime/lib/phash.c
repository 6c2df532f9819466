/* phash.c — :erlang.phash2/1,2, OTP 25's "portable" term hash.
 *
 * The value is part of the outside world: programs store it, shard by it
 * and compare it with what a BEAM node computes, so it must equal erts'
 * make_hash2 bit for bit. That hash walks the term depth first, folding
 * each part into one 32-bit state with Bob Jenkins' 96-bit mix and a
 * per-type constant (the golden ratio times a small number), except maps,
 * whose pairs are hashed separately and xor-ed so that order does not
 * matter. Local funs, refs and pids cannot equal the BEAM's values (their
 * numbers are another VM's), but they hash the same shapes.
 */
#include "phash.h"

#include <string.h>

#include "atom.h"
#include "bin.h"
#include "map.h"
#include "mem.h"
#include "mote.h"

/* The golden ratio and its multiples mod 2^32, one per kind of term. */
#define HC UINT32_C(0x9e3779b9)
#define HCN(n) ((uint32_t)(HC * (uint32_t)(n)))

/* Bob Jenkins' 1996 mix of three 32-bit words. */
static void mix(uint32_t *pa, uint32_t *pb, uint32_t *pc)
{
    uint32_t a = *pa, b = *pb, c = *pc;
    a -= b; a -= c; a ^= c >> 13;
    b -= c; b -= a; b ^= a << 8;
    c -= a; c -= b; c ^= b >> 13;
    a -= b; a -= c; a ^= c >> 12;
    b -= c; b -= a; b ^= a << 16;
    c -= a; c -= b; c ^= b >> 5;
    a -= b; a -= c; a ^= c >> 3;
    b -= c; b -= a; b ^= a << 10;
    c -= a; c -= b; c ^= b >> 15;
    *pa = a, *pb = b, *pc = c;
}

static void hash2(uint32_t *h, uint32_t x, uint32_t y, uint32_t k)
{
    uint32_t a = k + x, b = k + y;
    mix(&a, &b, h);
}

static void hash1(uint32_t *h, uint32_t x, uint32_t k) { hash2(h, x, 0, k); }

/* hashpjw over the atom's UTF-8 name, where a two-byte sequence for a
 * Latin-1 character counts as that one character: erts keys atoms this
 * way since names became UTF-8, and phash2 inherited it. */
static uint32_t atom_hvalue(Term atom)
{
    size_t len;
    const uint8_t *s = (const uint8_t *)atom_text(atom, &len);
    uint32_t h = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t v = s[i];
        if (i + 1 < len && (v & 0xFE) == 0xC2 && (s[i + 1] & 0xC0) == 0x80)
            v = (uint8_t)((v << 6) | (s[++i] & 0x3F));
        h = (h << 4) + v;
        uint32_t g = h & UINT32_C(0xf0000000);
        if (g)
            h ^= (g >> 24) ^ g;
    }
    return h;
}

/* Integers outside 28 bits (smalls and bignums alike) are hashed as
 * 32-bit halves of 64-bit magnitude words, the sign in the constant. */
static void hash_small(uint32_t *h, int64_t v)
{
    if (v >= -(INT64_C(1) << 27) && v < (INT64_C(1) << 27)) {
        int32_t y = (int32_t)v;
        if (y < 0) /* erts mixes negative numbers twice */
            hash1(h, (uint32_t)-y, HC);
        hash1(h, (uint32_t)y, HC);
        return;
    }
    uint64_t t = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    hash2(h, (uint32_t)t, (uint32_t)(t >> 32), v < 0 ? HCN(10) : HCN(11));
}

static void hash_big(uint32_t *h, Term t)
{
    const Term *p = boxed_ptr(t);
    size_t n = (size_t)hdr_arity(p[0]);
    uint32_t con = hdr_kind(p[0]) == HDR_BIGNEG ? HCN(10) : HCN(11);
    for (size_t i = 0; i < n; i++)
        hash2(h, (uint32_t)p[1 + i], (uint32_t)(p[1 + i] >> 32), con);
}

static void hash_float(uint32_t *h, double d)
{
    uint64_t bits;
    if (d == 0.0)
        d = 0.0; /* -0.0 hashes as 0.0 */
    memcpy(&bits, &d, sizeof bits);
    hash2(h, (uint32_t)(bits >> 32), (uint32_t)bits, HCN(12));
}

/* Jenkins' block hash of sz bytes seeded with `seed`, 12 bytes a round;
 * the tail and the length go into the last round. */
static uint32_t block_hash(const uint8_t *k, size_t sz, uint32_t seed)
{
    uint32_t a = HC, b = HC, c = seed;
    size_t len = sz;
    for (; len >= 12; k += 12, len -= 12) {
        a += k[0] + ((uint32_t)k[1] << 8) + ((uint32_t)k[2] << 16) + ((uint32_t)k[3] << 24);
        b += k[4] + ((uint32_t)k[5] << 8) + ((uint32_t)k[6] << 16) + ((uint32_t)k[7] << 24);
        c += k[8] + ((uint32_t)k[9] << 8) + ((uint32_t)k[10] << 16) + ((uint32_t)k[11] << 24);
        mix(&a, &b, &c);
    }
    c += (uint32_t)sz;
    /* The lowest byte of c holds the length, so tail bytes 8..10 start at
     * bit 8. */
    static const uint8_t word[11] = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
    static const uint8_t shift[11] = {0, 8, 16, 24, 0, 8, 16, 24, 8, 16, 24};
    uint32_t *w[3] = {&a, &b, &c};
    for (size_t i = 0; i < len; i++)
        *w[word[i]] += (uint32_t)k[i] << shift[i];
    mix(&a, &b, &c);
    return c;
}

/* A bitstring: its whole bytes block-hashed, then any trailing bits with
 * their count. Unaligned slices are copied to a buffer first. */
static int hash_bits(uint32_t *h, Term t)
{
    const uint8_t *bytes;
    size_t off, nbits;
    bin_bits(t, &bytes, &off, &nbits);
    /* erts truncates the byte count to 32 bits for old nodes' sake. */
    size_t sz = (nbits / 8) & UINT32_C(0xFFFFFFFF), rest = nbits % 8;
    uint32_t con = HCN(13) + *h;
    if (sz == 0 && rest == 0) {
        *h = con;
        return 0;
    }
    uint8_t *copy = NULL;
    size_t ncopy = nbits / 8 + (rest != 0);
    if (off != 0) {
        copy = mem_alloc(MEM_SYSTEM, ncopy);
        if (copy == NULL)
            return MOTE_ENOMEM;
        for (size_t i = 0; i < ncopy; i++) {
            /* The last byte's low bits may lie past the slice's end. */
            uint8_t next = (i + 1) * 8 < off + nbits ? bytes[i + 1] : 0;
            copy[i] = (uint8_t)((bytes[i] << off) | (next >> (8 - off)));
        }
        bytes = copy;
    }
    *h = block_hash(bytes, sz, con);
    if (rest > 0)
        hash2(h, (uint32_t)rest, (uint32_t)(bytes[sz] >> (8 - rest)), HCN(15));
    if (copy)
        mem_free(MEM_SYSTEM, copy, ncopy);
    return 0;
}

/* ---- the walk ------------------------------------------------------------ */

/* A pending item: a term still to hash, or one of the map bookkeeping
 * steps erts interleaves with them. */
typedef enum { ITEM_TERM, ITEM_SAVED, ITEM_MAP_PAIR, ITEM_MAP_TAIL } ItemKind;

typedef struct {
    uint64_t v; /* the term, or a saved 32-bit state */
    ItemKind kind;
} Item;

typedef struct {
    Item *items;  /* mem_alloc'd, or `local` */
    size_t n, cap;
    Item local[32];
    uint32_t hash;      /* the running state */
    uint32_t xor_pairs; /* the open map's pair hashes, xor-ed */
    bool oom;
} Walk;

static void push(Walk *w, ItemKind kind, uint64_t v)
{
    if (w->n == w->cap) {
        size_t cap = w->cap * 2;
        Item *items = mem_alloc(MEM_SYSTEM, cap * sizeof *items);
        if (items == NULL) {
            w->oom = true;
            return;
        }
        memcpy(items, w->items, w->n * sizeof *items);
        if (w->items != w->local)
            mem_free(MEM_SYSTEM, w->items, w->cap * sizeof *items);
        w->items = items, w->cap = cap;
    }
    w->items[w->n++] = (Item){v, kind};
}

static bool is_byte(Term t) { return is_small(t) && small_val(t) >= 0 && small_val(t) <= 255; }

/* Runs of byte-sized heads are packed four to a word (strings hash
 * fast). Returns the term to hash next: the first other head (its tail
 * pushed), or the list's end, [] included, as erts hashes that too. */
static Term walk_list(Walk *w, Term t)
{
    uint32_t sh = 0;
    int c = 0;
    while (is_cons(t) && is_byte(list_head(t))) {
        sh = (sh << 8) + (uint32_t)small_val(list_head(t));
        if (c == 3) {
            hash1(&w->hash, sh, HCN(4));
            c = 0, sh = 0;
        } else {
            c++;
        }
        t = list_tail(t);
    }
    if (c > 0)
        hash1(&w->hash, sh, HCN(4));
    if (!is_cons(t))
        return t;
    push(w, ITEM_TERM, list_tail(t));
    return list_head(t);
}

static Term walk_tuple(Walk *w, Term t)
{
    size_t n = tuple_size(t);
    hash1(&w->hash, (uint32_t)n, HCN(9));
    if (n == 0)
        return NONE;
    for (size_t i = n - 1; i >= 1; i--)
        push(w, ITEM_TERM, tuple_get(t, i));
    return tuple_get(t, 0);
}

static bool push_pair(Term key, Term value, void *ctx)
{
    Walk *w = ctx;
    push(w, ITEM_MAP_PAIR, 0);
    push(w, ITEM_TERM, value);
    push(w, ITEM_TERM, key);
    return !w->oom;
}

/* Each pair is hashed from a zero state and the results xor-ed, so the
 * value does not depend on the order of the pairs; the outer state is
 * saved under the pairs and mixed with the xor at the end. */
static Term walk_map(Walk *w, Term t)
{
    size_t n = map_size(t);
    hash1(&w->hash, (uint32_t)n, HCN(16));
    if (n == 0)
        return NONE;
    push(w, ITEM_SAVED, w->xor_pairs);
    push(w, ITEM_SAVED, w->hash);
    push(w, ITEM_MAP_TAIL, 0);
    w->hash = 0, w->xor_pairs = 0;
    map_each(t, push_pair, w);
    return NONE;
}

static Term walk_fun(Walk *w, Term t)
{
    const Term *p = boxed_ptr(t);
    if (hdr_kind(p[0]) == HDR_EXPORT) {
        hash2(&w->hash, (uint32_t)small_val(p[3]), atom_hvalue(p[1]), HC);
        hash1(&w->hash, atom_hvalue(p[2]), HCN(14));
        return NONE;
    }
    /* A local fun: erts mixes its module, index and unique number, which
     * are another VM's; the free variables are hashed as erts does. */
    size_t nfree = (size_t)hdr_arity(p[0]) - 1;
    hash2(&w->hash, (uint32_t)nfree, 0, HC);
    hash2(&w->hash, 0, 0, HC);
    if (nfree == 0)
        return NONE;
    for (size_t i = nfree - 1; i >= 1; i--)
        push(w, ITEM_TERM, p[2 + i]);
    return p[2];
}

/* Hashes one boxed term; returns its first part still to hash, or NONE. */
static Term walk_boxed(Walk *w, Term t)
{
    const Term *p = boxed_ptr(t);
    switch (hdr_kind(p[0])) {
    case HDR_TUPLE: return walk_tuple(w, t);
    case HDR_MAP: case HDR_HAMT_ROOT: return walk_map(w, t);
    case HDR_FUN: case HDR_EXPORT: return walk_fun(w, t);
    case HDR_FLOAT: hash_float(&w->hash, float_val(t)); return NONE;
    case HDR_BIGPOS: case HDR_BIGNEG: hash_big(&w->hash, t); return NONE;
    case HDR_HEAPBIN: case HDR_REFBIN: case HDR_SUBBIN:
        if (hash_bits(&w->hash, t) < 0)
            w->oom = true;
        return NONE;
    case HDR_REF: hash1(&w->hash, (uint32_t)p[1], HCN(7)); return NONE;
    case HDR_EXTREF: hash1(&w->hash, (uint32_t)p[4], HCN(7)); return NONE;
    case HDR_EXTPID: hash1(&w->hash, (uint32_t)p[2], HCN(5)); return NONE;
    default: return NONE;
    }
}

/* Hashes t as far as its first compound part; returns the next term to
 * hash directly (without popping), or NONE. */
static Term walk_one(Walk *w, Term t)
{
    if (is_small(t)) {
        hash_small(&w->hash, small_val(t));
    } else if (is_atom(t)) {
        /* The bare name hash when nothing came before (erts' fast path). */
        if (w->hash == 0)
            w->hash = atom_hvalue(t);
        else
            hash1(&w->hash, atom_hvalue(t), HCN(3));
    } else if (is_nil(t)) {
        if (w->hash == 0)
            w->hash = UINT32_C(3468870702);
        else
            hash1(&w->hash, 2, HCN(2)); /* erts' NIL_DEF */
    } else if (is_local_pid(t)) {
        hash1(&w->hash, (uint32_t)pid_index(t), HCN(5));
    } else if (is_cons(t)) {
        return walk_list(w, t);
    } else if (is_boxed(t)) {
        return walk_boxed(w, t);
    }
    return NONE;
}

/* Pops finished map bookkeeping; returns the next term, or NONE when the
 * walk is over. */
static Term next_term(Walk *w)
{
    while (w->n > 0) {
        Item it = w->items[--w->n];
        if (it.kind == ITEM_TERM)
            return (Term)it.v;
        if (it.kind == ITEM_MAP_PAIR) {
            w->xor_pairs ^= w->hash;
            w->hash = 0;
        } else if (it.kind == ITEM_MAP_TAIL) {
            uint32_t pairs = w->xor_pairs;
            w->hash = (uint32_t)w->items[--w->n].v;
            hash1(&w->hash, pairs, HCN(19));
            w->xor_pairs = (uint32_t)w->items[--w->n].v;
        }
    }
    return NONE;
}

int phash_term(Term t, uint32_t *out)
{
    Walk w = {.items = NULL, .n = 0, .cap = 32};
    w.items = w.local;
    while (t != NONE && !w.oom) {
        t = walk_one(&w, t);
        if (t == NONE)
            t = next_term(&w);
    }
    if (w.items != w.local)
        mem_free(MEM_SYSTEM, w.items, w.cap * sizeof *w.items);
    if (w.oom)
        return MOTE_ENOMEM;
    *out = w.hash;
    return 0;
}
