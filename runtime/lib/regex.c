/* regex.c — Regex on PCRE2: %Regex{} structs, compiling with a
 * per-thread cache, printing as ~r/.../, and Regex.compile/escape/etc.
 *
 * A %Regex{} holds only its source and option letters (plus Elixir's
 * re_pattern/re_version fields, here nil and "mote-pcre2"), so it copies
 * between processes and nodes like any map. The compiled pattern lives
 * in a small cache of each scheduler thread keyed by (source, options):
 * a thread compiles a pattern once and reuses it without locks. Caches
 * live as long as their threads.
 */
#include <pthread.h>
#include <stdio.h>

#include "bin.h"
#include "inspect.h"
#include "lib.h"
#include "map.h"
#include "mem.h"
#include "regex.h"
#include "strbuf.h"

#define CACHE_SLOTS 32

typedef struct Slot {
    char *src;           /* mem_alloc'd copy, NUL-terminated; NULL = empty */
    size_t len;
    uint32_t flags;      /* PCRE2 options                                  */
    Rx rx;
    uint64_t used;       /* last use, for eviction                         */
} Slot;

static _Thread_local Slot cache[CACHE_SLOTS];
static _Thread_local uint64_t cache_clock;

/* ---- PCRE2 memory through mem_alloc ------------------------------------- */

static void *rx_malloc(PCRE2_SIZE size, void *data)
{
    (void)data;
    size_t *b = mem_alloc(MEM_SYSTEM, size + sizeof(size_t) * 2);
    if (!b)
        return NULL;
    b[0] = size + sizeof(size_t) * 2;
    return b + 2;
}

static void rx_free(void *ptr, void *data)
{
    (void)data;
    if (!ptr)
        return;
    size_t *b = (size_t *)ptr - 2;
    mem_free(MEM_SYSTEM, b, b[0]);
}

static pcre2_general_context *gcx;
static pthread_once_t gcx_once = PTHREAD_ONCE_INIT;
static pthread_key_t cache_key; /* set on threads with a cache, to free it */

static void slot_clear(struct Slot *s);

/* Runs when a thread with a cache exits (scheduler threads at mote_stop). */
static void cache_free(void *unused)
{
    (void)unused;
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        slot_clear(&cache[i]);
}

static void gcx_init(void)
{
    gcx = pcre2_general_context_create(rx_malloc, rx_free, NULL);
    pthread_key_create(&cache_key, cache_free);
}

pcre2_general_context *regex_gcx(void)
{
    pthread_once(&gcx_once, gcx_init);
    return gcx;
}

/* ---- options and compiling ----------------------------------------------- */

/* PCRE2 options of Elixir's option letters; false for an unknown one. */
static bool flags_of(const uint8_t *o, size_t n, uint32_t *flags)
{
    *flags = 0;
    for (size_t i = 0; i < n; i++) {
        switch (o[i]) {
        case 'i': *flags |= PCRE2_CASELESS; break;
        case 'm': *flags |= PCRE2_MULTILINE; break;
        case 's': *flags |= PCRE2_DOTALL; break;
        case 'x': *flags |= PCRE2_EXTENDED; break;
        case 'u': *flags |= PCRE2_UTF | PCRE2_UCP; break;
        case 'f': *flags |= PCRE2_FIRSTLINE; break;
        case 'U': *flags |= PCRE2_UNGREEDY; break;
        default: return false;
        }
    }
    return true;
}

/* Regex options as Elixir takes them: a string of letters ("iu") or a
 * list of the atoms they stand for ([:caseless, :unicode]). */
static bool opts_flags(Term opts, uint32_t *flags)
{
    const uint8_t *o;
    size_t on;
    if (lib_bytes(opts, &o, &on))
        return flags_of(o, on, flags);
    static const struct { const char *name, *letter; } names[] = {
        {"caseless", "i"}, {"multiline", "m"}, {"dotall", "s"}, {"extended", "x"},
        {"unicode", "u"}, {"firstline", "f"}, {"ungreedy", "U"},
    };
    *flags = 0;
    Term t = opts;
    for (; is_cons(t); t = list_tail(t)) {
        uint32_t f = 0;
        size_t i = 0;
        while (i < sizeof names / sizeof names[0] && list_head(t) != atom_from_cstr(names[i].name))
            i++;
        if (i == sizeof names / sizeof names[0] ||
            !flags_of((const uint8_t *)names[i].letter, 1, &f))
            return false;
        *flags |= f;
    }
    return t == NIL;
}

/* PCRE2's texts for the commonest errors, reworded as the PCRE that
 * Erlang's re (and so Elixir) reports them. */
static void translate_error(char *msg, size_t size)
{
    static const char *const map[][2] = {
        {"missing closing parenthesis", "missing )"},
        {"quantifier does not follow a repeatable item", "nothing to repeat"},
        {"unmatched closing parenthesis", "unmatched parentheses"},
        {"\\ at end of pattern", "\\ at end of pattern"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(msg, map[i][0]) == 0) {
            snprintf(msg, size, "%s", map[i][1]);
            return;
        }
}

/* Compiles; on error writes PCRE2's message and the offset. */
static pcre2_code *compile(const uint8_t *src, size_t len, uint32_t flags, char *msg,
                           size_t msg_size, size_t *where)
{
    int err;
    PCRE2_SIZE off;
    regex_gcx();
    pcre2_compile_context *cc = pcre2_compile_context_create(regex_gcx());
    pcre2_code *code = pcre2_compile(src, len, flags, &err, &off, cc);
    pcre2_compile_context_free(cc);
    if (!code) {
        pcre2_get_error_message(err, (PCRE2_UCHAR *)msg, msg_size);
        translate_error(msg, msg_size);
        *where = off;
    }
    return code;
}

static void slot_clear(struct Slot *s)
{
    if (s->src) {
        mem_free(MEM_SYSTEM, s->src, s->len + 1);
        pcre2_code_free(s->rx.code);
    }
    memset(s, 0, sizeof *s);
}

/* The cached compiled pattern for (src, flags), compiling into the least
 * recently used slot on a miss. NULL with msg set on a compile error. */
static const Rx *cached(const uint8_t *src, size_t len, uint32_t flags, char *msg,
                        size_t msg_size, size_t *where)
{
    Slot *victim = &cache[0];
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        Slot *s = &cache[i];
        if (s->src && s->len == len && s->flags == flags && memcmp(s->src, src, len) == 0) {
            s->used = ++cache_clock;
            return &s->rx;
        }
        if (s->used < victim->used)
            victim = s;
    }
    pcre2_code *code = compile(src, len, flags, msg, msg_size, where);
    if (!code)
        return NULL;
    char *copy = mem_alloc(MEM_SYSTEM, len + 1);
    if (!copy) {
        pcre2_code_free(code);
        snprintf(msg, msg_size, "out of memory");
        return NULL;
    }
    slot_clear(victim);
    pthread_setspecific(cache_key, cache); /* any non-NULL value arms cache_free */
    memcpy(copy, src, len);
    copy[len] = '\0';
    victim->src = copy, victim->len = len, victim->flags = flags;
    victim->rx.code = code;
    victim->rx.utf = (flags & PCRE2_UTF) != 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &victim->rx.ncap);
    victim->used = ++cache_clock;
    return &victim->rx;
}

bool regex_is(Term t)
{
    return is_map(t) && map_get(t, A(__struct__)) == lib_alias("Regex");
}

bool regex_code(Proc *p, Term re, Rx *rx)
{
    const uint8_t *src;
    size_t n;
    uint32_t flags;
    Term s = regex_is(re) ? map_get(re, atom_from_cstr("source")) : NONE;
    Term opts = regex_is(re) ? map_get(re, atom_from_cstr("opts")) : NONE;
    if (s == NONE || !lib_bytes(s, &src, &n) || opts == NONE || !opts_flags(opts, &flags)) {
        bif_raise_msg(p, "ArgumentError", "not a valid regex");
        return false;
    }
    char msg[256];
    size_t where;
    const Rx *c = cached(src, n, flags, msg, sizeof msg, &where);
    if (!c) {
        bif_raise_msg(p, "Regex.CompileError", "%s at position %zu", msg, where);
        return false;
    }
    *rx = *c;
    bif_charge(p, 2);
    return true;
}

int regex_next(const Rx *rx, const uint8_t *s, size_t n, size_t *start, bool *last_empty,
               pcre2_match_data *md)
{
    for (;;) {
        if (*start > n)
            return 0;
        uint32_t o = *last_empty ? PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED : 0;
        int rc = pcre2_match(rx->code, s, n, *start, o, md, NULL);
        if (rc == PCRE2_ERROR_NOMATCH && *last_empty) {
            /* No non-empty match here: step one character and search on. */
            *last_empty = false;
            size_t step = 1;
            while (rx->utf && *start + step < n && (s[*start + step] & 0xC0) == 0x80)
                step++;
            *start += step;
            continue;
        }
        if (rc == PCRE2_ERROR_NOMATCH)
            return 0;
        if (rc < 0)
            return rc;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        *last_empty = ov[0] == ov[1];
        *start = ov[1];
        return rc;
    }
}

/* ---- the struct -------------------------------------------------------------- */

static Term make_regex(Proc *p, Term source, Term opts)
{
    Term ks[4] = {atom_from_cstr("opts"), atom_from_cstr("re_pattern"),
                  atom_from_cstr("re_version"), atom_from_cstr("source")};
    Term ver = lib_str(p, "mote-pcre2");
    Term vs[4] = {opts, A(nil), ver, source};
    Term m = ver == NONE ? NONE : map_from_pairs(&p->heap, 4, ks, vs);
    return m == NONE ? NONE : map_put(&p->heap, m, A(__struct__), lib_alias("Regex"));
}

/* compile(source, opts): {:ok, regex} or {:error, {'message', pos}}
 * (raise: the struct or Regex.CompileError). */
static Term regex_compile(Proc *p, Term src, Term opts, bool raise)
{
    const uint8_t *s;
    size_t n;
    uint32_t flags;
    if (!lib_bytes(src, &s, &n))
        return lib_function_clause(p, "Elixir.Regex", raise ? "compile!" : "compile", 2);
    if (!opts_flags(opts, &flags))
        return bif_raise_msg(p, "Regex.CompileError", "invalid option");
    char msg[256];
    size_t where;
    if (!cached(s, n, flags, msg, sizeof msg, &where)) {
        if (raise)
            return bif_raise_msg(p, "Regex.CompileError", "%s at position %zu", msg, where);
        Term m = lib_str(p, msg);
        Term cl = m == NONE ? NONE : lib_text_to_charlist(p, m);
        Term e = cl == NONE ? NONE : lib_tuple2(p, cl, make_small((int64_t)where));
        e = e == NONE ? NONE : lib_tuple2(p, A(error), e);
        return e == NONE ? lib_oom(p) : e;
    }
    Term re = make_regex(p, src, opts);
    if (re == NONE)
        return lib_oom(p);
    if (raise)
        return re;
    Term r = lib_tuple2(p, A(ok), re);
    return r == NONE ? lib_oom(p) : r;
}

static Term empty_opts(Proc *p) { return lib_bin(p, "", 0); }

static Term bif_compile1(Proc *p, const Term *a) { return regex_compile(p, a[0], empty_opts(p), false); }
static Term bif_compile2(Proc *p, const Term *a) { return regex_compile(p, a[0], a[1], false); }
static Term bif_compile_x1(Proc *p, const Term *a) { return regex_compile(p, a[0], empty_opts(p), true); }
static Term bif_compile_x2(Proc *p, const Term *a) { return regex_compile(p, a[0], a[1], true); }

static Term field(Proc *p, Term re, const char *name, const char *fn)
{
    Term v = regex_is(re) ? map_get(re, atom_from_cstr(name)) : NONE;
    return v == NONE ? lib_function_clause(p, "Elixir.Regex", fn, 1) : v;
}

static Term bif_source(Proc *p, const Term *a) { return field(p, a[0], "source", "source"); }
static Term bif_opts(Proc *p, const Term *a) { return field(p, a[0], "opts", "opts"); }

static Term bif_is_regex(Proc *p, const Term *a)
{
    (void)p;
    return lib_bool(regex_is(a[0]));
}

/* escape: a backslash before every character PCRE treats specially. */
static Term bif_escape(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(a[0], &s, &n))
        return lib_function_clause(p, "Elixir.Regex", "escape", 1);
    Strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < n; i++) {
        if (s[i] && strchr(".^$*+?()[]{}|\\-#", s[i]))
            strbuf_putc(&sb, '\\');
        if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v' ||
            s[i] == ' ') {
            static const char *const names[] = {"\\t", "\\n", "\\v", "\\f", "\\r"};
            if (s[i] == ' ')
                strbuf_puts(&sb, "\\ ");
            else
                strbuf_puts(&sb, names[s[i] - '\t']);
            continue;
        }
        strbuf_putc(&sb, (char)s[i]);
    }
    Term r = lib_strbuf(p, &sb);
    return r == NONE ? lib_oom(p) : r;
}

/* ~r/source/opts, with every unescaped "/" in the source escaped. */
static DocId regex_doc(InspectCx *cx, Term s, int limit)
{
    const uint8_t *src, *o;
    size_t n, on;
    Term st = map_get(s, atom_from_cstr("source")), ot = map_get(s, atom_from_cstr("opts"));
    if (st == NONE || ot == NONE || !lib_bytes(st, &src, &n))
        return DOC_NIL;
    if (is_list(ot)) {
        /* Options given as atoms print as the call that builds them. */
        Term items[2] = {st, ot};
        return inspect_container(cx, "Regex.compile!(", items, 2, ")", limit, false);
    }
    if (!lib_bytes(ot, &o, &on))
        return DOC_NIL;
    Strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, "~r/");
    for (size_t i = 0; i < n; i++) {
        if (src[i] == '\\' && i + 1 < n) {
            strbuf_put(&sb, src + i, 2);
            i++;
            continue;
        }
        if (src[i] == '/')
            strbuf_putc(&sb, '\\');
        strbuf_putc(&sb, (char)src[i]);
    }
    strbuf_putc(&sb, '/');
    strbuf_put(&sb, o, on);
    DocId d = doc_text(inspect_docs(cx), strbuf_cstr(&sb), sb.len);
    strbuf_fini(&sb);
    return d;
}

static const BifDef regex_bifs[] = {
    {"Elixir.Regex", "compile", 1, 0, bif_compile1, NULL},
    {"Elixir.Regex", "compile", 2, 0, bif_compile2, NULL},
    {"Elixir.Regex", "compile!", 1, 0, bif_compile_x1, NULL},
    {"Elixir.Regex", "compile!", 2, 0, bif_compile_x2, NULL},
    {"Elixir.Regex", "source", 1, BIF_PURE, bif_source, NULL},
    {"Elixir.Regex", "opts", 1, BIF_PURE, bif_opts, NULL},
    {"Elixir.Regex", "regex?", 1, BIF_PURE, bif_is_regex, NULL},
    {"Elixir.Regex", "escape", 1, BIF_PURE, bif_escape, NULL},
};

int lib_regex_register(void)
{
    int rc = bif_register(regex_bifs, LIB_NDEFS(regex_bifs));
    if (rc == 0)
        inspect_register_struct(lib_alias("Regex"), regex_doc);
    return rc < 0 ? rc : regex_run_register();
}
