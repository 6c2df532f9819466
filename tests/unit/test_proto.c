/* test_proto.c — protocol dispatch (lib/proto.c): its per-scheduler cache
 * answers as a fresh lookup would, before and after modules load.
 *
 * Each run() is one script on the same runtime; a script fails (status
 * not 0) when a match in it fails, so the expectations are matches. The
 * tests share one runtime (group setup), each with protocols of its own:
 * a second runtime in one process cannot yet find :lists builtins (seen
 * with Enum.map over a range), which is not this module's to fix. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <cmocka.h>

#include "unit/eval_test.h"

static const char proto_src[] =
    "defprotocol Sized do\n def size(x)\nend\n"
    "defmodule Box do\n defstruct n: 0\nend\n";

/* Calls Sized.size(v) a few times (so both schedulers may cache) and
 * matches the result, :undefined for Protocol.UndefinedError. */
static const char check_src[] =
    "defmodule Check do\n"
    " def size(v) do\n"
    "  try do\n   Sized.size(v)\n  rescue\n   Protocol.UndefinedError -> :undefined\n  end\n"
    " end\n"
    " def all(v, want) do\n"
    "  for _ <- 1..50, do: ^want = size(v)\n"
    "  Task.await(Task.async(fn -> ^want = size(v) end))\n"
    " end\n"
    "end\n";

static void run2(mote_rt *rt, const char *defs, const char *body)
{
    char src[4096];
    snprintf(src, sizeof src, "%s%s", defs, body);
    run(rt, src);
}

static void impl_defined_after_a_miss_is_found(void **state)
{
    mote_rt *rt = *state;
    run(rt, "Check.all(1.5, :undefined)\nnil = Sized.impl_for(1.5)");
    run(rt, "defimpl Sized, for: Float do\n def size(_), do: :v1\nend\n"
            "Check.all(1.5, :v1)\nSized.Float = Sized.impl_for(1.5)");
    run(rt, "defimpl Sized, for: Float do\n def size(_), do: :v2\nend\nCheck.all(1.5, :v2)");
}

static void struct_impl_defined_after_a_miss_is_found(void **state)
{
    mote_rt *rt = *state;
    run(rt, "Check.all(%Box{n: 3}, :undefined)\nCheck.all([1], :undefined)");
    run(rt, "defimpl Sized, for: Box do\n def size(b), do: b.n\nend\n"
            "Check.all(%Box{n: 3}, 3)\nCheck.all([1], :undefined)\nSized.Box = Sized.impl_for(%Box{})");
}

static void builtin_types_each_find_their_impl(void **state)
{
    mote_rt *rt = *state;
    run(rt, "defprotocol Kind do\n @fallback_to_any true\n def kind(x)\nend\n"
            "defimpl Kind, for: Any do\n def kind(_), do: :any\nend\n"
            "defimpl Kind, for: Integer do\n def kind(_), do: :int\nend\n"
            "defimpl Kind, for: List do\n def kind(_), do: :list\nend\n"
            "defimpl Kind, for: BitString do\n def kind(_), do: :bits\nend\n"
            "defimpl Kind, for: Tuple do\n def kind(_), do: :tuple\nend\n"
            "[:int, :int, :any, :list, :list, :bits, :bits, :tuple, :any, :any] =\n"
            "  Enum.map([1, 1_000_000_000_000_000_000_000, 1.0, [], [1], \"s\", <<1::3>>, {}, %{}, :a], &Kind.kind/1)\n"
            "Kind.Any = Kind.impl_for(self())");
}

static int setup(void **state)
{
    if (rt_setup(state) != 0)
        return -1;
    run2(*state, proto_src, check_src);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(impl_defined_after_a_miss_is_found),
        cmocka_unit_test(struct_impl_defined_after_a_miss_is_found),
        cmocka_unit_test(builtin_types_each_find_their_impl),
    };
    return cmocka_run_group_tests(tests, setup, rt_teardown);
}
