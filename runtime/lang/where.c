/* where.c — a VM process's current function, packed for introspection
 * (where.h). The packing: bit 63 set, module atom index in bits 32..61,
 * function atom index in bits 8..31 (atom indices stay below 2^22), arity
 * in bits 0..7 (at most 255, as Erlang). */
#include "where.h"

#include <stdio.h>
#include <string.h>

#include "atom.h"
#include "proc.h"
#include "vm.h"

#define WHERE_VALID (UINT64_C(1) << 63)

uint64_t where_pack(Term mod, Term name, uint32_t arity)
{
    if (!is_atom(mod) || !is_atom(name))
        return 0;
    return WHERE_VALID | (atom_index(mod) & 0x3FFFFFFF) << 32 |
           (atom_index(name) & 0xFFFFFF) << 8 | (arity & 0xFF);
}

uint64_t where_current(const Proc *p)
{
    if (p->body_kind != BODY_VM || !p->body.vm || !p->body.vm->fn)
        return 0;
    const Fn *fn = p->body.vm->fn;
    if (!fn->mod)
        return 0; /* the boot trampoline */
    return where_pack(fn->mod->name, fn->name, fn->arity);
}

uint64_t where_spawned(Term fun, Term mod, Term name, uint32_t nargs)
{
    if (fun == NONE)
        return where_pack(mod, name, nargs);
    if (is_boxed_kind(fun, HDR_EXPORT)) {
        const Term *e = boxed_ptr(fun) + 1; /* [module][function][arity] */
        return is_small(e[2]) ? where_pack(e[0], e[1], (uint32_t)small_val(e[2])) : 0;
    }
    if (!is_boxed_kind(fun, HDR_FUN))
        return 0;
    const Fn *fn = (const Fn *)(uintptr_t)boxed_ptr(fun)[1];
    if (!fn || !fn->mod)
        return 0;
    return where_pack(fn->mod->name, fn->name, fn->arity);
}

uint64_t where_initial(const Proc *p)
{
    if (p->body_kind != BODY_VM || !p->body.vm)
        return 0;
    return atomic_load_explicit(&p->body.vm->initial, memory_order_relaxed);
}

void where_text(uint64_t w, char *buf, size_t size)
{
    if (!size)
        return;
    buf[0] = '\0';
    if (!(w & WHERE_VALID))
        return;
    size_t mlen, flen;
    const char *m = atom_text(make_atom((w >> 32) & 0x3FFFFFFF), &mlen);
    const char *f = atom_text(make_atom((w >> 8) & 0xFFFFFF), &flen);
    if (!m || !f)
        return;
    bool elixir = mlen > 7 && memcmp(m, "Elixir.", 7) == 0;
    if (elixir)
        snprintf(buf, size, "%.*s.%.*s/%u", (int)(mlen - 7), m + 7, (int)flen, f,
                 (unsigned)(w & 0xFF));
    else
        snprintf(buf, size, ":%.*s.%.*s/%u", (int)mlen, m, (int)flen, f, (unsigned)(w & 0xFF));
}
