/* fuzz_comp.c — libFuzzer harness for the whole front end: lexer, parser
 * and compiler together.
 *
 * Every input must come back as a compiled script or as an error with a
 * message; the compiler only compiles (nothing runs, so a looping program
 * is not a hang). Not part of the default build; tests/unit/test_fuzz.c
 * replays the corpus it found (tests/fuzz/corpus_comp) in every build.
 * The language tests (the .exs files of tests/lang) are its seeds: they
 * are not copied into corpus_comp, so name both directories on the
 * command line below, and test_fuzz.c reads both.
 * Build and run (from the repo root, clang with libFuzzer):
 *   CC=clang meson setup build-fuzz -Db_sanitize=address,undefined \
 *     -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
 *   ninja -C build-fuzz runtime/libmote_internal.a
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *     -Iruntime/lang -Iruntime/core -Iruntime/lib -Iruntime/include -Ibuild-fuzz \
 *     tests/fuzz/fuzz_comp.c build-fuzz/runtime/libmote_internal.a \
 *     -o build-fuzz/fuzz_comp -lpthread -lm -lgmp -lpcre2-8
 *   ASAN_OPTIONS=detect_leaks=0 build-fuzz/fuzz_comp -max_len=2048 \
 *     -dict=tests/fuzz/parse.dict -timeout=10 tests/fuzz/corpus_comp tests/lang
 * Compiled scripts stay in memory until the runtime stops (that is the
 * code server's contract), hence detect_leaks=0.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "comp.h"
#include "err.h"
#include "mote.h"
#include "parse.h"

static mote_rt *rt;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = 1;
    if (mote_start(&cfg, &rt) != 0)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    AstArena a;
    ast_arena_init(&a);
    ParseError pe;
    Ast *root = NULL;
    int rc = parse_source(&a, "fuzz.exs", (const char *)data, size, &root, &pe);
    if (rc == 0) {
        Err err;
        memset(&err, 0, sizeof err);
        Fn *fn = NULL;
        rc = comp_script(root, "fuzz.exs", &fn, &err);
        if (rc == 0 && fn == NULL)
            abort();
        if (rc != 0 && (rc > 0 || err.msg[0] == 0))
            abort();
    } else if (rc != MOTE_ESYNTAX || pe.line == 0 || pe.col == 0) {
        abort();
    }
    ast_arena_fini(&a);
    return 0;
}
