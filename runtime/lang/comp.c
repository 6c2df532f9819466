/* comp.c — the compiler's core: code buffers, literals, variables,
 * expressions, operators and calls (comp.h).
 *
 * The VM is a stack machine; the compiler tracks the operand depth of
 * every instruction it emits (emit_op's delta), so it knows each
 * function's maximum depth and can reset the depth on a failed match.
 * Every binding of a variable gets a fresh slot, which makes rebinding
 * and clause-local scopes a matter of forgetting names.
 */
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atom.h"
#include "big.h"
#include "bin.h"
#include "code.h"
#include "comp_int.h"
#include "map.h"
#include "mem.h"

#define CAPF 0x80000000u /* slot flag: a captured value, patched at the end */

static pthread_mutex_t comp_lock = PTHREAD_MUTEX_INITIALIZER;
static Heap lit_heap;
static bool lit_heap_ready;

Heap *comp_lit_heap(void)
{
    if (!lit_heap_ready) {
        heap_init(&lit_heap, 1 << 14);
        lit_heap_ready = true;
    }
    return &lit_heap;
}

/* ---- errors and memory --------------------------------------------------- */

void comp_error(Comp *c, const Ast *at, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(c->err, MOTE_ESYNTAX, "%s:%u: %s", c->file, at != NULL ? at->line : 0, msg);
    longjmp(c->fail, 1);
}

void *comp_alloc(Comp *c, size_t bytes)
{
    if (c->nallocs == c->capallocs) {
        size_t cap = c->capallocs ? c->capallocs * 2 : 64;
        void **a = mem_alloc(MEM_CODE, cap * sizeof *a);
        if (a == NULL)
            comp_error(c, NULL, "out of memory");
        if (c->allocs != NULL) {
            memcpy(a, c->allocs, c->nallocs * sizeof *a);
            mem_free(MEM_CODE, c->allocs, c->capallocs * sizeof *a);
        }
        c->allocs = a;
        c->capallocs = cap;
    }
    /* A size word in front, so the compile can free everything it made. */
    size_t *p = mem_alloc(MEM_CODE, bytes + sizeof(size_t));
    if (p == NULL)
        comp_error(c, NULL, "out of memory");
    p[0] = bytes;
    memset(p + 1, 0, bytes);
    c->allocs[c->nallocs++] = p;
    return p + 1;
}

void *comp_grow(Comp *c, void *arr, uint32_t *cap, size_t elem, uint32_t need)
{
    if (need <= *cap)
        return arr;
    uint32_t ncap = *cap ? *cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    void *a = comp_alloc(c, ncap * elem);
    if (arr != NULL)
        memcpy(a, arr, *cap * elem);
    *cap = ncap;
    return a;
}

/* Every allocation of a successful compile (code, literals' holders,
 * module records, file names) lives until the last runtime stops:
 * processes may run any version of any module until then. They are kept
 * here, size-headed, for comp_release_all. Guarded by comp_lock. */
static size_t **kept;
static size_t nkept, capkept;

/* Keeps the size-headed block p; false when out of memory (p untouched). */
static bool keep_block(size_t *p)
{
    if (nkept == capkept) {
        size_t cap = capkept ? capkept * 2 : 1024;
        size_t **a = mem_alloc(MEM_CODE, cap * sizeof *a);
        if (a == NULL)
            return false; /* the caller's block then only leaks */
        if (kept != NULL) {
            memcpy(a, kept, nkept * sizeof *a);
            mem_free(MEM_CODE, kept, capkept * sizeof *a);
        }
        kept = a;
        capkept = cap;
    }
    kept[nkept++] = p;
    return true;
}

static void free_allocs(Comp *c, bool all)
{
    for (size_t i = 0; i < c->nallocs; i++) {
        size_t *p = c->allocs[i];
        if (all)
            mem_free(MEM_CODE, p, p[0] + sizeof(size_t));
        else
            keep_block(p);
    }
    if (c->allocs != NULL)
        mem_free(MEM_CODE, c->allocs, c->capallocs * sizeof *c->allocs);
    c->allocs = NULL;
}

void comp_release_all(void)
{
    pthread_mutex_lock(&comp_lock);
    for (size_t i = 0; i < nkept; i++)
        mem_free(MEM_CODE, kept[i], kept[i][0] + sizeof(size_t));
    if (kept != NULL)
        mem_free(MEM_CODE, kept, capkept * sizeof *kept);
    kept = NULL;
    nkept = capkept = 0;
    if (lit_heap_ready)
        heap_fini(&lit_heap);
    lit_heap_ready = false;
    pthread_mutex_unlock(&comp_lock);
}

Ast *mk_node(Comp *c, AstKind k, const Ast *pos, uint32_t nkids)
{
    Ast *n = ast_new(&c->arena, k, pos ? pos->line : 0, pos ? pos->col : 0, nkids);
    if (n == NULL)
        comp_error(c, pos, "out of memory");
    return n;
}

/* ---- emitting -------------------------------------------------------------- */

void emit(Comp *c, FnB *f, uint32_t w)
{
    f->code = comp_grow(c, f->code, &f->capcode, sizeof *f->code, f->ncode + 1);
    f->code[f->ncode++] = w;
}

void set_line(Comp *c, FnB *f, const Ast *e)
{
    if (e == NULL || e->line == 0 || e->line == f->cur_line)
        return;
    f->cur_line = e->line;
    f->lines = comp_grow(c, f->lines, &f->caplines, sizeof *f->lines, f->nlines * 2 + 2);
    f->lines[f->nlines * 2] = f->ncode;
    f->lines[f->nlines * 2 + 1] = e->line;
    f->nlines++;
}

void emit_op(Comp *c, FnB *f, unsigned op, int delta)
{
    emit(c, f, op);
    f->depth = (uint32_t)((int)f->depth + delta);
    if (f->depth > f->max_depth)
        f->max_depth = f->depth;
}

uint32_t emit_label_hole(Comp *c, FnB *f)
{
    emit(c, f, 0);
    return f->ncode - 1;
}

void patch(FnB *f, uint32_t hole, uint32_t target)
{
    f->code[hole] = target;
}

void emit_jump(Comp *c, FnB *f, unsigned op, uint32_t *hole)
{
    emit_op(c, f, op, op == OPC_JUMP ? 0 : -1);
    *hole = emit_label_hole(c, f);
}

void emit_dropto(Comp *c, FnB *f, uint32_t depth)
{
    emit_op(c, f, OPC_DROPTO, 0);
    emit(c, f, depth);
    f->depth = depth;
}

uint32_t add_lit(Comp *c, FnB *f, Term t)
{
    for (uint32_t i = 0; i < f->nlits; i++)
        if (f->lits[i] == t)
            return i;
    f->lits = comp_grow(c, f->lits, &f->caplits, sizeof *f->lits, f->nlits + 1);
    f->lits[f->nlits] = t;
    return f->nlits++;
}

uint32_t add_site(Comp *c, FnB *f, Term mod, Term name, uint32_t arity)
{
    for (uint32_t i = 0; i < f->nsites; i++)
        if (f->sites[i].mod == mod && f->sites[i].name == name && f->sites[i].arity == arity)
            return i;
    f->sites = comp_grow(c, f->sites, &f->capsites, sizeof *f->sites, f->nsites + 1);
    f->sites[f->nsites] = (CallSite){.mod = mod, .name = name, .arity = arity};
    return f->nsites++;
}

uint32_t add_bif(Comp *c, FnB *f, const BifDef *b)
{
    for (uint32_t i = 0; i < f->nbifs; i++)
        if (f->bifs[i] == b)
            return i;
    f->bifs = comp_grow(c, f->bifs, &f->capbifs, sizeof *f->bifs, f->nbifs + 1);
    f->bifs[f->nbifs] = b;
    return f->nbifs++;
}

void emit_lit(Comp *c, FnB *f, Term t)
{
    if (t == NIL) {
        emit_op(c, f, OPC_NIL, 1);
        return;
    }
    emit_op(c, f, OPC_LIT, 1);
    emit(c, f, add_lit(c, f, t));
}

/* ---- variables -------------------------------------------------------------- */

uint32_t new_slot(FnB *f)
{
    return f->nslots++;
}

static Var *push_var(Comp *c, FnB *f, const char *name, uint32_t len, uint32_t slot)
{
    f->vars = comp_grow(c, f->vars, &f->capvars, sizeof *f->vars, f->nvars + 1);
    f->vars[f->nvars] = (Var){name, len, slot};
    return &f->vars[f->nvars++];
}

uint32_t bind_var(Comp *c, FnB *f, const char *name, uint32_t len)
{
    uint32_t s = new_slot(f);
    push_var(c, f, name, len, s);
    return s;
}

/* Looks a variable up; a name only an enclosing function has becomes a
 * capture (slot CAPF | index). NULL when unbound anywhere. */
Var *find_var(Comp *c, FnB *f, const char *name, uint32_t len)
{
    for (uint32_t i = f->nvars; i-- > 0;)
        if (f->vars[i].len == len && memcmp(f->vars[i].name, name, len) == 0)
            return &f->vars[i];
    if (f->parent == NULL)
        return NULL;
    Var *pv = find_var(c, f->parent, name, len);
    if (pv == NULL)
        return NULL;
    f->caps = comp_grow(c, f->caps, &f->capcaps, sizeof *f->caps, f->ncaps + 1);
    f->caps[f->ncaps] = (Var){name, len, pv->slot};
    uint32_t j = f->ncaps++;
    return push_var(c, f, name, len, CAPF | j);
}

/* Patch list for captured slots: (code index, capture index). */
typedef struct CapPatch {
    uint32_t at, j;
} CapPatch;

void emit_slot_op(Comp *c, FnB *f, unsigned op, uint32_t slot)
{
    emit_op(c, f, op, op == OPC_LOAD ? 1 : -1);
    emit(c, f, slot);
}

bool is_var_named(const Ast *e, const char *name)
{
    return e->kind == AST_VAR && e->v.str.len == strlen(name) &&
           memcmp(e->v.str.s, name, e->v.str.len) == 0;
}

/* ---- literals ---------------------------------------------------------------- */

Term comp_string(const char *s, size_t len)
{
    return bin_new(comp_lit_heap(), s, len);
}

Term lit_heap_atom(const char *s, size_t len)
{
    return atom_intern(s, len);
}

/* Decodes UTF-8 into a charlist literal. */
Term comp_charlist(const char *s, size_t len)
{
    Heap *h = comp_lit_heap();
    uint32_t cps[4096];
    uint32_t *buf = len <= 4096 ? cps : mem_alloc(MEM_CODE, len * sizeof *buf);
    size_t n = 0;
    const uint8_t *u = (const uint8_t *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp = u[i];
        size_t k = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (k > 1)
            cp &= (0xFFu >> (k + 1));
        for (size_t j = 1; j < k && i + j < len; j++)
            cp = (cp << 6) | (u[i + j] & 63);
        buf[n++] = cp;
        i += k;
    }
    Term list = NIL;
    for (size_t i = n; i-- > 0;) {
        Term *cell = heap_alloc(h, 2);
        cell[0] = make_small(buf[i]);
        cell[1] = list;
        list = make_list(cell);
    }
    if (buf != cps)
        mem_free(MEM_CODE, buf, len * sizeof *buf);
    return list;
}

Term comp_literal(Comp *c, const Ast *e)
{
    Heap *h = comp_lit_heap();
    switch (e->kind) {
    case AST_INT: return small_fits(e->v.i) ? make_small(e->v.i) : int_from_i64(h, e->v.i);
    case AST_BIGINT: return int_from_text(h, e->v.str.s, e->v.str.len, e->op ? e->op : 10);
    case AST_FLOAT: return float_new(h, e->v.f);
    case AST_ATOM: return atom_intern(e->v.str.s, e->v.str.len);
    case AST_STRING: return comp_string(e->v.str.s, e->v.str.len);
    case AST_CHARLIST: return comp_charlist(e->v.str.s, e->v.str.len);
    case AST_ALIAS: return comp_alias(c, e);
    case AST_OP:
        if (e->op == OP_SUB && e->nkids == 1 && e->kids[0]->kind == AST_INT) {
            /* -(2^60 + 1) fits an int64 but not a small. */
            int64_t v = -e->kids[0]->v.i;
            return small_fits(v) ? make_small(v) : int_from_i64(h, v);
        }
        if (e->op == OP_SUB && e->nkids == 1 && e->kids[0]->kind == AST_FLOAT)
            return float_new(h, -e->kids[0]->v.f);
        return NONE;
    default: return NONE;
    }
}

/* ---- aliases ------------------------------------------------------------------ */

Term comp_alias(Comp *c, const Ast *e)
{
    const char *s = e->v.str.s;
    uint32_t len = e->v.str.len;
    char buf[512];
    if (e->flags & AST_F_DYNAMIC) {
        if (!is_var_named(e->kids[0], "__MODULE__") || c->mb == &c->top)
            comp_error(c, e, "unsupported dynamic alias");
        size_t ml;
        const char *mt = atom_text(c->mb->name, &ml);
        snprintf(buf, sizeof buf, "%.*s.%.*s", (int)ml, mt, (int)len, s);
        return atom_from_cstr(buf);
    }
    const char *dot = memchr(s, '.', len);
    uint32_t first = dot ? (uint32_t)(dot - s) : len;
    for (ModB *mb = c->mb; mb != NULL; mb = mb->outer) {
        for (uint32_t i = mb->naliases; i-- > 0;) {
            const Alias *a = &mb->aliases[i];
            if (strlen(a->as) == first && memcmp(a->as, s, first) == 0) {
                size_t fl;
                const char *ft = atom_text(a->full, &fl);
                snprintf(buf, sizeof buf, "%.*s%.*s", (int)fl, ft, (int)(len - first), s + first);
                return atom_from_cstr(buf);
            }
        }
    }
    if (len == 6 && memcmp(s, "Elixir", 6) == 0)
        return A(Elixir);
    snprintf(buf, sizeof buf, "Elixir.%.*s", (int)len, s);
    return atom_from_cstr(buf);
}

/* ---- expressions ---------------------------------------------------------------- */

void comp_args(Comp *c, FnB *f, const Ast *const *args, uint32_t n)
{
    if (n > 255)
        comp_error(c, n ? args[0] : NULL, "a call takes at most 255 arguments");
    for (uint32_t i = 0; i < n; i++)
        comp_expr(c, f, args[i], 0);
}

void comp_body(Comp *c, FnB *f, const Ast *e, int tail)
{
    if (e == NULL) {
        emit_lit(c, f, A(nil));
        return;
    }
    if (e->kind != AST_BLOCK) {
        comp_expr(c, f, e, tail);
        return;
    }
    if (e->nkids == 0) {
        emit_lit(c, f, A(nil));
        return;
    }
    for (uint32_t i = 0; i < e->nkids; i++) {
        bool last = i + 1 == e->nkids;
        comp_expr(c, f, e->kids[i], last ? tail : 0);
        if (!last)
            emit_op(c, f, OPC_POP, -1);
    }
}

static void comp_list(Comp *c, FnB *f, const Ast *e)
{
    uint32_t n = e->nkids;
    bool improper = (e->flags & AST_F_IMPROPER) != 0;
    uint32_t nel = improper ? n - 1 : n;
    for (uint32_t i = 0; i < nel; i++) {
        const Ast *k = e->kids[i];
        if (k->kind == AST_PAIR) {
            comp_expr(c, f, k->kids[0], 0);
            comp_expr(c, f, k->kids[1], 0);
            emit_op(c, f, OPC_TUPLE, -1);
            emit(c, f, 2);
        } else {
            comp_expr(c, f, k, 0);
        }
    }
    if (improper)
        comp_expr(c, f, e->kids[n - 1], 0);
    else
        emit_lit(c, f, NIL);
    for (uint32_t i = 0; i < nel; i++)
        emit_op(c, f, OPC_CONS, -1);
}

static void comp_map(Comp *c, FnB *f, const Ast *e)
{
    uint32_t first = 0;
    bool upd = (e->flags & AST_F_UPDATE) != 0;
    if (upd) {
        comp_expr(c, f, e->kids[0], 0);
        first = 1;
    }
    uint32_t n = 0;
    for (uint32_t i = first; i < e->nkids; i++) {
        const Ast *pair = e->kids[i];
        if (pair->kind != AST_PAIR)
            comp_error(c, pair, "expected key-value pairs in a map");
        comp_expr(c, f, pair->kids[0], 0);
        comp_expr(c, f, pair->kids[1], 0);
        n++;
    }
    emit_op(c, f, upd ? OPC_MAP_UPD : OPC_MAP, -(int)(2 * n) + (upd ? 0 : 1));
    emit(c, f, n);
}

/* %Mod{k: v} builds Mod.__struct__() updated with the pairs;
 * %Mod{base | k: v} updates base. */
static void comp_struct(Comp *c, FnB *f, const Ast *e)
{
    const Ast *map = e->kids[1];
    Term mod = e->kids[0]->kind == AST_VAR && is_var_named(e->kids[0], "__MODULE__")
                   ? c->mb->name
                   : comp_alias(c, e->kids[0]);
    uint32_t first = 0;
    if (map->flags & AST_F_UPDATE) {
        /* The base must be a Mod struct, else BadStructError (kernel.ex). */
        comp_expr(c, f, map->kids[0], 0);
        emit_lit(c, f, mod);
        comp_call_remote(c, f, atom_from_cstr("Elixir.Kernel"), atom_from_cstr("__mote_struct_base__"), 2, 0);
        first = 1;
    } else {
        comp_call_remote(c, f, mod, atom_from_cstr("__struct__"), 0, 0);
    }
    uint32_t n = 0;
    for (uint32_t i = first; i < map->nkids; i++) {
        comp_expr(c, f, map->kids[i]->kids[0], 0);
        comp_expr(c, f, map->kids[i]->kids[1], 0);
        n++;
    }
    if (n > 0) {
        emit_op(c, f, OPC_MAP_UPD, -(int)(2 * n));
        emit(c, f, n);
    }
}

static void comp_interp(Comp *c, FnB *f, const Ast *e)
{
    for (uint32_t i = 0; i < e->nkids; i++) {
        const Ast *k = e->kids[i];
        if (k->kind == AST_STRING) {
            emit_lit(c, f, comp_string(k->v.str.s, k->v.str.len));
        } else {
            comp_expr(c, f, k, 0);
            comp_to_str(c, f);
        }
    }
    emit_op(c, f, OPC_INTERP, 1 - (int)e->nkids);
    emit(c, f, e->nkids);
    if (e->flags & AST_F_CHARLIST)
        comp_call_remote(c, f, atom_from_cstr("Elixir.String"), atom_from_cstr("to_charlist"), 1, 0);
    else if (e->flags & AST_F_ATOM)
        comp_call_remote(c, f, atom_from_cstr("Elixir.String"), atom_from_cstr("to_atom"), 1, 0);
}

void comp_call_remote(Comp *c, FnB *f, Term mod, Term name, uint32_t n, int tail)
{
    comp_proto_redirect(c, &mod, &name, n);
    emit_op(c, f, tail && !f->no_tail ? OPC_TCALLR : OPC_CALLR, 1 - (int)n);
    emit(c, f, add_site(c, f, mod, name, n));
    emit(c, f, n);
}

/* __DIR__ (the script's absolute directory) or __ENV__ (a Macro.Env
 * with the fields programs read: file, line, module, function) as a
 * literal of this compile. */
static void comp_env(Comp *c, FnB *f, const Ast *e, bool dir_only)
{
    char buf[PATH_MAX];
    const char *path = c->file != NULL ? c->file : "nofile";
    if (c->file != NULL && realpath(c->file, buf) != NULL)
        path = buf;
    const char *slash = strrchr(path, '/');
    if (dir_only) {
        emit_lit(c, f, slash != NULL ? comp_string(path, slash == path ? 1 : (size_t)(slash - path))
                                     : comp_string(".", 1));
        return;
    }
    Heap *h = comp_lit_heap();
    Term fun = A(nil);
    if (c->mb != &c->top && f->fname != NULL && strcmp(f->fname, "__FILE__") != 0) {
        Term *t = heap_alloc(h, 3);
        t[0] = make_header(HDR_TUPLE, 2);
        t[1] = atom_from_cstr(f->fname);
        t[2] = make_small(f->farity);
        fun = make_boxed(t);
    }
    Term m = map_new(h);
    m = map_put(h, m, A(__struct__), atom_from_cstr("Elixir.Macro.Env"));
    m = map_put(h, m, atom_from_cstr("file"), comp_string(path, strlen(path)));
    m = map_put(h, m, atom_from_cstr("line"), make_small(e->line));
    m = map_put(h, m, atom_from_cstr("module"), c->mb == &c->top ? A(nil) : c->mb->name);
    m = map_put(h, m, atom_from_cstr("function"), fun);
    emit_lit(c, f, m);
}

static void comp_var(Comp *c, FnB *f, const Ast *e, int tail)
{
    const char *s = e->v.str.s;
    uint32_t len = e->v.str.len;
    if (is_var_named(e, "__MODULE__")) {
        emit_lit(c, f, c->mb == &c->top ? A(nil) : c->mb->name);
        return;
    }
    if (is_var_named(e, "__DIR__") || is_var_named(e, "__ENV__")) {
        comp_env(c, f, e, is_var_named(e, "__DIR__"));
        return;
    }
    Var *v = find_var(c, f, s, len);
    if (v != NULL) {
        emit_slot_op(c, f, OPC_LOAD, v->slot);
        return;
    }
    if (s[0] == '_' && len > 1)
        comp_error(c, e, "invalid use of _ variable \"%.*s\"", (int)len, s);
    if (len == 1 && s[0] == '_')
        comp_error(c, e, "invalid use of _. \"_\" represents a value to be ignored in a pattern and cannot be used in expressions");
    /* A zero-arity call, as Elixir reads an unbound name without parens. */
    Ast *call = mk_node(c, AST_CALL, e, 0);
    call->v.str = e->v.str;
    comp_expr(c, f, call, tail);
}

/* ---- calls ------------------------------------------------------------------- */

static Def *find_def(ModB *mb, Term name, uint32_t arity)
{
    for (uint32_t i = 0; i < mb->ndefs; i++)
        if (mb->defs[i].name == name && mb->defs[i].arity == arity)
            return &mb->defs[i];
    return NULL;
}

/* Where a local (unqualified) call goes: this module, an import, or
 * Kernel (resolved at run time: Kernel's Elixir code, its builtins, then
 * :erlang's). */
static void comp_local_call(Comp *c, FnB *f, const Ast *e, Term name, int tail)
{
    uint32_t n = e->nkids;
    Def *d = c->mb != &c->top ? find_def(c->mb, name, n) : NULL;
    if (d != NULL) {
        comp_args(c, f, (const Ast *const *)e->kids, n);
        emit_op(c, f, tail && !f->no_tail ? OPC_TCALL : OPC_CALL, 1 - (int)n);
        emit(c, f, d->index);
        emit(c, f, n);
        return;
    }
    for (ModB *mb = c->mb; mb != NULL; mb = mb->outer) {
        for (uint32_t i = 0; i < mb->nimports; i++) {
            Module *m = code_find(mb->imports[i]);
            if ((m != NULL && code_fn(m, name, n, true) != NULL) ||
                bif_lookup(mb->imports[i], name, n) != NULL) {
                comp_args(c, f, (const Ast *const *)e->kids, n);
                comp_call_remote(c, f, mb->imports[i], name, n, tail);
                return;
            }
        }
    }
    Term kernel = atom_from_cstr("Elixir.Kernel");
    Module *km = code_find(kernel);
    if (!c->load_only && (km == NULL || code_fn(km, name, n, true) == NULL) &&
        bif_lookup(kernel, name, n) == NULL && bif_lookup(A(erlang), name, n) == NULL)
        comp_error(c, e, "undefined function %s/%u (there is no such import)",
                   atom_text(name, NULL), n);
    comp_args(c, f, (const Ast *const *)e->kids, n);
    comp_call_remote(c, f, kernel, name, n, tail);
}

static void comp_remote(Comp *c, FnB *f, const Ast *e, int tail)
{
    const Ast *target = e->kids[0];
    Term name = atom_intern(e->v.str.s, e->v.str.len);
    uint32_t n = e->nkids - 1;
    Term mod = NONE;
    if (target->kind == AST_ALIAS)
        mod = comp_alias(c, target);
    else if (target->kind == AST_ATOM)
        mod = atom_intern(target->v.str.s, target->v.str.len);
    else if (is_var_named(target, "__MODULE__"))
        mod = c->mb->name;
    if (mod != NONE) {
        comp_args(c, f, (const Ast *const *)e->kids + 1, n);
        comp_call_remote(c, f, mod, name, n, tail);
        return;
    }
    if (n == 0 && !(e->flags & AST_F_PARENS)) {
        /* m.key: a map field, or a zero-arity call on a module value. */
        comp_expr(c, f, target, 0);
        emit_lit(c, f, name);
        emit_op(c, f, OPC_DOT, -1);
        return;
    }
    comp_expr(c, f, target, 0);
    emit_lit(c, f, name);
    comp_args(c, f, (const Ast *const *)e->kids + 1, n);
    emit_op(c, f, tail && !f->no_tail ? OPC_TCALLD : OPC_CALLD, -1 - (int)n);
    emit(c, f, n);
}

static void comp_call(Comp *c, FnB *f, const Ast *e, int tail)
{
    if (comp_special(c, f, e, tail))
        return;
    comp_local_call(c, f, e, atom_intern(e->v.str.s, e->v.str.len), tail);
}

static void comp_apply(Comp *c, FnB *f, const Ast *e, int tail)
{
    uint32_t n = e->nkids - 1;
    comp_expr(c, f, e->kids[0], 0);
    comp_args(c, f, (const Ast *const *)e->kids + 1, n);
    emit_op(c, f, tail && !f->no_tail ? OPC_TCALLF : OPC_CALLF, -(int)n);
    emit(c, f, n);
}

static void comp_access(Comp *c, FnB *f, const Ast *e)
{
    comp_expr(c, f, e->kids[0], 0);
    comp_expr(c, f, e->kids[1], 0);
    comp_call_remote(c, f, atom_from_cstr("Elixir.Access"), atom_from_cstr("get"), 2, 0);
}

void comp_expr(Comp *c, FnB *f, const Ast *e, int tail)
{
    set_line(c, f, e);
    Term t;
    switch (e->kind) {
    case AST_INT: case AST_BIGINT: case AST_FLOAT: case AST_ATOM: case AST_STRING:
    case AST_CHARLIST: case AST_ALIAS:
        t = comp_literal(c, e);
        if (t == NONE)
            comp_error(c, e, "out of memory");
        emit_lit(c, f, t);
        return;
    case AST_INTERP: comp_interp(c, f, e); return;
    case AST_VAR: comp_var(c, f, e, tail); return;
    case AST_LIST: comp_list(c, f, e); return;
    case AST_TUPLE:
        comp_args(c, f, (const Ast *const *)e->kids, e->nkids);
        emit_op(c, f, OPC_TUPLE, 1 - (int)e->nkids);
        emit(c, f, e->nkids);
        return;
    case AST_PAIR:
        comp_expr(c, f, e->kids[0], 0);
        comp_expr(c, f, e->kids[1], 0);
        emit_op(c, f, OPC_TUPLE, -1);
        emit(c, f, 2);
        return;
    case AST_MAP: comp_map(c, f, e); return;
    case AST_STRUCT: comp_struct(c, f, e); return;
    case AST_BITS: comp_bits(c, f, e); return;
    case AST_OP: comp_op_expr(c, f, e, tail); return;
    case AST_CALL: comp_call(c, f, e, tail); return;
    case AST_REMOTE: comp_remote(c, f, e, tail); return;
    case AST_APPLY: comp_apply(c, f, e, tail); return;
    case AST_ACCESS: comp_access(c, f, e); return;
    case AST_FN: comp_fn(c, f, e); return;
    case AST_BLOCK: comp_body(c, f, e, tail); return;
    case AST_SIGIL: comp_sigil(c, f, e); return;
    case AST_CAPTURE_ARG: {
        char name[24];
        snprintf(name, sizeof name, "&%lld", (long long)e->v.i);
        Var *v = find_var(c, f, name, (uint32_t)strlen(name));
        if (v == NULL)
            comp_error(c, e, "capture argument &%lld must be used within the capture operator &", (long long)e->v.i);
        emit_slot_op(c, f, OPC_LOAD, v->slot);
        return;
    }
    default: comp_error(c, e, "unsupported expression (%s)", ast_kind_name((AstKind)e->kind));
    }
}

/* ---- functions ------------------------------------------------------------------ */

void fnb_init(Comp *c, FnB *f, ModB *mb, FnB *parent, uint32_t nargs)
{
    (void)c;
    memset(f, 0, sizeof *f);
    f->mb = mb;
    f->parent = parent;
    f->nargs = nargs;
    f->nslots = nargs;
}

Fn *comp_finish_fn(Comp *c, FnB *f, Term name, uint32_t arity, uint32_t nfree)
{
    Fn *fn = comp_alloc(c, sizeof *fn);
    /* Captured values sit after every variable: patch their loads. */
    uint32_t base = f->nslots;
    for (uint32_t pc = 0; pc < f->ncode;) {
        uint32_t op = f->code[pc];
        if (op == OPC_LOAD && (f->code[pc + 1] & CAPF))
            f->code[pc + 1] = base + (f->code[pc + 1] & ~CAPF);
        pc += 1 + vm_op_words[op];
    }
    f->ncode = vm_optimize(f->code, f->ncode, f->lines, f->nlines, f->nargs, &f->nslots);
    fn->mod = f->mb->mod;
    fn->name = name;
    fn->arity = arity;
    fn->nfree = nfree;
    fn->nlocals = f->nslots + nfree;
    fn->max_stack = f->max_depth + 4;
    fn->code = f->code;
    fn->ncode = f->ncode;
    fn->lits = f->lits;
    fn->nlits = f->nlits;
    fn->sites = f->sites;
    fn->nsites = f->nsites;
    fn->bifs = f->bifs;
    fn->nbifs = f->nbifs;
    fn->lines = f->lines;
    fn->nlines = f->nlines;
    vm_fn_sizes(fn);
    return fn;
}

/* ---- scripts ----------------------------------------------------------------------- */

static void comp_begin(Comp *c, const char *file, Err *err)
{
    memset(c, 0, sizeof *c);
    c->err = err;
    ast_arena_init(&c->arena);
    /* Before comp_lock: atom_fini takes the atom lock, then comp_lock. */
    lang_fini_register();
    pthread_mutex_lock(&comp_lock);
    size_t flen = strlen(file ? file : "nofile");
    /* Permanent, like code (stack traces name it): kept, size-headed. */
    size_t *fblock = mem_alloc(MEM_CODE, sizeof(size_t) + flen + 1);
    char *fcopy = NULL;
    if (fblock != NULL) {
        fblock[0] = flen + 1;
        fcopy = (char *)(fblock + 1);
        memcpy(fcopy, file ? file : "nofile", flen + 1);
        if (!keep_block(fblock)) {
            mem_free(MEM_CODE, fblock, sizeof(size_t) + flen + 1);
            fcopy = NULL;
        }
    }
    c->file = fcopy ? fcopy : "nofile";
    c->file_term = comp_charlist(c->file, strlen(c->file));
    c->mb = &c->top;
}

static void comp_end(Comp *c, bool failed)
{
    /* A module installed before the failure may already be running. */
    free_allocs(c, failed && !c->installed);
    ast_arena_fini(&c->arena);
    pthread_mutex_unlock(&comp_lock);
}

static int comp_run(const Ast *root, const char *file, Fn **out, Err *err, bool load_only,
                    CompEval *ev)
{
    Comp *c = mem_alloc(MEM_CODE, sizeof *c);
    if (c == NULL)
        return err_set(err, MOTE_ENOMEM, "out of memory");
    comp_begin(c, file, err);
    if (setjmp(c->fail)) {
        comp_end(c, true);
        mem_free(MEM_CODE, c, sizeof *c);
        return err ? err->code : MOTE_ESYNTAX;
    }
    Module *top = comp_alloc(c, sizeof *top);
    top->name = atom_from_cstr("elixir_compiler_0");
    top->file = c->file;
    top->file_term = c->file_term;
    c->top.name = top->name;
    c->top.mod = top;
    FnB *f = comp_alloc(c, sizeof *f);
    fnb_init(c, f, &c->top, NULL, 0);
    f->fname = "__FILE__";
    c->load_only = load_only;
    if (load_only) {
        for (uint32_t i = 0; i < root->nkids; i++) {
            const Ast *e = root->kids[i];
            if (e->kind == AST_CALL && e->v.str.len == 9 && memcmp(e->v.str.s, "defmodule", 9) == 0) {
                comp_defmodule(c, f, e);
                emit_op(c, f, OPC_POP, -1);
            }
        }
    } else if (ev != NULL) { /* the REPL: comp_eval.c */
        comp_eval_enter(c, f, ev);
        comp_body(c, f, root, 0);
        comp_eval_leave(c, f, ev);
    } else {
        comp_body(c, f, root, 0);
        emit_op(c, f, OPC_HALT, 0);
    }
    Fn *fn = comp_finish_fn(c, f, atom_from_cstr("__FILE__"), ev ? ev->nnames : 0, 0);
    uint32_t nl = c->top.nfns;
    top->fns = comp_alloc(c, (nl + 1) * sizeof(Fn *));
    for (uint32_t i = 0; i < nl; i++)
        top->fns[i] = c->top.fns[i];
    top->nfns = nl;
    top->nnamed = 0;
    fn->mod = top;
    *out = fn;
    comp_end(c, false);
    mem_free(MEM_CODE, c, sizeof *c);
    return 0;
}

int comp_script(const Ast *root, const char *file, Fn **out, Err *err)
{
    return comp_run(root, file, out, err, false, NULL);
}

int comp_load_modules(const Ast *root, const char *file, Err *err)
{
    Fn *fn;
    return comp_run(root, file, &fn, err, true, NULL);
}

int comp_eval(const Ast *root, const char *file, CompEval *ev, Fn **out, Err *err)
{
    return comp_run(root, file, out, err, false, ev);
}
