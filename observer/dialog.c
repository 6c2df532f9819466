/* dialog.c — what opens over a view: the help screen (built from the key
 * table, so every key is listed), the sort menu, the kill confirmation
 * and the exit-signal chooser, and the one-line text prompt. A dialog
 * takes every key until it closes; none of them blocks the refresh. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "crt.h"
#include "screen.h"

static const char *const sort_help[SNAP_NKEYS] = {
    [SNAP_REDS] = "reductions per second (CPU)",
    [SNAP_MSGQ] = "message queue length",
    [SNAP_MEMORY] = "memory",
    [SNAP_MSGQ_GROWTH] = "message queue growth per second",
    [SNAP_MEM_GROWTH] = "memory growth per second",
    [SNAP_RESTARTS] = "restarts (supervisors)",
    [SNAP_PID] = "pid",
    [SNAP_NAME] = "name (registered, else initial call), A to Z",
    [SNAP_STATUS] = "status: running, runnable, call, waiting, suspended",
    [SNAP_FUNCTION] = "current function, A to Z",
};

/* ---- help ------------------------------------------------------------ */

static void help_item(void *ctx, size_t i, int y, bool sel)
{
    (void)ctx;
    (void)sel;
    const KeyDef *k = &prefs_keys[i];
    attron(crt_attr(CRT_TITLE));
    crt_put(y, 1, 16, k->names);
    attroff(crt_attr(CRT_TITLE));
    int x = 18 + crt_put(y, 18, COLS - 18, k->help);
    if (__builtin_popcount(k->views) > 2)
        return;
    /* Where a key works, when only in one or two views: "[Tree]". */
    char where[64] = " [";
    for (int v = 0; v < VIEW_N; v++)
        if (k->views & IN(v)) {
            size_t len = strlen(where);
            snprintf(where + len, sizeof where - len, "%s%s", len > 2 ? ", " : "",
                     prefs_view_name((ViewId)v));
        }
    size_t len = strlen(where);
    snprintf(where + len, sizeof where - len, "]");
    attron(crt_attr(CRT_DIM));
    crt_put(y, x, COLS - x, where);
    attroff(crt_attr(CRT_DIM));
}

static void draw_help(Screen *sc)
{
    erase();
    attron(crt_attr(CRT_HEAD));
    move(0, 0);
    crt_pad();
    crt_put(0, 0, COLS, " mote top: keys (Up/Down/PgUp/PgDn scroll, any other key closes)");
    attroff(crt_attr(CRT_HEAD));
    panel_place(&sc->help, 1, LINES - 1);
    panel_set_count(&sc->help, prefs_nkeys);
    /* The help scrolls as a page, not as a selection: keep the selection
     * on the top visible line so Down always reveals a new line. */
    panel_draw(&sc->help, help_item, NULL);
}

static int help_key(Screen *sc, int ch)
{
    Act a = ch == KEY_UP ? ACT_UP : ch == KEY_DOWN ? ACT_DOWN : ch == KEY_PPAGE ? ACT_PGUP
          : ch == KEY_NPAGE ? ACT_PGDN : ACT_NONE;
    if (a == ACT_NONE) {
        sc->modal = MODAL_NONE;
        return PANEL_HANDLED | PANEL_REDRAW | (ch == 'q' ? PANEL_QUIT : 0);
    }
    long page = sc->help.h > 1 ? sc->help.h - 1 : 1;
    long by = a == ACT_UP ? -1 : a == ACT_DOWN ? 1 : a == ACT_PGUP ? -page : page;
    long top = (long)sc->help.top + by, max = (long)prefs_nkeys - sc->help.h;
    max = max < 0 ? 0 : max;
    top = top > max ? max : top;
    sc->help.top = top < 0 ? 0 : (size_t)top;
    sc->help.sel = sc->help.top;
    return PANEL_HANDLED | PANEL_REDRAW;
}

/* ---- sort menu ------------------------------------------------------- */

static void sort_item(void *ctx, size_t i, int y, bool sel)
{
    Screen *sc = ctx;
    char line[96];
    snprintf(line, sizeof line, " %c %-14s %s", sc->table.sort == (SnapKey)i ? '*' : ' ',
             snap_key_name((SnapKey)i), sort_help[i]);
    int a = sel ? crt_attr(CRT_SEL) : 0;
    attron(a);
    crt_put(y, 2, 60, line);
    for (int x = 2 + (int)strlen(line); x < 62 && x < COLS; x++)
        mvaddch(y, x, ' ');
    attroff(a);
}

static void draw_sort(Screen *sc)
{
    int y = sc->body_y;
    attron(crt_attr(CRT_HEAD));
    move(y, 0);
    crt_pad();
    crt_put(y, 2, COLS - 2, "Sort by (Enter picks, Esc cancels)");
    attroff(crt_attr(CRT_HEAD));
    panel_place(&sc->sort, y + 1, SNAP_NKEYS);
    panel_set_count(&sc->sort, SNAP_NKEYS);
    panel_draw(&sc->sort, sort_item, sc);
}

static int sort_key(Screen *sc, int ch)
{
    Act a = prefs_act(ch, VIEW_PROCS);
    if (panel_key(&sc->sort, a))
        return PANEL_HANDLED | PANEL_REDRAW;
    sc->modal = MODAL_NONE;
    if (a == ACT_DETAIL) {
        ptable_set_sort(&sc->table, (SnapKey)sc->sort.sel);
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    }
    return PANEL_HANDLED | PANEL_REDRAW | (a == ACT_QUIT ? PANEL_QUIT : 0);
}

/* ---- kill and exit signals ------------------------------------------- */

void dialog_open_signal(Screen *sc, Modal m, mote_pid pid, const char *text)
{
    if (!pid)
        return;
    sc->modal = m;
    sc->target = pid;
    snprintf(sc->target_text, sizeof sc->target_text, "%s", text);
}

static void send_signal(Screen *sc, const char *reason)
{
    int rc = sc->src->cls->kill(sc->src, sc->target, reason);
    if (rc)
        snprintf(sc->msg, sizeof sc->msg, "could not signal %s: %s", sc->target_text,
                 mote_last_error());
    else
        snprintf(sc->msg, sizeof sc->msg, "sent exit :%s to %s", reason, sc->target_text);
}

static int signal_key(Screen *sc, int ch)
{
    Modal m = sc->modal;
    sc->modal = MODAL_NONE;
    if (m == MODAL_KILL) {
        if (ch == 'y' || ch == 'Y')
            send_signal(sc, "kill");
        else
            snprintf(sc->msg, sizeof sc->msg, "kill cancelled");
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
    }
    char reason[64] = "";
    switch (ch) {
    case 's': snprintf(reason, sizeof reason, "shutdown"); break;
    case 'n': snprintf(reason, sizeof reason, "normal"); break;
    case 'k': snprintf(reason, sizeof reason, "kill"); break;
    case 't':
        if (!dialog_prompt("Exit reason (an atom): ", reason, sizeof reason))
            reason[0] = 0;
        break;
    default: break;
    }
    if (reason[0])
        send_signal(sc, reason);
    else
        snprintf(sc->msg, sizeof sc->msg, "exit signal cancelled");
    return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE;
}

static void draw_signal(Screen *sc)
{
    char line[320];
    if (sc->modal == MODAL_KILL)
        snprintf(line, sizeof line, "Kill %s? y confirms, any other key cancels",
                 sc->target_text);
    else
        snprintf(line, sizeof line,
                 "Exit signal to %s: s :shutdown  n :normal  k :kill  t type a reason  "
                 "(other keys cancel)", sc->target_text);
    fbar_text(&sc->fbar, LINES - 1, line, true);
}

/* ---- dispatch -------------------------------------------------------- */

void dialog_draw(Screen *sc)
{
    switch (sc->modal) {
    case MODAL_HELP: draw_help(sc); break;
    case MODAL_SORT: draw_sort(sc); break;
    case MODAL_KILL: case MODAL_EXIT: draw_signal(sc); break;
    default: break;
    }
}

int dialog_key(Screen *sc, int ch)
{
    if (ch == KEY_RESIZE || ch == KEY_MOUSE)
        return PANEL_HANDLED | PANEL_REDRAW;
    switch (sc->modal) {
    case MODAL_HELP: return help_key(sc, ch);
    case MODAL_SORT: return sort_key(sc, ch);
    case MODAL_KILL: case MODAL_EXIT: return signal_key(sc, ch);
    default: return PANEL_IGNORED;
    }
}

bool dialog_prompt(const char *label, char *buf, size_t n)
{
    size_t len = strlen(buf);
    curs_set(1);
    timeout(-1);
    for (;;) {
        move(LINES - 1, 0);
        clrtoeol();
        attron(A_BOLD);
        addstr(label);
        attroff(A_BOLD);
        addstr(buf);
        refresh();
        int ch = getch();
        if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
            break;
        if (ch == 27 || ch == 3) {
            curs_set(0);
            return false;
        }
        if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len)
            buf[--len] = 0;
        else if (ch >= 32 && ch < 127 && len + 1 < n) {
            buf[len++] = (char)ch;
            buf[len] = 0;
        }
    }
    curs_set(0);
    return true;
}
