/* integer.c — Elixir's Integer module: to_string, parse, digits,
 * undigits, gcd, pow, mod, floor_div, and the is_odd/is_even guards as
 * plain builtins. Integers of any size (big.h).
 */
#include "big.h"
#include "bin.h"
#include "lib.h"
#include "mem.h"

#define FCLAUSE(p, name, arity) lib_function_clause((p), "Elixir.Integer", (name), (arity))

static Term done(Proc *p, Term r) { return r == NONE ? lib_oom(p) : r; }

static Term erl(Proc *p, const char *name, unsigned arity, const Term *a)
{
    return bif_lookup(A(erlang), atom_from_cstr(name), arity)->fn(p, a);
}

static Term bif_to_string(Proc *p, const Term *a)
{
    /* No guard in Elixir: :erlang.integer_to_binary/1 reports a non-integer. */
    return erl(p, "integer_to_binary", 1, a);
}

static Term bif_to_string2(Proc *p, const Term *a)
{
    return is_integer(a[0]) ? erl(p, "integer_to_binary", 2, a) : FCLAUSE(p, "to_string", 2);
}

static Term bif_to_charlist(Proc *p, const Term *a)
{
    return is_integer(a[0]) ? erl(p, "integer_to_list", 1, a) : FCLAUSE(p, "to_charlist", 1);
}

static Term bif_to_charlist2(Proc *p, const Term *a)
{
    return is_integer(a[0]) ? erl(p, "integer_to_list", 2, a) : FCLAUSE(p, "to_charlist", 2);
}

static int digit_of(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* parse(bin, base): {int, rest} for the longest [+-]digits prefix. */
static Term parse(Proc *p, Term bin, int base)
{
    const uint8_t *s;
    size_t n;
    lib_bytes(bin, &s, &n);
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t d0 = i;
    while (i < n && digit_of(s[i]) < base)
        i++;
    if (i == d0)
        return A(error);
    Term v = int_from_text(&p->heap, (const char *)s, i, base);
    if (v == NONE)
        return lib_oom(p);
    Term rest = bin_sub(&p->heap, bin, i * 8, (n - i) * 8);
    bif_charge(p, (uint32_t)(i / 16 + 1));
    return rest == NONE ? lib_oom(p) : done(p, lib_tuple2(p, v, rest));
}

static Term bif_parse(Proc *p, const Term *a)
{
    return is_binary(a[0]) ? parse(p, a[0], 10) : FCLAUSE(p, "parse", 2);
}

static Term bif_parse2(Proc *p, const Term *a)
{
    if (!is_binary(a[0]))
        return FCLAUSE(p, "parse", 2);
    if (!is_small(a[1]) || small_val(a[1]) < 2 || small_val(a[1]) > 36)
        return bif_raise_msg(p, "ArgumentError", "invalid base %lld",
                             is_small(a[1]) ? (long long)small_val(a[1]) : 0LL);
    return parse(p, a[0], (int)small_val(a[1]));
}

/* digits(n, base): most significant first; negative numbers give
 * negative digits, as Elixir does. */
static Term digits(Proc *p, Term n, Term b)
{
    if (!is_integer(n) || !is_small(b) || small_val(b) < 2)
        return FCLAUSE(p, "digits", 2);
    if (n == make_small(0))
        return done(p, lib_cons(p, make_small(0), NIL));
    Term acc = NIL, q = n;
    while (q != make_small(0) && acc != NONE) {
        Term d = int_rem(&p->heap, q, b);
        q = int_div(&p->heap, q, b);
        if (d == NONE || q == NONE)
            return lib_oom(p);
        acc = lib_cons(p, d, acc);
        bif_charge(p, 1);
    }
    return done(p, acc);
}

static Term bif_digits(Proc *p, const Term *a) { return digits(p, a[0], make_small(10)); }
static Term bif_digits2(Proc *p, const Term *a) { return digits(p, a[0], a[1]); }

static Term undigits(Proc *p, Term list, Term b)
{
    if (!is_small(b) || small_val(b) < 2 || lib_list_len(list) < 0)
        return FCLAUSE(p, "undigits", 2);
    Term acc = make_small(0);
    for (Term l = list; is_cons(l); l = list_tail(l)) {
        Term d = list_head(l);
        if (!is_small(d) || small_val(d) >= small_val(b) || small_val(d) <= -small_val(b))
            return bif_raise_msg(p, "ArgumentError", "invalid digit %lld in base %lld",
                                 is_small(d) ? (long long)small_val(d) : 0LL,
                                 (long long)small_val(b));
        acc = int_mul(&p->heap, acc, b);
        acc = acc == NONE ? NONE : int_add(&p->heap, acc, d);
        if (acc == NONE)
            return lib_oom(p);
        bif_charge(p, 1);
    }
    return acc;
}

static Term bif_undigits(Proc *p, const Term *a) { return undigits(p, a[0], make_small(10)); }
static Term bif_undigits2(Proc *p, const Term *a) { return undigits(p, a[0], a[1]); }

static Term bif_gcd(Proc *p, const Term *a)
{
    if (!is_integer(a[0]) || !is_integer(a[1]))
        return FCLAUSE(p, "gcd", 2);
    Term x = int_sign(a[0]) < 0 ? int_neg(&p->heap, a[0]) : a[0];
    Term y = int_sign(a[1]) < 0 ? int_neg(&p->heap, a[1]) : a[1];
    while (x != NONE && y != NONE && y != make_small(0)) {
        Term r = int_rem(&p->heap, x, y);
        x = y, y = r;
        bif_charge(p, 1);
    }
    return done(p, x == NONE || y == NONE ? NONE : x);
}

static Term bif_pow(Proc *p, const Term *a)
{
    if (!is_integer(a[0]) || !is_integer(a[1]))
        return FCLAUSE(p, "pow", 2);
    int64_t e;
    if (int_sign(a[1]) < 0)
        return bif_raise_msg(p, "ArithmeticError", "bad argument in arithmetic expression");
    if (!int_to_i64(a[1], &e) || e > (1 << 24))
        return bif_error(p, A(system_limit));
    bif_charge(p, (uint32_t)(e / 64 + 1));
    return done(p, int_pow(&p->heap, a[0], (uint64_t)e));
}

/* mod: the remainder with the divisor's sign; floor_div rounds down. */
static Term bif_mod(Proc *p, const Term *a)
{
    if (!is_integer(a[0]) || !is_integer(a[1]))
        return FCLAUSE(p, "mod", 2);
    if (a[1] == make_small(0))
        return bif_error(p, A(badarith));
    Term r = int_rem(&p->heap, a[0], a[1]);
    if (r != NONE && r != make_small(0) && int_sign(r) != int_sign(a[1]))
        r = int_add(&p->heap, r, a[1]);
    return done(p, r);
}

static Term bif_floor_div(Proc *p, const Term *a)
{
    if (!is_integer(a[0]) || !is_integer(a[1]))
        return FCLAUSE(p, "floor_div", 2);
    if (a[1] == make_small(0))
        return bif_error(p, A(badarith));
    Term q = int_div(&p->heap, a[0], a[1]);
    Term r = int_rem(&p->heap, a[0], a[1]);
    if (q != NONE && r != NONE && r != make_small(0) && int_sign(r) != int_sign(a[1]))
        q = int_sub(&p->heap, q, make_small(1));
    return done(p, q);
}

/* extended_gcd(a, b): {g, s, t} with a*s + b*t == g, by Elixir's own
 * recurrence (so the coefficients are the ones Elixir returns). Small
 * integers only; bigger ones raise :system_limit. */
static Term bif_extended_gcd(Proc *p, const Term *a)
{
    if (!is_integer(a[0]) || !is_integer(a[1]))
        return FCLAUSE(p, "extended_gcd", 2);
    if (!is_small(a[0]) || !is_small(a[1]))
        return bif_error(p, A(system_limit));
    int64_t x = small_val(a[0]), y = small_val(a[1]);
    int64_t g, s, t;
    if (x == 0 && y == 0)
        g = 0, s = 0, t = 0;
    else if (x == 0)
        g = y, s = 0, t = 1;
    else if (y == 0)
        g = x, s = 1, t = 0;
    else {
        int64_t r1 = y, r0 = x, s1 = 0, s0 = 1, t1 = 1, t0 = 0;
        for (;;) {
            int64_t q = r0 / r1, r2 = r0 - q * r1;
            if (r2 == 0) {
                int sign = r1 > 0 ? 1 : -1;
                g = sign * r1, s = sign * s1, t = sign * t1;
                break;
            }
            int64_t ns = s0 - q * s1, nt = t0 - q * t1;
            r0 = r1, r1 = r2, s0 = s1, s1 = ns, t0 = t1, t1 = nt;
        }
    }
    Term e[3] = {make_small(g), make_small(s), make_small(t)};
    return done(p, lib_tuple(p, 3, e));
}

static bool is_odd(Term t)
{
    if (is_small(t))
        return small_val(t) & 1;
    return (boxed_ptr(t)[1] & 1) != 0; /* lowest limb of the magnitude */
}

static Term bif_is_odd(Proc *p, const Term *a)
{
    return is_integer(a[0]) ? lib_bool(is_odd(a[0])) : bif_error(p, A(badarg));
}

static Term bif_is_even(Proc *p, const Term *a)
{
    return is_integer(a[0]) ? lib_bool(!is_odd(a[0])) : bif_error(p, A(badarg));
}

static const BifDef integer_bifs[] = {
    {"Elixir.Integer", "to_string", 1, BIF_PURE, bif_to_string, NULL},
    {"Elixir.Integer", "to_string", 2, BIF_PURE, bif_to_string2, NULL},
    {"Elixir.Integer", "to_charlist", 1, BIF_PURE, bif_to_charlist, NULL},
    {"Elixir.Integer", "to_charlist", 2, BIF_PURE, bif_to_charlist2, NULL},
    {"Elixir.Integer", "parse", 1, BIF_PURE, bif_parse, NULL},
    {"Elixir.Integer", "parse", 2, BIF_PURE, bif_parse2, NULL},
    {"Elixir.Integer", "digits", 1, BIF_PURE, bif_digits, NULL},
    {"Elixir.Integer", "digits", 2, BIF_PURE, bif_digits2, NULL},
    {"Elixir.Integer", "undigits", 1, BIF_PURE, bif_undigits, NULL},
    {"Elixir.Integer", "undigits", 2, BIF_PURE, bif_undigits2, NULL},
    {"Elixir.Integer", "gcd", 2, BIF_PURE, bif_gcd, NULL},
    {"Elixir.Integer", "extended_gcd", 2, BIF_PURE, bif_extended_gcd, NULL},
    {"Elixir.Integer", "pow", 2, BIF_PURE, bif_pow, NULL},
    {"Elixir.Integer", "mod", 2, BIF_PURE, bif_mod, NULL},
    {"Elixir.Integer", "floor_div", 2, BIF_PURE, bif_floor_div, NULL},
    {"Elixir.Integer", "is_odd", 1, BIF_GUARD | BIF_PURE, bif_is_odd, NULL},
    {"Elixir.Integer", "is_even", 1, BIF_GUARD | BIF_PURE, bif_is_even, NULL},
};

int lib_integer_register(void)
{
    return bif_register(integer_bifs, LIB_NDEFS(integer_bifs));
}
