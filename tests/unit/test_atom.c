/* test_atom.c — the atom table: fixed predefined indices, one index per
 * name even under concurrent interning, Erlang's length limit in
 * characters, UTF-8 checking, and freeing everything at the last fini. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>

#include "atom.h"
#include "mem.h"
#include "mote.h"

static int setup(void **state)
{
    (void)state;
    return atom_init();
}

static int teardown(void **state)
{
    (void)state;
    atom_fini();
    return 0;
}

static void predefined_atoms_have_fixed_indices(void **state)
{
    (void)state;
    size_t len;
    assert_string_equal(atom_text(A(ok), &len), "ok");
    assert_int_equal(len, 2);
    assert_int_equal(atom_from_cstr("ok"), A(ok));
    assert_int_equal(atom_from_cstr("nonode@nohost"), A(nonode_at_nohost));
    assert_int_equal(atom_index(A(nil)), 0);
    assert_true(atom_count() >= ATOM_NPREDEF);
}

static void interning_twice_gives_the_same_atom(void **state)
{
    (void)state;
    size_t n0 = atom_count();
    Term a = atom_from_cstr("hello_atom"), b = atom_intern("hello_atom!", 10);
    assert_int_equal(a, b);
    assert_int_equal(atom_count(), n0 + 1);
    assert_int_equal(atom_lookup("hello_atom", 10), a);
    assert_int_equal(atom_lookup("never_made_xyz", 14), NONE);
    assert_int_equal(atom_count(), n0 + 1);
    assert_int_equal(atom_intern("", 0), atom_intern("", 0)); /* '' is an atom */
    assert_true(atom_hash(a) != atom_hash(A(ok)));
}

static void limits_atoms_to_255_characters_not_bytes(void **state)
{
    (void)state;
    char buf[2 * 256 + 1];
    memset(buf, 'x', 256);
    assert_true(atom_intern(buf, 255) != NONE);
    assert_int_equal(atom_intern(buf, 256), NONE);
    for (int i = 0; i < 256; i++)
        memcpy(buf + 2 * i, "\xc3\xa9", 2); /* é, two bytes each */
    assert_true(atom_intern(buf, 2 * 255) != NONE);
    assert_int_equal(atom_intern(buf, 2 * 256), NONE);
}

static void refuses_invalid_utf8(void **state)
{
    (void)state;
    assert_int_equal(atom_intern("\xff", 1), NONE);         /* never a lead byte  */
    assert_int_equal(atom_intern("\xc0\x80", 2), NONE);     /* overlong NUL       */
    assert_int_equal(atom_intern("\xed\xa0\x80", 3), NONE); /* a surrogate        */
    assert_int_equal(atom_intern("\xe2\x82", 2), NONE);     /* truncated          */
    assert_int_equal(atom_intern("a\x80", 2), NONE);        /* stray continuation */
    assert_int_equal(atom_intern("\xf4\x90\x80\x80", 4), NONE); /* past U+10FFFF */
    assert_true(atom_intern("\xe2\x82\xac", 3) != NONE);    /* the euro sign      */
    assert_true(atom_intern("\xf0\x9f\x98\x80", 4) != NONE); /* an emoji          */
}

#define NTHREADS 4
#define NNAMES 3000

static Term seen[NTHREADS][NNAMES];

static void *intern_all(void *arg)
{
    int me = (int)(intptr_t)arg;
    char name[32];
    for (int k = 0; k < NNAMES; k++) {
        int i = (me % 2) ? NNAMES - 1 - k : k; /* half go backwards */
        int len = snprintf(name, sizeof name, "race_%d", i);
        seen[me][i] = atom_intern(name, (size_t)len);
    }
    return NULL;
}

static void concurrent_interning_yields_one_index_per_name(void **state)
{
    (void)state;
    size_t n0 = atom_count();
    pthread_t th[NTHREADS];
    for (int t = 0; t < NTHREADS; t++)
        assert_int_equal(pthread_create(&th[t], NULL, intern_all, (void *)(intptr_t)t), 0);
    for (int t = 0; t < NTHREADS; t++)
        pthread_join(th[t], NULL);
    assert_int_equal(atom_count(), n0 + NNAMES);
    char name[32];
    for (int i = 0; i < NNAMES; i++) {
        assert_true(seen[0][i] != NONE);
        for (int t = 1; t < NTHREADS; t++)
            assert_int_equal(seen[t][i], seen[0][i]);
        size_t len;
        snprintf(name, sizeof name, "race_%d", i);
        assert_string_equal(atom_text(seen[0][i], &len), name);
    }
}

static void last_fini_frees_every_byte(void **state)
{
    (void)state;
    /* setup's init is still held: a nested pair must not free. */
    assert_int_equal(atom_init(), 0);
    Term a = atom_from_cstr("survives_inner_fini");
    atom_fini();
    size_t len;
    assert_string_equal(atom_text(a, &len), "survives_inner_fini");
    atom_fini(); /* the last one */
    assert_int_equal(mem_in_use(MEM_ATOM), 0);
    assert_int_equal(atom_count(), 0);
    assert_int_equal(atom_from_cstr("x"), NONE); /* no table, no atoms */
    assert_int_equal(atom_init(), 0);   /* rebuilt for teardown */
    assert_int_equal(atom_from_cstr("ok"), A(ok));
}

static void fails_init_cleanly_without_memory(void **state)
{
    (void)state;
    atom_fini(); /* drop setup's table so init really builds */
    for (uint64_t n = 1; n < 8; n++) {
        mem_fail_after(n);
        int rc = atom_init();
        mem_fail_after(0);
        if (rc == 0) {
            atom_fini();
            continue;
        }
        assert_int_equal(rc, MOTE_ENOMEM);
        assert_int_equal(mem_in_use(MEM_ATOM), 0);
    }
    assert_int_equal(atom_init(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(predefined_atoms_have_fixed_indices, setup, teardown),
        cmocka_unit_test_setup_teardown(interning_twice_gives_the_same_atom, setup, teardown),
        cmocka_unit_test_setup_teardown(limits_atoms_to_255_characters_not_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(concurrent_interning_yields_one_index_per_name, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(last_fini_frees_every_byte, setup, teardown),
        cmocka_unit_test_setup_teardown(fails_init_cleanly_without_memory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
