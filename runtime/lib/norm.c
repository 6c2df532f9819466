/* norm.c — Unicode normalisation over the tables of norm_tab.c:
 * full decomposition (canonical, or compatibility too), canonical
 * ordering of combining marks, and canonical composition for the C forms
 * (the algorithm of UAX #15, minus Hangul).
 */
#include <stdlib.h>

#include "mem.h"
#include "norm.h"
#include "utf8.h"

#define RAW_BYTE 0x80000000u /* an invalid input byte, kept as it is */

static const NormDecomp *find_decomp(uint32_t cp)
{
    size_t lo = 0, hi = norm_ndecomps;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (norm_decomps[mid].cp == cp)
            return &norm_decomps[mid];
        if (norm_decomps[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int ccc(uint32_t cp)
{
    size_t lo = 0, hi = norm_nclasses;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (norm_classes[mid].cp == cp)
            return norm_classes[mid].ccc;
        if (norm_classes[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

typedef struct Cps {
    uint32_t *v;
    size_t n, cap;
    bool failed;
} Cps;

static void push(Cps *c, uint32_t cp)
{
    if (c->failed)
        return;
    if (c->n == c->cap) {
        size_t ncap = c->cap ? 2 * c->cap : 32;
        uint32_t *nv = mem_realloc(MEM_SYSTEM, c->v, c->cap * 4, ncap * 4);
        if (!nv) {
            c->failed = true;
            return;
        }
        c->v = nv, c->cap = ncap;
    }
    c->v[c->n++] = cp;
}

/* Pushes the full decomposition of cp (mappings nest at most a few
 * levels, so the recursion is bounded by the table). */
static void decompose(Cps *c, uint32_t cp, bool compat, int depth)
{
    const NormDecomp *d = depth < 8 ? find_decomp(cp) : NULL;
    if (!d || (d->compat && !compat)) {
        push(c, cp);
        return;
    }
    for (int i = 0; i < d->n; i++)
        decompose(c, d->to[i], compat, depth + 1);
}

/* Canonical ordering: a stable sort of each run of non-starters by
 * combining class. */
static void reorder(Cps *c)
{
    for (size_t i = 1; i < c->n; i++) {
        for (size_t j = i; j > 0; j--) {
            int a = c->v[j - 1] & RAW_BYTE ? 0 : ccc(c->v[j - 1]);
            int b = c->v[j] & RAW_BYTE ? 0 : ccc(c->v[j]);
            if (b == 0 || a <= b)
                break;
            uint32_t t = c->v[j - 1];
            c->v[j - 1] = c->v[j];
            c->v[j] = t;
        }
    }
}

static bool excluded(uint32_t cp)
{
    for (const uint32_t *e = norm_exclusions; *e; e++)
        if (*e == cp)
            return true;
    return false;
}

/* The primary composite of a + b, or 0. */
static uint32_t compose_pair(uint32_t a, uint32_t b)
{
    for (size_t i = 0; i < norm_ndecomps; i++) {
        const NormDecomp *d = &norm_decomps[i];
        if (!d->compat && d->n == 2 && d->to[0] == a && d->to[1] == b && !excluded(d->cp))
            return d->cp;
    }
    return 0;
}

static void compose(Cps *c)
{
    if (c->n == 0)
        return;
    size_t out = 1, starter = 0;
    int last = c->v[0] & RAW_BYTE ? 0 : ccc(c->v[0]);
    if (last != 0)
        last = 256; /* no starter yet: nothing composes with it */
    for (size_t i = 1; i < c->n; i++) {
        uint32_t ch = c->v[i];
        int cls = ch & RAW_BYTE ? 0 : ccc(ch);
        uint32_t comp = last == 256 || (c->v[starter] & RAW_BYTE) || (ch & RAW_BYTE)
                            ? 0 : compose_pair(c->v[starter], ch);
        if (comp && (last < cls || last == 0)) {
            c->v[starter] = comp;
            continue;
        }
        if (cls == 0)
            starter = out;
        last = cls;
        c->v[out++] = ch;
    }
    c->n = out;
}

bool norm_text(const uint8_t *s, size_t n, int form, Strbuf *out)
{
    Cps c = {0};
    bool compat = form == NORM_NFKD || form == NORM_NFKC;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (!len) {
            push(&c, RAW_BYTE | s[i++]);
            continue;
        }
        decompose(&c, cp, compat, 0);
        i += len;
    }
    if (!c.failed) {
        reorder(&c);
        if (form == NORM_NFC || form == NORM_NFKC)
            compose(&c);
        for (size_t i = 0; i < c.n; i++) {
            uint8_t u[4];
            if (c.v[i] & RAW_BYTE)
                strbuf_putc(out, (char)(c.v[i] & 0xFF));
            else
                strbuf_put(out, u, utf8_encode(c.v[i], u));
        }
    }
    if (c.v)
        mem_free(MEM_SYSTEM, c.v, c.cap * 4);
    return !c.failed && !strbuf_failed(out);
}
