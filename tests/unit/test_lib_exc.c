/* test_lib_exc.c — exception structs, normalisation, Elixir's texts, the
 * registry. */
#include <pthread.h>

#include "unit/lib_test.h"

static const char *banner(Term cls, Term reason, Term st)
{
    static char buf[2048];
    Strbuf sb;
    strbuf_init(&sb);
    exc_format(cls, reason, st, &sb);
    snprintf(buf, sizeof buf, "%s", strbuf_cstr(&sb));
    strbuf_fini(&sb);
    return buf;
}

static void registry_finds_by_module_name_and_arity(void **state)
{
    (void)state;
    assert_non_null(bif_lookup(lt_atom("Elixir.Exception"), lt_atom("message"), 1));
    assert_null(bif_lookup(lt_atom("Elixir.Exception"), lt_atom("message"), 2));
    assert_null(bif_lookup(lt_atom("nope"), lt_atom("message"), 1));
    assert_int_equal(lib_register_all(), 0);
}

static void later_registration_replaces_earlier(void **state)
{
    (void)state;
    static const BifDef a[] = {{"tmod", "f", 1, 0, NULL, "first"}};
    static const BifDef b[] = {{"tmod", "f", 1, 0, NULL, "second"}};
    assert_int_equal(bif_register(a, 1), 0);
    assert_int_equal(bif_register(b, 1), 0);
    assert_string_equal(bif_lookup(lt_atom("tmod"), lt_atom("f"), 1)->doc, "second");
    assert_non_null(bif_lookup(lt_atom("erlang"), lt_atom("error"), 1));
}

static void erlang_reasons_print_as_elixir_does(void **state)
{
    (void)state;
    assert_string_equal(banner(A(error), A(badarg), NIL), "** (ArgumentError) argument error");
    assert_string_equal(banner(A(error), lib_tuple2(&T, A(badmatch), lt_int(1)), NIL),
                        "** (MatchError) no match of right hand side value: 1");
    assert_string_equal(banner(A(error), A(badarith), NIL),
                        "** (ArithmeticError) bad argument in arithmetic expression");
    assert_string_equal(banner(A(error), lt_atom("foo"), NIL),
                        "** (ErlangError) Erlang error: :foo");
    assert_string_equal(banner(A(error), lib_tuple2(&T, A(case_clause), lt_int(5)), NIL),
                        "** (CaseClauseError) no case clause matching: 5");
    Term m = map_put(&T.heap, map_new(&T.heap), lt_atom("a"), lt_int(1));
    assert_string_equal(banner(A(error), lib_tuple3(&T, A(badkey), lt_atom("k"), m), NIL),
                        "** (KeyError) key :k not found in: %{a: 1}");
    assert_string_equal(banner(A(error), A(function_clause), NIL),
                        "** (FunctionClauseError) no function clause matches");
}

static void exits_and_throws_print_their_kind(void **state)
{
    (void)state;
    assert_string_equal(banner(A(exit), A(killed), NIL), "** (exit) killed");
    assert_string_equal(banner(A(exit), A(kill), NIL), "** (exit) :kill");
    assert_string_equal(banner(A(exit), lib_tuple2(&T, A(shutdown), lt_int(3)), NIL),
                        "** (exit) shutdown: 3");
    assert_string_equal(banner(A(throw), lib_tuple2(&T, lt_atom("foo"), lt_int(1)), NIL),
                        "** (throw) {:foo, 1}");
}

static void stacktrace_lines_follow_the_banner(void **state)
{
    (void)state;
    Term loc = lib_list(&T, (Term[]){lib_tuple2(&T, lt_atom("file"),
                                                lib_list(&T, (Term[]){make_small('a'),
                                                                      make_small('.'),
                                                                      make_small('x')},
                                                         3, NIL)),
                                     lib_tuple2(&T, lt_atom("line"), lt_int(3))},
                        2, NIL);
    Term e1 = lib_tuple(&T, 4, (Term[]){lt_atom("Elixir.Foo"), lt_atom("bar"), lt_int(1), loc});
    Term args = lib_list(&T, (Term[]){lt_int(1), lt_atom("a")}, 2, NIL);
    Term e2 = lib_tuple(&T, 4, (Term[]){A(erlang), lt_atom("+"), args, NIL});
    Term st = lib_list(&T, (Term[]){e1, e2}, 2, NIL);
    Term boom = exc_new_msg(&T, "RuntimeError", "boom", 4);
    assert_string_equal(banner(A(error), boom, st),
                        "** (RuntimeError) boom\n    a.x:3: Foo.bar/1\n    :erlang.+(1, :a)\n");
}

static void undef_takes_the_function_from_the_stacktrace(void **state)
{
    (void)state;
    Term e = lib_tuple(&T, 4, (Term[]){lt_atom("Elixir.Foo"), lt_atom("bar"), lt_int(2), NIL});
    Term st = lib_list(&T, &e, 1, NIL);
    Term x = exc_normalize(&T, A(error), A(undef), st);
    assert_inspect(x, "%UndefinedFunctionError{module: Foo, function: :bar, arity: 2, "
                      "reason: nil, message: nil}");
    assert_string_equal(banner(A(error), A(undef), st),
                        "** (UndefinedFunctionError) function Foo.bar/2 is undefined "
                        "(module Foo is not available)\n    Foo.bar/2\n");
}

static void badarg_names_the_argument(void **state)
{
    (void)state;
    assert_raises(bif_badarg(&T, 2, "not an atom"),
                  "** (ArgumentError) errors were found at the given arguments:\n\n"
                  "  * 2nd argument: not an atom\n");
    assert_raises(lt_call("Elixir.Kernel", "raise", 1, lt_str("boom")),
                  "** (RuntimeError) boom");
    assert_raises(lt_call("Elixir.Kernel", "raise", 2, lt_atom("Elixir.ArgumentError"),
                          lt_str("bad")),
                  "** (ArgumentError) bad");
}

static void exception_message_is_a_builtin(void **state)
{
    (void)state;
    Term e = exc_normalize(&T, A(error), lib_tuple2(&T, A(badmap), lt_int(3)), NIL);
    Term m = lt_call("Elixir.Exception", "message", 1, e);
    assert_inspect(m, "\"expected a map, got: 3\"");
    assert_inspect(e, "%BadMapError{term: 3}");
}

static void standard_exception_modules_build_structs(void **state)
{
    (void)state;
    Term kw = lib_list(&T, (Term[]){lib_tuple2(&T, lt_atom("key"), lt_int(1)),
                                    lib_tuple2(&T, lt_atom("term"), map_new(&T.heap))}, 2, NIL);
    Term e = lt_call("Elixir.KeyError", "exception", 1, kw);
    assert_inspect(e, "%KeyError{key: 1, term: %{}, message: nil}");
    assert_inspect(lt_call("Elixir.KeyError", "message", 1, e), "\"key 1 not found in: %{}\"");
    assert_inspect(lt_call("Elixir.ArgumentError", "__struct__", 0, NIL),
                   "%ArgumentError{message: \"argument error\"}");
    assert_inspect(lt_call("Elixir.RuntimeError", "exception", 1, lt_str("x")),
                   "%RuntimeError{message: \"x\"}");
}

static void arithmetic_errors_name_the_expression(void **state)
{
    (void)state;
    Term args = lib_list(&T, (Term[]){lt_int(1), lt_atom("a")}, 2, NIL);
    Term e = lib_tuple(&T, 4, (Term[]){A(erlang), lt_atom("+"), args, NIL});
    Term st = lib_list(&T, &e, 1, NIL);
    assert_string_equal(banner(A(error), A(badarith), st),
                        "** (ArithmeticError) bad argument in arithmetic expression: 1 + :a\n"
                        "    :erlang.+(1, :a)\n");
}

static void anonymous_functions_print_their_outer_function(void **state)
{
    (void)state;
    Term e = lib_tuple(&T, 4, (Term[]){lt_atom("Elixir.M"), lt_atom("-run/1-fun-0-"), lt_int(2), NIL});
    Term st = lib_list(&T, &e, 1, NIL);
    assert_string_equal(banner(A(error), A(function_clause), st),
                        "** (FunctionClauseError) no function clause matching in anonymous fn/2 "
                        "in M.run/1\n    anonymous fn/2 in M.run/1\n");
}

static void modules_with_builtins_count_as_loaded(void **state)
{
    (void)state;
    Term e = lib_tuple(&T, 4, (Term[]){lt_atom("Elixir.String"), lt_atom("bar"), lt_int(1), NIL});
    Term st = lib_list(&T, &e, 1, NIL);
    assert_string_equal(banner(A(error), A(undef), st),
                        "** (UndefinedFunctionError) function String.bar/1 is undefined or "
                        "private\n    String.bar/1\n");
}

static _Atomic int stop_readers;

static void *reader(void *arg)
{
    long *misses = arg;
    Term m = lt_atom("erlang"), f = lt_atom("element");
    while (!atomic_load(&stop_readers))
        if (bif_lookup(m, f, 2) == NULL)
            (*misses)++;
    return NULL;
}

static void lookups_never_miss_while_registering(void **state)
{
    (void)state;
    static const BifDef extra[] = {{"tmod2", "g", 0, 0, NULL, NULL}};
    pthread_t th[2];
    long misses[2] = {0, 0};
    atomic_store(&stop_readers, 0);
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&th[i], NULL, reader, &misses[i]), 0);
    for (int i = 0; i < 200; i++)
        assert_int_equal(bif_register(extra, 1), 0);
    atomic_store(&stop_readers, 1);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(misses[0] + misses[1], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(registry_finds_by_module_name_and_arity),
        cmocka_unit_test(later_registration_replaces_earlier),
        cmocka_unit_test(erlang_reasons_print_as_elixir_does),
        cmocka_unit_test(exits_and_throws_print_their_kind),
        cmocka_unit_test(stacktrace_lines_follow_the_banner),
        cmocka_unit_test(undef_takes_the_function_from_the_stacktrace),
        cmocka_unit_test(badarg_names_the_argument),
        cmocka_unit_test(exception_message_is_a_builtin),
        cmocka_unit_test(standard_exception_modules_build_structs),
        cmocka_unit_test(arithmetic_errors_name_the_expression),
        cmocka_unit_test(anonymous_functions_print_their_outer_function),
        cmocka_unit_test(modules_with_builtins_count_as_loaded),
        cmocka_unit_test(lookups_never_miss_while_registering),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
