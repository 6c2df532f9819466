/* mote_sup.c — the :mote builtins through which supervisors and callers
 * tell the observer what they are doing (contract: supinfo.h).
 *
 * sup_register/4, sup_children/1, sup_restart/4, sup_gave_up/1,
 * app_register/1, set_waiting_on/1 and set_initial_call/1,3. Each checks its arguments
 * (ArgumentError otherwise), turns terms into text and pids, and stores
 * them runtime-side; none sends a message or changes how the process
 * behaves. Ids and reasons are kept as inspect prints them, cut short, so
 * the stored data holds no heap terms.
 */
#include <string.h>

#include "info.h"
#include "inspect.h"
#include "lib.h"
#include "mem.h"
#include "strbuf.h"
#include "supinfo.h"
#include "vm.h"
#include "where.h"

#define MODULE "mote"

/* Writes t as inspect prints it (one line, short limits) into dst,
 * cut to size. */
static void term_text(Term t, char *dst, size_t size)
{
    InspectOpts o;
    inspect_opts_kernel(&o);
    o.limit = 8;
    o.printable_limit = (int)size;
    Strbuf sb;
    strbuf_init(&sb);
    inspect_term(t, &o, &sb);
    size_t len = strbuf_failed(&sb) ? 0 : sb.len;
    if (len >= size)
        len = size - 1;
    if (len)
        memcpy(dst, sb.data, len);
    dst[len] = '\0';
    strbuf_fini(&sb);
}

/* Writes an atom's text into dst, cut to size. */
static void atom_copy(Term atom, char *dst, size_t size)
{
    size_t len;
    const char *s = atom_text(atom, &len);
    if (len >= size)
        len = size - 1;
    memcpy(dst, s, len);
    dst[len] = '\0';
}

static bool is_count(Term t)
{
    return is_small(t) && small_val(t) >= 0 && small_val(t) <= UINT32_MAX;
}

static Term sup_register(Proc *p, const Term *a)
{
    static const char *kinds[] = {"supervisor", "dynamic_supervisor", "task_supervisor"};
    int kind = -1;
    for (int i = 0; i < 3; i++)
        if (lib_atom_is(a[0], kinds[i]))
            kind = i;
    if (kind < 0)
        return bif_badarg(p, 1, "not :supervisor, :dynamic_supervisor or :task_supervisor");
    if (!is_atom(a[1]))
        return bif_badarg(p, 2, "not an atom");
    if (!is_count(a[2]))
        return bif_badarg(p, 3, "not a non-negative integer");
    if (!is_count(a[3]))
        return bif_badarg(p, 4, "not a non-negative integer");
    char strategy[24];
    atom_copy(a[1], strategy, sizeof strategy);
    if (supinfo_register(p, kind, strategy, (uint32_t)small_val(a[2]),
                         (uint32_t)small_val(a[3])) < 0)
        return lib_oom(p);
    return A(ok);
}

/* One {id, pid | :undefined | :restarting, type, restart} into *ch;
 * false when it has another shape. */
static bool child_of(Term t, mote_sup_child *ch)
{
    if (!is_tuple(t) || tuple_size(t) != 4)
        return false;
    Term pid = tuple_get(t, 1), type = tuple_get(t, 2), restart = tuple_get(t, 3);
    memset(ch, 0, sizeof *ch);
    if (is_local_pid(pid))
        ch->pid = (mote_pid)pid;
    else if (lib_atom_is(pid, "undefined"))
        ch->state = MOTE_CHILD_UNDEFINED;
    else if (lib_atom_is(pid, "restarting"))
        ch->state = MOTE_CHILD_RESTARTING;
    else
        return false;
    if (lib_atom_is(type, "supervisor"))
        ch->supervisor = true;
    else if (!lib_atom_is(type, "worker"))
        return false;
    if (lib_atom_is(restart, "transient"))
        ch->restart = MOTE_RESTART_TRANSIENT;
    else if (lib_atom_is(restart, "temporary"))
        ch->restart = MOTE_RESTART_TEMPORARY;
    else if (!lib_atom_is(restart, "permanent"))
        return false;
    term_text(tuple_get(t, 0), ch->id, sizeof ch->id);
    return true;
}

static Term sup_children(Proc *p, const Term *a)
{
    long n = lib_list_len(a[0]);
    if (n < 0)
        return bif_badarg(p, 1, "not a list");
    size_t bytes = (n ? (size_t)n : 1) * sizeof(mote_sup_child);
    mote_sup_child *rows = mem_alloc(MEM_SYSTEM, bytes);
    if (!rows)
        return lib_oom(p);
    Term l = a[0];
    for (long i = 0; i < n; i++, l = list_tail(l))
        if (!child_of(list_head(l), &rows[i])) {
            mem_free(MEM_SYSTEM, rows, bytes);
            return bif_badarg(p, 1, "not a list of {id, pid | :undefined | :restarting, "
                                    ":worker | :supervisor, :permanent | :transient | "
                                    ":temporary}");
        }
    int rc = supinfo_set_children(p, rows, (size_t)n);
    mem_free(MEM_SYSTEM, rows, bytes);
    bif_charge(p, (uint32_t)(n < 1000 ? n : 1000));
    return rc < 0 ? lib_oom(p) : A(ok);
}

/* A pid, or :undefined / nil as 0; false for anything else. */
static bool pid_or_none(Term t, mote_pid *out)
{
    *out = 0;
    if (is_local_pid(t)) {
        *out = (mote_pid)t;
        return true;
    }
    return t == A(undefined) || t == A(nil);
}

static Term sup_restart(Proc *p, const Term *a)
{
    mote_pid old_pid, new_pid;
    if (!pid_or_none(a[1], &old_pid))
        return bif_badarg(p, 2, "not a pid or :undefined");
    if (!pid_or_none(a[2], &new_pid))
        return bif_badarg(p, 3, "not a pid or :undefined");
    char id[64], reason[160];
    term_text(a[0], id, sizeof id);
    term_text(a[3], reason, sizeof reason);
    if (supinfo_restart(p, id, old_pid, new_pid, reason, false) < 0)
        return lib_oom(p);
    return A(ok);
}

static Term sup_gave_up(Proc *p, const Term *a)
{
    char reason[160];
    term_text(a[0], reason, sizeof reason);
    if (supinfo_restart(p, "$supervisor", 0, 0, reason, true) < 0)
        return lib_oom(p);
    return A(ok);
}

static Term app_register(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_badarg(p, 1, "not an atom");
    char app[64];
    atom_copy(a[0], app, sizeof app);
    if (supinfo_set_app(p, app) < 0)
        return lib_oom(p);
    return A(ok);
}

/* Called around every GenServer.call receive: one atomic store, and no
 * cold part is allocated just to record "waiting on nobody". */
static Term set_waiting_on(Proc *p, const Term *a)
{
    if (a[0] == A(nil) || a[0] == A(undefined)) {
        if (p->cold)
            atomic_store_explicit(&p->cold->waiting_on, 0, memory_order_relaxed);
        return A(ok);
    }
    if (!is_local_pid(a[0]))
        return bif_badarg(p, 1, "not a local pid or nil");
    ProcCold *c = proc_cold(p);
    if (!c)
        return lib_oom(p);
    atomic_store_explicit(&c->waiting_on, (uint64_t)a[0], memory_order_relaxed);
    return A(ok);
}

/* Records w as the process's initial call (a VM process only). */
static void store_initial(Proc *p, uint64_t w)
{
    if (p->body_kind == BODY_VM && p->body.vm)
        atomic_store_explicit(&p->body.vm->initial, w, memory_order_relaxed);
}

/* set_initial_call(mod, fun, arity): what the observer shows as the
 * process's initial call from now on, as proc_lib records the behaviour's
 * init (GenServer, Supervisor, Task set it before calling back). */
static Term set_initial_call(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_badarg(p, 1, "not an atom");
    if (!is_atom(a[1]))
        return bif_badarg(p, 2, "not an atom");
    if (!is_small(a[2]) || small_val(a[2]) < 0 || small_val(a[2]) > 255)
        return bif_badarg(p, 3, "not an arity (0..255)");
    store_initial(p, where_pack(a[0], a[1], (uint32_t)small_val(a[2])));
    return A(ok);
}

/* set_initial_call(fun): the same, from a closure or capture (a task's
 * function), as a spawn on it would record. */
static Term set_initial_call_fun(Proc *p, const Term *a)
{
    uint64_t w = is_fun(a[0]) ? where_spawned(a[0], NONE, NONE, 0) : 0;
    if (!w)
        return bif_badarg(p, 1, "not a function");
    store_initial(p, w);
    return A(ok);
}

static const BifDef mote_sup_bifs[] = {
    {MODULE, "sup_register", 4, 0, sup_register,
     "Records a supervisor's kind, strategy and intensity for the observer."},
    {MODULE, "sup_children", 1, 0, sup_children,
     "Records a supervisor's children [{id, pid, type, restart}] for the observer."},
    {MODULE, "sup_restart", 4, 0, sup_restart,
     "Records a child restart (id, old pid, new pid or :undefined, reason)."},
    {MODULE, "sup_gave_up", 1, 0, sup_gave_up,
     "Records that the supervisor exceeded its restart intensity."},
    {MODULE, "app_register", 1, 0, app_register,
     "Marks the calling supervisor as the top of an application."},
    {MODULE, "set_waiting_on", 1, 0, set_waiting_on,
     "Records the pid this process waits on in a call (nil when done)."},
    {MODULE, "set_initial_call", 3, 0, set_initial_call,
     "Records the initial call the observer shows (mod, fun, arity), as proc_lib does."},
    {MODULE, "set_initial_call", 1, 0, set_initial_call_fun,
     "Records the initial call the observer shows as that of the given function."},
};

int lib_mote_sup_register(void)
{
    /* The VM's current function shows in mote_proc_info from here on. */
    info_set_where_hooks(where_current, where_text);
    info_set_initial_hook(where_initial);
    return bif_register(mote_sup_bifs, LIB_NDEFS(mote_sup_bifs));
}
