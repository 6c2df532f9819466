/* comp.h — the compiler: AST to bytecode (vm.h, op.def).
 *
 * A script compiles to one Fn of arity 0 whose module is a pseudo-module;
 * running it executes the top level, and each defmodule it reaches
 * installs that module in the code server. Patterns and guards become
 * instructions; variables become frame slots. Thread-safe (one global
 * lock around literal building); any thread.
 */
#ifndef MOTE_COMP_H
#define MOTE_COMP_H

#include "ast.h"
#include "err.h"
#include "vm.h"

/* Compiles a parsed file (the BLOCK parse_source returns). file names it
 * in stack traces (borrowed: copied). Returns 0 with *out (permanent), or
 * MOTE_ESYNTAX / MOTE_ENOMEM with "file:line: message" in err. */
int comp_script(const Ast *root, const char *file, Fn **out, Err *err);

/* Compiles and installs the modules of a file at once, without running
 * anything else (the prelude). 0 or an error as comp_script. */
int comp_load_modules(const Ast *root, const char *file, Err *err);

/* For the REPL (lang/eval.c): one input compiled as a function of the
 * variables bound by earlier inputs, names[0..nnames-1] in argument order,
 * that returns {value, v1, ..., vk}: its value and every variable visible
 * after it, named in out_names[0..nout-1] (at most EVAL_MAX_VARS; the
 * strings are copied into out_text). import, when not NONE, is a module
 * imported at the top level (the shell helpers). 0 or an error as
 * comp_script. */
#define EVAL_MAX_VARS 256
typedef struct CompEval {
    const char *const *names;  /* in: borrowed, NUL-terminated            */
    uint32_t nnames;
    Term import;
    const char *out_names[EVAL_MAX_VARS]; /* out: point into out_text     */
    uint32_t nout;
    char out_text[8192];
} CompEval;
int comp_eval(const Ast *root, const char *file, CompEval *ev, Fn **out, Err *err);
#endif
