/* stree.h — the supervision tree view: applications → supervisors →
 * workers, built from every supervisor's mote_sup_info; supervisors
 * started outside an application root their own trees, and processes in
 * no tree are listed apart (the top rows of the current snapshot). */
#ifndef OBSERVER_STREE_H
#define OBSERVER_STREE_H

#include "obj.h"
#include "panel.h"

typedef enum StreeKind {
    STREE_APP, STREE_SUP, STREE_CHILD, STREE_APART_HEAD, STREE_APART,
} StreeKind;

typedef struct StreeLine {
    StreeKind kind;
    int depth;
    bool last;              /* the last child of its supervisor          */
    size_t sup;             /* index into the sups (APP, SUP, CHILD)      */
    size_t child;           /* index into its children (CHILD)            */
    size_t row;             /* index into the snapshot's rows (APART)     */
    mote_pid pid;           /* 0 for a child that is not running          */
} StreeLine;

/* Names a pid for display (registered name or initial call); writes "" when
 * there is none. */
typedef void StreeNameFn(void *ctx, mote_pid pid, char *buf, size_t n);

#define STREE_MAX_FOLDED 64

typedef struct Stree {
    Panel panel;
    StreeLine *lines;       /* owned                                     */
    size_t nlines, cap;
    const mote_sup_info *sups;  /* borrowed until the next stree_build  */
    size_t nsups;
    const Snap *snap;       /* borrowed likewise                         */
    mote_pid folded[STREE_MAX_FOLDED];
    size_t nfolded;
    mote_pid sel_pid;
    size_t apart;           /* processes in no tree                      */
    StreeNameFn *name_of;
    void *name_ctx;
} Stree;

void stree_init(Stree *t, StreeNameFn *name_of, void *ctx);
void stree_fini(Stree *t);
/* Rebuilds the lines from sups (n of them) and the snapshot s; both stay
 * borrowed until the next build. 0 or MOTE_ENOMEM. */
int stree_build(Stree *t, const mote_sup_info *sups, size_t n, const Snap *s);
void stree_place(Stree *t, int y, int h);
void stree_draw(Stree *t);
/* Movement, fold (Left) and unfold (Right); PANEL_* flags. */
int stree_key(Stree *t, Act a);
int stree_click(Stree *t, int y);
/* The selected process (0 when the line has none). */
mote_pid stree_selected(const Stree *t);
/* True when a child is flapping: restarted 3 times or more, the last time
 * within its supervisor's max_seconds (as the batch JSON says). */
bool stree_is_flapping(const mote_sup_info *sup, const mote_sup_child *c, int64_t now_wall_ms);

#endif
