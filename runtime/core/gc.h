/* gc.h — the per-process copying collector.
 *
 * A Cheney collector over one process's heap block and its fragments:
 * live data moves into a fresh block sized from what survived, the old
 * block and every fragment are freed, and off-heap binaries no longer
 * reached are released. It runs on the owner's scheduler thread only and
 * never stops another process. Pointers outside the heap and its fragments
 * (module literals, other shared data) are left alone, never written.
 *
 * Contract: the caller names every root. A Term that is not a root, in the
 * stack, or reachable from them is stale after gc_collect returns.
 * Design: docs/gc.md.
 */
#ifndef MOTE_GC_H
#define MOTE_GC_H

#include "heap.h"

typedef struct GcRoots {
    Term **ranges;  /* ranges[i] points at counts[i] consecutive root words */
    size_t *counts;
    size_t n;
} GcRoots;

/* Collects `h`, then makes sure at least `need_words` are free in the new
 * block. The stack [stop, end) is a root range of its own (TAG_CP words
 * are skipped). Returns 0, MOTE_ENOMEM, or MOTE_EHEAPCAP when the live
 * data plus need exceeds h->max_words (the caller then kills the process;
 * the heap is still consistent). */
int gc_collect(Heap *h, const GcRoots *roots, size_t need_words);

/* Debug check: every pointer in the heap, stack and roots points at a
 * well-formed object inside the heap, or outside it entirely. Returns 0 or
 * MOTE_EINTERNAL with a message in err. */
struct Err;
int heap_verify(const Heap *h, const GcRoots *roots, struct Err *err);

#endif
