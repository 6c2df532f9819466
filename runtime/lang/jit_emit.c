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
#include <stddef.h>

#include "atom.h"
#include "jit_int.h"
#include "mem.h"
#include "vm_int.h"

enum { SP = RBX, FP = RBP, FN = R12, H = R13, P = R14, ST = R15 };

#define HOFF(f) ((int32_t)offsetof(Heap, f))
#define SOFF(f) ((int32_t)offsetof(JitState, f))
#define SLOTD(s) (-8 * (1 + (int32_t)(s)))

typedef struct Stub {
    size_t at;          /* rel32 to point at the stub              */
    const uint32_t *ip; /* the bytecode ip the exit hands back     */
    uint32_t kind;      /* JIT_CONT, JIT_ENTER, JIT_YIELD, JIT_RAISE */
} Stub;

typedef struct Fix {
    size_t at;   /* rel32 to point at the instruction at pc */
    uint32_t pc;
} Fix;

typedef struct Em {
    Asm *a;
    Fn *fn;
    uint32_t pc;            /* the instruction being compiled */
    const uint32_t *next;   /* the ip after it                */
    size_t start;           /* its first byte                 */
    bool pure_bail;         /* its code is only a bail        */
    Stub *stubs;
    uint32_t nstubs, capstubs;
    Fix *fixes;
    uint32_t nfixes, capfixes;
    bool oom;
} Em;

static void *grow(Em *e, void *arr, uint32_t n, uint32_t *cap, size_t elem)
{
    if (n < *cap)
        return arr;
    uint32_t ncap = *cap ? *cap * 2 : 64;
    void *m = mem_alloc(MEM_CODE, ncap * elem);
    if (m == NULL) {
        e->oom = true;
        return arr;
    }
    if (arr != NULL) {
        memcpy(m, arr, n * elem);
        mem_free(MEM_CODE, arr, *cap * elem);
    }
    *cap = ncap;
    return m;
}

static void stub(Em *e, size_t at, uint32_t kind, const uint32_t *ip)
{
    e->stubs = grow(e, e->stubs, e->nstubs, &e->capstubs, sizeof *e->stubs);
    if (e->nstubs < e->capstubs)
        e->stubs[e->nstubs++] = (Stub){at, ip, kind};
}

static void fix(Em *e, size_t at, uint32_t pc)
{
    e->fixes = grow(e, e->fixes, e->nfixes, &e->capfixes, sizeof *e->fixes);
    if (e->nfixes < e->capfixes)
        e->fixes[e->nfixes++] = (Fix){at, pc};
}

/* ---- building blocks ---------------------------------------------------- */

static const uint32_t *here_ip(const Em *e) { return e->fn->code + e->pc; }

/* Leave for the interpreter, which runs this instruction (all of it). */
static void bail_if(Em *e, int cc) { stub(e, x_jcc(e->a, cc), JIT_CONT, here_ip(e)); }
static void bail(Em *e)
{
    if (e->a->len == e->start)
        e->pure_bail = true;
    stub(e, x_jmp(e->a), JIT_CONT, here_ip(e));
}

static void to_label_if(Em *e, int cc, uint32_t pc) { fix(e, x_jcc(e->a, cc), pc); }
static void to_label(Em *e, uint32_t pc) { fix(e, x_jmp(e->a), pc); }

static void push_reg(Em *e, int r)
{
    x_store(e->a, SP, -8, r);
    x_lea(e->a, SP, SP, -8);
}

/* cmp r, v for any 64-bit v (r10 holds a v that needs more than 32 bits). */
static void cmp_imm(Em *e, int r, uint64_t v)
{
    if (fits_i32((int64_t)v)) {
        x_alu_imm(e->a, ALU_CMP, true, r, (int32_t)v);
    } else {
        x_imm(e->a, R10, v);
        x_alu(e->a, ALU_CMP, r, R10);
    }
}

/* Bails unless r holds a small integer (r11 is the scratch). */
static void check_small(Em *e, int r)
{
    x_lea32(e->a, R11, r, -(int32_t)TAG_SMALL);
    x_test32_imm(e->a, R11, TAG_MASK);
    bail_if(e, CC_NE);
}

/* Spends a reduction; leaves with JIT_YIELD at ip when none are left
 * (a count that reached zero or wrapped past 2^31, as SPEND_RED). */
static void spend_red(Em *e, const uint32_t *ip)
{
    x_alu_mem_imm(e->a, ALU_SUB, false, P, (int32_t)offsetof(Proc, reds_left), 1);
    stub(e, x_jcc(e->a, CC_LE), JIT_YIELD, ip);
}

/* Bails when vm.c would collect at a call: the GC-each-call policy, or
 * its inline wants_gc saying the heap wants a look. */
static void gc_checks(Em *e)
{
    Asm *a = e->a;
    x_alu_mem_imm(a, ALU_CMP, false, ST, SOFF(each_call), 0);
    bail_if(e, CC_NE);
    x_load(a, RAX, H, HOFF(frag_words));
    x_alu_rm(a, ALU_OR, RAX, H, HOFF(max_words));
    bail_if(e, CC_NE);
    x_alu_mem_imm(a, ALU_CMP, true, H, HOFF(bin_vheap_bytes), (int32_t)HEAP_VHEAP_MIN_BYTES);
    bail_if(e, CC_A);
    x_load(a, RAX, H, HOFF(stop));
    x_alu_rm(a, ALU_SUB, RAX, H, HOFF(htop));
    x_shift(a, SH_SHL, RAX, 3);
    x_load(a, RCX, H, HOFF(end));
    x_alu_rm(a, ALU_SUB, RCX, H, HOFF(start));
    x_alu(a, ALU_CMP, RAX, RCX);
    bail_if(e, CC_B);
}

/* Bails unless the words from `base_reg + disp` down to htop number at
 * least `words` (rax is the scratch). */
static void check_room(Em *e, int base_reg, int32_t disp, size_t words)
{
    x_lea(e->a, RAX, base_reg, disp);
    x_alu_rm(e->a, ALU_SUB, RAX, H, HOFF(htop));
    cmp_imm(e, RAX, (uint64_t)words * 8);
    bail_if(e, CC_B);
}

/* rax = `words` fresh heap words (heap_alloc's fast path), or bail. */
static void alloc(Em *e, uint32_t words)
{
    Asm *a = e->a;
    x_load(a, RAX, H, HOFF(htop));
    x_load(a, RCX, H, HOFF(stop));
    x_alu(a, ALU_SUB, RCX, RAX);
    cmp_imm(e, RCX, (uint64_t)words * 8);
    bail_if(e, CC_B);
    x_lea(a, RCX, RAX, (int32_t)words * 8);
    x_store(a, H, HOFF(htop), RCX);
}

/* h->stop = fp - callee's oplimit_words (OPLIMIT). */
static void oplimit_static(Em *e, const Fn *callee)
{
    x_lea(e->a, RAX, FP, -8 * (int32_t)callee->oplimit_words);
    x_store(e->a, H, HOFF(stop), RAX);
}

/* Pushes NIL for the locals a callee has beyond its n arguments, then the
 * return info words rfn, rpc, rfp from registers (vm.c's frame order). */
static void push_frame(Em *e, uint32_t nils, int rfn, int rpc, int rfp)
{
    Asm *a = e->a;
    int32_t base = -8 * (int32_t)nils;
    if (nils > 0) {
        x_imm(a, R10, NIL);
        for (uint32_t j = 0; j < nils; j++)
            x_store(a, SP, -8 * (int32_t)(j + 1), R10);
    }
    x_store(a, SP, base - 8, rfn);
    x_store(a, SP, base - 16, rpc);
    x_store(a, SP, base - 24, rfp);
    x_lea(a, SP, SP, base - 24);
}

/* Jumps to callee's native code at pc 0 (fn already holds callee), or
 * leaves with JIT_ENTER when it has none yet. */
static void enter_fn(Em *e, const Fn *callee)
{
    Asm *a = e->a;
    if (callee == e->fn) {
        to_label(e, 0);
        return;
    }
    x_load(a, RAX, FN, (int32_t)offsetof(Fn, jit));
    x_alu_imm(a, ALU_CMP, true, RAX, 1);
    stub(e, x_jcc(a, CC_BE), JIT_ENTER, callee->code);
    x_load(a, RAX, RAX, (int32_t)offsetof(JitCode, entry));
    x_jmp_reg(a, RAX);
}

/* The local function a CALL/TCALL/MKFUN names, when the module has it. */
static Fn *local_fn(const Fn *fn, uint32_t idx)
{
    Module *m = fn->mod;
    return m != NULL && idx < m->nfns ? m->fns[idx] : NULL;
}

/* ---- arithmetic and comparison ------------------------------------------ */

/* rdx = rax op b, b being rcx or (kconst) the small integer k. Bails
 * unless both are small integers and the result is one: +, - and * on
 * tagged words (value << 3 | 2), where x86's overflow flag is exactly
 * "does not fit in 61 bits". Other operators always bail. */
static void emit_arith(Em *e, unsigned op, bool kconst, Term k)
{
    Asm *a = e->a;
    if (op != VA_ADD && op != VA_SUB && op != VA_MUL) {
        bail(e);
        return;
    }
    check_small(e, RAX);
    if (!kconst)
        check_small(e, RCX);
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
        bail_if(e, CC_O);
        break;
    case VA_SUB:
        if (kconst) {
            x_alu_imm(a, ALU_SUB, true, RDX, (int32_t)kk);
            bail_if(e, CC_O);
        } else {
            x_alu(a, ALU_SUB, RDX, RCX);
            bail_if(e, CC_O);
            x_alu_imm(a, ALU_ADD, true, RDX, TAG_SMALL);
        }
        break;
    default: /* VA_MUL */
        x_shift(a, SH_SAR, RDX, TAG_BITS);
        if (kconst)
            x_imm(a, R8, (uint64_t)kk);
        else
            x_lea(a, R8, RCX, -(int32_t)TAG_SMALL);
        x_imul(a, RDX, R8);
        bail_if(e, CC_O);
        x_alu_imm(a, ALU_ADD, true, RDX, TAG_SMALL);
        break;
    }
}

/* Whether k can be folded into emit_arith as an immediate. */
static bool arith_const(Term k) { return is_small(k) && fits_i32((int64_t)k - TAG_SMALL); }

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

/* How an equality test treats two different words. */
enum {
    DIFF_FINAL = 0, /* different terms, no more to check          */
    DIFF_RAX = 1,   /* bail unless rax is an immediate             */
    DIFF_BOTH = 2,  /* bail unless rax and rcx are immediates      */
    DIFF_BAIL = 3,  /* only a deep compare can tell: always bail   */
};

/* After `cmp rax, b`: continues at the next instruction when "equal" is
 * `want_eq`, else jumps to label l; pops `pop` bytes on both ways. Two
 * equal words are equal terms; two different immediates are different
 * terms (is_immediate); anything else is vm.c's. */
static void eq_branch(Em *e, bool want_eq, uint32_t l, int32_t pop, int diff)
{
    Asm *a = e->a;
    size_t same = x_jcc(a, CC_E), done = SIZE_MAX;
    if (diff == DIFF_BAIL) {
        bail(e);
    } else {
        if (diff >= DIFF_RAX) {
            x_test32_imm(a, RAX, TAG_MASK - 1);
            bail_if(e, CC_E);
        }
        if (diff == DIFF_BOTH) {
            x_test32_imm(a, RCX, TAG_MASK - 1);
            bail_if(e, CC_E);
        }
        if (pop)
            x_lea(a, SP, SP, pop);
        if (want_eq)
            to_label(e, l);
        else
            done = x_jmp(a);
    }
    x_bind(a, same, a->len);
    if (pop)
        x_lea(a, SP, SP, pop);
    if (!want_eq)
        to_label(e, l);
    if (done != SIZE_MAX)
        x_bind(a, done, a->len);
}

/* ---- instructions ------------------------------------------------------- */

static void emit_call(Em *e, const uint32_t *o)
{
    Asm *a = e->a;
    Fn *callee = local_fn(e->fn, o[0]);
    uint32_t n = o[1];
    if (callee == NULL || callee->nlocals < n || callee->nfree != 0) {
        bail(e);
        return;
    }
    x_mov(a, RAX, SP);
    x_alu_rm(a, ALU_SUB, RAX, H, HOFF(htop));
    cmp_imm(e, RAX, (uint64_t)callee->frame_words * 8);
    bail_if(e, CC_B);
    gc_checks(e);
    x_lea(a, RDX, SP, 8 * (int32_t)n); /* the callee's fp */
    x_imm(a, RCX, cp_make((uintptr_t)e->fn));
    x_imm(a, R8, cp_make((uintptr_t)e->next));
    x_load(a, R9, H, HOFF(end)); /* cp_make(end - fp in words) */
    x_alu(a, ALU_SUB, R9, FP);
    x_alu(a, ALU_ADD, R9, R9);
    x_alu_imm(a, ALU_OR, true, R9, TAG_CP);
    push_frame(e, callee->nlocals - n, RCX, R8, R9);
    x_mov(a, FP, RDX);
    x_imm(a, FN, (uintptr_t)callee);
    oplimit_static(e, callee);
    spend_red(e, callee->code);
    enter_fn(e, callee);
}

static void emit_tcall(Em *e, const uint32_t *o)
{
    Asm *a = e->a;
    Fn *fn = e->fn, *callee = local_fn(fn, o[0]);
    uint32_t n = o[1];
    if (callee == NULL || callee->nlocals < n || callee->nfree != 0 || fn->nlocals < n) {
        bail(e);
        return;
    }
    if (callee == fn) {
        /* A loop: new arguments into the frame, nothing else changes. */
        int32_t sp_off = -8 * (int32_t)(fn->nlocals + 3);
        check_room(e, FP, sp_off, (size_t)fn->nlocals + 3 + fn->max_stack + 8);
        gc_checks(e);
        for (uint32_t i = 0; i < n; i++) {
            x_load(a, RAX, SP, 8 * (int32_t)(n - 1 - i));
            x_store(a, FP, SLOTD(i), RAX);
        }
        x_lea(a, SP, FP, sp_off);
        spend_red(e, fn->code);
        to_label(e, 0);
        return;
    }
    check_room(e, FP, -8 * (int32_t)n, callee->frame_words);
    gc_checks(e);
    int32_t ri = -8 * (int32_t)fn->nlocals; /* this frame's return info */
    x_load(a, RCX, FP, ri - 8);
    x_load(a, RDX, FP, ri - 16);
    x_load(a, R8, FP, ri - 24);
    for (uint32_t i = 0; i < n; i++) {
        x_load(a, RAX, SP, 8 * (int32_t)(n - 1 - i));
        x_store(a, FP, SLOTD(i), RAX);
    }
    x_lea(a, SP, FP, -8 * (int32_t)n);
    push_frame(e, callee->nlocals - n, RCX, RDX, R8);
    x_imm(a, FN, (uintptr_t)callee);
    oplimit_static(e, callee);
    spend_red(e, callee->code);
    enter_fn(e, callee);
}

/* Return with the value in rax (RET, RET_S). */
static void emit_ret(Em *e)
{
    Asm *a = e->a;
    int32_t ri = -8 * (int32_t)e->fn->nlocals;
    x_load(a, RCX, FP, ri - 8);
    x_shift(a, SH_SHR, RCX, 4);
    x_test(a, RCX, RCX);
    bail_if(e, CC_E); /* the bootstrap frame: vm.c halts */
    x_load(a, RDX, FP, ri - 16);
    x_shift(a, SH_SHR, RDX, 4);
    x_load(a, R8, FP, ri - 24);
    x_shift(a, SH_SHR, R8, 4);
    x_lea(a, SP, FP, -8);
    x_store(a, SP, 0, RAX);
    x_mov(a, FN, RCX);
    x_load(a, FP, H, HOFF(end));
    x_shift(a, SH_SHL, R8, 3);
    x_alu(a, ALU_SUB, FP, R8);
    x_load32(a, RAX, FN, (int32_t)offsetof(Fn, oplimit_words));
    x_shift(a, SH_SHL, RAX, 3);
    x_mov(a, R8, FP);
    x_alu(a, ALU_SUB, R8, RAX);
    x_store(a, H, HOFF(stop), R8);
    /* Into the caller's native code at the return ip, when it has some. */
    x_load(a, RAX, FN, (int32_t)offsetof(Fn, jit));
    x_alu_imm(a, ALU_CMP, true, RAX, 1);
    size_t none = x_jcc(a, CC_BE);
    x_mov(a, R9, RDX);
    x_alu_rm(a, ALU_SUB, R9, FN, (int32_t)offsetof(Fn, code));
    x_shift(a, SH_SHR, R9, 2);
    x_load_idx(a, false, R9, RAX, R9, 4, (int32_t)offsetof(JitCode, off));
    x_alu_imm(a, ALU_CMP, false, R9, -1);
    size_t nooff = x_jcc(a, CC_E);
    x_alu_rm(a, ALU_ADD, R9, RAX, (int32_t)offsetof(JitCode, entry));
    x_jmp_reg(a, R9);
    x_bind(a, none, a->len);
    x_bind(a, nooff, a->len);
    x_mov(a, RCX, RDX);
    x_imm(a, RAX, JIT_ENTER);
    x_ret(a);
}

/* A builtin call: arguments into st->argv, b(p, argv); NONE means it
 * raised: leave with JIT_RAISE past the instruction (guard builtins
 * instead bail, and vm.c runs them again: they have no effects). */
static void emit_bif(Em *e, const uint32_t *o, bool guard)
{
    Asm *a = e->a;
    const BifDef *b = o[0] < e->fn->nbifs ? e->fn->bifs[o[0]] : NULL;
    uint32_t n = o[1];
    if (b == NULL || n > 255) {
        bail(e);
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        x_load(a, RAX, SP, 8 * (int32_t)(n - 1 - i));
        x_store(a, ST, SOFF(argv) + 8 * (int32_t)i, RAX);
    }
    x_mov(a, RDI, P);
    x_lea(a, RSI, ST, SOFF(argv));
    x_imm(a, RAX, (uintptr_t)b->fn);
    x_alu_imm(a, ALU_SUB, true, RSP, 8);
    x_call_reg(a, RAX);
    x_alu_imm(a, ALU_ADD, true, RSP, 8);
    x_test(a, RAX, RAX); /* NONE */
    if (guard)
        bail_if(e, CC_E);
    else
        stub(e, x_jcc(a, CC_E), JIT_RAISE, e->next);
    x_lea(a, SP, SP, 8 * (int32_t)n - 8);
    x_store(a, SP, 0, RAX);
}

/* CALLR/TCALLR (remote) and CALLF/TCALLF through jit_call.c: the
 * registers go to st and come back, and its answer (JC_*) says where
 * to go on. */
static void emit_call_c(Em *e, bool remote, CallSite *cs, uint32_t n, bool tail)
{
    Asm *a = e->a;
    x_store(a, ST, SOFF(sp), SP);
    x_store(a, ST, SOFF(fp), FP);
    x_store(a, ST, SOFF(fn), FN);
    x_mov(a, RDI, ST);
    if (remote) {
        x_imm(a, RSI, (uintptr_t)cs);
        x_imm(a, RDX, n);
        x_imm(a, RCX, (uintptr_t)e->next);
        x_imm(a, R8, tail);
        x_imm(a, RAX, (uintptr_t)jit_call_remote);
    } else {
        x_imm(a, RSI, n);
        x_imm(a, RDX, (uintptr_t)e->next);
        x_imm(a, RCX, tail);
        x_imm(a, RAX, (uintptr_t)jit_call_fun);
    }
    x_alu_imm(a, ALU_SUB, true, RSP, 8);
    x_call_reg(a, RAX);
    x_alu_imm(a, ALU_ADD, true, RSP, 8);
    x_load(a, SP, ST, SOFF(sp));
    x_load(a, FP, ST, SOFF(fp));
    x_load(a, FN, ST, SOFF(fn));
    x_alu_imm(a, ALU_CMP, false, RAX, JC_NEXT);
    size_t next = x_jcc(a, CC_E);
    x_alu_imm(a, ALU_CMP, false, RAX, JC_BAIL);
    bail_if(e, CC_E);
    x_alu_imm(a, ALU_CMP, false, RAX, JC_JUMP);
    size_t not_jump = x_jcc(a, CC_NE);
    x_load(a, RAX, ST, SOFF(target));
    x_jmp_reg(a, RAX);
    x_bind(a, not_jump, a->len);
    if (tail) {
        x_alu_imm(a, ALU_CMP, false, RAX, JC_RETURN);
        size_t not_ret = x_jcc(a, CC_NE);
        x_load(a, RAX, SP, 0);
        emit_ret(e);
        x_bind(a, not_ret, a->len);
    }
    x_load(a, RCX, ST, SOFF(ip));
    x_load32(a, RAX, ST, SOFF(exit));
    x_ret(a);
    x_bind(a, next, a->len);
}

static void emit_cmp_value(Em *e, unsigned op)
{
    Asm *a = e->a;
    x_load(a, RAX, SP, 8);
    x_load(a, RCX, SP, 0);
    if (!cmp_is_eq(op)) {
        check_small(e, RAX);
        check_small(e, RCX);
        x_imm(a, RDX, A(false));
        x_imm(a, R8, A(true));
        x_alu(a, ALU_CMP, RAX, RCX);
        x_cmov(a, cmp_cc(op), RDX, R8);
    } else {
        bool same_true = cmp_wants_same(op);
        x_imm(a, RDX, same_true ? A(true) : A(false));
        x_alu(a, ALU_CMP, RAX, RCX);
        size_t same = x_jcc(a, CC_E);
        x_test32_imm(a, RAX, TAG_MASK - 1);
        bail_if(e, CC_E);
        x_test32_imm(a, RCX, TAG_MASK - 1);
        bail_if(e, CC_E);
        x_imm(a, RDX, same_true ? A(false) : A(true));
        x_bind(a, same, a->len);
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
        if (lit && !is_small(k)) {
            bail(e);
            return;
        }
        check_small(e, RAX);
        if (!lit)
            check_small(e, RCX);
        if (pop)
            x_lea(a, SP, SP, pop);
        if (lit)
            cmp_imm(e, RAX, k);
        else
            x_alu(a, ALU_CMP, RAX, RCX);
        to_label_if(e, cmp_cc(op) ^ 1, l);
        return;
    }
    int diff = DIFF_BOTH;
    if (lit) {
        cmp_imm(e, RAX, k);
        /* ==/!= against a small integer: a float may still equal it. */
        if (!is_immediate(k))
            diff = DIFF_BAIL;
        else if (is_small(k) && (op == VC_EQ || op == VC_NE))
            diff = DIFF_RAX;
        else
            diff = DIFF_FINAL;
    } else {
        x_alu(a, ALU_CMP, RAX, RCX);
    }
    eq_branch(e, cmp_wants_same(op), l, pop, diff);
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
     * does; another boxed term needs term_eq_exact (vm.c). */
    cmp_imm(e, RAX, k);
    eq_branch(e, true, l, pop, DIFF_RAX);
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
        if (!is_small(k)) {
            bail(e);
            break;
        }
        if (op == OPC_ARITH_SK)
            x_load(a, RAX, FP, SLOTD(o[1]));
        else
            x_load(a, RAX, SP, 0);
        bool kc = arith_const(k);
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
        emit_call(e, o);
        break;
    case OPC_TCALL:
        emit_tcall(e, o);
        break;
    case OPC_CALLR:
    case OPC_TCALLR:
        if (o[0] >= fn->nsites)
            bail(e);
        else
            emit_call_c(e, true, &fn->sites[o[0]], o[1], op == OPC_TCALLR);
        break;
    case OPC_CALLF:
    case OPC_TCALLF:
        emit_call_c(e, false, NULL, o[0], op == OPC_TCALLF);
        break;
    case OPC_BIF:
        emit_bif(e, o, false);
        break;
    case OPC_GBIF:
        emit_bif(e, o, true);
        break;
    case OPC_MKFUN:
        emit_mkfun(e, o);
        break;
    case OPC_RET:
        x_load(a, RAX, SP, 0);
        emit_ret(e);
        break;
    case OPC_RET_S:
        x_load(a, RAX, FP, SLOTD(o[0]));
        emit_ret(e);
        break;
    case OPC_DROPTO:
        x_lea(a, SP, FP, -8 * (int32_t)(fn->nlocals + 3 + o[0]));
        break;
    case OPC_M_EQ:
        x_load(a, RAX, SP, 8);
        x_load(a, RCX, SP, 0);
        x_alu(a, ALU_CMP, RAX, RCX);
        eq_branch(e, true, o[0], 16, DIFF_BOTH);
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
