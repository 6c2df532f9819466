/* vm_int.h — private to vm.c and the vm_*.c files: stack words and helpers. */
#ifndef MOTE_VM_INT_H
#define MOTE_VM_INT_H

#include <math.h>

#include "heap.h"
#include "vm.h"

/* TAG_CP words: value << 4 | kind << 3 | TAG_CP. Kind 0 is return info
 * (a Fn pointer, a pc, an fp offset); kind 1 is the top word of a catch
 * marker, so an unwinding scan tells markers from frames. */
static inline Term cp_make(uint64_t v) { return (v << 4) | TAG_CP; }
static inline Term cp_catch(uint64_t v) { return (v << 4) | 8 | TAG_CP; }
static inline uint64_t cp_val(Term w) { return w >> 4; }
static inline bool cp_is_catch(Term w) { return (w & 15) == (8 | TAG_CP); }

/* Small integers, atoms, local pids and []: one word each, so two of them
 * are equal exactly when their words are. */
static inline bool is_immediate(Term t)
{
    unsigned tag = term_tag(t);
    return tag >= TAG_SMALL && tag <= TAG_SPECIAL;
}

/* Words a frame needs below its arguments: locals, return info, the
 * operand stack, and slack for a tail call's arguments in transit. */
static inline size_t frame_need(const Fn *f, uint32_t nargs)
{
    return (size_t)f->nlocals + 3 + f->max_stack + nargs + 8;
}

/* heap_wants_gc without GC stress, inline: the common answer (no
 * fragments, no cap, few off-heap binaries, an eighth of the block free)
 * costs a few loads instead of a call per function call. */
static inline bool wants_gc(const Heap *h)
{
    size_t block = (size_t)(h->end - h->start);
    if (h->frag_words == 0 && h->max_words == 0 && h->bin_vheap_bytes <= HEAP_VHEAP_MIN_BYTES &&
        (size_t)(h->stop - h->htop) * 8 >= block)
        return false;
    return heap_wants_gc(h);
}

/* A tail call's first half (vm.c's tail_enter, jit_call.c): reads the
 * frame's return info into ri_out (caller Fn, ip, fp offset), moves the n
 * arguments at sp[n-1] (first) .. sp[0] into the frame's first slots and
 * returns the new sp, fp - n. The frame's other words are free after. */
static inline Term *vm_tail_move(const Fn *fn, Term *fp, const Term *sp, uint32_t n, uint64_t ri_out[3])
{
    const Term *ri = fp - fn->nlocals;
    ri_out[0] = cp_val(ri[-1]);
    ri_out[1] = cp_val(ri[-2]);
    ri_out[2] = cp_val(ri[-3]);
    for (uint32_t i = 0; i < n; i++)
        fp[-1 - (int64_t)i] = sp[n - 1 - i];
    return fp - n;
}

/* The function a remote call site names now (vm.c's cache per site), or
 * NULL with *bif set to the builtin of that name (NULL: undefined). */
Fn *vm_site_resolve(CallSite *cs, uint32_t n, const BifDef **bif);
/* The builtin mod.name/arity, Kernel's falling back to :erlang's. */
const BifDef *vm_find_bif(Term mod, Term name, uint32_t arity);

/* Arithmetic and comparison beyond the small-integer fast paths. They
 * return NONE after raising (bif_raise family). Never run the GC. */
Term vm_arith(Proc *p, unsigned op, Term a, Term b);
Term vm_neg(Proc *p, Term a);
bool vm_compare(unsigned op, Term a, Term b);
/* String.Chars for the builtin types; NONE after raising. */
Term vm_to_string(Proc *p, Term t);
/* Concatenates n binaries args[0..n-1] (stack order: args[n-1] first). */
Term vm_concat_rev(Proc *p, const Term *rev, uint32_t n);
/* Raises the exception a RAISE opcode names for value v. Returns NONE. */
Term vm_fail(Proc *p, unsigned kind, Term v);
/* Segment types and flags of bitstring specs (vm_bits.c). */
enum { BITS_INT, BITS_FLOAT, BITS_BINARY, BITS_BITS, BITS_UTF8, BITS_UTF16, BITS_UTF32 };
enum { BITS_SIGNED = 1, BITS_LITTLE = 2 };
/* Reads the segment `seg` ({type, size, unit, flags}) of bin at bit
 * *off, advancing it; size_term is the pushed size when size is -2.
 * NONE when it does not match. */
Term vm_bits_get(Proc *p, Term seg, Term bin, Term size_term, size_t *off);
/* Builds a bitstring from n values (rev: last pushed first) by spec;
 * NONE after raising. */
Term vm_bits_build(Proc *p, Term spec, const Term *rev, uint32_t n);
/* Reports an uncaught exception of a process: stderr, and the exit status
 * when it is the main one. */
void vm_report_crash(Proc *p, Term cls, Term reason, Term trace);
/* Makes the exit reason for an uncaught exception. */
Term vm_exit_reason(Proc *p, Term cls, Term reason, Term trace);
/* KeyError for key missing in map. Returns NONE. */
Term vm_badkey(Proc *p, Term key, Term map);
/* UndefinedFunctionError for m.f/a. Returns NONE. */
Term vm_undef(Proc *p, Term m, Term f, uint32_t arity);
/* BadArityError for a fun called with the n args at sp[n-1] (first) down
 * to sp[0] (last). Returns NONE. */
Term vm_badarity(Proc *p, Term fun, uint32_t n, const Term *sp);
/* BadFunctionError for a non-fun. */
Term vm_badfun(Proc *p, Term f);
/* Code server lookups used by calls. */
Fn *vm_find_fn(Term mod, Term name, uint32_t arity);
/* Collects with the stack as it is: *sp is the real top. Returns 0 or a
 * MOTE_E* code; updates *sp and *fp to the moved stack (vm.c). */
int vm_safe_gc(Proc *p, Term **sp, Term **fp, size_t need);
/* The stack trace at a raise in fn at pc with frame fp (vm_stack.c). */
Term vm_build_trace(Proc *p, const Fn *fn, uint32_t pc, Term *fp);
/* The same for a FunctionClauseError raised by fn: the first entry holds
 * fn's arguments instead of its arity. */
Term vm_fclause_trace(Proc *p, const Fn *fn, uint32_t pc, Term *fp);

#endif
