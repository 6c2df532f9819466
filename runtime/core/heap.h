/* heap.h — a process heap: bump allocation, with the stack at its top.
 *
 * One block holds both: the heap grows up from `start` to `htop`, the VM
 * stack grows down from `end` to `stop`. Free space is [htop, stop).
 * When a request does not fit, heap_alloc takes the words from a heap
 * fragment instead of collecting: nothing ever moves during a builtin,
 * and the GC runs only at safe points (gc.h), where every root is known.
 *
 * Only the owning process's scheduler thread touches a heap.
 */
#ifndef MOTE_HEAP_H
#define MOTE_HEAP_H

#include "term.h"

/* A block of words outside the main heap: a consumed message's copy, an
 * overflow from heap_alloc, or a detached term-building area (mote_env).
 * The GC copies the live data out of every fragment and frees them all. */
typedef struct HeapFrag {
    struct HeapFrag *next;
    size_t used_words;  /* words handed out from mem[] */
    size_t size_words;  /* capacity of mem[] */
    Term *mso;          /* off-heap list (REFBINs) living in this fragment */
    Term mem[];
} HeapFrag;

typedef struct Heap {
    Term *start;          /* first word of the block                         */
    Term *htop;           /* next free heap word                              */
    Term *stop;           /* last pushed stack word; == end when empty        */
    Term *end;            /* one past the block                               */
    HeapFrag *frags;      /* overflow and consumed-message fragments          */
    size_t frag_words;    /* words used in all fragments                      */
    Term *mso;            /* off-heap list: REFBINs in the main block         */
    size_t min_words;     /* never shrink below this                          */
    size_t max_words;     /* 0 = no cap; else heap+stack+frags over it kills  */
    uint32_t gc_count;    /* collections so far                               */
    uint32_t flags;       /* HEAP_STRICT_CAP, HEAP_CAP_HIT                    */
    size_t bin_vheap_bytes; /* bytes of off-heap binaries referenced          */
    size_t bin_vheap_limit; /* bin_vheap_bytes past which heap_wants_gc; set  */
                            /*   by each GC; 0 = HEAP_VHEAP_MIN_BYTES         */
} Heap;

/* Heap.flags. A strict cap refuses (NULL from heap_alloc) any request
 * that would take the words in use past max_words, and records the refusal
 * in HEAP_CAP_HIT: a native process's callback can build nothing past its
 * cap, and dies with {:max_heap_size, words} when the callback returns.
 * The VM leaves it off and meets its cap at safe points. */
#define HEAP_STRICT_CAP 1u
#define HEAP_CAP_HIT 2u
/* The block is part of its owner's allocation (a Proc's first block,
 * allocated with the struct): heap_fini and the GC never free it. */
#define HEAP_INLINE_BLOCK 4u

#define HEAP_MIN_WORDS 32 /* a fresh process's heap+stack; grows on demand */
/* Off-heap binary bytes a heap may reference before a collection is worth
 * it even with an empty block: dropped large binaries are freed only by a
 * GC (docs/gc.md). */
#define HEAP_VHEAP_MIN_BYTES ((size_t)256 * 1024)

/* Sets up an empty heap of `words` (at least HEAP_MIN_WORDS). Returns 0 or
 * MOTE_ENOMEM. */
int heap_init(Heap *h, size_t words);
/* Frees the block, every fragment, and drops every off-heap reference. */
void heap_fini(Heap *h);

/* Returns `n` fresh words, from the block if they fit, else from a
 * fragment. Never runs the GC and never moves a term. NULL when the
 * system is out of memory, or when a strict cap refuses the words. */
Term *heap_alloc_slow(Heap *h, size_t n);
static inline Term *heap_alloc(Heap *h, size_t n)
{
    /* Signed: should stop ever sit under htop (a broken invariant), the
     * slow path's fragment is used rather than the stack. */
    if (h->stop - h->htop >= (ptrdiff_t)n) {
        Term *p = h->htop;
        h->htop += n;
        return p;
    }
    return heap_alloc_slow(h, n);
}

/* Words in use: heap part, stack part and fragments. */
size_t heap_used_words(const Heap *h);
/* Words reserved: block size plus fragment capacity. */
size_t heap_size_words(const Heap *h);
/* True when a collection at the next safe point would pay off (fragments
 * have grown past a share of the block, the block is nearly full, the heap
 * is over max_words, or it references more off-heap binary bytes than
 * bin_vheap_limit). */
bool heap_wants_gc(const Heap *h);

/* Debug hook: while on, heap_wants_gc is always true, so every safe point
 * collects; a term held across a safe point without being a root then
 * goes stale at once instead of once in a while. Off unless turned on
 * here or by MOTE_GC_STRESS=1 in the environment (read at the first
 * heap_wants_gc). Any thread. */
void heap_set_gc_stress(bool on);

/* Fragments. frag_new returns an owned fragment (free with frag_free),
 * which frees every off-heap reference in it. heap_attach hands one over
 * to the heap; the heap then owns it. */
HeapFrag *frag_new(size_t words);
void frag_free(HeapFrag *f);
Term *frag_alloc(HeapFrag *f, size_t n); /* NULL if it does not fit */
void heap_attach(Heap *h, HeapFrag *f);

/* Whether `p` points into this heap's block or one of its fragments. */
bool heap_contains(const Heap *h, const Term *p);

/* Off-heap lists. A freshly built REFBIN (its Bin reference already
 * counted) must join the list of the area holding it, so that the GC can
 * move or release it and frag_free/heap_fini can drop it. heap_link_offheap
 * finds the area (the block or one of h's fragments; anything else is a
 * broken contract and panics) and adds the binary to bin_vheap_bytes;
 * frag_link_offheap is the same for a fragment not (yet) attached to a
 * heap, such as a message being built. Neither allocates nor runs the GC. */
void heap_link_offheap(Heap *h, Term *refbin);
void frag_link_offheap(HeapFrag *f, Term *refbin);

#endif
