/* proc_info_bifs.c — the introspection builtins: Process.info and
 * :erlang.process_info (the info_value helper and its OTP-shaped extras),
 * the owner-only items another process is asked for (__ask_messages__),
 * Process.list/processes and Process.registered. Split from proc_bifs.c
 * to keep that file readable; it shares only proc_bifs_ref_new
 * (proc_bifs_int.h).
 *
 * Builtins follow bif.h: they allocate on the caller's heap without
 * collecting, and raise through the bif_raise family.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atom.h"
#include "info.h"
#include "lib.h"
#include "map.h"
#include "mem.h"
#include "msg.h"
#include "node.h"
#include "proc_bifs_int.h"
#include "vm.h"

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
    return proc_bifs_ref_new(p, id0, id1);
}
static Term b_erl_pinfo2(Proc *p, const Term *a) { return process_info(p, a, false); }

static Term b_processes(Proc *p, const Term *a)
{
    (void)a;
    mote_pid buf[4096];
    size_t n = 0;
    mote_processes(rt_of(p), buf, 4096, &n);
    Term l = pids_list(p, buf, n < 4096 ? n : 4096);
    return l == NONE ? lib_oom(p) : l;
}

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

static const BifDef info_defs[] = {
    {"Elixir.Process", "registered", 0, 0, b_registered, NULL},
    {"erlang", "registered", 0, 0, b_registered, NULL},
    {"Elixir.Process", "info", 2, 0, b_pinfo2, NULL},
    {"Elixir.Process", "__info__", 2, 0, b_pinfo2, NULL},
    {"Elixir.Process", "__ask_messages__", 1, 0, b_ask_messages, NULL},
    {"Elixir.Process", "list", 0, 0, b_processes, NULL},
    {"erlang", "process_info", 2, 0, b_erl_pinfo2, NULL},
    {"erlang", "processes", 0, 0, b_processes, NULL},
};

int proc_info_bifs_register(void)
{
    return bif_register(info_defs, sizeof info_defs / sizeof info_defs[0]);
}
