/* jit_emit.h — private to jit_emit.c and jit_emit_call.c: the compile
 * state of one function and the building blocks every instruction's
 * code is made of (jit_emit.c's header says how they fit together). */
#ifndef MOTE_JIT_EMIT_H
#define MOTE_JIT_EMIT_H

#include <stddef.h>
#include <string.h>

#include "jit_int.h"
#include "mem.h"
#include "vm_int.h"

enum { SP = RBX, FP = RBP, FN = R12, H = R13, P = R14, RED = R15 };

#define HOFF(f) ((int32_t)offsetof(Heap, f))
#define SOFF(f) ((int32_t)offsetof(JitState, f))
#define POFF_REDS ((int32_t)offsetof(Proc, reds_left))

/* r = the JitState (the trampoline keeps it at [rsp+8]). */
static inline void load_st(Asm *a, int r) { x_load(a, r, RSP, 8); }
/* The reduction count back to the process before C runs (it may spend
 * or zero it, and vm.c reads it), and from it after. */
static inline void reds_out(Asm *a) { x_op_rm(a, 0x89, false, RED, P, POFF_REDS); }
static inline void reds_in(Asm *a) { x_load32(a, RED, P, POFF_REDS); }
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

static inline void *grow(Em *e, void *arr, uint32_t n, uint32_t *cap, size_t elem)
{
    if (n < *cap)
        return arr;
    uint32_t ncap = *cap ? *cap * 2 : 64;
    void *m = mem_realloc(MEM_CODE, arr, *cap * elem, ncap * elem);
    if (m == NULL) {
        e->oom = true;
        return arr;
    }
    *cap = ncap;
    return m;
}

static inline void stub(Em *e, size_t at, uint32_t kind, const uint32_t *ip)
{
    e->stubs = grow(e, e->stubs, e->nstubs, &e->capstubs, sizeof *e->stubs);
    if (e->nstubs < e->capstubs)
        e->stubs[e->nstubs++] = (Stub){at, ip, kind};
}

static inline void fix(Em *e, size_t at, uint32_t pc)
{
    e->fixes = grow(e, e->fixes, e->nfixes, &e->capfixes, sizeof *e->fixes);
    if (e->nfixes < e->capfixes)
        e->fixes[e->nfixes++] = (Fix){at, pc};
}

/* ---- building blocks ---------------------------------------------------- */

static inline const uint32_t *here_ip(const Em *e) { return e->fn->code + e->pc; }

/* Leave for the interpreter, which runs this instruction (all of it). */
static inline void bail_if(Em *e, int cc) { stub(e, x_jcc(e->a, cc), JIT_CONT, here_ip(e)); }
static inline void bail(Em *e)
{
    if (e->a->len == e->start)
        e->pure_bail = true;
    stub(e, x_jmp(e->a), JIT_CONT, here_ip(e));
}

static inline void to_label_if(Em *e, int cc, uint32_t pc) { fix(e, x_jcc(e->a, cc), pc); }
static inline void to_label(Em *e, uint32_t pc) { fix(e, x_jmp(e->a), pc); }

static inline void push_reg(Em *e, int r)
{
    x_store(e->a, SP, -8, r);
    x_lea(e->a, SP, SP, -8);
}

/* cmp r, v for any 64-bit v (r10 holds a v that needs more than 32 bits). */
static inline void cmp_imm(Em *e, int r, uint64_t v)
{
    if (fits_i32((int64_t)v)) {
        x_alu_imm(e->a, ALU_CMP, true, r, (int32_t)v);
    } else {
        x_imm(e->a, R10, v);
        x_alu(e->a, ALU_CMP, r, R10);
    }
}

/* Bails unless r holds a small integer (r11 is the scratch). */
static inline void check_small(Em *e, int r)
{
    x_lea32(e->a, R11, r, -(int32_t)TAG_SMALL);
    x_test32_imm(e->a, R11, TAG_MASK);
    bail_if(e, CC_NE);
}

/* Spends a reduction; leaves with JIT_YIELD at ip when none are left
 * (a count that reached zero or wrapped past 2^31, as SPEND_RED). */
static inline void spend_red(Em *e, const uint32_t *ip)
{
    x_alu_imm(e->a, ALU_SUB, false, RED, 1);
    stub(e, x_jcc(e->a, CC_LE), JIT_YIELD, ip);
}

/* Calls a C function whose arguments are already in rdi, rsi, rdx, rcx
 * (r11 holds its address); the result is in rax. Only the pinned
 * registers survive it. */
static inline void call_c(Em *e, const void *fn)
{
    x_imm(e->a, R11, (uintptr_t)fn);
    reds_out(e->a);
    x_alu_imm(e->a, ALU_SUB, true, RSP, 8);
    x_call_reg(e->a, R11);
    x_alu_imm(e->a, ALU_ADD, true, RSP, 8);
    reds_in(e->a);
}

/* Bails when vm.c would collect at a call: the GC-each-call policy, or
 * its inline wants_gc saying the heap wants a look. */
static inline void gc_checks(Em *e)
{
    Asm *a = e->a;
    load_st(a, R11);
    x_alu_mem_imm(a, ALU_CMP, false, R11, SOFF(each_call), 0);
    bail_if(e, CC_NE);
    /* The heap's own test on about one call in 16 (the reduction count,
     * which calls and backward jumps lower, says which): a collection
     * may come later than vm.c's would, at worst at the end of the
     * slice (vm_run tests the heap on every resume), which no program
     * can tell, and calls cost less. The heap cannot overflow meanwhile:
     * native allocation never goes past heap.stop, and what does
     * (fragments) happens in vm.c, whose own calls test every time. */
    x_test32_imm(a, RED, 15);
    size_t skip = x_jcc(a, CC_NE);
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
    x_bind(a, skip, a->len);
}

/* Bails unless the words from `base_reg + disp` down to htop number at
 * least `words` (rax is the scratch). */
static inline void check_room(Em *e, int base_reg, int32_t disp, size_t words)
{
    x_lea(e->a, RAX, base_reg, disp);
    x_alu_rm(e->a, ALU_SUB, RAX, H, HOFF(htop));
    cmp_imm(e, RAX, (uint64_t)words * 8);
    bail_if(e, CC_B);
}

/* rax = `words` fresh heap words (heap_alloc's fast path), or bail. */
static inline void alloc(Em *e, uint32_t words)
{
    Asm *a = e->a;
    x_load(a, RAX, H, HOFF(htop));
    x_load(a, RCX, H, HOFF(stop));
    x_alu(a, ALU_SUB, RCX, RAX);
    cmp_imm(e, RCX, (uint64_t)words * 8);
    bail_if(e, CC_L); /* signed, as heap_alloc's test */
    x_lea(a, RCX, RAX, (int32_t)words * 8);
    x_store(a, H, HOFF(htop), RCX);
}

/* h->stop = fp - callee's oplimit_words (OPLIMIT). */
static inline void oplimit_static(Em *e, const Fn *callee)
{
    x_lea(e->a, RAX, FP, -8 * (int32_t)callee->oplimit_words);
    x_store(e->a, H, HOFF(stop), RAX);
}

/* Pushes NIL for the locals a callee has beyond its n arguments, then the
 * return info words rfn, rpc, rfp from registers (vm.c's frame order). */
static inline void push_frame(Em *e, uint32_t nils, int rfn, int rpc, int rfp)
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
static inline void enter_fn(Em *e, const Fn *callee)
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
static inline Fn *local_fn(const Fn *fn, uint32_t idx)
{
    Module *m = fn->mod;
    return m != NULL && idx < m->nfns ? m->fns[idx] : NULL;
}

/* ---- calls, returns, builtins (jit_emit_call.c) ------------------------- */

void jit_emit_call(Em *e, const uint32_t *o);
void jit_emit_tcall(Em *e, const uint32_t *o);
/* Return with the value in rax (RET, RET_S). */
void jit_emit_ret(Em *e);
void jit_emit_bif(Em *e, const uint32_t *o, bool guard);
void jit_emit_call_c(Em *e, bool remote, CallSite *cs, uint32_t n, bool tail);
/* The instruction through jit_op_c; label: which operand is its label
 * for JC_BRANCH (-1: none). */
void jit_emit_op_c(Em *e, int label);

#endif
