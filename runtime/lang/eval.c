/* eval.c — REPL sessions: the public mote_shell_* API (mote.h).
 *
 * A session is three processes: a native collector that hands replies to
 * the host thread, and two VM processes from eval_src.h, the keeper (holds
 * the bindings and results, never runs user code) and the worker (runs
 * each input; its pid is the shell's self()). The host compiles each
 * input here with comp_eval into a function of the bound variables and
 * sends it to the keeper; exactly one reply comes back per input, even
 * when the worker crashes or is killed, so the host never waits forever
 * on a dead evaluator.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atom.h"
#include "code.h"
#include "comp.h"
#include "env.h"
#include "err.h"
#include "eval.h"
#include "eval_src.h"
#include "mem.h"
#include "node.h"
#include "parse.h"
#include "vm.h"

struct mote_shell {
    mote_rt *rt;
    mote_pid collector, keeper, io; /* io: the evaluator's group leader */
    IoSink *sink;             /* io's output sink (our reference)            */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool done;                /* a reply arrived (under lock)                */
    bool notice;              /* the evaluator died while idle (under lock)  */
    char *notice_text;        /* why, malloc'd (under lock)                  */
    int status;               /* its MOTE_SHELL_* (under lock)               */
    char *text;               /* its text, malloc'd (under lock)             */
    char *names[EVAL_MAX_VARS]; /* bound variables, in argument order        */
    uint32_t nnames;
};

/* ---- the collector: replies to the host thread ----------------------- */

static int reply_status(mote_term st)
{
    if (mote_is_atom(st, "ok"))
        return MOTE_SHELL_OK;
    if (mote_is_atom(st, "error"))
        return MOTE_SHELL_ERROR;
    if (mote_is_atom(st, "interrupted"))
        return MOTE_SHELL_INTERRUPTED;
    if (mote_is_atom(st, "respawned"))
        return MOTE_SHELL_RESPAWNED;
    return MOTE_SHELL_CRASHED;
}

/* Copies {:"$mote_reply", status, text} to the session and wakes the
 * host; anything else is ignored. Scheduler thread. */
static int collect(mote_proc *self, void *state, mote_term msg)
{
    (void)self;
    mote_shell *sh = state;
    size_t n;
    const mote_term *el;
    const void *bytes;
    size_t len;
    if (mote_get_tuple(msg, &n, &el) != 0 || n != 3 || !mote_is_atom(el[0], "$mote_reply") ||
        mote_get_binary(el[2], &bytes, &len) != 0)
        return MOTE_OK;
    char *copy = malloc(len + 1);
    if (copy != NULL) {
        memcpy(copy, bytes, len);
        copy[len] = '\0';
    }
    pthread_mutex_lock(&sh->lock);
    if (mote_is_atom(el[1], "idle_crash")) {
        /* Unasked: the evaluator died between inputs (a linked process
         * took it down). Kept apart for mote_shell_notice, so it is never
         * taken for the answer to an input. */
        free(sh->notice_text);
        sh->notice_text = copy;
        sh->notice = true;
        pthread_mutex_unlock(&sh->lock);
        return MOTE_OK;
    }
    free(sh->text);
    sh->text = copy;
    sh->status = reply_status(el[1]);
    sh->done = true;
    pthread_cond_signal(&sh->cond);
    pthread_mutex_unlock(&sh->lock);
    return MOTE_OK;
}

static const mote_proc_class collector_class = {.name = "mote_shell_collector",
                                                .handle = collect};

/* ---- start-up ------------------------------------------------------------ */

typedef struct KeeperCtx {
    Term args[2]; /* the collector and the I/O server (group leader) */
} KeeperCtx;

static int prepare_keeper(Proc *p, void *ctx)
{
    KeeperCtx *k = ctx;
    return vm_prepare(p, NONE, atom_from_cstr("Elixir.Mote.Shell"), atom_from_cstr("__keeper__"),
                      k->args, 2, 0);
}

/* Compiles Mote.Shell once; mote_eval_string also registers the builtins
 * and loads the standard library, which the shell needs first. */
static int load_shell_module(mote_rt *rt)
{
    if (code_find(atom_from_cstr("Elixir.Mote.Shell")) != NULL)
        return 0;
    int rc = eval_bifs_register();
    if (rc != 0)
        return api_error(rc, "mote_shell_new: cannot register the shell builtins");
    int st = 0;
    rc = mote_eval_string(rt, eval_src, sizeof eval_src - 1, 0, NULL, &st);
    if (rc == 0 && st != 0)
        rc = api_error(MOTE_EINTERNAL, "mote_shell_new: the shell module did not compile");
    return rc;
}

MOTE_API int mote_shell_new(mote_rt *rt, mote_shell **out)
{
    if (rt == NULL || out == NULL)
        return api_error(MOTE_EINVAL, "mote_shell_new: rt and out are required");
    int rc = load_shell_module(rt);
    if (rc != 0)
        return rc;
    mote_shell *sh = calloc(1, sizeof *sh);
    if (sh == NULL)
        return api_error(MOTE_ENOMEM, "mote_shell_new: out of memory");
    sh->rt = rt;
    pthread_mutex_init(&sh->lock, NULL);
    pthread_cond_init(&sh->cond, NULL);
    rc = mote_spawn(rt, NULL, &collector_class, sh, NULL, &sh->collector);
    if (rc == 0)
        rc = eval_io_start(rt, &sh->sink, &sh->io);
    if (rc == 0) {
        KeeperCtx k = {.args = {(Term)mote_pid_term(sh->collector), (Term)mote_pid_term(sh->io)}};
        Term pid;
        rc = proc_spawn_body(node_of_rt(rt), NULL, prepare_keeper, &k, NULL, &pid);
        sh->keeper = (mote_pid)pid;
    }
    if (rc != 0) {
        mote_shell_free(sh);
        return api_error(rc, "mote_shell_new: cannot start the evaluator");
    }
    *out = sh;
    return 0;
}

MOTE_API void mote_shell_free(mote_shell *sh)
{
    if (sh == NULL)
        return;
    mote_env *env = mote_env_new(sh->rt);
    if (env != NULL) {
        if (sh->keeper)
            mote_exit(env, sh->keeper, mote_atom(env, "kill"));
        if (sh->collector)
            mote_exit(env, sh->collector, mote_atom(env, "kill"));
        if (sh->io)
            mote_exit(env, sh->io, mote_atom(env, "kill"));
        mote_env_free(env);
    }
    if (sh->sink != NULL) {
        eval_io_set_output(sh->sink, NULL, NULL); /* the host's fns may go now */
        eval_io_set_input(sh->sink, NULL, NULL);
        eval_io_release(sh->sink);
    }
    for (uint32_t i = 0; i < sh->nnames; i++)
        free(sh->names[i]);
    free(sh->text);
    free(sh->notice_text);
    pthread_mutex_destroy(&sh->lock);
    pthread_cond_destroy(&sh->cond);
    free(sh);
}

/* ---- evaluating ---------------------------------------------------------- */

static void set_text(mote_shell *sh, int status, const char *text)
{
    pthread_mutex_lock(&sh->lock);
    free(sh->text);
    sh->text = strdup(text);
    sh->status = status;
    pthread_mutex_unlock(&sh->lock);
}

/* Parses and compiles src against the session's bindings; on failure the
 * error text is the session's text and the status MOTE_SHELL_SYNTAX. */
static int compile_input(mote_shell *sh, const char *src, size_t len, CompEval *ev, Fn **fn)
{
    AstArena arena;
    ast_arena_init(&arena);
    Ast *root;
    ParseError pe;
    memset(&pe, 0, sizeof pe);
    char buf[2048];
    if (parse_source(&arena, "iex", src, len, &root, &pe) != 0) {
        int k = snprintf(buf, sizeof buf, "** (SyntaxError) ");
        parse_error_format(&pe, buf + k, sizeof buf - (size_t)k);
        ast_arena_fini(&arena);
        set_text(sh, MOTE_SHELL_SYNTAX, buf);
        return MOTE_ESYNTAX;
    }
    ev->names = (const char *const *)sh->names;
    ev->nnames = sh->nnames;
    ev->import = atom_from_cstr("Elixir.Mote.Shell");
    Err err;
    memset(&err, 0, sizeof err);
    int rc = comp_eval(root, "iex", ev, fn, &err);
    ast_arena_fini(&arena);
    if (rc != 0) {
        snprintf(buf, sizeof buf, "** (CompileError) %s", err.msg);
        set_text(sh, MOTE_SHELL_SYNTAX, buf);
    }
    return rc;
}

/* Sends {:"$mote_eval", fun, width} to the keeper. */
static int send_eval(mote_shell *sh, Fn *fn, int width)
{
    mote_env *env = mote_env_new(sh->rt);
    if (env == NULL)
        return MOTE_ENOMEM;
    Term *fun = heap_alloc(env->heap, 2);
    int rc = MOTE_ENOMEM;
    if (fun != NULL) {
        fun[0] = make_header(HDR_FUN, 1);
        fun[1] = (Term)(uintptr_t)fn;
        mote_term el[3] = {mote_atom(env, "$mote_eval"), make_boxed(fun),
                           mote_int(env, width)};
        rc = mote_send(env, sh->keeper, mote_tuple(env, 3, el));
    }
    mote_env_free(env);
    return rc;
}

static int send_atom_msg(mote_shell *sh, const char *tag)
{
    mote_env *env = mote_env_new(sh->rt);
    if (env == NULL)
        return MOTE_ENOMEM;
    mote_term el[1] = {mote_atom(env, tag)};
    int rc = mote_send(env, sh->keeper, mote_tuple(env, 1, el));
    mote_env_free(env);
    return rc;
}

/* Waits for the reply, asking the keeper to interrupt the worker once
 * *cancel becomes nonzero. Polls every 5 ms so a signal handler that only
 * sets a flag is enough to interrupt. */
static int wait_reply(mote_shell *sh, volatile int *cancel)
{
    bool asked = false;
    pthread_mutex_lock(&sh->lock);
    while (!sh->done) {
        if (cancel != NULL && *cancel && !asked) {
            asked = true;
            pthread_mutex_unlock(&sh->lock);
            send_atom_msg(sh, "$mote_interrupt");
            pthread_mutex_lock(&sh->lock);
            continue;
        }
        /* IO.gets in the evaluation (or a process it spawned) waits for
         * this thread to read the line. */
        pthread_mutex_unlock(&sh->lock);
        eval_io_serve_input(sh->sink, sh->rt);
        pthread_mutex_lock(&sh->lock);
        if (sh->done)
            break;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 5 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&sh->cond, &sh->lock, &ts);
    }
    int st = sh->status;
    pthread_mutex_unlock(&sh->lock);
    return st;
}

MOTE_API int mote_shell_notice(mote_shell *sh)
{
    if (sh == NULL)
        return -1;
    pthread_mutex_lock(&sh->lock);
    int st = -1;
    if (sh->notice) {
        st = MOTE_SHELL_CRASHED;
        free(sh->text);
        sh->text = sh->notice_text;
        sh->notice_text = NULL;
        sh->notice = false;
    }
    pthread_mutex_unlock(&sh->lock);
    return st;
}

/* After a success the compiled input's variables are the bindings. */
static void adopt_names(mote_shell *sh, const CompEval *ev)
{
    for (uint32_t i = 0; i < sh->nnames; i++)
        free(sh->names[i]);
    sh->nnames = 0;
    for (uint32_t i = 0; i < ev->nout; i++) {
        sh->names[i] = strdup(ev->out_names[i]);
        if (sh->names[i] == NULL)
            break;
        sh->nnames++;
    }
}

MOTE_API int mote_shell_eval(mote_shell *sh, const char *src, size_t len, int width,
                             volatile int *cancel)
{
    if (sh == NULL || src == NULL)
        return api_error(MOTE_EINVAL, "mote_shell_eval: sh and src are required");
    CompEval *ev = calloc(1, sizeof *ev);
    if (ev == NULL)
        return api_error(MOTE_ENOMEM, "mote_shell_eval: out of memory");
    Fn *fn;
    int st = MOTE_SHELL_SYNTAX;
    if (compile_input(sh, src, len, ev, &fn) == 0) {
        pthread_mutex_lock(&sh->lock);
        sh->done = false;
        pthread_mutex_unlock(&sh->lock);
        if (send_eval(sh, fn, width > 10 ? width : 80) != 0) {
            free(ev);
            return api_error(MOTE_ENOMEM, "mote_shell_eval: cannot reach the evaluator");
        }
        st = wait_reply(sh, cancel);
        if (st == MOTE_SHELL_OK)
            adopt_names(sh, ev);
    }
    free(ev);
    return st;
}

MOTE_API void mote_shell_set_output(mote_shell *sh, mote_output_fn fn, void *ctx)
{
    if (sh != NULL && sh->sink != NULL)
        eval_io_set_output(sh->sink, fn, ctx);
}

MOTE_API void mote_shell_set_input(mote_shell *sh, mote_input_fn fn, void *ctx)
{
    if (sh != NULL && sh->sink != NULL)
        eval_io_set_input(sh->sink, fn, ctx);
}

MOTE_API const char *mote_shell_text(mote_shell *sh)
{
    return sh != NULL && sh->text != NULL ? sh->text : "";
}

MOTE_API size_t mote_shell_bindings(mote_shell *sh, const char **names, size_t cap)
{
    size_t n = sh == NULL ? 0 : sh->nnames;
    for (size_t i = 0; i < n && i < cap; i++)
        names[i] = sh->names[i];
    return n;
}

MOTE_API int mote_input_completeness(const char *src, size_t len)
{
    if (src == NULL)
        return MOTE_EINVAL;
    int rc = parse_completeness(src, len);
    if (rc == PARSE_COMPLETE)
        return MOTE_INPUT_COMPLETE;
    if (rc == PARSE_INCOMPLETE)
        return MOTE_INPUT_INCOMPLETE;
    return MOTE_INPUT_INVALID;
}

mote_rt *eval_shell_rt(mote_shell *sh)
{
    return sh->rt;
}

void eval_map_keys(mote_shell *sh, size_t var, char *buf, size_t cap)
{
    buf[0] = '\0';
    mote_env *env = mote_env_new(sh->rt);
    if (env == NULL || var >= sh->nnames) {
        mote_env_free(env);
        return;
    }
    pthread_mutex_lock(&sh->lock);
    sh->done = false;
    pthread_mutex_unlock(&sh->lock);
    mote_term el[2] = {mote_atom(env, "$mote_keys"), mote_int(env, (int64_t)var)};
    int rc = mote_send(env, sh->keeper, mote_tuple(env, 2, el));
    mote_env_free(env);
    if (rc != 0)
        return;
    volatile int never = 0;
    if (wait_reply(sh, &never) == MOTE_SHELL_OK)
        snprintf(buf, cap, "%s", mote_shell_text(sh));
}
