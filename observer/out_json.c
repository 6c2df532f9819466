/* out_json.c — a snapshot as one JSON line, schema "mote-top/1".
 *
 * The schema is documented field by field in man/mote-top.1 (JSON
 * OUTPUT); any change to it that is not purely additive bumps the
 * version number. */
#include <stdio.h>
#include <string.h>

#include "obj.h"

const char *out_status_name(mote_status st);

/* Writes s as a JSON string: quotes, backslashes and control bytes
 * escaped; other bytes (UTF-8) as they are. */
static void json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void write_header(FILE *out, const Snap *s)
{
    const mote_rt_stats *st = &s->stats;
    fprintf(out, "\"header\":{\"uptime_ms\":%llu,\"processes\":%llu,\"process_limit\":%llu,",
            (unsigned long long)st->uptime_ms, (unsigned long long)s->nprocs,
            (unsigned long long)st->process_limit);
    fprintf(out, "\"schedulers\":[");
    for (unsigned i = 0; i < st->nschedulers && i < MOTE_MAX_SCHEDULERS; i++)
        fprintf(out, "%s{\"id\":%u,\"util\":%.4f,\"runq\":%u}", i ? "," : "", i + 1,
                st->sched_util[i], st->runq_len[i]);
    fprintf(out, "],\"memory\":{\"total\":%zu,\"processes\":%zu,\"binaries\":%zu,"
                 "\"atoms\":%zu,\"code\":%zu,\"system\":%zu},",
            st->mem_total, st->mem_processes, st->mem_binaries, st->mem_atoms, st->mem_code,
            st->mem_system);
    fprintf(out, "\"reductions_per_sec\":%.1f,\"messages_per_sec\":%.1f,"
                 "\"restarts_total\":%llu,\"restarts_per_min\":%.0f}",
            st->reductions_per_sec, st->messages_per_sec,
            (unsigned long long)s->restarts_total, s->restarts_per_min);
}

static void write_row(FILE *out, const SnapRow *r)
{
    fprintf(out, "{\"pid\":");
    json_str(out, r->pid_text);
    fprintf(out, ",\"name\":");
    json_str(out, r->name);
    fprintf(out, ",\"initial_call\":");
    json_str(out, r->initial_call);
    fprintf(out, ",\"current_function\":");
    json_str(out, r->current_function);
    fprintf(out, ",\"status\":\"%s\",\"reductions\":%llu,\"reductions_per_sec\":%.1f,"
                 "\"msgq\":%llu,\"msgq_per_sec\":%.1f,\"memory\":%zu,\"memory_per_sec\":%.1f,"
                 "\"links\":%zu,\"monitors\":%zu,\"restarts\":%u,\"parent\":",
            out_status_name(r->status), (unsigned long long)r->reductions, r->reds_per_sec,
            (unsigned long long)r->msgq, r->msgq_per_sec, r->memory, r->mem_per_sec, r->nlinks,
            r->nmonitors, r->restarts);
    if (r->parent) {
        char buf[32];
        mote_format(mote_pid_term(r->parent), buf, sizeof buf);
        json_str(out, buf);
    } else {
        fprintf(out, "null");
    }
    fputc('}', out);
}

/* Supervisors are the rows that restarted children or whose initial call
 * names a supervisor; each with its restart count. The full tree (with
 * strategy and intensity) comes when OTP exposes it through mote.h. */
static void write_tree(FILE *out, const Snap *s)
{
    fprintf(out, "\"supervisors\":[");
    int first = 1;
    for (size_t i = 0; i < s->nrows; i++) {
        const SnapRow *r = &s->rows[i];
        if (!r->restarts && !strstr(r->initial_call, "Supervisor"))
            continue;
        fprintf(out, "%s{\"pid\":", first ? "" : ",");
        json_str(out, r->pid_text);
        fprintf(out, ",\"name\":");
        json_str(out, r->name);
        fprintf(out, ",\"restarts\":%u}", r->restarts);
        first = 0;
    }
    fputc(']', out);
}

void out_json_write(FILE *out, const Snap *s)
{
    fprintf(out, "{\"schema\":\"mote-top/1\",\"seq\":%llu,\"interval_s\":%.3f,"
                 "\"build_ms\":%.3f,\"sort\":\"%s\",\"matched\":%llu,",
            (unsigned long long)s->seq, s->interval_s, s->build_ms, snap_key_name(s->sort),
            (unsigned long long)s->nmatched);
    write_header(out, s);
    fprintf(out, ",\"procs\":[");
    for (size_t i = 0; i < s->nrows; i++) {
        if (i)
            fputc(',', out);
        write_row(out, &s->rows[i]);
    }
    fprintf(out, "],");
    write_tree(out, s);
    fprintf(out, "}\n");
    fflush(out);
}
