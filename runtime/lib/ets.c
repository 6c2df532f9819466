/* ets.c — the :ets module: creating and deleting tables, inserting,
 * key lookups, traversal and info (queries by pattern: ets_query.c).
 *
 * Every builtin finds its table through etab_find (locked for the
 * length of the call) and copies terms in and out: a table never holds a
 * pointer into a process heap, and a caller never gets one into a table.
 * Errors are Erlang's: ArgumentError with the "errors were found at the
 * given arguments" text naming the argument.
 */
#include "ets_int.h"

#include "mem.h"
#include "msg.h"
#include "node.h"

#define NO_TABLE "the table identifier does not refer to an existing ETS table"
#define NO_ACCESS "the table identifier refers to an ETS table with insufficient access rights"

/* ---- shared helpers ----------------------------------------------------- */

void ets_out_init(EtsOut *o) { memset(o, 0, sizeof *o); }

void ets_out_fini(EtsOut *o)
{
    if (o->v != NULL)
        mem_free(MEM_ETS, o->v, o->cap * sizeof *o->v);
}

void ets_out_push(EtsOut *o, Term t)
{
    if (o->n == o->cap) {
        size_t cap = o->cap == 0 ? 16 : o->cap * 2;
        Term *v = mem_alloc(MEM_ETS, cap * sizeof *v);
        if (v == NULL) {
            o->oom = true;
            return;
        }
        if (o->v != NULL) {
            memcpy(v, o->v, o->n * sizeof *v);
            mem_free(MEM_ETS, o->v, o->cap * sizeof *v);
        }
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n++] = t;
}

/* Word 4 of a REFBIN links it into its area's off-heap list (term.h). */
#define REFBIN_NEXT 4

/* Moves the REFBINs copy_term put on a private list onto the lists of the
 * heap areas holding them (the block or a fragment of p's heap). */
static void link_refbins(Proc *p, Term *list)
{
    while (list != NULL) {
        Term *next = (Term *)(uintptr_t)list[REFBIN_NEXT];
        heap_link_offheap(&p->heap, list);
        list = next;
    }
}

/* Copies go straight onto the caller's heap (heap_alloc: never moves a
 * term, never collects): a fragment per result made every lookup pay for
 * a collection soon after. */
Term ets_out_list(Proc *p, EtsOut *o, bool reversed)
{
    if (o->oom)
        return NONE;
    if (o->n == 0)
        return NIL;
    size_t words = 2 * o->n;
    for (size_t i = 0; i < o->n; i++)
        words += copy_size(o->v[i]);
    Term *cells = heap_alloc(&p->heap, words);
    if (cells == NULL)
        return NONE;
    Term *hp = cells + 2 * o->n, *mso = NULL;
    for (size_t i = 0; i < o->n; i++) {
        size_t k = reversed ? o->n - 1 - i : i;
        cells[2 * i] = copy_term(o->v[k], &hp, &mso);
        cells[2 * i + 1] = i + 1 < o->n ? make_list(cells + 2 * i + 2) : NIL;
    }
    link_refbins(p, mso);
    bif_charge(p, (uint32_t)(o->n < 4000 ? o->n / 4 + 1 : 1000));
    return make_list(cells);
}

Term ets_out_term(Proc *p, Term t)
{
    size_t words = copy_size(t);
    if (words == 0)
        return t;
    Term *hp = heap_alloc(&p->heap, words), *mso = NULL;
    if (hp == NULL)
        return NONE;
    Term r = copy_term(t, &hp, &mso);
    link_refbins(p, mso);
    return r;
}

Term ets_fail(Proc *p, Etab *t, unsigned argno, const char *why)
{
    if (t != NULL)
        etab_unlock(t);
    return bif_badarg(p, argno, why);
}

Etab *ets_open(Proc *p, Term handle, bool write)
{
    Etab *t = etab_find(p->node, handle, write);
    if (t == NULL) {
        bif_badarg(p, 1, NO_TABLE);
        return NULL;
    }
    bool owner = t->owner == p->pid;
    if (!owner && (t->access == ETAB_PRIVATE || (write && t->access == ETAB_PROTECTED))) {
        ets_fail(p, t, 1, NO_ACCESS);
        return NULL;
    }
    return t;
}

/* The table's handle as new/2 returned it: its name or its reference. */
static Term handle_of(Proc *p, const Etab *t)
{
    if (t->named)
        return t->name;
    Term *hp = heap_alloc(&p->heap, 3);
    if (hp == NULL)
        return NONE;
    hp[0] = make_header(HDR_REF, 2);
    hp[1] = t->id[0];
    hp[2] = t->id[1];
    return make_boxed(hp);
}

/* ---- new ----------------------------------------------------------------------- */

typedef struct NewOpts {
    EtabType type;
    EtabAccess access;
    bool named;
    uint32_t keypos;
} NewOpts;

static bool atom_eq(Term t, const char *s) { return is_atom(t) && t == atom_from_cstr(s); }

static bool parse_opt(Term o, NewOpts *n)
{
    static const char *types[] = {"set", "ordered_set", "bag", "duplicate_bag"};
    static const char *access[] = {"public", "protected", "private"};
    for (int i = 0; i < 4; i++)
        if (atom_eq(o, types[i]))
            return n->type = (EtabType)i, true;
    for (int i = 0; i < 3; i++)
        if (atom_eq(o, access[i]))
            return n->access = (EtabAccess)i, true;
    if (atom_eq(o, "named_table"))
        return n->named = true;
    if (atom_eq(o, "compressed"))
        return true;
    /* {:heir, pid, data}: accepted; heirs are not implemented (the table
     * goes with its owner). */
    if (is_tuple(o) && tuple_size(o) == 3 && atom_eq(tuple_get(o, 0), "heir"))
        return is_pid(tuple_get(o, 1));
    if (!is_tuple(o) || tuple_size(o) != 2)
        return false;
    Term k = tuple_get(o, 0), v = tuple_get(o, 1);
    if (atom_eq(k, "keypos")) {
        if (!is_small(v) || small_val(v) < 1 || small_val(v) > 1000000)
            return false;
        n->keypos = (uint32_t)small_val(v);
        return true;
    }
    return atom_eq(k, "read_concurrency") || atom_eq(k, "write_concurrency") ||
           atom_eq(k, "decentralized_counters") || atom_eq(k, "heir");
}

static Term b_new(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_badarg(p, 1, "not an atom");
    NewOpts o = {ETAB_SET, ETAB_PROTECTED, false, 1};
    Term l = a[1];
    for (; is_cons(l); l = list_tail(l))
        if (!parse_opt(list_head(l), &o))
            return bif_badarg(p, 2, "invalid options");
    if (l != NIL)
        return bif_badarg(p, 2, "not a list");
    /* The owner's cold part carries the count proc_exit checks. */
    if (proc_cold(p) == NULL)
        return lib_oom(p);
    Etab *t;
    int rc = etab_new(p->node, a[0], o.named, o.type, o.access, o.keypos, p->pid, &t);
    if (rc == MOTE_EEXIST)
        return bif_badarg(p, 1, "table name already exists");
    if (rc != 0)
        return lib_oom(p);
    Term h = handle_of(p, t);
    return h == NONE ? lib_oom(p) : h;
}

/* ---- delete ---------------------------------------------------------------------- */

static Term b_delete1(Proc *p, const Term *a)
{
    Etab *t = etab_find(p->node, a[0], true);
    if (t == NULL)
        return bif_badarg(p, 1, NO_TABLE);
    if (t->owner != p->pid && t->access != ETAB_PUBLIC)
        return ets_fail(p, t, 1, NO_ACCESS);
    etab_delete(t);
    return A(true);
}

static Term b_delete2(Proc *p, const Term *a)
{
    Etab *t = ets_open(p, a[0], true);
    if (t == NULL)
        return NONE;
    etab_remove_key(t, a[1]);
    etab_unlock(t);
    return A(true);
}

static Term b_delete_all(Proc *p, const Term *a)
{
    Etab *t = ets_open(p, a[0], true);
    if (t == NULL)
        return NONE;
    etab_clear(t);
    etab_unlock(t);
    return A(true);
}

/* ---- insert ------------------------------------------------------------------------ */

static const char *check_one(const Etab *t, Term o)
{
    if (!is_tuple(o))
        return "not a tuple";
    if (tuple_size(o) < t->keypos)
        return tuple_size(o) == 0 ? "is an empty tuple" : "the object has too few elements";
    return NULL;
}

/* Checks an object or a list of objects; the count, or -1 (with *why). */
static long check_objects(const Etab *t, Term objs, const char **why)
{
    if (!is_list(objs)) {
        *why = check_one(t, objs);
        return *why != NULL ? -1 : 1;
    }
    long n = 0;
    Term l = objs;
    for (; is_cons(l); l = list_tail(l), n++)
        if ((*why = check_one(t, list_head(l))) != NULL)
            return -1;
    if (l != NIL) {
        *why = "not a proper list";
        return -1;
    }
    return n;
}

/* A bag takes a list's objects last first: Erlang's bags do, so that
 * insert(t, [{k, 1}, {k, 2}]) then lookup(t, k) gives [{k, 2}, {k, 1}]
 * (separate inserts still append). */
static int insert_reversed(Etab *t, Term objs)
{
    size_t n;
    Term *v = lib_list_array(objs, &n);
    if (v == NULL)
        return MOTE_ENOMEM;
    int rc = 0;
    for (size_t i = n; i-- > 0 && rc == 0;)
        rc = etab_insert(t, v[i]);
    lib_array_free(v, n);
    return rc;
}

static int insert_all(Etab *t, Term objs)
{
    if (!is_list(objs))
        return etab_insert(t, objs);
    if (t->type == ETAB_BAG)
        return insert_reversed(t, objs);
    for (; is_cons(objs); objs = list_tail(objs)) {
        int rc = etab_insert(t, list_head(objs));
        if (rc != 0)
            return rc;
    }
    return 0;
}

static Term b_insert(Proc *p, const Term *a)
{
    Etab *t = ets_open(p, a[0], true);
    if (t == NULL)
        return NONE;
    const char *why;
    long n = check_objects(t, a[1], &why);
    if (n < 0)
        return ets_fail(p, t, 2, why);
    int rc = insert_all(t, a[1]);
    etab_unlock(t);
    bif_charge(p, (uint32_t)(n < 1000 ? n + 1 : 1000));
    return rc == 0 ? A(true) : lib_oom(p);
}

static bool any_key_present(Etab *t, Term objs)
{
    if (!is_list(objs))
        return etab_row(t, etab_key_of(t, objs)) != NULL;
    for (; is_cons(objs); objs = list_tail(objs))
        if (etab_row(t, etab_key_of(t, list_head(objs))) != NULL)
            return true;
    return false;
}

static Term b_insert_new(Proc *p, const Term *a)
{
    Etab *t = ets_open(p, a[0], true);
    if (t == NULL)
        return NONE;
    const char *why;
    if (check_objects(t, a[1], &why) < 0)
        return ets_fail(p, t, 2, why);
    if (any_key_present(t, a[1])) {
        etab_unlock(t);
        return A(false);
    }
    int rc = insert_all(t, a[1]);
    etab_unlock(t);
    return rc == 0 ? A(true) : lib_oom(p);
}

/* ---- key lookups ---------------------------------------------------------------------- */

static void push_row(EtsOut *o, const EtabRow *r)
{
    for (uint32_t i = 0; i < r->nobjs; i++)
        ets_out_push(o, r->objs[i].term);
}

/* Unlocks the table and frees the buffer; res NONE means the heap copy ran out of memory. */
static Term out_done(Proc *p, Etab *t, EtsOut *o, Term res)
{
    etab_unlock(t);
    ets_out_fini(o);
    return res == NONE ? lib_oom(p) : res;
}

/* ets:lookup/2 and ets:take/2: the key's objects as a list; take also removes them. */
static Term key_objects(Proc *p, const Term *a, bool take)
{
    Etab *t = ets_open(p, a[0], take);
    if (t == NULL)
        return NONE;
    EtabRow *r = etab_row(t, a[1]);
    EtsOut o;
    ets_out_init(&o);
    if (r != NULL)
        push_row(&o, r);
    Term res = ets_out_list(p, &o, false);
    if (take && res != NONE && r != NULL)
        etab_remove_key(t, a[1]);
    return out_done(p, t, &o, res);
}

static Term b_lookup(Proc *p, const Term *a) { return key_objects(p, a, false); }

static Term b_member(Proc *p, const Term *a)
{
    Etab *t = ets_open(p, a[0], false);
    if (t == NULL)
        return NONE;
    bool found = etab_row(t, a[1]) != NULL;
    etab_unlock(t);
    return lib_bool(found);
}

static Term b_lookup_element(Proc *p, const Term *a)
{
    if (!is_small(a[2]) || small_val(a[2]) < 1)
        return bif_badarg(p, 3, "not a valid position");
    Etab *t = ets_open(p, a[0], false);
    if (t == NULL)
        return NONE;
    EtabRow *r = etab_row(t, a[1]);
    if (r == NULL)
        return ets_fail(p, t, 2, "not a key that exists in the table");
    size_t pos = (size_t)small_val(a[2]);
    EtsOut o;
    ets_out_init(&o);
    for (uint32_t i = 0; i < r->nobjs; i++) {
        if (tuple_size(r->objs[i].term) < pos) {
            ets_out_fini(&o);
            return ets_fail(p, t, 3, "position is greater than the size of the object");
        }
        ets_out_push(&o, tuple_get(r->objs[i].term, pos - 1));
    }
    Term res = t->type == ETAB_SET || t->type == ETAB_ORDERED_SET
                   ? ets_out_term(p, o.v[0]) : ets_out_list(p, &o, false);
    return out_done(p, t, &o, res);
}

static Term b_take(Proc *p, const Term *a) { return key_objects(p, a, true); }

/* ---- traversal ----------------------------------------------------------------------- */

static Term key_or_end(Proc *p, Etab *t, EtabRow *r)
{
    Term res = r == NULL ? atom_from_cstr("$end_of_table") : ets_out_term(p, r->key);
    etab_unlock(t);
    return res == NONE ? lib_oom(p) : res;
}

static Term b_first(Proc *p, const Term *a)
{
    Etab *t = ets_open(p, a[0], false);
    return t == NULL ? NONE : key_or_end(p, t, etab_first(t));
}

static Term b_last(Proc *p, const Term *a)
{
    Etab *t = ets_open(p, a[0], false);
    return t == NULL ? NONE : key_or_end(p, t, etab_last(t));
}

/* next/prev: ordered sets step from any key; hash tables need a key
 * that is in the table. */
static Term step(Proc *p, const Term *a, bool forward)
{
    Etab *t = ets_open(p, a[0], false);
    if (t == NULL)
        return NONE;
    if (t->type == ETAB_ORDERED_SET)
        return key_or_end(p, t, forward ? etab_above(t, a[1]) : etab_below(t, a[1]));
    EtabRow *r = etab_row(t, a[1]);
    if (r == NULL)
        return ets_fail(p, t, 2, "not a key that exists in the table");
    return key_or_end(p, t, forward ? etab_next(t, r) : etab_prev(t, r));
}

static Term b_next(Proc *p, const Term *a) { return step(p, a, true); }
static Term b_prev(Proc *p, const Term *a) { return step(p, a, false); }

static Term b_tab2list(Proc *p, const Term *a)
{
    Etab *t = ets_open(p, a[0], false);
    if (t == NULL)
        return NONE;
    EtsOut o;
    ets_out_init(&o);
    for (EtabRow *r = etab_first(t); r != NULL; r = etab_next(t, r))
        push_row(&o, r);
    return out_done(p, t, &o, ets_out_list(p, &o, false));
}

/* ---- info ------------------------------------------------------------------------------- */

static const char *const info_keys[] = {
    "id", "decentralized_counters", "read_concurrency", "write_concurrency", "compressed",
    "memory", "owner", "heir", "name", "size", "node", "named_table", "type", "keypos",
    "protection",
};

static Term info_item(Proc *p, const Etab *t, Term item)
{
    static const char *types[] = {"set", "ordered_set", "bag", "duplicate_bag"};
    static const char *access[] = {"public", "protected", "private"};
    if (atom_eq(item, "size")) return make_small((int64_t)t->nobjs);
    if (atom_eq(item, "name")) return t->name;
    if (atom_eq(item, "owner")) return t->owner;
    if (atom_eq(item, "type")) return atom_from_cstr(types[t->type]);
    if (atom_eq(item, "protection")) return atom_from_cstr(access[t->access]);
    if (atom_eq(item, "keypos")) return make_small(t->keypos);
    if (atom_eq(item, "named_table")) return lib_bool(t->named);
    if (atom_eq(item, "heir")) return atom_from_cstr("none");
    if (atom_eq(item, "node"))
        return p->node->name != NONE ? p->node->name : A(nonode_at_nohost);
    if (atom_eq(item, "memory"))
        return make_small((int64_t)(sizeof *t / 8 + t->nrows * 8 + t->nobjs * 4));
    if (atom_eq(item, "id")) {
        Term *hp = heap_alloc(&p->heap, 3);
        if (hp == NULL)
            return NONE;
        hp[0] = make_header(HDR_REF, 2);
        hp[1] = t->id[0];
        hp[2] = t->id[1];
        return make_boxed(hp);
    }
    if (atom_eq(item, "read_concurrency") || atom_eq(item, "write_concurrency") ||
        atom_eq(item, "compressed") || atom_eq(item, "decentralized_counters"))
        return A(false);
    return A(undefined);
}

static Term b_info2(Proc *p, const Term *a)
{
    Etab *t = etab_find(p->node, a[0], false);
    if (t == NULL) {
        if (!is_atom(a[0]) && !is_ref(a[0]))
            return bif_badarg(p, 1, "not a table identifier");
        return A(undefined);
    }
    Term r = info_item(p, t, a[1]);
    etab_unlock(t);
    if (r == A(undefined) && !atom_eq(a[1], "undefined"))
        return bif_badarg(p, 2, "not a valid info item");
    return r == NONE ? lib_oom(p) : r;
}

static Term b_info1(Proc *p, const Term *a)
{
    Etab *t = etab_find(p->node, a[0], false);
    if (t == NULL)
        return A(undefined);
    size_t n = sizeof info_keys / sizeof info_keys[0];
    Term pairs[sizeof info_keys / sizeof info_keys[0]];
    for (size_t i = 0; i < n; i++) {
        Term k = atom_from_cstr(info_keys[i]);
        Term v = info_item(p, t, k);
        pairs[i] = v == NONE ? NONE : lib_tuple2(p, k, v);
        if (pairs[i] == NONE) {
            etab_unlock(t);
            return lib_oom(p);
        }
    }
    etab_unlock(t);
    Term l = lib_list(p, pairs, n, NIL);
    return l == NONE ? lib_oom(p) : l;
}

static Term b_whereis(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_badarg(p, 1, "not an atom");
    Etab *t = etab_find(p->node, a[0], false);
    if (t == NULL)
        return A(undefined);
    Term h = NONE;
    Term *hp = heap_alloc(&p->heap, 3);
    if (hp != NULL) {
        hp[0] = make_header(HDR_REF, 2);
        hp[1] = t->id[0];
        hp[2] = t->id[1];
        h = make_boxed(hp);
    }
    etab_unlock(t);
    return h == NONE ? lib_oom(p) : h;
}

static Term b_rename(Proc *p, const Term *a)
{
    if (!is_atom(a[1]))
        return bif_badarg(p, 2, "not an atom");
    Etab *t = ets_open(p, a[0], true);
    if (t == NULL)
        return NONE;
    if (!t->named) {
        t->name = a[1];
        etab_unlock(t);
        return a[1];
    }
    etab_unlock(t);
    /* Renaming a named table would need the directory lock while the
     * table is held (the wrong order): refused rather than racy. */
    return bif_badarg(p, 1, "renaming a named table is not supported by mote");
}

/* The tables of this node: names for named tables, references for the
 * others (OTP 21+). */
static Term b_all(Proc *p, const Term *a)
{
    (void)a;
    size_t cap = 64, n;
    EtabId *ids = NULL;
    for (;;) {
        ids = mem_alloc(MEM_ETS, cap * sizeof *ids);
        if (ids == NULL)
            return lib_oom(p);
        n = etab_list(p->node, ids, cap);
        if (n <= cap)
            break;
        mem_free(MEM_ETS, ids, cap * sizeof *ids);
        cap = n + 16;
    }
    Term l = NIL;
    for (size_t i = n; i-- > 0 && l != NONE;) {
        Term h = ids[i].name;
        if (!ids[i].named) {
            Term *hp = heap_alloc(&p->heap, 3);
            if (hp == NULL) {
                l = NONE;
                break;
            }
            hp[0] = make_header(HDR_REF, 2);
            hp[1] = ids[i].id[0];
            hp[2] = ids[i].id[1];
            h = make_boxed(hp);
        }
        l = lib_cons(p, h, l);
    }
    mem_free(MEM_ETS, ids, cap * sizeof *ids);
    return l == NONE ? lib_oom(p) : l;
}

static const BifDef ets_bifs[] = {
    {"ets", "all", 0, 0, b_all, "The tables of this node."},
    {"ets", "new", 2, 0, b_new, "Creates a table (set, ordered_set, bag, duplicate_bag)."},
    {"ets", "delete", 1, 0, b_delete1, "Deletes a table."},
    {"ets", "delete", 2, 0, b_delete2, "Deletes every object with the key."},
    {"ets", "delete_all_objects", 1, 0, b_delete_all, NULL},
    {"ets", "insert", 2, 0, b_insert, "Inserts an object or a list of objects."},
    {"ets", "insert_new", 2, 0, b_insert_new, NULL},
    {"ets", "lookup", 2, 0, b_lookup, "The objects with the key, as a list."},
    {"ets", "member", 2, 0, b_member, NULL},
    {"ets", "lookup_element", 3, 0, b_lookup_element, NULL},
    {"ets", "take", 2, 0, b_take, NULL},
    {"ets", "first", 1, 0, b_first, NULL},
    {"ets", "last", 1, 0, b_last, NULL},
    {"ets", "next", 2, 0, b_next, NULL},
    {"ets", "prev", 2, 0, b_prev, NULL},
    {"ets", "tab2list", 1, 0, b_tab2list, NULL},
    {"ets", "info", 1, 0, b_info1, NULL},
    {"ets", "info", 2, 0, b_info2, NULL},
    {"ets", "whereis", 1, 0, b_whereis, NULL},
    {"ets", "rename", 2, 0, b_rename, NULL},
};

int lib_ets_register(void)
{
    int rc = bif_register(ets_bifs, LIB_NDEFS(ets_bifs));
    return rc < 0 ? rc : lib_ets_query_register();
}
