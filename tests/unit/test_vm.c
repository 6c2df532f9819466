/* test_vm.c — the VM through mote_eval_string: calls, closures, tail
 * calls in constant space, deep recursion, exceptions, receive with
 * timeouts, preemption of a busy process on one scheduler, results that
 * survive a collection at every safe point, and the exit status of an
 * uncaught error. Results are captured by a test-only builtin,
 * test.put/1, which records the inspect text of its argument. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "heap.h"
#include "vm_test.h"

static void calls_and_arithmetic(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule VmT1 do\n def f(x), do: x * 2 + 1\nend\n:test.put(VmT1.f(20))"), 0);
    assert_string_equal(out, "41;");
}

static void closures_capture_their_values(void **state)
{
    (void)state;
    assert_int_equal(run("a = 10\nf = fn x -> fn y -> x + y + a end end\n:test.put(f.(1).(2))"), 0);
    assert_string_equal(out, "13;");
}

static void tail_calls_run_in_constant_space(void **state)
{
    (void)state;
    /* 3M iterations of a tail call: a stack frame each would need ~100 MB. */
    assert_int_equal(run("defmodule VmT2 do\n def l(0, a), do: a\n def l(n, a), do: l(n - 1, a + 1)\nend\n"
                         ":test.put(VmT2.l(3_000_000, 0))"), 0);
    assert_string_equal(out, "3000000;");
}

static void deep_body_recursion_grows_the_stack(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule VmT3 do\n def d(0), do: 0\n def d(n), do: 1 + d(n - 1)\nend\n"
                         ":test.put(VmT3.d(100_000))"), 0);
    assert_string_equal(out, "100000;");
}

static void exceptions_unwind_to_the_nearest_try(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule VmT4 do\n def boom(0), do: raise(\"deep\")\n def boom(n), do: [boom(n - 1)]\nend\n"
                         "r = try do\n VmT4.boom(50)\nrescue\n e -> e.message\nend\n:test.put(r)\n"
                         ":test.put(catch_me = try do throw(1) catch x -> x + 1 end)"), 0);
    assert_string_equal(out, "\"deep\";2;");
}

static void uncaught_error_gives_status_1(void **state)
{
    (void)state;
    assert_int_equal(run(":test.put(1)\n1 = 2\n:test.put(2)"), 1);
    assert_string_equal(out, "1;");
}

static void receive_after_times_out(void **state)
{
    (void)state;
    assert_int_equal(run("send(self(), :b)\nr = receive do\n :a -> :a\nafter 20 -> :timeout\nend\n:test.put(r)\n"
                         "r2 = receive do\n :b -> :got_b\nend\n:test.put(r2)"), 0);
    assert_string_equal(out, ":timeout;:got_b;");
}

static void busy_process_is_preempted(void **state)
{
    (void)state;
    /* One scheduler: the main process only runs again if the spinner is
     * preempted. */
    assert_int_equal(run("defmodule VmT5 do\n def spin, do: spin()\nend\n"
                         "spawn(fn -> VmT5.spin() end)\nspawn(fn -> VmT5.spin() end)\n"
                         "me = self()\nspawn(fn -> send(me, :hi) end)\n"
                         "receive do\n :hi -> :test.put(:done)\nend"), 0);
    assert_string_equal(out, ":done;");
}

static void results_survive_gc_at_every_safe_point(void **state)
{
    (void)state;
    heap_set_gc_stress(true);
    int st = run("defmodule VmT6 do\n def build(0, acc), do: acc\n"
                 " def build(n, acc), do: build(n - 1, [{n, \"s#{n}\"} | acc])\nend\n"
                 "l = VmT6.build(300, [])\n:test.put(length(l))\n:test.put(hd(l))\n:test.put(List.last(l))");
    heap_set_gc_stress(false);
    assert_int_equal(st, 0);
    assert_string_equal(out, "300;{1, \"s1\"};{300, \"s300\"};");
}

static void messages_keep_order_and_selectivity(void **state)
{
    (void)state;
    assert_int_equal(run("for i <- 1..5, do: send(self(), {:n, i})\nsend(self(), :x)\n"
                         "receive do\n :x -> :test.put(:x)\nend\n"
                         "for _ <- 1..5, do: receive(do: ({:n, i} -> :test.put(i)))"), 0);
    assert_string_equal(out, ":x;1;2;3;4;5;");
}

int main(void)
{
    if (vm_test_start() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calls_and_arithmetic),
        cmocka_unit_test(closures_capture_their_values),
        cmocka_unit_test(tail_calls_run_in_constant_space),
        cmocka_unit_test(deep_body_recursion_grows_the_stack),
        cmocka_unit_test(exceptions_unwind_to_the_nearest_try),
        cmocka_unit_test(uncaught_error_gives_status_1),
        cmocka_unit_test(receive_after_times_out),
        cmocka_unit_test(busy_process_is_preempted),
        cmocka_unit_test(results_survive_gc_at_every_safe_point),
        cmocka_unit_test(messages_keep_order_and_selectivity),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    mote_stop(rt);
    return rc;
}
