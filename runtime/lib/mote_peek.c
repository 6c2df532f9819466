/* mote_peek.c — one process up close, for observers: its mailbox by
 * message shape, a page of its messages, and suspend/resume (mote.h), plus
 * :erlang.suspend_process/1 and resume_process/1.
 *
 * Only the owner may walk its private queue, so every question is a
 * ProcRequest (proc.h) the process answers on its own thread at its next
 * drain. The asker and the owner share the request through a count of
 * two references: whoever lets go last frees it, so an asker that gave
 * up waiting never leaves the owner writing into freed memory.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "inspect.h"
#include "lib.h"
#include "mem.h"
#include "node.h"
#include "strbuf.h"

enum { PEEK_SHAPES, PEEK_MESSAGES, PEEK_SUSPEND, PEEK_RESUME };
#define PEEK_MAX_WALK 2000000 /* messages a shape summary looks at */

typedef struct Peek {
    ProcRequest base;
    _Atomic int refs;           /* asker + owner; the last one frees     */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool done, gone;            /* answered; the process exited first     */
    int op;                     /* PEEK_*                                 */
    int result;                 /* 0 or a MOTE_E* code                    */
    size_t offset, cap, n;
    uint64_t total;
    mote_msg_shape *shapes;     /* cap of them (PEEK_SHAPES)              */
    mote_msg_text *texts;       /* cap of them (PEEK_MESSAGES)            */
} Peek;

static void peek_release(Peek *pk)
{
    if (atomic_fetch_sub(&pk->refs, 1) != 1)
        return;
    pthread_mutex_destroy(&pk->lock);
    pthread_cond_destroy(&pk->cond);
    mem_free(MEM_SYSTEM, pk->shapes, pk->shapes ? pk->cap * sizeof *pk->shapes : 0);
    mem_free(MEM_SYSTEM, pk->texts, pk->texts ? pk->cap * sizeof *pk->texts : 0);
    mem_free(MEM_SYSTEM, pk, sizeof *pk);
}

/* ---- shapes ------------------------------------------------------------ */

/* Appends the shape of t: atoms as themselves, tuples with an atom tag
 * keep the tag and their arity, everything else by its type. */
static void shape_of(Term t, Strbuf *sb)
{
    if (is_atom(t)) {
        inspect_atom(t, sb);
    } else if (is_tuple(t)) {
        size_t n = tuple_size(t);
        strbuf_putc(sb, '{');
        for (size_t i = 0; i < n && i < 8; i++) {
            if (i)
                strbuf_puts(sb, ", ");
            if (i == 0 && is_atom(tuple_get(t, 0)))
                inspect_atom(tuple_get(t, 0), sb);
            else
                strbuf_putc(sb, '_');
        }
        strbuf_puts(sb, n > 8 ? ", ...}" : "}");
    } else if (is_small(t) || is_bignum(t)) {
        strbuf_puts(sb, "integer");
    } else if (is_float(t)) {
        strbuf_puts(sb, "float");
    } else if (is_bitstring(t)) {
        strbuf_puts(sb, "binary");
    } else if (t == NIL || is_cons(t)) {
        strbuf_puts(sb, t == NIL ? "[]" : "list");
    } else if (is_map(t)) {
        strbuf_puts(sb, "map");
    } else if (is_pid(t)) {
        strbuf_puts(sb, "pid");
    } else if (is_ref(t)) {
        strbuf_puts(sb, "reference");
    } else {
        strbuf_puts(sb, is_fun(t) ? "fun" : "term");
    }
}

/* Counts t's shape in the table: cap - 1 named rows, then everything
 * else in a last "(other)" row. */
static void count_shape(Peek *pk, Term t, Strbuf *sb)
{
    strbuf_clear(sb);
    shape_of(t, sb);
    const char *txt = strbuf_cstr(sb);
    size_t named = pk->n < pk->cap ? pk->n : pk->cap - 1;
    for (size_t i = 0; i < named; i++)
        if (strncmp(pk->shapes[i].shape, txt, sizeof pk->shapes[i].shape - 1) == 0) {
            pk->shapes[i].count++;
            return;
        }
    if (pk->n + 1 < pk->cap) {
        snprintf(pk->shapes[pk->n].shape, sizeof pk->shapes[pk->n].shape, "%s", txt);
        pk->shapes[pk->n++].count = 1;
        return;
    }
    mote_msg_shape *other = &pk->shapes[pk->cap - 1];
    if (pk->n < pk->cap) {
        pk->n = pk->cap;
        snprintf(other->shape, sizeof other->shape, "(other)");
        other->count = 0;
    }
    other->count++;
}

static int by_count(const void *a, const void *b)
{
    const mote_msg_shape *x = a, *y = b;
    return (x->count < y->count) - (x->count > y->count);
}

static void walk_shapes(Proc *p, Peek *pk)
{
    Strbuf sb;
    strbuf_init(&sb);
    size_t seen = 0;
    for (Msg *m = p->mbox.first; m && seen < PEEK_MAX_WALK; m = m->next, seen++)
        count_shape(pk, m->term, &sb);
    strbuf_fini(&sb);
    /* "(other)" stays last whatever its count: sort the named rows. */
    bool other = pk->n == pk->cap && pk->cap > 1 && !strcmp(pk->shapes[pk->n - 1].shape, "(other)");
    qsort(pk->shapes, other ? pk->n - 1 : pk->n, sizeof *pk->shapes, by_count);
    pk->total = atomic_load_explicit(&p->mbox.len, memory_order_relaxed);
}

static void walk_messages(Proc *p, Peek *pk)
{
    InspectOpts o;
    inspect_opts_kernel(&o);
    o.limit = 12;
    o.printable_limit = 160;
    Strbuf sb;
    strbuf_init(&sb);
    size_t i = 0;
    for (Msg *m = p->mbox.first; m && pk->n < pk->cap; m = m->next, i++) {
        if (i < pk->offset)
            continue;
        strbuf_clear(&sb);
        inspect_term(m->term, &o, &sb);
        snprintf(pk->texts[pk->n].text, sizeof pk->texts[pk->n].text, "%s", strbuf_cstr(&sb));
        pk->n++;
    }
    strbuf_fini(&sb);
    pk->total = atomic_load_explicit(&p->mbox.len, memory_order_relaxed);
}

/* ---- the owner's side ------------------------------------------------ */

static void set_suspended(Proc *p, Peek *pk, bool on)
{
    ProcCold *c = proc_cold(p);
    if (!c) {
        pk->result = MOTE_ENOMEM;
        return;
    }
    uint32_t k = atomic_load_explicit(&c->suspends, memory_order_relaxed);
    if (!on && k == 0) {
        pk->result = MOTE_ESTATE;
        return;
    }
    atomic_store_explicit(&c->suspends, on ? k + 1 : k - 1, memory_order_relaxed);
}

/* Runs on the process's own thread (or with p NULL when it exited with
 * the request unanswered). */
static void answer(Proc *p, ProcRequest *rq)
{
    Peek *pk = (Peek *)rq;
    if (!p)
        pk->gone = true;
    else if (pk->op == PEEK_SHAPES)
        walk_shapes(p, pk);
    else if (pk->op == PEEK_MESSAGES)
        walk_messages(p, pk);
    else
        set_suspended(p, pk, pk->op == PEEK_SUSPEND);
    pthread_mutex_lock(&pk->lock);
    pk->done = true;
    pthread_cond_broadcast(&pk->cond);
    pthread_mutex_unlock(&pk->lock);
    peek_release(pk);
}

/* ---- the asker's side -------------------------------------------------- */

static Peek *peek_new(int op, size_t cap)
{
    Peek *pk = mem_calloc(MEM_SYSTEM, 1, sizeof *pk);
    if (!pk)
        return NULL;
    pk->base.fn = answer;
    pk->op = op;
    pk->cap = cap;
    atomic_init(&pk->refs, 2);
    pthread_mutex_init(&pk->lock, NULL);
    pthread_cond_init(&pk->cond, NULL);
    if (op == PEEK_SHAPES)
        pk->shapes = mem_calloc(MEM_SYSTEM, cap, sizeof *pk->shapes);
    if (op == PEEK_MESSAGES)
        pk->texts = mem_calloc(MEM_SYSTEM, cap, sizeof *pk->texts);
    if ((op == PEEK_SHAPES && !pk->shapes) || (op == PEEK_MESSAGES && !pk->texts)) {
        atomic_store(&pk->refs, 1);
        peek_release(pk);
        return NULL;
    }
    return pk;
}

/* Sends the request and waits for the answer: 0 (answered, the caller
 * reads pk then releases it) or an error (pk already released). */
static int ask(mote_rt *rt, mote_pid pid, Peek *pk, int64_t timeout_ms)
{
    int rc = proc_request(node_of_rt(rt), (Term)pid, &pk->base);
    if (rc) {
        atomic_store(&pk->refs, 1); /* the owner never saw it */
        peek_release(pk);
        return rc;
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    int64_t ms = timeout_ms < 0 ? INT64_C(3600000) * 24 : timeout_ms;
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&pk->lock);
    while (!pk->done && rc == 0)
        if (pthread_cond_timedwait(&pk->cond, &pk->lock, &until))
            rc = pk->done ? 0 : MOTE_ETIMEOUT;
    pthread_mutex_unlock(&pk->lock);
    if (rc == 0 && pk->gone)
        rc = MOTE_ENOPROC;
    if (rc == 0 && pk->result)
        rc = pk->result;
    if (rc)
        peek_release(pk);
    return rc;
}

static int host_only(mote_rt *rt, mote_pid pid)
{
    if (!rt || !is_local_pid((Term)pid))
        return MOTE_EINVAL;
    return proc_current() ? MOTE_ESTATE : 0;
}

MOTE_API int mote_mailbox_shapes(mote_rt *rt, mote_pid pid, mote_msg_shape *buf, size_t cap,
                                 size_t *n, uint64_t *total, int64_t timeout_ms)
{
    int rc = host_only(rt, pid);
    if (rc || !n || !total || !cap || !buf)
        return rc ? rc : MOTE_EINVAL;
    Peek *pk = peek_new(PEEK_SHAPES, cap);
    if (!pk)
        return MOTE_ENOMEM;
    if ((rc = ask(rt, pid, pk, timeout_ms)))
        return rc;
    memcpy(buf, pk->shapes, pk->n * sizeof *buf);
    *n = pk->n;
    *total = pk->total;
    peek_release(pk);
    return 0;
}

MOTE_API int mote_mailbox_messages(mote_rt *rt, mote_pid pid, size_t offset,
                                   mote_msg_text *buf, size_t cap, size_t *n,
                                   int64_t timeout_ms)
{
    int rc = host_only(rt, pid);
    if (rc || !n || !cap || !buf)
        return rc ? rc : MOTE_EINVAL;
    Peek *pk = peek_new(PEEK_MESSAGES, cap);
    if (!pk)
        return MOTE_ENOMEM;
    pk->offset = offset;
    if ((rc = ask(rt, pid, pk, timeout_ms)))
        return rc;
    memcpy(buf, pk->texts, pk->n * sizeof *buf);
    *n = pk->n;
    peek_release(pk);
    return 0;
}

static int suspend_or_resume(mote_rt *rt, mote_pid pid, int op, int64_t timeout_ms)
{
    int rc = host_only(rt, pid);
    if (rc)
        return rc;
    Peek *pk = peek_new(op, 0);
    if (!pk)
        return MOTE_ENOMEM;
    if ((rc = ask(rt, pid, pk, timeout_ms)))
        return rc;
    peek_release(pk);
    return 0;
}

MOTE_API int mote_proc_suspend(mote_rt *rt, mote_pid pid, int64_t timeout_ms)
{
    return suspend_or_resume(rt, pid, PEEK_SUSPEND, timeout_ms);
}

MOTE_API int mote_proc_resume(mote_rt *rt, mote_pid pid, int64_t timeout_ms)
{
    return suspend_or_resume(rt, pid, PEEK_RESUME, timeout_ms);
}

/* ---- :erlang.suspend_process/1, resume_process/1 ----------------------
 * From a process the request is sent and not waited for (a scheduler
 * thread must not block), so the target is suspended at its next
 * scheduling point, as with Erlang's `asynchronous` option. */

static uint32_t suspends_of(Proc *p, Term pid)
{
    Proc *q = node_lock_pid(p->node, pid);
    if (!q)
        return UINT32_MAX;
    ProcCold *c = __atomic_load_n(&q->cold, __ATOMIC_ACQUIRE);
    uint32_t k = c ? atomic_load_explicit(&c->suspends, memory_order_relaxed) : 0;
    node_unlock_pid(p->node, pid);
    return k;
}

static Term request_async(Proc *p, Term pid, int op)
{
    Peek *pk = peek_new(op, 0);
    if (!pk)
        return lib_oom(p);
    atomic_store(&pk->refs, 1); /* nobody waits: the owner frees it */
    int rc = proc_request(p->node, pid, &pk->base);
    if (rc) {
        peek_release(pk);
        return bif_badarg(p, 1, "not a live process");
    }
    return A(true);
}

static Term bif_suspend_process(Proc *p, const Term *a)
{
    if (!is_local_pid(a[0]) || a[0] == p->pid)
        return bif_badarg(p, 1, "not a pid of another local process");
    if (suspends_of(p, a[0]) == UINT32_MAX)
        return bif_badarg(p, 1, "not a live process");
    return request_async(p, a[0], PEEK_SUSPEND);
}

static Term bif_resume_process(Proc *p, const Term *a)
{
    if (!is_local_pid(a[0]))
        return bif_badarg(p, 1, "not a pid");
    uint32_t k = suspends_of(p, a[0]);
    if (k == UINT32_MAX || k == 0)
        return bif_badarg(p, 1, "not a suspended process");
    return request_async(p, a[0], PEEK_RESUME);
}

static const BifDef peek_bifs[] = {
    {"erlang", "suspend_process", 1, 0, bif_suspend_process,
     "Suspends a process until resume_process/1 (counted)."},
    {"erlang", "resume_process", 1, 0, bif_resume_process,
     "Resumes a process suspended with suspend_process/1."},
};

int lib_mote_peek_register(void)
{
    return bif_register(peek_bifs, LIB_NDEFS(peek_bifs));
}
