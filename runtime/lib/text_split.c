/* text_split.c — String.split/replace/contains?/starts_with?/ends_with?
 * on string patterns (one binary or a list of them), with Elixir's
 * options (parts:, trim:, global:). Regex patterns are handed to regex.c.
 *
 * Matching scans left to right; where several patterns match at one
 * position the longest wins (as :binary.split/3). An empty pattern
 * matches at every grapheme boundary, so "abc" splits on "" into
 * ["", "a", "b", "c", ""], as in Elixir.
 */
#include "bin.h"
#include "lib.h"
#include "mem.h"
#include "strbuf.h"
#include "text.h"
#include "utf8.h"

#define FCLAUSE(p, name, arity) lib_function_clause((p), "Elixir.String", (name), (arity))

static Term done(Proc *p, Term r) { return r == NONE ? lib_oom(p) : r; }


/* A binary, a list of binaries (possibly empty: it never matches), or
 * what :binary.compile_pattern/1 returned; false otherwise. */
bool text_pats(Term t, Pats *ps)
{
    ps->count = 0;
    ps->has_empty = false;
    if (is_tuple(t) && tuple_size(t) == 2 && tuple_get(t, 0) == atom_from_cstr("mote_cp"))
        t = tuple_get(t, 1);
    if (is_binary(t)) {
        lib_bytes(t, &ps->s[0], &ps->n[0]);
        ps->count = 1;
    } else {
        for (; is_cons(t) && ps->count < MAX_PATTERNS; t = list_tail(t)) {
            if (!lib_bytes(list_head(t), &ps->s[ps->count], &ps->n[ps->count]))
                return false;
            ps->count++;
        }
        if (t != NIL)
            return false;
    }
    for (size_t i = 0; i < ps->count; i++)
        if (ps->n[i] == 0)
            ps->has_empty = true;
    return true;
}

/* The first match at or after `from`: its position and length; false
 * when none. An empty pattern matches at `from` itself. */
bool text_next_match(const uint8_t *s, size_t n, size_t from, const Pats *ps, size_t *pos,
                       size_t *len)
{
    for (size_t i = from; i <= n; i++) {
        size_t best = 0;
        bool found = false;
        for (size_t k = 0; k < ps->count; k++)
            if (ps->n[k] <= n - i && memcmp(s + i, ps->s[k], ps->n[k]) == 0 &&
                (!found || ps->n[k] > best)) {
                best = ps->n[k];
                found = true;
            }
        if (found) {
            *pos = i, *len = best;
            return true;
        }
    }
    return false;
}

/* Where to search after a match at pos of len bytes: past it, or past
 * one grapheme for an empty match. */
static size_t after(const uint8_t *s, size_t n, size_t pos, size_t len)
{
    if (len)
        return pos + len;
    return pos < n ? pos + utf8_grapheme(s + pos, n - pos) : n + 1;
}

typedef struct Opts {
    int64_t parts;   /* 0 = infinity */
    bool trim;
    bool global;
} Opts;

static bool opts_of(Term kw, Opts *o)
{
    o->parts = 0, o->trim = false, o->global = true;
    for (; is_cons(kw); kw = list_tail(kw)) {
        Term kv = list_head(kw);
        if (!is_tuple(kv) || tuple_size(kv) != 2)
            return false;
        Term k = tuple_get(kv, 0), v = tuple_get(kv, 1);
        if (k == atom_from_cstr("parts"))
            o->parts = is_small(v) && small_val(v) > 0 ? small_val(v) : 0;
        else if (k == atom_from_cstr("trim"))
            o->trim = v == A(true);
        else if (k == atom_from_cstr("global"))
            o->global = v != A(false);
    }
    return kw == NIL;
}

/* Pieces of s between matches, as sub-binaries in a growing array. */
typedef struct Parts {
    Term *arr;
    size_t n, cap;
} Parts;

static bool parts_push(Parts *ps, Term t)
{
    if (t == NONE)
        return false;
    if (ps->n == ps->cap) {
        size_t ncap = ps->cap ? 2 * ps->cap : 16;
        Term *na = mem_realloc(MEM_SYSTEM, ps->arr, ps->cap * sizeof(Term), ncap * sizeof(Term));
        if (!na)
            return false;
        ps->arr = na, ps->cap = ncap;
    }
    ps->arr[ps->n++] = t;
    return true;
}

static Term split_string(Proc *p, Term bin, const Pats *pats, const Opts *o)
{
    const uint8_t *s;
    size_t n, start = 0, from = 0, pos, len;
    lib_bytes(bin, &s, &n);
    Parts out = {0};
    bool ok = true;
    while (ok && (o->parts == 0 || (int64_t)out.n < o->parts - 1) &&
           from <= n && text_next_match(s, n, from, pats, &pos, &len)) {
        if (!(o->trim && pos == start))
            ok = parts_push(&out, bin_sub(&p->heap, bin, start * 8, (pos - start) * 8));
        start = pos + len;
        from = after(s, n, pos, len);
    }
    if (ok && !(o->trim && start == n))
        ok = parts_push(&out, bin_sub(&p->heap, bin, start * 8, (n - start) * 8));
    Term r = ok ? lib_list(p, out.arr, out.n, NIL) : NONE;
    bif_charge(p, (uint32_t)(n / 16 + out.n / 4 + 1));
    if (out.arr)
        mem_free(MEM_SYSTEM, out.arr, out.cap * sizeof(Term));
    return done(p, r);
}

/* Whitespace for split/1: Unicode's, except the no-break spaces, which
 * Elixir does not split on. */
static bool split_space(const uint8_t *s, size_t n, size_t *len)
{
    uint32_t cp;
    *len = utf8_decode(s, n, &cp);
    return *len && utf8_is_space(cp) && cp != 0xA0 && cp != 0x2007 && cp != 0x202F;
}

/* split/1: on runs of Unicode whitespace, without empty pieces. */
static Term bif_split1(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(a[0], &s, &n))
        return FCLAUSE(p, "split", 1);
    Parts out = {0};
    bool ok = true;
    size_t i = 0;
    while (ok && i < n) {
        size_t len;
        while (i < n && split_space(s + i, n - i, &len))
            i += len;
        size_t start = i;
        while (i < n && !split_space(s + i, n - i, &len))
            i += len ? len : 1;
        if (i > start)
            ok = parts_push(&out, bin_sub(&p->heap, a[0], start * 8, (i - start) * 8));
    }
    Term r = ok ? lib_list(p, out.arr, out.n, NIL) : NONE;
    if (out.arr)
        mem_free(MEM_SYSTEM, out.arr, out.cap * sizeof(Term));
    bif_charge(p, (uint32_t)(n / 16 + 1));
    return done(p, r);
}

static Term split3(Proc *p, Term s, Term pat, Term kw)
{
    Pats pats;
    Opts o;
    if (!is_binary(s) || !opts_of(kw, &o))
        return FCLAUSE(p, "split", 3);
    if (regex_is(pat))
        return regex_split(p, pat, s, kw);
    if (!text_pats(pat, &pats))
        return FCLAUSE(p, "split", 3);
    return split_string(p, s, &pats, &o);
}

static Term bif_split2(Proc *p, const Term *a) { return split3(p, a[0], a[1], NIL); }
static Term bif_split3(Proc *p, const Term *a) { return split3(p, a[0], a[1], a[2]); }

static Term replace(Proc *p, const Term *a, Term kw)
{
    Pats pats;
    Opts o;
    const uint8_t *s, *r;
    size_t n, rn;
    if (!lib_bytes(a[0], &s, &n) || !opts_of(kw, &o))
        return FCLAUSE(p, "replace", 4);
    if (regex_is(a[1]))
        return regex_replace(p, a[1], a[0], a[2], kw);
    if (!text_pats(a[1], &pats))
        return FCLAUSE(p, "replace", 4);
    if (!lib_bytes(a[2], &r, &rn))
        return bif_raise_msg(p, "ArgumentError",
                             "String.replace/4 with a function replacement is not supported "
                             "by this builtin");
    Strbuf sb;
    strbuf_init(&sb);
    size_t start = 0, from = 0, pos, len;
    while (from <= n && text_next_match(s, n, from, &pats, &pos, &len)) {
        strbuf_put(&sb, s + start, pos - start);
        strbuf_put(&sb, r, rn);
        start = pos + len;
        from = after(s, n, pos, len);
        if (!o.global)
            break;
    }
    strbuf_put(&sb, s + start, n - start);
    bif_charge(p, (uint32_t)(n / 16 + 1));
    return done(p, lib_strbuf(p, &sb));
}

static Term bif_replace3(Proc *p, const Term *a) { return replace(p, a, NIL); }
static Term bif_replace4(Proc *p, const Term *a) { return replace(p, a, a[3]); }

enum { AT_ANY, AT_START, AT_END };

static Term find(Proc *p, const Term *a, int where, const char *fn)
{
    Pats pats;
    const uint8_t *s;
    size_t n, pos, len;
    if (!lib_bytes(a[0], &s, &n))
        return FCLAUSE(p, fn, 2);
    if (where == AT_ANY && regex_is(a[1]))
        return regex_match(p, a[1], a[0]);
    if (!text_pats(a[1], &pats))
        return FCLAUSE(p, fn, 2);
    bif_charge(p, (uint32_t)(n / 16 + 1));
    if (where == AT_ANY)
        return lib_bool(text_next_match(s, n, 0, &pats, &pos, &len));
    for (size_t k = 0; k < pats.count; k++) {
        size_t m = pats.n[k];
        if (m <= n && memcmp(where == AT_START ? s : s + n - m, pats.s[k], m) == 0)
            return A(true);
    }
    return A(false);
}

static Term bif_contains(Proc *p, const Term *a) { return find(p, a, AT_ANY, "contains?"); }
static Term bif_starts_with(Proc *p, const Term *a) { return find(p, a, AT_START, "starts_with?"); }
static Term bif_ends_with(Proc *p, const Term *a) { return find(p, a, AT_END, "ends_with?"); }

static Term bif_match(Proc *p, const Term *a)
{
    if (!is_binary(a[0]) || !regex_is(a[1]))
        return FCLAUSE(p, "match?", 2);
    return regex_match(p, a[1], a[0]);
}

/* next_codepoint/next_grapheme: {first, rest} or nil for "". */
static Term next_piece(Proc *p, Term bin, bool grapheme, const char *fn)
{
    const uint8_t *s;
    size_t n;
    uint32_t cp;
    if (!lib_bytes(bin, &s, &n))
        return FCLAUSE(p, fn, 1);
    if (n == 0)
        return A(nil);
    size_t len = grapheme ? utf8_grapheme(s, n) : utf8_decode(s, n, &cp);
    if (!len)
        len = 1;
    Term x = bin_sub(&p->heap, bin, 0, len * 8);
    Term y = x == NONE ? NONE : bin_sub(&p->heap, bin, len * 8, (n - len) * 8);
    return done(p, y == NONE ? NONE : lib_tuple2(p, x, y));
}

static Term bif_next_codepoint(Proc *p, const Term *a) { return next_piece(p, a[0], false, "next_codepoint"); }
static Term bif_next_grapheme(Proc *p, const Term *a) { return next_piece(p, a[0], true, "next_grapheme"); }

/* replace_leading/trailing (every repeat of match at that end) and
 * replace_prefix/suffix (one, and an empty match allowed). */
static Term replace_end(Proc *p, const Term *a, bool leading, bool repeat, const char *fn)
{
    const uint8_t *s, *m, *r;
    size_t n, mn, rn;
    if (!lib_bytes(a[0], &s, &n) || !lib_bytes(a[1], &m, &mn) || !lib_bytes(a[2], &r, &rn))
        return FCLAUSE(p, fn, 3);
    if (repeat && mn == 0)
        return bif_raise_msg(p, "ArgumentError",
                             "cannot use an empty string as the match to replace");
    size_t count = 0, at = 0, end = n;
    while (end - at >= mn && memcmp(leading ? s + at : s + end - mn, m, mn) == 0) {
        count++;
        if (leading)
            at += mn;
        else
            end -= mn;
        if (!repeat || mn == 0)
            break;
    }
    Strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; leading && i < count; i++)
        strbuf_put(&sb, r, rn);
    strbuf_put(&sb, s + at, end - at);
    for (size_t i = 0; !leading && i < count; i++)
        strbuf_put(&sb, r, rn);
    return done(p, lib_strbuf(p, &sb));
}

static Term bif_replace_leading(Proc *p, const Term *a) { return replace_end(p, a, true, true, "replace_leading"); }
static Term bif_replace_trailing(Proc *p, const Term *a) { return replace_end(p, a, false, true, "replace_trailing"); }
static Term bif_replace_prefix(Proc *p, const Term *a) { return replace_end(p, a, true, false, "replace_prefix"); }
static Term bif_replace_suffix(Proc *p, const Term *a) { return replace_end(p, a, false, false, "replace_suffix"); }

static const BifDef split_bifs[] = {
    {"Elixir.String", "match?", 2, BIF_PURE, bif_match, NULL},
    {"Elixir.String", "next_codepoint", 1, BIF_PURE, bif_next_codepoint, NULL},
    {"Elixir.String", "next_grapheme", 1, BIF_PURE, bif_next_grapheme, NULL},
    {"Elixir.String", "replace_leading", 3, BIF_PURE, bif_replace_leading, NULL},
    {"Elixir.String", "replace_trailing", 3, BIF_PURE, bif_replace_trailing, NULL},
    {"Elixir.String", "replace_prefix", 3, BIF_PURE, bif_replace_prefix, NULL},
    {"Elixir.String", "replace_suffix", 3, BIF_PURE, bif_replace_suffix, NULL},
    {"Elixir.String", "split", 1, BIF_PURE, bif_split1, NULL},
    {"Elixir.String", "split", 2, BIF_PURE, bif_split2, NULL},
    {"Elixir.String", "split", 3, BIF_PURE, bif_split3, NULL},
    {"Elixir.String", "replace", 3, BIF_PURE, bif_replace3, NULL},
    {"Elixir.String", "replace", 4, BIF_PURE, bif_replace4, NULL},
    /* lib/ex/string.ex defines String.replace/3,4 (for fun replacements)
     * and passes the rest here. */
    {"Elixir.String", "__replace__", 4, BIF_PURE, bif_replace4, NULL},
    {"Elixir.String", "contains?", 2, BIF_PURE, bif_contains, NULL},
    {"Elixir.String", "starts_with?", 2, BIF_PURE, bif_starts_with, NULL},
    {"Elixir.String", "ends_with?", 2, BIF_PURE, bif_ends_with, NULL},
};

int text_split_register(void)
{
    return bif_register(split_bifs, LIB_NDEFS(split_bifs));
}
