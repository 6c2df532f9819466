/* doc.c — the document algebra (doc.h): building and laying out.
 *
 * The layout is Elixir's Inspect.Algebra.format/2, written as two loops
 * over explicit stacks. The main loop pops (indent, mode, doc) entries and
 * prints; at a group it asks fits() whether the group alone fits flat on
 * the rest of the line, and at a flex break whether the rest of the
 * document up to the next line break fits. fits() needs at least one
 * break before it will say "no": a long text with no break has nowhere
 * else to go. A group inside the look-ahead restores that "seen a break"
 * flag when it ends (Elixir's {:tail, b?, t}).
 */
#include "doc.h"

#include <string.h>

#include "mem.h"
#include "mote.h"

typedef enum DocKind {
    DK_NIL,
    DK_TEXT,   /* a = offset in text, b = length                   */
    DK_CONS,   /* a, b                                             */
    DK_NEST,   /* a = child, b = indent                            */
    DK_BREAK,  /* a = offset in text, b = length; flag = flex      */
    DK_GROUP,  /* a = child                                        */
    DK_LINE,
} DocKind;

struct DocNode {
    uint8_t kind;
    uint8_t flex;   /* DK_BREAK: a flex break                          */
    uint8_t simple; /* only text below (Elixir's simple?/1)            */
    int32_t a, b;
};

enum { MODE_FLAT, MODE_BREAK, MODE_TAIL };

struct DocEntry {
    int32_t indent; /* MODE_TAIL: the saved "seen a break" flag        */
    uint8_t mode;
    DocId doc;
};

int doc_init(Docs *d)
{
    memset(d, 0, sizeof *d);
    strbuf_init(&d->text);
    d->cap = 256;
    d->nodes = mem_alloc(MEM_SYSTEM, d->cap * sizeof *d->nodes);
    if (!d->nodes) {
        d->failed = true;
        return MOTE_ENOMEM;
    }
    d->nodes[0] = (DocNode){.kind = DK_NIL, .simple = 1};
    d->nnodes = 1;
    return 0;
}

void doc_fini(Docs *d)
{
    if (d->nodes)
        mem_free(MEM_SYSTEM, d->nodes, d->cap * sizeof *d->nodes);
    if (d->stack)
        mem_free(MEM_SYSTEM, d->stack, d->stack_cap * sizeof *d->stack);
    if (d->fstack)
        mem_free(MEM_SYSTEM, d->fstack, d->fstack_cap * sizeof *d->fstack);
    strbuf_fini(&d->text);
    memset(d, 0, sizeof *d);
}

/* Appends a node; DOC_NIL once the arena has failed. */
static DocId add(Docs *d, DocNode n)
{
    if (d->failed || d->text.failed || d->nnodes >= INT32_MAX)
        goto fail;
    if (d->nnodes == d->cap) {
        size_t cap = d->cap * 2;
        DocNode *p = mem_realloc(MEM_SYSTEM, d->nodes, d->cap * sizeof *p, cap * sizeof *p);
        if (!p)
            goto fail;
        d->nodes = p;
        d->cap = cap;
    }
    d->nodes[d->nnodes] = n;
    return (DocId)d->nnodes++;
fail:
    d->failed = true;
    return DOC_NIL;
}

/* Copies s into the text store; the offset, or -1 on failure. */
static int32_t store(Docs *d, const char *s, size_t len)
{
    size_t off = d->text.len;
    if (len > INT32_MAX || off > INT32_MAX - len) {
        d->failed = true;
        return -1;
    }
    strbuf_put(&d->text, s, len);
    if (d->text.failed) {
        d->failed = true;
        return -1;
    }
    return (int32_t)off;
}

DocId doc_text(Docs *d, const char *s, size_t len)
{
    if (len == 0)
        return DOC_NIL;
    int32_t off = store(d, s, len);
    if (off < 0)
        return DOC_NIL;
    return add(d, (DocNode){.kind = DK_TEXT, .simple = 1, .a = off, .b = (int32_t)len});
}

DocId doc_cstr(Docs *d, const char *s) { return doc_text(d, s, strlen(s)); }

DocId doc_cons(Docs *d, DocId a, DocId b)
{
    if (a == DOC_NIL)
        return b;
    if (b == DOC_NIL)
        return a;
    uint8_t simple = d->nodes[a].simple && d->nodes[b].simple;
    return add(d, (DocNode){.kind = DK_CONS, .simple = simple, .a = a, .b = b});
}

DocId doc_cons3(Docs *d, DocId a, DocId b, DocId c) { return doc_cons(d, a, doc_cons(d, b, c)); }

DocId doc_nest(Docs *d, DocId x, int indent)
{
    if (indent == 0 || x == DOC_NIL)
        return x;
    return add(d, (DocNode){.kind = DK_NEST, .a = x, .b = indent});
}

static DocId make_break(Docs *d, const char *s, bool flex)
{
    size_t len = strlen(s);
    int32_t off = store(d, s, len);
    if (off < 0)
        return DOC_NIL;
    return add(d, (DocNode){.kind = DK_BREAK, .flex = flex, .a = off, .b = (int32_t)len});
}

DocId doc_break(Docs *d, const char *s) { return make_break(d, s, false); }
DocId doc_flex_break(Docs *d, const char *s) { return make_break(d, s, true); }

DocId doc_glue(Docs *d, DocId a, const char *sep, DocId b)
{
    return doc_cons3(d, a, doc_break(d, sep), b);
}

DocId doc_flex_glue(Docs *d, DocId a, const char *sep, DocId b)
{
    return doc_cons3(d, a, doc_flex_break(d, sep), b);
}

DocId doc_group(Docs *d, DocId x)
{
    if (x == DOC_NIL)
        return x;
    return add(d, (DocNode){.kind = DK_GROUP, .a = x});
}

DocId doc_line(Docs *d) { return add(d, (DocNode){.kind = DK_LINE}); }

bool doc_is_simple(const Docs *d, DocId x) { return d->nodes[x].simple != 0; }

/* ---- layout ---------------------------------------------------------- */

static bool push(Docs *d, DocEntry **stack, size_t *n, size_t *cap, DocEntry e)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        DocEntry *p = *stack ? mem_realloc(MEM_SYSTEM, *stack, *cap * sizeof *p, ncap * sizeof *p)
                             : mem_alloc(MEM_SYSTEM, ncap * sizeof *p);
        if (!p) {
            d->failed = true;
            return false;
        }
        *stack = p;
        *cap = ncap;
    }
    (*stack)[(*n)++] = e;
    return true;
}

#define MPUSH(d, e) push((d), &(d)->stack, &(d)->nstack, &(d)->stack_cap, (e))
#define FPUSH(d, e) push((d), &(d)->fstack, &(d)->nfstack, &(d)->fstack_cap, (e))

/* Elixir's fits?/4. The look-ahead starts with the entries already on
 * fstack; when they run out and `more` is set it goes on with the main
 * stack, top first, without consuming it. */
static bool fits(Docs *d, long w, long k, bool b, bool more)
{
    size_t next_main = d->nstack;
    for (;;) {
        if (k > w && b)
            return false;
        DocEntry e;
        if (d->nfstack > 0)
            e = d->fstack[--d->nfstack];
        else if (more && next_main > 0)
            e = d->stack[--next_main];
        else
            return !d->failed;
        if (e.mode == MODE_TAIL) {
            b = e.indent != 0;
            continue;
        }
        const DocNode *n = &d->nodes[e.doc];
        switch ((DocKind)n->kind) {
        case DK_NIL:
            break;
        case DK_TEXT:
            k += n->b;
            break;
        case DK_LINE:
            if (e.mode == MODE_BREAK)
                return true;
            k = e.indent;
            b = false;
            break;
        case DK_BREAK:
            if (e.mode == MODE_BREAK)
                return true;
            k += n->b;
            b = true;
            break;
        case DK_NEST:
            FPUSH(d, ((DocEntry){e.indent + n->b, e.mode, n->a}));
            break;
        case DK_CONS:
            FPUSH(d, ((DocEntry){e.indent, e.mode, n->b}));
            FPUSH(d, ((DocEntry){e.indent, e.mode, n->a}));
            break;
        case DK_GROUP:
            FPUSH(d, ((DocEntry){b, MODE_TAIL, DOC_NIL}));
            FPUSH(d, ((DocEntry){e.indent, MODE_FLAT, n->a}));
            break;
        }
        if (d->failed)
            return false;
    }
}

static void newline(Strbuf *out, int32_t indent)
{
    strbuf_putc(out, '\n');
    strbuf_fill(out, ' ', (size_t)indent);
}

/* One step of the main loop for a break entry; returns the new column. */
static long lay_break(Docs *d, const DocEntry *e, const DocNode *n, long w, long k, Strbuf *out)
{
    bool flat;
    if (n->flex) {
        d->nfstack = 0;
        flat = w < 0 || e->mode == MODE_FLAT || fits(d, w, k + n->b, true, true);
    } else {
        flat = e->mode != MODE_BREAK;
    }
    if (flat) {
        strbuf_put(out, d->text.data + n->a, (size_t)n->b);
        return k + n->b;
    }
    newline(out, e->indent);
    return e->indent;
}

int doc_format(Docs *d, DocId x, int width, Strbuf *out)
{
    long w = width < 0 ? -1 : width;
    long k = 0;
    d->nstack = 0;
    MPUSH(d, ((DocEntry){0, MODE_FLAT, x}));
    while (d->nstack > 0 && !d->failed) {
        DocEntry e = d->stack[--d->nstack];
        const DocNode *n = &d->nodes[e.doc];
        switch ((DocKind)n->kind) {
        case DK_NIL:
            break;
        case DK_TEXT:
            strbuf_put(out, d->text.data + n->a, (size_t)n->b);
            k += n->b;
            break;
        case DK_LINE:
            newline(out, e.indent);
            k = e.indent;
            break;
        case DK_BREAK:
            k = lay_break(d, &e, n, w, k, out);
            break;
        case DK_NEST:
            MPUSH(d, ((DocEntry){e.indent + n->b, e.mode, n->a}));
            break;
        case DK_CONS:
            MPUSH(d, ((DocEntry){e.indent, e.mode, n->b}));
            MPUSH(d, ((DocEntry){e.indent, e.mode, n->a}));
            break;
        case DK_GROUP: {
            /* Only the group itself is measured, not what follows it:
             * that is how Elixir decides, and the output must match. */
            d->nfstack = 0;
            FPUSH(d, ((DocEntry){e.indent, MODE_FLAT, n->a}));
            bool flat = w < 0 || fits(d, w, k, false, false);
            MPUSH(d, ((DocEntry){e.indent, flat ? MODE_FLAT : MODE_BREAK, n->a}));
            break;
        }
        }
    }
    if (d->failed || out->failed)
        return MOTE_ENOMEM;
    return 0;
}
