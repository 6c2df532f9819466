/* meter.c — drawing meters: text, per-scheduler bars (two or four to a
 * line, each with its run queue length) and sparklines. A sparkline
 * shows the newest samples that fit, scaled to the class's total or to
 * the largest sample shown; UTF-8 terminals get block characters
 * (▁ … █), others an ASCII ramp. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "crt.h"
#include "meter.h"

void meter_init(Meter *m, const MeterClass *cls, MeterMode mode)
{
    memset(m, 0, sizeof *m);
    m->cls = cls;
    m->mode = (cls->modes & mode) ? mode : METER_TEXT;
}

void meter_update(Meter *m, const Snap *s)
{
    m->cls->update(m, s);
    if (m->nhist == METER_HIST) {
        memmove(m->hist, m->hist + 1, (METER_HIST - 1) * sizeof *m->hist);
        m->nhist--;
    }
    m->hist[m->nhist++] = m->values[0];
}

/* Bars per line: four narrow ones when there are many schedulers and
 * room, else two, else one. */
static int bars_per_line(const Meter *m, int w)
{
    if (m->nvalues > 4 && w >= 120)
        return 4;
    return w >= 60 ? 2 : 1;
}

int meter_height(const Meter *m, int w)
{
    if (m->mode != METER_BAR)
        return 1;
    int per = bars_per_line(m, w);
    return (int)((m->nvalues + (size_t)per - 1) / (size_t)per);
}

static void draw_bar(int y, int x, int w, size_t i, double frac, double runq)
{
    char label[24], tail[48];
    snprintf(label, sizeof label, "%2zu[", i + 1);
    snprintf(tail, sizeof tail, "%5.1f%% rq%3.0f]", frac * 100, runq);
    frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
    int inner = w - (int)strlen(label) - (int)strlen(tail);
    if (inner < 1)
        inner = 1;
    int fill = (int)(frac * inner + 0.5);
    attron(crt_attr(CRT_TITLE));
    mvaddstr(y, x, label);
    attroff(crt_attr(CRT_TITLE));
    attron(crt_attr(CRT_BAR));
    for (int i = 0; i < inner; i++)
        addch(i < fill ? '|' : ' ');
    attroff(crt_attr(CRT_BAR));
    addstr(tail);
}

static int draw_bars(const Meter *m, int y, int x, int w)
{
    int per = bars_per_line(m, w), cw = w / per;
    for (size_t i = 0; i < m->nvalues; i++)
        draw_bar(y + (int)i / per, x + (int)(i % (size_t)per) * cw, cw - 1, i, m->values[i],
                 m->aux[i]);
    return meter_height(m, w);
}

static void spark_cell(double frac)
{
    static const char *const blocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    static const char ramp[] = "_.-:=+*#";
    int lvl = (int)(frac * 7 + 0.5);
    lvl = lvl < 0 ? 0 : lvl > 7 ? 7 : lvl;
    if (crt_utf8())
        addstr(blocks[lvl]);
    else
        addch((chtype)(unsigned char)ramp[lvl]);
}

static int draw_spark(const Meter *m, int y, int x, int w)
{
    char cap[32];
    snprintf(cap, sizeof cap, "%s ", m->cls->caption);
    int used = crt_put(y, x, w, cap);
    int room = w - used - (int)strlen(m->spark_label) - 1;
    if (room < 1)
        return 1;
    size_t shown = m->nhist < (size_t)room ? m->nhist : (size_t)room;
    const double *h = m->hist + m->nhist - shown;
    /* A fixed scale when the class has one; else the range of what is
     * shown, so a small change in a large figure (memory) stays visible. */
    double lo = 0, top = m->cls->total;
    if (!m->cls->total && shown) {
        lo = top = h[0];
        for (size_t i = 0; i < shown; i++) {
            lo = h[i] < lo ? h[i] : lo;
            top = h[i] > top ? h[i] : top;
        }
        lo = lo == top ? 0 : lo;
    }
    move(y, x + used);
    attron(crt_attr(CRT_SPARK));
    for (int i = 0; i < room - (int)shown; i++)
        addch(' ');
    for (size_t i = 0; i < shown; i++)
        spark_cell(top > lo ? (h[i] - lo) / (top - lo) : 0);
    attroff(crt_attr(CRT_SPARK));
    addch(' ');
    addstr(m->spark_label);
    return 1;
}

int meter_draw(const Meter *m, int y, int x, int w)
{
    switch (m->mode) {
    case METER_BAR: return draw_bars(m, y, x, w);
    case METER_SPARK: return draw_spark(m, y, x, w);
    default: break;
    }
    /* Text meters carry their own labels (a caption is for charts). */
    crt_put(y, x, w, m->text);
    return 1;
}
