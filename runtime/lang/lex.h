/* lex.h — Elixir source text to tokens.
 *
 * The lexer turns a whole source buffer into a flat token array in one
 * pass, without recursion: strings with #{} interpolation come out as a
 * sequence STR_BEGIN, STR_PART / INTERP_BEGIN tokens... INTERP_END, ...,
 * STR_END, so nested interpolation is just more tokens. Escapes are
 * decoded and heredoc indentation stripped here; token text lives in the
 * caller's AstArena. See docs/language.md for the token rules.
 */
#ifndef MOTE_LEX_H
#define MOTE_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"

/* Largest source the lexer accepts; bigger input is refused up front so
 * that memory stays proportional to something sane (a script holding a
 * 50 MB string literal, as the bad-input list has, still fits). */
#define LEX_MAX_SOURCE (64u * 1024 * 1024)
/* Most tokens one source may have (4M tokens is 128 MB of Tok). */
#define LEX_MAX_TOKENS (4u * 1024 * 1024)
/* Deepest nesting of strings inside interpolations. */
#define LEX_MAX_NEST 64

/* A syntax error, ready to print as Elixir does:
 *   file:line:col: message, then the line and a caret under col. */
typedef struct ParseError {
    int code;        /* MOTE_ESYNTAX, MOTE_ENOMEM or MOTE_ELIMIT; 0 if none */
    uint32_t line;   /* 1-based */
    uint32_t col;    /* 1-based byte column */
    bool incomplete; /* the input ended early: more text could fix it */
    const char *file; /* borrowed from the caller; may be NULL */
    char msg[256];
    char text[160]; /* the offending line, truncated, no newline */
} ParseError;

typedef enum TokKind {
    TOK_EOF, TOK_EOL, TOK_SEMI, TOK_COMMA,
    TOK_INT,     /* v.i */
    TOK_BIGINT,  /* text = digits, op = base */
    TOK_FLOAT,   /* v.f */
    TOK_ATOM,    /* text = name (also true, false, nil) */
    TOK_IDENT,   /* text = name */
    TOK_ALIAS,   /* text = name of one segment: Foo */
    TOK_KW,      /* keyword key "name:"; text = name */
    TOK_OP,      /* op = AstOp */
    TOK_LPAREN, TOK_RPAREN, TOK_LBRACK, TOK_RBRACK, TOK_LBRACE, TOK_RBRACE,
    TOK_LBITS, TOK_RBITS, TOK_PERCENT,
    TOK_CAPTURE_INT, /* &1: v.i = 1 */
    TOK_DO, TOK_END, TOK_FN,
    TOK_BLOCK,       /* else, rescue, catch, after: text = word */
    TOK_STR_BEGIN,   /* op = TokStr; sigil letter in text[0] */
    TOK_STR_PART,    /* text = decoded bytes */
    TOK_INTERP_BEGIN, TOK_INTERP_END,
    TOK_STR_END,     /* sigils: text = modifiers */
    TOK_KINDS
} TokKind;

typedef enum TokStr { STR_BIN, STR_LIST, STR_ATOM, STR_SIGIL } TokStr;

enum {
    TOKF_SPACE_BEFORE = 1 << 0, /* whitespace (or line start) right before */
    TOKF_SPACE_AFTER = 1 << 1,  /* whitespace right after */
    TOKF_HEREDOC = 1 << 2,      /* STR_BEGIN: a """ or ''' heredoc */
    TOKF_KW = 1 << 3,           /* STR_BEGIN/END: a quoted key "a b": */
};

typedef struct Tok {
    uint8_t kind;  /* TokKind */
    uint8_t op;    /* AstOp, TokStr or base */
    uint8_t flags; /* TOKF_* */
    uint32_t line, col;
    union {
        int64_t i;
        double f;
        struct {
            const char *s; /* in the arena, NUL-terminated */
            uint32_t len;
        } text;
    } v;
} Tok;

typedef struct TokVec {
    Tok *toks; /* owned; free with lex_free */
    size_t n, cap;
} TokVec;

/* Tokenises src[0..len). On success returns 0 and fills out (ending with
 * TOK_EOF); free it with lex_free even on failure. On a syntax error
 * returns MOTE_ESYNTAX and fills err; err->incomplete is set when the text
 * ended inside a string, heredoc, sigil or interpolation. Never reads past
 * len; src need not be NUL-terminated. */
int lex_source(AstArena *arena, const char *src, size_t len, TokVec *out, ParseError *err);
void lex_free(TokVec *v);

/* Printable description of a token for "syntax error before: ..." */
void lex_describe(const Tok *t, char *buf, size_t cap);
const char *lex_kind_name(TokKind k); /* static, never NULL */

/* Records an error at line:col and copies the offending line of src into
 * err->text. Returns err->code. Shared by the lexer and the parser. */
int lex_error(ParseError *err, const char *src, size_t len, uint32_t line, uint32_t col,
              bool incomplete, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

#endif
