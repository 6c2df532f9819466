/* test_complete.c — the shell's tab-completion engine
 * (mote_shell_complete) on a live session: modules, Module.function with
 * arity hints, bound variables, helpers, and atoms after ':'. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mote.h"

typedef struct Session {
    mote_rt *rt;
    mote_shell *sh;
} Session;

typedef struct Seen {
    char words[64][128];
    char hints[64][16];
    size_t n;
} Seen;

static void collect(const char *word, const char *hint, void *ctx)
{
    Seen *s = ctx;
    if (s->n < 64) {
        snprintf(s->words[s->n], sizeof s->words[0], "%s", word);
        snprintf(s->hints[s->n], sizeof s->hints[0], "%s", hint);
        s->n++;
    }
}

/* Index of the candidate with this word (and hint, unless NULL), or -1. */
static int find(const Seen *s, const char *word, const char *hint)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->words[i], word) == 0 && (hint == NULL || strcmp(s->hints[i], hint) == 0))
            return (int)i;
    return -1;
}

static Seen complete(Session *ss, const char *text)
{
    Seen s;
    memset(&s, 0, sizeof s);
    mote_shell_complete(ss->sh, text, strlen(text), collect, &s);
    return s;
}

static int setup(void **state)
{
    static Session ss;
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = 1;
    if (mote_start(&cfg, &ss.rt) != 0 || mote_shell_new(ss.rt, &ss.sh) != 0)
        return -1;
    *state = &ss;
    return 0;
}

static int teardown(void **state)
{
    Session *ss = *state;
    mote_shell_free(ss->sh);
    mote_stop(ss->rt);
    return 0;
}

static void module_function_gets_arity_hints(void **state)
{
    Seen s = complete(*state, "Enum.ma");
    assert_true(find(&s, "Enum.map", "/2") >= 0);
    for (size_t i = 0; i < s.n; i++)
        assert_memory_equal(s.words[i], "Enum.ma", 7);
}

static void module_prefix_lists_modules(void **state)
{
    Seen s = complete(*state, "x = Enu");
    assert_true(find(&s, "Enum", NULL) >= 0);
    assert_int_equal(find(&s, "Mote.Shell", NULL), -1); /* internals stay hidden */
}

static void bound_variables_are_offered(void **state)
{
    Session *ss = *state;
    const char *src = "my_long_var = 1";
    assert_int_equal(mote_shell_eval(ss->sh, src, strlen(src), 80, NULL), MOTE_SHELL_OK);
    Seen s = complete(ss, "my_lo");
    assert_true(find(&s, "my_long_var", NULL) >= 0);
}

static void helpers_are_offered(void **state)
{
    Seen s = complete(*state, "runtime_i");
    assert_true(find(&s, "runtime_info", "/0") >= 0);
}

static void atoms_after_colon(void **state)
{
    Session *ss = *state;
    const char *src = ":zz_completion_atom";
    assert_int_equal(mote_shell_eval(ss->sh, src, strlen(src), 80, NULL), MOTE_SHELL_OK);
    Seen s = complete(ss, "IO.inspect(:zz_compl");
    assert_true(find(&s, ":zz_completion_atom", NULL) >= 0);
}

static void map_keys_of_a_bound_map(void **state)
{
    Session *ss = *state;
    const char *src = "mm = %{alpha: 1, beta: 2, also: 3}";
    assert_int_equal(mote_shell_eval(ss->sh, src, strlen(src), 80, NULL), MOTE_SHELL_OK);
    Seen s = complete(ss, "mm.al");
    assert_true(find(&s, "mm.alpha", NULL) >= 0);
    assert_true(find(&s, "mm.also", NULL) >= 0);
    assert_int_equal(find(&s, "mm.beta", NULL), -1);
}

static void registered_names_are_offered(void **state)
{
    Session *ss = *state;
    const char *src = "Process.register(self(), :shell_reg_name)";
    assert_int_equal(mote_shell_eval(ss->sh, src, strlen(src), 80, NULL), MOTE_SHELL_OK);
    Seen s = complete(ss, "send(shell_reg");
    assert_true(find(&s, "shell_reg_name", NULL) >= 0);
}

static void unknown_prefix_offers_nothing(void **state)
{
    Seen s = complete(*state, "Zzzqqq.x");
    assert_int_equal(s.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(module_function_gets_arity_hints),
        cmocka_unit_test(module_prefix_lists_modules),
        cmocka_unit_test(bound_variables_are_offered),
        cmocka_unit_test(helpers_are_offered),
        cmocka_unit_test(atoms_after_colon),
        cmocka_unit_test(map_keys_of_a_bound_map),
        cmocka_unit_test(registered_names_are_offered),
        cmocka_unit_test(unknown_prefix_offers_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
