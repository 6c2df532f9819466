/* prow.h — the process table's columns and how one SnapRow is drawn. */
#ifndef OBSERVER_PROW_H
#define OBSERVER_PROW_H

#include <stdbool.h>

#include "obj.h"

typedef enum ProwCol {
    PROW_PID, PROW_NAME, PROW_REDS, PROW_MSGQ, PROW_MSGQ_G, PROW_MEM, PROW_MEM_G,
    PROW_RST, PROW_STATUS, PROW_CURRENT, PROW_NCOLS,
} ProwCol;

/* Column positions for the current width; RST only shows from 100
 * columns, NAME and CURRENT share what is left. */
typedef struct ProwLayout {
    int x[PROW_NCOLS], w[PROW_NCOLS];   /* w == 0: column hidden          */
} ProwLayout;

void prow_layout(ProwLayout *l, int cols);
/* The sort key of a column, or -1 when the column has none. */
int prow_sort_key(ProwCol c);
/* The column at screen column x, or -1. */
int prow_col_at(const ProwLayout *l, int x);
/* Draws the heading line; the sort column is marked. */
void prow_draw_heading(const ProwLayout *l, int y, SnapKey sort);
/* Draws row r on line y (selected rows in reverse video). */
void prow_draw(const ProwLayout *l, const SnapRow *r, int y, bool sel);
/* Short status text: "run", "wait", "susp", "exit". */
const char *prow_status(mote_status st);

#endif
