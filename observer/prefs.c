/* prefs.c — the key table: one row per key, in the order the help screen
 * lists them. Keys follow htop where htop has one (F1 help, F3 search,
 * F5 ... F10, / search, t tree, k kill, P/M sort, q quit). */
#include <curses.h>

#include "prefs.h"

#define CTRL(c) ((c) & 0x1f)

const KeyDef prefs_keys[] = {
    {"q, F10, Ctrl-C", {'q', KEY_F(10), CTRL('c')}, ACT_QUIT, IN_ALL, "quit (back to the REPL prompt from observer())"},
    {"?, F1, h", {'?', KEY_F(1), 'h'}, ACT_HELP, IN_ALL, "this help (any key closes it)"},
    {"Esc, Backspace", {27, KEY_BACKSPACE, 127, CTRL('h')}, ACT_BACK, IN_ALL,
     "back to the previous view"},
    {"Ctrl-L", {CTRL('l')}, ACT_REDRAW, IN_ALL, "redraw the whole screen"},
    {"Up/Down", {KEY_UP, KEY_DOWN}, ACT_UP, IN_ALL, "move the selection"},
    {"PgUp/PgDn", {KEY_PPAGE, KEY_NPAGE}, ACT_PGUP, IN_ALL, "move a page"},
    {"Home/End", {KEY_HOME, KEY_END}, ACT_HOME, IN_ALL, "first / last row"},
    {"Left/Right", {KEY_LEFT, KEY_RIGHT}, ACT_LEFT, IN(VIEW_TREE),
     "fold / unfold the selected supervisor"},
    {"mouse click", {KEY_MOUSE}, ACT_NONE, IN_ALL,
     "select a row, sort by a heading, run a bottom-bar key"},
    {"p", {'p'}, ACT_PROCS, IN_ALL, "process table"},
    {"t", {'t'}, ACT_TREE, IN_ALL, "supervision tree (applications, supervisors, workers)"},
    {"l", {'l'}, ACT_LOG, IN_ALL, "restart log of the whole node"},
    {"Enter, F5", {'\n', '\r', KEY_ENTER, KEY_F(5)}, ACT_DETAIL, IN_ALL,
     "detail of the selected process (in a detail: open that pid)"},
    {"m", {'m'}, ACT_MAILBOX, IN(VIEW_DETAIL) | IN(VIEW_MAILBOX),
     "mailbox: messages one page at a time"},
    {"w", {'w'}, ACT_WAITING, IN(VIEW_DETAIL), "jump to the process it is waiting on"},
    {"u", {'u'}, ACT_PARENT, IN(VIEW_DETAIL), "jump to its parent (or supervisor)"},
    {"P", {'P'}, ACT_SORT_REDS, IN_LISTS, "sort by reductions per second (CPU)"},
    {"M", {'M'}, ACT_SORT_MEM, IN_LISTS, "sort by memory"},
    {"Q", {'Q'}, ACT_SORT_MSGQ, IN_LISTS, "sort by message queue length"},
    {"G", {'G'}, ACT_SORT_QGROW, IN_LISTS, "sort by queue growth per second (fastest-growing)"},
    {"g", {'g'}, ACT_SORT_MGROW, IN_LISTS, "sort by memory growth per second"},
    {"R", {'R'}, ACT_SORT_RESTARTS, IN_LISTS, "sort by restarts"},
    {"N", {'N'}, ACT_SORT_PID, IN_LISTS, "sort by pid"},
    {">, <, F6", {'>', '<', KEY_F(6)}, ACT_SORT_MENU, IN_LISTS, "sort menu (pick a column)"},
    {"/, F3, F4", {'/', KEY_F(3), KEY_F(4)}, ACT_FILTER, IN_LISTS,
     "filter by name, initial call, pid, function (Enter ends)"},
    {"\\", {'\\'}, ACT_FILTER_CLEAR, IN_LISTS, "clear the filter"},
    {"Z, space", {'Z', ' '}, ACT_PAUSE, IN_ALL, "pause / resume refreshing"},
    {"+, -", {'+', '-', '='}, ACT_SLOWER, IN_ALL, "refresh interval longer / shorter"},
    {"k, F9", {'k', KEY_F(9)}, ACT_KILL, IN_ALL & ~IN(VIEW_LOG),
     "kill the selected process (y confirms, other keys cancel)"},
    {"x", {'x'}, ACT_EXIT, IN_ALL & ~IN(VIEW_LOG),
     "exit signal: then s :shutdown, n :normal, k :kill, t typed"},
    {"s", {'s'}, ACT_SUSPEND, IN_ALL & ~IN(VIEW_LOG), "suspend / resume the selected process"},
};
const size_t prefs_nkeys = sizeof prefs_keys / sizeof *prefs_keys;

/* Keys whose row stands for a pair of actions (Up/Down, +/-, ...): codes
 * at odd positions get the partner action. */
static Act partner(const KeyDef *k, int j)
{
    if (j % 2 == 0)
        return k->act;
    switch (k->act) {
    case ACT_UP: return ACT_DOWN;
    case ACT_PGUP: return ACT_PGDN;
    case ACT_HOME: return ACT_END;
    case ACT_LEFT: return ACT_RIGHT;
    case ACT_SLOWER: return ACT_FASTER;
    default: return k->act;
    }
}

Act prefs_act(int ch, ViewId v)
{
    for (size_t i = 0; i < prefs_nkeys; i++) {
        const KeyDef *k = &prefs_keys[i];
        if (!(k->views & IN(v)))
            continue;
        for (int j = 0; j < 4 && k->codes[j]; j++)
            if (k->codes[j] == ch)
                return partner(k, j);
    }
    return ACT_NONE;
}

const char *prefs_view_name(ViewId v)
{
    static const char *const names[VIEW_N] = {
        [VIEW_PROCS] = "Processes", [VIEW_TREE] = "Tree", [VIEW_LOG] = "Restarts",
        [VIEW_DETAIL] = "Detail", [VIEW_MAILBOX] = "Mailbox",
    };
    return v < VIEW_N ? names[v] : "?";
}
