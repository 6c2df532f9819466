/* prow.c — process rows: column layout, heading, one row. Numbers are
 * right-aligned and shortened (fmt.c) so a 80-column terminal still has
 * room for the name and the current function. A growing queue is drawn
 * in the warning colour: that process is falling behind. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "crt.h"
#include "fmt.h"
#include "prow.h"

static const struct {
    const char *title;
    int width;              /* 0: flexible                               */
    bool right;
    int key;                /* SnapKey, or -1                            */
} cols[PROW_NCOLS] = {
    [PROW_PID] = {"PID", 12, false, SNAP_PID},
    [PROW_NAME] = {"NAME", 0, false, SNAP_NAME},
    [PROW_REDS] = {"REDS/S", 6, true, SNAP_REDS},
    [PROW_MSGQ] = {"MSGQ", 6, true, SNAP_MSGQ},
    [PROW_MSGQ_G] = {"MSGQ/S", 6, true, SNAP_MSGQ_GROWTH},
    [PROW_MEM] = {"MEM", 6, true, SNAP_MEMORY},
    [PROW_MEM_G] = {"MEM/S", 6, true, SNAP_MEM_GROWTH},
    [PROW_RST] = {"RST", 4, true, SNAP_RESTARTS},
    [PROW_STATUS] = {"STAT", 4, false, SNAP_STATUS},
    [PROW_CURRENT] = {"CURRENT FUNCTION", 0, false, SNAP_FUNCTION},
};

void prow_layout(ProwLayout *l, int ncols)
{
    int fixed = 0, shown = 0;
    for (int c = 0; c < PROW_NCOLS; c++) {
        l->w[c] = cols[c].width;
        if (c == PROW_RST && ncols < 100)
            l->w[c] = 0;
        fixed += l->w[c];
        shown += l->w[c] || !cols[c].width;
    }
    int rest = ncols - fixed - (shown - 1);
    if (rest < 8)
        rest = 8;
    l->w[PROW_NAME] = rest * 5 / 10 > 32 ? 32 : rest * 5 / 10;
    l->w[PROW_CURRENT] = rest - l->w[PROW_NAME];
    int x = 0;
    for (int c = 0; c < PROW_NCOLS; c++) {
        l->x[c] = x;
        if (l->w[c])
            x += l->w[c] + 1;
    }
}

int prow_sort_key(ProwCol c)
{
    return c < PROW_NCOLS ? cols[c].key : -1;
}

int prow_col_at(const ProwLayout *l, int x)
{
    for (int c = 0; c < PROW_NCOLS; c++)
        if (l->w[c] && x >= l->x[c] && x <= l->x[c] + l->w[c])
            return c;
    return -1;
}

static void cell(const ProwLayout *l, int c, int y, const char *text)
{
    if (!l->w[c])
        return;
    char buf[160];
    if (cols[c].right)
        snprintf(buf, sizeof buf, "%*.*s", l->w[c], l->w[c], text);
    else
        snprintf(buf, sizeof buf, "%-*.*s", l->w[c], l->w[c], text);
    crt_put(y, l->x[c], l->w[c] + (c + 1 < PROW_NCOLS), buf);
}

void prow_draw_heading(const ProwLayout *l, int y, SnapKey sort)
{
    attron(crt_attr(CRT_HEAD));
    move(y, 0);
    crt_pad();
    for (int c = 0; c < PROW_NCOLS; c++) {
        bool on = cols[c].key >= 0 && (SnapKey)cols[c].key == sort;
        if (on)
            attron(A_BOLD | A_UNDERLINE);
        cell(l, c, y, cols[c].title);
        if (on)
            attroff(A_BOLD | A_UNDERLINE);
    }
    attroff(crt_attr(CRT_HEAD));
}

const char *prow_status(mote_status st)
{
    switch (st) {
    case MOTE_S_RUNNING: return "run";
    case MOTE_S_RUNNABLE: return "rdy";
    case MOTE_S_WAITING: return "wait";
    case MOTE_S_EXITING: return "exit";
    case MOTE_S_SUSPENDED: return "susp";
    default: return "?";
    }
}

/* "#PID<0.12.0>" without its "#PID" prefix: the column is narrow. */
static const char *short_pid(const SnapRow *r)
{
    return strncmp(r->pid_text, "#PID", 4) ? r->pid_text : r->pid_text + 4;
}

void prow_draw(const ProwLayout *l, const SnapRow *r, int y, bool sel)
{
    char b[32];
    int base = sel ? crt_attr(CRT_SEL) : 0;
    attron(base);
    move(y, 0);
    if (sel)
        crt_pad();
    cell(l, PROW_PID, y, short_pid(r));
    cell(l, PROW_NAME, y, r->name[0] ? r->name : r->initial_call);
    cell(l, PROW_REDS, y, fmt_count(r->reds_per_sec, b, sizeof b));
    cell(l, PROW_MSGQ, y, fmt_count((double)r->msgq, b, sizeof b));
    bool behind = r->msgq_per_sec >= 1 && !sel;
    if (behind)
        attron(crt_attr(CRT_WARN));
    cell(l, PROW_MSGQ_G, y, fmt_growth(r->msgq_per_sec, 0, b, sizeof b));
    if (behind)
        attroff(crt_attr(CRT_WARN));
    cell(l, PROW_MEM, y, fmt_bytes((double)r->memory, b, sizeof b));
    cell(l, PROW_MEM_G, y, fmt_growth(r->mem_per_sec, 1, b, sizeof b));
    snprintf(b, sizeof b, "%u", r->restarts);
    cell(l, PROW_RST, y, b);
    /* Blocked in a GenServer.call or Task.await: "call", not just "wait". */
    cell(l, PROW_STATUS, y, r->waiting_on && r->status == MOTE_S_WAITING ? "call"
                                                                          : prow_status(r->status));
    cell(l, PROW_CURRENT, y, r->current_function);
    attroff(base);
}
