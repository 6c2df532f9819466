/* screen.h — the screen manager's state: the views, the modal dialogs
 * (help, sort menu, kill confirmation, exit reason) and the refresh
 * clock. Only screen*.c use it. */
#ifndef OBSERVER_SCREEN_H
#define OBSERVER_SCREEN_H

#include <stdbool.h>

#include "detail.h"
#include "fbar.h"
#include "feed.h"
#include "header.h"
#include "obj.h"
#include "panel.h"
#include "prefs.h"
#include "ptable.h"
#include "rlog.h"
#include "stree.h"

typedef enum Modal {
    MODAL_NONE, MODAL_HELP, MODAL_SORT, MODAL_KILL, MODAL_EXIT,
} Modal;

#define SCREEN_BACK_MAX 16

typedef struct Screen {
    Source *src;
    Feed feed;
    Header header;
    Ptable table;
    Stree tree;
    Rlog log;
    Detail detail;
    mote_pid dback[SCREEN_BACK_MAX];    /* processes the detail came from */
    int ndback;
    Fbar fbar;
    Snap snap;
    bool have_snap;
    ViewId view;
    ViewId back[SCREEN_BACK_MAX];   /* views to return to on Esc        */
    int nback;
    Modal modal;
    Panel help, sort;               /* the help text and sort menu lists */
    mote_pid target;                /* the process a dialog acts on     */
    char target_text[160];
    double delay_s;
    bool paused;
    char msg[192];                  /* one-line status message          */
    int body_y;                     /* first line under the header/tabs */
} Screen;

/* dialog.c: help screen, sort menu, kill and exit-signal dialogs. */
void dialog_draw(Screen *sc);
/* Handles a key while a dialog is open; PANEL_* flags. */
int dialog_key(Screen *sc, int ch);
/* Opens the kill or exit dialog for pid (text for the prompt). */
void dialog_open_signal(Screen *sc, Modal m, mote_pid pid, const char *text);
/* Reads a line of text on the bottom line (Enter ends, Esc cancels);
 * true when entered. */
bool dialog_prompt(const char *label, char *buf, size_t n);

#endif
