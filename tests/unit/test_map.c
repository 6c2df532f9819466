/* test_map.c — flat maps and the HAMT against a simple reference model. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "atom.h"
#include "big.h"
#include "bin.h"
#include "gc.h"
#include "map.h"
#include "err.h"
#include "mem.h"
#include "heap_test.h"

static int setup(void **state)
{
    if (heap_test_new(state, 1 << 16) != 0)
        return -1;
    return atom_init() != 0 ? -1 : 0;
}

static int teardown(void **state)
{
    map_set_hash_for_test(NULL);
    heap_test_free(state);
    atom_fini();
    return 0;
}

/* ---- reference model: an unsorted array searched with === ---------------- */

typedef struct Model {
    Term keys[4096], values[4096];
    size_t n;
} Model;

static size_t model_find(const Model *m, Term key)
{
    for (size_t i = 0; i < m->n; i++)
        if (term_eq_exact(m->keys[i], key))
            return i;
    return SIZE_MAX;
}

static void model_put(Model *m, Term key, Term value)
{
    size_t i = model_find(m, key);
    if (i == SIZE_MAX)
        i = m->n++;
    m->keys[i] = key;
    m->values[i] = value;
}

static void model_remove(Model *m, Term key)
{
    size_t i = model_find(m, key);
    if (i == SIZE_MAX)
        return;
    m->n--;
    m->keys[i] = m->keys[m->n];
    m->values[i] = m->values[m->n];
}

/* The map holds exactly the model's pairs, and its sorted view is in
 * strictly increasing key order. */
static void check_against(Term map, const Model *m)
{
    assert_int_equal(map_size(map), m->n);
    assert_true(is_boxed_kind(map, m->n <= MAP_FLAT_MAX ? HDR_MAP : HDR_HAMT_ROOT));
    for (size_t i = 0; i < m->n; i++) {
        Term v = map_get(map, m->keys[i]);
        assert_true(v != NONE);
        assert_true(term_eq_exact(v, m->values[i]));
    }
    static Term keys[4096], vals[4096];
    map_sorted(map, keys, vals);
    for (size_t i = 0; i + 1 < m->n; i++)
        assert_true(term_cmp_exact(keys[i], keys[i + 1]) < 0);
    for (size_t i = 0; i < m->n; i++)
        assert_true(term_eq_exact(vals[i], m->values[model_find(m, keys[i])]));
}

static Term random_key(Heap *h, unsigned r)
{
    switch (r % 8) {
    case 0: return float_new(h, (double)(r % 1024) / 4.0);
    case 1: return int_add(h, int_pow(h, make_small(2), 70), make_small(r % 1024));
    case 2: {
        char name[16];
        snprintf(name, sizeof name, "k%u", r % 512);
        return atom_from_cstr(name);
    }
    case 3: {
        char txt[16];
        snprintf(txt, sizeof txt, "b%u", r % 1024);
        return bin_new(h, txt, strlen(txt));
    }
    default: return make_small((int64_t)(r % 4096) - 300);
    }
}

static void put_get_remove_match_a_reference_model(void **state)
{
    Heap *h = *state;
    static Model m;
    m.n = 0;
    Term map = map_new(h);
    size_t peak = 0;
    srand(1234);
    /* Grow past 1000 keys with some removals on the way, then shrink. */
    for (int step = 0; step < 6000; step++) {
        bool grow = step < 3000;
        Term key = random_key(h, (unsigned)rand());
        if ((rand() % 10 < 7) == grow) {
            Term val = make_small(step);
            map = map_put(h, map, key, val);
            model_put(&m, key, val);
        } else {
            map = map_remove(h, map, key);
            model_remove(&m, key);
        }
        assert_true(map != NONE);
        assert_int_equal(map_size(map), m.n);
        if (step % 97 == 0 || m.n <= MAP_FLAT_MAX + 2)
            check_against(map, &m);
        peak = m.n > peak ? m.n : peak;
    }
    assert_true(peak >= 1000);
    check_against(map, &m);
    while (m.n > 0) { /* empty it completely */
        map = map_remove(h, map, m.keys[0]);
        model_remove(&m, m.keys[0]);
        assert_int_equal(map_size(map), m.n);
    }
    check_against(map, &m);
}

static void old_versions_stay_intact(void **state)
{
    Heap *h = *state;
    enum { N = 300 };
    static Term versions[N + 1];
    versions[0] = map_new(h);
    for (int i = 0; i < N; i++)
        versions[i + 1] = map_put(h, versions[i], make_small(i * 7919 % 1000), make_small(i));
    Term shrunk = versions[N];
    for (int i = 0; i < N; i += 2)
        shrunk = map_remove(h, shrunk, make_small(i * 7919 % 1000));
    for (int v = 0; v <= N; v++) {
        assert_int_equal(map_size(versions[v]), v);
        for (int i = 0; i < N; i++) {
            Term got = map_get(versions[v], make_small(i * 7919 % 1000));
            assert_true(i < v ? got == make_small(i) : got == NONE);
        }
    }
    assert_int_equal(map_size(shrunk), N / 2);
}

static void crossing_32_keys_switches_representation(void **state)
{
    Heap *h = *state;
    Term map = map_new(h);
    for (int i = 0; i < MAP_FLAT_MAX; i++)
        map = map_put(h, map, make_small(i), make_small(-i));
    assert_true(is_boxed_kind(map, HDR_MAP));
    Term big = map_put(h, map, make_small(1000), NIL);
    assert_true(is_boxed_kind(big, HDR_HAMT_ROOT));
    assert_int_equal(map_size(big), MAP_FLAT_MAX + 1);
    Term back = map_remove(h, big, make_small(5));
    assert_true(is_boxed_kind(back, HDR_MAP));
    assert_int_equal(map_size(back), MAP_FLAT_MAX);
    assert_true(map_get(back, make_small(5)) == NONE);
    assert_true(map_get(back, make_small(1000)) == NIL);
    assert_true(map_get(back, make_small(31)) == make_small(-31));
    assert_true(map_remove(h, big, make_small(-1)) == big); /* absent: same map */
}

static Term tuple2(Heap *h, Term a, Term b)
{
    Term *p = heap_alloc(h, 3);
    p[0] = make_header(HDR_TUPLE, 2);
    p[1] = a;
    p[2] = b;
    return make_boxed(p);
}

static Term cons(Heap *h, Term hd, Term tl)
{
    Term *p = heap_alloc(h, 2);
    p[0] = hd;
    p[1] = tl;
    return make_list(p);
}

/* One key of every kind; 1 and 1.0 among them, as different keys. */
static size_t every_kind(Heap *h, Term *keys)
{
    size_t n = 0;
    keys[n++] = make_small(1);
    keys[n++] = float_new(h, 1.0);
    keys[n++] = int_pow(h, make_small(10), 30);
    keys[n++] = atom_from_cstr("ok");
    keys[n++] = NIL;
    keys[n++] = cons(h, make_small(1), NIL);
    keys[n++] = tuple2(h, make_small(1), atom_from_cstr("x"));
    keys[n++] = bin_new(h, "hello", 5);
    keys[n++] = bin_new(h, NULL, 500);
    keys[n++] = bin_new_bits(h, "\xA0", 3);
    keys[n++] = make_pid(42);
    Term inner = map_put(h, map_new(h), make_small(1), make_small(2));
    keys[n++] = inner;
    return n;
}

static void keys_of_every_kind_work_flat_and_hashed(void **state)
{
    Heap *h = *state;
    Term keys[16];
    size_t n = every_kind(h, keys);
    Term flat = map_new(h), hashed = map_new(h);
    for (int i = 0; i < 40; i++) /* padding pushes the second map past 32 */
        hashed = map_put(h, hashed, make_small(100 + i), NIL);
    for (size_t i = 0; i < n; i++) {
        flat = map_put(h, flat, keys[i], make_small((int64_t)i));
        hashed = map_put(h, hashed, keys[i], make_small((int64_t)i));
    }
    assert_true(is_boxed_kind(flat, HDR_MAP) && is_boxed_kind(hashed, HDR_HAMT_ROOT));
    assert_int_equal(map_size(flat), n);
    for (size_t i = 0; i < n; i++) {
        assert_true(map_get(flat, keys[i]) == make_small((int64_t)i));
        assert_true(map_get(hashed, keys[i]) == make_small((int64_t)i));
    }
    /* An equal key built separately finds the same entry. */
    Term again = tuple2(h, make_small(1), atom_from_cstr("x"));
    assert_true(map_get(hashed, again) == make_small(6));
}

static void one_and_one_point_zero_are_distinct_keys(void **state)
{
    Heap *h = *state;
    Term m = map_put(h, map_new(h), make_small(1), atom_from_cstr("int"));
    m = map_put(h, m, float_new(h, 1.0), atom_from_cstr("float"));
    assert_int_equal(map_size(m), 2);
    assert_true(map_get(m, make_small(1)) == atom_from_cstr("int"));
    assert_true(map_get(m, float_new(h, 1.0)) == atom_from_cstr("float"));
    Term keys[2], vals[2];
    map_sorted(m, keys, vals);
    assert_true(keys[0] == make_small(1)); /* the integer orders first */
    m = map_remove(h, m, make_small(1));
    assert_true(map_get(m, float_new(h, 1.0)) == atom_from_cstr("float"));
    assert_true(map_get(m, make_small(1)) == NONE);
}

static void from_pairs_lets_later_keys_win(void **state)
{
    Heap *h = *state;
    enum { N = 200 };
    Term keys[N], vals[N];
    for (int i = 0; i < N; i++) {
        keys[i] = make_small(i % 50);
        vals[i] = make_small(i);
    }
    Term m = map_from_pairs(h, N, keys, vals);
    assert_int_equal(map_size(m), 50);
    assert_true(is_boxed_kind(m, HDR_HAMT_ROOT));
    for (int k = 0; k < 50; k++)
        assert_true(map_get(m, make_small(k)) == make_small(150 + k));
    Term small = map_from_pairs(h, 6, keys + 40, vals + 40); /* keys 40..45 */
    assert_true(is_boxed_kind(small, HDR_MAP));
    assert_true(map_get(small, make_small(43)) == make_small(43));
    assert_int_equal(map_size(map_from_pairs(h, 0, NULL, NULL)), 0);
}

static void bulk_built_and_incremental_maps_agree(void **state)
{
    Heap *h = *state;
    enum { N = 500 };
    Term keys[N], vals[N];
    Term inc = map_new(h);
    for (int i = 0; i < N; i++) {
        keys[i] = make_small(i * 37 - 9000);
        vals[i] = make_small(i);
        inc = map_put(h, inc, keys[i], vals[i]);
    }
    Term bulk = map_from_pairs(h, N, keys, vals);
    assert_int_equal(term_cmp_exact(inc, bulk), 0);
    static Term k1[N], v1[N], k2[N], v2[N];
    map_sorted(inc, k1, v1);
    map_sorted(bulk, k2, v2);
    assert_memory_equal(k1, k2, sizeof k1);
    assert_memory_equal(v1, v2, sizeof v1);
}

static uint64_t same_hash(Term t)
{
    (void)t;
    return UINT64_C(0xDEADBEEF);
}

static uint64_t two_bit_hash(Term t) { return is_small(t) ? (uint64_t)small_val(t) & 3 : 0; }

static void full_hash_collisions_are_kept_apart(void **state)
{
    Heap *h = *state;
    uint64_t (*hashes[2])(Term) = {same_hash, two_bit_hash};
    for (int which = 0; which < 2; which++) {
        map_set_hash_for_test(hashes[which]);
        static Model m;
        m.n = 0;
        Term map = map_new(h);
        for (int i = 0; i < 120; i++) {
            map = map_put(h, map, make_small(i), make_small(i * 2));
            model_put(&m, make_small(i), make_small(i * 2));
        }
        check_against(map, &m);
        map = map_put(h, map, make_small(7), NIL);
        model_put(&m, make_small(7), NIL);
        for (int i = 0; i < 120; i += 3) {
            map = map_remove(h, map, make_small(i));
            model_remove(&m, make_small(i));
            check_against(map, &m);
        }
        while (m.n) {
            map = map_remove(h, map, m.keys[m.n - 1]);
            model_remove(&m, m.keys[m.n - 1]);
            assert_int_equal(map_size(map), m.n);
        }
    }
    map_set_hash_for_test(NULL);
}

static void putting_the_same_value_shares_the_map(void **state)
{
    Heap *h = *state;
    Term m = map_new(h);
    for (int i = 0; i < 100; i++)
        m = map_put(h, m, make_small(i), make_small(i));
    assert_true(map_put(h, m, make_small(42), make_small(42)) == m);
    Term f = map_put(h, map_new(h), make_small(1), NIL);
    assert_true(map_put(h, f, make_small(1), NIL) == f);
    /* A new value in a flat map keeps the keys tuple shared. */
    Term g = map_put(h, f, make_small(1), make_small(2));
    assert_true(boxed_ptr(g)[1] == boxed_ptr(f)[1]);
}

typedef struct Count {
    size_t seen, stop_at;
} Count;

static bool count_until(Term k, Term v, void *ctx)
{
    (void)k, (void)v;
    Count *c = ctx;
    return ++c->seen < c->stop_at;
}

static void each_visits_all_or_stops_early(void **state)
{
    Heap *h = *state;
    Term m = map_new(h);
    for (int i = 0; i < 77; i++)
        m = map_put(h, m, make_small(i), NIL);
    Count all = {0, SIZE_MAX}, some = {0, 10};
    map_each(m, count_until, &all);
    map_each(m, count_until, &some);
    assert_int_equal(all.seen, 77);
    assert_int_equal(some.seen, 10);
}

/* ---- OTP 25's order ------------------------------------------------------ */

typedef struct Seen {
    int64_t keys[64];
    size_t n;
} Seen;

static bool record(Term key, Term value, void *ctx)
{
    (void)value;
    Seen *s = ctx;
    s->keys[s->n++] = small_val(key);
    return true;
}

/* Recorded from Elixir 1.14 on OTP 25: Map.keys(Map.new(1..40, ...)) and
 * the order Enum.reduce (:maps.fold) visits the same map in. */
static void large_maps_list_keys_in_the_beams_order(void **state)
{
    Heap *h = *state;
    static const int64_t beam[40] = {33, 12, 23, 29, 30, 39, 26, 31, 11, 37, 9, 32, 34, 25,
                                     28, 6, 38, 13, 40, 20, 15, 14, 2, 7, 1, 8, 3, 17,
                                     22, 21, 4, 36, 24, 10, 35, 27, 19, 5, 18, 16};
    Term m = map_new(h);
    for (int64_t i = 1; i <= 40; i++)
        m = map_put(h, m, make_small(i), NIL);
    Seen list = {.n = 0}, fold = {.n = 0};
    map_each(m, record, &list);
    map_each_fold(m, record, &fold);
    assert_int_equal(list.n, 40);
    assert_int_equal(fold.n, 40);
    for (size_t i = 0; i < 40; i++) {
        assert_int_equal(list.keys[i], beam[i]);
        assert_int_equal(fold.keys[i], beam[39 - i]);
    }
}

static void small_maps_fold_and_list_in_key_order(void **state)
{
    Heap *h = *state;
    Term m = map_new(h);
    for (int64_t i = 32; i >= 1; i--)
        m = map_put(h, m, make_small(i), NIL);
    Seen fold = {.n = 0};
    map_each_fold(m, record, &fold);
    for (size_t i = 0; i < 32; i++)
        assert_int_equal(fold.keys[i], (int64_t)i + 1);
}

/* Equal keys must hash equal whatever their layout: a sub-binary at a bit
 * offset and a binary of its own, whole bytes or not. */
static void equal_keys_hash_equal_whatever_their_layout(void **state)
{
    Heap *h = *state;
    const uint8_t bytes[] = {0x5a, 0xc3, 0x96, 0x0f, 0xf0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66,
                             0x77, 0x88, 0x99, 0xaa};
    uint8_t shifted[sizeof bytes + 1] = {0};
    for (size_t i = 0; i < sizeof bytes; i++) {
        shifted[i] |= (uint8_t)(bytes[i] >> 3);
        shifted[i + 1] |= (uint8_t)(bytes[i] << 5);
    }
    Term whole = bin_new(h, bytes, sizeof bytes);
    Term carrier = bin_new(h, shifted, sizeof shifted);
    Term sub = bin_sub(h, carrier, 3, 8 * sizeof bytes);
    assert_true(term_eq_exact(whole, sub));
    assert_int_equal(map_ihash(whole, 0), map_ihash(sub, 0));
    Term tail = bin_sub(h, carrier, 3, 8 * sizeof bytes - 5);
    Term tail2 = bin_new_bits(h, bytes, 8 * sizeof bytes - 5);
    assert_int_equal(map_ihash(tail, 1), map_ihash(tail2, 1));
    assert_int_not_equal(map_ihash(whole, 0), map_ihash(tail2, 0));
}

/* The collector learns our node shapes only from hdr_terms(): a map that
 * survives a collection must still hold every pair. */
static void maps_survive_garbage_collection(void **state)
{
    Heap *h = *state;
    static Model m;
    m.n = 0;
    Term roots[2] = {map_new(h), map_new(h)};
    for (int i = 0; i < 600; i++) {
        Term key = random_key(h, (unsigned)i * 2654435761u);
        roots[0] = map_put(h, roots[0], key, make_small(i));
        model_put(&m, key, make_small(i));
        if (i < 20)
            roots[1] = map_put(h, roots[1], key, make_small(i));
    }
    Term *ranges[1] = {roots};
    size_t counts[1] = {2};
    GcRoots r = {ranges, counts, 1};
    assert_int_equal(gc_collect(h, &r, 0), 0);
    assert_int_equal(map_size(roots[1]), 20);
    /* The model's keys moved too: look them up in the new map's own keys. */
    static Term keys[4096], vals[4096];
    map_sorted(roots[0], keys, vals);
    assert_int_equal(map_size(roots[0]), m.n);
    for (size_t i = 0; i < m.n; i++)
        assert_true(map_get(roots[0], keys[i]) == vals[i]);
    assert_true(map_get(roots[0], make_small(-1)) == NONE);
}

/* Scale, not speed: no timing is asserted here. */
static void a_hundred_thousand_keys_build_and_read_back(void **state)
{
    Heap *h = *state;
    enum { N = 100000 };
    Term m = map_new(h);
    Term *ranges[1] = {&m};
    size_t counts[1] = {1};
    GcRoots roots = {ranges, counts, 1};
    for (int64_t i = 0; i < N; i++) {
        m = map_put(h, m, make_small(i * 2654435761 % 1000003), make_small(i));
        if (i % 10000 == 0) /* as a process would at its safe points */
            assert_int_equal(gc_collect(h, &roots, 0), 0);
    }
    assert_int_equal(map_size(m), N);
    for (int64_t i = 0; i < N; i++)
        assert_true(map_get(m, make_small(i * 2654435761 % 1000003)) == make_small(i));
    for (int64_t i = 0; i < N; i += 2)
        m = map_remove(h, m, make_small(i * 2654435761 % 1000003));
    assert_int_equal(map_size(m), N / 2);
    assert_true(map_get(m, make_small(1 * 2654435761 % 1000003)) == make_small(1));
}

static void non_maps_are_refused(void **state)
{
    Heap *h = *state;
    assert_true(map_put(h, make_small(1), NIL, NIL) == NONE);
    assert_true(map_remove(h, NIL, NIL) == NONE);
    assert_true(map_get(make_atom(2), NIL) == NONE);
    assert_int_equal(map_size(NIL), 0);
}

static void failed_allocation_gives_none_not_a_crash(void **state)
{
    (void)state;
    Term keys[100], vals[100];
    for (int i = 0; i < 100; i++)
        keys[i] = vals[i] = make_small(i);
    for (uint64_t n = 1; n < 6; n++) {
        Heap h;
        assert_int_equal(heap_init(&h, HEAP_MIN_WORDS), 0);
        mem_fail_after(n);
        Term m = map_from_pairs(&h, 100, keys, vals);
        mem_fail_after(0);
        assert_true(m == NONE || map_size(m) == 100);
        verify(&h);
    heap_fini(&h);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(put_get_remove_match_a_reference_model),
        T(old_versions_stay_intact),
        T(crossing_32_keys_switches_representation),
        T(keys_of_every_kind_work_flat_and_hashed),
        T(one_and_one_point_zero_are_distinct_keys),
        T(from_pairs_lets_later_keys_win),
        T(bulk_built_and_incremental_maps_agree),
        T(full_hash_collisions_are_kept_apart),
        T(putting_the_same_value_shares_the_map),
        T(each_visits_all_or_stops_early),
        T(large_maps_list_keys_in_the_beams_order),
        T(small_maps_fold_and_list_in_key_order),
        T(equal_keys_hash_equal_whatever_their_layout),
        T(maps_survive_garbage_collection),
        T(a_hundred_thousand_keys_build_and_read_back),
        T(non_maps_are_refused),
        T(failed_allocation_gives_none_not_a_crash),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
