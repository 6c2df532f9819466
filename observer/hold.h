/* hold.h — holds back what the program writes to stdout and stderr while
 * the full-screen view is up (the observed script's output, crash
 * reports, other processes of the REPL's runtime), and prints the last
 * HOLD_KEEP bytes of it when the view closes. */
#ifndef OBSERVER_HOLD_H
#define OBSERVER_HOLD_H

#define HOLD_KEEP (256 * 1024)

/* Points fds 1 and 2 at a pipe drained by a thread into a ring of
 * HOLD_KEEP bytes. On failure leaves them alone (output then shows
 * through the view until the next redraw). Host thread; pairs with
 * hold_stop. */
void hold_start(void);
/* Puts fds 1 and 2 back, waits for the drain thread, and writes what was
 * kept (with a note when earlier output was dropped). */
void hold_stop(void);

#endif
