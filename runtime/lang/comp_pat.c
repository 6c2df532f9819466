/* comp_pat.c — patterns and guards compiled to match instructions.
 *
 * A pattern consumes the value on top of the operand stack. Each test
 * that can fail jumps to a "fail hole" the caller patches to its next
 * clause, where a DROPTO resets the operand depth: the match code itself
 * never needs to clean up. Variables bound by the pattern get fresh
 * slots; a name bound twice in one pattern must match the same value.
 */
#include "atom.h"
#include "comp_int.h"
#include "vm_int.h"

static void add_fail(Comp *c, FnB *f, uint32_t hole, uint32_t **fails, uint32_t *n, uint32_t *cap)
{
    *fails = comp_grow(c, *fails, cap, sizeof **fails, *n + 1);
    (*fails)[(*n)++] = hole;
    (void)f;
}

void patch_fails(FnB *f, uint32_t *fails, uint32_t nfails, uint32_t target)
{
    for (uint32_t i = 0; i < nfails; i++)
        patch(f, fails[i], target);
}

void comp_fails_here(Comp *c, FnB *f, uint32_t *fails, uint32_t nfails, uint32_t d0)
{
    patch_fails(f, fails, nfails, f->ncode);
    f->depth = d0;
    emit_dropto(c, f, d0);
}

#define FAIL() add_fail(c, f, emit_label_hole(c, f), fails, nfails, capfails)

static void pat(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails, uint32_t *capfails);

static void pat_var(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                    uint32_t *capfails)
{
    const char *s = p->v.str.s;
    uint32_t len = p->v.str.len;
    if (s[0] == '_') {
        emit_op(c, f, OPC_POP, -1);
        return;
    }
    if (is_var_named(p, "__MODULE__"))
        comp_error(c, p, "invalid pattern: __MODULE__");
    for (uint32_t i = f->nvars; i-- > f->pat_mark;) {
        if (f->vars[i].len == len && memcmp(f->vars[i].name, s, len) == 0) {
            emit_slot_op(c, f, OPC_LOAD, f->vars[i].slot);
            emit_op(c, f, OPC_M_EQ, -2);
            FAIL();
            return;
        }
    }
    emit_slot_op(c, f, OPC_STORE, bind_var(c, f, s, len));
}

static void pat_list(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                     uint32_t *capfails)
{
    bool improper = (p->flags & AST_F_IMPROPER) != 0;
    uint32_t nel = improper ? p->nkids - 1 : p->nkids;
    for (uint32_t i = 0; i < nel; i++) {
        emit_op(c, f, OPC_M_CONS, 1);
        FAIL();
        pat(c, f, p->kids[i], fails, nfails, capfails);
    }
    if (improper) {
        pat(c, f, p->kids[nel], fails, nfails, capfails);
    } else {
        emit_op(c, f, OPC_M_NIL, -1);
        FAIL();
    }
}

static void pat_map_pairs(Comp *c, FnB *f, const Ast *map, uint32_t first, uint32_t **fails,
                          uint32_t *nfails, uint32_t *capfails)
{
    if (map->kind == AST_MAP && (map->flags & AST_F_UPDATE))
        comp_error(c, map, "cannot use map/struct update syntax in match");
    for (uint32_t i = first; i < map->nkids; i++) {
        const Ast *pair = map->kids[i];
        if (pair->kind != AST_PAIR || pair->nkids != 2)
            comp_error(c, pair, "invalid map pattern: expected key => value pairs");
        const Ast *k = pair->kids[0];
        Term key = comp_literal(c, k);
        if (key != NONE) {
            emit_op(c, f, OPC_M_KEY, 1);
            emit(c, f, add_lit(c, f, key));
            FAIL();
        } else if (k->kind == AST_OP && k->op == OP_PIN) {
            comp_expr(c, f, k->kids[0], 0);
            emit_op(c, f, OPC_M_KEYV, 0);
            FAIL();
        } else {
            comp_error(c, k, "cannot use variable or expression as a map key in a pattern");
        }
        pat(c, f, pair->kids[1], fails, nfails, capfails);
    }
    emit_op(c, f, OPC_POP, -1);
}

static void pat_map(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                    uint32_t *capfails)
{
    emit_op(c, f, OPC_M_MAP, 0);
    FAIL();
    pat_map_pairs(c, f, p, 0, fails, nfails, capfails);
}

static void pat_struct(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                       uint32_t *capfails)
{
    const Ast *name = p->kids[0];
    emit_op(c, f, OPC_M_MAP, 0);
    FAIL();
    emit_op(c, f, OPC_M_KEY, 1);
    emit(c, f, add_lit(c, f, A(__struct__)));
    FAIL();
    if (name->kind == AST_VAR && !is_var_named(name, "__MODULE__")) {
        pat_var(c, f, name, fails, nfails, capfails);
    } else {
        Term mod = name->kind == AST_VAR ? c->mb->name : comp_alias(c, name);
        emit_op(c, f, OPC_M_LIT, -1);
        emit(c, f, add_lit(c, f, mod));
        FAIL();
    }
    pat_map_pairs(c, f, p->kids[1], 0, fails, nfails, capfails);
}

/* first..last and first..last//step match a Range struct's fields (the
 * step is not checked when the pattern has none, as in Elixir 1.14). */
static void pat_range(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                      uint32_t *capfails)
{
    static const char *const keys[3] = {"first", "last", "step"};
    emit_op(c, f, OPC_M_MAP, 0);
    FAIL();
    emit_op(c, f, OPC_M_KEY, 1);
    emit(c, f, add_lit(c, f, A(__struct__)));
    FAIL();
    emit_op(c, f, OPC_M_LIT, -1);
    emit(c, f, add_lit(c, f, atom_from_cstr("Elixir.Range")));
    FAIL();
    for (uint32_t i = 0; i < p->nkids && i < 3; i++) {
        emit_op(c, f, OPC_M_KEY, 1);
        emit(c, f, add_lit(c, f, atom_from_cstr(keys[i])));
        FAIL();
        pat(c, f, p->kids[i], fails, nfails, capfails);
    }
    emit_op(c, f, OPC_POP, -1);
}

static void pat_concat(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                       uint32_t *capfails)
{
    const Ast *l = p->kids[0];
    if (l->kind != AST_STRING)
        comp_error(c, p, "the left argument of <> in a pattern must be a literal string");
    emit_op(c, f, OPC_M_PREFIX, 0);
    emit(c, f, add_lit(c, f, comp_string(l->v.str.s, l->v.str.len)));
    FAIL();
    pat(c, f, p->kids[1], fails, nfails, capfails);
}

static void pat_bits(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                     uint32_t *capfails)
{
    emit_op(c, f, OPC_M_BSTART, 1);
    FAIL();
    for (uint32_t i = 0; i < p->nkids; i++) {
        BitsSeg sg;
        comp_bits_seg(c, p->kids[i], &sg);
        const Ast *v = sg.value;
        if (v->kind == AST_STRING && sg.size < 0 && !sg.size_expr)
            sg.size = v->v.str.len;
        if (sg.size_expr)
            comp_expr(c, f, sg.size_expr, 0);
        emit_op(c, f, OPC_M_BGET, sg.size_expr ? 0 : 1);
        emit(c, f, add_lit(c, f, comp_bits_spec(&sg, 1)));
        emit(c, f, sg.size_expr ? 1 : 0);
        FAIL();
        pat(c, f, v, fails, nfails, capfails);
    }
    emit_op(c, f, OPC_M_BEND, -2);
    FAIL();
}

static void pat(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails, uint32_t *capfails)
{
    Term lit = comp_literal(c, p);
    if (lit != NONE && p->kind != AST_VAR) {
        emit_op(c, f, OPC_M_LIT, -1);
        emit(c, f, add_lit(c, f, lit));
        FAIL();
        return;
    }
    switch (p->kind) {
    case AST_VAR: pat_var(c, f, p, fails, nfails, capfails); return;
    case AST_TUPLE:
    case AST_PAIR: {
        uint32_t n = p->kind == AST_PAIR ? 2 : p->nkids;
        emit_op(c, f, OPC_M_TUPLE, (int)n - 1);
        emit(c, f, n);
        FAIL();
        for (uint32_t i = 0; i < n; i++)
            pat(c, f, p->kids[i], fails, nfails, capfails);
        return;
    }
    case AST_LIST: pat_list(c, f, p, fails, nfails, capfails); return;
    case AST_MAP: pat_map(c, f, p, fails, nfails, capfails); return;
    case AST_STRUCT: pat_struct(c, f, p, fails, nfails, capfails); return;
    case AST_BLOCK:
        if (p->nkids == 1) {
            pat(c, f, p->kids[0], fails, nfails, capfails);
            return;
        }
        break;
    case AST_BITS: pat_bits(c, f, p, fails, nfails, capfails); return;
    case AST_OP:
        switch (p->op) {
        case OP_MATCH:
            emit_op(c, f, OPC_DUP, 1);
            pat(c, f, p->kids[0], fails, nfails, capfails);
            pat(c, f, p->kids[1], fails, nfails, capfails);
            return;
        case OP_PIN: {
            /* ^x means x as bound before this pattern, even when the
             * pattern rebinds x itself. */
            const Ast *v = p->kids[0];
            if (v->kind == AST_VAR) {
                Var *found = NULL;
                for (uint32_t i = f->pat_mark; i-- > 0;)
                    if (f->vars[i].len == v->v.str.len &&
                        memcmp(f->vars[i].name, v->v.str.s, v->v.str.len) == 0) {
                        found = &f->vars[i];
                        break;
                    }
                if (found == NULL)
                    found = find_var(c, f, v->v.str.s, v->v.str.len);
                if (found == NULL)
                    comp_error(c, v, "undefined variable ^%.*s", (int)v->v.str.len, v->v.str.s);
                emit_slot_op(c, f, OPC_LOAD, found->slot);
                emit_op(c, f, OPC_M_EQ, -2);
                FAIL();
                return;
            }
            comp_expr(c, f, p->kids[0], 0);
            emit_op(c, f, OPC_M_EQ, -2);
            FAIL();
            return;
        }
        case OP_CONCAT: pat_concat(c, f, p, fails, nfails, capfails); return;
        case OP_RANGE:
        case OP_RANGE_STEP: pat_range(c, f, p, fails, nfails, capfails); return;
        case OP_AT:
            comp_expr(c, f, p, 0);
            emit_op(c, f, OPC_M_EQ, -2);
            FAIL();
            return;
        case OP_ADD:
        case OP_SUB: {
            /* +0.0 or -x on a number literal is that literal. */
            const Ast *k = p->nkids == 1 ? p->kids[0] : NULL;
            if (k == NULL || (k->kind != AST_INT && k->kind != AST_BIGINT && k->kind != AST_FLOAT))
                break;
            comp_expr(c, f, p, 0);
            emit_op(c, f, OPC_M_EQ, -2);
            FAIL();
            return;
        }
        default: break;
        }
        break;
    default: break;
    }
    comp_error(c, p, "invalid pattern in match (%s)", ast_kind_name((AstKind)p->kind));
}

void comp_pattern(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                  uint32_t *capfails)
{
    f->pat_mark = f->nvars;
    pat(c, f, p, fails, nfails, capfails);
}

void comp_guard(Comp *c, FnB *f, const Ast *g, uint32_t **fails, uint32_t *nfails,
                uint32_t *capfails)
{
    /* `when a when b` means a or b. */
    if (g->kind == AST_OP && g->op == OP_WHEN) {
        Ast *o = mk_node(c, AST_OP, g, 2);
        o->op = OP_OR;
        o->kids[0] = g->kids[0];
        o->kids[1] = g->kids[1];
        g = o;
    }
    uint32_t d0 = f->depth, handler, ok, hf;
    int no_tail = f->no_tail;
    f->no_tail = 1;
    emit_op(c, f, OPC_TRY, 3);
    handler = emit_label_hole(c, f);
    comp_expr(c, f, g, 0);
    emit_op(c, f, OPC_TRY_END, -3);
    f->no_tail = no_tail;
    emit_jump(c, f, OPC_JFALSE, &hf);
    add_fail(c, f, hf, fails, nfails, capfails);
    emit_jump(c, f, OPC_JUMP, &ok);
    patch(f, handler, f->ncode);
    f->depth = d0 + 3;
    emit_dropto(c, f, d0);
    emit_jump(c, f, OPC_JUMP, &hf);
    add_fail(c, f, hf, fails, nfails, capfails);
    patch(f, ok, f->ncode);
}

void comp_pattern_more(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                       uint32_t *capfails)
{
    pat(c, f, p, fails, nfails, capfails);
}
