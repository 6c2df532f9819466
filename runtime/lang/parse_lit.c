/* parse_lit.c — literals and containers: strings with interpolation,
 * sigils, lists, tuples, maps, structs, bitstrings and keyword lists.
 *
 * Containers reset no_do and one_arg: inside brackets a do-block or a
 * call without parentheses belongs to the expression it is written in,
 * not to a call outside the bracket.
 */
#include "parse_int.h"

#include <string.h>

#include "mem.h"

typedef struct Saved {
    bool no_do, one_arg;
} Saved;

static Saved open_container(Parser *P)
{
    Saved s = {P->no_do, P->one_arg};
    P->no_do = P->one_arg = false;
    return s;
}

static void close_container(Parser *P, Saved s)
{
    P->no_do = s.no_do;
    P->one_arg = s.one_arg;
}

/* ---- keyword lists ------------------------------------------------------ */

bool parse_is_kw_start(const Parser *P)
{
    const Tok *t = cur(P);
    return t->kind == TOK_KW || (t->kind == TOK_STR_BEGIN && (t->flags & TOKF_KW));
}

/* After a comma: does a keyword key follow (past newlines)? */
static bool kw_follows_comma(const Parser *P)
{
    size_t k = 1;
    while (ahead(P, k)->kind == TOK_EOL)
        k++;
    const Tok *t = ahead(P, k);
    return t->kind == TOK_KW || (t->kind == TOK_STR_BEGIN && (t->flags & TOKF_KW));
}

static Ast *parse_kw_key(Parser *P)
{
    const Tok *t = cur(P);
    if (t->kind == TOK_KW) {
        adv(P);
        return parse_mk_text(P, AST_ATOM, t, t->v.text.s, t->v.text.len);
    }
    Ast *k = parse_string(P);
    if (!k)
        return NULL;
    if (k->kind == AST_STRING || k->kind == AST_CHARLIST)
        k->kind = AST_ATOM;
    else if (k->kind == AST_INTERP)
        k->flags = (uint16_t)((k->flags & ~AST_F_CHARLIST) | AST_F_ATOM);
    return k;
}

Ast *parse_kw_list(Parser *P) { return parse_kw_list_in(P, false); }

Ast *parse_kw_list_in(Parser *P, bool many)
{
    const Tok *first = cur(P);
    size_t base = P->sn;
    bool one = P->one_arg;
    while (!failed(P)) {
        const Tok *kt = cur(P);
        Ast *key = parse_kw_key(P);
        skip_eol(P);
        /* In a container a call without parentheses in a keyword value
         * takes one argument. In the keyword list ending a call without
         * parentheses it takes all that follow, as in Elixir's grammar
         * (call_args_no_parens_kw_expr -> kw_eol no_parens_expr):
         * "if c, do: f x, else: y" is if(c, do: f(x, else: y)). */
        P->one_arg = !many;
        Ast *pair = parse_mk2(P, AST_PAIR, kt, key, key ? parse_expr(P, PREC_MIN) : NULL);
        P->one_arg = one;
        if (!parse_push(P, pair))
            break;
        pair->flags |= AST_F_KW;
        if (!at(P, TOK_COMMA) || !kw_follows_comma(P))
            break;
        adv(P);
        skip_eol(P);
    }
    Ast *list = parse_finish(P, parse_mk(P, AST_LIST, first), base);
    if (list)
        list->flags |= AST_F_KW;
    return list;
}

/* ---- strings ------------------------------------------------------------ */

static bool sbuf_add(Parser *P, const char *s, size_t n)
{
    if (P->sbuflen + n + 1 > P->sbufcap) {
        size_t ncap = (P->sbuflen + n + 1) * 2;
        char *b = mem_realloc(MEM_CODE, P->sbuf, P->sbufcap, ncap);
        if (!b) {
            parse_oom(P);
            return false;
        }
        P->sbuf = b;
        P->sbufcap = ncap;
    }
    memcpy(P->sbuf + P->sbuflen, s, n);
    P->sbuflen += n;
    return true;
}

/* Moves the text gathered so far into a STRING kid. */
static bool flush_text(Parser *P, const Tok *t)
{
    if (P->sbuflen == 0)
        return true;
    Ast *s = parse_mk_text(P, AST_STRING, t, P->sbuf, P->sbuflen);
    P->sbuflen = 0;
    return parse_push(P, s);
}

static Ast *parse_interp(Parser *P)
{
    const Tok *open = cur(P);
    adv(P);
    Saved sv = open_container(P);
    Ast *b = parse_exprs(P, TOK_INTERP_END);
    close_container(P, sv);
    if (!b)
        return NULL;
    if (!at(P, TOK_INTERP_END))
        return parse_unexpected(P, cur(P));
    adv(P);
    if (b->nkids == 1)
        return b->kids[0];
    if (b->nkids == 0)
        return parse_mk_text(P, AST_ATOM, open, "nil", 3);
    return b;
}

/* The parts of a string up to its STR_END (consumed, returned in *end). */
static bool parse_parts(Parser *P, const Tok **end, bool *interp)
{
    const Tok *part = cur(P);
    P->sbuflen = 0;
    *interp = false;
    for (;;) {
        const Tok *t = cur(P);
        if (t->kind == TOK_STR_PART) {
            if (!sbuf_add(P, t->v.text.s, t->v.text.len))
                return false;
            adv(P);
        } else if (t->kind == TOK_INTERP_BEGIN) {
            *interp = true;
            if (!flush_text(P, part) || !parse_push(P, parse_interp(P)))
                return false;
            /* The interpolated code may have used sbuf (aliases, nested
             * strings); this string's text starts afresh. */
            P->sbuflen = 0;
            part = cur(P);
        } else if (t->kind == TOK_STR_END) {
            *end = t;
            adv(P);
            return true;
        } else {
            parse_unexpected(P, t);
            return false;
        }
    }
}

Ast *parse_string(Parser *P)
{
    const Tok *begin = cur(P);
    adv(P);
    size_t base = P->sn;
    const Tok *end = NULL;
    bool interp;
    if (!parse_parts(P, &end, &interp)) {
        P->sn = base;
        return NULL;
    }
    Ast *n;
    if (interp || begin->op == STR_SIGIL) {
        if (!flush_text(P, begin)) {
            P->sn = base;
            return NULL;
        }
        if (!interp && P->sn == base)
            parse_push(P, parse_mk_text(P, AST_STRING, begin, "", 0));
        n = interp ? parse_finish(P, parse_mk(P, AST_INTERP, begin), base)
                   : (P->sn > base ? P->stack[--P->sn] : NULL);
    } else {
        AstKind k = begin->op == STR_LIST ? AST_CHARLIST
                  : begin->op == STR_ATOM ? AST_ATOM : AST_STRING;
        n = parse_mk_text(P, k, begin, P->sbuf ? P->sbuf : "", P->sbuflen);
    }
    if (!n)
        return NULL;
    if (n->kind == AST_INTERP && begin->op == STR_LIST)
        n->flags |= AST_F_CHARLIST;
    if (n->kind == AST_INTERP && begin->op == STR_ATOM)
        n->flags |= AST_F_ATOM;
    if (begin->flags & TOKF_HEREDOC)
        n->flags |= AST_F_HEREDOC;
    if (begin->op != STR_SIGIL)
        return n;
    Ast *sig = parse_mk_text(P, AST_SIGIL, begin, end->v.text.s ? end->v.text.s : "",
                             end->v.text.len);
    if (!sig)
        return NULL;
    sig->op = (uint8_t)begin->v.text.s[0];
    sig->flags = n->flags & AST_F_HEREDOC;
    parse_push(P, n);
    return parse_finish(P, sig, base);
}

/* ---- lists, tuples, bitstrings ----------------------------------------- */

static bool is_bar(const Ast *n)
{
    return n->kind == AST_OP && n->op == OP_BAR && !(n->flags & AST_F_PARENS);
}

/* Elements up to the closer; a keyword tail is flattened into PAIRs
 * (flat) or kept as one LIST element. Returns true when all elements
 * came from keyword syntax. */
static bool parse_elems(Parser *P, TokKind closer, bool flat, bool *all_kw)
{
    size_t base = P->sn;
    *all_kw = false;
    while (!at(P, closer) && !failed(P)) {
        if (parse_is_kw_start(P)) {
            Ast *kw = parse_kw_list(P);
            if (!kw)
                break;
            *all_kw = P->sn == base;
            if (!flat)
                parse_push(P, kw);
            for (uint32_t i = 0; flat && i < kw->nkids; i++)
                parse_push(P, kw->kids[i]);
            skip_eol(P);
            if (at(P, TOK_COMMA)) {
                adv(P);
                skip_eol(P);
                if (!at(P, closer))
                    parse_kw_not_last(P);
            }
            break;
        }
        if (!parse_push(P, parse_expr(P, PREC_MIN)))
            break;
        skip_eol(P);
        if (!at(P, TOK_COMMA))
            break;
        adv(P);
        skip_eol(P);
    }
    return !failed(P);
}

static Ast *close_elems(Parser *P, const Tok *open, TokKind closer, const char *cs,
                        const char *os, AstKind kind, size_t base)
{
    if (!failed(P) && !at(P, closer))
        parse_missing(P, cs, os, open->line);
    if (failed(P)) {
        P->sn = base;
        return NULL;
    }
    adv(P);
    return parse_finish(P, parse_mk(P, kind, open), base);
}

Ast *parse_list(Parser *P)
{
    const Tok *open = cur(P);
    adv(P);
    skip_eol(P);
    Saved sv = open_container(P);
    size_t base = P->sn;
    bool all_kw;
    parse_elems(P, TOK_RBRACK, true, &all_kw);
    close_container(P, sv);
    bool improper = false;
    for (size_t i = base; i < P->sn && !failed(P); i++) {
        if (!is_bar(P->stack[i]))
            continue;
        if (i + 1 != P->sn) {
            const Ast *b = P->stack[i];
            lex_error(P->err, P->src, P->len, b->line, b->col, false, "misplaced operator |/2");
            break;
        }
        Ast *bar = P->stack[--P->sn];
        parse_push(P, bar->kids[0]);
        parse_push(P, bar->kids[1]);
        improper = true;
    }
    Ast *n = close_elems(P, open, TOK_RBRACK, "]", "[", AST_LIST, base);
    if (n && improper)
        n->flags |= AST_F_IMPROPER;
    if (n && all_kw)
        n->flags |= AST_F_KW;
    return n;
}

/* A bracketed run of plain elements ({...} or <<...>>) closed by close
 * (spelt close_text; open_text names the opener in errors). */
static Ast *parse_elems_in(Parser *P, TokKind close, const char *close_text,
                           const char *open_text, AstKind kind)
{
    const Tok *open = cur(P);
    adv(P);
    skip_eol(P);
    Saved sv = open_container(P);
    size_t base = P->sn;
    bool all_kw;
    parse_elems(P, close, false, &all_kw);
    close_container(P, sv);
    return close_elems(P, open, close, close_text, open_text, kind, base);
}

Ast *parse_tuple(Parser *P) { return parse_elems_in(P, TOK_RBRACE, "}", "{", AST_TUPLE); }

Ast *parse_bits(Parser *P) { return parse_elems_in(P, TOK_RBITS, ">>", "<<", AST_BITS); }

/* ---- maps and structs ----------------------------------------------------- */

/* key => value, after the key has been parsed. */
static bool parse_assoc(Parser *P, Ast *key)
{
    const Tok *arrow = cur(P);
    if (!at_op(P, OP_ASSOC)) {
        parse_unexpected(P, arrow);
        return false;
    }
    adv(P);
    skip_eol(P);
    return parse_push(P, parse_mk2(P, AST_PAIR, arrow, key, parse_expr(P, PREC_MIN)));
}

static Ast *parse_map_body(Parser *P, const Tok *pct)
{
    const Tok *open = cur(P);
    adv(P);
    skip_eol(P);
    Saved sv = open_container(P);
    size_t base = P->sn;
    uint16_t flags = 0;
    bool first = true;
    while (!at(P, TOK_RBRACE) && !failed(P)) {
        if (parse_is_kw_start(P)) {
            bool all_kw;
            parse_elems(P, TOK_RBRACE, true, &all_kw);
            break;
        }
        Ast *key = parse_expr(P, PREC_MAP_KEY);
        skip_eol(P);
        if (key && first && at_op(P, OP_BAR)) {
            /* %{base | k: v}: the map being updated goes first. */
            adv(P);
            skip_eol(P);
            parse_push(P, key);
            flags |= AST_F_UPDATE;
            first = false;
            continue;
        }
        first = false;
        if (!key || !parse_assoc(P, key))
            break;
        skip_eol(P);
        if (!at(P, TOK_COMMA))
            break;
        adv(P);
        skip_eol(P);
    }
    close_container(P, sv);
    Ast *n = close_elems(P, open, TOK_RBRACE, "}", "%{", AST_MAP, base);
    if (n) {
        n->flags |= flags;
        n->line = pct->line;
        n->col = pct->col;
    }
    return n;
}

static Ast *parse_struct_name(Parser *P)
{
    const Tok *t = cur(P);
    if (t->kind == TOK_ALIAS || t->kind == TOK_IDENT) {
        /* A bare name: %Mod{} or %var{}; never a call. */
        Ast *n = parse_mk_text(P, t->kind == TOK_ALIAS ? AST_ALIAS : AST_VAR, t, t->v.text.s,
                               t->v.text.len);
        adv(P);
        while (n && at_op(P, OP_DOT) && ahead(P, 1)->kind == TOK_ALIAS) {
            /* Foo.Bar: extend the name. */
            const Tok *seg = ahead(P, 1);
            size_t len = n->v.str.len + 1 + seg->v.text.len;
            char *s = ast_alloc(P->arena, len + 1);
            if (!s)
                return parse_oom(P);
            memcpy(s, n->v.str.s, n->v.str.len);
            s[n->v.str.len] = '.';
            memcpy(s + n->v.str.len + 1, seg->v.text.s, seg->v.text.len + 1);
            n->v.str.s = s;
            n->v.str.len = (uint32_t)len;
            adv(P);
            adv(P);
        }
        return n;
    }
    if (t->kind == TOK_OP && (t->op == OP_AT || t->op == OP_PIN) &&
        ahead(P, 1)->kind == TOK_IDENT) {
        adv(P);
        const Tok *name = cur(P);
        Ast *v = parse_mk_text(P, AST_VAR, name, name->v.text.s, name->v.text.len);
        adv(P);
        size_t base = P->sn;
        parse_push(P, v);
        Ast *op = parse_finish(P, parse_mk(P, AST_OP, t), base);
        if (op)
            op->op = t->op;
        return op;
    }
    return parse_unexpected(P, t);
}

Ast *parse_percent(Parser *P)
{
    const Tok *pct = cur(P);
    adv(P);
    if (at(P, TOK_LBRACE) && !(cur(P)->flags & TOKF_SPACE_BEFORE))
        return parse_map_body(P, pct);
    Ast *name = parse_struct_name(P);
    if (!name)
        return NULL;
    if (!at(P, TOK_LBRACE))
        return parse_unexpected(P, cur(P));
    return parse_mk2(P, AST_STRUCT, pct, name, parse_map_body(P, pct));
}
