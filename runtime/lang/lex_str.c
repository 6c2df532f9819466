/* lex_str.c — inside strings: "..." '...' :"..." sigils and heredocs,
 * escapes, interpolation boundaries, and ?c char literals.
 *
 * A string is a mode on the lexer's stack; "#{" pushes a code mode and
 * returns to lex.c, and the matching "}" pops back here. Heredoc lines
 * lose the closing line's indentation as they are read.
 */
#include "lex_int.h"

#include <stdio.h>
#include <string.h>

#include "mote.h"

/* ---- strings ------------------------------------------------------------ */

static int push_mode(Lexer *L, const LexMode *m)
{
    if (L->nmodes >= LEX_MAX_NEST)
        return LEX_FAIL(L, L->pos, false, "strings and interpolations nested too deeply (limit %d)",
                        LEX_MAX_NEST);
    L->modes[L->nmodes++] = *m;
    return 0;
}

/* Finds the indentation of a heredoc's closing line, starting at the
 * first content line. Returns false when there is no closing line. */
static bool heredoc_indent(const Lexer *L, size_t p, char q, uint32_t *indent)
{
    while (p < L->len) {
        size_t ws = 0;
        while (p + ws < L->len && (L->src[p + ws] == ' ' || L->src[p + ws] == '\t'))
            ws++;
        size_t t = p + ws;
        if (t + 3 <= L->len && L->src[t] == q && L->src[t + 1] == q && L->src[t + 2] == q) {
            *indent = (uint32_t)ws;
            return true;
        }
        const char *nl = memchr(L->src + t, '\n', L->len - t);
        if (!nl)
            return false;
        p = (size_t)(nl - L->src) + 1;
    }
    return false;
}

static const char *str_what(const LexMode *m)
{
    if (m->heredoc)
        return "heredoc";
    if (m->sigil)
        return "sigil";
    return m->str == STR_LIST ? "charlist" : m->str == STR_ATOM ? "atom" : "string";
}

/* Opens a string whose delimiter starts at L->pos and is dlen bytes long. */
static int open_string(Lexer *L, LexMode m, size_t start, size_t dlen)
{
    Tok *t = lex_emit(L, TOK_STR_BEGIN, L->line, col_of(L, start));
    if (!t)
        return lex_oom(L);
    t->op = m.str;
    if (m.sigil && lex_set_text(L, t, &m.sigil, 1))
        return MOTE_ENOMEM;
    m.kind = MODE_STR;
    m.line = L->line;
    m.col = col_of(L, start);
    m.begin_tok = L->out->n - 1;
    L->pos = start + dlen;
    if (m.heredoc) {
        t->flags |= TOKF_HEREDOC;
        while (peek(L, 0) == ' ' || peek(L, 0) == '\t' || peek(L, 0) == '\r')
            L->pos++;
        if (peek(L, 0) != '\n') {
            if (L->pos >= L->len)
                return LEX_FAIL(L, start, true, "missing terminator: %c%c%c (for heredoc starting at line %u)",
                                m.close, m.close, m.close, m.line);
            return LEX_FAIL(L, L->pos, false, "heredoc allows only zero or more whitespace characters "
                            "followed by a new line after %c%c%c", m.close, m.close, m.close);
        }
        L->pos++;
        if (!heredoc_indent(L, L->pos, m.close, &m.indent))
            return LEX_FAIL(L, start, true, "missing terminator: %c%c%c (for heredoc starting at line %u)",
                            m.close, m.close, m.close, m.line);
        L->line++;
        L->line_start = L->pos;
        m.line_start = true;
    }
    return push_mode(L, &m);
}

static int flush_part(Lexer *L, uint32_t line, uint32_t col)
{
    if (L->buflen == 0)
        return 0;
    Tok *t = lex_emit(L, TOK_STR_PART, line, col);
    if (!t)
        return lex_oom(L);
    int rc = lex_set_text(L, t, L->buf, L->buflen);
    L->buflen = 0;
    return rc;
}

/* Decodes the escape at L->pos (a backslash) into the buffer. */
static int decode_escape(Lexer *L)
{
    int c = peek(L, 1);
    L->pos += 2;
    static const char simple[] = "n\nt\tr\ra\ab\bd\177e\033f\fs v\v";
    if (c < 0)
        return LEX_FAIL(L, L->pos - 2, true, "missing terminator after \\ escape");
    for (const char *p = simple; *p; p += 2)
        if (*p == c)
            return lex_buf_put(L, p + 1, 1);
    if (c == '0')
        return lex_buf_put(L, "", 1);
    if (c == '\n') {
        L->line++;
        L->line_start = L->pos;
        return 0;
    }
    if (c == 'x' || c == 'u') {
        uint32_t v = 0;
        int maxd = c == 'x' ? 2 : 4, nd = 0;
        bool braced = peek(L, 0) == '{';
        if (braced) {
            L->pos++;
            maxd = 6;
        }
        while (nd < maxd && hex_val(peek(L, 0)) >= 0) {
            v = v * 16 + (uint32_t)hex_val(peek(L, 0));
            L->pos++;
            nd++;
        }
        if (braced && peek(L, 0) == '}')
            L->pos++;
        else if (braced || nd == 0 || (c == 'u' && nd != 4))
            return LEX_FAIL(L, L->pos, false, "invalid \\%c escape sequence", c);
        if (c == 'x' && !braced) {
            char b = (char)v;
            return lex_buf_put(L, &b, 1);
        }
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return LEX_FAIL(L, L->pos, false, "invalid Unicode code point in \\u escape");
        return lex_buf_utf8(L, v);
    }
    char ch = (char)c;
    return lex_buf_put(L, &ch, 1);
}

static int read_modifiers(Lexer *L, Tok *end)
{
    size_t s = L->pos;
    while (L->pos < L->len && (is_ident(peek(L, 0)) && peek(L, 0) < 0x80 && peek(L, 0) != '_'))
        L->pos++;
    return lex_set_text(L, end, L->src + s, L->pos - s);
}

static int close_string(Lexer *L, LexMode *m, size_t at, size_t dlen)
{
    L->pos = at + dlen;
    Tok *t = lex_emit(L, TOK_STR_END, L->line, col_of(L, at));
    if (!t)
        return lex_oom(L);
    if (m->sigil && read_modifiers(L, t))
        return MOTE_ENOMEM;
    if (!m->sigil && !m->heredoc && m->str != STR_ATOM && peek(L, 0) == ':' && is_space(peek(L, 1))) {
        t->flags |= TOKF_KW;
        L->out->toks[m->begin_tok].flags |= TOKF_KW;
        L->pos++;
    }
    L->nmodes--;
    return 0;
}

/* Heredoc line start: either the closing line, or strip the indentation. */
static int heredoc_line(Lexer *L, LexMode *m, bool *closed)
{
    size_t ws = 0;
    while (L->pos + ws < L->len && (L->src[L->pos + ws] == ' ' || L->src[L->pos + ws] == '\t'))
        ws++;
    size_t t = L->pos + ws;
    m->line_start = false;
    if (t + 3 <= L->len && L->src[t] == m->close && L->src[t + 1] == m->close &&
        L->src[t + 2] == m->close) {
        *closed = true;
        return close_string(L, m, t, 3);
    }
    L->pos += ws < m->indent ? ws : m->indent;
    return 0;
}

/* Lexes string content up to its end or the next "#{". */
int lex_str_chunk(Lexer *L)
{
    LexMode *m = &L->modes[L->nmodes - 1];
    uint32_t pline = L->line, pcol = col_of(L, L->pos);
    L->buflen = 0;
    for (;;) {
        if (m->heredoc && m->line_start) {
            bool closed = false;
            if (flush_part(L, pline, pcol))
                return MOTE_ENOMEM;
            if (heredoc_line(L, m, &closed) || closed)
                return L->err->code;
            pline = L->line, pcol = col_of(L, L->pos);
        }
        if (L->pos >= L->len)
            break;
        int c = peek(L, 0);
        if (!m->heredoc && c == m->close) {
            if (flush_part(L, pline, pcol))
                return MOTE_ENOMEM;
            return close_string(L, m, L->pos, 1);
        }
        if (m->interp && c == '#' && peek(L, 1) == '{') {
            if (flush_part(L, pline, pcol) || !lex_emit(L, TOK_INTERP_BEGIN, L->line, col_of(L, L->pos)))
                return lex_oom(L);
            LexMode code = {.kind = MODE_CODE, .line = L->line, .col = col_of(L, L->pos)};
            L->pos += 2;
            return push_mode(L, &code);
        }
        int rc = 0;
        if (c == '\\' && m->escapes) {
            /* A backslash-newline joins the lines, but in a heredoc the
             * next line still loses its indentation and may close it. */
            if (peek(L, 1) == '\n')
                m->line_start = m->heredoc;
            rc = decode_escape(L);
        } else if (c == '\\' && L->pos + 1 < L->len && peek(L, 1) != '\n') {
            /* Raw: the pair is kept and is never a terminator, except that an
             * escaped closing delimiter loses its backslash, as in Elixir. */
            bool close = !m->heredoc && peek(L, 1) == m->close;
            rc = lex_buf_put(L, L->src + L->pos + close, close ? 1 : 2);
            L->pos += 2;
        } else {
            rc = lex_buf_put(L, L->src + L->pos, 1);
            L->pos++;
            if (c == '\n') {
                L->line++;
                L->line_start = L->pos;
                m->line_start = m->heredoc;
            }
        }
        if (rc)
            return rc;
    }
    char d[4] = {m->close, m->heredoc ? m->close : 0, m->close, 0};
    if (m->sigil)
        return lex_error(L->err, L->src, L->len, m->line, m->col, true,
                         "missing terminator: %s (for sigil ~%c starting at line %u)",
                         m->heredoc ? d : (char[]){m->close, 0}, m->sigil, m->line);
    return lex_error(L->err, L->src, L->len, m->line, m->col, true,
                     "missing terminator: %s (for %s starting at line %u)",
                     m->heredoc ? d : (char[]){m->close, 0}, str_what(m), m->line);
}

static char closing_of(char open)
{
    switch (open) {
    case '(': return ')';
    case '[': return ']';
    case '{': return '}';
    case '<': return '>';
    default: return open;
    }
}

int lex_str_sigil(Lexer *L)
{
    size_t start = L->pos;
    char letter = L->src[start + 1];
    int d = peek(L, 2);
    if (d <= 0 || !strchr("/|\"'([{<", d))
        return LEX_FAIL(L, start + 2, d < 0, "invalid sigil delimiter: %s",
                        d < 0 ? "end of input" : (char[]){(char)d, 0});
    bool lower = letter >= 'a' && letter <= 'z';
    LexMode m = {.str = STR_SIGIL, .sigil = letter, .interp = lower, .escapes = lower && letter != 'r'};
    bool here = (d == '"' || d == '\'') && peek(L, 3) == d && peek(L, 4) == d;
    m.heredoc = here;
    m.close = closing_of((char)d);
    return open_string(L, m, start, here ? 5 : 3);
}

int lex_str_quote(Lexer *L, TokStr kind, size_t skip)
{
    size_t start = L->pos;
    char q = L->src[start + skip];
    LexMode m = {.str = (uint8_t)kind, .close = q, .interp = true, .escapes = true};
    bool here = kind != STR_ATOM && peek(L, skip + 1) == q && peek(L, skip + 2) == q;
    m.heredoc = here;
    return open_string(L, m, start, skip + (here ? 3 : 1));
}

/* ---- atoms and char literals -------------------------------------------- */

int lex_str_atom(Lexer *L)
{
    size_t start = L->pos;
    int c = peek(L, 1);
    if (c == '"' || c == '\'')
        return lex_str_quote(L, STR_ATOM, 1);
    if (is_lower(c) || is_upper(c) || c >= 0x80) {
        bool bad;
        size_t n = lex_ident_len(L, start + 1, &bad);
        if (bad)
            return LEX_FAIL(L, start + 1 + n, false, "invalid UTF-8 in atom");
        /* Erlang-style node names such as :a@b are atoms too. */
        while (start + 1 + n < L->len && L->src[start + 1 + n] == '@') {
            size_t more = lex_ident_len(L, start + 2 + n, &bad);
            if (!more)
                break;
            n += 1 + more;
        }
        Tok *t = lex_emit(L, TOK_ATOM, L->line, col_of(L, start));
        if (!t)
            return lex_oom(L);
        L->pos = start + 1 + n;
        return lex_set_text(L, t, L->src + start + 1, n);
    }
    static const char *const op_atoms[] = {
        "<<>>", "%{}", "...", "{}", "===", "!==", "<<<", ">>>", "|||", "&&&", "^^^", "~~~",
        "..", "==", "!=", "<=", ">=", "&&", "||", "<>", "++", "--", "|>", "=~", "->", "<-",
        "**", "//", "\\\\", "[]", "%", "=", "+", "-", "*", "/", "<", ">", "!", "^", "&", "|",
        "@", ".",
    };
    for (size_t i = 0; i < sizeof(op_atoms) / sizeof(op_atoms[0]); i++) {
        size_t n = strlen(op_atoms[i]);
        if (start + 1 + n <= L->len && !memcmp(L->src + start + 1, op_atoms[i], n)) {
            Tok *t = lex_emit(L, TOK_ATOM, L->line, col_of(L, start));
            if (!t)
                return lex_oom(L);
            L->pos = start + 1 + n;
            return lex_set_text(L, t, op_atoms[i], n);
        }
    }
    return LEX_FAIL(L, start, c < 0, "unexpected token: \":\"");
}

int lex_str_char(Lexer *L)
{
    size_t start = L->pos;
    uint32_t col = col_of(L, start);
    if (L->pos + 1 >= L->len)
        return LEX_FAIL(L, start, true, "missing character after ?");
    int64_t v;
    if (peek(L, 1) == '\\') {
        L->pos++;
        L->buflen = 0;
        if (decode_escape(L))
            return L->err->code;
        uint32_t cp = 0;
        size_t n = lex_utf8_decode((const unsigned char *)L->buf, L->buflen, &cp);
        v = n ? cp : (L->buflen ? (unsigned char)L->buf[0] : 0);
        if (!L->buflen)
            v = '\n'; /* ?\<newline> */
    } else {
        uint32_t cp;
        size_t n = lex_utf8_decode((const unsigned char *)L->src + start + 1, L->len - start - 1, &cp);
        if (!n)
            return LEX_FAIL(L, start + 1, false, "invalid UTF-8 after ?");
        v = cp;
        L->pos = start + 1 + n;
        if (cp == '\n') {
            L->line++;
            L->line_start = L->pos;
        }
    }
    Tok *t = lex_emit(L, TOK_INT, L->line, col);
    if (!t)
        return lex_oom(L);
    t->v.i = v;
    return 0;
}
