/* repl.h — the interactive shell (the default command of `mote`). */
#ifndef MOTE_SHELL_REPL_H
#define MOTE_SHELL_REPL_H

#include "mote.h"

typedef struct ReplOpts {
    bool no_history; /* --no-history: neither read nor write the file */
    bool no_startup; /* --no-startup: skip .mote.exs                  */
} ReplOpts;

/* Runs the shell on rt until Ctrl+D, two Ctrl+C at an empty prompt, or
 * the end of stdin; returns the exit status (batch mode: 1 if any input
 * failed). With stdin not a terminal it evaluates stdin in order. */
int repl_main(mote_rt *rt, const ReplOpts *opts);

#endif
