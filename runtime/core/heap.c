/* heap.c — a process heap block, its overflow fragments, and the
 * off-heap lists that tie large binaries to the memory holding them.
 *
 * Invariant: every word handed out by heap_alloc stays where it is until
 * the next gc_collect. When the block is short, words come from a fragment
 * instead of from a collection, so a builtin may hold raw Term pointers for
 * as long as it runs. A REFBIN is on exactly one off-heap list: the list of
 * the area (block or fragment) that holds its cells, so that freeing that
 * area, or collecting it, can find and release the binaries it referenced.
 */
#include "heap.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "bin.h"
#include "err.h"
#include "mem.h"

/* Smallest fragment heap_alloc_slow makes: a fragment per tiny request
 * would make the collector's "is this in from-space" search long. */
#define FRAG_MIN_WORDS 64

/* Word offsets inside a REFBIN: [hdr][size_bits][Bin *][data *][next]. */
#define REFBIN_SIZE 1
#define REFBIN_BIN  2
#define REFBIN_NEXT 4

static size_t block_words(const Heap *h)
{
    return (size_t)(h->end - h->start);
}

int heap_init(Heap *h, size_t words)
{
    if (words < HEAP_MIN_WORDS)
        words = HEAP_MIN_WORDS;
    memset(h, 0, sizeof *h);
    if (words > SIZE_MAX / sizeof(Term))
        return MOTE_ENOMEM;
    h->start = mem_alloc(MEM_HEAP, words * sizeof(Term));
    if (h->start == NULL)
        return MOTE_ENOMEM;
    h->htop = h->start;
    h->end = h->start + words;
    h->stop = h->end;
    h->min_words = words;
    return 0;
}

/* Drops one reference per REFBIN on an off-heap list. The cells
 * themselves belong to the area being freed. */
static void release_offheap(Term *list)
{
    while (list != NULL) {
        Term *next = (Term *)(uintptr_t)list[REFBIN_NEXT];
        bin_decref((Bin *)(uintptr_t)list[REFBIN_BIN]);
        list = next;
    }
}

void heap_fini(Heap *h)
{
    HeapFrag *f = h->frags;
    while (f != NULL) {
        HeapFrag *next = f->next;
        frag_free(f);
        f = next;
    }
    release_offheap(h->mso);
    if (h->start != NULL && !(h->flags & HEAP_INLINE_BLOCK))
        mem_free(MEM_HEAP, h->start, block_words(h) * sizeof(Term));
    memset(h, 0, sizeof *h);
}

/* The slow path of heap_alloc: the block is short of `n` words. Takes them
 * from the newest fragment if it has room, else from a new fragment big
 * enough for the request and for a share of the requests that will follow
 * it before the next safe point. */
Term *heap_alloc_slow(Heap *h, size_t n)
{
    if ((size_t)(h->stop - h->htop) >= n) {
        Term *p = h->htop;
        h->htop += n;
        return p;
    }
    if ((h->flags & HEAP_STRICT_CAP) && h->max_words != 0 &&
        heap_used_words(h) + n > h->max_words) {
        h->flags |= HEAP_CAP_HIT;
        return NULL;
    }
    Term *p = h->frags != NULL ? frag_alloc(h->frags, n) : NULL;
    if (p == NULL) {
        /* Growing with frag_words keeps the number of fragments
         * logarithmic when a builtin builds a big result between safe
         * points. */
        size_t chunk = block_words(h) / 8;
        if (chunk < h->frag_words / 2)
            chunk = h->frag_words / 2;
        if (chunk < FRAG_MIN_WORDS)
            chunk = FRAG_MIN_WORDS;
        HeapFrag *f = frag_new(n > chunk ? n : chunk);
        if (f == NULL)
            return NULL;
        f->next = h->frags;
        h->frags = f;
        p = frag_alloc(f, n);
    }
    h->frag_words += n;
    return p;
}

size_t heap_used_words(const Heap *h)
{
    return (size_t)(h->htop - h->start) + (size_t)(h->end - h->stop) + h->frag_words;
}

size_t heap_size_words(const Heap *h)
{
    size_t words = block_words(h);
    for (const HeapFrag *f = h->frags; f != NULL; f = f->next)
        words += f->size_words;
    return words;
}

/* -1: not read from the environment yet; 0 off; 1 on. */
static _Atomic int gc_stress = -1;

void heap_set_gc_stress(bool on)
{
    atomic_store_explicit(&gc_stress, on ? 1 : 0, memory_order_relaxed);
}

static bool gc_stress_on(void)
{
    int s = atomic_load_explicit(&gc_stress, memory_order_relaxed);
    if (s < 0) {
        const char *v = getenv("MOTE_GC_STRESS");
        s = v != NULL && atoi(v) != 0;
        atomic_store_explicit(&gc_stress, s, memory_order_relaxed);
    }
    return s != 0;
}

/* Fragments are cheap to allocate but make every later "is this pointer
 * mine" question slower and keep garbage alive, so past a quarter of the
 * block they are worth folding in. A nearly full block (under an eighth
 * free) means the next allocations spill anyway; a heap over its cap must
 * be checked at once. */
bool heap_wants_gc(const Heap *h)
{
    size_t block = block_words(h);
    if (gc_stress_on())
        return true;
    if (h->frag_words * 4 > block)
        return true;
    if ((size_t)(h->stop - h->htop) * 8 < block)
        return true;
    size_t vheap_limit = h->bin_vheap_limit ? h->bin_vheap_limit : HEAP_VHEAP_MIN_BYTES;
    if (h->bin_vheap_bytes > vheap_limit)
        return true;
    return h->max_words != 0 && heap_used_words(h) > h->max_words;
}

HeapFrag *frag_new(size_t words)
{
    if (words > (SIZE_MAX - sizeof(HeapFrag)) / sizeof(Term))
        return NULL;
    HeapFrag *f = mem_alloc(MEM_HEAP, sizeof *f + words * sizeof(Term));
    if (f == NULL)
        return NULL;
    f->next = NULL;
    f->used_words = 0;
    f->size_words = words;
    f->mso = NULL;
    return f;
}

void frag_free(HeapFrag *f)
{
    if (f == NULL)
        return;
    release_offheap(f->mso);
    mem_free(MEM_HEAP, f, sizeof *f + f->size_words * sizeof(Term));
}

Term *frag_alloc(HeapFrag *f, size_t n)
{
    if (f->size_words - f->used_words < n)
        return NULL;
    Term *p = f->mem + f->used_words;
    f->used_words += n;
    return p;
}

/* The fragment goes to the front: heap_alloc_slow then fills its spare
 * room before making a new one. */
void heap_attach(Heap *h, HeapFrag *f)
{
    f->next = h->frags;
    h->frags = f;
    h->frag_words += f->used_words;
}

static bool frag_holds(const HeapFrag *f, const Term *p)
{
    return p >= f->mem && p < f->mem + f->size_words;
}

bool heap_contains(const Heap *h, const Term *p)
{
    if (p >= h->start && p < h->end)
        return true;
    for (const HeapFrag *f = h->frags; f != NULL; f = f->next) {
        if (frag_holds(f, p))
            return true;
    }
    return false;
}

/* Bytes a REFBIN stands for, for bin_vheap_bytes. */
static size_t refbin_bytes(const Term *refbin)
{
    return (size_t)((refbin[REFBIN_SIZE] + 7) / 8);
}

void frag_link_offheap(HeapFrag *f, Term *refbin)
{
    refbin[REFBIN_NEXT] = (Term)(uintptr_t)f->mso;
    f->mso = refbin;
}

void heap_link_offheap(Heap *h, Term *refbin)
{
    MOTE_ASSERT(hdr_kind(refbin[0]) == HDR_REFBIN);
    h->bin_vheap_bytes += refbin_bytes(refbin);
    if (refbin >= h->start && refbin < h->end) {
        refbin[REFBIN_NEXT] = (Term)(uintptr_t)h->mso;
        h->mso = refbin;
        return;
    }
    for (HeapFrag *f = h->frags; f != NULL; f = f->next) {
        if (frag_holds(f, refbin)) {
            frag_link_offheap(f, refbin);
            return;
        }
    }
    /* A REFBIN outside this heap has no list to join; the caller broke
     * the contract, and the reference would leak or be freed early. */
    mote_panic("heap_link_offheap: REFBIN %p is not in this heap", (void *)refbin);
}
