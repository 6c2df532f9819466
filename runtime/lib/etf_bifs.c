/* etf_bifs.c — :erlang.term_to_binary/1,2, binary_to_term/1,2 and
 * external_size/1 over the codec in etf.c.
 *
 * Options and errors are OTP 25's. mote links no zlib, so :compressed
 * (and {:compressed, level}) is accepted and ignored: the output is the
 * uncompressed encoding, which every reader accepts, and a compressed
 * input (tag 80) is refused as invalid.
 */
#include "bin.h"
#include "etf.h"
#include "lib.h"
#include "node.h"

/* Reads term_to_binary's option list into o; false when it is not one. */
static bool enc_opts(Term opts, EtfEncOpts *o)
{
    for (; is_cons(opts); opts = list_tail(opts)) {
        Term x = list_head(opts);
        if (lib_atom_is(x, "compressed") || lib_atom_is(x, "deterministic"))
            continue;
        if (!is_tuple(x) || tuple_size(x) != 2 || !is_small(tuple_get(x, 1)))
            return false;
        int64_t v = small_val(tuple_get(x, 1));
        if (lib_atom_is(tuple_get(x, 0), "compressed") && v >= 0 && v <= 9)
            continue;
        if (lib_atom_is(tuple_get(x, 0), "minor_version") && v >= 0 && v <= 2)
            o->minor_version = (unsigned)v;
        else
            return false;
    }
    return opts == NIL;
}

static Term node_name(Proc *p)
{
    return p->node->name != NONE && p->node->name != 0 ? p->node->name : A(nonode_at_nohost);
}

/* The encoding of a[0] as a binary, or its size when `size_only`. */
static Term encode(Proc *p, Term t, Term opts, bool size_only)
{
    EtfEncOpts o = {.minor_version = 1, .node = node_name(p)};
    if (opts != NONE && !enc_opts(opts, &o))
        return bif_badarg(p, 2, is_list(opts) ? "invalid option in list" : "not a list");
    Strbuf sb;
    strbuf_init(&sb);
    int rc = etf_encode(t, &o, &sb);
    Term r = NONE;
    if (rc == MOTE_EBADARG)
        r = bif_badarg(p, 1, "a local fun cannot be encoded by mote");
    else if (rc != 0)
        r = lib_oom(p);
    else {
        bif_charge(p, (uint32_t)(sb.len / 64 + 1));
        r = size_only ? lib_int(p, (int64_t)sb.len) : lib_bin(p, sb.data, sb.len);
        if (r == NONE)
            r = lib_oom(p);
    }
    strbuf_fini(&sb);
    return r;
}

static Term b_term_to_binary(Proc *p, const Term *a) { return encode(p, a[0], NONE, false); }
static Term b_term_to_binary2(Proc *p, const Term *a) { return encode(p, a[0], a[1], false); }
static Term b_external_size(Proc *p, const Term *a) { return encode(p, a[0], NONE, true); }

static Term decode(Proc *p, Term bin, Term opts)
{
    EtfDecOpts o = {.safe = false, .node = node_name(p)};
    bool used = false;
    for (; opts != NONE && is_cons(opts); opts = list_tail(opts)) {
        if (lib_atom_is(list_head(opts), "safe"))
            o.safe = true;
        else if (lib_atom_is(list_head(opts), "used"))
            used = true;
        else
            return bif_badarg(p, 2, "invalid option in list");
    }
    if (opts != NONE && opts != NIL)
        return bif_badarg(p, 2, "not a list");
    const uint8_t *s;
    size_t len, n = 0;
    if (!bin_bytes(bin, &s, &len))
        return bif_badarg(p, 1, "not a binary");
    Term t;
    int rc = etf_decode(&p->heap, s, len, &o, &t, &n);
    bif_charge(p, (uint32_t)(len / 64 + 1));
    if (rc == MOTE_ENOMEM)
        return lib_oom(p);
    if (rc == MOTE_EINVAL)
        return bif_badarg(p, 1, "invalid or unsafe external representation of a term");
    if (rc != 0)
        return bif_badarg(p, 1, "invalid external representation of a term");
    if (!used)
        return t;
    Term r = lib_tuple2(p, t, lib_int(p, (int64_t)n));
    return r == NONE ? lib_oom(p) : r;
}

static Term b_binary_to_term(Proc *p, const Term *a) { return decode(p, a[0], NONE); }
static Term b_binary_to_term2(Proc *p, const Term *a) { return decode(p, a[0], a[1]); }

static const BifDef etf_bifs[] = {
    {"erlang", "term_to_binary", 1, 0, b_term_to_binary, NULL},
    {"erlang", "term_to_binary", 2, 0, b_term_to_binary2, NULL},
    {"erlang", "external_size", 1, 0, b_external_size, NULL},
    {"erlang", "binary_to_term", 1, 0, b_binary_to_term, NULL},
    {"erlang", "binary_to_term", 2, 0, b_binary_to_term2, NULL},
};

int lib_etf_register(void)
{
    return bif_register(etf_bifs, LIB_NDEFS(etf_bifs));
}
