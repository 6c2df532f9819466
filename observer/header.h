/* header.h — the top of the screen: meters laid out in rows of up to
 * three columns (htop's Header), updated from each snapshot. */
#ifndef OBSERVER_HEADER_H
#define OBSERVER_HEADER_H

#include "meter.h"

#define HEADER_ROWS 6
#define HEADER_COLS 3

typedef struct Header {
    Meter meters[HEADER_ROWS][HEADER_COLS];
    int ncols[HEADER_ROWS];
} Header;

/* The default layout: scheduler bars; node line; memory; rates and
 * restarts; sparklines for utilisation, memory and restarts. */
void header_init(Header *h);
void header_update(Header *h, const Snap *s);
/* Lines the header takes at width w. */
int header_height(const Header *h, int w);
/* Draws from line 0; returns the first free line. */
int header_draw(const Header *h, int w);

#endif
