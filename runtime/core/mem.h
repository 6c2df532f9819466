/* mem.h — every byte the runtime allocates, counted by kind.
 *
 * All runtime memory goes through mem_alloc/mem_free so that the host may
 * replace the allocator (mote_config), tests may make the Nth allocation
 * fail, and the observer can show memory by kind. Counters are global
 * atomics, cheap to read from any thread.
 */
#ifndef MOTE_MEM_H
#define MOTE_MEM_H

#include <stddef.h>
#include <stdint.h>

typedef enum MemKind {
    MEM_PROC,    /* process structs and their cold parts   */
    MEM_HEAP,    /* process heaps, stacks and fragments    */
    MEM_MSG,     /* messages still in flight or queued     */
    MEM_BIN,     /* off-heap binaries                      */
    MEM_ATOM,    /* atom table and names                   */
    MEM_CODE,    /* modules, bytecode, literals            */
    MEM_ETS,     /* tables (later)                          */
    MEM_SYSTEM,  /* schedulers, timers, tables, the rest   */
    MEM_KINDS
} MemKind;

void *mem_alloc(MemKind kind, size_t bytes);            /* NULL on failure */
void *mem_calloc(MemKind kind, size_t n, size_t size);  /* zeroed; NULL on failure */
void *mem_realloc(MemKind kind, void *p, size_t old_bytes, size_t new_bytes);
void mem_free(MemKind kind, void *p, size_t bytes);     /* bytes as allocated */

/* Bytes currently allocated of one kind, and in all. */
size_t mem_in_use(MemKind kind);
size_t mem_total(void);
const char *mem_kind_name(MemKind kind);

/* Host allocator hooks; NULL restores malloc/realloc/free. Set before any
 * runtime starts. */
void mem_set_allocator(void *(*alloc)(size_t), void *(*realloc_fn)(void *, size_t),
                       void (*free_fn)(void *));
/* Test hook: make the nth allocation from now fail (0 turns it off). */
void mem_fail_after(uint64_t n);
/* Moves `bytes` from one kind's counter to another's, for a block that
 * changes hands (a message fragment becoming part of a process heap). The
 * block must then be freed with the new kind. */
void mem_recharge(MemKind from, MemKind to, size_t bytes);

#endif
