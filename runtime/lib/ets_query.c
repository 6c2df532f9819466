/* ets_query.c — the :ets builtins that read or change objects by pattern
 * (match, select and their deleting and counting forms, delete_object)
 * or in place (update_counter, update_element).
 *
 * A query whose pattern fixes the key (a ground term at the key
 * position) visits only that key's row; any other visits every object
 * under the table's lock. Results are built in a match-spec arena and
 * copied onto the caller's heap before the lock is let go.
 */
#include "ets_int.h"
#include "mem.h"
#include "mspec.h"

/* What a visit does with one object. */
enum { KEEP = 0, DROP = 1 };
typedef int (*VisitFn)(Term obj, void *cx); /* KEEP, DROP, or <0 to stop */

/* Whether t contains no match-spec variable and no :_ (so it can be
 * looked up as a key). */
static bool ground(Term t)
{
    if (is_atom(t))
        return mspec_var(t) < 0 && t != atom_from_cstr("_") && t != atom_from_cstr("$_") &&
               t != atom_from_cstr("$$");
    if (is_cons(t))
        return ground(list_head(t)) && ground(list_tail(t));
    if (is_tuple(t)) {
        for (size_t i = 0; i < tuple_size(t); i++)
            if (!ground(tuple_get(t, i)))
                return false;
        return true;
    }
    return !is_map(t);
}

/* The key every match of pattern has, or NONE when it may vary. */
static Term fixed_key(const Etab *t, Term pattern)
{
    if (!is_tuple(pattern) || tuple_size(pattern) < t->keypos)
        return NONE;
    Term k = tuple_get(pattern, t->keypos - 1);
    return ground(k) ? k : NONE;
}

/* The key a whole match spec fixes: every clause must fix the same one. */
static Term spec_key(const Etab *t, Term spec)
{
    Term key = NONE;
    for (; is_cons(spec); spec = list_tail(spec)) {
        Term k = fixed_key(t, tuple_get(list_head(spec), 0));
        if (k == NONE || (key != NONE && !term_eq_exact(k, key)))
            return NONE;
        key = k;
    }
    return key;
}

/* Visits the objects of one row in order; fn may drop them. */
static int visit_row(Etab *t, EtabRow *r, VisitFn fn, void *cx)
{
    for (uint32_t i = 0; i < r->nobjs;) {
        int rc = fn(r->objs[i].term, cx);
        if (rc < 0)
            return rc;
        if (rc == DROP) {
            bool last = r->nobjs == 1;
            etab_remove_obj(t, r, i);
            if (last)
                return 0;
        } else {
            i++;
        }
    }
    return 0;
}

static int visit(Etab *t, Term key, VisitFn fn, void *cx)
{
    if (key != NONE) {
        EtabRow *r = etab_row(t, key);
        return r == NULL ? 0 : visit_row(t, r, fn, cx);
    }
    for (EtabRow *r = etab_first(t), *next; r != NULL; r = next) {
        next = etab_next(t, r); /* taken first: r may go */
        int rc = visit_row(t, r, fn, cx);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* ---- select family ------------------------------------------------------------- */

typedef enum QueryKind { Q_SELECT, Q_COUNT, Q_DELETE, Q_MATCH, Q_MATCH_OBJECT, Q_MATCH_DELETE } QueryKind;

typedef struct Query {
    QueryKind kind;
    Term spec;       /* match spec, or pattern for the match forms */
    Term self;
    MsArena arena;
    EtsOut out;
    int64_t count;
} Query;

static int query_one(Term obj, void *cx)
{
    Query *q = cx;
    Term res = NONE;
    int rc;
    if (q->kind >= Q_MATCH)
        rc = mspec_match_pattern(q->spec, obj, &q->arena, q->kind == Q_MATCH ? &res : NULL);
    else
        rc = mspec_run(q->spec, obj, q->self, &q->arena, &res);
    if (rc < 0)
        return rc;
    if (rc == MSPEC_NOMATCH)
        return KEEP;
    switch (q->kind) {
    case Q_SELECT: ets_out_push(&q->out, res); return KEEP;
    case Q_MATCH: ets_out_push(&q->out, res); return KEEP;
    case Q_MATCH_OBJECT: ets_out_push(&q->out, obj); return KEEP;
    case Q_COUNT: q->count += res == A(true); return KEEP;
    case Q_DELETE:
        if (res != A(true))
            return KEEP;
        q->count++;
        return DROP;
    case Q_MATCH_DELETE: return DROP;
    }
    return KEEP;
}

static Term run_query(Proc *p, const Term *a, QueryKind kind, bool reversed)
{
    bool pattern = kind >= Q_MATCH;
    if (!pattern && !mspec_valid(a[1]))
        return bif_badarg(p, 2, "not a valid match specification");
    bool write = kind == Q_DELETE || kind == Q_MATCH_DELETE;
    Etab *t = ets_open(p, a[0], write);
    if (t == NULL)
        return NONE;
    Query q = {.kind = kind, .spec = a[1], .self = p->pid, .count = 0};
    mspec_arena_init(&q.arena);
    ets_out_init(&q.out);
    Term key = pattern ? fixed_key(t, a[1]) : spec_key(t, a[1]);
    size_t before = t->nobjs;
    int rc = visit(t, key, query_one, &q);
    Term res;
    if (rc < 0)
        res = NONE;
    else if (kind == Q_COUNT || kind == Q_DELETE)
        res = make_small(q.count);
    else if (kind == Q_MATCH_DELETE)
        res = A(true);
    else
        res = ets_out_list(p, &q.out, reversed);
    bif_charge(p, (uint32_t)(before / 8 < 2000 ? before / 8 + 1 : 2000));
    etab_unlock(t);
    ets_out_fini(&q.out);
    mspec_arena_fini(&q.arena);
    return res == NONE ? lib_oom(p) : res;
}

static Term b_select(Proc *p, const Term *a) { return run_query(p, a, Q_SELECT, false); }
static Term b_select_reverse(Proc *p, const Term *a) { return run_query(p, a, Q_SELECT, true); }
static Term b_select_count(Proc *p, const Term *a) { return run_query(p, a, Q_COUNT, false); }
static Term b_select_delete(Proc *p, const Term *a) { return run_query(p, a, Q_DELETE, false); }
static Term b_match(Proc *p, const Term *a) { return run_query(p, a, Q_MATCH, false); }
static Term b_match_object(Proc *p, const Term *a) { return run_query(p, a, Q_MATCH_OBJECT, false); }
static Term b_match_delete(Proc *p, const Term *a) { return run_query(p, a, Q_MATCH_DELETE, false); }

static Term b_delete_object(Proc *p, const Term *a)
{
    Etab *t = ets_open(p, a[0], true);
    if (t == NULL)
        return NONE;
    if (!is_tuple(a[1]) || tuple_size(a[1]) < t->keypos)
        return ets_fail(p, t, 2, "not a tuple");
    EtabRow *r = etab_row(t, etab_key_of(t, a[1]));
    for (uint32_t i = 0; r != NULL && i < r->nobjs;) {
        if (!term_eq_exact(r->objs[i].term, a[1])) {
            i++;
            continue;
        }
        bool last = r->nobjs == 1;
        etab_remove_obj(t, r, i);
        if (last)
            break;
    }
    etab_unlock(t);
    return A(true);
}

/* ---- in-place updates ------------------------------------------------------------- */

/* A shallow copy of tuple in the arena (its elements still point where
 * the original's do), to be changed and stored again. */
static Term arena_tuple(MsArena *ar, Term tuple)
{
    size_t n = tuple_size(tuple);
    MsChunk *c = mem_alloc(MEM_ETS, sizeof *c + (n + 1) * sizeof(Term));
    if (c == NULL)
        return NONE;
    c->used = c->cap = n + 1;
    c->next = ar->chunks;
    ar->chunks = c;
    memcpy(c->mem, boxed_ptr(tuple), (n + 1) * sizeof(Term));
    return make_boxed(c->mem);
}

/* One {pos, incr[, threshold, setvalue]} operation (or a bare incr) on
 * the tuple w, in place. The new value, or NONE with *why. */
static Term counter_op(const Etab *t, Term w, Term op, const char **why)
{
    int64_t pos = t->keypos + 1, incr, thr = 0, setv = 0;
    bool has_thr = false;
    if (is_small(op)) {
        incr = small_val(op);
    } else if (is_tuple(op) && (tuple_size(op) == 2 || tuple_size(op) == 4)) {
        Term *e = tuple_elems(op);
        for (size_t i = 0; i < tuple_size(op); i++)
            if (!is_small(e[i]))
                return *why = "not a valid update operation", NONE;
        pos = small_val(e[0]);
        incr = small_val(e[1]);
        if (tuple_size(op) == 4) {
            has_thr = true;
            thr = small_val(e[2]);
            setv = small_val(e[3]);
        }
    } else {
        return *why = "not a valid update operation", NONE;
    }
    if (pos < 1 || (size_t)pos > tuple_size(w))
        return *why = "the position is greater than the size of the object", NONE;
    if (pos == t->keypos)
        return *why = "the position is the key position", NONE;
    Term cur = tuple_get(w, (size_t)pos - 1);
    if (!is_small(cur))
        return *why = "the value in the given position, in the object, is not an integer", NONE;
    int64_t v = small_val(cur) + incr;
    if (has_thr && ((incr >= 0 && v > thr) || (incr < 0 && v < thr)))
        v = setv;
    if (!small_fits(v))
        return *why = "the counter overflowed", NONE;
    tuple_elems(w)[pos - 1] = make_small(v);
    return make_small(v);
}

/* Inserts the default object (its key replaced by key) for a missing
 * row. 0, or a why text. */
static const char *insert_default(Etab *t, MsArena *ar, Term key, Term dflt)
{
    if (!is_tuple(dflt) || tuple_size(dflt) < t->keypos)
        return "not a valid default object";
    Term d = arena_tuple(ar, dflt);
    if (d == NONE)
        return "out of memory";
    tuple_elems(d)[t->keypos - 1] = key;
    return etab_insert(t, d) == 0 ? NULL : "out of memory";
}

static Term update_counter(Proc *p, const Term *a, Term dflt)
{
    Etab *t = ets_open(p, a[0], true);
    if (t == NULL)
        return NONE;
    if (t->type != ETAB_SET && t->type != ETAB_ORDERED_SET)
        return ets_fail(p, t, 1, "the table type is not a set or an ordered set");
    MsArena ar;
    mspec_arena_init(&ar);
    const char *why = NULL;
    EtabRow *r = etab_row(t, a[1]);
    if (r == NULL && dflt != NONE && (why = insert_default(t, &ar, a[1], dflt)) == NULL)
        r = etab_row(t, a[1]);
    if (r == NULL) {
        mspec_arena_fini(&ar);
        return ets_fail(p, t, dflt != NONE && why != NULL ? 4 : 2,
                        why != NULL ? why : "not a key that exists in the table");
    }
    /* Counters are small integers, immediates: the stored tuple changes in
     * place (the table is locked for writing), and a failing operation
     * puts back what the earlier ones changed, so the update is all or
     * nothing. */
    Term w = r->objs[0].term, res = NONE, saved[64];
    size_t arity = tuple_size(w);
    if (arity > 64) {
        w = arena_tuple(&ar, w);
        if (w == NONE)
            why = "out of memory";
    } else {
        memcpy(saved, tuple_elems(w), arity * sizeof(Term));
    }
    Term vals[64];
    size_t n = 0;
    if (is_list(a[2])) {
        for (Term l = a[2]; is_cons(l) && w != NONE && n < 64; l = list_tail(l))
            if ((vals[n++] = counter_op(t, w, list_head(l), &why)) == NONE)
                break;
    } else if (w != NONE) {
        res = counter_op(t, w, a[2], &why);
    }
    if (arity <= 64 && why != NULL)
        memcpy(tuple_elems(w), saved, arity * sizeof(Term));
    else if (arity > 64 && why == NULL && etab_replace_obj(t, r, 0, w) != 0)
        why = "out of memory";
    mspec_arena_fini(&ar);
    if (why != NULL)
        return ets_fail(p, t, 3, why);
    etab_unlock(t);
    if (is_list(a[2]))
        res = lib_list(p, vals, n, NIL);
    return res == NONE ? lib_oom(p) : res;
}

static Term b_update_counter3(Proc *p, const Term *a) { return update_counter(p, a, NONE); }
static Term b_update_counter4(Proc *p, const Term *a) { return update_counter(p, a, a[3]); }

static const char *element_op(const Etab *t, Term w, Term op)
{
    if (!is_tuple(op) || tuple_size(op) != 2 || !is_small(tuple_get(op, 0)))
        return "not a valid update operation";
    int64_t pos = small_val(tuple_get(op, 0));
    if (pos < 1 || (size_t)pos > tuple_size(w))
        return "the position is greater than the size of the object";
    if (pos == t->keypos)
        return "the position is the key position";
    tuple_elems(w)[pos - 1] = tuple_get(op, 1);
    return NULL;
}

static Term b_update_element(Proc *p, const Term *a)
{
    Etab *t = ets_open(p, a[0], true);
    if (t == NULL)
        return NONE;
    if (t->type != ETAB_SET && t->type != ETAB_ORDERED_SET)
        return ets_fail(p, t, 1, "the table type is not a set or an ordered set");
    EtabRow *r = etab_row(t, a[1]);
    if (r == NULL) {
        etab_unlock(t);
        return A(false);
    }
    MsArena ar;
    mspec_arena_init(&ar);
    Term w = arena_tuple(&ar, r->objs[0].term);
    const char *why = w == NONE ? "out of memory" : NULL;
    if (why == NULL && is_list(a[2])) {
        for (Term l = a[2]; is_cons(l) && why == NULL; l = list_tail(l))
            why = element_op(t, w, list_head(l));
    } else if (why == NULL) {
        why = element_op(t, w, a[2]);
    }
    if (why == NULL && etab_replace_obj(t, r, 0, w) != 0)
        why = "out of memory";
    mspec_arena_fini(&ar);
    if (why != NULL)
        return ets_fail(p, t, 3, why);
    etab_unlock(t);
    return A(true);
}

static const BifDef query_bifs[] = {
    {"ets", "select", 2, 0, b_select, "The results of a match spec over the table."},
    {"ets", "select_reverse", 2, 0, b_select_reverse, NULL},
    {"ets", "select_count", 2, 0, b_select_count, NULL},
    {"ets", "select_delete", 2, 0, b_select_delete, NULL},
    {"ets", "match", 2, 0, b_match, NULL},
    {"ets", "match_object", 2, 0, b_match_object, NULL},
    {"ets", "match_delete", 2, 0, b_match_delete, NULL},
    {"ets", "delete_object", 2, 0, b_delete_object, NULL},
    {"ets", "update_counter", 3, 0, b_update_counter3, NULL},
    {"ets", "update_counter", 4, 0, b_update_counter4, NULL},
    {"ets", "update_element", 3, 0, b_update_element, NULL},
};

int lib_ets_query_register(void)
{
    return bif_register(query_bifs, LIB_NDEFS(query_bifs));
}
