/* api.c — the runtime and process part of mote.h: start and stop a node,
 * spawn native processes, send, timers, waiting for an exit.
 *
 * Everything here checks its arguments and reports through
 * mote_last_error(); nothing aborts on a caller's mistake. mote_stop
 * frees every byte the runtime allocated: processes first (their
 * terminate callbacks run on the stopping host thread), then the
 * schedulers' wheels and free lists, then the node.
 */
#include "mote.h"

#include "atom.h"
#include "env.h"
#include "err.h"
#include "info.h"
#include "mem.h"
#include "node.h"
#include "poller.h"
#include "proc.h"
#include "reg.h"
#include "scheduler.h"
#include "timer.h"

/* The env mote_env_of hands out: a view of the running process's heap,
 * valid until the callback returns (one callback runs per thread). */
static __thread mote_env tls_env;

MOTE_API void mote_config_init(mote_config *cfg)
{
    if (cfg == NULL)
        return;
    memset(cfg, 0, sizeof *cfg);
}

static void stop_and_free(Node *n);

MOTE_API int mote_start(const mote_config *cfg, mote_rt **out)
{
    if (out == NULL)
        return api_error(MOTE_EINVAL, "mote_start: out is NULL");
    if (atom_init() != 0)
        return api_error(MOTE_ENOMEM, "mote_start: no memory for the atom table");
    Node *n = NULL;
    int rc = node_new(cfg, &n);
    if (rc != 0) {
        atom_fini();
        return api_error(rc, "mote_start: %s (max_processes at most %llu; node_name a valid atom)",
                         mote_strerror(rc), (unsigned long long)PID_INDEX_MASK + 1);
    }
    if ((rc = sched_init_all(n)) != 0) {
        node_free(n);
        atom_fini();
        return api_error(rc, "mote_start: no memory for the schedulers");
    }
    n->reg = reg_new();
    if (n->reg == NULL) {
        stop_and_free(n);
        return api_error(MOTE_ENOMEM, "mote_start: no memory for the name table");
    }
    if ((rc = poller_new(n, &n->poller)) != 0) {
        stop_and_free(n);
        return api_error(rc, "mote_start: cannot start the I/O poller");
    }
    if ((rc = sched_start_all(n)) != 0) {
        stop_and_free(n);
        return api_error(rc, "mote_start: cannot create a scheduler thread");
    }
    *out = (mote_rt *)n;
    return 0;
}

/* Tears down every process still in the table, on this host thread.
 * Terminate callbacks may send and exit signals may fly between the dying
 * processes; each pass empties the table further, and spawns are refused
 * while stopping, so it ends. */
static void kill_all(Node *n)
{
    while (atomic_load_explicit(&n->nprocs, memory_order_acquire) > 0) {
        size_t count = node_slot_count(n);
        for (size_t i = 0; i < count; i++) {
            Term pid = node_slot_pid(n, i);
            if (pid == NONE)
                continue;
            Proc *p = node_lock_pid(n, pid);
            if (p == NULL)
                continue;
            node_unlock_pid(n, pid);
            /* Safe unlocked: the schedulers are joined, so only this
             * thread frees processes now. */
            proc_exit(p, A(shutdown));
        }
    }
}

static void stop_and_free(Node *n)
{
    sched_stop_all(n);
    /* The poller goes first: its thread delivers to processes, and a
     * delivery that wakes one touches it after the slot lock is released,
     * which would race with kill_all freeing it. */
    if (n->poller != NULL)
        poller_free(n->poller);
    n->poller = NULL;
    kill_all(n);
    /* Processes are gone: a last look at the inboxes is not needed, but
     * messages the poller queued to dead pids were freed by delivery. */
    sched_fini_all(n);
    if (n->reg != NULL)
        reg_free(n->reg);
    info_free(n);
    node_free(n);
    atom_fini();
}

MOTE_API int mote_stop(mote_rt *rt)
{
    if (rt == NULL)
        return api_error(MOTE_EINVAL, "mote_stop: rt is NULL");
    if (proc_current() != NULL)
        return api_error(MOTE_ESTATE, "mote_stop: called from inside a process callback");
    stop_and_free(node_of_rt(rt));
    return 0;
}

MOTE_API int mote_spawn(mote_rt *rt, mote_proc *parent, const mote_proc_class *cls, void *arg,
                        const mote_spawn_opts *opts, mote_pid *out)
{
    if (rt == NULL || cls == NULL || out == NULL)
        return api_error(MOTE_EINVAL, "mote_spawn: rt, cls and out must not be NULL");
    Term pid;
    int rc = proc_spawn(node_of_rt(rt), (Proc *)parent, cls, arg, opts, &pid);
    switch (rc) {
    case 0:
        *out = pid;
        return 0;
    case MOTE_ESTATE:
        return api_error(rc, "mote_spawn: link/monitor need a parent process, and the "
                             "runtime must not be stopping");
    case MOTE_ELIMIT:
        return api_error(rc, "mote_spawn: the process table is full (max_processes)");
    case MOTE_EINVAL:
        return api_error(rc, "mote_spawn: bad options (monitor without monitor_ref, or an "
                             "unknown overflow policy)");
    default:
        return api_error(rc, "mote_spawn: %s", mote_strerror(rc));
    }
}

MOTE_API mote_pid mote_self(mote_proc *self)
{
    return self != NULL ? ((Proc *)self)->pid : 0;
}

MOTE_API mote_rt *mote_rt_of(mote_proc *self)
{
    return self != NULL ? (mote_rt *)((Proc *)self)->node : NULL;
}

MOTE_API mote_env *mote_env_of(mote_proc *self)
{
    if (self == NULL)
        return NULL;
    Proc *p = (Proc *)self;
    /* Already this process's view (the usual case: one per callback):
     * env_init_proc would write the same fields, and zero `own`, which a
     * process view never uses. */
    if (tls_env.proc == p && tls_env.heap == &p->heap && tls_env.node == p->node &&
        !tls_env.owns_heap)
        return &tls_env;
    /* Another process's view (two processes taking turns on a thread):
     * the fields env_init_proc sets, without its memset of `own`. */
    tls_env.node = p->node;
    tls_env.proc = p;
    tls_env.heap = &p->heap;
    tls_env.owns_heap = false;
    return &tls_env;
}

/* Reductions a send costs its sender: the copy and the delivery are work
 * done on its behalf, so a process that only sends still yields. */
static uint32_t send_cost(const Msg *m)
{
    return 4 + (m->frag != NULL ? (uint32_t)(m->frag->used_words / 16) : 0);
}

MOTE_API int mote_send(mote_env *env, mote_pid to, mote_term msg)
{
    if (env == NULL || env->node == NULL)
        return api_error(MOTE_EINVAL, "mote_send: env is NULL");
    Node *n = env->node;
    if (!is_local_pid(to) || pid_index(to) >= n->max_procs)
        return api_error(MOTE_EINVAL, "mote_send: %#llx is not a pid of this node",
                         (unsigned long long)to);
    if (msg == MOTE_NONE)
        return api_error(MOTE_EBADARG, "mote_send: msg is MOTE_NONE");
    Term from = env->proc != NULL ? env->proc->pid : NONE;
    Msg *m = msg_new_on(n, MSG_MESSAGE, from, msg);
    if (m == NULL)
        return api_error(MOTE_ENOMEM, "mote_send: no memory to copy the message");
    Proc *self = proc_current();
    if (self != NULL)
        proc_charge(self, send_cost(m));
    if (node_deliver(n, to, m) != 0)
        msg_free(m); /* dead: dropped, as in Erlang */
    return 0;
}

MOTE_API void mote_exit_self(mote_proc *self, mote_term reason)
{
    if (self != NULL && reason != MOTE_NONE)
        ((Proc *)self)->exit_reason = reason;
}

MOTE_API int mote_send_after(mote_proc *self, uint64_t ms, mote_pid to, mote_term msg,
                             uint64_t *timer_id)
{
    if (self == NULL || msg == MOTE_NONE)
        return api_error(MOTE_EINVAL, "mote_send_after: self and msg are required");
    Proc *p = (Proc *)self;
    if (!is_local_pid(to) || pid_index(to) >= p->node->max_procs)
        return api_error(MOTE_EINVAL, "mote_send_after: %#llx is not a pid of this node",
                         (unsigned long long)to);
    Msg *m = msg_new(MSG_MESSAGE, p->pid, msg);
    if (m == NULL)
        return api_error(MOTE_ENOMEM, "mote_send_after: no memory to copy the message");
    uint64_t id = 0;
    int rc = timer_start(p->node, ms, to, m, &id);
    if (rc != 0) {
        msg_free(m);
        return api_error(rc, "mote_send_after: no memory for the timer");
    }
    if (timer_id != NULL)
        *timer_id = id;
    return 0;
}

/* Returns MOTE_OK when the timer was cancelled before it fired, and
 * MOTE_ESTATE when it had fired, been cancelled already, or never was. */
MOTE_API int mote_cancel_timer(mote_proc *self, uint64_t timer_id)
{
    if (self == NULL)
        return api_error(MOTE_EINVAL, "mote_cancel_timer: self is NULL");
    if (!timer_cancel(((Proc *)self)->node, timer_id))
        return api_error(MOTE_ESTATE, "mote_cancel_timer: timer %llu already fired or unknown",
                         (unsigned long long)timer_id);
    return 0;
}

MOTE_API int mote_wait_exit(mote_rt *rt, mote_pid pid, int64_t timeout_ms, char *reason_buf,
                            size_t reason_size)
{
    if (rt == NULL)
        return api_error(MOTE_EINVAL, "mote_wait_exit: rt is NULL");
    if (proc_current() != NULL)
        return api_error(MOTE_ESTATE, "mote_wait_exit: would block a scheduler; use a monitor");
    if (reason_buf != NULL && reason_size > 0)
        reason_buf[0] = '\0';
    int rc = node_wait_exit(node_of_rt(rt), pid, timeout_ms, reason_buf, reason_size);
    if (rc == MOTE_ENOPROC)
        return api_error(rc, "mote_wait_exit: no process %#llx", (unsigned long long)pid);
    if (rc == MOTE_ETIMEOUT)
        return api_error(rc, "mote_wait_exit: still alive after %lld ms", (long long)timeout_ms);
    return rc;
}
