/* fuzz_parse.c — libFuzzer harness for the lexer and parser.
 *
 * Not part of the default build. Build and run (from the repo root):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *     -Iruntime/lang -Iruntime/core -Iruntime/include -I<builddir> \
 *     tests/fuzz/fuzz_parse.c runtime/lang/ast.c runtime/lang/lex.c runtime/lang/lex_str.c \
 *     runtime/lang/parse.c runtime/lang/parse_block.c runtime/lang/parse_lit.c \
 *     runtime/core/mem.c \
 *     -o fuzz_parse -lpthread
 *   ./fuzz_parse -max_len=4096 tests/fuzz/corpus_parse
 * Every input must come back as success or a syntax error with a
 * position inside the text, and the completeness query must agree.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    AstArena a;
    ast_arena_init(&a);
    ParseError err;
    Ast *root = NULL;
    int rc = parse_source(&a, "fuzz", (const char *)data, size, &root, &err);
    if (rc == 0) {
        /* The printer must cope with whatever the parser built. */
        char buf[256];
        ast_sexpr(root, buf, sizeof(buf));
        if (root->depth > AST_MAX_DEPTH)
            abort();
    } else if (rc != MOTE_ESYNTAX || err.line == 0 || err.col == 0) {
        abort();
    } else {
        char buf[1024];
        parse_error_format(&err, buf, sizeof(buf));
    }
    ast_arena_fini(&a);
    int c = parse_completeness((const char *)data, size);
    if ((rc == 0) != (c == PARSE_COMPLETE))
        abort();
    return 0;
}
