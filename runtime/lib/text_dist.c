/* text_dist.c — String.chunk/2, bag_distance/2 and jaro_distance/2.
 *
 * The distances follow Elixir 1.14's own algorithms step for step (over
 * graphemes), so their floats come out bit-identical.
 */
#include "bin.h"
#include "inspect.h"
#include "lib.h"
#include "mem.h"
#include "norm.h"
#include "strbuf.h"
#include "text.h"
#include "utf8.h"

#define FCLAUSE(p, name, arity) lib_function_clause((p), "Elixir.String", (name), (arity))

static Term done(Proc *p, Term r) { return r == NONE ? lib_oom(p) : r; }

/* A code point's trait for chunk/2: valid UTF-8, or printable. */
static bool trait_of(const uint8_t *s, size_t len, bool printable)
{
    uint32_t cp;
    bool valid = utf8_decode(s, len, &cp) == len;
    return printable ? valid && inspect_is_printable(s, len) : valid;
}

static Term bif_chunk(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    bool printable = a[1] == atom_from_cstr("printable");
    if (!lib_bytes(a[0], &s, &n) || (!printable && a[1] != atom_from_cstr("valid")))
        return FCLAUSE(p, "chunk", 2);
    Term parts[256];
    size_t k = 0, start = 0, i = 0;
    bool flag = false;
    while (i < n && k < 255) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (!len)
            len = 1;
        bool t = trait_of(s + i, len, printable);
        if (i == 0)
            flag = t;
        else if (t != flag) {
            if ((parts[k++] = bin_sub(&p->heap, a[0], start * 8, (i - start) * 8)) == NONE)
                return lib_oom(p);
            start = i, flag = t;
        }
        i += len;
    }
    if (n > 0 && (parts[k++] = bin_sub(&p->heap, a[0], start * 8, (n - start) * 8)) == NONE)
        return lib_oom(p);
    bif_charge(p, (uint32_t)(n / 16 + 1));
    return done(p, lib_list(p, parts, k, NIL));
}

/* Graphemes of a binary as (start, len) pairs into s. */
typedef struct Gr {
    const uint8_t *s;
    size_t *off; /* count + 1 */
    size_t n, count;
} Gr;

static bool gr_init(Term bin, Gr *g)
{
    if (!lib_bytes(bin, &g->s, &g->n))
        return false;
    int c = text_graphemes(g->s, g->n, &g->off);
    g->count = c < 0 ? 0 : (size_t)c;
    return c >= 0;
}

static void gr_fini(Gr *g) { text_graphemes_free(g->off, g->n); }

static bool gr_eq(const Gr *a, size_t i, const Gr *b, size_t j)
{
    size_t la = a->off[i + 1] - a->off[i], lb = b->off[j + 1] - b->off[j];
    return la == lb && memcmp(a->s + a->off[i], b->s + b->off[j], la) == 0;
}

/* Sum over a's distinct graphemes of max(count in a - count in b, 0). */
static size_t bag_diff(const Gr *a, const Gr *b)
{
    size_t diff = 0;
    for (size_t i = 0; i < a->count; i++) {
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = gr_eq(a, k, a, i);
        if (seen)
            continue;
        size_t ca = 0, cb = 0;
        for (size_t k = i; k < a->count; k++)
            ca += gr_eq(a, k, a, i);
        for (size_t k = 0; k < b->count; k++)
            cb += gr_eq(b, k, a, i);
        diff += ca > cb ? ca - cb : 0;
    }
    return diff;
}

static Term bif_bag_distance(Proc *p, const Term *a)
{
    Gr x, y;
    if (!is_binary(a[0]) || !is_binary(a[1]))
        return FCLAUSE(p, "bag_distance", 2);
    if (!gr_init(a[0], &x))
        return lib_oom(p);
    if (!gr_init(a[1], &y)) {
        gr_fini(&x);
        return lib_oom(p);
    }
    double r = 0.0;
    if (x.count && y.count) {
        size_t d1 = bag_diff(&x, &y), d2 = bag_diff(&y, &x);
        size_t d = d1 > d2 ? d1 : d2, m = x.count > y.count ? x.count : y.count;
        r = 1 - (double)d / (double)m;
    }
    bif_charge(p, (uint32_t)((x.count * y.count) / 64 + 1));
    gr_fini(&x);
    gr_fini(&y);
    return done(p, lib_float(p, r));
}

/* Elixir's match/3 over the shorter (it) and longer (win) strings: win
 * is a sliding window whose matched graphemes are struck out. Returns
 * common and transposition counts. */
static void jaro_match(const Gr *it, const Gr *win, long lim, long *comm, long *trans)
{
    bool *struck = mem_calloc(MEM_SYSTEM, win->count + 1, 1);
    long pre = 0, former = -1;
    size_t ws = 0;
    *comm = 0, *trans = 0;
    for (size_t idx = 0; struck && idx < it->count; idx++) {
        long span = pre + 1 + lim;
        for (long i = 0; i < span && ws + (size_t)i < win->count; i++) {
            size_t w = ws + (size_t)i;
            if (!struck[w] && gr_eq(it, idx, win, w)) {
                struck[w] = true;
                long current = (long)idx - pre + i;
                (*comm)++;
                if (current < former)
                    (*trans)++;
                former = current;
                break;
            }
        }
        if (pre == lim)
            ws++;
        else
            pre++;
    }
    if (struck)
        mem_free(MEM_SYSTEM, struck, win->count + 1);
}

static Term bif_jaro_distance(Proc *p, const Term *a)
{
    Gr x, y;
    if (!is_binary(a[0]) || !is_binary(a[1]))
        return FCLAUSE(p, "jaro_distance", 2);
    if (term_eq_exact(a[0], a[1]))
        return done(p, lib_float(p, 1.0));
    if (!gr_init(a[0], &x))
        return lib_oom(p);
    if (!gr_init(a[1], &y)) {
        gr_fini(&x);
        return lib_oom(p);
    }
    double r = 0.0;
    if (x.count && y.count) {
        long comm, trans;
        if (x.count < y.count)
            jaro_match(&x, &y, (long)(y.count / 2) - 1, &comm, &trans);
        else
            jaro_match(&y, &x, (long)(x.count / 2) - 1, &comm, &trans);
        if (comm)
            r = ((double)comm / (double)x.count + (double)comm / (double)y.count +
                 (double)(comm - trans) / (double)comm) / 3;
    }
    bif_charge(p, (uint32_t)((x.count * y.count) / 64 + 1));
    gr_fini(&x);
    gr_fini(&y);
    return done(p, lib_float(p, r));
}

static int form_of(Term t)
{
    static const char *const names[] = {"nfd", "nfc", "nfkd", "nfkc"};
    for (int i = 0; i < 4; i++)
        if (t == atom_from_cstr(names[i]))
            return i;
    return -1;
}

static Term bif_normalize(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    int form = form_of(a[1]);
    if (!lib_bytes(a[0], &s, &n) || form < 0)
        return FCLAUSE(p, "normalize", 2);
    Strbuf sb;
    strbuf_init(&sb);
    if (!norm_text(s, n, form, &sb)) {
        strbuf_fini(&sb);
        return lib_oom(p);
    }
    bif_charge(p, (uint32_t)(n / 8 + 1));
    return done(p, lib_strbuf(p, &sb));
}

static Term bif_equivalent(Proc *p, const Term *a)
{
    const uint8_t *x, *y;
    size_t xn, yn;
    if (!lib_bytes(a[0], &x, &xn) || !lib_bytes(a[1], &y, &yn))
        return FCLAUSE(p, "equivalent?", 2);
    Strbuf sx, sy;
    strbuf_init(&sx);
    strbuf_init(&sy);
    bool ok = norm_text(x, xn, NORM_NFD, &sx) && norm_text(y, yn, NORM_NFD, &sy);
    bool eq = ok && sx.len == sy.len && memcmp(strbuf_cstr(&sx), strbuf_cstr(&sy), sx.len) == 0;
    strbuf_fini(&sx);
    strbuf_fini(&sy);
    bif_charge(p, (uint32_t)((xn + yn) / 8 + 1));
    return ok ? lib_bool(eq) : lib_oom(p);
}

static const BifDef dist_bifs[] = {
    {"Elixir.String", "normalize", 2, BIF_PURE, bif_normalize, NULL},
    {"Elixir.String", "equivalent?", 2, BIF_PURE, bif_equivalent, NULL},
    {"Elixir.String", "chunk", 2, BIF_PURE, bif_chunk, NULL},
    {"Elixir.String", "bag_distance", 2, BIF_PURE, bif_bag_distance, NULL},
    {"Elixir.String", "jaro_distance", 2, BIF_PURE, bif_jaro_distance, NULL},
};

int text_dist_register(void)
{
    return bif_register(dist_bifs, LIB_NDEFS(dist_bifs));
}
