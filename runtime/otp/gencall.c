/* gencall.c — GenServer.call from a host thread (mote_gen_call).
 *
 * A host thread cannot receive messages, so a short-lived native process
 * makes the call for it: it monitors the server, sends
 * {:"$gen_call", {self, ref}, request} with the monitor's ref as the tag
 * (as OTP does), and waits for {ref, reply}, the server's :DOWN, or its
 * own timer. It copies the reply into the host's env, then wakes the host
 * through the CallCx on the host's stack and never touches it again.
 */
#include <pthread.h>

#include "env.h"
#include "heap.h"
#include "msg.h"
#include "node.h"

typedef struct CallCx {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool done;          /* set once, under lock; the process then lets go */
    int result;         /* MOTE_OK, MOTE_ENOPROC, MOTE_ETIMEOUT, ...      */
    mote_env *env;      /* the host's env: request lives there, reply too */
    mote_pid to;
    mote_term request;
    mote_term reply;
    int64_t timeout_ms;
    uint64_t ref[2];    /* the monitor ref's id words: the call's tag     */
} CallCx;

static void finish(CallCx *cx, int result)
{
    pthread_mutex_lock(&cx->lock);
    if (!cx->done) {
        cx->result = result;
        cx->done = true;
        pthread_cond_signal(&cx->cond);
    }
    pthread_mutex_unlock(&cx->lock);
}

static bool is_tag(const CallCx *cx, mote_term t)
{
    return is_boxed_kind(t, HDR_REF) && boxed_ptr(t)[1] == cx->ref[0] &&
           boxed_ptr(t)[2] == cx->ref[1];
}

static int caller_init(mote_proc *self, void **st)
{
    CallCx *cx = *st;
    mote_env *env = mote_env_of(self);
    mote_term ref;
    if (mote_monitor(self, cx->to, &ref) != MOTE_OK) {
        finish(cx, MOTE_ENOPROC);
        return MOTE_STOP;
    }
    cx->ref[0] = boxed_ptr(ref)[1];
    cx->ref[1] = boxed_ptr(ref)[2];
    mote_term from[2] = {mote_pid_term(mote_self(self)), ref};
    mote_term el[3] = {mote_atom(env, "$gen_call"), mote_tuple(env, 2, from), cx->request};
    mote_term msg = mote_tuple(env, 3, el);
    uint64_t timer;
    if (msg == MOTE_NONE || mote_send(env, cx->to, msg) != MOTE_OK ||
        (cx->timeout_ms >= 0 && mote_send_after(self, (uint64_t)cx->timeout_ms, mote_self(self),
                                                mote_atom(env, "$mote_call_timeout"),
                                                &timer) != MOTE_OK)) {
        finish(cx, MOTE_ENOMEM);
        return MOTE_STOP;
    }
    return MOTE_OK;
}

/* Copies the reply into the host's env (the host is blocked meanwhile). */
static int take_reply(CallCx *cx, mote_term reply)
{
    size_t words = copy_size(reply);
    if (words > 0) {
        HeapFrag *f = frag_new(words);
        if (f == NULL)
            return MOTE_ENOMEM;
        Term *hp = frag_alloc(f, words);
        reply = copy_term(reply, &hp, &f->mso);
        heap_attach(cx->env->heap, f);
    }
    cx->reply = reply;
    return MOTE_OK;
}

static int caller_handle(mote_proc *self, void *st, mote_term msg)
{
    (void)self;
    CallCx *cx = st;
    size_t n;
    const mote_term *el;
    if (mote_is_atom(msg, "$mote_call_timeout")) {
        finish(cx, MOTE_ETIMEOUT);
        return MOTE_STOP;
    }
    if (mote_get_tuple(msg, &n, &el) != MOTE_OK)
        return MOTE_OK;
    if (n == 2 && is_tag(cx, el[0])) {
        finish(cx, take_reply(cx, el[1]));
        return MOTE_STOP;
    }
    if (n == 5 && mote_is_atom(el[0], "DOWN") && is_tag(cx, el[1])) {
        finish(cx, MOTE_ENOPROC);
        return MOTE_STOP;
    }
    return MOTE_OK;
}

/* Killed before an answer (mote_stop): the host must not wait forever. */
static void caller_terminate(mote_proc *self, void *st, mote_term reason)
{
    (void)self, (void)reason;
    finish(st, MOTE_ENOPROC);
}

static const mote_proc_class caller_class = {
    .name = "gen_call",
    .init = caller_init,
    .handle = caller_handle,
    .terminate = caller_terminate,
};

int mote_gen_call(mote_env *env, mote_pid to, mote_term request, int64_t timeout_ms,
                  mote_term *reply)
{
    if (env == NULL || env->proc != NULL || reply == NULL)
        return MOTE_EINVAL; /* a process would block its scheduler */
    CallCx cx = {.env = env, .to = to, .request = request, .timeout_ms = timeout_ms};
    pthread_mutex_init(&cx.lock, NULL);
    pthread_cond_init(&cx.cond, NULL);
    mote_pid pid;
    int rc = mote_spawn((mote_rt *)env->node, NULL, &caller_class, &cx, NULL, &pid);
    if (rc == MOTE_OK) {
        pthread_mutex_lock(&cx.lock);
        while (!cx.done)
            pthread_cond_wait(&cx.cond, &cx.lock);
        pthread_mutex_unlock(&cx.lock);
        rc = cx.result;
        /* The caller process may still be returning from the callback that
         * finished: wait for it to be gone before cx leaves the stack. */
        mote_wait_exit((mote_rt *)env->node, pid, -1, NULL, 0);
    }
    pthread_cond_destroy(&cx.cond);
    pthread_mutex_destroy(&cx.lock);
    if (rc == MOTE_OK)
        *reply = cx.reply;
    return rc;
}

int mote_gen_stop(mote_env *env, mote_pid server, mote_term reason, int64_t timeout_ms)
{
    if (env == NULL || env->proc != NULL)
        return MOTE_EINVAL;
    mote_term from[2] = {mote_atom(env, "undefined"), mote_make_ref(env)};
    mote_term op[2] = {mote_atom(env, "terminate"), reason};
    mote_term el[3] = {mote_atom(env, "system"), mote_tuple(env, 2, from), mote_tuple(env, 2, op)};
    mote_term msg = mote_tuple(env, 3, el);
    if (msg == MOTE_NONE)
        return MOTE_ENOMEM;
    mote_rt *rt = (mote_rt *)env->node;
    Proc *p = node_lock_pid(&rt->node, server);
    if (p == NULL)
        return MOTE_ENOPROC;
    node_unlock_pid(&rt->node, server);
    int rc = mote_send(env, server, msg);
    if (rc != MOTE_OK)
        return rc;
    rc = mote_wait_exit(rt, server, timeout_ms, NULL, 0);
    return rc == MOTE_ENOPROC ? MOTE_OK : rc;
}
