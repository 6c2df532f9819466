/* fbar.c — htop's bottom line: per view, the keys most worth knowing. */
#include <curses.h>
#include <string.h>

#include "crt.h"
#include "fbar.h"

static const FbarItem procs_items[] = {
    {"F1", "Help", ACT_HELP}, {"F3", "Filter", ACT_FILTER}, {"t", "Tree", ACT_TREE},
    {"F6", "Sort", ACT_SORT_MENU}, {"F9", "Kill", ACT_KILL}, {"l", "Restarts", ACT_LOG},
    {"F5", "Detail", ACT_DETAIL}, {"F10", "Quit", ACT_QUIT},
};
static const FbarItem tree_items[] = {
    {"F1", "Help", ACT_HELP}, {"p", "Procs", ACT_PROCS}, {"l", "Restarts", ACT_LOG},
    {"Enter", "Detail", ACT_DETAIL}, {"F9", "Kill", ACT_KILL}, {"F10", "Quit", ACT_QUIT},
};
static const FbarItem log_items[] = {
    {"F1", "Help", ACT_HELP}, {"p", "Procs", ACT_PROCS}, {"t", "Tree", ACT_TREE},
    {"Enter", "Detail", ACT_DETAIL}, {"F10", "Quit", ACT_QUIT},
};
static const FbarItem detail_items[] = {
    {"F1", "Help", ACT_HELP}, {"Esc", "Back", ACT_BACK}, {"m", "Mailbox", ACT_MAILBOX},
    {"w", "WaitsOn", ACT_WAITING}, {"k", "Kill", ACT_KILL}, {"x", "Exit", ACT_EXIT},
    {"s", "Suspend", ACT_SUSPEND}, {"F10", "Quit", ACT_QUIT},
};
static const FbarItem mailbox_items[] = {
    {"F1", "Help", ACT_HELP}, {"Esc", "Back", ACT_BACK}, {"PgDn", "Next", ACT_PGDN},
    {"PgUp", "Prev", ACT_PGUP}, {"F10", "Quit", ACT_QUIT},
};

static const FbarItem *items_of(ViewId v, int *n)
{
#define ITEMS(a) (*n = (int)(sizeof a / sizeof *a), a)
    switch (v) {
    case VIEW_TREE: return ITEMS(tree_items);
    case VIEW_LOG: return ITEMS(log_items);
    case VIEW_DETAIL: return ITEMS(detail_items);
    case VIEW_MAILBOX: return ITEMS(mailbox_items);
    default: return ITEMS(procs_items);
    }
#undef ITEMS
}

void fbar_draw(Fbar *fb, ViewId v, int y)
{
    int n;
    const FbarItem *it = items_of(v, &n);
    move(y, 0);
    clrtoeol();
    fb->n = 0;
    for (int i = 0; i < n && fb->n < FBAR_MAX; i++) {
        int x = getcurx(stdscr);
        int w = (int)(strlen(it[i].key) + strlen(it[i].label)) + 1;
        if (x + w > COLS)
            break;
        attron(crt_attr(CRT_FKEY));
        addstr(it[i].key);
        attroff(crt_attr(CRT_FKEY));
        addstr(it[i].label);
        addch(' ');
        fb->x0[fb->n] = x;
        fb->x1[fb->n] = x + w;
        fb->acts[fb->n++] = it[i].act;
    }
}

void fbar_text(Fbar *fb, int y, const char *text, bool strong)
{
    fb->n = 0;
    move(y, 0);
    clrtoeol();
    if (strong)
        attron(A_BOLD);
    crt_put(y, 0, COLS, text);
    if (strong)
        attroff(A_BOLD);
}

Act fbar_hit(const Fbar *fb, int x)
{
    for (int i = 0; i < fb->n; i++)
        if (x >= fb->x0[i] && x < fb->x1[i])
            return fb->acts[i];
    return ACT_NONE;
}
