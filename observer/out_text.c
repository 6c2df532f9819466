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
    fprintf(out, "mote top - snapshot %llu, up %llu.%03llus, %llu processes (limit %llu)\n",
            (unsigned long long)s->seq, (unsigned long long)(st->uptime_ms / 1000),
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

void out_text_write(FILE *out, const Snap *s)
{
    write_header(out, s);
    fprintf(out, "%-16s %-28s %10s %8s %9s %10s %11s %-9s %s\n", "PID", "NAME", "REDS/S",
            "MSGQ", "MSGQ/S", "MEMORY", "MEM/S", "STATUS", "CURRENT");
    for (size_t i = 0; i < s->nrows; i++) {
        const SnapRow *r = &s->rows[i];
        fprintf(out, "%-16s %-28.28s %10.0f %8llu %+9.0f %10zu %+11.0f %-9s %s\n", r->pid_text,
                r->name[0] ? r->name : r->initial_call, r->reds_per_sec,
                (unsigned long long)r->msgq, r->msgq_per_sec, r->memory, r->mem_per_sec,
                out_status_name(r->status), r->current_function);
    }
    fputc('\n', out);
    fflush(out);
}
