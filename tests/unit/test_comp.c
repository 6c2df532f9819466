/* test_comp.c — the compiler: modules reach the code server, def/defp
 * visibility, default arguments, redefinition, error messages with
 * file:line, refusals (defmacro, _ variables), well-formed bytecode, and
 * no crash on any parser-fuzz input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atom.h"
#include "bin.h"
#include "map.h"
#include "code.h"
#include "comp.h"
#include "err.h"
#include "mote.h"
#include "parse.h"

static Err err;

/* Compiles src as a script (load_only: modules only). Returns the code. */
static int compile(const char *src, bool load_only, Fn **out)
{
    AstArena a;
    ast_arena_init(&a);
    Ast *root;
    ParseError pe;
    memset(&err, 0, sizeof err);
    int rc = parse_source(&a, "t.exs", src, strlen(src), &root, &pe);
    if (rc == 0) {
        Fn *fn = NULL;
        rc = load_only ? comp_load_modules(root, "t.exs", &err) : comp_script(root, "t.exs", &fn, &err);
        if (out)
            *out = fn;
    } else {
        snprintf(err.msg, sizeof err.msg, "parse: %.200s", pe.msg);
    }
    ast_arena_fini(&a);
    return rc;
}

static Term atom(const char *s) { return atom_from_cstr(s); }

static void module_reaches_the_code_server(void **state)
{
    (void)state;
    assert_int_equal(compile("defmodule CompT1 do\n def f(x), do: x\n defp g, do: 1\nend", true, NULL), 0);
    Module *m = code_find(atom("Elixir.CompT1"));
    assert_non_null(m);
    assert_non_null(code_fn(m, atom("f"), 1, true));
    assert_null(code_fn(m, atom("g"), 0, true));
    assert_non_null(code_fn(m, atom("g"), 0, false));
}

static void default_arguments_define_every_arity(void **state)
{
    (void)state;
    assert_int_equal(compile("defmodule CompT2 do\n def f(a, b \\\\ 1, c \\\\ 2), do: {a, b, c}\nend", true, NULL), 0);
    Module *m = code_find(atom("Elixir.CompT2"));
    assert_non_null(m);
    for (uint32_t n = 1; n <= 3; n++)
        assert_non_null(code_fn(m, atom("f"), n, true));
    assert_null(code_fn(m, atom("f"), 0, true));
}

static void redefinition_replaces_the_module(void **state)
{
    (void)state;
    assert_int_equal(compile("defmodule CompT3 do\n def a, do: 1\nend", true, NULL), 0);
    Module *old = code_find(atom("Elixir.CompT3"));
    Fn *olda = code_fn(old, atom("a"), 0, true);
    assert_int_equal(compile("defmodule CompT3 do\n def b, do: 2\nend", true, NULL), 0);
    Module *m = code_find(atom("Elixir.CompT3"));
    assert_ptr_not_equal(m, old);
    assert_null(code_fn(m, atom("a"), 0, true));
    assert_non_null(code_fn(m, atom("b"), 0, true));
    /* The old version stays intact for whoever still runs it. */
    assert_ptr_equal(code_fn(old, atom("a"), 0, true), olda);
}

static void errors_name_file_and_line(void **state)
{
    (void)state;
    assert_int_not_equal(compile("x = 1\ny = x\n_z + 1\n", false, NULL), 0);
    assert_non_null(strstr(err.msg, "t.exs:3:"));
    assert_non_null(strstr(err.msg, "_z"));
}

static void defmacro_is_refused_clearly(void **state)
{
    (void)state;
    assert_int_not_equal(compile("defmodule CompT4 do\n defmacro m(x), do: x\nend", false, NULL), 0);
    assert_non_null(strstr(err.msg, "defmacro"));
    assert_null(code_find(atom("Elixir.CompT4")));
}

static void pin_outside_a_pattern_is_an_error(void **state)
{
    (void)state;
    assert_int_not_equal(compile("x = 1\n^x\n", false, NULL), 0);
    assert_non_null(strstr(err.msg, "t.exs:2:"));
}

static void docs_are_kept_for_h(void **state)
{
    (void)state;
    assert_int_equal(compile("defmodule CompT6 do\n @moduledoc \"About.\"\n @doc \"Adds.\"\n"
                             " def add(a, b), do: a + b\n def sub(a, b), do: a - b\nend", true, NULL), 0);
    Module *m = code_find(atom("Elixir.CompT6"));
    assert_non_null(m);
    assert_true(is_map(m->attrs));
    const uint8_t *b;
    size_t len;
    assert_true(bin_bytes(map_get(m->attrs, atom("moduledoc")), &b, &len));
    assert_int_equal(len, 6);
    Term docs = map_get(m->attrs, atom("docs"));
    assert_int_equal(map_size(docs), 1);
    Term key[3] = {make_header(HDR_TUPLE, 2), atom("add"), make_small(2)};
    assert_true(bin_bytes(map_get(docs, make_boxed(key)), &b, &len));
    assert_memory_equal(b, "Adds.", 5);
}

/* Walks code by the operand table: it must land exactly on the end. */
static void check_words(const Fn *fn)
{
    uint32_t pc = 0;
    while (pc < fn->ncode) {
        assert_true(fn->code[pc] < OPC_COUNT);
        pc += 1 + vm_op_words[fn->code[pc]];
    }
    assert_int_equal(pc, fn->ncode);
}

static void bytecode_decodes_by_the_opcode_table(void **state)
{
    (void)state;
    Fn *fn;
    const char *src = "defmodule CompT5 do\n"
                      "  def f([h | t], acc) when h > 0, do: f(t, [h | acc])\n"
                      "  def f(_, acc), do: try(do: acc, rescue: (e -> e))\n"
                      "end\n"
                      "g = &CompT5.f/2\nx = for a <- [1], <<b <- \"xy\">>, do: {a, b}\n"
                      "case x do\n  [{1, c} | _] -> c\n  _ -> receive do\n m -> m\n after 0 -> :t\n end\nend\n";
    assert_int_equal(compile(src, false, &fn), 0);
    check_words(fn);
    Module *m = code_find(atom("Elixir.CompT5"));
    assert_non_null(m);
    for (uint32_t i = 0; i < m->nfns; i++)
        check_words(m->fns[i]);
    for (uint32_t i = 0; i < fn->mod->nfns; i++)
        check_words(fn->mod->fns[i]);
}

/* Every input of the parser's fuzz corpus that parses must compile or be
 * refused with a message, never crash. */
static void fuzz_corpus_never_crashes(void **state)
{
    (void)state;
    const char *root = getenv("MOTE_SOURCE_ROOT");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus_parse", root ? root : ".");
    DIR *d = opendir(dir);
    if (d == NULL)
        skip();
    struct dirent *de;
    int n = 0;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        FILE *f = fopen(path, "rb");
        if (f == NULL)
            continue;
        static char buf[1 << 16];
        size_t len = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[len] = 0;
        Fn *fn;
        int rc = compile(buf, false, &fn);
        if (rc != 0)
            assert_true(err.msg[0] != 0);
        n++;
    }
    closedir(d);
    assert_true(n > 0);
}

int main(void)
{
    mote_config cfg;
    mote_config_init(&cfg);
    mote_rt *rt;
    if (mote_start(&cfg, &rt) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(module_reaches_the_code_server),
        cmocka_unit_test(default_arguments_define_every_arity),
        cmocka_unit_test(redefinition_replaces_the_module),
        cmocka_unit_test(errors_name_file_and_line),
        cmocka_unit_test(defmacro_is_refused_clearly),
        cmocka_unit_test(pin_outside_a_pattern_is_an_error),
        cmocka_unit_test(bytecode_decodes_by_the_opcode_table),
        cmocka_unit_test(docs_are_kept_for_h),
        cmocka_unit_test(fuzz_corpus_never_crashes),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    mote_stop(rt);
    return rc;
}
