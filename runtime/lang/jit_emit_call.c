/* jit_emit_call.c — native code for calls, returns and builtins
 * (jit_emit.h): local calls and self tail calls build the frame inline,
 * as vm.c's CALL fast path does; remote and fun calls go through
 * jit_call.c; a return jumps into the caller's native code at its
 * return ip when the caller has some. */
#include "jit_emit.h"

void jit_emit_call(Em *e, const uint32_t *o)
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

void jit_emit_tcall(Em *e, const uint32_t *o)
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

void jit_emit_ret(Em *e)
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
    /* The caller's limit may now be under htop (vm.c's OPLIMIT_AGAIN):
     * then vm.c collects before going on. */
    x_alu_rm(a, ALU_CMP, R8, H, HOFF(htop));
    size_t low = x_jcc(a, CC_B);
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
    x_bind(a, low, a->len);
    x_mov(a, RCX, RDX);
    x_imm(a, RAX, JIT_ENTER);
    x_ret(a);
}

/* A builtin call: arguments into st->argv, b(p, argv); NONE means it
 * raised: leave with JIT_RAISE past the instruction (guard builtins
 * instead bail, and vm.c runs them again: they have no effects). */
void jit_emit_bif(Em *e, const uint32_t *o, bool guard)
{
    Asm *a = e->a;
    const BifDef *b = o[0] < e->fn->nbifs ? e->fn->bifs[o[0]] : NULL;
    uint32_t n = o[1];
    if (b == NULL || n > 255) {
        bail(e);
        return;
    }
    load_st(a, R11);
    for (uint32_t i = 0; i < n; i++) {
        x_load(a, RAX, SP, 8 * (int32_t)(n - 1 - i));
        x_store(a, R11, SOFF(argv) + 8 * (int32_t)i, RAX);
    }
    x_mov(a, RDI, P);
    x_lea(a, RSI, R11, SOFF(argv));
    call_c(e, (const void *)b->fn);
    x_test(a, RAX, RAX); /* NONE */
    if (guard)
        bail_if(e, CC_E);
    else
        stub(e, x_jcc(a, CC_E), JIT_RAISE, e->next);
    x_lea(a, SP, SP, 8 * (int32_t)n - 8);
    x_store(a, SP, 0, RAX);
}

/* After a jit_call.c helper (its JC_* answer in eax, st back in r11):
 * leaves for vm.c on JC_BAIL, and returns the jump JC_NEXT takes, for
 * answer_exit to bind. */
static size_t answer_next_or_bail(Em *e)
{
    Asm *a = e->a;
    x_alu_imm(a, ALU_CMP, false, RAX, JC_NEXT);
    size_t next = x_jcc(a, CC_E);
    x_alu_imm(a, ALU_CMP, false, RAX, JC_BAIL);
    bail_if(e, CC_E);
    return next;
}

/* JC_EXIT: leaves native code with st->exit at st->ip (r11 holds st);
 * then the next instruction's code begins, where `next` jumps. */
static void answer_exit(Em *e, size_t next)
{
    Asm *a = e->a;
    x_load(a, RCX, R11, SOFF(ip));
    x_load32(a, RAX, R11, SOFF(exit));
    x_ret(a);
    x_bind(a, next, a->len);
}

/* CALLR/TCALLR (remote) and CALLF/TCALLF through jit_call.c: the
 * registers go to st and come back, and its answer (JC_*) says where
 * to go on. */
void jit_emit_call_c(Em *e, bool remote, CallSite *cs, uint32_t n, bool tail)
{
    Asm *a = e->a;
    load_st(a, RDI);
    x_store(a, RDI, SOFF(sp), SP);
    x_store(a, RDI, SOFF(fp), FP);
    x_store(a, RDI, SOFF(fn), FN);
    if (remote) {
        x_imm(a, RSI, (uintptr_t)cs);
        x_imm(a, RDX, n);
        x_imm(a, RCX, (uintptr_t)e->next);
        x_imm(a, R8, tail);
        call_c(e, (const void *)jit_call_remote);
    } else {
        x_imm(a, RSI, n);
        x_imm(a, RDX, (uintptr_t)e->next);
        x_imm(a, RCX, tail);
        call_c(e, (const void *)jit_call_fun);
    }
    load_st(a, R11);
    x_load(a, SP, R11, SOFF(sp));
    x_load(a, FP, R11, SOFF(fp));
    x_load(a, FN, R11, SOFF(fn));
    size_t next = answer_next_or_bail(e);
    x_alu_imm(a, ALU_CMP, false, RAX, JC_JUMP);
    size_t not_jump = x_jcc(a, CC_NE);
    x_load(a, RAX, R11, SOFF(target));
    x_jmp_reg(a, RAX);
    x_bind(a, not_jump, a->len);
    if (tail) {
        /* A builtin in tail position: return its value. jit_emit_ret's
         * bail (the bootstrap frame) would run the builtin twice, but it
         * cannot be taken: call_bif answers JC_BAIL, before calling, for
         * that frame. */
        x_alu_imm(a, ALU_CMP, false, RAX, JC_RETURN);
        size_t not_ret = x_jcc(a, CC_NE);
        x_load(a, RAX, SP, 0);
        jit_emit_ret(e);
        x_bind(a, not_ret, a->len);
        load_st(a, R11); /* jit_emit_ret's code before the bind used it */
    }
    answer_exit(e, next);
}

void jit_emit_op_c(Em *e, int label)
{
    Asm *a = e->a;
    load_st(a, RDI);
    x_store(a, RDI, SOFF(sp), SP);
    x_store(a, RDI, SOFF(fn), FN);
    x_imm(a, RSI, (uintptr_t)(e->fn->code + e->pc));
    call_c(e, (const void *)jit_op_c);
    load_st(a, R11);
    x_load(a, SP, R11, SOFF(sp));
    size_t next = answer_next_or_bail(e);
    if (label >= 0) {
        x_alu_imm(a, ALU_CMP, false, RAX, JC_BRANCH);
        to_label_if(e, CC_E, e->fn->code[e->pc + 1 + (uint32_t)label]);
    }
    answer_exit(e, next);
}
