/* mem.c — the one door every runtime allocation goes through.
 *
 * Each call is counted against its MemKind in a global atomic, so the
 * observer can show memory by kind from any thread without locks. The
 * host may swap the underlying allocator (before any runtime starts), and
 * tests may make the Nth allocation from now fail to walk error paths.
 * Invariant: a block is freed with the kind and size it was allocated
 * with, so every counter returns to its start value when all is freed.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static _Atomic size_t in_use[MEM_KINDS];

static void *(*host_alloc)(size_t) = malloc;
static void *(*host_realloc)(void *, size_t) = realloc;
static void (*host_free)(void *) = free;
/* calloc of the allocator in use, or NULL for a host allocator (which has
 * none: its blocks are zeroed by memset). */
static void *(*host_calloc)(size_t, size_t) = calloc;

/* Allocations left before the injected failure; 0 = none armed. */
static _Atomic uint64_t fail_countdown;

static const char *const kind_names[MEM_KINDS] = {
    [MEM_PROC] = "processes", [MEM_HEAP] = "heaps",  [MEM_MSG] = "messages",
    [MEM_BIN] = "binaries",   [MEM_ATOM] = "atoms",  [MEM_CODE] = "code",
    [MEM_ETS] = "ets",        [MEM_SYSTEM] = "system",
};

/* True when this allocation is the one a test asked to fail. The CAS loop
 * makes exactly one caller see the countdown go from 1 to 0, even with
 * several threads allocating at once. */
static bool injected_failure(void)
{
    uint64_t left = atomic_load_explicit(&fail_countdown, memory_order_relaxed);
    while (left != 0) {
        if (atomic_compare_exchange_weak_explicit(&fail_countdown, &left, left - 1,
                                                  memory_order_relaxed, memory_order_relaxed))
            return left == 1;
    }
    return false;
}

static void count(MemKind kind, size_t bytes, bool add)
{
    if ((unsigned)kind >= MEM_KINDS)
        kind = MEM_SYSTEM;
    if (add)
        atomic_fetch_add_explicit(&in_use[kind], bytes, memory_order_relaxed);
    else
        atomic_fetch_sub_explicit(&in_use[kind], bytes, memory_order_relaxed);
}

/* Returns `bytes` bytes (at least one, so a zero-byte request still gives
 * a unique pointer to free), or NULL. Any thread. */
void *mem_alloc(MemKind kind, size_t bytes)
{
    if (injected_failure())
        return NULL;
    void *p = host_alloc(bytes ? bytes : 1);
    if (p)
        count(kind, bytes, true);
    return p;
}

/* Zeroed memory. With the default allocator this is calloc, which hands
 * out fresh pages of a large block (mmap'd) without writing them: the
 * process table (32 MB at the default limit) costs no time and no RSS at
 * start-up until processes touch it. Any thread. */
void *mem_calloc(MemKind kind, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    if (host_calloc == NULL) {
        void *p = mem_alloc(kind, bytes);
        if (p)
            memset(p, 0, bytes);
        return p;
    }
    if (injected_failure())
        return NULL;
    void *p = host_calloc(bytes ? n : 1, bytes ? size : 1);
    if (p)
        count(kind, bytes, true);
    return p;
}

/* Like realloc, but counted; on failure the old block is untouched and
 * still counted at old_bytes. p == NULL acts as mem_alloc. */
void *mem_realloc(MemKind kind, void *p, size_t old_bytes, size_t new_bytes)
{
    if (!p)
        return mem_alloc(kind, new_bytes);
    if (injected_failure())
        return NULL;
    void *q = host_realloc(p, new_bytes ? new_bytes : 1);
    if (!q)
        return NULL;
    count(kind, old_bytes, false);
    count(kind, new_bytes, true);
    return q;
}

void mem_free(MemKind kind, void *p, size_t bytes)
{
    if (!p)
        return;
    count(kind, bytes, false);
    host_free(p);
}

size_t mem_in_use(MemKind kind)
{
    if ((unsigned)kind >= MEM_KINDS)
        return 0;
    return atomic_load_explicit(&in_use[kind], memory_order_relaxed);
}

size_t mem_total(void)
{
    size_t sum = 0;
    for (int k = 0; k < MEM_KINDS; k++)
        sum += atomic_load_explicit(&in_use[k], memory_order_relaxed);
    return sum;
}

const char *mem_kind_name(MemKind kind)
{
    if ((unsigned)kind >= MEM_KINDS)
        return "unknown";
    return kind_names[kind];
}

/* Not thread-safe by design: the host sets it once, before any runtime
 * allocates, so no block is ever freed by an allocator that did not make
 * it. */
void mem_set_allocator(void *(*alloc)(size_t), void *(*realloc_fn)(void *, size_t),
                       void (*free_fn)(void *))
{
    bool all = alloc && realloc_fn && free_fn;
    host_alloc = all ? alloc : malloc;
    host_realloc = all ? realloc_fn : realloc;
    host_free = all ? free_fn : free;
    host_calloc = all ? NULL : calloc;
}

void mem_fail_after(uint64_t n)
{
    atomic_store_explicit(&fail_countdown, n, memory_order_relaxed);
}

void mem_recharge(MemKind from, MemKind to, size_t bytes)
{
    count(from, bytes, false);
    count(to, bytes, true);
}
