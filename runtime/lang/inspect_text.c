/* inspect_text.c — the text-level rules of inspect: which strings are
 * printable, how they are escaped, how atoms are written, and the #PID<>,
 * #Reference<> and &Mod.fun/1 forms.
 *
 * The rules follow Elixir 1.14: String.printable?/2, Code.Identifier's
 * escape/classify and Macro.inspect_atom/2. An atom prints bare when it
 * reads back as the same atom (:foo, :foo?, :Foo, :+, :nonode@nohost),
 * as an alias when it is one (Elixir.Foo.Bar -> Foo.Bar), and quoted
 * otherwise (:"foo bar", :"::").
 */
#include <string.h>

#include "atom.h"
#include "inspect.h"

/* Decodes one UTF-8 character at s[0..len); returns its length, or 0 when
 * the bytes are not a valid encoding (overlong, surrogate, > U+10FFFF). */
static size_t utf8_next(const unsigned char *s, size_t len, unsigned *cp)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2, min = 0x80, c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, min = 0x800, c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* The control characters Elixir writes with a letter escape, and which
 * count as printable in strings and charlists. */
static char letter_escape(unsigned c)
{
    switch (c) {
    case '\a': return 'a';
    case '\b': return 'b';
    case 0x7F: return 'd';
    case 0x1B: return 'e';
    case '\f': return 'f';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    case '\v': return 'v';
    default: return 0;
    }
}

static bool printable_cp(unsigned c)
{
    return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF) || letter_escape(c) != 0;
}

bool inspect_is_printable(const unsigned char *s, size_t len)
{
    return inspect_is_printable_limited(s, len, -1);
}

bool inspect_is_printable_limited(const unsigned char *s, size_t len, long limit)
{
    size_t i = 0;
    for (; i < len && limit != 0; limit--) {
        unsigned c;
        size_t n = utf8_next(s + i, len - i, &c);
        if (n == 0 || !printable_cp(c))
            return false;
        i += n;
    }
    return true;
}

static const char hexdig[] = "0123456789ABCDEF";

/* One character, escaped as Code.Identifier.escape_char/1 would. */
static void escape_cp(unsigned c, Strbuf *out)
{
    char esc = letter_escape(c);
    if (c == '\\') {
        strbuf_puts(out, "\\\\");
    } else if (esc) {
        char e[2] = {'\\', esc};
        strbuf_put(out, e, 2);
    } else if (c == 0) {
        strbuf_puts(out, "\\0");
    } else if (c == 0xFEFF) {
        strbuf_puts(out, "\\uFEFF");
    } else if (printable_cp(c)) {
        /* Re-encode: the caller validated the bytes, so this is exact. */
        unsigned char b[4];
        size_t n;
        if (c < 0x80) {
            b[0] = (unsigned char)c, n = 1;
        } else if (c < 0x800) {
            b[0] = (unsigned char)(0xC0 | (c >> 6)), b[1] = (unsigned char)(0x80 | (c & 0x3F)), n = 2;
        } else if (c < 0x10000) {
            b[0] = (unsigned char)(0xE0 | (c >> 12));
            b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            b[2] = (unsigned char)(0x80 | (c & 0x3F)), n = 3;
        } else {
            b[0] = (unsigned char)(0xF0 | (c >> 18));
            b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            b[3] = (unsigned char)(0x80 | (c & 0x3F)), n = 4;
        }
        strbuf_put(out, b, n);
    } else if (c < 0x100) {
        char e[4] = {'\\', 'x', hexdig[c >> 4], hexdig[c & 15]};
        strbuf_put(out, e, 4);
    } else if (c < 0x10000) {
        strbuf_printf(out, "\\u%04X", c);
    } else {
        strbuf_printf(out, "\\u{%X}", c);
    }
}

size_t inspect_escape_limited(const unsigned char *s, size_t len, char quote, long limit,
                              Strbuf *out)
{
    size_t i = 0;
    for (; i < len && limit != 0; limit--) {
        unsigned c;
        size_t n = utf8_next(s + i, len - i, &c);
        if (s[i] == (unsigned char)quote) {
            char e[2] = {'\\', quote};
            strbuf_put(out, e, 2);
            n = 1;
        } else if (s[i] == '#' && i + 1 < len && s[i + 1] == '{') {
            strbuf_puts(out, "\\#{");
            n = 2;
        } else if (n == 0) {
            /* Not UTF-8: the byte itself, in hex. */
            char e[4] = {'\\', 'x', hexdig[s[i] >> 4], hexdig[s[i] & 15]};
            strbuf_put(out, e, 4);
            n = 1;
        } else {
            escape_cp(c, out);
        }
        i += n;
    }
    return i;
}

void inspect_escape(const unsigned char *s, size_t len, char quote, Strbuf *out)
{
    inspect_escape_limited(s, len, quote, -1, out);
}

/* ---- atoms ----------------------------------------------------------- */

typedef enum AtomClass {
    AC_ALIAS,         /* Elixir.Foo.Bar                                */
    AC_IDENT,         /* foo, foo_bar?, _x                             */
    AC_OPERATOR,      /* +, <>, |>, when, not                          */
    AC_QUOTED_OP,     /* ::                                            */
    AC_NOT_CALLABLE,  /* Foo, foo@bar, %, {}, ..                       */
    AC_OTHER,         /* everything that needs quotes                  */
} AtomClass;

static const char *const not_callable[] = {"%", "%{}", "{}", "<<>>", "...", "..", ".", "..//", "->"};
static const char *const operators[] = {
    "&", "!", "^", "not", "+", "-", "~~~", "@", "<-", "\\\\", "when", "|", "=", "||", "|||",
    "or", "&&", "&&&", "and", "==", "!=", "=~", "===", "!==", "<", "<=", ">=", ">", "|>",
    "<<<", ">>>", "<~", "~>", "<<~", "~>>", "<~>", "<|>", "in", "^^^", "++", "--", "<>",
    "+++", "---", "*", "/", "**",
};

static bool in_set(const char *s, size_t len, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(set[i]) == len && memcmp(set[i], s, len) == 0)
            return true;
    return false;
}

static bool is_upper(unsigned c) { return c >= 'A' && c <= 'Z'; }
static bool is_word(unsigned c)
{
    return (c >= 'a' && c <= 'z') || is_upper(c) || (c >= '0' && c <= '9') || c == '_';
}

/* "Elixir" followed by any number of ".Segment" with an upper-case ASCII
 * first letter. */
static bool is_alias(const char *s, size_t len)
{
    if (len < 6 || memcmp(s, "Elixir", 6) != 0)
        return false;
    size_t i = 6;
    while (i < len) {
        if (s[i] != '.' || i + 1 >= len || !is_upper((unsigned char)s[i + 1]))
            return false;
        i += 2;
        while (i < len && is_word((unsigned char)s[i]))
            i++;
    }
    return true;
}

/* Non-ASCII characters that may appear in identifiers. Elixir asks the
 * Unicode tables (UAX #31); we accept letters by block and refuse the
 * punctuation and symbol blocks, which is right for the text people use. */
static bool unicode_word(unsigned c)
{
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return c == 0xAA || c == 0xB5 || c == 0xBA;
    if (c >= 0x2000 && c <= 0x2BFF)
        return false; /* punctuation, arrows, math, box drawing */
    if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFE00 && c <= 0xFE6F) || c >= 0x1F000)
        return false;
    return true;
}

/* Elixir's identifier tokenizer, as inner_classify reads its answer. */
static AtomClass tokenize(const unsigned char *s, size_t len)
{
    unsigned c;
    size_t n = len ? utf8_next(s, len, &c) : 0;
    if (n == 0)
        return AC_OTHER;
    bool ident;
    if (is_upper(c))
        ident = false;
    else if ((c >= 'a' && c <= 'z') || c == '_')
        ident = true;
    else if (c >= 0x80 && unicode_word(c))
        ident = true;
    else
        return AC_OTHER;
    bool at = false;
    size_t i = n;
    while (i < len) {
        n = utf8_next(s + i, len - i, &c);
        if (n == 0)
            return AC_OTHER;
        if (c == '!' || c == '?') {
            i += n;
            break;
        }
        if (c == '@')
            at = true;
        else if (c < 0x80 ? !is_word(c) : !unicode_word(c))
            break;
        i += n;
    }
    if (i < len)
        return AC_OTHER;
    return (!ident || at) ? AC_NOT_CALLABLE : AC_IDENT;
}

static AtomClass classify(const char *s, size_t len)
{
    if (in_set(s, len, not_callable, sizeof not_callable / sizeof *not_callable))
        return AC_NOT_CALLABLE;
    if (len == 2 && memcmp(s, "::", 2) == 0)
        return AC_QUOTED_OP;
    if (in_set(s, len, operators, sizeof operators / sizeof *operators))
        return AC_OPERATOR;
    if (is_alias(s, len))
        return AC_ALIAS;
    return tokenize((const unsigned char *)s, len);
}

static void put_quoted(const char *s, size_t len, Strbuf *out)
{
    strbuf_putc(out, '"');
    inspect_escape((const unsigned char *)s, len, '"', out);
    strbuf_putc(out, '"');
}

void inspect_atom(Term atom, Strbuf *out)
{
    size_t len;
    const char *s = atom_text(atom, &len);
    if (!s) {
        strbuf_puts(out, ":\"\"");
        return;
    }
    if (atom == A(nil) || atom == A(true) || atom == A(false)) {
        strbuf_put(out, s, len);
        return;
    }
    switch (classify(s, len)) {
    case AC_ALIAS:
        /* "Elixir", "Elixir.Elixir" and "Elixir.Elixir.*" keep the prefix:
         * stripping it would name a different atom. */
        if (len == 6 || (len >= 13 && memcmp(s, "Elixir.Elixir", 13) == 0 &&
                         (len == 13 || s[13] == '.')))
            strbuf_put(out, s, len);
        else
            strbuf_put(out, s + 7, len - 7);
        return;
    case AC_QUOTED_OP:
    case AC_OTHER:
        strbuf_putc(out, ':');
        put_quoted(s, len, out);
        return;
    default:
        strbuf_putc(out, ':');
        strbuf_put(out, s, len);
        return;
    }
}

void inspect_atom_key(Term atom, Strbuf *out)
{
    size_t len;
    const char *s = atom_text(atom, &len);
    if (!s)
        s = "", len = 0;
    switch (classify(s, len)) {
    case AC_ALIAS:
    case AC_QUOTED_OP:
    case AC_OTHER:
        put_quoted(s, len, out);
        break;
    default:
        strbuf_put(out, s, len);
        break;
    }
    strbuf_putc(out, ':');
}

void inspect_atom_remote(Term atom, Strbuf *out)
{
    size_t len;
    const char *s = atom_text(atom, &len);
    if (!s)
        s = "", len = 0;
    switch (classify(s, len)) {
    case AC_IDENT:
    case AC_OPERATOR:
    case AC_QUOTED_OP:
        strbuf_put(out, s, len);
        break;
    default:
        put_quoted(s, len, out);
        break;
    }
}

/* ---- pids, references, functions ----------------------------------- */

static InspectFunFn fun_hook;
static InspectNodeFn node_hook;

void inspect_set_fun_hook(InspectFunFn fn) { fun_hook = fn; }
void inspect_set_node_hook(InspectNodeFn fn) { node_hook = fn; }

static unsigned node_number(Term node) { return node_hook ? node_hook(node) : 1; }

void inspect_pid_text(Term t, Strbuf *out)
{
    if (is_local_pid(t)) {
        strbuf_printf(out, "#PID<0.%llu.%llu>", (unsigned long long)pid_index(t),
                      (unsigned long long)pid_serial(t));
    } else {
        const Term *p = boxed_ptr(t);
        strbuf_printf(out, "#PID<%u.%llu.%llu>", node_number(p[1]), (unsigned long long)p[2],
                      (unsigned long long)p[3]);
    }
}

void inspect_ref_text(Term t, Strbuf *out)
{
    const Term *p = boxed_ptr(t);
    if (is_boxed_kind(t, HDR_REF)) {
        strbuf_printf(out, "#Reference<0.%u.%u.%u>", (unsigned)(p[2] & 0xFFFFFFFFu),
                      (unsigned)(p[1] >> 32), (unsigned)(p[1] & 0xFFFFFFFFu));
        return;
    }
    /* [node][creation][nwords][ids, two u32 per word]: printed highest id
     * first, as the BEAM does. */
    size_t room = hdr_arity(p[0]) > 3 ? (size_t)hdr_arity(p[0]) - 3 : 0;
    size_t nwords = (size_t)p[3] < room ? (size_t)p[3] : room;
    strbuf_printf(out, "#Reference<%u", node_number(p[1]));
    for (size_t i = 2 * nwords; i-- > 0;) {
        uint64_t w = p[4 + i / 2];
        strbuf_printf(out, ".%u", (unsigned)(i % 2 ? w >> 32 : w & 0xFFFFFFFFu));
    }
    strbuf_putc(out, '>');
}

void inspect_fun_text(Term t, Strbuf *out)
{
    const Term *p = boxed_ptr(t);
    if (is_boxed_kind(t, HDR_EXPORT)) {
        strbuf_putc(out, '&');
        inspect_atom(p[1], out);
        strbuf_putc(out, '.');
        inspect_atom_remote(p[2], out);
        strbuf_printf(out, "/%lld", (long long)(is_small(p[3]) ? small_val(p[3]) : 0));
    } else if (fun_hook) {
        fun_hook(t, out);
    } else {
        strbuf_puts(out, "#Function<>");
    }
}
