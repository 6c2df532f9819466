/* comp_op.c — operators, pipes, `in`, ranges, `=` and sigils (comp.h).
 *
 * Each form leaves one value on the operand stack. The short-circuit
 * operators keep the left value and jump over the right one, so their
 * stack depth is the same on both paths.
 */
#include <stdio.h>

#include "atom.h"
#include "comp_int.h"

static bool comp_attr_accumulated(Comp *c, FnB *f, const Ast *k);

static void comp_pipe(Comp *c, FnB *f, const Ast *e, int tail)
{
    const Ast *lhs = e->kids[0], *rhs = e->kids[1];
    Ast *call;
    if (rhs->kind == AST_CALL || rhs->kind == AST_REMOTE || rhs->kind == AST_APPLY) {
        uint32_t at = rhs->kind == AST_CALL ? 0 : 1;
        call = mk_node(c, (AstKind)rhs->kind, rhs, rhs->nkids + 1);
        call->v = rhs->v;
        call->flags = rhs->flags | AST_F_PARENS;
        for (uint32_t i = 0, j = 0; i < rhs->nkids + 1; i++)
            call->kids[i] = i == at ? (Ast *)lhs : rhs->kids[j++];
        if (at == 1)
            call->kids[0] = rhs->kids[0];
        for (uint32_t i = 0, j = 0; i < rhs->nkids + 1; i++) {
            if (i == at)
                call->kids[i] = (Ast *)lhs;
            else
                call->kids[i] = rhs->kids[j++];
        }
    } else if (rhs->kind == AST_VAR) {
        call = mk_node(c, AST_CALL, rhs, 1);
        call->v = rhs->v;
        call->kids[0] = (Ast *)lhs;
    } else {
        comp_error(c, rhs, "cannot pipe into %s", ast_kind_name((AstKind)rhs->kind));
    }
    comp_expr(c, f, call, tail);
}

/* x in list-literal / range-literal / anything (Enum.member?). */
/* `and` onto the boolean on the stack: false stays and jumps to *hole, true
 * is replaced by "slot s <cond> bound". */
static void and_compare(Comp *c, FnB *f, uint32_t s, const Ast *bound, uint32_t cond, uint32_t *hole)
{
    emit_op(c, f, OPC_DUP, 1);
    emit_jump(c, f, OPC_JFALSE, hole);
    emit_op(c, f, OPC_POP, -1);
    emit_slot_op(c, f, OPC_LOAD, s);
    comp_expr(c, f, bound, 0);
    emit_op(c, f, OPC_CMP, -1);
    emit(c, f, cond);
}

static void comp_in(Comp *c, FnB *f, const Ast *e)
{
    const Ast *x = e->kids[0], *coll = e->kids[1];
    if (coll->kind == AST_LIST && !(coll->flags & AST_F_IMPROPER)) {
        uint32_t s = new_slot(f);
        comp_expr(c, f, x, 0);
        emit_slot_op(c, f, OPC_STORE, s);
        if (coll->nkids == 0) {
            emit_lit(c, f, A(false));
            return;
        }
        uint32_t holes[256], nh = 0;
        for (uint32_t i = 0; i < coll->nkids; i++) {
            emit_slot_op(c, f, OPC_LOAD, s);
            comp_expr(c, f, coll->kids[i], 0);
            emit_op(c, f, OPC_CMP, -1);
            emit(c, f, VC_SEQ);
            if (i + 1 < coll->nkids && nh < 256) {
                emit_op(c, f, OPC_DUP, 1);
                emit_jump(c, f, OPC_JTRUE, &holes[nh++]);
                emit_op(c, f, OPC_POP, -1);
            }
        }
        for (uint32_t i = 0; i < nh; i++)
            patch(f, holes[i], f->ncode);
        return;
    }
    if (coll->kind == AST_OP && coll->op == OP_RANGE) {
        uint32_t s = new_slot(f);
        comp_expr(c, f, x, 0);
        emit_slot_op(c, f, OPC_STORE, s);
        /* is_integer(x) and lo <= x and x <= hi (ascending ranges) */
        uint32_t h1, h2, h3;
        emit_slot_op(c, f, OPC_LOAD, s);
        comp_call_remote(c, f, atom_from_cstr("Elixir.Kernel"), atom_from_cstr("is_integer"), 1, 0);
        and_compare(c, f, s, coll->kids[0], VC_GE, &h1);
        and_compare(c, f, s, coll->kids[1], VC_LE, &h2);
        h3 = f->ncode;
        patch(f, h1, h3);
        patch(f, h2, h3);
        return;
    }
    comp_expr(c, f, coll, 0);
    comp_expr(c, f, x, 0);
    comp_call_remote(c, f, atom_from_cstr("Elixir.Enum"), atom_from_cstr("member?"), 2, 0);
}

static void comp_range(Comp *c, FnB *f, const Ast *e)
{
    if (e->nkids < 2) {
        /* `..`: the full-slice range 0..-1//1 */
        emit_lit(c, f, A(__struct__));
        emit_lit(c, f, atom_from_cstr("Elixir.Range"));
        emit_lit(c, f, atom_from_cstr("first"));
        emit_lit(c, f, make_small(0));
        emit_lit(c, f, atom_from_cstr("last"));
        emit_lit(c, f, make_small(-1));
        emit_lit(c, f, atom_from_cstr("step"));
        emit_lit(c, f, make_small(1));
        emit_op(c, f, OPC_MAP, -7);
        emit(c, f, 4);
        return;
    }
    /* %Range{first: a, last: b, step: s}; a..b steps by -1 when a > b */
    uint32_t sa = new_slot(f), sb = new_slot(f);
    comp_expr(c, f, e->kids[0], 0);
    emit_slot_op(c, f, OPC_STORE, sa);
    comp_expr(c, f, e->kids[1], 0);
    emit_slot_op(c, f, OPC_STORE, sb);
    emit_lit(c, f, A(__struct__));
    emit_lit(c, f, atom_from_cstr("Elixir.Range"));
    emit_lit(c, f, atom_from_cstr("first"));
    emit_slot_op(c, f, OPC_LOAD, sa);
    emit_lit(c, f, atom_from_cstr("last"));
    emit_slot_op(c, f, OPC_LOAD, sb);
    emit_lit(c, f, atom_from_cstr("step"));
    if (e->op == OP_RANGE_STEP) {
        comp_expr(c, f, e->kids[2], 0);
    } else {
        uint32_t h1, h2;
        emit_slot_op(c, f, OPC_LOAD, sa);
        emit_slot_op(c, f, OPC_LOAD, sb);
        emit_op(c, f, OPC_CMP, -1);
        emit(c, f, VC_LE);
        emit_jump(c, f, OPC_JFALSE, &h1);
        emit_lit(c, f, make_small(1));
        emit_jump(c, f, OPC_JUMP, &h2);
        patch(f, h1, f->ncode);
        f->depth--;
        emit_lit(c, f, make_small(-1));
        patch(f, h2, f->ncode);
    }
    emit_op(c, f, OPC_MAP, -7);
    emit(c, f, 4);
}

static const struct {
    AstOp op;
    unsigned opc, arg;
} simple_binops[] = {
    {OP_ADD, OPC_ARITH, VA_ADD}, {OP_SUB, OPC_ARITH, VA_SUB}, {OP_MUL, OPC_ARITH, VA_MUL},
    {OP_DIV, OPC_ARITH, VA_FDIV}, {OP_POW, OPC_ARITH, VA_POW}, {OP_PLUSPLUS, OPC_ARITH, VA_PLUSPLUS},
    {OP_MINUSMINUS, OPC_ARITH, VA_MINUSMINUS}, {OP_CONCAT, OPC_ARITH, VA_CONCAT},
    {OP_BAND3, OPC_ARITH, VA_BAND}, {OP_BOR3, OPC_ARITH, VA_BOR}, {OP_BXOR3, OPC_ARITH, VA_BXOR},
    {OP_SHL3, OPC_ARITH, VA_BSL}, {OP_SHR3, OPC_ARITH, VA_BSR},
    {OP_EQ, OPC_CMP, VC_EQ}, {OP_NE, OPC_CMP, VC_NE}, {OP_SEQ, OPC_CMP, VC_SEQ},
    {OP_SNE, OPC_CMP, VC_SNE}, {OP_LT, OPC_CMP, VC_LT}, {OP_GT, OPC_CMP, VC_GT},
    {OP_LE, OPC_CMP, VC_LE}, {OP_GE, OPC_CMP, VC_GE},
};

static void comp_match(Comp *c, FnB *f, const Ast *e)
{
    comp_expr(c, f, e->kids[1], 0);
    uint32_t d0 = f->depth;
    emit_op(c, f, OPC_DUP, 1);
    uint32_t *fails = NULL, nfails = 0, capfails = 0;
    comp_pattern(c, f, e->kids[0], &fails, &nfails, &capfails);
    if (nfails == 0)
        return;
    uint32_t hole;
    emit_jump(c, f, OPC_JUMP, &hole);
    patch_fails(f, fails, nfails, f->ncode);
    emit_dropto(c, f, d0);
    emit_op(c, f, OPC_RAISE, 0);
    emit(c, f, VF_BADMATCH);
    patch(f, hole, f->ncode);
    f->depth = d0;
}

void comp_op_expr(Comp *c, FnB *f, const Ast *e, int tail)
{
    uint32_t h;
    for (size_t i = 0; i < sizeof simple_binops / sizeof simple_binops[0]; i++) {
        if (simple_binops[i].op == e->op && e->nkids == 2) {
            comp_expr(c, f, e->kids[0], 0);
            comp_expr(c, f, e->kids[1], 0);
            emit_op(c, f, simple_binops[i].opc, -1);
            emit(c, f, simple_binops[i].arg);
            return;
        }
    }
    switch (e->op) {
    case OP_SUB:
    case OP_ADD: {
        Term t = comp_literal(c, e);
        if (t != NONE) {
            emit_lit(c, f, t);
            return;
        }
        comp_expr(c, f, e->kids[0], 0);
        if (e->op == OP_SUB)
            emit_op(c, f, OPC_NEG, 0);
        return;
    }
    case OP_MATCH: comp_match(c, f, e); return;
    case OP_AND:
    case OP_OR:
        comp_expr(c, f, e->kids[0], 0);
        emit_op(c, f, OPC_CHKBOOL, 0);
        emit(c, f, e->op == OP_OR);
        emit_op(c, f, OPC_DUP, 1);
        emit_jump(c, f, e->op == OP_AND ? OPC_JFALSE : OPC_JTRUE, &h);
        emit_op(c, f, OPC_POP, -1);
        comp_expr(c, f, e->kids[1], tail);
        patch(f, h, f->ncode);
        return;
    case OP_AAND:
    case OP_OOR:
        comp_expr(c, f, e->kids[0], 0);
        emit_op(c, f, OPC_DUP, 1);
        emit_jump(c, f, e->op == OP_AAND ? OPC_JFALSY : OPC_JTRUTHY, &h);
        emit_op(c, f, OPC_POP, -1);
        comp_expr(c, f, e->kids[1], tail);
        patch(f, h, f->ncode);
        return;
    case OP_NOT:
        comp_expr(c, f, e->kids[0], 0);
        emit_op(c, f, OPC_NOT, 0);
        return;
    case OP_BANG:
        comp_expr(c, f, e->kids[0], 0);
        emit_op(c, f, OPC_BANG, 0);
        return;
    case OP_PIPE: comp_pipe(c, f, e, tail); return;
    case OP_IN: comp_in(c, f, e); return;
    case OP_NOTIN:
        comp_in(c, f, e);
        emit_op(c, f, OPC_NOT, 0);
        return;
    case OP_RANGE:
    case OP_RANGE_STEP: comp_range(c, f, e); return;
    case OP_CAPTURE: comp_capture(c, f, e); return;
    case OP_AT: {
        const Ast *k = e->kids[0];
        if (k->kind == AST_VAR) {
            if (comp_attr_accumulated(c, f, k))
                return;
            for (ModB *mb = c->mb; mb != NULL; mb = mb->outer) {
                for (uint32_t i = mb->nattrs; i-- > 0;) {
                    if (strlen(mb->attrs[i].name) == k->v.str.len &&
                        memcmp(mb->attrs[i].name, k->v.str.s, k->v.str.len) == 0) {
                        /* The value sees only the attributes set before
                         * it: in `@a [x | @a]` the inner @a is the old
                         * one, not this one again (endless recursion). */
                        uint32_t saved = mb->nattrs;
                        mb->nattrs = i;
                        comp_expr(c, f, mb->attrs[i].value, 0);
                        mb->nattrs = saved;
                        return;
                    }
                }
            }
            emit_lit(c, f, A(nil));
            return;
        }
        comp_error(c, e, "module attributes can only be set in a module body");
    }
    case OP_PIN: comp_error(c, e, "cannot use ^%s outside of match clauses",
                            e->kids[0]->kind == AST_VAR ? e->kids[0]->v.str.s : "expr");
    case OP_BNOT3:
        comp_expr(c, f, e->kids[0], 0);
        emit_lit(c, f, make_small(-1));
        emit_op(c, f, OPC_ARITH, -1);
        emit(c, f, VA_BXOR);
        return;
    case OP_MATCHRE:
        /* Kernel.=~/2 itself: a binary right side is a substring test,
         * only a %Regex{} is a match (Regex.match? refuses a string). */
        comp_expr(c, f, e->kids[0], 0);
        comp_expr(c, f, e->kids[1], 0);
        comp_call_remote(c, f, atom_from_cstr("Elixir.Kernel"), atom_from_cstr("=~"), 2, tail);
        return;
    default:
        comp_error(c, e, "unsupported operator %s", ast_op_text((AstOp)e->op));
    }
}


/* @name of an accumulating attribute (see attr_register in comp_mod.c):
 * the list of every value set so far, newest first. False when name is
 * not one. */
static bool comp_attr_accumulated(Comp *c, FnB *f, const Ast *k)
{
    ModB *mb = c->mb;
    uint32_t mark = mb->nattrs;
    while (mark > 0 && !(mb->attrs[mark - 1].accumulate &&
                         strlen(mb->attrs[mark - 1].name) == k->v.str.len &&
                         memcmp(mb->attrs[mark - 1].name, k->v.str.s, k->v.str.len) == 0))
        mark--;
    if (mark == 0)
        return false;
    uint32_t n = 0;
    for (uint32_t i = mark; i < mb->nattrs; i++)
        n += strcmp(mb->attrs[i].name, mb->attrs[mark - 1].name) == 0 && mb->attrs[i].value != NULL;
    Ast *list = mk_node(c, AST_LIST, k, n);
    uint32_t j = 0;
    for (uint32_t i = mb->nattrs; i-- > mark;)
        if (strcmp(mb->attrs[i].name, mb->attrs[mark - 1].name) == 0 && mb->attrs[i].value != NULL)
            list->kids[j++] = (Ast *)mb->attrs[i].value;
    comp_expr(c, f, list, 0);
    return true;
}

void comp_sigil(Comp *c, FnB *f, const Ast *e)
{
    const Ast *body = e->kids[0];
    char letter = (char)e->op;
    if (letter == 'w' || letter == 'W') {
        const char *mods = e->v.str.s ? e->v.str.s : "";
        if (body->kind != AST_STRING) {
            comp_expr(c, f, body, 0);
            comp_call_remote(c, f, atom_from_cstr("Elixir.String"), atom_from_cstr("split"), 1, 0);
            return;
        }
        char kind = mods[0] ? mods[0] : 's';
        const char *s = body->v.str.s;
        uint32_t len = body->v.str.len, n = 0;
        for (uint32_t i = 0; i < len;) {
            while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
                i++;
            uint32_t st = i;
            while (i < len && !(s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
                i++;
            if (i > st) {
                Term w = kind == 'a' ? atom_intern(s + st, i - st)
                         : kind == 'c' ? comp_charlist(s + st, i - st)
                                       : comp_string(s + st, i - st);
                emit_lit(c, f, w);
                n++;
            }
        }
        emit_lit(c, f, NIL);
        for (uint32_t i = 0; i < n; i++)
            emit_op(c, f, OPC_CONS, -1);
        return;
    }
    if (letter == 'c' || letter == 'C') {
        if (body->kind == AST_STRING) {
            emit_lit(c, f, comp_charlist(body->v.str.s, body->v.str.len));
            return;
        }
        comp_expr(c, f, body, 0);
        comp_call_remote(c, f, atom_from_cstr("Elixir.String"), atom_from_cstr("to_charlist"), 1, 0);
        return;
    }
    if (letter == 'r' || letter == 'R') {
        comp_expr(c, f, body, 0);
        const char *mods = e->v.str.s ? e->v.str.s : "";
        emit_lit(c, f, comp_string(mods, strlen(mods)));
        comp_call_remote(c, f, atom_from_cstr("Elixir.Regex"), atom_from_cstr("compile!"), 2, 0);
        return;
    }
    if (letter == 's' || letter == 'S') {
        comp_expr(c, f, body, 0);
        return;
    }
    /* ~D, ~T, custom sigils: the call sigil_X(string, modifiers), found
     * as any local call is (this module, an import such as a user's
     * sigil module, then Kernel). */
    const char *mods = e->v.str.s ? e->v.str.s : "";
    char name[16];
    int n = snprintf(name, sizeof name, "sigil_%c", letter);
    Ast *m = mk_node(c, AST_CHARLIST, e, 0);
    m->v.str.s = ast_strdup(&c->arena, mods, strlen(mods));
    m->v.str.len = (uint32_t)strlen(mods);
    Ast *call = mk_node(c, AST_CALL, e, 2);
    call->v.str.s = ast_strdup(&c->arena, name, (size_t)n);
    call->v.str.len = (uint32_t)n;
    call->kids[0] = (Ast *)body;
    call->kids[1] = m;
    comp_expr(c, f, call, 0);
}

