/* test_complete_input.c — the shell's input-completeness detector
 * (mote_input_completeness over parse_completeness): when the shell
 * evaluates and when it asks for another line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "mote.h"

static int verdict(const char *src)
{
    return mote_input_completeness(src, strlen(src));
}

static void simple_expression_is_complete(void **state)
{
    (void)state;
    assert_int_equal(verdict("1 + 2"), MOTE_INPUT_COMPLETE);
    assert_int_equal(verdict("x = [1, 2, 3]"), MOTE_INPUT_COMPLETE);
}

static void open_do_block_needs_more(void **state)
{
    (void)state;
    assert_int_equal(verdict("defmodule M do"), MOTE_INPUT_INCOMPLETE);
    assert_int_equal(verdict("defmodule M do\n  def f, do: 1"), MOTE_INPUT_INCOMPLETE);
    assert_int_equal(verdict("defmodule M do\n  def f, do: 1\nend"), MOTE_INPUT_COMPLETE);
}

static void open_fn_needs_more(void **state)
{
    (void)state;
    assert_int_equal(verdict("f = fn x ->"), MOTE_INPUT_INCOMPLETE);
    assert_int_equal(verdict("f = fn x -> x end"), MOTE_INPUT_COMPLETE);
}

static void open_brackets_need_more(void **state)
{
    (void)state;
    assert_int_equal(verdict("[1,"), MOTE_INPUT_INCOMPLETE);
    assert_int_equal(verdict("%{a: 1,"), MOTE_INPUT_INCOMPLETE);
    assert_int_equal(verdict("foo(1, 2"), MOTE_INPUT_INCOMPLETE);
    assert_int_equal(verdict("{1,\n 2}"), MOTE_INPUT_COMPLETE);
}

static void open_string_and_heredoc_need_more(void **state)
{
    (void)state;
    assert_int_equal(verdict("\"abc"), MOTE_INPUT_INCOMPLETE);
    assert_int_equal(verdict("\"\"\"\nline"), MOTE_INPUT_INCOMPLETE);
    assert_int_equal(verdict("\"\"\"\nline\n\"\"\""), MOTE_INPUT_COMPLETE);
}

static void trailing_operator_needs_more(void **state)
{
    (void)state;
    assert_int_equal(verdict("1 +"), MOTE_INPUT_INCOMPLETE);
    assert_int_equal(verdict("[1] |>"), MOTE_INPUT_INCOMPLETE);
    assert_int_equal(verdict("1 +\n2"), MOTE_INPUT_COMPLETE);
}

static void stray_closer_is_invalid(void **state)
{
    (void)state;
    assert_int_equal(verdict("end"), MOTE_INPUT_INVALID);
    assert_int_equal(verdict("1 + )"), MOTE_INPUT_INVALID);
}

static void null_source_is_refused(void **state)
{
    (void)state;
    assert_true(mote_input_completeness(NULL, 0) < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(simple_expression_is_complete),
        cmocka_unit_test(open_do_block_needs_more),
        cmocka_unit_test(open_fn_needs_more),
        cmocka_unit_test(open_brackets_need_more),
        cmocka_unit_test(open_string_and_heredoc_need_more),
        cmocka_unit_test(trailing_operator_needs_more),
        cmocka_unit_test(stray_closer_is_invalid),
        cmocka_unit_test(null_source_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
