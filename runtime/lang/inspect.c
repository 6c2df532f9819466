/* inspect.c — terms to documents by Elixir 1.14's Inspect protocol.
 *
 * Each kind of term becomes a document (doc.h) the way its Inspect
 * implementation builds one; collections go through container_end(), which
 * is Elixir's container_doc/6: items joined by "," and a break, a flex
 * layout (several per line, nest 1) when every item is plain text or the
 * container is a tuple, else one item per line between the brackets
 * (nest 2). The collection limit counts down across items and the
 * remaining count is what each nested item is printed with, so "..."
 * lands where Elixir puts it.
 *
 * Recursion follows the nesting of the data and stops at
 * INSPECT_MAX_DEPTH with "..."; list tails are walked in a loop.
 */
#include "inspect.h"

#include <stdio.h>
#include <string.h>

#include "atom.h"
#include "big.h"
#include "bin.h"
#include "map.h"
#include "mem.h"
#include "mote.h"
#include "utf8.h"

struct InspectCx {
    Docs docs;
    const InspectOpts *o;
    int depth;   /* nesting of terms being printed */
    Strbuf tmp;  /* scratch text, emptied by tmp_doc() */
};

enum { BRK_MAYBE, BRK_STRICT, BRK_FLEX };

/* A growing array of item documents for one container. */
typedef struct Seq {
    DocId *v;
    size_t n, cap;
    bool simple; /* every item is plain text so far (only for BRK_MAYBE) */
} Seq;

static struct {
    Term module;
    InspectStructFn fn;
} printers[INSPECT_MAX_STRUCT_PRINTERS];
static size_t nprinters;
static InspectFieldsFn fields_hook;

static DocId to_doc(InspectCx *cx, Term t, int limit);

int inspect_register_struct(Term module, InspectStructFn fn)
{
    for (size_t i = 0; i < nprinters; i++) {
        if (printers[i].module == module) {
            printers[i].fn = fn;
            return 0;
        }
    }
    if (!fn)
        return 0;
    if (nprinters == INSPECT_MAX_STRUCT_PRINTERS)
        return MOTE_ELIMIT;
    printers[nprinters].module = module;
    printers[nprinters].fn = fn;
    nprinters++;
    return 0;
}

void inspect_forget_structs(void) { nprinters = 0; }

void inspect_set_fields_hook(InspectFieldsFn fn) { fields_hook = fn; }

Docs *inspect_docs(InspectCx *cx) { return &cx->docs; }

/* ---- small helpers ---------------------------------------------------- */

static DocId tmp_doc(InspectCx *cx)
{
    if (cx->tmp.failed)
        cx->docs.failed = true;
    DocId d = doc_text(&cx->docs, strbuf_cstr(&cx->tmp), cx->tmp.len);
    strbuf_clear(&cx->tmp);
    return d;
}

static DocId text(InspectCx *cx, const char *s) { return doc_cstr(&cx->docs, s); }

static int next_limit(int limit) { return limit > 0 ? limit - 1 : limit; }

static void seq_add(InspectCx *cx, Seq *s, DocId d)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        DocId *p = s->v ? mem_realloc(MEM_SYSTEM, s->v, s->cap * sizeof *p, cap * sizeof *p)
                        : mem_alloc(MEM_SYSTEM, cap * sizeof *p);
        if (!p) {
            cx->docs.failed = true;
            return;
        }
        s->v = p;
        s->cap = cap;
    }
    s->v[s->n++] = d;
    s->simple = s->simple && doc_is_simple(&cx->docs, d);
}

static void seq_free(Seq *s)
{
    if (s->v)
        mem_free(MEM_SYSTEM, s->v, s->cap * sizeof *s->v);
}

/* Elixir's join/4: left followed by the separator, then a break. */
static DocId join(InspectCx *cx, DocId left, DocId right, bool flex, const char *sep)
{
    Docs *d = &cx->docs;
    DocId l = doc_cons(d, left, doc_cstr(d, sep));
    return flex ? doc_flex_glue(d, l, " ", right) : doc_glue(d, l, " ", right);
}

/* The end of container_doc/6: folds the items and picks the layout.
 * Consumes s. */
static DocId container_end(InspectCx *cx, const char *left, Seq *s, const char *right, int brk)
{
    Docs *d = &cx->docs;
    DocId out;
    if (s->n == 0) {
        out = doc_cons(d, doc_cstr(d, left), doc_cstr(d, right));
    } else {
        bool flex = (brk == BRK_MAYBE && s->simple) || brk == BRK_FLEX;
        DocId acc = s->v[s->n - 1];
        for (size_t i = s->n - 1; i-- > 0;)
            acc = join(cx, s->v[i], acc, flex, ",");
        if (flex) {
            out = doc_group(d, doc_cons3(d, doc_cstr(d, left), doc_nest(d, acc, 1), doc_cstr(d, right)));
        } else {
            DocId inner = doc_nest(d, doc_glue(d, doc_cstr(d, left), "", acc), 2);
            out = doc_group(d, doc_glue(d, inner, "", doc_cstr(d, right)));
        }
    }
    seq_free(s);
    return out;
}

static Seq seq_start(int brk) { return (Seq){.simple = brk == BRK_MAYBE}; }

/* ---- atoms and keyword items ----------------------------------------- */

static DocId atom_doc(InspectCx *cx, Term a)
{
    inspect_atom(a, &cx->tmp);
    return tmp_doc(cx);
}

/* Keyword-list item `key: value` (Inspect.List.keyword/2). */
static DocId keyword_item(InspectCx *cx, Term key, Term value, int limit)
{
    inspect_atom_key(key, &cx->tmp);
    strbuf_putc(&cx->tmp, ' ');
    DocId k = tmp_doc(cx);
    return doc_cons(&cx->docs, k, to_doc(cx, value, limit));
}

/* An atom key allowed in keyword syntax: not an alias (Elixir.*). */
static bool keyword_key(Term k)
{
    if (!is_atom(k))
        return false;
    size_t len;
    const char *s = atom_text(k, &len);
    return !(s && len >= 7 && memcmp(s, "Elixir.", 7) == 0);
}

static bool is_keyword_pair(Term t)
{
    return is_tuple(t) && tuple_size(t) == 2 && keyword_key(tuple_get(t, 0));
}

/* ---- numbers ---------------------------------------------------------- */

static int base_of(const InspectOpts *o) { return o->base ? o->base : 10; }

/* Elixir's prefix for a base, written after the sign. */
static void put_prefix(Strbuf *out, int base)
{
    if (base == 2)
        strbuf_puts(out, "0b");
    else if (base == 8)
        strbuf_puts(out, "0o");
    else if (base == 16)
        strbuf_puts(out, "0x");
}

/* A small integer in base 2..16, upper-case digits, with the prefix. */
static void put_small(Strbuf *out, int64_t v, int base)
{
    char digits[72];
    size_t n = 0;
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[n++] = "0123456789ABCDEF"[m % (uint64_t)base];
        m /= (uint64_t)base;
    } while (m);
    if (v < 0)
        strbuf_putc(out, '-');
    put_prefix(out, base);
    while (n > 0)
        strbuf_putc(out, digits[--n]);
}

static DocId integer_doc(InspectCx *cx, Term t)
{
    int base = base_of(cx->o);
    if (is_small(t)) {
        put_small(&cx->tmp, small_val(t), base);
        return tmp_doc(cx);
    }
    char small[128];
    size_t need = int_to_text(t, base, small, sizeof small);
    char *buf = small;
    if (need >= sizeof small) {
        buf = mem_alloc(MEM_SYSTEM, need + 1);
        if (buf)
            int_to_text(t, base, buf, need + 1);
    }
    if (need == 0 || !buf) {
        cx->docs.failed = true;
        return DOC_NIL;
    }
    const char *digits = buf;
    if (digits[0] == '-') {
        strbuf_putc(&cx->tmp, '-');
        digits++;
    }
    put_prefix(&cx->tmp, base);
    strbuf_puts(&cx->tmp, digits);
    if (buf != small)
        mem_free(MEM_SYSTEM, buf, need + 1);
    return tmp_doc(cx);
}

static DocId float_doc(InspectCx *cx, Term t)
{
    char buf[FMT_FLOAT_MAX];
    size_t n = fmt_float_inspect(float_val(t), buf);
    return doc_text(&cx->docs, buf, n);
}

/* ---- bitstrings --------------------------------------------------------- */

/* The `nbits` bits (1..8) starting at bit `pos` of a bitstring whose first
 * bit is bit `off` of bytes[0], as an unsigned number. */
static unsigned bits_at(const uint8_t *bytes, size_t off, size_t pos, size_t nbits)
{
    unsigned v = 0;
    for (size_t i = 0; i < nbits; i++) {
        size_t b = off + pos + i;
        v = (v << 1) | ((bytes[b / 8] >> (7 - b % 8)) & 1u);
    }
    return v;
}

/* <<1, 2, 3>> and <<5::size(3)>> (Inspect.BitString.each_bit/3). */
static DocId bitstring_doc(InspectCx *cx, const uint8_t *bytes, size_t off, size_t nbits, int limit)
{
    Docs *d = &cx->docs;
    if (nbits == 0)
        return text(cx, "<<>>");
    /* Items are built left to right, then folded right to left, as the
     * recursive each_bit/3 nests them. */
    Seq s = seq_start(BRK_FLEX);
    size_t pos = 0;
    int counter = limit;
    while (pos < nbits) {
        if (counter == 0) {
            seq_add(cx, &s, text(cx, "..."));
            break;
        }
        size_t take = nbits - pos >= 8 ? 8 : nbits - pos;
        put_small(&cx->tmp, bits_at(bytes, off, pos, take), base_of(cx->o));
        if (take < 8)
            strbuf_printf(&cx->tmp, "::size(%zu)", take);
        pos += take;
        if (pos < nbits)
            strbuf_putc(&cx->tmp, ',');
        seq_add(cx, &s, tmp_doc(cx));
        counter = next_limit(counter);
        if (s.n > 0 && d->failed)
            break;
    }
    DocId acc = s.n ? s.v[s.n - 1] : DOC_NIL;
    for (size_t i = s.n - 1; s.n && i-- > 0;)
        acc = doc_flex_glue(d, s.v[i], " ", acc);
    seq_free(&s);
    return doc_group(d, doc_cons3(d, text(cx, "<<"), doc_nest(d, acc, 2), text(cx, ">>")));
}

static DocId string_doc(InspectCx *cx, const uint8_t *bytes, size_t len)
{
    long plimit = cx->o->printable_limit;
    strbuf_putc(&cx->tmp, '"');
    size_t used = inspect_escape_limited(bytes, len, '"', plimit, &cx->tmp);
    strbuf_putc(&cx->tmp, '"');
    if (used < len)
        strbuf_puts(&cx->tmp, " <> ...");
    return tmp_doc(cx);
}

/* A binary as a string when it is printable UTF-8, else as <<bytes>>. */
static DocId binary_doc(InspectCx *cx, Term t, int limit)
{
    const uint8_t *bytes;
    size_t off, nbits;
    bin_bits(t, &bytes, &off, &nbits);
    const InspectOpts *o = cx->o;
    if (nbits % 8 != 0 || (o->binaries_as_binaries && !o->binaries_as_strings))
        return bitstring_doc(cx, bytes, off, nbits, limit);
    size_t len = nbits / 8;
    uint8_t *copy = NULL;
    if (off != 0) {
        /* A slice at an odd bit offset: realign it to read it as text. */
        copy = mem_alloc(MEM_SYSTEM, len ? len : 1);
        if (!copy) {
            cx->docs.failed = true;
            return DOC_NIL;
        }
        for (size_t i = 0; i < len; i++)
            copy[i] = (uint8_t)bits_at(bytes, off, 8 * i, 8);
    }
    const uint8_t *p = copy ? copy : bytes;
    DocId d;
    /* A base other than decimal means bytes, unless strings are asked for. */
    if (o->binaries_as_strings ||
        (base_of(o) == 10 && inspect_is_printable_limited(p, len, o->printable_limit)))
        d = string_doc(cx, p, len);
    else
        d = bitstring_doc(cx, p, 0, nbits, limit);
    if (copy)
        mem_free(MEM_SYSTEM, copy, len ? len : 1);
    return d;
}

/* ---- lists ---------------------------------------------------------- */

/* List.ascii_printable?/2's test: \a..\r (7..13), \e and 32..126. DEL
 * (127) is not one, so [127, 121, 122] prints as a list. */
static bool ascii_printable(unsigned c)
{
    return (c >= 32 && c <= 126) || (c >= 7 && c <= 13) || c == 27;
}

static bool is_char(Term h)
{
    if (!is_small(h))
        return false;
    int64_t c = small_val(h);
    return c >= 0 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
}

/* The items of a list: a list term, or an array that stands for a proper
 * list (for printers of structs like MapSet, which print a list they never
 * build). Copied by value to walk it again. */
typedef struct Items {
    Term rest;        /* the list still to walk, when arr is NULL      */
    const Term *arr;  /* else the items, arr[i..n)                      */
    size_t n, i;
} Items;

/* The next item; false at the end of the list, proper or not. */
static bool items_next(Items *it, Term *out)
{
    if (it->arr) {
        if (it->i == it->n)
            return false;
        *out = it->arr[it->i++];
        return true;
    }
    if (!is_cons(it->rest))
        return false;
    *out = list_head(it->rest);
    it->rest = list_tail(it->rest);
    return true;
}

/* Once items_next has returned false: whether the list ended in []. */
static bool items_proper(const Items *it) { return it->arr || it->rest == NIL; }
/* After an item: whether an improper tail is all that is left. */
static bool items_at_tail(const Items *it) { return !it->arr && !is_list(it->rest); }

/* Whether the items print as a charlist under charlists: :infer:
 * List.ascii_printable?/2 over the first printable_limit items, and every
 * item a character (so the text can be built at all). */
static bool is_charlist(InspectCx *cx, Items it)
{
    long left = cx->o->printable_limit;
    Term h;
    while (items_next(&it, &h)) {
        if (!is_char(h))
            return false;
        if (left != 0 && !ascii_printable((unsigned)small_val(h)))
            return false;
        if (left > 0)
            left--;
    }
    return items_proper(&it);
}

static void put_utf8(Strbuf *out, unsigned c)
{
    unsigned char b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (unsigned char)c, n = 1;
    } else if (c < 0x800) {
        b[0] = (unsigned char)(0xC0 | (c >> 6)), n = 2;
    } else if (c < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (c >> 12)), n = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (c >> 18)), n = 4;
    }
    for (size_t i = 1; i < n; i++)
        b[i] = (unsigned char)(0x80 | ((c >> (6 * (n - 1 - i))) & 0x3F));
    strbuf_put(out, b, n);
}

/* Appends the text of chardata t (a proper list of characters, valid
 * UTF-8 binaries and nested such lists, as IO.chardata_to_string/1 takes)
 * to out. False when t is not chardata (Elixir raises there; mote then
 * prints the list as a list). Nesting is bounded by INSPECT_MAX_DEPTH. */
static bool put_chardata(Strbuf *out, Term t, int depth)
{
    if (depth > INSPECT_MAX_DEPTH)
        return false;
    while (is_cons(t)) {
        Term h = list_head(t);
        const uint8_t *b;
        size_t len;
        if (is_char(h))
            put_utf8(out, (unsigned)small_val(h));
        else if (is_binary(h) && bin_bytes(h, &b, &len) && utf8_valid(b, len))
            strbuf_put(out, b, len);
        else if (!is_list(h) || !put_chardata(out, h, depth + 1))
            return false;
        t = list_tail(t);
    }
    return t == NIL;
}

/* Whether the items are chardata (see put_chardata); their text to out. */
static bool chardata_items(Items it, Strbuf *out)
{
    Term h;
    while (items_next(&it, &h)) {
        const uint8_t *b;
        size_t len;
        if (is_char(h))
            put_utf8(out, (unsigned)small_val(h));
        else if (is_binary(h) && bin_bytes(h, &b, &len) && utf8_valid(b, len))
            strbuf_put(out, b, len);
        else if (!is_list(h) || !put_chardata(out, h, 1))
            return false;
    }
    return items_proper(&it);
}

/* 'abc', escaped like a string between single quotes: the text of chars,
 * which charlist_doc owns and frees. */
static DocId quoted_charlist(InspectCx *cx, Strbuf *chars)
{
    long plimit = cx->o->printable_limit;
    strbuf_putc(&cx->tmp, '\'');
    size_t used = inspect_escape_limited((const unsigned char *)strbuf_cstr(chars), chars->len,
                                         '\'', plimit, &cx->tmp);
    strbuf_putc(&cx->tmp, '\'');
    if (used < chars->len)
        strbuf_puts(&cx->tmp, " ++ ...");
    if (chars->failed)
        cx->docs.failed = true;
    strbuf_fini(chars);
    return tmp_doc(cx);
}

/* 'abc', escaped like a string between single quotes. */
static DocId charlist_doc(InspectCx *cx, Items it)
{
    /* Past the printable limit characters are only counted, as Elixir
     * stops escaping there. */
    long plimit = cx->o->printable_limit;
    Strbuf chars;
    strbuf_init(&chars);
    Term h;
    for (long n = 0; (plimit < 0 || n <= plimit) && items_next(&it, &h); n++)
        put_utf8(&chars, (unsigned)small_val(h));
    return quoted_charlist(cx, &chars);
}

static bool is_keyword_list(Items it)
{
    Term h;
    while (items_next(&it, &h))
        if (!is_keyword_pair(h))
            return false;
    return items_proper(&it);
}

/* Inspect.List.inspect/2: a charlist, a keyword list, or [a, b | c]. */
static DocId items_doc(InspectCx *cx, Items it, int limit)
{
    Items probe = it;
    Term h;
    if (!items_next(&probe, &h))
        return text(cx, "[]");
    const InspectOpts *o = cx->o;
    if (o->charlists_as_charlists) {
        /* Elixir prints IO.chardata_to_string(list) here, so nested lists
         * and binaries join the text. */
        Strbuf chars;
        strbuf_init(&chars);
        if (chardata_items(it, &chars))
            return quoted_charlist(cx, &chars);
        strbuf_fini(&chars);
    } else if (!o->charlists_as_lists && is_charlist(cx, it)) {
        return charlist_doc(cx, it);
    }
    bool kw = is_keyword_list(it);
    Seq s = seq_start(kw ? BRK_STRICT : BRK_MAYBE);
    while (!cx->docs.failed && items_next(&it, &h)) {
        if (limit == 0) {
            seq_add(cx, &s, text(cx, "..."));
            break;
        }
        limit = next_limit(limit);
        if (kw) {
            seq_add(cx, &s, keyword_item(cx, tuple_get(h, 0), tuple_get(h, 1), limit));
        } else if (!items_at_tail(&it)) {
            seq_add(cx, &s, to_doc(cx, h, limit));
        } else {
            /* An improper tail joins the last item with " |". */
            DocId l = to_doc(cx, h, limit), r = to_doc(cx, it.rest, limit);
            s.simple = s.simple && doc_is_simple(&cx->docs, l) && doc_is_simple(&cx->docs, r);
            seq_add(cx, &s, join(cx, l, r, s.simple, " |"));
            break;
        }
    }
    return container_end(cx, "[", &s, "]", kw ? BRK_STRICT : BRK_MAYBE);
}

static DocId list_doc(InspectCx *cx, Term t, int limit)
{
    return items_doc(cx, (Items){.rest = t}, limit);
}

DocId inspect_list(InspectCx *cx, const Term *items, size_t n, int limit)
{
    return items_doc(cx, (Items){.arr = items, .n = n}, limit);
}

/* ---- tuples ---------------------------------------------------------- */

DocId inspect_container(InspectCx *cx, const char *left, const Term *items, size_t n,
                        const char *right, int limit, bool keyword_style)
{
    int brk = keyword_style ? BRK_STRICT : BRK_FLEX;
    Seq s = seq_start(brk);
    for (size_t i = 0; i < n && !cx->docs.failed; i++) {
        if (limit == 0) {
            seq_add(cx, &s, text(cx, "..."));
            break;
        }
        limit = next_limit(limit);
        Term x = items[i];
        if (keyword_style && is_keyword_pair(x))
            seq_add(cx, &s, keyword_item(cx, tuple_get(x, 0), tuple_get(x, 1), limit));
        else
            seq_add(cx, &s, to_doc(cx, x, limit));
    }
    return container_end(cx, left, &s, right, brk);
}

static DocId tuple_doc(InspectCx *cx, Term t, int limit)
{
    return inspect_container(cx, "{", tuple_elems(t), tuple_size(t), "}", limit, false);
}

/* ---- maps and structs ----------------------------------------------- */

typedef struct Pairs {
    Term *keys, *values;
    size_t n, cap;
} Pairs;

static bool collect_pair(Term key, Term value, void *ctx)
{
    Pairs *p = ctx;
    if (p->n < p->cap) {
        p->keys[p->n] = key;
        p->values[p->n] = value;
        p->n++;
    }
    return true;
}

/* The map's pairs in iteration order (Map.to_list/1), minus the struct
 * keys when `skip_struct`. Arrays are mem_alloc'd; free with pairs_free. */
static bool pairs_of(Term m, bool skip_struct, Pairs *p)
{
    size_t n = map_size(m);
    size_t cap = n ? n : 1;
    *p = (Pairs){.cap = n};
    p->keys = mem_alloc(MEM_SYSTEM, cap * sizeof(Term));
    p->values = mem_alloc(MEM_SYSTEM, cap * sizeof(Term));
    if (!p->keys || !p->values)
        return false;
    map_each(m, collect_pair, p);
    if (skip_struct) {
        size_t j = 0;
        for (size_t i = 0; i < p->n; i++) {
            if (p->keys[i] == A(__struct__) || p->keys[i] == A(__exception__))
                continue;
            p->keys[j] = p->keys[i];
            p->values[j++] = p->values[i];
        }
        p->n = j;
    }
    return true;
}

static void pairs_free(Pairs *p)
{
    size_t cap = p->cap ? p->cap : 1;
    if (p->keys)
        mem_free(MEM_SYSTEM, p->keys, cap * sizeof(Term));
    if (p->values)
        mem_free(MEM_SYSTEM, p->values, cap * sizeof(Term));
}

/* `open` pairs `}` with keyword items when every key allows it (or when
 * `as_keyword`), else `key => value` items. */
static DocId pairs_doc(InspectCx *cx, const char *open, const Pairs *p, int limit)
{
    bool kw = true;
    for (size_t i = 0; i < p->n && kw; i++)
        kw = keyword_key(p->keys[i]);
    Seq s = seq_start(BRK_STRICT);
    for (size_t i = 0; i < p->n && !cx->docs.failed; i++) {
        if (limit == 0) {
            seq_add(cx, &s, text(cx, "..."));
            break;
        }
        limit = next_limit(limit);
        if (kw) {
            seq_add(cx, &s, keyword_item(cx, p->keys[i], p->values[i], limit));
        } else {
            Docs *d = &cx->docs;
            DocId k = doc_cons(d, to_doc(cx, p->keys[i], limit), doc_cstr(d, " => "));
            seq_add(cx, &s, doc_cons(d, k, to_doc(cx, p->values[i], limit)));
        }
    }
    return container_end(cx, open, &s, "}", BRK_STRICT);
}

/* Replaces p's pairs by the module's fields in definition order, when the
 * fields hook knows the module and the map has exactly those fields.
 * False when the hook knows the module but the keys differ: Elixir then
 * prints the value as a plain map, __struct__ and all. */
static bool order_fields(Term m, Term module, Pairs *p)
{
    Term fields[256];
    int n = fields_hook ? fields_hook(module, fields, 256) : -1;
    if (n == -2)
        return false;
    if (n < 0)
        return true;
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        if (fields[i] == A(__struct__) || fields[i] == A(__exception__))
            continue;
        Term v = map_get(m, fields[i]);
        if (v == NONE)
            return false;
        fields[k++] = fields[i];
    }
    /* A defexception with message/1 and no :message field still gets a
     * :message key (exception/1 stores the text there for the C
     * printers); Elixir's struct has none, so it is not shown. */
    bool extra_message = k + 1 == p->n && map_get(m, A(__exception__)) == A(true) &&
                         map_get(m, A(message)) != NONE;
    for (size_t i = 0; extra_message && i < k; i++)
        extra_message = fields[i] != A(message);
    if (k != p->n && !extra_message)
        return false;
    p->n = k;
    for (size_t i = 0; i < k; i++) {
        p->keys[i] = fields[i];
        p->values[i] = map_get(m, fields[i]);
    }
    return true;
}

static DocId plain_map_doc(InspectCx *cx, Term m, int limit);

/* Fields a standard struct derives Inspect with as `optional:`: left out
 * while they hold their default (nil). Elixir 1.14 hides URI's
 * deprecated :authority this way. */
static void drop_optional(Term module, Pairs *p)
{
    static const struct {
        const char *module, *field;
    } optional[] = {{"Elixir.URI", "authority"}};
    for (size_t o = 0; o < sizeof optional / sizeof optional[0]; o++) {
        if (module != atom_from_cstr(optional[o].module))
            continue;
        Term f = atom_from_cstr(optional[o].field);
        size_t j = 0;
        for (size_t i = 0; i < p->n; i++) {
            if (p->keys[i] == f && p->values[i] == A(nil))
                continue;
            p->keys[j] = p->keys[i];
            p->values[j++] = p->values[i];
        }
        p->n = j;
    }
}

static DocId struct_doc(InspectCx *cx, Term m, Term module, int limit)
{
    for (size_t i = 0; i < nprinters; i++) {
        if (printers[i].module == module && printers[i].fn) {
            DocId d = printers[i].fn(cx, m, limit);
            if (d != DOC_NIL)
                return d;
        }
    }
    Pairs p;
    DocId out = DOC_NIL;
    if (!pairs_of(m, true, &p)) {
        cx->docs.failed = true;
    } else if (!order_fields(m, module, &p)) {
        pairs_free(&p);
        return plain_map_doc(cx, m, limit);
    } else {
        drop_optional(module, &p);
        strbuf_putc(&cx->tmp, '%');
        inspect_atom(module, &cx->tmp);
        strbuf_putc(&cx->tmp, '{');
        char *open = mem_alloc(MEM_SYSTEM, cx->tmp.len + 1);
        if (open) {
            memcpy(open, strbuf_cstr(&cx->tmp), cx->tmp.len + 1);
            size_t olen = cx->tmp.len + 1;
            strbuf_clear(&cx->tmp);
            out = pairs_doc(cx, open, &p, limit);
            mem_free(MEM_SYSTEM, open, olen);
        } else {
            cx->docs.failed = true;
        }
    }
    pairs_free(&p);
    return out;
}

static DocId map_doc(InspectCx *cx, Term m, int limit)
{
    Term module = cx->o->structs ? map_get(m, A(__struct__)) : NONE;
    if (module != NONE && is_atom(module)) {
        /* A struct whose other keys are all atoms; else Elixir would not
         * recognise the shape and neither do we. */
        Pairs p;
        bool ok = pairs_of(m, true, &p);
        for (size_t i = 0; ok && i < p.n; i++)
            ok = is_atom(p.keys[i]);
        pairs_free(&p);
        if (ok)
            return struct_doc(cx, m, module, limit);
    }
    return plain_map_doc(cx, m, limit);
}

static DocId plain_map_doc(InspectCx *cx, Term m, int limit)
{
    Pairs p;
    DocId out = DOC_NIL;
    if (pairs_of(m, false, &p))
        out = pairs_doc(cx, "%{", &p, limit);
    else
        cx->docs.failed = true;
    pairs_free(&p);
    return out;
}

/* ---- pids, references, functions ----------------------------------- */

static DocId hash_doc(InspectCx *cx, Term t, void (*put)(Term, Strbuf *))
{
    put(t, &cx->tmp);
    return tmp_doc(cx);
}

/* ---- dispatch -------------------------------------------------------- */

static DocId boxed_doc(InspectCx *cx, Term t, int limit)
{
    switch (hdr_kind(boxed_header(t))) {
    case HDR_TUPLE: return tuple_doc(cx, t, limit);
    case HDR_FLOAT: return float_doc(cx, t);
    case HDR_BIGPOS:
    case HDR_BIGNEG: return integer_doc(cx, t);
    case HDR_HEAPBIN:
    case HDR_REFBIN:
    case HDR_SUBBIN: return binary_doc(cx, t, limit);
    case HDR_MAP:
    case HDR_HAMT_ROOT: return map_doc(cx, t, limit);
    case HDR_FUN:
    case HDR_EXPORT: return hash_doc(cx, t, inspect_fun_text);
    case HDR_REF:
    case HDR_EXTREF: return hash_doc(cx, t, inspect_ref_text);
    case HDR_EXTPID: return hash_doc(cx, t, inspect_pid_text);
    default: return text(cx, "#Mote.Internal<>");
    }
}

static DocId to_doc(InspectCx *cx, Term t, int limit)
{
    if (cx->docs.failed)
        return DOC_NIL;
    if (cx->depth >= INSPECT_MAX_DEPTH)
        return text(cx, "...");
    cx->depth++;
    DocId d;
    switch (term_tag(t)) {
    case TAG_SMALL: d = integer_doc(cx, t); break;
    case TAG_ATOM: d = atom_doc(cx, t); break;
    case TAG_PID: d = hash_doc(cx, t, inspect_pid_text); break;
    case TAG_LIST: d = list_doc(cx, t, limit); break;
    case TAG_SPECIAL: d = t == NIL ? text(cx, "[]") : text(cx, "#Mote.Internal<>"); break;
    case TAG_BOXED: d = t == NONE ? text(cx, "#Mote.None<>") : boxed_doc(cx, t, limit); break;
    default: d = text(cx, "#Mote.Internal<>"); break;
    }
    cx->depth--;
    return d;
}

DocId inspect_doc(InspectCx *cx, Term t, int limit) { return to_doc(cx, t, limit); }

int inspect_term(Term t, const InspectOpts *o, Strbuf *out)
{
    InspectCx cx = {.o = o};
    strbuf_init(&cx.tmp);
    int rc = doc_init(&cx.docs);
    if (rc == 0) {
        DocId d = doc_group(&cx.docs, to_doc(&cx, t, o->limit));
        int width = o->pretty ? o->width : -1;
        rc = doc_format(&cx.docs, d, width, out);
    }
    doc_fini(&cx.docs);
    strbuf_fini(&cx.tmp);
    if (rc == 0 && out->failed)
        rc = MOTE_ENOMEM;
    return rc;
}

MOTE_API size_t mote_format(mote_term t, char *buf, size_t size)
{
    InspectOpts o;
    inspect_opts_io(&o);
    Strbuf s;
    strbuf_init(&s);
    size_t len = 0;
    if (inspect_term((Term)t, &o, &s) == 0)
        len = s.len;
    if (size > 0) {
        size_t n = len < size ? len : size - 1;
        if (n)
            memcpy(buf, s.data, n);
        buf[n] = '\0';
    }
    strbuf_fini(&s);
    return len;
}
