/* rand.c — the :rand module's common functions (uniform/0,1,
 * uniform_real/0, normal/0, seed/1,2, seed_s-free). The generator is
 * xoshiro256** with state per scheduler thread, seeded from the clock on
 * first use or from the term given to seed/1,2 (hashed). Results are
 * not BEAM's exsss sequence: a seeded run is repeatable on mote, not
 * bit-identical to Erlang's (docs/builtins.md).
 */
#include <math.h>
#include <time.h>

#include "big.h"
#include "lib.h"

static _Thread_local uint64_t st[4];
static _Thread_local bool seeded;

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static void seed_with(uint64_t x)
{
    for (int i = 0; i < 4; i++)
        st[i] = splitmix(&x);
    seeded = true;
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next(void)
{
    if (!seeded) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        seed_with((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ (uint64_t)(uintptr_t)&st);
    }
    uint64_t r = rotl(st[1] * 5, 7) * 9, t = st[1] << 17;
    st[2] ^= st[0];
    st[3] ^= st[1];
    st[1] ^= st[2];
    st[0] ^= st[3];
    st[2] ^= t;
    st[3] = rotl(st[3], 45);
    return r;
}

/* A double in [0, 1) with 53 random bits. */
static double next_real(void) { return (double)(next() >> 11) * 0x1.0p-53; }

static Term bif_uniform0(Proc *p, const Term *a)
{
    (void)a;
    Term t = lib_float(p, next_real());
    return t == NONE ? lib_oom(p) : t;
}

/* uniform(n): 1..n without modulo bias (rejection of the short tail). */
static Term bif_uniform1(Proc *p, const Term *a)
{
    if (!is_small(a[0]) || small_val(a[0]) < 1)
        return lib_function_clause(p, "rand", "uniform", 1);
    uint64_t n = (uint64_t)small_val(a[0]), limit = UINT64_MAX - UINT64_MAX % n, r;
    do
        r = next();
    while (r >= limit);
    return lib_int(p, (int64_t)(r % n) + 1);
}

static Term bif_normal0(Proc *p, const Term *a)
{
    (void)a;
    double u1 = next_real(), u2 = next_real();
    while (u1 <= 0.0)
        u1 = next_real();
    Term t = lib_float(p, sqrt(-2.0 * log(u1)) * cos(2 * M_PI * u2));
    return t == NONE ? lib_oom(p) : t;
}

/* seed(alg, seed) / seed(alg_or_seed): the state is a function of the
 * seed term; returns a state tuple {alg, :mote} as a stand-in. */
static Term seed(Proc *p, Term alg, Term s)
{
    seed_with(term_hash(s) ^ (s == NONE ? 0 : term_hash(alg)));
    Term r = lib_tuple2(p, is_atom(alg) ? alg : atom_from_cstr("exsss"), atom_from_cstr("mote"));
    return r == NONE ? lib_oom(p) : r;
}

static Term bif_seed1(Proc *p, const Term *a)
{
    if (is_atom(a[0])) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        return seed(p, a[0], make_small(ts.tv_nsec ^ ts.tv_sec));
    }
    return seed(p, atom_from_cstr("exsss"), a[0]);
}

static Term bif_seed2(Proc *p, const Term *a) { return seed(p, a[0], a[1]); }

static const BifDef rand_bifs[] = {
    {"rand", "uniform", 0, 0, bif_uniform0, NULL},
    {"rand", "uniform", 1, 0, bif_uniform1, NULL},
    {"rand", "uniform_real", 0, 0, bif_uniform0, NULL},
    {"rand", "normal", 0, 0, bif_normal0, NULL},
    {"rand", "seed", 1, 0, bif_seed1, NULL},
    {"rand", "seed", 2, 0, bif_seed2, NULL},
};

int lib_rand_register(void)
{
    return bif_register(rand_bifs, LIB_NDEFS(rand_bifs));
}
