/* lex.c — the tokenizer for mote's Elixir.
 *
 * One pass over the source with an explicit stack of modes instead of
 * recursion: code, or the inside of a string/charlist/quoted atom/sigil.
 * "#{" in a string pushes a code mode; the "}" that balances it pops back.
 * The stack is bounded (LEX_MAX_NEST), so no input can exhaust the C stack.
 * Newlines become TOK_EOL, collapsed, and an EOL right before a binary
 * operator is dropped, as Elixir does, so that a line may begin with |>.
 */
#include "lex_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "mote.h"

/* ---- errors ------------------------------------------------------------- */

int lex_error(ParseError *err, const char *src, size_t len, uint32_t line, uint32_t col,
              bool incomplete, const char *fmt, ...)
{
    if (!err)
        return MOTE_ESYNTAX;
    if (err->code)
        return err->code; /* keep the first error */
    err->code = MOTE_ESYNTAX;
    err->line = line;
    err->col = col;
    err->incomplete = incomplete;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    size_t p = line == 1 && len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3) ? 3 : 0;
    for (uint32_t l = 1; l < line && p < len; p++)
        if (src[p] == '\n')
            l++;
    /* Columns count code points, as Elixir's do; col arrives in bytes. */
    uint32_t cps = 1;
    for (size_t i = 0; i + 1 < col && p + i < len && src[p + i] != '\n'; i++)
        if (((unsigned char)src[p + i] & 0xC0) != 0x80)
            cps++;
    err->col = cps;
    size_t n = 0;
    while (p + n < len && src[p + n] != '\n' && src[p + n] != '\r' && n + 1 < sizeof(err->text))
        n++;
    memcpy(err->text, src + p, n);
    err->text[n] = '\0';
    return err->code;
}


int lex_oom(Lexer *L)
{
    if (!L->err->code) {
        L->err->code = MOTE_ENOMEM;
        snprintf(L->err->msg, sizeof(L->err->msg), "out of memory while reading source");
    }
    return L->err->code;
}

/* ---- output ------------------------------------------------------------- */

Tok *lex_emit(Lexer *L, TokKind kind, uint32_t line, uint32_t col)
{
    TokVec *v = L->out;
    if (v->n >= LEX_MAX_TOKENS) {
        if (!L->err->code) {
            L->err->code = MOTE_ELIMIT;
            L->err->line = line;
            L->err->col = col;
            snprintf(L->err->msg, sizeof(L->err->msg), "source has too many tokens (limit %u)",
                     LEX_MAX_TOKENS);
        }
        return NULL;
    }
    if (v->n == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 256;
        Tok *t = mem_realloc(MEM_CODE, v->toks, v->cap * sizeof(Tok), ncap * sizeof(Tok));
        if (!t)
            return NULL;
        v->toks = t;
        v->cap = ncap;
    }
    Tok *t = &v->toks[v->n++];
    memset(t, 0, sizeof(*t));
    t->kind = (uint8_t)kind;
    t->line = line;
    t->col = col;
    if (L->space)
        t->flags |= TOKF_SPACE_BEFORE;
    L->space = false;
    return t;
}

int lex_set_text(Lexer *L, Tok *t, const char *s, size_t n)
{
    char *d = ast_strdup(L->arena, s, n);
    if (!d)
        return lex_oom(L);
    t->v.text.s = d;
    t->v.text.len = (uint32_t)n;
    return 0;
}

int lex_buf_put(Lexer *L, const char *s, size_t n)
{
    if (L->buflen + n > L->bufcap) {
        size_t ncap = L->bufcap ? L->bufcap : 256;
        while (ncap < L->buflen + n)
            ncap *= 2;
        char *b = mem_realloc(MEM_CODE, L->buf, L->bufcap, ncap);
        if (!b)
            return lex_oom(L);
        L->buf = b;
        L->bufcap = ncap;
    }
    memcpy(L->buf + L->buflen, s, n);
    L->buflen += n;
    return 0;
}

int lex_buf_utf8(Lexer *L, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return lex_buf_put(L, b, n);
}

/* ---- character helpers ---------------------------------------------------- */



/* Decodes one UTF-8 sequence at s[0..n); returns its length, 0 if invalid. */
size_t lex_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t need = s[0] >= 0xF0 && s[0] < 0xF5 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (need == 0 || (need == 3 && s[0] >= 0xF0) || need > n)
        return 0;
    uint32_t v = s[0] & (0x7F >> need);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if ((need == 3 && v < 0x800) || (need == 4 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    *cp = v;
    return need;
}

/* ---- operators ---------------------------------------------------------- */

typedef struct OpSpell {
    const char *text;
    uint8_t op;
} OpSpell;

/* Longest spellings first, so the first match is the longest. */
static const OpSpell op_spells[] = {
    {"===", OP_SEQ}, {"!==", OP_SNE}, {"<<<", OP_SHL3}, {">>>", OP_SHR3},
    {"|||", OP_BOR3}, {"&&&", OP_BAND3}, {"^^^", OP_BXOR3}, {"~~~", OP_BNOT3},
    {"<~>", OP_LTTGT}, {"<|>", OP_LTBGT}, {"...", OP_ELLIPSIS}, {"+++", OP_PLUS3},
    {"---", OP_MINUS3}, {"<<~", OP_LLT}, {"~>>", OP_TGG},
    {"==", OP_EQ}, {"!=", OP_NE}, {"<=", OP_LE}, {">=", OP_GE}, {"&&", OP_AAND},
    {"||", OP_OOR}, {"<>", OP_CONCAT}, {"++", OP_PLUSPLUS}, {"--", OP_MINUSMINUS},
    {"|>", OP_PIPE}, {"=~", OP_MATCHRE}, {"->", OP_ARROW}, {"<-", OP_LARROW},
    {"::", OP_TYPE}, {"..", OP_RANGE}, {"//", OP_STEP}, {"=>", OP_ASSOC},
    {"\\\\", OP_DEFAULT}, {"**", OP_POW}, {"~>", OP_TGT}, {"<~", OP_LTT},
    {"=", OP_MATCH}, {"+", OP_ADD}, {"-", OP_SUB}, {"*", OP_MUL}, {"/", OP_DIV},
    {"<", OP_LT}, {">", OP_GT}, {"!", OP_BANG}, {"^", OP_PIN}, {"&", OP_CAPTURE},
    {"|", OP_BAR}, {"@", OP_AT}, {".", OP_DOT},
};

/* Operators that may begin an expression keep the newline before them:
 * a line starting with -1 or !x is a new expression, not a continuation. */
static bool op_keeps_eol(uint8_t op)
{
    return op == OP_ADD || op == OP_SUB || op == OP_BANG || op == OP_PIN || op == OP_NOT ||
           op == OP_BNOT3 || op == OP_CAPTURE || op == OP_AT || op == OP_ELLIPSIS;
}

static void drop_eols(Lexer *L)
{
    while (L->out->n && L->out->toks[L->out->n - 1].kind == TOK_EOL)
        L->out->n--;
}

static int emit_op(Lexer *L, uint8_t op, size_t start, size_t oplen)
{
    if (!op_keeps_eol(op)) {
        bool had = L->space;
        drop_eols(L);
        L->space = had || L->out->n == 0;
    }
    Tok *t = lex_emit(L, TOK_OP, L->line, col_of(L, start));
    if (!t)
        return lex_oom(L);
    t->op = op;
    L->pos = start + oplen;
    if (is_space(peek(L, 0)) || peek(L, 0) == '#')
        t->flags |= TOKF_SPACE_AFTER;
    return 0;
}

/* ---- numbers ------------------------------------------------------------ */

/* Collects digits valid in base (with _ separators) into L->buf. */
static int scan_digits(Lexer *L, int base)
{
    while (L->pos < L->len) {
        int c = peek(L, 0);
        int d = hex_val(c);
        if (c == '_' && L->buflen && hex_val(peek(L, 1)) >= 0 && hex_val(peek(L, 1)) < base) {
            L->pos++;
            continue;
        }
        if (d < 0 || d >= base)
            break;
        if (lex_buf_put(L, (const char *)&L->src[L->pos], 1))
            return MOTE_ENOMEM;
        L->pos++;
    }
    return 0;
}

static int emit_integer(Lexer *L, int base, uint32_t col)
{
    uint64_t v = 0;
    bool big = false;
    for (size_t i = 0; i < L->buflen && !big; i++) {
        uint64_t d = (uint64_t)hex_val((unsigned char)L->buf[i]);
        if (v > (UINT64_MAX - d) / (uint64_t)base)
            big = true;
        else
            v = v * (uint64_t)base + d;
    }
    if (v > (uint64_t)INT64_MAX)
        big = true;
    Tok *t = lex_emit(L, big ? TOK_BIGINT : TOK_INT, L->line, col);
    if (!t)
        return lex_oom(L);
    if (!big) {
        t->v.i = (int64_t)v;
        return 0;
    }
    t->op = (uint8_t)base;
    return lex_set_text(L, t, L->buf, L->buflen);
}

static int lex_number(Lexer *L)
{
    size_t start = L->pos;
    uint32_t col = col_of(L, start);
    L->buflen = 0;
    int c1 = peek(L, 1);
    int base = c1 == 'x' ? 16 : c1 == 'o' ? 8 : c1 == 'b' ? 2 : 10;
    if (peek(L, 0) == '0' && base != 10) {
        int d = hex_val(peek(L, 2));
        if (d >= 0 && d < base) {
            L->pos += 2;
            if (scan_digits(L, base))
                return MOTE_ENOMEM;
            return emit_integer(L, base, col);
        }
    }
    if (scan_digits(L, 10))
        return MOTE_ENOMEM;
    if (!(peek(L, 0) == '.' && is_digit(peek(L, 1))))
        return emit_integer(L, 10, col);
    /* A float: digits '.' digits [eE [+-] digits]. */
    if (lex_buf_put(L, ".", 1))
        return MOTE_ENOMEM;
    L->pos++;
    if (scan_digits(L, 10))
        return MOTE_ENOMEM;
    if (peek(L, 0) == 'e' || peek(L, 0) == 'E') {
        int sign = peek(L, 1);
        size_t skip = (sign == '-' || sign == '+') ? 2 : 1;
        if (is_digit(peek(L, skip))) {
            if (lex_buf_put(L, "e", 1) || (skip == 2 && lex_buf_put(L, sign == '-' ? "-" : "+", 1)))
                return MOTE_ENOMEM;
            L->pos += skip;
            if (scan_digits(L, 10))
                return MOTE_ENOMEM;
        }
    }
    if (lex_buf_put(L, "", 1))
        return MOTE_ENOMEM;
    Tok *t = lex_emit(L, TOK_FLOAT, L->line, col);
    if (!t)
        return lex_oom(L);
    t->v.f = strtod(L->buf, NULL);
    return 0;
}

/* ---- identifiers, atoms, keywords ------------------------------------------ */

/* Length of the identifier at pos (with a trailing ? or !), or 0 when a
 * byte >= 0x80 in it is not valid UTF-8. */
size_t lex_ident_len(const Lexer *L, size_t pos, bool *bad)
{
    size_t p = pos;
    *bad = false;
    while (p < L->len && is_ident((unsigned char)L->src[p])) {
        if ((unsigned char)L->src[p] >= 0x80) {
            uint32_t cp;
            size_t n = lex_utf8_decode((const unsigned char *)L->src + p, L->len - p, &cp);
            if (!n) {
                *bad = true;
                return p - pos;
            }
            p += n;
        } else {
            p++;
        }
    }
    /* foo? and bar! are names, but in a!=b the ! belongs to the operator. */
    if (p < L->len && (L->src[p] == '?' || L->src[p] == '!') &&
        !(p + 1 < L->len && L->src[p + 1] == '='))
        p++;
    return p - pos;
}

typedef struct Reserved {
    const char *word;
    uint8_t kind;
    uint8_t op;
} Reserved;

static const Reserved reserved[] = {
    {"do", TOK_DO, 0},         {"end", TOK_END, 0},       {"fn", TOK_FN, 0},
    {"true", TOK_ATOM, 0},     {"false", TOK_ATOM, 0},    {"nil", TOK_ATOM, 0},
    {"when", TOK_OP, OP_WHEN}, {"and", TOK_OP, OP_AND},   {"or", TOK_OP, OP_OR},
    {"not", TOK_OP, OP_NOT},   {"in", TOK_OP, OP_IN},     {"else", TOK_BLOCK, 0},
    {"rescue", TOK_BLOCK, 0},  {"catch", TOK_BLOCK, 0},   {"after", TOK_BLOCK, 0},
};

static const Reserved *find_reserved(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
        if (strlen(reserved[i].word) == n && !memcmp(reserved[i].word, s, n))
            return &reserved[i];
    return NULL;
}

/* "not" followed by spaces and "in" is the single operator "not in". */
static size_t not_in_len(const Lexer *L, size_t after_not)
{
    size_t p = after_not;
    while (p < L->len && (L->src[p] == ' ' || L->src[p] == '\t'))
        p++;
    if (p == after_not || p + 2 > L->len || memcmp(L->src + p, "in", 2))
        return 0;
    if (p + 2 < L->len && is_ident((unsigned char)L->src[p + 2]))
        return 0;
    return p + 2 - after_not;
}

static int emit_word(Lexer *L, TokKind kind, size_t start, size_t n)
{
    Tok *t = lex_emit(L, kind, L->line, col_of(L, start));
    if (!t)
        return lex_oom(L);
    L->pos = start + n;
    return lex_set_text(L, t, L->src + start, n);
}

static int lex_word(Lexer *L)
{
    size_t start = L->pos;
    bool bad;
    size_t n = lex_ident_len(L, start, &bad);
    if (bad)
        return LEX_FAIL(L, start + n, false, "invalid UTF-8 in identifier");
    const char *s = L->src + start;
    /* "name: " is a keyword key, whatever the name. */
    if (start + n < L->len && s[n] == ':' && (start + n + 1 >= L->len || is_space(peek(L, n + 1)))) {
        int rc = emit_word(L, TOK_KW, start, n);
        L->pos++;
        return rc;
    }
    if (start + n + 1 < L->len && s[n] == ':' && s[n + 1] != ':')
        return LEX_FAIL(L, start, false, "keyword argument must be followed by space after: %.*s:",
                        (int)n, s);
    if (is_upper((unsigned char)s[0]))
        return emit_word(L, TOK_ALIAS, start, n);
    const Reserved *r = find_reserved(s, n);
    if (!r)
        return emit_word(L, TOK_IDENT, start, n);
    if (r->kind == TOK_OP) {
        size_t ni = r->op == OP_NOT ? not_in_len(L, start + n) : 0;
        return emit_op(L, ni ? OP_NOTIN : r->op, start, n + ni);
    }
    if (r->kind == TOK_DO)
        drop_eols(L);
    return emit_word(L, (TokKind)r->kind, start, n);
}

/* ---- code mode ------------------------------------------------------------ */

static int lex_punct(Lexer *L, int c)
{
    static const char chars[] = "()[]{},;%";
    static const uint8_t kinds[] = {TOK_LPAREN, TOK_RPAREN, TOK_LBRACK, TOK_RBRACK, TOK_LBRACE,
                                    TOK_RBRACE, TOK_COMMA, TOK_SEMI, TOK_PERCENT};
    const char *p = strchr(chars, c);
    size_t start = L->pos;
    if (c == '<' && peek(L, 1) == '<' && peek(L, 2) != '<' && peek(L, 2) != '~') {
        L->pos += 2;
        return lex_emit(L, TOK_LBITS, L->line, col_of(L, start)) ? 0 : lex_oom(L);
    }
    if (c == '>' && peek(L, 1) == '>' && peek(L, 2) != '>') {
        drop_eols(L);
        L->pos += 2;
        return lex_emit(L, TOK_RBITS, L->line, col_of(L, start)) ? 0 : lex_oom(L);
    }
    if (!p || !c)
        return 1;
    LexMode *m = &L->modes[L->nmodes - 1];
    if (L->nmodes > 1 && c == '{')
        m->braces++;
    L->pos++;
    return lex_emit(L, (TokKind)kinds[p - chars], L->line, col_of(L, start)) ? 0 : lex_oom(L);
}

static int lex_op(Lexer *L)
{
    for (size_t i = 0; i < sizeof(op_spells) / sizeof(op_spells[0]); i++) {
        size_t n = strlen(op_spells[i].text);
        if (L->pos + n <= L->len && !memcmp(L->src + L->pos, op_spells[i].text, n))
            return emit_op(L, op_spells[i].op, L->pos, n);
    }
    unsigned char c = (unsigned char)L->src[L->pos];
    if (c >= 0x20 && c < 0x7f)
        return LEX_FAIL(L, L->pos, false, "unexpected token: \"%c\"", c);
    return LEX_FAIL(L, L->pos, false, "unexpected byte 0x%02X", c);
}

/* Skips blanks, comments and line continuations; 0 or an error code. */
static int skip_blank(Lexer *L)
{
    while (L->pos < L->len) {
        int c = peek(L, 0);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
            L->pos++;
        } else if (c == '\\' && (peek(L, 1) == '\n' || peek(L, 1) < 0)) {
            /* A backslash at the end of a line continues it; at the very
             * end of the input it asks for more (the REPL reads on). */
            if (peek(L, 1) < 0 || L->pos + 2 == L->len)
                return LEX_FAIL(L, L->pos, true, "line continuation at end of input");
            L->pos += 2;
            L->line++;
            L->line_start = L->pos;
        } else if (c == '#') {
            const char *nl = memchr(L->src + L->pos, '\n', L->len - L->pos);
            L->pos = nl ? (size_t)(nl - L->src) : L->len;
        } else {
            return 0;
        }
        L->space = true;
    }
    return 0;
}

static int lex_newline(Lexer *L)
{
    size_t start = L->pos;
    L->pos++;
    TokVec *v = L->out;
    bool skip = v->n == 0 || v->toks[v->n - 1].kind == TOK_EOL;
    if (!skip && !lex_emit(L, TOK_EOL, L->line, col_of(L, start)))
        return lex_oom(L);
    L->line++;
    L->line_start = L->pos;
    L->space = true;
    return 0;
}

static int close_interp(Lexer *L)
{
    size_t start = L->pos;
    L->pos++;
    L->nmodes--;
    L->space = false;
    return lex_emit(L, TOK_INTERP_END, L->line, col_of(L, start)) ? 0 : lex_oom(L);
}

static int lex_code(Lexer *L)
{
    if (skip_blank(L))
        return L->err->code;
    LexMode *m = &L->modes[L->nmodes - 1];
    if (L->pos >= L->len) {
        if (L->nmodes > 1)
            return lex_error(L->err, L->src, L->len, m->line, m->col, true,
                             "missing interpolation terminator: \"}\" (for interpolation "
                             "starting at line %u)", m->line);
        return lex_emit(L, TOK_EOF, L->line, col_of(L, L->pos)) ? 1 : lex_oom(L);
    }
    int c = peek(L, 0);
    if (c == '\n')
        return lex_newline(L);
    if (c == '}' && L->nmodes > 1 && m->braces == 0)
        return close_interp(L);
    if (c == '}' && L->nmodes > 1)
        m->braces--;
    if (is_digit(c))
        return lex_number(L);
    if (is_lower(c) || is_upper(c) || c >= 0x80)
        return lex_word(L);
    if (c == '"' || c == '\'')
        return lex_str_quote(L, c == '"' ? STR_BIN : STR_LIST, 0);
    if (c == ':' && peek(L, 1) != ':')
        return lex_str_atom(L);
    if (c == '?')
        return lex_str_char(L);
    if (c == '~' && ((peek(L, 1) >= 'a' && peek(L, 1) <= 'z') || is_upper(peek(L, 1))))
        return lex_str_sigil(L);
    if (c == '&' && is_digit(peek(L, 1))) {
        size_t start = L->pos++;
        L->buflen = 0;
        if (scan_digits(L, 10))
            return MOTE_ENOMEM;
        Tok *t = lex_emit(L, TOK_CAPTURE_INT, L->line, col_of(L, start));
        if (!t)
            return lex_oom(L);
        int64_t v = 0;
        for (size_t i = 0; i < L->buflen && v < 1000000000; i++)
            v = v * 10 + (L->buf[i] - '0');
        t->v.i = v; /* absurd &N values stay absurd, for the compiler to refuse */
        return 0;
    }
    int rc = lex_punct(L, c);
    if (rc <= 0)
        return rc;
    return lex_op(L);
}

int lex_source(AstArena *arena, const char *src, size_t len, TokVec *out, ParseError *err)
{
    out->toks = NULL;
    out->n = out->cap = 0;
    if (len > LEX_MAX_SOURCE) {
        err->code = MOTE_ELIMIT;
        err->line = err->col = 1;
        snprintf(err->msg, sizeof(err->msg), "source too large (%zu bytes, limit %u)", len,
                 LEX_MAX_SOURCE);
        return MOTE_ELIMIT;
    }
    Lexer L = {.src = src, .len = len, .line = 1, .space = true, .arena = arena, .out = out,
               .err = err, .nmodes = 1};
    L.modes[0].kind = MODE_CODE;
    /* A UTF-8 byte order mark is not part of the program. */
    if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3))
        L.pos = L.line_start = 3;
    int rc = 0;
    while (rc == 0) {
        if (L.modes[L.nmodes - 1].kind == MODE_STR)
            rc = lex_str_chunk(&L);
        else
            rc = lex_code(&L);
        if (rc == 0 && L.out->n && (L.out->toks[L.out->n - 1].kind == TOK_EOF))
            break;
    }
    mem_free(MEM_CODE, L.buf, L.bufcap);
    return err->code ? err->code : rc < 0 ? rc : 0;
}

void lex_free(TokVec *v)
{
    mem_free(MEM_CODE, v->toks, v->cap * sizeof(Tok));
    v->toks = NULL;
    v->n = v->cap = 0;
}

const char *lex_kind_name(TokKind k)
{
    static const char *names[TOK_KINDS] = {
        "eof", "eol", ";", ",", "int", "bigint", "float", "atom", "identifier", "alias",
        "keyword", "operator", "(", ")", "[", "]", "{", "}", "<<", ">>", "%", "&N",
        "do", "end", "fn", "block", "string", "string part", "#{", "}", "string end",
    };
    return (unsigned)k < TOK_KINDS ? names[k] : "?";
}

void lex_describe(const Tok *t, char *buf, size_t cap)
{
    switch (t->kind) {
    case TOK_INT: snprintf(buf, cap, "%lld", (long long)t->v.i); break;
    case TOK_FLOAT: snprintf(buf, cap, "%g", t->v.f); break;
    case TOK_BIGINT:
    case TOK_IDENT:
    case TOK_ALIAS: snprintf(buf, cap, "%s", t->v.text.s); break;
    case TOK_ATOM: snprintf(buf, cap, ":%s", t->v.text.s); break;
    case TOK_KW: snprintf(buf, cap, "%s:", t->v.text.s); break;
    case TOK_BLOCK: snprintf(buf, cap, "%s", t->v.text.s); break;
    case TOK_OP:
        /* Word operators read as words: "before: when", "before: '+'". */
        if (t->op == OP_WHEN || t->op == OP_AND || t->op == OP_OR || t->op == OP_NOT ||
            t->op == OP_IN || t->op == OP_NOTIN)
            snprintf(buf, cap, "%s", ast_op_text((AstOp)t->op));
        else
            snprintf(buf, cap, "'%s'", ast_op_text((AstOp)t->op));
        break;
    case TOK_EOL: snprintf(buf, cap, "newline"); break;
    case TOK_EOF: snprintf(buf, cap, "end of input"); break;
    case TOK_STR_BEGIN: snprintf(buf, cap, "%s", t->op == STR_LIST ? "'" : "\""); break;
    case TOK_CAPTURE_INT: snprintf(buf, cap, "&%lld", (long long)t->v.i); break;
    default: snprintf(buf, cap, "'%s'", lex_kind_name((TokKind)t->kind)); break;
    }
}
