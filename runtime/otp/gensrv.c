/* gensrv.c — gen_server for C: a native process whose callbacks are C
 * functions, speaking OTP's wire format.
 *
 * The server is an ordinary native process (mote_proc_class) whose handle
 * callback sorts each message: {:"$gen_call", {pid, ref}, req} goes to
 * handle_call and its answer back as {ref, reply}; {:"$gen_cast", req} to
 * handle_cast; {:system, from, {:terminate, reason}} (GenServer.stop) and
 * the parent's exit signal stop it; everything else is handle_info. So a
 * language process calls a C server with GenServer.call, and the other
 * way round (gencall.c).
 */
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "mote.h"

typedef struct GenSrv {
    const mote_gen_server_class *cls;
    void *state;       /* the user's state                                   */
    mote_pid parent;   /* the linked parent, or 0                            */
    char name[64];     /* to register as the server starts, or ""           */
} GenSrv;

static int gs_init(mote_proc *self, void **st)
{
    GenSrv *g = *st;
    if (g->name[0] != '\0' && mote_register(self, g->name) != MOTE_OK) {
        /* Lost a race for the name since mote_gen_server_start checked. */
        mote_env *env = mote_env_of(self);
        mote_pid holder = 0;
        mote_whereis(mote_rt_of(self), g->name, &holder);
        mote_term el[2] = {mote_atom(env, "already_started"), mote_pid_term(holder)};
        mote_exit_self(self, mote_tuple(env, 2, el));
        return MOTE_STOP;
    }
    if (g->parent != 0)
        mote_trap_exit(self, true);
    return g->cls->init != NULL ? g->cls->init(self, &g->state) : MOTE_OK;
}

int mote_gen_reply(mote_env *env, mote_term from, mote_term reply)
{
    size_t n;
    const mote_term *el;
    mote_pid to;
    if (mote_get_tuple(from, &n, &el) != MOTE_OK || n != 2 || mote_get_pid(el[0], &to) != MOTE_OK)
        return MOTE_EBADARG;
    mote_term msg[2] = {el[1], reply};
    mote_term t = mote_tuple(env, 2, msg);
    return t == MOTE_NONE ? MOTE_ENOMEM : mote_send(env, to, t);
}

int mote_gen_cast(mote_env *env, mote_pid to, mote_term request)
{
    mote_term el[2] = {mote_atom(env, "$gen_cast"), request};
    mote_term t = mote_tuple(env, 2, el);
    if (t == MOTE_NONE)
        return MOTE_ENOMEM;
    int rc = mote_send(env, to, t);
    return rc == MOTE_ENOPROC ? MOTE_OK : rc;
}

static int on_call(mote_proc *self, GenSrv *g, mote_term from, mote_term req)
{
    if (g->cls->handle_call == NULL)
        return MOTE_OK;
    mote_term reply = MOTE_NONE;
    int rc = g->cls->handle_call(self, g->state, req, from, &reply);
    if (reply != MOTE_NONE && rc >= 0)
        mote_gen_reply(mote_env_of(self), from, reply);
    return rc;
}

/* The parent's exit signal or GenServer.stop: exit with that reason
 * (terminate runs as the process exits). */
static int stop_with(mote_proc *self, mote_term reason)
{
    mote_exit_self(self, reason);
    return MOTE_STOP;
}

static int gs_handle(mote_proc *self, void *st, mote_term msg)
{
    GenSrv *g = st;
    size_t n;
    const mote_term *el;
    if (mote_get_tuple(msg, &n, &el) == MOTE_OK && n >= 2 && mote_type_of(el[0]) == MOTE_T_ATOM) {
        if (n == 3 && mote_is_atom(el[0], "$gen_call"))
            return on_call(self, g, el[1], el[2]);
        if (n == 2 && mote_is_atom(el[0], "$gen_cast"))
            return g->cls->handle_cast != NULL ? g->cls->handle_cast(self, g->state, el[1])
                                               : MOTE_OK;
        mote_pid from;
        if (n == 3 && g->parent != 0 && mote_is_atom(el[0], "EXIT") &&
            mote_get_pid(el[1], &from) == MOTE_OK && from == g->parent)
            return stop_with(self, el[2]);
        size_t k;
        const mote_term *sys;
        if (n == 3 && mote_is_atom(el[0], "system") && mote_get_tuple(el[2], &k, &sys) == MOTE_OK &&
            k == 2 && mote_is_atom(sys[0], "terminate"))
            return stop_with(self, sys[1]);
    }
    return g->cls->handle_info != NULL ? g->cls->handle_info(self, g->state, msg) : MOTE_OK;
}

static void gs_terminate(mote_proc *self, void *st, mote_term reason)
{
    GenSrv *g = st;
    if (g == NULL)
        return;
    if (g->cls->terminate != NULL)
        g->cls->terminate(self, g->state, reason);
    mem_free(MEM_SYSTEM, g, sizeof *g);
}

static const mote_proc_class gensrv_class = {
    .name = "gen_server",
    .init = gs_init,
    .handle = gs_handle,
    .terminate = gs_terminate,
};

int mote_gen_server_start(mote_rt *rt, mote_proc *parent, const mote_gen_server_class *cls,
                          void *arg, const char *name, bool link, mote_pid *out)
{
    if (rt == NULL || cls == NULL || out == NULL || (link && parent == NULL))
        return MOTE_EINVAL;
    if (name != NULL && strlen(name) >= sizeof ((GenSrv *)0)->name)
        return MOTE_EINVAL;
    mote_pid holder;
    if (name != NULL && mote_whereis(rt, name, &holder) == MOTE_OK)
        return MOTE_EEXIST;
    GenSrv *g = mem_alloc(MEM_SYSTEM, sizeof *g);
    if (g == NULL)
        return MOTE_ENOMEM;
    memset(g, 0, sizeof *g);
    g->cls = cls;
    g->state = arg;
    g->parent = link ? mote_self(parent) : 0;
    if (name != NULL)
        snprintf(g->name, sizeof g->name, "%s", name);
    mote_spawn_opts o = {.link = link, .trap_exit = link};
    int rc = mote_spawn(rt, parent, &gensrv_class, g, &o, out);
    if (rc != MOTE_OK)
        mem_free(MEM_SYSTEM, g, sizeof *g);
    return rc;
}
