/* jit_int.h — private to jit.c and jit_emit.c. */
#ifndef MOTE_JIT_INT_H
#define MOTE_JIT_INT_H

#include "jit.h"
#include "jit_x64.h"

/* jit_emit_fn's answers besides 0. */
enum {
    JIT_EMIT_FULL = 1,  /* the buffer was too small: retry with a bigger one */
    JIT_EMIT_NO = 2,    /* this function cannot be compiled                 */
};

/* Compiles fn into a (position-independent code: only jumps inside it,
 * absolute addresses as immediates) and fills off[0 .. ncode] (jit.h).
 * 0, JIT_EMIT_FULL or JIT_EMIT_NO. Under jit.c's lock. */
int jit_emit_fn(Asm *a, Fn *fn, uint32_t *off);

#endif
