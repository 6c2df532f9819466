/* comp_fn.c — fn expressions and & captures: closures (comp.h).
 *
 * A fn compiles to its own Fn in the enclosing module; the variables it
 * uses from enclosing functions become its free values, captured by MKFUN
 * at the point the fn is made (the VM lays them after its variables).
 */
#include <stdio.h>

#include "atom.h"
#include "code.h"
#include "comp_int.h"

/* ---- fn and & ----------------------------------------------------------------------- */

static uint32_t add_lambda(Comp *c, ModB *mb, Fn *fn)
{
    uint32_t idx = mb->ndefs + mb->nlambdas;
    mb->fns = comp_grow(c, mb->fns, &mb->capfns, sizeof *mb->fns, idx + 1);
    mb->fns[idx] = fn;
    if (mb->nfns < idx + 1)
        mb->nfns = idx + 1;
    fn->lambda_no = mb->nlambdas++;
    fn->is_lambda = 1;
    return idx;
}

static Term lambda_name(Comp *c, FnB *f)
{
    char buf[300];
    snprintf(buf, sizeof buf, "-%s/%u-fun-%u-", f->fname ? f->fname : "__FILE__", f->farity,
             f->mb->nlambdas);
    (void)c;
    return atom_from_cstr(buf);
}

/* Compiles child (already filled) as a closure of f and emits MKFUN. */
static void finish_lambda(Comp *c, FnB *f, FnB *child, uint32_t arity)
{
    Term name = lambda_name(c, f);
    Fn *fn = comp_finish_fn(c, child, name, arity, child->ncaps);
    uint32_t idx = add_lambda(c, f->mb, fn);
    for (uint32_t j = 0; j < child->ncaps; j++)
        emit_slot_op(c, f, OPC_LOAD, child->caps[j].slot);
    emit_op(c, f, OPC_MKFUN, 1 - (int)child->ncaps);
    emit(c, f, idx);
    emit(c, f, child->ncaps);
}

void comp_fn(Comp *c, FnB *f, const Ast *e)
{
    if (e->nkids == 0)
        comp_error(c, e, "expected clauses for fn");
    uint32_t arity = ast_stab_nargs(e->kids[0]);
    if (arity == 1 && e->kids[0]->kids[0]->kind == AST_BLOCK &&
        (e->kids[0]->kids[0]->flags & AST_F_ARGS))
        arity = e->kids[0]->kids[0]->nkids;
    FnB *child = comp_alloc(c, sizeof *child);
    fnb_init(c, child, f->mb, f, arity);
    child->fname = f->fname;
    child->farity = f->farity;
    uint32_t slots[256];
    if (arity > 255)
        comp_error(c, e, "too many arguments");
    for (uint32_t i = 0; i < arity; i++)
        slots[i] = i;
    comp_clauses(c, child, (const Ast *const *)e->kids, e->nkids, slots, arity, VF_FUNCLAUSE, 1);
    emit_op(c, child, OPC_RET, 0);
    finish_lambda(c, f, child, arity);
}

static uint32_t max_capture_arg(const Ast *e)
{
    if (e->kind == AST_CAPTURE_ARG) /* saturated: &99999999999 is out of range, not &1215752191 */
        return e->v.i < 0 || e->v.i > 256 ? 256 : (uint32_t)e->v.i;
    /* An fn inside a capture is part of it: in &Task.async(fn -> f.(&1)
     * end) the &1 is the capture's argument, as in Elixir. A nested
     * capture's arguments are its own. */
    if (e->kind == AST_OP && e->op == OP_CAPTURE)
        return 0;
    uint32_t m = 0;
    for (uint32_t i = 0; i < e->nkids; i++) {
        uint32_t k = max_capture_arg(e->kids[i]);
        if (k > m)
            m = k;
    }
    return m;
}

/* Is e a capture &Mod.fun/arity or &fun/arity, which may nest? */
static bool is_named_capture(const Ast *e)
{
    const Ast *k = e->kids[0];
    return k->kind == AST_OP && k->op == OP_DIV && k->kids[1]->kind == AST_INT;
}

/* Elixir's checks on a capture's body: no capture with arguments inside it,
 * and no argument skipped (&2 without &1). used[i] marks &(i+1). */
static void check_capture_body(Comp *c, const Ast *e, bool *used)
{
    if (e->kind == AST_CAPTURE_ARG && e->v.i >= 1 && e->v.i <= 255)
        used[e->v.i - 1] = true;
    if (e->kind == AST_OP && e->op == OP_CAPTURE && !is_named_capture(e)) {
        const Ast *k = e->kids[0];
        if (k->kind == AST_CAPTURE_ARG)
            comp_error(c, e, "nested captures are not allowed. You cannot define a function using  "
                             "the capture operator & inside another function defined via &. Got "
                             "invalid nested capture: & &%lld", (long long)k->v.i);
        comp_error(c, e, "nested captures are not allowed. You cannot define a function using  "
                         "the capture operator & inside another function defined via &");
    }
    for (uint32_t i = 0; i < e->nkids; i++)
        check_capture_body(c, e->kids[i], used);
}

/* Binds the capture's argument i (0-based) as the variable "&i+1" of child; its name. */
static char *bind_capture_arg(Comp *c, FnB *child, uint32_t i)
{
    char name[16];
    snprintf(name, sizeof name, "&%u", i + 1);
    char *nm = ast_strdup(&c->arena, name, strlen(name));
    child->vars = comp_grow(c, child->vars, &child->capvars, sizeof(Var), child->nvars + 1);
    child->vars[child->nvars++] = (Var){nm, (uint32_t)strlen(nm), i};
    return nm;
}

/* Kernel functions whose capture Elixir 1.14 turns into a remote capture
 * (so &is_atom/1 prints as &:erlang.is_atom/1 and &inspect/1 as
 * &Kernel.inspect/1): the Erlang builtins Kernel inlines, by their Erlang
 * name, then Kernel's own functions. Kernel's macros (to_string, ...) stay
 * closures, as in Elixir. */
static const struct {
    const char *name, *erl; /* erl: the :erlang name, NULL for Kernel's own */
    uint32_t arity;
} kernel_captures[] = {
    {"abs", "abs", 1}, {"apply", "apply", 2}, {"apply", "apply", 3},
    {"binary_part", "binary_part", 3}, {"bit_size", "bit_size", 1}, {"byte_size", "byte_size", 1},
    {"ceil", "ceil", 1}, {"div", "div", 2}, {"exit", "exit", 1}, {"floor", "floor", 1},
    {"function_exported?", "function_exported", 3}, {"hd", "hd", 1}, {"is_atom", "is_atom", 1},
    {"is_binary", "is_binary", 1}, {"is_bitstring", "is_bitstring", 1},
    {"is_boolean", "is_boolean", 1}, {"is_float", "is_float", 1}, {"is_function", "is_function", 1},
    {"is_function", "is_function", 2}, {"is_integer", "is_integer", 1}, {"is_list", "is_list", 1},
    {"is_map", "is_map", 1}, {"is_number", "is_number", 1}, {"is_pid", "is_pid", 1},
    {"is_port", "is_port", 1}, {"is_reference", "is_reference", 1}, {"is_tuple", "is_tuple", 1},
    {"length", "length", 1}, {"make_ref", "make_ref", 0}, {"map_size", "map_size", 1},
    {"max", "max", 2}, {"min", "min", 2}, {"node", "node", 0}, {"node", "node", 1},
    {"rem", "rem", 2}, {"round", "round", 1}, {"self", "self", 0}, {"send", "send", 2},
    {"spawn", "spawn", 1}, {"spawn", "spawn", 3}, {"spawn_link", "spawn_link", 1},
    {"spawn_link", "spawn_link", 3}, {"spawn_monitor", "spawn_monitor", 1},
    {"spawn_monitor", "spawn_monitor", 3}, {"throw", "throw", 1}, {"tl", "tl", 1},
    {"trunc", "trunc", 1}, {"tuple_size", "tuple_size", 1},
    {"!=", "/=", 2}, {"!==", "=/=", 2}, {"*", "*", 2}, {"+", "+", 1}, {"+", "+", 2},
    {"++", "++", 2}, {"-", "-", 1}, {"-", "-", 2}, {"--", "--", 2}, {"/", "/", 2},
    {"<", "<", 2}, {"<=", "=<", 2}, {"==", "==", 2}, {"===", "=:=", 2}, {">", ">", 2},
    {">=", ">=", 2}, {"not", "not", 1},
    {"binary_slice", NULL, 2}, {"binary_slice", NULL, 3}, {"elem", NULL, 2},
    {"get_and_update_in", NULL, 3}, {"get_in", NULL, 2}, {"inspect", NULL, 1},
    {"inspect", NULL, 2}, {"is_map_key", NULL, 2}, {"macro_exported?", NULL, 3},
    {"pop_in", NULL, 2}, {"put_elem", NULL, 3}, {"put_in", NULL, 3}, {"struct", NULL, 1},
    {"struct", NULL, 2}, {"struct!", NULL, 1}, {"struct!", NULL, 2}, {"update_in", NULL, 3},
};

/* Is name/arity a function the module defines or an import brings? Then
 * the capture is of that, not of Kernel's. */
static bool shadowed(Comp *c, Term name, uint32_t arity)
{
    Term kernel = atom_from_cstr("Elixir.Kernel");
    for (ModB *mb = c->mb; mb != NULL; mb = mb->outer) {
        for (uint32_t i = 0; mb != &c->top && i < mb->ndefs; i++)
            if (mb->defs[i].name == name && mb->defs[i].arity == arity)
                return true;
        for (uint32_t i = 0; i < mb->nimports; i++) {
            Module *m = mb->imports[i] != kernel ? code_find(mb->imports[i]) : NULL;
            if ((m != NULL && code_fn(m, name, arity, true) != NULL) ||
                (mb->imports[i] != kernel && bif_lookup(mb->imports[i], name, arity) != NULL))
                return true;
        }
    }
    return false;
}

/* &name/arity of a Kernel function (&Kernel.name/arity when `remote`,
 * which only the :erlang renames change): emits the export fun Elixir
 * makes (true), when the target can be called here; false leaves it to
 * the closure or the plain export. */
static bool capture_kernel(Comp *c, FnB *f, const char *text, uint32_t arity, bool remote)
{
    for (size_t i = 0; i < sizeof kernel_captures / sizeof kernel_captures[0]; i++) {
        if (kernel_captures[i].arity != arity || strcmp(kernel_captures[i].name, text) != 0)
            continue;
        Term name = atom_from_cstr(text);
        if (remote ? kernel_captures[i].erl == NULL : shadowed(c, name, arity))
            return false;
        Term mod = atom_from_cstr("Elixir.Kernel"), fname = name;
        if (kernel_captures[i].erl != NULL)
            mod = A(erlang), fname = atom_from_cstr(kernel_captures[i].erl);
        Module *m = code_find(mod);
        if ((m == NULL || code_fn(m, fname, arity, true) == NULL) &&
            bif_lookup(mod, fname, arity) == NULL)
            return false;
        emit_lit(c, f, mod);
        emit_lit(c, f, fname);
        emit_lit(c, f, make_small(arity));
        emit_op(c, f, OPC_MKEXPORT, -2);
        return true;
    }
    return false;
}

void comp_capture(Comp *c, FnB *f, const Ast *e)
{
    const Ast *k = e->kids[0];
    if (k->kind == AST_OP && k->op == OP_DIV && k->kids[1]->kind == AST_INT) {
        const Ast *target = k->kids[0];
        if (k->kids[1]->v.i < 0 || k->kids[1]->v.i > 255)
            comp_error(c, e, "invalid arity %lld in capture, expected 0 to 255",
                       (long long)k->kids[1]->v.i);
        uint32_t arity = (uint32_t)k->kids[1]->v.i;
        if (target->kind == AST_REMOTE && target->nkids == 1) {
            const Ast *m = target->kids[0];
            /* &Kernel.is_atom/1 is &:erlang.is_atom/1 too. */
            if (m->kind == AST_ALIAS && comp_alias(c, m) == atom_from_cstr("Elixir.Kernel") &&
                capture_kernel(c, f, target->v.str.s, arity, true))
                return;
            if (m->kind == AST_ALIAS)
                emit_lit(c, f, comp_alias(c, m));
            else if (m->kind == AST_ATOM)
                emit_lit(c, f, atom_intern(m->v.str.s, m->v.str.len));
            else
                comp_expr(c, f, m, 0);
            emit_lit(c, f, atom_intern(target->v.str.s, target->v.str.len));
            emit_lit(c, f, make_small(arity));
            emit_op(c, f, OPC_MKEXPORT, -2);
            return;
        }
        if ((target->kind == AST_VAR || (target->kind == AST_CALL && target->nkids == 0)) &&
            capture_kernel(c, f, target->v.str.s, arity, false))
            return;
        if (target->kind == AST_VAR || (target->kind == AST_CALL && target->nkids == 0)) {
            /* &local/arity: a closure calling it */
            FnB *child = comp_alloc(c, sizeof *child);
            fnb_init(c, child, f->mb, f, arity);
            child->fname = f->fname;
            child->farity = f->farity;
            Ast *call = mk_node(c, AST_CALL, target, arity);
            call->v.str = target->v.str;
            /* &<=/2, &!==/2, &||/2: an operator captures as the operator
             * applied to the arguments (Erlang spells the builtins
             * differently, and macros like || have no function at all). */
            for (int op = 0; op < OP_COUNT && (arity == 1 || arity == 2); op++)
                if (op != OP_CAPTURE && op != OP_MATCH && op != OP_PIN &&
                    strcmp(ast_op_text((AstOp)op), target->v.str.s) == 0) {
                    call->kind = AST_OP;
                    call->op = (uint8_t)op;
                    break;
                }
            for (uint32_t i = 0; i < arity; i++) {
                char *nm = bind_capture_arg(c, child, i);
                Ast *v = mk_node(c, AST_VAR, target, 0);
                v->v.str.s = nm;
                v->v.str.len = (uint32_t)strlen(nm);
                call->kids[i] = v;
            }
            comp_expr(c, child, call, 1);
            emit_op(c, child, OPC_RET, 0);
            finish_lambda(c, f, child, arity);
            return;
        }
    }
    if (k->kind == AST_REMOTE && k->nkids == 1 && (k->flags & AST_F_PARENS)) {
        /* &(&1.key): the parentheses are the capture's, not a call's. */
        Ast *copy = mk_node(c, AST_REMOTE, k, 1);
        copy->v = k->v;
        copy->kids[0] = k->kids[0];
        copy->flags = (uint16_t)(k->flags & ~AST_F_PARENS);
        k = copy;
    }
    uint32_t arity = max_capture_arg(k);
    if (arity == 0)
        comp_error(c, e, "invalid args for &, expected one of: &Mod.fun/arity, &fun/arity, or a capture containing at least one argument as &1");
    if (arity > 255)
        comp_error(c, e, "capture argument out of range: at most &255");
    bool used[255] = {false};
    check_capture_body(c, k, used);
    for (uint32_t i = 1; i < arity; i++)
        if (!used[i - 1])
            comp_error(c, e, "capture argument &%u cannot be defined without &%u (you cannot skip "
                             "arguments, all arguments must be numbered)", arity, i);
    FnB *child = comp_alloc(c, sizeof *child);
    fnb_init(c, child, f->mb, f, arity);
    child->fname = f->fname;
    child->farity = f->farity;
    for (uint32_t i = 0; i < arity; i++)
        bind_capture_arg(c, child, i);
    comp_expr(c, child, k, 1);
    emit_op(c, child, OPC_RET, 0);
    finish_lambda(c, f, child, arity);
}

