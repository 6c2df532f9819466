/* vm_call.c — what a call names: a module's function through the code
 * server, or a builtin, and the per-site cache remote calls keep of it
 * (vm.h's CallSite). vm.c's call instructions and jit_call.c ask here;
 * nothing here runs per instruction except vm_site_resolve's cache hit.
 */
#include <stdatomic.h>

#include "atom.h"
#include "code.h"
#include "vm_int.h"

Fn *vm_find_fn(Term mod, Term name, uint32_t arity)
{
    Module *m = code_find(mod);
    return m != NULL ? code_fn(m, name, arity, true) : NULL;
}

static _Atomic Term kernel_atom;

void vm_forget_atoms(void) { atomic_store_explicit(&kernel_atom, 0, memory_order_relaxed); }

/* The builtin for mod.name/arity; Kernel's functions fall back to
 * :erlang's of the same name (is_list, self, abs, ...), as Elixir's
 * Kernel delegates to them. */
const BifDef *vm_find_bif(Term mod, Term name, uint32_t arity)
{
    const BifDef *b = bif_lookup(mod, name, arity);
    if (b != NULL)
        return b;
    Term k = atomic_load_explicit(&kernel_atom, memory_order_relaxed);
    if (k == 0) {
        k = atom_from_cstr("Elixir.Kernel");
        atomic_store_explicit(&kernel_atom, k, memory_order_relaxed);
    }
    if (mod == k)
        return bif_lookup(A(erlang), name, arity);
    return NULL;
}

/* Stands for "no module of that name" in CallSite.bif_mod. */
static const char vm_no_module;

/* The function a remote call site names right now, from the site's cache
 * when the module has not been replaced since; NULL with *bif set to the
 * builtin (or NULL: undefined) when no module function has that name.
 * Lock-free; any scheduler. */
Fn *vm_site_resolve(CallSite *cs, uint32_t n, const BifDef **bif)
{
    /* The cached function stands while its module is the current
     * version, which its superseded flag tells without a lookup. */
    Fn *f = atomic_load_explicit(&cs->fn, memory_order_acquire);
    if (f != NULL && !atomic_load_explicit(&f->mod->superseded, memory_order_acquire))
        return f;
    Module *m = code_find(cs->mod);
    if (f != NULL && f->mod == m)
        return f;
    const void *seen = m != NULL ? (const void *)m : (const void *)&vm_no_module;
    if (atomic_load_explicit(&cs->bif_mod, memory_order_acquire) == seen) {
        *bif = atomic_load_explicit(&cs->bif, memory_order_relaxed);
        return NULL;
    }
    f = m != NULL ? code_fn(m, cs->name, n, true) : NULL;
    if (f != NULL) {
        atomic_store_explicit(&cs->fn, f, memory_order_release);
        return f;
    }
    const BifDef *b = vm_find_bif(cs->mod, cs->name, n);
    *bif = b;
    if (b != NULL) {
        /* The builtin first: a reader that sees bif_mod sees it. */
        atomic_store_explicit(&cs->bif, b, memory_order_relaxed);
        atomic_store_explicit(&cs->bif_mod, seen, memory_order_release);
    }
    return NULL;
}
