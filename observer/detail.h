/* detail.h — one process in full (htop's InfoScreen): every
 * introspection field, links and monitors, parent, waiting-on (with a
 * deadlock cycle flagged), a supervisor's children and recent restarts,
 * and the mailbox summarised by message shape; every pid shown is a line
 * Enter jumps to. The mailbox view pages through individual messages.
 *
 * The data comes through a DetailFeed the screen fills from its source,
 * so this file knows nothing of where it came from. */
#ifndef OBSERVER_DETAIL_H
#define OBSERVER_DETAIL_H

#include "obj.h"
#include "panel.h"

#define DETAIL_MAX_LINES 600
#define DETAIL_TEXT 224
#define DETAIL_PAGE 50          /* messages fetched per mailbox page     */

typedef struct DetailFeed {
    void *ctx;
    int (*info)(void *ctx, mote_pid pid, mote_proc_info *out);
    int (*links)(void *ctx, mote_pid pid, mote_pid *buf, size_t cap, size_t *n);
    int (*monitors)(void *ctx, mote_pid pid, mote_pid *buf, size_t cap, size_t *n);
    /* Supervisor data; release with mote_sup_info_free. NULL member: none. */
    int (*sup)(void *ctx, mote_pid pid, mote_sup_info *out);
    /* Mailbox by shape, most frequent first; *total = queue length. */
    int (*shapes)(void *ctx, mote_pid pid, mote_msg_shape *buf, size_t cap, size_t *n,
                  uint64_t *total);
    /* Messages [offset, offset + cap) as inspected text (0 = oldest). */
    int (*messages)(void *ctx, mote_pid pid, size_t offset, mote_msg_text *buf, size_t cap,
                    size_t *n);
} DetailFeed;

typedef struct DetailLine {
    char text[DETAIL_TEXT];
    mote_pid target;            /* Enter jumps here; 0 = not a link      */
    int role;                   /* CrtRole                               */
} DetailLine;

typedef struct Detail {
    Panel panel;
    mote_pid pid;
    bool alive;
    mote_proc_info info;
    DetailLine *lines;          /* owned, DETAIL_MAX_LINES               */
    size_t nlines;
    bool deadlock;              /* waiting-on leads back to a process    */
    uint64_t mbox_total;
    uint64_t mbox_offset;       /* first message of the mailbox page     */
} Detail;

int detail_init(Detail *d);
void detail_fini(Detail *d);
/* Shows pid (selection to the top); then detail_refresh fills it. */
void detail_open(Detail *d, mote_pid pid);
/* Re-reads everything about the shown process through feed. */
void detail_refresh(Detail *d, const DetailFeed *feed);
/* Reads the mailbox page at d->mbox_offset (mailbox view). */
void detail_refresh_mailbox(Detail *d, const DetailFeed *feed);
void detail_place(Detail *d, int y, int h);
void detail_draw(Detail *d, bool mailbox);
/* Movement; in the mailbox view PgUp/PgDn turn the page
 * (PANEL_RETAKE asks for a re-read). */
int detail_key(Detail *d, Act a, bool mailbox);
int detail_click(Detail *d, int y);
/* The pid on the selected line (0 when it has none). */
mote_pid detail_target(const Detail *d);

#endif
