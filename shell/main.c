/* main.c — the mote command line.
 *
 * `run` and `-e` hand a script or an expression to the language through
 * mote_eval_file/mote_eval_string; with no command, the REPL (repl.c). The contract for
 * every piece that slots in here: every flag is listed in usage(),
 * every flag there is documented in man/mote.1 and README.md (a test,
 * tests/e2e/test_help.sh, checks it), and any other argument is refused
 * with exit status 2, never silently ignored.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "mote.h"
#include "observer.h"
#include "repl.h"

enum {
    MAIN_EXIT_OK = 0,
    MAIN_EXIT_FAIL = 1,  /* a command ran and failed */
    MAIN_EXIT_USAGE = 2, /* the command line itself is wrong */
};

/* Writes the help text to out. Keep each flag on its own line starting
 * with the flag itself: the e2e test reads flags from this text. */
static void usage(FILE *out)
{
    fprintf(out, "usage: mote [options]\n"
                 "       mote run FILE.exs [ARGS...]\n"
                 "       mote -e EXPR [ARGS...]\n"
                 "       mote top [TOP-OPTIONS] FILE.exs [ARGS...]   (see mote-top(1))\n"
                 "\n"
                 "mote is a BEAM-style actor runtime with an Elixir-subset language.\n"
                 "run and -e run a script or an expression and exit with its status\n"
                 "(0, 1 after an uncaught error, n from System.halt(n)); ARGS are what\n"
                 "System.argv() returns. Without a command mote starts the interactive\n"
                 "shell (the REPL); with stdin not a terminal it evaluates stdin and\n"
                 "exits 1 if any input failed.\n"
                 "\n"
                 "options:\n"
                 "  -h, --help       print this help and exit\n"
                 "  --version        print the version and exit\n"
                 "  --no-history     shell: do not read or write the history file\n"
                 "  --no-startup     shell: do not evaluate .mote.exs\n"
                 "  --no-jit         run all code in the bytecode interpreter (as MOTE_JIT=0)\n"
                 "\n"
                 "environment:\n"
                 "  MOTE_QUIET=1     no crash reports of GenServer, Supervisor, Task on\n"
                 "                   stderr (also :mote.set_crash_reports(false))\n"
                 "  NO_COLOR         set: no colours in the shell and the observer\n"
                 "  XDG_STATE_HOME   the shell's history is $XDG_STATE_HOME/mote/history\n"
                 "                   (else ~/.local/state/mote/history)\n"
                 "  MOTE_GC_STRESS=1 collect at every safe point (debugging; very slow)\n"
                 "  MOTE_JIT=0       no native code: the interpreter runs everything\n"
                 "  MOTE_JIT_PERF=1  name native code for perf(1) in /tmp/perf-PID.map\n"
                 "  MOTE_STRESS_SCALE=F  the stress tests' counts times F (tests only)\n"
                 "\n"
                 "shell helpers: h/1 i/1 v/0 v/1 flush/0 pid/1 pid/3 c/1 r/1 exports/1\n"
                 "clear/0 runtime_info/0 respawn/0 ls/0 ls/1 cd/1 pwd/0 observer/0\n"
                 "\n"
                 "See mote(1) and libmote(3).\n");
}

static void version(void)
{
    printf("mote %s\n", MOTE_VERSION_STRING);
}

/* `mote run FILE [args]` and `mote -e EXPR [args]`: runs the code in a
 * fresh runtime and exits with the script's status (Elixir's: 0, 1 on an
 * uncaught error, n from System.halt(n)). */
static int run_lang(int argc, char **argv, int i)
{
    bool is_run = !strcmp(argv[i], "run");
    if (i + 1 >= argc) {
        fprintf(stderr, "mote: %s needs %s\n", argv[i], is_run ? "a file" : "an expression");
        return MAIN_EXIT_USAGE;
    }
    mote_config cfg;
    mote_config_init(&cfg);
    mote_rt *rt;
    if (mote_start(&cfg, &rt) != 0) {
        fprintf(stderr, "mote: cannot start the runtime: %s\n", mote_last_error());
        return MAIN_EXIT_FAIL;
    }
    int status = MAIN_EXIT_FAIL;
    const char *arg = argv[i + 1];
    int rc = is_run ? mote_eval_file(rt, arg, argc - i - 2, argv + i + 2, &status)
                    : mote_eval_string(rt, arg, strlen(arg), argc - i - 2, argv + i + 2, &status);
    if (rc != 0) {
        fprintf(stderr, "mote: %s\n", mote_last_error());
        status = MAIN_EXIT_FAIL;
    }
    /* As Elixir halts when a script ends, other processes still running
     * are not waited for: mote_stop kills them (terminate callbacks run,
     * every byte is freed, so sanitizer builds see no leak). */
    fflush(stdout);
    fflush(stderr);
    mote_stop(rt);
    return status;
}

/* The shell: a runtime and repl_main on it. */
static int run_repl(const ReplOpts *opts)
{
    mote_config cfg;
    mote_config_init(&cfg);
    /* Erlang's default process limit, as iex has: the process table is
     * zeroed at start, and a quarter of mote's default reaches the first
     * prompt sooner. */
    cfg.max_processes = 1048576;
    mote_rt *rt;
    if (mote_start(&cfg, &rt) != 0) {
        fprintf(stderr, "mote: cannot start the runtime: %s\n", mote_last_error());
        return MAIN_EXIT_FAIL;
    }
    int status = repl_main(rt, opts);
    /* As iex does (and `run` here), leaving the shell does not wait for
     * the processes still running: mote_stop kills them. */
    fflush(stdout);
    fflush(stderr);
    mote_stop(rt);
    return status;
}

int main(int argc, char **argv)
{
    ReplOpts ro = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return MAIN_EXIT_OK;
        }
        if (!strcmp(a, "--version")) {
            version();
            return MAIN_EXIT_OK;
        }
        if (!strcmp(a, "run") || !strcmp(a, "-e"))
            return run_lang(argc, argv, i);
        if (!strcmp(a, "top"))
            return observer_top_main(argc - i, argv + i);
        if (!strcmp(a, "--no-jit")) {
            /* Read by the runtime when it first compiles native code. */
            setenv("MOTE_JIT", "0", 1);
            continue;
        }
        if (!strcmp(a, "--no-history") || !strcmp(a, "--no-startup")) {
            ro.no_history |= a[5] == 'h';
            ro.no_startup |= a[5] == 's';
            continue;
        }
        fprintf(stderr, "mote: unknown %s '%s'\n", a[0] == '-' ? "option" : "argument", a);
        fprintf(stderr, "try 'mote --help'\n");
        return MAIN_EXIT_USAGE;
    }
    return run_repl(&ro);
}
