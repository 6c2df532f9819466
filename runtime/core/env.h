/* env.h — mote_env: the heap a C caller builds terms in.
 *
 * An env is either detached (a host thread made it with mote_env_new; it
 * owns `own` and heap == &own) or a view of a process heap (mote_env_of:
 * heap points at the process's Heap, and the env owns nothing). Terms
 * built in an env live as long as its heap keeps them: for a detached env
 * until mote_env_clear/mote_env_free, for a process until its callback
 * returns.
 */
#ifndef MOTE_ENV_H
#define MOTE_ENV_H

#include "heap.h"
#include "mote.h"

struct Node;
struct Proc;

struct mote_env {
    struct Node *node;  /* the runtime the terms belong to (refs, pids)   */
    Heap *heap;         /* where constructors allocate: &own or a process */
    struct Proc *proc;  /* the process this env views, or NULL (detached) */
    Heap own;           /* the detached env's heap; unused for a process  */
    bool owns_heap;     /* true when heap == &own and fini is ours to do  */
};

#define ENV_INIT_WORDS 256 /* first block of a detached env's heap */

/* Points env at a process heap, owning nothing. For sched's mote_env_of:
 * the Proc keeps one mote_env (or builds one on its stack) and calls this.
 * Never fails. */
void env_init_proc(mote_env *env, struct Node *node, struct Proc *proc, Heap *heap);

/* Sets up a detached env with its own heap. Returns 0 or MOTE_ENOMEM.
 * Undo with env_fini. Any thread; the env is then used by one thread at a
 * time. */
int env_init_detached(mote_env *env, struct Node *node);
void env_fini(mote_env *env);

#endif
