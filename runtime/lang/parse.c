/* parse.c — the expression grammar: operators, calls, postfix, primaries.
 *
 * Binary operators are parsed by precedence climbing over Elixir's table
 * (see binop_prec). Calls follow Elixir's rules: "foo(" with no space is a
 * call with parentheses; "foo x" a call without; a do/end block belongs to
 * the outermost call without parentheses, which is why argument parsing
 * sets no_do. Every recursive descent passes through parse_expr, which
 * counts depth, so nesting is bounded by PARSE_MAX_NEST.
 */
#include "parse_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "mote.h"

/* ---- errors ------------------------------------------------------------- */

Ast *parse_fail(Parser *P, const Tok *t, const char *fmt, ...)
{
    if (failed(P))
        return NULL;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    lex_error(P->err, P->src, P->len, t->line, t->col, t->kind == TOK_EOF, "%s", msg);
    return NULL;
}

Ast *parse_unexpected(Parser *P, const Tok *t)
{
    if (t->kind == TOK_EOF)
        return parse_fail(P, t, "syntax error: expression is incomplete");
    if (t->kind == TOK_END || t->kind == TOK_DO || t->kind == TOK_BLOCK || t->kind == TOK_FN)
        return parse_fail(P, t, "unexpected reserved word: %s",
                          t->kind == TOK_BLOCK ? t->v.text.s : lex_kind_name((TokKind)t->kind));
    char what[96];
    lex_describe(t, what, sizeof(what));
    /* A plain string is shown with its text, as Elixir does. */
    if (t->kind == TOK_STR_BEGIN && t[1].kind == TOK_STR_PART && t[2].kind == TOK_STR_END)
        snprintf(what, sizeof(what), "%s%.60s%s", t->op == STR_LIST ? "'" : "\"",
                 t[1].v.text.s, t->op == STR_LIST ? "'" : "\"");
    return parse_fail(P, t, "syntax error before: %s", what);
}

Ast *parse_missing(Parser *P, const char *closer, const char *opener, uint32_t line)
{
    const Tok *t = cur(P);
    if (t->kind != TOK_EOF)
        return parse_unexpected(P, t);
    return parse_fail(P, t, "missing terminator: %s (for \"%s\" starting at line %u)", closer,
                      opener, line);
}

Ast *parse_kw_not_last(Parser *P)
{
    return parse_fail(P, cur(P), "unexpected expression after keyword list. Keyword lists must "
                                 "always come last in lists and maps");
}

Ast *parse_oom(Parser *P)
{
    if (!failed(P)) {
        P->err->code = MOTE_ENOMEM;
        snprintf(P->err->msg, sizeof(P->err->msg), "out of memory while parsing");
    }
    return NULL;
}

/* ---- nodes -------------------------------------------------------------- */

bool parse_push(Parser *P, Ast *n)
{
    if (!n)
        return false;
    if (P->sn == P->scap) {
        size_t ncap = P->scap ? P->scap * 2 : 64;
        Ast **s = mem_realloc(MEM_CODE, P->stack, P->scap * sizeof(Ast *), ncap * sizeof(Ast *));
        if (!s) {
            parse_oom(P);
            return false;
        }
        P->stack = s;
        P->scap = ncap;
    }
    P->stack[P->sn++] = n;
    return true;
}

static Ast *check_depth(Parser *P, Ast *n)
{
    if (ast_fix_depth(n) > AST_MAX_DEPTH) {
        lex_error(P->err, P->src, P->len, n->line, n->col, false,
                  "expression nested too deeply (more than %d levels)", AST_MAX_DEPTH);
        return NULL;
    }
    return n;
}

Ast *parse_finish(Parser *P, Ast *n, size_t base)
{
    if (!n || failed(P)) {
        P->sn = base;
        return NULL;
    }
    size_t k = P->sn - base;
    if (k) {
        n->kids = ast_alloc(P->arena, k * sizeof(Ast *));
        if (!n->kids) {
            P->sn = base;
            return parse_oom(P);
        }
        memcpy(n->kids, P->stack + base, k * sizeof(Ast *));
    }
    n->nkids = (uint32_t)k;
    P->sn = base;
    return check_depth(P, n);
}

Ast *parse_mk(Parser *P, AstKind kind, const Tok *t)
{
    Ast *n = ast_new(P->arena, kind, t->line, t->col, 0);
    return n ? n : parse_oom(P);
}

Ast *parse_mk_text(Parser *P, AstKind kind, const Tok *t, const char *s, size_t len)
{
    Ast *n = parse_mk(P, kind, t);
    if (!n)
        return NULL;
    n->v.str.s = ast_strdup(P->arena, s, len);
    n->v.str.len = (uint32_t)len;
    return n->v.str.s ? n : parse_oom(P);
}

Ast *parse_mk2(Parser *P, AstKind kind, const Tok *t, Ast *a, Ast *b)
{
    if (!a || !b)
        return NULL;
    Ast *n = ast_new(P->arena, kind, t->line, t->col, 2);
    if (!n)
        return parse_oom(P);
    n->kids[0] = a;
    n->kids[1] = b;
    return check_depth(P, n);
}

static Ast *mk_op1(Parser *P, const Tok *t, AstOp op, Ast *a)
{
    if (!a)
        return NULL;
    Ast *n = ast_new(P->arena, AST_OP, t->line, t->col, 1);
    if (!n)
        return parse_oom(P);
    n->op = (uint8_t)op;
    n->kids[0] = a;
    return check_depth(P, n);
}

static Ast *mk_op2(Parser *P, const Tok *t, AstOp op, Ast *a, Ast *b)
{
    Ast *n = parse_mk2(P, AST_OP, t, a, b);
    if (n)
        n->op = (uint8_t)op;
    return n;
}

/* ---- operators ---------------------------------------------------------- */

/* Elixir's binary operator table: precedence (higher binds tighter) and
 * associativity. 0 means "not a binary operator here": => and -> are
 * handled by the map and clause grammar, unary-only operators by
 * parse_unary. */
static int binop_prec(uint8_t op, bool *right)
{
    *right = false;
    switch (op) {
    case OP_LARROW: case OP_DEFAULT: return 40;
    case OP_WHEN: *right = true; return 50;
    case OP_TYPE: *right = true; return 60;
    case OP_BAR: *right = true; return 70;
    case OP_MATCH: *right = true; return 100;
    case OP_OOR: case OP_BOR3: case OP_OR: return 120;
    case OP_AAND: case OP_BAND3: case OP_AND: return 130;
    case OP_EQ: case OP_NE: case OP_MATCHRE: case OP_SEQ: case OP_SNE: return 140;
    case OP_LT: case OP_GT: case OP_LE: case OP_GE: return 150;
    case OP_PIPE: case OP_SHL3: case OP_SHR3: case OP_LLT: case OP_TGG: case OP_LTT:
    case OP_TGT: case OP_LTTGT: case OP_LTBGT: return 160;
    case OP_IN: case OP_NOTIN: return 170;
    case OP_BXOR3: return 180;
    case OP_STEP: *right = true; return 190;
    case OP_PLUSPLUS: case OP_MINUSMINUS: case OP_PLUS3: case OP_MINUS3: case OP_CONCAT:
    case OP_RANGE: *right = true; return 200;
    case OP_ADD: case OP_SUB: return 210;
    case OP_MUL: case OP_DIV: return 220;
    case OP_POW: return 230;
    default: return 0;
    }
}

static Ast *build_binop(Parser *P, const Tok *t, Ast *left, Ast *right)
{
    AstOp op = (AstOp)t->op;
    /* "not a in b" means not(a in b), as Elixir rewrites it. */
    if ((op == OP_IN || op == OP_NOTIN) && left->nkids == 1 &&
        (unwrapped_op(left, OP_NOT) || unwrapped_op(left, OP_BANG)))
        return mk_op1(P, t, (AstOp)left->op, mk_op2(P, t, op, left->kids[0], right));
    if (op != OP_STEP)
        return mk_op2(P, t, op, left, right);
    if (!unwrapped_op(left, OP_RANGE) || left->nkids != 2)
        return parse_fail(P, t, "the range step operator (//) must immediately follow the "
                                "range definition operator (..), for example: 1..9//2");
    Ast *n = ast_new(P->arena, AST_OP, left->line, left->col, 3);
    if (!n)
        return parse_oom(P);
    n->op = OP_RANGE_STEP;
    n->kids[0] = left->kids[0];
    n->kids[1] = left->kids[1];
    n->kids[2] = right;
    return check_depth(P, n);
}

static Ast *parse_unary(Parser *P);

Ast *parse_expr(Parser *P, int minprec)
{
    if (++P->depth > PARSE_MAX_NEST) {
        P->depth--;
        return parse_fail(P, cur(P), "expression nested too deeply (more than %d levels)",
                          PARSE_MAX_NEST);
    }
    Ast *left = parse_unary(P);
    while (left) {
        const Tok *t = cur(P);
        bool right;
        int prec = t->kind == TOK_OP ? binop_prec(t->op, &right) : 0;
        if (!prec || prec < minprec)
            break;
        adv(P);
        skip_eol(P);
        /* "when a: t" in typespecs: a keyword list may follow when. */
        Ast *rhs = t->op == OP_WHEN && parse_is_kw_start(P)
                       ? parse_kw_list(P)
                       : parse_expr(P, right ? prec : prec + 1);
        left = rhs ? build_binop(P, t, left, rhs) : NULL;
    }
    P->depth--;
    return left;
}

/* ---- calls -------------------------------------------------------------- */



/* Can t begin the first argument of a call without parentheses? Elixir
 * decides this from spacing: "foo -1" passes -1, "foo - 1" subtracts. */
static bool starts_arg(const Tok *t)
{
    if (!(t->flags & TOKF_SPACE_BEFORE))
        return false;
    switch (t->kind) {
    case TOK_INT: case TOK_BIGINT: case TOK_FLOAT: case TOK_ATOM: case TOK_IDENT:
    case TOK_ALIAS: case TOK_KW: case TOK_STR_BEGIN: case TOK_LBRACK: case TOK_LBRACE:
    case TOK_LBITS: case TOK_PERCENT: case TOK_LPAREN: case TOK_FN: case TOK_CAPTURE_INT:
        return true;
    case TOK_OP:
        switch (t->op) {
        case OP_BANG: case OP_PIN: case OP_NOT: case OP_AT: case OP_CAPTURE: case OP_BNOT3:
            return true;
        case OP_ADD: case OP_SUB:
            return !(t->flags & TOKF_SPACE_AFTER);
        default:
            return false;
        }
    default:
        return false;
    }
}

/* Arguments inside ( ): expressions, then an optional keyword list. */
static bool parse_paren_args(Parser *P)
{
    const Tok *open = cur(P);
    adv(P);
    skip_eol(P);
    bool no_do = P->no_do, one = P->one_arg;
    P->no_do = P->one_arg = false;
    while (!at(P, TOK_RPAREN) && !failed(P)) {
        bool kw = parse_is_kw_start(P);
        if (!parse_push(P, kw ? parse_kw_list(P) : parse_expr(P, PREC_MIN)))
            break;
        skip_eol(P);
        if (kw && at(P, TOK_COMMA) && ahead(P, 1)->kind != TOK_RPAREN)
            parse_kw_not_last(P);
        if (kw || !at(P, TOK_COMMA))
            break;
        adv(P);
        skip_eol(P);
        if (at(P, TOK_RPAREN)) /* f(a,) is an error in Elixir, unlike [a,] */
            parse_unexpected(P, cur(P));
    }
    P->no_do = no_do, P->one_arg = one;
    if (!failed(P) && !at(P, TOK_RPAREN))
        parse_missing(P, ")", "(", open->line);
    adv(P);
    return !failed(P);
}

/* Arguments without parentheses: "foo a, b, k: v". Nested calls without
 * parentheses take one argument, except in the first position, where
 * "foo bar a, b" means foo(bar(a, b)) as in Elixir. */
static bool parse_bare_args(Parser *P)
{
    bool no_do = P->no_do, one = P->one_arg;
    bool single = P->one_arg;
    P->no_do = true;
    for (int i = 0; !failed(P); i++) {
        if (parse_is_kw_start(P)) {
            if (parse_push(P, parse_kw_list_in(P, !single)) && at(P, TOK_COMMA) && !single)
                parse_kw_not_last(P);
            break;
        }
        P->one_arg = single || i > 0;
        Ast *arg = parse_expr(P, PREC_MIN);
        if (arg && i == 0 && is_args(arg) && arg->nkids > 0 && !at(P, TOK_COMMA)) {
            /* foo (a, b): the parenthesised list is the argument list. */
            for (uint32_t k = 0; k < arg->nkids; k++)
                parse_push(P, arg->kids[k]);
            break;
        }
        if (!parse_push(P, arg) || single || !at(P, TOK_COMMA))
            break;
        adv(P);
        skip_eol(P);
    }
    P->no_do = no_do, P->one_arg = one;
    return !failed(P);
}

/* After a call's name: collects its arguments (and do-block) onto the
 * stack. *called says whether it is a call at all. */
static bool parse_call_args(Parser *P, bool *called, bool *parens)
{
    const Tok *t = cur(P);
    *called = *parens = false;
    if (t->kind == TOK_LPAREN && !(t->flags & TOKF_SPACE_BEFORE)) {
        *called = *parens = true;
        if (!parse_paren_args(P))
            return false;
    } else if (starts_arg(t)) {
        *called = true;
        if (!parse_bare_args(P))
            return false;
    }
    if (at(P, TOK_DO) && !P->no_do) {
        *called = true;
        return parse_push(P, parse_do_block(P));
    }
    return true;
}

/* var!(name) and var!(name, context), also spelt Kernel.var!: Elixir's
 * escape from macro hygiene. mote has no macros, so the call is the
 * variable itself; a context other than nil names a variable of its own,
 * "name@context" (no source variable can hold "@"), which binding(context)
 * lists. first is the index of the first argument among n's kids. Returns
 * n unchanged when it is not such a call. */
static Ast *var_bang(Parser *P, Ast *n, uint32_t first)
{
    if (!n || n->nkids < first + 1 || n->nkids > first + 2 || strcmp(n->v.str.s, "var!") != 0)
        return n;
    const Ast *v = n->kids[first];
    const Ast *ctx = n->nkids == first + 2 ? n->kids[first + 1] : NULL;
    if (v->kind != AST_VAR || (ctx && ctx->kind != AST_ATOM))
        return n;
    if (ctx && !ast_is_atom(ctx, "nil")) {
        size_t len = v->v.str.len + 1 + ctx->v.str.len;
        char *name = ast_alloc(P->arena, len + 1);
        if (!name)
            return parse_oom(P);
        snprintf(name, len + 1, "%s@%s", v->v.str.s, ctx->v.str.s);
        n->v.str.s = name;
        n->v.str.len = (uint32_t)len;
    } else {
        n->v.str = v->v.str;
    }
    /* The node keeps its position and becomes the variable. */
    n->kind = AST_VAR;
    n->nkids = 0;
    n->kids = NULL;
    n->depth = 1;
    n->flags = 0;
    return n;
}

static Ast *parse_ident(Parser *P)
{
    const Tok *name = cur(P);
    adv(P);
    size_t base = P->sn;
    bool called, parens;
    if (!parse_call_args(P, &called, &parens)) {
        P->sn = base;
        return NULL;
    }
    if (!called)
        return parse_mk_text(P, AST_VAR, name, name->v.text.s, name->v.text.len);
    Ast *n = parse_mk_text(P, AST_CALL, name, name->v.text.s, name->v.text.len);
    if (n && parens)
        n->flags |= AST_F_PARENS;
    return var_bang(P, parse_finish(P, n, base), 0);
}

/* "target.name ..." where cur() is the name. */
static Ast *parse_remote(Parser *P, Ast *target)
{
    const Tok *name = cur(P);
    const char *s = name->v.text.s;
    size_t len = name->v.text.len;
    if (name->kind == TOK_OP) {
        s = ast_op_text((AstOp)name->op);
        len = strlen(s);
    } else if (name->kind == TOK_DO || name->kind == TOK_END || name->kind == TOK_FN) {
        s = lex_kind_name((TokKind)name->kind);
        len = strlen(s);
    } else if (name->kind == TOK_STR_BEGIN) {
        /* Mod."name"(args): the name is a plain string. */
        Ast *q = parse_string(P);
        if (!q)
            return NULL;
        if (q->kind != AST_STRING)
            return parse_fail(P, name, "interpolation is not allowed in a quoted call name");
        s = q->v.str.s;
        len = q->v.str.len;
        P->pos--; /* parse_string consumed the end token; adv() below redoes it */
    }
    adv(P);
    size_t base = P->sn;
    bool called, parens;
    if (!parse_push(P, target) || !parse_call_args(P, &called, &parens)) {
        P->sn = base;
        return NULL;
    }
    Ast *n = parse_mk_text(P, AST_REMOTE, name, s, len);
    if (n && parens)
        n->flags |= AST_F_PARENS;
    n = parse_finish(P, n, base);
    if (n && n->kids[0]->kind == AST_ALIAS && strcmp(n->kids[0]->v.str.s, "Kernel") == 0)
        n = var_bang(P, n, 1);
    return n;
}

static Ast *parse_apply(Parser *P, Ast *fun, const Tok *dot)
{
    size_t base = P->sn;
    if (!parse_push(P, fun) || !parse_paren_args(P)) {
        P->sn = base;
        return NULL;
    }
    return parse_finish(P, parse_mk(P, AST_APPLY, dot), base);
}

static Ast *parse_access(Parser *P, Ast *container)
{
    const Tok *open = cur(P);
    adv(P);
    skip_eol(P);
    bool no_do = P->no_do, one = P->one_arg;
    P->no_do = P->one_arg = false;
    Ast *key = parse_is_kw_start(P) ? parse_kw_list(P) : parse_expr(P, PREC_MIN);
    P->no_do = no_do, P->one_arg = one;
    skip_eol(P);
    if (key && !at(P, TOK_RBRACK))
        return parse_missing(P, "]", "[", open->line);
    adv(P);
    return parse_mk2(P, AST_ACCESS, open, container, key);
}

static Ast *dynamic_alias(Parser *P, Ast *base, const Tok *name)
{
    Ast *n = parse_mk_text(P, AST_ALIAS, name, name->v.text.s, name->v.text.len);
    if (!n)
        return NULL;
    n->flags |= AST_F_DYNAMIC;
    size_t b = P->sn;
    parse_push(P, base);
    adv(P);
    return parse_finish(P, n, b);
}

/* Foo.{A, B}: a REMOTE named "{}" whose args are the aliases. */
static Ast *parse_multi_alias(Parser *P, Ast *base, const Tok *dot)
{
    Ast *tuple = parse_tuple(P);
    if (!tuple)
        return NULL;
    size_t b = P->sn;
    parse_push(P, base);
    for (uint32_t i = 0; i < tuple->nkids; i++)
        parse_push(P, tuple->kids[i]);
    return parse_finish(P, parse_mk_text(P, AST_REMOTE, dot, "{}", 2), b);
}

static Ast *parse_dot(Parser *P, Ast *left)
{
    const Tok *dot = cur(P);
    adv(P);
    skip_eol(P);
    const Tok *t = cur(P);
    switch (t->kind) {
    case TOK_LPAREN: return parse_apply(P, left, dot);
    case TOK_IDENT: case TOK_DO: case TOK_END: case TOK_FN: return parse_remote(P, left);
    case TOK_ALIAS: return dynamic_alias(P, left, t);
    case TOK_LBRACE: return parse_multi_alias(P, left, dot);
    case TOK_ATOM:
        /* nil/true/false after a dot are names: Map.nil? is not a thing,
         * but Kernel.true is not useful either; refuse clearly. */
        return parse_unexpected(P, t);
    case TOK_OP:
        if (t->op != OP_DOT && t->op != OP_ARROW && t->op != OP_ASSOC)
            return parse_remote(P, left);
        return parse_unexpected(P, t);
    case TOK_BLOCK: case TOK_STR_BEGIN: return parse_remote(P, left);
    default: return parse_unexpected(P, t);
    }
}

static Ast *parse_postfix(Parser *P, Ast *n)
{
    while (n) {
        const Tok *t = cur(P);
        if (t->kind == TOK_OP && t->op == OP_DOT)
            n = parse_dot(P, n);
        else if (t->kind == TOK_LBRACK && !(t->flags & TOKF_SPACE_BEFORE))
            n = parse_access(P, n);
        else if (t->kind == TOK_LPAREN && !(t->flags & TOKF_SPACE_BEFORE) &&
                 (n->kind == AST_CALL || n->kind == AST_REMOTE) && (n->flags & AST_F_PARENS)) {
            n = parse_apply(P, n, t); /* unquote(x)(y): call what the call returns */
            if (n)
                n->flags |= AST_F_DIRECT;
        } else {
            break;
        }
    }
    return n;
}

/* ---- primaries ---------------------------------------------------------- */

/* Foo or Foo.Bar.Baz: one ALIAS node with the joined name. */
static Ast *parse_alias(Parser *P)
{
    const Tok *first = cur(P);
    P->sbuflen = 0;
    for (;;) {
        const Tok *t = cur(P);
        size_t need = P->sbuflen + t->v.text.len + 1;
        if (need > P->sbufcap) {
            size_t ncap = need * 2;
            char *b = mem_realloc(MEM_CODE, P->sbuf, P->sbufcap, ncap);
            if (!b)
                return parse_oom(P);
            P->sbuf = b;
            P->sbufcap = ncap;
        }
        if (P->sbuflen)
            P->sbuf[P->sbuflen++] = '.';
        memcpy(P->sbuf + P->sbuflen, t->v.text.s, t->v.text.len);
        P->sbuflen += t->v.text.len;
        adv(P);
        if (!(at_op(P, OP_DOT) && ahead(P, 1)->kind == TOK_ALIAS))
            break;
        adv(P);
    }
    return parse_mk_text(P, AST_ALIAS, first, P->sbuf, P->sbuflen);
}

static Ast *parse_paren(Parser *P)
{
    const Tok *open = cur(P);
    adv(P);
    bool no_do = P->no_do, one = P->one_arg;
    P->no_do = P->one_arg = false;
    skip_eol(P);
    Ast *n;
    size_t base = P->sn;
    if (at_op(P, OP_ARROW) || (!at(P, TOK_SEMI) && !at(P, TOK_RPAREN) &&
                               parse_push(P, parse_expr(P, PREC_MIN)) && at_op(P, OP_ARROW))) {
        /* (pattern -> body): clauses in parentheses, as in "do: (x -> y)". */
        Ast *first = P->sn > base ? P->stack[--P->sn] : NULL;
        n = first ? parse_section(P, open, first) : parse_section(P, open, NULL);
    } else if (!failed(P) && at(P, TOK_COMMA)) {
        /* (a, b) -> ...: the argument list of a clause. */
        while (at(P, TOK_COMMA) && !failed(P)) {
            adv(P);
            skip_eol(P);
            parse_push(P, parse_expr(P, PREC_MIN));
        }
        skip_eol(P);
        n = parse_finish(P, parse_mk(P, AST_BLOCK, open), base);
        if (n)
            n->flags |= AST_F_ARGS;
    } else if (!failed(P) && P->sn > base && !at_eoe(P) && !at(P, TOK_RPAREN)) {
        n = parse_unexpected(P, cur(P));
    } else if (!failed(P)) {
        Ast *first = P->sn > base ? P->stack[--P->sn] : NULL;
        Ast *rest = parse_exprs(P, TOK_RPAREN);
        n = rest;
        if (first && rest && rest->nkids == 0)
            n = first;
        else if (first && rest) {
            /* Put the first expression in front of the rest. */
            size_t b = P->sn;
            parse_push(P, first);
            for (uint32_t i = 0; i < rest->nkids; i++)
                parse_push(P, rest->kids[i]);
            n = parse_finish(P, parse_mk(P, AST_BLOCK, open), b);
        }
    } else {
        n = NULL;
    }
    P->no_do = no_do, P->one_arg = one;
    if (!n)
        return NULL;
    if (!at(P, TOK_RPAREN))
        return parse_missing(P, ")", "(", open->line);
    adv(P);
    /* On a call the flag means "called with parentheses": (m.key) stays a
     * field access, not m.key(). */
    if (n->kind != AST_CALL && n->kind != AST_REMOTE)
        n->flags |= AST_F_PARENS;
    if (n->kind == AST_BLOCK && n->nkids == 0)
        n->flags |= AST_F_ARGS; /* () -> ... has no arguments */
    /* "(a, b)" is only an argument list: before -> (or when), or after a
     * call name and a space, as in "foo (a, b)". */
    bool after_name = open > P->toks && (open[-1].kind == TOK_IDENT) &&
                      (open->flags & TOKF_SPACE_BEFORE);
    if (is_args(n) && n->nkids > 0 && !at_op(P, OP_ARROW) && !at_op(P, OP_WHEN) && !after_name)
        return parse_fail(P, open, "unexpected parentheses: a comma-separated list in "
                                   "parentheses is only allowed before ->");
    return n;
}

static Ast *parse_primary(Parser *P)
{
    const Tok *t = cur(P);
    Ast *n;
    switch (t->kind) {
    case TOK_INT:
    case TOK_CAPTURE_INT:
        n = parse_mk(P, t->kind == TOK_INT ? AST_INT : AST_CAPTURE_ARG, t);
        if (n)
            n->v.i = t->v.i;
        adv(P);
        return n;
    case TOK_FLOAT:
        n = parse_mk(P, AST_FLOAT, t);
        if (n)
            n->v.f = t->v.f;
        adv(P);
        return n;
    case TOK_BIGINT:
    case TOK_ATOM:
        n = parse_mk_text(P, t->kind == TOK_ATOM ? AST_ATOM : AST_BIGINT, t, t->v.text.s,
                          t->v.text.len);
        if (n)
            n->op = t->op;
        adv(P);
        return n;
    case TOK_STR_BEGIN:
        if (t->flags & TOKF_KW)
            return parse_unexpected(P, t);
        return parse_string(P);
    case TOK_IDENT: return parse_ident(P);
    case TOK_ALIAS: return parse_alias(P);
    case TOK_LPAREN: return parse_paren(P);
    case TOK_LBRACK: return parse_list(P);
    case TOK_LBRACE: return parse_tuple(P);
    case TOK_LBITS: return parse_bits(P);
    case TOK_PERCENT: return parse_percent(P);
    case TOK_FN: return parse_fn(P);
    default: return parse_unexpected(P, t);
    }
}

/* &>=/2: an operator named by its spelling, as a VAR, divided by arity. */
static Ast *parse_op_capture(Parser *P)
{
    const Tok *op = cur(P);
    const char *name = ast_op_text((AstOp)op->op);
    Ast *fun = parse_mk_text(P, AST_VAR, op, name, strlen(name));
    adv(P);
    const Tok *slash = cur(P);
    adv(P);
    Ast *arity = parse_mk(P, AST_INT, cur(P));
    if (arity)
        arity->v.i = cur(P)->v.i;
    adv(P);
    return mk_op2(P, slash, OP_DIV, fun, arity);
}

/* Could t begin an operand (as opposed to closing or separating)? */
static bool starts_operand(const Tok *t)
{
    switch (t->kind) {
    case TOK_EOF: case TOK_EOL: case TOK_SEMI: case TOK_COMMA: case TOK_RPAREN:
    case TOK_RBRACK: case TOK_RBRACE: case TOK_RBITS: case TOK_END: case TOK_DO:
    case TOK_BLOCK: case TOK_INTERP_END: case TOK_KW:
        return false;
    case TOK_OP:
        return t->op == OP_ADD || t->op == OP_SUB || t->op == OP_BANG || t->op == OP_PIN ||
               t->op == OP_NOT || t->op == OP_AT || t->op == OP_CAPTURE || t->op == OP_BNOT3;
    default:
        return true;
    }
}

static Ast *parse_unary(Parser *P)
{
    const Tok *t = cur(P);
    if (t->kind != TOK_OP)
        return parse_postfix(P, parse_primary(P));
    switch (t->op) {
    case OP_ADD: case OP_SUB: case OP_BANG: case OP_PIN: case OP_NOT: case OP_BNOT3:
        adv(P);
        skip_eol(P);
        return mk_op1(P, t, (AstOp)t->op, parse_expr(P, 300));
    case OP_CAPTURE:
        adv(P);
        skip_eol(P);
        if (at(P, TOK_OP) && ahead(P, 1)->kind == TOK_OP && ahead(P, 1)->op == OP_DIV &&
            ahead(P, 2)->kind == TOK_INT)
            return mk_op1(P, t, OP_CAPTURE, parse_op_capture(P));
        return mk_op1(P, t, OP_CAPTURE, parse_expr(P, 91));
    case OP_RANGE:
        if (!starts_operand(ahead(P, 1))) {
            /* A lone .. is the full range, 0..-1//1. */
            adv(P);
            Ast *n = parse_mk(P, AST_OP, t);
            if (n)
                n->op = OP_RANGE;
            return n;
        }
        return parse_unexpected(P, t);
    case OP_AT:
        adv(P);
        skip_eol(P);
        if (!at(P, TOK_IDENT))
            return parse_unexpected(P, cur(P));
        /* @ binds tighter than the dot: @a.b is (@a).b. */
        return parse_postfix(P, mk_op1(P, t, OP_AT, parse_ident(P)));
    default:
        return parse_unexpected(P, t);
    }
}

/* ---- entry points ------------------------------------------------------- */

int parse_source(AstArena *arena, const char *file, const char *src, size_t len, Ast **out,
                 ParseError *err)
{
    memset(err, 0, sizeof(*err));
    err->file = file;
    *out = NULL;
    TokVec tv;
    int rc = lex_source(arena, src, len, &tv, err);
    if (rc) {
        lex_free(&tv);
        return rc;
    }
    Parser P = {.src = src, .len = len, .toks = tv.toks, .arena = arena, .err = err};
    Ast *root = parse_exprs(&P, TOK_EOF);
    if (root && !at(&P, TOK_EOF))
        parse_unexpected(&P, cur(&P));
    mem_free(MEM_CODE, P.stack, P.scap * sizeof(Ast *));
    mem_free(MEM_CODE, P.sbuf, P.sbufcap);
    lex_free(&tv);
    if (err->code)
        return err->code;
    *out = root;
    return 0;
}

int parse_completeness(const char *src, size_t len)
{
    AstArena arena;
    ast_arena_init(&arena);
    ParseError err;
    Ast *root;
    int rc = parse_source(&arena, NULL, src, len, &root, &err);
    ast_arena_fini(&arena);
    if (rc == 0)
        return PARSE_COMPLETE;
    if (rc == MOTE_ESYNTAX && err.incomplete)
        return PARSE_INCOMPLETE;
    return rc;
}

size_t parse_error_format(const ParseError *e, char *buf, size_t cap)
{
    char caret[sizeof(e->text) + 2];
    size_t n = 0;
    uint32_t cp = 1;
    /* One blank per code point before the column; tabs stay tabs so the
     * caret lines up under the text. */
    for (size_t i = 0; cp < e->col && i < sizeof(e->text) - 1 && e->text[i]; i++) {
        unsigned char c = (unsigned char)e->text[i];
        if ((c & 0xC0) == 0x80)
            continue;
        caret[n++] = c == '\t' ? '\t' : ' ';
        cp++;
    }
    caret[n++] = '^';
    caret[n] = '\0';
    int w = snprintf(buf, cap, "%s:%u:%u: %s\n    %s\n    %s\n", e->file ? e->file : "nofile",
                     e->line, e->col, e->msg, e->text, caret);
    return w < 0 ? 0 : (size_t)w;
}

const char *parse_error_kind(const ParseError *e)
{
    return e->incomplete ? "TokenMissingError" : "SyntaxError";
}

int parse_error_to_err(const ParseError *e, Err *err)
{
    if (err) {
        err->code = e->code;
        snprintf(err->msg, sizeof(err->msg), "%.60s:%u:%u: %.180s", e->file ? e->file : "nofile",
                 e->line, e->col, e->msg);
        err->file = __FILE__;
        err->line = __LINE__;
    }
    return e->code;
}
