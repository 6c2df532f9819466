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

/* Host thread; needs stdin/stdout to be a terminal. Returns 0 after q, a
 * negative MOTE_E* code when the terminal cannot be used. opts may be NULL. */
int observer_run_tui(mote_rt *rt, const observer_opts *opts);

#endif
