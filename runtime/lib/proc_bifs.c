/* proc_bifs.c — the process builtins of the language: spawn and its
 * variants, send, self, make_ref, links, monitors, names, exit signals,
 * Node.self, System.argv/halt, and the helpers the compiler calls
 * (mote_vm.*). Timers, introspection and the process dictionary live in
 * proc_timer_bifs.c, proc_info_bifs.c and proc_dict_bifs.c (shared
 * declarations in proc_bifs_int.h); proc_bifs_register registers all.
 *
 * Builtins follow bif.h: they allocate on the caller's heap without
 * collecting, and raise through the bif_raise family.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "atom.h"
#include "bin.h"
#include "code.h"
#include "exc.h"
#include "lib.h"
#include "info.h"
#include "inspect.h"
#include "link.h"
#include "map.h"
#include "mem.h"
#include "msg.h"
#include "node.h"
#include "proc_bifs_int.h"
#include "reg.h"
#include "timer.h"
#include "vm.h"

/* ---- spawning ------------------------------------------------------------- */

typedef struct SpawnCtx {
    Term fun, mod, name;
    Term args[8];
    uint32_t nargs;
    int main;
} SpawnCtx;

static int prepare_vm(Proc *p, void *ctx)
{
    SpawnCtx *s = ctx;
    return vm_prepare(p, s->fun, s->mod, s->name, s->args, s->nargs, s->main);
}

int proc_bifs_spawn_main(struct Node *n, Term fun, Term *pid_out)
{
    SpawnCtx s = {.fun = fun, .main = 1};
    return proc_spawn_body(n, NULL, prepare_vm, &s, NULL, pid_out);
}

static Term spawn_with(Proc *p, SpawnCtx *s, bool link, bool monitor)
{
    mote_spawn_opts o = {0};
    Term ref = NONE;
    o.link = link;
    o.monitor = monitor;
    o.monitor_ref = monitor ? &ref : NULL;
    Term pid;
    int rc = proc_spawn_body(p->node, p, prepare_vm, s, &o, &pid);
    if (rc != 0)
        return bif_error(p, A(system_limit));
    bif_charge(p, 10);
    if (monitor)
        return lib_tuple2(p, pid, ref);
    return pid;
}

static Term spawn_fun(Proc *p, Term f, bool link, bool monitor)
{
    if (!is_fun(f))
        return bif_badarg(p, 1, "not a fun");
    SpawnCtx s = {.fun = f};
    return spawn_with(p, &s, link, monitor);
}

static Term spawn_mfa(Proc *p, const Term *a, bool link, bool monitor)
{
    long n = lib_list_len(a[2]);
    if (!is_atom(a[0]) || !is_atom(a[1]) || n < 0 || n > 8)
        return bif_error(p, A(badarg));
    SpawnCtx s = {.fun = NONE, .mod = a[0], .name = a[1], .nargs = (uint32_t)n};
    uint32_t i = 0;
    for (Term t = a[2]; is_cons(t); t = list_tail(t))
        s.args[i++] = list_head(t);
    return spawn_with(p, &s, link, monitor);
}

/* The :link and :monitor of a spawn_opt option list (the others, such
 * as priority or min_heap_size, have no effect here). */
static void spawn_opts(Term opts, bool *link, bool *monitor)
{
    for (Term t = opts; is_cons(t); t = list_tail(t)) {
        if (list_head(t) == atom_from_cstr("link"))
            *link = true;
        else if (list_head(t) == atom_from_cstr("monitor"))
            *monitor = true;
    }
}

static Term b_spawn_opt2(Proc *p, const Term *a)
{
    bool link = false, monitor = false;
    if (!is_list(a[1]))
        return bif_badarg(p, 2, "not a list");
    spawn_opts(a[1], &link, &monitor);
    return spawn_fun(p, a[0], link, monitor);
}

static Term b_spawn_opt4(Proc *p, const Term *a)
{
    bool link = false, monitor = false;
    if (!is_list(a[3]))
        return bif_badarg(p, 4, "not a list");
    spawn_opts(a[3], &link, &monitor);
    return spawn_mfa(p, a, link, monitor);
}

static Term b_spawn1(Proc *p, const Term *a) { return spawn_fun(p, a[0], false, false); }
static Term b_spawn_link1(Proc *p, const Term *a) { return spawn_fun(p, a[0], true, false); }
static Term b_spawn_monitor1(Proc *p, const Term *a) { return spawn_fun(p, a[0], false, true); }
static Term b_spawn3(Proc *p, const Term *a) { return spawn_mfa(p, a, false, false); }
static Term b_spawn_link3(Proc *p, const Term *a) { return spawn_mfa(p, a, true, false); }
static Term b_spawn_monitor3(Proc *p, const Term *a) { return spawn_mfa(p, a, false, true); }

/* ---- messages ------------------------------------------------------------- */

Term proc_bifs_resolve_dest(Proc *p, Term to)
{
    if (is_atom(to))
        return reg_whereis(p->node, to);
    return to;
}

static Term b_node(Proc *p, const Term *a);

static Term b_send(Proc *p, const Term *a)
{
    Term to = a[0];
    if (is_tuple(to) && tuple_size(to) == 2 && is_atom(tuple_get(to, 0)) &&
        is_atom(tuple_get(to, 1))) {
        /* {name, node}: never fails; dropped when nobody has the name
         * here or the node is another (not connected). */
        if (tuple_get(to, 1) != b_node(p, NULL))
            return a[1];
        to = reg_whereis(p->node, tuple_get(to, 0));
        if (to == NONE)
            return a[1];
    }
    to = proc_bifs_resolve_dest(p, to);
    if (to == NONE || !is_local_pid(to)) {
        return bif_badarg(p, 1, "invalid destination");
    }
    Msg *m = msg_new(MSG_MESSAGE, p->pid, a[1]);
    if (m == NULL)
        return bif_error(p, A(system_limit));
    bif_charge(p, 1 + (m->frag != NULL ? (uint32_t)(m->frag->used_words / 32) : 0));
    if (node_deliver(p->node, to, m) != 0)
        msg_free(m);
    return a[1];
}

static Term b_node(Proc *p, const Term *a);

/* Process.send(dest, msg, opts): {name, node} destinations on other
 * nodes are not connected yet: :noconnect when asked for, else dropped. */
static Term b_psend3(Proc *p, const Term *a)
{
    Term dest = a[0];
    if (is_tuple(dest) && tuple_size(dest) == 2) {
        Term node = tuple_get(dest, 1);
        if (node != b_node(p, NULL)) {
            for (Term t = a[2]; is_cons(t); t = list_tail(t))
                if (list_head(t) == atom_from_cstr("noconnect"))
                    return atom_from_cstr("noconnect");
            return A(ok);
        }
        dest = tuple_get(dest, 0);
    }
    Term args[2] = {dest, a[1]};
    Term r = b_send(p, args);
    return r == NONE ? NONE : A(ok);
}

static Term b_self(Proc *p, const Term *a)
{
    (void)a;
    return p->pid;
}

/* A local reference with the two id words given, on p's heap; raises
 * through lib_oom when the heap is full. No GC. */
Term proc_bifs_ref_new(Proc *p, uint64_t w0, uint64_t w1)
{
    Term *hp = heap_alloc(&p->heap, 3);
    if (hp == NULL)
        return lib_oom(p);
    hp[0] = make_header(HDR_REF, 2);
    hp[1] = w0;
    hp[2] = w1;
    return make_boxed(hp);
}

static Term b_make_ref(Proc *p, const Term *a)
{
    (void)a;
    uint64_t id[2];
    node_new_ref(p->node, id);
    return proc_bifs_ref_new(p, id[0], id[1]);
}

/* ---- links, monitors, exits ------------------------------------------------- */

static Term b_link(Proc *p, const Term *a)
{
    if (!is_local_pid(a[0]))
        return bif_error(p, A(badarg));
    int rc = link_add(p, a[0]);
    if (rc == MOTE_ENOPROC) {
        if (p->flags & PF_TRAP_EXIT) {
            /* Erlang delivers {:EXIT, pid, :noproc} to a trapping caller. */
            exit_signal(p->node, a[0], p->pid, A(noproc), false);
            return A(true);
        }
        return bif_raise(p, A(error), A(noproc));
    }
    return rc == 0 ? A(true) : lib_oom(p);
}

static Term b_unlink(Proc *p, const Term *a)
{
    link_remove(p, a[0]);
    return A(true);
}

/* A monitor of a name nobody has: its DOWN, {:DOWN, ref, :process,
 * {name, node}, reason}, is queued to the caller at once. */
static Term monitor_dead_name(Proc *p, Term name, Term node, Term reason)
{
    Term ref = b_make_ref(p, NULL);
    if (ref == NONE)
        return NONE;
    Term who = lib_tuple2(p, name, node);
    Term *hp = who == NONE ? NULL : heap_alloc(&p->heap, 6);
    if (hp == NULL)
        return lib_oom(p);
    hp[0] = make_header(HDR_TUPLE, 5);
    hp[1] = A(DOWN), hp[2] = ref, hp[3] = A(process), hp[4] = who, hp[5] = reason;
    Msg *m = msg_new(MSG_MESSAGE, p->pid, make_boxed(hp));
    if (m == NULL)
        return lib_oom(p);
    if (node_deliver(p->node, p->pid, m) != 0)
        msg_free(m);
    return ref;
}

/* monitor(:process, name) and monitor(:process, {name, node}): by name,
 * so the DOWN names {name, node}. Another node is never connected here:
 * a node that is not alive refuses it as the BEAM does, a named one gets
 * the DOWN with :noconnection at once. */
static Term monitor_name(Proc *p, Term name, Term node)
{
    if (node != b_node(p, NULL) && b_node(p, NULL) == A(nonode_at_nohost))
        return bif_badarg(p, 2, "not a pid");
    if (node != b_node(p, NULL))
        return monitor_dead_name(p, name, node, A(noconnection));
    Term target = reg_whereis(p->node, name);
    if (target == NONE || !is_local_pid(target))
        return monitor_dead_name(p, name, node, A(noproc));
    uint64_t ref[2];
    if (monitor_add_name(p, target, name, ref) != 0)
        return lib_oom(p);
    return proc_bifs_ref_new(p, ref[0], ref[1]);
}

static Term b_monitor(Proc *p, const Term *a)
{
    if (a[0] != A(process))
        return bif_badarg(p, 1, "invalid monitor type");
    Term t = a[1];
    if (is_atom(t))
        return monitor_name(p, t, b_node(p, NULL));
    if (is_tuple(t) && tuple_size(t) == 2 && is_atom(tuple_get(t, 0)) && is_atom(tuple_get(t, 1)))
        return monitor_name(p, tuple_get(t, 0), tuple_get(t, 1));
    Term target = proc_bifs_resolve_dest(p, t);
    if (target == NONE)
        target = t;
    if (!is_local_pid(target))
        return bif_badarg(p, 2, "not a pid");
    uint64_t ref[2];
    if (monitor_add(p, target, ref) != 0)
        return lib_oom(p);
    return proc_bifs_ref_new(p, ref[0], ref[1]);
}

static Term b_monitor_elixir(Proc *p, const Term *a)
{
    Term args[2] = {A(process), a[0]};
    return b_monitor(p, args);
}

/* demonitor: true, or with info whether the monitor was still held
 * (false once its DOWN came in or it was removed before). */
static Term demonitor(Proc *p, Term ref, bool flush, bool info)
{
    if (!is_boxed_kind(ref, HDR_REF))
        return bif_error(p, A(badarg));
    uint64_t id[2] = {boxed_ptr(ref)[1], boxed_ptr(ref)[2]};
    bool held = monitor_held(p, id);
    if (flush)
        monitor_remove_flush(p, id);
    else
        monitor_remove(p, id);
    return !info || held ? A(true) : A(false);
}

static Term b_demonitor1(Proc *p, const Term *a) { return demonitor(p, a[0], false, false); }

static Term b_demonitor2(Proc *p, const Term *a)
{
    bool flush = false, info = false;
    for (Term t = a[1]; is_cons(t); t = list_tail(t)) {
        if (list_head(t) == atom_from_cstr("flush"))
            flush = true;
        else if (list_head(t) == atom_from_cstr("info"))
            info = true;
    }
    return demonitor(p, a[0], flush, info);
}

static Term b_exit2(Proc *p, const Term *a)
{
    Term to = proc_bifs_resolve_dest(p, a[0]);
    if (to == NONE || !is_local_pid(to))
        return bif_badarg(p, 1, "not a pid");
    exit_signal(p->node, p->pid, to, a[1], false);
    if (to == p->pid && a[1] == A(normal) && !(p->flags & PF_TRAP_EXIT)) {
        /* exit(self(), :normal) kills the caller (its own normal signal
         * is not ignored), as a signal: the script ends with status 1,
         * which a raise of exit(:normal) would not give. Ending the slice
         * has the signal delivered at the next scheduling point. */
        if (p->body_kind == BODY_VM && p->body.vm != NULL && p->body.vm->main) {
            int none = -1;
            atomic_compare_exchange_strong(&vm_exit_status, &none, 1);
        }
        p->reds_left = 0;
        return A(true);
    }
    if (to != p->pid || (a[1] != A(kill) && (p->flags & PF_TRAP_EXIT)))
        return A(true);
    /* A fatal signal to oneself must stop the caller at once, and no try
     * may save it (:kill least of all). The raise stops it now (and, when
     * nothing catches it, is the exit reason); the signal sent above is
     * delivered at the next scheduling point, which ending the slice makes
     * the next call, so a catch clause cannot run on either. */
    p->reds_left = 0;
    if (p->body_kind == BODY_VM && p->body.vm != NULL && p->body.vm->main) {
        /* Killed by a signal, even :shutdown: status 1, as elixir. */
        int none = -1;
        atomic_compare_exchange_strong(&vm_exit_status, &none, 1);
    }
    return bif_raise(p, A(exit), a[1] == A(kill) ? A(killed) : a[1]);
}

static Term b_process_flag(Proc *p, const Term *a)
{
    if (a[0] == atom_from_cstr("priority")) {
        /* One run queue level here: the level is checked, not kept, and
         * the answer is always the default. */
        if (a[1] != atom_from_cstr("low") && a[1] != A(normal) &&
            a[1] != atom_from_cstr("high") && a[1] != atom_from_cstr("max"))
            return bif_badarg(p, 2, "invalid priority");
        return A(normal);
    }
    if (a[0] != A(trap_exit) || (a[1] != A(true) && a[1] != A(false)))
        return bif_error(p, A(badarg));
    bool old = (p->flags & PF_TRAP_EXIT) != 0;
    if (a[1] == A(true))
        p->flags |= PF_TRAP_EXIT;
    else
        p->flags &= (uint8_t)~PF_TRAP_EXIT;
    info_publish_trap(p, a[1] == A(true));
    return old ? A(true) : A(false);
}

static Term b_is_alive(Proc *p, const Term *a)
{
    if (!is_local_pid(a[0]))
        return bif_error(p, A(badarg));
    if (a[0] == p->pid)
        return A(true);
    Proc *q = node_lock_pid(p->node, a[0]);
    if (q == NULL)
        return A(false);
    bool alive = !(atomic_load(&q->state) & PS_EXITING);
    node_unlock_pid(p->node, a[0]);
    return alive ? A(true) : A(false);
}

/* ---- names ------------------------------------------------------------------- */

static Term b_register(Proc *p, const Term *a)
{
    if (!is_atom(a[1]) || !is_local_pid(a[0]) || a[1] == A(undefined))
        return bif_error(p, A(badarg));
    Proc *q = a[0] == p->pid ? p : NULL;
    if (q == NULL) {
        q = node_lock_pid(p->node, a[0]);
        if (q == NULL)
            return bif_error(p, A(badarg));
        int rc = reg_register(p->node, q, a[1]);
        node_unlock_pid(p->node, a[0]);
        return rc == 0 ? A(true) : bif_error(p, A(badarg));
    }
    return reg_register(p->node, q, a[1]) == 0 ? A(true) : bif_error(p, A(badarg));
}

/* Process.register/2: Elixir's guard refuses nil and :undefined (a
 * FunctionClauseError); a refusal of :erlang.register becomes its
 * ArgumentError naming the process and the name. */
static Term b_register_elixir(Proc *p, const Term *a)
{
    if (!is_atom(a[1]) || a[1] == A(nil) || a[1] == A(undefined))
        return lib_function_clause(p, "Elixir.Process", "register", 2);
    Term r = b_register(p, a);
    Term cls, why;
    if (r != NONE || !is_local_pid(a[0]) || !bif_take_exception(&cls, &why))
        return r;
    Strbuf sb;
    InspectOpts o;
    inspect_opts_kernel(&o);
    strbuf_init(&sb);
    strbuf_puts(&sb, "could not register ");
    inspect_pid_text(a[0], &sb);
    strbuf_puts(&sb, " with name ");
    inspect_term(a[1], &o, &sb);
    strbuf_puts(&sb, " because it is not alive, the name is already taken, or it has "
                     "already been given another name");
    r = bif_raise_msg(p, "ArgumentError", "%s", strbuf_cstr(&sb));
    strbuf_fini(&sb);
    return r;
}

static Term b_register_erl(Proc *p, const Term *a)
{
    Term args[2] = {a[1], a[0]};
    return b_register(p, args);
}

static Term b_unregister(Proc *p, const Term *a)
{
    if (!is_atom(a[0]) || reg_unregister(p->node, a[0]) != 0)
        return bif_badarg(p, 1, "not a pid"); /* OTP 25's text for it */
    return A(true);
}

static Term whereis_or(Proc *p, Term name, Term none)
{
    Term t = reg_whereis(p->node, name);
    return t == NONE ? none : t;
}

static Term b_whereis_erl(Proc *p, const Term *a) { return whereis_or(p, a[0], A(undefined)); }
static Term b_whereis_elixir(Proc *p, const Term *a) { return whereis_or(p, a[0], A(nil)); }

/* ---- node, system -------------------------------------------------------------------- */

static Term b_node(Proc *p, const Term *a)
{
    (void)a;
    return p->node->name != NONE && p->node->name != 0 ? p->node->name : A(nonode_at_nohost);
}

/* node/1 of a pid or reference: every one here is this node's. */
static Term b_node1(Proc *p, const Term *a)
{
    if (!is_local_pid(a[0]) && !is_boxed_kind(a[0], HDR_REF))
        return bif_badarg(p, 1, "not a pid, port or reference");
    return b_node(p, NULL);
}

static int argc_saved;
static char **argv_saved;

void proc_bifs_set_argv(int argc, char **argv)
{
    argc_saved = argc;
    argv_saved = argv;
}

static Term b_argv(Proc *p, const Term *a)
{
    (void)a;
    Term list = NIL;
    for (int i = argc_saved; i-- > 0;) {
        Term s = lib_str(p, argv_saved[i]);
        if (s == NONE || (list = lib_cons(p, s, list)) == NONE)
            return lib_oom(p);
    }
    return list;
}

static Term halt_with(Proc *p, Term status)
{
    int code = 0;
    if (is_small(status))
        code = (int)small_val(status);
    else if (status != A(normal) && !is_small(status))
        code = 1;
    (void)p;
    fflush(stdout);
    fflush(stderr);
    _exit(code & 255);
}

static Term b_halt0(Proc *p, const Term *a)
{
    (void)a;
    return halt_with(p, make_small(0));
}

static Term b_halt1(Proc *p, const Term *a) { return halt_with(p, a[0]); }

/* ---- helpers the compiler calls --------------------------------------------------------- */

/* mote_vm.normalize(class, reason, stacktrace): the exception rescue sees. */
static Term b_normalize(Proc *p, const Term *a)
{
    Term r = exc_normalize(p, a[0], a[1], a[2]);
    return r == NONE ? lib_oom(p) : r;
}

/* mote_vm.erlang_reason(class, reason): what a catch clause binds, the
 * Erlang term of an error the runtime raised as a struct. */
static Term b_erlang_reason(Proc *p, const Term *a)
{
    return a[0] == A(error) ? exc_erlang_reason(p, a[1]) : a[1];
}

/* mote_vm.exception_new(struct, arg): defexception's exception/1. */
static Term b_exception_new(Proc *p, const Term *a)
{
    Term s = a[0], arg = a[1];
    if (is_binary(arg))
        return map_put(&p->heap, s, A(message), arg);
    if (is_map(arg)) {
        /* merge */
        Term r = s;
        Term keys[64], vals[64];
        if (map_size(arg) > 64)
            return bif_error(p, A(badarg));
        map_sorted(arg, keys, vals);
        for (size_t i = 0; i < map_size(arg) && r != NONE; i++)
            r = map_put(&p->heap, r, keys[i], vals[i]);
        return r == NONE ? lib_oom(p) : r;
    }
    for (Term t = arg; is_cons(t); t = list_tail(t)) {
        Term kv = list_head(t);
        if (!is_tuple(kv) || tuple_size(kv) != 2)
            return bif_error(p, A(badarg));
        /* Elixir 1.14 warns about fields the struct lacks and drops them. */
        if (map_get(s, tuple_get(kv, 0)) == NONE)
            continue;
        s = map_put(&p->heap, s, tuple_get(kv, 0), tuple_get(kv, 1));
        if (s == NONE)
            return lib_oom(p);
    }
    return s;
}

static Term b_function_exported(Proc *p, const Term *a)
{
    if (!is_atom(a[0]) || !is_atom(a[1]) || !is_small(a[2]))
        return bif_error(p, A(badarg));
    Module *m = code_find(a[0]);
    uint32_t n = (uint32_t)small_val(a[2]);
    if (m != NULL && code_fn(m, a[1], n, true) != NULL)
        return A(true);
    return bif_lookup(a[0], a[1], n) != NULL ? A(true) : A(false);
}

/* :erlang.module_loaded(mod): whether code for mod is loaded. */
static Term b_module_loaded(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_badarg(p, 1, "not an atom");
    return code_find(a[0]) != NULL ? A(true) : A(false);
}

static const BifDef proc_defs[] = {
    {"erlang", "spawn", 1, 0, b_spawn1, NULL},
    {"erlang", "spawn", 3, 0, b_spawn3, NULL},
    {"erlang", "spawn_link", 1, 0, b_spawn_link1, NULL},
    {"erlang", "spawn_link", 3, 0, b_spawn_link3, NULL},
    {"erlang", "spawn_monitor", 1, 0, b_spawn_monitor1, NULL},
    {"erlang", "spawn_monitor", 3, 0, b_spawn_monitor3, NULL},
    {"erlang", "spawn_opt", 2, 0, b_spawn_opt2, NULL},
    {"erlang", "spawn_opt", 4, 0, b_spawn_opt4, NULL},
    {"Elixir.Process", "spawn", 2, 0, b_spawn_opt2, NULL},
    {"Elixir.Process", "spawn", 4, 0, b_spawn_opt4, NULL},
    {"erlang", "send", 2, 0, b_send, NULL},
    {"erlang", "!", 2, 0, b_send, NULL},
    {"erlang", "self", 0, BIF_GUARD, b_self, NULL},
    {"erlang", "make_ref", 0, 0, b_make_ref, NULL},
    {"erlang", "link", 1, 0, b_link, NULL},
    {"erlang", "unlink", 1, 0, b_unlink, NULL},
    {"erlang", "monitor", 2, 0, b_monitor, NULL},
    {"erlang", "demonitor", 1, 0, b_demonitor1, NULL},
    {"erlang", "demonitor", 2, 0, b_demonitor2, NULL},
    {"erlang", "exit", 2, 0, b_exit2, NULL},
    {"erlang", "process_flag", 2, 0, b_process_flag, NULL},
    {"erlang", "is_process_alive", 1, 0, b_is_alive, NULL},
    {"erlang", "register", 2, 0, b_register_erl, NULL},
    {"erlang", "unregister", 1, 0, b_unregister, NULL},
    {"erlang", "whereis", 1, 0, b_whereis_erl, NULL},
    {"erlang", "node", 0, BIF_GUARD, b_node, NULL},
    {"erlang", "node", 1, BIF_GUARD, b_node1, NULL},
    {"erlang", "halt", 0, 0, b_halt0, NULL},
    {"erlang", "halt", 1, 0, b_halt1, NULL},
    {"erlang", "function_exported", 3, 0, b_function_exported, NULL},
    {"erlang", "module_loaded", 1, 0, b_module_loaded, NULL},
    {"Elixir.Kernel", "function_exported?", 3, 0, b_function_exported, NULL},
    {"Elixir.Process", "send", 3, 0, b_psend3, NULL},
    {"Elixir.Process", "link", 1, 0, b_link, NULL},
    {"Elixir.Process", "unlink", 1, 0, b_unlink, NULL},
    {"Elixir.Process", "monitor", 1, 0, b_monitor_elixir, NULL},
    {"Elixir.Process", "demonitor", 1, 0, b_demonitor1, NULL},
    {"Elixir.Process", "demonitor", 2, 0, b_demonitor2, NULL},
    {"Elixir.Process", "exit", 2, 0, b_exit2, NULL},
    {"Elixir.Process", "flag", 2, 0, b_process_flag, NULL},
    {"Elixir.Process", "alive?", 1, 0, b_is_alive, NULL},
    {"Elixir.Process", "register", 2, 0, b_register_elixir, NULL},
    {"Elixir.Process", "unregister", 1, 0, b_unregister, NULL},
    {"Elixir.Process", "whereis", 1, 0, b_whereis_elixir, NULL},
    {"Elixir.Node", "self", 0, 0, b_node, NULL},
    {"Elixir.System", "argv", 0, 0, b_argv, NULL},
    {"Elixir.System", "halt", 0, 0, b_halt0, NULL},
    {"Elixir.System", "halt", 1, 0, b_halt1, NULL},
    {"mote_vm", "normalize", 3, 0, b_normalize, NULL},
    {"mote_vm", "erlang_reason", 2, 0, b_erlang_reason, NULL},
    {"mote_vm", "exception_new", 2, 0, b_exception_new, NULL},
};

/* ---- fallbacks ----------------------------------------------------------------------------
 * IO.puts/IO.inspect for when the standard library's own (lib/io.c) are
 * not registered yet: registered first, so theirs replace these. */
static Term b_io_puts(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    const uint8_t *b;
    size_t len;
    if (lib_bytes(a[0], &b, &len)) {
        strbuf_put(&sb, b, len);
    } else {
        Term s = vm_to_string_pub(p, a[0]);
        if (s == NONE) {
            strbuf_fini(&sb);
            return NONE;
        }
        lib_bytes(s, &b, &len);
        strbuf_put(&sb, b, len);
    }
    strbuf_putc(&sb, '\n');
    fwrite(strbuf_cstr(&sb), 1, sb.len, stdout);
    strbuf_fini(&sb);
    return A(ok);
}

static Term b_io_inspect(Proc *p, const Term *a)
{
    (void)p;
    Strbuf sb;
    strbuf_init(&sb);
    InspectOpts o;
    inspect_opts_io(&o);
    inspect_term(a[0], &o, &sb);
    strbuf_putc(&sb, '\n');
    fwrite(strbuf_cstr(&sb), 1, sb.len, stdout);
    strbuf_fini(&sb);
    return a[0];
}

static const BifDef fallback_defs[] = {
    {"Elixir.IO", "puts", 1, 0, b_io_puts, NULL},
    {"Elixir.IO", "inspect", 1, 0, b_io_inspect, NULL},
};

int proc_bifs_register_fallbacks(void)
{
    return bif_register(fallback_defs, sizeof fallback_defs / sizeof fallback_defs[0]);
}

int proc_bifs_register(void)
{
    int rc = bif_register(proc_defs, sizeof proc_defs / sizeof proc_defs[0]);
    if (rc == 0)
        rc = proc_timer_bifs_register();
    if (rc == 0)
        rc = proc_info_bifs_register();
    if (rc == 0)
        rc = proc_dict_bifs_register();
    return rc;
}
