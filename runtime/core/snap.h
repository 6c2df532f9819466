/* snap.h — the cheap per-process scan behind mote_proc_scan (mote.h):
 * one pass over the process table reading only counters, so an observer
 * can rank a million processes and fetch full info for the top K only.
 * Any host thread; never blocks a scheduler longer than one slot lock. */
#ifndef MOTE_SNAP_H
#define MOTE_SNAP_H

#include "mote.h"

#endif
