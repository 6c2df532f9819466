/* ptable.h — the process table view: the top rows of a snapshot under the
 * chosen sort and filter, scrolling, column-heading clicks. The ranking
 * is the source's (runtime side); the table asks for as many rows as the
 * scroll position needs (at most PTABLE_MAX_ROWS). */
#ifndef OBSERVER_PTABLE_H
#define OBSERVER_PTABLE_H

#include "obj.h"
#include "panel.h"
#include "prow.h"

#define PTABLE_MAX_ROWS 10000   /* deepest scroll: bounds a snapshot's size */

typedef struct Ptable {
    Panel panel;
    ProwLayout layout;
    SnapKey sort;
    char filter[64];
    mote_pid sel_pid;       /* kept selected across refreshes            */
    int heading_y;
} Ptable;

void ptable_init(Ptable *t, SnapKey sort);
/* Places the table (heading line included) on lines [y, y + h). */
void ptable_place(Ptable *t, int y, int h, int cols);
/* Fills q (sort, filter, limit) for the next snapshot. */
void ptable_query(const Ptable *t, SnapQuery *q);
/* Adopts a new snapshot: counts, and the selection follows its pid. */
void ptable_adopt(Ptable *t, const Snap *s);
void ptable_draw(Ptable *t, const Snap *s);
/* Sort, movement; PANEL_* flags (PANEL_RETAKE when rows must be fetched). */
int ptable_key(Ptable *t, const Snap *s, Act a);
/* A click at (y, x): selects a row or sorts by a heading's column. */
int ptable_click(Ptable *t, const Snap *s, int y, int x);
/* The selected row, or NULL. Borrowed from s. */
const SnapRow *ptable_selected(const Ptable *t, const Snap *s);
void ptable_set_sort(Ptable *t, SnapKey k);

#endif
