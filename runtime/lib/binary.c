/* binary.c — the :binary module's common functions: compile_pattern,
 * split, match, matches, replace, part, copy, at, first, last,
 * bin_to_list, list_to_bin, encode/decode_unsigned.
 *
 * A compiled pattern is {:mote_cp, pattern} (the binary or list given):
 * matching is a plain scan, so "compiling" only checks the argument; the
 * tuple survives message passing like any term.
 */
#include "big.h"
#include "bin.h"
#include "lib.h"
#include "mem.h"
#include "strbuf.h"
#include "text.h"

static Term done(Proc *p, Term r) { return r == NONE ? lib_oom(p) : r; }

static Term bif_compile_pattern(Proc *p, const Term *a)
{
    Pats ps;
    if (!text_pats(a[0], &ps) || ps.count == 0 || ps.has_empty)
        return bif_badarg(p, 1, "not a valid pattern");
    return done(p, lib_tuple2(p, atom_from_cstr("mote_cp"), a[0]));
}

typedef struct BOpts {
    bool global, trim, trim_all;
} BOpts;

static bool bopts_of(Term l, BOpts *o)
{
    *o = (BOpts){0};
    for (; is_cons(l); l = list_tail(l)) {
        Term x = list_head(l);
        if (x == atom_from_cstr("global"))
            o->global = true;
        else if (x == atom_from_cstr("trim"))
            o->trim = true;
        else if (x == atom_from_cstr("trim_all"))
            o->trim_all = true;
        else
            return false;
    }
    return l == NIL;
}

/* Common argument checks: subject bytes, patterns (non-empty ones
 * only), options. 0 or the bad argument's number. */
static unsigned args_of(const Term *a, unsigned nargs, const uint8_t **s, size_t *n, Pats *ps,
                        BOpts *o)
{
    if (!lib_bytes(a[0], s, n))
        return 1;
    if (!text_pats(a[1], ps) || ps->count == 0 || ps->has_empty)
        return 2;
    if (!bopts_of(nargs > 2 ? a[nargs - 1] : NIL, o))
        return nargs;
    return 0;
}

static Term split(Proc *p, const Term *a, unsigned nargs)
{
    const uint8_t *s;
    size_t n, start = 0, pos, len;
    Pats ps;
    BOpts o;
    unsigned bad = args_of(a, nargs, &s, &n, &ps, &o);
    if (bad)
        return bif_badarg(p, bad, "not a valid argument");
    Term parts[512];
    size_t k = 0;
    while (k < 511 && text_next_match(s, n, start, &ps, &pos, &len)) {
        if (!(o.trim_all && pos == start))
            if ((parts[k++] = bin_sub(&p->heap, a[0], start * 8, (pos - start) * 8)) == NONE)
                return lib_oom(p);
        start = pos + len;
        if (!o.global)
            break;
    }
    if (!(o.trim_all && start == n))
        if ((parts[k++] = bin_sub(&p->heap, a[0], start * 8, (n - start) * 8)) == NONE)
            return lib_oom(p);
    /* trim drops empty parts at the end only. */
    while (o.trim && k > 0 && is_binary(parts[k - 1])) {
        const uint8_t *x;
        size_t xn;
        lib_bytes(parts[k - 1], &x, &xn);
        if (xn)
            break;
        k--;
    }
    bif_charge(p, (uint32_t)(n / 16 + 1));
    return done(p, lib_list(p, parts, k, NIL));
}

static Term bif_split2(Proc *p, const Term *a) { return split(p, a, 2); }
static Term bif_split3(Proc *p, const Term *a) { return split(p, a, 3); }

static Term bif_match(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n, pos, len;
    Pats ps;
    BOpts o;
    unsigned bad = args_of(a, 2, &s, &n, &ps, &o);
    if (bad)
        return bif_badarg(p, bad, "not a valid argument");
    if (!text_next_match(s, n, 0, &ps, &pos, &len))
        return atom_from_cstr("nomatch");
    return done(p, lib_tuple2(p, make_small((int64_t)pos), make_small((int64_t)len)));
}

static Term bif_matches(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n, pos, len, from = 0;
    Pats ps;
    BOpts o;
    unsigned bad = args_of(a, 2, &s, &n, &ps, &o);
    if (bad)
        return bif_badarg(p, bad, "not a valid argument");
    Term found[512];
    size_t k = 0;
    while (k < 512 && text_next_match(s, n, from, &ps, &pos, &len)) {
        if ((found[k++] = lib_tuple2(p, make_small((int64_t)pos), make_small((int64_t)len))) == NONE)
            return lib_oom(p);
        from = pos + len;
    }
    return done(p, lib_list(p, found, k, NIL));
}

static Term replace(Proc *p, const Term *a, unsigned nargs)
{
    const uint8_t *s, *r;
    size_t n, rn, start = 0, pos, len;
    Pats ps;
    BOpts o;
    Term args[3] = {a[0], a[1], nargs == 4 ? a[3] : NIL};
    unsigned bad = args_of(args, 3, &s, &n, &ps, &o);
    if (bad)
        return bif_badarg(p, bad == 3 ? nargs : bad, "not a valid argument");
    if (!lib_bytes(a[2], &r, &rn))
        return bif_badarg(p, 3, "not a binary");
    Strbuf sb;
    strbuf_init(&sb);
    while (text_next_match(s, n, start, &ps, &pos, &len)) {
        strbuf_put(&sb, s + start, pos - start);
        strbuf_put(&sb, r, rn);
        start = pos + len;
        if (!o.global)
            break;
    }
    strbuf_put(&sb, s + start, n - start);
    bif_charge(p, (uint32_t)(n / 16 + 1));
    return done(p, lib_strbuf(p, &sb));
}

static Term bif_replace3(Proc *p, const Term *a) { return replace(p, a, 3); }
static Term bif_replace4(Proc *p, const Term *a) { return replace(p, a, 4); }

static Term bif_part2(Proc *p, const Term *a)
{
    return bif_lookup(A(erlang), atom_from_cstr("binary_part"), 2)->fn(p, a);
}

static Term bif_part3(Proc *p, const Term *a)
{
    return bif_lookup(A(erlang), atom_from_cstr("binary_part"), 3)->fn(p, a);
}

static Term copy(Proc *p, Term b, Term times)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(b, &s, &n))
        return bif_badarg(p, 1, "not a binary");
    if (!is_small(times) || small_val(times) < 0)
        return bif_badarg(p, 2, "not a non-negative integer");
    Strbuf sb;
    strbuf_init(&sb);
    for (int64_t i = 0; i < small_val(times); i++)
        strbuf_put(&sb, s, n);
    bif_charge(p, (uint32_t)(sb.len / 64 + 1));
    return done(p, lib_strbuf(p, &sb));
}

static Term bif_copy1(Proc *p, const Term *a) { return copy(p, a[0], make_small(1)); }
static Term bif_copy2(Proc *p, const Term *a) { return copy(p, a[0], a[1]); }

static Term bif_at(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(a[0], &s, &n))
        return bif_badarg(p, 1, "not a binary");
    if (!is_small(a[1]) || small_val(a[1]) < 0 || (size_t)small_val(a[1]) >= n)
        return bif_badarg(p, 2, "out of range");
    return make_small(s[small_val(a[1])]);
}

static Term end_byte(Proc *p, Term b, bool last)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(b, &s, &n))
        return bif_badarg(p, 1, "not a binary");
    if (n == 0)
        return bif_badarg(p, 1, "a zero-sized binary is not allowed");
    return make_small(s[last ? n - 1 : 0]);
}

static Term bif_first(Proc *p, const Term *a) { return end_byte(p, a[0], false); }
static Term bif_last(Proc *p, const Term *a) { return end_byte(p, a[0], true); }

static Term bif_bin_to_list(Proc *p, const Term *a)
{
    return bif_lookup(A(erlang), atom_from_cstr("binary_to_list"), 1)->fn(p, a);
}

static Term bif_list_to_bin(Proc *p, const Term *a)
{
    return bif_lookup(A(erlang), atom_from_cstr("list_to_binary"), 1)->fn(p, a);
}

static Term bif_decode_unsigned(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(a[0], &s, &n))
        return bif_badarg(p, 1, "not a binary");
    Term acc = make_small(0);
    for (size_t i = 0; i < n && acc != NONE; i++) {
        acc = int_bsl(&p->heap, acc, 8);
        acc = acc == NONE ? NONE : int_bor(&p->heap, acc, make_small(s[i]));
    }
    return done(p, acc);
}

static Term bif_encode_unsigned(Proc *p, const Term *a)
{
    if (!is_integer(a[0]) || int_sign(a[0]) < 0)
        return bif_badarg(p, 1, "not a non-negative integer");
    char hex[4096];
    size_t len = int_to_text(a[0], 16, hex, sizeof hex);
    if (len >= sizeof hex)
        return bif_error(p, A(system_limit));
    uint8_t out[2048];
    size_t k = 0, i = 0;
    if (len % 2)
        out[k++] = (uint8_t)(hex[i++] <= '9' ? hex[0] - '0' : hex[0] - 'A' + 10);
    for (; i < len; i += 2) {
        int hi = hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'A' + 10;
        int lo = hex[i + 1] <= '9' ? hex[i + 1] - '0' : hex[i + 1] - 'A' + 10;
        out[k++] = (uint8_t)(hi * 16 + lo);
    }
    return done(p, lib_bin(p, out, k));
}

static const BifDef binary_bifs[] = {
    {"binary", "compile_pattern", 1, BIF_PURE, bif_compile_pattern, NULL},
    {"binary", "split", 2, BIF_PURE, bif_split2, NULL},
    {"binary", "split", 3, BIF_PURE, bif_split3, NULL},
    {"binary", "match", 2, BIF_PURE, bif_match, NULL},
    {"binary", "matches", 2, BIF_PURE, bif_matches, NULL},
    {"binary", "replace", 3, BIF_PURE, bif_replace3, NULL},
    {"binary", "replace", 4, BIF_PURE, bif_replace4, NULL},
    {"binary", "part", 2, BIF_PURE, bif_part2, NULL},
    {"binary", "part", 3, BIF_PURE, bif_part3, NULL},
    {"binary", "copy", 1, BIF_PURE, bif_copy1, NULL},
    {"binary", "copy", 2, BIF_PURE, bif_copy2, NULL},
    {"binary", "at", 2, BIF_PURE, bif_at, NULL},
    {"binary", "first", 1, BIF_PURE, bif_first, NULL},
    {"binary", "last", 1, BIF_PURE, bif_last, NULL},
    {"binary", "bin_to_list", 1, BIF_PURE, bif_bin_to_list, NULL},
    {"binary", "list_to_bin", 1, BIF_PURE, bif_list_to_bin, NULL},
    {"binary", "decode_unsigned", 1, BIF_PURE, bif_decode_unsigned, NULL},
    {"binary", "encode_unsigned", 1, BIF_PURE, bif_encode_unsigned, NULL},
};

int lib_binary_register(void)
{
    return bif_register(binary_bifs, LIB_NDEFS(binary_bifs));
}
