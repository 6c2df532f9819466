/* kernel.c — Kernel functions that are not :erlang's under the same name
 * (the VM falls back to :erlang for the rest): elem/put_elem with 0-based
 * indices, is_nil, is_struct, is_exception, to_charlist; and
 * :unicode.characters_to_list.
 */
#include "bin.h"
#include "exc.h"
#include "lib.h"
#include "map.h"
#include "strbuf.h"
#include "text.h"

static Term erl(Proc *p, const char *name, unsigned arity, const Term *a)
{
    return bif_lookup(A(erlang), atom_from_cstr(name), arity)->fn(p, a);
}

/* The index :erlang's element functions get for Elixir's 0-based i, or
 * NONE after raising: Elixir compiles elem(t, i) to element(i + 1, t), so
 * a non-number fails in the addition (ArithmeticError) and a float or a
 * bignum reaches element, which rejects it as "not an integer" or "out of
 * range" (i itself serves for those: i + 1 is of the same kind). */
static Term erl_index(Proc *p, Term i)
{
    if (!is_number(i))
        return bif_error(p, A(badarith));
    if (is_small(i) && small_val(i) < SMALL_MAX)
        return make_small(small_val(i) + 1);
    return i;
}

/* elem(t, i) is :erlang.element(i + 1, t); an out-of-range index raises
 * the same ArgumentError Elixir shows for the underlying call. */
static Term bif_elem(Proc *p, const Term *a)
{
    Term b[2] = {erl_index(p, a[1]), a[0]};
    return b[0] == NONE ? NONE : erl(p, "element", 2, b);
}

static Term bif_put_elem(Proc *p, const Term *a)
{
    Term b[3] = {erl_index(p, a[1]), a[0], a[2]};
    return b[0] == NONE ? NONE : erl(p, "setelement", 3, b);
}

static Term bif_is_nil(Proc *p, const Term *a)
{
    (void)p;
    return lib_bool(a[0] == A(nil));
}

static bool struct_of(Term t, Term *name)
{
    Term s = is_map(t) ? map_get(t, A(__struct__)) : NONE;
    if (s == NONE || !is_atom(s))
        return false;
    *name = s;
    return true;
}

static Term bif_is_struct(Proc *p, const Term *a)
{
    (void)p;
    Term s;
    return lib_bool(struct_of(a[0], &s));
}

static Term bif_is_struct2(Proc *p, const Term *a)
{
    (void)p;
    Term s;
    return lib_bool(struct_of(a[0], &s) && s == a[1]);
}

static Term bif_is_exception(Proc *p, const Term *a)
{
    (void)p;
    return lib_bool(exc_is_exception(a[0]));
}

static Term bif_is_exception2(Proc *p, const Term *a)
{
    (void)p;
    return lib_bool(exc_is_exception(a[0]) && map_get(a[0], A(__struct__)) == a[1]);
}

/* to_charlist/characters_to_list: chardata (or String.Chars text for
 * to_charlist) as a list of code points. */
static Term charlist(Proc *p, Term t, bool chars_only)
{
    if (is_list(t) && chars_only) {
        bool flat = true;
        for (Term l = t; is_cons(l); l = list_tail(l))
            flat = flat && is_small(list_head(l));
        if (flat)
            return t;
    }
    Strbuf sb;
    strbuf_init(&sb);
    int rc = chars_only ? (is_list(t) || is_binary(t) ? lib_iodata(t, true, &sb) : -1)
                        : lib_to_string(t, &sb);
    if (rc < 0) {
        strbuf_fini(&sb);
        if (rc != -1)
            return lib_oom(p);
        return chars_only ? bif_badarg(p, 1, "not valid character data")
                          : bif_raise_msg(p, "ArgumentError", "cannot convert to a charlist");
    }
    Term b = lib_strbuf(p, &sb);
    return b == NONE ? lib_oom(p) : lib_text_to_charlist(p, b);
}

static Term bif_to_charlist(Proc *p, const Term *a) { return charlist(p, a[0], false); }
static Term bif_chars_to_list(Proc *p, const Term *a) { return charlist(p, a[0], true); }

/* binary_slice: String.slice's rules over bytes. */
static Term byte_slice(Proc *p, Term bin, int64_t first, int64_t last, int64_t step)
{
    const uint8_t *s;
    size_t n;
    lib_bytes(bin, &s, &n);
    int64_t len = (int64_t)n;
    if (first < 0)
        first = first + len < 0 ? 0 : first + len;
    if (last < 0)
        last += len;
    if (last >= len)
        last = len - 1;
    if (first > last || first >= len)
        return lib_bin(p, "", 0);
    if (step == 1)
        return bin_sub(&p->heap, bin, (size_t)first * 8, (size_t)(last - first + 1) * 8);
    Strbuf sb;
    strbuf_init(&sb);
    for (int64_t i = first; i <= last; i += step)
        strbuf_putc(&sb, (char)s[i]);
    return lib_strbuf(p, &sb);
}

static Term bif_binary_slice2(Proc *p, const Term *a)
{
    int64_t first, last, step;
    if (!is_binary(a[0]) || !text_range(a[1], &first, &last, &step))
        return lib_function_clause(p, "Elixir.Kernel", "binary_slice", 2);
    if (step < 0 && !(step == -1 && first > last))
        return bif_raise_msg(p, "ArgumentError",
                             "binary_slice/2 does not accept ranges with negative steps");
    Term r = byte_slice(p, a[0], first, last, step < 0 ? 1 : step);
    return r == NONE ? lib_oom(p) : r;
}

static Term bif_binary_slice3(Proc *p, const Term *a)
{
    if (!is_binary(a[0]) || !is_small(a[1]) || !is_small(a[2]) || small_val(a[2]) < 0)
        return lib_function_clause(p, "Elixir.Kernel", "binary_slice", 3);
    const uint8_t *s;
    size_t n;
    lib_bytes(a[0], &s, &n);
    int64_t start = small_val(a[1]), len = (int64_t)n;
    if (start < 0)
        start = start + len < 0 ? 0 : start + len;
    if (small_val(a[2]) == 0 || start >= len)
        return lib_bin(p, "", 0);
    Term r = byte_slice(p, a[0], start, start + small_val(a[2]) - 1, 1);
    return r == NONE ? lib_oom(p) : r;
}

/* left =~ right: a substring test for a binary right, a regex match
 * for a %Regex{}. */
static Term bif_match_op(Proc *p, const Term *a)
{
    if (!is_binary(a[0]))
        return lib_function_clause(p, "Elixir.Kernel", "=~", 2);
    if (regex_is(a[1]))
        return regex_match(p, a[1], a[0]);
    const BifDef *d = bif_lookup(lib_alias("String"), atom_from_cstr("contains?"), 2);
    if (!is_binary(a[1]))
        return lib_function_clause(p, "Elixir.Kernel", "=~", 2);
    return d->fn(p, a);
}

#define G (BIF_GUARD | BIF_PURE)
static const BifDef kernel_bifs[] = {
    {"Elixir.Kernel", "elem", 2, G, bif_elem, NULL},
    {"Elixir.Kernel", "put_elem", 3, BIF_PURE, bif_put_elem, NULL},
    {"Elixir.Kernel", "is_nil", 1, G, bif_is_nil, NULL},
    {"Elixir.Kernel", "is_struct", 1, G, bif_is_struct, NULL},
    {"Elixir.Kernel", "is_struct", 2, G, bif_is_struct2, NULL},
    {"Elixir.Kernel", "is_exception", 1, G, bif_is_exception, NULL},
    {"Elixir.Kernel", "is_exception", 2, G, bif_is_exception2, NULL},
    {"Elixir.Kernel", "to_charlist", 1, BIF_PURE, bif_to_charlist, NULL},
    {"unicode", "characters_to_list", 1, BIF_PURE, bif_chars_to_list, NULL},
    {"Elixir.Kernel", "binary_slice", 2, BIF_PURE, bif_binary_slice2, NULL},
    {"Elixir.Kernel", "binary_slice", 3, BIF_PURE, bif_binary_slice3, NULL},
    {"Elixir.Kernel", "=~", 2, BIF_PURE, bif_match_op, NULL},
};

int lib_kernel_register(void)
{
    return bif_register(kernel_bifs, LIB_NDEFS(kernel_bifs));
}
