/* gc.c — Cheney copying collection of one process heap (docs/gc.md).
 *
 * From-space is the heap part of the block, [start, htop), plus the used
 * part of every fragment. The roots, then the stack, are evacuated into a
 * fresh block; a scan pointer then walks the copies, evacuating what they
 * point at, until it meets the allocation pointer. No C recursion: the
 * to-space itself is the work queue, so term depth costs nothing.
 *
 * Invariants: a word is written only if it lies in from-space or
 * to-space, so literals and other shared data are never touched. A moved
 * boxed object's header becomes a boxed pointer to its copy (a real header
 * always has TAG_HEADER); a moved cons cell gets head = NONE (never a
 * value) and tail = the new cons term.
 */
#include "config.h" /* MOTE_DEBUG: heap_verify after every collection */
#include "gc.h"

#include <stdlib.h>

#include "bin.h"
#include "err.h"
#include "mem.h"

/* Word offsets inside a REFBIN: [hdr][size_bits][Bin *][data *][next]. */
#define REFBIN_SIZE 1
#define REFBIN_BIN  2
#define REFBIN_NEXT 4

/* With more fragments than this, "is p in from-space" binary-searches a
 * sorted array instead of walking the list. */
#define GC_FRAG_LINEAR_MAX 8

/* Past this block size, grow by a quarter instead of by the golden ratio:
 * a huge process should not be handed 60% more memory than it asked for. */
#define GC_SLOW_GROWTH_WORDS (UINT64_C(1) << 22)

typedef struct Range {
    const Term *lo, *hi; /* [lo, hi): the used words of one fragment */
} Range;

typedef struct Gc {
    uintptr_t blk_lo;      /* heap part of the old block, as an address */
    size_t blk_bytes;      /* its length: one compare checks the range  */
    const HeapFrag *frags; /* fragment list, searched when few          */
    Range *ranges;         /* sorted fragment ranges, when many; or NULL */
    size_t nranges;
    Term *htop; /* to-space allocation pointer               */
} Gc;

/* ---- from-space membership ------------------------------------------ */

static int cmp_range(const void *a, const void *b)
{
    const Range *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Sorts the fragment ranges when there are many. If the array cannot be
 * allocated the collector falls back to the list: slower, still right. */
static void setup_ranges(Gc *gc, const Heap *h)
{
    size_t n = 0;
    for (const HeapFrag *f = h->frags; f != NULL; f = f->next)
        n++;
    gc->ranges = NULL;
    gc->nranges = 0;
    if (n <= GC_FRAG_LINEAR_MAX)
        return;
    gc->ranges = mem_alloc(MEM_SYSTEM, n * sizeof(Range));
    if (gc->ranges == NULL)
        return;
    size_t i = 0;
    for (const HeapFrag *f = h->frags; f != NULL; f = f->next, i++)
        gc->ranges[i] = (Range){f->mem, f->mem + f->used_words};
    qsort(gc->ranges, n, sizeof(Range), cmp_range);
    gc->nranges = n;
}

static bool in_frags(const Gc *gc, const Term *p)
{
    if (gc->ranges != NULL) {
        size_t lo = 0, hi = gc->nranges;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (p < gc->ranges[mid].lo)
                hi = mid;
            else if (p >= gc->ranges[mid].hi)
                lo = mid + 1;
            else
                return true;
        }
        return false;
    }
    for (const HeapFrag *f = gc->frags; f != NULL; f = f->next) {
        if (p >= f->mem && p < f->mem + f->used_words)
            return true;
    }
    return false;
}

/* The block is checked first and with one unsigned compare: it holds most
 * of the data, and most pointers met are into it. */
static inline bool in_from(const Gc *gc, const Term *p)
{
    if ((uintptr_t)p - gc->blk_lo < gc->blk_bytes)
        return true;
    return gc->frags != NULL && in_frags(gc, p);
}

/* ---- evacuation ------------------------------------------------------ */

/* hdr_terms, guarded against an arity too small for the kind's fixed
 * words, so a malformed object can never make the scan run wild. */
static void term_slots(Term hdr, size_t *first, size_t *count)
{
    size_t n = (size_t)hdr_arity(hdr);
    hdr_terms(hdr, first, count);
    if (*first > n)
        *first = n;
    if (*count > n - *first)
        *count = n - *first;
}

static Term move_boxed(Gc *gc, Term t)
{
    Term *p = boxed_ptr(t);
    if (!in_from(gc, p))
        return t;
    Term hdr = p[0];
    if (!is_header(hdr))
        return hdr; /* already moved: the header is the forward */
    size_t words = 1 + (size_t)hdr_arity(hdr);
    Term *to = gc->htop;
    gc->htop += words;
    memcpy(to, p, words * sizeof(Term));
    p[0] = make_boxed(to);
    return make_boxed(to);
}

static Term move_cons(Gc *gc, Term t)
{
    Term *p = list_ptr(t);
    if (!in_from(gc, p))
        return t;
    if (p[0] == NONE)
        return p[1]; /* already moved */
    Term *to = gc->htop;
    gc->htop += 2;
    to[0] = p[0];
    to[1] = p[1];
    p[0] = NONE;
    p[1] = make_list(to);
    return make_list(to);
}

/* Updates one slot in place. Immediates, NONE and TAG_CP words are left
 * as they are. */
static inline void evacuate(Gc *gc, Term *slot)
{
    Term t = *slot;
    if (term_tag(t) == TAG_BOXED && t != NONE)
        *slot = move_boxed(gc, t);
    else if (term_tag(t) == TAG_LIST)
        *slot = move_cons(gc, t);
}

static void evacuate_range(Gc *gc, Term *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        evacuate(gc, p + i);
}

/* The Cheney scan: everything between `scan` and the allocation pointer
 * has been copied but may still point into from-space. A word in to-space
 * is either a header (a boxed object of 1 + arity words, whose term slots
 * hdr_terms names) or the head of a two-word cons cell. */
static void scan_from(Gc *gc, Term *scan)
{
    while (scan < gc->htop) {
        Term w = *scan;
        if (is_header(w)) {
            size_t first, count;
            term_slots(w, &first, &count);
            evacuate_range(gc, scan + 1 + first, count);
            scan += 1 + (size_t)hdr_arity(w);
        } else {
            evacuate_range(gc, scan, 2);
            scan += 2;
        }
    }
}

/* ---- off-heap binaries ----------------------------------------------- */

/* Walks one old off-heap list. A REFBIN that was copied (its header is now
 * a forward) joins the new list; one that was not is garbage, and its
 * reference to the Bin is dropped. The old cells' next words are intact:
 * evacuation only overwrites a header. */
static void sweep_offheap(Term *list, Term **new_list, size_t *vheap_bytes)
{
    while (list != NULL) {
        Term *next = (Term *)(uintptr_t)list[REFBIN_NEXT];
        if (is_header(list[0])) {
            bin_decref((Bin *)(uintptr_t)list[REFBIN_BIN]);
        } else {
            Term *moved = boxed_ptr(list[0]);
            moved[REFBIN_NEXT] = (Term)(uintptr_t)*new_list;
            *new_list = moved;
            *vheap_bytes += (size_t)((moved[REFBIN_SIZE] + 7) / 8);
        }
        list = next;
    }
}

/* ---- sizing ---------------------------------------------------------- */

/* The smallest block size class holding `words`: a Fibonacci sequence, so
 * that consecutive sizes differ by ~1.6x, then steps of a quarter. */
static size_t size_class(size_t words)
{
    size_t a = 21, b = 34;
    while (b < words && b < GC_SLOW_GROWTH_WORDS) {
        size_t c = a + b;
        a = b;
        b = c;
    }
    while (b < words && b < SIZE_MAX / 2)
        b += b / 4;
    return b < words ? words : b;
}

/* The block size for `want` words (heap + stack + need) kept in a heap
 * whose block is `cur` words: keep the size while the fill stays between a
 * quarter and a half, else grow or shrink to about half full. Growing to
 * only 75% full made a process whose live data keeps growing collect
 * again after an eighth of its heap, copying everything each time (a
 * 100k-key map build spent 70% of its time in the GC). The result is
 * monotone in `want` and never below it, which gc_collect relies on (the
 * final size never exceeds the first). */
static size_t size_for(const Heap *h, size_t cur, size_t want)
{
    size_t s = cur;
    if (want > cur / 2)
        s = size_class(want * 2);
    else if (want < cur / 4 && size_class(want * 2) < cur)
        s = size_class(want * 2);
    /* A small heap goes back to exactly min_words, the size the process
     * layer recycles. */
    if (s < h->min_words || want * 2 <= h->min_words)
        s = h->min_words;
    return s;
}

/* ---- shrinking the new block in place -------------------------------- */

typedef struct Move {
    uintptr_t lo;   /* old block address */
    size_t bytes;   /* its length */
    intptr_t delta; /* new - old, in bytes */
} Move;

static void relocate(const Move *mv, Term *slot)
{
    Term t = *slot;
    unsigned tag = term_tag(t);
    if ((tag != TAG_BOXED || t == NONE) && tag != TAG_LIST)
        return;
    if ((uintptr_t)t - mv->lo < mv->bytes)
        *slot = (Term)((intptr_t)t + mv->delta);
}

/* After a realloc moved the block: every pointer into the old address
 * range, in the heap, the stack, the roots and the off-heap list, is
 * shifted by the same distance. */
static void relocate_all(Heap *h, const GcRoots *roots, const Move *mv)
{
    for (Term *s = h->start; s < h->htop;) {
        Term w = *s;
        if (is_header(w)) {
            size_t first, count;
            term_slots(w, &first, &count);
            for (size_t i = 0; i < count; i++)
                relocate(mv, s + 1 + first + i);
            s += 1 + (size_t)hdr_arity(w);
        } else {
            relocate(mv, s);
            relocate(mv, s + 1);
            s += 2;
        }
    }
    for (Term *s = h->stop; s < h->end; s++)
        relocate(mv, s);
    for (size_t r = 0; roots != NULL && r < roots->n; r++) {
        for (size_t i = 0; i < roots->counts[r]; i++)
            relocate(mv, roots->ranges[r] + i);
    }
    Term **link = &h->mso;
    while (*link != NULL) {
        if ((uintptr_t)*link - mv->lo < mv->bytes)
            *link = (Term *)((intptr_t)*link + mv->delta);
        link = (Term **)&(*link)[REFBIN_NEXT];
    }
}

/* Shrinks the (just collected) block to `words`, which must hold its heap
 * and stack. The stack moves down first so the cut-off tail is free; if
 * the allocator cannot shrink, the stack moves back and the bigger block
 * stays, which is wasteful but correct. */
static void shrink_block(Heap *h, const GcRoots *roots, size_t words)
{
    size_t old_words = (size_t)(h->end - h->start);
    size_t stack_words = (size_t)(h->end - h->stop);
    Term *old = h->start;
    memmove(old + words - stack_words, h->stop, stack_words * sizeof(Term));
    Term *nb = mem_realloc(MEM_HEAP, old, old_words * sizeof(Term), words * sizeof(Term));
    if (nb == NULL) {
        memmove(h->stop, old + words - stack_words, stack_words * sizeof(Term));
        return;
    }
    size_t heap_words = (size_t)(h->htop - old);
    h->start = nb;
    h->htop = nb + heap_words;
    h->end = nb + words;
    h->stop = h->end - stack_words;
    if (nb != old) {
        Move mv = {(uintptr_t)old, words * sizeof(Term),
                   (intptr_t)((uintptr_t)nb - (uintptr_t)old)};
        relocate_all(h, roots, &mv);
    }
}

/* ---- the collection -------------------------------------------------- */

/* Frees the from-space once everything live has left it. The off-heap
 * lists were swept already, so the fragments' lists are not walked. */
static void free_from_space(Heap *h)
{
    HeapFrag *f = h->frags;
    while (f != NULL) {
        HeapFrag *next = f->next;
        f->mso = NULL;
        frag_free(f);
        f = next;
    }
    /* A block inside its owner's allocation goes when the owner does. */
    if (!(h->flags & HEAP_INLINE_BLOCK))
        mem_free(MEM_HEAP, h->start, (size_t)(h->end - h->start) * sizeof(Term));
    h->flags &= ~HEAP_INLINE_BLOCK;
}

/* Copies everything reachable into `to` (of `to_words`) and sweeps the
 * off-heap lists; returns the new off-heap list and its size in bytes. */
static Term *copy_live(Heap *h, const GcRoots *roots, Term *to, size_t to_words,
                       size_t *vheap_bytes)
{
    Gc gc = {
        .blk_lo = (uintptr_t)h->start,
        .blk_bytes = (size_t)(h->htop - h->start) * sizeof(Term),
        .frags = h->frags,
        .htop = to,
    };
    setup_ranges(&gc, h);
    size_t stack_words = (size_t)(h->end - h->stop);
    Term *to_stop = to + to_words - stack_words;
    memcpy(to_stop, h->stop, stack_words * sizeof(Term));
    for (size_t r = 0; roots != NULL && r < roots->n; r++)
        evacuate_range(&gc, roots->ranges[r], roots->counts[r]);
    evacuate_range(&gc, to_stop, stack_words);
    scan_from(&gc, to);
    if (gc.ranges != NULL)
        mem_free(MEM_SYSTEM, gc.ranges, gc.nranges * sizeof(Range));

    Term *mso = NULL;
    *vheap_bytes = 0;
    sweep_offheap(h->mso, &mso, vheap_bytes);
    for (HeapFrag *f = h->frags; f != NULL; f = f->next)
        sweep_offheap(f->mso, &mso, vheap_bytes);

    free_from_space(h);
    h->start = to;
    h->htop = gc.htop;
    h->end = to + to_words;
    h->stop = to_stop;
    h->frags = NULL;
    h->frag_words = 0;
    h->mso = mso;
    return mso;
}

/* The to-space is sized before anyone knows how much is live, so it must
 * hold everything in use (the worst case, nothing is garbage). It is sized
 * by the same policy as the final block; when less survived, the block is
 * then shrunk in place, which costs a stack move, not a second copy. */
int gc_collect(Heap *h, const GcRoots *roots, size_t need_words)
{
    size_t cur = (size_t)(h->end - h->start);
    size_t used = heap_used_words(h);
    if (need_words > SIZE_MAX / (4 * sizeof(Term)) - used)
        return MOTE_ENOMEM; /* no block could ever hold it */
    size_t bound = used + need_words;
    size_t to_words = size_for(h, cur, bound);
    Term *to = mem_alloc(MEM_HEAP, to_words * sizeof(Term));
    if (to == NULL)
        return MOTE_ENOMEM;
    size_t vheap_bytes;
    copy_live(h, roots, to, to_words, &vheap_bytes);
    h->bin_vheap_bytes = vheap_bytes;
    /* Twice what is still referenced: a process holding many large
     * binaries is not collected again until it has dropped as many. */
    h->bin_vheap_limit =
        vheap_bytes > HEAP_VHEAP_MIN_BYTES / 2 ? 2 * vheap_bytes : HEAP_VHEAP_MIN_BYTES;
    h->gc_count++;

    size_t want = heap_used_words(h) + need_words;
    size_t final_words = size_for(h, cur, want);
    if (h->max_words != 0 && final_words > h->max_words && want <= h->max_words)
        final_words = h->max_words;
    if (final_words < to_words)
        shrink_block(h, roots, final_words);
#ifdef MOTE_DEBUG
    Err err;
    if (heap_verify(h, roots, &err) != 0)
        mote_panic("gc: heap broken after collection %u: %s", (unsigned)h->gc_count, err.msg);
#endif
    if (h->max_words != 0 && want > h->max_words)
        return MOTE_EHEAPCAP;
    return 0;
}

/* ---- heap_verify ----------------------------------------------------- */

/* The used part of the block or of a fragment holding p, or false. */
static bool object_area(const Heap *h, const Term *p, const Term **hi)
{
    if (p >= h->start && p < h->htop) {
        *hi = h->htop;
        return true;
    }
    for (const HeapFrag *f = h->frags; f != NULL; f = f->next) {
        if (p >= f->mem && p < f->mem + f->used_words) {
            *hi = f->mem + f->used_words;
            return true;
        }
    }
    return false;
}

/* A pointer from a value: into the heap's objects, at a whole object, or
 * outside the heap entirely (literals). Free space and the stack are not
 * places a term may point. */
static int check_pointer(const Heap *h, Term t, Err *err)
{
    bool boxed = term_tag(t) == TAG_BOXED;
    const Term *p = boxed ? boxed_ptr(t) : list_ptr(t);
    const Term *hi;
    if (!object_area(h, p, &hi)) {
        if (heap_contains(h, p))
            return err_set(err, MOTE_EINTERNAL,
                           "heap_verify: term %#llx points into free space or the stack",
                           (unsigned long long)t);
        return 0;
    }
    if (boxed) {
        if (!is_header(p[0]) || hdr_kind(p[0]) >= HDR_KINDS ||
            (size_t)(hi - p) < 1 + (size_t)hdr_arity(p[0]))
            return err_set(err, MOTE_EINTERNAL,
                           "heap_verify: boxed %#llx does not point at a whole object",
                           (unsigned long long)t);
        return 0;
    }
    if (hi - p < 2 || p[0] == NONE || is_header(p[0]) || is_header(p[1]))
        return err_set(err, MOTE_EINTERNAL,
                       "heap_verify: cons %#llx does not point at a cons cell (moved or torn)",
                       (unsigned long long)t);
    return 0;
}

/* A word that must be a value: NONE only where `none_ok` (empty root or
 * stack slots), never a header or a CP inside a heap object. */
static int check_value(const Heap *h, Term t, bool none_ok, Err *err)
{
    unsigned tag = term_tag(t);
    if (t == NONE)
        return none_ok ? 0 : err_set(err, MOTE_EINTERNAL, "heap_verify: NONE stored as a value");
    if (tag == TAG_HEADER || tag == TAG_CP)
        return err_set(err, MOTE_EINTERNAL, "heap_verify: word %#llx is not a value",
                       (unsigned long long)t);
    if (tag == TAG_BOXED || tag == TAG_LIST)
        return check_pointer(h, t, err);
    return 0;
}

/* Walks one area object by object (it must be filled with whole objects)
 * and counts the REFBINs met. */
static int check_objects(const Heap *h, const Term *s, const Term *hi, size_t *nrefbins, Err *err)
{
    while (s < hi) {
        Term w = *s;
        if (!is_header(w)) {
            if (hi - s < 2)
                return err_set(err, MOTE_EINTERNAL, "heap_verify: cons cell cut off at %p",
                               (const void *)s);
            for (int i = 0; i < 2; i++) {
                int rc = check_value(h, s[i], false, err);
                if (rc != 0)
                    return rc;
            }
            s += 2;
            continue;
        }
        size_t n = (size_t)hdr_arity(w), first, count;
        if (hdr_kind(w) >= HDR_KINDS || (size_t)(hi - s) < 1 + n)
            return err_set(err, MOTE_EINTERNAL, "heap_verify: bad header %#llx at %p",
                           (unsigned long long)w, (const void *)s);
        *nrefbins += hdr_kind(w) == HDR_REFBIN;
        term_slots(w, &first, &count);
        for (size_t i = 0; i < count; i++) {
            int rc = check_value(h, s[1 + first + i], false, err);
            if (rc != 0)
                return rc;
        }
        s += 1 + n;
    }
    return 0;
}

static int check_slots(const Heap *h, const Term *p, size_t n, Err *err)
{
    for (size_t i = 0; i < n; i++) {
        if (term_tag(p[i]) == TAG_CP)
            continue;
        int rc = check_value(h, p[i], true, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Every entry of an off-heap list is a REFBIN in the area that owns the
 * list; the walk is bounded so a cycle is reported, not followed. */
static int check_offheap(const Term *list, const Term *lo, const Term *hi, size_t *n, Err *err)
{
    size_t limit = (size_t)(hi - lo);
    for (*n = 0; list != NULL; (*n)++) {
        if (*n > limit || list < lo || list >= hi || !is_header(list[0]) ||
            hdr_kind(list[0]) != HDR_REFBIN || hdr_arity(list[0]) < 4)
            return err_set(err, MOTE_EINTERNAL,
                           "heap_verify: off-heap list entry %p is not a REFBIN of its area",
                           (const void *)list);
        list = (const Term *)(uintptr_t)list[REFBIN_NEXT];
    }
    return 0;
}

/* One area and its off-heap list. A REFBIN missing from the list would
 * never be released (or, once moved, would carry a stale link), so the
 * list must hold every REFBIN of the area. */
static int check_area(const Heap *h, const Term *lo, const Term *hi, const Term *list, Err *err)
{
    size_t nobjects = 0, nlisted = 0;
    int rc = check_objects(h, lo, hi, &nobjects, err);
    if (rc == 0)
        rc = check_offheap(list, lo, hi, &nlisted, err);
    if (rc == 0 && nobjects != nlisted)
        rc = err_set(err, MOTE_EINTERNAL,
                     "heap_verify: area %p holds %zu REFBINs but its off-heap list has %zu",
                     (const void *)lo, nobjects, nlisted);
    return rc;
}

int heap_verify(const Heap *h, const GcRoots *roots, Err *err)
{
    if (h->start > h->htop || h->htop > h->stop || h->stop > h->end)
        return err_set(err, MOTE_EINTERNAL, "heap_verify: start <= htop <= stop <= end broken");
    int rc = check_area(h, h->start, h->htop, h->mso, err);
    size_t frag_words = 0;
    for (const HeapFrag *f = h->frags; f != NULL && rc == 0; f = f->next) {
        frag_words += f->used_words;
        rc = check_area(h, f->mem, f->mem + f->used_words, f->mso, err);
    }
    if (rc == 0 && frag_words != h->frag_words)
        rc = err_set(err, MOTE_EINTERNAL, "heap_verify: frag_words %zu, fragments hold %zu",
                     h->frag_words, frag_words);
    if (rc == 0)
        rc = check_slots(h, h->stop, (size_t)(h->end - h->stop), err);
    for (size_t r = 0; roots != NULL && r < roots->n && rc == 0; r++)
        rc = check_slots(h, roots->ranges[r], roots->counts[r], err);
    return rc;
}
