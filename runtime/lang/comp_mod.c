/* comp_mod.c — defmodule: functions, default arguments, attributes,
 * defstruct and defexception.
 *
 * A module compiles in two passes over its body. The first numbers every
 * def name/arity (so calls between functions resolve to direct indices);
 * the second walks the body in order, so attributes and aliases take
 * effect where they are written, and compiles each function when its
 * first clause is reached. Other expressions in the body run in the
 * enclosing script just before the module is installed, as Elixir runs
 * them during the module's compilation.
 */
#include <stdio.h>

#include "atom.h"
#include "code.h"
#include "comp_int.h"
#include "map.h"
#include "mem.h"
#include "vm_int.h"

static bool named(const Ast *e, const char *name)
{
    size_t n = strlen(name);
    return e->kind == AST_CALL && e->v.str.len == n && memcmp(e->v.str.s, name, n) == 0;
}

/* Splits a def head into name, args and guard. */
static void def_head(Comp *c, const Ast *d, const Ast **name_node, const Ast *const **args,
                     uint32_t *nargs, const Ast **guard)
{
    const Ast *h = d->kids[0];
    *guard = NULL;
    if (h->kind == AST_OP && h->op == OP_WHEN) {
        *guard = h->kids[1];
        h = h->kids[0];
    }
    if (h->kind == AST_CALL) {
        *name_node = h;
        *args = (const Ast *const *)h->kids;
        *nargs = h->nkids;
        return;
    }
    if (h->kind == AST_VAR) {
        *name_node = h;
        *args = NULL;
        *nargs = 0;
        return;
    }
    /* def unquote(:name)(args): the way to name a function after an
     * operator such as `in`, which cannot stand as a call name. */
    if (h->kind == AST_APPLY && h->nkids >= 1 && named(h->kids[0], "unquote") &&
        h->kids[0]->nkids == 1 && h->kids[0]->kids[0]->kind == AST_ATOM) {
        *name_node = h->kids[0]->kids[0];
        *args = (const Ast *const *)h->kids + 1;
        *nargs = h->nkids - 1;
        return;
    }
    comp_error(c, d, "invalid function head");
}

static Def *get_def(Comp *c, ModB *mb, Term name, uint32_t arity, bool exported, const Ast *at)
{
    for (uint32_t i = 0; i < mb->ndefs; i++) {
        Def *d = &mb->defs[i];
        if (d->name == name && d->arity == arity) {
            if (d->exported != exported)
                comp_error(c, at, "def/defp mismatch for %s/%u", atom_text(name, NULL), arity);
            return d;
        }
    }
    mb->defs = comp_grow(c, mb->defs, &mb->capdefs, sizeof *mb->defs, mb->ndefs + 1);
    Def *d = &mb->defs[mb->ndefs];
    memset(d, 0, sizeof *d);
    d->name = name;
    d->arity = arity;
    d->exported = exported;
    d->index = mb->ndefs++;
    d->defaults_of = -1;
    return d;
}

static void def_add_clause(Comp *c, Def *d, const Ast *clause)
{
    d->clauses = comp_grow(c, d->clauses, &d->capclauses, sizeof *d->clauses, d->nclauses + 1);
    d->clauses[d->nclauses++] = clause;
}

static uint32_t count_defaults(const Ast *const *args, uint32_t n)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        if (args[i]->kind == AST_OP && args[i]->op == OP_DEFAULT)
            k++;
    return k;
}

/* defdelegate f(a, b), to: Mod[, as: g] becomes def f(a, b), do: Mod.g(a, b). */
static Ast *delegate_def(Comp *c, const Ast *e)
{
    const Ast *head = e->kids[0], *opts = e->nkids > 1 ? e->kids[1] : NULL;
    const Ast *to = ast_kw_find(opts, "to"), *as = ast_kw_find(opts, "as");
    if (to == NULL || (head->kind != AST_CALL && head->kind != AST_VAR))
        comp_error(c, e, "defdelegate needs a function head and to:");
    uint32_t n = head->kind == AST_CALL ? head->nkids : 0;
    Ast *call = mk_node(c, AST_REMOTE, e, n + 1);
    call->flags = AST_F_PARENS;
    call->v.str = as != NULL && as->kind == AST_ATOM ? as->v.str : head->v.str;
    call->kids[0] = (Ast *)to;
    for (uint32_t i = 0; i < n; i++) {
        const Ast *a = head->kids[i];
        call->kids[i + 1] = (Ast *)(a->kind == AST_OP && a->op == OP_DEFAULT ? a->kids[0] : a);
    }
    Ast *key = mk_node(c, AST_ATOM, e, 0);
    key->v.str.s = "do";
    key->v.str.len = 2;
    Ast *pair = mk_node(c, AST_PAIR, e, 2);
    pair->flags = AST_F_KW;
    pair->kids[0] = key;
    pair->kids[1] = call;
    Ast *kw = mk_node(c, AST_LIST, e, 1);
    kw->flags = AST_F_KW;
    kw->kids[0] = pair;
    Ast *d = mk_node(c, AST_CALL, e, 2);
    d->v.str.s = "def";
    d->v.str.len = 3;
    d->kids[0] = (Ast *)head;
    d->kids[1] = kw;
    return d;
}

/* defguard name(args) when expr becomes def name(args), do: expr (and
 * defguardp a defp): mote's guards may call local functions, and a
 * raise inside a guard only fails the guard, so the function serves in
 * guards and bodies alike. */
static Ast *guard_def(Comp *c, const Ast *e)
{
    const Ast *h = e->kids[0];
    if (e->nkids != 1 || h->kind != AST_OP || h->op != OP_WHEN)
        comp_error(c, e, "%.*s needs a head and a when clause", (int)e->v.str.len, e->v.str.s);
    Ast *key = mk_node(c, AST_ATOM, e, 0);
    key->v.str.s = "do";
    key->v.str.len = 2;
    Ast *pair = mk_node(c, AST_PAIR, e, 2);
    pair->flags = AST_F_KW;
    pair->kids[0] = key;
    pair->kids[1] = h->kids[1];
    Ast *kw = mk_node(c, AST_LIST, e, 1);
    kw->flags = AST_F_KW;
    kw->kids[0] = pair;
    Ast *d = mk_node(c, AST_CALL, e, 2);
    bool private = named(e, "defguardp");
    d->v.str.s = private ? "defp" : "def";
    d->v.str.len = private ? 4 : 3;
    d->kids[0] = h->kids[0];
    d->kids[1] = kw;
    return d;
}

/* Pass 1: numbers every function. */
static void collect_defs(Comp *c, ModB *mb, const Ast *body)
{
    const Ast *const *items = (const Ast *const *)&body;
    uint32_t n = 1;
    if (body->kind == AST_BLOCK) {
        items = (const Ast *const *)body->kids;
        n = body->nkids;
    }
    for (uint32_t i = 0; i < n; i++) {
        const Ast *e = items[i];
        /* Rewritten in place (the tree is the compile's to consume), so
         * pass 2 sees an ordinary def. */
        if (named(e, "defdelegate") && e->nkids >= 1)
            ((const Ast **)items)[i] = e = delegate_def(c, e);
        if (named(e, "use"))
            ((const Ast **)items)[i] = e = comp_use_rewrite(c, e, items, n);
        if ((named(e, "defguard") || named(e, "defguardp")) && e->nkids >= 1)
            ((const Ast **)items)[i] = e = guard_def(c, e);
        if (named(e, "defmacro") || named(e, "defmacrop"))
            comp_error(c, e, "%.*s is not supported by mote (no user macros)", (int)e->v.str.len, e->v.str.s);
        if (!(named(e, "def") || named(e, "defp")) || e->nkids < 1)
            continue;
        const Ast *nn, *const *args, *guard;
        uint32_t na;
        def_head(c, e, &nn, &args, &na, &guard);
        Term name = atom_intern(nn->v.str.s, nn->v.str.len);
        bool exported = named(e, "def");
        Def *d = get_def(c, mb, name, na, exported, e);
        /* A bodiless head only declares defaults. */
        if (e->nkids > 1 && e->kids[e->nkids - 1]->kind == AST_LIST)
            def_add_clause(c, d, e);
        uint32_t nd = count_defaults(args, na);
        for (uint32_t k = na - nd; k < na; k++) {
            Def *w = get_def(c, mb, name, k, exported, e);
            if (w->nclauses == 0 && w->defaults_of < 0) {
                w->defaults_of = (int)d->index;
                w->head_for_default = e;
            }
        }
    }
}

/* A STAB for one def clause: args (defaults stripped), guard, body. */
static Ast *clause_stab(Comp *c, const Ast *d)
{
    const Ast *nn, *const *args, *guard;
    uint32_t na;
    def_head(c, d, &nn, &args, &na, &guard);
    const Ast *kw = d->nkids > 1 ? d->kids[d->nkids - 1] : NULL;
    const Ast *body = kw ? ast_kw_find(kw, "do") : NULL;
    if (kw == NULL || (body == NULL && ast_kw_find(kw, "do") == NULL && kw->nkids == 0))
        comp_error(c, d, "missing do for def");
    if (kw != NULL && (ast_kw_find(kw, "rescue") || ast_kw_find(kw, "catch") || ast_kw_find(kw, "after"))) {
        Ast *t = mk_node(c, AST_CALL, d, 1);
        t->v.str.s = "try";
        t->v.str.len = 3;
        t->kids[0] = (Ast *)kw;
        body = t;
    }
    Ast *st = mk_node(c, AST_STAB, d, na + (guard ? 2 : 1));
    for (uint32_t i = 0; i < na; i++) {
        const Ast *a = args[i];
        if (a->kind == AST_OP && a->op == OP_DEFAULT)
            a = a->kids[0];
        st->kids[i] = (Ast *)a;
    }
    if (guard) {
        st->kids[na] = (Ast *)guard;
        st->flags |= AST_F_GUARD;
    }
    Ast *b = (Ast *)body;
    if (b == NULL) {
        b = mk_node(c, AST_BLOCK, d, 0);
    }
    st->kids[st->nkids - 1] = b;
    return st;
}

static void comp_def_fn(Comp *c, ModB *mb, Def *d, FnB *outer)
{
    FnB *f = comp_alloc(c, sizeof *f);
    fnb_init(c, f, mb, NULL, d->arity);
    size_t nlen;
    const char *nt = atom_text(d->name, &nlen);
    char *fname = comp_alloc(c, nlen + 1);
    memcpy(fname, nt, nlen);
    f->fname = fname;
    f->farity = d->arity;
    (void)outer;
    uint32_t slots[256];
    if (d->arity > 255)
        comp_error(c, d->clauses ? d->clauses[0] : NULL, "too many arguments");
    for (uint32_t i = 0; i < d->arity; i++)
        slots[i] = i;
    if (d->nclauses == 0 && d->defaults_of >= 0) {
        /* A default-argument wrapper: fill in defaults, call the full one. */
        const Ast *nn, *const *args, *guard;
        uint32_t na;
        def_head(c, d->head_for_default, &nn, &args, &na, &guard);
        uint32_t nreq = na - count_defaults(args, na);
        uint32_t extra = d->arity - nreq, next = 0;
        for (uint32_t i = 0; i < na; i++) {
            bool has_def = args[i]->kind == AST_OP && args[i]->op == OP_DEFAULT;
            if (has_def && extra == 0) {
                comp_expr(c, f, args[i]->kids[1], 0);
                continue;
            }
            if (has_def)
                extra--;
            emit_slot_op(c, f, OPC_LOAD, next++);
        }
        emit_op(c, f, OPC_TCALL, 1 - (int)na);
        emit(c, f, (uint32_t)d->defaults_of);
        emit(c, f, na);
    } else {
        Ast **stabs = comp_alloc(c, d->nclauses * sizeof *stabs);
        for (uint32_t i = 0; i < d->nclauses; i++)
            stabs[i] = clause_stab(c, d->clauses[i]);
        comp_clauses(c, f, (const Ast *const *)stabs, d->nclauses, slots, d->arity, VF_FUNCLAUSE, 1);
    }
    emit_op(c, f, OPC_RET, 0);
    Fn *fn = comp_finish_fn(c, f, d->name, d->arity, 0);
    fn->exported = d->exported;
    mb->fns[d->index] = fn;
}

/* __struct__/0: the defaults map. fields: a keyword list or atoms. */
static void comp_struct_fn(Comp *c, ModB *mb, const Ast *fields, bool exception)
{
    Def *d = NULL;
    for (uint32_t i = 0; i < mb->ndefs; i++)
        if (mb->defs[i].name == atom_from_cstr("__struct__") && mb->defs[i].arity == 0)
            d = &mb->defs[i];
    FnB *f = comp_alloc(c, sizeof *f);
    fnb_init(c, f, mb, NULL, 0);
    f->fname = "__struct__";
    uint32_t n = 1;
    emit_lit(c, f, A(__struct__));
    emit_lit(c, f, mb->name);
    if (exception) {
        emit_lit(c, f, A(__exception__));
        emit_lit(c, f, A(true));
        n++;
    }
    uint32_t nf = fields != NULL && fields->kind == AST_LIST ? fields->nkids : 0;
    mb->mod->struct_fields = comp_alloc(c, (nf + 2) * sizeof(Term));
    /* A second defstruct in one module replaces the first: the count
     * restarts with the new array (fuzz_comp found it overflowing). */
    mb->mod->nstruct_fields = 0;
    mb->mod->struct_fields[mb->mod->nstruct_fields++] = A(__struct__);
    if (exception)
        mb->mod->struct_fields[mb->mod->nstruct_fields++] = A(__exception__);
    if (fields != NULL && fields->kind == AST_LIST) {
        for (uint32_t i = 0; i < fields->nkids; i++) {
            const Ast *k = fields->kids[i];
            Term key = comp_literal(c, k->kind == AST_PAIR ? k->kids[0] : k);
            if (is_atom(key))
                mb->mod->struct_fields[mb->mod->nstruct_fields++] = key;
            if (k->kind == AST_PAIR) {
                comp_expr(c, f, k->kids[0], 0);
                comp_expr(c, f, k->kids[1], 0);
            } else {
                comp_expr(c, f, k, 0);
                emit_lit(c, f, A(nil));
            }
            n++;
        }
    }
    emit_op(c, f, OPC_MAP, 1 - 2 * (int)n);
    emit(c, f, n);
    emit_op(c, f, OPC_RET, 0);
    Fn *fn = comp_finish_fn(c, f, atom_from_cstr("__struct__"), 0, 0);
    fn->exported = 1;
    mb->fns[d->index] = fn;
}

/* __struct__/1 of a defstruct: Kernel.struct!(Mod, kv), which is what
 * Elixir's does (unknown keys raise KeyError, @enforce_keys are checked). */
static void comp_struct1_fn(Comp *c, ModB *mb)
{
    Def *d = get_def(c, mb, A(__struct__), 1, true, NULL);
    FnB *f = comp_alloc(c, sizeof *f);
    fnb_init(c, f, mb, NULL, 1);
    f->fname = "__struct__";
    f->farity = 1;
    emit_lit(c, f, mb->name);
    emit_slot_op(c, f, OPC_LOAD, 0);
    comp_call_remote(c, f, atom_from_cstr("Elixir.Kernel"), atom_from_cstr("struct!"), 2, 0);
    emit_op(c, f, OPC_RET, 0);
    Fn *fn = comp_finish_fn(c, f, d->name, 1, 0);
    fn->exported = 1;
    mb->fns[d->index] = fn;
}

/* Does a defstruct/defexception field list name :message? */
static bool has_message_field(Comp *c, const Ast *fields)
{
    for (uint32_t i = 0; fields != NULL && fields->kind == AST_LIST && i < fields->nkids; i++) {
        const Ast *k = fields->kids[i];
        if (comp_literal(c, k->kind == AST_PAIR ? k->kids[0] : k) == A(message))
            return true;
    }
    return false;
}

/* message/1 of a defexception with a :message field and no message/1 of
 * its own: the field, as Elixir defines it. */
static void comp_message_fn(Comp *c, ModB *mb, Def *d)
{
    FnB *f = comp_alloc(c, sizeof *f);
    fnb_init(c, f, mb, NULL, 1);
    f->fname = "message";
    f->farity = 1;
    emit_lit(c, f, A(message));
    emit_slot_op(c, f, OPC_LOAD, 0);
    comp_call_remote(c, f, atom_from_cstr("maps"), atom_from_cstr("get"), 2, 0);
    emit_op(c, f, OPC_RET, 0);
    Fn *fn = comp_finish_fn(c, f, d->name, 1, 0);
    fn->exported = 1;
    mb->fns[d->index] = fn;
}

/* Whether a def is one __info__(:functions) lists: public, and not one
 * of the generated __name__ functions except __struct__. */
static bool info_listed(const Def *d)
{
    const char *s = atom_text(d->name, NULL);
    return d->exported && (strncmp(s, "__", 2) != 0 || d->name == A(__struct__));
}

/* __info__/1: :functions (sorted {name, arity} of the public functions,
 * __struct__/0,1 included), :macros ([]), :module; nil for other keys. */
static void comp_info_fn(Comp *c, ModB *mb, Def *d)
{
    Heap *h = comp_lit_heap();
    uint32_t n = 0;
    Def **listed = comp_alloc(c, (mb->ndefs + 1) * sizeof *listed);
    for (uint32_t i = 0; i < mb->ndefs; i++)
        if (info_listed(&mb->defs[i]))
            listed[n++] = &mb->defs[i];
    /* Insertion sort by name text, then arity: modules are small. */
    for (uint32_t i = 1; i < n; i++) {
        Def *x = listed[i];
        uint32_t j = i;
        while (j > 0) {
            int cmp = strcmp(atom_text(listed[j - 1]->name, NULL), atom_text(x->name, NULL));
            if (cmp < 0 || (cmp == 0 && listed[j - 1]->arity <= x->arity))
                break;
            listed[j] = listed[j - 1];
            j--;
        }
        listed[j] = x;
    }
    Term list = NIL;
    for (uint32_t i = n; i-- > 0;) {
        Term *t = heap_alloc(h, 3);
        t[0] = make_header(HDR_TUPLE, 2);
        t[1] = listed[i]->name;
        t[2] = make_small(listed[i]->arity);
        Term *cell = heap_alloc(h, 2);
        cell[0] = make_boxed(t);
        cell[1] = list;
        list = make_list(cell);
    }
    Term m = map_new(h);
    m = map_put(h, m, atom_from_cstr("functions"), list);
    m = map_put(h, m, atom_from_cstr("macros"), NIL);
    m = map_put(h, m, atom_from_cstr("module"), mb->name);
    FnB *f = comp_alloc(c, sizeof *f);
    fnb_init(c, f, mb, NULL, 1);
    f->fname = "__info__";
    f->farity = 1;
    emit_slot_op(c, f, OPC_LOAD, 0);
    emit_lit(c, f, m);
    emit_lit(c, f, A(nil));
    comp_call_remote(c, f, atom_from_cstr("maps"), atom_from_cstr("get"), 3, 0);
    emit_op(c, f, OPC_RET, 0);
    Fn *fn = comp_finish_fn(c, f, d->name, 1, 0);
    fn->exported = 1;
    mb->fns[d->index] = fn;
}

/* __enforce_keys__/0: the @enforce_keys set before defstruct ([] when
 * none), which struct!/2 checks (kernel.ex). */
static void comp_enforce_fn(Comp *c, ModB *mb)
{
    Def *d = get_def(c, mb, atom_from_cstr("__enforce_keys__"), 0, true, NULL);
    FnB *f = comp_alloc(c, sizeof *f);
    fnb_init(c, f, mb, NULL, 0);
    f->fname = "__enforce_keys__";
    uint32_t i = mb->nattrs;
    while (i > 0 && strcmp(mb->attrs[i - 1].name, "enforce_keys") != 0)
        i--;
    if (i > 0 && mb->attrs[i - 1].value != NULL) {
        uint32_t saved = mb->nattrs;
        mb->nattrs = i - 1;
        comp_expr(c, f, mb->attrs[i - 1].value, 0);
        mb->nattrs = saved;
    } else {
        emit_lit(c, f, NIL);
    }
    emit_op(c, f, OPC_RET, 0);
    Fn *fn = comp_finish_fn(c, f, d->name, 0, 0);
    fn->exported = 1;
    mb->fns[d->index] = fn;
}

/* exception/1 of a defexception: the struct updated from a message or a
 * keyword list (mote_vm.exception_new), then message/1 filled in when
 * the module defines one. */
static void comp_exception_fn(Comp *c, ModB *mb, Def *d, Def *msg)
{
    FnB *f = comp_alloc(c, sizeof *f);
    fnb_init(c, f, mb, NULL, 1);
    f->fname = "exception";
    f->farity = 1;
    emit_op(c, f, OPC_CALL, 1);
    emit(c, f, get_def(c, mb, atom_from_cstr("__struct__"), 0, true, NULL)->index);
    emit(c, f, 0);
    emit_slot_op(c, f, OPC_LOAD, 0);
    comp_call_remote(c, f, atom_from_cstr("mote_vm"), atom_from_cstr("exception_new"), 2, 0);
    if (msg != NULL) {
        uint32_t s = new_slot(f);
        emit_slot_op(c, f, OPC_STORE, s);
        emit_slot_op(c, f, OPC_LOAD, s);
        emit_lit(c, f, A(message));
        emit_slot_op(c, f, OPC_LOAD, s);
        emit_op(c, f, OPC_CALL, 0);
        emit(c, f, msg->index);
        emit(c, f, 1);
        emit_op(c, f, OPC_MAP_PUT, -2);
        emit(c, f, 1);
    }
    emit_op(c, f, OPC_RET, 0);
    Fn *fn = comp_finish_fn(c, f, d->name, 1, 0);
    fn->exported = 1;
    mb->fns[d->index] = fn;
}

static Term module_name(Comp *c, const Ast *name_node)
{
    if (name_node->kind == AST_ATOM)
        return atom_intern(name_node->v.str.s, name_node->v.str.len);
    if (name_node->kind != AST_ALIAS)
        comp_error(c, name_node, "invalid module name");
    Term t = comp_alias(c, name_node);
    if (c->mb != &c->top && !(name_node->flags & AST_F_DYNAMIC)) {
        /* Nested: Outer.Inner, and Inner becomes an alias in Outer. */
        size_t ol;
        const char *ot = atom_text(c->mb->name, &ol);
        char buf[512];
        snprintf(buf, sizeof buf, "%.*s.%.*s", (int)ol, ot, (int)name_node->v.str.len,
                 name_node->v.str.s);
        t = atom_from_cstr(buf);
        ModB *mb = c->mb;
        mb->aliases = comp_grow(c, mb->aliases, &mb->capaliases, sizeof *mb->aliases, mb->naliases + 1);
        mb->aliases[mb->naliases++] = (Alias){ast_strdup(&c->arena, name_node->v.str.s, name_node->v.str.len), t};
    }
    return t;
}

/* Module.register_attribute(__MODULE__, :name, accumulate: true) in a
 * module body: a mark after which @name reads every value set so far. */
static bool attr_register(Comp *c, ModB *mb, const Ast *e)
{
    if (e->kind != AST_REMOTE || e->nkids != 4 || e->kids[0]->kind != AST_ALIAS ||
        strcmp(e->kids[0]->v.str.s, "Module") != 0 || e->v.str.len != 18 ||
        memcmp(e->v.str.s, "register_attribute", 18) != 0 || e->kids[2]->kind != AST_ATOM)
        return false;
    const Ast *acc = ast_kw_find(e->kids[3], "accumulate");
    if (acc != NULL && ast_is_atom(acc, "true")) {
        mb->attrs = comp_grow(c, mb->attrs, &mb->capattrs, sizeof *mb->attrs, mb->nattrs + 1);
        char *name = ast_strdup(&c->arena, e->kids[2]->v.str.s, e->kids[2]->v.str.len);
        mb->attrs[mb->nattrs++] = (Attr){name, NULL, true};
    }
    return true;
}

static bool attr_set(Comp *c, ModB *mb, const Ast *e)
{
    if (!(e->kind == AST_OP && e->op == OP_AT && e->kids[0]->kind == AST_CALL))
        return false;
    const Ast *call = e->kids[0];
    mb->attrs = comp_grow(c, mb->attrs, &mb->capattrs, sizeof *mb->attrs, mb->nattrs + 1);
    char *name = ast_strdup(&c->arena, call->v.str.s, call->v.str.len);
    mb->attrs[mb->nattrs++] = (Attr){name, call->nkids > 0 ? call->kids[0] : NULL, false};
    return true;
}

void comp_defmodule(Comp *c, FnB *f, const Ast *e)
{
    if (e->nkids != 2)
        comp_error(c, e, "invalid defmodule");
    const Ast *body = ast_kw_find(e->kids[1], "do");
    ModB *mb = comp_alloc(c, sizeof *mb);
    mb->name = module_name(c, e->kids[0]);
    mb->outer = c->mb;
    mb->mod = comp_alloc(c, sizeof *mb->mod);
    mb->mod->name = mb->name;
    mb->mod->file = c->file;
    mb->mod->file_term = c->file_term;
    if (body == NULL)
        body = mk_node(c, AST_BLOCK, e, 0);
    const Ast *const *items = (const Ast *const *)&body;
    uint32_t n = 1;
    if (body->kind == AST_BLOCK) {
        items = (const Ast *const *)body->kids;
        n = body->nkids;
    }
    ModB *saved = c->mb;
    c->mb = mb;
    collect_defs(c, mb, body);
    /* defstruct / defexception generate functions too. */
    const Ast *sfields = NULL;
    bool exception = false;
    for (uint32_t i = 0; i < n; i++) {
        if (named(items[i], "defstruct") || named(items[i], "defexception")) {
            exception = named(items[i], "defexception");
            sfields = items[i]->nkids > 0 ? items[i]->kids[0] : NULL;
            if (sfields == NULL)
                sfields = mk_node(c, AST_LIST, items[i], 0);
            get_def(c, mb, atom_from_cstr("__struct__"), 0, true, items[i]);
            get_def(c, mb, atom_from_cstr("__struct__"), 1, true, items[i]);
            get_def(c, mb, atom_from_cstr("__enforce_keys__"), 0, true, items[i]);
            if (exception)
                get_def(c, mb, atom_from_cstr("exception"), 1, true, items[i]);
        }
    }
    /* An index: get_def may move mb->defs. */
    uint32_t gen_message = UINT32_MAX;
    if (exception && has_message_field(c, sfields)) {
        bool own = false;
        for (uint32_t k = 0; k < mb->ndefs; k++)
            own |= mb->defs[k].name == A(message) && mb->defs[k].arity == 1;
        if (!own)
            gen_message = get_def(c, mb, A(message), 1, true, e)->index;
    }
    /* __info__/1 is generated after pass 2 (it lists every def), unless
     * the module writes its own; defs[index] is its Def. */
    uint32_t info_index = UINT32_MAX;
    bool own_info = false;
    for (uint32_t i = 0; i < mb->ndefs; i++)
        own_info |= mb->defs[i].name == atom_from_cstr("__info__") && mb->defs[i].arity == 1;
    if (!own_info)
        info_index = get_def(c, mb, atom_from_cstr("__info__"), 1, true, e)->index;
    mb->fns = comp_grow(c, mb->fns, &mb->capfns, sizeof *mb->fns, mb->ndefs + 1);
    mb->nfns = mb->ndefs;
    if (exception && c->nknown_exc < 64)
        c->known_exc[c->nknown_exc++] = mb->name;
    /* Pass 2, in order. Docs are kept for h/1: attrs is
     * %{moduledoc: text, docs: %{{name, arity} => text}}. */
    Heap *lh = comp_lit_heap();
    Term docs = map_new(lh), pending_doc = NONE, moduledoc = A(nil);
    for (uint32_t i = 0; i < n; i++) {
        const Ast *x = items[i];
        set_line(c, f, x);
        if (x->kind == AST_OP && x->op == OP_AT && x->kids[0]->kind == AST_CALL &&
            x->kids[0]->nkids == 1) {
            const Ast *call = x->kids[0];
            Term text = call->kids[0]->kind == AST_STRING ? comp_literal(c, call->kids[0]) : NONE;
            if (call->v.str.len == 3 && memcmp(call->v.str.s, "doc", 3) == 0)
                pending_doc = text;
            else if (call->v.str.len == 9 && memcmp(call->v.str.s, "moduledoc", 9) == 0 && text != NONE)
                moduledoc = text;
        }
        if (named(x, "def") || named(x, "defp")) {
            const Ast *nn, *const *args, *guard;
            uint32_t na;
            def_head(c, x, &nn, &args, &na, &guard);
            Term name = atom_intern(nn->v.str.s, nn->v.str.len);
            if (pending_doc != NONE && docs != NONE) {
                Term *key = heap_alloc(lh, 3);
                key[0] = make_header(HDR_TUPLE, 2);
                key[1] = name;
                key[2] = make_small(na);
                docs = map_put(lh, docs, make_boxed(key), pending_doc);
                pending_doc = NONE;
            }
            for (uint32_t k = 0; k < mb->ndefs; k++) {
                Def *d = &mb->defs[k];
                if (d->name == name && d->nclauses > 0 && d->clauses[0] == x)
                    comp_def_fn(c, mb, d, f);
                if (d->name == name && d->nclauses == 0 && d->head_for_default == x &&
                    mb->fns[d->index] == NULL)
                    comp_def_fn(c, mb, d, f);
            }
            continue;
        }
        if (comp_proto_derive(c, f, x))
            continue;
        if (attr_set(c, mb, x) || attr_register(c, mb, x))
            continue;
        if (named(x, "defstruct") || named(x, "defexception")) {
            comp_struct_fn(c, mb, sfields, exception);
            comp_struct1_fn(c, mb);
            comp_enforce_fn(c, mb);
            continue;
        }
        if (named(x, "use") || named(x, "@") || named(x, "defoverridable"))
            continue;
        /* Anything else runs now, in the enclosing code. */
        ModB *keep = c->mb;
        comp_expr(c, f, x, 0);
        c->mb = keep;
        emit_op(c, f, OPC_POP, -1);
    }
    if (exception) {
        Def *ex = get_def(c, mb, atom_from_cstr("exception"), 1, true, e);
        if (ex->nclauses == 0) {
            Def *msg = NULL;
            for (uint32_t k = 0; gen_message == UINT32_MAX && k < mb->ndefs; k++)
                if (mb->defs[k].name == A(message) && mb->defs[k].arity == 1)
                    msg = &mb->defs[k];
            comp_exception_fn(c, mb, ex, msg);
        }
    }
    if (gen_message != UINT32_MAX)
        comp_message_fn(c, mb, &mb->defs[gen_message]);
    if (info_index != UINT32_MAX)
        comp_info_fn(c, mb, &mb->defs[info_index]);
    for (uint32_t k = 0; k < mb->ndefs; k++)
        if (mb->fns[k] == NULL)
            comp_error(c, e, "internal: %s/%u was not compiled", atom_text(mb->defs[k].name, NULL), mb->defs[k].arity);
    c->mb = saved;
    Module *m = mb->mod;
    if (docs != NONE) {
        Term attrs = map_new(lh);
        attrs = attrs == NONE ? NONE : map_put(lh, attrs, atom_from_cstr("moduledoc"), moduledoc);
        attrs = attrs == NONE ? NONE : map_put(lh, attrs, atom_from_cstr("docs"), docs);
        m->attrs = attrs == NONE ? A(nil) : attrs;
    }
    m->fns = mb->fns;
    m->nfns = mb->nfns;
    m->nnamed = mb->ndefs;
    emit_op(c, f, OPC_LOADMOD, 1);
    emit(c, f, add_lit(c, f, (Term)(uintptr_t)m));
    code_install(m);
    c->installed = true;
}

/* ---- bitstrings ---------------------------------------------------------- */

static void seg_spec_part(Comp *c, const Ast *x, BitsSeg *sg)
{
    if (x->kind == AST_OP && x->op == OP_SUB && x->nkids == 2) {
        seg_spec_part(c, x->kids[0], sg);
        seg_spec_part(c, x->kids[1], sg);
        return;
    }
    if (x->kind == AST_INT) {
        sg->size = x->v.i;
        return;
    }
    if (x->kind == AST_OP && x->op == OP_MUL && x->nkids == 2 && x->kids[1]->kind == AST_INT) {
        /* size*unit */
        if (x->kids[0]->kind == AST_INT)
            sg->size = x->kids[0]->v.i;
        else
            sg->size_expr = x->kids[0];
        sg->unit = x->kids[1]->v.i;
        return;
    }
    const char *s = x->v.str.s;
    uint32_t len = x->v.str.len;
    if (x->kind == AST_CALL && x->nkids == 1 && len == 4 && memcmp(s, "size", 4) == 0) {
        if (x->kids[0]->kind == AST_INT)
            sg->size = x->kids[0]->v.i;
        else
            sg->size_expr = x->kids[0];
        return;
    }
    if (x->kind == AST_CALL && x->nkids == 1 && len == 4 && memcmp(s, "unit", 4) == 0 &&
        x->kids[0]->kind == AST_INT) {
        sg->unit = x->kids[0]->v.i;
        return;
    }
    if (x->kind != AST_VAR && !(x->kind == AST_CALL && x->nkids == 0))
        comp_error(c, x, "unknown bitstring specifier");
#define IS(w) (len == strlen(w) && memcmp(s, w, len) == 0)
    if (IS("integer")) sg->type = BITS_INT;
    else if (IS("float")) sg->type = BITS_FLOAT;
    else if (IS("binary") || IS("bytes")) sg->type = BITS_BINARY;
    else if (IS("bits") || IS("bitstring")) sg->type = BITS_BITS;
    else if (IS("utf8")) sg->type = BITS_UTF8;
    else if (IS("utf16")) sg->type = BITS_UTF16;
    else if (IS("utf32")) sg->type = BITS_UTF32;
    else if (IS("signed")) sg->flags |= BITS_SIGNED;
    else if (IS("unsigned")) sg->flags &= ~BITS_SIGNED;
    else if (IS("little")) sg->flags |= BITS_LITTLE;
    else if (IS("big") || IS("native")) sg->flags &= ~BITS_LITTLE;
    else comp_error(c, x, "unknown bitstring specifier %.*s", (int)len, s);
#undef IS
}

void comp_bits_seg(Comp *c, const Ast *seg, BitsSeg *sg)
{
    memset(sg, 0, sizeof *sg);
    sg->type = -1;
    sg->size = -1;
    sg->unit = -1;
    sg->value = seg;
    if (seg->kind == AST_OP && seg->op == OP_TYPE) {
        sg->value = seg->kids[0];
        seg_spec_part(c, seg->kids[1], sg);
    }
    const Ast *v = sg->value;
    if (sg->type < 0) {
        if (v->kind == AST_STRING || v->kind == AST_INTERP)
            sg->type = BITS_BINARY;
        else if (v->kind == AST_FLOAT)
            sg->type = BITS_FLOAT;
        else
            sg->type = BITS_INT;
    }
    if (v->kind == AST_STRING && sg->type == BITS_UTF8)
        sg->type = BITS_BINARY; /* "héllo"::utf8 is the string's own bytes */
    if (sg->unit < 0)
        sg->unit = sg->type == BITS_BINARY ? 8 : 1;
}

Term comp_bits_spec(const BitsSeg *sg, size_t n)
{
    Term *hp = heap_alloc(comp_lit_heap(), 1 + 4 * n);
    hp[0] = make_header(HDR_TUPLE, 4 * n);
    for (size_t i = 0; i < n; i++) {
        hp[1 + 4 * i] = make_small(sg[i].type);
        hp[2 + 4 * i] = make_small(sg[i].size_expr ? -2 : sg[i].size);
        hp[3 + 4 * i] = make_small(sg[i].unit);
        hp[4 + 4 * i] = make_small(sg[i].flags);
    }
    return make_boxed(hp);
}

/* Decodes one UTF-8 code point at s[*i]. */
static uint32_t next_cp(const char *s, uint32_t len, uint32_t *i)
{
    const uint8_t *u = (const uint8_t *)s;
    uint32_t cp = u[*i];
    uint32_t k = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
    if (k > 1)
        cp &= (0xFFu >> (k + 1));
    for (uint32_t j = 1; j < k && *i + j < len; j++)
        cp = (cp << 6) | (u[*i + j] & 63);
    *i += k;
    return cp;
}

void comp_bits(Comp *c, FnB *f, const Ast *e)
{
    uint32_t cap = e->nkids + 1, n = 0, pushed = 0;
    BitsSeg *sg = comp_alloc(c, cap * sizeof *sg);
    for (uint32_t i = 0; i < e->nkids; i++) {
        BitsSeg one;
        comp_bits_seg(c, e->kids[i], &one);
        if (one.value->kind == AST_STRING && (one.type == BITS_UTF16 || one.type == BITS_UTF32)) {
            /* "foo"::utf16: one segment per code point */
            const Ast *v = one.value;
            for (uint32_t k = 0; k < v->v.str.len;) {
                uint32_t cp = next_cp(v->v.str.s, v->v.str.len, &k);
                sg = comp_grow(c, sg, &cap, sizeof *sg, n + 1);
                sg[n] = one;
                emit_lit(c, f, make_small(cp));
                pushed++;
                n++;
            }
            continue;
        }
        sg = comp_grow(c, sg, &cap, sizeof *sg, n + 1);
        sg[n++] = one;
        comp_expr(c, f, one.value, 0);
        pushed++;
        if (one.size_expr) {
            comp_expr(c, f, one.size_expr, 0);
            pushed++;
        }
    }
    if (n > 256)
        comp_error(c, e, "too many bitstring segments");
    emit_op(c, f, OPC_BS_BUILD, 1 - (int)pushed);
    emit(c, f, add_lit(c, f, comp_bits_spec(sg, n)));
    emit(c, f, pushed);
}
