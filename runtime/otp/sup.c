/* sup.c — a supervisor for native children (mote_sup_start), with OTP's
 * semantics: strategies, restart types, intensity, shutdown in reverse
 * start order, and the Supervisor module's calls over the gen_server wire
 * format, so Supervisor.which_children works on it from the language.
 *
 * It is itself a native process that traps exits: a child's exit arrives
 * as {:EXIT, pid, reason} and its parent's exit signal as the same from
 * the parent. Stopping children takes several messages (sup_stop.c).
 */
#include <stdio.h>
#include <string.h>

#include "atom.h"
#include "mem.h"
#include "msg.h"
#include "proc.h"
#include "sup_int.h"
#include "supinfo.h"

static const char *const strategy_names[] = {"one_for_one", "one_for_all", "rest_for_one"};

void mote_sup_spec_init(mote_sup_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->strategy = MOTE_ONE_FOR_ONE;
    spec->max_restarts = 3;
    spec->max_seconds = 5;
}

static void sup_free(Sup *s)
{
    if (s == NULL)
        return;
    frag_free(s->reason_frag);
    mem_free(MEM_SYSTEM, s->children, s->cap * sizeof *s->children);
    mem_free(MEM_SYSTEM, s->stop, s->cap * sizeof *s->stop);
    mem_free(MEM_SYSTEM, s->restart_ms, ((size_t)s->max_restarts + 1) * sizeof *s->restart_ms);
    mem_free(MEM_SYSTEM, s, sizeof *s);
}

/* ---- starting ----------------------------------------------------------------- */

/* {:shutdown, {:failed_to_start_child, id, {:native_error, text}}}. */
static mote_term start_failure(mote_env *env, const char *id, int rc)
{
    mote_term err[2] = {mote_atom(env, "native_error"), mote_string(env, mote_strerror(rc))};
    mote_term f[3] = {mote_atom(env, "failed_to_start_child"), mote_atom(env, id),
                      mote_tuple(env, 2, err)};
    mote_term r[2] = {mote_atom(env, "shutdown"), mote_tuple(env, 3, f)};
    return mote_tuple(env, 2, r);
}

static int sup_init(mote_proc *self, void **st)
{
    Sup *s = *st;
    mote_trap_exit(self, true);
    if (s->name[0] != '\0' && mote_register(self, s->name) != MOTE_OK)
        return MOTE_EEXIST;
    supinfo_register((struct Proc *)self, MOTE_SUP_SUPERVISOR, strategy_names[s->strategy],
                     s->max_restarts, s->max_seconds);
    for (size_t i = 0; i < s->n; i++) {
        int rc = sup_start_child(self, s, i);
        if (rc == MOTE_OK)
            continue;
        /* Stop what started, then exit with OTP's reason. */
        mote_env *env = mote_env_of(self);
        mote_term why = start_failure(env, s->children[i].id, rc);
        size_t words = copy_size(why);
        s->reason_frag = frag_new(words);
        if (s->reason_frag != NULL) {
            Term *hp = frag_alloc(s->reason_frag, words);
            s->reason = copy_term(why, &hp, &s->reason_frag->mso);
        } else {
            s->reason = A(shutdown);
        }
        size_t k = sup_running_reverse(s, 0, s->stop);
        return sup_begin_stop(self, s, s->stop, k, AFTER_EXIT);
    }
    sup_report(self, s);
    return MOTE_OK;
}

/* ---- a child's exit ------------------------------------------------------------- */

static bool is_shutdown_reason(mote_term r)
{
    size_t n;
    const mote_term *el;
    if (mote_is_atom(r, "normal") || mote_is_atom(r, "shutdown"))
        return true;
    return mote_get_tuple(r, &n, &el) == MOTE_OK && n == 2 && mote_is_atom(el[0], "shutdown");
}

static long child_of(const Sup *s, mote_pid pid)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->children[i].pid == pid)
            return (long)i;
    return -1;
}

static int restart_one(mote_proc *self, Sup *s, size_t i, mote_pid old, const char *why)
{
    while (sup_start_child(self, s, i) != MOTE_OK)
        if (!sup_note_restart(s))
            return sup_give_up(self, s, "a child failed to restart");
    supinfo_restart((struct Proc *)self, s->children[i].id, old, s->children[i].pid, why, false);
    sup_report(self, s);
    return MOTE_OK;
}

static int child_exited(mote_proc *self, Sup *s, size_t i, mote_term reason)
{
    SupChild *c = &s->children[i];
    mote_pid old = c->pid;
    c->pid = 0;
    bool restart = c->spec.restart == MOTE_RESTART_PERMANENT ||
                   (c->spec.restart == MOTE_RESTART_TRANSIENT && !is_shutdown_reason(reason));
    if (!restart) {
        if (c->spec.restart == MOTE_RESTART_TEMPORARY)
            sup_remove(s, i);
        sup_report(self, s);
        return MOTE_OK;
    }
    char why[160];
    mote_format(reason, why, sizeof why);
    if (s->after != AFTER_NOTHING)
        return MOTE_OK; /* a sequence is running: its end starts it again */
    if (!sup_note_restart(s))
        return sup_give_up(self, s, why);
    if (s->strategy == MOTE_ONE_FOR_ONE)
        return restart_one(self, s, i, old, why);
    s->failed = (long)i;
    s->failed_old = old;
    snprintf(s->failed_reason, sizeof s->failed_reason, "%s", why);
    s->from = s->strategy == MOTE_ONE_FOR_ALL ? 0 : i;
    size_t k = sup_running_reverse(s, s->from, s->stop);
    return sup_begin_stop(self, s, s->stop, k, AFTER_RESTART);
}

/* The parent's exit signal or GenServer.stop: stop every child, then
 * exit with reason (copied: the message goes when handle returns). */
static int stop_all(mote_proc *self, Sup *s, mote_term reason)
{
    frag_free(s->reason_frag);
    s->reason_frag = NULL;
    size_t words = copy_size(reason);
    s->reason = reason;
    if (words > 0) {
        s->reason_frag = frag_new(words);
        if (s->reason_frag == NULL) {
            s->reason = A(shutdown);
        } else {
            Term *hp = frag_alloc(s->reason_frag, words);
            s->reason = copy_term(reason, &hp, &s->reason_frag->mso);
        }
    }
    size_t k = sup_running_reverse(s, 0, s->stop);
    return sup_begin_stop(self, s, s->stop, k, AFTER_EXIT);
}

/* ---- Supervisor calls ------------------------------------------------------------- */

static mote_term which_children(mote_env *env, const Sup *s)
{
    mote_term l = mote_nil();
    for (size_t i = s->n; i-- > 0;) {
        const SupChild *c = &s->children[i];
        mote_term mods[1] = {mote_atom(env, "mote_native")};
        mote_term el[4] = {mote_atom(env, c->id),
                           c->pid != 0 ? mote_pid_term(c->pid) : mote_atom(env, "undefined"),
                           mote_atom(env, c->spec.supervisor ? "supervisor" : "worker"),
                           mote_list(env, 1, mods)};
        l = mote_cons(env, mote_tuple(env, 4, el), l);
    }
    return l;
}

static mote_term count_children(mote_env *env, const Sup *s)
{
    int64_t active = 0, sups = 0;
    for (size_t i = 0; i < s->n; i++) {
        active += s->children[i].pid != 0;
        sups += s->children[i].spec.supervisor;
    }
    mote_term m = mote_map_new(env);
    m = mote_map_put(env, m, mote_atom(env, "active"), mote_int(env, active));
    m = mote_map_put(env, m, mote_atom(env, "specs"), mote_int(env, (int64_t)s->n));
    m = mote_map_put(env, m, mote_atom(env, "supervisors"), mote_int(env, sups));
    return mote_map_put(env, m, mote_atom(env, "workers"), mote_int(env, (int64_t)s->n - sups));
}

static long child_named(const Sup *s, mote_term id)
{
    for (size_t i = 0; i < s->n; i++)
        if (mote_is_atom(id, s->children[i].id))
            return (long)i;
    return -1;
}

static mote_term error_tuple(mote_env *env, const char *what)
{
    mote_term el[2] = {mote_atom(env, "error"), mote_atom(env, what)};
    return mote_tuple(env, 2, el);
}

/* terminate_child/restart_child/delete_child {op, id}. */
static int child_call(mote_proc *self, Sup *s, const char *op, mote_term id, mote_term from,
                      mote_term *reply)
{
    mote_env *env = mote_env_of(self);
    long i = child_named(s, id);
    if (i < 0)
        return *reply = error_tuple(env, "not_found"), MOTE_OK;
    if (s->after != AFTER_NOTHING)
        return *reply = error_tuple(env, "busy"), MOTE_OK;
    SupChild *c = &s->children[i];
    if (!strcmp(op, "terminate_child")) {
        if (c->pid == 0)
            return *reply = mote_atom(env, "ok"), MOTE_OK;
        const mote_term *f;
        size_t n;
        mote_get_tuple(from, &n, &f);
        mote_get_pid(f[0], &s->reply_pid);
        s->reply_ref[0] = boxed_ptr(f[1])[1];
        s->reply_ref[1] = boxed_ptr(f[1])[2];
        size_t one = (size_t)i;
        return sup_begin_stop(self, s, &one, 1, AFTER_REPLY);
    }
    if (c->pid != 0)
        return *reply = error_tuple(env, "running"), MOTE_OK;
    if (!strcmp(op, "delete_child")) {
        sup_remove(s, (size_t)i);
        sup_report(self, s);
        return *reply = mote_atom(env, "ok"), MOTE_OK;
    }
    int rc = sup_start_child(self, s, (size_t)i);
    sup_report(self, s);
    mote_term el[2] = {mote_atom(env, rc == MOTE_OK ? "ok" : "error"),
                       rc == MOTE_OK ? mote_pid_term(c->pid) : mote_string(env, mote_strerror(rc))};
    *reply = mote_tuple(env, 2, el);
    return MOTE_OK;
}

static bool valid_from(mote_term from)
{
    size_t n;
    const mote_term *f;
    mote_pid pid;
    return mote_get_tuple(from, &n, &f) == MOTE_OK && n == 2 &&
           mote_get_pid(f[0], &pid) == MOTE_OK && is_boxed_kind(f[1], HDR_REF);
}

static int on_call(mote_proc *self, Sup *s, mote_term from, mote_term req)
{
    mote_env *env = mote_env_of(self);
    mote_term reply = MOTE_NONE;
    size_t n;
    const mote_term *el;
    int rc = MOTE_OK;
    if (!valid_from(from))
        return MOTE_OK;
    if (mote_is_atom(req, "which_children"))
        reply = which_children(env, s);
    else if (mote_is_atom(req, "count_children"))
        reply = count_children(env, s);
    else if (mote_get_tuple(req, &n, &el) == MOTE_OK && n == 2 &&
             (mote_is_atom(el[0], "terminate_child") || mote_is_atom(el[0], "restart_child") ||
              mote_is_atom(el[0], "delete_child"))) {
        const char *op;
        size_t len;
        mote_get_atom(el[0], &op, &len);
        rc = child_call(self, s, op, el[1], from, &reply);
    } else
        reply = error_tuple(env, "not_supported_by_native_supervisor");
    if (reply != MOTE_NONE)
        mote_gen_reply(env, from, reply);
    return rc;
}

/* ---- the process ------------------------------------------------------------------ */

static int sup_handle(mote_proc *self, void *st, mote_term msg)
{
    Sup *s = st;
    int rc;
    if (sup_stop_message(self, s, msg, &rc))
        return rc;
    size_t n;
    const mote_term *el;
    if (mote_get_tuple(msg, &n, &el) != MOTE_OK || n < 2)
        return MOTE_OK;
    mote_pid from;
    if (n == 3 && mote_is_atom(el[0], "EXIT") && mote_get_pid(el[1], &from) == MOTE_OK) {
        if (s->parent != 0 && from == s->parent)
            return stop_all(self, s, el[2]);
        long i = child_of(s, from);
        return i < 0 ? MOTE_OK : child_exited(self, s, (size_t)i, el[2]);
    }
    if (n == 3 && mote_is_atom(el[0], "$gen_call"))
        return on_call(self, s, el[1], el[2]);
    size_t k;
    const mote_term *sys;
    if (n == 3 && mote_is_atom(el[0], "system") && mote_get_tuple(el[2], &k, &sys) == MOTE_OK &&
        k == 2 && mote_is_atom(sys[0], "terminate"))
        return stop_all(self, s, sys[1]);
    return MOTE_OK;
}

static void sup_terminate(mote_proc *self, void *st, mote_term reason)
{
    (void)self, (void)reason;
    sup_free(st);
}

static const mote_proc_class sup_class = {
    .name = "supervisor",
    .init = sup_init,
    .handle = sup_handle,
    .terminate = sup_terminate,
};

/* Copies the spec; NULL on a bad spec (unique ids, start functions) or
 * out of memory. */
static Sup *sup_new(const mote_sup_spec *spec)
{
    Sup *s = mem_alloc(MEM_SYSTEM, sizeof *s);
    if (s == NULL)
        return NULL;
    memset(s, 0, sizeof *s);
    s->strategy = spec->strategy;
    s->max_restarts = spec->max_restarts;
    s->max_seconds = spec->max_seconds;
    s->failed = -1;
    if (spec->name != NULL)
        snprintf(s->name, sizeof s->name, "%s", spec->name);
    s->cap = spec->nchildren + 1;
    s->children = mem_alloc(MEM_SYSTEM, s->cap * sizeof *s->children);
    s->stop = mem_alloc(MEM_SYSTEM, s->cap * sizeof *s->stop);
    s->restart_ms = mem_alloc(MEM_SYSTEM, ((size_t)s->max_restarts + 1) * sizeof *s->restart_ms);
    if (s->children == NULL || s->stop == NULL || s->restart_ms == NULL) {
        sup_free(s);
        return NULL;
    }
    for (size_t i = 0; i < spec->nchildren; i++) {
        const mote_child_spec *c = &spec->children[i];
        if (c->id == NULL || c->start == NULL || strlen(c->id) >= sizeof s->children[0].id) {
            sup_free(s);
            return NULL;
        }
        for (size_t j = 0; j < i; j++)
            if (!strcmp(spec->children[j].id, c->id)) {
                sup_free(s);
                return NULL;
            }
        SupChild *d = &s->children[s->n++];
        memset(d, 0, sizeof *d);
        d->spec = *c;
        snprintf(d->id, sizeof d->id, "%s", c->id);
        d->spec.id = d->id;
    }
    return s;
}

int mote_sup_start(mote_rt *rt, mote_proc *parent, const mote_sup_spec *spec, bool link,
                   mote_pid *out)
{
    if (rt == NULL || spec == NULL || out == NULL || (link && parent == NULL) ||
        (unsigned)spec->strategy > MOTE_REST_FOR_ONE || (spec->nchildren > 0 && !spec->children))
        return MOTE_EINVAL;
    mote_pid holder;
    if (spec->name != NULL && mote_whereis(rt, spec->name, &holder) == MOTE_OK)
        return MOTE_EEXIST;
    Sup *s = sup_new(spec);
    if (s == NULL)
        return MOTE_EINVAL;
    s->parent = link ? mote_self(parent) : 0;
    mote_spawn_opts o = {.link = link, .trap_exit = true};
    int rc = mote_spawn(rt, parent, &sup_class, s, &o, out);
    if (rc != MOTE_OK)
        sup_free(s);
    return rc;
}
