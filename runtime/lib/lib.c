/* lib.c — the builtin registry, and helpers every lib module shares.
 *
 * Builtins are found by module/name/arity in an open-addressing hash of
 * (module atom, name atom, arity) keys. Readers take no lock: a table is
 * immutable once published through an atomic pointer, and a registration
 * builds a new table and publishes it with release order. Replaced tables
 * are kept (not freed) until lib_fini, so a reader racing a plugin's
 * registration still reads valid memory; registrations are rare.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "atom.h"
#include "bin.h"
#include "big.h"
#include "exc.h"
#include "inspect.h"
#include "lib.h"
#include "mem.h"
#include "strbuf.h"

typedef struct Slot {
    Term module;        /* atom; NONE for an empty slot */
    Term name;          /* atom */
    unsigned arity;
    const BifDef *def;
} Slot;

typedef struct Table {
    struct Table *retired; /* the table this one replaced, kept alive */
    size_t cap;            /* power of two */
    size_t count;
    Slot slots[];
} Table;

static _Atomic(Table *) registry;

static size_t slot_hash(Term module, Term name, unsigned arity)
{
    uint64_t h = atom_index(module) * UINT64_C(0x9E3779B97F4A7C15);
    h ^= atom_index(name) * UINT64_C(0xC2B2AE3D27D4EB4F);
    h ^= (uint64_t)arity * UINT64_C(0x165667B19E3779F9);
    return (size_t)(h ^ (h >> 29));
}

static Table *table_new(size_t cap)
{
    Table *t = mem_calloc(MEM_SYSTEM, 1, sizeof(Table) + cap * sizeof(Slot));
    if (!t)
        return NULL;
    t->cap = cap;
    for (size_t i = 0; i < cap; i++)
        t->slots[i].module = NONE;
    return t;
}

/* Inserts or replaces in a table that is not yet published. */
static void table_put(Table *t, Term module, Term name, unsigned arity, const BifDef *def)
{
    size_t i = slot_hash(module, name, arity) & (t->cap - 1);
    for (;; i = (i + 1) & (t->cap - 1)) {
        Slot *s = &t->slots[i];
        if (s->module == NONE) {
            *s = (Slot){module, name, arity, def};
            t->count++;
            return;
        }
        if (s->module == module && s->name == name && s->arity == arity) {
            s->def = def;
            return;
        }
    }
}

const BifDef *bif_lookup(Term module, Term name, unsigned arity)
{
    const Table *t = atomic_load_explicit(&registry, memory_order_acquire);
    if (!t || !is_atom(module) || !is_atom(name))
        return NULL;
    size_t i = slot_hash(module, name, arity) & (t->cap - 1);
    for (;; i = (i + 1) & (t->cap - 1)) {
        const Slot *s = &t->slots[i];
        if (s->module == NONE)
            return NULL;
        if (s->module == module && s->name == name && s->arity == arity)
            return s->def;
    }
}

/* Registration copies the live table into a new one sized for a load of
 * at most one half, adds the new rows, and publishes it. */
int bif_register(const BifDef *defs, size_t n)
{
    Table *old = atomic_load_explicit(&registry, memory_order_acquire);
    size_t need = (old ? old->count : 0) + n;
    size_t cap = 64;
    while (cap < need * 2)
        cap *= 2;
    Table *t = table_new(cap);
    if (!t)
        return MOTE_ENOMEM;
    for (size_t i = 0; old && i < old->cap; i++)
        if (old->slots[i].module != NONE)
            table_put(t, old->slots[i].module, old->slots[i].name, old->slots[i].arity,
                      old->slots[i].def);
    for (size_t i = 0; i < n; i++) {
        Term m = atom_from_cstr(defs[i].module), f = atom_from_cstr(defs[i].name);
        if (m == NONE || f == NONE) {
            mem_free(MEM_SYSTEM, t, sizeof(Table) + cap * sizeof(Slot));
            return MOTE_ENOMEM;
        }
        table_put(t, m, f, defs[i].arity, &defs[i]);
    }
    t->retired = old;
    atomic_store_explicit(&registry, t, memory_order_release);
    return 0;
}

/* Frees every table, live and retired. Only when no thread can look up
 * (tests, runtime teardown). */
void lib_fini(void)
{
    Table *t = atomic_exchange(&registry, NULL);
    while (t) {
        Table *next = t->retired;
        mem_free(MEM_SYSTEM, t, sizeof(Table) + t->cap * sizeof(Slot));
        t = next;
    }
}

typedef int (*RegisterFn)(void);

/* The modules of the standard library, in no particular order: a later
 * module may replace an earlier one's row on purpose only if listed
 * after it. */
static const RegisterFn lib_modules[] = {
    lib_exc_register,  lib_erlang_register,  lib_lists_register, lib_maps_register,
    lib_math_register, lib_text_register,    lib_integer_register, lib_float_register,
    lib_atom_register, lib_tuple_register,   lib_io_register,    lib_system_register,
    lib_regex_register,
};

int lib_register_all(void)
{
    /* Registering twice replaces each row with itself: idempotent. The
     * flag just saves the work. */
    static _Atomic int done;
    if (atomic_load(&done))
        return 0;
    for (size_t i = 0; i < sizeof lib_modules / sizeof lib_modules[0]; i++) {
        int rc = lib_modules[i]();
        if (rc < 0)
            return rc;
    }
    /* Standard exceptions print their fields in defstruct order; a code
     * server that installs its own hook chains to exc_struct_fields. */
    inspect_set_fields_hook(exc_struct_fields);
    atomic_store(&done, 1);
    return 0;
}

/* ---- helpers -------------------------------------------------------- */

Term lib_oom(Proc *p)
{
    return bif_error(p, A(system_limit));
}

Term lib_tuple(Proc *p, size_t n, const Term *elems)
{
    Term *w = heap_alloc(&p->heap, n + 1);
    if (!w)
        return NONE;
    w[0] = make_header(HDR_TUPLE, n);
    for (size_t i = 0; i < n; i++)
        w[1 + i] = elems ? elems[i] : NIL;
    return make_boxed(w);
}

Term lib_tuple2(Proc *p, Term a, Term b)
{
    Term e[2] = {a, b};
    return lib_tuple(p, 2, e);
}

Term lib_tuple3(Proc *p, Term a, Term b, Term c)
{
    Term e[3] = {a, b, c};
    return lib_tuple(p, 3, e);
}

Term lib_cons(Proc *p, Term head, Term tail)
{
    Term *w = heap_alloc(&p->heap, 2);
    if (!w)
        return NONE;
    w[0] = head;
    w[1] = tail;
    return make_list(w);
}

Term lib_list(Proc *p, const Term *elems, size_t n, Term tail)
{
    if (n == 0)
        return tail;
    Term *w = heap_alloc(&p->heap, 2 * n);
    if (!w)
        return NONE;
    for (size_t i = 0; i < n; i++) {
        w[2 * i] = elems[i];
        w[2 * i + 1] = i + 1 < n ? make_list(w + 2 * i + 2) : tail;
    }
    return make_list(w);
}

long lib_list_len(Term list)
{
    long n = 0;
    while (is_cons(list)) {
        n++;
        list = list_tail(list);
    }
    return list == NIL ? n : -1;
}

Term *lib_list_array(Term list, size_t *n)
{
    long len = lib_list_len(list);
    if (len < 0) {
        *n = (size_t)-1;
        return NULL;
    }
    *n = (size_t)len;
    Term *arr = mem_alloc(MEM_SYSTEM, (len ? (size_t)len : 1) * sizeof(Term));
    if (!arr)
        return NULL;
    for (long i = 0; i < len; i++, list = list_tail(list))
        arr[i] = list_head(list);
    return arr;
}

void lib_array_free(Term *arr, size_t n)
{
    if (arr)
        mem_free(MEM_SYSTEM, arr, (n ? n : 1) * sizeof(Term));
}

Term lib_bin(Proc *p, const void *s, size_t len)
{
    return bin_new(&p->heap, s, len);
}

Term lib_strbuf(Proc *p, Strbuf *sb)
{
    Term t = strbuf_failed(sb) ? NONE : lib_bin(p, strbuf_cstr(sb), sb->len);
    strbuf_fini(sb);
    return t;
}

bool lib_bytes(Term t, const uint8_t **s, size_t *len)
{
    return is_bitstring(t) && bin_bytes(t, s, len);
}

Term lib_float(Proc *p, double d)
{
    return float_new(&p->heap, d);
}

Term lib_int(Proc *p, int64_t v)
{
    return int_from_i64(&p->heap, v);
}

Term lib_alias(const char *name)
{
    char buf[ATOM_MAX_CHARS + 1];
    int n = snprintf(buf, sizeof buf, "Elixir.%s", name);
    if (n < 0 || (size_t)n >= sizeof buf)
        return NONE;
    return atom_intern(buf, (size_t)n);
}
