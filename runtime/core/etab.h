/* etab.h — the storage behind :ets: tables of tuples outside every heap.
 *
 * A table owns copies of the objects put in it (one heap fragment per
 * object, so an object's off-heap binaries are released with it) and is
 * owned by a process: when that process exits, proc_exit calls
 * etab_on_exit and its tables go. Tables are found by id (unnamed
 * tables, a reference) or by name (named tables, an atom) through one
 * node-wide directory.
 *
 * Threads: any scheduler may use any table. The directory has a rwlock,
 * each table has its own; lock order is directory -> table, and a table
 * is locked before the directory is let go, so a concurrent delete waits
 * for every operation that found the table (docs/otp.md, ":ets").
 */
#ifndef MOTE_ETAB_H
#define MOTE_ETAB_H

#include <pthread.h>
#include <stdbool.h>

#include "heap.h"
#include "proc.h"

struct Node;

typedef enum EtabType { ETAB_SET, ETAB_ORDERED_SET, ETAB_BAG, ETAB_DUPLICATE_BAG } EtabType;
typedef enum EtabAccess { ETAB_PUBLIC, ETAB_PROTECTED, ETAB_PRIVATE } EtabAccess;

/* One stored object: a tuple copied into its own fragment. */
typedef struct EtabObj {
    Term term;       /* the tuple, inside frag                           */
    HeapFrag *frag;  /* owned                                            */
} EtabObj;

/* All the objects of one key (one for sets, any number for bags), in
 * insertion order. */
typedef struct EtabRow {
    Term key;                 /* inside key_frag, or immediate             */
    HeapFrag *key_frag;       /* owned; NULL for an immediate key          */
    uint64_t hash;            /* term_hash(key); unused by ordered sets    */
    EtabObj *objs;
    uint32_t nobjs, cap_objs;
    struct EtabRow *hnext;    /* hash chain                                */
    struct EtabRow *prev, *next; /* traversal order: newest key first      */
} EtabRow;

typedef struct Etab {
    struct Node *node;
    Term name;                /* atom, also for unnamed tables             */
    uint64_t id[2];           /* the table reference's id words            */
    bool named;
    uint8_t type;             /* EtabType                                  */
    uint8_t access;           /* EtabAccess                                */
    uint32_t keypos;          /* 1-based key position in each tuple        */
    Term owner;               /* owning local pid                          */
    pthread_rwlock_t lock;
    EtabRow **buckets;        /* hash types: chains; nbuckets a power of 2 */
    size_t nbuckets;
    EtabRow *first;           /* hash types: newest key                    */
    EtabRow **sorted;         /* ordered_set: rows by term_cmp of keys     */
    size_t cap_sorted;
    size_t nrows;             /* keys                                      */
    size_t nobjs;             /* objects                                   */
    struct Etab *dir_next;    /* directory chain                           */
} Etab;

/* Creates a table owned by `owner` (a local pid of node n) and lists it.
 * Returns 0, MOTE_ENOMEM, or MOTE_EEXIST when named and a table of that
 * name exists on n. Any thread. */
int etab_new(struct Node *n, Term name, bool named, EtabType type, EtabAccess access,
             uint32_t keypos, Term owner, Etab **out);

/* Finds the table a handle names (a reference or, for named tables, an
 * atom) and returns it locked (write or read), or NULL. Unlock with
 * etab_unlock. Any thread. */
Etab *etab_find(struct Node *n, Term handle, bool write);
void etab_unlock(Etab *t);

/* Unlists and frees a table the caller holds locked for writing (from
 * etab_find); the lock is released. Any thread. */
void etab_delete(Etab *t);

/* Deletes every table owned by p. Called by proc_exit when p's cold part
 * says it owns tables. p's scheduler (or the host during mote_stop). */
void etab_on_exit(Proc *p);

/* A table's identity, as :ets.all/0 lists it. */
typedef struct EtabId {
    uint64_t id[2];
    Term name;
    bool named;
} EtabId;
/* Fills up to cap ids of node n's tables; returns how many there are
 * (call again with more room when that is above cap). Any thread. */
size_t etab_list(struct Node *n, EtabId *out, size_t cap);

/* Deletes every table of node n (mote_stop, tests). */
void etab_drop_node(struct Node *n);

/* ---- rows (table locked) ----------------------------------------------- */

/* The row of a key, or NULL. */
EtabRow *etab_row(Etab *t, Term key);
/* The key of a tuple stored in t (element keypos). */
static inline Term etab_key_of(const Etab *t, Term tuple) { return tuple_get(tuple, t->keypos - 1); }

/* Inserts a copy of tuple (whose size is at least keypos) with the
 * type's rule: sets replace, bags skip an equal object, duplicate bags
 * append. Returns 0 or MOTE_ENOMEM. Table locked for writing. */
int etab_insert(Etab *t, Term tuple);
/* Removes a whole key; true if it was there. */
bool etab_remove_key(Etab *t, Term key);
/* Removes object i of row r (and the row when it was the last). */
void etab_remove_obj(Etab *t, EtabRow *r, uint32_t i);
/* Removes every object. */
void etab_clear(Etab *t);
/* Replaces object i of row r by a copy of tuple (same key). 0 or
 * MOTE_ENOMEM (the old object is then kept). */
int etab_replace_obj(Etab *t, EtabRow *r, uint32_t i, Term tuple);

/* Traversal: the first row and the one after r, in the table's order
 * (ordered sets: ascending keys; hash types: newest key first). */
EtabRow *etab_first(Etab *t);
EtabRow *etab_next(Etab *t, EtabRow *r);
EtabRow *etab_last(Etab *t);
EtabRow *etab_prev(Etab *t, EtabRow *r);
/* Ordered sets: the first row whose key is above `key` (below, for
 * etab_below), whether or not key is in the table. */
EtabRow *etab_above(Etab *t, Term key);
EtabRow *etab_below(Etab *t, Term key);

#endif
