/* math.c — the :math module: C's libm with Erlang's errors. A
 * non-number argument is badarg; a result that is not a finite number
 * (sqrt(-1), log(0), overflow) is badarith, as Erlang raises.
 */
#include <math.h>

#include "big.h"
#include "lib.h"

static bool num(Term t, double *d)
{
    if (is_float(t))
        *d = float_val(t);
    else if (is_integer(t))
        *d = int_to_double(t);
    else
        return false;
    return true;
}

static Term result(Proc *p, double r)
{
    if (!isfinite(r))
        return bif_error(p, A(badarith));
    Term t = lib_float(p, r);
    return t == NONE ? lib_oom(p) : t;
}

typedef double (*Fn1)(double);
typedef double (*Fn2)(double, double);

static Term call1(Proc *p, const Term *a, Fn1 fn)
{
    double x;
    if (!num(a[0], &x))
        return bif_badarg(p, 1, "not a number");
    return result(p, fn(x));
}

static Term call2(Proc *p, const Term *a, Fn2 fn)
{
    double x, y;
    if (!num(a[0], &x))
        return bif_badarg(p, 1, "not a number");
    if (!num(a[1], &y))
        return bif_badarg(p, 2, "not a number");
    return result(p, fn(x, y));
}

#define M1(name) static Term bif_##name(Proc *p, const Term *a) { return call1(p, a, name); }
#define M2(name) static Term bif_##name(Proc *p, const Term *a) { return call2(p, a, name); }
M1(sqrt) M1(exp) M1(log) M1(log2) M1(log10) M1(sin) M1(cos) M1(tan) M1(asin) M1(acos)
M1(atan) M1(sinh) M1(cosh) M1(tanh) M1(asinh) M1(acosh) M1(atanh) M1(floor) M1(ceil)
M1(erf) M1(erfc)
M2(pow) M2(atan2) M2(fmod)

static Term bif_pi(Proc *p, const Term *a)
{
    (void)a;
    return result(p, M_PI);
}

static Term bif_tau(Proc *p, const Term *a)
{
    (void)a;
    return result(p, 2 * M_PI);
}

#define ROW1(name) {"math", #name, 1, BIF_PURE, bif_##name, NULL}
#define ROW2(name) {"math", #name, 2, BIF_PURE, bif_##name, NULL}
static const BifDef math_bifs[] = {
    ROW1(sqrt), ROW1(exp), ROW1(log), ROW1(log2), ROW1(log10), ROW1(sin), ROW1(cos),
    ROW1(tan), ROW1(asin), ROW1(acos), ROW1(atan), ROW1(sinh), ROW1(cosh), ROW1(tanh),
    ROW1(asinh), ROW1(acosh), ROW1(atanh), ROW1(floor), ROW1(ceil), ROW1(erf), ROW1(erfc),
    ROW2(pow), ROW2(atan2), ROW2(fmod),
    {"math", "pi", 0, BIF_PURE, bif_pi, NULL},
    {"math", "tau", 0, BIF_PURE, bif_tau, NULL},
};

int lib_math_register(void)
{
    return bif_register(math_bifs, LIB_NDEFS(math_bifs));
}
