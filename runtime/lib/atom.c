/* atom.c — Elixir's Atom module: to_string/1 and to_charlist/1. */
#include "lib.h"

static Term bif_to_string(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_badarg(p, 1, "not an atom"); /* Elixir delegates to :erlang */
    size_t n;
    const char *s = atom_text(a[0], &n);
    Term t = lib_bin(p, s, n);
    return t == NONE ? lib_oom(p) : t;
}

static Term bif_to_charlist(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_badarg(p, 1, "not an atom");
    Term s = bif_to_string(p, a);
    return s == NONE ? NONE : lib_text_to_charlist(p, s);
}

static const BifDef atom_bifs[] = {
    {"Elixir.Atom", "to_string", 1, BIF_PURE, bif_to_string, NULL},
    {"Elixir.Atom", "to_charlist", 1, BIF_PURE, bif_to_charlist, NULL},
};

int lib_atom_register(void)
{
    return bif_register(atom_bifs, LIB_NDEFS(atom_bifs));
}
