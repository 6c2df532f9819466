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
#include "utf8.h"

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
static _Atomic int registered_all; /* lib_register_all has run since lib_fini */

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

bool lib_has_module(Term module)
{
    const Table *t = atomic_load_explicit(&registry, memory_order_acquire);
    for (size_t i = 0; t && i < t->cap; i++)
        if (t->slots[i].module == module)
            return true;
    return false;
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
    atomic_store(&registered_all, 0);
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
    lib_regex_register, lib_kernel_register, lib_binary_register, lib_rand_register,
    lib_structs_register, lib_ets_register, lib_mote_sup_register, lib_mote_peek_register,
    lib_mote_otp_register, /* mote_otp.c */
    lib_proto_register,    /* proto.c */
    lib_etf_register,      /* etf_bifs.c */
};

int lib_register_all(void)
{
    /* Registering twice replaces each row with itself: idempotent. The
     * flag just saves the work. */
    if (atomic_load(&registered_all))
        return 0;
    for (size_t i = 0; i < sizeof lib_modules / sizeof lib_modules[0]; i++) {
        int rc = lib_modules[i]();
        if (rc < 0)
            return rc;
    }
    /* Standard exceptions print their fields in defstruct order; a code
     * server that installs its own hook chains to exc_struct_fields. */
    inspect_set_fields_hook(exc_struct_fields);
    atomic_store(&registered_all, 1);
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

/* One element of iodata: a byte/code point or a binary; false for
 * anything else. */
static bool put_iodata_leaf(Term h, bool chardata, Strbuf *sb)
{
    const uint8_t *s;
    size_t len;
    if (is_small(h)) {
        int64_t v = small_val(h);
        if (!chardata) {
            if (v < 0 || v > 255)
                return false;
            strbuf_putc(sb, (char)v);
            return true;
        }
        uint8_t u[4];
        size_t n = v < 0 || v > 0x10FFFF ? 0 : utf8_encode((uint32_t)v, u);
        if (!n)
            return false;
        strbuf_put(sb, u, n);
        return true;
    }
    if (lib_bytes(h, &s, &len)) {
        strbuf_put(sb, s, len);
        return true;
    }
    return false;
}

int lib_iodata(Term t, bool chardata, Strbuf *sb)
{
    /* Tails still to visit, innermost last: a list element that is a list
     * pushes the rest of its parent. */
    Term *stack = NULL;
    size_t depth = 0, cap = 0;
    int rc = 0;
    for (;;) {
        if (is_cons(t)) {
            Term h = list_head(t);
            if (is_list(h)) {
                if (depth == cap) {
                    size_t ncap = cap ? 2 * cap : 16;
                    Term *ns = mem_realloc(MEM_SYSTEM, stack, cap * sizeof(Term),
                                           ncap * sizeof(Term));
                    if (!ns) {
                        rc = MOTE_ENOMEM;
                        break;
                    }
                    stack = ns, cap = ncap;
                }
                stack[depth++] = list_tail(t);
                t = h;
                continue;
            }
            if (!put_iodata_leaf(h, chardata, sb)) {
                rc = -1;
                break;
            }
            t = list_tail(t);
            continue;
        }
        if (t != NIL && !(is_binary(t) && put_iodata_leaf(t, chardata, sb))) {
            rc = -1;
            break;
        }
        if (depth == 0)
            break;
        t = stack[--depth];
    }
    if (stack)
        mem_free(MEM_SYSTEM, stack, cap * sizeof(Term));
    if (rc == 0 && strbuf_failed(sb))
        rc = MOTE_ENOMEM;
    return rc;
}

Term lib_text_to_charlist(Proc *p, Term bin)
{
    const uint8_t *s;
    size_t n;
    if (bin == NONE || !lib_bytes(bin, &s, &n))
        return lib_oom(p);
    size_t count = utf8_count(s, n);
    Term *w = count ? heap_alloc(&p->heap, 2 * count) : NULL;
    if (count && !w)
        return lib_oom(p);
    size_t k = 0;
    for (size_t i = 0; i < n; k++) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (!len)
            cp = s[i], len = 1;
        i += len;
        w[2 * k] = make_small(cp);
        w[2 * k + 1] = k + 1 < count ? make_list(w + 2 * k + 2) : NIL;
    }
    bif_charge(p, (uint32_t)(count / 16));
    return count ? make_list(w) : NIL;
}
