/* reg.c — the registered-name table: atom -> pid, one per node.
 *
 * An open-addressing hash table with linear probing behind one mutex;
 * registrations are rare and lookups short, so one lock is enough. The
 * name is mirrored in the owner's ProcCold.name, which is what lets the
 * exit path drop it without a search. Invariant: a table entry's pid has
 * (or is about to clear) that name in its cold part; a stale mirror is
 * always harmless because removal checks the pid.
 */
#include "reg.h"

#include <pthread.h>

#include "atom.h"
#include "env.h"
#include "err.h"
#include "mem.h"
#include "msg.h"
#include "node.h"

typedef struct RegEntry {
    Term name; /* atom; NONE = empty; TOMB = deleted */
    Term pid;
} RegEntry;

#define TOMB ((Term)TAG_SPECIAL | (UINT64_C(1) << 62))

struct Reg {
    pthread_mutex_t lock;
    RegEntry *slots;
    size_t cap;   /* power of two */
    size_t used;  /* live entries */
    size_t tombs; /* deleted entries still occupying slots */
};

#define REG_INIT_CAP 16

Reg *reg_new(void)
{
    Reg *r = mem_calloc(MEM_SYSTEM, 1, sizeof *r);
    if (!r)
        return NULL;
    r->slots = mem_calloc(MEM_SYSTEM, REG_INIT_CAP, sizeof(RegEntry));
    if (!r->slots) {
        mem_free(MEM_SYSTEM, r, sizeof *r);
        return NULL;
    }
    r->cap = REG_INIT_CAP;
    pthread_mutex_init(&r->lock, NULL);
    return r;
}

void reg_free(Reg *r)
{
    if (!r)
        return;
    pthread_mutex_destroy(&r->lock);
    mem_free(MEM_SYSTEM, r->slots, r->cap * sizeof(RegEntry));
    mem_free(MEM_SYSTEM, r, sizeof *r);
}

static size_t slot_of(const Reg *r, Term name)
{
    uint64_t h = atom_index(name) * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 32) & (r->cap - 1);
}

/* Index of name's entry, or -1. Caller holds the lock. */
static long lookup(const Reg *r, Term name)
{
    for (size_t i = slot_of(r, name), k = 0; k < r->cap; i = (i + 1) & (r->cap - 1), k++) {
        if (r->slots[i].name == NONE)
            return -1;
        if (r->slots[i].name == name)
            return (long)i;
    }
    return -1;
}

/* Inserts without checks into a table known to have a free slot. */
static void put(RegEntry *slots, size_t cap, Term name, Term pid)
{
    uint64_t h = atom_index(name) * UINT64_C(0x9E3779B97F4A7C15);
    size_t i = (size_t)(h >> 32) & (cap - 1);
    while (slots[i].name != NONE && slots[i].name != TOMB)
        i = (i + 1) & (cap - 1);
    slots[i].name = name;
    slots[i].pid = pid;
}

/* Keeps live + deleted entries under half the slots, so probes stay
 * short and an empty slot always ends a search. 0 or MOTE_ENOMEM. */
static int make_room(Reg *r)
{
    if ((r->used + r->tombs + 1) * 2 <= r->cap)
        return 0;
    size_t ncap = (r->used + 1) * 4 > r->cap ? r->cap * 2 : r->cap;
    RegEntry *ns = mem_calloc(MEM_SYSTEM, ncap, sizeof(RegEntry));
    if (!ns)
        return MOTE_ENOMEM;
    for (size_t i = 0; i < r->cap; i++)
        if (r->slots[i].name != NONE && r->slots[i].name != TOMB)
            put(ns, ncap, r->slots[i].name, r->slots[i].pid);
    mem_free(MEM_SYSTEM, r->slots, r->cap * sizeof(RegEntry));
    r->slots = ns;
    r->cap = ncap;
    r->tombs = 0;
    return 0;
}

static void drop(Reg *r, long i)
{
    r->slots[i].name = TOMB;
    r->slots[i].pid = NONE;
    r->used--;
    r->tombs++;
}

int reg_register(Node *n, Proc *p, Term name)
{
    if (!is_atom(name) || name == A(undefined))
        return MOTE_EBADARG;
    Reg *r = n->reg;
    if (!r)
        return MOTE_ESTATE;
    ProcCold *c = proc_cold(p);
    if (!c)
        return MOTE_ENOMEM;
    if (atomic_load(&c->name) != NONE)
        return MOTE_EEXIST;
    int rc = 0;
    pthread_mutex_lock(&r->lock);
    if (lookup(r, name) >= 0)
        rc = MOTE_EEXIST;
    else if ((rc = make_room(r)) == 0) {
        put(r->slots, r->cap, name, p->pid);
        r->used++;
        atomic_store(&c->name, name);
    }
    pthread_mutex_unlock(&r->lock);
    return rc;
}

int reg_unregister(Node *n, Term name)
{
    Reg *r = n->reg;
    Term pid = NONE;
    if (!r)
        return MOTE_EBADARG;
    pthread_mutex_lock(&r->lock);
    long i = is_atom(name) ? lookup(r, name) : -1;
    if (i >= 0) {
        pid = r->slots[i].pid;
        drop(r, i);
    }
    pthread_mutex_unlock(&r->lock);
    if (pid == NONE)
        return MOTE_EBADARG;
    /* Clear the owner's mirror outside the table lock, so the table lock
     * is never held together with a slot lock. The exchange only fires
     * if the process still carries this very name. */
    Proc *p = node_lock_pid(n, pid);
    if (p) {
        if (p->cold) {
            Term expect = name;
            atomic_compare_exchange_strong(&p->cold->name, &expect, NONE);
        }
        node_unlock_pid(n, pid);
    }
    return 0;
}

Term reg_whereis(Node *n, Term name)
{
    Reg *r = n->reg;
    if (!r || !is_atom(name))
        return NONE;
    pthread_mutex_lock(&r->lock);
    long i = lookup(r, name);
    Term pid = i >= 0 ? r->slots[i].pid : NONE;
    pthread_mutex_unlock(&r->lock);
    return pid;
}

void reg_unregister_proc(Node *n, Proc *p)
{
    if (!p->cold || !n->reg)
        return;
    Term name = atomic_exchange(&p->cold->name, NONE);
    if (name == NONE)
        return;
    Reg *r = n->reg;
    pthread_mutex_lock(&r->lock);
    long i = lookup(r, name);
    if (i >= 0 && r->slots[i].pid == p->pid)
        drop(r, i);
    pthread_mutex_unlock(&r->lock);
}

/* ---- public API ---------------------------------------------------------- */

/* The existing atom for a C name, or NONE: lookups never create atoms, so
 * probing for names cannot fill the atom table. */
static Term name_atom(const char *name)
{
    return name ? atom_lookup(name, strlen(name)) : NONE;
}

MOTE_API int mote_register(mote_proc *self, const char *name)
{
    if (!self || !name)
        return api_error(MOTE_EINVAL, "mote_register: self or name is NULL");
    Term a = atom_from_cstr(name);
    if (a == NONE)
        return api_error(MOTE_EINVAL, "mote_register: \"%.64s\" is not a valid atom", name);
    Proc *p = (Proc *)self;
    int rc = reg_register(p->node, p, a);
    if (rc == MOTE_EEXIST)
        return api_error(rc, "mote_register: \"%.64s\" is taken, or the process has a name",
                         name);
    if (rc == MOTE_EBADARG)
        return api_error(rc, "mote_register: \"%.64s\" cannot be registered", name);
    if (rc < 0)
        return api_error(rc, "mote_register: out of memory");
    return 0;
}

MOTE_API int mote_unregister(mote_rt *rt, const char *name)
{
    if (!rt || !name)
        return api_error(MOTE_EINVAL, "mote_unregister: rt or name is NULL");
    Term a = name_atom(name);
    if (a == NONE || reg_unregister(node_of_rt(rt), a) < 0)
        return api_error(MOTE_ENOPROC, "mote_unregister: no process is named \"%.64s\"", name);
    return 0;
}

MOTE_API int mote_whereis(mote_rt *rt, const char *name, mote_pid *out)
{
    if (!rt || !name || !out)
        return api_error(MOTE_EINVAL, "mote_whereis: an argument is NULL");
    Term pid = reg_whereis(node_of_rt(rt), name_atom(name));
    if (pid == NONE)
        return api_error(MOTE_ENOPROC, "mote_whereis: no process is named \"%.64s\"", name);
    *out = (mote_pid)pid;
    return 0;
}

MOTE_API int mote_send_named(mote_env *env, const char *name, mote_term msg)
{
    if (!env || !name)
        return api_error(MOTE_EINVAL, "mote_send_named: env or name is NULL");
    Term pid = reg_whereis(env->node, name_atom(name));
    if (pid == NONE)
        return api_error(MOTE_ENOPROC, "mote_send_named: no process is named \"%.64s\"", name);
    return mote_send(env, (mote_pid)pid, msg);
}
