/* screen.c — the full-screen view: header meters, the process table and
 * the key loop (htop's keys where htop has one).
 *
 * Each refresh takes one snapshot of the rows that fit on screen (top-K
 * on the runtime side), so the cost does not grow with the process count
 * beyond the one pass the source makes. Keys are read with a timeout of
 * the refresh interval; every action is one keystroke, except the text
 * of a / filter. Colours come from crt.c; without colours (or with
 * NO_COLOR) the view is monochrome with reverse video for selection. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "obj.h"
#include "observer.h"
#include "crt.h"

typedef struct Screen {
    Source *src;
    SnapQuery q;
    char filter[64];
    double delay_s;
    bool paused, help, confirm_kill;
    int sel;                    /* selected row index                   */
    mote_pid sel_pid;           /* kept across refreshes when possible  */
    Snap snap;
    bool have_snap;
    char msg[128];              /* one-line status message              */
    int table_top;              /* screen line of the first row         */
} Screen;

static const char *const help_lines[] = {
    "mote top keys",
    "  q, F10       quit (back to the shell when opened from observer())",
    "  ?, F1, h     this help (any key closes it)",
    "  Up/Down      select a process; PgUp/PgDn, Home/End move faster",
    "  mouse click  select the clicked row",
    "  P            sort by reductions per second (CPU)",
    "  M            sort by memory",
    "  Q            sort by message queue length",
    "  G            sort by message queue growth per second",
    "  g            sort by memory growth per second",
    "  R            sort by restarts",
    "  N            sort by pid",
    "  >, F6        next sort key",
    "  /, F3        filter by name, initial call, pid or function (Enter ends)",
    "  \\            clear the filter",
    "  Z, space     pause / resume refreshing",
    "  +, -         refresh interval longer / shorter",
    "  k, F9        kill the selected process (y confirms, any other key cancels)",
    "  x            send the selected process exit reason :shutdown",
    NULL,
};

static void take(Screen *sc)
{
    int rows = LINES - sc->table_top - 1;
    sc->q.limit = rows > 0 ? (size_t)rows : 1;
    sc->q.filter = sc->filter[0] ? sc->filter : NULL;
    Snap s;
    if (source_take(sc->src, &sc->q, &s)) {
        snprintf(sc->msg, sizeof sc->msg, "snapshot failed: %s", mote_last_error());
        return;
    }
    if (sc->have_snap)
        snap_release(&sc->snap);
    sc->snap = s;
    sc->have_snap = true;
    for (size_t i = 0; i < s.nrows; i++)
        if (s.rows[i].pid == sc->sel_pid)
            sc->sel = (int)i;
    if (sc->sel >= (int)s.nrows)
        sc->sel = s.nrows ? (int)s.nrows - 1 : 0;
    if (s.nrows)
        sc->sel_pid = s.rows[sc->sel].pid;
}

static void draw_bar(int y, int x, int w, const char *label, double frac)
{
    if (frac < 0)
        frac = 0;
    if (frac > 1)
        frac = 1;
    mvprintw(y, x, "%s[", label);
    int inner = w - (int)strlen(label) - 7;
    int fill = (int)(frac * inner + 0.5);
    attron(crt_color(CRT_BAR));
    for (int i = 0; i < inner; i++)
        addch(i < fill ? '|' : ' ');
    attroff(crt_color(CRT_BAR));
    printw("%4.0f%%]", frac * 100);
}

/* Header: one bar per scheduler (two columns), then figures. Returns the
 * next free line. */
static int draw_header(Screen *sc)
{
    const Snap *s = &sc->snap;
    const mote_rt_stats *st = &s->stats;
    int half = COLS / 2, y = 0;
    for (unsigned i = 0; i < st->nschedulers && i < MOTE_MAX_SCHEDULERS; i++) {
        char label[16];
        snprintf(label, sizeof label, "%2u", i + 1);
        draw_bar(y, (i % 2) * half, half - 1, label, st->sched_util[i]);
        if (i % 2 || i + 1 == st->nschedulers)
            y++;
    }
    uint64_t rq = 0;
    for (unsigned i = 0; i < st->nschedulers && i < MOTE_MAX_SCHEDULERS; i++)
        rq += st->runq_len[i];
    mvprintw(y++, 0, "Processes: %llu/%llu  run queue: %llu  uptime: %llus%s",
             (unsigned long long)s->nprocs, (unsigned long long)st->process_limit,
             (unsigned long long)rq, (unsigned long long)(st->uptime_ms / 1000),
             sc->paused ? "  [PAUSED]" : "");
    mvprintw(y++, 0, "Mem: total %zuK proc %zuK bin %zuK atom %zuK code %zuK",
             st->mem_total / 1024, st->mem_processes / 1024, st->mem_binaries / 1024,
             st->mem_atoms / 1024, st->mem_code / 1024);
    mvprintw(y++, 0, "Reds/s: %.0f  Msgs/s: %.0f  Restarts: %llu (%.0f/min)  Sort: %s%s%s",
             st->reductions_per_sec, st->messages_per_sec,
             (unsigned long long)s->restarts_total, s->restarts_per_min,
             snap_key_name(s->sort), sc->filter[0] ? "  Filter: " : "", sc->filter);
    return y;
}

static void draw_table(Screen *sc, int y)
{
    attron(crt_color(CRT_HEAD) | A_REVERSE);
    mvprintw(y, 0, "%-14s %-16s %7s %7s %6s %8s %7s %-7s %s", "PID", "NAME", "REDS/S",
             "MSGQ", "MSGQ/S", "MEMORY", "MEM/S", "STATUS", "CURRENT");
    for (int x = getcurx(stdscr); x < COLS; x++)
        addch(' ');
    attroff(crt_color(CRT_HEAD) | A_REVERSE);
    sc->table_top = ++y;
    for (size_t i = 0; i < sc->snap.nrows && y < LINES - 1; i++, y++) {
        const SnapRow *r = &sc->snap.rows[i];
        bool sel = (int)i == sc->sel;
        if (sel)
            attron(A_REVERSE);
        mvprintw(y, 0, "%-14.14s %-16.16s %7.0f %7llu %+6.0f %8zu %+7.0f %-7.7s %s", r->pid_text,
                 r->name[0] ? r->name : r->initial_call, r->reds_per_sec,
                 (unsigned long long)r->msgq, r->msgq_per_sec, r->memory, r->mem_per_sec,
                 r->status == MOTE_S_WAITING ? "waiting" : r->status == MOTE_S_SUSPENDED
                     ? "suspend" : r->status == MOTE_S_EXITING ? "exiting" : "running",
                 r->current_function);
        if (sel) {
            for (int x = getcurx(stdscr); x < COLS && getcury(stdscr) == y; x++)
                addch(' ');
            attroff(A_REVERSE);
        }
    }
}

static void draw_fbar(Screen *sc)
{
    move(LINES - 1, 0);
    clrtoeol();
    if (sc->confirm_kill && sc->snap.nrows) {
        attron(A_BOLD);
        printw("Kill %s? y confirms, any other key cancels", sc->snap.rows[sc->sel].pid_text);
        attroff(A_BOLD);
        return;
    }
    if (sc->msg[0]) {
        printw("%s", sc->msg);
        return;
    }
    static const char *const keys[][2] = {
        {"F1", "Help"}, {"F3", "Filter"}, {"F6", "Sort"}, {"F9", "Kill"},
        {"Z", "Pause"}, {"F10", "Quit"},
    };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        attron(A_REVERSE);
        printw("%s", keys[i][0]);
        attroff(A_REVERSE);
        printw("%-7s", keys[i][1]);
    }
}

static void draw(Screen *sc)
{
    erase();
    if (sc->help) {
        for (int i = 0; help_lines[i] && i < LINES; i++)
            mvprintw(i, 0, "%s", help_lines[i]);
    } else if (sc->have_snap) {
        int y = draw_header(sc);
        draw_table(sc, y + 1);
        draw_fbar(sc);
    }
    refresh();
}

static void read_filter(Screen *sc)
{
    move(LINES - 1, 0);
    clrtoeol();
    printw("Filter: ");
    echo();
    curs_set(1);
    timeout(-1);
    getnstr(sc->filter, sizeof sc->filter - 1);
    noecho();
    curs_set(0);
    sc->sel = 0;
    sc->sel_pid = 0;
}

static void set_sort(Screen *sc, SnapKey k)
{
    /* A new order starts at its top row, not at the old selection. */
    sc->q.sort = k;
    sc->sel = 0;
    sc->sel_pid = 0;
}

static void move_sel(Screen *sc, int by)
{
    int n = (int)sc->snap.nrows;
    sc->sel += by;
    if (sc->sel >= n)
        sc->sel = n - 1;
    if (sc->sel < 0)
        sc->sel = 0;
    if (n)
        sc->sel_pid = sc->snap.rows[sc->sel].pid;
}

static void signal_selected(Screen *sc, const char *reason)
{
    if (!sc->snap.nrows)
        return;
    const SnapRow *r = &sc->snap.rows[sc->sel];
    int rc = sc->src->cls->kill(sc->src, r->pid, reason);
    snprintf(sc->msg, sizeof sc->msg, rc ? "could not signal %s: %s" : "sent exit :%s to %s",
             rc ? r->pid_text : reason, rc ? mote_last_error() : r->pid_text);
}

static void on_mouse(Screen *sc)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
        return;
    int i = ev.y - sc->table_top;
    if (i >= 0 && i < (int)sc->snap.nrows) {
        sc->sel = i;
        sc->sel_pid = sc->snap.rows[i].pid;
    }
}

/* Handles one key; returns false to quit. */
static bool on_key(Screen *sc, int ch)
{
    sc->msg[0] = 0;
    if (sc->help) {
        sc->help = false;
        return ch != 'q';
    }
    if (sc->confirm_kill) {
        sc->confirm_kill = false;
        if (ch == 'y' || ch == 'Y')
            signal_selected(sc, "kill");
        return true;
    }
    switch (ch) {
    case 'q': case KEY_F(10): return false;
    case '?': case 'h': case KEY_F(1): sc->help = true; break;
    case KEY_UP: move_sel(sc, -1); break;
    case KEY_DOWN: move_sel(sc, 1); break;
    case KEY_PPAGE: move_sel(sc, -(LINES / 2)); break;
    case KEY_NPAGE: move_sel(sc, LINES / 2); break;
    case KEY_HOME: move_sel(sc, -1000000); break;
    case KEY_END: move_sel(sc, 1000000); break;
    case 'P': set_sort(sc, SNAP_REDS); break;
    case 'M': set_sort(sc, SNAP_MEMORY); break;
    case 'Q': set_sort(sc, SNAP_MSGQ); break;
    case 'G': set_sort(sc, SNAP_MSGQ_GROWTH); break;
    case 'g': set_sort(sc, SNAP_MEM_GROWTH); break;
    case 'R': set_sort(sc, SNAP_RESTARTS); break;
    case 'N': set_sort(sc, SNAP_PID); break;
    case '>': case KEY_F(6): set_sort(sc, (SnapKey)((sc->q.sort + 1) % SNAP_NKEYS)); break;
    case '/': case KEY_F(3): read_filter(sc); break;
    case '\\': sc->filter[0] = 0; break;
    case 'Z': case ' ': sc->paused = !sc->paused; break;
    case '+': sc->delay_s = sc->delay_s < 10 ? sc->delay_s * 2 : 10; break;
    case '-': sc->delay_s = sc->delay_s > 0.2 ? sc->delay_s / 2 : 0.1; break;
    case 'k': case KEY_F(9): sc->confirm_kill = sc->snap.nrows > 0; break;
    case 'x': signal_selected(sc, "shutdown"); break;
    case KEY_MOUSE: on_mouse(sc); break;
    case KEY_RESIZE: break;
    default: return true;
    }
    return true;
}

int observer_run_tui(mote_rt *rt, const observer_opts *opts)
{
    Screen sc = {.delay_s = opts && opts->delay_s > 0 ? opts->delay_s : 1.0, .table_top = 8};
    int k = opts && opts->sort ? snap_key_parse(opts->sort) : -1;
    sc.q.sort = k >= 0 ? (SnapKey)k : SNAP_REDS;
    if (source_local_new(rt, &sc.src))
        return MOTE_ENOMEM;
    if (crt_init()) {
        source_destroy(sc.src);
        return MOTE_ESTATE;
    }
    bool again = true;
    bool stale = true;
    while (again) {
        if (stale && !sc.paused)
            take(&sc);
        draw(&sc);
        timeout((int)(sc.delay_s * 1000));
        int ch = getch();
        stale = ch == ERR || ch == KEY_RESIZE || ch == '/' || ch == '\\' ||
                (ch >= 'A' && ch <= 'Z' && ch != 'Z') || ch == '>' || ch == 'g' ||
                ch == KEY_F(6) || ch == KEY_F(3);
        if (ch != ERR)
            again = on_key(&sc, ch);
    }
    crt_done();
    if (sc.have_snap)
        snap_release(&sc.snap);
    source_destroy(sc.src);
    return 0;
}
