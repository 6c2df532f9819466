/* erlang.c — :erlang builtins: arithmetic, comparison, type tests,
 * tuples and list basics. Conversions, binaries and system figures are
 * erlang_conv.c.
 *
 * Arithmetic follows Erlang: integers are exact and unbounded (big.h),
 * any float makes the result a float, and a result that is not a finite
 * float, a non-number argument or a zero divisor raises :badarith.
 */
#include <math.h>

#include "atom.h"
#include "big.h"
#include "bin.h"
#include "exc.h"
#include "lib.h"

/* ---- arithmetic ------------------------------------------------------ */

static bool num_double(Term t, double *d)
{
    if (is_float(t))
        *d = float_val(t);
    else if (is_integer(t))
        *d = int_to_double(t);
    else
        return false;
    return true;
}

static Term float_result(Proc *p, double d)
{
    if (!isfinite(d))
        return bif_error(p, A(badarith));
    Term r = lib_float(p, d);
    return r == NONE ? lib_oom(p) : r;
}

static Term int_result(Proc *p, Term r)
{
    return r == NONE ? lib_oom(p) : r;
}

typedef Term (*IntOp)(Heap *, Term, Term);

/* An arithmetic operator over two numbers: the integer op when both are
 * integers, else the double op. */
static Term arith(Proc *p, const Term *a, IntOp iop, char op)
{
    if (is_small(a[0]) && is_small(a[1])) {
        int64_t x = small_val(a[0]), y = small_val(a[1]);
        if (op == '+' && small_fits(x + y))
            return make_small(x + y);
        if (op == '-' && small_fits(x - y))
            return make_small(x - y);
    }
    if (is_integer(a[0]) && is_integer(a[1])) {
        if (is_bignum(a[0]) || is_bignum(a[1]))
            bif_charge(p, 4);
        return int_result(p, iop(&p->heap, a[0], a[1]));
    }
    double x, y;
    if (!num_double(a[0], &x) || !num_double(a[1], &y))
        return bif_error(p, A(badarith));
    switch (op) {
    case '+': return float_result(p, x + y);
    case '-': return float_result(p, x - y);
    default: return float_result(p, x * y);
    }
}

static Term bif_add(Proc *p, const Term *a) { return arith(p, a, int_add, '+'); }
static Term bif_sub(Proc *p, const Term *a) { return arith(p, a, int_sub, '-'); }
static Term bif_mul(Proc *p, const Term *a) { return arith(p, a, int_mul, '*'); }

static Term bif_fdiv(Proc *p, const Term *a)
{
    double x, y;
    if (!num_double(a[0], &x) || !num_double(a[1], &y) || y == 0.0)
        return bif_error(p, A(badarith));
    return float_result(p, x / y);
}

static Term bif_div(Proc *p, const Term *a)
{
    if (!is_integer(a[0]) || !is_integer(a[1]) || a[1] == make_small(0))
        return bif_error(p, A(badarith));
    return int_result(p, int_div(&p->heap, a[0], a[1]));
}

static Term bif_rem(Proc *p, const Term *a)
{
    if (!is_integer(a[0]) || !is_integer(a[1]) || a[1] == make_small(0))
        return bif_error(p, A(badarith));
    return int_result(p, int_rem(&p->heap, a[0], a[1]));
}

static Term bif_neg(Proc *p, const Term *a)
{
    if (is_integer(a[0]))
        return int_result(p, int_neg(&p->heap, a[0]));
    if (is_float(a[0]))
        return float_result(p, -float_val(a[0]));
    return bif_error(p, A(badarith));
}

static Term bif_plus1(Proc *p, const Term *a)
{
    return is_number(a[0]) ? a[0] : bif_error(p, A(badarith));
}

static Term bif_abs(Proc *p, const Term *a)
{
    if (is_integer(a[0]))
        return int_sign(a[0]) < 0 ? int_result(p, int_neg(&p->heap, a[0])) : a[0];
    if (is_float(a[0])) {
        /* Negated only below zero, as erts does: abs(-0.0) is -0.0 on
         * OTP 25 (0.0 and -0.0 are one value there). */
        double x = float_val(a[0]);
        return x < 0.0 ? float_result(p, -x) : a[0];
    }
    return bif_badarg(p, 1, "not a number");
}

/* round/trunc/floor/ceil: an integer from a number. */
static Term to_int(Proc *p, const Term *a, double (*fn)(double))
{
    if (is_integer(a[0]))
        return a[0];
    if (!is_float(a[0]))
        return bif_badarg(p, 1, "not a number");
    return int_result(p, int_from_double(&p->heap, fn(float_val(a[0]))));
}

static Term bif_round(Proc *p, const Term *a) { return to_int(p, a, round); }
static Term bif_trunc(Proc *p, const Term *a) { return to_int(p, a, trunc); }
static Term bif_floor(Proc *p, const Term *a) { return to_int(p, a, floor); }
static Term bif_ceil(Proc *p, const Term *a) { return to_int(p, a, ceil); }

static Term bif_float(Proc *p, const Term *a)
{
    double d;
    if (is_float(a[0]))
        return a[0];
    if (!num_double(a[0], &d))
        return bif_badarg(p, 1, "not a number");
    return float_result(p, d);
}

/* ---- bitwise --------------------------------------------------------- */

static Term bitop(Proc *p, const Term *a, IntOp op)
{
    if (!is_integer(a[0]) || !is_integer(a[1]))
        return bif_error(p, A(badarith));
    return int_result(p, op(&p->heap, a[0], a[1]));
}

static Term bif_band(Proc *p, const Term *a) { return bitop(p, a, int_band); }
static Term bif_bor(Proc *p, const Term *a) { return bitop(p, a, int_bor); }
static Term bif_bxor(Proc *p, const Term *a) { return bitop(p, a, int_bxor); }

static Term bif_bnot(Proc *p, const Term *a)
{
    if (!is_integer(a[0]))
        return bif_error(p, A(badarith));
    return int_result(p, int_bnot(&p->heap, a[0]));
}

/* Shifts by a small count; a huge left shift is a system limit, a huge
 * right shift leaves the sign. */
static Term shift(Proc *p, const Term *a, int dir)
{
    if (!is_integer(a[0]) || !is_integer(a[1]))
        return bif_error(p, A(badarith));
    int64_t n;
    if (!int_to_i64(a[1], &n) || n > (1 << 26) || n < -(1 << 26)) {
        if (int_sign(a[1]) * dir < 0)
            return make_small(int_sign(a[0]) < 0 ? -1 : 0);
        return bif_error(p, A(system_limit));
    }
    return int_result(p, int_bsl(&p->heap, a[0], n * dir));
}

static Term bif_bsl(Proc *p, const Term *a) { return shift(p, a, 1); }
static Term bif_bsr(Proc *p, const Term *a) { return shift(p, a, -1); }

/* ---- comparison and booleans ---------------------------------------- */

static Term bif_eq(Proc *p, const Term *a) { (void)p; return lib_bool(term_eq(a[0], a[1])); }
static Term bif_ne(Proc *p, const Term *a) { (void)p; return lib_bool(!term_eq(a[0], a[1])); }
static Term bif_eqx(Proc *p, const Term *a) { (void)p; return lib_bool(term_eq_exact(a[0], a[1])); }
static Term bif_nex(Proc *p, const Term *a) { (void)p; return lib_bool(!term_eq_exact(a[0], a[1])); }
static Term bif_lt(Proc *p, const Term *a) { (void)p; return lib_bool(term_cmp(a[0], a[1]) < 0); }
static Term bif_gt(Proc *p, const Term *a) { (void)p; return lib_bool(term_cmp(a[0], a[1]) > 0); }
static Term bif_le(Proc *p, const Term *a) { (void)p; return lib_bool(term_cmp(a[0], a[1]) <= 0); }
static Term bif_ge(Proc *p, const Term *a) { (void)p; return lib_bool(term_cmp(a[0], a[1]) >= 0); }

static Term bif_min(Proc *p, const Term *a) { (void)p; return term_cmp(a[0], a[1]) <= 0 ? a[0] : a[1]; }
static Term bif_max(Proc *p, const Term *a) { (void)p; return term_cmp(a[0], a[1]) >= 0 ? a[0] : a[1]; }

static bool is_bool(Term t) { return t == A(true) || t == A(false); }

static Term bif_not(Proc *p, const Term *a)
{
    return is_bool(a[0]) ? lib_bool(a[0] == A(false)) : bif_error(p, A(badarg));
}

static Term boolop(Proc *p, const Term *a, char op)
{
    if (!is_bool(a[0]) || !is_bool(a[1]))
        return bif_error(p, A(badarg));
    bool x = a[0] == A(true), y = a[1] == A(true);
    return lib_bool(op == '&' ? x && y : op == '|' ? x || y : x != y);
}

static Term bif_and(Proc *p, const Term *a) { return boolop(p, a, '&'); }
static Term bif_or(Proc *p, const Term *a) { return boolop(p, a, '|'); }
static Term bif_xor(Proc *p, const Term *a) { return boolop(p, a, '^'); }

/* ---- type tests ------------------------------------------------------- */

#define TYPE_TEST(name, expr)                                 \
    static Term bif_##name(Proc *p, const Term *a)            \
    {                                                         \
        (void)p;                                              \
        Term t = a[0];                                        \
        return lib_bool(expr);                                \
    }

TYPE_TEST(is_atom, is_atom(t))
TYPE_TEST(is_binary, is_binary(t))
TYPE_TEST(is_bitstring, is_bitstring(t))
TYPE_TEST(is_boolean, is_bool(t))
TYPE_TEST(is_float, is_float(t))
TYPE_TEST(is_function, is_fun(t))
TYPE_TEST(is_integer, is_integer(t))
TYPE_TEST(is_list, is_list(t))
TYPE_TEST(is_map, is_map(t))
TYPE_TEST(is_number, is_number(t))
TYPE_TEST(is_pid, is_pid(t))
TYPE_TEST(is_port, false && t)
TYPE_TEST(is_reference, is_ref(t))
TYPE_TEST(is_tuple, is_tuple(t))

static Term bif_is_function2(Proc *p, const Term *a)
{
    if (!is_small(a[1]) || small_val(a[1]) < 0)
        return bif_badarg(p, 2, "not a non-negative integer");
    if (!is_fun(a[0]))
        return A(false);
    return lib_bool(exc_fun_arity(a[0]) == small_val(a[1]));
}

/* make_fun(M, F, A): the external fun &M.F/A, without checking that it
 * exists (as Erlang: the call fails later if it does not). */
static Term bif_make_fun(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_badarg(p, 1, "not an atom");
    if (!is_atom(a[1]))
        return bif_badarg(p, 2, "not an atom");
    if (!is_small(a[2]) || small_val(a[2]) < 0 || small_val(a[2]) > 255)
        return bif_badarg(p, 3, "not an arity (0..255)");
    Term *w = heap_alloc(&p->heap, 4);
    if (!w)
        return lib_oom(p);
    w[0] = make_header(HDR_EXPORT, 3);
    w[1] = a[0];
    w[2] = a[1];
    w[3] = a[2];
    return make_boxed(w);
}

/* fun_info(Fun, Item) for the items a closure's layout can answer
 * here: arity, type, module, name (external funs), env ([]) and pid
 * (:undefined for external funs). Other items are a badarg. */
static Term bif_fun_info2(Proc *p, const Term *a)
{
    if (!is_fun(a[0]))
        return bif_badarg(p, 1, "not a fun");
    bool ext = is_boxed_kind(a[0], HDR_EXPORT);
    const Term *e = ext ? tuple_elems(a[0]) : NULL;
    Term item = a[1], v;
    if (item == atom_from_cstr("arity"))
        v = make_small(exc_fun_arity(a[0]));
    else if (item == atom_from_cstr("type"))
        v = atom_from_cstr(ext ? "external" : "local");
    else if (ext && item == atom_from_cstr("module"))
        v = e[0];
    else if (ext && item == atom_from_cstr("name"))
        v = e[1];
    else if (item == atom_from_cstr("env"))
        v = NIL;
    else if (ext && item == atom_from_cstr("pid"))
        v = atom_from_cstr("undefined");
    else if (!ext && item == atom_from_cstr("pid"))
        v = p->pid;
    else
        return bif_badarg(p, 2, "not a fun_info item mote knows");
    Term r = lib_tuple2(p, item, v);
    return r == NONE ? lib_oom(p) : r;
}

/* ---- tuples ----------------------------------------------------------- */

/* What is wrong with index i into t, as erts words it, or NULL when it is
 * fine. Against a non-tuple erts only calls a small index below 1 out of
 * range (element(0, :a) names both arguments, element(5, [1]) one). */
static const char *index_fault(Term i, Term t)
{
    if (!is_integer(i))
        return "not an integer";
    if (!is_tuple(t))
        return is_small(i) && small_val(i) < 1 ? "out of range" : NULL;
    if (!is_small(i) || small_val(i) < 1 || (size_t)small_val(i) > tuple_size(t))
        return "out of range";
    return NULL;
}

/* element/setelement's ArgumentError: erts lists every bad argument, so a
 * float index into a list names both. */
static Term element_badarg(Proc *p, Term i, Term t)
{
    const char *why = index_fault(i, t);
    if (why && !is_tuple(t))
        return bif_raise_msg(p, "ArgumentError",
                             "errors were found at the given arguments:\n\n  * 1st argument: %s\n"
                             "  * 2nd argument: not a tuple\n",
                             why);
    return why ? bif_badarg(p, 1, why) : bif_badarg(p, 2, "not a tuple");
}

static Term bif_element(Proc *p, const Term *a)
{
    if (!is_tuple(a[1]) || index_fault(a[0], a[1]))
        return element_badarg(p, a[0], a[1]);
    return tuple_get(a[1], (size_t)small_val(a[0]) - 1);
}

static Term bif_setelement(Proc *p, const Term *a)
{
    if (!is_tuple(a[1]) || index_fault(a[0], a[1]))
        return element_badarg(p, a[0], a[1]);
    size_t n = tuple_size(a[1]);
    bif_charge(p, (uint32_t)(n / 8));
    Term t = lib_tuple(p, n, tuple_elems(a[1]));
    if (t == NONE)
        return lib_oom(p);
    tuple_elems(t)[small_val(a[0]) - 1] = a[2];
    return t;
}

static Term bif_tuple_size(Proc *p, const Term *a)
{
    return is_tuple(a[0]) ? make_small((int64_t)tuple_size(a[0])) : bif_badarg(p, 1, "not a tuple");
}

static Term bif_make_tuple(Proc *p, const Term *a)
{
    if (!is_integer(a[0]))
        return bif_badarg(p, 1, "not an integer");
    if (!is_small(a[0]) || small_val(a[0]) < 0 || small_val(a[0]) > (1 << 24))
        return bif_badarg(p, 1, "out of range");
    size_t n = (size_t)small_val(a[0]);
    bif_charge(p, (uint32_t)(n / 8));
    Term t = lib_tuple(p, n, NULL);
    if (t == NONE)
        return lib_oom(p);
    for (size_t i = 0; i < n; i++)
        tuple_elems(t)[i] = a[1];
    return t;
}

/* insert (at 1-based i, or append when i == size+1) or delete one slot. */
static Term tuple_edit(Proc *p, Term tup, size_t i, bool insert, Term v)
{
    size_t n = tuple_size(tup), m = insert ? n + 1 : n - 1;
    Term t = lib_tuple(p, m, NULL);
    if (t == NONE)
        return lib_oom(p);
    Term *src = tuple_elems(tup), *dst = tuple_elems(t);
    memcpy(dst, src, (i - 1) * sizeof(Term));
    if (insert) {
        dst[i - 1] = v;
        memcpy(dst + i, src + i - 1, (n - i + 1) * sizeof(Term));
    } else {
        memcpy(dst + i - 1, src + i, (n - i) * sizeof(Term));
    }
    bif_charge(p, (uint32_t)(n / 8));
    return t;
}

static Term bif_append_element(Proc *p, const Term *a)
{
    if (!is_tuple(a[0]))
        return bif_badarg(p, 1, "not a tuple");
    return tuple_edit(p, a[0], tuple_size(a[0]) + 1, true, a[1]);
}

static Term bif_insert_element(Proc *p, const Term *a)
{
    if (!is_tuple(a[1]))
        return bif_badarg(p, 2, "not a tuple");
    if (!is_small(a[0]) || small_val(a[0]) < 1 || (size_t)small_val(a[0]) > tuple_size(a[1]) + 1)
        return bif_badarg(p, 1, "out of range");
    return tuple_edit(p, a[1], (size_t)small_val(a[0]), true, a[2]);
}

static Term bif_delete_element(Proc *p, const Term *a)
{
    if (!is_tuple(a[1]))
        return bif_badarg(p, 2, "not a tuple");
    if (!is_small(a[0]) || small_val(a[0]) < 1 || (size_t)small_val(a[0]) > tuple_size(a[1]))
        return bif_badarg(p, 1, "out of range");
    return tuple_edit(p, a[1], (size_t)small_val(a[0]), false, NIL);
}

static Term bif_tuple_to_list(Proc *p, const Term *a)
{
    if (!is_tuple(a[0]))
        return bif_badarg(p, 1, "not a tuple");
    bif_charge(p, (uint32_t)(tuple_size(a[0]) / 8));
    Term l = lib_list(p, tuple_elems(a[0]), tuple_size(a[0]), NIL);
    return l == NONE ? lib_oom(p) : l;
}

static Term bif_list_to_tuple(Proc *p, const Term *a)
{
    long n = lib_list_len(a[0]);
    if (n < 0)
        return bif_badarg(p, 1, "not a list");
    Term t = lib_tuple(p, (size_t)n, NULL);
    if (t == NONE)
        return lib_oom(p);
    Term l = a[0];
    for (long i = 0; i < n; i++, l = list_tail(l))
        tuple_elems(t)[i] = list_head(l);
    bif_charge(p, (uint32_t)(n / 8));
    return t;
}

/* ---- lists -------------------------------------------------------------- */

static Term bif_hd(Proc *p, const Term *a)
{
    return is_cons(a[0]) ? list_head(a[0]) : bif_badarg(p, 1, "not a nonempty list");
}

static Term bif_tl(Proc *p, const Term *a)
{
    return is_cons(a[0]) ? list_tail(a[0]) : bif_badarg(p, 1, "not a nonempty list");
}

static Term bif_length(Proc *p, const Term *a)
{
    long n = lib_list_len(a[0]);
    if (n < 0)
        return bif_badarg(p, 1, "not a list");
    bif_charge(p, (uint32_t)(n / 16));
    return make_small(n);
}

/* a ++ b: copies a, shares b. b may be anything (an improper result). */
static Term bif_append(Proc *p, const Term *a)
{
    size_t n;
    Term *arr = lib_list_array(a[0], &n);
    if (!arr)
        return n == (size_t)-1 ? bif_badarg(p, 1, "not a list") : lib_oom(p);
    Term r = lib_list(p, arr, n, a[1]);
    lib_array_free(arr, n);
    bif_charge(p, (uint32_t)(n / 8));
    return r == NONE ? lib_oom(p) : r;
}

/* a -- b: removes the first occurrence in a of each element of b. */
static Term bif_subtract(Proc *p, const Term *a)
{
    size_t n, m;
    Term *xs = lib_list_array(a[0], &n);
    if (!xs)
        return n == (size_t)-1 ? bif_badarg(p, 1, "not a list") : lib_oom(p);
    Term *ys = lib_list_array(a[1], &m);
    if (!ys) {
        lib_array_free(xs, n);
        return m == (size_t)-1 ? bif_badarg(p, 2, "not a list") : lib_oom(p);
    }
    size_t k = n;
    for (size_t j = 0; j < m; j++)
        for (size_t i = 0; i < k; i++)
            if (term_eq_exact(xs[i], ys[j])) {
                memmove(xs + i, xs + i + 1, (k - i - 1) * sizeof(Term));
                k--;
                break;
            }
    bif_charge(p, (uint32_t)((n * m) / 16 + n / 8));
    Term r = lib_list(p, xs, k, NIL);
    lib_array_free(xs, n);
    lib_array_free(ys, m);
    return r == NONE ? lib_oom(p) : r;
}

#define G (BIF_GUARD | BIF_PURE)
static const BifDef erlang_bifs[] = {
    {"erlang", "+", 2, G, bif_add, NULL},
    {"erlang", "-", 2, G, bif_sub, NULL},
    {"erlang", "*", 2, G, bif_mul, NULL},
    {"erlang", "/", 2, G, bif_fdiv, NULL},
    {"erlang", "div", 2, G, bif_div, NULL},
    {"erlang", "rem", 2, G, bif_rem, NULL},
    {"erlang", "-", 1, G, bif_neg, NULL},
    {"erlang", "+", 1, G, bif_plus1, NULL},
    {"erlang", "abs", 1, G, bif_abs, NULL},
    {"erlang", "round", 1, G, bif_round, NULL},
    {"erlang", "trunc", 1, G, bif_trunc, NULL},
    {"erlang", "floor", 1, G, bif_floor, NULL},
    {"erlang", "ceil", 1, G, bif_ceil, NULL},
    {"erlang", "float", 1, G, bif_float, NULL},
    {"erlang", "band", 2, G, bif_band, NULL},
    {"erlang", "bor", 2, G, bif_bor, NULL},
    {"erlang", "bxor", 2, G, bif_bxor, NULL},
    {"erlang", "bnot", 1, G, bif_bnot, NULL},
    {"erlang", "bsl", 2, G, bif_bsl, NULL},
    {"erlang", "bsr", 2, G, bif_bsr, NULL},
    {"erlang", "==", 2, G, bif_eq, NULL},
    {"erlang", "/=", 2, G, bif_ne, NULL},
    {"erlang", "=:=", 2, G, bif_eqx, NULL},
    {"erlang", "=/=", 2, G, bif_nex, NULL},
    {"erlang", "<", 2, G, bif_lt, NULL},
    {"erlang", ">", 2, G, bif_gt, NULL},
    {"erlang", "=<", 2, G, bif_le, NULL},
    {"erlang", ">=", 2, G, bif_ge, NULL},
    {"erlang", "min", 2, G, bif_min, NULL},
    {"erlang", "max", 2, G, bif_max, NULL},
    {"erlang", "not", 1, G, bif_not, NULL},
    {"erlang", "and", 2, G, bif_and, NULL},
    {"erlang", "or", 2, G, bif_or, NULL},
    {"erlang", "xor", 2, G, bif_xor, NULL},
    {"erlang", "is_atom", 1, G, bif_is_atom, NULL},
    {"erlang", "is_binary", 1, G, bif_is_binary, NULL},
    {"erlang", "is_bitstring", 1, G, bif_is_bitstring, NULL},
    {"erlang", "is_boolean", 1, G, bif_is_boolean, NULL},
    {"erlang", "is_float", 1, G, bif_is_float, NULL},
    {"erlang", "is_function", 1, G, bif_is_function, NULL},
    {"erlang", "is_function", 2, G, bif_is_function2, NULL},
    {"erlang", "make_fun", 3, BIF_PURE, bif_make_fun, NULL},
    {"erlang", "fun_info", 2, BIF_PURE, bif_fun_info2, NULL},
    {"erlang", "is_integer", 1, G, bif_is_integer, NULL},
    {"erlang", "is_list", 1, G, bif_is_list, NULL},
    {"erlang", "is_map", 1, G, bif_is_map, NULL},
    {"erlang", "is_number", 1, G, bif_is_number, NULL},
    {"erlang", "is_pid", 1, G, bif_is_pid, NULL},
    {"erlang", "is_port", 1, G, bif_is_port, NULL},
    {"erlang", "is_reference", 1, G, bif_is_reference, NULL},
    {"erlang", "is_tuple", 1, G, bif_is_tuple, NULL},
    {"erlang", "element", 2, G, bif_element, NULL},
    {"erlang", "setelement", 3, BIF_PURE, bif_setelement, NULL},
    {"erlang", "tuple_size", 1, G, bif_tuple_size, NULL},
    {"erlang", "size", 1, G, bif_tuple_size, NULL},
    {"erlang", "make_tuple", 2, BIF_PURE, bif_make_tuple, NULL},
    {"erlang", "append_element", 2, BIF_PURE, bif_append_element, NULL},
    {"erlang", "insert_element", 3, BIF_PURE, bif_insert_element, NULL},
    {"erlang", "delete_element", 2, BIF_PURE, bif_delete_element, NULL},
    {"erlang", "tuple_to_list", 1, BIF_PURE, bif_tuple_to_list, NULL},
    {"erlang", "list_to_tuple", 1, BIF_PURE, bif_list_to_tuple, NULL},
    {"erlang", "hd", 1, G, bif_hd, NULL},
    {"erlang", "tl", 1, G, bif_tl, NULL},
    {"erlang", "length", 1, G, bif_length, NULL},
    {"erlang", "++", 2, BIF_PURE, bif_append, NULL},
    {"erlang", "append", 2, BIF_PURE, bif_append, NULL},
    {"erlang", "--", 2, BIF_PURE, bif_subtract, NULL},
    {"erlang", "subtract", 2, BIF_PURE, bif_subtract, NULL},
};

int lib_erlang_register(void)
{
    int rc = bif_register(erlang_bifs, LIB_NDEFS(erlang_bifs));
    return rc < 0 ? rc : lib_erlang_conv_register();
}
