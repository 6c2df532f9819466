/* panel.h — a scrolling list with a selection: the part every view shares
 * (process table, tree, restart log, detail, mailbox). A Panel knows
 * counts and lines, not content; the view draws each visible item. */
#ifndef OBSERVER_PANEL_H
#define OBSERVER_PANEL_H

#include <stdbool.h>
#include <stddef.h>

#include "prefs.h"

/* What a key handler did; the screen redraws or quits accordingly. */
enum {
    PANEL_IGNORED = 0, PANEL_HANDLED = 1, PANEL_REDRAW = 2, PANEL_QUIT = 4,
    PANEL_RETAKE = 8,           /* the view needs fresh data before drawing */
    PANEL_RETAKE_DETAIL = 16,   /* only the view's own data (not a snapshot) */
};

typedef struct Panel {
    int y, h;           /* first screen line and height, in lines        */
    size_t n;           /* items                                         */
    size_t sel;         /* selected item (< n unless n == 0)             */
    size_t top;         /* first visible item                            */
} Panel;

/* Draws item i at screen line y; sel says whether it is the selection. */
typedef void PanelItemFn(void *ctx, size_t i, int y, bool sel);

/* Places the panel on screen lines [y, y + h). */
void panel_place(Panel *p, int y, int h);
/* Sets the item count, keeping the selection within it. */
void panel_set_count(Panel *p, size_t n);
/* Selects item i (clamped) and scrolls it into view. */
void panel_select(Panel *p, size_t i);
/* Movement keys (Up/Down/PgUp/PgDn/Home/End); PANEL_REDRAW or IGNORED. */
int panel_key(Panel *p, Act a);
/* The item on screen line y, or -1. */
long panel_hit(const Panel *p, int y);
/* A click on screen line y: selects the item there and returns true, or
 * returns false when the line shows no item. */
bool panel_click(Panel *p, int y);
/* Draws the visible items and clears the rest of the panel's lines. */
void panel_draw(const Panel *p, PanelItemFn *item, void *ctx);

#endif
