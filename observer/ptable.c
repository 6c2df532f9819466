/* ptable.c — the process table. The panel counts every matching process
 * (up to PTABLE_MAX_ROWS) while the snapshot holds only the rows up to
 * the bottom of the visible window plus a page; scrolling past what is
 * held asks for a retake with a deeper limit. */
#include <curses.h>
#include <string.h>

#include "crt.h"
#include "ptable.h"

void ptable_init(Ptable *t, SnapKey sort)
{
    memset(t, 0, sizeof *t);
    t->sort = sort;
}

void ptable_place(Ptable *t, int y, int h, int cols)
{
    t->heading_y = y;
    panel_place(&t->panel, y + 1, h - 1);
    prow_layout(&t->layout, cols);
}

void ptable_query(const Ptable *t, SnapQuery *q)
{
    size_t want = t->panel.top + 2 * (size_t)(t->panel.h > 0 ? t->panel.h : 1);
    q->sort = t->sort;
    q->filter = t->filter[0] ? t->filter : NULL;
    q->limit = want < PTABLE_MAX_ROWS ? want : PTABLE_MAX_ROWS;
}

void ptable_adopt(Ptable *t, const Snap *s)
{
    size_t n = s->nmatched < PTABLE_MAX_ROWS ? (size_t)s->nmatched : PTABLE_MAX_ROWS;
    if (n < s->nrows)
        n = s->nrows;
    panel_set_count(&t->panel, n);
    for (size_t i = 0; i < s->nrows; i++)
        if (s->rows[i].pid == t->sel_pid && t->sel_pid) {
            panel_select(&t->panel, i);
            return;
        }
    const SnapRow *r = ptable_selected(t, s);
    t->sel_pid = r ? r->pid : 0;
}

typedef struct DrawCtx {
    Ptable *t;
    const Snap *s;
} DrawCtx;

static void draw_item(void *ctx, size_t i, int y, bool sel)
{
    DrawCtx *c = ctx;
    if (i < c->s->nrows)
        prow_draw(&c->t->layout, &c->s->rows[i], y, sel);
    else
        crt_put(y, 0, COLS, "  ...");
}

void ptable_draw(Ptable *t, const Snap *s)
{
    prow_draw_heading(&t->layout, t->heading_y, t->sort);
    DrawCtx c = {t, s};
    panel_draw(&t->panel, draw_item, &c);
    if (!s->nmatched)
        crt_put(t->panel.y, 2, COLS - 2, t->filter[0] ? "(no process matches the filter)"
                                                      : "(no processes)");
}

void ptable_set_sort(Ptable *t, SnapKey k)
{
    /* A new order starts at its top row, not at the old selection. */
    t->sort = k;
    t->sel_pid = 0;
    panel_select(&t->panel, 0);
}

static int sort_key_of(Act a)
{
    switch (a) {
    case ACT_SORT_REDS: return SNAP_REDS;
    case ACT_SORT_MEM: return SNAP_MEMORY;
    case ACT_SORT_MSGQ: return SNAP_MSGQ;
    case ACT_SORT_QGROW: return SNAP_MSGQ_GROWTH;
    case ACT_SORT_MGROW: return SNAP_MEM_GROWTH;
    case ACT_SORT_RESTARTS: return SNAP_RESTARTS;
    case ACT_SORT_PID: return SNAP_PID;
    default: return -1;
    }
}

/* After a move: remember the pid, and ask for more rows when the window
 * shows rows the snapshot does not hold. */
static int after_move(Ptable *t, const Snap *s)
{
    const SnapRow *r = ptable_selected(t, s);
    t->sel_pid = r ? r->pid : 0;
    if (t->panel.top + (size_t)t->panel.h > s->nrows && s->nrows < t->panel.n)
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    return PANEL_HANDLED | PANEL_REDRAW;
}

int ptable_key(Ptable *t, const Snap *s, Act a)
{
    int k = sort_key_of(a);
    if (k >= 0) {
        ptable_set_sort(t, (SnapKey)k);
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    }
    if (panel_key(&t->panel, a))
        return after_move(t, s);
    return PANEL_IGNORED;
}

int ptable_click(Ptable *t, const Snap *s, int y, int x)
{
    if (y == t->heading_y) {
        int c = prow_col_at(&t->layout, x);
        int k = c >= 0 ? prow_sort_key((ProwCol)c) : -1;
        if (k < 0)
            return PANEL_IGNORED;
        ptable_set_sort(t, (SnapKey)k);
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    }
    if (!panel_click(&t->panel, y))
        return PANEL_IGNORED;
    return after_move(t, s);
}

const SnapRow *ptable_selected(const Ptable *t, const Snap *s)
{
    return t->panel.sel < s->nrows ? &s->rows[t->panel.sel] : NULL;
}
