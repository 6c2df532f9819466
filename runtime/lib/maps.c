/* maps.c — :maps builtins over map.h's immutable maps.
 *
 * Errors are Erlang's: a non-map argument raises {:badmap, term}
 * (BadMapError), a missing key in get/2 or update/3 raises {:badkey, key}
 * (KeyError). Lists of keys and pairs come out in the map's iteration
 * order (key order for maps of up to 32 keys, as in Erlang).
 */
#include "lib.h"
#include "map.h"
#include "mem.h"

static Term done(Proc *p, Term r) { return r == NONE ? lib_oom(p) : r; }

static Term badmap(Proc *p, Term t)
{
    Term r = lib_tuple2(p, A(badmap), t);
    return r == NONE ? lib_oom(p) : bif_error(p, r);
}

static Term badkey(Proc *p, Term k, Term m)
{
    Term r = lib_tuple3(p, A(badkey), k, m);
    return r == NONE ? lib_oom(p) : bif_error(p, r);
}

static Term bif_get(Proc *p, const Term *a)
{
    if (!is_map(a[1]))
        return badmap(p, a[1]);
    Term v = map_get(a[1], a[0]);
    return v == NONE ? badkey(p, a[0], a[1]) : v;
}

static Term bif_get3(Proc *p, const Term *a)
{
    if (!is_map(a[1]))
        return badmap(p, a[1]);
    Term v = map_get(a[1], a[0]);
    return v == NONE ? a[2] : v;
}

static Term bif_find(Proc *p, const Term *a)
{
    if (!is_map(a[1]))
        return badmap(p, a[1]);
    Term v = map_get(a[1], a[0]);
    return v == NONE ? A(error) : done(p, lib_tuple2(p, A(ok), v));
}

static Term bif_is_key(Proc *p, const Term *a)
{
    if (!is_map(a[1]))
        return badmap(p, a[1]);
    return lib_bool(map_get(a[1], a[0]) != NONE);
}

static Term bif_put(Proc *p, const Term *a)
{
    if (!is_map(a[2]))
        return badmap(p, a[2]);
    return done(p, map_put(&p->heap, a[2], a[0], a[1]));
}

static Term bif_update(Proc *p, const Term *a)
{
    if (!is_map(a[2]))
        return badmap(p, a[2]);
    if (map_get(a[2], a[0]) == NONE)
        return badkey(p, a[0], a[2]);
    return done(p, map_put(&p->heap, a[2], a[0], a[1]));
}

static Term bif_remove(Proc *p, const Term *a)
{
    if (!is_map(a[1]))
        return badmap(p, a[1]);
    if (map_get(a[1], a[0]) == NONE)
        return a[1];
    return done(p, map_remove(&p->heap, a[1], a[0]));
}

static Term bif_take(Proc *p, const Term *a)
{
    if (!is_map(a[1]))
        return badmap(p, a[1]);
    Term v = map_get(a[1], a[0]);
    if (v == NONE)
        return A(error);
    Term rest = map_remove(&p->heap, a[1], a[0]);
    return rest == NONE ? lib_oom(p) : done(p, lib_tuple2(p, v, rest));
}

static Term bif_size(Proc *p, const Term *a)
{
    return is_map(a[0]) ? make_small((int64_t)map_size(a[0])) : badmap(p, a[0]);
}

static Term bif_new(Proc *p, const Term *a)
{
    (void)a;
    return done(p, map_new(&p->heap));
}

/* The map's keys and values in iteration order, as two arrays. */
typedef struct Pairs {
    Term *keys, *values;
    size_t n, cap;
} Pairs;

static bool collect(Term k, Term v, void *ctx)
{
    Pairs *ps = ctx;
    ps->keys[ps->n] = k;
    ps->values[ps->n++] = v;
    return true;
}

static bool pairs_of(Term m, Pairs *ps)
{
    ps->cap = map_size(m) ? map_size(m) : 1;
    ps->n = 0;
    ps->keys = mem_alloc(MEM_SYSTEM, ps->cap * sizeof(Term));
    ps->values = mem_alloc(MEM_SYSTEM, ps->cap * sizeof(Term));
    if (!ps->keys || !ps->values) {
        if (ps->keys)
            mem_free(MEM_SYSTEM, ps->keys, ps->cap * sizeof(Term));
        if (ps->values)
            mem_free(MEM_SYSTEM, ps->values, ps->cap * sizeof(Term));
        return false;
    }
    map_each(m, collect, ps);
    return true;
}

static void pairs_free(Pairs *ps)
{
    mem_free(MEM_SYSTEM, ps->keys, ps->cap * sizeof(Term));
    mem_free(MEM_SYSTEM, ps->values, ps->cap * sizeof(Term));
}

enum { KEYS, VALUES, TO_LIST };

static Term listing(Proc *p, Term m, int what)
{
    if (!is_map(m))
        return badmap(p, m);
    Pairs ps;
    if (!pairs_of(m, &ps))
        return lib_oom(p);
    Term r = NONE;
    if (what == TO_LIST) {
        for (size_t i = 0; i < ps.n; i++)
            if ((ps.keys[i] = lib_tuple2(p, ps.keys[i], ps.values[i])) == NONE)
                goto out;
    }
    r = lib_list(p, what == VALUES ? ps.values : ps.keys, ps.n, NIL);
    bif_charge(p, (uint32_t)(ps.n / 8 + 1));
out:
    pairs_free(&ps);
    return done(p, r);
}

static Term bif_keys(Proc *p, const Term *a) { return listing(p, a[0], KEYS); }
static Term bif_values(Proc *p, const Term *a) { return listing(p, a[0], VALUES); }
static Term bif_to_list(Proc *p, const Term *a) { return listing(p, a[0], TO_LIST); }

static Term bif_from_list(Proc *p, const Term *a)
{
    size_t n;
    Term *arr = lib_list_array(a[0], &n);
    if (!arr)
        return n == (size_t)-1 ? bif_badarg(p, 1, "not a list") : lib_oom(p);
    Term *ks = mem_alloc(MEM_SYSTEM, (n ? n : 1) * sizeof(Term));
    Term r = NONE;
    bool bad = false;
    if (!ks)
        goto out;
    for (size_t i = 0; i < n; i++) {
        if (!is_tuple(arr[i]) || tuple_size(arr[i]) != 2) {
            bad = true;
            goto out;
        }
        ks[i] = tuple_get(arr[i], 0);
        arr[i] = tuple_get(arr[i], 1);
    }
    r = map_from_pairs(&p->heap, n, ks, arr);
    bif_charge(p, (uint32_t)(n / 4 + 1));
out:
    if (ks)
        mem_free(MEM_SYSTEM, ks, (n ? n : 1) * sizeof(Term));
    lib_array_free(arr, n);
    return bad ? bif_badarg(p, 1, "not a list of pairs") : done(p, r);
}

static Term bif_from_keys(Proc *p, const Term *a)
{
    size_t n;
    Term *ks = lib_list_array(a[0], &n);
    if (!ks)
        return n == (size_t)-1 ? bif_badarg(p, 1, "not a list") : lib_oom(p);
    Term *vs = mem_alloc(MEM_SYSTEM, (n ? n : 1) * sizeof(Term));
    Term r = NONE;
    if (vs) {
        for (size_t i = 0; i < n; i++)
            vs[i] = a[1];
        r = map_from_pairs(&p->heap, n, ks, vs);
        mem_free(MEM_SYSTEM, vs, (n ? n : 1) * sizeof(Term));
    }
    lib_array_free(ks, n);
    bif_charge(p, (uint32_t)(n / 4 + 1));
    return done(p, r);
}

/* merge(a, b): b's pairs put into a (b wins). */
static Term bif_merge(Proc *p, const Term *a)
{
    if (!is_map(a[0]))
        return badmap(p, a[0]);
    if (!is_map(a[1]))
        return badmap(p, a[1]);
    Term small = map_size(a[0]) < map_size(a[1]) ? a[0] : a[1];
    Term big = small == a[0] ? a[1] : a[0];
    Pairs ps;
    if (!pairs_of(small, &ps))
        return lib_oom(p);
    Term r = big;
    for (size_t i = 0; i < ps.n && r != NONE; i++) {
        /* Putting a's pairs into b must not overwrite b's values. */
        if (small == a[0] && map_get(big, ps.keys[i]) != NONE)
            continue;
        r = map_put(&p->heap, r, ps.keys[i], ps.values[i]);
    }
    bif_charge(p, (uint32_t)(ps.n / 4 + 1));
    pairs_free(&ps);
    return done(p, r);
}

static Term bif_with(Proc *p, const Term *a)
{
    if (!is_map(a[1]))
        return badmap(p, a[1]);
    size_t n;
    Term *ks = lib_list_array(a[0], &n);
    if (!ks)
        return n == (size_t)-1 ? bif_badarg(p, 1, "not a list") : lib_oom(p);
    Term r = map_new(&p->heap);
    for (size_t i = 0; i < n && r != NONE; i++) {
        Term v = map_get(a[1], ks[i]);
        if (v != NONE)
            r = map_put(&p->heap, r, ks[i], v);
    }
    lib_array_free(ks, n);
    return done(p, r);
}

static Term bif_without(Proc *p, const Term *a)
{
    if (!is_map(a[1]))
        return badmap(p, a[1]);
    size_t n;
    Term *ks = lib_list_array(a[0], &n);
    if (!ks)
        return n == (size_t)-1 ? bif_badarg(p, 1, "not a list") : lib_oom(p);
    Term r = a[1];
    for (size_t i = 0; i < n && r != NONE; i++)
        if (map_get(r, ks[i]) != NONE)
            r = map_remove(&p->heap, r, ks[i]);
    lib_array_free(ks, n);
    return done(p, r);
}

static const BifDef maps_bifs[] = {
    {"maps", "get", 2, BIF_PURE, bif_get, NULL},
    {"maps", "get", 3, BIF_PURE, bif_get3, NULL},
    {"maps", "find", 2, BIF_PURE, bif_find, NULL},
    {"maps", "is_key", 2, BIF_PURE, bif_is_key, NULL},
    {"maps", "put", 3, BIF_PURE, bif_put, NULL},
    {"maps", "update", 3, BIF_PURE, bif_update, NULL},
    {"maps", "remove", 2, BIF_PURE, bif_remove, NULL},
    {"maps", "take", 2, BIF_PURE, bif_take, NULL},
    {"maps", "size", 1, BIF_PURE, bif_size, NULL},
    {"maps", "new", 0, BIF_PURE, bif_new, NULL},
    {"maps", "keys", 1, BIF_PURE, bif_keys, NULL},
    {"maps", "values", 1, BIF_PURE, bif_values, NULL},
    {"maps", "to_list", 1, BIF_PURE, bif_to_list, NULL},
    {"maps", "from_list", 1, BIF_PURE, bif_from_list, NULL},
    {"maps", "from_keys", 2, BIF_PURE, bif_from_keys, NULL},
    {"maps", "merge", 2, BIF_PURE, bif_merge, NULL},
    {"maps", "with", 2, BIF_PURE, bif_with, NULL},
    {"maps", "without", 2, BIF_PURE, bif_without, NULL},
    {"erlang", "map_size", 1, BIF_GUARD | BIF_PURE, bif_size, NULL},
    {"erlang", "is_map_key", 2, BIF_GUARD | BIF_PURE, bif_is_key, NULL},
    {"erlang", "map_get", 2, BIF_GUARD | BIF_PURE, bif_get, NULL},
};

int lib_maps_register(void)
{
    return bif_register(maps_bifs, LIB_NDEFS(maps_bifs));
}
