/* out_text.c — a snapshot as plain text, like `top -b`: a header block,
 * then one line per row, then a blank line. */
#include <stdio.h>

#include "obj.h"

static const char *const status_names[] = {
    "running", "runnable", "waiting", "exiting", "suspended",
};

const char *out_status_name(mote_status st)
{
    return (unsigned)st < sizeof status_names / sizeof *status_names ? status_names[st] : "?";
}

static void write_header(FILE *out, const Snap *s)
{
    const mote_rt_stats *st = &s->stats;
    fprintf(out, "mote top - %s - snapshot %llu, up %llu.%03llus, %llu processes (limit %llu)\n",
            s->node_name, (unsigned long long)s->seq, (unsigned long long)(st->uptime_ms / 1000),
            (unsigned long long)(st->uptime_ms % 1000), (unsigned long long)s->nprocs,
            (unsigned long long)st->process_limit);
    fprintf(out, "Sched:");
    for (unsigned i = 0; i < st->nschedulers && i < MOTE_MAX_SCHEDULERS; i++)
        fprintf(out, " %u:%3.0f%% rq %u", i + 1, st->sched_util[i] * 100, st->runq_len[i]);
    fprintf(out, "\nMem: total %zu  processes %zu  binaries %zu  atoms %zu  code %zu\n",
            st->mem_total, st->mem_processes, st->mem_binaries, st->mem_atoms, st->mem_code);
    fprintf(out, "Rates: %.0f reds/s  %.0f msgs/s  restarts %llu (%.0f in the last minute)\n",
            st->reductions_per_sec, st->messages_per_sec,
            (unsigned long long)s->restarts_total, s->restarts_per_min);
}

/* One supervisor line, indented by its depth, then its children. */
static void write_sup(FILE *out, const SnapSup *ss, int depth)
{
    const mote_sup_info *in = &ss->info;
    fprintf(out, "%*s%s %s  %s  restarts %u  intensity %u/%u in %us%s\n", 2 * depth, "",
            ss->pid_text, ss->name[0] ? ss->name : "-", in->strategy, in->restarts,
            in->restarts_in_window, in->max_restarts, in->max_seconds,
            ss->flapping ? "  FLAPPING" : "");
    for (size_t i = 0; i < in->nchildren && i < 20; i++) {
        const mote_sup_child *c = &in->children[i];
        if (c->supervisor && c->pid)
            continue; /* drawn as its own supervisor line below */
        char pid[32] = "-";
        if (c->pid)
            mote_format(mote_pid_term(c->pid), pid, sizeof pid);
        fprintf(out, "%*s%s %s", 2 * depth + 2, "", c->id,
                c->state == MOTE_CHILD_RUNNING ? pid
                : c->state == MOTE_CHILD_RESTARTING ? "restarting" : "undefined");
        if (c->restarts)
            fprintf(out, "  restarts %u  last exit %s", c->restarts, c->last_exit_reason);
        fputc('\n', out);
    }
    if (in->nchildren > 20)
        fprintf(out, "%*s... %zu children in all\n", 2 * depth + 2, "", in->nchildren);
}

/* Depth of supervisor i: how many parents up to its root (sups are in
 * tree order, so every parent comes before its children). */
static int depth_of(const Snap *s, size_t i)
{
    int d = 0;
    for (mote_pid up = s->sups[i].parent_sup; up && d < 64; d++) {
        mote_pid next = 0;
        for (size_t j = 0; j < i; j++)
            if (s->sups[j].info.pid == up)
                next = s->sups[j].parent_sup;
        up = next;
    }
    return d;
}

static void write_trees(FILE *out, const Snap *s)
{
    if (!s->nsups)
        return;
    fprintf(out, "Supervision:\n");
    for (size_t i = 0; i < s->nsups; i++) {
        int d = depth_of(s, i);
        if (!d && s->sups[i].info.app[0])
            fprintf(out, "  application %s\n", s->sups[i].info.app);
        write_sup(out, &s->sups[i], d + 1 + (s->sups[i].info.app[0] != 0 && !d));
    }
}

static void write_log(FILE *out, const Snap *s)
{
    if (!s->nlog)
        return;
    fprintf(out, "Recent restarts:\n");
    for (size_t i = 0; i < s->nlog && i < 10; i++) {
        const mote_restart_event *ev = &s->log[i];
        char sup[32];
        mote_format(mote_pid_term(ev->supervisor), sup, sizeof sup);
        fprintf(out, "  %7.1fs %s %s %s: %s\n", ev->mono_ms / 1000.0, sup, ev->child_id,
                ev->gave_up ? "GAVE UP" : ev->new_pid ? "restarted" : "restart failed",
                ev->reason);
    }
}

void out_text_write(FILE *out, const Snap *s)
{
    write_header(out, s);
    fprintf(out, "%-16s %-28s %10s %8s %9s %10s %11s %-9s %s\n", "PID", "NAME", "REDS/S",
            "MSGQ", "MSGQ/S", "MEMORY", "MEM/S", "STATUS", "CURRENT");
    for (size_t i = 0; i < s->nrows; i++) {
        const SnapRow *r = &s->rows[i];
        fprintf(out, "%-16s %-28.28s %10.0f %8llu %+9.0f %10zu %+11.0f %-9s %s\n", r->pid_text,
                r->name[0] ? r->name : r->initial_call[0] ? r->initial_call : r->current_function,
                r->reds_per_sec,
                (unsigned long long)r->msgq, r->msgq_per_sec, r->memory, r->mem_per_sec,
                out_status_name(r->status), r->current_function);
    }
    write_trees(out, s);
    write_log(out, s);
    fputc('\n', out);
    fflush(out);
}
