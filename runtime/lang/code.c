/* code.c — the code server (code.h).
 *
 * A fixed open-addressed table of CODE_SLOTS atomic (name, module)
 * entries. A slot's name is written once, before its module pointer is
 * published; a replacement only swaps the pointer. Readers therefore
 * never lock, and never see a half-installed module.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "atom.h"
#include "code.h"
#include "jit.h"
#include "comp_int.h"
#include "err.h"

#define CODE_SLOTS 8192 /* power of two; modules a runtime may hold */

typedef struct CodeSlot {
    _Atomic Term name;
    Module *_Atomic mod;
} CodeSlot;

static CodeSlot slots[CODE_SLOTS];
static pthread_mutex_t install_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic size_t nmods;
static Module *order[CODE_SLOTS]; /* install order, for code_at */
static _Atomic uint64_t ninstalls; /* code_installs(); bumped after each publish */

static size_t slot_of(Term name)
{
    return (size_t)(atom_hash(name) & (CODE_SLOTS - 1));
}

int code_install(Module *m)
{
    pthread_mutex_lock(&install_lock);
    size_t i = slot_of(m->name);
    for (size_t probe = 0; probe < CODE_SLOTS; probe++, i = (i + 1) & (CODE_SLOTS - 1)) {
        Term n = atomic_load_explicit(&slots[i].name, memory_order_acquire);
        if (n == m->name) {
            Module *old = atomic_load_explicit(&slots[i].mod, memory_order_relaxed);
            atomic_store_explicit(&slots[i].mod, m, memory_order_release);
            /* After the new version is published: a call site that sees
             * the flag and looks again finds the new one. */
            if (old != NULL && old != m)
                atomic_store_explicit(&old->superseded, 1, memory_order_release);
            atomic_fetch_add_explicit(&ninstalls, 1, memory_order_release);
            pthread_mutex_unlock(&install_lock);
            return 0;
        }
        if (n == NONE) {
            atomic_store_explicit(&slots[i].mod, m, memory_order_relaxed);
            atomic_store_explicit(&slots[i].name, m->name, memory_order_release);
            size_t k = atomic_load_explicit(&nmods, memory_order_relaxed);
            order[k] = m;
            atomic_store_explicit(&nmods, k + 1, memory_order_release);
            atomic_fetch_add_explicit(&ninstalls, 1, memory_order_release);
            pthread_mutex_unlock(&install_lock);
            return 0;
        }
    }
    pthread_mutex_unlock(&install_lock);
    return MOTE_ELIMIT;
}

Module *code_find(Term name)
{
    size_t i = slot_of(name);
    for (size_t probe = 0; probe < CODE_SLOTS; probe++, i = (i + 1) & (CODE_SLOTS - 1)) {
        Term n = atomic_load_explicit(&slots[i].name, memory_order_acquire);
        if (n == name)
            return atomic_load_explicit(&slots[i].mod, memory_order_acquire);
        if (n == NONE)
            return NULL;
    }
    return NULL;
}

Fn *code_fn(const Module *m, Term name, uint32_t arity, bool exported_only)
{
    for (uint32_t i = 0; i < m->nnamed; i++) {
        Fn *f = m->fns[i];
        if (f->name == name && f->arity == arity && (f->exported || !exported_only))
            return f;
    }
    return NULL;
}

uint64_t code_installs(void)
{
    return atomic_load_explicit(&ninstalls, memory_order_acquire);
}

size_t code_count(void)
{
    return atomic_load_explicit(&nmods, memory_order_acquire);
}

Module *code_at(size_t i)
{
    return i < code_count() ? order[i] : NULL;
}

/* Runs inside the last atom_fini (no atom calls here): the schedulers are
 * joined and every process is gone, so nothing runs compiled code. */
static void lang_fini(void)
{
    pthread_mutex_lock(&install_lock);
    for (size_t i = 0; i < CODE_SLOTS; i++) {
        atomic_store_explicit(&slots[i].mod, NULL, memory_order_relaxed);
        atomic_store_explicit(&slots[i].name, NONE, memory_order_relaxed);
        order[i] = NULL;
    }
    atomic_store_explicit(&nmods, 0, memory_order_release);
    pthread_mutex_unlock(&install_lock);
    comp_release_all();
    jit_release_all();
    prelude_reset();
    vm_eval_forget();
}

void lang_fini_register(void)
{
    atom_set_fini_hook(lang_fini);
}
