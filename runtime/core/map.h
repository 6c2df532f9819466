/* map.h — maps: flat sorted arrays when small, a HAMT when large.
 *
 * Up to MAP_FLAT_MAX keys a map is a HDR_MAP: a tuple of keys sorted by
 * term_cmp_exact and the values beside them. Larger maps are a hash array
 * mapped trie (HDR_HAMT_ROOT/NODE) over map_ihash, shaped as OTP's, so a
 * large map lists its keys in the BEAM's order. Both are immutable:
 * every update builds a new map sharing what it can.
 */
#ifndef MOTE_MAP_H
#define MOTE_MAP_H

#include "heap.h"

Term map_new(Heap *h);                       /* %{}; NONE on OOM */
size_t map_size(Term map);
Term map_get(Term map, Term key);            /* NONE when absent */
Term map_put(Heap *h, Term map, Term key, Term value);
Term map_remove(Heap *h, Term map, Term key);
/* Builds a map from n pairs; later keys win. */
Term map_from_pairs(Heap *h, size_t n, const Term *keys, const Term *values);

/* Visits every pair in :maps.to_list order (key order for flat maps, the
 * trie's order, last child first, for large ones); stops early when fn
 * returns false. map_each_fold visits in :maps.fold / :maps.iterator
 * order instead, which OTP 25 walks the other way round a large map. */
typedef bool (*MapVisit)(Term key, Term value, void *ctx);
void map_each(Term map, MapVisit fn, void *ctx);
void map_each_fold(Term map, MapVisit fn, void *ctx);
/* Fills keys[] and values[] (map_size entries each) in term_cmp_exact key
 * order, whatever the representation. */
void map_sorted(Term map, Term *keys, Term *values);

/* OTP 25's internal hash of a term (make_internal_hash) with the given
 * salt: the trie takes 4 bits a level from salt 0, then from salt 1.
 * Pure, never allocates on the process heap, any thread. */
uint32_t map_ihash(Term t, uint32_t salt);

/* Test hook: places HAMT keys by fn instead of map_ihash (NULL restores
 * it), so tests can force full-hash collisions. Set it only while no map
 * built under another hash is in use; not thread-safe. */
void map_set_hash_for_test(uint64_t (*fn)(Term));

#endif
