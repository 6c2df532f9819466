/* exc.h — exceptions: Elixir's exception structs, raising from builtins,
 * and printing an uncaught error exactly as Elixir 1.14 does.
 *
 * An exception is a map with __struct__: Module and __exception__: true
 * (plus that module's fields). Erlang error reasons (:badarg,
 * {:badmatch, v}, :undef, ...) become structs through exc_normalize, as
 * Exception.normalize/3 does. The bif_raise family (bif.h) is here too:
 * the pending exception lives in a thread-local pair that the VM takes
 * with bif_take_exception right after a builtin returns NONE.
 */
#ifndef MOTE_EXC_H
#define MOTE_EXC_H

#include <stdbool.h>

#include "proc.h"
#include "strbuf.h"
#include "term.h"

/* A new exception struct %Module{} on p's heap: every field the module
 * defines (for the standard exceptions) at its default, then the n
 * given key/value pairs. module is "ArgumentError", "KeyError", ... (no
 * Elixir. prefix). NONE when out of memory. */
Term exc_new(Proc *p, const char *module, size_t n, const Term *keys, const Term *values);
/* The same with message: text (a binary of len bytes). */
Term exc_new_msg(Proc *p, const char *module, const char *text, size_t len);

/* The fields of a standard exception module in defstruct order (what
 * inspect prints them in), as an InspectFieldsFn: writes at most max
 * atoms and returns how many, or -1 for a module it does not know. A
 * code server that installs its own fields hook should fall back to
 * this; lib_register_all installs it as the hook. */
int exc_struct_fields(Term module, Term *fields, size_t max);

/* True for a map with __exception__: true and an atom __struct__. */
bool exc_is_exception(Term t);

/* Exception.normalize(:error, reason, stacktrace): the Elixir exception
 * struct for an Erlang error reason, built on p's heap; an exception is
 * returned as it is. :undef and :function_clause take module, function
 * and arity from the stacktrace's first entry. NONE on OOM. Class other
 * than :error returns reason unchanged. */
Term exc_normalize(Proc *p, Term cls, Term reason, Term stacktrace);

/* The inverse of exc_normalize for the exit reason of a crashed process:
 * the Erlang error term a VM-raised standard exception stands for
 * (%ArithmeticError{} -> :badarith, %MatchError{term: t} -> {:badmatch, t},
 * %KeyError{} of a map -> {:badkey, k}, ...), as a monitor or link sees it
 * in Elixir. Anything else (RuntimeError, a user's struct, an exception
 * given its own message) comes back unchanged, as it does on OTP. */
Term exc_erlang_reason(Proc *p, Term exc);

/* Exception.message/1 of an exception struct, appended to out. For a
 * struct this file does not know, its :message field when that is a
 * binary, else its inspect text (the VM calls a user-defined message/1
 * itself and puts the result in :message before printing). */
void exc_message(Term exc, Strbuf *out);

/* Exception.format_banner(kind, reason, stacktrace): "** (RuntimeError)
 * boom", "** (exit) killed", "** (throw) 1" (no newline). */
void exc_banner(Term cls, Term reason, Term stacktrace, Strbuf *out);
/* Exception.format_exit/1. */
void exc_format_exit(Term reason, Strbuf *out);
/* Exception.format_stacktrace/1: one "    file:line: Mod.fun/arity\n"
 * line per entry ({M, F, ArityOrArgs, Location} tuples). */
void exc_format_stacktrace(Term stacktrace, const char *indent, Strbuf *out);
/* Exception.format/3: banner, newline, stacktrace lines — what an
 * uncaught error prints. Reads its arguments only; any thread. Returns 0
 * or MOTE_ENOMEM. */
int exc_format(Term cls, Term reason, Term stacktrace, Strbuf *out);
/* As exc_format, for an error no one caught (as Elixir prints it): a
 * FunctionClauseError whose stacktrace holds the arguments also lists them
 * ("The following arguments were given to M.f/2:"), as Exception.blame. */
int exc_format_uncaught(Term cls, Term reason, Term stacktrace, Strbuf *out);

/* Hooks for the code server and the VM (NULL when absent): whether a
 * module is loaded (for UndefinedFunctionError's text), and the arity of
 * a closure (BadArityError). */
void exc_set_loaded_hook(bool (*fn)(Term module));
void exc_set_fun_arity_hook(int (*fn)(Term fun));

/* Arity of a fun (an export's third field; a closure's through the
 * fun-arity hook), or -1 when unknown. */
int exc_fun_arity(Term fun);

/* Ordinal words used in argument errors: 1st, 2nd, 3rd, 4th ... */
const char *exc_ordinal(unsigned n, char buf[16]);

#endif
