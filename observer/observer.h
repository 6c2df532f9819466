/* observer.h — what the shell calls in the observer.
 *
 * observer_top_main runs `mote top ...` (argv[0] is "top"); it returns the
 * process exit status. observer_run_tui opens the full-screen view on a
 * running runtime and returns when the user presses q (the terminal is
 * restored as it was). How the shell uses it: docs/shell.md. */
#ifndef OBSERVER_H
#define OBSERVER_H

#include "mote.h"

int observer_top_main(int argc, char **argv);

typedef struct observer_opts {
    double delay_s;             /* refresh interval; 0 = 1.0             */
    const char *sort;           /* --sort key name; NULL = "reds"        */
} observer_opts;

/* Host thread; needs stdin/stdout to be a terminal that can address the
 * cursor. Returns 0 after q (F10, Ctrl-C), MOTE_ESTATE when the terminal
 * cannot be used (not a tty, TERM=dumb: nothing was changed then),
 * MOTE_ENOMEM. While the view is up, what the program writes to stdout
 * and stderr is held back (the last 256 KiB are printed on return), and
 * SIGWINCH is the view's; on return the terminal modes, the signal
 * handlers and mask, LINES/COLUMNS and the terminfo state (shared with
 * readline) are as the caller had them. Safe to call again and again in
 * one program; never stops rt or a process unless the user asks (k, x,
 * s). opts may be NULL. */
int observer_run_tui(mote_rt *rt, const observer_opts *opts);

#endif
