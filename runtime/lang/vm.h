/* vm.h — compiled code and the bytecode VM.
 *
 * Code: a Module holds Fns; a Fn is one function (all its clauses) or one
 * fn expression, compiled to uint32 words (op.def) with its own literal
 * table. Literals live outside every process heap and are never freed
 * while the runtime runs, so processes may keep pointing at them.
 *
 * The VM is a stack machine whose frames live on the process stack (the
 * top of its heap block, growing down), never on the C stack: a process
 * can be suspended at any call and resumed on any scheduler. A frame is
 *     fp[-1 .. -nlocals]      locals: arguments, free values, then the
 *                             function's variables (always valid terms)
 *     fp[-nlocals-1 .. -3]    return info: caller Fn, pc, fp (TAG_CP words)
 *     below                   the operand stack
 * The return info's pc word is the caller's absolute ip (TAG_CP words
 * hold 60 bits, more than a user-space address). A catch marker (try) is
 * three TAG_CP words on the operand stack. The
 * GC scans the stack and skips TAG_CP words. See docs/vm.md.
 */
#ifndef MOTE_VM_H
#define MOTE_VM_H

#include <stdatomic.h>
#include <stdint.h>

#include "bif.h"
#include "proc.h"
#include "term.h"

typedef struct Module Module;

/* A remote call site: resolved at run time (modules can be replaced).
 * The VM caches what it found: fn is valid while fn->mod is still the
 * current version of mod; bif while bif_mod (the version that lacked the
 * function, or vm_no_module) is. Written by any scheduler, last one wins:
 * every value written for one site is right for the version it names. */
typedef struct CallSite {
    Term mod, name;
    uint32_t arity;
    struct Fn *_Atomic fn;
    const void *_Atomic bif_mod;
    const BifDef *_Atomic bif;
} CallSite;

typedef struct Fn {
    Module *mod;        /* owner (a script's top level has a module too) */
    Term name;          /* atom; fn expressions: the enclosing function   */
    uint32_t arity;     /* arguments a caller passes                      */
    uint32_t nfree;     /* captured values (fn expressions)               */
    uint32_t nlocals;   /* arity + nfree + variables                      */
    uint32_t max_stack; /* operand words it may push                       */
    uint32_t oplimit_words; /* nlocals + 3 + max_stack: a frame's extent    */
    uint32_t frame_words;   /* what a call must find free: oplimit_words,  */
                            /*   arity and slack (vm.c's frame_need)      */
    uint32_t *code;
    uint32_t ncode;
    Term *lits;         /* literal terms (outside any heap)                */
    uint32_t nlits;
    CallSite *sites;
    uint32_t nsites;
    const BifDef **bifs;
    uint32_t nbifs;
    uint32_t *lines;    /* (pc, line) pairs, pc ascending                  */
    uint32_t nlines;
    uint8_t exported;   /* def (1) or defp (0)                             */
    uint8_t is_lambda;  /* a fn expression                                 */
    uint32_t lambda_no; /* fn expressions: index within the module         */
    const char *parent; /* fn expressions: "fun/2" of the enclosing def    */
    struct JitCode *_Atomic jit; /* native code (jit.h): NULL until first   */
                        /*   run, JIT_NONE when it cannot be compiled     */
} Fn;

struct Module {
    Term name;          /* atom, e.g. Elixir.Foo                           */
    Fn **fns;           /* named functions first (nnamed), then lambdas    */
    uint32_t nfns, nnamed;
    const char *file;   /* source file for stack traces                    */
    Term file_term;     /* the same as a literal charlist                   */
    Term attrs;         /* literal %{moduledoc: text | nil, docs:          */
                        /*   %{{name, arity} => text}} for h/1, or 0     */
    Term *struct_fields;/* defstruct fields in order (NULL: no struct)      */
    uint32_t nstruct_fields;
    _Atomic uint8_t superseded; /* set when a newer version of the module is
                           installed (code.c): call sites caching one
                           of its functions then look the module up again */
};

/* Per-process VM state while suspended: only what resuming needs. */
typedef struct Vm {
    Fn *fn;         /* running function                                  */
    uint32_t pc;    /* next instruction                                  */
    uint32_t fp_off;/* end - fp, in words                                */
    uint8_t main;   /* the script's main process: prints its crash       */
    uint8_t in_recv;/* suspended in a receive (save position is live)    */
    _Atomic uint64_t initial; /* initial call, where.h packing (0 = unknown):
                                 set at spawn, by :mote.set_initial_call;
                                 read by observers under the pid lock    */
} Vm;

/* What a fail opcode (RAISE) reports. */
typedef enum VmFail {
    VF_BADMATCH, VF_CASE, VF_COND, VF_FUNCLAUSE, VF_WITH, VF_BADBOOL_AND, VF_BADBOOL_OR,
    VF_TRY_ELSE, VF_BADMAP, VF_BADKEY, VF_ERROR, VF_THROW, VF_EXIT, VF_RAISE, VF_IF,
} VmFail;

typedef enum VmArith {
    VA_ADD, VA_SUB, VA_MUL, VA_FDIV, VA_IDIV, VA_REM, VA_PLUSPLUS, VA_MINUSMINUS,
    VA_CONCAT, VA_BAND, VA_BOR, VA_BXOR, VA_BSL, VA_BSR, VA_POW,
} VmArith;

typedef enum VmCmp { VC_EQ, VC_NE, VC_SEQ, VC_SNE, VC_LT, VC_GT, VC_LE, VC_GE } VmCmp;

enum {
#define OP(name, n) OPC_##name,
#include "op.def"
#undef OP
    OPC_COUNT
};

/* Operand words of each opcode. */
extern const uint8_t vm_op_words[OPC_COUNT];
extern const char *const vm_op_names[OPC_COUNT];

/* Sets up a new (not yet running) process p to call fun (when not NONE)
 * or mod.name(args). Terms are copied onto p's heap. main marks the
 * script's main process. 0 or a MOTE_E* code. */
int vm_prepare(Proc *p, Term fun, Term mod, Term name, const Term *args, uint32_t nargs, int main);

/* Frees a VM process's state (proc_exit calls it). */
void vm_free(Proc *p);

/* Exit status the main script process asked for: set by System.halt
 * or by crashing (1). -1 while none. */
extern _Atomic int vm_exit_status;
/* The script's main process (set when it is prepared; 0 between runs)
 * and whether its state was freed yet: vm_free of that process sets
 * vm_exit_status to 1 when an exit signal killed it (nothing reported),
 * then vm_main_released, which run_source waits for before reading. */
extern _Atomic Term vm_main_pid;
extern _Atomic int vm_main_released;

/* Formats an exception (class, reason) the way Elixir prints an uncaught
 * one, into buf: "** (RuntimeError) boom". Returns the length. */
size_t vm_format_exception(Term cls, Term reason, char *buf, size_t cap);

/* Line of pc in fn (0 when unknown). */
uint32_t vm_line_of(const Fn *fn, uint32_t pc);

/* Fills fn's oplimit_words and frame_words from nlocals, max_stack and
 * arity; the compiler calls it once the Fn is complete. */
void vm_fn_sizes(Fn *fn);

/* Forgets what the runtime registered keyed by atoms (the builtin table,
 * struct printers, cached atoms), so the next runtime registers it again
 * with the new atom table. Only from lang_fini, when the last runtime's
 * atoms go (vm_eval.c, vm.c). */
void vm_eval_forget(void);
void vm_forget_atoms(void);

/* Rewrites a function's finished code in place (vm_opt.c): argument
 * copies dropped, catch markers of guards that cannot raise dropped,
 * unreachable code dropped, jumps threaded, common sequences fused into
 * superinstructions; labels and the (pc, line) pairs are remapped.
 * Slots [0, nargs) are the arguments and stay; the variables' slots
 * [nargs, *nslots) are renumbered densely and the captured values' slots
 * (*nslots on) moved behind them, *nslots updated.
 * Returns the new code length (never more than ncode; ncode unchanged
 * when out of memory or given code it does not understand). The compiler
 * calls it once per Fn, before anything can run it. */
uint32_t vm_optimize(uint32_t *code, uint32_t ncode, uint32_t *lines, uint32_t nlines,
                     uint32_t nargs, uint32_t *nslots);

#endif

/* ---- process builtins and start-up (lib/proc_bifs.c, lang/prelude.c) --- */

/* Registers stand-ins for IO.puts/1 and IO.inspect/1, to be replaced by
 * the standard library's when it registers after them. */
int proc_bifs_register_fallbacks(void);
/* String.Chars.to_string for builtin types; NONE after raising. */
Term vm_to_string_pub(Proc *p, Term t);
/* Registers the process builtins (spawn, send, ...). 0 or MOTE_ENOMEM. */
int proc_bifs_register(void);
/* Spawns the script's main process running fun (a HDR_FUN term). */
int proc_bifs_spawn_main(struct Node *n, Term fun, Term *pid_out);
/* What System.argv/0 returns (borrowed: must outlive the runtime). */
void proc_bifs_set_argv(int argc, char **argv);
/* Compiles and installs the standard library written in the language
 * (runtime/lib/ex/NAME.ex, embedded at build time) once. 0, or an error
 * with a message on stderr. Any thread; later calls return at once. */
int prelude_load(void);
/* Microseconds the prelude took to load (0 before). */
uint64_t prelude_load_us(void);
