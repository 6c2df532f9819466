/* reg.h — the registered-name table of a node (atom -> pid).
 *
 * A process has at most one name and a name at most one process. The
 * table is shared by every thread and guarded by one mutex; lookups are
 * short. The name is also mirrored into the process's ProcCold so
 * introspection and exit can find it without a search.
 */
#ifndef MOTE_REG_H
#define MOTE_REG_H

#include "proc.h"
#include "term.h"

struct Node;
typedef struct Reg Reg;

/* A new empty table; NULL when out of memory. */
Reg *reg_new(void);
void reg_free(Reg *r);

/* Registers p under `name` (an atom). MOTE_EEXIST when the name is taken
 * or p already has a name, MOTE_EBADARG when name is not an atom or is
 * :undefined, MOTE_ENOMEM. */
int reg_register(struct Node *n, Proc *p, Term name);
/* Removes a name. MOTE_EBADARG when nobody has it. */
int reg_unregister(struct Node *n, Term name);
/* The pid registered under name, or NONE. */
Term reg_whereis(struct Node *n, Term name);
/* Drops p's name, if any (on exit). */
void reg_unregister_proc(struct Node *n, Proc *p);

#endif
