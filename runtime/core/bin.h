/* bin.h — binaries and bitstrings.
 *
 * Up to BIN_HEAP_MAX bytes a binary lives in the process heap (HEAPBIN)
 * and is copied with its message. Larger ones live off-heap in a Bin,
 * immutable and reference-counted, and the heap holds a small REFBIN that
 * points at it; messages share the Bin and only bump its count. A slice
 * (SUBBIN) points at the binary it was cut from. Sizes are in bits, so a
 * bitstring whose size is not a multiple of 8 is the same kind of object.
 */
#ifndef MOTE_BIN_H
#define MOTE_BIN_H

#include <stdatomic.h>

#include "heap.h"

#define BIN_HEAP_MAX 64 /* bytes */

typedef struct Bin {
    _Atomic uint64_t refc;
    size_t size_bytes;
    uint8_t data[];
} Bin;

/* A new off-heap Bin with refc 1 and uninitialised data; NULL on OOM. */
Bin *bin_alloc(size_t size_bytes);
void bin_incref(Bin *b);
void bin_decref(Bin *b); /* frees at zero */

/* A binary of `len` bytes copied from `bytes` (NULL = zero-filled), built
 * in h (HEAPBIN or REFBIN by size). NONE on OOM. */
Term bin_new(Heap *h, const void *bytes, size_t len);
/* A bitstring of size_bits bits, bits beyond size zeroed. */
Term bin_new_bits(Heap *h, const void *bytes, size_t size_bits);
/* A slice of a bitstring: bit_offset and size_bits inside it. */
Term bin_sub(Heap *h, Term bin, size_t bit_offset, size_t size_bits);

/* The bits of any bitstring: *bytes points at the byte holding its first
 * bit, *bit_offset (0..7) is that bit's position in it (0 for every
 * byte-aligned binary), *size_bits its length. Borrowed from the term. */
void bin_bits(Term t, const uint8_t **bytes, size_t *bit_offset, size_t *size_bits);
/* Byte-aligned, whole-byte binaries only: false for other bitstrings. */
bool bin_bytes(Term t, const uint8_t **bytes, size_t *len);
bool is_binary(Term t); /* a bitstring of whole bytes */

/* Words a REFBIN/HEAPBIN of this many bytes needs on a heap. */
size_t bin_heap_words(size_t len);

#endif
