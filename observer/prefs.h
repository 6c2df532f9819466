/* prefs.h — the observer's key table and view settings.
 *
 * Every key the full-screen view understands is one row of prefs_keys:
 * the key loop looks actions up there and the help screen prints it, so
 * a key cannot work without being documented (tests/e2e/top_tmux.py reads
 * the table's key names from prefs.c and checks the help screen shows
 * each one). */
#ifndef OBSERVER_PREFS_H
#define OBSERVER_PREFS_H

#include <stdbool.h>
#include <stddef.h>

/* The views; a key row says in which of them it works (a bit mask). */
typedef enum ViewId {
    VIEW_PROCS,     /* the process table                                */
    VIEW_TREE,      /* supervision trees                                */
    VIEW_LOG,       /* the node's restart log                           */
    VIEW_DETAIL,    /* one process                                      */
    VIEW_MAILBOX,   /* one process's messages, a page at a time         */
    VIEW_N,
} ViewId;
#define IN(v) (1u << (v))
#define IN_ALL ((1u << VIEW_N) - 1)
#define IN_LISTS (IN(VIEW_PROCS) | IN(VIEW_TREE)) /* the tree lists processes too */

typedef enum Act {
    ACT_NONE,
    ACT_QUIT, ACT_HELP, ACT_BACK, ACT_REDRAW,
    ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_LEFT, ACT_RIGHT,
    ACT_PROCS, ACT_TREE, ACT_LOG, ACT_DETAIL, ACT_MAILBOX, ACT_WAITING, ACT_PARENT,
    ACT_SORT_REDS, ACT_SORT_MEM, ACT_SORT_MSGQ, ACT_SORT_QGROW, ACT_SORT_MGROW,
    ACT_SORT_RESTARTS, ACT_SORT_PID, ACT_SORT_MENU,
    ACT_FILTER, ACT_FILTER_CLEAR, ACT_PAUSE, ACT_SLOWER, ACT_FASTER,
    ACT_KILL, ACT_EXIT, ACT_SUSPEND,
} Act;

typedef struct KeyDef {
    const char *names;  /* as the help shows them: "k, F9"               */
    int codes[4];       /* curses key codes; 0 ends the list             */
    Act act;
    unsigned views;     /* IN(...) mask                                  */
    const char *help;
} KeyDef;

extern const KeyDef prefs_keys[];
extern const size_t prefs_nkeys;

/* The action of key ch in view v; ACT_NONE when the key means nothing
 * there. */
Act prefs_act(int ch, ViewId v);
/* The view's title, as the help screen and the tabs print it. */
const char *prefs_view_name(ViewId v);

/* Refresh interval bounds, seconds. */
#define PREFS_DELAY_MIN 0.1
#define PREFS_DELAY_MAX 10.0

#endif
