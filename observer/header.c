/* header.c — meters in rows; a row's columns share the width equally and
 * the row is as tall as its tallest meter. */
#include <curses.h>

#include "header.h"

void header_init(Header *h)
{
    static const struct { const MeterClass *cls; MeterMode mode; } layout[][HEADER_COLS] = {
        {{&sched_meter, METER_BAR}},
        {{&node_meter, METER_TEXT}},
        {{&mem_meter, METER_TEXT}},
        {{&rates_meter, METER_TEXT}, {&restarts_meter, METER_TEXT}},
        {{&util_meter, METER_SPARK}, {&mem_meter, METER_SPARK}, {&restarts_meter, METER_SPARK}},
    };
    for (int r = 0; r < HEADER_ROWS; r++) {
        h->ncols[r] = 0;
        for (int c = 0; c < HEADER_COLS; c++) {
            if (r >= (int)(sizeof layout / sizeof *layout) || !layout[r][c].cls)
                break;
            meter_init(&h->meters[r][c], layout[r][c].cls, layout[r][c].mode);
            h->ncols[r]++;
        }
    }
}

void header_update(Header *h, const Snap *s)
{
    for (int r = 0; r < HEADER_ROWS; r++)
        for (int c = 0; c < h->ncols[r]; c++)
            meter_update(&h->meters[r][c], s);
}

static int row_height(const Header *h, int r, int w)
{
    int tall = 0, cw = h->ncols[r] ? w / h->ncols[r] : w;
    for (int c = 0; c < h->ncols[r]; c++) {
        int t = meter_height(&h->meters[r][c], cw);
        tall = t > tall ? t : tall;
    }
    return tall;
}

int header_height(const Header *h, int w)
{
    int y = 0;
    for (int r = 0; r < HEADER_ROWS; r++)
        y += row_height(h, r, w);
    return y;
}

int header_draw(const Header *h, int w)
{
    int y = 0;
    for (int r = 0; r < HEADER_ROWS; r++) {
        if (!h->ncols[r])
            continue;
        int cw = w / h->ncols[r];
        for (int c = 0; c < h->ncols[r]; c++) {
            /* Columns after the first leave one space as a gutter. */
            int x = c * cw, gut = c ? 1 : 0;
            meter_draw(&h->meters[r][c], y, x + gut, cw - gut - (c + 1 < h->ncols[r]));
        }
        y += row_height(h, r, w);
    }
    return y;
}
