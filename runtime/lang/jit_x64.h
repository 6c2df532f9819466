/* jit_x64.h — the few x86-64 instruction forms the JIT emits (jit.c).
 *
 * An Asm is a growing byte buffer; every emitter appends one instruction.
 * Memory operands are always [base + disp] or [base + index*scale + disp]
 * with 64-bit registers; the encoder picks the short displacement forms
 * and adds the SIB byte rsp/r12 need and the displacement rbp/r13 need.
 * Encodings follow the Intel SDM, volume 2. Private to jit.c.
 */
#ifndef MOTE_JIT_X64_H
#define MOTE_JIT_X64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
    RAX = 0, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
    R8, R9, R10, R11, R12, R13, R14, R15,
};

/* Condition codes (the low nibble of Jcc / CMOVcc). */
enum {
    CC_O = 0x0, CC_NO = 0x1, CC_B = 0x2, CC_AE = 0x3, CC_E = 0x4, CC_NE = 0x5,
    CC_BE = 0x6, CC_A = 0x7, CC_S = 0x8, CC_NS = 0x9, CC_L = 0xC, CC_GE = 0xD,
    CC_LE = 0xE, CC_G = 0xF,
};

/* Group-1 arithmetic (the /digit of 0x81/0x83 and the base opcode of the
 * register forms is digit * 8 + 1). */
enum { ALU_ADD = 0, ALU_OR = 1, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7 };

typedef struct Asm {
    uint8_t *buf;
    size_t len, cap;
    bool oom;
} Asm;

static inline bool fits_i8(int64_t v) { return v >= -128 && v <= 127; }
static inline bool fits_i32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

static inline void x_byte(Asm *a, uint8_t b)
{
    if (a->len < a->cap)
        a->buf[a->len] = b;
    else
        a->oom = true;
    a->len++;
}

static inline void x_u32(Asm *a, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        x_byte(a, (uint8_t)(v >> (8 * i)));
}

static inline void x_u64(Asm *a, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        x_byte(a, (uint8_t)(v >> (8 * i)));
}

/* Writes v over the four bytes at pos (a rel32 fixed up later). */
static inline void x_patch32(Asm *a, size_t pos, uint32_t v)
{
    if (pos + 4 <= a->cap)
        memcpy(a->buf + pos, &v, 4);
}

/* REX prefix; omitted when it would be a bare 0x40. */
static inline void x_rex(Asm *a, bool w, int reg, int index, int base)
{
    uint8_t r = (uint8_t)(0x40 | (w ? 8 : 0) | ((reg & 8) >> 1) | ((index & 8) >> 2) | ((base & 8) >> 3));
    if (r != 0x40)
        x_byte(a, r);
}

/* ModRM (+SIB, +disp) for [base + disp] with reg in the reg field. */
static inline void x_mem(Asm *a, int reg, int base, int32_t disp)
{
    int mod = disp == 0 && (base & 7) != RBP ? 0 : fits_i8(disp) ? 1 : 2;
    x_byte(a, (uint8_t)(mod << 6 | (reg & 7) << 3 | (base & 7)));
    if ((base & 7) == RSP)
        x_byte(a, 0x24);
    if (mod == 1)
        x_byte(a, (uint8_t)disp);
    else if (mod == 2)
        x_u32(a, (uint32_t)disp);
}

/* ModRM + SIB for [base + index*scale + disp]; index must not be rsp. */
static inline void x_mem_idx(Asm *a, int reg, int base, int index, int scale, int32_t disp)
{
    int ss = scale == 8 ? 3 : scale == 4 ? 2 : scale == 2 ? 1 : 0;
    int mod = disp == 0 && (base & 7) != RBP ? 0 : fits_i8(disp) ? 1 : 2;
    x_byte(a, (uint8_t)(mod << 6 | (reg & 7) << 3 | 4));
    x_byte(a, (uint8_t)(ss << 6 | (index & 7) << 3 | (base & 7)));
    if (mod == 1)
        x_byte(a, (uint8_t)disp);
    else if (mod == 2)
        x_u32(a, (uint32_t)disp);
}

/* op reg, [base + disp] or op [base + disp], reg (one opcode byte). */
static inline void x_op_rm(Asm *a, uint8_t op, bool w, int reg, int base, int32_t disp)
{
    x_rex(a, w, reg, 0, base);
    x_byte(a, op);
    x_mem(a, reg, base, disp);
}

/* op rm, reg with both registers (one opcode byte). */
static inline void x_op_rr(Asm *a, uint8_t op, bool w, int rm, int reg)
{
    x_rex(a, w, reg, 0, rm);
    x_byte(a, op);
    x_byte(a, (uint8_t)(0xC0 | (reg & 7) << 3 | (rm & 7)));
}

/* mov dst, [base + disp] (64-bit) */
static inline void x_load(Asm *a, int dst, int base, int32_t disp) { x_op_rm(a, 0x8B, true, dst, base, disp); }
/* mov dst32, [base + disp] (zero-extends) */
static inline void x_load32(Asm *a, int dst, int base, int32_t disp) { x_op_rm(a, 0x8B, false, dst, base, disp); }
/* mov [base + disp], src (64-bit) */
static inline void x_store(Asm *a, int base, int32_t disp, int src) { x_op_rm(a, 0x89, true, src, base, disp); }
/* lea dst, [base + disp] */
static inline void x_lea(Asm *a, int dst, int base, int32_t disp) { x_op_rm(a, 0x8D, true, dst, base, disp); }
/* lea dst32, [base + disp] (the low 32 bits only) */
static inline void x_lea32(Asm *a, int dst, int base, int32_t disp) { x_op_rm(a, 0x8D, false, dst, base, disp); }
/* mov dst, src (64-bit) */
static inline void x_mov(Asm *a, int dst, int src) { x_op_rr(a, 0x89, true, dst, src); }

/* mov dst, [base + index*scale + disp], 32-bit zero-extended or 64-bit */
static inline void x_load_idx(Asm *a, bool w, int dst, int base, int index, int scale, int32_t disp)
{
    x_rex(a, w, dst, index, base);
    x_byte(a, 0x8B);
    x_mem_idx(a, dst, base, index, scale, disp);
}

/* mov dst, imm64 in the shortest form that gives the same 64 bits. */
static inline void x_imm(Asm *a, int dst, uint64_t v)
{
    if (v <= UINT32_MAX) {
        x_rex(a, false, 0, 0, dst);
        x_byte(a, (uint8_t)(0xB8 + (dst & 7)));
        x_u32(a, (uint32_t)v);
    } else if (fits_i32((int64_t)v)) {
        x_rex(a, true, 0, 0, dst);
        x_byte(a, 0xC7);
        x_byte(a, (uint8_t)(0xC0 | (dst & 7)));
        x_u32(a, (uint32_t)v);
    } else {
        x_rex(a, true, 0, 0, dst);
        x_byte(a, (uint8_t)(0xB8 + (dst & 7)));
        x_u64(a, v);
    }
}

/* alu dst, src (64-bit): add/or/and/sub/xor/cmp */
static inline void x_alu(Asm *a, int alu, int dst, int src) { x_op_rr(a, (uint8_t)(alu * 8 + 1), true, dst, src); }
/* alu dst, [base + disp] (64-bit) */
static inline void x_alu_rm(Asm *a, int alu, int dst, int base, int32_t disp)
{
    x_op_rm(a, (uint8_t)(alu * 8 + 3), true, dst, base, disp);
}

/* alu rm, imm32 (sign-extended); w: 64-bit. */
static inline void x_alu_imm(Asm *a, int alu, bool w, int rm, int32_t imm)
{
    x_rex(a, w, 0, 0, rm);
    x_byte(a, fits_i8(imm) ? 0x83 : 0x81);
    x_byte(a, (uint8_t)(0xC0 | alu << 3 | (rm & 7)));
    if (fits_i8(imm))
        x_byte(a, (uint8_t)imm);
    else
        x_u32(a, (uint32_t)imm);
}

/* alu [base + disp], imm32 (sign-extended); w: 64-bit, else 32-bit. */
static inline void x_alu_mem_imm(Asm *a, int alu, bool w, int base, int32_t disp, int32_t imm)
{
    x_rex(a, w, 0, 0, base);
    x_byte(a, fits_i8(imm) ? 0x83 : 0x81);
    x_mem(a, alu, base, disp);
    if (fits_i8(imm))
        x_byte(a, (uint8_t)imm);
    else
        x_u32(a, (uint32_t)imm);
}

/* test r32, imm32 */
static inline void x_test32_imm(Asm *a, int r, uint32_t imm)
{
    x_rex(a, false, 0, 0, r);
    x_byte(a, 0xF7);
    x_byte(a, (uint8_t)(0xC0 | (r & 7)));
    x_u32(a, imm);
}

/* test dword [base + disp], imm32 */
static inline void x_test32_mem_imm(Asm *a, int base, int32_t disp, uint32_t imm)
{
    x_rex(a, false, 0, 0, base);
    x_byte(a, 0xF7);
    x_mem(a, 0, base, disp);
    x_u32(a, imm);
}

/* test r8, r8 on the low byte (a bool a C function returned in al) */
static inline void x_test8(Asm *a, int r)
{
    /* spl, bpl, sil, dil need a REX prefix (without one, 4-7 are ah..bh) */
    if (r >= RSP && r <= RDI)
        x_byte(a, 0x40);
    else
        x_rex(a, false, r, 0, r);
    x_byte(a, 0x84);
    x_byte(a, (uint8_t)(0xC0 | (r & 7) << 3 | (r & 7)));
}

/* test a, b (64-bit) */
static inline void x_test(Asm *a, int r1, int r2) { x_op_rr(a, 0x85, true, r1, r2); }

/* shl/shr/sar r, imm8 (64-bit): ext 4, 5, 7. */
enum { SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };
static inline void x_shift(Asm *a, int ext, int r, uint8_t n)
{
    x_rex(a, true, 0, 0, r);
    x_byte(a, 0xC1);
    x_byte(a, (uint8_t)(0xC0 | ext << 3 | (r & 7)));
    x_byte(a, n);
}

/* imul dst, src (64-bit) */
static inline void x_imul(Asm *a, int dst, int src)
{
    x_rex(a, true, dst, 0, src);
    x_byte(a, 0x0F);
    x_byte(a, 0xAF);
    x_byte(a, (uint8_t)(0xC0 | (dst & 7) << 3 | (src & 7)));
}

/* cmovcc dst, src (64-bit) */
static inline void x_cmov(Asm *a, int cc, int dst, int src)
{
    x_rex(a, true, dst, 0, src);
    x_byte(a, 0x0F);
    x_byte(a, (uint8_t)(0x40 + cc));
    x_byte(a, (uint8_t)(0xC0 | (dst & 7) << 3 | (src & 7)));
}

/* jcc rel32 / jmp rel32 with a zero displacement: returns the position of
 * the displacement, for x_bind. */
static inline size_t x_jcc(Asm *a, int cc)
{
    x_byte(a, 0x0F);
    x_byte(a, (uint8_t)(0x80 + cc));
    size_t at = a->len;
    x_u32(a, 0);
    return at;
}

static inline size_t x_jmp(Asm *a)
{
    x_byte(a, 0xE9);
    size_t at = a->len;
    x_u32(a, 0);
    return at;
}

/* Points the rel32 at `at` to offset `to` of the same buffer. */
static inline void x_bind(Asm *a, size_t at, size_t to)
{
    x_patch32(a, at, (uint32_t)(int32_t)((int64_t)to - (int64_t)(at + 4)));
}

/* jmp r / call r */
static inline void x_jmp_reg(Asm *a, int r)
{
    x_rex(a, false, 0, 0, r);
    x_byte(a, 0xFF);
    x_byte(a, (uint8_t)(0xE0 | (r & 7)));
}

static inline void x_call_reg(Asm *a, int r)
{
    x_rex(a, false, 0, 0, r);
    x_byte(a, 0xFF);
    x_byte(a, (uint8_t)(0xD0 | (r & 7)));
}

static inline void x_push(Asm *a, int r)
{
    x_rex(a, false, 0, 0, r);
    x_byte(a, (uint8_t)(0x50 + (r & 7)));
}

static inline void x_pop(Asm *a, int r)
{
    x_rex(a, false, 0, 0, r);
    x_byte(a, (uint8_t)(0x58 + (r & 7)));
}

static inline void x_ret(Asm *a) { x_byte(a, 0xC3); }

#endif
