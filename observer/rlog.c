/* rlog.c — the restart log. Events arrive newest first; to keep the
 * selection on the event the user chose while new ones are prepended,
 * the selection is remembered by (mono_ms, supervisor, child id). */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "crt.h"
#include "fmt.h"
#include "rlog.h"

void rlog_init(Rlog *r, StreeNameFn *name_of, void *ctx)
{
    memset(r, 0, sizeof *r);
    r->name_of = name_of;
    r->name_ctx = ctx;
}

static bool same(const mote_restart_event *a, const mote_restart_event *b)
{
    return a->mono_ms == b->mono_ms && a->supervisor == b->supervisor &&
           !strcmp(a->child_id, b->child_id) && a->old_pid == b->old_pid;
}

void rlog_set(Rlog *r, const mote_restart_event *ev, size_t n)
{
    mote_restart_event old;
    bool had = r->panel.sel < r->n && r->panel.sel > 0;
    if (had)
        old = r->ev[r->panel.sel];
    r->ev = ev;
    r->n = n;
    panel_set_count(&r->panel, n);
    for (size_t i = 0; had && i < n; i++)
        if (same(&ev[i], &old)) {
            panel_select(&r->panel, i);
            break;
        }
}

void rlog_place(Rlog *r, int y, int h)
{
    panel_place(&r->panel, y + 1, h - 1);
}

static void draw_item(void *ctx, size_t i, int y, bool sel)
{
    Rlog *r = ctx;
    const mote_restart_event *e = &r->ev[i];
    char clock[16], sup[32], name[96], who[64], oldp[32], newp[32], line[512];
    fmt_clock(e->wall_ms, clock, sizeof clock);
    mote_format(mote_pid_term(e->supervisor), sup, sizeof sup);
    r->name_of(r->name_ctx, e->supervisor, name, sizeof name);
    snprintf(who, sizeof who, "%.40s", name[0] ? name : sup);
    if (e->old_pid)
        mote_format(mote_pid_term(e->old_pid), oldp, sizeof oldp);
    else
        snprintf(oldp, sizeof oldp, "-");
    if (e->new_pid)
        mote_format(mote_pid_term(e->new_pid), newp, sizeof newp);
    else
        snprintf(newp, sizeof newp, e->gave_up ? "GAVE UP" : "FAILED");
    snprintf(line, sizeof line, "%-8s %-25.25s %-16.16s %s -> %s  %s", clock, who, e->child_id,
             oldp, newp, e->reason);
    int a = sel ? crt_attr(CRT_SEL) : e->gave_up || !e->new_pid ? crt_attr(CRT_WARN) : 0;
    attron(a);
    if (sel) {
        move(y, 0);
        crt_pad();
    }
    crt_put(y, 0, COLS, line);
    attroff(a);
}

void rlog_draw(Rlog *r)
{
    int y = r->panel.y - 1;
    attron(crt_attr(CRT_HEAD));
    move(y, 0);
    crt_pad();
    crt_put(y, 0, COLS, "TIME     SUPERVISOR                CHILD            OLD -> NEW  REASON");
    attroff(crt_attr(CRT_HEAD));
    panel_draw(&r->panel, draw_item, r);
    if (!r->n && r->panel.h > 0)
        crt_put(r->panel.y, 2, COLS - 2, "(no restarts yet)");
}

int rlog_key(Rlog *r, Act a)
{
    return panel_key(&r->panel, a);
}

int rlog_click(Rlog *r, int y)
{
    if (!panel_click(&r->panel, y))
        return PANEL_IGNORED;
    return PANEL_HANDLED | PANEL_REDRAW;
}

mote_pid rlog_selected(const Rlog *r)
{
    if (r->panel.sel >= r->n)
        return 0;
    const mote_restart_event *e = &r->ev[r->panel.sel];
    return e->new_pid ? e->new_pid : e->old_pid ? e->old_pid : e->supervisor;
}
