/* test_vm_opt.c — the peephole pass (vm_opt.c): what it rewrites, given
 * hand-written code, and that programs it rewrote still behave as Elixir
 * says (guards that raise, clause order, stack-trace lines, loops that
 * stay preemptible). Results go through a test-only builtin, test.put/1. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vm.h"
#include "vm_test.h"

/* ---- the pass on hand-written code ------------------------------------- */

static void argument_copy_becomes_a_read_of_the_argument(void **state)
{
    (void)state;
    /* x = arg0; return x */
    uint32_t code[] = {OPC_LOAD, 0, OPC_STORE, 1, OPC_LOAD, 1, OPC_RET};
    uint32_t nslots = 2;
    uint32_t n = vm_optimize(code, 7, NULL, 0, 1, &nslots);
    assert_int_equal(n, 2);
    assert_int_equal(code[0], OPC_RET_S);
    assert_int_equal(code[1], 0);
    assert_int_equal(nslots, 1); /* slot 1 is no longer used */
}

static void a_slot_stored_twice_keeps_its_copy(void **state)
{
    (void)state;
    uint32_t code[] = {OPC_LOAD, 0, OPC_STORE, 1, OPC_LIT, 0, OPC_STORE, 1, OPC_LOAD, 1, OPC_RET};
    uint32_t nslots = 2;
    uint32_t n = vm_optimize(code, 11, NULL, 0, 1, &nslots);
    assert_int_equal(code[0], OPC_LOAD);
    assert_int_equal(code[2], OPC_STORE);
    assert_int_equal(n, 10); /* only LOAD 1; RET fused */
}

static void guard_that_cannot_raise_loses_its_marker(void **state)
{
    (void)state;
    /* 0 TRY 10; LOAD 0; LIT 0; CMP LT; TRY_END; JFALSE 14; JUMP 14?  The
     * compiler's shape: TRY h; guard; TRY_END; JFALSE fail; JUMP ok;
     * h: DROPTO 0; JUMP fail; ok: LIT 1; RET; fail: LIT 2; RET */
    uint32_t code[] = {OPC_TRY, 16, OPC_LOAD, 0, OPC_LIT, 0, OPC_CMP, VC_LT, OPC_TRY_END,
                       OPC_JFALSE, 24, OPC_JUMP, 20, OPC_NOP, OPC_NOP, OPC_NOP,
                       OPC_DROPTO, 0, OPC_JUMP, 24, OPC_LIT, 1, OPC_RET, OPC_NOP,
                       OPC_LIT, 2, OPC_RET};
    uint32_t nslots = 1;
    uint32_t n = vm_optimize(code, 27, NULL, 0, 1, &nslots);
    for (uint32_t pc = 0; pc < n; pc += 1 + vm_op_words[code[pc]])
        assert_true(code[pc] != OPC_TRY && code[pc] != OPC_TRY_END);
    assert_int_equal(code[0], OPC_JCMP_SK);
}

static void guard_that_may_raise_keeps_its_marker(void **state)
{
    (void)state;
    /* The same shape with ARITH (raises on a non-number) in the guard. */
    uint32_t code[] = {OPC_TRY, 14, OPC_LOAD, 0, OPC_LIT, 0, OPC_ARITH, VA_ADD, OPC_TRY_END,
                       OPC_JFALSE, 22, OPC_JUMP, 18, OPC_NOP,
                       OPC_DROPTO, 0, OPC_JUMP, 22, OPC_LIT, 1, OPC_RET, OPC_NOP,
                       OPC_LIT, 2, OPC_RET};
    uint32_t nslots = 1;
    uint32_t n = vm_optimize(code, 25, NULL, 0, 1, &nslots);
    assert_int_equal(code[0], OPC_TRY);
    bool has_end = false;
    for (uint32_t pc = 0; pc < n; pc += 1 + vm_op_words[code[pc]])
        has_end = has_end || code[pc] == OPC_TRY_END;
    assert_true(has_end);
}

static void labels_and_lines_follow_the_moved_code(void **state)
{
    (void)state;
    /* 0 LOAD 0; 2 STORE 1; 4 LOAD 1; 6 M_LIT 0 13; 9 LIT 1; 11 RET; 12 NOP;
     * 13 LIT 2; 15 RET — line 7 starts at pc 13. */
    uint32_t code[] = {OPC_LOAD, 0, OPC_STORE, 1, OPC_LOAD, 1, OPC_M_LIT, 0, 13,
                       OPC_LIT, 1, OPC_RET, OPC_NOP, OPC_LIT, 2, OPC_RET};
    uint32_t lines[] = {0, 5, 13, 7};
    uint32_t nslots = 2;
    uint32_t n = vm_optimize(code, 16, lines, 2, 1, &nslots);
    assert_int_equal(code[0], OPC_M_SLIT);
    uint32_t target = code[3];
    assert_true(target < n);
    assert_int_equal(code[target], OPC_LIT);
    assert_int_equal(code[target + 1], 2);
    assert_int_equal(lines[0], 0);
    assert_int_equal(lines[2], target);
}

static void unknown_opcodes_leave_the_code_alone(void **state)
{
    (void)state;
    uint32_t code[] = {OPC_LOAD, 0, OPC_STORE, 1, OPC_COUNT + 5, OPC_RET};
    uint32_t copy[6];
    memcpy(copy, code, sizeof code);
    uint32_t nslots = 2;
    assert_int_equal(vm_optimize(code, 6, NULL, 0, 1, &nslots), 6);
    assert_memory_equal(code, copy, sizeof code);
    assert_int_equal(nslots, 2);
}

/* ---- programs after the pass ------------------------------------------- */

static void a_raising_guard_fails_only_its_clause(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule OptG1 do\n"
                         " def f(x) when x + 1 > 2, do: :big\n"
                         " def f(x) when x < 2, do: :small\n"
                         " def f(_), do: :other\n"
                         "end\n"
                         ":test.put({OptG1.f(5), OptG1.f(1), OptG1.f(:a)})"),
                     0);
    assert_string_equal(out, "{:big, :small, :other};");
}

static void and_or_guards_keep_elixirs_answers(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule OptG2 do\n"
                         " def r(f, l, s) when (s > 0 and f <= l) or (s < 0 and f >= l), do: :in\n"
                         " def r(_, _, _), do: :out\n"
                         "end\n"
                         ":test.put([OptG2.r(1, 3, 1), OptG2.r(3, 1, 1), OptG2.r(3, 1, -1),"
                         " OptG2.r(:a, 1, 1)])"),
                     0);
    assert_string_equal(out, "[:in, :out, :in, :out];");
}

static void list_clauses_match_in_order(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule OptL do\n"
                         " def sum([], acc), do: acc\n"
                         " def sum([h | t], acc), do: sum(t, acc + h)\n"
                         " def len(l), do: len(l, 0)\n"
                         " defp len([_ | t], n), do: len(t, n + 1)\n"
                         " defp len(_other, n), do: n\n"
                         "end\n"
                         ":test.put({OptL.sum([1, 2, 3], 0), OptL.len([1, 2 | 3])})"),
                     0);
    assert_string_equal(out, "{6, 2};");
}

static void a_function_clause_error_names_the_call(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule OptF do\n"
                         " def f(0), do: :zero\n"
                         "end\n"
                         "try do\n"
                         " OptF.f(1)\n"
                         "rescue\n"
                         " e in FunctionClauseError -> :test.put({e.function, e.arity})\n"
                         "end"),
                     0);
    assert_string_equal(out, "{:f, 1};");
}

static void arithmetic_errors_report_their_line(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule OptA do\n"
                         " def f(n) do\n"
                         "  m = n * 2\n"
                         "  m - 1\n"
                         " end\n"
                         "end\n"
                         "try do\n"
                         " OptA.f(:x)\n"
                         "rescue\n"
                         " ArithmeticError -> :test.put(hd(__STACKTRACE__))\n"
                         "end"),
                     0);
    assert_non_null(strstr(out, "line: 3"));
}

static void small_integer_literals_match_bignums_and_floats_exactly(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule OptM do\n"
                         " def k(0), do: :zero\n"
                         " def k(1_000_000_000_000_000_000_000), do: :big\n"
                         " def k(_), do: :other\n"
                         "end\n"
                         ":test.put([OptM.k(0), OptM.k(0.0), OptM.k(1_000_000_000_000_000_000_000),"
                         " OptM.k(1)])"),
                     0);
    assert_string_equal(out, "[:zero, :other, :big, :other];");
}

static void arithmetic_overflows_into_bignums(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule OptO do\n"
                         " def dbl(0, x), do: x\n"
                         " def dbl(n, x), do: dbl(n - 1, x * 2)\n"
                         "end\n"
                         ":test.put(OptO.dbl(70, 1) == Integer.pow(2, 70))"),
                     0);
    assert_string_equal(out, "true;");
}

static void redefining_a_module_reaches_cached_call_sites(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule OptR do\n def v, do: 1\nend\n"
                         "defmodule OptC do\n def call, do: OptR.v()\nend\n"
                         ":test.put(OptC.call())\n"
                         "defmodule OptR do\n def v, do: 2\nend\n"
                         ":test.put(OptC.call())"),
                     0);
    assert_string_equal(out, "1;2;");
}

int main(void)
{
    if (vm_test_start() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(argument_copy_becomes_a_read_of_the_argument),
        cmocka_unit_test(a_slot_stored_twice_keeps_its_copy),
        cmocka_unit_test(guard_that_cannot_raise_loses_its_marker),
        cmocka_unit_test(guard_that_may_raise_keeps_its_marker),
        cmocka_unit_test(labels_and_lines_follow_the_moved_code),
        cmocka_unit_test(unknown_opcodes_leave_the_code_alone),
        cmocka_unit_test(a_raising_guard_fails_only_its_clause),
        cmocka_unit_test(and_or_guards_keep_elixirs_answers),
        cmocka_unit_test(list_clauses_match_in_order),
        cmocka_unit_test(a_function_clause_error_names_the_call),
        cmocka_unit_test(arithmetic_errors_report_their_line),
        cmocka_unit_test(small_integer_literals_match_bignums_and_floats_exactly),
        cmocka_unit_test(arithmetic_overflows_into_bignums),
        cmocka_unit_test(redefining_a_module_reaches_cached_call_sites),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    mote_stop(rt);
    return rc;
}
