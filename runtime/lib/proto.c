/* proto.c — protocol dispatch: the module that implements a protocol for a
 * value, behind every protocol call and impl_for/1.
 *
 * The answer is the one lib/ex/protocol.ex describes: P.S for a struct S
 * (a module @derive made stands for P.Any), P.Integer, P.List ... for
 * anything else, then P.Any when the protocol falls back to it; a module
 * counts when it exports __impl__/1. Building the name "P.T" and finding
 * it costs far more than the call it serves, so answers are cached.
 *
 * Each scheduler thread keeps its own direct-mapped cache: no locks and
 * nothing shared. An entry holds only while code_installs() is what it was
 * when the entry was filled, so loading or redefining any module empties
 * every cache at once and a later defimpl is seen by the next call.
 */
#include <string.h>

#include "code.h"
#include "lib.h"
#include "map.h"

#define PROTO_SLOTS 128 /* power of two: entries per scheduler thread */
#define PROTO_NAME_MAX 512

typedef struct {
    uint64_t gen; /* code_installs() when filled; 0: empty */
    Term proto;
    Term type;    /* the struct's name, or make_small(BuiltinType) */
    Term result;  /* the implementing module, or nil */
    bool fallback;
} ProtoEntry;

static _Thread_local ProtoEntry cache[PROTO_SLOTS];

/* The built-in types, in the order protocol.ex tries them. */
typedef enum {
    T_TUPLE, T_ATOM, T_LIST, T_MAP, T_BITSTRING, T_INTEGER, T_FLOAT, T_FUNCTION, T_PID,
    T_REFERENCE, T_NONE
} BuiltinType;

static const char *const type_names[] = {
    "Tuple", "Atom", "List", "Map", "BitString", "Integer", "Float", "Function", "PID", "Reference",
};

static BuiltinType builtin_type(Term v)
{
    if (is_tuple(v))
        return T_TUPLE;
    if (is_atom(v))
        return T_ATOM;
    if (is_list(v))
        return T_LIST;
    if (is_map(v))
        return T_MAP;
    if (is_bitstring(v))
        return T_BITSTRING;
    if (is_integer(v))
        return T_INTEGER;
    if (is_float(v))
        return T_FLOAT;
    if (is_fun(v))
        return T_FUNCTION;
    if (is_pid(v))
        return T_PID;
    if (is_ref(v))
        return T_REFERENCE;
    return T_NONE;
}

/* The struct name of v, or NONE when v is not a struct. */
static Term struct_name(Term v)
{
    if (!is_map(v))
        return NONE;
    Term s = map_get(v, A(__struct__));
    return s != NONE && is_atom(s) ? s : NONE;
}

static bool exports(Term mod, Term name, unsigned arity)
{
    Module *m = code_find(mod);
    if (m != NULL && code_fn(m, name, arity, true) != NULL)
        return true;
    return bif_lookup(mod, name, arity) != NULL;
}

/* The atom proto.type (type's text without "Elixir.") when that module is
 * an implementation, else nil. Only looks atoms up: a module no atom names
 * is not loaded. */
static Term impl_named(Term proto, const char *type, size_t tlen)
{
    size_t plen;
    const char *ptext = atom_text(proto, &plen);
    if (tlen > 7 && memcmp(type, "Elixir.", 7) == 0) {
        type += 7;
        tlen -= 7;
    }
    char name[PROTO_NAME_MAX];
    if (ptext == NULL || plen + 1 + tlen > sizeof name)
        return A(nil);
    memcpy(name, ptext, plen);
    name[plen] = '.';
    memcpy(name + plen + 1, type, tlen);
    Term mod = atom_lookup(name, plen + 1 + tlen);
    if (mod == NONE || !exports(mod, atom_from_cstr("__impl__"), 1))
        return A(nil);
    return mod;
}

/* A @derive module (comp_proto.c) stands for P.Any: nil when there is
 * none (Elixir refuses such a @derive when compiling). */
static Term underived(Term proto, Term mod)
{
    if (mod == A(nil) || !exports(mod, atom_from_cstr("__mote_derived__"), 0))
        return mod;
    return impl_named(proto, "Any", 3);
}

/* The uncached answer for the struct s (NONE: not a struct) or builtin t. */
static Term lookup(Term proto, Term s, BuiltinType t, bool fallback)
{
    Term found = A(nil);
    if (s != NONE) {
        size_t len;
        const char *text = atom_text(s, &len);
        found = underived(proto, impl_named(proto, text, len));
    } else if (t != T_NONE) {
        found = impl_named(proto, type_names[t], strlen(type_names[t]));
    }
    if (found == A(nil) && fallback)
        found = impl_named(proto, "Any", 3);
    return found;
}

/* The answer for the struct s (NONE: not a struct) or builtin type t,
 * from this thread's cache when it still holds (see the top). */
static Term cached(Term proto, Term s, BuiltinType t, bool fallback)
{
    Term type = s != NONE ? s : make_small((int64_t)t);
    uint64_t gen = code_installs();
    uint64_t h = (proto * 0x9E3779B97F4A7C15u) ^ (type * 0xC2B2AE3D27D4EB4Fu) ^ fallback;
    ProtoEntry *e = &cache[(h >> 40) & (PROTO_SLOTS - 1)];
    if (e->gen == gen && gen != 0 && e->proto == proto && e->type == type && e->fallback == fallback)
        return e->result;
    Term r = lookup(proto, s, t, fallback);
    *e = (ProtoEntry){.gen = gen, .proto = proto, .type = type, .result = r, .fallback = fallback};
    return r;
}

/* Protocol.__mote_impl__(proto, value, fallback): the module implementing
 * proto for value, or nil. */
static Term bif_impl(Proc *p, const Term *a)
{
    if (!is_atom(a[0]) || (a[2] != A(true) && a[2] != A(false)))
        return bif_error(p, A(badarg));
    Term s = struct_name(a[1]);
    return cached(a[0], s, s == NONE ? builtin_type(a[1]) : T_NONE, a[2] == A(true));
}

/* Protocol.__mote_struct_impl__(proto, struct_name): the module
 * implementing proto for that struct (no fallback), or nil. */
static Term bif_struct_impl(Proc *p, const Term *a)
{
    if (!is_atom(a[0]) || !is_atom(a[1]))
        return bif_error(p, A(badarg));
    return cached(a[0], a[1], T_NONE, false);
}

static const BifDef proto_bifs[] = {
    {"Elixir.Protocol", "__mote_impl__", 3, 0, bif_impl, NULL},
    {"Elixir.Protocol", "__mote_struct_impl__", 2, 0, bif_struct_impl, NULL},
};

int lib_proto_register(void)
{
    return bif_register(proto_bifs, LIB_NDEFS(proto_bifs));
}
