/* atom.h — the atom table, shared by every scheduler and every runtime.
 *
 * Reading an atom's name by index takes no lock: entries live in chunks
 * that are allocated once and never move, and an index is published only
 * after its entry is complete. Interning takes a mutex. The table lives as
 * long as at least one runtime does (atom_init/atom_fini are counted).
 * Predefined atoms (atoms.def) have fixed indices, usable as constants.
 */
#ifndef MOTE_ATOM_H
#define MOTE_ATOM_H

#include "term.h"

#define ATOM_MAX_CHARS 255   /* as Erlang: at most 255 characters */
#define ATOM_MAX_COUNT (1u << 22)

enum {
#define ATOM(id, text) ATOM_IDX_##id,
#include "atoms.def"
#undef ATOM
    ATOM_NPREDEF
};
#define A(id) make_atom(ATOM_IDX_##id)

int atom_init(void);  /* 0 or MOTE_ENOMEM */
void atom_fini(void);
/* hook runs once, inside the last atom_fini, before the atoms are freed
 * (under the atom lock: it must not call atom functions), so that a layer
 * holding atom-keyed data (the language's code server) drops it with the
 * last runtime. Registering again replaces it; it is cleared after use. */
void atom_set_fini_hook(void (*hook)(void));

/* Returns the atom named by `len` bytes of UTF-8 at `name`, creating it if
 * needed. NONE if the name is longer than ATOM_MAX_CHARS characters, not
 * valid UTF-8, or the table is full. Thread-safe. */
Term atom_intern(const char *name, size_t len);
static inline Term atom_from_cstr(const char *name) { return atom_intern(name, strlen(name)); }
/* The atom if it exists already, else NONE. */
Term atom_lookup(const char *name, size_t len);
/* Borrowed: valid for the life of the table. Never NULL for a valid atom. */
const char *atom_text(Term atom, size_t *len);
size_t atom_count(void);
/* A hash of the atom's text: the same in every run and every runtime
 * (term_hash uses it). Lock-free. */
uint64_t atom_hash(Term atom);

#endif
