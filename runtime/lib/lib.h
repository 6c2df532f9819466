/* lib.h — shared helpers of the standard library's C builtins (lib/<module>.c).
 *
 * Every lib module exposes one lib_<module>_register() that lib.c calls
 * from lib_register_all(). The helpers below build terms on the calling
 * process's heap (heap_alloc: never moves a term, never collects) and
 * return NONE only when the system is out of memory; a builtin that gets
 * NONE back returns lib_oom(p), which raises :system_limit.
 */
#ifndef MOTE_LIB_H
#define MOTE_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "atom.h"
#include "bif.h"
#include "proc.h"
#include "term.h"

/* Per-module registration, one per lib/<module>.c. Each returns 0 or
 * MOTE_ENOMEM. */
/* Writes all of buf to fd, retrying short writes and EINTR; false on an
 * I/O error (or a write that makes no progress). */
bool lib_write_all(int fd, const char *buf, size_t n);

int lib_erlang_register(void);
int lib_erlang_conv_register(void);
int lib_lists_register(void);
int lib_maps_register(void);
int lib_math_register(void);
int lib_text_register(void);
int lib_integer_register(void);
int lib_float_register(void);
int lib_atom_register(void);
int lib_tuple_register(void);
int lib_io_register(void);
int lib_system_register(void);
int lib_regex_register(void);
int lib_exc_register(void);
int lib_kernel_register(void);
int lib_binary_register(void);
int lib_rand_register(void);
int lib_structs_register(void);
/* String.Chars text of a Date, Time, NaiveDateTime or DateTime (ISO
 * calendar) appended to sb: 0, or -1 for any other term (structs.c). */
struct Strbuf;
int lib_struct_chars(Term s, struct Strbuf *sb);
int lib_ets_register(void); /* ets.c */
int lib_mote_sup_register(void);
int lib_mote_peek_register(void);
int lib_mote_otp_register(void);
int lib_proto_register(void); /* proto.c: protocol dispatch, cached */
int lib_etf_register(void); /* etf_bifs.c: term_to_binary, binary_to_term */

/* Registers n builtins of one module (a static table): a shorthand that
 * fills each def's module from `module` is not possible on const tables,
 * so tables name their module in every row; this only counts. */
#define LIB_NDEFS(defs) (sizeof(defs) / sizeof((defs)[0]))

/* Whether any builtin is registered for module (an atom). Scans the
 * table: for error texts, not hot paths. Lock-free; any thread. */
bool lib_has_module(Term module);

/* Frees the registry (tests, teardown; no lookups may run). */
void lib_fini(void);

/* Raises FunctionClauseError for module.fun/arity (module as an atom's
 * text: "lists", "Elixir.String"), as a clause-failing Erlang function
 * does; returns NONE. */
Term lib_function_clause(Proc *p, const char *module, const char *fun, unsigned arity);

/* Raises :system_limit (heap allocation failed); returns NONE. */
Term lib_oom(Proc *p);

static inline Term lib_bool(bool b) { return b ? A(true) : A(false); }

/* Whether t is the atom whose text is name (false for a non-atom). */
static inline bool lib_atom_is(Term t, const char *name)
{
    if (!is_atom(t))
        return false;
    size_t len;
    const char *s = atom_text(t, &len);
    return len == strlen(name) && memcmp(s, name, len) == 0;
}

/* A tuple of n elements (copied from elems, or left NIL when elems is
 * NULL), or NONE. */
Term lib_tuple(Proc *p, size_t n, const Term *elems);
Term lib_tuple2(Proc *p, Term a, Term b);
Term lib_tuple3(Proc *p, Term a, Term b, Term c);
/* [head | tail], or NONE. */
Term lib_cons(Proc *p, Term head, Term tail);
/* A proper list of n terms ending in tail, or NONE. */
Term lib_list(Proc *p, const Term *elems, size_t n, Term tail);
/* Length of a proper list, or -1 when the term is not one. */
long lib_list_len(Term list);
/* Copies a proper list's elements into a new mem_alloc'd array (free with
 * lib_array_free(arr, n)); NULL when not a proper list or out of memory
 * (*n is then set to (size_t)-1 for "not a list"). An empty list gives a
 * non-NULL dummy array with *n == 0. */
Term *lib_list_array(Term list, size_t *n);
void lib_array_free(Term *arr, size_t n);

/* A binary of len bytes copied from s, or NONE. */
Term lib_bin(Proc *p, const void *s, size_t len);
static inline Term lib_str(Proc *p, const char *s) { return lib_bin(p, s, strlen(s)); }
/* A binary of a Strbuf's text; frees the buffer either way. NONE when
 * the buffer failed or on OOM. */
struct Strbuf;
Term lib_strbuf(Proc *p, struct Strbuf *sb);
/* Appends the bytes of iodata (bytes 0..255, binaries, nested lists, a
 * binary tail) to sb; with `chardata`, integers are Unicode code points
 * written as UTF-8 (IO.chardata / unicode:characters_to_binary). Returns
 * 0, -1 when t is not iodata/chardata, or MOTE_ENOMEM. Iterative: any
 * nesting depth is fine. */
int lib_iodata(Term t, bool chardata, struct Strbuf *sb);
/* The bytes of a whole-byte binary; false for anything else. */
bool lib_bytes(Term t, const uint8_t **s, size_t *len);
/* A float term, or NONE. */
Term lib_float(Proc *p, double d);
/* An integer from an int64, or NONE. */
Term lib_int(Proc *p, int64_t v);

/* A charlist of the code points of UTF-8 text (a binary); invalid bytes
 * become one element each. Raises and returns NONE on OOM. */
Term lib_text_to_charlist(Proc *p, Term bin);
/* Erlang float syntax ([+-]d.d[e[+-]d]) to a double; false when not it. */
bool lib_parse_float(const uint8_t *s, size_t n, double *out);
/* Parts per second of a time unit atom (or positive integer); 0 if bad. */
int64_t lib_time_unit(Term unit);

/* Appends the String.Chars text of t (binaries, atoms, numbers,
 * chardata lists) to sb: 0, -1 when t has no implementation here, or
 * MOTE_ENOMEM (io.c). */
int lib_to_string(Term t, struct Strbuf *sb);

/* The atom for "Elixir.<name>" (name like "ArgumentError"); NONE when the
 * atom table is full. */
Term lib_alias(const char *name);

#endif
