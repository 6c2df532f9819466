/* proto.c — protocol dispatch: the module that implements a protocol for a
 * value, behind every protocol call and impl_for/1.
 *
 * The answer is the one lib/ex/protocol.ex describes: P.S for a struct S
 * (a module @derive made stands for P.Any), P.Integer, P.List ... for
 * anything else, then P.Any when the protocol falls back to it; a module
 * counts when it exports __impl__/1. For impl_for/1 the standard
 * protocols also answer with the modules Elixir has for the built-in
 * types and structs (Enumerable.Range, Inspect.Integer ...), which mote
 * handles inside the protocol module instead. Building the name "P.T" and
 * finding it costs far more than the call it serves, so answers are
 * cached.
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
    unsigned mode; /* LOOK_* below */
} ProtoEntry;

enum {
    LOOK_FALLBACK = 1, /* then P.Any */
    LOOK_STD = 2,      /* Elixir's own impls of the standard protocols count */
};

/* Elixir 1.14's implementations of its protocols, by type or struct. */
static const struct {
    const char *proto, *types;
} std_impls[] = {
    {"Elixir.Enumerable", " Date.Range File.Stream Function GenEvent.Stream HashDict HashSet IO.Stream"
                          " List Map MapSet Range Stream "},
    {"Elixir.Collectable", " BitString File.Stream HashDict HashSet IO.Stream List Map MapSet "},
    {"Elixir.Inspect", " Any Atom BitString Date.Range Date DateTime Float Function HashDict HashSet"
                       " Inspect.Error Integer List Macro.Env Map MapSet NaiveDateTime PID Port Range"
                       " Reference Regex Stream Time Tuple URI Version.Requirement Version "},
    {"Elixir.String.Chars", " Atom BitString Date DateTime Float Integer List NaiveDateTime Time URI"
                            " Version.Requirement Version "},
    {"Elixir.List.Chars", " Atom BitString Float Integer List "},
};

/* Does Elixir itself implement proto (text) for type (short name)? */
static bool is_std_impl(const char *proto, size_t plen, const char *type, size_t tlen)
{
    for (size_t i = 0; i < sizeof std_impls / sizeof std_impls[0]; i++) {
        if (strlen(std_impls[i].proto) != plen || memcmp(std_impls[i].proto, proto, plen) != 0)
            continue;
        for (const char *t = strstr(std_impls[i].types, " "); t != NULL && t[1] != '\0';
             t = strchr(t + 1, ' ')) {
            if (strncmp(t + 1, type, tlen) == 0 && t[1 + tlen] == ' ')
                return true;
        }
    }
    return false;
}

static _Thread_local ProtoEntry cache[PROTO_SLOTS];

/* The built-in types, tested in the order Elixir dispatches on them. */
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
 * an implementation (or, with LOOK_STD, one of Elixir's own), else nil.
 * A module no atom names is not loaded, so atoms are only looked up. */
static Term impl_named(Term proto, const char *type, size_t tlen, unsigned mode)
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
    if ((mode & LOOK_STD) && is_std_impl(ptext, plen, type, tlen)) {
        Term std = atom_intern(name, plen + 1 + tlen);
        return std == NONE ? A(nil) : std;
    }
    Term mod = atom_lookup(name, plen + 1 + tlen);
    if (mod == NONE || !exports(mod, atom_from_cstr("__impl__"), 1))
        return A(nil);
    return mod;
}

/* A @derive module (comp_proto.c) stands for P.Any: nil when there is
 * none (Elixir refuses such a @derive when compiling). */
static Term underived(Term proto, Term mod, unsigned mode)
{
    if (mod == A(nil) || !exports(mod, atom_from_cstr("__mote_derived__"), 0))
        return mod;
    return impl_named(proto, "Any", 3, mode);
}

/* The uncached answer for the struct s (NONE: not a struct) or builtin t.
 * A user's impl for a struct wins over Elixir's own (Date ...). */
static Term lookup(Term proto, Term s, BuiltinType t, unsigned mode)
{
    Term found = A(nil);
    if (s != NONE) {
        size_t len;
        const char *text = atom_text(s, &len);
        found = underived(proto, impl_named(proto, text, len, mode & ~LOOK_STD), mode);
        if (found == A(nil) && (mode & LOOK_STD))
            found = impl_named(proto, text, len, mode);
    } else if (t != T_NONE) {
        found = impl_named(proto, type_names[t], strlen(type_names[t]), mode);
    }
    if (found == A(nil) && (mode & LOOK_FALLBACK))
        found = impl_named(proto, "Any", 3, mode);
    return found;
}

/* The answer for the struct s (NONE: not a struct) or builtin type t,
 * from this thread's cache when it still holds (see the top). */
static Term cached(Term proto, Term s, BuiltinType t, unsigned mode)
{
    Term type = s != NONE ? s : make_small((int64_t)t);
    uint64_t gen = code_installs();
    uint64_t h = (proto * 0x9E3779B97F4A7C15u) ^ (type * 0xC2B2AE3D27D4EB4Fu) ^ mode;
    ProtoEntry *e = &cache[(h >> 40) & (PROTO_SLOTS - 1)];
    if (e->gen == gen && gen != 0 && e->proto == proto && e->type == type && e->mode == mode)
        return e->result;
    Term r = lookup(proto, s, t, mode);
    *e = (ProtoEntry){.gen = gen, .proto = proto, .type = type, .result = r, .mode = mode};
    return r;
}

/* Protocol.__mote_impl__(proto, value, fallback): the module implementing
 * proto for value, or nil; what impl_for/1 answers, so Elixir's own impls
 * of the standard protocols count (no user protocol has their names). */
static Term bif_impl(Proc *p, const Term *a)
{
    if (!is_atom(a[0]) || (a[2] != A(true) && a[2] != A(false)))
        return bif_error(p, A(badarg));
    Term s = struct_name(a[1]);
    unsigned mode = LOOK_STD | (a[2] == A(true) ? LOOK_FALLBACK : 0);
    return cached(a[0], s, s == NONE ? builtin_type(a[1]) : T_NONE, mode);
}

/* Protocol.__mote_struct_impl__(proto, struct_name): the user module
 * implementing proto for that struct (no fallback), or nil: the standard
 * protocols' own code asks, having handled Elixir's structs itself. */
static Term bif_struct_impl(Proc *p, const Term *a)
{
    if (!is_atom(a[0]) || !is_atom(a[1]))
        return bif_error(p, A(badarg));
    return cached(a[0], a[1], T_NONE, 0);
}

/* Protocol.__mote_struct_fields__(module): the struct's fields in
 * defstruct order, without __struct__ and __exception__; [] when the
 * module defines no struct (an @derive'd Inspect shows them in order). */
static Term bif_struct_fields(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_error(p, A(badarg));
    Module *m = code_find(a[0]);
    if (m == NULL || m->struct_fields == NULL)
        return NIL;
    Term fields[256];
    size_t n = 0;
    for (uint32_t i = 0; i < m->nstruct_fields && n < 256; i++)
        if (m->struct_fields[i] != A(__struct__) && m->struct_fields[i] != A(__exception__))
            fields[n++] = m->struct_fields[i];
    Term r = lib_list(p, fields, n, NIL);
    return r == NONE ? lib_oom(p) : r;
}

static const BifDef proto_bifs[] = {
    {"Elixir.Protocol", "__mote_struct_fields__", 1, 0, bif_struct_fields, NULL},
    {"Elixir.Protocol", "__mote_impl__", 3, 0, bif_impl, NULL},
    {"Elixir.Protocol", "__mote_struct_impl__", 2, 0, bif_struct_impl, NULL},
};

int lib_proto_register(void)
{
    return bif_register(proto_bifs, LIB_NDEFS(proto_bifs));
}
