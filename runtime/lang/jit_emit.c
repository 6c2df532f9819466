/* jit_emit.c — one function's bytecode to x86-64 (jit.h, jit.c).
 *
 * Each instruction becomes its fast path, written to do exactly what
 * vm.c's handler does in the common case. Every check that can fail
 * comes before the first write to the stack, the frame or the heap, so a
 * failed check can leave native code with the VM's state untouched and
 * let the interpreter run the whole instruction ("bail"). Opcodes with
 * no fast path here bail at once. Register use: jit.c's header.
 *
 * Jumps to other instructions are fixed up once every instruction has
 * its offset; the exits (stubs) go after the function's code, out of the
 * fast paths' way.
 */
#include "atom.h"
#include "jit_emit.h"

/* ---- arithmetic and comparison ------------------------------------------ */

/* Each has a fast path on small integers and immediates and, where that
 * cannot answer, a slow path calling the interpreter's own function
 * (vm_arith, vm_compare, term_eq_exact): floats, bignums and deep
 * compares stay in native code instead of leaving it. */

/* The position of a jump taken when r does not hold a small integer
 * (r11 is the scratch), to be bound to a slow path. */
static size_t jnot_small(Em *e, int r)
{
    x_lea32(e->a, R11, r, -(int32_t)TAG_SMALL);
    x_test32_imm(e->a, R11, TAG_MASK);
    return x_jcc(e->a, CC_NE);
}

/* rdx = rax op b, b being rcx or (kconst) the small integer k. +, - and
 * * on two small integers are done on the tagged words (value << 3 | 2),
 * where x86's overflow flag is exactly "does not fit in 61 bits";
 * everything else (other operators, other types, overflow) is
 * vm_arith's, and its raise leaves native code (JIT_RAISE past the
 * instruction, the operands still where vm.c would have them). */
static void emit_arith(Em *e, unsigned op, bool kconst, Term k)
{
    Asm *a = e->a;
    size_t slow[4], done = SIZE_MAX;
    int nslow = 0;
    bool fast = (op == VA_ADD || op == VA_SUB || op == VA_MUL) && (!kconst || is_small(k));
    if (fast) {
        slow[nslow++] = jnot_small(e, RAX);
        if (!kconst)
            slow[nslow++] = jnot_small(e, RCX);
        int64_t kk = (int64_t)k - TAG_SMALL; /* k's value << 3 */
        x_mov(a, RDX, RAX);
        switch (op) {
        case VA_ADD:
            if (kconst) {
                x_alu_imm(a, ALU_ADD, true, RDX, (int32_t)kk);
            } else {
                x_alu_imm(a, ALU_SUB, true, RDX, TAG_SMALL);
                x_alu(a, ALU_ADD, RDX, RCX);
            }
            slow[nslow++] = x_jcc(a, CC_O);
            break;
        case VA_SUB:
            if (kconst)
                x_alu_imm(a, ALU_SUB, true, RDX, (int32_t)kk);
            else
                x_alu(a, ALU_SUB, RDX, RCX);
            slow[nslow++] = x_jcc(a, CC_O);
            if (!kconst)
                x_alu_imm(a, ALU_ADD, true, RDX, TAG_SMALL);
            break;
        default: /* VA_MUL */
            x_shift(a, SH_SAR, RDX, TAG_BITS);
            if (kconst)
                x_imm(a, R8, (uint64_t)kk);
            else
                x_lea(a, R8, RCX, -(int32_t)TAG_SMALL);
            x_imul(a, RDX, R8);
            slow[nslow++] = x_jcc(a, CC_O);
            x_alu_imm(a, ALU_ADD, true, RDX, TAG_SMALL);
            break;
        }
        done = x_jmp(a);
    }
    for (int i = 0; i < nslow; i++)
        x_bind(a, slow[i], a->len);
    x_mov(a, RDX, RAX);
    if (kconst)
        x_imm(a, RCX, k);
    x_mov(a, RDI, P);
    x_imm(a, RSI, op);
    call_c(e, (const void *)vm_arith);
    x_test(a, RAX, RAX); /* NONE: it raised */
    stub(e, x_jcc(a, CC_E), JIT_RAISE, e->next);
    x_mov(a, RDX, RAX);
    if (done != SIZE_MAX)
        x_bind(a, done, a->len);
}

static bool cmp_is_eq(unsigned op) { return op == VC_EQ || op == VC_SEQ || op == VC_NE || op == VC_SNE; }
static bool cmp_wants_same(unsigned op) { return op == VC_EQ || op == VC_SEQ; }

/* The x86 condition for an ordering VmCmp on two small integers' words. */
static int cmp_cc(unsigned op)
{
    switch (op) {
    case VC_LT: return CC_L;
    case VC_GT: return CC_G;
    case VC_LE: return CC_LE;
    default: return CC_GE;
    }
}

/* al = vm_compare(op, rax, rcx), as a bool. */
static void call_compare(Em *e, unsigned op)
{
    Asm *a = e->a;
    x_mov(a, RSI, RAX);
    x_mov(a, RDX, RCX);
    x_imm(a, RDI, op);
    call_c(e, (const void *)vm_compare);
    x_test8(a, RAX);
}

/* al = whether rax and rcx are equal terms: term_eq_exact (exact: ===,
 * matching) or vm_compare(VC_EQ) (==). ZF is clear when they are. */
static void call_equal(Em *e, bool exact)
{
    if (!exact) {
        call_compare(e, VC_EQ);
        return;
    }
    x_mov(e->a, RDI, RAX);
    x_mov(e->a, RSI, RCX);
    call_c(e, (const void *)term_eq_exact);
    x_test8(e->a, RAX);
}

/* How an equality test treats two different words before asking C. */
enum {
    DIFF_FINAL = 0, /* different words are different terms              */
    DIFF_RAX = 1,   /* ... when rax is an immediate; else ask C          */
    DIFF_BOTH = 2,  /* ... when rax and rcx are immediates; else ask C   */
    DIFF_ASK = 3,   /* always ask C                                      */
};

/* After `cmp rax, rcx`: continues at the next instruction when "equal"
 * is `want_eq`, else jumps to label l; pops `pop` bytes either way. Two
 * equal words are equal terms; two different immediates are different
 * terms (is_immediate); anything else asks C: `exact` term_eq_exact
 * (===, matching), else vm_compare(VC_EQ) (==). kload: b when the cmp
 * took it as an immediate (rcx gets it before C is asked), else NONE. */
static void eq_branch(Em *e, bool want_eq, uint32_t l, int32_t pop, int diff, bool exact, Term kload)
{
    Asm *a = e->a;
    size_t same = x_jcc(a, CC_E), same2 = SIZE_MAX, imm1 = SIZE_MAX, imm2 = SIZE_MAX;
    if (diff != DIFF_FINAL) {
        if (diff == DIFF_RAX || diff == DIFF_BOTH) {
            x_test32_imm(a, RAX, TAG_MASK - 1);
            size_t boxed = x_jcc(a, CC_E);
            if (diff == DIFF_BOTH) {
                x_test32_imm(a, RCX, TAG_MASK - 1);
                size_t boxed2 = x_jcc(a, CC_E);
                imm2 = x_jmp(a); /* both immediates: different */
                x_bind(a, boxed2, a->len);
            } else {
                imm1 = x_jmp(a);
            }
            x_bind(a, boxed, a->len);
        }
        if (kload != NONE)
            x_imm(a, RCX, kload);
        call_equal(e, exact);
        same2 = x_jcc(a, CC_NE);
    }
    /* different */
    if (imm1 != SIZE_MAX)
        x_bind(a, imm1, a->len);
    if (imm2 != SIZE_MAX)
        x_bind(a, imm2, a->len);
    if (pop)
        x_lea(a, SP, SP, pop);
    size_t done = SIZE_MAX;
    if (want_eq)
        to_label(e, l);
    else
        done = x_jmp(a);
    /* same */
    x_bind(a, same, a->len);
    if (same2 != SIZE_MAX)
        x_bind(a, same2, a->len);
    if (pop)
        x_lea(a, SP, SP, pop);
    if (!want_eq)
        to_label(e, l);
    if (done != SIZE_MAX)
        x_bind(a, done, a->len);
}

static void emit_cmp_value(Em *e, unsigned op)
{
    Asm *a = e->a;
    x_load(a, RAX, SP, 8);
    x_load(a, RCX, SP, 0);
    if (!cmp_is_eq(op)) {
        size_t s1 = jnot_small(e, RAX), s2 = jnot_small(e, RCX);
        x_alu(a, ALU_CMP, RAX, RCX);
        size_t fast = x_jmp(a);
        x_bind(a, s1, a->len);
        x_bind(a, s2, a->len);
        call_compare(e, op); /* ZF clear when true */
        size_t slow_done = x_jmp(a);
        /* The fast compare's flags become "true/false" in rdx below. */
        x_bind(a, fast, a->len);
        x_imm(a, RDX, A(false));
        x_imm(a, R8, A(true));
        x_cmov(a, cmp_cc(op), RDX, R8);
        size_t done = x_jmp(a);
        x_bind(a, slow_done, a->len);
        x_imm(a, RDX, A(false));
        x_imm(a, R8, A(true));
        x_cmov(a, CC_NE, RDX, R8);
        x_bind(a, done, a->len);
    } else {
        /* The answer when equal, swapped below when not. */
        bool same_true = cmp_wants_same(op);
        bool exact = op == VC_SEQ || op == VC_SNE;
        x_alu(a, ALU_CMP, RAX, RCX);
        size_t same = x_jcc(a, CC_E);
        x_test32_imm(a, RAX, TAG_MASK - 1);
        size_t boxed1 = x_jcc(a, CC_E);
        x_test32_imm(a, RCX, TAG_MASK - 1);
        size_t boxed2 = x_jcc(a, CC_E);
        size_t differ = x_jmp(a);
        x_bind(a, boxed1, a->len);
        x_bind(a, boxed2, a->len);
        call_equal(e, exact);
        size_t same2 = x_jcc(a, CC_NE);
        x_bind(a, differ, a->len);
        x_imm(a, RDX, same_true ? A(false) : A(true));
        size_t done = x_jmp(a);
        x_bind(a, same, a->len);
        x_bind(a, same2, a->len);
        x_imm(a, RDX, same_true ? A(true) : A(false));
        x_bind(a, done, a->len);
    }
    x_store(a, SP, 8, RDX);
    x_lea(a, SP, SP, 8);
}

/* JCMP (b in rcx, popped) and JCMP_SK (b the literal k): on to the next
 * instruction when `rax op b`, else to label l. */
static void emit_jcmp(Em *e, unsigned op, bool lit, Term k, uint32_t l)
{
    Asm *a = e->a;
    int32_t pop = lit ? 0 : 16;
    if (!cmp_is_eq(op)) {
        size_t slow[2];
        int nslow = 0;
        if (!lit || is_small(k)) {
            slow[nslow++] = jnot_small(e, RAX);
            if (!lit)
                slow[nslow++] = jnot_small(e, RCX);
            if (pop)
                x_lea(a, SP, SP, pop);
            if (lit)
                cmp_imm(e, RAX, k);
            else
                x_alu(a, ALU_CMP, RAX, RCX);
            to_label_if(e, cmp_cc(op) ^ 1, l);
            size_t done = x_jmp(a);
            for (int i = 0; i < nslow; i++)
                x_bind(a, slow[i], a->len);
            if (lit)
                x_imm(a, RCX, k);
            call_compare(e, op);
            if (pop)
                x_lea(a, SP, SP, pop);
            to_label_if(e, CC_E, l);
            x_bind(a, done, a->len);
            return;
        }
        x_imm(a, RCX, k);
        call_compare(e, op);
        to_label_if(e, CC_E, l);
        return;
    }
    int diff = DIFF_BOTH;
    if (lit) {
        /* ==/!= against a small integer: a float may still equal it. */
        if (!is_immediate(k))
            diff = DIFF_ASK;
        else if (is_small(k) && (op == VC_EQ || op == VC_NE))
            diff = DIFF_RAX;
        else
            diff = DIFF_FINAL;
    }
    if (lit)
        cmp_imm(e, RAX, k);
    else
        x_alu(a, ALU_CMP, RAX, RCX);
    eq_branch(e, cmp_wants_same(op), l, pop, diff, op == VC_SEQ || op == VC_SNE, lit ? k : NONE);
}

/* M_SLIT / M_LIT: on when rax === k, else to l; pops `pop` bytes. */
static void emit_match_lit(Em *e, Term k, uint32_t l, int32_t pop)
{
    Asm *a = e->a;
    if (is_immediate(k)) {
        if (pop)
            x_lea(a, SP, SP, pop);
        cmp_imm(e, RAX, k);
        to_label_if(e, CC_NE, l);
        return;
    }
    /* A boxed or list literal: the same word matches; an immediate never
     * does; another boxed term needs term_eq_exact. */
    cmp_imm(e, RAX, k);
    eq_branch(e, true, l, pop, DIFF_RAX, true, k);
}

static void emit_jump(Em *e, uint32_t l)
{
    if (l <= e->pc)
        spend_red(e, e->fn->code + l);
    to_label(e, l);
}

static void emit_tuple(Em *e, uint32_t n)
{
    Asm *a = e->a;
    if (n > 64) {
        bail(e);
        return;
    }
    alloc(e, n + 1);
    x_imm(a, RCX, make_header(HDR_TUPLE, n));
    x_store(a, RAX, 0, RCX);
    for (uint32_t i = 0; i < n; i++) {
        x_load(a, RCX, SP, 8 * (int32_t)(n - 1 - i));
        x_store(a, RAX, 8 * (int32_t)(1 + i), RCX);
    }
    x_lea(a, SP, SP, 8 * (int32_t)n);
    push_reg(e, RAX);
}

static void emit_mkfun(Em *e, const uint32_t *o)
{
    Asm *a = e->a;
    Fn *lf = local_fn(e->fn, o[0]);
    uint32_t n = o[1];
    if (lf == NULL || n > 64) {
        bail(e);
        return;
    }
    alloc(e, 2 + n);
    x_imm(a, RCX, make_header(HDR_FUN, 1 + n));
    x_store(a, RAX, 0, RCX);
    x_imm(a, RCX, (uintptr_t)lf);
    x_store(a, RAX, 8, RCX);
    for (uint32_t i = 0; i < n; i++) {
        x_load(a, RCX, SP, 8 * (int32_t)(n - 1 - i));
        x_store(a, RAX, 8 * (int32_t)(2 + i), RCX);
    }
    x_lea(a, SP, SP, 8 * (int32_t)n);
    push_reg(e, RAX);
}

static void emit_match_tuple(Em *e, uint32_t n, uint32_t l)
{
    Asm *a = e->a;
    if (n > 64) {
        bail(e);
        return;
    }
    x_load(a, RAX, SP, 0);
    x_test32_imm(a, RAX, TAG_MASK);
    size_t no1 = x_jcc(a, CC_NE);
    x_load(a, RCX, RAX, 0);
    cmp_imm(e, RCX, make_header(HDR_TUPLE, n));
    size_t no2 = x_jcc(a, CC_NE);
    x_lea(a, SP, SP, 8);
    for (uint32_t i = n; i-- > 0;) {
        x_load(a, RCX, RAX, 8 * (int32_t)(1 + i));
        push_reg(e, RCX);
    }
    size_t done = x_jmp(a);
    x_bind(a, no1, a->len);
    x_bind(a, no2, a->len);
    x_lea(a, SP, SP, 8);
    to_label(e, l);
    x_bind(a, done, a->len);
}

/* Jumps to l when rax is nil or false (falsy) or not (truthy). */
static void emit_truthy_jump(Em *e, bool jump_if_falsy, uint32_t l)
{
    Asm *a = e->a;
    if (jump_if_falsy) {
        cmp_imm(e, RAX, A(nil));
        to_label_if(e, CC_E, l);
        cmp_imm(e, RAX, A(false));
        to_label_if(e, CC_E, l);
        return;
    }
    cmp_imm(e, RAX, A(nil));
    size_t f1 = x_jcc(a, CC_E);
    cmp_imm(e, RAX, A(false));
    size_t f2 = x_jcc(a, CC_E);
    to_label(e, l);
    x_bind(a, f1, a->len);
    x_bind(a, f2, a->len);
}

static void emit_op(Em *e, uint32_t op, const uint32_t *o)
{
    Asm *a = e->a;
    Fn *fn = e->fn;
    switch (op) {
    case OPC_NOP:
        break;
    case OPC_LIT:
        x_imm(a, RAX, fn->lits[o[0]]);
        push_reg(e, RAX);
        break;
    case OPC_NIL:
        x_imm(a, RAX, NIL);
        push_reg(e, RAX);
        break;
    case OPC_LOAD:
        x_load(a, RAX, FP, SLOTD(o[0]));
        push_reg(e, RAX);
        break;
    case OPC_LOAD2:
        x_load(a, RAX, FP, SLOTD(o[0]));
        x_load(a, RCX, FP, SLOTD(o[1]));
        x_store(a, SP, -8, RAX);
        x_store(a, SP, -16, RCX);
        x_lea(a, SP, SP, -16);
        break;
    case OPC_STORE:
        x_load(a, RAX, SP, 0);
        x_lea(a, SP, SP, 8);
        x_store(a, FP, SLOTD(o[0]), RAX);
        break;
    case OPC_POP:
        x_lea(a, SP, SP, 8);
        break;
    case OPC_DUP:
        x_load(a, RAX, SP, 0);
        push_reg(e, RAX);
        break;
    case OPC_SWAP:
        x_load(a, RAX, SP, 0);
        x_load(a, RCX, SP, 8);
        x_store(a, SP, 0, RCX);
        x_store(a, SP, 8, RAX);
        break;
    case OPC_TUPLE:
        emit_tuple(e, o[0]);
        break;
    case OPC_CONS:
        alloc(e, 2);
        x_load(a, RCX, SP, 8);
        x_load(a, RDX, SP, 0);
        x_store(a, RAX, 0, RCX);
        x_store(a, RAX, 8, RDX);
        x_lea(a, SP, SP, 8);
        x_lea(a, RAX, RAX, TAG_LIST);
        x_store(a, SP, 0, RAX);
        break;
    case OPC_ARITH:
        x_load(a, RAX, SP, 8);
        x_load(a, RCX, SP, 0);
        emit_arith(e, o[0], false, 0);
        x_store(a, SP, 8, RDX);
        x_lea(a, SP, SP, 8);
        break;
    case OPC_ARITH_SK:
    case OPC_ARITH_K: {
        Term k = fn->lits[op == OPC_ARITH_SK ? o[2] : o[1]];
        if (op == OPC_ARITH_SK)
            x_load(a, RAX, FP, SLOTD(o[1]));
        else
            x_load(a, RAX, SP, 0);
        /* A small k within 32 bits is folded into the instructions;
         * any other goes in rcx like a second operand. */
        bool kc = is_small(k) && fits_i32((int64_t)k - TAG_SMALL);
        if (!kc)
            x_imm(a, RCX, k);
        emit_arith(e, o[0], kc, k);
        if (op == OPC_ARITH_SK)
            push_reg(e, RDX);
        else
            x_store(a, SP, 0, RDX);
        break;
    }
    case OPC_CMP:
        emit_cmp_value(e, o[0]);
        break;
    case OPC_JCMP:
        x_load(a, RAX, SP, 8);
        x_load(a, RCX, SP, 0);
        emit_jcmp(e, o[0], false, 0, o[1]);
        break;
    case OPC_JCMP_SK:
        x_load(a, RAX, FP, SLOTD(o[1]));
        emit_jcmp(e, o[0], true, fn->lits[o[2]], o[3]);
        break;
    case OPC_NEG:
        x_load(a, RSI, SP, 0);
        x_mov(a, RDI, P);
        call_c(e, (const void *)vm_neg);
        x_test(a, RAX, RAX);
        stub(e, x_jcc(a, CC_E), JIT_RAISE, e->next);
        x_store(a, SP, 0, RAX);
        break;
    case OPC_NOT: {
        x_load(a, RAX, SP, 0);
        x_imm(a, RCX, A(true));
        x_imm(a, RDX, A(false));
        x_alu(a, ALU_CMP, RAX, RCX);
        size_t was_true = x_jcc(a, CC_E);
        x_alu(a, ALU_CMP, RAX, RDX);
        bail_if(e, CC_NE);
        x_store(a, SP, 0, RCX);
        size_t done = x_jmp(a);
        x_bind(a, was_true, a->len);
        x_store(a, SP, 0, RDX);
        x_bind(a, done, a->len);
        break;
    }
    case OPC_BANG: {
        x_load(a, RAX, SP, 0);
        x_imm(a, RDX, A(true));
        cmp_imm(e, RAX, A(nil));
        size_t f1 = x_jcc(a, CC_E);
        cmp_imm(e, RAX, A(false));
        size_t f2 = x_jcc(a, CC_E);
        x_imm(a, RDX, A(false));
        x_bind(a, f1, a->len);
        x_bind(a, f2, a->len);
        x_store(a, SP, 0, RDX);
        break;
    }
    case OPC_JUMP:
        emit_jump(e, o[0]);
        break;
    case OPC_JTRUE:
    case OPC_JFALSE:
        x_load(a, RAX, SP, 0);
        x_lea(a, SP, SP, 8);
        cmp_imm(e, RAX, A(true));
        to_label_if(e, op == OPC_JTRUE ? CC_E : CC_NE, o[0]);
        break;
    case OPC_JFALSY:
    case OPC_JTRUTHY:
        x_load(a, RAX, SP, 0);
        x_lea(a, SP, SP, 8);
        emit_truthy_jump(e, op == OPC_JFALSY, o[0]);
        break;
    case OPC_CHKBOOL: {
        x_load(a, RAX, SP, 0);
        cmp_imm(e, RAX, A(true));
        size_t ok = x_jcc(a, CC_E);
        cmp_imm(e, RAX, A(false));
        bail_if(e, CC_NE);
        x_bind(a, ok, a->len);
        break;
    }
    case OPC_CALL:
        jit_emit_call(e, o);
        break;
    case OPC_TCALL:
        jit_emit_tcall(e, o);
        break;
    case OPC_CALLR:
    case OPC_TCALLR:
        if (o[0] >= fn->nsites)
            bail(e);
        else
            jit_emit_call_c(e, true, &fn->sites[o[0]], o[1], op == OPC_TCALLR);
        break;
    case OPC_CALLF:
    case OPC_TCALLF:
        jit_emit_call_c(e, false, NULL, o[0], op == OPC_TCALLF);
        break;
    case OPC_BIF:
        jit_emit_bif(e, o, false);
        break;
    case OPC_GBIF:
        jit_emit_bif(e, o, true);
        break;
    case OPC_MKFUN:
        emit_mkfun(e, o);
        break;
    case OPC_RET:
        x_load(a, RAX, SP, 0);
        jit_emit_ret(e);
        break;
    case OPC_RET_S:
        x_load(a, RAX, FP, SLOTD(o[0]));
        jit_emit_ret(e);
        break;
    case OPC_DROPTO:
        x_lea(a, SP, FP, -8 * (int32_t)(fn->nlocals + 3 + o[0]));
        break;
    case OPC_M_EQ:
        x_load(a, RAX, SP, 8);
        x_load(a, RCX, SP, 0);
        x_alu(a, ALU_CMP, RAX, RCX);
        eq_branch(e, true, o[0], 16, DIFF_BOTH, true, NONE);
        break;
    case OPC_M_LIT:
        x_load(a, RAX, SP, 0);
        emit_match_lit(e, fn->lits[o[0]], o[1], 8);
        break;
    case OPC_M_SLIT:
        x_load(a, RAX, FP, SLOTD(o[0]));
        emit_match_lit(e, fn->lits[o[1]], o[2], 0);
        break;
    case OPC_M_TUPLE:
        emit_match_tuple(e, o[0], o[1]);
        break;
    case OPC_M_CONS: {
        x_load(a, RAX, SP, 0);
        x_lea32(a, R11, RAX, -(int32_t)TAG_LIST);
        x_test32_imm(a, R11, TAG_MASK);
        size_t is_cons = x_jcc(a, CC_E);
        x_lea(a, SP, SP, 8);
        to_label(e, o[0]);
        x_bind(a, is_cons, a->len);
        x_load(a, RCX, RAX, -(int32_t)TAG_LIST);
        x_load(a, RDX, RAX, 8 - (int32_t)TAG_LIST);
        x_store(a, SP, 0, RDX);
        push_reg(e, RCX);
        break;
    }
    case OPC_M_NIL:
        x_load(a, RAX, SP, 0);
        x_lea(a, SP, SP, 8);
        cmp_imm(e, RAX, NIL);
        to_label_if(e, CC_NE, o[0]);
        break;
    case OPC_M_SCONS:
        x_load(a, RAX, FP, SLOTD(o[0]));
        x_lea32(a, R11, RAX, -(int32_t)TAG_LIST);
        x_test32_imm(a, R11, TAG_MASK);
        to_label_if(e, CC_NE, o[1]);
        x_load(a, RCX, RAX, -(int32_t)TAG_LIST);
        x_load(a, RDX, RAX, 8 - (int32_t)TAG_LIST);
        x_store(a, FP, SLOTD(o[2]), RCX);
        x_store(a, FP, SLOTD(o[3]), RDX);
        break;
    case OPC_M_SNIL:
        x_load(a, RAX, FP, SLOTD(o[0]));
        cmp_imm(e, RAX, NIL);
        to_label_if(e, CC_NE, o[1]);
        break;
    case OPC_TRY:
        x_load(a, RAX, H, HOFF(end));
        x_alu(a, ALU_SUB, RAX, FP);
        x_alu(a, ALU_ADD, RAX, RAX);
        x_alu_imm(a, ALU_OR, true, RAX, TAG_CP);
        push_reg(e, RAX);
        x_imm(a, RAX, cp_make((uintptr_t)fn));
        push_reg(e, RAX);
        x_imm(a, RAX, cp_catch(o[0]));
        push_reg(e, RAX);
        break;
    case OPC_M_MAP:
    case OPC_M_KEYV:
        jit_emit_op_c(e, 0);
        break;
    case OPC_M_KEY:
    case OPC_M_PREFIX:
    case OPC_M_LIST:
        jit_emit_op_c(e, 1);
        break;
    case OPC_M_BSTART:
    case OPC_M_BEND:
        jit_emit_op_c(e, 0);
        break;
    case OPC_M_BGET:
        jit_emit_op_c(e, 2);
        break;
    case OPC_BS_BUILD:
        jit_emit_op_c(e, -1);
        break;
    case OPC_DOT:
    case OPC_MAP:
    case OPC_MAP_PUT:
    case OPC_MAP_UPD:
    case OPC_TO_STR:
    case OPC_INTERP:
        jit_emit_op_c(e, -1);
        break;
    case OPC_TRY_END:
        x_load(a, RAX, SP, 0);
        x_lea(a, SP, SP, 24);
        x_store(a, SP, 0, RAX);
        break;
    default:
        bail(e);
        break;
    }
}

/* ---- one function ------------------------------------------------------- */

/* The exits: rcx = the ip, eax = the JIT_* code, back to the trampoline.
 * Consecutive stubs with the same exit share one. */
static void emit_stubs(Em *e)
{
    Asm *a = e->a;
    size_t last = SIZE_MAX;
    for (uint32_t i = 0; i < e->nstubs; i++) {
        const Stub *s = &e->stubs[i];
        if (i > 0 && last != SIZE_MAX && s->ip == e->stubs[i - 1].ip && s->kind == e->stubs[i - 1].kind) {
            x_bind(a, s->at, last);
            continue;
        }
        last = a->len;
        x_bind(a, s->at, last);
        x_imm(a, RCX, (uintptr_t)s->ip);
        x_imm(a, RAX, s->kind);
        x_ret(a);
    }
}

int jit_emit_fn(Asm *a, Fn *fn, uint32_t *off)
{
    /* Labels need every instruction's offset; entries from outside
     * (off[]) only those whose code does more than leave at once, so the
     * interpreter does not go through the trampoline for nothing. */
    uint32_t *bails = NULL;
    size_t bails_bytes = ((size_t)fn->ncode + 31) / 32 * sizeof(uint32_t);
    for (uint32_t w = 0; w <= fn->ncode; w++)
        off[w] = JIT_NOOFF;
    /* Frames bigger than a 32-bit displacement are the interpreter's. */
    if ((uint64_t)fn->nlocals + fn->max_stack + 64 > (1u << 24))
        return JIT_EMIT_NO;
    bails = mem_alloc(MEM_CODE, bails_bytes);
    if (bails == NULL)
        return JIT_EMIT_NO;
    memset(bails, 0, bails_bytes);
    Em e = {.a = a, .fn = fn};
    for (uint32_t pc = 0; pc < fn->ncode;) {
        uint32_t op = fn->code[pc];
        if (op >= OPC_COUNT || pc + 1 + vm_op_words[op] > fn->ncode) {
            mem_free(MEM_CODE, bails, bails_bytes);
            return JIT_EMIT_NO;
        }
        off[pc] = (uint32_t)a->len;
        e.pc = pc;
        e.next = fn->code + pc + 1 + vm_op_words[op];
        e.start = a->len;
        e.pure_bail = false;
        emit_op(&e, op, fn->code + pc + 1);
        if (e.pure_bail)
            bails[pc / 32] |= 1u << (pc % 32);
        pc += 1 + vm_op_words[op];
    }
    emit_stubs(&e);
    int rc = 0;
    for (uint32_t i = 0; i < e.nfixes; i++) {
        uint32_t pc = e.fixes[i].pc;
        if (pc >= fn->ncode || off[pc] == JIT_NOOFF) {
            rc = JIT_EMIT_NO;
            break;
        }
        x_bind(a, e.fixes[i].at, off[pc]);
    }
    for (uint32_t pc = 0; pc < fn->ncode; pc++)
        if (bails[pc / 32] & (1u << (pc % 32)))
            off[pc] = JIT_NOOFF;
    mem_free(MEM_CODE, bails, bails_bytes);
    if (e.stubs != NULL)
        mem_free(MEM_CODE, e.stubs, e.capstubs * sizeof *e.stubs);
    if (e.fixes != NULL)
        mem_free(MEM_CODE, e.fixes, e.capfixes * sizeof *e.fixes);
    if (rc == 0 && e.oom)
        rc = JIT_EMIT_NO;
    if (rc == 0 && a->oom)
        rc = JIT_EMIT_FULL;
    return rc;
}
