/* where.h — where a VM process is, for introspection: the module,
 * function and arity of the function it runs, packed into one word its
 * owner can publish with a single store (ProcCold.pub_where) and any
 * thread can print later. Atoms live as long as the runtime, so a packed
 * word never dangles, unlike a pointer to a Fn of a module since
 * replaced. */
#ifndef MOTE_WHERE_H
#define MOTE_WHERE_H

#include <stddef.h>
#include <stdint.h>

#include "term.h"

struct Proc;

/* mod.name/arity as one word (0 = unknown: never a valid packing). */
uint64_t where_pack(Term mod, Term name, uint32_t arity);
/* The function a VM process runs now (as of its last instruction; read
 * by its owner only), packed; 0 when not a VM process or unknown. Weak
 * in proc.h's sense: core calls it only when the language is linked. */
uint64_t where_current(const struct Proc *p);
/* The initial call of a process spawned on fun (a closure or a
 * Mod.fun/arity capture), or on mod.name with nargs arguments when fun
 * is NONE, packed; 0 when it cannot tell. A closure counts as its
 * enclosing function with the closure's arity. Pure: any thread. */
uint64_t where_spawned(Term fun, Term mod, Term name, uint32_t nargs);
/* A VM process's recorded initial call (Vm.initial), packed; 0 when not
 * a VM process or none was recorded. Any thread, with p kept alive (the
 * node's pid lock held). */
uint64_t where_initial(const struct Proc *p);
/* Prints a packing as Elixir does: "Foo.bar/1", ":lists.map/2". */
void where_text(uint64_t w, char *buf, size_t size);

#endif
