/* detail.c — the detail pane and the mailbox pages. Lines are rebuilt on
 * every refresh from the feed; the selection stays on the same line
 * number (the layout of the pane is stable while the process lives). A
 * waiting-on chain is followed up to DETAIL_CHAIN hops: when it returns
 * to a process already on it, the processes on the cycle wait on each
 * other for ever, and the pane says DEADLOCK with the cycle. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crt.h"
#include "detail.h"
#include "fmt.h"
#include "prow.h"
#include "stree.h"

#define DETAIL_CHAIN 32
#define DETAIL_MAX_PIDS 64      /* links or monitors listed             */
#define DETAIL_SHAPES 16

int detail_init(Detail *d)
{
    memset(d, 0, sizeof *d);
    d->lines = calloc(DETAIL_MAX_LINES, sizeof *d->lines);
    return d->lines ? 0 : MOTE_ENOMEM;
}

void detail_fini(Detail *d)
{
    free(d->lines);
    d->lines = NULL;
}

void detail_open(Detail *d, mote_pid pid)
{
    d->pid = pid;
    d->mbox_offset = 0;
    d->nlines = 0;
    panel_set_count(&d->panel, 0);
}

static void add(Detail *d, mote_pid target, int role, const char *fmt, ...)
{
    if (d->nlines == DETAIL_MAX_LINES)
        return;
    DetailLine *l = &d->lines[d->nlines++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->text, sizeof l->text, fmt, ap);
    va_end(ap);
    l->target = target;
    l->role = role;
}

/* "<0.12.0> name" for a pid, name from its info ("" when it has none). */
static void describe(const DetailFeed *f, mote_pid pid, char *buf, size_t n)
{
    char p[32];
    mote_format(mote_pid_term(pid), p, sizeof p);
    mote_proc_info pi;
    if (f->info(f->ctx, pid, &pi)) {
        snprintf(buf, n, "%s (dead)", p);
        return;
    }
    const char *who = pi.registered_name[0] ? pi.registered_name : pi.initial_call;
    snprintf(buf, n, "%s %.150s", p, who);
}

static void add_fields(Detail *d, const DetailFeed *f)
{
    const mote_proc_info *pi = &d->info;
    char b1[24], b2[24], who[192];
    add(d, 0, CRT_NORMAL, "  status          %s", pi->status == MOTE_S_SUSPENDED
        ? "suspended (s resumes)" : prow_status(pi->status));
    add(d, 0, CRT_NORMAL, "  registered name %s", pi->registered_name[0] ? pi->registered_name : "-");
    add(d, 0, CRT_NORMAL, "  initial call    %s", pi->initial_call[0] ? pi->initial_call : "-");
    add(d, 0, CRT_NORMAL, "  current         %s", pi->current_function[0] ? pi->current_function : "-");
    add(d, 0, CRT_NORMAL, "  reductions      %llu", (unsigned long long)pi->reductions);
    add(d, 0, CRT_NORMAL, "  message queue   %llu", (unsigned long long)pi->message_queue_len);
    add(d, 0, CRT_NORMAL, "  memory          %s total, heap + stack %s",
        fmt_bytes((double)pi->total_bytes, b1, sizeof b1),
        fmt_bytes((double)pi->heap_bytes, b2, sizeof b2));
    add(d, 0, CRT_NORMAL, "  garbage coll.   %llu", (unsigned long long)pi->gc_count);
    add(d, 0, CRT_NORMAL, "  trap_exit       %s", pi->trap_exit ? "true" : "false");
    add(d, 0, CRT_NORMAL, "  links %zu, monitors %zu, monitored by %zu", pi->nlinks,
        pi->nmonitors, pi->nmonitored_by);
    if (pi->restarts)
        add(d, 0, CRT_NORMAL, "  restarts        %u (children restarted)", pi->restarts);
    if (pi->parent) {
        describe(f, pi->parent, who, sizeof who);
        add(d, pi->parent, CRT_NORMAL, "  parent          %s", who);
    } else {
        add(d, 0, CRT_DIM, "  parent          - (spawned by the host)");
    }
}

/* Follows waiting_on from the shown process; flags a cycle. */
static void add_waiting(Detail *d, const DetailFeed *f)
{
    mote_pid chain[DETAIL_CHAIN];
    size_t n = 0;
    char who[192];
    d->deadlock = false;
    if (!d->info.waiting_on) {
        add(d, 0, CRT_DIM, "  waiting on      -");
        return;
    }
    describe(f, d->info.waiting_on, who, sizeof who);
    add(d, d->info.waiting_on, CRT_NORMAL, "  waiting on      %s (w jumps there)", who);
    chain[n++] = d->pid;
    mote_pid next = d->info.waiting_on;
    while (next && n < DETAIL_CHAIN) {
        for (size_t i = 0; i < n; i++)
            if (chain[i] == next) {
                d->deadlock = true;
                break;
            }
        if (d->deadlock)
            break;
        chain[n++] = next;
        mote_proc_info pi;
        next = f->info(f->ctx, next, &pi) ? 0 : pi.waiting_on;
    }
    if (!d->deadlock)
        return;
    char text[DETAIL_TEXT] = "  DEADLOCK: ", p[32];
    for (size_t i = 0; i < n; i++) {
        mote_format(mote_pid_term(chain[i]), p, sizeof p);
        size_t len = strlen(text);
        snprintf(text + len, sizeof text - len, "%s -> ", p);
    }
    mote_format(mote_pid_term(next), p, sizeof p);
    size_t len = strlen(text);
    snprintf(text + len, sizeof text - len, "%s (waits on each other)", p);
    add(d, 0, CRT_WARN, "%s", text);
}

static void add_pids(Detail *d, const DetailFeed *f, const char *title,
                     int (*get)(void *, mote_pid, mote_pid *, size_t, size_t *))
{
    mote_pid pids[DETAIL_MAX_PIDS];
    size_t n = 0;
    char who[192];
    if (!get || get(f->ctx, d->pid, pids, DETAIL_MAX_PIDS, &n))
        return;
    add(d, 0, CRT_TITLE, "%s (%zu)", title, n);
    for (size_t i = 0; i < n && i < DETAIL_MAX_PIDS; i++) {
        describe(f, pids[i], who, sizeof who);
        add(d, pids[i], CRT_NORMAL, "  %s", who);
    }
    if (n > DETAIL_MAX_PIDS)
        add(d, 0, CRT_DIM, "  ... %zu more", n - DETAIL_MAX_PIDS);
}

static void add_sup(Detail *d, const DetailFeed *f)
{
    mote_sup_info si;
    if (!f->sup || f->sup(f->ctx, d->pid, &si))
        return;
    char p[32], clock[16];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    add(d, 0, CRT_TITLE, "Supervisor: %s, %u/%u restarts in %us, %u in all%s%s", si.strategy,
        si.restarts_in_window, si.max_restarts, si.max_seconds, si.restarts,
        si.app[0] ? ", application :" : "", si.app);
    for (size_t i = 0; i < si.nchildren; i++) {
        const mote_sup_child *c = &si.children[i];
        if (c->pid)
            mote_format(mote_pid_term(c->pid), p, sizeof p);
        else
            snprintf(p, sizeof p, c->state == MOTE_CHILD_RESTARTING ? "restarting" : "undefined");
        bool flap = stree_is_flapping(&si, c, now_ms);
        add(d, c->pid, flap ? CRT_WARN : CRT_NORMAL, "  %-20.20s %-14s %s, restarted %u%s", c->id,
            p, c->supervisor ? "supervisor" : "worker", c->restarts, flap ? "  FLAPPING" : "");
    }
    if (si.nlog)
        add(d, 0, CRT_TITLE, "Recent restarts (%zu)", si.nlog);
    for (size_t i = 0; i < si.nlog && i < 20; i++) {
        const mote_restart_event *e = &si.log[i];
        if (e->new_pid)
            mote_format(mote_pid_term(e->new_pid), p, sizeof p);
        else
            snprintf(p, sizeof p, e->gave_up ? "GAVE UP" : "FAILED");
        add(d, e->new_pid, e->new_pid ? CRT_NORMAL : CRT_WARN, "  %s %-16.16s -> %s  %.120s",
            fmt_clock(e->wall_ms, clock, sizeof clock), e->child_id, p, e->reason);
    }
    mote_sup_info_free(&si);
}

static void add_mailbox(Detail *d, const DetailFeed *f)
{
    mote_msg_shape shapes[DETAIL_SHAPES];
    size_t n = 0;
    uint64_t total = d->info.message_queue_len;
    if (f->shapes && !f->shapes(f->ctx, d->pid, shapes, DETAIL_SHAPES, &n, &total)) {
        add(d, 0, CRT_TITLE, "Mailbox: %llu messages (m pages through them)",
            (unsigned long long)total);
        for (size_t i = 0; i < n && i < DETAIL_SHAPES; i++)
            add(d, 0, CRT_NORMAL, "  %-60.60s x%llu", shapes[i].shape,
                (unsigned long long)shapes[i].count);
    } else {
        add(d, 0, CRT_TITLE, "Mailbox: %llu messages", (unsigned long long)total);
        add(d, 0, CRT_DIM, "  (this source does not summarise mailboxes)");
    }
    d->mbox_total = total;
}

void detail_refresh(Detail *d, const DetailFeed *f)
{
    char who[192];
    d->nlines = 0;
    d->alive = f->info(f->ctx, d->pid, &d->info) == 0;
    describe(f, d->pid, who, sizeof who);
    add(d, 0, CRT_TITLE, "Process %s", who);
    if (!d->alive) {
        add(d, 0, CRT_WARN, "  the process has exited (Esc goes back)");
    } else {
        add_fields(d, f);
        add_waiting(d, f);
        add_pids(d, f, "Links", f->links);
        add_pids(d, f, "Monitors", f->monitors);
        add_sup(d, f);
        add_mailbox(d, f);
    }
    panel_set_count(&d->panel, d->nlines);
}

void detail_refresh_mailbox(Detail *d, const DetailFeed *f)
{
    static mote_msg_text text[DETAIL_PAGE];  /* host thread only: one view */
    size_t n = 0;
    d->nlines = 0;
    d->alive = f->info(f->ctx, d->pid, &d->info) == 0;
    d->mbox_total = d->alive ? d->info.message_queue_len : 0;
    if (d->mbox_offset >= d->mbox_total)
        d->mbox_offset = d->mbox_total > DETAIL_PAGE ? d->mbox_total - DETAIL_PAGE : 0;
    size_t cap = d->panel.h > 0 && d->panel.h < DETAIL_PAGE ? (size_t)d->panel.h : DETAIL_PAGE;
    if (!f->messages || f->messages(f->ctx, d->pid, (size_t)d->mbox_offset, text, cap, &n)) {
        add(d, 0, CRT_DIM, "(this source cannot list messages)");
        n = 0;
    }
    for (size_t i = 0; i < n && i < DETAIL_PAGE; i++)
        add(d, 0, CRT_NORMAL, "%6llu  %s", (unsigned long long)(d->mbox_offset + i + 1),
            text[i].text);
    panel_set_count(&d->panel, d->nlines);
}

void detail_place(Detail *d, int y, int h)
{
    panel_place(&d->panel, y + 1, h - 1);
}

static void draw_item(void *ctx, size_t i, int y, bool sel)
{
    Detail *d = ctx;
    const DetailLine *l = &d->lines[i];
    int a = sel ? crt_attr(CRT_SEL) : crt_attr(l->role);
    if (l->target && !sel)
        a |= A_UNDERLINE;
    attron(a);
    if (sel) {
        move(y, 0);
        crt_pad();
    }
    crt_put(y, 0, COLS, l->text);
    attroff(a);
}

void detail_draw(Detail *d, bool mailbox)
{
    int y = d->panel.y - 1;
    char title[160], p[32];
    mote_format(mote_pid_term(d->pid), p, sizeof p);
    if (mailbox)
        snprintf(title, sizeof title, " Mailbox of %s: messages %llu-%llu of %llu (PgUp/PgDn)", p,
                 (unsigned long long)(d->nlines ? d->mbox_offset + 1 : 0),
                 (unsigned long long)(d->mbox_offset + d->nlines),
                 (unsigned long long)d->mbox_total);
    else
        snprintf(title, sizeof title, " Detail of %s (Enter on a pid jumps to it, Esc back)", p);
    attron(crt_attr(CRT_HEAD));
    move(y, 0);
    crt_pad();
    crt_put(y, 0, COLS, title);
    attroff(crt_attr(CRT_HEAD));
    panel_draw(&d->panel, draw_item, d);
}

/* In the mailbox, PgDn and PgUp turn the page: the next or previous
 * screenful of messages is read (never the whole queue). */
static int turn_page(Detail *d, Act a)
{
    uint64_t page = d->nlines ? d->nlines : 1;
    if (a == ACT_PGDN && d->mbox_offset + page < d->mbox_total) {
        d->mbox_offset += page;
        panel_select(&d->panel, 0);
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE_DETAIL;
    }
    if (a == ACT_PGUP && d->mbox_offset > 0) {
        uint64_t back = d->panel.h > 0 ? (uint64_t)d->panel.h : page;
        d->mbox_offset = d->mbox_offset > back ? d->mbox_offset - back : 0;
        panel_select(&d->panel, 0);
        return PANEL_HANDLED | PANEL_REDRAW | PANEL_RETAKE_DETAIL;
    }
    return a == ACT_PGDN || a == ACT_PGUP ? PANEL_HANDLED : PANEL_IGNORED;
}

int detail_key(Detail *d, Act a, bool mailbox)
{
    int f = mailbox ? turn_page(d, a) : PANEL_IGNORED;
    return f ? f : panel_key(&d->panel, a);
}

int detail_click(Detail *d, int y)
{
    if (!panel_click(&d->panel, y))
        return PANEL_IGNORED;
    return PANEL_HANDLED | PANEL_REDRAW;
}

mote_pid detail_target(const Detail *d)
{
    return d->panel.sel < d->nlines ? d->lines[d->panel.sel].target : 0;
}
