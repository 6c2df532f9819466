/* test_ets.c — :ets tables: the builtins' semantics (through a test
 * process on a real node), match specs, ownership, memory and concurrent
 * use of one table from many threads. */
#include <pthread.h>

#include "unit/lib_test.h"

#include "etab.h"
#include "mem.h"
#include "node.h"

#define E(name, n, ...) lt_call("ets", name, n, __VA_ARGS__)

static Node *node;

static int setup(void **state)
{
    if (lt_setup(state) != 0 || node_new(NULL, &node) != 0)
        return -1;
    T.node = node;
    T.pid = make_pid(12345);
    return 0;
}

static int teardown(void **state)
{
    etab_drop_node(node);
    if (T.cold != NULL)
        mem_free(MEM_PROC, T.cold, sizeof *T.cold);
    T.cold = NULL;
    node_free(node);
    return lt_teardown(state);
}

static Term tup2(Term a, Term b) { return lib_tuple2(&T, a, b); }
static Term opts(const char *a, const char *b)
{
    Term l = NIL;
    if (b != NULL)
        l = lib_cons(&T, lt_atom(b), l);
    return lib_cons(&T, lt_atom(a), l);
}

static void set_replaces_and_bag_keeps_distinct_objects(void **state)
{
    (void)state;
    Term s = E("new", 2, lt_atom("s"), opts("set", NULL));
    E("insert", 2, s, tup2(lt_atom("k"), lt_int(1)));
    E("insert", 2, s, tup2(lt_atom("k"), lt_int(2)));
    assert_inspect(E("lookup", 2, s, lt_atom("k")), "[k: 2]");
    Term b = E("new", 2, lt_atom("b"), opts("bag", NULL));
    E("insert", 2, b, tup2(lt_atom("k"), lt_int(1)));
    E("insert", 2, b, tup2(lt_atom("k"), lt_int(1)));
    E("insert", 2, b, tup2(lt_atom("k"), lt_int(2)));
    assert_inspect(E("lookup", 2, b, lt_atom("k")), "[k: 1, k: 2]");
    Term d = E("new", 2, lt_atom("d"), opts("duplicate_bag", NULL));
    E("insert", 2, d, tup2(lt_atom("k"), lt_int(1)));
    E("insert", 2, d, tup2(lt_atom("k"), lt_int(1)));
    assert_inspect(E("lookup", 2, d, lt_atom("k")), "[k: 1, k: 1]");
    assert_inspect(E("info", 2, d, lt_atom("size")), "2");
}

static void ordered_set_walks_keys_in_term_order(void **state)
{
    (void)state;
    Term o = E("new", 2, lt_atom("o"), opts("ordered_set", "named_table"));
    assert_inspect(o, ":o");
    Term keys[] = {lt_atom("b"), lt_int(3), lt_str("z"), lt_int(1)};
    for (int i = 0; i < 4; i++)
        E("insert", 2, o, tup2(keys[i], lt_int(i)));
    assert_inspect(E("first", 1, o), "1");
    assert_inspect(E("next", 2, o, lt_int(1)), "3");
    assert_inspect(E("next", 2, o, lt_int(2)), "3");
    assert_inspect(E("next", 2, o, lt_int(3)), ":b");
    assert_inspect(E("last", 1, o), "\"z\"");
    assert_inspect(E("next", 2, o, lt_str("z")), ":\"$end_of_table\"");
}

static void match_specs_bind_guard_and_build_results(void **state)
{
    (void)state;
    Term t = E("new", 2, lt_atom("m"), NIL);
    for (int i = 1; i <= 5; i++)
        E("insert", 2, t, tup2(lt_int(i), lt_int(i * i)));
    /* [{{:"$1", :"$2"}, [{:>, :"$2", 5}, {:is_integer, :"$1"}], [{{:"$2", :"$1"}}]}] */
    Term pat = tup2(lt_atom("$1"), lt_atom("$2"));
    Term g1 = lib_tuple3(&T, lt_atom(">"), lt_atom("$2"), lt_int(5));
    Term g2 = tup2(lt_atom("is_integer"), lt_atom("$1"));
    Term body = lib_tuple(&T, 1, (Term[]){tup2(lt_atom("$2"), lt_atom("$1"))});
    Term clause = lib_tuple3(&T, pat, lib_list(&T, (Term[]){g1, g2}, 2, NIL),
                             lib_cons(&T, body, NIL));
    Term spec = lib_cons(&T, clause, NIL);
    Term r = E("select", 2, t, spec);
    assert_int_equal(lib_list_len(r), 3);
    assert_inspect(E("select_count", 2, t,
                     lib_cons(&T, lib_tuple3(&T, pat, lib_list(&T, (Term[]){g1}, 1, NIL),
                                             lib_cons(&T, A(true), NIL)), NIL)),
                   "3");
    assert_inspect(E("match", 2, t, tup2(lt_int(2), lt_atom("$1"))), "[[4]]");
    assert_inspect(E("match_object", 2, t, tup2(lt_atom("_"), lt_int(9))), "[{3, 9}]");
    assert_inspect(E("select_delete", 2, t,
                     lib_cons(&T, lib_tuple3(&T, pat, lib_list(&T, (Term[]){g1}, 1, NIL),
                                             lib_cons(&T, A(true), NIL)), NIL)),
                   "3");
    assert_inspect(E("info", 2, t, lt_atom("size")), "2");
}

static void counters_update_in_place_with_thresholds(void **state)
{
    (void)state;
    Term t = E("new", 2, lt_atom("c"), NIL);
    E("insert", 2, t, lib_tuple3(&T, lt_atom("n"), lt_int(10), lt_int(0)));
    assert_inspect(E("update_counter", 3, t, lt_atom("n"), lt_int(5)), "15");
    assert_inspect(E("update_counter", 3, t, lt_atom("n"),
                     lib_tuple(&T, 4, (Term[]){lt_int(3), lt_int(1), lt_int(1), lt_int(0)})),
                   "1");
    assert_inspect(E("update_counter", 3, t, lt_atom("n"),
                     lib_tuple(&T, 4, (Term[]){lt_int(3), lt_int(1), lt_int(1), lt_int(0)})),
                   "0");
    assert_inspect(E("update_counter", 4, t, lt_atom("new"), lt_int(2),
                     tup2(lt_atom("x"), lt_int(40))), "42");
    assert_raises(E("update_counter", 3, t, lt_atom("none"), lt_int(1)),
                  "** (ArgumentError) errors were found at the given arguments:\n\n"
                  "  * 2nd argument: not a key that exists in the table\n");
}

static void missing_tables_raise_argument_error(void **state)
{
    (void)state;
    assert_raises(E("lookup", 2, lt_atom("nope"), lt_int(1)),
                  "** (ArgumentError) errors were found at the given arguments:\n\n"
                  "  * 1st argument: the table identifier does not refer to an existing ETS "
                  "table\n");
    assert_inspect(E("info", 2, lt_atom("nope"), lt_atom("size")), ":undefined");
    Term t = E("new", 2, lt_atom("gone"), NIL);
    assert_inspect(E("delete", 1, t), "true");
    assert_raises(E("insert", 2, t, tup2(lt_int(1), lt_int(2))),
                  "** (ArgumentError) errors were found at the given arguments:\n\n"
                  "  * 1st argument: the table identifier does not refer to an existing ETS "
                  "table\n");
}

static void deleting_tables_returns_their_memory(void **state)
{
    (void)state;
    size_t before = mem_in_use(MEM_ETS);
    Term t = E("new", 2, lt_atom("big"), NIL);
    for (int i = 0; i < 1000; i++)
        E("insert", 2, t, tup2(lt_int(i), lt_str("a binary in the table")));
    assert_true(mem_in_use(MEM_ETS) > before);
    E("delete", 1, t);
    assert_int_equal(mem_in_use(MEM_ETS), before);
}

static void an_owners_exit_deletes_its_tables(void **state)
{
    (void)state;
    Proc owner;
    memset(&owner, 0, sizeof owner);
    owner.node = node;
    owner.pid = make_pid(999);
    Etab *t;
    assert_int_equal(etab_new(node, lt_atom("owned"), true, ETAB_SET, ETAB_PUBLIC, 1, owner.pid,
                              &t), 0);
    assert_non_null(etab_find(node, lt_atom("owned"), false));
    etab_unlock(t);
    etab_on_exit(&owner);
    assert_null(etab_find(node, lt_atom("owned"), false));
}

/* ---- many threads on one table ------------------------------------------ */

typedef struct Worker {
    Term handle;
    int id;
} Worker;

static void *writer(void *arg)
{
    Worker *w = arg;
    for (int i = 0; i < 2000; i++) {
        Term tuple[3] = {make_header(HDR_TUPLE, 2), make_small(w->id * 100000 + i),
                         make_small(i)};
        Etab *t = etab_find(node, w->handle, true);
        if (t == NULL)
            return NULL;
        etab_insert(t, make_boxed(tuple));
        etab_unlock(t);
        t = etab_find(node, w->handle, false);
        if (t == NULL)
            return NULL;
        EtabRow *r = etab_row(t, make_small(w->id * 100000 + i));
        if (r == NULL || r->nobjs != 1)
            w->id = -1; /* reported by the main thread */
        etab_unlock(t);
    }
    return NULL;
}

static void many_threads_insert_and_read_one_table(void **state)
{
    (void)state;
    Etab *t;
    assert_int_equal(etab_new(node, lt_atom("shared"), true, ETAB_SET, ETAB_PUBLIC, 1, T.pid,
                              &t), 0);
    pthread_t th[4];
    Worker w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (Worker){lt_atom("shared"), i + 1};
        pthread_create(&th[i], NULL, writer, &w[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(w[i].id, i + 1);
    }
    t = etab_find(node, lt_atom("shared"), true);
    assert_non_null(t);
    assert_int_equal(t->nobjs, 8000);
    etab_delete(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(set_replaces_and_bag_keeps_distinct_objects),
        cmocka_unit_test(ordered_set_walks_keys_in_term_order),
        cmocka_unit_test(match_specs_bind_guard_and_build_results),
        cmocka_unit_test(counters_update_in_place_with_thresholds),
        cmocka_unit_test(missing_tables_raise_argument_error),
        cmocka_unit_test(deleting_tables_returns_their_memory),
        cmocka_unit_test(an_owners_exit_deletes_its_tables),
        cmocka_unit_test(many_threads_insert_and_read_one_table),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
