/* bin.c — binaries and bitstrings: heap, refcounted and slices.
 *
 * A bitstring of up to BIN_HEAP_MAX bytes is a HEAPBIN copied with its
 * process; a larger one is a Bin off the heap, shared by every REFBIN that
 * points at it and freed when the last reference drops. A slice (SUBBIN)
 * always points at a HEAPBIN or REFBIN, never at another slice, so a
 * chain of slices costs one hop to read. Bits are numbered from the most
 * significant bit of the first byte, as in Erlang; bits past a
 * bitstring's size in its last byte are always zero, so equal bitstrings
 * have equal bytes.
 */
#include "bin.h"
#include "mem.h"

/* Payload word positions (after the header). */
enum { BIN_SIZE = 1, REF_BIN = 2, REF_DATA = 3, REF_NEXT = 4, SUB_OFFSET = 2, SUB_ORIG = 3 };

Bin *bin_alloc(size_t size_bytes)
{
    if (size_bytes > SIZE_MAX - sizeof(Bin))
        return NULL;
    Bin *b = mem_alloc(MEM_BIN, sizeof(Bin) + size_bytes);
    if (!b)
        return NULL;
    atomic_init(&b->refc, 1);
    b->size_bytes = size_bytes;
    return b;
}

void bin_incref(Bin *b)
{
    /* Relaxed is enough: whoever increments already holds a reference,
     * so the Bin cannot be freed under it. */
    atomic_fetch_add_explicit(&b->refc, 1, memory_order_relaxed);
}

void bin_decref(Bin *b)
{
    if (!b)
        return;
    /* Release our writes to the data; the last owner acquires them all
     * before freeing. */
    if (atomic_fetch_sub_explicit(&b->refc, 1, memory_order_acq_rel) == 1)
        mem_free(MEM_BIN, b, sizeof(Bin) + b->size_bytes);
}

size_t bin_heap_words(size_t len)
{
    if (len <= BIN_HEAP_MAX)
        return 2 + (len + 7) / 8;
    return 5;
}

/* Copies size_bits bits from bytes (NULL = zeros) into dst, which has
 * room for the whole bytes, and clears the tail bits of the last byte. */
static void fill_bits(uint8_t *dst, const void *bytes, size_t size_bits)
{
    size_t len = (size_bits + 7) / 8;
    if (bytes)
        memcpy(dst, bytes, len);
    else
        memset(dst, 0, len);
    if (size_bits % 8)
        dst[len - 1] &= (uint8_t)(0xFF << (8 - size_bits % 8));
}

static Term new_heapbin(Heap *h, const void *bytes, size_t size_bits)
{
    size_t len = (size_bits + 7) / 8;
    size_t words = bin_heap_words(len);
    Term *p = heap_alloc(h, words);
    if (!p)
        return NONE;
    p[0] = make_header(HDR_HEAPBIN, words - 1);
    p[BIN_SIZE] = size_bits;
    p[words - 1] = 0; /* zero the pad bytes of the last word */
    fill_bits((uint8_t *)(p + 2), bytes, size_bits);
    return make_boxed(p);
}

/* The REFBIN takes over the Bin's initial reference and joins the
 * off-heap list of whichever area (block or fragment) heap_alloc used.
 * The Bin comes first so that a failure leaves no unfinished object on
 * the heap (heap_verify walks every word). */
static Term new_refbin(Heap *h, const void *bytes, size_t size_bits)
{
    size_t len = (size_bits + 7) / 8;
    Bin *b = bin_alloc(len);
    if (!b)
        return NONE;
    Term *p = heap_alloc(h, 5);
    if (!p) {
        bin_decref(b);
        return NONE;
    }
    fill_bits(b->data, bytes, size_bits);
    p[0] = make_header(HDR_REFBIN, 4);
    p[BIN_SIZE] = size_bits;
    p[REF_BIN] = (Term)(uintptr_t)b;
    p[REF_DATA] = (Term)(uintptr_t)b->data;
    p[REF_NEXT] = 0;
    heap_link_offheap(h, p);
    return make_boxed(p);
}

Term bin_new_bits(Heap *h, const void *bytes, size_t size_bits)
{
    size_t len = size_bits / 8 + (size_bits % 8 != 0);
    if (len <= BIN_HEAP_MAX)
        return new_heapbin(h, bytes, size_bits);
    return new_refbin(h, bytes, size_bits);
}

Term bin_new(Heap *h, const void *bytes, size_t len)
{
    if (len > SIZE_MAX / 8)
        return NONE;
    return bin_new_bits(h, bytes, len * 8);
}

static size_t size_bits_of(Term t) { return (size_t)boxed_ptr(t)[BIN_SIZE]; }

Term bin_sub(Heap *h, Term bin, size_t bit_offset, size_t size_bits)
{
    if (!is_bitstring(bin))
        return NONE;
    size_t total = size_bits_of(bin);
    if (bit_offset > total || size_bits > total - bit_offset)
        return NONE;
    if (bit_offset == 0 && size_bits == total)
        return bin; /* immutable, so the whole is its own slice */
    Term orig = bin;
    const Term *p = boxed_ptr(bin);
    if (hdr_kind(p[0]) == HDR_SUBBIN) {
        bit_offset += (size_t)p[SUB_OFFSET];
        orig = p[SUB_ORIG];
    }
    Term *s = heap_alloc(h, 4);
    if (!s)
        return NONE;
    s[0] = make_header(HDR_SUBBIN, 3);
    s[BIN_SIZE] = size_bits;
    s[SUB_OFFSET] = bit_offset;
    s[SUB_ORIG] = orig;
    return make_boxed(s);
}

/* The first byte of an original (HEAPBIN or REFBIN). */
static const uint8_t *orig_bytes(const Term *p)
{
    if (hdr_kind(p[0]) == HDR_HEAPBIN)
        return (const uint8_t *)(p + 2);
    return (const uint8_t *)(uintptr_t)p[REF_DATA];
}

void bin_bits(Term t, const uint8_t **bytes, size_t *bit_offset, size_t *size_bits)
{
    *bytes = NULL;
    *bit_offset = 0;
    *size_bits = 0;
    if (!is_bitstring(t))
        return;
    const Term *p = boxed_ptr(t);
    *size_bits = (size_t)p[BIN_SIZE];
    if (hdr_kind(p[0]) != HDR_SUBBIN) {
        *bytes = orig_bytes(p);
        return;
    }
    size_t off = (size_t)p[SUB_OFFSET];
    *bytes = orig_bytes(boxed_ptr(p[SUB_ORIG])) + off / 8;
    *bit_offset = off % 8;
}

bool bin_bytes(Term t, const uint8_t **bytes, size_t *len)
{
    size_t off, bits;
    bin_bits(t, bytes, &off, &bits);
    if (!*bytes || off != 0 || bits % 8 != 0) {
        *len = 0;
        return false;
    }
    *len = bits / 8;
    return true;
}

bool is_binary(Term t) { return is_bitstring(t) && size_bits_of(t) % 8 == 0; }
