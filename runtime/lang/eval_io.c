/* eval_io.c — the shell's I/O server: a native process that speaks the
 * Erlang I/O protocol (mote_io_server_start in mote.h).
 *
 * A client sends {:io_request, from, ref, request} to its group leader and
 * gets exactly one {:io_reply, ref, reply} back. Output requests
 * (put_chars, with or without an encoding, and {:requests, list}) go to
 * the server's sink in arrival order: the host's stdout, or the function
 * a shell installed (mote_shell_set_output) so that output arriving while
 * the user types is printed above the prompt. Input requests answer
 * {:error, :enotsup} because the line editor owns the terminal. Anything
 * else is answered {:error, :request}, as the protocol says, so a client
 * never waits forever on us.
 *
 * The sink is shared by the server and the shell that made it, with a
 * reference count: either may go first.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "env.h"
#include "eval.h"
#include "lib.h"
#include "mote.h"
#include "strbuf.h"
#include "term.h"
#include "utf8.h"

struct IoSink {
    _Atomic int refs;     /* the server, and the shell when it has one    */
    pthread_mutex_t lock; /* held while writing: set_output waits for it  */
    mote_output_fn fn;    /* NULL: stdout (under lock)                    */
    void *ctx;            /* fn's argument (under lock)                   */
    /* Input: one get_line request at a time waits here for the host
     * thread (eval_io_serve_input), all under lock. */
    mote_input_fn in_fn;  /* NULL: input requests get {:error, :enotsup}  */
    void *in_ctx;
    bool in_pending;      /* a request waits for the host                */
    bool in_serving;      /* the host is reading its line                */
    mote_pid in_from;     /* who asked                                   */
    uint64_t in_ref[2];   /* its ReplyAs, a local reference's id words   */
    char *in_prompt;      /* malloc'd prompt text                        */
};

static IoSink *sink_new(int refs)
{
    IoSink *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    atomic_init(&s->refs, refs);
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

void eval_io_release(IoSink *s)
{
    if (s == NULL || atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1)
        return;
    pthread_mutex_destroy(&s->lock);
    free(s->in_prompt);
    free(s);
}

void eval_io_set_output(IoSink *s, mote_output_fn fn, void *ctx)
{
    pthread_mutex_lock(&s->lock);
    s->fn = fn;
    s->ctx = ctx;
    pthread_mutex_unlock(&s->lock);
}

/* One request's bytes to the sink, whole: a line is never split between
 * two writers. Scheduler thread. */
static void sink_write(IoSink *s, const char *p, size_t n)
{
    if (n == 0)
        return;
    pthread_mutex_lock(&s->lock);
    if (s->fn != NULL)
        s->fn(s->ctx, p, n);
    else
        (void)lib_write_all(STDOUT_FILENO, p, n);
    pthread_mutex_unlock(&s->lock);
}

/* Appends chardata (a binary, a code point, or a nested list of them) to
 * out as UTF-8. false when it is not chardata or too deep. */
static bool put_chardata(mote_term t, Strbuf *out, int depth)
{
    const void *bytes;
    size_t len;
    int64_t cp;
    mote_term head, tail;
    if (depth > 64)
        return false;
    if (mote_get_binary(t, &bytes, &len) == 0) {
        strbuf_put(out, bytes, len);
        return true;
    }
    if (mote_get_int(t, &cp) == 0) {
        /* A surrogate or a number past U+10FFFF is not character data:
         * the request fails ({:error, :put_chars}), as Erlang's does. */
        uint8_t u[4];
        size_t n = cp < 0 || cp > 0x10FFFF ? 0 : utf8_encode((uint32_t)cp, u);
        if (n == 0)
            return false;
        strbuf_put(out, u, n);
        return true;
    }
    while (mote_get_cons(t, &head, &tail) == 0) {
        if (!put_chardata(head, out, depth + 1))
            return false;
        t = tail;
    }
    return mote_type_of(t) == MOTE_T_NIL || put_chardata(t, out, depth + 1);
}

/* getopts: what IEx and the Erlang shell ask first: binary mode (replies
 * to input requests are binaries) and the unicode encoding. */
static mote_term opts_reply(mote_env *env)
{
    mote_term bin[2] = {mote_atom(env, "binary"), mote_atom(env, "true")};
    mote_term enc[2] = {mote_atom(env, "encoding"), mote_atom(env, "unicode")};
    mote_term list = mote_cons(env, mote_tuple(env, 2, enc), mote_nil());
    return mote_cons(env, mote_tuple(env, 2, bin), list);
}

/* The reply to one request (built in env); output goes to sink. */
static mote_term handle_request(mote_env *env, IoSink *sink, mote_term req, int depth)
{
    size_t n;
    const mote_term *el;
    if (mote_is_atom(req, "getopts"))
        return opts_reply(env);
    if (mote_get_tuple(req, &n, &el) != 0 || n == 0 || depth > 8)
        goto bad;
    if (mote_is_atom(el[0], "put_chars") && (n == 2 || n == 3)) {
        Strbuf sb;
        strbuf_init(&sb);
        bool ok = put_chardata(el[n - 1], &sb, 0) && !strbuf_failed(&sb);
        if (ok)
            sink_write(sink, sb.data, sb.len);
        strbuf_fini(&sb);
        if (ok)
            return mote_atom(env, "ok");
        mote_term e[2] = {mote_atom(env, "error"), mote_atom(env, "put_chars")};
        return mote_tuple(env, 2, e);
    }
    if (mote_is_atom(el[0], "requests") && n == 2) {
        mote_term r = mote_atom(env, "ok"), head, t = el[1];
        while (mote_get_cons(t, &head, &t) == 0) {
            r = handle_request(env, sink, head, depth + 1);
            if (!mote_is_atom(r, "ok"))
                return r;
        }
        return r;
    }
    if (mote_is_atom(el[0], "get_line") || mote_is_atom(el[0], "get_chars") ||
        mote_is_atom(el[0], "get_until") || mote_is_atom(el[0], "get_password")) {
        mote_term e[2] = {mote_atom(env, "error"), mote_atom(env, "enotsup")};
        return mote_tuple(env, 2, e);
    }
    if (mote_is_atom(el[0], "setopts"))
        return mote_atom(env, "ok");
    if (mote_is_atom(el[0], "getopts"))
        goto bad; /* getopts is a bare atom, never a tuple */
bad:;
    mote_term e[2] = {mote_atom(env, "error"), mote_atom(env, "request")};
    return mote_tuple(env, 2, e);
}

/* A get_line request ({:get_line, prompt} or {:get_line, enc, prompt})
 * whose ReplyAs is a local reference is left for the host thread when the
 * shell reads input (mote_shell_set_input) and none is waiting already.
 * Returns true when it was taken: the host replies, not us. */
static bool defer_input(IoSink *s, mote_pid from, mote_term reply_as, mote_term req)
{
    size_t n;
    const mote_term *el;
    Term ref = (Term)reply_as;
    if (mote_get_tuple(req, &n, &el) != 0 || (n != 2 && n != 3) ||
        !mote_is_atom(el[0], "get_line") || !is_boxed_kind(ref, HDR_REF))
        return false;
    Strbuf prompt;
    strbuf_init(&prompt);
    if (!put_chardata(el[n - 1], &prompt, 0) || strbuf_failed(&prompt))
        strbuf_clear(&prompt);
    bool taken = false;
    pthread_mutex_lock(&s->lock);
    if (s->in_fn != NULL && !s->in_pending && !s->in_serving) {
        free(s->in_prompt);
        s->in_prompt = strdup(strbuf_cstr(&prompt));
        s->in_from = from;
        s->in_ref[0] = boxed_ptr(ref)[1];
        s->in_ref[1] = boxed_ptr(ref)[2];
        s->in_pending = taken = s->in_prompt != NULL;
    }
    pthread_mutex_unlock(&s->lock);
    strbuf_fini(&prompt);
    return taken;
}

static int io_handle(mote_proc *self, void *state, mote_term msg)
{
    size_t n;
    const mote_term *el;
    mote_pid from;
    if (mote_get_tuple(msg, &n, &el) != 0 || n != 4 || !mote_is_atom(el[0], "io_request") ||
        mote_get_pid(el[1], &from) != 0)
        return MOTE_OK; /* not for us: dropped, as a stray message would be */
    if (defer_input(state, from, el[2], el[3]))
        return MOTE_OK;
    mote_env *env = mote_env_of(self);
    mote_term reply[3] = {mote_atom(env, "io_reply"), el[2], handle_request(env, state, el[3], 0)};
    mote_send(env, from, mote_tuple(env, 3, reply));
    return MOTE_OK;
}

static void io_terminate(mote_proc *self, void *state, mote_term reason)
{
    (void)self;
    (void)reason;
    eval_io_release(state);
}

static const mote_proc_class io_class = {
    .name = "mote_io_server", .handle = io_handle, .terminate = io_terminate};

void eval_io_set_input(IoSink *s, mote_input_fn fn, void *ctx)
{
    pthread_mutex_lock(&s->lock);
    s->in_fn = fn;
    s->in_ctx = ctx;
    pthread_mutex_unlock(&s->lock);
}

/* {:io_reply, ref, line} (or :eof) to the process that asked. */
static void send_input_reply(mote_rt *rt, mote_pid to, const uint64_t ref[2], const char *line)
{
    mote_env *env = mote_env_new(rt);
    if (env == NULL)
        return;
    Term *r = heap_alloc(env->heap, 3);
    if (r != NULL) {
        r[0] = make_header(HDR_REF, 2);
        r[1] = ref[0];
        r[2] = ref[1];
        mote_term data = line != NULL ? mote_binary(env, line, strlen(line)) : mote_atom(env, "eof");
        mote_term el[3] = {mote_atom(env, "io_reply"), (mote_term)make_boxed(r), data};
        mote_send(env, to, mote_tuple(env, 3, el));
    }
    mote_env_free(env);
}

void eval_io_serve_input(IoSink *s, mote_rt *rt)
{
    pthread_mutex_lock(&s->lock);
    if (!s->in_pending || s->in_fn == NULL) {
        pthread_mutex_unlock(&s->lock);
        return;
    }
    s->in_pending = false;
    s->in_serving = true; /* a second request is refused meanwhile */
    mote_input_fn fn = s->in_fn;
    void *ctx = s->in_ctx;
    char *prompt = s->in_prompt;
    s->in_prompt = NULL;
    mote_pid from = s->in_from;
    uint64_t ref[2] = {s->in_ref[0], s->in_ref[1]};
    pthread_mutex_unlock(&s->lock);
    char *line = fn(ctx, prompt); /* may wait for the user: no lock held */
    send_input_reply(rt, from, ref, line);
    free(line);
    free(prompt);
    pthread_mutex_lock(&s->lock);
    s->in_serving = false;
    pthread_mutex_unlock(&s->lock);
}

int eval_io_start(mote_rt *rt, IoSink **sink, mote_pid *out)
{
    IoSink *s = sink_new(sink != NULL ? 2 : 1);
    if (s == NULL)
        return MOTE_ENOMEM;
    int rc = mote_spawn(rt, NULL, &io_class, s, NULL, out);
    if (rc != 0) {
        free(s);
        return rc;
    }
    if (sink != NULL)
        *sink = s;
    return 0;
}

MOTE_API int mote_io_server_start(mote_rt *rt, mote_pid *out)
{
    if (rt == NULL || out == NULL)
        return MOTE_EINVAL;
    return eval_io_start(rt, NULL, out);
}
