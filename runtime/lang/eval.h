/* eval.h — the REPL's evaluator inside the runtime (mote_shell_* in
 * mote.h). lang/eval.c runs sessions; lang/eval_bifs.c holds the
 * :mote_shell builtins the shell's helpers and processes call. */
#ifndef MOTE_EVAL_H
#define MOTE_EVAL_H

/* Registers the :mote_shell builtins once. 0 or MOTE_ENOMEM. Host thread,
 * before the shell's module is compiled. */
int eval_bifs_register(void);

#include "mote.h"

/* For completion (eval_complete.c): the session's runtime, and the atom
 * keys of the map bound to variable number var (space-separated, into
 * buf; "" when it is not a map). Host thread, at the prompt only (no
 * evaluation running). */
mote_rt *eval_shell_rt(mote_shell *sh);
void eval_map_keys(mote_shell *sh, size_t var, char *buf, size_t cap);

#endif
