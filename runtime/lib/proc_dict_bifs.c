/* proc_dict_bifs.c — the process dictionary builtins: put, get, erase,
 * get_keys and their Process.* forms. The dictionary is a list of
 * {key, value} pairs in the process's cold part. Split from proc_bifs.c
 * to keep that file readable; it shares nothing with it.
 *
 * Builtins follow bif.h: they allocate on the caller's heap without
 * collecting, and raise through the bif_raise family.
 */
#include "atom.h"
#include "lib.h"
#include "proc_bifs_int.h"
#include "vm.h"

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

static const BifDef dict_defs[] = {
    {"erlang", "put", 2, 0, b_put, NULL},
    {"erlang", "get", 1, 0, b_get1, NULL},
    {"erlang", "erase", 1, 0, b_erase, NULL},
    {"Elixir.Process", "get_keys", 0, 0, b_get_keys, NULL},
    {"Elixir.Process", "get_keys", 1, 0, b_get_keys1, NULL},
    {"Elixir.Process", "get", 0, 0, b_get0, NULL},
    {"erlang", "get", 0, 0, b_get0, NULL},
    {"erlang", "get_keys", 1, 0, b_get_keys1, NULL},
    {"Elixir.Process", "get", 1, 0, b_pget1, NULL},
    {"Elixir.Process", "get", 2, 0, b_pget2, NULL},
    {"Elixir.Process", "put", 2, 0, b_pput, NULL},
    {"Elixir.Process", "delete", 1, 0, b_pdelete, NULL},
};

int proc_dict_bifs_register(void)
{
    return bif_register(dict_defs, sizeof dict_defs / sizeof dict_defs[0]);
}
