/* eval.h — the REPL's evaluator inside the runtime (mote_shell_* in
 * mote.h). lang/eval.c runs sessions; lang/eval_bifs.c holds the
 * :mote_shell builtins the shell's helpers and processes call. */
#ifndef MOTE_EVAL_H
#define MOTE_EVAL_H

/* Registers the :mote_shell builtins once. 0 or MOTE_ENOMEM. Host thread,
 * before the shell's module is compiled. */
int eval_bifs_register(void);

#endif
