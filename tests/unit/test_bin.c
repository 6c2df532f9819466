/* test_bin.c — heap and refcounted binaries, slices, odd-sized bitstrings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>

#include "bin.h"
#include "gc.h"
#include "err.h"
#include "mem.h"
#include "heap_test.h"

static int setup(void **state)
{
    return heap_test_new(state, 1 << 12);
}

static int teardown(void **state)
{
    heap_test_free(state);
    return 0;
}

static Bin *bin_of(Term t) { return (Bin *)(uintptr_t)boxed_ptr(t)[2]; }

static bool on_list(Term *list, Term t)
{
    for (; list; list = (Term *)(uintptr_t)list[4])
        if (list == boxed_ptr(t))
            return true;
    return false;
}

static bool on_some_offheap_list(const Heap *h, Term t)
{
    if (on_list(h->mso, t))
        return true;
    for (HeapFrag *f = h->frags; f; f = f->next)
        if (on_list(f->mso, t))
            return true;
    return false;
}

static void up_to_64_bytes_live_on_the_heap(void **state)
{
    Heap *h = *state;
    uint8_t data[65];
    for (int i = 0; i < 65; i++)
        data[i] = (uint8_t)i;
    Term small = bin_new(h, data, 64);
    Term large = bin_new(h, data, 65);
    assert_true(is_boxed_kind(small, HDR_HEAPBIN));
    assert_true(is_boxed_kind(large, HDR_REFBIN));
    assert_int_equal(boxed_size_words(small), bin_heap_words(64));
    assert_int_equal(boxed_size_words(large), bin_heap_words(65));
    const uint8_t *p;
    size_t len;
    assert_true(bin_bytes(small, &p, &len) && len == 64);
    assert_memory_equal(p, data, 64);
    assert_true(bin_bytes(large, &p, &len) && len == 65);
    assert_memory_equal(p, data, 65);
    assert_true(is_binary(small) && is_binary(large));
}

static void refbin_joins_the_offheap_list_with_one_reference(void **state)
{
    Heap *h = *state;
    Term t = bin_new(h, NULL, 1000);
    assert_true(on_some_offheap_list(h, t));
    assert_int_equal(atomic_load(&bin_of(t)->refc), 1);
    const uint8_t *p;
    size_t len;
    assert_true(bin_bytes(t, &p, &len) && len == 1000);
    for (size_t i = 0; i < len; i++)
        assert_int_equal(p[i], 0);
}

static void refbins_from_fragments_are_listed_too(void **state)
{
    (void)state;
    Heap h;
    assert_int_equal(heap_init(&h, HEAP_MIN_WORDS), 0);
    Term ts[40];
    for (int i = 0; i < 40; i++) {
        ts[i] = bin_new(&h, NULL, 100);
        assert_true(ts[i] != NONE);
    }
    assert_non_null(h.frags); /* 40 x 5 words cannot fit the first block */
    for (int i = 0; i < 40; i++)
        assert_true(on_some_offheap_list(&h, ts[i]));
    verify(&h);
    heap_fini(&h);
}

static void last_decref_frees_the_bin(void **state)
{
    (void)state;
    size_t before = mem_in_use(MEM_BIN);
    Bin *b = bin_alloc(4096);
    assert_non_null(b);
    assert_true(mem_in_use(MEM_BIN) >= before + 4096);
    bin_incref(b);
    bin_decref(b);
    assert_true(mem_in_use(MEM_BIN) >= before + 4096);
    bin_decref(b);
    assert_int_equal(mem_in_use(MEM_BIN), before);
}

static void *churn_refs(void *arg)
{
    Bin *b = arg;
    for (int i = 0; i < 100000; i++) {
        bin_incref(b);
        bin_decref(b);
    }
    return NULL;
}

/* Two threads sharing one Bin, as two processes on two schedulers do: the
 * count must come back to exactly one (run this under TSan too). */
static void refcounts_are_exact_across_threads(void **state)
{
    (void)state;
    size_t before = mem_in_use(MEM_BIN);
    Bin *b = bin_alloc(100);
    assert_non_null(b);
    pthread_t t1, t2;
    assert_int_equal(pthread_create(&t1, NULL, churn_refs, b), 0);
    assert_int_equal(pthread_create(&t2, NULL, churn_refs, b), 0);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    assert_int_equal(atomic_load(&b->refc), 1);
    bin_decref(b);
    assert_int_equal(mem_in_use(MEM_BIN), before);
}

static void heap_fini_releases_refbins(void **state)
{
    (void)state;
    size_t before = mem_in_use(MEM_BIN);
    Heap h;
    assert_int_equal(heap_init(&h, 256), 0);
    for (int i = 0; i < 10; i++)
        assert_true(bin_new(&h, NULL, 200 + (size_t)i) != NONE);
    assert_true(mem_in_use(MEM_BIN) > before);
    verify(&h);
    heap_fini(&h);
    assert_int_equal(mem_in_use(MEM_BIN), before);
}

static void a_slice_of_a_slice_points_at_the_original(void **state)
{
    Heap *h = *state;
    uint8_t data[100];
    for (int i = 0; i < 100; i++)
        data[i] = (uint8_t)(i * 3);
    Term whole = bin_new(h, data, 100);
    Term s1 = bin_sub(h, whole, 80, 400);   /* bytes 10..59 */
    Term s2 = bin_sub(h, s1, 16, 80);       /* bytes 12..21 */
    assert_true(is_boxed_kind(s2, HDR_SUBBIN));
    assert_true(boxed_ptr(s2)[3] == whole);
    const uint8_t *p;
    size_t len;
    assert_true(bin_bytes(s2, &p, &len) && len == 10);
    assert_memory_equal(p, data + 12, 10);
    Term empty = bin_sub(h, s2, 80, 0);
    assert_true(bin_bytes(empty, &p, &len) && len == 0);
    assert_true(bin_sub(h, whole, 0, 800) == whole);
}

static void refuses_slices_out_of_range(void **state)
{
    Heap *h = *state;
    Term b = bin_new(h, "abcd", 4);
    assert_true(bin_sub(h, b, 0, 33) == NONE);
    assert_true(bin_sub(h, b, 33, 0) == NONE);
    assert_true(bin_sub(h, b, SIZE_MAX, 2) == NONE);
    assert_true(bin_sub(h, b, 8, SIZE_MAX) == NONE);
    assert_true(bin_sub(h, make_small(1), 0, 0) == NONE);
}

static void odd_sized_bitstrings_zero_their_tail_bits(void **state)
{
    Heap *h = *state;
    const uint8_t ones[2] = {0xFF, 0xFF};
    Term t = bin_new_bits(h, ones, 13);
    const uint8_t *p;
    size_t off, bits, len;
    bin_bits(t, &p, &off, &bits);
    assert_int_equal(bits, 13);
    assert_int_equal(off, 0);
    assert_int_equal(p[0], 0xFF);
    assert_int_equal(p[1], 0xF8);
    assert_false(is_binary(t));
    assert_false(bin_bytes(t, &p, &len));
    assert_true(is_bitstring(t));
}

static void unaligned_slices_report_their_bit_offset(void **state)
{
    Heap *h = *state;
    const uint8_t data[3] = {0x12, 0x34, 0x56};
    Term b = bin_new(h, data, 3);
    Term s = bin_sub(h, b, 11, 8);
    const uint8_t *p;
    size_t off, bits, len;
    bin_bits(s, &p, &off, &bits);
    assert_true(p == (const uint8_t *)(boxed_ptr(b) + 2) + 1);
    assert_int_equal(off, 3);
    assert_int_equal(bits, 8);
    assert_true(is_binary(s));             /* whole bytes, though unaligned */
    assert_false(bin_bytes(s, &p, &len)); /* but not byte-aligned */
    Term s2 = bin_sub(h, s, 5, 3);
    bin_bits(s2, &p, &off, &bits);
    assert_int_equal(off, 0); /* bit 16 of the original */
    assert_int_equal(bits, 3);
}

static void large_bitstrings_are_refcounted(void **state)
{
    Heap *h = *state;
    Term t = bin_new_bits(h, NULL, 8 * BIN_HEAP_MAX + 1);
    assert_true(is_boxed_kind(t, HDR_REFBIN));
    assert_false(is_binary(t));
    assert_int_equal(bin_of(t)->size_bytes, BIN_HEAP_MAX + 1);
}

static void non_bitstrings_have_no_bits(void **state)
{
    Heap *h = *state;
    const uint8_t *p = (const uint8_t *)"x";
    size_t off = 9, bits = 9, len = 9;
    bin_bits(make_small(3), &p, &off, &bits);
    assert_null(p);
    assert_int_equal(bits, 0);
    assert_false(bin_bytes(NIL, &p, &len));
    assert_false(is_binary(NIL));
    (void)h;
}

static void collection_keeps_reachable_refbins_and_frees_the_rest(void **state)
{
    (void)state;
    size_t before = mem_in_use(MEM_BIN);
    Heap h;
    assert_int_equal(heap_init(&h, 256), 0);
    Term keep = bin_new(&h, "0123456789012345678901234567890123456789012345678901234567890123456789", 70);
    Term slice = bin_sub(&h, keep, 8, 16);
    for (int i = 0; i < 20; i++)
        assert_true(bin_new(&h, NULL, 1000) != NONE);
    Term roots[1] = {slice};
    Term *ranges[1] = {roots};
    size_t counts[1] = {1};
    GcRoots r = {ranges, counts, 1};
    assert_int_equal(gc_collect(&h, &r, 0), 0);
    assert_int_equal(mem_in_use(MEM_BIN), before + sizeof(Bin) + 70);
    const uint8_t *p;
    size_t len;
    assert_true(bin_bytes(roots[0], &p, &len) && len == 2);
    assert_memory_equal(p, "12", 2);
    verify(&h);
    heap_fini(&h);
    assert_int_equal(mem_in_use(MEM_BIN), before);
}

static void failed_allocation_gives_none(void **state)
{
    Heap *h = *state;
    size_t before = mem_in_use(MEM_BIN);
    mem_fail_after(1);
    Term t = bin_new(h, NULL, 10000);
    mem_fail_after(0);
    assert_true(t == NONE);
    assert_int_equal(mem_in_use(MEM_BIN), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(up_to_64_bytes_live_on_the_heap),
        T(refbin_joins_the_offheap_list_with_one_reference),
        T(refbins_from_fragments_are_listed_too),
        T(last_decref_frees_the_bin),
        T(refcounts_are_exact_across_threads),
        T(heap_fini_releases_refbins),
        T(a_slice_of_a_slice_points_at_the_original),
        T(refuses_slices_out_of_range),
        T(odd_sized_bitstrings_zero_their_tail_bits),
        T(unaligned_slices_report_their_bit_offset),
        T(large_bitstrings_are_refcounted),
        T(non_bitstrings_have_no_bits),
        T(collection_keeps_reachable_refbins_and_frees_the_rest),
        T(failed_allocation_gives_none),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
