/* test_copy.c — deep copies and messages: every object kind round-trips,
 * off-heap binaries are shared and counted, depth costs no C stack, and
 * running out of memory is an error, not a crash. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>

#include "atom.h"
#include "big.h"
#include "bin.h"
#include "err.h"
#include "gc.h"
#include "heap.h"
#include "map.h"
#include "mem.h"
#include "msg.h"
#include "term.h"

static Heap heap;

static int setup(void **state)
{
    (void)state;
    if (atom_init() != 0)
        return -1;
    return heap_init(&heap, 1 << 14);
}

static int teardown(void **state)
{
    (void)state;
    heap_fini(&heap);
    atom_fini();
    return 0;
}

static Term tup(size_t n, const Term *e)
{
    Term *p = heap_alloc(&heap, n + 1);
    p[0] = make_header(HDR_TUPLE, n);
    memcpy(p + 1, e, n * sizeof(Term));
    return make_boxed(p);
}

static Term cons(Term h, Term t)
{
    Term *p = heap_alloc(&heap, 2);
    p[0] = h;
    p[1] = t;
    return make_list(p);
}

static Term raw_obj(HdrKind kind, size_t n, const Term *payload)
{
    Term *p = heap_alloc(&heap, n + 1);
    p[0] = make_header(kind, n);
    memcpy(p + 1, payload, n * sizeof(Term));
    return make_boxed(p);
}

static Bin *refbin_of(Term t) { return (Bin *)(uintptr_t)boxed_ptr(t)[2]; }

/* A tuple holding one of everything a message can carry. */
static Term everything(Term big_bin)
{
    Term hamt = map_new(&heap);
    for (int i = 0; i < 40; i++)
        hamt = map_put(&heap, hamt, make_small(i), cons(make_small(i), NIL));
    Term fk[2] = {atom_from_cstr("a"), make_small(2)}, fv[2] = {float_new(&heap, 1.5), NIL};
    Term ref_words[2] = {11, 12};
    Term export_words[3] = {atom_from_cstr("m"), atom_from_cstr("f"), make_small(2)};
    Term extpid_words[4] = {atom_from_cstr("a@host"), 7, 1, 3};
    Term extref_words[5] = {atom_from_cstr("a@host"), 3, 3, 0x100000002, 0x3};
    static int fake_def; /* a FunDef stand-in: copied as a raw word */
    Term fun_words[3] = {(Term)(uintptr_t)&fake_def, float_new(&heap, 0.5), big_bin};
    Term elems[] = {
        make_small(-42), int_from_text(&heap, "-123456789012345678901234567890", 31, 10),
        float_new(&heap, 3.25), A(ok), NIL, make_pid(77),
        bin_new(&heap, "small", 5), big_bin, bin_sub(&heap, big_bin, 12, 40),
        bin_sub(&heap, bin_new(&heap, "\xff\x0f", 2), 3, 9),
        map_from_pairs(&heap, 2, fk, fv), hamt,
        raw_obj(HDR_REF, 2, ref_words), raw_obj(HDR_EXPORT, 3, export_words),
        raw_obj(HDR_EXTPID, 4, extpid_words), raw_obj(HDR_EXTREF, 5, extref_words),
        cons(make_small(1), cons(atom_from_cstr("improper"), make_small(2))),
        raw_obj(HDR_FUN, 3, fun_words),
    };
    return tup(sizeof elems / sizeof elems[0], elems);
}

static void copies_every_kind_of_term_exactly(void **state)
{
    (void)state;
    char bytes[300];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (char)i;
    Term big_bin = bin_new(&heap, bytes, sizeof bytes);
    assert_true(is_boxed_kind(big_bin, HDR_REFBIN));
    Term t = everything(big_bin);
    size_t words = copy_size(t);
    Term *area = calloc(words, sizeof(Term));
    Term *hp = area, *mso = NULL;
    Term c = copy_term(t, &hp, &mso);
    assert_int_equal(hp - area, words);
    assert_true(term_eq_exact(t, c));
    assert_int_equal(term_hash(t), term_hash(c));
    /* Nothing in the copy points back at the original. */
    for (size_t i = 0; i < tuple_size(c); i++) {
        Term e = tuple_get(c, i);
        if (is_boxed(e))
            assert_true(boxed_ptr(e) >= area && boxed_ptr(e) < area + words);
    }
    /* The REFBIN, the SUBBIN's original and the closure's free variable
     * joined the off-heap list. */
    size_t n = 0;
    for (Term *rb = mso; rb; rb = (Term *)(uintptr_t)rb[4]) {
        assert_ptr_equal((Bin *)(uintptr_t)rb[2], refbin_of(big_bin));
        n++;
    }
    assert_int_equal(n, 3);
    assert_int_equal(atomic_load(&refbin_of(big_bin)->refc), 4);
    for (Term *rb = mso; rb; rb = (Term *)(uintptr_t)rb[4])
        bin_decref((Bin *)(uintptr_t)rb[2]);
    free(area);
}

static void immediates_need_no_words(void **state)
{
    (void)state;
    assert_int_equal(copy_size(make_small(5)), 0);
    assert_int_equal(copy_size(NIL), 0);
    Term *hp = NULL, *mso = NULL;
    assert_int_equal(copy_term(A(ok), &hp, &mso), A(ok));
    Msg *m = msg_new(MSG_MESSAGE, make_pid(3), A(ok));
    assert_non_null(m);
    assert_null(m->frag);
    assert_int_equal(m->term, A(ok));
    assert_int_equal(m->from, make_pid(3));
    msg_free(m);
}

static void refbin_refcount_follows_messages(void **state)
{
    (void)state;
    char bytes[100] = {1};
    Term b = bin_new(&heap, bytes, sizeof bytes);
    Bin *bin = refbin_of(b);
    uint64_t before = atomic_load(&bin->refc);
    Msg *m1 = msg_new(MSG_MESSAGE, NONE, cons(b, NIL));
    Msg *m2 = msg_new(MSG_MESSAGE, NONE, b);
    assert_int_equal(atomic_load(&bin->refc), before + 2);
    assert_true(term_eq_exact(m2->term, b));
    msg_free(m1);
    assert_int_equal(atomic_load(&bin->refc), before + 1);
    /* Handed to a heap as a fragment, the reference goes with frag_free. */
    HeapFrag *f = msg_take_frag(m2);
    assert_non_null(f);
    msg_free(m2); /* a no-op now: the Msg lives in f */
    assert_int_equal(atomic_load(&bin->refc), before + 1);
    frag_free(f);
    assert_int_equal(atomic_load(&bin->refc), before);
}

static void messages_return_memory_counters_to_start(void **state)
{
    (void)state;
    size_t msg0 = mem_in_use(MEM_MSG), heap0 = mem_in_use(MEM_HEAP);
    Term t = cons(float_new(&heap, 2.0), cons(make_small(1), NIL));
    Msg *m = msg_new(MSG_EXIT, make_pid(1), t);
    assert_true(mem_in_use(MEM_MSG) > msg0);
    msg_free(m);
    assert_int_equal(mem_in_use(MEM_MSG), msg0);
    m = msg_new(MSG_MESSAGE, NONE, t);
    HeapFrag *f = msg_take_frag(m);
    assert_int_equal(mem_in_use(MEM_MSG), msg0);
    assert_true(mem_in_use(MEM_HEAP) > heap0);
    frag_free(f);
    assert_int_equal(mem_in_use(MEM_HEAP), heap0);
}

static void copies_a_remote_sender_pid_into_the_message(void **state)
{
    (void)state;
    Term words[4] = {atom_from_cstr("b@host"), 9, 0, 1};
    Term from = raw_obj(HDR_EXTPID, 4, words);
    Msg *m = msg_new(MSG_LINK, from, NONE);
    assert_non_null(m);
    assert_non_null(m->frag);
    assert_true(m->from != from);
    assert_true(term_eq_exact(m->from, from));
    msg_free(m);
}

static void copies_a_million_long_list(void **state)
{
    (void)state;
    enum { N = 1000000 };
    Heap h;
    assert_int_equal(heap_init(&h, 2 * N + 64), 0);
    Term *p = heap_alloc(&h, 2 * N);
    for (size_t i = 0; i < N; i++) {
        p[2 * i] = make_small((int64_t)i);
        p[2 * i + 1] = i + 1 < N ? make_list(p + 2 * i + 2) : NIL;
    }
    Term list = make_list(p);
    assert_int_equal(copy_size(list), 2 * N);
    Msg *m = msg_new(MSG_MESSAGE, NONE, list);
    assert_non_null(m);
    assert_true(term_eq_exact(m->term, list));
    msg_free(m);
    heap_fini(&h);
}

static void copies_deep_nesting_without_recursion(void **state)
{
    (void)state;
    enum { N = 300000 };
    Heap h;
    assert_int_equal(heap_init(&h, 4 * N + 64), 0);
    Term t = NIL;
    for (size_t i = 0; i < N; i++) {
        Term *c = heap_alloc(&h, 2);
        c[0] = t; /* nesting through heads and through 1-tuples */
        c[1] = NIL;
        Term *tp = heap_alloc(&h, 2);
        tp[0] = make_header(HDR_TUPLE, 1);
        tp[1] = make_list(c);
        t = make_boxed(tp);
    }
    assert_int_equal(copy_size(t), 4 * N);
    Msg *m = msg_new(MSG_MESSAGE, NONE, t);
    assert_non_null(m);
    assert_true(term_eq_exact(m->term, t));
    msg_free(m);
    heap_fini(&h);
}

/* Fail each allocation msg_new makes in turn: NULL, never a crash, and
 * no bytes or references leaked. */
static void msg_new_fails_cleanly_without_memory(void **state)
{
    (void)state;
    char bytes[100] = {0};
    Term b = bin_new(&heap, bytes, sizeof bytes);
    uint64_t refc = atomic_load(&refbin_of(b)->refc);
    Term t = cons(b, cons(make_small(1), NIL));
    size_t before = mem_total();
    for (uint64_t n = 1; n <= 3; n++) {
        mem_fail_after(n);
        Msg *m = msg_new(MSG_MESSAGE, NONE, t);
        mem_fail_after(0);
        if (m) {
            msg_free(m);
        }
        assert_int_equal(mem_total(), before);
        assert_int_equal(atomic_load(&refbin_of(b)->refc), refc);
    }
    mem_fail_after(1);
    assert_null(msg_new(MSG_MESSAGE, NONE, t));
    mem_fail_after(0);
}

/* The receive path: the fragment joins the receiver's heap (by hand, as
 * mbox_take does, or with msg_take_frag), the heap still verifies, and a
 * collection frees it with every counter back where it started. */
static void attached_message_fragments_verify_and_collect(void **state)
{
    (void)state;
    size_t msg0 = mem_in_use(MEM_MSG);
    size_t heap0 = mem_in_use(MEM_HEAP);
    Heap rx;
    assert_int_equal(heap_init(&rx, 64), 0);
    Term elems[2] = {float_new(&heap, 1.0), cons(A(ok), NIL)};
    Msg *m1 = msg_new(MSG_MESSAGE, NONE, tup(2, elems));
    Msg *m2 = msg_new(MSG_MESSAGE, NONE, cons(make_small(1), NIL));
    heap_attach(&rx, m1->frag);
    m1->frag = NULL;
    Term t1 = m1->term;
    msg_free(m1);
    Term t2 = m2->term;
    heap_attach(&rx, msg_take_frag(m2));
    msg_free(m2);
    assert_int_equal(mem_in_use(MEM_MSG), msg0);
    Err err;
    err_clear(&err);
    int rc = heap_verify(&rx, NULL, &err);
    if (rc != 0)
        fail_msg("heap_verify: %s", err.msg);
    assert_true(term_eq_exact(t1, tup(2, elems)));
    assert_true(is_cons(t2));
    heap_fini(&rx);
    assert_int_equal(mem_in_use(MEM_HEAP), heap0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(copies_every_kind_of_term_exactly),
        cmocka_unit_test(immediates_need_no_words),
        cmocka_unit_test(refbin_refcount_follows_messages),
        cmocka_unit_test(messages_return_memory_counters_to_start),
        cmocka_unit_test(copies_a_remote_sender_pid_into_the_message),
        cmocka_unit_test(copies_a_million_long_list),
        cmocka_unit_test(copies_deep_nesting_without_recursion),
        cmocka_unit_test(msg_new_fails_cleanly_without_memory),
        cmocka_unit_test(attached_message_fragments_verify_and_collect),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
