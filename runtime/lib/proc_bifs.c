/* proc_bifs.c — the process builtins of the language: spawn and its
 * variants, send, self, make_ref, links, monitors, names, exit signals,
 * the process dictionary, Node.self, System.argv/halt, and the helpers
 * the compiler calls (mote_vm.*).
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

static Term resolve_dest(Proc *p, Term to)
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
    to = resolve_dest(p, to);
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
static Term ref_new(Proc *p, uint64_t w0, uint64_t w1)
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
    return ref_new(p, id[0], id[1]);
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
    return ref_new(p, ref[0], ref[1]);
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
    Term target = resolve_dest(p, t);
    if (target == NONE)
        target = t;
    if (!is_local_pid(target))
        return bif_badarg(p, 2, "not a pid");
    uint64_t ref[2];
    if (monitor_add(p, target, ref) != 0)
        return lib_oom(p);
    return ref_new(p, ref[0], ref[1]);
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
    Term to = resolve_dest(p, a[0]);
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

static Term dict(Proc *p);

/* ---- timers ------------------------------------------------------------------ */

/* A timer reference: a local ref whose words are the timer id and its due
 * time with the top bit set (no node reference has it), so cancel_timer
 * can answer how long was left. */
#define TIMER_REF_BIT (UINT64_C(1) << 63)

static Term b_send_after_ref(Proc *p, const Term *a)
{
    Term to = resolve_dest(p, a[0]);
    if (to == NONE || !is_local_pid(to) || !is_small(a[2]) || small_val(a[2]) < 0)
        return bif_error(p, A(badarg));
    Msg *m = msg_new(MSG_MESSAGE, p->pid, a[1]);
    if (m == NULL)
        return lib_oom(p);
    uint64_t id = 0, ms = (uint64_t)small_val(a[2]);
    if (timer_start(p->node, ms, to, m, &id) != 0) {
        msg_free(m);
        return lib_oom(p);
    }
    return ref_new(p, id, (timer_now_ms(p->node) + ms) | TIMER_REF_BIT);
}

/* :erlang.send_after(time, dest, msg): Process.send_after's order is
 * (dest, msg, time). */
static Term b_erl_send_after(Proc *p, const Term *a)
{
    Term args[3] = {a[1], a[2], a[0]};
    return b_send_after_ref(p, args);
}

static Term b_cancel_timer(Proc *p, const Term *a)
{
    if (!is_boxed_kind(a[0], HDR_REF))
        return bif_error(p, A(badarg));
    Term *r = boxed_ptr(a[0]);
    if (!(r[2] & TIMER_REF_BIT) || !timer_cancel(p->node, r[1]))
        return A(false);
    uint64_t due = r[2] & ~TIMER_REF_BIT, now = timer_now_ms(p->node);
    return make_small(due > now ? (int64_t)(due - now) : 0);
}

/* Process.read_timer/1: ms left, or false once it is due. (A timer
 * cancelled before it was due still answers its time left: the wheel
 * cannot be asked whether an id is live.) */
static Term b_read_timer(Proc *p, const Term *a)
{
    if (!is_boxed_kind(a[0], HDR_REF))
        return bif_badarg(p, 1, "not a reference");
    Term *r = boxed_ptr(a[0]);
    if (!(r[2] & TIMER_REF_BIT))
        return A(false);
    uint64_t due = r[2] & ~TIMER_REF_BIT, now = timer_now_ms(p->node);
    return due > now ? make_small((int64_t)(due - now)) : A(false);
}

/* Process.cancel_timer/2: info: false answers :ok whatever happened;
 * async is synchronous here (the answer is at hand). */
static Term b_cancel_timer2(Proc *p, const Term *a)
{
    Term r = b_cancel_timer(p, a);
    if (r == NONE)
        return r;
    for (Term t = a[1]; is_cons(t); t = list_tail(t)) {
        Term kv = list_head(t);
        if (is_tuple(kv) && tuple_size(kv) == 2 && tuple_get(kv, 0) == atom_from_cstr("info") &&
            tuple_get(kv, 1) == A(false))
            return A(ok);
    }
    return r;
}

/* ---- introspection ---------------------------------------------------------- */

static mote_rt *rt_of(Proc *p)
{
    return (mote_rt *)(void *)((char *)p->node - offsetof(mote_rt, node));
}

static Term pids_list(Proc *p, const mote_pid *pids, size_t n)
{
    Term l = NIL;
    for (size_t i = n; i-- > 0;)
        if ((l = lib_cons(p, (Term)pids[i], l)) == NONE)
            return NONE;
    return l;
}

/* Puts the REFBINs copy_term listed (through word 4, term.h) on the
 * off-heap lists of p's heap, so the collector sees them. */
static void proc_link_refbins(Proc *p, Term *list)
{
    while (list != NULL) {
        Term *next = (Term *)(uintptr_t)list[4];
        heap_link_offheap(&p->heap, list);
        list = next;
    }
}

/* Process.info(self(), :messages): copies of the queued messages, oldest
 * first: the private queue, then the inbox not drained yet (a stack,
 * newest first, that only its owner pops, so walking it is safe). */
static Term self_messages(Proc *p)
{
    size_t n = 0, words = 0, nin = 0;
    for (Msg *m = p->mbox.first; m != NULL; m = atomic_load(&m->next))
        if (m->kind == MSG_MESSAGE)
            n++, words += copy_size(m->term);
    Msg *in = atomic_load(&p->mbox.inbox);
    if (in == MBOX_WAITING)
        in = NULL;
    for (Msg *m = in; m != NULL; m = atomic_load(&m->next))
        if (m->kind == MSG_MESSAGE)
            nin++, words += copy_size(m->term);
    if (n + nin == 0)
        return NIL;
    Term *cells = heap_alloc(&p->heap, words + 2 * (n + nin));
    if (cells == NULL)
        return lib_oom(p);
    Term *hp = cells + 2 * (n + nin), *mso = NULL;
    size_t i = 0;
    for (Msg *m = p->mbox.first; m != NULL; m = atomic_load(&m->next))
        if (m->kind == MSG_MESSAGE)
            cells[2 * i++] = copy_term(m->term, &hp, &mso);
    size_t j = n + nin;
    for (Msg *m = in; m != NULL && j > n; m = atomic_load(&m->next))
        if (m->kind == MSG_MESSAGE)
            cells[2 * --j] = copy_term(m->term, &hp, &mso);
    for (i = 0; i < n + nin; i++)
        cells[2 * i + 1] = i + 1 < n + nin ? make_list(cells + 2 * i + 2) : NIL;
    proc_link_refbins(p, mso);
    return make_list(cells);
}

/* {Mod, :fun, arity} from where_text's "Foo.bar/1" or ":lists.map/2";
 * :undefined when text is empty or not of that shape (a native class
 * name, a quoted function name). */
static Term mfa_of_text(Proc *p, const char *text)
{
    const char *slash = strrchr(text, '/');
    const char *dot = slash ? slash : text;
    while (dot > text && dot[-1] != '.')
        dot--;
    if (slash == NULL || dot == text || dot - 1 == text || slash == dot || slash[1] == '\0')
        return A(undefined);
    char *end;
    long arity = strtol(slash + 1, &end, 10);
    if (*end != '\0' || arity < 0 || arity > 255)
        return A(undefined);
    char mod[96];
    size_t mlen = (size_t)(dot - 1 - text);
    if (text[0] == ':')
        snprintf(mod, sizeof mod, "%.*s", (int)mlen - 1, text + 1);
    else
        snprintf(mod, sizeof mod, "Elixir.%.*s", (int)mlen, text);
    Term m = atom_intern(mod, strlen(mod)), f = atom_intern(dot, (size_t)(slash - dot));
    if (m == NONE || f == NONE)
        return A(undefined);
    return lib_tuple3(p, m, f, make_small(arity));
}

/* Items of process_info/1 that mote has no figure of its own for, given
 * as OTP reports a fresh process's (so code matching on their shape
 * works): initial_call as a spawned fun's, the default error handler,
 * default GC settings with mote's collection count. current_function of
 * another process is the function it ran at its last time slice. NONE
 * for an unknown key. */
static Term more_info(Proc *p, const mote_proc_info *in, const char *k)
{
    if (!strcmp(k, "current_function"))
        return mfa_of_text(p, in->current_function);
    if (!strcmp(k, "initial_call"))
        return lib_tuple3(p, A(erlang), atom_from_cstr("apply"), make_small(2));
    if (!strcmp(k, "error_handler"))
        return atom_from_cstr("error_handler");
    if (!strcmp(k, "suspending"))
        return NIL;
    if (!strcmp(k, "stack_size"))
        return make_small(0); /* the stack shares the heap block (heap_size) */
    if (strcmp(k, "garbage_collection") != 0)
        return NONE;
    Term mk[3] = {atom_from_cstr("error_logger"), atom_from_cstr("kill"), atom_from_cstr("size")};
    Term mv[3] = {A(true), A(true), make_small(0)};
    Term max = map_from_pairs(&p->heap, 3, mk, mv);
    if (max == NONE)
        return lib_oom(p);
    static const char *keys[5] = {"max_heap_size", "min_bin_vheap_size", "min_heap_size",
                                  "fullsweep_after", "minor_gcs"};
    Term vals[5] = {max, make_small(46422), make_small(233), make_small(65535),
                    make_small((int64_t)in->gc_count)};
    Term l = NIL;
    for (size_t i = 5; i-- > 0 && l != NONE;) {
        Term t = lib_tuple2(p, atom_from_cstr(keys[i]), vals[i]);
        l = t == NONE ? NONE : lib_cons(p, t, l);
    }
    return l == NONE ? lib_oom(p) : l;
}

/* The value of one Process.info key, or NONE for an unknown key. */
static Term info_value(Proc *p, Term pid, const mote_proc_info *in, Term key)
{
    const char *k = atom_text(key, NULL);
    if (k == NULL)
        return NONE;
    if (!strcmp(k, "message_queue_len"))
        return make_small((int64_t)in->message_queue_len);
    if (!strcmp(k, "registered_name"))
        return in->registered_name[0] ? atom_from_cstr(in->registered_name) : NIL;
    if (!strcmp(k, "trap_exit"))
        return in->trap_exit ? A(true) : A(false);
    if (!strcmp(k, "reductions"))
        return make_small((int64_t)in->reductions);
    if (!strcmp(k, "heap_size") || !strcmp(k, "total_heap_size"))
        return make_small((int64_t)(in->heap_bytes / 8));
    if (!strcmp(k, "memory"))
        return make_small((int64_t)in->total_bytes);
    if (!strcmp(k, "status")) {
        static const char *names[] = {"running", "runnable", "waiting", "exiting", "suspended"};
        return atom_from_cstr(pid == p->pid ? "running" : names[in->status % 5]);
    }
    if (!strcmp(k, "links") || !strcmp(k, "monitors")) {
        /* All of them, however many (a supervisor's links): the set may
         * grow between asking its size and copying it, so ask again. */
        mote_pid small[64], *buf = small;
        size_t cap = 64, n = 0;
        for (;;) {
            if (k[0] == 'l')
                mote_proc_links(rt_of(p), pid, buf, cap, &n);
            else
                mote_proc_monitors(rt_of(p), pid, buf, cap, &n);
            if (n <= cap)
                break;
            if (buf != small)
                mem_free(MEM_PROC, buf, cap * sizeof *buf);
            cap = n + 16;
            buf = mem_alloc(MEM_PROC, cap * sizeof *buf);
            if (buf == NULL)
                return bif_error(p, A(system_limit));
        }
        Term l = NIL;
        if (k[0] == 'm') {
            for (size_t i = n; i-- > 0 && l != NONE;) {
                Term t = lib_tuple2(p, A(process), (Term)buf[i]);
                l = t == NONE ? NONE : lib_cons(p, t, l);
            }
        } else {
            l = pids_list(p, buf, n);
        }
        if (buf != small)
            mem_free(MEM_PROC, buf, cap * sizeof *buf);
        return l;
    }
    if (!strcmp(k, "group_leader") && pid == p->pid) {
        Term gl = p->cold != NULL ? p->cold->group_leader : NONE;
        return gl != NONE && gl != 0 ? gl : A(undefined);
    }
    if (!strcmp(k, "priority"))
        return A(normal); /* one priority level here */
    if (!strcmp(k, "current_function") && pid == p->pid)
        return lib_tuple3(p, A(erlang), atom_from_cstr("process_info"), make_small(2));
    if (!strcmp(k, "messages") && pid == p->pid)
        return self_messages(p);
    if (!strcmp(k, "dictionary") && pid == p->pid) {
        Term d = p->cold != NULL && p->cold->dict != 0 && p->cold->dict != NONE ? p->cold->dict : NIL;
        return d;
    }
    return more_info(p, in, k);
}

static Term process_info(Proc *p, const Term *a, bool elixir)
{
    if (!is_local_pid(a[0]))
        return bif_error(p, A(badarg));
    mote_proc_info in;
    if (mote_proc_info_get(rt_of(p), a[0], &in) != 0)
        return elixir ? A(nil) : A(undefined);
    if (a[0] == p->pid)
        in.message_queue_len = mbox_len(&p->mbox);
    if (is_atom(a[1])) {
        Term v = info_value(p, a[0], &in, a[1]);
        if (v == NONE)
            return bif_error(p, A(badarg));
        if (a[1] == A(registered_name) && v == NIL && !elixir)
            return NIL;
        return lib_tuple2(p, a[1], v);
    }
    Term out = NIL;
    Term keys[64];
    size_t n = 0;
    for (Term t = a[1]; is_cons(t) && n < 64; t = list_tail(t))
        keys[n++] = list_head(t);
    for (size_t i = n; i-- > 0;) {
        Term v = info_value(p, a[0], &in, keys[i]);
        if (v == NONE)
            return bif_error(p, A(badarg));
        Term kv = lib_tuple2(p, keys[i], v);
        if (kv == NONE || (out = lib_cons(p, kv, out)) == NONE)
            return lib_oom(p);
    }
    return out;
}

static Term b_pinfo2(Proc *p, const Term *a) { return process_info(p, a, true); }

/* ---- what only the process itself may read ---------------------------------
 * Only a process may walk its own queue and heap, so Process.info(other,
 * :messages | :dictionary | :group_leader | :monitored_by) asks it: a
 * ProcRequest the other runs at its next drain, which copies those items
 * into a reply {ref, [messages: .., dictionary: .., group_leader: ..,
 * monitored_by: ..]} (or {ref, :undefined} when it exits first) sent to
 * the asker. Messages sent to it before the request are in its queue by
 * then, as signal order promises. process.ex waits for the reply. */

typedef struct MsgAsk {
    ProcRequest base;
    Node *node;
    Term asker;
    uint64_t ref[2];
} MsgAsk;

/* A list of n cells at cells[0..2n) holding elems. */
static Term cells_list(Term *cells, const Term *elems, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cells[2 * i] = elems[i];
        cells[2 * i + 1] = i + 1 < n ? make_list(cells + 2 * i + 2) : NIL;
    }
    return n > 0 ? make_list(cells) : NIL;
}

/* The keyword list of owner-only items, built in tmp: 4 pairs, their 4
 * cells, then the cells of the messages and of the watchers' pids. The
 * cells point at p's queued terms and dictionary; the reply copies them. */
static Term owner_items(Proc *p, Heap *tmp)
{
    size_t n = 0, w = p->cold != NULL ? p->cold->nwatchers : 0;
    for (Msg *m = p->mbox.first; m != NULL; m = atomic_load(&m->next))
        n += m->kind == MSG_MESSAGE;
    Term *hp = heap_alloc(tmp, 20 + 2 * (n + w));
    if (hp == NULL)
        return NONE;
    Term *msgs = hp + 20, *pids = msgs + 2 * n, vals[4];
    size_t i = 0;
    for (Msg *m = p->mbox.first; m != NULL; m = atomic_load(&m->next))
        if (m->kind == MSG_MESSAGE) {
            msgs[2 * i] = m->term;
            msgs[2 * i + 1] = i + 1 < n ? make_list(msgs + 2 * i + 2) : NIL;
            i++;
        }
    vals[0] = n > 0 ? make_list(msgs) : NIL;
    Term dict = p->cold != NULL ? p->cold->dict : NONE;
    vals[1] = dict != 0 && dict != NONE ? dict : NIL;
    Term gl = p->cold != NULL ? p->cold->group_leader : NONE;
    vals[2] = gl != 0 && gl != NONE ? gl : A(undefined);
    for (size_t k = 0; k < w; k++) {
        pids[2 * k] = p->cold->watchers[k].pid;
        pids[2 * k + 1] = k + 1 < w ? make_list(pids + 2 * k + 2) : NIL;
    }
    vals[3] = w > 0 ? make_list(pids) : NIL;
    static const char *keys[4] = {"messages", "dictionary", "group_leader", "monitored_by"};
    Term pairs[4];
    for (size_t k = 0; k < 4; k++) {
        Term *t = hp + 3 * k;
        t[0] = make_header(HDR_TUPLE, 2), t[1] = atom_from_cstr(keys[k]), t[2] = vals[k];
        pairs[k] = make_boxed(t);
    }
    return cells_list(hp + 12, pairs, 4);
}

/* Runs on the asked process's thread (p NULL: it exited unanswered). */
static void answer_messages(Proc *p, ProcRequest *rq)
{
    MsgAsk *ask = (MsgAsk *)rq;
    Heap tmp;
    Msg *reply = NULL;
    if (heap_init(&tmp, 64) == 0) {
        Term items = p != NULL ? owner_items(p, &tmp) : A(undefined);
        Term *hp = items != NONE ? heap_alloc(&tmp, 6) : NULL;
        if (hp != NULL) {
            hp[0] = make_header(HDR_REF, 2), hp[1] = ask->ref[0], hp[2] = ask->ref[1];
            hp[3] = make_header(HDR_TUPLE, 2), hp[4] = make_boxed(hp), hp[5] = items;
            reply = msg_new(MSG_MESSAGE, p ? p->pid : ask->asker, make_boxed(hp + 3));
        }
        heap_fini(&tmp);
    }
    if (reply != NULL && node_deliver(ask->node, ask->asker, reply) != 0)
        msg_free(reply);
    mem_free(MEM_SYSTEM, ask, sizeof *ask);
}

/* Process.__ask_messages__(pid): the reference the reply will carry, or
 * :undefined when pid is dead. */
static Term b_ask_messages(Proc *p, const Term *a)
{
    if (!is_local_pid(a[0]))
        return bif_error(p, A(badarg));
    MsgAsk *ask = mem_alloc(MEM_SYSTEM, sizeof *ask);
    if (ask == NULL)
        return lib_oom(p);
    ask->base.fn = answer_messages;
    ask->node = p->node;
    ask->asker = p->pid;
    node_new_ref(p->node, ask->ref);
    uint64_t id0 = ask->ref[0], id1 = ask->ref[1]; /* ask is the other's once sent */
    int rc = proc_request(p->node, a[0], &ask->base);
    if (rc != 0) {
        mem_free(MEM_SYSTEM, ask, sizeof *ask);
        return rc == MOTE_ENOPROC ? A(undefined) : lib_oom(p);
    }
    return ref_new(p, id0, id1);
}
static Term b_erl_pinfo2(Proc *p, const Term *a) { return process_info(p, a, false); }

static Term b_get_keys(Proc *p, const Term *a)
{
    (void)a;
    Term d = dict(p), out = NIL;
    for (Term t = d; d != NONE && is_cons(t); t = list_tail(t))
        if ((out = lib_cons(p, tuple_get(list_head(t), 0), out)) == NONE)
            return lib_oom(p);
    return out;
}

/* get/0: the whole dictionary as {key, value} pairs. */
static Term b_get0(Proc *p, const Term *a)
{
    (void)a;
    Term d = dict(p);
    return d == NONE ? NIL : d;
}

/* get_keys/1: the keys whose value is value (compared with ==, =:= in
 * Erlang; the dictionary keeps exact terms). */
static Term b_get_keys1(Proc *p, const Term *a)
{
    Term d = dict(p), out = NIL;
    for (Term t = d; d != NONE && is_cons(t); t = list_tail(t))
        if (term_eq_exact(tuple_get(list_head(t), 1), a[0]) &&
            (out = lib_cons(p, tuple_get(list_head(t), 0), out)) == NONE)
            return lib_oom(p);
    return out;
}

static Term b_processes(Proc *p, const Term *a)
{
    (void)a;
    mote_pid buf[4096];
    size_t n = 0;
    mote_processes(rt_of(p), buf, 4096, &n);
    Term l = pids_list(p, buf, n < 4096 ? n : 4096);
    return l == NONE ? lib_oom(p) : l;
}

/* ---- names ------------------------------------------------------------------- */

/* Process.registered/0: every registered name, from each live process's
 * published info (names change while this runs, as on OTP). */
static Term b_registered(Proc *p, const Term *a)
{
    (void)a;
    mote_pid buf[4096];
    size_t n = 0;
    mote_processes(rt_of(p), buf, 4096, &n);
    Term l = NIL;
    for (size_t i = n < 4096 ? n : 4096; i-- > 0;) {
        mote_proc_info in;
        if (mote_proc_info_get(rt_of(p), buf[i], &in) != 0 || !in.registered_name[0])
            continue;
        Term name = atom_from_cstr(in.registered_name);
        if (name == NONE || (l = lib_cons(p, name, l)) == NONE)
            return lib_oom(p);
    }
    return l;
}

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

/* ---- the process dictionary ----------------------------------------------------- */

static Term dict(Proc *p)
{
    ProcCold *c = proc_cold(p);
    if (c == NULL)
        return NONE;
    if (c->dict == NONE || c->dict == 0)
        c->dict = NIL;
    return c->dict;
}

/* The dictionary without key, into *rest, and the key's old value (or
 * :undefined) into *old. Returns false when the heap is full (the caller
 * raises); p->cold exists after a true return. No GC. */
static bool dict_without(Proc *p, Term key, Term *rest, Term *old)
{
    Term d = dict(p);
    if (d == NONE)
        return false;
    *old = A(undefined);
    *rest = NIL;
    for (Term t = d; is_cons(t); t = list_tail(t)) {
        Term kv = list_head(t);
        if (term_eq_exact(tuple_get(kv, 0), key))
            *old = tuple_get(kv, 1);
        else if ((*rest = lib_cons(p, kv, *rest)) == NONE)
            return false;
    }
    return true;
}

static Term b_put(Proc *p, const Term *a)
{
    Term old, rest;
    if (!dict_without(p, a[0], &rest, &old))
        return lib_oom(p);
    Term kv = lib_tuple2(p, a[0], a[1]);
    Term nd = kv == NONE ? NONE : lib_cons(p, kv, rest);
    if (nd == NONE)
        return lib_oom(p);
    p->cold->dict = nd;
    return old;
}

static Term dict_get(Proc *p, Term key, Term dflt)
{
    Term d = dict(p);
    for (Term t = d; d != NONE && is_cons(t); t = list_tail(t))
        if (term_eq_exact(tuple_get(list_head(t), 0), key))
            return tuple_get(list_head(t), 1);
    return dflt;
}

static Term b_get1(Proc *p, const Term *a) { return dict_get(p, a[0], A(undefined)); }
static Term b_pget1(Proc *p, const Term *a) { return dict_get(p, a[0], A(nil)); }
static Term b_pget2(Proc *p, const Term *a) { return dict_get(p, a[0], a[1]); }

static Term b_pput(Proc *p, const Term *a)
{
    Term old = b_put(p, a);
    return old == A(undefined) ? A(nil) : old;
}

static Term b_erase(Proc *p, const Term *a)
{
    Term old, rest;
    if (!dict_without(p, a[0], &rest, &old))
        return lib_oom(p);
    p->cold->dict = rest;
    return old;
}

static Term b_pdelete(Proc *p, const Term *a)
{
    Term old = b_erase(p, a);
    return old == A(undefined) ? A(nil) : old;
}

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
    {"erlang", "put", 2, 0, b_put, NULL},
    {"erlang", "get", 1, 0, b_get1, NULL},
    {"erlang", "erase", 1, 0, b_erase, NULL},
    {"erlang", "node", 0, BIF_GUARD, b_node, NULL},
    {"erlang", "node", 1, BIF_GUARD, b_node1, NULL},
    {"erlang", "halt", 0, 0, b_halt0, NULL},
    {"erlang", "halt", 1, 0, b_halt1, NULL},
    {"erlang", "send_after", 3, 0, b_erl_send_after, NULL},
    {"erlang", "function_exported", 3, 0, b_function_exported, NULL},
    {"erlang", "module_loaded", 1, 0, b_module_loaded, NULL},
    {"Elixir.Kernel", "function_exported?", 3, 0, b_function_exported, NULL},
    {"Elixir.Process", "send_after", 3, 0, b_send_after_ref, NULL},
    {"Elixir.Process", "cancel_timer", 1, 0, b_cancel_timer, NULL},
    {"Elixir.Process", "cancel_timer", 2, 0, b_cancel_timer2, NULL},
    {"Elixir.Process", "read_timer", 1, 0, b_read_timer, NULL},
    {"erlang", "read_timer", 1, 0, b_read_timer, NULL},
    {"Elixir.Process", "registered", 0, 0, b_registered, NULL},
    {"erlang", "registered", 0, 0, b_registered, NULL},
    {"Elixir.Process", "info", 2, 0, b_pinfo2, NULL},
    {"Elixir.Process", "__info__", 2, 0, b_pinfo2, NULL},
    {"Elixir.Process", "__ask_messages__", 1, 0, b_ask_messages, NULL},
    {"Elixir.Process", "get_keys", 0, 0, b_get_keys, NULL},
    {"Elixir.Process", "get_keys", 1, 0, b_get_keys1, NULL},
    {"Elixir.Process", "get", 0, 0, b_get0, NULL},
    {"erlang", "get", 0, 0, b_get0, NULL},
    {"erlang", "get_keys", 1, 0, b_get_keys1, NULL},
    {"Elixir.Process", "list", 0, 0, b_processes, NULL},
    {"erlang", "process_info", 2, 0, b_erl_pinfo2, NULL},
    {"erlang", "processes", 0, 0, b_processes, NULL},
    {"erlang", "cancel_timer", 1, 0, b_cancel_timer, NULL},
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
    {"Elixir.Process", "get", 1, 0, b_pget1, NULL},
    {"Elixir.Process", "get", 2, 0, b_pget2, NULL},
    {"Elixir.Process", "put", 2, 0, b_pput, NULL},
    {"Elixir.Process", "delete", 1, 0, b_pdelete, NULL},
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
    return bif_register(proc_defs, sizeof proc_defs / sizeof proc_defs[0]);
}
