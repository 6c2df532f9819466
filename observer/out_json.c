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

static void json_pid(FILE *out, mote_pid pid)
{
    if (!pid) {
        fputs("null", out);
        return;
    }
    char buf[32];
    mote_format(mote_pid_term(pid), buf, sizeof buf);
    json_str(out, buf);
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
                 "\"links\":%zu,\"monitors\":%zu,\"restarts\":%u,\"waiting_on\":",
            out_status_name(r->status), (unsigned long long)r->reductions, r->reds_per_sec,
            (unsigned long long)r->msgq, r->msgq_per_sec, r->memory, r->mem_per_sec, r->nlinks,
            r->nmonitors, r->restarts);
    json_pid(out, r->waiting_on);
    fputs(",\"parent\":", out);
    json_pid(out, r->parent);
    fputc('}', out);
}

static const char *const kind_names[] = {"supervisor", "dynamic_supervisor", "task_supervisor"};
static const char *const state_names[] = {"running", "undefined", "restarting"};
static const char *const restart_names[] = {"permanent", "transient", "temporary"};
#define NAME_OF(tab, i) ((unsigned)(i) < sizeof tab / sizeof *tab ? tab[i] : "?")
#define JSON_MAX_CHILDREN 100 /* children listed per supervisor */
#define JSON_MAX_LOG 20       /* restart events per snapshot    */

static void write_child(FILE *out, const mote_sup_child *c)
{
    fputs("{\"id\":", out);
    json_str(out, c->id);
    fputs(",\"pid\":", out);
    json_pid(out, c->pid);
    fprintf(out, ",\"state\":\"%s\",\"type\":\"%s\",\"restart\":\"%s\",\"restarts\":%u,"
                 "\"last_exit_ms\":",
            NAME_OF(state_names, c->state), c->supervisor ? "supervisor" : "worker",
            NAME_OF(restart_names, c->restart), c->restarts);
    if (c->last_exit_wall_ms)
        fprintf(out, "%lld", (long long)c->last_exit_wall_ms);
    else
        fputs("null", out);
    fputs(",\"last_exit_reason\":", out);
    if (c->last_exit_wall_ms)
        json_str(out, c->last_exit_reason);
    else
        fputs("null", out);
    fputc('}', out);
}

/* The supervisor's newest restart that was not its own giving up. */
static const mote_restart_event *last_restart(const mote_sup_info *in)
{
    for (size_t i = 0; i < in->nlog; i++)
        if (!in->log[i].gave_up)
            return &in->log[i];
    return NULL;
}

static void write_sup(FILE *out, const SnapSup *ss)
{
    const mote_sup_info *in = &ss->info;
    fputs("{\"pid\":", out);
    json_str(out, ss->pid_text);
    fputs(",\"name\":", out);
    json_str(out, ss->name);
    fprintf(out, ",\"kind\":\"%s\",\"strategy\":", NAME_OF(kind_names, in->kind));
    json_str(out, in->strategy);
    fputs(",\"app\":", out);
    if (in->app[0])
        json_str(out, in->app);
    else
        fputs("null", out);
    fputs(",\"parent\":", out);
    json_pid(out, ss->parent_sup);
    fprintf(out, ",\"restarts\":%u,\"intensity\":{\"max_restarts\":%u,\"max_seconds\":%u,"
                 "\"restarts_in_window\":%u,\"text\":\"%u/%u in %us\"},\"flapping\":%s,",
            in->restarts, in->max_restarts, in->max_seconds, in->restarts_in_window,
            in->restarts_in_window, in->max_restarts, in->max_seconds,
            ss->flapping ? "true" : "false");
    const mote_restart_event *ev = last_restart(in);
    fputs("\"last_exit\":", out);
    if (ev) {
        fputs("{\"child\":", out);
        json_str(out, ev->child_id);
        fputs(",\"reason\":", out);
        json_str(out, ev->reason);
        fprintf(out, ",\"time_ms\":%lld}", (long long)ev->wall_ms);
    } else {
        fputs("null", out);
    }
    fprintf(out, ",\"children_total\":%zu,\"children\":[", in->nchildren);
    for (size_t i = 0; i < in->nchildren && i < JSON_MAX_CHILDREN; i++) {
        if (i)
            fputc(',', out);
        write_child(out, &in->children[i]);
    }
    fputs("]}", out);
}

static void write_tree(FILE *out, const Snap *s)
{
    fprintf(out, "\"supervisors\":[");
    for (size_t i = 0; i < s->nsups; i++) {
        if (i)
            fputc(',', out);
        write_sup(out, &s->sups[i]);
    }
    fputc(']', out);
}

static void write_log(FILE *out, const Snap *s)
{
    fprintf(out, "\"restart_log\":[");
    for (size_t i = 0; i < s->nlog && i < JSON_MAX_LOG; i++) {
        const mote_restart_event *ev = &s->log[i];
        fprintf(out, "%s{\"time_ms\":%lld,\"uptime_ms\":%llu,\"supervisor\":", i ? "," : "",
                (long long)ev->wall_ms, (unsigned long long)ev->mono_ms);
        json_pid(out, ev->supervisor);
        fputs(",\"child\":", out);
        json_str(out, ev->child_id);
        fputs(",\"old_pid\":", out);
        json_pid(out, ev->old_pid);
        fputs(",\"new_pid\":", out);
        json_pid(out, ev->new_pid);
        fputs(",\"reason\":", out);
        json_str(out, ev->reason);
        fprintf(out, ",\"gave_up\":%s}", ev->gave_up ? "true" : "false");
    }
    fputc(']', out);
}

void out_json_write(FILE *out, const Snap *s)
{
    fprintf(out, "{\"schema\":\"mote-top/1\",\"node\":");
    json_str(out, s->node_name);
    fprintf(out, ",\"seq\":%llu,\"interval_s\":%.3f,"
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
    fputc(',', out);
    write_log(out, s);
    fprintf(out, "}\n");
    fflush(out);
}
