/* panel.c — selection and scrolling for a list of n items shown in h
 * lines. Invariant after every call: sel < n (or sel == 0 when n == 0),
 * and top <= sel < top + h, so the selection is always visible. */
#include <curses.h>

#include "panel.h"

static void fit(Panel *p)
{
    if (p->n == 0) {
        p->sel = p->top = 0;
        return;
    }
    if (p->sel >= p->n)
        p->sel = p->n - 1;
    size_t h = p->h > 0 ? (size_t)p->h : 1;
    if (p->sel < p->top)
        p->top = p->sel;
    if (p->sel >= p->top + h)
        p->top = p->sel - h + 1;
    /* No empty space below the last item while earlier ones are hidden. */
    if (p->top + h > p->n)
        p->top = p->n > h ? p->n - h : 0;
}

void panel_place(Panel *p, int y, int h)
{
    p->y = y;
    p->h = h > 0 ? h : 0;
    fit(p);
}

void panel_set_count(Panel *p, size_t n)
{
    p->n = n;
    fit(p);
}

void panel_select(Panel *p, size_t i)
{
    p->sel = i;
    fit(p);
}

static void move_by(Panel *p, long by)
{
    long s = (long)p->sel + by;
    if (s < 0)
        s = 0;
    p->sel = (size_t)s;
    fit(p);
}

int panel_key(Panel *p, Act a)
{
    long page = p->h > 1 ? p->h - 1 : 1;
    switch (a) {
    case ACT_UP: move_by(p, -1); break;
    case ACT_DOWN: move_by(p, 1); break;
    case ACT_PGUP: move_by(p, -page); break;
    case ACT_PGDN: move_by(p, page); break;
    case ACT_HOME: p->sel = 0; fit(p); break;
    case ACT_END: p->sel = p->n ? p->n - 1 : 0; fit(p); break;
    default: return PANEL_IGNORED;
    }
    return PANEL_HANDLED | PANEL_REDRAW;
}

long panel_hit(const Panel *p, int y)
{
    if (y < p->y || y >= p->y + p->h)
        return -1;
    size_t i = p->top + (size_t)(y - p->y);
    return i < p->n ? (long)i : -1;
}

bool panel_click(Panel *p, int y)
{
    long i = panel_hit(p, y);
    if (i < 0)
        return false;
    panel_select(p, (size_t)i);
    return true;
}

void panel_draw(const Panel *p, PanelItemFn *item, void *ctx)
{
    for (int line = 0; line < p->h; line++) {
        int y = p->y + line;
        move(y, 0);
        clrtoeol();
        size_t i = p->top + (size_t)line;
        if (i < p->n)
            item(ctx, i, y, i == p->sel);
    }
}
