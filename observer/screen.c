/* screen.c — the screen manager: owns the source, the header and the
 * views, runs the key loop and the refresh clock, and handles resize.
 *
 * Each refresh takes one snapshot holding only the rows the table can
 * show (top-K on the source's side), so the cost does not grow with the
 * process count beyond the one pass the source makes. Keys are read with
 * a timeout that runs to the next refresh (a held key does not postpone
 * it); every action is one keystroke, except the text of a / filter or a
 * typed exit reason. The terminal is the caller's again when
 * observer_run_tui returns (crt.c). */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "crt.h"
#include "observer.h"
#include "screen.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The current view's own data, read after each snapshot. */
static void take_view(Screen *sc)
{
    int rc = 0;
    switch (sc->view) {
    case VIEW_TREE:
        rc = feed_sups(&sc->feed);
        if (!rc)
            rc = stree_build(&sc->tree, sc->feed.sups, sc->feed.nsups, &sc->snap);
        break;
    case VIEW_LOG:
        rc = feed_log(&sc->feed);
        if (!rc)
            rlog_set(&sc->log, sc->feed.log, sc->feed.nlog);
        break;
    case VIEW_DETAIL: detail_refresh(&sc->detail, &sc->feed.detail); break;
    case VIEW_MAILBOX: detail_refresh_mailbox(&sc->detail, &sc->feed.detail); break;
    default: break;
    }
    if (rc)
        snprintf(sc->msg, sizeof sc->msg, "reading the view's data failed: %s", mote_strerror(rc));
}

static void take(Screen *sc)
{
    SnapQuery q;
    ptable_query(&sc->table, &q);
    Snap s;
    if (source_take(sc->src, &q, &s)) {
        snprintf(sc->msg, sizeof sc->msg, "snapshot failed: %s", mote_last_error());
        return;
    }
    if (sc->have_snap)
        snap_release(&sc->snap);
    sc->snap = s;
    sc->have_snap = true;
    header_update(&sc->header, &sc->snap);
    ptable_adopt(&sc->table, &sc->snap);
    take_view(sc);
}

/* Lines: header, one tab line, the view, the function bar. */
static void layout(Screen *sc)
{
    int hh = header_height(&sc->header, COLS);
    /* On a short terminal the header gives way to the table first. */
    if (hh > LINES / 2)
        hh = LINES / 2;
    sc->body_y = hh + 1;
    int body_h = LINES - sc->body_y - 1;
    body_h = body_h > 1 ? body_h : 2;
    ptable_place(&sc->table, sc->body_y, body_h, COLS);
    stree_place(&sc->tree, sc->body_y, body_h);
    rlog_place(&sc->log, sc->body_y, body_h);
    detail_place(&sc->detail, sc->body_y, body_h);
}

static void draw_tabs(Screen *sc)
{
    int y = sc->body_y - 1;
    static const ViewId tabs[] = {VIEW_PROCS, VIEW_TREE, VIEW_LOG, VIEW_DETAIL};
    move(y, 0);
    clrtoeol();
    for (size_t i = 0; i < sizeof tabs / sizeof *tabs; i++) {
        bool on = sc->view == tabs[i];
        int a = on ? crt_attr(CRT_HEAD) | (int)A_BOLD : crt_attr(CRT_DIM);
        attron(a);
        printw(" %s ", prefs_view_name(tabs[i]));
        attroff(a);
        addch(' ');
    }
    char st[200], rows[48] = "";
    const Panel *p = &sc->table.panel;
    if (sc->view == VIEW_PROCS && p->n)
        snprintf(rows, sizeof rows, "  %zu-%zu of %llu", p->top + 1,
                 p->top + (size_t)p->h < p->n ? p->top + (size_t)p->h : p->n,
                 (unsigned long long)sc->snap.nmatched);
    snprintf(st, sizeof st, " Sort: %s%s%s  every %.1fs%s%s", snap_key_name(sc->table.sort),
             sc->table.filter[0] ? "  Filter: " : "", sc->table.filter, sc->delay_s,
             sc->paused ? "  [PAUSED]" : "", rows);
    int x = getcurx(stdscr);
    crt_put(y, x, COLS - x, st);
}

static void draw_body(Screen *sc)
{
    switch (sc->view) {
    case VIEW_PROCS: ptable_draw(&sc->table, &sc->snap); break;
    case VIEW_TREE: stree_draw(&sc->tree); break;
    case VIEW_LOG: rlog_draw(&sc->log); break;
    case VIEW_DETAIL: detail_draw(&sc->detail, false); break;
    case VIEW_MAILBOX: detail_draw(&sc->detail, true); break;
    default: break;
    }
}

static void draw(Screen *sc)
{
    erase();
    if (sc->modal == MODAL_HELP) {
        dialog_draw(sc);
        refresh();
        return;
    }
    if (sc->have_snap) {
        header_draw(&sc->header, COLS);
        draw_tabs(sc);
        draw_body(sc);
    }
    if (sc->modal != MODAL_NONE)
        dialog_draw(sc);
    else if (sc->msg[0])
        fbar_text(&sc->fbar, LINES - 1, sc->msg, false);
    else
        fbar_draw(&sc->fbar, sc->view, LINES - 1);
    refresh();
}

static void go(Screen *sc, ViewId v)
{
    if (v == sc->view)
        return;
    if (sc->nback == SCREEN_BACK_MAX) {
        memmove(sc->back, sc->back + 1, (SCREEN_BACK_MAX - 1) * sizeof *sc->back);
        sc->nback--;
    }
    sc->back[sc->nback++] = sc->view;
    sc->view = v;
}

static int go_back(Screen *sc)
{
    if (sc->view == VIEW_DETAIL && sc->ndback) {
        detail_open(&sc->detail, sc->dback[--sc->ndback]);
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    }
    if (!sc->nback)
        return PANEL_HANDLED;
    sc->view = sc->back[--sc->nback];
    return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
}

/* The process the current view has selected (the shown one in the
 * detail and mailbox views); 0 if none. */
static mote_pid selected_pid(Screen *sc)
{
    switch (sc->view) {
    case VIEW_PROCS: {
        const SnapRow *r = sc->have_snap ? ptable_selected(&sc->table, &sc->snap) : NULL;
        return r ? r->pid : 0;
    }
    case VIEW_TREE: return stree_selected(&sc->tree);
    case VIEW_LOG: return rlog_selected(&sc->log);
    default: return sc->detail.pid;
    }
}

/* The selected process with its name, for prompts and messages. */
static mote_pid selected(Screen *sc, char *text, size_t n)
{
    mote_pid pid = selected_pid(sc);
    char p[32], who[96];
    if (!pid)
        return 0;
    mote_format(mote_pid_term(pid), p, sizeof p);
    feed_name(&sc->feed, pid, who, sizeof who);
    snprintf(text, n, "%s%s%s", p, who[0] ? " " : "", who);
    return pid;
}

/* Opens the detail of pid; from the detail itself, remembers where it
 * came from so Esc walks back. */
static int open_detail(Screen *sc, mote_pid pid)
{
    if (!pid) {
        snprintf(sc->msg, sizeof sc->msg, "no process on this line");
        return PANEL_HANDLED | PANEL_REDRAW;
    }
    if (sc->view == VIEW_DETAIL && sc->detail.pid && sc->detail.pid != pid) {
        if (sc->ndback == SCREEN_BACK_MAX) {
            memmove(sc->dback, sc->dback + 1, (SCREEN_BACK_MAX - 1) * sizeof *sc->dback);
            sc->ndback--;
        }
        sc->dback[sc->ndback++] = sc->detail.pid;
    } else if (sc->view != VIEW_DETAIL) {
        sc->ndback = 0;
    }
    detail_open(&sc->detail, pid);
    go(sc, VIEW_DETAIL);
    return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
}

static int suspend(Screen *sc)
{
    char text[160];
    mote_pid pid = selected(sc, text, sizeof text);
    mote_proc_info pi;
    if (!pid || sc->feed.detail.info(sc->feed.detail.ctx, pid, &pi)) {
        snprintf(sc->msg, sizeof sc->msg, "no live process selected");
        return PANEL_HANDLED | PANEL_REDRAW;
    }
    bool on = pi.status != MOTE_S_SUSPENDED;
    int rc = feed_suspend(&sc->feed, pid, on);
    if (rc)
        snprintf(sc->msg, sizeof sc->msg, "could not %s %.100s: %.60s", on ? "suspend" : "resume", text,
                 mote_strerror(rc));
    else
        snprintf(sc->msg, sizeof sc->msg, "%s %.160s", on ? "suspended" : "resumed", text);
    return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
}

static int edit_filter(Screen *sc)
{
    char buf[sizeof sc->table.filter];
    snprintf(buf, sizeof buf, "%s", sc->table.filter);
    if (dialog_prompt("Filter: ", buf, sizeof buf)) {
        snprintf(sc->table.filter, sizeof sc->table.filter, "%s", buf);
        sc->table.sel_pid = 0;
        panel_select(&sc->table.panel, 0);
    }
    return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
}

static int signal_dialog(Screen *sc, Modal m)
{
    char text[160];
    mote_pid pid = selected(sc, text, sizeof text);
    if (!pid) {
        snprintf(sc->msg, sizeof sc->msg, "no process selected");
        return PANEL_HANDLED | PANEL_REDRAW;
    }
    dialog_open_signal(sc, m, pid, text);
    return PANEL_HANDLED | PANEL_REDRAW;
}

static int set_delay(Screen *sc, double d)
{
    sc->delay_s = d < PREFS_DELAY_MIN ? PREFS_DELAY_MIN : d > PREFS_DELAY_MAX ? PREFS_DELAY_MAX : d;
    snprintf(sc->msg, sizeof sc->msg, "refresh every %.1fs", sc->delay_s);
    return PANEL_HANDLED | PANEL_REDRAW;
}

/* Keys every view shares. */
static int global_act(Screen *sc, Act a)
{
    switch (a) {
    case ACT_QUIT: return PANEL_QUIT;
    case ACT_HELP:
        sc->modal = MODAL_HELP;
        panel_select(&sc->help, 0);
        sc->help.top = 0;
        return PANEL_HANDLED | PANEL_REDRAW;
    case ACT_BACK: return go_back(sc);
    case ACT_REDRAW: clearok(curscr, TRUE); return PANEL_HANDLED | PANEL_REDRAW;
    case ACT_PROCS: go(sc, VIEW_PROCS); return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    case ACT_TREE: go(sc, VIEW_TREE); return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    case ACT_LOG: go(sc, VIEW_LOG); return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    case ACT_SORT_MENU:
        sc->modal = MODAL_SORT;
        panel_select(&sc->sort, sc->table.sort);
        return PANEL_HANDLED | PANEL_REDRAW;
    case ACT_FILTER: return edit_filter(sc);
    case ACT_FILTER_CLEAR:
        sc->table.filter[0] = 0;
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    case ACT_PAUSE: sc->paused = !sc->paused; return PANEL_HANDLED | PANEL_REDRAW;
    case ACT_SLOWER: return set_delay(sc, sc->delay_s * 2);
    case ACT_FASTER: return set_delay(sc, sc->delay_s / 2);
    case ACT_KILL: return signal_dialog(sc, MODAL_KILL);
    case ACT_EXIT: return signal_dialog(sc, MODAL_EXIT);
    case ACT_SUSPEND: return suspend(sc);
    case ACT_DETAIL: return open_detail(sc, selected_pid(sc));
    case ACT_MAILBOX:
        if (sc->view == VIEW_DETAIL)
            go(sc, VIEW_MAILBOX);
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    case ACT_WAITING: return open_detail(sc, sc->detail.info.waiting_on);
    case ACT_PARENT: return open_detail(sc, sc->detail.info.parent);
    default: return PANEL_IGNORED;
    }
}

static int view_act(Screen *sc, Act a)
{
    switch (sc->view) {
    case VIEW_PROCS: return ptable_key(&sc->table, &sc->snap, a);
    case VIEW_TREE: return stree_key(&sc->tree, a);
    case VIEW_LOG: return rlog_key(&sc->log, a);
    case VIEW_DETAIL:
        if (a == ACT_DETAIL)
            return open_detail(sc, detail_target(&sc->detail));
        return detail_key(&sc->detail, a, false);
    case VIEW_MAILBOX: return detail_key(&sc->detail, a, true);
    default: return PANEL_IGNORED;
    }
}

static int on_mouse(Screen *sc)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
        return PANEL_IGNORED;
    if (ev.y == LINES - 1) {
        Act a = fbar_hit(&sc->fbar, ev.x);
        int f = view_act(sc, a);
        return f ? f : global_act(sc, a);
    }
    switch (sc->view) {
    case VIEW_PROCS: return sc->have_snap ? ptable_click(&sc->table, &sc->snap, ev.y, ev.x) : 0;
    case VIEW_TREE: return stree_click(&sc->tree, ev.y);
    case VIEW_LOG: return rlog_click(&sc->log, ev.y);
    default: return detail_click(&sc->detail, ev.y);
    }
}

static int on_key(Screen *sc, int ch)
{
    if (sc->modal != MODAL_NONE)
        return dialog_key(sc, ch);
    sc->msg[0] = 0;
    if (ch == KEY_RESIZE)
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    if (ch == KEY_MOUSE)
        return on_mouse(sc);
    Act a = prefs_act(ch, sc->view);
    if (!sc->have_snap)
        return global_act(sc, a);
    int f = view_act(sc, a);
    return f ? f : global_act(sc, a);
}

/* The key loop: a snapshot when the interval has passed (or a key asks
 * for fresh data), a redraw only when something changed. */
static void run(Screen *sc)
{
    double next = 0;
    bool force = true, dirty = true;
    for (;;) {
        double t = now_s();
        if (force || (!sc->paused && t >= next)) {
            layout(sc);     /* the table's height decides how many rows to ask for */
            take(sc);
            next = t + sc->delay_s;
            force = false;
            dirty = true;
        }
        if (dirty) {
            layout(sc);
            draw(sc);
            dirty = false;
        }
        /* Waits are capped so a resize is seen soon even if the signal
         * did not end the wait. */
        double wait = sc->paused ? 0.25 : next - now_s();
        wait = wait > 0.25 ? 0.25 : wait;
        timeout(wait > 0 ? (int)(wait * 1000) + 1 : 0);
        int ch = getch();
        if (crt_resized()) {
            force = dirty = true;
            continue;
        }
        if (ch == ERR)
            continue;
        int f = on_key(sc, ch);
        if (f & PANEL_QUIT)
            return;
        force = (f & (PANEL_RETAKE | PANEL_RETAKE_DETAIL)) != 0;
        dirty = true;
    }
}

int observer_run_tui(mote_rt *rt, const observer_opts *opts)
{
    Screen sc;
    memset(&sc, 0, sizeof sc);
    sc.delay_s = opts && opts->delay_s > 0 ? opts->delay_s : 1.0;
    int k = opts && opts->sort ? snap_key_parse(opts->sort) : -1;
    ptable_init(&sc.table, k >= 0 ? (SnapKey)k : SNAP_REDS);
    header_init(&sc.header);
    int rc = source_local_new(rt, &sc.src) ? MOTE_ENOMEM : 0;
    if (!rc)
        rc = feed_init(&sc.feed, sc.src);
    if (!rc)
        rc = detail_init(&sc.detail);
    stree_init(&sc.tree, feed_name, &sc.feed);
    rlog_init(&sc.log, feed_name, &sc.feed);
    if (!rc && crt_init())
        rc = MOTE_ESTATE;
    if (!rc) {
        run(&sc);
        crt_done();
    }
    if (sc.have_snap)
        snap_release(&sc.snap);
    stree_fini(&sc.tree);
    detail_fini(&sc.detail);
    feed_fini(&sc.feed);
    source_destroy(sc.src);
    return rc;
}
