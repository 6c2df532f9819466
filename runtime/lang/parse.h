/* parse.h — Elixir source text to an AST (see ast.h, docs/language.md).
 *
 * The parser is a precedence-climbing parser over the lexer's tokens with
 * Elixir's operator table, calls with and without parentheses, do/end
 * blocks and -> clauses. It recurses at most PARSE_MAX_NEST levels and
 * refuses deeper input with a syntax error, so no input can overflow the C
 * stack; trees are at most AST_MAX_DEPTH deep.
 *
 * Thread-safety: no global state; any thread may parse, each with its own
 * arena.
 */
#ifndef MOTE_PARSE_H
#define MOTE_PARSE_H

#include <stddef.h>

#include "ast.h"
#include "lex.h"

struct Err; /* err.h */

#define PARSE_MAX_NEST AST_MAX_DEPTH

/* Answers of parse_completeness (errors are negative MOTE_E* codes). */
enum { PARSE_COMPLETE = 0, PARSE_INCOMPLETE = 1 };

/* Parses a whole file or REPL input. On success returns 0 and sets *out to
 * the root: a BLOCK of the top-level expressions (possibly empty), living
 * in arena until ast_arena_fini. file names the source in messages and may
 * be NULL ("nofile"); it is borrowed for err. On failure returns
 * MOTE_ESYNTAX (or MOTE_ENOMEM / MOTE_ELIMIT) and fills err, which may be
 * printed with parse_error_format. src need not be NUL-terminated. */
int parse_source(AstArena *arena, const char *file, const char *src, size_t len, Ast **out,
                 ParseError *err);

/* For the REPL: is src a complete input? Returns PARSE_COMPLETE,
 * PARSE_INCOMPLETE (an open do/fn/bracket/string/heredoc, or a trailing
 * operator or comma: read another line), or MOTE_ESYNTAX for input no
 * continuation can fix. */
int parse_completeness(const char *src, size_t len);

/* Writes "file:line:col: message\n    <line>\n    <caret>\n" into buf
 * (NUL-terminated, truncated to cap). Returns the length it needed. */
size_t parse_error_format(const ParseError *e, char *buf, size_t cap);

/* The Elixir exception this error is raised as: "TokenMissingError" when
 * the input ended early (a missing terminator, an incomplete expression),
 * else "SyntaxError". Static, never NULL. */
const char *parse_error_kind(const ParseError *e);

/* Copies a ParseError into an Err ("file:line:col: message"), for callers
 * that report through Err. Returns e->code. */
int parse_error_to_err(const ParseError *e, struct Err *err);

#endif
