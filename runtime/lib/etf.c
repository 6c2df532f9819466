/* etf.c — the external term format codec (etf.h).
 *
 * Encoding walks the term with an explicit stack of terms still to
 * write, so nesting depth costs heap, not C stack. Decoding builds
 * containers first and fills their slots as the bytes arrive: the stack
 * holds the addresses of slots still empty, plus a marker that builds a
 * map once all its keys and values are in. Every count read from the
 * input is checked against the bytes left before anything is allocated:
 * each element takes at least one byte, and so does each slot still
 * waiting, so a lying header cannot ask for more memory than the input
 * could describe, however its containers nest.
 */
#include <stdio.h>
#include <stdlib.h>

#include "atom.h"
#include "bin.h"
#include "big.h"
#include "err.h"
#include "etf.h"
#include "map.h"
#include "mem.h"
#include "utf8.h"

enum {
    NEW_FLOAT_EXT = 70, BIT_BINARY_EXT = 77, NEW_PID_EXT = 88, NEWER_REFERENCE_EXT = 90,
    SMALL_INTEGER_EXT = 97, INTEGER_EXT = 98, FLOAT_EXT = 99, ATOM_EXT = 100,
    PID_EXT = 103, SMALL_TUPLE_EXT = 104, LARGE_TUPLE_EXT = 105, NIL_EXT = 106,
    STRING_EXT = 107, LIST_EXT = 108, BINARY_EXT = 109, SMALL_BIG_EXT = 110,
    LARGE_BIG_EXT = 111, EXPORT_EXT = 113, NEW_REFERENCE_EXT = 114, SMALL_ATOM_EXT = 115,
    MAP_EXT = 116, ATOM_UTF8_EXT = 118, SMALL_ATOM_UTF8_EXT = 119,
};

/* ---- a growable stack of words ------------------------------------------- */

typedef struct Words {
    Term *w;
    size_t n, cap;
} Words;

static bool words_push(Words *s, Term t)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        Term *w = mem_alloc(MEM_SYSTEM, cap * sizeof(Term));
        if (!w)
            return false;
        if (s->n)
            memcpy(w, s->w, s->n * sizeof(Term));
        if (s->w)
            mem_free(MEM_SYSTEM, s->w, s->cap * sizeof(Term));
        s->w = w, s->cap = cap;
    }
    s->w[s->n++] = t;
    return true;
}

static void words_free(Words *s)
{
    if (s->w)
        mem_free(MEM_SYSTEM, s->w, s->cap * sizeof(Term));
}

/* Reverses the top k words, so what was pushed first is popped first. */
static void words_flip(Words *s, size_t k)
{
    if (k < 2)
        return;
    for (size_t i = s->n - k, j = s->n - 1; i < j; i++, j--) {
        Term t = s->w[i];
        s->w[i] = s->w[j];
        s->w[j] = t;
    }
}

/* ---- encoding ------------------------------------------------------------ */

static void put_u8(Strbuf *b, unsigned v) { strbuf_putc(b, (char)(uint8_t)v); }

static void put_u16(Strbuf *b, unsigned v)
{
    put_u8(b, (v >> 8) & 0xFF);
    put_u8(b, v & 0xFF);
}

static void put_u32(Strbuf *b, uint32_t v)
{
    put_u16(b, v >> 16);
    put_u16(b, v & 0xFFFF);
}

/* An atom: latin-1 text as ATOM_EXT unless minor_version 2 asks for
 * UTF-8, which any other atom gets anyway (OTP 25's choice). */
static void put_atom(Strbuf *b, Term a, unsigned minor)
{
    size_t len;
    const uint8_t *s = (const uint8_t *)atom_text(a, &len);
    uint8_t latin[256];
    size_t n = 0;
    bool is_latin = minor < 2;
    for (size_t i = 0; is_latin && i < len;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, len - i, &cp);
        if (k == 0 || cp > 255 || n == sizeof latin)
            is_latin = false;
        else
            latin[n++] = (uint8_t)cp, i += k;
    }
    if (is_latin) {
        put_u8(b, ATOM_EXT);
        put_u16(b, (unsigned)n);
        strbuf_put(b, latin, n);
    } else if (len <= 255) {
        put_u8(b, SMALL_ATOM_UTF8_EXT);
        put_u8(b, (unsigned)len);
        strbuf_put(b, s, len);
    } else {
        put_u8(b, ATOM_UTF8_EXT);
        put_u16(b, (unsigned)len);
        strbuf_put(b, s, len);
    }
}

/* An integer's magnitude as little-endian bytes with a sign. */
static void put_big(Strbuf *b, const uint64_t *limbs, size_t nlimbs, bool neg)
{
    size_t nbytes = nlimbs * 8;
    while (nbytes > 0 && ((limbs[(nbytes - 1) / 8] >> (8 * ((nbytes - 1) % 8))) & 0xFF) == 0)
        nbytes--;
    if (nbytes <= 255) {
        put_u8(b, SMALL_BIG_EXT);
        put_u8(b, (unsigned)nbytes);
    } else {
        put_u8(b, LARGE_BIG_EXT);
        put_u32(b, (uint32_t)nbytes);
    }
    put_u8(b, neg);
    for (size_t i = 0; i < nbytes; i++)
        put_u8(b, (limbs[i / 8] >> (8 * (i % 8))) & 0xFF);
}

static void put_small(Strbuf *b, int64_t v)
{
    if (v >= 0 && v <= 255) {
        put_u8(b, SMALL_INTEGER_EXT);
        put_u8(b, (unsigned)v);
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
        put_u8(b, INTEGER_EXT);
        put_u32(b, (uint32_t)(int32_t)v);
    } else {
        uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        put_big(b, &mag, 1, v < 0);
    }
}

static void put_float(Strbuf *b, double d, unsigned minor)
{
    if (minor == 0) { /* FLOAT_EXT: "%.20e" in a 31-byte field */
        char text[32] = {0};
        snprintf(text, sizeof text, "%.20e", d);
        put_u8(b, FLOAT_EXT);
        strbuf_put(b, text, 31);
        return;
    }
    uint64_t w;
    memcpy(&w, &d, sizeof w);
    put_u8(b, NEW_FLOAT_EXT);
    put_u32(b, (uint32_t)(w >> 32));
    put_u32(b, (uint32_t)w);
}

static void put_bits(Strbuf *b, Term t)
{
    const uint8_t *p;
    size_t off, bits;
    bin_bits(t, &p, &off, &bits);
    size_t n = (bits + 7) / 8, rest = bits % 8;
    put_u8(b, rest ? BIT_BINARY_EXT : BINARY_EXT);
    put_u32(b, (uint32_t)n);
    if (rest)
        put_u8(b, (unsigned)rest);
    size_t last = bits ? (off + bits - 1) / 8 : 0;
    for (size_t i = 0; i < n; i++) {
        unsigned v = off ? (unsigned)(uint8_t)(p[i] << off) | (i + 1 <= last ? p[i + 1] >> (8 - off) : 0)
                         : p[i];
        if (i == n - 1 && rest)
            v &= 0xFF00u >> rest;
        put_u8(b, v & 0xFF);
    }
}

static void put_pid(Strbuf *b, Term node, uint32_t id, uint32_t serial, uint32_t creation)
{
    put_u8(b, NEW_PID_EXT);
    put_atom(b, node, 1);
    put_u32(b, id);
    put_u32(b, serial);
    put_u32(b, creation);
}

static void put_ref(Strbuf *b, Term t, const EtfEncOpts *o)
{
    const Term *p = boxed_ptr(t);
    uint32_t ids[8];
    size_t n;
    Term node = o->node;
    uint32_t creation = 0;
    if (is_boxed_kind(t, HDR_REF)) {
        ids[0] = (uint32_t)p[1], ids[1] = (uint32_t)(p[1] >> 32), ids[2] = (uint32_t)p[2];
        ids[3] = (uint32_t)(p[2] >> 32);
        n = ids[3] ? 4 : 3;
    } else { /* HDR_EXTREF: [node][creation][nwords][ids, two per word] */
        size_t room = hdr_arity(p[0]) > 3 ? (size_t)hdr_arity(p[0]) - 3 : 0;
        size_t nw = (size_t)p[3] < room ? (size_t)p[3] : room;
        n = 2 * (nw < 4 ? nw : 4);
        for (size_t i = 0; i < n; i++)
            ids[i] = (uint32_t)(i % 2 ? p[4 + i / 2] >> 32 : p[4 + i / 2]);
        node = p[1], creation = (uint32_t)p[2];
    }
    put_u8(b, NEWER_REFERENCE_EXT);
    put_u16(b, (unsigned)n);
    put_atom(b, node, 1);
    put_u32(b, creation);
    for (size_t i = 0; i < n; i++)
        put_u32(b, ids[i]);
}

/* A list: STRING_EXT when it is a proper list of bytes that fits one,
 * else LIST_EXT with its elements and tail pushed for the walk. */
static bool put_list(Strbuf *b, Term t, Words *todo)
{
    size_t n = 0;
    bool bytes = true;
    Term x = t;
    for (; is_cons(x); x = list_tail(x), n++)
        bytes = bytes && is_small(list_head(x)) && (uint64_t)small_val(list_head(x)) <= 255;
    if (bytes && x == NIL && n < 65536) {
        put_u8(b, STRING_EXT);
        put_u16(b, (unsigned)n);
        for (x = t; is_cons(x); x = list_tail(x))
            put_u8(b, (unsigned)small_val(list_head(x)));
        return true;
    }
    put_u8(b, LIST_EXT);
    put_u32(b, (uint32_t)n);
    for (x = t; is_cons(x); x = list_tail(x))
        if (!words_push(todo, list_head(x)))
            return false;
    if (!words_push(todo, x))
        return false;
    words_flip(todo, n + 1);
    return true;
}

static bool push_pair(Term key, Term value, void *ctx)
{
    Words *todo = ctx;
    return words_push(todo, key) && words_push(todo, value);
}

/* Pushes a map's pairs in :maps.to_list order, as OTP 25 writes them. */
static bool put_map(Strbuf *b, Term t, Words *todo)
{
    size_t n = map_size(t), before = todo->n;
    put_u8(b, MAP_EXT);
    put_u32(b, (uint32_t)n);
    map_each(t, push_pair, todo);
    if (todo->n != before + 2 * n)
        return false;
    words_flip(todo, 2 * n);
    return true;
}

static bool put_tuple(Strbuf *b, Term t, Words *todo)
{
    size_t n = tuple_size(t);
    if (n <= 255) {
        put_u8(b, SMALL_TUPLE_EXT);
        put_u8(b, (unsigned)n);
    } else {
        put_u8(b, LARGE_TUPLE_EXT);
        put_u32(b, (uint32_t)n);
    }
    for (size_t i = n; i-- > 0;)
        if (!words_push(todo, tuple_get(t, i)))
            return false;
    return true;
}

/* One boxed term: 0, MOTE_EBADARG (a local fun) or MOTE_ENOMEM. */
static int put_boxed(Strbuf *b, Term t, const EtfEncOpts *o, Words *todo)
{
    const Term *p = boxed_ptr(t);
    switch (hdr_kind(p[0])) {
    case HDR_TUPLE: return put_tuple(b, t, todo) ? 0 : MOTE_ENOMEM;
    case HDR_MAP:
    case HDR_HAMT_ROOT: return put_map(b, t, todo) ? 0 : MOTE_ENOMEM;
    case HDR_FLOAT: put_float(b, float_val(t), o->minor_version); return 0;
    case HDR_BIGPOS:
    case HDR_BIGNEG:
        put_big(b, p + 1, (size_t)hdr_arity(p[0]), hdr_kind(p[0]) == HDR_BIGNEG);
        return 0;
    case HDR_HEAPBIN:
    case HDR_REFBIN:
    case HDR_SUBBIN: put_bits(b, t); return 0;
    case HDR_EXTPID: put_pid(b, p[1], (uint32_t)p[2], (uint32_t)p[3], (uint32_t)p[4]); return 0;
    case HDR_REF:
    case HDR_EXTREF: put_ref(b, t, o); return 0;
    case HDR_EXPORT:
        put_u8(b, EXPORT_EXT);
        put_atom(b, p[1], o->minor_version);
        put_atom(b, p[2], o->minor_version);
        put_small(b, small_val(p[3]));
        return 0;
    default: return MOTE_EBADARG; /* local funs and VM internals */
    }
}

int etf_encode(Term t, const EtfEncOpts *o, Strbuf *out)
{
    Words todo = {0};
    int rc = 0;
    put_u8(out, ETF_VERSION);
    for (;;) {
        if (is_small(t))
            put_small(out, small_val(t));
        else if (is_atom(t))
            put_atom(out, t, o->minor_version);
        else if (t == NIL)
            put_u8(out, NIL_EXT);
        else if (is_local_pid(t))
            put_pid(out, o->node, (uint32_t)pid_index(t), (uint32_t)pid_serial(t), 0);
        else if (is_cons(t))
            rc = put_list(out, t, &todo) ? 0 : MOTE_ENOMEM;
        else if (is_boxed(t))
            rc = put_boxed(out, t, o, &todo);
        else
            rc = MOTE_EBADARG;
        if (rc != 0 || todo.n == 0)
            break;
        t = todo.w[--todo.n];
    }
    words_free(&todo);
    if (rc == 0 && strbuf_failed(out))
        rc = MOTE_ENOMEM;
    return rc;
}

/* ---- decoding ------------------------------------------------------------ */

/* A stack entry is the address of a slot to fill, or (low bit set) a
 * map's scratch tuple, keys then values, with the map's slot below it. */
#define MAP_MARK UINT64_C(1)

typedef struct Dec {
    Heap *h;
    const uint8_t *p;
    size_t len, pos;
    const EtfDecOpts *o;
    Words todo;
    size_t slots; /* slots in todo still to fill: a byte each at least */
} Dec;

static bool has(const Dec *d, size_t n) { return d->len - d->pos >= n; }

/* Room for n more elements: bytes for them beyond those the slots
 * already waiting will take. */
static bool room(const Dec *d, size_t n)
{
    size_t left = d->len - d->pos;
    return left >= d->slots && left - d->slots >= n;
}

static uint32_t get_u8(Dec *d) { return d->p[d->pos++]; }

static uint32_t get_u16(Dec *d)
{
    uint32_t v = (uint32_t)d->p[d->pos] << 8 | d->p[d->pos + 1];
    d->pos += 2;
    return v;
}

static uint32_t get_u32(Dec *d)
{
    const uint8_t *s = d->p + d->pos;
    d->pos += 4;
    return (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
}

/* An atom of any of the four encodings; latin-1 text becomes UTF-8. */
static int get_atom(Dec *d, Term *out)
{
    if (!has(d, 1))
        return MOTE_EPROTO;
    unsigned tag = get_u8(d);
    bool wide = tag == ATOM_EXT || tag == ATOM_UTF8_EXT;
    bool utf8 = tag == ATOM_UTF8_EXT || tag == SMALL_ATOM_UTF8_EXT;
    if (!wide && tag != SMALL_ATOM_EXT && tag != SMALL_ATOM_UTF8_EXT)
        return MOTE_EPROTO;
    if (!has(d, wide ? 2 : 1))
        return MOTE_EPROTO;
    size_t n = wide ? get_u16(d) : get_u8(d);
    if (!has(d, n))
        return MOTE_EPROTO;
    const uint8_t *s = d->p + d->pos;
    d->pos += n;
    uint8_t text[2 * 255];
    size_t len = 0;
    if (utf8) {
        if (n > sizeof text || !utf8_valid(s, n) || utf8_count(s, n) > 255)
            return MOTE_EPROTO;
        memcpy(text, s, n);
        len = n;
    } else {
        if (n > 255)
            return MOTE_EPROTO;
        for (size_t i = 0; i < n; i++)
            len += utf8_encode(s[i], text + len);
    }
    *out = d->o->safe ? atom_lookup((const char *)text, len) : atom_intern((const char *)text, len);
    if (*out == NONE)
        return d->o->safe ? MOTE_EINVAL : MOTE_ENOMEM;
    return 0;
}

/* n bytes of little-endian magnitude with a sign, as an integer. */
static int get_big(Dec *d, size_t n, bool neg, Term *out)
{
    if (!has(d, n))
        return MOTE_EPROTO;
    const uint8_t *s = d->p + d->pos;
    d->pos += n;
    while (n > 0 && s[n - 1] == 0)
        n--;
    size_t nl = (n + 7) / 8;
    if (nl <= 1) {
        uint64_t mag = 0;
        for (size_t i = n; i-- > 0;)
            mag = mag << 8 | s[i];
        if (!neg)
            *out = int_from_u64(d->h, mag);
        else if (mag <= (UINT64_C(1) << 63))
            *out = int_from_i64(d->h, mag == (UINT64_C(1) << 63) ? INT64_MIN : -(int64_t)mag);
        else
            goto boxed;
        return *out == NONE ? MOTE_ENOMEM : 0;
    }
boxed:;
    Term *hp = heap_alloc(d->h, 1 + nl);
    if (!hp)
        return MOTE_ENOMEM;
    hp[0] = make_header(neg ? HDR_BIGNEG : HDR_BIGPOS, nl);
    memset(hp + 1, 0, nl * sizeof(Term));
    for (size_t i = 0; i < n; i++)
        hp[1 + i / 8] |= (uint64_t)s[i] << (8 * (i % 8));
    *out = make_boxed(hp);
    return 0;
}

static int get_float(Dec *d, bool text, Term *out)
{
    double v;
    if (text) { /* FLOAT_EXT: 31 bytes of "%.20e", NUL padded */
        if (!has(d, 31))
            return MOTE_EPROTO;
        char buf[32] = {0};
        memcpy(buf, d->p + d->pos, 31);
        d->pos += 31;
        char *end;
        v = strtod(buf, &end);
        if (end == buf)
            return MOTE_EPROTO;
    } else {
        if (!has(d, 8))
            return MOTE_EPROTO;
        uint64_t w = (uint64_t)get_u32(d) << 32;
        w |= get_u32(d);
        memcpy(&v, &w, sizeof v);
    }
    if (v != v || v - v != 0) /* NaN or infinite: no such Erlang float */
        return MOTE_EPROTO;
    *out = float_new(d->h, v);
    return *out == NONE ? MOTE_ENOMEM : 0;
}

static int get_binary(Dec *d, bool bits, Term *out)
{
    if (!has(d, bits ? 5 : 4))
        return MOTE_EPROTO;
    size_t n = get_u32(d), last = bits ? get_u8(d) : 8;
    if (!has(d, n) || (bits && (n == 0 ? last != 0 : last < 1 || last > 8)))
        return MOTE_EPROTO;
    size_t size_bits = n == 0 ? 0 : (n - 1) * 8 + last;
    *out = bin_new_bits(d->h, d->p + d->pos, size_bits);
    d->pos += n;
    return *out == NONE ? MOTE_ENOMEM : 0;
}

static int get_string(Dec *d, Term *out)
{
    if (!has(d, 2))
        return MOTE_EPROTO;
    size_t n = get_u16(d);
    if (!has(d, n))
        return MOTE_EPROTO;
    Term *hp = n ? heap_alloc(d->h, 2 * n) : NULL;
    if (n && !hp)
        return MOTE_ENOMEM;
    Term list = NIL;
    for (size_t i = n; i-- > 0;) {
        hp[2 * i] = make_small(d->p[d->pos + i]);
        hp[2 * i + 1] = list;
        list = make_list(hp + 2 * i);
    }
    d->pos += n;
    *out = list;
    return 0;
}

static bool push_slot(Dec *d, Term *slot)
{
    d->slots++;
    return words_push(&d->todo, (Term)(uintptr_t)slot);
}

/* LIST_EXT: n cons cells now, their heads and the tail filled later. */
static int get_list(Dec *d, Term *slot)
{
    if (!has(d, 4))
        return MOTE_EPROTO;
    size_t n = get_u32(d);
    if (!room(d, n + 1)) /* each element and the tail take a byte at least */
        return MOTE_EPROTO;
    if (n == 0)
        return push_slot(d, slot) ? 0 : MOTE_ENOMEM;
    Term *hp = heap_alloc(d->h, 2 * n);
    if (!hp)
        return MOTE_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        hp[2 * i] = NIL;
        hp[2 * i + 1] = i + 1 < n ? make_list(hp + 2 * i + 2) : NIL;
    }
    *slot = make_list(hp);
    if (!push_slot(d, hp + 2 * n - 1))
        return MOTE_ENOMEM;
    for (size_t i = n; i-- > 0;)
        if (!push_slot(d, hp + 2 * i))
            return MOTE_ENOMEM;
    return 0;
}

static int get_tuple(Dec *d, bool large, Term *slot)
{
    if (!has(d, large ? 4 : 1))
        return MOTE_EPROTO;
    size_t n = large ? get_u32(d) : get_u8(d);
    if (!room(d, n))
        return MOTE_EPROTO;
    Term *hp = heap_alloc(d->h, 1 + n);
    if (!hp)
        return MOTE_ENOMEM;
    hp[0] = make_header(HDR_TUPLE, n);
    for (size_t i = 0; i < n; i++)
        hp[1 + i] = NIL;
    *slot = make_boxed(hp);
    for (size_t i = n; i-- > 0;)
        if (!push_slot(d, hp + 1 + i))
            return MOTE_ENOMEM;
    return 0;
}

/* MAP_EXT: keys and values go to a scratch tuple (keys, then values);
 * the marker under them builds the map once they are all in. */
static int get_map(Dec *d, Term *slot)
{
    if (!has(d, 4))
        return MOTE_EPROTO;
    size_t n = get_u32(d);
    if (n > (d->len - d->pos) / 2 || !room(d, 2 * n))
        return MOTE_EPROTO;
    Term *hp = heap_alloc(d->h, 1 + 2 * n);
    if (!hp)
        return MOTE_ENOMEM;
    hp[0] = make_header(HDR_TUPLE, 2 * n);
    for (size_t i = 0; i < 2 * n; i++)
        hp[1 + i] = NIL;
    *slot = NIL;
    /* The map's own slot is filled by the marker, from no byte. */
    if (!words_push(&d->todo, (Term)(uintptr_t)slot) ||
        !words_push(&d->todo, (Term)(uintptr_t)hp | MAP_MARK))
        return MOTE_ENOMEM;
    for (size_t i = n; i-- > 0;)
        if (!push_slot(d, hp + 1 + n + i) || !push_slot(d, hp + 1 + i))
            return MOTE_ENOMEM;
    return 0;
}

/* Builds a decoded map; a key given twice makes the input invalid, as
 * the BEAM finds it. */
static int finish_map(Dec *d, Term *scratch)
{
    size_t n = (size_t)hdr_arity(scratch[0]) / 2;
    Term *slot = (Term *)(uintptr_t)d->todo.w[--d->todo.n];
    *slot = map_from_pairs(d->h, n, scratch + 1, scratch + 1 + n);
    if (*slot == NONE)
        return MOTE_ENOMEM;
    return map_size(*slot) == n ? 0 : MOTE_EPROTO;
}

static int get_pid(Dec *d, bool wide, Term *out)
{
    Term node;
    int rc = get_atom(d, &node);
    if (rc != 0)
        return rc;
    if (!has(d, wide ? 12 : 9))
        return MOTE_EPROTO;
    uint32_t id = get_u32(d), serial = get_u32(d), creation = wide ? get_u32(d) : get_u8(d);
    if (node == d->o->node && id <= PID_INDEX_MASK) {
        *out = make_pid((uint64_t)serial << PID_INDEX_BITS | id);
        return 0;
    }
    Term *hp = heap_alloc(d->h, 5);
    if (!hp)
        return MOTE_ENOMEM;
    hp[0] = make_header(HDR_EXTPID, 4);
    hp[1] = node, hp[2] = id, hp[3] = serial, hp[4] = creation;
    *out = make_boxed(hp);
    return 0;
}

static int get_ref(Dec *d, bool wide, Term *out)
{
    if (!has(d, 2))
        return MOTE_EPROTO;
    size_t n = get_u16(d);
    Term node;
    int rc = get_atom(d, &node);
    if (rc != 0)
        return rc;
    if (n == 0 || n > 5 || !has(d, (wide ? 4 : 1) + 4 * n))
        return MOTE_EPROTO;
    uint32_t creation = wide ? get_u32(d) : get_u8(d), ids[6] = {0};
    for (size_t i = 0; i < n; i++)
        ids[i] = get_u32(d);
    bool local = node == d->o->node && n <= 4;
    size_t nw = (n + 1) / 2, words = local ? 2 : 3 + nw;
    Term *hp = heap_alloc(d->h, 1 + words);
    if (!hp)
        return MOTE_ENOMEM;
    hp[0] = make_header(local ? HDR_REF : HDR_EXTREF, words);
    if (local) {
        hp[1] = ids[0] | (uint64_t)ids[1] << 32;
        hp[2] = ids[2] | (uint64_t)ids[3] << 32;
    } else {
        hp[1] = node, hp[2] = creation, hp[3] = nw;
        for (size_t i = 0; i < nw; i++)
            hp[4 + i] = ids[2 * i] | (uint64_t)ids[2 * i + 1] << 32;
    }
    *out = make_boxed(hp);
    return 0;
}

static int get_export(Dec *d, Term *out)
{
    Term mod, fun;
    int rc = get_atom(d, &mod);
    if (rc == 0)
        rc = get_atom(d, &fun);
    if (rc != 0)
        return rc;
    if (!has(d, 2) || get_u8(d) != SMALL_INTEGER_EXT)
        return MOTE_EPROTO;
    Term *hp = heap_alloc(d->h, 4);
    if (!hp)
        return MOTE_ENOMEM;
    hp[0] = make_header(HDR_EXPORT, 3);
    hp[1] = mod, hp[2] = fun, hp[3] = make_small(get_u8(d));
    *out = make_boxed(hp);
    return 0;
}

/* Reads one term's tag and fills *slot, pushing the slots of its parts. */
static int get_term(Dec *d, Term *slot)
{
    if (!has(d, 1))
        return MOTE_EPROTO;
    unsigned tag = d->p[d->pos];
    if (tag == ATOM_EXT || tag == SMALL_ATOM_EXT || tag == ATOM_UTF8_EXT || tag == SMALL_ATOM_UTF8_EXT)
        return get_atom(d, slot);
    d->pos++;
    switch (tag) {
    case SMALL_INTEGER_EXT:
        if (!has(d, 1))
            return MOTE_EPROTO;
        *slot = make_small(get_u8(d));
        return 0;
    case INTEGER_EXT:
        if (!has(d, 4))
            return MOTE_EPROTO;
        *slot = make_small((int32_t)get_u32(d));
        return 0;
    case SMALL_BIG_EXT:
    case LARGE_BIG_EXT: {
        bool large = tag == LARGE_BIG_EXT;
        if (!has(d, large ? 5 : 2))
            return MOTE_EPROTO;
        size_t n = large ? get_u32(d) : get_u8(d);
        bool neg = get_u8(d) != 0; /* any sign byte but 0 is negative, as OTP reads it */
        return get_big(d, n, neg, slot);
    }
    case NEW_FLOAT_EXT: return get_float(d, false, slot);
    case FLOAT_EXT: return get_float(d, true, slot);
    case NIL_EXT: *slot = NIL; return 0;
    case STRING_EXT: return get_string(d, slot);
    case LIST_EXT: return get_list(d, slot);
    case SMALL_TUPLE_EXT: return get_tuple(d, false, slot);
    case LARGE_TUPLE_EXT: return get_tuple(d, true, slot);
    case MAP_EXT: return get_map(d, slot);
    case BINARY_EXT: return get_binary(d, false, slot);
    case BIT_BINARY_EXT: return get_binary(d, true, slot);
    case NEW_PID_EXT: return get_pid(d, true, slot);
    case PID_EXT: return get_pid(d, false, slot);
    case NEWER_REFERENCE_EXT: return get_ref(d, true, slot);
    case NEW_REFERENCE_EXT: return get_ref(d, false, slot);
    case EXPORT_EXT: return get_export(d, slot);
    default: return MOTE_EPROTO;
    }
}

int etf_decode(Heap *h, const uint8_t *p, size_t len, const EtfDecOpts *o, Term *out,
               size_t *used)
{
    if (len < 2 || p[0] != ETF_VERSION)
        return MOTE_EPROTO;
    Dec d = {.h = h, .p = p, .len = len, .pos = 1, .o = o};
    Term result = NIL;
    int rc = push_slot(&d, &result) ? 0 : MOTE_ENOMEM;
    while (rc == 0 && d.todo.n > 0) {
        Term e = d.todo.w[--d.todo.n];
        if (e & MAP_MARK) {
            rc = finish_map(&d, (Term *)(uintptr_t)(e & ~MAP_MARK));
        } else {
            d.slots--;
            rc = get_term(&d, (Term *)(uintptr_t)e);
        }
    }
    words_free(&d.todo);
    if (rc != 0)
        return rc;
    *out = result;
    *used = d.pos;
    return 0;
}
