/* test_gc.c — the copying collector: what survives, what is freed, what is
 * never touched. Terms are built by hand from term.h's layouts; each test
 * builds the same term twice, once in the heap under test and once in a
 * reference heap that is never collected, and compares them deeply. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bin.h"
#include "err.h"
#include "gc.h"
#include "heap.h"
#include "mem.h"

/* ---- building terms by hand ----------------------------------------- */

static Term *words(Heap *h, size_t n)
{
    Term *p = heap_alloc(h, n);
    assert_non_null(p);
    return p;
}

static Term cons(Heap *h, Term hd, Term tl)
{
    Term *p = words(h, 2);
    p[0] = hd;
    p[1] = tl;
    return make_list(p);
}

static Term tuple(Heap *h, size_t n, const Term *elems)
{
    Term *p = words(h, 1 + n);
    p[0] = make_header(HDR_TUPLE, n);
    memcpy(p + 1, elems, n * sizeof(Term));
    return make_boxed(p);
}

static Term tuple2(Heap *h, Term a, Term b)
{
    Term e[2] = {a, b};
    return tuple(h, 2, e);
}

/* A boxed object of `kind` with the given payload, raw or not. */
static Term boxed(Heap *h, HdrKind kind, size_t n, const Term *payload)
{
    Term *p = words(h, 1 + n);
    p[0] = make_header(kind, n);
    memcpy(p + 1, payload, n * sizeof(Term));
    return make_boxed(p);
}

static Term list_of_ints(Heap *h, int64_t from, int64_t n)
{
    Term l = NIL;
    for (int64_t i = from + n - 1; i >= from; i--)
        l = cons(h, make_small(i), l);
    return l;
}

/* A REFBIN for b, taking a reference of its own. */
static Term refbin(Heap *h, Bin *b)
{
    Term *p = words(h, 5);
    bin_incref(b);
    p[0] = make_header(HDR_REFBIN, 4);
    p[1] = (Term)b->size_bytes * 8;
    p[2] = (Term)(uintptr_t)b;
    p[3] = (Term)(uintptr_t)b->data;
    p[4] = 0;
    heap_link_offheap(h, p);
    return make_boxed(p);
}

static int fake_fundef; /* a FunDef * is a raw word: any stable address */

/* One term holding every kind of object in term.h, some shared. */
static Term sample(Heap *h, Bin *bin)
{
    double d = 2.5;
    Term fl[1];
    memcpy(fl, &d, sizeof d);
    Term flt = boxed(h, HDR_FLOAT, 1, fl);
    Term big = boxed(h, HDR_BIGPOS, 2, (Term[]){0xffffffffffffffffu, 7});
    Term nbig = boxed(h, HDR_BIGNEG, 1, (Term[]){UINT64_C(1) << 62});
    Term hbin = boxed(h, HDR_HEAPBIN, 3, (Term[]){13 * 8, 0x0706050403020100u, 0x0c0b0a0908u});
    Term rbin = refbin(h, bin);
    Term sub1 = boxed(h, HDR_SUBBIN, 3, (Term[]){16, 8, hbin});
    Term sub2 = boxed(h, HDR_SUBBIN, 3, (Term[]){80, 24, rbin});
    Term keys = tuple2(h, make_atom(1), make_atom(2));
    Term map = boxed(h, HDR_MAP, 3, (Term[]){keys, flt, list_of_ints(h, 0, 3)});
    Term node = boxed(h, HDR_HAMT_NODE, 2, (Term[]){0x5, cons(h, make_atom(9), big)});
    Term hamt = boxed(h, HDR_HAMT_ROOT, 4, (Term[]){2, 0x11, node, cons(h, make_small(4), nbig)});
    Term fun = boxed(h, HDR_FUN, 3, (Term[]){(Term)(uintptr_t)&fake_fundef, map, make_pid(77)});
    Term exp = boxed(h, HDR_EXPORT, 3, (Term[]){make_atom(5), make_atom(6), make_small(2)});
    Term ref = boxed(h, HDR_REF, 2, (Term[]){123456789, 987654321});
    Term epid = boxed(h, HDR_EXTPID, 4, (Term[]){make_atom(8), 42, 1, 3});
    Term eref = boxed(h, HDR_EXTREF, 4, (Term[]){make_atom(8), 3, 2, 0x0000000100000002u});
    Term opq = boxed(h, HDR_OPAQUE, 2, (Term[]){0xdeadbeef0, 0x1234});
    Term parts[] = {make_small(-5),
                    make_atom(3),
                    make_pid(12),
                    NIL,
                    flt,
                    big,
                    nbig,
                    hbin,
                    rbin,
                    sub1,
                    sub2,
                    map,
                    hamt,
                    fun,
                    exp,
                    ref,
                    epid,
                    eref,
                    opq,
                    flt /* shared */,
                    cons(h, keys, keys)};
    return tuple(h, sizeof parts / sizeof parts[0], parts);
}

/* ---- deep comparison ------------------------------------------------ */

typedef struct Pair {
    Term a, b;
} Pair;

typedef struct Work {
    Pair *items;
    size_t n, cap;
} Work;

static void push(Work *w, Term a, Term b)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 256;
        w->items = realloc(w->items, w->cap * sizeof(Pair));
        assert_non_null(w->items);
    }
    w->items[w->n++] = (Pair){a, b};
}

/* Two boxed objects of one header: raw words equal, term words pushed.
 * A REFBIN is equal by its bytes; its pointers and list link differ. */
static bool boxed_eq(Work *w, const Term *p, const Term *q)
{
    if (p[0] != q[0])
        return false;
    size_t n = (size_t)hdr_arity(p[0]), first, count;
    if (hdr_kind(p[0]) == HDR_REFBIN)
        return p[1] == q[1] && memcmp((const void *)(uintptr_t)p[3], (const void *)(uintptr_t)q[3],
                                      (size_t)(p[1] + 7) / 8) == 0;
    hdr_terms(p[0], &first, &count);
    for (size_t i = 0; i < n; i++) {
        if (i >= first && i < first + count)
            push(w, p[1 + i], q[1 + i]);
        else if (p[1 + i] != q[1 + i])
            return false;
    }
    return true;
}

static bool deep_eq(Term a, Term b)
{
    Work w = {0};
    bool eq = true;
    push(&w, a, b);
    while (eq && w.n > 0) {
        Pair pr = w.items[--w.n];
        if (term_tag(pr.a) != term_tag(pr.b)) {
            eq = false;
        } else if (is_cons(pr.a)) {
            push(&w, list_tail(pr.a), list_tail(pr.b));
            push(&w, list_head(pr.a), list_head(pr.b));
        } else if (is_boxed(pr.a) && is_boxed(pr.b)) {
            eq = boxed_eq(&w, boxed_ptr(pr.a), boxed_ptr(pr.b));
        } else {
            eq = pr.a == pr.b;
        }
    }
    free(w.items);
    return eq;
}

/* ---- fixtures ------------------------------------------------------- */

typedef struct Fix {
    Heap h;   /* under test */
    Heap ref; /* reference copies, never collected */
    Bin *bin;
} Fix;

static int setup(void **state)
{
    Fix *f = calloc(1, sizeof *f);
    if (f == NULL || heap_init(&f->h, HEAP_MIN_WORDS) != 0 || heap_init(&f->ref, 1 << 12) != 0)
        return -1;
    f->bin = bin_alloc(300);
    if (f->bin == NULL)
        return -1;
    for (size_t i = 0; i < 300; i++)
        f->bin->data[i] = (uint8_t)(i * 7);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fix *f = *state;
    heap_fini(&f->h);
    heap_fini(&f->ref);
    bin_decref(f->bin);
    free(f);
    return 0;
}

/* Collects with roots[0..n) as the only root range, then checks the heap. */
static int collect(Heap *h, Term *roots, size_t n, size_t need)
{
    Term *ranges[1] = {roots};
    size_t counts[1] = {n};
    GcRoots r = {ranges, counts, n ? 1 : 0};
    int rc = gc_collect(h, &r, need);
    Err err = {0};
    int vrc = heap_verify(h, &r, &err);
    if (vrc != 0)
        fail_msg("heap_verify after gc: %s", err.msg);
    return rc;
}

static uint64_t refc(Bin *b)
{
    return atomic_load(&b->refc);
}

static size_t free_words(const Heap *h)
{
    return (size_t)(h->stop - h->htop);
}

/* ---- what survives -------------------------------------------------- */

static void keeps_every_kind_of_term_intact(void **state)
{
    Fix *f = *state;
    Term root[2] = {sample(&f->h, f->bin), make_small(1)};
    Term want = sample(&f->ref, f->bin);
    assert_non_null(f->h.frags); /* the small heap spilled */
    for (int i = 0; i < 3; i++) {
        assert_int_equal(collect(&f->h, root, 2, 0), 0);
        assert_true(deep_eq(root[0], want));
        assert_true(heap_contains(&f->h, boxed_ptr(root[0])));
        assert_int_equal(root[1], make_small(1));
    }
    assert_null(f->h.frags);
    assert_int_equal(f->h.frag_words, 0);
    assert_int_equal(f->h.gc_count, 3);
}

static void keeps_shared_subterms_shared(void **state)
{
    Fix *f = *state;
    Term shared = tuple2(&f->h, make_small(1), make_small(2));
    Term l = cons(&f->h, shared, NIL);
    Term root[3] = {shared, tuple2(&f->h, shared, l), l};
    assert_int_equal(collect(&f->h, root, 3, 0), 0);
    assert_int_equal(tuple_get(root[1], 0), root[0]);
    assert_int_equal(list_head(root[2]), root[0]);
    assert_int_equal(tuple_get(root[1], 1), root[2]);
    /* One copy each: 3 + 3 (tuples) + 2 (cons) words. */
    assert_int_equal(heap_used_words(&f->h), 8);
}

static void copies_raw_payload_bit_for_bit(void **state)
{
    Fix *f = *state;
    Term victim = tuple2(&f->h, make_small(1), make_small(2));
    /* Raw words that look exactly like pointers into from-space. */
    Term raw[3] = {victim, victim + TAG_LIST, victim};
    Term opq = boxed(&f->h, HDR_OPAQUE, 2, raw);
    Term ref = boxed(&f->h, HDR_REF, 2, raw + 1);
    Term root[2] = {opq, ref};
    assert_int_equal(collect(&f->h, root, 2, 0), 0);
    assert_int_equal(boxed_ptr(root[0])[1], raw[0]);
    assert_int_equal(boxed_ptr(root[0])[2], raw[1]);
    assert_int_equal(boxed_ptr(root[1])[1], raw[1]);
    assert_int_equal(boxed_ptr(root[1])[2], raw[2]);
}

static void keeps_stack_terms_and_cp_words(void **state)
{
    Fix *f = *state;
    Term cp1 = (UINT64_C(0xabcdef) << 3) | TAG_CP;
    Term cp2 = (UINT64_C(0x1) << 3) | TAG_CP;
    Term keep[2] = {sample(&f->h, f->bin), list_of_ints(&f->h, 0, 100)};
    assert_int_equal(collect(&f->h, keep, 2, 6), 0); /* room for the frame */
    f->h.stop -= 6;
    Term stack[6] = {cp1, keep[0], NONE, keep[1], cp2, make_atom(4)};
    memcpy(f->h.stop, stack, sizeof stack);
    assert_int_equal(collect(&f->h, NULL, 0, 0), 0);
    Term *s = f->h.stop;
    assert_int_equal(f->h.end - s, 6);
    assert_int_equal(s[0], cp1);
    assert_int_equal(s[2], NONE);
    assert_int_equal(s[4], cp2);
    assert_int_equal(s[5], make_atom(4));
    assert_true(deep_eq(s[1], sample(&f->ref, f->bin)));
    assert_true(deep_eq(s[3], list_of_ints(&f->ref, 0, 100)));
    assert_true(heap_contains(&f->h, list_ptr(s[3])));
}

/* ---- what is freed -------------------------------------------------- */

static void reclaims_garbage(void **state)
{
    Fix *f = *state;
    Term root[1] = {NIL};
    for (int i = 0; i < 100; i++) {
        list_of_ints(&f->h, 0, 100); /* garbage */
        if (i == 50)
            root[0] = tuple2(&f->h, make_small(1), make_small(2));
    }
    assert_true(heap_used_words(&f->h) > 20000);
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_int_equal(heap_used_words(&f->h), 3);
    assert_int_equal(heap_size_words(&f->h), HEAP_MIN_WORDS); /* back to recyclable */
    assert_int_equal(tuple_get(root[0], 1), make_small(2));
}

static void merges_fragments_and_frees_them(void **state)
{
    Fix *f = *state;
    size_t base = mem_in_use(MEM_HEAP) - heap_size_words(&f->h) * sizeof(Term);
    Term root[1] = {list_of_ints(&f->h, 0, 1000)};
    HeapFrag *msg = frag_new(40);
    assert_non_null(msg);
    Term *p = frag_alloc(msg, 3);
    p[0] = make_header(HDR_TUPLE, 2);
    p[1] = root[0];
    p[2] = make_atom(7);
    heap_attach(&f->h, msg);
    root[0] = make_boxed(p);
    assert_non_null(f->h.frags);
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_null(f->h.frags);
    assert_int_equal(f->h.frag_words, 0);
    assert_int_equal(mem_in_use(MEM_HEAP), base + heap_size_words(&f->h) * sizeof(Term));
    assert_true(deep_eq(tuple_get(root[0], 0), list_of_ints(&f->ref, 0, 1000)));
}

static void finds_pointers_across_many_fragments(void **state)
{
    Fix *f = *state;
    /* A chain of tuples, each in its own attached fragment: the collector
     * must find them all through the sorted fragment ranges. */
    Term prev = NIL, want = NIL;
    for (int i = 0; i < 50; i++) {
        HeapFrag *fr = frag_new(3 + (size_t)i % 5);
        assert_non_null(fr);
        Term *p = frag_alloc(fr, 3);
        p[0] = make_header(HDR_TUPLE, 2);
        p[1] = make_small(i);
        p[2] = prev;
        heap_attach(&f->h, fr);
        prev = make_boxed(p);
        want = tuple2(&f->ref, make_small(i), want);
    }
    Term root[1] = {prev};
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_null(f->h.frags);
    assert_true(deep_eq(root[0], want));
}

static void keeps_a_bounded_heap_when_a_loop_drops_big_lists(void **state)
{
    Fix *f = *state;
    size_t peak = 0;
    Term root[2] = {NIL, make_small(0)}; /* the list being built, a counter */
    for (int iter = 0; iter < 1000; iter++) {
        root[0] = NIL;
        for (int i = 0; i < 1000; i++) {
            root[0] = cons(&f->h, make_small(i), root[0]);
            if (heap_wants_gc(&f->h))
                assert_int_equal(collect(&f->h, root, 2, 0), 0);
        }
        root[1] = make_small(small_val(root[1]) + small_val(list_head(root[0])));
        if (heap_size_words(&f->h) > peak)
            peak = heap_size_words(&f->h);
    }
    assert_int_equal(small_val(root[1]), 999 * 1000);
    /* Live data never exceeds 2002 words; the heap must stay near that. */
    assert_true(peak < 16 * 1024);
    root[0] = NIL;
    assert_int_equal(collect(&f->h, root, 2, 0), 0);
    assert_true(heap_size_words(&f->h) <= 64);
}

static void releases_unreachable_refbins(void **state)
{
    Fix *f = *state;
    Bin *other = bin_alloc(100);
    assert_non_null(other);
    Term root[1] = {refbin(&f->h, f->bin)};
    refbin(&f->h, other);
    list_of_ints(&f->h, 0, 50); /* push the next one into a fragment */
    refbin(&f->h, other);
    assert_int_equal(refc(other), 3);
    assert_int_equal(f->h.bin_vheap_bytes, 500);
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_int_equal(refc(other), 1);
    assert_int_equal(refc(f->bin), 2);
    assert_int_equal(f->h.bin_vheap_bytes, 300);
    assert_ptr_equal(f->h.mso, boxed_ptr(root[0]));
    assert_int_equal(f->h.mso[4], 0);
    root[0] = NIL;
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_int_equal(refc(f->bin), 1);
    assert_null(f->h.mso);
    assert_int_equal(f->h.bin_vheap_bytes, 0);
    bin_decref(other);
}

static void sets_the_binary_limit_from_what_survives(void **state)
{
    Fix *f = *state;
    Bin *big = bin_alloc(400 * 1024);
    assert_non_null(big);
    Term root[1] = {refbin(&f->h, big)};
    refbin(&f->h, big);
    assert_true(heap_wants_gc(&f->h));
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_int_equal(f->h.bin_vheap_bytes, 400 * 1024);
    assert_int_equal(f->h.bin_vheap_limit, 800 * 1024);
    assert_false(heap_wants_gc(&f->h)); /* not again at once */
    root[0] = NIL;
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_int_equal(f->h.bin_vheap_limit, HEAP_VHEAP_MIN_BYTES);
    assert_int_equal(refc(big), 1);
    bin_decref(big);
}

static void moves_fragment_refbins_to_the_block_list(void **state)
{
    Fix *f = *state;
    list_of_ints(&f->h, 0, 50);
    Term root[1] = {refbin(&f->h, f->bin)};
    assert_non_null(f->h.frags);
    assert_null(f->h.mso);
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_ptr_equal(f->h.mso, boxed_ptr(root[0]));
    assert_int_equal(refc(f->bin), 2);
}

static void a_slice_keeps_its_binary_alive(void **state)
{
    Fix *f = *state;
    Term rb = refbin(&f->h, f->bin);
    Term root[1] = {boxed(&f->h, HDR_SUBBIN, 3, (Term[]){8, 16, rb})};
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    Term orig = boxed_ptr(root[0])[3];
    assert_true(is_boxed_kind(orig, HDR_REFBIN));
    assert_ptr_equal(f->h.mso, boxed_ptr(orig));
    assert_int_equal(refc(f->bin), 2);
}

static void frees_large_binaries_built_by_bin_new(void **state)
{
    Fix *f = *state;
    size_t before = mem_in_use(MEM_BIN);
    uint8_t bytes[1000];
    memset(bytes, 0x5a, sizeof bytes);
    Term root[1] = {bin_new(&f->h, bytes, sizeof bytes)};
    Term dropped = bin_new(&f->h, NULL, 2000);
    assert_true(is_boxed_kind(root[0], HDR_REFBIN));
    assert_true(is_boxed_kind(dropped, HDR_REFBIN));
    assert_true(mem_in_use(MEM_BIN) >= before + 3000);
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_true(mem_in_use(MEM_BIN) < before + 2000);
    const uint8_t *p;
    size_t len;
    assert_true(bin_bytes(root[0], &p, &len));
    assert_int_equal(len, 1000);
    assert_memory_equal(p, bytes, len);
    root[0] = NIL;
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_int_equal(mem_in_use(MEM_BIN), before);
}

/* A GC-stress run: a collection after every single allocation, with the
 * partly built term as the only roots, grows and shrinks the block many
 * times and must still build exactly what an uncollected heap builds. */
static void survives_a_collection_after_every_allocation(void **state)
{
    Fix *f = *state;
    Term root[2] = {NIL, NIL};
    Term want = NIL;
    for (int i = 0; i < 300; i++) {
        root[1] = cons(&f->h, make_small(i), NIL);
        assert_int_equal(collect(&f->h, root, 2, 0), 0);
        root[1] = tuple2(&f->h, make_small(i), root[1]);
        assert_int_equal(collect(&f->h, root, 2, 0), 0);
        root[0] = cons(&f->h, root[1], root[0]);
        assert_int_equal(collect(&f->h, root, 2, 0), 0);
        want =
            cons(&f->ref, tuple2(&f->ref, make_small(i), cons(&f->ref, make_small(i), NIL)), want);
    }
    assert_true(deep_eq(root[0], want));
    assert_int_equal(f->h.gc_count, 900);
    assert_int_equal(heap_used_words(&f->h), 300 * 7);
}

/* ---- what is never touched ------------------------------------------ */

static void never_writes_literals_outside_the_heap(void **state)
{
    Fix *f = *state;
    long page = sysconf(_SC_PAGESIZE);
    Term *lit =
        mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(lit != MAP_FAILED);
    /* A literal tuple {1, [2, 3]} and its list, laid out by hand. */
    lit[0] = make_header(HDR_TUPLE, 2);
    lit[1] = make_small(1);
    lit[2] = make_list(lit + 4);
    lit[4] = make_small(2);
    lit[5] = make_list(lit + 6);
    lit[6] = make_small(3);
    lit[7] = NIL;
    assert_int_equal(mprotect(lit, (size_t)page, PROT_READ), 0);
    Term lt = make_boxed(lit), ll = make_list(lit + 4);
    Term root[2] = {tuple2(&f->h, lt, cons(&f->h, ll, NIL)), ll};
    assert_int_equal(collect(&f->h, root, 2, 0), 0);
    assert_int_equal(tuple_get(root[0], 0), lt);
    assert_int_equal(list_head(tuple_get(root[0], 1)), ll);
    assert_int_equal(root[1], ll);
    assert_int_equal(collect(&f->h, root, 2, 0), 0); /* twice: no forwards left */
    assert_int_equal(tuple_get(root[0], 0), lt);
    munmap(lit, (size_t)page);
}

/* ---- limits and failures -------------------------------------------- */

static void over_the_cap_gives_eheapcap_and_a_consistent_heap(void **state)
{
    Fix *f = *state;
    Term root[1] = {list_of_ints(&f->h, 0, 100)}; /* 200 live words */
    f->h.max_words = 150;
    assert_int_equal(collect(&f->h, root, 1, 0), MOTE_EHEAPCAP);
    assert_true(deep_eq(root[0], list_of_ints(&f->ref, 0, 100)));
    f->h.max_words = 250;
    assert_int_equal(collect(&f->h, root, 1, 40), 0);
    assert_true(heap_size_words(&f->h) <= 250);
    assert_true(free_words(&f->h) >= 40);
    assert_int_equal(collect(&f->h, root, 1, 60), MOTE_EHEAPCAP);
    assert_true(deep_eq(root[0], list_of_ints(&f->ref, 0, 100)));
}

static void makes_room_for_the_words_asked_for(void **state)
{
    Fix *f = *state;
    Term root[1] = {list_of_ints(&f->h, 0, 10)};
    assert_int_equal(collect(&f->h, root, 1, 5000), 0);
    assert_true(free_words(&f->h) >= 5000);
    Term *p = heap_alloc(&f->h, 5000);
    assert_true(p >= f->h.start && p + 5000 <= f->h.stop);
}

static void shrinks_when_live_data_drops(void **state)
{
    Fix *f = *state;
    Term root[1] = {list_of_ints(&f->h, 0, 20000)};
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    size_t big = heap_size_words(&f->h);
    assert_true(big >= 40000);
    assert_true(heap_used_words(&f->h) * 4 <= big * 3); /* at most 75% full */
    root[0] = list_of_ints(&f->h, 0, 10);
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_true(heap_size_words(&f->h) <= 64);
    assert_true(heap_size_words(&f->h) >= f->h.min_words);
}

static void leaves_the_heap_alone_when_out_of_memory(void **state)
{
    Fix *f = *state;
    Term root[1] = {sample(&f->h, f->bin)};
    Term before = root[0];
    mem_fail_after(1);
    int rc = collect(&f->h, root, 1, 0);
    mem_fail_after(0);
    assert_int_equal(rc, MOTE_ENOMEM);
    assert_int_equal(root[0], before);
    assert_true(deep_eq(root[0], sample(&f->ref, f->bin)));
    assert_int_equal(collect(&f->h, root, 1, 0), 0);
    assert_true(deep_eq(root[0], sample(&f->ref, f->bin)));
}

/* A realloc that always moves, so shrinking the new block must relocate
 * every pointer into it. */
static void *moving_realloc(void *p, size_t n)
{
    void *q = malloc(n);
    if (q != NULL) {
        memcpy(q, p, n); /* only ever called to shrink here */
        free(p);
    }
    return q;
}

static void relocates_when_the_allocator_moves_a_shrunk_block(void **state)
{
    Fix *f = *state;
    mem_set_allocator(malloc, moving_realloc, free);
    Term root[2] = {sample(&f->h, f->bin), NIL};
    assert_int_equal(collect(&f->h, root, 2, 16), 0);
    Term frame = list_of_ints(&f->h, 0, 5);
    f->h.stop -= 2;
    f->h.stop[0] = (UINT64_C(3) << 3) | TAG_CP;
    f->h.stop[1] = frame;
    list_of_ints(&f->h, 0, 5000); /* garbage, so the new block shrinks */
    size_t before = f->h.gc_count;
    assert_int_equal(collect(&f->h, root, 2, 0), 0);
    mem_set_allocator(NULL, NULL, NULL);
    assert_int_equal(f->h.gc_count, before + 1);
    assert_true(heap_size_words(&f->h) < 1000);
    assert_true(deep_eq(root[0], sample(&f->ref, f->bin)));
    assert_true(deep_eq(f->h.stop[1], list_of_ints(&f->ref, 0, 5)));
    assert_int_equal(f->h.stop[0], (UINT64_C(3) << 3) | TAG_CP);
    assert_true(heap_contains(&f->h, f->h.mso));
    assert_true(heap_contains(&f->h, boxed_ptr(root[0])));
    assert_true(heap_contains(&f->h, list_ptr(f->h.stop[1])));
    assert_true(heap_contains(&f->h, boxed_ptr(tuple_get(root[0], 4))));
}

static void collects_a_million_element_list(void **state)
{
    Fix *f = *state;
    Term root[2] = {list_of_ints(&f->h, 0, 1000000), NIL};
    /* And a million-deep tuple nest, which recursion could not survive. */
    Term nest = NIL;
    for (int i = 0; i < 1000000; i++)
        nest = tuple2(&f->h, make_small(i), nest);
    root[1] = nest;
    assert_int_equal(collect(&f->h, root, 2, 0), 0);
    int64_t n = 0;
    for (Term l = root[0]; is_cons(l); l = list_tail(l), n++)
        assert_true(list_head(l) == make_small(n));
    assert_int_equal(n, 1000000);
    n = 999999;
    for (Term t = root[1]; is_tuple(t); t = tuple_get(t, 1), n--)
        assert_true(tuple_get(t, 0) == make_small(n));
    assert_int_equal(n, -1);
    assert_int_equal(heap_used_words(&f->h), 2000000 + 3000000);
}

/* ---- heap_verify itself ---------------------------------------------- */

static void verify_reports_a_pointer_into_free_space(void **state)
{
    Fix *f = *state;
    Err err = {0};
    Term t = tuple2(&f->h, make_small(1), make_small(2));
    assert_int_equal(heap_verify(&f->h, NULL, &err), 0);
    assert_true(free_words(&f->h) >= 2);
    boxed_ptr(t)[2] = make_list(f->h.htop); /* dangling: free space */
    assert_int_equal(heap_verify(&f->h, NULL, &err), MOTE_EINTERNAL);
    assert_true(strlen(err.msg) > 0);
    boxed_ptr(t)[2] = NONE;
    assert_int_equal(heap_verify(&f->h, NULL, &err), MOTE_EINTERNAL);
    boxed_ptr(t)[2] = NIL;
}

static void verify_reports_a_refbin_missing_from_its_list(void **state)
{
    Fix *f = *state;
    Err err = {0};
    Term rb = refbin(&f->h, f->bin);
    assert_int_equal(heap_verify(&f->h, NULL, &err), 0);
    f->h.mso = NULL; /* as if the builder forgot heap_link_offheap */
    assert_int_equal(heap_verify(&f->h, NULL, &err), MOTE_EINTERNAL);
    assert_non_null(strstr(err.msg, "REFBIN"));
    f->h.mso = boxed_ptr(rb);
}

int main(void)
{
    heap_set_gc_stress(false); /* these tests check the policy itself */
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(keeps_every_kind_of_term_intact),
        T(keeps_shared_subterms_shared),
        T(copies_raw_payload_bit_for_bit),
        T(keeps_stack_terms_and_cp_words),
        T(reclaims_garbage),
        T(merges_fragments_and_frees_them),
        T(finds_pointers_across_many_fragments),
        T(keeps_a_bounded_heap_when_a_loop_drops_big_lists),
        T(releases_unreachable_refbins),
        T(sets_the_binary_limit_from_what_survives),
        T(moves_fragment_refbins_to_the_block_list),
        T(a_slice_keeps_its_binary_alive),
        T(frees_large_binaries_built_by_bin_new),
        T(survives_a_collection_after_every_allocation),
        T(never_writes_literals_outside_the_heap),
        T(over_the_cap_gives_eheapcap_and_a_consistent_heap),
        T(makes_room_for_the_words_asked_for),
        T(shrinks_when_live_data_drops),
        T(leaves_the_heap_alone_when_out_of_memory),
        T(relocates_when_the_allocator_moves_a_shrunk_block),
        T(collects_a_million_element_list),
        T(verify_reports_a_pointer_into_free_space),
        T(verify_reports_a_refbin_missing_from_its_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
