/* comp_try.c — the exception forms: try with its rescue, catch, else and
 * after parts, and raise of a known exception module. Split from
 * comp_form.c to keep that file readable; the clause helpers they share
 * (Holes, comp_stabs_of, comp_opts_of) are declared in comp_int.h.
 *
 * Every form leaves exactly one value on the operand stack. Clause
 * scopes end with their clause: names bound inside do not leak out.
 */
#include "atom.h"
#include "code.h"
#include "comp_int.h"

/* ---- try ------------------------------------------------------------------------ */

static bool is_exc_known(Comp *c, Term mod)
{
    for (uint32_t i = 0; i < c->nknown_exc; i++)
        if (c->known_exc[i] == mod)
            return true;
    Module *m = code_find(mod);
    return m != NULL && code_fn(m, atom_from_cstr("exception"), 1, true) != NULL;
}

/* One rescue clause over the slots (class, normalized reason). */
static void comp_rescue_clause(Comp *c, FnB *f, const Ast *st, uint32_t cslot, uint32_t nslot,
                               uint32_t **fails, uint32_t *nfails, uint32_t *capfails)
{
    const Ast *a = st->kids[0];
    emit_slot_op(c, f, OPC_LOAD, cslot);
    emit_op(c, f, OPC_M_LIT, -1);
    emit(c, f, add_lit(c, f, A(error)));
    *fails = comp_grow(c, *fails, capfails, sizeof **fails, *nfails + 1);
    (*fails)[(*nfails)++] = emit_label_hole(c, f);
    const Ast *var = NULL, *names = NULL;
    if (a->kind == AST_OP && a->op == OP_IN) {
        var = a->kids[0];
        names = a->kids[1];
    } else if (a->kind == AST_VAR) {
        var = a;
    } else {
        names = a;
    }
    if (names != NULL) {
        const Ast *const *list = (const Ast *const *)&names;
        uint32_t nn = 1;
        if (names->kind == AST_LIST) {
            list = (const Ast *const *)names->kids;
            nn = names->nkids;
        }
        uint32_t tmp = new_slot(f);
        emit_slot_op(c, f, OPC_LOAD, nslot);
        emit_op(c, f, OPC_M_MAP, 0);
        (*fails)[(*nfails)++] = emit_label_hole(c, f);
        *fails = comp_grow(c, *fails, capfails, sizeof **fails, *nfails + 4);
        emit_op(c, f, OPC_M_KEY, 1);
        emit(c, f, add_lit(c, f, A(__struct__)));
        (*fails)[(*nfails)++] = emit_label_hole(c, f);
        emit_slot_op(c, f, OPC_STORE, tmp);
        emit_op(c, f, OPC_POP, -1);
        Holes ok = {0};
        for (uint32_t i = 0; i < nn; i++) {
            if (list[i]->kind != AST_ALIAS)
                comp_error(c, list[i], "invalid rescue clause. The clause should match on an alias, "
                                       "a variable or be in the \"var in [alias]\" format");
            emit_slot_op(c, f, OPC_LOAD, tmp);
            emit_lit(c, f, comp_alias(c, list[i]));
            emit_op(c, f, OPC_CMP, -1);
            emit(c, f, VC_SEQ);
            uint32_t h;
            emit_jump(c, f, OPC_JTRUE, &h);
            comp_hole_add(c, &ok, h);
        }
        uint32_t h;
        emit_jump(c, f, OPC_JUMP, &h);
        *fails = comp_grow(c, *fails, capfails, sizeof **fails, *nfails + 1);
        (*fails)[(*nfails)++] = h;
        comp_holes_patch(f, &ok, f->ncode);
    }
    if (var != NULL) {
        emit_slot_op(c, f, OPC_LOAD, nslot);
        comp_pattern_more(c, f, var, fails, nfails, capfails);
    }
}

static void comp_catch_clause(Comp *c, FnB *f, const Ast *st, uint32_t cslot, uint32_t rslot,
                              uint32_t **fails, uint32_t *nfails, uint32_t *capfails)
{
    uint32_t nargs = ast_stab_nargs(st);
    const Ast *const *args = (const Ast *const *)st->kids;
    if (nargs == 1 && args[0]->kind == AST_BLOCK && args[0]->nkids == 2) {
        args = (const Ast *const *)args[0]->kids;
        nargs = 2;
    }
    if (nargs == 2) {
        emit_slot_op(c, f, OPC_LOAD, cslot);
        comp_pattern_more(c, f, args[0], fails, nfails, capfails);
        emit_slot_op(c, f, OPC_LOAD, rslot);
        comp_pattern_more(c, f, args[1], fails, nfails, capfails);
        return;
    }
    emit_slot_op(c, f, OPC_LOAD, cslot);
    emit_op(c, f, OPC_M_LIT, -1);
    emit(c, f, add_lit(c, f, A(throw)));
    *fails = comp_grow(c, *fails, capfails, sizeof **fails, *nfails + 1);
    (*fails)[(*nfails)++] = emit_label_hole(c, f);
    emit_slot_op(c, f, OPC_LOAD, rslot);
    comp_pattern_more(c, f, args[0], fails, nfails, capfails);
}

/* try body with rescue/catch/else, without after. */
static void comp_try_core(Comp *c, FnB *f, const Ast *o, int tail)
{
    const Ast *const *resc, *const *catc, *const *els;
    uint32_t nr, nc, ne;
    comp_stabs_of(c, ast_kw_find(o, "rescue"), &resc, &nr, o);
    comp_stabs_of(c, ast_kw_find(o, "catch"), &catc, &nc, o);
    comp_stabs_of(c, ast_kw_find(o, "else"), &els, &ne, o);
    uint32_t d0 = f->depth, handler, done, mark = f->nvars;
    int no_tail = f->no_tail;
    f->no_tail = 1;
    emit_op(c, f, OPC_TRY, 3);
    handler = emit_label_hole(c, f);
    comp_body(c, f, ast_kw_find(o, "do"), 0);
    emit_op(c, f, OPC_TRY_END, -3);
    f->no_tail = no_tail;
    f->nvars = mark;
    if (ne > 0) {
        uint32_t vs = new_slot(f);
        emit_slot_op(c, f, OPC_STORE, vs);
        comp_clauses(c, f, els, ne, &vs, 1, VF_TRY_ELSE, tail);
    }
    emit_jump(c, f, OPC_JUMP, &done);
    patch(f, handler, f->ncode);
    f->depth = d0 + 3;
    uint32_t cs = new_slot(f), rs = new_slot(f), ts = new_slot(f), ns = new_slot(f);
    emit_slot_op(c, f, OPC_STORE, ts);
    emit_slot_op(c, f, OPC_STORE, rs);
    emit_slot_op(c, f, OPC_STORE, cs);
    if (nr > 0) {
        emit_slot_op(c, f, OPC_LOAD, cs);
        emit_slot_op(c, f, OPC_LOAD, rs);
        emit_slot_op(c, f, OPC_LOAD, ts);
        comp_call_remote(c, f, atom_from_cstr("mote_vm"), atom_from_cstr("normalize"), 3, 0);
        emit_slot_op(c, f, OPC_STORE, ns);
    }
    /* catch sees what Erlang's catch does: :badarith, {:badkey, k}, ...
     * for the errors the runtime raises as structs (a reraise keeps rs). */
    uint32_t es = rs;
    if (nc > 0) {
        es = new_slot(f);
        emit_slot_op(c, f, OPC_LOAD, cs);
        emit_slot_op(c, f, OPC_LOAD, rs);
        comp_call_remote(c, f, atom_from_cstr("mote_vm"), atom_from_cstr("erlang_reason"), 2, 0);
        emit_slot_op(c, f, OPC_STORE, es);
    }
    Holes end = {0};
    for (uint32_t k = 0; k < nr + nc; k++) {
        const Ast *st = k < nr ? resc[k] : catc[k - nr];
        f->nvars = mark;
        f->depth = d0;
        uint32_t *fails = NULL, nfails = 0, capfails = 0;
        f->pat_mark = f->nvars;
        if (k < nr)
            comp_rescue_clause(c, f, st, cs, ns, &fails, &nfails, &capfails);
        else
            comp_catch_clause(c, f, st, cs, es, &fails, &nfails, &capfails);
        if (ast_stab_guard(st) != NULL)
            comp_guard(c, f, ast_stab_guard(st), &fails, &nfails, &capfails);
        /* __STACKTRACE__ */
        Var *v = NULL;
        (void)v;
        f->vars = comp_grow(c, f->vars, &f->capvars, sizeof *f->vars, f->nvars + 1);
        f->vars[f->nvars++] = (Var){"__STACKTRACE__", 14, ts};
        comp_body(c, f, ast_stab_body(st), tail);
        uint32_t h;
        emit_jump(c, f, OPC_JUMP, &h);
        comp_hole_add(c, &end, h);
        comp_fails_here(c, f, fails, nfails, d0);
    }
    f->nvars = mark;
    f->depth = d0;
    emit_slot_op(c, f, OPC_LOAD, cs);
    emit_slot_op(c, f, OPC_LOAD, rs);
    emit_slot_op(c, f, OPC_LOAD, ts);
    emit_op(c, f, OPC_RERAISE, -3);
    comp_holes_patch(f, &end, f->ncode);
    patch(f, done, f->ncode);
    f->depth = d0 + 1;
}

void comp_try(Comp *c, FnB *f, const Ast *e, int tail)
{
    const Ast *o = comp_opts_of(e);
    if (o == NULL)
        comp_error(c, e, "invalid arguments for try");
    const Ast *after = ast_kw_find(o, "after");
    if (after == NULL) {
        comp_try_core(c, f, o, tail);
        return;
    }
    uint32_t d0 = f->depth, handler, done, mark = f->nvars;
    int no_tail = f->no_tail;
    f->no_tail = 1;
    emit_op(c, f, OPC_TRY, 3);
    handler = emit_label_hole(c, f);
    comp_try_core(c, f, o, 0);
    emit_op(c, f, OPC_TRY_END, -3);
    f->no_tail = no_tail;
    f->nvars = mark;
    uint32_t vs = new_slot(f);
    emit_slot_op(c, f, OPC_STORE, vs);
    comp_body(c, f, after, 0);
    emit_op(c, f, OPC_POP, -1);
    f->nvars = mark;
    emit_slot_op(c, f, OPC_LOAD, vs);
    emit_jump(c, f, OPC_JUMP, &done);
    patch(f, handler, f->ncode);
    f->depth = d0 + 3;
    uint32_t cs = new_slot(f), rs = new_slot(f), ts = new_slot(f);
    emit_slot_op(c, f, OPC_STORE, ts);
    emit_slot_op(c, f, OPC_STORE, rs);
    emit_slot_op(c, f, OPC_STORE, cs);
    comp_body(c, f, after, 0);
    emit_op(c, f, OPC_POP, -1);
    f->nvars = mark;
    emit_slot_op(c, f, OPC_LOAD, cs);
    emit_slot_op(c, f, OPC_LOAD, rs);
    emit_slot_op(c, f, OPC_LOAD, ts);
    emit_op(c, f, OPC_RERAISE, -3);
    patch(f, done, f->ncode);
    f->depth = d0 + 1;
}

/* ---- raise / throw / exit -------------------------------------------------------------- */

void comp_raise(Comp *c, FnB *f, const Ast *e)
{
    const Ast *m = e->kids[0];
    if (m->kind == AST_ALIAS && is_exc_known(c, comp_alias(c, m))) {
        Term mod = comp_alias(c, m);
        if (e->nkids == 2)
            comp_expr(c, f, e->kids[1], 0);
        else
            emit_lit(c, f, NIL);
        comp_call_remote(c, f, mod, atom_from_cstr("exception"), 1, 0);
        emit_op(c, f, OPC_RAISE, 0);
        emit(c, f, VF_ERROR);
        return;
    }
    comp_args(c, f, (const Ast *const *)e->kids, e->nkids);
    comp_call_remote(c, f, atom_from_cstr("Elixir.Kernel"), atom_from_cstr("raise"), e->nkids, 0);
}
