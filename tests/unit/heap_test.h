/* heap_test.h — the heap fixture of the term-constructor tests (test_big,
 * test_bin, test_map): a fresh Heap per test as cmocka's *state, checked
 * with heap_verify when the test ends.
 *
 * The check is the point: every word a constructor leaves on a heap, even
 * after a failure, must be part of a well-formed object, or the next
 * collection would trip over it.
 */
#ifndef HEAP_TEST_H
#define HEAP_TEST_H

#include <stdlib.h>

#include "err.h"
#include "gc.h"
#include "heap.h"

/* Fails the test with heap_verify's message unless h is well formed. */
static inline void verify(const Heap *h)
{
    Err err = {0};
    if (heap_verify(h, NULL, &err) != 0)
        fail_msg("%s", err.msg);
}

/* A heap of size_words into *state; -1 (cmocka: setup failed) when it
 * cannot be had. */
static inline int heap_test_new(void **state, size_t size_words)
{
    Heap *h = calloc(1, sizeof *h);
    if (h == NULL || heap_init(h, size_words) != 0) {
        free(h);
        return -1;
    }
    *state = h;
    return 0;
}

/* Verifies and frees the heap heap_test_new made. */
static inline void heap_test_free(void **state)
{
    verify(*state);
    heap_fini(*state);
    free(*state);
}

#endif
