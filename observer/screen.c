/* screen.c — the full-screen view (placeholder until the TUI lands). */
#include <stdio.h>

#include "obj.h"
#include "observer.h"

int observer_run_tui(mote_rt *rt, const observer_opts *opts)
{
    (void)rt;
    (void)opts;
    fprintf(stderr, "mote top: the full-screen view is not built yet; use -b\n");
    return MOTE_ESTATE;
}
