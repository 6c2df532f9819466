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

#endif
