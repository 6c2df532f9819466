/* bif.h — builtin functions: C code the language calls like any function.
 *
 * A builtin is a C function of a process and its arguments. The standard
 * library's C parts (lib/<module>.c) and plugins register builtins the same way,
 * through bif_register, so a plugin can do anything a builtin module does.
 *
 * Contract for every BifFn:
 *   - runs on the calling process's scheduler thread; args[0..arity-1]
 *     are terms on p's heap (or immediates, or literals);
 *   - allocates only with heap_alloc(&p->heap, n) — that never moves a
 *     term, so locals stay valid — and never runs the GC;
 *   - charges reductions in proportion to its work: bif_charge(p, n);
 *     long work belongs in the language (preemptible), not here;
 *   - returns the result, or NONE after raising with one of the bif_raise
 *     family (the VM then unwinds to the nearest try, or exits the
 *     process). It never calls back into the VM: a builtin that needs to
 *     call a fun is written in the language instead.
 */
#ifndef MOTE_BIF_H
#define MOTE_BIF_H

#include "proc.h"
#include "term.h"

typedef Term (*BifFn)(Proc *p, const Term *args);

enum {
    BIF_GUARD = 1, /* allowed in guards (must not have side effects)     */
    BIF_PURE = 2,  /* same result for the same arguments: may be folded   */
};

typedef struct BifDef {
    const char *module; /* "erlang", "Elixir.String", ...                 */
    const char *name;   /* "length", "upcase", ...                         */
    uint8_t arity;
    uint8_t flags;      /* BIF_* above                                      */
    BifFn fn;
    const char *doc;    /* shown by h/1; NULL when it has none             */
} BifDef;

/* Registers n builtins (the array must outlive the runtime: a static
 * table). A later registration of the same module/name/arity replaces
 * the earlier one. Returns 0 or MOTE_ENOMEM. Call before mote_start or
 * from a plugin's load hook; not concurrently with lookups. */
int bif_register(const BifDef *defs, size_t n);
/* The builtin for module.name/arity, or NULL. Lock-free; any thread. */
const BifDef *bif_lookup(Term module, Term name, unsigned arity);
/* Registers every builtin module of the standard library (lib/lib.c);
 * idempotent. */
int lib_register_all(void);

/* Charges n reductions to p's slice (never below zero). */
static inline void bif_charge(Proc *p, uint32_t n)
{
    p->reds_left = p->reds_left > n ? p->reds_left - n : 0;
}

/* ---- raising ---------------------------------------------------------
 * The pending exception is per scheduler thread: a builtin sets it and
 * returns NONE, and the VM takes it at once, before anything else runs on
 * that thread. Every raise returns NONE so a builtin can
 * `return bif_error(p, A(badarg));`. Class is one of the atoms error,
 * exit, throw. */
Term bif_raise(Proc *p, Term cls, Term reason);
Term bif_error(Proc *p, Term reason);              /* class :error        */
/* Raises the Elixir exception struct %Module{message: text} (module as
 * "ArgumentError", without the Elixir. prefix). */
Term bif_raise_msg(Proc *p, const char *exc_module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Raises ArgumentError the way Elixir 1.14 reports a bad argument to an
 * Erlang builtin: "errors were found at the given arguments:\n\n  * Nth
 * argument: <why>\n". */
Term bif_badarg(Proc *p, unsigned argno, const char *why);
/* Takes the pending exception of this thread: true and the class and
 * reason when there is one, and clears it. */
bool bif_take_exception(Term *cls, Term *reason);

#endif
