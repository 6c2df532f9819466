/* regex_run.c — matching builtins of Regex: run, scan, match?, replace,
 * split, named_captures, names; and the regex side of String.split/
 * replace/contains?.
 *
 * Captures follow Erlang's re as Elixir shows them: an unset group in
 * the middle is "" (or {-1, 0} with return: :index), unset groups at
 * the end are dropped. Offsets are bytes, as in Elixir.
 */
#include "bin.h"
#include "lib.h"
#include "map.h"
#include "mem.h"
#include "regex.h"
#include "strbuf.h"

#define FCLAUSE(p, name, arity) lib_function_clause((p), "Elixir.Regex", (name), (arity))

enum { CAP_ALL, CAP_FIRST, CAP_ALL_BUT_FIRST, CAP_NONE, CAP_NAMES, CAP_LIST };

typedef struct RunOpts {
    int capture;
    Term groups;      /* capture: [name or index, ...] (CAP_LIST) */
    bool index;       /* return: :index                    */
    int64_t parts;    /* split: 0 = infinity               */
    bool trim;        /* split                             */
    bool global;      /* replace                           */
    bool include_captures; /* split                        */
    Term on;          /* split: :first (NONE), :all, :all_but_first or a list of groups */
} RunOpts;

static bool opts_of(Term kw, RunOpts *o)
{
    *o = (RunOpts){.capture = CAP_ALL, .global = true, .on = NONE};
    for (; is_cons(kw); kw = list_tail(kw)) {
        Term kv = list_head(kw);
        if (!is_tuple(kv) || tuple_size(kv) != 2)
            return false;
        Term k = tuple_get(kv, 0), v = tuple_get(kv, 1);
        if (k == atom_from_cstr("return"))
            o->index = v == atom_from_cstr("index");
        else if (k == atom_from_cstr("capture"))
            o->capture = v == atom_from_cstr("first")           ? CAP_FIRST
                         : v == atom_from_cstr("all_but_first") ? CAP_ALL_BUT_FIRST
                         : v == atom_from_cstr("none")          ? CAP_NONE
                         : v == atom_from_cstr("all_names")     ? CAP_NAMES
                         : is_list(v)                           ? CAP_LIST
                                                                : CAP_ALL,
            o->groups = v;
        else if (k == atom_from_cstr("parts"))
            o->parts = is_small(v) && small_val(v) > 0 ? small_val(v) : 0;
        else if (k == atom_from_cstr("trim"))
            o->trim = v == A(true);
        else if (k == atom_from_cstr("global"))
            o->global = v != A(false);
        else if (k == atom_from_cstr("include_captures"))
            o->include_captures = v == A(true);
        else if (k == atom_from_cstr("on"))
            o->on = v == atom_from_cstr("first") ? NONE : v;
    }
    return kw == NIL;
}

/* A matching session: the pattern, the subject and match data. */
typedef struct Sess {
    Rx rx;
    Term subject;
    const uint8_t *s;
    size_t n;
    pcre2_match_data *md;
} Sess;

static bool sess_init(Proc *p, Sess *ss, Term re, Term subject, const char *fn, unsigned arity)
{
    if (!lib_bytes(subject, &ss->s, &ss->n)) {
        FCLAUSE(p, fn, arity);
        return false;
    }
    if (!regex_code(p, re, &ss->rx))
        return false;
    ss->subject = subject;
    ss->md = pcre2_match_data_create_from_pattern(ss->rx.code, regex_gcx());
    if (!ss->md) {
        lib_oom(p);
        return false;
    }
    bif_charge(p, (uint32_t)(ss->n / 32 + 1));
    return true;
}

static void sess_fini(Sess *ss) { pcre2_match_data_free(ss->md); }

/* One capture as a binary slice or an {offset, length} tuple. */
static Term capture(Proc *p, const Sess *ss, const PCRE2_SIZE *ov, uint32_t i, bool index)
{
    bool unset = ov[2 * i] == PCRE2_UNSET;
    if (index)
        return unset ? lib_tuple2(p, make_small(-1), make_small(0))
                     : lib_tuple2(p, make_small((int64_t)ov[2 * i]),
                                  make_small((int64_t)(ov[2 * i + 1] - ov[2 * i])));
    if (unset)
        return lib_bin(p, "", 0);
    return bin_sub(&p->heap, ss->subject, ov[2 * i] * 8, (ov[2 * i + 1] - ov[2 * i]) * 8);
}

static uint32_t name_table(const Rx *rx, PCRE2_SPTR *table, uint32_t *entry);

/* The group a capture: list item names: an index, or a group name as a
 * binary or an atom; -1 when the pattern has no such group. */
static int group_of(const Sess *ss, Term item)
{
    if (is_small(item))
        return small_val(item) >= 0 && small_val(item) < 64 ? (int)small_val(item) : -1;
    size_t n = 0;
    const char *name = is_atom(item) ? atom_text(item, &n) : NULL;
    const uint8_t *b;
    if (name == NULL && lib_bytes(item, &b, &n))
        name = (const char *)b;
    char buf[128];
    if (name == NULL || n >= sizeof buf)
        return -1;
    memcpy(buf, name, n);
    buf[n] = '\0';
    int g = pcre2_substring_number_from_name(ss->rx.code, (PCRE2_SPTR)buf);
    return g < 0 ? -1 : g;
}

/* Captures by group number, as :re does for :all_names (the names in
 * alphabetical order, PCRE2's table order) and for an explicit list:
 * a group that did not take part is "" (or {-1, 0}). */
static Term listed_captures(Proc *p, const Sess *ss, int rc, const RunOpts *o)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ss->md);
    Term items[64];
    size_t k = 0;
    if (o->capture == CAP_NAMES) {
        PCRE2_SPTR table;
        uint32_t entry, count = name_table(&ss->rx, &table, &entry);
        for (uint32_t i = 0; i < count && k < 64; i++) {
            PCRE2_SPTR e = table + i * entry;
            int g = (e[0] << 8) | e[1];
            items[k] = g < rc ? capture(p, ss, ov, (uint32_t)g, o->index)
                       : o->index ? lib_tuple2(p, make_small(-1), make_small(0)) : lib_bin(p, "", 0);
            if (items[k++] == NONE)
                return NONE;
        }
    } else {
        for (Term l = o->groups; is_cons(l) && k < 64; l = list_tail(l)) {
            int g = group_of(ss, list_head(l));
            if (g < 0)
                continue;
            items[k] = g < rc ? capture(p, ss, ov, (uint32_t)g, o->index)
                       : o->index ? lib_tuple2(p, make_small(-1), make_small(0)) : lib_bin(p, "", 0);
            if (items[k++] == NONE)
                return NONE;
        }
    }
    return lib_list(p, items, k, NIL);
}

/* The list of captures of one match (rc groups set), per capture mode. */
static Term captures(Proc *p, const Sess *ss, int rc, const RunOpts *o)
{
    if (o->capture == CAP_NAMES || o->capture == CAP_LIST)
        return listed_captures(p, ss, rc, o);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ss->md);
    uint32_t from = o->capture == CAP_ALL_BUT_FIRST ? 1 : 0;
    uint32_t to = o->capture == CAP_FIRST ? 1 : (uint32_t)rc;
    Term items[64];
    size_t k = 0;
    for (uint32_t i = from; i < to && k < 64; i++) {
        if ((items[k++] = capture(p, ss, ov, i, o->index)) == NONE)
            return NONE;
    }
    return lib_list(p, items, k, NIL);
}

static Term run(Proc *p, Term re, Term s, Term kw, unsigned arity)
{
    RunOpts o;
    Sess ss;
    if (!opts_of(kw, &o))
        return FCLAUSE(p, "run", 3);
    if (!sess_init(p, &ss, re, s, "run", arity))
        return NONE;
    size_t start = 0;
    bool empty = false;
    int rc = regex_next(&ss.rx, ss.s, ss.n, &start, &empty, ss.md);
    Term r = rc == 0 ? A(nil) : rc < 0 ? A(nil) : o.capture == CAP_NONE ? NIL : captures(p, &ss, rc, &o);
    sess_fini(&ss);
    return r == NONE ? lib_oom(p) : r;
}

static Term bif_run2(Proc *p, const Term *a) { return run(p, a[0], a[1], NIL, 2); }
static Term bif_run3(Proc *p, const Term *a) { return run(p, a[0], a[1], a[2], 3); }

/* Growing array of terms. */
typedef struct Vec {
    Term *v;
    size_t n, cap;
} Vec;

static bool vec_push(Vec *x, Term t)
{
    if (t == NONE)
        return false;
    if (x->n == x->cap) {
        size_t ncap = x->cap ? 2 * x->cap : 16;
        Term *nv = mem_realloc(MEM_SYSTEM, x->v, x->cap * sizeof(Term), ncap * sizeof(Term));
        if (!nv)
            return false;
        x->v = nv, x->cap = ncap;
    }
    x->v[x->n++] = t;
    return true;
}

static Term vec_list(Proc *p, Vec *x, bool ok)
{
    Term r = ok ? lib_list(p, x->v, x->n, NIL) : NONE;
    if (x->v)
        mem_free(MEM_SYSTEM, x->v, x->cap * sizeof(Term));
    return r;
}

static Term scan(Proc *p, Term re, Term s, Term kw, unsigned arity)
{
    RunOpts o;
    Sess ss;
    if (!opts_of(kw, &o))
        return FCLAUSE(p, "scan", 3);
    if (!sess_init(p, &ss, re, s, "scan", arity))
        return NONE;
    Vec out = {0};
    size_t start = 0;
    bool empty = false, ok = true;
    int rc;
    while (ok && (rc = regex_next(&ss.rx, ss.s, ss.n, &start, &empty, ss.md)) > 0)
        ok = vec_push(&out, captures(p, &ss, rc, &o));
    sess_fini(&ss);
    Term r = vec_list(p, &out, ok);
    return r == NONE ? lib_oom(p) : r;
}

static Term bif_scan2(Proc *p, const Term *a) { return scan(p, a[0], a[1], NIL, 2); }
static Term bif_scan3(Proc *p, const Term *a) { return scan(p, a[0], a[1], a[2], 3); }

Term regex_match(Proc *p, Term re, Term s)
{
    Sess ss;
    if (!sess_init(p, &ss, re, s, "match?", 2))
        return NONE;
    size_t start = 0;
    bool empty = false;
    int rc = regex_next(&ss.rx, ss.s, ss.n, &start, &empty, ss.md);
    sess_fini(&ss);
    return lib_bool(rc > 0);
}

static Term bif_match(Proc *p, const Term *a) { return regex_match(p, a[0], a[1]); }

/* Appends the replacement text for one match: \N, \g{N} and \0 insert
 * groups, \\ a backslash, anything else as it is. */
static void put_replacement(Strbuf *sb, const uint8_t *r, size_t rn, const Sess *ss, int rc)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ss->md);
    for (size_t i = 0; i < rn; i++) {
        if (r[i] != '\\' || i + 1 >= rn) {
            strbuf_putc(sb, (char)r[i]);
            continue;
        }
        size_t j = i + 1, g = 0;
        bool braces = r[j] == 'g' && j + 1 < rn && r[j + 1] == '{';
        if (braces)
            j += 2;
        size_t d0 = j;
        while (j < rn && r[j] >= '0' && r[j] <= '9' && (braces || j - d0 < 2))
            g = g * 10 + (r[j++] - '0');
        if (j == d0 || (braces && (j >= rn || r[j] != '}'))) {
            strbuf_putc(sb, (char)r[i + 1]);
            i++;
            continue;
        }
        if (braces)
            j++;
        if ((int)g < rc && ov[2 * g] != PCRE2_UNSET)
            strbuf_put(sb, ss->s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
        i = j - 1;
    }
}

Term regex_replace(Proc *p, Term re, Term s, Term repl, Term kw)
{
    RunOpts o;
    Sess ss;
    const uint8_t *r;
    size_t rn;
    if (!opts_of(kw, &o))
        return FCLAUSE(p, "replace", 4);
    if (!lib_bytes(repl, &r, &rn))
        return bif_raise_msg(p, "ArgumentError",
                             "a function replacement is not supported by this builtin");
    if (!sess_init(p, &ss, re, s, "replace", 4))
        return NONE;
    Strbuf sb;
    strbuf_init(&sb);
    size_t start = 0, copied = 0;
    bool empty = false;
    int rc;
    while ((rc = regex_next(&ss.rx, ss.s, ss.n, &start, &empty, ss.md)) > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ss.md);
        strbuf_put(&sb, ss.s + copied, ov[0] - copied);
        put_replacement(&sb, r, rn, &ss, rc);
        copied = ov[1];
        if (!o.global)
            break;
    }
    strbuf_put(&sb, ss.s + copied, ss.n - copied);
    sess_fini(&ss);
    Term t = lib_strbuf(p, &sb);
    return t == NONE ? lib_oom(p) : t;
}

static Term bif_replace3(Proc *p, const Term *a) { return regex_replace(p, a[0], a[1], a[2], NIL); }
static Term bif_replace4(Proc *p, const Term *a) { return regex_replace(p, a[0], a[1], a[2], a[3]); }

/* Pushes s[from, to) unless trimming an empty piece. */
static bool push_piece(Proc *p, Vec *out, const Sess *ss, size_t from, size_t to, bool trim)
{
    if (trim && from == to)
        return true;
    return vec_push(out, bin_sub(&p->heap, ss->subject, from * 8, (to - from) * 8));
}

/* Whether group g of the pattern is one split's on: option names: all
 * groups (:all with 0, :all_but_first without), or a listed number or
 * name (atom or string). */
static bool split_on(const Rx *rx, Term on, uint32_t g)
{
    if (on == atom_from_cstr("all"))
        return true;
    if (on == atom_from_cstr("all_but_first"))
        return g > 0;
    for (Term l = on; is_cons(l); l = list_tail(l)) {
        Term x = list_head(l);
        char name[128];
        size_t n;
        const uint8_t *b;
        if (is_small(x) && small_val(x) == (int64_t)g)
            return true;
        if (is_atom(x)) {
            const char *a = atom_text(x, &n);
            b = (const uint8_t *)a;
        } else if (!lib_bytes(x, &b, &n)) {
            continue;
        }
        if (n >= sizeof name)
            continue;
        memcpy(name, b, n);
        name[n] = '\0';
        int num = pcre2_substring_number_from_name(rx->code, (PCRE2_SPTR)name);
        if (num >= 0 && (uint32_t)num == g)
            return true;
    }
    return false;
}

Term regex_split(Proc *p, Term re, Term s, Term kw)
{
    RunOpts o;
    Sess ss;
    if (!opts_of(kw, &o))
        return FCLAUSE(p, "split", 3);
    if (!sess_init(p, &ss, re, s, "split", 3))
        return NONE;
    Vec out = {0};
    size_t start = 0, piece = 0;
    bool empty = false, ok = true;
    while (ok && (o.parts == 0 || (int64_t)out.n < o.parts - 1) &&
           regex_next(&ss.rx, ss.s, ss.n, &start, &empty, ss.md) > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ss.md);
        for (uint32_t g = 0; ok && g <= (o.on == NONE ? 0 : ss.rx.ncap); g++) {
            if (ov[2 * g] == PCRE2_UNSET || ov[2 * g] < piece ||
                (o.on != NONE && !split_on(&ss.rx, o.on, g)))
                continue;
            ok = push_piece(p, &out, &ss, piece, ov[2 * g], o.trim);
            if (ok && o.include_captures)
                ok = push_piece(p, &out, &ss, ov[2 * g], ov[2 * g + 1], false);
            piece = ov[2 * g + 1];
        }
    }
    if (ok)
        ok = push_piece(p, &out, &ss, piece, ss.n, o.trim);
    sess_fini(&ss);
    Term r = vec_list(p, &out, ok);
    return r == NONE ? lib_oom(p) : r;
}

static Term bif_split2(Proc *p, const Term *a) { return regex_split(p, a[0], a[1], NIL); }
static Term bif_split3(Proc *p, const Term *a) { return regex_split(p, a[0], a[1], a[2]); }

/* The group names and numbers of a pattern, via PCRE2's name table. */
static uint32_t name_table(const Rx *rx, PCRE2_SPTR *table, uint32_t *entry)
{
    uint32_t count = 0;
    pcre2_pattern_info(rx->code, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(rx->code, PCRE2_INFO_NAMETABLE, table);
    pcre2_pattern_info(rx->code, PCRE2_INFO_NAMEENTRYSIZE, entry);
    return count;
}

static Term named_captures(Proc *p, Term re, Term s, Term kw, unsigned arity)
{
    RunOpts o;
    Sess ss;
    if (!opts_of(kw, &o))
        return FCLAUSE(p, "named_captures", 3);
    if (!sess_init(p, &ss, re, s, "named_captures", arity))
        return NONE;
    size_t start = 0;
    bool empty = false;
    int rc = regex_next(&ss.rx, ss.s, ss.n, &start, &empty, ss.md);
    Term m = rc > 0 ? map_new(&p->heap) : A(nil);
    PCRE2_SPTR table;
    uint32_t entry, count = rc > 0 ? name_table(&ss.rx, &table, &entry) : 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ss.md);
    for (uint32_t i = 0; i < count && m != NONE; i++) {
        PCRE2_SPTR e = table + i * entry;
        uint32_t g = ((uint32_t)e[0] << 8) | e[1];
        const char *name = (const char *)e + 2;
        Term k = lib_str(p, name);
        Term v = (int)g < rc ? capture(p, &ss, ov, g, o.index) : lib_bin(p, "", 0);
        m = k == NONE || v == NONE ? NONE : map_put(&p->heap, m, k, v);
    }
    sess_fini(&ss);
    return m == NONE ? lib_oom(p) : m;
}

static Term bif_named2(Proc *p, const Term *a) { return named_captures(p, a[0], a[1], NIL, 2); }
static Term bif_named3(Proc *p, const Term *a) { return named_captures(p, a[0], a[1], a[2], 3); }

/* names/1: the group names in alphabetical order (PCRE2's table order). */
static Term bif_names(Proc *p, const Term *a)
{
    Rx rx;
    if (!regex_code(p, a[0], &rx))
        return NONE;
    PCRE2_SPTR table;
    uint32_t entry, count = name_table(&rx, &table, &entry);
    Vec out = {0};
    bool ok = true;
    for (uint32_t i = 0; i < count && ok; i++)
        ok = vec_push(&out, lib_str(p, (const char *)table + i * entry + 2));
    Term r = vec_list(p, &out, ok);
    return r == NONE ? lib_oom(p) : r;
}

static const BifDef run_bifs[] = {
    {"Elixir.Regex", "run", 2, BIF_PURE, bif_run2, NULL},
    {"Elixir.Regex", "run", 3, BIF_PURE, bif_run3, NULL},
    {"Elixir.Regex", "scan", 2, BIF_PURE, bif_scan2, NULL},
    {"Elixir.Regex", "scan", 3, BIF_PURE, bif_scan3, NULL},
    {"Elixir.Regex", "match?", 2, BIF_PURE, bif_match, NULL},
    {"Elixir.Regex", "replace", 3, BIF_PURE, bif_replace3, NULL},
    {"Elixir.Regex", "replace", 4, BIF_PURE, bif_replace4, NULL},
    /* The string replacement under a name lib/ex/regex.ex can call once
     * its replace/3,4 (which also take a function) hides these. */
    {"Elixir.Regex", "__replace__", 4, BIF_PURE, bif_replace4, NULL},
    {"Elixir.Regex", "split", 2, BIF_PURE, bif_split2, NULL},
    {"Elixir.Regex", "split", 3, BIF_PURE, bif_split3, NULL},
    {"Elixir.Regex", "named_captures", 2, BIF_PURE, bif_named2, NULL},
    {"Elixir.Regex", "named_captures", 3, BIF_PURE, bif_named3, NULL},
    {"Elixir.Regex", "names", 1, BIF_PURE, bif_names, NULL},
};

int regex_run_register(void)
{
    return bif_register(run_bifs, LIB_NDEFS(run_bifs));
}
