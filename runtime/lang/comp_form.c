/* comp_form.c — special forms: if/unless/case/cond/receive/try/with/for,
 * fn and & captures, and the Kernel macros the compiler expands itself
 * (is_nil, to_string, then, tap, match?, ...). try and raise are in
 * comp_try.c.
 *
 * Every form leaves exactly one value on the operand stack. Clause
 * scopes end with their clause: names bound inside do not leak out.
 */
#include <stdio.h>

#include "atom.h"
#include "code.h"
#include "comp_int.h"

void comp_hole_add(Comp *c, Holes *h, uint32_t hole)
{
    h->at = comp_grow(c, h->at, &h->cap, sizeof *h->at, h->n + 1);
    h->at[h->n++] = hole;
}

void comp_holes_patch(FnB *f, Holes *h, uint32_t target)
{
    for (uint32_t i = 0; i < h->n; i++)
        patch(f, h->at[i], target);
}

static bool named(const Ast *e, const char *name)
{
    size_t n = strlen(name);
    return e->v.str.len == n && memcmp(e->v.str.s, name, n) == 0;
}

/* The keyword/do-block list at the end of a call's arguments. */
const Ast *comp_opts_of(const Ast *e)
{
    if (e->nkids == 0)
        return NULL;
    const Ast *l = e->kids[e->nkids - 1];
    return l->kind == AST_LIST ? l : NULL;
}

/* STABs of a CLAUSES node (or a single STAB). */
void comp_stabs_of(Comp *c, const Ast *n, const Ast *const **out, uint32_t *count, const Ast *at)
{
    if (n == NULL) {
        *out = NULL;
        *count = 0;
        return;
    }
    if (n->kind == AST_CLAUSES) {
        *out = (const Ast *const *)n->kids;
        *count = n->nkids;
        return;
    }
    if (n->kind == AST_STAB) {
        const Ast **one = comp_alloc(c, sizeof *one);
        one[0] = n;
        *out = one;
        *count = 1;
        return;
    }
    comp_error(c, at, "expected -> clauses");
}

void comp_clauses(Comp *c, FnB *f, const Ast *const *stabs, uint32_t nstabs,
                  const uint32_t *slots, uint32_t n, unsigned fail_kind, int tail)
{
    uint32_t mark = f->nvars, d0 = f->depth;
    Holes end = {0};
    for (uint32_t k = 0; k < nstabs; k++) {
        const Ast *st = stabs[k];
        f->nvars = mark;
        f->depth = d0;
        uint32_t nargs = ast_stab_nargs(st);
        const Ast *const *args = (const Ast *const *)st->kids;
        if (nargs == 1 && n > 1 && args[0]->kind == AST_BLOCK && args[0]->nkids == n) {
            args = (const Ast *const *)args[0]->kids;
            nargs = n;
        }
        if (nargs != n)
            comp_error(c, st, "expected %u argument(s) in this clause, got %u", n, nargs);
        uint32_t *fails = NULL, nfails = 0, capfails = 0;
        f->pat_mark = f->nvars;
        for (uint32_t i = 0; i < n; i++) {
            emit_slot_op(c, f, OPC_LOAD, slots[i]);
            comp_pattern_more(c, f, args[i], &fails, &nfails, &capfails);
        }
        if (ast_stab_guard(st) != NULL)
            comp_guard(c, f, ast_stab_guard(st), &fails, &nfails, &capfails);
        comp_body(c, f, ast_stab_body(st), tail);
        uint32_t h;
        emit_jump(c, f, OPC_JUMP, &h);
        comp_hole_add(c, &end, h);
        if (nfails > 0) {
            comp_fails_here(c, f, fails, nfails, d0);
        }
    }
    f->nvars = mark;
    f->depth = d0;
    if (fail_kind == VF_FUNCLAUSE) {
        /* As in Elixir: the error names the enclosing def with the
         * clauses' own arity (an fn's), at the first clause's line. */
        if (nstabs > 0)
            set_line(c, f, stabs[0]);
        Term *hp = heap_alloc(comp_lit_heap(), 4);
        hp[0] = make_header(HDR_TUPLE, 3);
        hp[1] = f->mb->name;
        hp[2] = atom_from_cstr(f->fname ? f->fname : "fn");
        if (f->parent != NULL && f->fname != NULL) {
            /* An fn in a def: "anonymous fn/2 in M.g/1", as Elixir names
             * it (the message shows only the part before "-fun-"); a
             * script's top-level fn is in __FILE__/1. */
            bool top = strcmp(f->fname, "__FILE__") == 0;
            char buf[300];
            snprintf(buf, sizeof buf, "-%s/%u-fun-0-", f->fname, top ? 1 : f->farity);
            hp[2] = atom_from_cstr(buf);
        }
        hp[3] = make_small(n);
        emit_lit(c, f, make_boxed(hp));
    } else {
        emit_slot_op(c, f, OPC_LOAD, slots[0]);
    }
    emit_op(c, f, OPC_RAISE, 0);
    emit(c, f, fail_kind);
    comp_holes_patch(f, &end, f->ncode);
    f->depth = d0 + 1;
}

/* ---- if / unless / cond / case ------------------------------------------- */

static void comp_if(Comp *c, FnB *f, const Ast *e, int tail, bool unless)
{
    const Ast *o = comp_opts_of(e);
    if (e->nkids != 2 || o == NULL)
        comp_error(c, e, "invalid arguments for %s", unless ? "unless" : "if");
    const Ast *then = ast_kw_find(o, "do"), *els = ast_kw_find(o, "else");
    uint32_t d0 = f->depth, h1, h2;
    comp_expr(c, f, e->kids[0], 0);
    emit_jump(c, f, unless ? OPC_JTRUTHY : OPC_JFALSY, &h1);
    uint32_t mark = f->nvars;
    comp_body(c, f, then, tail);
    f->nvars = mark;
    emit_jump(c, f, OPC_JUMP, &h2);
    patch(f, h1, f->ncode);
    f->depth = d0;
    comp_body(c, f, els, tail);
    f->nvars = mark;
    patch(f, h2, f->ncode);
}

static void comp_cond(Comp *c, FnB *f, const Ast *e, int tail)
{
    const Ast *const *stabs;
    uint32_t n;
    comp_stabs_of(c, ast_kw_find(comp_opts_of(e), "do"), &stabs, &n, e);
    uint32_t d0 = f->depth, mark = f->nvars;
    Holes end = {0};
    for (uint32_t i = 0; i < n; i++) {
        uint32_t h;
        f->depth = d0;
        comp_expr(c, f, stabs[i]->kids[0], 0);
        emit_jump(c, f, OPC_JFALSY, &h);
        comp_body(c, f, ast_stab_body(stabs[i]), tail);
        f->nvars = mark;
        uint32_t j;
        emit_jump(c, f, OPC_JUMP, &j);
        comp_hole_add(c, &end, j);
        patch(f, h, f->ncode);
    }
    f->depth = d0;
    emit_lit(c, f, A(nil));
    emit_op(c, f, OPC_RAISE, 0);
    emit(c, f, VF_COND);
    comp_holes_patch(f, &end, f->ncode);
}

static void comp_case(Comp *c, FnB *f, const Ast *e, int tail)
{
    const Ast *const *stabs;
    uint32_t n;
    if (e->nkids != 2)
        comp_error(c, e, "invalid arguments for case");
    comp_stabs_of(c, ast_kw_find(comp_opts_of(e), "do"), &stabs, &n, e);
    comp_expr(c, f, e->kids[0], 0);
    uint32_t s = new_slot(f);
    emit_slot_op(c, f, OPC_STORE, s);
    comp_clauses(c, f, stabs, n, &s, 1, VF_CASE, tail);
}

/* ---- receive ---------------------------------------------------------------- */

static void comp_receive(Comp *c, FnB *f, const Ast *e, int tail)
{
    const Ast *o = comp_opts_of(e);
    const Ast *const *stabs, *const *after;
    uint32_t n, nafter;
    const Ast *dob = ast_kw_find(o, "do");
    if (dob == NULL || (dob->kind == AST_BLOCK && dob->nkids == 0) || ast_is_atom(dob, "nil")) {
        stabs = NULL;
        n = 0;
    } else {
        comp_stabs_of(c, dob, &stabs, &n, e);
    }
    comp_stabs_of(c, ast_kw_find(o, "after"), &after, &nafter, e);
    uint32_t d0 = f->depth, tslot = 0, mslot = new_slot(f), mark = f->nvars;
    if (nafter > 0) {
        tslot = new_slot(f);
        comp_expr(c, f, after[0]->kids[0], 0);
        emit_slot_op(c, f, OPC_STORE, tslot);
    }
    emit_op(c, f, OPC_RECV_START, 0);
    uint32_t loop = f->ncode, nomsg;
    emit_op(c, f, OPC_RECV, 1);
    nomsg = emit_label_hole(c, f);
    emit_slot_op(c, f, OPC_STORE, mslot);
    Holes end = {0};
    for (uint32_t k = 0; k < n; k++) {
        const Ast *st = stabs[k];
        f->nvars = mark;
        f->depth = d0;
        uint32_t *fails = NULL, nfails = 0, capfails = 0;
        emit_slot_op(c, f, OPC_LOAD, mslot);
        comp_pattern(c, f, st->kids[0], &fails, &nfails, &capfails);
        if (ast_stab_guard(st) != NULL)
            comp_guard(c, f, ast_stab_guard(st), &fails, &nfails, &capfails);
        emit_op(c, f, OPC_RECV_TAKE, 0);
        comp_body(c, f, ast_stab_body(st), tail);
        uint32_t h;
        emit_jump(c, f, OPC_JUMP, &h);
        comp_hole_add(c, &end, h);
        comp_fails_here(c, f, fails, nfails, d0);
    }
    f->nvars = mark;
    f->depth = d0;
    emit_op(c, f, OPC_RECV_NEXT, 0);
    emit_op(c, f, OPC_JUMP, 0);
    emit(c, f, loop);
    patch(f, nomsg, f->ncode);
    if (nafter > 0) {
        emit_slot_op(c, f, OPC_LOAD, tslot);
        emit_op(c, f, OPC_RECV_TMO, -1);
        emit(c, f, loop);
        uint32_t to = emit_label_hole(c, f);
        patch(f, to, f->ncode);
        comp_body(c, f, ast_stab_body(after[0]), tail);
        f->nvars = mark;
    } else {
        emit_op(c, f, OPC_RECV_WAIT, 0);
        emit(c, f, loop);
        f->depth = d0 + 1;
    }
    comp_holes_patch(f, &end, f->ncode);
    f->depth = d0 + 1;
}

/* ---- with ----------------------------------------------------------------------- */

static void comp_with(Comp *c, FnB *f, const Ast *e, int tail)
{
    const Ast *o = comp_opts_of(e);
    if (o == NULL)
        comp_error(c, e, "invalid arguments for with");
    const Ast *const *els;
    uint32_t ne;
    comp_stabs_of(c, ast_kw_find(o, "else"), &els, &ne, e);
    uint32_t d0 = f->depth, mark = f->nvars, vs = new_slot(f);
    uint32_t *fails = NULL, nfails = 0, capfails = 0;
    for (uint32_t i = 0; i + 1 < e->nkids; i++) {
        const Ast *cl = e->kids[i];
        if (cl->kind == AST_OP && cl->op == OP_LARROW) {
            const Ast *p = cl->kids[0], *g = NULL;
            if (p->kind == AST_OP && p->op == OP_WHEN) {
                g = p->kids[1];
                p = p->kids[0];
            }
            comp_expr(c, f, cl->kids[1], 0);
            emit_slot_op(c, f, OPC_STORE, vs);
            emit_slot_op(c, f, OPC_LOAD, vs);
            comp_pattern(c, f, p, &fails, &nfails, &capfails);
            if (g != NULL)
                comp_guard(c, f, g, &fails, &nfails, &capfails);
        } else {
            comp_expr(c, f, cl, 0);
            emit_op(c, f, OPC_POP, -1);
        }
    }
    comp_body(c, f, ast_kw_find(o, "do"), tail);
    f->nvars = mark;
    uint32_t done;
    emit_jump(c, f, OPC_JUMP, &done);
    comp_fails_here(c, f, fails, nfails, d0);
    if (ne > 0)
        comp_clauses(c, f, els, ne, &vs, 1, VF_WITH, tail);
    else
        emit_slot_op(c, f, OPC_LOAD, vs);
    patch(f, done, f->ncode);
    f->nvars = mark;
    f->depth = d0 + 1;
}

/* ---- for ------------------------------------------------------------------------ */

static void comp_bits_gen(Comp *c, FnB *f, const Ast *e, uint32_t i, uint32_t acc,
                          const Ast *body, const Ast *reduce_acc, const Ast *q);

/* Qualifiers of a for: every argument before its options (a trailing
 * keyword list and/or do-block). */
static uint32_t for_nq(const Ast *e)
{
    uint32_t n = e->nkids;
    while (n > 0 && e->kids[n - 1]->kind == AST_LIST &&
           (e->kids[n - 1]->flags & (AST_F_KW | AST_F_DOBLOCK)))
        n--;
    return n;
}

static const Ast *for_opt(const Ast *e, const char *key)
{
    for (uint32_t k = for_nq(e); k < e->nkids; k++) {
        const Ast *v = ast_kw_find(e->kids[k], key);
        if (v != NULL)
            return v;
    }
    return NULL;
}

static void comp_for_gen(Comp *c, FnB *f, const Ast *e, uint32_t i, uint32_t acc, const Ast *body,
                         const Ast *reduce_acc)
{
    uint32_t nq = for_nq(e);
    if (i == nq) {
        if (reduce_acc != NULL) {
            /* reduce: body is clauses over the accumulator */
            const Ast *const *stabs;
            uint32_t n;
            comp_stabs_of(c, body, &stabs, &n, e);
            comp_clauses(c, f, stabs, n, &acc, 1, VF_CASE, 0);
            emit_slot_op(c, f, OPC_STORE, acc);
            return;
        }
        comp_body(c, f, body, 0);
        emit_slot_op(c, f, OPC_LOAD, acc);
        emit_op(c, f, OPC_CONS, -1);
        emit_slot_op(c, f, OPC_STORE, acc);
        return;
    }
    const Ast *q = e->kids[i];
    if (q->kind == AST_OP && q->op == OP_LARROW) {
        const Ast *p = q->kids[0], *g = NULL;
        if (p->kind == AST_OP && p->op == OP_WHEN) {
            g = p->kids[1];
            p = p->kids[0];
        }
        uint32_t ls = new_slot(f), d0 = f->depth, mark = f->nvars;
        comp_expr(c, f, q->kids[1], 0);
        /* The elements in Enum.reduce/3's order, as Elixir's `for` visits
         * them: for a map over 32 keys, not its to_list order. */
        comp_call_remote(c, f, atom_from_cstr("Elixir.Enum"), atom_from_cstr("__fold_list__"), 1, 0);
        emit_slot_op(c, f, OPC_STORE, ls);
        uint32_t loop = f->ncode, endh;
        emit_slot_op(c, f, OPC_LOAD, ls);
        emit_op(c, f, OPC_M_CONS, 1);
        endh = emit_label_hole(c, f);
        emit_op(c, f, OPC_SWAP, 0);
        emit_slot_op(c, f, OPC_STORE, ls);
        uint32_t *fails = NULL, nfails = 0, capfails = 0;
        comp_pattern(c, f, p, &fails, &nfails, &capfails);
        if (g != NULL)
            comp_guard(c, f, g, &fails, &nfails, &capfails);
        comp_for_gen(c, f, e, i + 1, acc, body, reduce_acc);
        f->nvars = mark;
        comp_fails_here(c, f, fails, nfails, d0);
        emit_op(c, f, OPC_JUMP, 0);
        emit(c, f, loop);
        patch(f, endh, f->ncode);
        f->depth = d0;
        return;
    }
    if (q->kind == AST_BITS && q->nkids > 0) {
        const Ast *last = q->kids[q->nkids - 1];
        if (last->kind == AST_OP && last->op == OP_LARROW) {
            comp_bits_gen(c, f, e, i, acc, body, reduce_acc, q);
            return;
        }
    }
    /* a filter */
    uint32_t skip;
    comp_expr(c, f, q, 0);
    emit_jump(c, f, OPC_JFALSY, &skip);
    comp_for_gen(c, f, e, i + 1, acc, body, reduce_acc);
    patch(f, skip, f->ncode);
}

/* for <<seg, seg <- bin>>: match the segments plus the rest, again and
 * again, until the pattern no longer matches. */
static void comp_bits_gen(Comp *c, FnB *f, const Ast *e, uint32_t i, uint32_t acc,
                          const Ast *body, const Ast *reduce_acc, const Ast *q)
{
    const Ast *last = q->kids[q->nkids - 1];
    Ast *pat = mk_node(c, AST_BITS, q, q->nkids + 1);
    for (uint32_t k = 0; k + 1 < q->nkids; k++)
        pat->kids[k] = q->kids[k];
    pat->kids[q->nkids - 1] = last->kids[0];
    Ast *rest = mk_node(c, AST_OP, q, 2), *rv = mk_node(c, AST_VAR, q, 0), *ty = mk_node(c, AST_VAR, q, 0);
    rest->op = OP_TYPE;
    rv->v.str.s = " bits rest";
    rv->v.str.len = 10;
    ty->v.str.s = "bits";
    ty->v.str.len = 4;
    rest->kids[0] = rv;
    rest->kids[1] = ty;
    pat->kids[q->nkids] = rest;
    uint32_t ls = new_slot(f), d0 = f->depth, mark = f->nvars;
    comp_expr(c, f, last->kids[1], 0);
    emit_slot_op(c, f, OPC_STORE, ls);
    uint32_t loop = f->ncode;
    uint32_t *fails = NULL, nfails = 0, capfails = 0;
    emit_slot_op(c, f, OPC_LOAD, ls);
    comp_pattern(c, f, pat, &fails, &nfails, &capfails);
    Var *v = find_var(c, f, " bits rest", 10);
    emit_slot_op(c, f, OPC_LOAD, v->slot);
    emit_slot_op(c, f, OPC_STORE, ls);
    comp_for_gen(c, f, e, i + 1, acc, body, reduce_acc);
    f->nvars = mark;
    emit_op(c, f, OPC_JUMP, 0);
    emit(c, f, loop);
    comp_fails_here(c, f, fails, nfails, d0);
}

static void comp_for(Comp *c, FnB *f, const Ast *e)
{
    const Ast *body = for_opt(e, "do"), *into = for_opt(e, "into");
    const Ast *reduce = for_opt(e, "reduce"), *uniq = for_opt(e, "uniq");
    if (body == NULL)
        comp_error(c, e, "missing :do option in \"for\"");
    uint32_t acc = new_slot(f), mark = f->nvars;
    if (reduce != NULL)
        comp_expr(c, f, reduce, 0);
    else
        emit_lit(c, f, NIL);
    emit_slot_op(c, f, OPC_STORE, acc);
    comp_for_gen(c, f, e, 0, acc, body, reduce);
    f->nvars = mark;
    emit_slot_op(c, f, OPC_LOAD, acc);
    if (reduce != NULL)
        return;
    emit_lit(c, f, NIL);
    emit_op(c, f, OPC_ARITH, -1);
    emit(c, f, VA_PLUSPLUS);
    comp_call_remote(c, f, atom_from_cstr("lists"), atom_from_cstr("reverse"), 1, 0);
    if (uniq != NULL && ast_is_atom(uniq, "true"))
        comp_call_remote(c, f, atom_from_cstr("Elixir.Enum"), atom_from_cstr("uniq"), 1, 0);
    if (into != NULL) {
        comp_expr(c, f, into, 0);
        comp_call_remote(c, f, atom_from_cstr("Elixir.Enum"), atom_from_cstr("into"), 2, 0);
    }
}

/* ---- dispatch ----------------------------------------------------------------------------- */

static void comp_match_q(Comp *c, FnB *f, const Ast *e)
{
    const Ast *p = e->kids[0], *g = NULL;
    if (p->kind == AST_OP && p->op == OP_WHEN) {
        g = p->kids[1];
        p = p->kids[0];
    }
    uint32_t d0 = f->depth, mark = f->nvars, done;
    uint32_t *fails = NULL, nfails = 0, capfails = 0;
    comp_expr(c, f, e->kids[1], 0);
    comp_pattern(c, f, p, &fails, &nfails, &capfails);
    if (g != NULL)
        comp_guard(c, f, g, &fails, &nfails, &capfails);
    emit_lit(c, f, A(true));
    emit_jump(c, f, OPC_JUMP, &done);
    comp_fails_here(c, f, fails, nfails, d0);
    emit_lit(c, f, A(false));
    patch(f, done, f->ncode);
    f->nvars = mark;
}

static void comp_alias_form(Comp *c, const Ast *e)
{
    const Ast *a = e->kids[0];
    const Ast *as = e->nkids > 1 ? ast_kw_find(e->kids[1], "as") : NULL;
    /* alias :lists, as: L names an Erlang module; without as: it is a no-op. */
    if (a->kind == AST_ATOM && as == NULL)
        return;
    if (a->kind != AST_ALIAS && !(a->kind == AST_ATOM && as->kind == AST_ALIAS))
        comp_error(c, e, "invalid alias");
    Term full = a->kind == AST_ATOM ? atom_intern(a->v.str.s, a->v.str.len) : comp_alias(c, a);
    const char *s;
    uint32_t len;
    if (as != NULL && as->kind == AST_ALIAS) {
        s = as->v.str.s;
        len = as->v.str.len;
    } else {
        const char *dot = NULL;
        for (uint32_t i = 0; i < a->v.str.len; i++)
            if (a->v.str.s[i] == '.')
                dot = a->v.str.s + i;
        s = dot ? dot + 1 : a->v.str.s;
        len = (uint32_t)(a->v.str.s + a->v.str.len - s);
    }
    ModB *mb = c->mb;
    mb->aliases = comp_grow(c, mb->aliases, &mb->capaliases, sizeof *mb->aliases, mb->naliases + 1);
    mb->aliases[mb->naliases++] = (Alias){ast_strdup(&c->arena, s, len), full};
}

/* The root and keys of an access path: users["john"].age gives users
 * and ["john", Access.key!(:age)] pushed as a list. Returns the root. */
static const Ast *access_path(Comp *c, FnB *f, const Ast *p, uint32_t *nkeys)
{
    if (p->kind == AST_ACCESS) {
        const Ast *root = access_path(c, f, p->kids[0], nkeys);
        comp_expr(c, f, p->kids[1], 0);
        (*nkeys)++;
        return root;
    }
    if (p->kind == AST_REMOTE && p->nkids == 1 && !(p->flags & AST_F_PARENS) &&
        p->kids[0]->kind != AST_ALIAS) {
        const Ast *root = access_path(c, f, p->kids[0], nkeys);
        emit_lit(c, f, atom_intern(p->v.str.s, p->v.str.len));
        comp_call_remote(c, f, atom_from_cstr("Elixir.Access"), atom_from_cstr("key!"), 1, 0);
        (*nkeys)++;
        return root;
    }
    return p;
}

/* put_in(path, v), update_in(path, f), get_and_update_in(path, f),
 * pop_in(path): the macro forms, as calls of the function forms. */
static bool comp_path_macro(Comp *c, FnB *f, const Ast *e, const char *name, int tail)
{
    const Ast *path = e->kids[0];
    if (path->kind != AST_ACCESS && path->kind != AST_REMOTE)
        return false;
    uint32_t d0 = f->depth, nkeys = 0, ks = new_slot(f), rs = new_slot(f);
    const Ast *root = access_path(c, f, path, &nkeys);
    emit_lit(c, f, NIL);
    for (uint32_t i = 0; i < nkeys; i++)
        emit_op(c, f, OPC_CONS, -1);
    emit_slot_op(c, f, OPC_STORE, ks);
    f->depth = d0;
    comp_expr(c, f, root, 0);
    emit_slot_op(c, f, OPC_STORE, rs);
    emit_slot_op(c, f, OPC_LOAD, rs);
    emit_slot_op(c, f, OPC_LOAD, ks);
    uint32_t n = 2;
    if (e->nkids == 2) {
        comp_expr(c, f, e->kids[1], 0);
        n = 3;
    }
    comp_call_remote(c, f, atom_from_cstr("Elixir.Kernel"), atom_from_cstr(name), n, tail);
    return true;
}

/* Whether variable v belongs to context ctx (NULL: nil, the user's own
 * variables); var!(x, ctx) names its variable "x@ctx" (parse.c). */
static bool in_context(const Var *v, const char *ctx)
{
    const char *at = memchr(v->name, '@', v->len);
    if (ctx == NULL)
        return at == NULL;
    size_t k = strlen(ctx);
    return at && (size_t)(v->name + v->len - at - 1) == k && memcmp(at + 1, ctx, k) == 0;
}

/* binding() / binding(ctx): the visible variables of that context, latest
 * binding of each, by name. */
static void comp_binding(Comp *c, FnB *f, const char *ctx)
{
    Var *seen[256];
    uint32_t n = 0;
    for (uint32_t i = f->nvars; i-- > 0 && n < 256;) {
        Var *v = &f->vars[i];
        if (v->name[0] == '&' || v->name[0] == ' ' || v->name[0] == '_' || !in_context(v, ctx))
            continue;
        bool dup = false;
        for (uint32_t k = 0; k < n; k++)
            if (seen[k]->len == v->len && memcmp(seen[k]->name, v->name, v->len) == 0)
                dup = true;
        if (!dup)
            seen[n++] = v;
    }
    for (uint32_t i = 1; i < n; i++)
        for (uint32_t k = i; k > 0; k--) {
            Var *a = seen[k - 1], *b = seen[k];
            uint32_t m = a->len < b->len ? a->len : b->len;
            int cmp = memcmp(a->name, b->name, m);
            if (cmp > 0 || (cmp == 0 && a->len > b->len)) {
                seen[k - 1] = b;
                seen[k] = a;
            }
        }
    for (uint32_t i = 0; i < n; i++) {
        const char *at = memchr(seen[i]->name, '@', seen[i]->len);
        emit_lit(c, f, atom_intern(seen[i]->name, at ? (size_t)(at - seen[i]->name) : seen[i]->len));
        emit_slot_op(c, f, OPC_LOAD, seen[i]->slot);
        emit_op(c, f, OPC_TUPLE, -1);
        emit(c, f, 2);
    }
    emit_lit(c, f, NIL);
    for (uint32_t i = 0; i < n; i++)
        emit_op(c, f, OPC_CONS, -1);
}

bool comp_special(Comp *c, FnB *f, const Ast *e, int tail)
{
    uint32_t n = e->nkids;
    if (named(e, "if")) { comp_if(c, f, e, tail, false); return true; }
    if (named(e, "unless")) { comp_if(c, f, e, tail, true); return true; }
    if (named(e, "case")) { comp_case(c, f, e, tail); return true; }
    if (named(e, "cond")) { comp_cond(c, f, e, tail); return true; }
    if (named(e, "receive")) { comp_receive(c, f, e, tail); return true; }
    if (named(e, "try")) { comp_try(c, f, e, tail); return true; }
    if (named(e, "with")) { comp_with(c, f, e, tail); return true; }
    if (named(e, "for")) { comp_for(c, f, e); return true; }
    if (named(e, "defmodule")) { comp_defmodule(c, f, e); return true; }
    if (named(e, "defprotocol") && n >= 2) { comp_defprotocol(c, f, e); return true; }
    if (named(e, "defimpl") && n >= 2) { comp_defimpl(c, f, e); return true; }
    if (named(e, "raise") && (n == 1 || n == 2)) { comp_raise(c, f, e); return true; }
    if (named(e, "reraise") && n == 2) {
        comp_expr(c, f, e->kids[0], 0);
        emit_op(c, f, OPC_RAISE, 0);
        emit(c, f, VF_RAISE);
        return true;
    }
    if ((named(e, "throw") || named(e, "exit")) && n == 1) {
        comp_expr(c, f, e->kids[0], 0);
        emit_op(c, f, OPC_RAISE, 0);
        emit(c, f, named(e, "throw") ? VF_THROW : VF_EXIT);
        return true;
    }
    if (named(e, "is_nil") && n == 1) {
        comp_expr(c, f, e->kids[0], 0);
        emit_lit(c, f, A(nil));
        emit_op(c, f, OPC_CMP, -1);
        emit(c, f, VC_SEQ);
        return true;
    }
    if (named(e, "to_string") && n == 1) {
        comp_expr(c, f, e->kids[0], 0);
        comp_to_str(c, f);
        return true;
    }
    if ((named(e, "div") || named(e, "rem")) && n == 2) {
        comp_args(c, f, (const Ast *const *)e->kids, 2);
        emit_op(c, f, OPC_ARITH, -1);
        emit(c, f, named(e, "div") ? VA_IDIV : VA_REM);
        return true;
    }
    if (named(e, "then") && n == 2) {
        uint32_t s = new_slot(f);
        comp_expr(c, f, e->kids[0], 0);
        emit_slot_op(c, f, OPC_STORE, s);
        comp_expr(c, f, e->kids[1], 0);
        emit_slot_op(c, f, OPC_LOAD, s);
        emit_op(c, f, tail && !f->no_tail ? OPC_TCALLF : OPC_CALLF, -1);
        emit(c, f, 1);
        return true;
    }
    if (named(e, "tap") && n == 2) {
        uint32_t s = new_slot(f);
        comp_expr(c, f, e->kids[0], 0);
        emit_slot_op(c, f, OPC_STORE, s);
        comp_expr(c, f, e->kids[1], 0);
        emit_slot_op(c, f, OPC_LOAD, s);
        emit_op(c, f, OPC_CALLF, -1);
        emit(c, f, 1);
        emit_op(c, f, OPC_POP, -1);
        emit_slot_op(c, f, OPC_LOAD, s);
        return true;
    }
    if (named(e, "match?") && n == 2) { comp_match_q(c, f, e); return true; }
    if (n == 2 && (named(e, "put_in") || named(e, "update_in") || named(e, "get_and_update_in")) &&
        comp_path_macro(c, f, e, e->v.str.s, tail))
        return true;
    if (n == 1 && named(e, "pop_in") && comp_path_macro(c, f, e, "pop_in", tail))
        return true;
    if (n == 0 && named(e, "binding")) {
        comp_binding(c, f, NULL);
        return true;
    }
    if (n == 1 && named(e, "binding") && e->kids[0]->kind == AST_ATOM) {
        comp_binding(c, f, ast_is_atom(e->kids[0], "nil") ? NULL : e->kids[0]->v.str.s);
        return true;
    }
    if (named(e, "destructure") && n == 2 && e->kids[0]->kind == AST_LIST) {
        /* destructure([a, b], list): each name takes the element at its
         * index, or nil past the end. */
        const Ast *vars = e->kids[0];
        uint32_t s = new_slot(f);
        comp_expr(c, f, e->kids[1], 0);
        emit_slot_op(c, f, OPC_STORE, s);
        for (uint32_t i = 0; i < vars->nkids; i++) {
            uint32_t *fails = NULL, nfails = 0, capfails = 0;
            emit_slot_op(c, f, OPC_LOAD, s);
            emit_lit(c, f, make_small(i));
            comp_call_remote(c, f, atom_from_cstr("Elixir.Enum"), atom_from_cstr("at"), 2, 0);
            comp_pattern(c, f, vars->kids[i], &fails, &nfails, &capfails);
            if (nfails > 0)
                comp_error(c, vars->kids[i], "destructure takes variables only");
        }
        emit_slot_op(c, f, OPC_LOAD, s);
        return true;
    }
    if (named(e, "apply") && (n == 2 || n == 3)) {
        comp_args(c, f, (const Ast *const *)e->kids, n);
        emit_op(c, f, OPC_APPLYL, 1 - (int)n);
        emit(c, f, n == 3);
        return true;
    }
    if ((named(e, "alias") || named(e, "import") || named(e, "require")) && n >= 1 &&
        e->kids[0]->kind != AST_ALIAS && e->kids[0]->kind != AST_ATOM)
        comp_error(c, e->kids[0], "invalid argument for %s, expected a compile time atom or alias",
                   e->v.str.s);
    if (named(e, "alias") && n >= 1) {
        comp_alias_form(c, e);
        emit_lit(c, f, e->kids[0]->kind == AST_ATOM ? atom_intern(e->kids[0]->v.str.s, e->kids[0]->v.str.len)
                                                    : comp_alias(c, e->kids[0]));
        return true;
    }
    if ((named(e, "import") || named(e, "require")) && n >= 1) {
        Term mod = e->kids[0]->kind == AST_ATOM ? atom_intern(e->kids[0]->v.str.s, e->kids[0]->v.str.len)
                                                : comp_alias(c, e->kids[0]);
        if (named(e, "import")) {
            ModB *mb = c->mb;
            mb->imports = comp_grow(c, mb->imports, &mb->capimports, sizeof *mb->imports, mb->nimports + 1);
            mb->imports[mb->nimports++] = mod;
        }
        if (named(e, "require") && n == 2 && ast_kw_find(e->kids[1], "as") != NULL)
            comp_alias_form(c, e);
        emit_lit(c, f, mod);
        return true;
    }
    if (named(e, "__STACKTRACE__") && n == 0) {
        Var *v = find_var(c, f, "__STACKTRACE__", 14);
        if (v == NULL)
            comp_error(c, e, "__STACKTRACE__ is available only inside catch and rescue clauses of try expressions");
        emit_slot_op(c, f, OPC_LOAD, v->slot);
        return true;
    }
    if (named(e, "def") || named(e, "defp") || named(e, "defmacro") || named(e, "defstruct"))
        comp_error(c, e, "cannot invoke %.*s outside module", (int)e->v.str.len, e->v.str.s);
    if (named(e, "quote") && n >= 1) {
        comp_quote(c, f, e);
        return true;
    }
    if (named(e, "quote") || named(e, "unquote") || named(e, "super"))
        comp_error(c, e, "%.*s is not supported", (int)e->v.str.len, e->v.str.s);
    return false;
}
