/* test_heap.c — the heap block, fragments and off-heap lists. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "bin.h"
#include "err.h"
#include "gc.h"
#include "heap.h"
#include "mem.h"

/* A REFBIN built by hand from term.h's layout, holding its own reference
 * to b (the caller's stays with the caller). */
static Term *put_refbin(Heap *h, Bin *b)
{
    Term *p = heap_alloc(h, 5);
    assert_non_null(p);
    bin_incref(b);
    p[0] = make_header(HDR_REFBIN, 4);
    p[1] = (Term)b->size_bytes * 8;
    p[2] = (Term)(uintptr_t)b;
    p[3] = (Term)(uintptr_t)b->data;
    p[4] = 0;
    heap_link_offheap(h, p);
    return p;
}

static uint64_t refc(Bin *b)
{
    return atomic_load(&b->refc);
}

/* Fills n words with one tuple, so the area stays walkable for heap_verify. */
static Term *put_tuple(Heap *h, size_t words)
{
    Term *p = heap_alloc(h, words);
    assert_non_null(p);
    p[0] = make_header(HDR_TUPLE, words - 1);
    for (size_t i = 1; i < words; i++)
        p[i] = make_small((int64_t)i);
    return p;
}

static void starts_empty_with_at_least_the_minimum(void **state)
{
    (void)state;
    Heap h;
    assert_int_equal(heap_init(&h, 3), 0);
    assert_int_equal(heap_size_words(&h), HEAP_MIN_WORDS);
    assert_int_equal(heap_used_words(&h), 0);
    assert_ptr_equal(h.htop, h.start);
    assert_ptr_equal(h.stop, h.end);
    assert_null(h.frags);
    assert_false(heap_wants_gc(&h));
    heap_fini(&h);
}

static void allocates_from_the_block_while_it_fits(void **state)
{
    (void)state;
    Heap h;
    assert_int_equal(heap_init(&h, 100), 0);
    Term *a = heap_alloc(&h, 40);
    Term *b = heap_alloc(&h, 60);
    assert_ptr_equal(a, h.start);
    assert_ptr_equal(b, h.start + 40);
    assert_null(h.frags);
    assert_int_equal(heap_used_words(&h), 100);
    assert_true(heap_wants_gc(&h)); /* the block is full */
    heap_fini(&h);
}

static void spills_to_a_fragment_when_the_block_is_short(void **state)
{
    (void)state;
    Heap h;
    assert_int_equal(heap_init(&h, 64), 0);
    put_tuple(&h, 60);
    Term *p = put_tuple(&h, 10);
    assert_non_null(h.frags);
    assert_true(p >= h.frags->mem && p < h.frags->mem + h.frags->size_words);
    assert_int_equal(h.frag_words, 10);
    assert_int_equal(heap_used_words(&h), 70);
    assert_true(heap_size_words(&h) >= 64 + 10);
    assert_true(heap_contains(&h, p));
    assert_true(heap_wants_gc(&h));
    /* The next request too big for the block's last 4 words reuses the
     * same fragment's spare room. */
    Term *q = put_tuple(&h, 5);
    assert_ptr_equal(q, p + 10);
    assert_int_equal(heap_verify(&h, NULL, NULL), 0);
    heap_fini(&h);
}

static void serves_a_request_bigger_than_any_chunk(void **state)
{
    (void)state;
    Heap h;
    assert_int_equal(heap_init(&h, 32), 0);
    Term *p = put_tuple(&h, 5000);
    assert_true(heap_contains(&h, p + 4999));
    assert_int_equal(h.frag_words, 5000);
    heap_fini(&h);
}

static void attached_fragment_counts_as_used(void **state)
{
    (void)state;
    Heap h;
    assert_int_equal(heap_init(&h, 1000), 0);
    HeapFrag *f = frag_new(50);
    assert_non_null(f);
    Term *p = frag_alloc(f, 30);
    assert_non_null(p);
    assert_null(frag_alloc(f, 21));
    heap_attach(&h, f);
    assert_int_equal(h.frag_words, 30);
    assert_true(heap_contains(&h, p));
    assert_false(heap_wants_gc(&h));
    heap_fini(&h);
}

static void does_not_contain_outside_pointers(void **state)
{
    (void)state;
    Heap h;
    Term outside[4];
    assert_int_equal(heap_init(&h, 64), 0);
    assert_false(heap_contains(&h, outside));
    assert_false(heap_contains(&h, h.end));
    assert_true(heap_contains(&h, h.end - 1));
    heap_fini(&h);
}

static void wants_gc_when_over_the_cap(void **state)
{
    (void)state;
    Heap h;
    assert_int_equal(heap_init(&h, 1000), 0);
    h.max_words = 100;
    put_tuple(&h, 50);
    assert_false(heap_wants_gc(&h));
    put_tuple(&h, 60);
    assert_true(heap_wants_gc(&h));
    heap_fini(&h);
}

static void wants_gc_when_binaries_pile_up(void **state)
{
    (void)state;
    Heap h;
    Bin *b = bin_alloc(100 * 1024);
    assert_non_null(b);
    assert_int_equal(heap_init(&h, 1000), 0);
    put_refbin(&h, b);
    put_refbin(&h, b);
    assert_false(heap_wants_gc(&h));
    put_refbin(&h, b); /* 300 KiB referenced: past HEAP_VHEAP_MIN_BYTES */
    assert_true(heap_wants_gc(&h));
    h.bin_vheap_limit = 1024 * 1024;
    assert_false(heap_wants_gc(&h));
    heap_fini(&h);
    bin_decref(b);
}

static void gc_stress_makes_every_safe_point_collect(void **state)
{
    (void)state;
    Heap h;
    assert_int_equal(heap_init(&h, 1000), 0);
    heap_set_gc_stress(true);
    bool on = heap_wants_gc(&h);
    heap_set_gc_stress(false);
    assert_true(on);
    assert_false(heap_wants_gc(&h));
    heap_fini(&h);
}

static void links_refbins_to_the_list_of_their_area(void **state)
{
    (void)state;
    Heap h;
    Bin *b = bin_alloc(100);
    assert_non_null(b);
    assert_int_equal(heap_init(&h, 32), 0);
    Term *in_block = put_refbin(&h, b);
    put_tuple(&h, 25);
    Term *in_frag = put_refbin(&h, b);
    assert_ptr_equal(h.mso, in_block);
    assert_non_null(h.frags);
    assert_ptr_equal(h.frags->mso, in_frag);
    assert_int_equal(h.bin_vheap_bytes, 200);
    assert_int_equal(refc(b), 3);
    assert_int_equal(heap_verify(&h, NULL, NULL), 0);
    heap_fini(&h);
    assert_int_equal(refc(b), 1);
    bin_decref(b);
}

static void frag_free_drops_its_binary_references(void **state)
{
    (void)state;
    Bin *b = bin_alloc(200);
    assert_non_null(b);
    HeapFrag *f = frag_new(20);
    assert_non_null(f);
    for (int i = 0; i < 3; i++) {
        Term *p = frag_alloc(f, 5);
        bin_incref(b);
        p[0] = make_header(HDR_REFBIN, 4);
        p[1] = 200 * 8;
        p[2] = (Term)(uintptr_t)b;
        p[3] = (Term)(uintptr_t)b->data;
        frag_link_offheap(f, p);
    }
    assert_int_equal(refc(b), 4);
    frag_free(f);
    assert_int_equal(refc(b), 1);
    bin_decref(b);
}

static void fini_returns_every_heap_byte(void **state)
{
    (void)state;
    size_t before = mem_in_use(MEM_HEAP);
    Heap h;
    assert_int_equal(heap_init(&h, 64), 0);
    for (int i = 0; i < 50; i++)
        put_tuple(&h, 30);
    heap_attach(&h, frag_new(10));
    assert_true(mem_in_use(MEM_HEAP) > before);
    heap_fini(&h);
    assert_int_equal(mem_in_use(MEM_HEAP), before);
}

static void init_reports_out_of_memory(void **state)
{
    (void)state;
    Heap h;
    mem_fail_after(1);
    assert_int_equal(heap_init(&h, 64), MOTE_ENOMEM);
    mem_fail_after(0);
}

int main(void)
{
    heap_set_gc_stress(false); /* these tests check the policy itself */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(starts_empty_with_at_least_the_minimum),
        cmocka_unit_test(allocates_from_the_block_while_it_fits),
        cmocka_unit_test(spills_to_a_fragment_when_the_block_is_short),
        cmocka_unit_test(serves_a_request_bigger_than_any_chunk),
        cmocka_unit_test(attached_fragment_counts_as_used),
        cmocka_unit_test(does_not_contain_outside_pointers),
        cmocka_unit_test(wants_gc_when_over_the_cap),
        cmocka_unit_test(wants_gc_when_binaries_pile_up),
        cmocka_unit_test(gc_stress_makes_every_safe_point_collect),
        cmocka_unit_test(links_refbins_to_the_list_of_their_area),
        cmocka_unit_test(frag_free_drops_its_binary_references),
        cmocka_unit_test(fini_returns_every_heap_byte),
        cmocka_unit_test(init_reports_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
