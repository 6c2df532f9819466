/* term.h — the tagged word every value in mote is made of.
 *
 * A Term is one 64-bit word. The low three bits are its tag. Small
 * integers, atoms, local pids and [] live in the word itself; everything
 * else is a pointer to cells in a process heap (or in a message fragment,
 * or in a module's literal area), and the cells say what they are.
 *
 * Invariant: heap cells are 8-byte aligned, so a pointer's low three bits
 * are free for the tag. Every layout below is shared by the GC, the
 * message copier, the comparator and the printers: change one, change all
 * (docs/terms.md).
 */
#ifndef MOTE_TERM_H
#define MOTE_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t Term;

enum {
    TAG_BOXED = 0,   /* pointer to a header word                         */
    TAG_LIST = 1,    /* pointer to a cons cell [head, tail], plus 1       */
    TAG_SMALL = 2,   /* signed integer in the upper 61 bits               */
    TAG_ATOM = 3,    /* atom index in the upper 61 bits                   */
    TAG_PID = 4,     /* local pid number in the upper 61 bits             */
    TAG_SPECIAL = 5, /* [] and internal markers                           */
    TAG_HEADER = 6,  /* first word of a boxed object; never a value       */
    TAG_CP = 7,      /* VM stack word that is not a term (return address, */
                     /* frame size); the GC skips it                      */
};
#define TAG_BITS 3
#define TAG_MASK UINT64_C(7)

static inline unsigned term_tag(Term t) { return (unsigned)(t & TAG_MASK); }

/* "No value": a null boxed pointer. Never a valid term, so it marks empty
 * slots, failed constructors, and (in a cons head) a GC forward. */
#define NONE ((Term)0)
#define NIL ((Term)((0u << TAG_BITS) | TAG_SPECIAL))

/* ---- small integers: 61-bit signed ---------------------------------- */
#define SMALL_MAX ((int64_t)((UINT64_C(1) << 60) - 1))
#define SMALL_MIN (-SMALL_MAX - 1)

static inline bool small_fits(int64_t v) { return v >= SMALL_MIN && v <= SMALL_MAX; }
static inline Term make_small(int64_t v) { return ((uint64_t)v << TAG_BITS) | TAG_SMALL; }
static inline int64_t small_val(Term t) { return (int64_t)t >> TAG_BITS; }
static inline bool is_small(Term t) { return term_tag(t) == TAG_SMALL; }

/* ---- atoms: index into the global atom table (atom.h) ---------------- */
static inline Term make_atom(uint64_t idx) { return (idx << TAG_BITS) | TAG_ATOM; }
static inline uint64_t atom_index(Term t) { return t >> TAG_BITS; }
static inline bool is_atom(Term t) { return term_tag(t) == TAG_ATOM; }

/* ---- local pids: (serial << PID_INDEX_BITS) | slot index ------------- */
#define PID_INDEX_BITS 28
#define PID_INDEX_MASK ((UINT64_C(1) << PID_INDEX_BITS) - 1)
static inline Term make_pid(uint64_t num) { return (num << TAG_BITS) | TAG_PID; }
static inline uint64_t pid_num(Term t) { return t >> TAG_BITS; }
static inline uint64_t pid_index(Term t) { return pid_num(t) & PID_INDEX_MASK; }
static inline uint64_t pid_serial(Term t) { return pid_num(t) >> PID_INDEX_BITS; }
static inline bool is_local_pid(Term t) { return term_tag(t) == TAG_PID; }

static inline bool is_nil(Term t) { return t == NIL; }

/* ---- pointers -------------------------------------------------------- */
static inline Term *boxed_ptr(Term t) { return (Term *)(uintptr_t)t; }
static inline Term make_boxed(const Term *p) { return (Term)(uintptr_t)p; }
static inline bool is_boxed(Term t) { return term_tag(t) == TAG_BOXED && t != NONE; }

static inline Term *list_ptr(Term t) { return (Term *)(uintptr_t)(t - TAG_LIST); }
static inline Term make_list(const Term *p) { return (Term)(uintptr_t)p + TAG_LIST; }
static inline bool is_cons(Term t) { return term_tag(t) == TAG_LIST; }
static inline bool is_list(Term t) { return is_cons(t) || t == NIL; }
static inline Term list_head(Term t) { return list_ptr(t)[0]; }
static inline Term list_tail(Term t) { return list_ptr(t)[1]; }

/* ---- headers: (arity << 8) | (kind << 3) | TAG_HEADER ----------------
 * arity is the number of payload words after the header, so a boxed
 * object always occupies 1 + arity words. */
typedef enum HdrKind {
    HDR_TUPLE = 0,     /* [e0 .. en-1]                                     */
    HDR_FLOAT = 1,     /* [double bits]                                    */
    HDR_BIGPOS = 2,    /* [limb0 .. limbn-1] little-endian 64-bit limbs,   */
    HDR_BIGNEG = 3,    /*   normalised, never fits a small                 */
    HDR_HEAPBIN = 4,   /* [size_bits][bytes, zero padded to a word]        */
    HDR_REFBIN = 5,    /* [size_bits][Bin *][const uint8_t *data][next]    */
                       /*   next: raw Term* of the next REFBIN on the same */
                       /*   heap (the off-heap list), or NULL              */
    HDR_SUBBIN = 6,    /* [size_bits][bit_offset][orig HEAPBIN/REFBIN]     */
    HDR_MAP = 7,       /* flat map: [keys tuple][v0 .. vn-1], keys sorted  */
                       /*   by term_cmp_exact, n <= MAP_FLAT_MAX           */
    HDR_HAMT_ROOT = 8, /* [size][bitmap][children ..] (map.c)              */
    HDR_HAMT_NODE = 9, /* [bitmap][children ..]; a child is a node or a    */
                       /*   [key | value] cons                             */
    HDR_FUN = 10,      /* [FunDef *][free variables ..]                    */
    HDR_EXPORT = 11,   /* [module atom][function atom][arity small]        */
    HDR_REF = 12,      /* [id word 0][id word 1]: a local reference        */
    HDR_EXTPID = 13,   /* [node atom][id][serial][creation]                */
    HDR_EXTREF = 14,   /* [node atom][creation][nwords][ids, two u32/word] */
    HDR_OPAQUE = 15,   /* [raw words ..]: VM-internal state, never a value */
    HDR_KINDS
} HdrKind;

#define MAP_FLAT_MAX 32

static inline Term make_header(HdrKind kind, uint64_t arity)
{
    return (arity << 8) | ((uint64_t)kind << TAG_BITS) | TAG_HEADER;
}
static inline HdrKind hdr_kind(Term h) { return (HdrKind)((h >> TAG_BITS) & 31); }
static inline uint64_t hdr_arity(Term h) { return h >> 8; }
static inline bool is_header(Term w) { return term_tag(w) == TAG_HEADER; }

/* The payload words of a boxed object that hold terms, as [first,
 * first+count). Everything else in the payload is raw and must be copied
 * bit for bit, never followed. This is the one place the GC, the message
 * copier and the heap verifier learn an object's shape. */
static inline void hdr_terms(Term h, size_t *first, size_t *count)
{
    size_t n = (size_t)hdr_arity(h);
    switch (hdr_kind(h)) {
    case HDR_TUPLE: case HDR_MAP: case HDR_EXPORT:
        *first = 0; *count = n; return;
    case HDR_SUBBIN: *first = 2; *count = 1; return;
    case HDR_HAMT_ROOT: *first = 2; *count = n - 2; return;
    case HDR_HAMT_NODE: case HDR_FUN:
        *first = 1; *count = n - 1; return;
    case HDR_EXTPID: case HDR_EXTREF:
        *first = 0; *count = 1; return;
    default:
        *first = 0; *count = 0; return;
    }
}

static inline Term boxed_header(Term t) { return boxed_ptr(t)[0]; }
static inline bool is_boxed_kind(Term t, HdrKind k)
{
    return is_boxed(t) && hdr_kind(boxed_header(t)) == k;
}

/* ---- tuples ---------------------------------------------------------- */
static inline bool is_tuple(Term t) { return is_boxed_kind(t, HDR_TUPLE); }
static inline size_t tuple_size(Term t) { return (size_t)hdr_arity(boxed_header(t)); }
static inline Term *tuple_elems(Term t) { return boxed_ptr(t) + 1; }
static inline Term tuple_get(Term t, size_t i) { return boxed_ptr(t)[1 + i]; }

/* ---- floats ---------------------------------------------------------- */
static inline bool is_float(Term t) { return is_boxed_kind(t, HDR_FLOAT); }
static inline double float_val(Term t)
{
    double d;
    memcpy(&d, boxed_ptr(t) + 1, sizeof d);
    return d;
}

/* ---- classification -------------------------------------------------- */
static inline bool is_bignum(Term t)
{
    if (!is_boxed(t))
        return false;
    HdrKind k = hdr_kind(boxed_header(t));
    return k == HDR_BIGPOS || k == HDR_BIGNEG;
}
static inline bool is_integer(Term t) { return is_small(t) || is_bignum(t); }
static inline bool is_number(Term t) { return is_integer(t) || is_float(t); }
static inline bool is_bitstring(Term t)
{
    if (!is_boxed(t))
        return false;
    HdrKind k = hdr_kind(boxed_header(t));
    return k == HDR_HEAPBIN || k == HDR_REFBIN || k == HDR_SUBBIN;
}
static inline bool is_map(Term t)
{
    return is_boxed_kind(t, HDR_MAP) || is_boxed_kind(t, HDR_HAMT_ROOT);
}
static inline bool is_fun(Term t)
{
    return is_boxed_kind(t, HDR_FUN) || is_boxed_kind(t, HDR_EXPORT);
}
static inline bool is_ref(Term t)
{
    return is_boxed_kind(t, HDR_REF) || is_boxed_kind(t, HDR_EXTREF);
}
static inline bool is_pid(Term t) { return is_local_pid(t) || is_boxed_kind(t, HDR_EXTPID); }

/* Size of the object a boxed term points at, header included, in words. */
static inline size_t boxed_size_words(Term t) { return 1 + (size_t)hdr_arity(boxed_header(t)); }

/* ---- order, equality, hashing (term.c) -------------------------------
 * term_cmp: Erlang's total order, numbers compared by value (1 == 1.0):
 *   number < atom < reference < fun < port < pid < tuple < map < [] < list
 *   < bitstring. Returns <0, 0, >0. Never allocates; depth is bounded by an
 *   explicit stack, not C recursion, so any term can be compared.
 * term_cmp_exact: the same, but an integer and a float are never equal:
 *   every integer orders before every float (OTP's map key order).
 * term_eq / term_eq_exact: == and ===.
 * term_hash: consistent with term_eq_exact; stable across processes and
 *   runs (map.c depends on it being a pure function of the value). */
int term_cmp(Term a, Term b);
int term_cmp_exact(Term a, Term b);
bool term_eq(Term a, Term b);
bool term_eq_exact(Term a, Term b);
uint64_t term_hash(Term t);
uint64_t term_hash_seeded(Term t, uint64_t seed);

/* Erlang type-order class of a term (number = 0 ... bitstring = 10). */
int term_order_class(Term t);

#endif
