/* text.c — Elixir's String module over UTF-8 binaries: lengths, slices
 * and positions in graphemes (utf8.h's approximation), case mapping,
 * trimming, padding, conversions. Splitting and replacing on string
 * patterns are text_split.c; regex patterns go to regex.c.
 *
 * A non-binary where Elixir has a guard raises FunctionClauseError for
 * String.fun/arity, as Elixir's own clauses do.
 */
#include "bin.h"
#include "inspect.h"
#include "lib.h"
#include "map.h"
#include "mem.h"
#include "strbuf.h"
#include "text.h"
#include "utf8.h"

#define FCLAUSE(p, name, arity) lib_function_clause((p), "Elixir.String", (name), (arity))

static Term done(Proc *p, Term r) { return r == NONE ? lib_oom(p) : r; }

int text_graphemes(const uint8_t *s, size_t n, size_t **offs)
{
    size_t cap = n + 1, k = 0;
    size_t *o = mem_alloc(MEM_SYSTEM, cap * sizeof(size_t));
    if (!o)
        return -1;
    for (size_t i = 0; i < n; i += utf8_grapheme(s + i, n - i))
        o[k++] = i;
    o[k] = n;
    *offs = o;
    return (int)k;
}

void text_graphemes_free(size_t *offs, size_t n_bytes)
{
    mem_free(MEM_SYSTEM, offs, (n_bytes + 1) * sizeof(size_t));
}

/* ---- lengths and positions ---------------------------------------------- */

static Term bif_length(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n, count = 0;
    if (!lib_bytes(a[0], &s, &n))
        return FCLAUSE(p, "length", 1);
    for (size_t i = 0; i < n; i += utf8_grapheme(s + i, n - i))
        count++;
    bif_charge(p, (uint32_t)(n / 32 + 1));
    return make_small((int64_t)count);
}

/* A sub-binary of graphemes [from, to) of s (offs from text_graphemes). */
static Term graphemes_slice(Proc *p, Term bin, const size_t *offs, int64_t from, int64_t to)
{
    if (to <= from)
        return lib_bin(p, "", 0);
    return bin_sub(&p->heap, bin, offs[from] * 8, (offs[to] - offs[from]) * 8);
}

/* Graphemes of a binary argument, or false after raising. */
typedef struct Gs {
    const uint8_t *s;
    size_t n;       /* bytes */
    size_t *offs;   /* count + 1 offsets */
    int64_t count;
} Gs;

static bool gs_init(Proc *p, Term bin, Gs *g, const char *fn, unsigned arity)
{
    if (!lib_bytes(bin, &g->s, &g->n)) {
        FCLAUSE(p, fn, arity);
        return false;
    }
    int c = text_graphemes(g->s, g->n, &g->offs);
    if (c < 0) {
        lib_oom(p);
        return false;
    }
    g->count = c;
    bif_charge(p, (uint32_t)(g->n / 32 + 1));
    return true;
}

static void gs_fini(Gs *g) { text_graphemes_free(g->offs, g->n); }

static Term bif_at(Proc *p, const Term *a)
{
    Gs g;
    if (!is_small(a[1]))
        return FCLAUSE(p, "at", 2);
    if (!gs_init(p, a[0], &g, "at", 2))
        return NONE;
    int64_t i = small_val(a[1]);
    if (i < 0)
        i += g.count;
    Term r = i < 0 || i >= g.count ? A(nil) : graphemes_slice(p, a[0], g.offs, i, i + 1);
    gs_fini(&g);
    return done(p, r);
}

static Term first_last(Proc *p, Term bin, bool last)
{
    Gs g;
    if (!gs_init(p, bin, &g, last ? "last" : "first", 1))
        return NONE;
    Term r = g.count == 0 ? A(nil)
             : last       ? graphemes_slice(p, bin, g.offs, g.count - 1, g.count)
                          : graphemes_slice(p, bin, g.offs, 0, 1);
    gs_fini(&g);
    return done(p, r);
}

static Term bif_first(Proc *p, const Term *a) { return first_last(p, a[0], false); }
static Term bif_last(Proc *p, const Term *a) { return first_last(p, a[0], true); }

/* slice(s, start, len) in graphemes. */
static Term bif_slice3(Proc *p, const Term *a)
{
    if (!is_small(a[1]) || !is_small(a[2]) || small_val(a[2]) < 0)
        return FCLAUSE(p, "slice", 3);
    Gs g;
    if (!gs_init(p, a[0], &g, "slice", 3))
        return NONE;
    int64_t start = small_val(a[1]), len = small_val(a[2]);
    if (start < 0)
        start = start + g.count < 0 ? 0 : start + g.count;
    if (start > g.count)
        start = g.count;
    int64_t end = start + len > g.count ? g.count : start + len;
    Term r = graphemes_slice(p, a[0], g.offs, start, end);
    gs_fini(&g);
    return done(p, r);
}

bool text_range(Term r, int64_t *first, int64_t *last, int64_t *step)
{
    if (!is_map(r) || map_get(r, A(__struct__)) != lib_alias("Range"))
        return false;
    Term f = map_get(r, atom_from_cstr("first")), l = map_get(r, atom_from_cstr("last"));
    Term s = map_get(r, atom_from_cstr("step"));
    if (f == NONE || l == NONE || !is_small(f) || !is_small(l))
        return false;
    *first = small_val(f), *last = small_val(l);
    *step = s != NONE && is_small(s) ? small_val(s) : (*first <= *last ? 1 : -1);
    return true;
}

/* Builds the graphemes first..last (inclusive) every step into one
 * binary. */
static Term slice_stepped(Proc *p, Term bin, const Gs *g, int64_t first, int64_t last,
                          int64_t step)
{
    if (step == 1)
        return graphemes_slice(p, bin, g->offs, first, last + 1);
    Strbuf sb;
    strbuf_init(&sb);
    for (int64_t i = first; i <= last; i += step)
        strbuf_put(&sb, g->s + g->offs[i], g->offs[i + 1] - g->offs[i]);
    Term r = lib_strbuf(p, &sb);
    return r;
}

/* slice(s, first..last//step): negative ends count from the end; a
 * decreasing range without an explicit step reads as step 1 (1.14). */
static Term bif_slice2(Proc *p, const Term *a)
{
    int64_t first, last, step;
    if (!text_range(a[1], &first, &last, &step))
        return FCLAUSE(p, "slice", 2);
    if (step < 0 && !(step == -1 && first > last))
        return bif_raise_msg(p, "ArgumentError",
                             "String.slice/2 does not accept ranges with negative steps");
    if (step < 0)
        step = 1;
    Gs g;
    if (!gs_init(p, a[0], &g, "slice", 2))
        return NONE;
    if (first < 0)
        first = first + g.count < 0 ? 0 : first + g.count;
    if (last < 0)
        last += g.count;
    if (last >= g.count)
        last = g.count - 1;
    Term r = first > last || first >= g.count ? lib_bin(p, "", 0)
                                              : slice_stepped(p, a[0], &g, first, last, step);
    gs_fini(&g);
    return done(p, r);
}

static Term bif_split_at(Proc *p, const Term *a)
{
    if (!is_small(a[1]))
        return FCLAUSE(p, "split_at", 2);
    Gs g;
    if (!gs_init(p, a[0], &g, "split_at", 2))
        return NONE;
    int64_t i = small_val(a[1]);
    if (i < 0)
        i = i + g.count < 0 ? 0 : i + g.count;
    if (i > g.count)
        i = g.count;
    Term x = graphemes_slice(p, a[0], g.offs, 0, i);
    Term y = graphemes_slice(p, a[0], g.offs, i, g.count);
    gs_fini(&g);
    if (x == NONE || y == NONE)
        return lib_oom(p);
    return done(p, lib_tuple2(p, x, y));
}

static Term bif_reverse(Proc *p, const Term *a)
{
    Gs g;
    if (!gs_init(p, a[0], &g, "reverse", 1))
        return NONE;
    Strbuf sb;
    strbuf_init(&sb);
    for (int64_t i = g.count - 1; i >= 0; i--)
        strbuf_put(&sb, g.s + g.offs[i], g.offs[i + 1] - g.offs[i]);
    gs_fini(&g);
    return done(p, lib_strbuf(p, &sb));
}

/* graphemes/1 and codepoints/1: a list of one-element binaries. */
static Term pieces(Proc *p, Term bin, bool codepoints, const char *fn)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(bin, &s, &n))
        return FCLAUSE(p, fn, 1);
    size_t cap = n ? n : 1, k = 0;
    Term *arr = mem_alloc(MEM_SYSTEM, cap * sizeof(Term));
    if (!arr)
        return lib_oom(p);
    Term r = NONE;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = codepoints ? utf8_decode(s + i, n - i, &cp) : utf8_grapheme(s + i, n - i);
        if (!len)
            len = 1;
        if ((arr[k++] = bin_sub(&p->heap, bin, i * 8, len * 8)) == NONE)
            goto out;
        i += len;
    }
    r = lib_list(p, arr, k, NIL);
    bif_charge(p, (uint32_t)(k / 8 + 1));
out:
    mem_free(MEM_SYSTEM, arr, cap * sizeof(Term));
    return done(p, r);
}

static Term bif_graphemes(Proc *p, const Term *a) { return pieces(p, a[0], false, "graphemes"); }
static Term bif_codepoints(Proc *p, const Term *a) { return pieces(p, a[0], true, "codepoints"); }

/* ---- case ---------------------------------------------------------------- */

enum { CASE_UP, CASE_DOWN, CASE_TITLE };
enum { VAR_DEFAULT, VAR_ASCII, VAR_GREEK, VAR_TURKIC };

/* Ligatures U+FB00..FB06 and ß, whose capitals are two or three
 * letters ("ﬁ" → "FI", title "Fi"). */
static const char *const ligatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};

static bool put_multi(Strbuf *sb, uint32_t cp, int mode)
{
    const char *low = cp == 0xDF ? "ss" : cp >= 0xFB00 && cp <= 0xFB06 ? ligatures[cp - 0xFB00] : NULL;
    if (!low || mode == CASE_DOWN)
        return false;
    for (size_t i = 0; low[i]; i++)
        strbuf_putc(sb, (char)(mode == CASE_UP || i == 0 ? low[i] - 32 : low[i]));
    return true;
}

static bool is_letter(uint32_t cp) { return utf8_upper(cp) != cp || utf8_lower(cp) != cp; }

/* Appends one code point in the given case. next is the code point
 * after it (0 at the end), prev_letter whether a letter came before
 * (for Greek final sigma). */
static void put_cased(Strbuf *sb, uint32_t cp, int mode, int var, uint32_t next, bool prev_letter)
{
    uint8_t u[4];
    uint32_t c;
    if (var == VAR_ASCII) {
        c = cp < 0x80 ? (mode == CASE_DOWN ? utf8_lower(cp) : utf8_upper(cp)) : cp;
    } else if (put_multi(sb, cp, mode)) {
        return;
    } else if (mode == CASE_DOWN && cp == 0x130) {
        strbuf_puts(sb, var == VAR_TURKIC ? "i" : "i\xcc\x87"); /* i + U+0307 */
        return;
    } else if (var == VAR_TURKIC && mode == CASE_DOWN && cp == 'I') {
        c = 0x131;
    } else if (var == VAR_TURKIC && mode != CASE_DOWN && cp == 'i') {
        c = 0x130;
    } else if (var == VAR_GREEK && mode == CASE_DOWN && cp == 0x3A3 && prev_letter &&
               !is_letter(next)) {
        c = 0x3C2;
    } else {
        c = mode == CASE_DOWN ? utf8_lower(cp) : utf8_upper(cp);
    }
    strbuf_put(sb, u, utf8_encode(c, u));
}

/* Case-maps s into sb; capitalize: title case for the first code point,
 * lower case for the rest. Invalid bytes pass through. */
static void case_map(const uint8_t *s, size_t n, int mode, int var, Strbuf *sb)
{
    bool prev_letter = false;
    for (size_t i = 0; i < n;) {
        uint32_t cp, next = 0;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (!len) {
            strbuf_putc(sb, (char)s[i++]);
            prev_letter = false;
            continue;
        }
        if (i + len < n && !utf8_decode(s + i + len, n - i - len, &next))
            next = 0;
        int m = mode == CASE_TITLE ? (i == 0 ? CASE_TITLE : CASE_DOWN) : mode;
        put_cased(sb, cp, m, var, next, prev_letter);
        prev_letter = is_letter(cp);
        i += len;
    }
}

static Term change_case(Proc *p, const Term *a, unsigned arity, int mode, const char *fn)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(a[0], &s, &n) || (arity == 2 && !is_atom(a[1])))
        return FCLAUSE(p, fn, 2); /* Elixir's /1 is a default argument of /2 */
    int var = VAR_DEFAULT;
    if (arity == 2 && a[1] == atom_from_cstr("ascii"))
        var = VAR_ASCII;
    else if (arity == 2 && a[1] == atom_from_cstr("greek"))
        var = VAR_GREEK;
    else if (arity == 2 && a[1] == atom_from_cstr("turkic"))
        var = VAR_TURKIC;
    else if (arity == 2 && a[1] != atom_from_cstr("default"))
        return FCLAUSE(p, fn, 2);
    Strbuf sb;
    strbuf_init(&sb);
    case_map(s, n, mode, var, &sb);
    bif_charge(p, (uint32_t)(n / 16 + 1));
    return done(p, lib_strbuf(p, &sb));
}

static Term bif_upcase(Proc *p, const Term *a) { return change_case(p, a, 1, CASE_UP, "upcase"); }
static Term bif_upcase2(Proc *p, const Term *a) { return change_case(p, a, 2, CASE_UP, "upcase"); }
static Term bif_downcase(Proc *p, const Term *a) { return change_case(p, a, 1, CASE_DOWN, "downcase"); }
static Term bif_downcase2(Proc *p, const Term *a) { return change_case(p, a, 2, CASE_DOWN, "downcase"); }
static Term bif_capitalize(Proc *p, const Term *a) { return change_case(p, a, 1, CASE_TITLE, "capitalize"); }
static Term bif_capitalize2(Proc *p, const Term *a) { return change_case(p, a, 2, CASE_TITLE, "capitalize"); }

/* ---- trimming ------------------------------------------------------------ */

/* Leading/trailing whitespace (to_trim == NULL) or repeats of to_trim. */
static size_t lead_len(const uint8_t *s, size_t n, const uint8_t *t, size_t tn)
{
    size_t i = 0;
    uint32_t cp;
    if (t) {
        while (tn && n - i >= tn && memcmp(s + i, t, tn) == 0)
            i += tn;
        return i;
    }
    for (size_t len; i < n && (len = utf8_decode(s + i, n - i, &cp)) && utf8_is_space(cp);)
        i += len;
    return i;
}

static size_t trail_len(const uint8_t *s, size_t n, const uint8_t *t, size_t tn)
{
    size_t end = n;
    if (t) {
        while (tn && end >= tn && memcmp(s + end - tn, t, tn) == 0)
            end -= tn;
        return n - end;
    }
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && (s[start] & 0xC0) == 0x80 && end - start < 4)
            start--;
        uint32_t cp;
        if (utf8_decode(s + start, end - start, &cp) != end - start || !utf8_is_space(cp))
            break;
        end = start;
    }
    return n - end;
}

enum { TRIM_LEAD = 1, TRIM_TRAIL = 2 };

static Term trim(Proc *p, const Term *a, unsigned arity, int which, const char *fn)
{
    const uint8_t *s, *t = NULL;
    size_t n, tn = 0;
    if (!lib_bytes(a[0], &s, &n) || (arity == 2 && !lib_bytes(a[1], &t, &tn)))
        return FCLAUSE(p, fn, arity);
    size_t lead = which & TRIM_LEAD ? lead_len(s, n, t, tn) : 0;
    size_t trail = which & TRIM_TRAIL ? trail_len(s + lead, n - lead, t, tn) : 0;
    bif_charge(p, 1);
    return done(p, bin_sub(&p->heap, a[0], lead * 8, (n - lead - trail) * 8));
}

static Term bif_trim(Proc *p, const Term *a) { return trim(p, a, 1, 3, "trim"); }
static Term bif_trim2(Proc *p, const Term *a) { return trim(p, a, 2, 3, "trim"); }
static Term bif_trim_leading(Proc *p, const Term *a) { return trim(p, a, 1, 1, "trim_leading"); }
static Term bif_trim_leading2(Proc *p, const Term *a) { return trim(p, a, 2, 1, "trim_leading"); }
static Term bif_trim_trailing(Proc *p, const Term *a) { return trim(p, a, 1, 2, "trim_trailing"); }
static Term bif_trim_trailing2(Proc *p, const Term *a) { return trim(p, a, 2, 2, "trim_trailing"); }

/* ---- padding and duplication ---------------------------------------------- */

/* The padding of pad_leading/trailing as pieces: the graphemes of a
 * binary, or the elements of a list of binaries. False when neither or
 * empty. */
typedef struct Pads {
    const uint8_t *s[256];
    size_t n[256];
    size_t count;
} Pads;

static bool pads_of(Term t, Pads *ps)
{
    const uint8_t *s;
    size_t n;
    ps->count = 0;
    if (lib_bytes(t, &s, &n)) {
        for (size_t i = 0; i < n && ps->count < 256;) {
            size_t len = utf8_grapheme(s + i, n - i);
            ps->s[ps->count] = s + i, ps->n[ps->count++] = len;
            i += len;
        }
        return ps->count > 0;
    }
    for (; is_cons(t) && ps->count < 256; t = list_tail(t)) {
        size_t k = ps->count++;
        if (!lib_bytes(list_head(t), &ps->s[k], &ps->n[k]))
            return false;
    }
    return t == NIL && ps->count > 0;
}

static Term pad(Proc *p, const Term *a, unsigned arity, bool leading, const char *fn)
{
    Pads pads = {.s = {(const uint8_t *)" "}, .n = {1}, .count = 1};
    if (!is_small(a[1]) || small_val(a[1]) < 0 || (arity == 3 && !pads_of(a[2], &pads)))
        return FCLAUSE(p, fn, 3);
    Gs g;
    if (!gs_init(p, a[0], &g, fn, 3))
        return NONE;
    int64_t want = small_val(a[1]) - g.count;
    gs_fini(&g);
    if (want <= 0)
        return a[0];
    Strbuf sb;
    strbuf_init(&sb);
    const uint8_t *s;
    size_t n;
    lib_bytes(a[0], &s, &n);
    if (!leading)
        strbuf_put(&sb, s, n);
    for (int64_t i = 0; i < want; i++)
        strbuf_put(&sb, pads.s[i % (int64_t)pads.count], pads.n[i % (int64_t)pads.count]);
    if (leading)
        strbuf_put(&sb, s, n);
    bif_charge(p, (uint32_t)(want / 16 + 1));
    return done(p, lib_strbuf(p, &sb));
}

static Term bif_pad_leading(Proc *p, const Term *a) { return pad(p, a, 2, true, "pad_leading"); }
static Term bif_pad_leading3(Proc *p, const Term *a) { return pad(p, a, 3, true, "pad_leading"); }
static Term bif_pad_trailing(Proc *p, const Term *a) { return pad(p, a, 2, false, "pad_trailing"); }
static Term bif_pad_trailing3(Proc *p, const Term *a) { return pad(p, a, 3, false, "pad_trailing"); }

static Term bif_duplicate(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    /* Elixir 1.14 calls :binary.copy/2 unguarded: its badargs show. */
    if (!lib_bytes(a[0], &s, &n))
        return bif_badarg(p, 1, "not a binary");
    if (!is_integer(a[1]))
        return bif_badarg(p, 2, "not an integer");
    if (!is_small(a[1]) || small_val(a[1]) < 0)
        return bif_badarg(p, 2, "out of range"); /* as :binary.copy/2 reports it */
    int64_t k = small_val(a[1]);
    if (n && (uint64_t)k > ((uint64_t)1 << 32) / n)
        return bif_error(p, A(system_limit));
    Term r = bin_new(&p->heap, NULL, n * (size_t)k);
    if (r == NONE)
        return lib_oom(p);
    const uint8_t *d;
    size_t dn;
    bin_bytes(r, &d, &dn);
    for (int64_t i = 0; i < k; i++)
        memcpy((uint8_t *)d + (size_t)i * n, s, n);
    bif_charge(p, (uint32_t)(dn / 64 + 1));
    return r;
}

/* ---- predicates and conversions -------------------------------------------- */

static Term bif_valid(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(a[0], &s, &n))
        return FCLAUSE(p, "valid?", 1);
    bif_charge(p, (uint32_t)(n / 64 + 1));
    return lib_bool(utf8_valid(s, n));
}

static Term bif_printable(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(a[0], &s, &n))
        return FCLAUSE(p, "printable?", 2);
    return lib_bool(inspect_is_printable(s, n));
}

static Term bif_printable2(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    long limit = -1;
    if (!lib_bytes(a[0], &s, &n))
        return FCLAUSE(p, "printable?", 2);
    if (is_small(a[1]) && small_val(a[1]) >= 0)
        limit = (long)small_val(a[1]);
    else if (a[1] != A(infinity))
        return FCLAUSE(p, "printable?", 2);
    return lib_bool(inspect_is_printable_limited(s, n, limit));
}

/* Calls an :erlang conversion builtin, so String.to_integer and friends
 * raise exactly what Elixir's (which delegate to them) raise. */
static Term erl(Proc *p, const char *name, unsigned arity, const Term *a)
{
    const BifDef *d = bif_lookup(A(erlang), atom_from_cstr(name), arity);
    return d->fn(p, a);
}

static Term bif_to_integer(Proc *p, const Term *a) { return erl(p, "binary_to_integer", 1, a); }
static Term bif_to_integer2(Proc *p, const Term *a) { return erl(p, "binary_to_integer", 2, a); }
static Term bif_to_float(Proc *p, const Term *a) { return erl(p, "binary_to_float", 1, a); }
static Term bif_to_atom(Proc *p, const Term *a) { return erl(p, "binary_to_atom", 1, a); }
static Term bif_to_existing_atom(Proc *p, const Term *a)
{
    return erl(p, "binary_to_existing_atom", 1, a);
}

static Term bif_to_charlist(Proc *p, const Term *a)
{
    if (!is_binary(a[0]))
        return FCLAUSE(p, "to_charlist", 1);
    return lib_text_to_charlist(p, a[0]);
}

static const BifDef text_bifs[] = {
    {"Elixir.String", "length", 1, BIF_PURE, bif_length, NULL},
    {"Elixir.String", "at", 2, BIF_PURE, bif_at, NULL},
    {"Elixir.String", "first", 1, BIF_PURE, bif_first, NULL},
    {"Elixir.String", "last", 1, BIF_PURE, bif_last, NULL},
    {"Elixir.String", "slice", 2, BIF_PURE, bif_slice2, NULL},
    {"Elixir.String", "slice", 3, BIF_PURE, bif_slice3, NULL},
    {"Elixir.String", "split_at", 2, BIF_PURE, bif_split_at, NULL},
    {"Elixir.String", "reverse", 1, BIF_PURE, bif_reverse, NULL},
    {"Elixir.String", "graphemes", 1, BIF_PURE, bif_graphemes, NULL},
    {"Elixir.String", "codepoints", 1, BIF_PURE, bif_codepoints, NULL},
    {"Elixir.String", "upcase", 1, BIF_PURE, bif_upcase, NULL},
    {"Elixir.String", "upcase", 2, BIF_PURE, bif_upcase2, NULL},
    {"Elixir.String", "downcase", 1, BIF_PURE, bif_downcase, NULL},
    {"Elixir.String", "downcase", 2, BIF_PURE, bif_downcase2, NULL},
    {"Elixir.String", "capitalize", 1, BIF_PURE, bif_capitalize, NULL},
    {"Elixir.String", "capitalize", 2, BIF_PURE, bif_capitalize2, NULL},
    {"Elixir.String", "trim", 1, BIF_PURE, bif_trim, NULL},
    {"Elixir.String", "trim", 2, BIF_PURE, bif_trim2, NULL},
    {"Elixir.String", "trim_leading", 1, BIF_PURE, bif_trim_leading, NULL},
    {"Elixir.String", "trim_leading", 2, BIF_PURE, bif_trim_leading2, NULL},
    {"Elixir.String", "trim_trailing", 1, BIF_PURE, bif_trim_trailing, NULL},
    {"Elixir.String", "trim_trailing", 2, BIF_PURE, bif_trim_trailing2, NULL},
    {"Elixir.String", "pad_leading", 2, BIF_PURE, bif_pad_leading, NULL},
    {"Elixir.String", "pad_leading", 3, BIF_PURE, bif_pad_leading3, NULL},
    {"Elixir.String", "pad_trailing", 2, BIF_PURE, bif_pad_trailing, NULL},
    {"Elixir.String", "pad_trailing", 3, BIF_PURE, bif_pad_trailing3, NULL},
    {"Elixir.String", "duplicate", 2, BIF_PURE, bif_duplicate, NULL},
    {"Elixir.String", "valid?", 1, BIF_PURE, bif_valid, NULL},
    {"Elixir.String", "printable?", 1, BIF_PURE, bif_printable, NULL},
    {"Elixir.String", "printable?", 2, BIF_PURE, bif_printable2, NULL},
    {"Elixir.String", "to_integer", 1, BIF_PURE, bif_to_integer, NULL},
    {"Elixir.String", "to_integer", 2, BIF_PURE, bif_to_integer2, NULL},
    {"Elixir.String", "to_float", 1, BIF_PURE, bif_to_float, NULL},
    {"Elixir.String", "to_atom", 1, 0, bif_to_atom, NULL},
    {"Elixir.String", "to_existing_atom", 1, 0, bif_to_existing_atom, NULL},
    {"Elixir.String", "to_charlist", 1, BIF_PURE, bif_to_charlist, NULL},
};

int lib_text_register(void)
{
    int rc = bif_register(text_bifs, LIB_NDEFS(text_bifs));
    if (rc == 0)
        rc = text_split_register();
    return rc < 0 ? rc : text_dist_register();
}
