/* parse_block.c — sequences of expressions, -> clauses, do-blocks, fn.
 *
 * A section (the inside of do/else/... or fn) is either plain expressions
 * or a list of clauses; which one is decided by the first "->". Clause
 * arguments and bodies are collected on the parser's scratch stack and
 * turned into STAB nodes when the next clause (or the section) begins.
 */
#include "parse_int.h"

#include <string.h>

Ast *parse_exprs(Parser *P, TokKind stop)
{
    const Tok *first = cur(P);
    size_t base = P->sn;
    for (;;) {
        skip_eoe(P);
        if (at(P, stop) || failed(P))
            break;
        if (!parse_push(P, parse_expr(P, PREC_MIN)))
            break;
        if (!at_eoe(P) && !at(P, stop)) {
            parse_unexpected(P, cur(P));
            break;
        }
    }
    return parse_finish(P, parse_mk(P, AST_BLOCK, first), base);
}

/* A body as a single node: nil, the one expression, or a BLOCK. */
static Ast *body_of(Parser *P, const Tok *t, size_t base)
{
    if (P->sn == base)
        return parse_mk_atom(P, t, "nil");
    if (P->sn == base + 1)
        return P->stack[--P->sn];
    return parse_finish(P, parse_mk(P, AST_BLOCK, t), base);
}

typedef struct Clause {
    bool open;
    const Tok *arrow;
    size_t head;  /* stack index of the first argument */
    size_t body;  /* stack index of the first body expression */
    Ast *guard;
} Clause;

/* Closes the open clause: args and body on the stack become a STAB. */
static bool close_clause(Parser *P, Clause *c)
{
    if (!c->open)
        return true;
    c->open = false;
    Ast *body = body_of(P, c->arrow, c->body);
    if (!body || (c->guard && !parse_push(P, c->guard)) || !parse_push(P, body))
        return false;
    Ast *stab = parse_finish(P, parse_mk(P, AST_STAB, c->arrow), c->head);
    if (stab && c->guard)
        stab->flags |= AST_F_GUARD;
    return parse_push(P, stab);
}

/* Parses a clause head whose first argument (maybe NULL) is already
 * parsed, through the "->". */
static bool open_clause(Parser *P, Clause *c, Ast *first)
{
    c->head = P->sn;
    c->guard = NULL;
    if (first)
        parse_push(P, first);
    while (first && at(P, TOK_COMMA) && !failed(P)) {
        adv(P);
        skip_eol(P);
        parse_push(P, parse_expr(P, PREC_MIN));
    }
    if (failed(P))
        return false;
    if (!at_op(P, OP_ARROW)) {
        parse_unexpected(P, cur(P));
        return false;
    }
    c->arrow = cur(P);
    adv(P);
    /* "x, y when g ->": the guard rides on the last argument. */
    Ast *last = P->sn > c->head ? P->stack[P->sn - 1] : NULL;
    if (last && unwrapped_op(last, OP_WHEN)) {
        P->stack[P->sn - 1] = last->kids[0];
        c->guard = last->kids[1];
    }
    /* "(a, b) ->" and "() ->": the parenthesised list is the arguments. */
    if (P->sn == c->head + 1 && is_args(P->stack[c->head])) {
        Ast *args = P->stack[--P->sn];
        for (uint32_t i = 0; i < args->nkids; i++)
            parse_push(P, args->kids[i]);
    }
    c->body = P->sn;
    c->open = true;
    return !failed(P);
}

static bool at_section_end(const Parser *P)
{
    return at(P, TOK_END) || at(P, TOK_BLOCK) || at(P, TOK_EOF) || at(P, TOK_RPAREN);
}

/* The inside of do/else/... or fn: either plain expressions (a BLOCK, or
 * nil / the single expression) or -> clauses (a CLAUSES node). */
Ast *parse_section(Parser *P, const Tok *opener, Ast *first)
{
    bool no_do = P->no_do, one = P->one_arg;
    P->no_do = P->one_arg = false;
    size_t base = P->sn;
    Clause c = {0};
    bool clauses = false;
    while (!failed(P)) {
        if (!first) {
            skip_eoe(P);
            if (at_section_end(P))
                break;
        }
        Ast *e = first ? first : at_op(P, OP_ARROW) ? NULL : parse_expr(P, PREC_MIN);
        first = NULL;
        if (failed(P))
            break;
        if (!e || at(P, TOK_COMMA) || at_op(P, OP_ARROW)) {
            if (!clauses && P->sn > base) {
                parse_unexpected(P, cur(P));
                break;
            }
            clauses = true;
            if (!close_clause(P, &c) || !open_clause(P, &c, e))
                break;
            continue;
        }
        parse_push(P, e);
        if (!at_eoe(P) && !at_section_end(P))
            parse_unexpected(P, cur(P));
    }
    P->no_do = no_do, P->one_arg = one;
    if (failed(P) || !close_clause(P, &c)) {
        P->sn = base;
        return NULL;
    }
    if (clauses)
        return parse_finish(P, parse_mk(P, AST_CLAUSES, opener), base);
    return body_of(P, opener, base);
}

static Ast *section_pair(Parser *P, const Tok *t, const char *name)
{
    Ast *key = parse_mk_atom(P, t, name);
    Ast *pair = parse_mk2(P, AST_PAIR, t, key, parse_section(P, t, NULL));
    if (pair)
        pair->flags |= AST_F_KW;
    return pair;
}

Ast *parse_do_block(Parser *P)
{
    const Tok *d = cur(P);
    adv(P);
    size_t base = P->sn;
    parse_push(P, section_pair(P, d, "do"));
    while (at(P, TOK_BLOCK) && !failed(P)) {
        const Tok *b = cur(P);
        adv(P);
        parse_push(P, section_pair(P, b, b->v.text.s));
    }
    if (!failed(P) && !at(P, TOK_END))
        parse_missing(P, "end", "do", d->line);
    adv(P);
    Ast *list = parse_finish(P, parse_mk(P, AST_LIST, d), base);
    if (list)
        list->flags |= AST_F_DOBLOCK | AST_F_KW;
    return list;
}

Ast *parse_fn(Parser *P)
{
    const Tok *fn = cur(P);
    adv(P);
    Ast *body = parse_section(P, fn, NULL);
    if (!body)
        return NULL;
    if (!at(P, TOK_END))
        return parse_missing(P, "end", "fn", fn->line);
    if (body->kind != AST_CLAUSES)
        return parse_fail(P, fn, "expected anonymous functions to be defined with -> inside: 'fn'");
    adv(P);
    body->kind = AST_FN;
    body->line = fn->line;
    body->col = fn->col;
    return body;
}
