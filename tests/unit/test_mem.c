/* test_mem.c — counted allocation: per-kind counters, host hooks, and
 * the failure-injection hook tests everywhere rely on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>

#include "mem.h"

static void counts_bytes_per_kind_and_returns_to_start(void **state)
{
    (void)state;
    size_t bin0 = mem_in_use(MEM_BIN), code0 = mem_in_use(MEM_CODE), total0 = mem_total();
    void *a = mem_alloc(MEM_BIN, 100);
    void *b = mem_calloc(MEM_CODE, 10, 8);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(mem_in_use(MEM_BIN), bin0 + 100);
    assert_int_equal(mem_in_use(MEM_CODE), code0 + 80);
    assert_int_equal(mem_total(), total0 + 180);
    for (int i = 0; i < 10; i++)
        assert_int_equal(((uint64_t *)b)[i], 0);
    a = mem_realloc(MEM_BIN, a, 100, 1000);
    assert_non_null(a);
    assert_int_equal(mem_in_use(MEM_BIN), bin0 + 1000);
    mem_free(MEM_BIN, a, 1000);
    mem_free(MEM_CODE, b, 80);
    assert_int_equal(mem_in_use(MEM_BIN), bin0);
    assert_int_equal(mem_total(), total0);
    mem_free(MEM_BIN, NULL, 123); /* freeing NULL counts nothing */
    assert_int_equal(mem_in_use(MEM_BIN), bin0);
}

static void fails_exactly_the_nth_allocation(void **state)
{
    (void)state;
    size_t total0 = mem_total();
    mem_fail_after(3);
    void *a = mem_alloc(MEM_SYSTEM, 8);
    void *b = mem_alloc(MEM_SYSTEM, 8);
    void *c = mem_alloc(MEM_SYSTEM, 8);
    void *d = mem_alloc(MEM_SYSTEM, 8);
    assert_non_null(a);
    assert_non_null(b);
    assert_null(c);
    assert_non_null(d); /* one failure, then normal again */
    mem_free(MEM_SYSTEM, a, 8);
    mem_free(MEM_SYSTEM, b, 8);
    mem_free(MEM_SYSTEM, d, 8);
    assert_int_equal(mem_total(), total0);
}

static void failed_realloc_keeps_the_old_block(void **state)
{
    (void)state;
    size_t total0 = mem_total();
    char *p = mem_alloc(MEM_SYSTEM, 16);
    p[0] = 'k';
    mem_fail_after(1);
    assert_null(mem_realloc(MEM_SYSTEM, p, 16, 64));
    assert_int_equal(p[0], 'k');
    assert_int_equal(mem_total(), total0 + 16);
    mem_free(MEM_SYSTEM, p, 16);
    assert_int_equal(mem_total(), total0);
}

static void refuses_overflowing_calloc(void **state)
{
    (void)state;
    assert_null(mem_calloc(MEM_SYSTEM, SIZE_MAX / 2, 4));
}

static int host_allocs, host_frees;
static void *counting_alloc(size_t n) { host_allocs++; return malloc(n); }
static void *counting_realloc(void *p, size_t n) { return realloc(p, n); }
static void counting_free(void *p) { host_frees++; free(p); }

static void routes_through_the_host_allocator(void **state)
{
    (void)state;
    mem_set_allocator(counting_alloc, counting_realloc, counting_free);
    void *p = mem_alloc(MEM_PROC, 32);
    mem_free(MEM_PROC, p, 32);
    mem_set_allocator(NULL, NULL, NULL);
    assert_int_equal(host_allocs, 1);
    assert_int_equal(host_frees, 1);
    p = mem_alloc(MEM_PROC, 32); /* back on malloc: the hooks see nothing */
    mem_free(MEM_PROC, p, 32);
    assert_int_equal(host_allocs, 1);
}

/* Zeroed, counted and failable through both paths: the default one
 * (calloc, no memset) and a host allocator's (alloc + memset). */
static void calloc_zeroes_counts_and_can_fail(void **state)
{
    (void)state;
    size_t total0 = mem_total();
    for (int hosted = 0; hosted <= 1; hosted++) {
        if (hosted)
            mem_set_allocator(counting_alloc, counting_realloc, counting_free);
        int allocs0 = host_allocs;
        size_t n = (size_t)1 << 20; /* large enough to be mmap'd by calloc */
        uint64_t *p = mem_calloc(MEM_SYSTEM, n, sizeof *p);
        assert_non_null(p);
        assert_int_equal(mem_total(), total0 + n * sizeof *p);
        assert_int_equal(p[0] | p[n / 2] | p[n - 1], 0);
        assert_int_equal(host_allocs - allocs0, hosted);
        mem_free(MEM_SYSTEM, p, n * sizeof *p);
        mem_fail_after(1);
        assert_null(mem_calloc(MEM_SYSTEM, 4, 8));
        assert_int_equal(mem_total(), total0);
        mem_set_allocator(NULL, NULL, NULL);
    }
}

static void names_every_kind(void **state)
{
    (void)state;
    assert_string_equal(mem_kind_name(MEM_BIN), "binaries");
    assert_string_equal(mem_kind_name(MEM_KINDS), "unknown");
    for (int k = 0; k < MEM_KINDS; k++)
        assert_non_null(mem_kind_name((MemKind)k));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_bytes_per_kind_and_returns_to_start),
        cmocka_unit_test(fails_exactly_the_nth_allocation),
        cmocka_unit_test(failed_realloc_keeps_the_old_block),
        cmocka_unit_test(refuses_overflowing_calloc),
        cmocka_unit_test(routes_through_the_host_allocator),
        cmocka_unit_test(calloc_zeroes_counts_and_can_fail),
        cmocka_unit_test(names_every_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
