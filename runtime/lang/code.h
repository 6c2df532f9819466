/* code.h — the code server: loaded modules by name.
 *
 * Lookup is lock-free (an open-addressed table of atomic slots, each
 * pointing at the module's current version); installing takes a mutex.
 * Redefining a module replaces it for new calls. Old versions, their
 * code and literals are never freed while the runtime runs: processes may
 * still run them or point at their literals. When the last runtime stops
 * (the last atom_fini), everything compiled is freed and the table and
 * the prelude start empty again (lang_fini_register).
 */
#ifndef MOTE_CODE_H
#define MOTE_CODE_H

#include "vm.h"

/* Makes m the current version of its name. 0 or MOTE_ELIMIT (table full).
 * Any thread. */
int code_install(Module *m);
/* How many installs (new modules and redefinitions) there have been since
 * the process started: caches of what modules exist compare it. Never
 * decreases, not even when a runtime stops. Lock-free; any thread. */
uint64_t code_installs(void);
/* The current version of module `name`, or NULL. Lock-free; any thread. */
Module *code_find(Term name);
/* fn of m by name/arity (exported only, or private too); NULL if none. */
Fn *code_fn(const Module *m, Term name, uint32_t arity, bool exported_only);
/* Number of modules loaded, and the i-th (for introspection). */
size_t code_count(void);
Module *code_at(size_t i);

/* Arranges for the last runtime's stop to empty the code server and free
 * every compiled module, its code and literals (comp_release_all), and to
 * make the next prelude_load compile again. Called by every compile;
 * cheap. Any thread. */
void lang_fini_register(void);

#endif
