/* term.c — Erlang's total order over terms, equality, and hashing.
 *
 * Order: number < atom < reference < fun < port < pid < tuple < map < []
 * < list < bitstring. Both the comparator and the hasher walk terms with
 * an explicit stack of frames, never C recursion, so a million-deep list
 * or tuple nest is just a longer loop. The stack starts on the C stack and
 * moves to mem_alloc'd memory only when a term is deep.
 *
 * Invariant: term_hash(a) == term_hash(b) whenever term_eq_exact(a, b);
 * map.c relies on it, and on the hash depending only on the value (no
 * addresses), so it is the same in every process and every run.
 */
#include <math.h>

#include "atom.h"
#include "big.h"
#include "bin.h"
#include "err.h"
#include "map.h"
#include "mem.h"
#include "term.h"

/* ---- growable frame stacks ---------------------------------------------
 * Both walkers keep frames in an array that starts in a local buffer. The
 * only failure is running out of memory while walking a huge term, which
 * these functions have no way to report (they return an order or a hash),
 * so it is fatal. */
#define LOCAL_FRAMES 64

static void *grow_frames(void *buf, const void *local, size_t *cap, size_t elem)
{
    size_t ncap = *cap * 2;
    void *nbuf;
    if (buf == local) {
        nbuf = mem_alloc(MEM_SYSTEM, ncap * elem);
        if (nbuf)
            memcpy(nbuf, buf, *cap * elem);
    } else {
        nbuf = mem_realloc(MEM_SYSTEM, buf, *cap * elem, ncap * elem);
    }
    if (!nbuf)
        mote_panic("term: out of memory walking a term %zu frames deep", *cap);
    *cap = ncap;
    return nbuf;
}

static void free_frames(void *buf, const void *local, size_t cap, size_t elem)
{
    if (buf != local)
        mem_free(MEM_SYSTEM, buf, cap * elem);
}

/* ---- classification ---------------------------------------------------- */

int term_order_class(Term t)
{
    switch (term_tag(t)) {
    case TAG_SMALL: return 0;
    case TAG_ATOM: return 1;
    case TAG_PID: return 5;
    case TAG_LIST: return 9;
    case TAG_SPECIAL: return t == NIL ? 8 : 11;
    case TAG_BOXED: break;
    default: return 11;
    }
    if (t == NONE)
        return 11;
    switch (hdr_kind(boxed_header(t))) {
    case HDR_FLOAT: case HDR_BIGPOS: case HDR_BIGNEG: return 0;
    case HDR_REF: case HDR_EXTREF: return 2;
    case HDR_FUN: case HDR_EXPORT: return 3;
    case HDR_EXTPID: return 5;
    case HDR_TUPLE: return 6;
    case HDR_MAP: case HDR_HAMT_ROOT: return 7;
    case HDR_HEAPBIN: case HDR_REFBIN: case HDR_SUBBIN: return 10;
    default: return 11; /* internal objects: never values */
    }
}

static int cmp_u64(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }
static int cmp_i64(int64_t a, int64_t b) { return a < b ? -1 : a > b; }

/* ---- numbers ----------------------------------------------------------- */

/* A small integer against a double, exactly: the integer is never rounded
 * to a double (2^53 + 1 must stay above 2^53 as a float). */
static int small_vs_double(int64_t v, double d)
{
    if (d != d)
        return 0; /* no NaN in Erlang; keep the order total anyway */
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    int64_t t = (int64_t)d; /* truncation of an in-range double is exact */
    if (v != t)
        return v < t ? -1 : 1;
    double frac = d - (double)t;
    return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

static int int_vs_double(Term i, double d)
{
    return is_small(i) ? small_vs_double(small_val(i), d) : int_cmp_double(i, d);
}

/* In exact mode every integer orders before every float (OTP's map key
 * order: %{1.5 => a, 2 => b} lists 2 first), so that === never holds
 * across kinds. -0.0 and 0.0 are equal even then, as in OTP 25 (the
 * release mote's outputs are checked against; OTP 27 tells them apart):
 * 0.0 === -0.0, one map key, and a 0.0 pattern matches -0.0. */
static int cmp_numbers(Term a, Term b, bool exact)
{
    bool fa = is_float(a), fb = is_float(b);
    if (exact && fa != fb)
        return fa ? 1 : -1;
    if (!fa && !fb) {
        if (is_small(a) && is_small(b))
            return cmp_i64(small_val(a), small_val(b));
        int r = int_cmp(a, b);
        return r < 0 ? -1 : r > 0;
    }
    if (fa && fb) {
        double x = float_val(a), y = float_val(b);
        if (x != y)
            return x < y ? -1 : 1;
        return 0;
    }
    int r = fa ? -int_vs_double(b, float_val(a)) : int_vs_double(a, float_val(b));
    return r < 0 ? -1 : r > 0;
}

/* ---- atoms, pids, refs ------------------------------------------------- */

/* Atoms order by their UTF-8 text, bytewise, a prefix first. */
static int cmp_atoms(Term a, Term b)
{
    if (a == b)
        return 0;
    size_t la, lb;
    const char *ta = atom_text(a, &la), *tb = atom_text(b, &lb);
    if (!ta || !tb)
        return cmp_u64(a, b);
    int r = memcmp(ta, tb, la < lb ? la : lb);
    if (r != 0)
        return r < 0 ? -1 : 1;
    return cmp_u64(la, lb);
}

/* Pids: by node, then serial, then number (the slot index), as the BEAM
 * orders them (#PID<0.5.0> < #PID<0.4.1>): a reused slot's newer pid sorts
 * after the older generation, so a small map keyed by pids (a
 * DynamicSupervisor's children) lists a restarted child last, as Elixir's
 * does. A local pid's node is this node, whose name term.c cannot see;
 * local pids order before every external one, which keeps the order total
 * and stable. */
static int cmp_pids(Term a, Term b)
{
    bool la = is_local_pid(a), lb = is_local_pid(b);
    if (la && lb) {
        int r = cmp_u64(pid_serial(a), pid_serial(b));
        return r ? r : cmp_u64(pid_index(a), pid_index(b));
    }
    if (la != lb)
        return la ? -1 : 1;
    const Term *pa = boxed_ptr(a), *pb = boxed_ptr(b);
    int r = cmp_atoms(pa[1], pb[1]);
    for (int i = 2; r == 0 && i <= 4; i++)
        r = cmp_u64(pa[i], pb[i]);
    return r;
}

/* Refs: local ones by their id words, before external ones; external
 * ones by node, creation, then id words. */
static int cmp_refs(Term a, Term b)
{
    const Term *pa = boxed_ptr(a), *pb = boxed_ptr(b);
    bool la = hdr_kind(pa[0]) == HDR_REF, lb = hdr_kind(pb[0]) == HDR_REF;
    if (la != lb)
        return la ? -1 : 1;
    if (la) {
        int r = cmp_u64(pa[1], pb[1]);
        return r ? r : cmp_u64(pa[2], pb[2]);
    }
    int r = cmp_atoms(pa[1], pb[1]);
    if (r == 0)
        r = cmp_u64(pa[2], pb[2]);
    if (r == 0)
        r = cmp_u64(pa[3], pb[3]);
    for (uint64_t i = 0; r == 0 && i < (pa[3] + 1) / 2; i++)
        r = cmp_u64(pa[4 + i], pb[4 + i]);
    return r;
}

/* ---- bitstrings -------------------------------------------------------- */

/* `n` (1..8) bits starting at bit `pos` of p, MSB first, right-aligned. */
static unsigned get_bits(const uint8_t *p, size_t pos, unsigned n)
{
    size_t byte = pos >> 3;
    unsigned shift = pos & 7;
    unsigned w = (unsigned)p[byte] << 8;
    if (shift + n > 8)
        w |= p[byte + 1];
    return (w >> (16 - shift - n)) & ((1u << n) - 1);
}

/* Bitstrings: bit by bit over the common length, then the shorter first. */
static int cmp_bits(Term a, Term b)
{
    const uint8_t *pa, *pb;
    size_t oa, ob, sa, sb;
    bin_bits(a, &pa, &oa, &sa);
    bin_bits(b, &pb, &ob, &sb);
    size_t common = sa < sb ? sa : sb;
    if (oa == 0 && ob == 0 && common >= 8) {
        int r = memcmp(pa, pb, common / 8);
        if (r != 0)
            return r < 0 ? -1 : 1;
    } else {
        for (size_t i = 0; i + 8 <= common; i += 8) {
            unsigned x = get_bits(pa, oa + i, 8), y = get_bits(pb, ob + i, 8);
            if (x != y)
                return x < y ? -1 : 1;
        }
    }
    unsigned rest = (unsigned)(common & 7);
    if (rest) {
        size_t at = common - rest;
        unsigned x = get_bits(pa, oa + at, rest), y = get_bits(pb, ob + at, rest);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return cmp_u64(sa, sb);
}

/* ---- the comparator ---------------------------------------------------- */

/* A run of n pairs still to compare: a[i] against b[i]. */
typedef struct CmpFrame {
    const Term *a, *b;
    size_t n;
    bool exact;
} CmpFrame;

/* Sorted key/value arrays of HAMT maps, freed when the walk ends. */
typedef struct CmpBuf {
    struct CmpBuf *next;
    size_t bytes;
    Term words[];
} CmpBuf;

typedef struct CmpWalk {
    CmpFrame *frames;
    size_t len, cap;
    CmpBuf *bufs;
    CmpFrame local[LOCAL_FRAMES];
} CmpWalk;

static void cmp_push(CmpWalk *w, const Term *a, const Term *b, size_t n, bool exact)
{
    if (n == 0)
        return;
    if (w->len == w->cap)
        w->frames = grow_frames(w->frames, w->local, &w->cap, sizeof(CmpFrame));
    w->frames[w->len++] = (CmpFrame){a, b, n, exact};
}

/* Points keys and vals at the map's pairs in key order. Flat maps are
 * already sorted; a HAMT is sorted into a buffer owned by the walk. */
static void map_pairs(CmpWalk *w, Term m, size_t n, const Term **keys, const Term **vals)
{
    const Term *p = boxed_ptr(m);
    if (hdr_kind(p[0]) == HDR_MAP) {
        *keys = tuple_elems(p[1]);
        *vals = p + 2;
        return;
    }
    size_t bytes = sizeof(CmpBuf) + 2 * n * sizeof(Term);
    CmpBuf *buf = mem_alloc(MEM_SYSTEM, bytes);
    if (!buf)
        mote_panic("term: out of memory sorting a map of %zu keys", n);
    buf->next = w->bufs;
    buf->bytes = bytes;
    w->bufs = buf;
    map_sorted(m, buf->words, buf->words + n);
    *keys = buf->words;
    *vals = buf->words + n;
}

/* Maps: by size, then keys in (exact) order, then values in key order.
 * The key run is pushed last so it is compared first. */
static int cmp_maps(CmpWalk *w, Term a, Term b, bool exact)
{
    size_t na = map_size(a), nb = map_size(b);
    if (na != nb)
        return na < nb ? -1 : 1;
    const Term *ka, *va, *kb, *vb;
    map_pairs(w, a, na, &ka, &va);
    map_pairs(w, b, nb, &kb, &vb);
    cmp_push(w, va, vb, na, exact);
    cmp_push(w, ka, kb, na, true);
    return 0;
}

/* Funs: closures before exports; closures by definition (a stable address
 * for the life of the code), then free variables; exports by module,
 * function and arity. */
static int cmp_funs(CmpWalk *w, Term a, Term b, bool exact)
{
    const Term *pa = boxed_ptr(a), *pb = boxed_ptr(b);
    HdrKind ka = hdr_kind(pa[0]), kb = hdr_kind(pb[0]);
    if (ka != kb)
        return ka == HDR_FUN ? -1 : 1;
    if (ka == HDR_EXPORT) {
        cmp_push(w, pa + 1, pb + 1, 3, exact);
        return 0;
    }
    int r = cmp_u64(pa[1], pb[1]);
    if (r == 0)
        r = cmp_u64(hdr_arity(pa[0]), hdr_arity(pb[0]));
    if (r == 0)
        cmp_push(w, pa + 2, pb + 2, hdr_arity(pa[0]) - 1, exact);
    return r;
}

/* Compares one pair as far as it can without looking inside children;
 * children still to compare are pushed as runs. */
static int cmp_one(CmpWalk *w, Term a, Term b, bool exact)
{
    if (a == b)
        return 0;
    int ca = term_order_class(a), cb = term_order_class(b);
    if (ca != cb)
        return ca < cb ? -1 : 1;
    switch (ca) {
    case 0: return cmp_numbers(a, b, exact);
    case 1: return cmp_atoms(a, b);
    case 2: return cmp_refs(a, b);
    case 3: return cmp_funs(w, a, b, exact);
    case 5: return cmp_pids(a, b);
    case 6: {
        size_t na = tuple_size(a), nb = tuple_size(b);
        if (na != nb)
            return na < nb ? -1 : 1;
        cmp_push(w, tuple_elems(a), tuple_elems(b), na, exact);
        return 0;
    }
    case 7: return cmp_maps(w, a, b, exact);
    case 8: return 0;
    case 9:
        /* A cons cell is the run [head, tail]: when the head is done, the
         * frame is spent and the tail's cell replaces it, so a long list
         * never deepens the stack. */
        cmp_push(w, list_ptr(a), list_ptr(b), 2, exact);
        return 0;
    case 10: return cmp_bits(a, b);
    default: return cmp_u64(a, b);
    }
}

static int cmp_walk(Term a, Term b, bool exact)
{
    /* Map lookups compare immediates most of the time: skip the walk. */
    if (is_small(a) && is_small(b))
        return cmp_i64(small_val(a), small_val(b));
    if (is_atom(a) && is_atom(b))
        return cmp_atoms(a, b);
    CmpWalk w;
    w.frames = w.local;
    w.len = 0;
    w.cap = LOCAL_FRAMES;
    w.bufs = NULL;
    int r;
    for (;;) {
        r = cmp_one(&w, a, b, exact);
        if (r != 0 || w.len == 0)
            break;
        CmpFrame *f = &w.frames[w.len - 1];
        a = *f->a++;
        b = *f->b++;
        exact = f->exact;
        if (--f->n == 0)
            w.len--;
    }
    while (w.bufs) {
        CmpBuf *next = w.bufs->next;
        mem_free(MEM_SYSTEM, w.bufs, w.bufs->bytes);
        w.bufs = next;
    }
    free_frames(w.frames, w.local, w.cap, sizeof(CmpFrame));
    return r;
}

int term_cmp(Term a, Term b) { return cmp_walk(a, b, false); }
int term_cmp_exact(Term a, Term b) { return cmp_walk(a, b, true); }
bool term_eq(Term a, Term b) { return a == b || cmp_walk(a, b, false) == 0; }
bool term_eq_exact(Term a, Term b) { return a == b || cmp_walk(a, b, true) == 0; }

/* ---- hashing ----------------------------------------------------------- */

#define HASH_SEED UINT64_C(0x6d6f74652d746572) /* "mote-ter" */

/* Distinct per kind, so 1 and 1.0, or {} and [], never collide by
 * construction. */
enum { H_INT = 1, H_FLOAT, H_ATOM, H_REF, H_FUN, H_EXPORT, H_PID, H_TUPLE, H_MAP,
       H_NIL, H_CONS, H_BITS, H_OTHER };

/* A 64-bit finaliser: multiply-xorshift rounds, every input bit reaching
 * every output bit. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 31;
    x *= UINT64_C(0x7fb5d329728ea185);
    x ^= x >> 27;
    x *= UINT64_C(0x81dadef4bc2dd44d);
    x ^= x >> 33;
    return x;
}

static uint64_t absorb(uint64_t h, uint64_t x)
{
    return mix64(h + UINT64_C(0x9e3779b97f4a7c15) + x);
}

typedef enum HashOp { HOP_TERM, HOP_PAIR_START, HOP_PAIR_END, HOP_MAP_END } HashOp;

/* One pending step. PAIR_END adds the pair's hash to the MAP_END frame at
 * `at`; MAP_END folds the (order-free) sum into the hash saved in `v`. */
typedef struct HashFrame {
    HashOp op;
    Term t;
    uint64_t v;   /* MAP_END: the hash before the map */
    uint64_t sum; /* MAP_END: sum of pair hashes      */
    size_t at;    /* PAIR_END: index of its MAP_END   */
} HashFrame;

typedef struct HashWalk {
    HashFrame *frames;
    size_t len, cap;
    uint64_t seed;
    size_t map_at; /* while pushing a map's pairs: its MAP_END frame */
    HashFrame local[LOCAL_FRAMES];
} HashWalk;

static void hash_push(HashWalk *w, HashOp op, Term t, size_t at)
{
    if (w->len == w->cap)
        w->frames = grow_frames(w->frames, w->local, &w->cap, sizeof(HashFrame));
    w->frames[w->len++] = (HashFrame){.op = op, .t = t, .at = at};
}

static void hash_push_terms(HashWalk *w, const Term *ts, size_t n)
{
    while (n > 0)
        hash_push(w, HOP_TERM, ts[--n], 0);
}

/* Frames for one pair, popped as: START, key, value, END. */
static bool push_pair(Term key, Term value, void *ctx)
{
    HashWalk *w = ctx;
    hash_push(w, HOP_PAIR_END, NONE, w->map_at);
    hash_push(w, HOP_TERM, value, 0);
    hash_push(w, HOP_TERM, key, 0);
    hash_push(w, HOP_PAIR_START, NONE, 0);
    return true;
}

static uint64_t hash_bits(uint64_t h, Term t)
{
    const uint8_t *p;
    size_t off, size;
    bin_bits(t, &p, &off, &size);
    h = absorb(h, H_BITS + ((uint64_t)size << 8));
    uint64_t word = 0;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        unsigned byte = off ? get_bits(p, off + i, 8) : p[i / 8];
        word = (word << 8) | byte;
        if ((i / 8) % 8 == 7) {
            h = absorb(h, word);
            word = 0;
        }
    }
    if (i < size)
        word = (word << 8) | get_bits(p, off + i, (unsigned)(size - i));
    return absorb(h, word);
}

static uint64_t hash_map(HashWalk *w, uint64_t h, Term t)
{
    h = absorb(h, H_MAP + ((uint64_t)map_size(t) << 8));
    hash_push(w, HOP_MAP_END, NONE, 0);
    w->frames[w->len - 1].v = h;
    w->map_at = w->len - 1;
    const Term *p = boxed_ptr(t);
    if (hdr_kind(p[0]) == HDR_MAP) {
        size_t n = hdr_arity(p[0]) - 1;
        for (size_t i = 0; i < n; i++)
            push_pair(tuple_get(p[1], i), p[2 + i], w);
    } else {
        map_each(t, push_pair, w);
    }
    return h;
}

static uint64_t hash_boxed(HashWalk *w, uint64_t h, Term t)
{
    const Term *p = boxed_ptr(t);
    size_t n = hdr_arity(p[0]);
    switch (hdr_kind(p[0])) {
    case HDR_TUPLE:
        hash_push_terms(w, p + 1, n);
        return absorb(h, H_TUPLE + ((uint64_t)n << 8));
    case HDR_FLOAT:
        /* -0.0 hashes as 0.0: the two are the same key (see cmp_numbers). */
        return absorb(absorb(h, H_FLOAT), float_val(t) == 0.0 ? 0 : p[1]);
    case HDR_BIGPOS: case HDR_BIGNEG: return absorb(absorb(h, H_INT), int_hash(t, w->seed));
    case HDR_HEAPBIN: case HDR_REFBIN: case HDR_SUBBIN: return hash_bits(h, t);
    case HDR_MAP: case HDR_HAMT_ROOT: return hash_map(w, h, t);
    case HDR_FUN:
        /* The FunDef address is fixed while its code is loaded, which is
         * as long as the closure can exist; it is the one part of a hash
         * that differs between runs. */
        hash_push_terms(w, p + 2, n - 1);
        return absorb(absorb(h, H_FUN), p[1]);
    case HDR_EXPORT:
        hash_push_terms(w, p + 1, 3);
        return absorb(h, H_EXPORT);
    case HDR_REF: return absorb(absorb(absorb(h, H_REF), p[1]), p[2]);
    case HDR_EXTPID:
        h = absorb(absorb(h, H_PID), atom_hash(p[1]));
        return absorb(absorb(absorb(h, p[2]), p[3]), p[4]);
    case HDR_EXTREF:
        h = absorb(absorb(absorb(h, H_REF), atom_hash(p[1])), p[2]);
        for (size_t i = 3; i <= n; i++)
            h = absorb(h, p[i]);
        return h;
    default:
        for (size_t i = 0; i <= n; i++)
            h = absorb(h, p[i]);
        return h;
    }
}

static uint64_t hash_one(HashWalk *w, uint64_t h, Term t)
{
    switch (term_tag(t)) {
    case TAG_SMALL: return absorb(absorb(h, H_INT), (uint64_t)small_val(t));
    case TAG_ATOM: return absorb(absorb(h, H_ATOM), atom_hash(t));
    case TAG_PID: return absorb(absorb(h, H_PID), pid_num(t));
    case TAG_LIST:
        hash_push(w, HOP_TERM, list_tail(t), 0);
        hash_push(w, HOP_TERM, list_head(t), 0);
        return absorb(h, H_CONS);
    case TAG_SPECIAL: return absorb(h, t == NIL ? H_NIL : H_OTHER + t);
    case TAG_BOXED:
        if (t != NONE)
            return hash_boxed(w, h, t);
        return absorb(h, H_OTHER);
    default: return absorb(h, H_OTHER + t);
    }
}

uint64_t term_hash_seeded(Term t, uint64_t seed)
{
    HashWalk w;
    w.frames = w.local;
    w.len = 0;
    w.cap = LOCAL_FRAMES;
    w.seed = seed;
    w.map_at = 0;
    uint64_t h = mix64(seed ^ HASH_SEED);
    h = hash_one(&w, h, t);
    while (w.len > 0) {
        HashFrame f = w.frames[--w.len];
        switch (f.op) {
        case HOP_TERM: h = hash_one(&w, h, f.t); break;
        case HOP_PAIR_START: h = mix64(seed + H_MAP); break;
        case HOP_PAIR_END: w.frames[f.at].sum += mix64(h); break;
        case HOP_MAP_END: h = absorb(f.v, f.sum); break;
        }
    }
    free_frames(w.frames, w.local, w.cap, sizeof(HashFrame));
    return h;
}

uint64_t term_hash(Term t)
{
    return term_hash_seeded(t, 0);
}
