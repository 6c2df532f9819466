/* top.c — `mote top [options] FILE.exs [args]`: runs a script on an
 * embedded runtime in a thread and observes it, full-screen or (-b) as
 * text/JSON snapshots, with --fail-if thresholds for health checks. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "obj.h"
#include "observer.h"

enum { TOP_OK = 0, TOP_FAIL = 1, TOP_USAGE = 2 };
#define TOP_MAX_CHECKS 16

/* A --fail-if threshold: metric op value. */
typedef struct Check {
    const char *text;           /* as given, for the message             */
    char metric[32];
    char op[3];
    double value;
} Check;

typedef struct TopArgs {
    bool batch, json;
    long count;                 /* -n; 0 = until the script ends          */
    double delay_s;
    SnapQuery q;
    Check checks[TOP_MAX_CHECKS];
    int nchecks;
    int file_ix;                /* argv index of FILE.exs                 */
} TopArgs;

typedef struct Script {
    mote_rt *rt;
    const char *path;
    int argc;
    char **argv;
    int status;
    atomic_bool done;
} Script;

static const char *const node_metrics[] = {"restarts_per_min", "processes", "mem_total"};

static bool metric_known(const char *m)
{
    int k = snap_key_parse(m);
    if (k >= 0 && k < SNAP_PID) /* pid and the text keys are no metrics */
        return true;
    for (size_t i = 0; i < sizeof node_metrics / sizeof *node_metrics; i++)
        if (!strcmp(m, node_metrics[i]))
            return true;
    return false;
}

/* Parses "metric>value" (ops > >= < <= ==); 0 or MOTE_EINVAL. */
static int check_parse(const char *text, Check *c)
{
    size_t m = strcspn(text, "<>=");
    size_t o = strspn(text + m, "<>=");
    if (!m || !o || o > 2 || m >= sizeof c->metric)
        return MOTE_EINVAL;
    memcpy(c->metric, text, m);
    c->metric[m] = 0;
    memcpy(c->op, text + m, o);
    c->op[o] = 0;
    if (strcmp(c->op, ">") && strcmp(c->op, ">=") && strcmp(c->op, "<") &&
        strcmp(c->op, "<=") && strcmp(c->op, "=="))
        return MOTE_EINVAL;
    char *end;
    errno = 0;
    c->value = strtod(text + m + o, &end);
    if (errno || end == text + m + o || *end || !metric_known(c->metric))
        return MOTE_EINVAL;
    c->text = text;
    return 0;
}

static bool crosses(double v, const Check *c)
{
    if (!strcmp(c->op, ">"))
        return v > c->value;
    if (!strcmp(c->op, ">="))
        return v >= c->value;
    if (!strcmp(c->op, "<"))
        return v < c->value;
    if (!strcmp(c->op, "<="))
        return v <= c->value;
    return v == c->value;
}

/* Names the supervisor with the most restarts in the last minute:
 * "supervisor #PID<0.90.0> MySup (4 restarts in the last minute)". */
static const char *top_sup_name(const Snap *s, char *buf, size_t size)
{
    if (!s->top_sup)
        return "the node";
    char pid[32];
    mote_format(mote_pid_term(s->top_sup), pid, sizeof pid);
    const char *name = "";
    for (size_t i = 0; i < s->nsups; i++)
        if (s->sups[i].info.pid == s->top_sup)
            name = s->sups[i].name;
    snprintf(buf, size, "supervisor %s %.60s (%u restarts in the last minute)", pid, name,
             s->top_sup_restarts);
    return buf;
}

/* Reports the first crossed threshold on stderr; true when one was. A
 * per-process metric is judged on its maximum over every process (not
 * only the shown rows), so the process named is the worst one. */
static bool check_all(const TopArgs *a, const Snap *s)
{
    for (int i = 0; i < a->nchecks; i++) {
        const Check *c = &a->checks[i];
        int k = snap_key_parse(c->metric);
        double v;
        const char *who = "the node";
        char sup_who[160];
        if (k >= 0) {
            if (!s->max[k].pid)
                continue;
            v = s->max[k].value;
            who = s->max[k].who;
        } else if (!strcmp(c->metric, "restarts_per_min")) {
            v = s->restarts_per_min;
            who = top_sup_name(s, sup_who, sizeof sup_who);
        } else if (!strcmp(c->metric, "processes")) {
            v = (double)s->nprocs;
        } else {
            v = (double)s->stats.mem_total;
        }
        if (crosses(v, c)) {
            fprintf(stderr, "mote top: --fail-if '%s' crossed: %s is %.0f at %s\n", c->text,
                    c->metric, v, who);
            return true;
        }
    }
    return false;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: mote top [-b|--batch] [-n COUNT] [-d SECONDS] [--sort KEY] [--limit K]\n"
            "                [--filter TEXT] [--json] [--fail-if EXPR]... FILE.exs [ARGS...]\n"
            "       mote top -h|--help\n"
            "keys for --sort: reds msgq memory msgq_growth memory_growth restarts pid\n"
            "                 name status function\n"
            "See mote-top(1).\n");
}

static int bad(const char *what, const char *arg)
{
    fprintf(stderr, "mote top: %s '%s'\n", what, arg ? arg : "");
    usage(stderr);
    return TOP_USAGE;
}

/* Reads the option's value (argv[i + 1]); NULL when it is missing. */
static const char *value_of(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

static int parse_opt(TopArgs *a, int argc, char **argv, int *i)
{
    const char *o = argv[*i], *v;
    char *end;
    if (!strcmp(o, "-b") || !strcmp(o, "--batch"))
        a->batch = true;
    else if (!strcmp(o, "--json"))
        a->json = true;
    else if (!strcmp(o, "-n")) {
        if (!(v = value_of(argc, argv, i)) || (a->count = strtol(v, &end, 10)) < 1 || *end)
            return bad("-n needs a count of at least 1, not", v);
    } else if (!strcmp(o, "-d")) {
        if (!(v = value_of(argc, argv, i)) || (a->delay_s = strtod(v, &end)) < 0.01 || *end)
            return bad("-d needs seconds (at least 0.01), not", v);
    } else if (!strcmp(o, "--sort")) {
        int k;
        if (!(v = value_of(argc, argv, i)) || (k = snap_key_parse(v)) < 0)
            return bad("unknown sort key", v);
        a->q.sort = (SnapKey)k;
    } else if (!strcmp(o, "--limit")) {
        long k;
        if (!(v = value_of(argc, argv, i)) || (k = strtol(v, &end, 10)) < 0 || *end)
            return bad("--limit needs a count, not", v);
        a->q.limit = (size_t)k;
    } else if (!strcmp(o, "--filter")) {
        if (!(a->q.filter = value_of(argc, argv, i)))
            return bad("--filter needs text", NULL);
    } else if (!strcmp(o, "--fail-if")) {
        if (!(v = value_of(argc, argv, i)) || a->nchecks == TOP_MAX_CHECKS ||
            check_parse(v, &a->checks[a->nchecks]))
            return bad("--fail-if needs METRIC OP NUMBER (e.g. msgq>10000), not", v);
        a->nchecks++;
    } else if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
        usage(stdout);
        return -1;
    } else {
        return bad("unknown option", o);
    }
    return TOP_OK;
}

static int parse_args(TopArgs *a, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->delay_s = 1.0;
    a->q.sort = SNAP_REDS;
    a->q.limit = 20;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] != '-') {
            a->file_ix = i;
            return TOP_OK;
        }
        int rc = parse_opt(a, argc, argv, &i);
        if (rc)
            return rc;
    }
    fprintf(stderr, "mote top: needs a script (FILE.exs)\n");
    usage(stderr);
    return TOP_USAGE;
}

static void *script_main(void *arg)
{
    Script *s = arg;
    int rc = mote_eval_file(s->rt, s->path, s->argc, s->argv, &s->status);
    if (rc) {
        fprintf(stderr, "mote: %s\n", mote_last_error());
        s->status = TOP_FAIL;
    }
    atomic_store(&s->done, true);
    return NULL;
}

/* Sleeps for secs, or less when the script ends first. */
static void nap(double secs, const Script *s)
{
    double left = secs;
    while (left > 0 && !atomic_load(&s->done)) {
        double step = left < 0.01 ? left : 0.01;
        struct timespec ts = {0, (long)(step * 1e9)};
        nanosleep(&ts, NULL);
        left -= step;
    }
}

/* Prints a snapshot after every delay until count is reached or the script
 * ends (then one last one); returns the exit status. */
static int batch_loop(const TopArgs *args, mote_rt *rt, Script *sc)
{
    /* Batch output always carries the trees and the restart log. */
    TopArgs copy = *args;
    copy.q.tree = true;
    copy.q.log_limit = 1024;
    const TopArgs *a = &copy;
    Source *src;
    if (source_local_new(rt, &src))
        return TOP_FAIL;
    int status = TOP_OK;
    for (long i = 0; !a->count || i < a->count; i++) {
        /* The first snapshot too waits one interval: the script has
         * started by then, and rates have a previous take to compare. */
        nap(a->delay_s, sc);
        bool last = atomic_load(&sc->done);
        Snap s;
        if (source_take(src, &a->q, &s)) {
            fprintf(stderr, "mote top: snapshot failed: %s\n", mote_last_error());
            status = TOP_FAIL;
            break;
        }
        (a->json ? out_json_write : out_text_write)(stdout, &s);
        bool crossed = check_all(a, &s);
        snap_release(&s);
        if (crossed) {
            status = TOP_FAIL;
            break;
        }
        if (last)
            break;
    }
    source_destroy(src);
    return status;
}

int observer_top_main(int argc, char **argv)
{
    TopArgs a;
    int rc = parse_args(&a, argc, argv);
    if (rc)
        return rc < 0 ? TOP_OK : rc;
    if (!a.batch && (!isatty(0) || !isatty(1))) {
        fprintf(stderr, "mote top: not a terminal; use -b for batch mode\n");
        return TOP_USAGE;
    }
    mote_rt *rt;
    if (mote_start(NULL, &rt)) {
        fprintf(stderr, "mote top: cannot start the runtime: %s\n", mote_last_error());
        return TOP_FAIL;
    }
    Script sc = {.rt = rt, .path = argv[a.file_ix], .argc = argc - a.file_ix - 1,
                 .argv = argv + a.file_ix + 1};
    pthread_t th;
    if (pthread_create(&th, NULL, script_main, &sc)) {
        fprintf(stderr, "mote top: cannot start the script thread\n");
        return TOP_FAIL;
    }
    int status;
    if (a.batch) {
        status = batch_loop(&a, rt, &sc);
        /* A script that ended badly (a compile error, an uncaught error,
         * System.halt(n)) makes the health check fail too, as `mote run`
         * would exit. */
        if (status == TOP_OK && atomic_load(&sc.done) && sc.status != 0)
            status = sc.status;
    } else {
        observer_opts o = {.delay_s = a.delay_s, .sort = snap_key_name(a.q.sort)};
        status = TOP_OK;
        if (observer_run_tui(rt, &o) != 0) {
            fprintf(stderr, "mote top: the full-screen view needs a terminal that can move "
                            "the cursor (stdin and stdout a tty, TERM not dumb); "
                            "-b prints snapshots without one\n");
            status = TOP_FAIL;
        }
    }
    /* As `mote run`, exit at once: the script's other processes are not
     * waited for, and the script thread may still be running. */
    fflush(stdout);
    fflush(stderr);
    _exit(status);
}
