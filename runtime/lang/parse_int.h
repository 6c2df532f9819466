/* parse_int.h — private to parse.c, parse_block.c and parse_lit.c.
 *
 * The parser state and the helpers the three files share. parse.c holds
 * the expression grammar (operators, calls, postfix, primaries) and the
 * API; parse_block.c sequences, -> clauses, do-blocks and fn; parse_lit.c
 * the literals and containers (strings, lists, tuples, maps, bitstrings,
 * keyword lists).
 */
#ifndef MOTE_PARSE_INT_H
#define MOTE_PARSE_INT_H

#include <stdbool.h>
#include <string.h>

#include "parse.h"

/* Lowest precedence a full expression parses at (<- and \\). */
#define PREC_MIN 40
/* Just above =>, for map keys. */
#define PREC_MAP_KEY 81

typedef struct Parser {
    const char *src;
    size_t len;
    const Tok *toks;
    size_t pos;
    AstArena *arena;
    ParseError *err;
    int depth;    /* current recursion depth */
    bool no_do;   /* inside no-parens call args: do belongs to the outer call */
    bool one_arg; /* nested no-parens calls take a single argument */
    Ast **stack;  /* scratch stack of kids being collected */
    size_t sn, scap;
    char *sbuf;   /* scratch for joining string parts */
    size_t sbuflen, sbufcap;
} Parser;

static inline const Tok *cur(const Parser *P) { return &P->toks[P->pos]; }
static inline const Tok *ahead(const Parser *P, size_t k)
{
    size_t p = P->pos;
    while (k-- && P->toks[p].kind != TOK_EOF)
        p++;
    return &P->toks[p];
}
static inline bool at(const Parser *P, TokKind k) { return cur(P)->kind == k; }
static inline bool at_op(const Parser *P, AstOp op)
{
    return cur(P)->kind == TOK_OP && cur(P)->op == op;
}
static inline void adv(Parser *P)
{
    if (P->toks[P->pos].kind != TOK_EOF)
        P->pos++;
}
static inline void skip_eol(Parser *P)
{
    while (at(P, TOK_EOL))
        adv(P);
}
static inline bool failed(const Parser *P) { return P->err->code != 0; }

/* Errors: record the first one, return NULL. */
Ast *parse_fail(Parser *P, const Tok *t, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
Ast *parse_unexpected(Parser *P, const Tok *t);
Ast *parse_missing(Parser *P, const char *closer, const char *opener, uint32_t line);
Ast *parse_oom(Parser *P);
Ast *parse_kw_not_last(Parser *P);

/* Scratch stack: push kids, then parse_finish moves stack[base..] into a
 * node. Both return false / NULL on failure (error recorded). */
bool parse_push(Parser *P, Ast *n);
Ast *parse_finish(Parser *P, Ast *n, size_t base);

Ast *parse_mk(Parser *P, AstKind kind, const Tok *t);
Ast *parse_mk_text(Parser *P, AstKind kind, const Tok *t, const char *s, size_t len);
Ast *parse_mk2(Parser *P, AstKind kind, const Tok *t, Ast *a, Ast *b);

/* Grammar entry points shared by both files. */
Ast *parse_expr(Parser *P, int minprec);
bool parse_is_kw_start(const Parser *P);
Ast *parse_kw_list(Parser *P);
/* many: the keyword list ends a call without parentheses, so a call
 * without parentheses as a value takes several arguments. */
Ast *parse_kw_list_in(Parser *P, bool many);
Ast *parse_string(Parser *P);
Ast *parse_list(Parser *P);
Ast *parse_tuple(Parser *P);
Ast *parse_bits(Parser *P);
Ast *parse_percent(Parser *P);
/* Parses "exprs" up to a token of kind stop (not consumed); a BLOCK. */
Ast *parse_exprs(Parser *P, TokKind stop);
/* The inside of do/else/... or fn (first: an already parsed expression,
 * or NULL): nil, an expression, a BLOCK, or CLAUSES. Stops before end, a
 * block keyword or ). */
Ast *parse_section(Parser *P, const Tok *opener, Ast *first);
/* do ... end at cur(): a LIST of PAIRs with AST_F_DOBLOCK. */
Ast *parse_do_block(Parser *P);
/* fn ... end at cur(). */
Ast *parse_fn(Parser *P);

static inline bool at_eoe(const Parser *P) { return at(P, TOK_EOL) || at(P, TOK_SEMI); }
static inline void skip_eoe(Parser *P)
{
    while (at_eoe(P))
        adv(P);
}
/* An operator node not written in parentheses (so open to rewriting). */
static inline bool unwrapped_op(const Ast *n, AstOp op)
{
    return n->kind == AST_OP && n->op == op && !(n->flags & AST_F_PARENS);
}
/* "(a, b)": a parenthesised argument list (see parse_paren). */
static inline bool is_args(const Ast *n)
{
    return n->kind == AST_BLOCK && (n->flags & AST_F_ARGS);
}
static inline Ast *parse_mk_atom(Parser *P, const Tok *t, const char *name)
{
    return parse_mk_text(P, AST_ATOM, t, name, strlen(name));
}

#endif
