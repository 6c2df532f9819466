/* stree.c — supervision trees as lines. Build walks each root supervisor
 * depth-first (a supervisor child that is itself a reporting supervisor
 * is expanded in place; a seen-flag per supervisor guards against a
 * cycle or a child listed twice). Names are looked up only for the lines
 * drawn, so a dynamic supervisor with many children costs one line each,
 * not one info read each. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crt.h"
#include "fmt.h"
#include "stree.h"

void stree_init(Stree *t, StreeNameFn *name_of, void *ctx)
{
    memset(t, 0, sizeof *t);
    t->name_of = name_of;
    t->name_ctx = ctx;
}

void stree_fini(Stree *t)
{
    free(t->lines);
    t->lines = NULL;
    t->nlines = t->cap = 0;
}

static int push(Stree *t, StreeLine l)
{
    if (t->nlines == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        StreeLine *v = realloc(t->lines, cap * sizeof *v);
        if (!v)
            return MOTE_ENOMEM;
        t->lines = v;
        t->cap = cap;
    }
    t->lines[t->nlines++] = l;
    return 0;
}

static long sup_index(const Stree *t, mote_pid pid)
{
    for (size_t i = 0; pid && i < t->nsups; i++)
        if (t->sups[i].pid == pid)
            return (long)i;
    return -1;
}

static bool is_folded(const Stree *t, mote_pid pid)
{
    for (size_t i = 0; i < t->nfolded; i++)
        if (t->folded[i] == pid)
            return true;
    return false;
}

/* Marks the supervisors under si as shown: a folded supervisor hides
 * them, and they must not surface as roots of their own. */
static void hide_under(Stree *t, size_t si, bool *seen)
{
    const mote_sup_info *s = &t->sups[si];
    for (size_t c = 0; c < s->nchildren; c++) {
        const mote_sup_child *ch = &s->children[c];
        long sub = ch->state == MOTE_CHILD_RUNNING ? sup_index(t, ch->pid) : -1;
        if (sub >= 0 && !seen[sub]) {
            seen[sub] = true;
            hide_under(t, (size_t)sub, seen);
        }
    }
}

static int emit_sup(Stree *t, size_t si, int depth, bool last, bool *seen)
{
    seen[si] = true;
    const mote_sup_info *s = &t->sups[si];
    int rc = push(t, (StreeLine){.kind = STREE_SUP, .depth = depth, .last = last, .sup = si,
                                 .pid = s->pid});
    if (rc)
        return rc;
    if (is_folded(t, s->pid)) {
        hide_under(t, si, seen);
        return 0;
    }
    for (size_t c = 0; c < s->nchildren && !rc; c++) {
        const mote_sup_child *ch = &s->children[c];
        bool lastc = c + 1 == s->nchildren;
        long sub = ch->state == MOTE_CHILD_RUNNING ? sup_index(t, ch->pid) : -1;
        if (sub >= 0 && !seen[sub])
            rc = emit_sup(t, (size_t)sub, depth + 1, lastc, seen);
        else
            rc = push(t, (StreeLine){.kind = STREE_CHILD, .depth = depth + 1, .last = lastc,
                                     .sup = si, .child = c, .pid = ch->pid});
    }
    return rc;
}

static int cmp_pid(const void *a, const void *b)
{
    mote_pid x = *(const mote_pid *)a, y = *(const mote_pid *)b;
    return x < y ? -1 : x > y;
}

/* Every pid that is a supervisor or one's running child, sorted. */
static mote_pid *supervised(const Stree *t, size_t *n)
{
    size_t cap = t->nsups;
    for (size_t i = 0; i < t->nsups; i++)
        cap += t->sups[i].nchildren;
    mote_pid *v = malloc((cap ? cap : 1) * sizeof *v);
    if (!v)
        return NULL;
    *n = 0;
    for (size_t i = 0; i < t->nsups; i++) {
        v[(*n)++] = t->sups[i].pid;
        for (size_t c = 0; c < t->sups[i].nchildren; c++)
            if (t->sups[i].children[c].pid)
                v[(*n)++] = t->sups[i].children[c].pid;
    }
    qsort(v, *n, sizeof *v, cmp_pid);
    return v;
}

/* The processes in no tree: a count, and the snapshot's top rows. */
static int emit_apart(Stree *t)
{
    size_t n = 0;
    mote_pid *in = supervised(t, &n);
    if (!in)
        return MOTE_ENOMEM;
    size_t uniq = 0;
    for (size_t i = 0; i < n; i++)
        uniq += !i || in[i] != in[i - 1];
    t->apart = t->snap && t->snap->nprocs > uniq ? (size_t)(t->snap->nprocs - uniq) : 0;
    int rc = push(t, (StreeLine){.kind = STREE_APART_HEAD});
    for (size_t r = 0; !rc && t->snap && r < t->snap->nrows; r++) {
        mote_pid pid = t->snap->rows[r].pid;
        if (!bsearch(&pid, in, n, sizeof *in, cmp_pid))
            rc = push(t, (StreeLine){.kind = STREE_APART, .depth = 1, .row = r, .pid = pid});
    }
    free(in);
    return rc;
}

/* Applications first (their top supervisors), then every other
 * supervisor no supervisor lists as its child, each the root of its own
 * tree; then what is left over. */
static int emit_roots(Stree *t, bool *seen, bool *child)
{
    int rc = 0;
    for (size_t i = 0; i < t->nsups && !rc; i++)
        if (t->sups[i].app[0] && !seen[i]) {
            rc = push(t, (StreeLine){.kind = STREE_APP, .sup = i, .pid = t->sups[i].pid});
            if (!rc)
                rc = emit_sup(t, i, 1, true, seen);
        }
    for (size_t i = 0; i < t->nsups && !rc; i++)
        if (!child[i] && !seen[i])
            rc = emit_sup(t, i, 0, true, seen);
    for (size_t i = 0; i < t->nsups && !rc; i++)
        if (!seen[i])
            rc = emit_sup(t, i, 0, true, seen);
    return rc ? rc : emit_apart(t);
}

int stree_build(Stree *t, const mote_sup_info *sups, size_t n, const Snap *s)
{
    t->sups = sups;
    t->nsups = n;
    t->snap = s;
    t->nlines = 0;
    bool *seen = calloc(n ? 2 * n : 1, sizeof *seen);
    if (!seen)
        return MOTE_ENOMEM;
    bool *child = seen + n;
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < sups[i].nchildren; c++) {
            long k = sups[i].children[c].state == MOTE_CHILD_RUNNING
                         ? sup_index(t, sups[i].children[c].pid) : -1;
            if (k >= 0 && (size_t)k != i)
                child[k] = true;
        }
    int rc = emit_roots(t, seen, child);
    free(seen);
    panel_set_count(&t->panel, t->nlines);
    for (size_t i = 0; t->sel_pid && i < t->nlines; i++)
        if (t->lines[i].pid == t->sel_pid) {
            panel_select(&t->panel, i);
            break;
        }
    return rc;
}

void stree_place(Stree *t, int y, int h)
{
    panel_place(&t->panel, y, h);
}

static int64_t now_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool stree_is_flapping(const mote_sup_info *sup, const mote_sup_child *c, int64_t now)
{
    int64_t window_ms = (int64_t)(sup->max_seconds ? sup->max_seconds : 5) * 1000;
    return c->restarts >= 3 && c->last_exit_wall_ms && now - c->last_exit_wall_ms <= window_ms;
}

/* Indentation and a branch for depth d: "   ├─ " / "   └─ ". */
static int indent(const StreeLine *l, int y)
{
    int x = 1 + 3 * (l->depth > 0 ? l->depth - 1 : 0);
    if (l->kind == STREE_APART)
        return x + 3;
    if (l->depth > 0) {
        const char *br = crt_utf8() ? (l->last ? "└─ " : "├─ ") : (l->last ? "`- " : "|- ");
        mvaddstr(y, x, br);
        x += 3;
    }
    return x;
}

static void put(int *x, int y, int role, const char *s)
{
    if (*x >= COLS)
        return;
    int a = crt_attr(role);
    attron(a);
    *x += crt_put(y, *x, COLS - *x, s);
    attroff(a);
}

static void draw_sup(const Stree *t, const StreeLine *l, int y, int x)
{
    const mote_sup_info *s = &t->sups[l->sup];
    char name[96], pid[32], buf[192];
    t->name_of(t->name_ctx, s->pid, name, sizeof name);
    mote_format(mote_pid_term(s->pid), pid, sizeof pid);
    static const char *const kinds[] = {"supervisor", "dynamic_supervisor", "task_supervisor"};
    snprintf(buf, sizeof buf, "%s %s ", is_folded(t, s->pid) ? "[+]" : "[-]",
             name[0] ? name : "supervisor");
    put(&x, y, CRT_TITLE, buf);
    snprintf(buf, sizeof buf, "%s  %s %s  restarts %u  ", pid,
             s->kind <= MOTE_SUP_TASK ? kinds[s->kind] : "?", s->strategy, s->restarts);
    put(&x, y, CRT_NORMAL, buf);
    /* Intensity use: the figure that says how close it is to giving up. */
    bool near = s->max_restarts && s->restarts_in_window * 5 >= s->max_restarts * 3;
    snprintf(buf, sizeof buf, "%u/%u in %us", s->restarts_in_window, s->max_restarts,
             s->max_seconds);
    put(&x, y, near ? CRT_WARN : CRT_GOOD, buf);
    snprintf(buf, sizeof buf, "  %zu %s", s->nchildren, s->nchildren == 1 ? "child" : "children");
    put(&x, y, CRT_DIM, buf);
}

static void draw_child(const Stree *t, const StreeLine *l, int y, int x)
{
    const mote_sup_info *s = &t->sups[l->sup];
    const mote_sup_child *c = &s->children[l->child];
    char buf[256], name[96], pid[32];
    static const char *const restart[] = {"permanent", "transient", "temporary"};
    put(&x, y, CRT_TITLE, c->id);
    if (c->state == MOTE_CHILD_RUNNING) {
        mote_format(mote_pid_term(c->pid), pid, sizeof pid);
        t->name_of(t->name_ctx, c->pid, name, sizeof name);
        /* The name only when it says more than the id (:a is named a). */
        const char *id = c->id[0] == ':' ? c->id + 1 : c->id;
        bool more = name[0] && strcmp(name, id);
        snprintf(buf, sizeof buf, "  %s%s%s", pid, more ? " " : "", more ? name : "");
        put(&x, y, CRT_NORMAL, buf);
    } else {
        put(&x, y, CRT_WARN, c->state == MOTE_CHILD_RESTARTING ? "  restarting" : "  undefined");
    }
    snprintf(buf, sizeof buf, "  %s %s", c->supervisor ? "supervisor" : "worker",
             c->restart <= MOTE_RESTART_TEMPORARY ? restart[c->restart] : "?");
    put(&x, y, CRT_DIM, buf);
    if (!c->restarts)
        return;
    int64_t now = now_wall_ms();
    snprintf(buf, sizeof buf, "  restarted %u", c->restarts);
    put(&x, y, CRT_NORMAL, buf);
    if (stree_is_flapping(s, c, now))
        put(&x, y, CRT_WARN, "  FLAPPING");
    char clock[16], ago[24];
    snprintf(buf, sizeof buf, "  last exit %s at %s (%s)", c->last_exit_reason,
             fmt_clock(c->last_exit_wall_ms, clock, sizeof clock),
             fmt_ago(now - c->last_exit_wall_ms, ago, sizeof ago));
    put(&x, y, CRT_DIM, buf);
}

static void draw_line(void *ctx, size_t i, int y, bool sel)
{
    Stree *t = ctx;
    const StreeLine *l = &t->lines[i];
    char buf[192], name[96], pid[32];
    if (sel) {
        attron(crt_attr(CRT_SEL));
        move(y, 0);
        crt_pad();
    }
    int x = indent(l, y);
    switch (l->kind) {
    case STREE_APP:
        /* A module-named application prints as Elixir writes it. */
        if (!strncmp(t->sups[l->sup].app, "Elixir.", 7))
            snprintf(buf, sizeof buf, "application %s", t->sups[l->sup].app + 7);
        else
            snprintf(buf, sizeof buf, "application :%s", t->sups[l->sup].app);
        put(&x, y, CRT_TITLE, buf);
        break;
    case STREE_SUP: draw_sup(t, l, y, x); break;
    case STREE_CHILD: draw_child(t, l, y, x); break;
    case STREE_APART_HEAD:
        snprintf(buf, sizeof buf, "not supervised: %zu processes (the top ones by %s)",
                 t->apart, t->snap ? snap_key_name(t->snap->sort) : "?");
        put(&x, y, CRT_TITLE, buf);
        break;
    case STREE_APART:
        mote_format(mote_pid_term(l->pid), pid, sizeof pid);
        t->name_of(t->name_ctx, l->pid, name, sizeof name);
        snprintf(buf, sizeof buf, "%s %s", pid, name);
        put(&x, y, CRT_NORMAL, buf);
        break;
    }
    if (sel)
        attroff(crt_attr(CRT_SEL));
}

void stree_draw(Stree *t)
{
    panel_draw(&t->panel, draw_line, t);
    if (!t->nsups && t->panel.h > 0)
        crt_put(t->panel.y + (int)t->nlines, 2, COLS - 2,
                "(no supervisors: none has started, or this source has no supervision data)");
}

static void fold(Stree *t, bool on)
{
    mote_pid pid = stree_selected(t);
    if (!pid || sup_index(t, pid) < 0)
        return;
    for (size_t i = 0; i < t->nfolded; i++)
        if (t->folded[i] == pid) {
            if (!on)
                t->folded[i] = t->folded[--t->nfolded];
            return;
        }
    if (on && t->nfolded < STREE_MAX_FOLDED)
        t->folded[t->nfolded++] = pid;
}

int stree_key(Stree *t, Act a)
{
    if (a == ACT_LEFT || a == ACT_RIGHT) {
        fold(t, a == ACT_LEFT);
        /* Rebuild over the same borrowed data: folding changes the lines. */
        stree_build(t, t->sups, t->nsups, t->snap);
        return PANEL_HANDLED | PANEL_REDRAW;
    }
    if (!panel_key(&t->panel, a))
        return PANEL_IGNORED;
    t->sel_pid = stree_selected(t);
    return PANEL_HANDLED | PANEL_REDRAW;
}

int stree_click(Stree *t, int y)
{
    if (!panel_click(&t->panel, y))
        return PANEL_IGNORED;
    t->sel_pid = stree_selected(t);
    return PANEL_HANDLED | PANEL_REDRAW;
}

mote_pid stree_selected(const Stree *t)
{
    return t->panel.sel < t->nlines ? t->lines[t->panel.sel].pid : 0;
}
