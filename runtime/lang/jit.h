/* jit.h — a baseline compiler from VM bytecode to x86-64 machine code.
 *
 * The JIT is an accelerator under the interpreter, never a second
 * semantics. Native code keeps the VM's state exactly as the interpreter
 * does — the same frames and operand stack on the process stack, the
 * same heap.stop limit — and holds sp, fp and fn in registers. Each
 * instruction has a fast path for the common case (small integers,
 * immediates, a heap with room, a local call with no collection due);
 * anything else leaves native code *before* the instruction has changed
 * anything, and the interpreter runs that instruction. So an opcode the
 * JIT does not know, an overflow into a bignum, a raise or a collection
 * all happen in vm.c, with vm.c's code.
 *
 * Functions are compiled on first entry (vm.c's jit_go), under one lock,
 * into executable memory that is never freed or rewritten. Native code
 * calls and returns into other compiled functions directly; the
 * interpreter enters native code at calls, returns, backward jumps and
 * resumes. MOTE_JIT=0 in the environment (or mote --no-jit) turns it
 * off; it is also off where it cannot work (not x86-64, no executable
 * memory). See docs/vm.md, "The JIT".
 */
#ifndef MOTE_JIT_H
#define MOTE_JIT_H

#include <stdbool.h>
#include <stdint.h>

#include "vm.h"

/* A compiled function: entry is the native code of pc 0, off[w] the
 * byte offset from entry of the instruction starting at code word w
 * (JIT_NOOFF for words that start no instruction). */
typedef struct JitCode {
    const uint8_t *entry;
    uint32_t size;        /* bytes of native code */
    uint32_t off[];
} JitCode;

#define JIT_NOOFF UINT32_MAX
/* Fn.jit when the function cannot be compiled (or the JIT is off). */
#define JIT_NONE ((JitCode *)(uintptr_t)1)

/* What native code hands back to the interpreter, with st->ip set. */
enum {
    JIT_CONT = 0,  /* run the instruction at ip in the interpreter        */
    JIT_ENTER = 1, /* control moved to (fn, ip), maybe not compiled yet   */
    JIT_YIELD = 2, /* reductions spent: suspend at ip                     */
    JIT_RAISE = 3, /* a builtin raised: take its exception (ip past it)   */
};

/* Registers passed in and out of native code, plus room for a builtin's
 * arguments. Native code addresses the fields by offsetof. */
typedef struct JitState {
    Term *sp, *fp;
    Fn *fn;
    const uint32_t *ip;
    Proc *p;
    Heap *h;
    uint32_t each_call; /* vm.c's gc_policy_each_call: calls go through vm.c */
    uint32_t exit;      /* jit_call_*: the JIT_* code to leave with       */
    const uint8_t *target; /* jit_call_*: native code to go on at          */
    Term argv[256];
} JitState;

/* What jit_call_remote and jit_call_fun tell native code to do next. */
enum {
    JC_NEXT = 0,   /* a builtin ran: go on at the next instruction          */
    JC_JUMP = 1,   /* the callee's frame is built: jump to st->target       */
    JC_EXIT = 2,   /* leave native code with st->exit at st->ip             */
    JC_RETURN = 3, /* a builtin ran in tail position: return its value      */
    JC_BAIL = 4,   /* nothing was done: vm.c runs the instruction           */
    JC_BRANCH = 5, /* jit_op_c: a match failed: go to the instruction's label */
};

/* CALLR/TCALLR (tail != 0) from native code: the call site's function,
 * called with the n arguments on st's stack, or its builtin. st holds
 * the registers (sp, fp, fn) and gets the new ones. rip is the ip after
 * the instruction. Any scheduler, on the process's own thread. */
int jit_call_remote(JitState *st, CallSite *cs, uint32_t n, const uint32_t *rip, uint32_t tail);

/* CALLF/TCALLF: the fun under the n arguments, called as jit_call_remote. */
int jit_call_fun(JitState *st, uint32_t n, const uint32_t *rip, uint32_t tail);

/* The instruction at ip (M_MAP, M_KEY, M_KEYV, DOT on a map, MAP,
 * MAP_PUT, MAP_UPD, TO_STR, INTERP, the bitstring matches M_PREFIX,
 * M_BSTART, M_BGET, M_BEND, M_LIST, BS_BUILD) on st's stack, as vm.c does it:
 * JC_NEXT, JC_BRANCH, JC_EXIT (a raise) or JC_BAIL. Only st->sp moves. */
int jit_op_c(JitState *st, const uint32_t *ip);

/* True when native code may run: the JIT is built for this machine, its
 * memory could be mapped, and MOTE_JIT is not 0 (mote --no-jit sets it).
 * Decided once; any thread. */
bool jit_active(void);

/* fn's native code, compiling it on first use: JIT_NONE when it cannot
 * be compiled. Any thread; compiles under a lock, publishes fn->jit.
 * A function with no module (vm_stack.c's static bootstrap functions)
 * never gets native code: jit_release_all frees native code with the
 * modules, and only their functions are freed with it. */
JitCode *jit_compile(Fn *fn);

/* Runs native code from `at` (an address inside a JitCode) with the
 * registers in st until it leaves; returns a JIT_* code with st updated. */
int jit_run(JitState *st, const uint8_t *at);

/* Frees every map and unmaps all native code; the next run starts
 * afresh. Only when nothing runs compiled code (code.c's lang_fini, after
 * the last runtime stopped), as the Fns it belongs to go then too. */
void jit_release_all(void);

/* Bytes of native code and functions compiled so far. */
void jit_stats(uint64_t *bytes, uint64_t *fns);

#endif
