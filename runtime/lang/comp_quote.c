/* comp_quote.c — quote/unquote/unquote_splicing.
 *
 * `quote do ... end` evaluates to Elixir's own AST of its body, as terms
 * ({name, meta, args} triples, literals as themselves). Rather than build
 * the term here, the compiler rewrites the body into an expression that
 * builds it — tuples, lists and atoms of our AST — and compiles that:
 * then `unquote(e)` is simply e, and `unquote_splicing(e)` joins lists
 * with ++, with no special code in the VM. Metadata follows Elixir 1.14
 * for what programs commonly print: [] for calls and special forms,
 * [context: C, imports: [...]] for Kernel's operators, [no_parens: true]
 * for a field access, [alias: false] for aliases.
 */
#include <stdio.h>
#include <string.h>

#include "atom.h"
#include "comp_int.h"

typedef struct Q {
    Comp *c;
    bool unquote;     /* unquote/unquote_splicing are live */
    const char *ctx;  /* a variable's context: "Elixir" or the module */
    size_t ctxlen;
} Q;

static Ast *q(Q *s, const Ast *e);

static Ast *node(Q *s, AstKind k, const Ast *pos, uint32_t n)
{
    return mk_node(s->c, k, pos, n);
}

static Ast *atom_n(Q *s, const Ast *pos, const char *name, size_t len)
{
    Ast *a = node(s, AST_ATOM, pos, 0);
    a->v.str.s = ast_strdup(&s->c->arena, name, len);
    if (a->v.str.s == NULL)
        comp_error(s->c, pos, "out of memory");
    a->v.str.len = (uint32_t)len;
    return a;
}

static Ast *atom_c(Q *s, const Ast *pos, const char *name)
{
    return atom_n(s, pos, name, strlen(name));
}

static Ast *int_n(Q *s, const Ast *pos, int64_t v)
{
    Ast *a = node(s, AST_INT, pos, 0);
    a->v.i = v;
    return a;
}

static Ast *fix(Ast *n)
{
    ast_fix_depth(n);
    return n;
}

static Ast *tuple2(Q *s, const Ast *pos, Ast *a, Ast *b)
{
    Ast *t = node(s, AST_TUPLE, pos, 2);
    t->kids[0] = a, t->kids[1] = b;
    return fix(t);
}

static Ast *list_of(Q *s, const Ast *pos, Ast **items, uint32_t n)
{
    Ast *l = node(s, AST_LIST, pos, n);
    for (uint32_t i = 0; i < n; i++)
        l->kids[i] = items[i];
    return fix(l);
}

static Ast *triple(Q *s, const Ast *pos, Ast *head, Ast *meta, Ast *args)
{
    Ast *t = node(s, AST_TUPLE, pos, 3);
    t->kids[0] = head, t->kids[1] = meta, t->kids[2] = args;
    return fix(t);
}

static Ast *no_meta(Q *s, const Ast *pos)
{
    return list_of(s, pos, NULL, 0);
}

static bool is_call(const Ast *e, const char *name, uint32_t nargs)
{
    return e->kind == AST_CALL && e->nkids == nargs && e->v.str.len == strlen(name) &&
           memcmp(e->v.str.s, name, e->v.str.len) == 0;
}

static Ast *concat(Q *s, const Ast *pos, Ast *a, Ast *b)
{
    Ast *j = node(s, AST_OP, pos, 2);
    j->op = OP_PLUSPLUS;
    j->kids[0] = a, j->kids[1] = b;
    return fix(j);
}

/* The quoted elements of items as one list expression; an element that
 * is unquote_splicing(x) contributes x's elements: [a] ++ x ++ [b]. */
static Ast *q_items(Q *s, const Ast *pos, Ast *const *items, uint32_t n)
{
    Ast **parts = comp_alloc(s->c, (n + 1) * sizeof *parts);
    Ast **run = comp_alloc(s->c, (n + 1) * sizeof *run);
    uint32_t nparts = 0, nrun = 0;
    for (uint32_t i = 0; i < n; i++) {
        const Ast *e = items[i];
        if (s->unquote && is_call(e, "unquote_splicing", 1)) {
            if (nrun > 0)
                parts[nparts++] = list_of(s, pos, run, nrun);
            nrun = 0;
            parts[nparts++] = e->kids[0];
        } else {
            run[nrun++] = q(s, e);
        }
    }
    if (nrun > 0 || nparts == 0)
        parts[nparts++] = list_of(s, pos, run, nrun);
    Ast *acc = parts[nparts - 1];
    for (uint32_t i = nparts - 1; i-- > 0;)
        acc = concat(s, pos, parts[i], acc);
    return acc;
}

/* Operators Kernel defines (as functions or macros) carry
 * [context: C, imports: [{arity, Kernel}...]]; special forms carry []. */
static Ast *op_meta(Q *s, const Ast *pos, AstOp op)
{
    switch (op) {
    case OP_MATCH: case OP_PIN: case OP_TYPE: case OP_DOT: case OP_CAPTURE: case OP_BAR:
    case OP_WHEN: case OP_ARROW: case OP_LARROW: case OP_DEFAULT: case OP_ASSOC:
        return no_meta(s, pos);
    default:
        break;
    }
    int arities[2], na = 0;
    if (op == OP_ADD || op == OP_SUB)
        arities[na++] = 1, arities[na++] = 2;
    else if (op == OP_RANGE)
        arities[na++] = 0, arities[na++] = 2;
    else if (op == OP_BANG || op == OP_NOT || op == OP_AT)
        arities[na++] = 1;
    else
        arities[na++] = 2;
    Ast *imp[2];
    for (int i = 0; i < na; i++)
        imp[i] = tuple2(s, pos, int_n(s, pos, arities[i]), atom_c(s, pos, "Elixir.Kernel"));
    Ast *kw[2];
    kw[0] = tuple2(s, pos, atom_c(s, pos, "context"), atom_n(s, pos, s->ctx, s->ctxlen));
    kw[1] = tuple2(s, pos, atom_c(s, pos, "imports"), list_of(s, pos, imp, (uint32_t)na));
    return list_of(s, pos, kw, 2);
}

static Ast *var_q(Q *s, const Ast *pos, const char *name, size_t len)
{
    return triple(s, pos, atom_n(s, pos, name, len), no_meta(s, pos),
                  atom_n(s, pos, s->ctx, s->ctxlen));
}

/* {:__aliases__, [alias: false], [:Foo, :Bar]} for "Foo.Bar". */
static Ast *alias_q(Q *s, const Ast *e)
{
    const char *t = e->v.str.s;
    uint32_t len = e->v.str.len, nparts = 1;
    for (uint32_t i = 0; i < len; i++)
        nparts += t[i] == '.';
    Ast **parts = comp_alloc(s->c, nparts * sizeof *parts);
    uint32_t k = 0, start = 0;
    for (uint32_t i = 0; i <= len; i++) {
        if (i == len || t[i] == '.') {
            parts[k++] = atom_n(s, e, t + start, i - start);
            start = i + 1;
        }
    }
    Ast *meta1 = tuple2(s, e, atom_c(s, e, "alias"), atom_c(s, e, "false"));
    return triple(s, e, atom_c(s, e, "__aliases__"), list_of(s, e, &meta1, 1),
                  list_of(s, e, parts, nparts));
}

static Ast *dot_q(Q *s, const Ast *pos, Ast *target, Ast *name)
{
    Ast *k[2] = {target, name};
    return triple(s, pos, atom_c(s, pos, "."), no_meta(s, pos), list_of(s, pos, k, name ? 2 : 1));
}

static Ast *stab_q(Q *s, const Ast *st)
{
    uint32_t na = ast_stab_nargs(st);
    const Ast *g = ast_stab_guard(st);
    Ast *args = q_items(s, st, (Ast *const *)st->kids, na);
    if (g != NULL) {
        Ast *k[2] = {NULL, q(s, g)};
        /* [{:when, [], args ++ [guard]}] */
        Ast *all = concat(s, st, args, list_of(s, st, &k[1], 1));
        k[0] = triple(s, st, atom_c(s, st, "when"), no_meta(s, st), all);
        args = list_of(s, st, k, 1);
    }
    Ast *k2[2] = {args, q(s, ast_stab_body(st))};
    return triple(s, st, atom_c(s, st, "->"), no_meta(s, st), list_of(s, st, k2, 2));
}

static Ast *interp_q(Q *s, const Ast *e)
{
    Ast **parts = comp_alloc(s->c, (e->nkids + 1) * sizeof *parts);
    for (uint32_t i = 0; i < e->nkids; i++) {
        const Ast *p = e->kids[i];
        if (p->kind == AST_STRING) {
            parts[i] = (Ast *)p;
            continue;
        }
        Ast *conv = triple(s, p, dot_q(s, p, atom_c(s, p, "Elixir.Kernel"), atom_c(s, p, "to_string")),
                           no_meta(s, p), list_of(s, p, (Ast *[]){q(s, p)}, 1));
        Ast *k[2] = {conv, var_q(s, p, "binary", 6)};
        parts[i] = triple(s, p, atom_c(s, p, "::"), no_meta(s, p), list_of(s, p, k, 2));
    }
    return triple(s, e, atom_c(s, e, "<<>>"), no_meta(s, e), list_of(s, e, parts, e->nkids));
}

static Ast *call_q(Q *s, const Ast *e)
{
    if (s->unquote && is_call(e, "unquote", 1))
        return e->kids[0];
    Ast *meta = no_meta(s, e);
    if ((is_call(e, "if", 2) || is_call(e, "unless", 2)))
        meta = op_meta(s, e, OP_MATCHRE); /* a Kernel macro of arity 2 */
    return triple(s, e, atom_n(s, e, e->v.str.s, e->v.str.len), meta,
                  q_items(s, e, e->kids, e->nkids));
}

static Ast *remote_q(Q *s, const Ast *e)
{
    const Ast *t = e->kids[0];
    Ast *target = t->kind == AST_ALIAS && !(t->flags & AST_F_DYNAMIC) ? alias_q(s, t) : q(s, t);
    Ast *d = dot_q(s, e, target, atom_n(s, e, e->v.str.s, e->v.str.len));
    Ast *meta = no_meta(s, e);
    if (!(e->flags & AST_F_PARENS) && e->nkids == 1) {
        Ast *np = tuple2(s, e, atom_c(s, e, "no_parens"), atom_c(s, e, "true"));
        meta = list_of(s, e, &np, 1);
    }
    return triple(s, e, d, meta, q_items(s, e, e->kids + 1, e->nkids - 1));
}

/* f.(x) quotes with a one-target dot; f(y)(x) is {f(y), [], [x]}, except
 * that Mod.unquote(name)(x) is the remote call Mod.name(x) built from the
 * unquoted name, as Elixir's quote does. */
static Ast *apply_q(Q *s, const Ast *e)
{
    const Ast *f = e->kids[0];
    Ast *args = q_items(s, e, e->kids + 1, e->nkids - 1);
    if (!(e->flags & AST_F_DIRECT))
        return triple(s, e, dot_q(s, e, q(s, f), NULL), no_meta(s, e), args);
    if (s->unquote && f->kind == AST_REMOTE && f->nkids == 2 && f->v.str.len == 7 &&
        memcmp(f->v.str.s, "unquote", 7) == 0) {
        const Ast *t = f->kids[0];
        Ast *target = t->kind == AST_ALIAS && !(t->flags & AST_F_DYNAMIC) ? alias_q(s, t) : q(s, t);
        return triple(s, e, dot_q(s, e, target, f->kids[1]), no_meta(s, e), args);
    }
    return triple(s, e, q(s, f), no_meta(s, e), args);
}

static Ast *op_q(Q *s, const Ast *e)
{
    const char *name = ast_op_text((AstOp)e->op);
    return triple(s, e, atom_c(s, e, name), op_meta(s, e, (AstOp)e->op),
                  q_items(s, e, e->kids, e->nkids));
}

static Ast *map_q(Q *s, const Ast *e)
{
    uint32_t from = (e->flags & AST_F_UPDATE) ? 1 : 0;
    Ast *pairs = q_items(s, e, e->kids + from, e->nkids - from);
    if (from) {
        Ast *k[2] = {q(s, e->kids[0]), pairs};
        Ast *bar = triple(s, e, atom_c(s, e, "|"), no_meta(s, e), list_of(s, e, k, 2));
        pairs = list_of(s, e, &bar, 1);
    }
    return triple(s, e, atom_c(s, e, "%{}"), no_meta(s, e), pairs);
}

static Ast *list_q(Q *s, const Ast *e)
{
    if (!(e->flags & AST_F_IMPROPER) || e->nkids < 2)
        return q_items(s, e, e->kids, e->nkids);
    /* [a, b | t] is [a, {:|, [], [b, t]}] */
    uint32_t n = e->nkids;
    Ast *k[2] = {q(s, e->kids[n - 2]), q(s, e->kids[n - 1])};
    Ast *bar = triple(s, e, atom_c(s, e, "|"), no_meta(s, e), list_of(s, e, k, 2));
    return concat(s, e, q_items(s, e, e->kids, n - 2), list_of(s, e, &bar, 1));
}

static Ast *q(Q *s, const Ast *e)
{
    switch ((AstKind)e->kind) {
    case AST_INT: case AST_BIGINT: case AST_FLOAT: case AST_ATOM: case AST_STRING:
    case AST_CHARLIST:
        return (Ast *)e;
    case AST_VAR:
        return var_q(s, e, e->v.str.s, e->v.str.len);
    case AST_ALIAS:
        if (e->flags & AST_F_DYNAMIC)
            comp_error(s->c, e, "quote: dynamic aliases are not supported");
        return alias_q(s, e);
    case AST_CAPTURE_ARG:
        return triple(s, e, atom_c(s, e, "&"), no_meta(s, e), list_of(s, e, (Ast *[]){int_n(s, e, e->v.i)}, 1));
    case AST_LIST:
        return list_q(s, e);
    case AST_TUPLE:
        if (e->nkids == 2)
            return tuple2(s, e, q(s, e->kids[0]), q(s, e->kids[1]));
        return triple(s, e, atom_c(s, e, "{}"), no_meta(s, e), q_items(s, e, e->kids, e->nkids));
    case AST_PAIR:
        return tuple2(s, e, q(s, e->kids[0]), q(s, e->kids[1]));
    case AST_MAP:
        return map_q(s, e);
    case AST_STRUCT: {
        Ast *k[2] = {q(s, e->kids[0]), q(s, e->kids[1])};
        return triple(s, e, atom_c(s, e, "%"), no_meta(s, e), list_of(s, e, k, 2));
    }
    case AST_BITS:
        return triple(s, e, atom_c(s, e, "<<>>"), no_meta(s, e), q_items(s, e, e->kids, e->nkids));
    case AST_INTERP:
        if (e->flags & (AST_F_CHARLIST | AST_F_ATOM))
            comp_error(s->c, e, "quote: interpolated charlists and atoms are not supported");
        return interp_q(s, e);
    case AST_OP:
        return op_q(s, e);
    case AST_CALL:
        return call_q(s, e);
    case AST_REMOTE:
        return remote_q(s, e);
    case AST_APPLY:
        return apply_q(s, e);
    case AST_ACCESS: {
        Ast *d = dot_q(s, e, atom_c(s, e, "Elixir.Access"), atom_c(s, e, "get"));
        return triple(s, e, d, no_meta(s, e), q_items(s, e, e->kids, 2));
    }
    case AST_FN: {
        Ast **st = comp_alloc(s->c, (e->nkids + 1) * sizeof *st);
        for (uint32_t i = 0; i < e->nkids; i++)
            st[i] = stab_q(s, e->kids[i]);
        return triple(s, e, atom_c(s, e, "fn"), no_meta(s, e), list_of(s, e, st, e->nkids));
    }
    case AST_STAB:
        return stab_q(s, e);
    case AST_CLAUSES: {
        Ast **st = comp_alloc(s->c, (e->nkids + 1) * sizeof *st);
        for (uint32_t i = 0; i < e->nkids; i++)
            st[i] = stab_q(s, e->kids[i]);
        return list_of(s, e, st, e->nkids);
    }
    case AST_BLOCK:
        if (e->nkids == 1)
            return q(s, e->kids[0]);
        return triple(s, e, atom_c(s, e, "__block__"), no_meta(s, e), q_items(s, e, e->kids, e->nkids));
    case AST_SIGIL:
    case AST_KINDS:
        break;
    }
    comp_error(s->c, e, "quote: %s is not supported", ast_kind_name((AstKind)e->kind));
    return NULL;
}

/* Pushes the quoted form of quote's body. e is the CALL "quote": its
 * last argument holds do:, an earlier keyword list the options. */
void comp_quote(Comp *c, FnB *f, const Ast *e)
{
    Q s = {.c = c, .unquote = true, .ctx = "Elixir", .ctxlen = 6};
    if (c->mb != &c->top) {
        size_t n;
        const char *t = atom_text(c->mb->name, &n);
        s.ctx = t, s.ctxlen = n;
    }
    const Ast *body = NULL;
    for (uint32_t i = 0; i < e->nkids; i++) {
        const Ast *kw = e->kids[i];
        const Ast *d = ast_kw_find(kw, "do");
        if (d != NULL)
            body = d;
        const Ast *u = ast_kw_find(kw, "unquote");
        if (u != NULL)
            s.unquote = !ast_is_atom(u, "false");
        if (ast_kw_find(kw, "bind_quoted") != NULL)
            comp_error(c, e, "quote: bind_quoted is not supported");
    }
    if (body == NULL)
        comp_error(c, e, "missing :do option in \"quote\"");
    comp_expr(c, f, q(&s, body), 0);
}
