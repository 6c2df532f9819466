/* lex_int.h — private to lex.c and lex_str.c.
 *
 * The lexer state, its mode stack, and the helpers both halves share.
 * lex.c holds code mode (names, numbers, operators, newlines) and the
 * public API; lex_str.c the inside of strings, charlists, quoted atoms and
 * sigils, and char literals.
 */
#ifndef MOTE_LEX_INT_H
#define MOTE_LEX_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lex.h"

enum { MODE_CODE, MODE_STR };

typedef struct LexMode {
    uint8_t kind;      /* MODE_CODE or MODE_STR */
    uint8_t str;       /* TokStr of the string */
    char close;        /* closing delimiter; for heredocs the quote char */
    char sigil;        /* sigil letter, or 0 */
    bool heredoc;
    bool interp;       /* #{ } is live */
    bool escapes;      /* backslash escapes are decoded */
    bool line_start;   /* heredoc: the next byte begins a content line */
    uint32_t indent;   /* heredoc: columns stripped from each line */
    uint32_t braces;   /* code inside #{ }: unbalanced { seen */
    uint32_t line, col; /* where the string or interpolation began */
    size_t begin_tok;  /* index of the STR_BEGIN token */
} LexMode;

typedef struct Lexer {
    const char *src;
    size_t len, pos;
    uint32_t line;
    size_t line_start; /* offset of the current line's first byte */
    bool space;        /* whitespace since the last token */
    AstArena *arena;
    TokVec *out;
    ParseError *err;
    LexMode modes[LEX_MAX_NEST];
    int nmodes;
    char *buf; /* scratch for decoded string parts */
    size_t buflen, bufcap;
} Lexer;

static inline uint32_t col_of(const Lexer *L, size_t pos)
{
    return (uint32_t)(pos - L->line_start + 1);
}
static inline int peek(const Lexer *L, size_t ahead)
{
    return L->pos + ahead < L->len ? (unsigned char)L->src[L->pos + ahead] : -1;
}
static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool is_lower(int c) { return (c >= 'a' && c <= 'z') || c == '_'; }
static inline bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline bool is_ident(int c) { return is_lower(c) || is_upper(c) || is_digit(c) || c >= 0x80; }
static inline bool is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c < 0; }
static inline int hex_val(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
#define LEX_FAIL(L, pos, inc, ...) \
    lex_error((L)->err, (L)->src, (L)->len, (L)->line, col_of((L), (pos)), (inc), __VA_ARGS__)

/* Shared helpers (lex.c). Each returns 0 / a token, or records an error
 * and returns its code / NULL. */
int lex_oom(Lexer *L);
Tok *lex_emit(Lexer *L, TokKind kind, uint32_t line, uint32_t col);
int lex_set_text(Lexer *L, Tok *t, const char *s, size_t n);
int lex_buf_put(Lexer *L, const char *s, size_t n);
int lex_buf_utf8(Lexer *L, uint32_t cp);
/* Decodes one UTF-8 sequence at s[0..n); its length, or 0 if invalid. */
size_t lex_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Length of the name at pos (with a trailing ? or !); *bad on bad UTF-8. */
size_t lex_ident_len(const Lexer *L, size_t pos, bool *bad);

/* Strings (lex_str.c). lex_str_chunk lexes string content up to the end
 * or the next #{; the others start a token at L->pos. */
int lex_str_chunk(Lexer *L);
int lex_str_sigil(Lexer *L);
int lex_str_quote(Lexer *L, TokStr kind, size_t skip);
int lex_str_atom(Lexer *L);
int lex_str_char(Lexer *L);

#endif
