/* fbar.h — the function bar on the last line: key hints that are also
 * buttons (a click on one runs its action), or a prompt/message line. */
#ifndef OBSERVER_FBAR_H
#define OBSERVER_FBAR_H

#include "prefs.h"

typedef struct FbarItem {
    const char *key;        /* "F1"                                      */
    const char *label;      /* "Help"                                    */
    Act act;
} FbarItem;

#define FBAR_MAX 12

typedef struct Fbar {
    int x0[FBAR_MAX], x1[FBAR_MAX]; /* columns each item took last draw  */
    Act acts[FBAR_MAX];
    int n;
} Fbar;

/* Draws the items of view v on line y (fewer when the width runs out). */
void fbar_draw(Fbar *fb, ViewId v, int y);
/* Draws text instead of items (a prompt, a confirmation, a message);
 * bold when strong. */
void fbar_text(Fbar *fb, int y, const char *text, bool strong);
/* The action of the item at column x of the last draw, or ACT_NONE. */
Act fbar_hit(const Fbar *fb, int x);

#endif
