/* sigprobe.h — a scriptable native process for the signal, name, info
 * and poller tests ("signals" tests only).
 *
 * A probe runs commands sent to it as tuples ({:link, pid},
 * {:monitor, pid}, {:exit, pid, reason}, {:stop, reason}, ...) and writes
 * down every other message it gets, as text, in its Probe record. The
 * host waits on the record's condition variable for a line or the exit,
 * so tests never sleep for a fixed time; the only time bound is a
 * generous give-up (PROBE_WAIT_MS) that turns a hang into a failure.
 */
#ifndef SIGPROBE_H
#define SIGPROBE_H

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "link.h"
#include "mem.h"
#include "mote.h"
#include "term.h"

#define PROBE_LINES 32
#define PROBE_WAIT_MS 10000

typedef struct Probe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    mote_pid pid;
    int nlines;
    char lines[PROBE_LINES][160]; /* what it received / did, in order */
    bool exited;
    char reason[96];              /* its exit reason, as text           */
    Term ref[3];                  /* the last monitor ref (raw words)   */
    Term ref2[3];                 /* the one before it                  */
    bool hold;                    /* a {:hold} command blocks while set */
    int nnotes;                   /* every line, kept or not            */
} Probe;

/* Writes a short text for t: atoms by name, integers, pids as <pid>,
 * refs as #ref, tuples in braces. Enough to compare in tests. */
static inline void probe_describe(mote_term t, char *buf, size_t size)
{
    const char *name;
    size_t len, n;
    int64_t v;
    const mote_term *el;
    if (size == 0)
        return;
    buf[0] = '\0';
    if (mote_get_atom(t, &name, &len) == 0) {
        snprintf(buf, size, ":%.*s", (int)len, name);
    } else if (mote_get_int(t, &v) == 0) {
        snprintf(buf, size, "%lld", (long long)v);
    } else if (is_local_pid((Term)t)) {
        snprintf(buf, size, "<pid>");
    } else if (is_boxed_kind((Term)t, HDR_REF)) {
        snprintf(buf, size, "#ref");
    } else if (mote_get_tuple(t, &n, &el) == 0) {
        size_t off = (size_t)snprintf(buf, size, "{");
        for (size_t i = 0; i < n && off < size; i++) {
            if (i)
                off += (size_t)snprintf(buf + off, size - off, ", ");
            if (off < size)
                probe_describe(el[i], buf + off, size - off);
            off = strlen(buf);
        }
        if (off < size)
            snprintf(buf + off, size - off, "}");
    } else {
        snprintf(buf, size, "?");
    }
}

static inline void probe_note(Probe *pr, const char *text)
{
    pthread_mutex_lock(&pr->mu);
    pr->nnotes++;
    if (pr->nlines < PROBE_LINES)
        snprintf(pr->lines[pr->nlines++], sizeof pr->lines[0], "%s", text);
    pthread_cond_broadcast(&pr->cv);
    pthread_mutex_unlock(&pr->mu);
}

static inline bool probe_cmd(mote_term msg, const char *cmd, size_t arity, const mote_term **el)
{
    size_t n;
    return mote_get_tuple(msg, &n, el) == 0 && n == arity && mote_is_atom((*el)[0], cmd);
}

static inline int probe_handle(mote_proc *self, void *state, mote_term msg)
{
    Probe *pr = state;
    const mote_term *el;
    char buf[160];
    mote_pid other = 0;
    if (probe_cmd(msg, "link", 2, &el) && mote_get_pid(el[1], &other) == 0) {
        snprintf(buf, sizeof buf, "link %d", mote_link(self, other));
    } else if (probe_cmd(msg, "unlink", 2, &el) && mote_get_pid(el[1], &other) == 0) {
        snprintf(buf, sizeof buf, "unlink %d", mote_unlink(self, other));
    } else if (probe_cmd(msg, "monitor", 2, &el) && mote_get_pid(el[1], &other) == 0) {
        mote_term ref = 0;
        int rc = mote_monitor(self, other, &ref);
        memcpy(pr->ref2, pr->ref, sizeof pr->ref);
        if (rc == 0)
            memcpy(pr->ref, boxed_ptr((Term)ref), sizeof pr->ref);
        snprintf(buf, sizeof buf, "monitor %d", rc);
    } else if (probe_cmd(msg, "demonitor", 1, &el)) {
        snprintf(buf, sizeof buf, "demonitor %d", mote_demonitor(self, make_boxed(pr->ref2)));
    } else if (probe_cmd(msg, "monitor_flush", 2, &el) && mote_get_pid(el[1], &other) == 0) {
        /* Monitor (a dead pid: the DOWN is queued at once), drain it into
         * the private queue as the VM's receive would, then demonitor
         * with flush: the DOWN must be gone. */
        mote_term ref = 0;
        int rc = mote_monitor(self, other, &ref);
        uint64_t w[2] = {boxed_ptr((Term)ref)[1], boxed_ptr((Term)ref)[2]};
        bool dead = proc_drain((Proc *)self);
        snprintf(buf, sizeof buf, "monitor_flush %d %d %d", rc, dead,
                 monitor_remove_flush((Proc *)self, w));
    } else if (probe_cmd(msg, "oom_link", 2, &el) && mote_get_pid(el[1], &other) == 0) {
        /* Fails the nth allocation of link, monitor and register calls in
         * turn, n = 1..8: each must report 0 or MOTE_ENOMEM, never crash
         * or leak. Writes how many calls ended in each way. */
        int ok = 0, oom = 0, other_rc = 0;
        for (uint64_t n = 1; n <= 8; n++) {
            mote_term ref;
            int rcs[3];
            mem_fail_after(n);
            rcs[0] = mote_link(self, other);
            rcs[1] = mote_monitor(self, other, &ref);
            rcs[2] = mote_register(self, "oom_probe_name");
            mem_fail_after(0);
            for (int i = 0; i < 3; i++)
                rcs[i] == 0 ? ok++ : rcs[i] == MOTE_ENOMEM ? oom++ : other_rc++;
            mote_unlink(self, other);
            if (rcs[1] == 0)
                mote_demonitor(self, ref);
            if (rcs[2] == 0)
                mote_unregister(mote_rt_of(self), "oom_probe_name");
        }
        snprintf(buf, sizeof buf, "oom_link ok=%d oom=%d other=%d", ok > 0, oom > 0, other_rc);
    } else if (probe_cmd(msg, "trap", 1, &el)) {
        snprintf(buf, sizeof buf, "trap %d", mote_trap_exit(self, true));
    } else if (probe_cmd(msg, "exit", 3, &el) && mote_get_pid(el[1], &other) == 0) {
        snprintf(buf, sizeof buf, "exit %d", mote_exit(mote_env_of(self), other, el[2]));
    } else if (probe_cmd(msg, "register", 2, &el)) {
        const char *name;
        size_t len;
        char nm[64];
        mote_get_atom(el[1], &name, &len);
        snprintf(nm, sizeof nm, "%.*s", (int)len, name);
        snprintf(buf, sizeof buf, "register %d", mote_register(self, nm));
    } else if (probe_cmd(msg, "hold", 1, &el)) {
        pthread_mutex_lock(&pr->mu);
        pr->nlines < PROBE_LINES ? snprintf(pr->lines[pr->nlines++], 160, "holding") : 0;
        pthread_cond_broadcast(&pr->cv);
        while (pr->hold)
            pthread_cond_wait(&pr->cv, &pr->mu);
        pthread_mutex_unlock(&pr->mu);
        return MOTE_OK;
    } else if (probe_cmd(msg, "stop", 2, &el)) {
        mote_exit_self(self, el[1]);
        return MOTE_STOP;
    } else {
        probe_describe(msg, buf, sizeof buf);
    }
    probe_note(pr, buf);
    return MOTE_OK;
}

static inline void probe_terminate(mote_proc *self, void *state, mote_term reason)
{
    (void)self;
    Probe *pr = state;
    pthread_mutex_lock(&pr->mu);
    probe_describe(reason, pr->reason, sizeof pr->reason);
    pr->exited = true;
    pthread_cond_broadcast(&pr->cv);
    pthread_mutex_unlock(&pr->mu);
}

static const mote_proc_class probe_class = {
    .name = "probe", .init = NULL, .handle = probe_handle, .terminate = probe_terminate,
};

static inline void probe_init(Probe *pr)
{
    memset(pr, 0, sizeof *pr);
    pthread_mutex_init(&pr->mu, NULL);
    pthread_cond_init(&pr->cv, NULL);
}

static inline int probe_spawn(mote_rt *rt, Probe *pr)
{
    probe_init(pr);
    return mote_spawn(rt, NULL, &probe_class, pr, NULL, &pr->pid);
}

static inline void deadline_in(struct timespec *ts, int ms)
{
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

/* Waits until the probe has at least n lines. False on give-up. */
static inline bool probe_wait_lines(Probe *pr, int n)
{
    struct timespec ts;
    deadline_in(&ts, PROBE_WAIT_MS);
    pthread_mutex_lock(&pr->mu);
    int rc = 0;
    while (pr->nlines < n && rc == 0)
        rc = pthread_cond_timedwait(&pr->cv, &pr->mu, &ts);
    bool ok = pr->nlines >= n;
    pthread_mutex_unlock(&pr->mu);
    return ok;
}

/* Waits until the probe has noted n things in all. False on give-up. */
static inline bool probe_wait_notes(Probe *pr, int n)
{
    struct timespec ts;
    deadline_in(&ts, PROBE_WAIT_MS);
    pthread_mutex_lock(&pr->mu);
    int rc = 0;
    while (pr->nnotes < n && rc == 0)
        rc = pthread_cond_timedwait(&pr->cv, &pr->mu, &ts);
    bool ok = pr->nnotes >= n;
    pthread_mutex_unlock(&pr->mu);
    return ok;
}

/* Waits for the probe's exit. False on give-up. */
static inline bool probe_wait_exit(Probe *pr)
{
    struct timespec ts;
    deadline_in(&ts, PROBE_WAIT_MS);
    pthread_mutex_lock(&pr->mu);
    int rc = 0;
    while (!pr->exited && rc == 0)
        rc = pthread_cond_timedwait(&pr->cv, &pr->mu, &ts);
    bool ok = pr->exited;
    pthread_mutex_unlock(&pr->mu);
    return ok;
}

static inline int probe_count(Probe *pr)
{
    pthread_mutex_lock(&pr->mu);
    int n = pr->nlines;
    pthread_mutex_unlock(&pr->mu);
    return n;
}

static inline const char *probe_line(Probe *pr, int i)
{
    pthread_mutex_lock(&pr->mu);
    const char *s = i < pr->nlines ? pr->lines[i] : "";
    pthread_mutex_unlock(&pr->mu);
    return s;
}

/* Sends a command built from atoms/pids: kinds 'a' atom, 'p' pid. */
static inline int probe_send(mote_rt *rt, mote_pid to, const char *fmt, ...)
{
    mote_env *env = mote_env_new(rt);
    mote_term el[4];
    size_t n = 0;
    va_list ap;
    va_start(ap, fmt);
    for (const char *f = fmt; *f && n < 4; f++) {
        if (*f == 'a')
            el[n++] = mote_atom(env, va_arg(ap, const char *));
        else if (*f == 'p')
            el[n++] = mote_pid_term(va_arg(ap, mote_pid));
    }
    va_end(ap);
    int rc = mote_send(env, to, mote_tuple(env, n, el));
    mote_env_free(env);
    return rc;
}

/* Blocks pr inside its handle callback until probe_release(); messages
 * sent meanwhile queue up. */
static inline void probe_hold(mote_rt *rt, Probe *pr)
{
    pthread_mutex_lock(&pr->mu);
    pr->hold = true;
    pthread_mutex_unlock(&pr->mu);
    int before = probe_count(pr);
    if (probe_send(rt, pr->pid, "a", "hold") == 0)
        probe_wait_lines(pr, before + 1);
}

static inline void probe_release(Probe *pr)
{
    pthread_mutex_lock(&pr->mu);
    pr->hold = false;
    pthread_cond_broadcast(&pr->cv);
    pthread_mutex_unlock(&pr->mu);
}

#endif
