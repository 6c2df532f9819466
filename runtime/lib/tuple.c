/* tuple.c — Elixir's Tuple module, mostly :erlang's tuple builtins with
 * Elixir's argument order (index 0-based), plus sum/product. */
#include "lib.h"

#define FCLAUSE(p, name, arity) lib_function_clause((p), "Elixir.Tuple", (name), (arity))

static Term erl(Proc *p, const char *name, unsigned arity, const Term *a)
{
    return bif_lookup(A(erlang), atom_from_cstr(name), arity)->fn(p, a);
}

static Term bif_duplicate(Proc *p, const Term *a)
{
    Term b[2] = {a[1], a[0]};
    return erl(p, "make_tuple", 2, b);
}

static Term bif_append(Proc *p, const Term *a)
{
    /* No guard in Elixir: :erlang.append_element/2 reports a non-tuple. */
    return erl(p, "append_element", 2, a);
}

static Term bif_insert_at(Proc *p, const Term *a)
{
    if (!is_tuple(a[0]) || !is_small(a[1]))
        return FCLAUSE(p, "insert_at", 3);
    Term b[3] = {make_small(small_val(a[1]) + 1), a[0], a[2]};
    return erl(p, "insert_element", 3, b);
}

static Term bif_delete_at(Proc *p, const Term *a)
{
    if (!is_tuple(a[0]) || !is_small(a[1]))
        return FCLAUSE(p, "delete_at", 2);
    Term b[2] = {make_small(small_val(a[1]) + 1), a[0]};
    return erl(p, "delete_element", 2, b);
}

static Term bif_to_list(Proc *p, const Term *a)
{
    return is_tuple(a[0]) ? erl(p, "tuple_to_list", 1, a) : FCLAUSE(p, "to_list", 1);
}

/* sum/product through :erlang's + and *, so mixed ints and floats and
 * non-numbers behave as the operators do. */
static Term fold(Proc *p, Term t, const char *op, int64_t unit, const char *fn)
{
    if (!is_tuple(t))
        return FCLAUSE(p, fn, 1);
    Term acc = make_small(unit);
    for (size_t i = 0; i < tuple_size(t) && acc != NONE; i++) {
        Term b[2] = {acc, tuple_get(t, i)};
        acc = erl(p, op, 2, b);
    }
    return acc;
}

static Term bif_sum(Proc *p, const Term *a) { return fold(p, a[0], "+", 0, "sum"); }
static Term bif_product(Proc *p, const Term *a) { return fold(p, a[0], "*", 1, "product"); }

static const BifDef tuple_bifs[] = {
    {"Elixir.Tuple", "duplicate", 2, BIF_PURE, bif_duplicate, NULL},
    {"Elixir.Tuple", "append", 2, BIF_PURE, bif_append, NULL},
    {"Elixir.Tuple", "insert_at", 3, BIF_PURE, bif_insert_at, NULL},
    {"Elixir.Tuple", "delete_at", 2, BIF_PURE, bif_delete_at, NULL},
    {"Elixir.Tuple", "to_list", 1, BIF_PURE, bif_to_list, NULL},
    {"Elixir.Tuple", "sum", 1, BIF_PURE, bif_sum, NULL},
    {"Elixir.Tuple", "product", 1, BIF_PURE, bif_product, NULL},
};

int lib_tuple_register(void)
{
    return bif_register(tuple_bifs, LIB_NDEFS(tuple_bifs));
}
