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

/* The output sink of an I/O server (eval_io.c), shared by the server and
 * the shell that started it. */
typedef struct IoSink IoSink;
/* Starts an I/O server; with sink not NULL, *sink is the caller's
 * reference to its sink (give it back with eval_io_release). Host thread. */
int eval_io_start(mote_rt *rt, IoSink **sink, mote_pid *out);
/* Routes the server's output to fn(ctx, ...) (NULL: stdout). On return no
 * call to the previous fn is running or will start. Any thread. */
void eval_io_set_output(IoSink *s, mote_output_fn fn, void *ctx);
/* Input requests (get_line) go to fn(ctx, prompt) (NULL: refused with
 * {:error, :enotsup}). Any thread. */
void eval_io_set_input(IoSink *s, mote_input_fn fn, void *ctx);
/* Reads the line a waiting get_line request asked for with the input fn
 * and replies; nothing when none waits. The host thread of the session,
 * while an input is evaluated. */
void eval_io_serve_input(IoSink *s, mote_rt *rt);
/* Drops one reference; the last frees the sink. Any thread. */
void eval_io_release(IoSink *s);
void eval_map_keys(mote_shell *sh, size_t var, char *buf, size_t cap);

#endif
