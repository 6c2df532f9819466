/* test_jit.c — the JIT (runtime/lang/jit*.c): its instruction encoder
 * against the bytes GNU as gives for the same instructions, and programs
 * whose hot code runs natively behaving as the interpreter (and Elixir)
 * says: bignum overflow, preemption of a native loop, raises from
 * builtins, deep recursion that must grow the stack, equality across
 * types, funs and remote calls, a tail call into a builtin. The lang
 * suite runs every script with and without the JIT as well. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "jit.h"
#include "jit_x64.h"
#include "vm_test.h"

/* ---- the encoder -------------------------------------------------------- */

static void expect_bytes(const Asm *a, const uint8_t *want, size_t n)
{
    assert_false(a->oom);
    assert_int_equal(a->len, n);
    assert_memory_equal(a->buf, want, n);
}

static void memory_operands_encode_as_gnu_as_does(void **state)
{
    (void)state;
    uint8_t buf[64];
    Asm a = {buf, 0, sizeof buf, false};
    x_load(&a, RAX, RBX, 8);        /* mov rax, [rbx+8]    */
    x_load(&a, RAX, R12, 0);        /* mov rax, [r12]      */
    x_load(&a, RAX, R13, 0);        /* mov rax, [r13]      */
    x_load(&a, RAX, RBP, -8);       /* mov rax, [rbp-8]    */
    x_store(&a, R15, 0x100, RCX);   /* mov [r15+0x100], rcx */
    x_load_idx(&a, false, R9, RAX, R9, 4, 16); /* mov r9d, [rax+r9*4+16] */
    x_lea32(&a, R11, RAX, -2);      /* lea r11d, [rax-2]   */
    x_alu_rm(&a, ALU_ADD, R9, RAX, 0); /* add r9, [rax]    */
    static const uint8_t want[] = {
        0x48, 0x8b, 0x43, 0x08, 0x49, 0x8b, 0x04, 0x24, 0x49, 0x8b, 0x45, 0x00,
        0x48, 0x8b, 0x45, 0xf8, 0x49, 0x89, 0x8f, 0x00, 0x01, 0x00, 0x00,
        0x46, 0x8b, 0x4c, 0x88, 0x10, 0x44, 0x8d, 0x58, 0xfe, 0x4c, 0x03, 0x08,
    };
    expect_bytes(&a, want, sizeof want);
}

static void immediates_take_their_shortest_form(void **state)
{
    (void)state;
    uint8_t buf[64];
    Asm a = {buf, 0, sizeof buf, false};
    x_imm(&a, RAX, 5);                       /* mov eax, 5            */
    x_imm(&a, R10, UINT64_MAX);              /* mov r10, -1           */
    x_imm(&a, RAX, UINT64_C(0x123456789));   /* movabs rax, 0x123456789 */
    x_alu_imm(&a, ALU_SUB, true, RSP, 8);    /* sub rsp, 8            */
    x_alu_mem_imm(&a, ALU_SUB, false, R14, 4, 1); /* sub dword [r14+4], 1 */
    x_test32_imm(&a, R11, 7);                /* test r11d, 7          */
    x_alu_imm(&a, ALU_CMP, true, RAX, 1);    /* cmp rax, 1            */
    x_test32_mem_imm(&a, R14, 4, 15);        /* test dword [r14+4], 15 */
    x_test8(&a, RAX);                        /* test al, al           */
    static const uint8_t want[] = {
        0xb8, 0x05, 0x00, 0x00, 0x00, 0x49, 0xc7, 0xc2, 0xff, 0xff, 0xff, 0xff,
        0x48, 0xb8, 0x89, 0x67, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00,
        0x48, 0x83, 0xec, 0x08, 0x41, 0x83, 0x6e, 0x04, 0x01,
        0x41, 0xf7, 0xc3, 0x07, 0x00, 0x00, 0x00, 0x48, 0x83, 0xf8, 0x01,
        0x41, 0xf7, 0x46, 0x04, 0x0f, 0x00, 0x00, 0x00, 0x84, 0xc0,
    };
    expect_bytes(&a, want, sizeof want);
}

static void register_forms_encode_as_gnu_as_does(void **state)
{
    (void)state;
    uint8_t buf[64];
    Asm a = {buf, 0, sizeof buf, false};
    x_cmov(&a, CC_L, RDX, R8);     /* cmovl rdx, r8 */
    x_imul(&a, RDX, R8);           /* imul rdx, r8  */
    x_jmp_reg(&a, R9);             /* jmp r9        */
    x_shift(&a, SH_SHR, RCX, 4);   /* shr rcx, 4    */
    x_push(&a, R15);               /* push r15      */
    x_pop(&a, RBX);                /* pop rbx       */
    x_call_reg(&a, RSI);           /* call rsi      */
    static const uint8_t want[] = {
        0x49, 0x0f, 0x4c, 0xd0, 0x49, 0x0f, 0xaf, 0xd0, 0x41, 0xff, 0xe1,
        0x48, 0xc1, 0xe9, 0x04, 0x41, 0x57, 0x5b, 0xff, 0xd6,
    };
    expect_bytes(&a, want, sizeof want);
}

static void a_full_buffer_is_reported_not_overrun(void **state)
{
    (void)state;
    uint8_t buf[8] = {0};
    Asm a = {buf, 0, 4, false};
    x_imm(&a, RAX, UINT64_C(0x123456789));
    assert_true(a.oom);
    assert_int_equal(buf[4], 0); /* nothing past cap */
}

/* ---- programs run natively ---------------------------------------------- */

/* Native code ran, when this machine has a JIT at all. */
static void assert_native_ran(void)
{
    uint64_t bytes, fns;
    jit_stats(&bytes, &fns);
    if (jit_active()) {
        assert_true(fns > 0);
        assert_true(bytes > 0);
    }
}

static void a_native_loop_overflows_into_bignums(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule JitBig do\n"
                         " def up(0, acc), do: acc\n"
                         " def up(n, acc), do: up(n - 1, acc + 576460752303423487)\n"
                         " def mul(0, acc), do: acc\n"
                         " def mul(n, acc), do: mul(n - 1, acc * 3)\n"
                         "end\n"
                         ":test.put(JitBig.up(4, 0))\n"
                         ":test.put(JitBig.mul(40, 1) == Integer.pow(3, 40))\n"
                         ":test.put(JitBig.up(1, 1152921504606846975))"),
                     0);
    assert_string_equal(out, "2305843009213693948;true;1729382256910270462;");
    assert_native_ran();
}

static void a_busy_native_loop_is_still_preempted(void **state)
{
    (void)state;
    /* One scheduler: the main process can only print if the spinning
     * process, all native code, gives the scheduler back. */
    assert_int_equal(run("defmodule JitSpin do\n"
                         " def spin(n), do: spin(n + 1)\n"
                         "end\n"
                         "pid = spawn(fn -> JitSpin.spin(0) end)\n"
                         "Process.sleep(20)\n"
                         ":test.put(Process.alive?(pid))\n"
                         "Process.exit(pid, :kill)\n"
                         "Process.sleep(5)\n"
                         ":test.put(Process.alive?(pid))"),
                     0);
    assert_string_equal(out, "true;false;");
}

static void a_builtin_raising_in_native_code_is_rescued(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule JitRaise do\n"
                         " def pick(t, i) do\n"
                         "  try do\n"
                         "   elem(t, i)\n"
                         "  rescue\n"
                         "   e in ArgumentError -> {:bad, i, e.message}\n"
                         "  end\n"
                         " end\n"
                         "end\n"
                         ":test.put(JitRaise.pick({:a, :b}, 1))\n"
                         ":test.put(JitRaise.pick({:a}, 3))"),
                     0);
    assert_string_equal(out, ":b;{:bad, 3, \"errors were found at the given arguments:\\n\\n"
                             "  * 1st argument: out of range\\n\"};");
}

static void deep_recursion_grows_the_stack_through_the_interpreter(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule JitDeep do\n"
                         " def sum([]), do: 0\n"
                         " def sum([h | t]), do: h + sum(t)\n"
                         " def build(0, acc), do: acc\n"
                         " def build(n, acc), do: build(n - 1, [n | acc])\n"
                         "end\n"
                         ":test.put(JitDeep.sum(JitDeep.build(200_000, [])))"),
                     0);
    assert_string_equal(out, "20000100000;");
}

static void equality_and_order_across_types_keep_term_order(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule JitCmp do\n"
                         " def c(a, b), do: {a == b, a === b, a < b, a != b}\n"
                         " def k(1), do: :one\n"
                         " def k(:a), do: :atom\n"
                         " def k({1, 2}), do: :pair\n"
                         " def k(\"s\"), do: :str\n"
                         " def k(_), do: :other\n"
                         "end\n"
                         ":test.put(JitCmp.c(1, 1.0))\n"
                         ":test.put(JitCmp.c(:a, :b))\n"
                         ":test.put(JitCmp.c({1}, {1}))\n"
                         ":test.put(JitCmp.c(2, :a))\n"
                         ":test.put(Enum.map([1, 1.0, :a, {1, 2}, \"s\", [1]], &JitCmp.k/1))"),
                     0);
    assert_string_equal(out, "{true, false, false, false};{false, false, true, true};"
                             "{true, true, false, false};{false, false, true, true};"
                             "[:one, :other, :atom, :pair, :str, :other];");
}

static void funs_and_remote_calls_run_from_native_code(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule JitFun do\n"
                         " def run(k), do: Enum.map(1..5, fn x -> x * k end) |> Enum.reduce(0, &(&1 + &2))\n"
                         " def twice(f, x), do: f.(f.(x))\n"
                         " def inc(x), do: x + 1\n"
                         "end\n"
                         ":test.put(JitFun.run(3))\n"
                         ":test.put(JitFun.twice(&JitFun.inc/1, 5))\n"
                         ":test.put(JitFun.twice(&abs/1, -5))"),
                     0);
    assert_string_equal(out, "45;7;5;");
}

static void a_tail_call_into_a_builtin_runs_it_once(void **state)
{
    (void)state;
    assert_int_equal(run("parent = self()\n"
                         "spawn(fn -> send(parent, :hi) end)\n"
                         "receive do :hi -> :test.put(:first) end\n"
                         "receive do :hi -> :test.put(:again) after 50 -> :test.put(:once) end"),
                     0);
    assert_string_equal(out, ":first;:once;");
}

static void floats_bignums_and_deep_compares_are_done_in_native_code(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule JitNum do\n"
                         " def half(0, acc), do: acc\n"
                         " def half(n, acc), do: half(n - 1, acc + n * 0.5)\n"
                         " def c(a, b), do: {a < b, a >= b, a == b, a === b, a != b}\n"
                         " def d(a, b), do: {a / b, div(a, b), rem(a, b), -a}\n"
                         "end\n"
                         ":test.put(JitNum.half(100, 0.0))\n"
                         ":test.put(JitNum.c(1, 1.0))\n"
                         ":test.put(JitNum.c(2.5, 10000000000000000000000))\n"
                         ":test.put(JitNum.c(\"ab\", \"ab\" <> \"\"))\n"
                         ":test.put(JitNum.c({1, [2]}, {1, [2.0]}))\n"
                         ":test.put(JitNum.d(-7, 2))\n"
                         ":test.put(try do JitNum.d(1, 0) rescue e -> e.__struct__ end)\n"
                         ":test.put(try do JitNum.half(2, :x) rescue e -> e.__struct__ end)"),
                     0);
    assert_string_equal(out, "2525.0;{false, true, true, false, false};{true, false, false, false, true};"
                             "{false, true, true, true, false};{false, true, true, false, false};"
                             "{-3.5, -3, -1, 7};ArithmeticError;ArithmeticError;");
}

static void bitstring_matches_and_builds_run_from_native_code(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule JitBin do\n"
                         " def count(<<>>, n), do: n\n"
                         " def count(<<_::utf8, rest::binary>>, n), do: count(rest, n + 1)\n"
                         " def hdr(<<v::4, l::4, len::16, rest::binary>>), do: {v, l, len, byte_size(rest)}\n"
                         " def hdr(_), do: :short\n"
                         " def cmd(\"GET \" <> path), do: {:get, path}\n"
                         " def cmd(_), do: :other\n"
                         " def build(x), do: <<x::16, x::float-32, \"end\">>\n"
                         "end\n"
                         ":test.put(JitBin.count(\"h\\u00e9llo w\\u00f6rld\", 0))\n"
                         ":test.put({JitBin.hdr(<<0x45, 0, 20, 1, 2, 3>>), JitBin.hdr(<<1>>)})\n"
                         ":test.put({JitBin.cmd(\"GET /x\"), JitBin.cmd(\"PUT /x\")})\n"
                         ":test.put(JitBin.build(258))\n"
                         ":test.put(try do JitBin.build(:a) rescue e -> e.__struct__ end)"),
                     0);
    assert_string_equal(out, "11;{{4, 5, 20, 3}, :short};{{:get, \"/x\"}, :other};"
                             "<<1, 2, 67, 129, 0, 0, 101, 110, 100>>;ArgumentError;");
}

static void map_and_string_instructions_match_the_interpreter(void **state)
{
    (void)state;
    assert_int_equal(run("defmodule JitMap do\n"
                         " def get(%{k: v}), do: {:k, v}\n"
                         " def get(%{}), do: :no_k\n"
                         " def get(_), do: :not_a_map\n"
                         " def bump(m, 0), do: m\n"
                         " def bump(m, n), do: bump(%{m | c: m.c + 1}, n - 1)\n"
                         " def key(m, k) do\n"
                         "  case m do\n"
                         "   %{^k => v} -> v\n"
                         "   _ -> :missing\n"
                         "  end\n"
                         " end\n"
                         " def say(x), do: \"<#{x}>\"\n"
                         "end\n"
                         ":test.put(Enum.map([%{k: 1}, %{j: 2}, 3], &JitMap.get/1))\n"
                         ":test.put(JitMap.bump(%{c: 0, d: :x}, 1000))\n"
                         ":test.put({JitMap.key(%{\"a\" => 1}, \"a\"), JitMap.key(%{}, \"a\")})\n"
                         ":test.put(JitMap.say(:ok) <> JitMap.say(12))\n"
                         ":test.put(try do JitMap.bump(%{d: 1}, 1) rescue e -> e.__struct__ end)\n"
                         ":test.put(try do JitMap.say({1}) rescue e -> e.__struct__ end)"),
                     0);
    assert_string_equal(out, "[{:k, 1}, :no_k, :not_a_map];%{c: 1000, d: :x};{1, :missing};"
                             "\"<ok><12>\";KeyError;Protocol.UndefinedError;");
}

int main(void)
{
    if (vm_test_start() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memory_operands_encode_as_gnu_as_does),
        cmocka_unit_test(immediates_take_their_shortest_form),
        cmocka_unit_test(register_forms_encode_as_gnu_as_does),
        cmocka_unit_test(a_full_buffer_is_reported_not_overrun),
        cmocka_unit_test(a_native_loop_overflows_into_bignums),
        cmocka_unit_test(a_busy_native_loop_is_still_preempted),
        cmocka_unit_test(a_builtin_raising_in_native_code_is_rescued),
        cmocka_unit_test(deep_recursion_grows_the_stack_through_the_interpreter),
        cmocka_unit_test(equality_and_order_across_types_keep_term_order),
        cmocka_unit_test(funs_and_remote_calls_run_from_native_code),
        cmocka_unit_test(a_tail_call_into_a_builtin_runs_it_once),
        cmocka_unit_test(floats_bignums_and_deep_compares_are_done_in_native_code),
        cmocka_unit_test(map_and_string_instructions_match_the_interpreter),
        cmocka_unit_test(bitstring_matches_and_builds_run_from_native_code),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    mote_stop(rt);
    return rc;
}
