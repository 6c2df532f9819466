/* rand.c — the :rand module's common functions (uniform/0,1,
 * uniform_real/0, normal/0, seed/1,2, export_seed/0). The generator is
 * OTP's default, exsss (Xorshift116**: two 58-bit words), with the same
 * seeding, so a run seeded with :rand.seed(:exsss, {a, b, c}) or an
 * integer draws exactly the numbers Erlang does. As in Erlang, the state
 * is per process, in the process dictionary under :rand_seed (here as
 * {:exsss, [s0 | s1]}); an unseeded process seeds itself from the clock.
 * normal/0 is Box-Muller over uniform draws, not OTP's ziggurat.
 */
#include <math.h>
#include <stdatomic.h>
#include <time.h>

#include "big.h"
#include "lib.h"

#define M58 ((UINT64_C(1) << 58) - 1)

typedef struct {
    uint64_t s0, s1;
} Exsss;

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* The next non-zero 58-bit splitmix64 output; *x is the splitmix state. */
static uint64_t seed58(uint64_t *x)
{
    uint64_t z;
    while ((z = splitmix(x) & M58) == 0)
        ;
    return z;
}

/* {a1, a2, a3}: each word is chained through splitmix64 (the state
 * left by one seeds the next, xor the next word), as OTP does. */
static Exsss seed_tuple(uint64_t a1, uint64_t a2, uint64_t a3)
{
    uint64_t x = a1;
    (void)seed58(&x);
    x ^= a2;
    Exsss st;
    st.s0 = seed58(&x);
    x ^= a3;
    st.s1 = seed58(&x);
    return st;
}

static Exsss seed_int(uint64_t n)
{
    Exsss st;
    st.s0 = seed58(&n);
    st.s1 = seed58(&n);
    return st;
}

static uint64_t rotl58(uint64_t x, int k) { return ((x << k) | (x >> (58 - k))) & M58; }

/* One Xorshift116 step; the output is the ** scrambling of the word
 * that becomes the first. */
static uint64_t step(Exsss *st)
{
    uint64_t a = st->s0, b = st->s1;
    a = (a ^ (a << 24)) & M58;
    st->s0 = b;
    st->s1 = a ^ b ^ (a >> 11) ^ (b >> 41);
    return (rotl58((b * 5) & M58, 7) * 9) & M58;
}

/* Where there is no process dictionary (:erlang.put/get are the VM's,
 * absent when only the library is registered), the state is the
 * thread's. */
static _Thread_local Term local_state = NONE;
static _Thread_local Exsss local;

static Term erl(Proc *p, const char *name, unsigned arity, const Term *a)
{
    return bif_lookup(A(erlang), atom_from_cstr(name), arity)->fn(p, a);
}

static bool have_dict(void) { return bif_lookup(A(erlang), atom_from_cstr("put"), 2) != NULL; }

static bool word(Term t, uint64_t *out)
{
    if (!is_small(t) || small_val(t) < 0 || (uint64_t)small_val(t) > M58)
        return false;
    *out = (uint64_t)small_val(t);
    return true;
}

/* {:exsss, [s0 | s1]} -> st */
static bool state_of(Term t, Exsss *st)
{
    if (!is_tuple(t) || tuple_size(t) != 2 || !is_atom(tuple_get(t, 0)) || !is_cons(tuple_get(t, 1)))
        return false;
    Term l = tuple_get(t, 1);
    return word(list_head(l), &st->s0) && word(list_tail(l), &st->s1) && (st->s0 | st->s1) != 0;
}

static Term state_term(Proc *p, const Exsss *st)
{
    Term l = lib_cons(p, make_small((int64_t)st->s0), make_small((int64_t)st->s1));
    return l == NONE ? NONE : lib_tuple2(p, atom_from_cstr("exsss"), l);
}

/* Stores st as the process's :rand_seed; returns the state term. */
static Term store(Proc *p, const Exsss *st)
{
    Term t = state_term(p, st);
    if (t == NONE)
        return lib_oom(p);
    if (!have_dict()) {
        local = *st;
        local_state = A(true);
        return t;
    }
    Term a[2] = {atom_from_cstr("rand_seed"), t};
    return erl(p, "put", 2, a) == NONE ? NONE : t;
}

static Exsss clock_seed(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    static _Atomic uint64_t bump;
    return seed_int((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
                    (atomic_fetch_add(&bump, 0x9E37) + 0x9E37));
}

static Exsss load(Proc *p)
{
    if (!have_dict())
        return local_state != NONE ? local : clock_seed();
    Term k = atom_from_cstr("rand_seed");
    Term t = erl(p, "get", 1, &k);
    Exsss st;
    if (t == NONE || !state_of(t, &st))
        st = clock_seed();
    return st;
}

/* n (>= 1) draws' worth of 58-bit outputs; false on OOM. */
static bool draw(Proc *p, uint64_t *out, int n)
{
    Exsss st = load(p);
    for (int i = 0; i < n; i++)
        out[i] = step(&st);
    return store(p, &st) != NONE;
}

/* A double in [0, 1): the top 53 of the 58 bits, as OTP. */
static Term bif_uniform0(Proc *p, const Term *a)
{
    (void)a;
    uint64_t v;
    if (!draw(p, &v, 1))
        return NONE;
    Term t = lib_float(p, (double)(v >> 5) * 0x1.0p-53);
    return t == NONE ? lib_oom(p) : t;
}

/* uniform(n) for n past 2^58, as OTP's uniform_range/4 draws it for exsss
 * (58-bit words, no weak low bits), so seeded runs agree: v is the first
 * word, and more words are shifted in below it until they cover n (two
 * bits more unless n is a power of two). A v in the short top block is
 * thrown away and a fresh word starts the next try. Works on p's heap
 * (never runs the GC); NONE when that heap is out of memory. */
static Term uniform_big(Proc *p, Exsss *st, Term n, uint64_t v0)
{
    Heap *h = &p->heap;
    Term one = make_small(1);
    Term n1 = int_sub(h, n, one);
    Term low = n1 == NONE ? NONE : int_band(h, n, n1);
    if (low == NONE)
        return NONE;
    bool pow2 = low == make_small(0);
    for (;;) {
        Term v = lib_int(p, (int64_t)v0), rg = int_bsl(h, n, pow2 ? -58 : -56);
        int64_t bits = 58;
        while (v != NONE && rg != NONE && int_cmp(rg, one) > 0) {
            Term sh = int_bsl(h, v, 58);
            v = sh == NONE ? NONE : int_bor(h, sh, lib_int(p, (int64_t)step(st)));
            rg = int_bsl(h, rg, -58);
            bits += 58;
        }
        if (v == NONE || rg == NONE)
            return NONE;
        if (pow2) {
            Term r = int_band(h, v, n1);
            return r == NONE ? NONE : int_add(h, r, one);
        }
        /* i = v rem n is good when v - i <= 2^bits - n. */
        Term i = int_rem(h, v, n), top = int_bsl(h, one, bits);
        Term base = i == NONE ? NONE : int_sub(h, v, i);
        Term room = top == NONE ? NONE : int_sub(h, top, n);
        if (base == NONE || room == NONE)
            return NONE;
        if (int_cmp(base, room) <= 0)
            return int_add(h, i, one);
        v0 = step(st);
    }
}

/* uniform(n): v rem n + 1, redrawing when v falls in the short last
 * block (OTP's rule, so the draws match); ranges past 58 bits go to
 * uniform_big. n is any positive integer, big ones included. */
static Term bif_uniform1(Proc *p, const Term *a)
{
    if (!is_integer(a[0]) || int_sign(a[0]) < 1)
        return lib_function_clause(p, "rand", "uniform", 1);
    Exsss st = load(p);
    uint64_t v = step(&st);
    Term r;
    if (!is_small(a[0]) || (uint64_t)small_val(a[0]) > M58 + 1) {
        r = uniform_big(p, &st, a[0], v);
        if (r == NONE)
            return lib_oom(p);
    } else {
        uint64_t n = (uint64_t)small_val(a[0]);
        for (;;) {
            uint64_t q = v % n;
            if (v < n || v - q <= (M58 + 1) - n) {
                v = q;
                break;
            }
            v = step(&st);
        }
        r = lib_int(p, (int64_t)v + 1);
    }
    if (store(p, &st) == NONE)
        return NONE;
    return r;
}

static Term bif_normal0(Proc *p, const Term *a)
{
    (void)a;
    uint64_t v[2];
    do {
        if (!draw(p, v, 2))
            return NONE;
    } while ((v[0] >> 5) == 0);
    double u1 = (double)(v[0] >> 5) * 0x1.0p-53, u2 = (double)(v[1] >> 5) * 0x1.0p-53;
    Term t = lib_float(p, sqrt(-2.0 * log(u1)) * cos(2 * M_PI * u2));
    return t == NONE ? lib_oom(p) : t;
}

static bool u64_of(Term t, uint64_t *out)
{
    if (!is_small(t))
        return false;
    *out = (uint64_t)small_val(t);
    return true;
}

/* seed(alg, {a, b, c}) / seed(alg, integer) / seed(alg, state): every
 * algorithm name gets exsss. Returns the new state {:exsss, [s0 | s1]}. */
static Term seed(Proc *p, Term alg, Term s)
{
    Exsss st;
    uint64_t w[3];
    if (!is_atom(alg))
        return lib_function_clause(p, "rand", "seed", 2);
    if (is_tuple(s) && tuple_size(s) == 3 && u64_of(tuple_get(s, 0), &w[0]) &&
        u64_of(tuple_get(s, 1), &w[1]) && u64_of(tuple_get(s, 2), &w[2]))
        st = seed_tuple(w[0], w[1], w[2]);
    else if (u64_of(s, &w[0]))
        st = seed_int(w[0]);
    else if (!state_of(s, &st))
        return lib_function_clause(p, "rand", "seed", 2);
    return store(p, &st);
}

static Term bif_seed1(Proc *p, const Term *a)
{
    if (is_atom(a[0])) {
        Exsss st = clock_seed();
        return store(p, &st);
    }
    Exsss st;
    if (!state_of(a[0], &st))
        return lib_function_clause(p, "rand", "seed", 1);
    return store(p, &st);
}

static Term bif_seed2(Proc *p, const Term *a) { return seed(p, a[0], a[1]); }

static Term bif_export_seed(Proc *p, const Term *a)
{
    (void)a;
    if (!have_dict())
        return local_state != NONE ? state_term(p, &local) : A(undefined);
    Term k = atom_from_cstr("rand_seed");
    Term t = erl(p, "get", 1, &k);
    Exsss st;
    return t != NONE && state_of(t, &st) ? t : A(undefined);
}

static const BifDef rand_bifs[] = {
    {"rand", "uniform", 0, 0, bif_uniform0, NULL},
    {"rand", "uniform", 1, 0, bif_uniform1, NULL},
    {"rand", "uniform_real", 0, 0, bif_uniform0, NULL},
    {"rand", "normal", 0, 0, bif_normal0, NULL},
    {"rand", "seed", 1, 0, bif_seed1, NULL},
    {"rand", "seed", 2, 0, bif_seed2, NULL},
    {"rand", "export_seed", 0, 0, bif_export_seed, NULL},
};

int lib_rand_register(void)
{
    return bif_register(rand_bifs, LIB_NDEFS(rand_bifs));
}
