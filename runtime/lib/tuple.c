/* tuple.c — Elixir's Tuple module, mostly :erlang's tuple builtins with
 * Elixir's argument order (index 0-based), plus sum/product. */
#include "lib.h"

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

/* Elixir's insert_at/delete_at have no guards: index + 1 fails with
 * ArithmeticError for a non-number, and :erlang's element functions
 * report a non-tuple ("2nd argument: not a tuple"). */
static Term one_based(Proc *p, Term index)
{
    if (is_small(index) && small_val(index) < INT32_MAX)
        return make_small(small_val(index) + 1);
    Term b[2] = {index, make_small(1)};
    return erl(p, "+", 2, b);
}

static Term bif_insert_at(Proc *p, const Term *a)
{
    Term i = one_based(p, a[1]);
    if (i == NONE)
        return NONE;
    Term b[3] = {i, a[0], a[2]};
    return erl(p, "insert_element", 3, b);
}

static Term bif_delete_at(Proc *p, const Term *a)
{
    Term i = one_based(p, a[1]);
    if (i == NONE)
        return NONE;
    Term b[2] = {i, a[0]};
    return erl(p, "delete_element", 2, b);
}

static Term bif_to_list(Proc *p, const Term *a) { return erl(p, "tuple_to_list", 1, a); }

/* sum/product through :erlang's + and *, so mixed ints and floats and
 * non-numbers behave as the operators do. */
static Term fold(Proc *p, Term t, const char *op, int64_t unit)
{
    if (!is_tuple(t))
        return erl(p, "tuple_size", 1, &t); /* Elixir calls tuple_size/1 first */
    Term acc = make_small(unit);
    for (size_t i = 0; i < tuple_size(t) && acc != NONE; i++) {
        Term b[2] = {acc, tuple_get(t, i)};
        acc = erl(p, op, 2, b);
    }
    return acc;
}

static Term bif_sum(Proc *p, const Term *a) { return fold(p, a[0], "+", 0); }
static Term bif_product(Proc *p, const Term *a) { return fold(p, a[0], "*", 1); }

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
