/* doc.h — a document algebra for pretty printing, as Elixir's
 * Inspect.Algebra (Lindig's "Strictly Pretty" with flex breaks).
 *
 * A printer builds a tree of documents in a Docs arena, then doc_format()
 * lays it out for a width: a group is printed flat when its content fits
 * on the rest of the line, else its strict breaks become newlines; a flex
 * break decides on its own, each time, whether the text up to the next
 * break still fits. Widths are counted in bytes, as Elixir counts them for
 * plain binaries. Neither building nor formatting recurses in C, so any
 * depth of document is safe.
 *
 * Documents are small integers (DocId) into the arena, valid until
 * doc_fini(). After an allocation failure every constructor returns
 * DOC_NIL and doc_format() reports MOTE_ENOMEM, so builders need not check
 * each call.
 */
#ifndef MOTE_DOC_H
#define MOTE_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

typedef int32_t DocId;
#define DOC_NIL ((DocId)0) /* the empty document */

typedef struct DocNode DocNode; /* doc.c */
typedef struct DocEntry DocEntry;

typedef struct Docs {
    DocNode *nodes;     /* nodes[0] is DOC_NIL                              */
    size_t nnodes;
    size_t cap;
    Strbuf text;        /* bytes of every TEXT and BREAK node               */
    DocEntry *stack;    /* formatting work stack, reused between calls      */
    size_t nstack, stack_cap;
    DocEntry *fstack;   /* the fits() look-ahead stack                      */
    size_t nfstack, fstack_cap;
    bool failed;        /* an allocation failed                             */
} Docs;

/* 0 or MOTE_ENOMEM. */
int doc_init(Docs *d);
void doc_fini(Docs *d);

/* Text, copied into the arena. */
DocId doc_text(Docs *d, const char *s, size_t len);
DocId doc_cstr(Docs *d, const char *s);
DocId doc_cons(Docs *d, DocId a, DocId b);
DocId doc_cons3(Docs *d, DocId a, DocId b, DocId c);
/* Indents the lines x breaks onto by `indent` more columns. */
DocId doc_nest(Docs *d, DocId x, int indent);
/* A break that prints as `s` when its group is flat, else as a newline.
 * doc_flex_break: decides by itself whether the next part fits. */
DocId doc_break(Docs *d, const char *s);
DocId doc_flex_break(Docs *d, const char *s);
/* a, break(sep), b. */
DocId doc_glue(Docs *d, DocId a, const char *sep, DocId b);
DocId doc_flex_glue(Docs *d, DocId a, const char *sep, DocId b);
DocId doc_group(Docs *d, DocId x);
DocId doc_line(Docs *d); /* an unconditional newline */

/* True when x is made only of text (Elixir's "simple" documents, which
 * containers lay out several per line). */
bool doc_is_simple(const Docs *d, DocId x);

/* Lays x out for `width` columns (width < 0: no limit, everything flat
 * unless forced) and appends the text to out. Returns 0 or MOTE_ENOMEM. */
int doc_format(Docs *d, DocId x, int width, Strbuf *out);

#endif
