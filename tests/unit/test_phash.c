/* test_phash.c — :erlang.phash2's hash (phash.c) against values OTP 25
 * computes, for shapes the language tests reach less easily: walks deeper
 * than the walk's inline stack, a failed allocation, unaligned slices. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>

#include "atom.h"
#include "bin.h"
#include "mem.h"
#include "mote.h"
#include "phash.h"
#include "heap_test.h"

static int setup(void **state)
{
    if (atom_init() != 0)
        return -1;
    return heap_test_new(state, 1 << 14);
}

static int teardown(void **state)
{
    heap_test_free(state);
    atom_fini();
    return 0;
}

static uint32_t phash2(Term t)
{
    uint32_t h = 0;
    assert_int_equal(phash_term(t, &h), 0);
    return h & ((UINT32_C(1) << 27) - 1);
}

static Term tuple_of(Heap *h, size_t n, Term fill)
{
    Term *p = heap_alloc(h, n + 1);
    assert_non_null(p);
    p[0] = make_header(HDR_TUPLE, n);
    for (size_t i = 0; i < n; i++)
        p[1 + i] = fill;
    return make_boxed(p);
}

static Term cons(Heap *h, Term head, Term tail)
{
    Term *p = heap_alloc(h, 2);
    assert_non_null(p);
    p[0] = head, p[1] = tail;
    return make_list(p);
}

/* Values from elixir -e 'IO.inspect :erlang.phash2(...)' on OTP 25. */
static void small_terms_hash_as_otp(void **state)
{
    Heap *h = *state;
    assert_int_equal(phash2(atom_from_cstr("hello")), 7258927);
    Term t = tuple_of(h, 2, make_small(1));
    tuple_elems(t)[0] = atom_from_cstr("ok");
    assert_int_equal(phash2(t), 101439905);
    const uint8_t bytes[] = {1, 2, 3, 4, 5};
    assert_int_equal(phash2(bin_new(h, bytes, sizeof bytes)), 81915243);
}

static void wide_tuple_outgrows_the_inline_stack(void **state)
{
    assert_int_equal(phash2(tuple_of(*state, 100, make_small(0))), 131748602);
}

static void deep_list_outgrows_the_inline_stack(void **state)
{
    Heap *h = *state;
    Term l = NIL;
    for (int i = 0; i < 1000; i++)
        l = cons(h, l, NIL);
    assert_int_equal(phash2(l), 38434434);
}

static void failed_growth_is_enomem(void **state)
{
    Term t = tuple_of(*state, 100, make_small(0));
    uint32_t out = 7;
    mem_fail_after(1);
    int rc = phash_term(t, &out);
    mem_fail_after(0);
    assert_int_equal(rc, MOTE_ENOMEM);
    assert_int_equal(out, 7);
}

static void unaligned_slice_hashes_as_its_bits(void **state)
{
    Heap *h = *state;
    uint8_t bytes[40], shifted[41] = {0};
    for (int i = 0; i < 40; i++)
        bytes[i] = (uint8_t)(i * 37 + 5);
    /* The same 30 bytes and 5 bits, once at bit 3 of a larger binary. */
    for (int i = 0; i < 40; i++) {
        shifted[i] |= (uint8_t)(bytes[i] >> 3);
        shifted[i + 1] |= (uint8_t)(bytes[i] << 5);
    }
    Term whole = bin_new(h, shifted, sizeof shifted);
    Term slice = bin_sub(h, whole, 3, 30 * 8 + 5);
    Term aligned = bin_new_bits(h, bytes, 30 * 8 + 5);
    assert_int_equal(phash2(slice), phash2(aligned));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(small_terms_hash_as_otp, setup, teardown),
        cmocka_unit_test_setup_teardown(wide_tuple_outgrows_the_inline_stack, setup, teardown),
        cmocka_unit_test_setup_teardown(deep_list_outgrows_the_inline_stack, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_growth_is_enomem, setup, teardown),
        cmocka_unit_test_setup_teardown(unaligned_slice_hashes_as_its_bits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
