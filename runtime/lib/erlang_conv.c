/* erlang_conv.c — :erlang conversions (atoms, integers, floats, lists and
 * binaries), binary slicing, and the runtime's figures (time, memory,
 * statistics, system_info, unique integers).
 *
 * Argument errors carry Erlang/OTP 25's per-argument texts, which is what
 * Elixir 1.14 shows ("1st argument: not a binary").
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "atom.h"
#include "big.h"
#include "bin.h"
#include "inspect.h"
#include "jit.h"
#include "lib.h"
#include "mem.h"
#include "node.h"
#include "phash.h"
#include "strbuf.h"
#include "utf8.h"

static Term ok_or_oom(Proc *p, Term t) { return t == NONE ? lib_oom(p) : t; }

/* ---- atoms ------------------------------------------------------------ */

static Term bif_atom_to_binary(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_badarg(p, 1, "not an atom");
    size_t n;
    const char *s = atom_text(a[0], &n);
    return ok_or_oom(p, lib_bin(p, s, n));
}

static Term atom_from_bin(Proc *p, Term b, bool existing)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(b, &s, &n))
        return bif_badarg(p, 1, "not a binary");
    /* Erlang's reasons: bad UTF-8 first, then more than 255 characters
     * (a system limit), then the atom table. */
    if (!utf8_valid(s, n))
        return bif_badarg(p, 1, "invalid UTF8 encoding");
    if (utf8_count(s, n) > 255)
        return lib_oom(p);
    Term t = existing ? atom_lookup((const char *)s, n) : atom_intern((const char *)s, n);
    if (t == NONE)
        return bif_badarg(p, 1, existing ? "not an already existing atom" : "invalid atom name");
    return t;
}

static Term bif_binary_to_atom(Proc *p, const Term *a) { return atom_from_bin(p, a[0], false); }
static Term bif_binary_to_existing_atom(Proc *p, const Term *a)
{
    return atom_from_bin(p, a[0], true);
}

static Term bif_atom_to_list(Proc *p, const Term *a)
{
    if (!is_atom(a[0]))
        return bif_badarg(p, 1, "not an atom");
    size_t n;
    const char *s = atom_text(a[0], &n);
    Term bin = lib_bin(p, s, n);
    if (bin == NONE)
        return lib_oom(p);
    return lib_text_to_charlist(p, bin);
}

static Term list_to_atom(Proc *p, Term l, bool existing)
{
    if (!is_list(l))
        return bif_badarg(p, 1, "not a list");
    Strbuf sb;
    strbuf_init(&sb);
    for (Term x = l; is_cons(x); x = list_tail(x))
        if (!is_small(list_head(x))) {
            strbuf_fini(&sb);
            return bif_badarg(p, 1, "not a list of characters");
        }
    if (lib_list_len(l) < 0 || lib_iodata(l, true, &sb) != 0) {
        strbuf_fini(&sb);
        return bif_badarg(p, 1, "not a list of characters");
    }
    Term t = existing ? atom_lookup(strbuf_cstr(&sb), sb.len) : atom_intern(strbuf_cstr(&sb), sb.len);
    strbuf_fini(&sb);
    if (t == NONE)
        return bif_badarg(p, 1, existing ? "not an already existing atom" : "invalid atom name");
    return t;
}

static Term bif_list_to_atom(Proc *p, const Term *a) { return list_to_atom(p, a[0], false); }
static Term bif_list_to_existing_atom(Proc *p, const Term *a) { return list_to_atom(p, a[0], true); }

/* ---- integers ------------------------------------------------------------ */

static bool get_base(Term t, int *base)
{
    if (!is_small(t) || small_val(t) < 2 || small_val(t) > 36)
        return false;
    *base = (int)small_val(t);
    return true;
}

static Term int_text(Proc *p, Term i, Term base_t, bool as_list)
{
    int base = 10;
    if (!is_integer(i))
        return bif_badarg(p, 1, "not an integer");
    if (base_t != NONE && !get_base(base_t, &base))
        return bif_badarg(p, 2, "not an integer in the range 2 through 36");
    char small[80];
    size_t n = int_to_text(i, base, small, sizeof small);
    char *buf = small;
    if (n >= sizeof small) {
        buf = mem_alloc(MEM_SYSTEM, n + 1);
        if (!buf)
            return lib_oom(p);
        int_to_text(i, base, buf, n + 1);
        bif_charge(p, (uint32_t)(n / 16));
    }
    Term r = lib_bin(p, buf, n);
    if (buf != small)
        mem_free(MEM_SYSTEM, buf, n + 1);
    if (r != NONE && as_list)
        return lib_text_to_charlist(p, r);
    return ok_or_oom(p, r);
}

static Term bif_integer_to_binary(Proc *p, const Term *a) { return int_text(p, a[0], NONE, false); }
static Term bif_integer_to_binary2(Proc *p, const Term *a) { return int_text(p, a[0], a[1], false); }
static Term bif_integer_to_list(Proc *p, const Term *a) { return int_text(p, a[0], NONE, true); }
static Term bif_integer_to_list2(Proc *p, const Term *a) { return int_text(p, a[0], a[1], true); }

static Term text_int(Proc *p, const uint8_t *s, size_t n, Term base_t)
{
    int base = 10;
    if (base_t != NONE && !get_base(base_t, &base))
        return bif_badarg(p, 2, "not an integer in the range 2 through 36");
    Term r = n ? int_from_text(&p->heap, (const char *)s, n, base) : NONE;
    if (r == NONE)
        return bif_badarg(p, 1, "not a textual representation of an integer");
    bif_charge(p, (uint32_t)(n / 16));
    return r;
}

static Term bin_int(Proc *p, Term b, Term base)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(b, &s, &n))
        return bif_badarg(p, 1, "not a binary");
    return text_int(p, s, n, base);
}

static Term list_int(Proc *p, Term l, Term base)
{
    Strbuf sb;
    strbuf_init(&sb);
    if (lib_list_len(l) < 0 || lib_iodata(l, true, &sb) != 0) {
        strbuf_fini(&sb);
        return bif_badarg(p, 1, "not a list");
    }
    Term r = text_int(p, (const uint8_t *)strbuf_cstr(&sb), sb.len, base);
    strbuf_fini(&sb);
    return r;
}

static Term bif_binary_to_integer(Proc *p, const Term *a) { return bin_int(p, a[0], NONE); }
static Term bif_binary_to_integer2(Proc *p, const Term *a) { return bin_int(p, a[0], a[1]); }
static Term bif_list_to_integer(Proc *p, const Term *a) { return list_int(p, a[0], NONE); }
static Term bif_list_to_integer2(Proc *p, const Term *a) { return list_int(p, a[0], a[1]); }

/* ---- floats ------------------------------------------------------------------ */

/* Erlang's float syntax: [+-]digits.digits[(e|E)[+-]digits]. */
bool lib_parse_float(const uint8_t *s, size_t n, double *out)
{
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t d0 = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == d0 || i >= n || s[i] != '.')
        return false;
    size_t f0 = ++i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == f0)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t e0 = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == e0)
            return false;
    }
    if (i != n || n > 1000)
        return false;
    char buf[1001];
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    double d = strtod(buf, NULL);
    if (!isfinite(d))
        return false;
    *out = d;
    return true;
}

static Term bif_binary_to_float(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    double d;
    if (!lib_bytes(a[0], &s, &n))
        return bif_badarg(p, 1, "not a binary");
    if (!lib_parse_float(s, n, &d))
        return bif_badarg(p, 1, "not a textual representation of a float");
    return ok_or_oom(p, lib_float(p, d));
}

static Term bif_list_to_float(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    double d;
    bool ok = lib_list_len(a[0]) >= 0 && lib_iodata(a[0], true, &sb) == 0 &&
              lib_parse_float((const uint8_t *)strbuf_cstr(&sb), sb.len, &d);
    strbuf_fini(&sb);
    if (!ok)
        return bif_badarg(p, 1, "not a textual representation of a float");
    return ok_or_oom(p, lib_float(p, d));
}

/* {decimals, n} text as erts writes it for n <= 18: the fraction, scaled
 * by 10^n in double arithmetic, rounds half up. So 0.045 gives "0.05"
 * (0.045 * 100 is 4.5 in doubles) though its exact value is below the
 * tie, while 2.675 gives "2.67"; printf's exact rounding differs. */
static void fixed_fast(double d, int decimals, Strbuf *sb)
{
    uint64_t pow10 = 1;
    for (int i = 0; i < decimals; i++)
        pow10 *= 10;
    double a = fabs(d);
    uint64_t ip = (uint64_t)a;
    uint64_t fp = (uint64_t)((a - (double)ip) * (double)pow10 + 0.5);
    if (fp >= pow10) {
        ip++;
        fp -= pow10;
    }
    strbuf_printf(sb, "%s%" PRIu64, signbit(d) ? "-" : "", ip);
    if (decimals > 0)
        strbuf_printf(sb, ".%0*" PRIu64, decimals, fp);
}

/* float_to_binary options: [short], [{decimals, N}, compact],
 * [{scientific, N}]; the default is scientific with 20 digits. Writes the
 * text to sb; false for a bad option list. */
static bool float_text(double d, Term opts, Strbuf *sb)
{
    int decimals = -1, scientific = 20;
    bool compact = false, shortest = false;
    for (; is_cons(opts); opts = list_tail(opts)) {
        Term o = list_head(opts);
        if (o == atom_from_cstr("compact")) {
            compact = true;
        } else if (o == atom_from_cstr("short")) {
            shortest = true;
        } else if (is_tuple(o) && tuple_size(o) == 2 && is_small(tuple_get(o, 1)) &&
                   small_val(tuple_get(o, 1)) >= 0) {
            int64_t v = small_val(tuple_get(o, 1));
            if (tuple_get(o, 0) == atom_from_cstr("decimals") && v <= 253)
                decimals = (int)v, shortest = false;
            else if (tuple_get(o, 0) == atom_from_cstr("scientific") && v <= 249)
                scientific = (int)v, decimals = -1, shortest = false;
            else
                return false;
        } else {
            return false;
        }
    }
    if (opts != NIL)
        return false;
    if (shortest) {
        char buf[FMT_FLOAT_MAX];
        strbuf_put(sb, buf, fmt_float(d, buf));
        return true;
    }
    if (decimals < 0) {
        strbuf_printf(sb, "%.*e", scientific, d);
        return true;
    }
    size_t start = sb->len;
    if (decimals <= 18 && fabs(d) < 9.2e18)
        fixed_fast(d, decimals, sb);
    else
        strbuf_printf(sb, "%.*f", decimals, d);
    if (compact && decimals > 0 && !strbuf_failed(sb)) {
        /* Trailing zeros go, but one digit stays after the point. */
        while (sb->len > start + 2 && sb->data[sb->len - 1] == '0' &&
               sb->data[sb->len - 2] != '.')
            sb->data[--sb->len] = '\0';
    }
    return true;
}

static Term float_conv(Proc *p, Term f, Term opts, bool as_list)
{
    if (!is_float(f))
        return bif_badarg(p, 1, "not a float");
    Strbuf sb;
    strbuf_init(&sb);
    if (!float_text(float_val(f), opts, &sb)) {
        strbuf_fini(&sb);
        return bif_badarg(p, 2, "invalid option in list");
    }
    Term r = lib_strbuf(p, &sb);
    if (r != NONE && as_list)
        return lib_text_to_charlist(p, r);
    return ok_or_oom(p, r);
}

static Term bif_float_to_binary(Proc *p, const Term *a) { return float_conv(p, a[0], NIL, false); }
static Term bif_float_to_binary2(Proc *p, const Term *a) { return float_conv(p, a[0], a[1], false); }
static Term bif_float_to_list(Proc *p, const Term *a) { return float_conv(p, a[0], NIL, true); }
static Term bif_float_to_list2(Proc *p, const Term *a) { return float_conv(p, a[0], a[1], true); }

/* ---- binaries and lists ------------------------------------------------ */

static Term bif_iolist_to_binary(Proc *p, const Term *a)
{
    if (is_binary(a[0]))
        return a[0];
    Strbuf sb;
    strbuf_init(&sb);
    int rc = is_list(a[0]) ? lib_iodata(a[0], false, &sb) : -1;
    if (rc < 0) {
        strbuf_fini(&sb);
        return rc == -1 ? bif_badarg(p, 1, "not an iodata term") : lib_oom(p);
    }
    bif_charge(p, (uint32_t)(sb.len / 64));
    return ok_or_oom(p, lib_strbuf(p, &sb));
}

static Term bif_list_to_binary(Proc *p, const Term *a)
{
    if (!is_list(a[0]))
        return bif_badarg(p, 1, "not an iolist term");
    Strbuf sb;
    strbuf_init(&sb);
    int rc = lib_iodata(a[0], false, &sb);
    if (rc < 0) {
        strbuf_fini(&sb);
        return rc == -1 ? bif_badarg(p, 1, "not an iolist term") : lib_oom(p);
    }
    bif_charge(p, (uint32_t)(sb.len / 64));
    return ok_or_oom(p, lib_strbuf(p, &sb));
}

static Term bif_iolist_size(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    int rc = is_list(a[0]) || is_binary(a[0]) ? lib_iodata(a[0], false, &sb) : -1;
    size_t n = sb.len;
    strbuf_fini(&sb);
    if (rc < 0)
        return rc == -1 ? bif_badarg(p, 1, "not an iodata term") : lib_oom(p);
    return make_small((int64_t)n);
}

static Term bif_binary_to_list(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(a[0], &s, &n))
        return bif_badarg(p, 1, "not a binary");
    Term *w = n ? heap_alloc(&p->heap, 2 * n) : NULL;
    if (n && !w)
        return lib_oom(p);
    for (size_t i = 0; i < n; i++) {
        w[2 * i] = make_small(s[i]);
        w[2 * i + 1] = i + 1 < n ? make_list(w + 2 * i + 2) : NIL;
    }
    bif_charge(p, (uint32_t)(n / 16));
    return n ? make_list(w) : NIL;
}

static Term bif_byte_size(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t off, bits;
    if (!is_bitstring(a[0]))
        return bif_badarg(p, 1, "not a bitstring");
    bin_bits(a[0], &s, &off, &bits);
    return make_small((int64_t)((bits + 7) / 8));
}

static Term bif_bit_size(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t off, bits;
    if (!is_bitstring(a[0]))
        return bif_badarg(p, 1, "not a bitstring");
    bin_bits(a[0], &s, &off, &bits);
    return make_small((int64_t)bits);
}

/* binary_part(bin, start, len): len may be negative (counts back). */
static Term binary_part(Proc *p, Term b, Term st, Term ln)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(b, &s, &n))
        return bif_badarg(p, 1, "not a binary");
    if (!is_small(st))
        return bif_badarg(p, 2, "not an integer");
    if (!is_small(ln))
        return bif_badarg(p, 3, "not an integer");
    int64_t start = small_val(st), len = small_val(ln);
    if (len < 0)
        start += len, len = -len;
    if (start < 0 || (size_t)start > n)
        return bif_badarg(p, 2, "out of range");
    if ((size_t)(start + len) > n)
        return bif_badarg(p, 3, "out of range");
    return ok_or_oom(p, bin_sub(&p->heap, b, (size_t)start * 8, (size_t)len * 8));
}

static Term bif_binary_part3(Proc *p, const Term *a) { return binary_part(p, a[0], a[1], a[2]); }

static Term bif_binary_part2(Proc *p, const Term *a)
{
    if (!is_tuple(a[1]) || tuple_size(a[1]) != 2)
        return bif_badarg(p, 2, "not a valid {start, length} tuple");
    return binary_part(p, a[0], tuple_get(a[1], 0), tuple_get(a[1], 1));
}

/* ---- hashing, unique integers, time ------------------------------------ */

/* phash2/1 keeps the low 27 bits of OTP's hash; phash2/2 takes it modulo
 * the range, all 32 bits when the range is 2^32. */
static Term bif_phash2(Proc *p, const Term *a)
{
    uint32_t h;
    if (phash_term(a[0], &h) < 0)
        return lib_oom(p);
    return make_small((int64_t)(h & ((UINT32_C(1) << 27) - 1)));
}

static Term bif_phash2_2(Proc *p, const Term *a)
{
    if (!is_small(a[1]) || small_val(a[1]) < 1 || small_val(a[1]) > (INT64_C(1) << 32))
        return bif_badarg(p, 2, "not an integer in the range 1 through 2^32");
    uint32_t h;
    if (phash_term(a[0], &h) < 0)
        return lib_oom(p);
    return make_small((int64_t)((uint64_t)h % (uint64_t)small_val(a[1])));
}

static _Atomic int64_t unique_counter;

static Term bif_unique_integer(Proc *p, const Term *a)
{
    (void)a;
    return lib_int(p, atomic_fetch_add(&unique_counter, 1) - (INT64_C(1) << 40));
}

static Term bif_unique_integer1(Proc *p, const Term *a)
{
    bool positive = false;
    for (Term l = a[0]; is_cons(l); l = list_tail(l))
        if (list_head(l) == atom_from_cstr("positive"))
            positive = true;
        else if (list_head(l) != atom_from_cstr("monotonic"))
            return bif_badarg(p, 1, "invalid modifier");
    int64_t v = atomic_fetch_add(&unique_counter, 1);
    return lib_int(p, positive ? v + 1 : v - (INT64_C(1) << 40));
}

/* Parts per second of a time unit, or 0 when it is not one. The native
 * unit is the nanosecond. */
int64_t lib_time_unit(Term u)
{
    if (is_small(u) && small_val(u) > 0)
        return small_val(u);
    static const struct { const char *name; int64_t pps; } units[] = {
        {"second", 1}, {"seconds", 1}, {"millisecond", 1000}, {"milli_seconds", 1000},
        {"microsecond", 1000000}, {"micro_seconds", 1000000},
        {"nanosecond", 1000000000}, {"nano_seconds", 1000000000},
        {"native", 1000000000}, {"perf_counter", 1000000000},
    };
    for (size_t i = 0; is_atom(u) && i < sizeof units / sizeof units[0]; i++)
        if (u == atom_from_cstr(units[i].name))
            return units[i].pps;
    return 0;
}

/* Converts ns to the unit (floor division, as Erlang rounds down). */
static Term ns_in(Proc *p, int64_t ns, Term unit, unsigned argno)
{
    int64_t pps = lib_time_unit(unit);
    if (!pps)
        return bif_badarg(p, argno, "invalid time unit");
    if (pps >= 1000000000)
        return lib_int(p, ns * (pps / 1000000000));
    int64_t d = 1000000000 / pps, q = ns / d;
    if (ns % d < 0)
        q--;
    return lib_int(p, q);
}

static int64_t clock_ns(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static Term bif_monotonic_time(Proc *p, const Term *a)
{
    (void)a;
    return lib_int(p, clock_ns(CLOCK_MONOTONIC));
}

static Term bif_monotonic_time1(Proc *p, const Term *a)
{
    return ns_in(p, clock_ns(CLOCK_MONOTONIC), a[0], 1);
}

static Term bif_system_time(Proc *p, const Term *a)
{
    (void)a;
    return lib_int(p, clock_ns(CLOCK_REALTIME));
}

static Term bif_system_time1(Proc *p, const Term *a)
{
    return ns_in(p, clock_ns(CLOCK_REALTIME), a[0], 1);
}

static Term bif_convert_time_unit(Proc *p, const Term *a)
{
    int64_t from = lib_time_unit(a[1]), to = lib_time_unit(a[2]), v;
    if (!is_integer(a[0]) || !int_to_i64(a[0], &v))
        return bif_badarg(p, 1, "not an integer");
    if (!from)
        return bif_badarg(p, 2, "invalid time unit");
    if (!to)
        return bif_badarg(p, 3, "invalid time unit");
    /* Through 128-bit so seconds to nanoseconds never overflows early. */
    __int128 x = (__int128)v * to;
    __int128 q = x / from;
    if (x % from != 0 && x < 0)
        q--;
    return lib_int(p, (int64_t)q);
}

/* ---- memory, statistics, system_info --------------------------------- */

static size_t mem_figure(const char *key)
{
    size_t procs = mem_in_use(MEM_PROC) + mem_in_use(MEM_HEAP) + mem_in_use(MEM_MSG);
    if (!strcmp(key, "total"))
        return mem_total();
    if (!strcmp(key, "processes") || !strcmp(key, "processes_used"))
        return procs;
    if (!strcmp(key, "system"))
        return mem_total() - procs;
    if (!strcmp(key, "atom") || !strcmp(key, "atom_used"))
        return mem_in_use(MEM_ATOM);
    if (!strcmp(key, "binary"))
        return mem_in_use(MEM_BIN);
    if (!strcmp(key, "code"))
        return mem_in_use(MEM_CODE);
    if (!strcmp(key, "ets"))
        return mem_in_use(MEM_ETS);
    return (size_t)-1;
}

static const char *const mem_keys[] = {
    "total", "processes", "processes_used", "system", "atom", "atom_used", "binary", "code", "ets",
};

static Term bif_memory(Proc *p, const Term *a)
{
    (void)a;
    Term pairs[9];
    for (size_t i = 0; i < 9; i++) {
        pairs[i] = lib_tuple2(p, atom_from_cstr(mem_keys[i]),
                              make_small((int64_t)mem_figure(mem_keys[i])));
        if (pairs[i] == NONE)
            return lib_oom(p);
    }
    return ok_or_oom(p, lib_list(p, pairs, 9, NIL));
}

static Term bif_memory1(Proc *p, const Term *a)
{
    size_t n;
    const char *s = is_atom(a[0]) ? atom_text(a[0], &n) : NULL;
    size_t v = s ? mem_figure(s) : (size_t)-1;
    if (v == (size_t)-1)
        return bif_badarg(p, 1, "invalid memory type option");
    return make_small((int64_t)v);
}

static _Atomic int64_t last_wall_ms, last_cpu_ms;

static Term since_last(Proc *p, int64_t now, _Atomic int64_t *last)
{
    int64_t prev = atomic_exchange(last, now);
    return ok_or_oom(p, lib_tuple2(p, make_small(now), make_small(now - prev)));
}

static Term bif_statistics(Proc *p, const Term *a)
{
    Term k = a[0];
    if (k == atom_from_cstr("wall_clock")) {
        /* The first caller fixes the origin; racing callers agree on it. */
        static _Atomic int64_t start_ns;
        int64_t zero = 0, now = clock_ns(CLOCK_MONOTONIC);
        atomic_compare_exchange_strong(&start_ns, &zero, now);
        return since_last(p, (now - atomic_load(&start_ns)) / 1000000, &last_wall_ms);
    }
    if (k == atom_from_cstr("runtime"))
        return since_last(p, clock_ns(CLOCK_PROCESS_CPUTIME_ID) / 1000000, &last_cpu_ms);
    if (k == atom_from_cstr("reductions")) {
        int64_t r = (int64_t)atomic_load(&p->reductions);
        return ok_or_oom(p, lib_tuple2(p, make_small(r), make_small(0)));
    }
    if (k == atom_from_cstr("run_queue") || k == atom_from_cstr("total_run_queue_lengths"))
        return make_small(0);
    return bif_badarg(p, 1, "invalid option");
}

static Term bif_system_info(Proc *p, const Term *a)
{
    Term k = a[0];
    Node *n = p->node;
    if (k == atom_from_cstr("schedulers") || k == atom_from_cstr("schedulers_online"))
        return make_small(n ? (int64_t)n->nsched : 1);
    if (k == atom_from_cstr("process_count"))
        return make_small(n ? (int64_t)atomic_load(&n->nprocs) : 1);
    if (k == atom_from_cstr("process_limit"))
        return make_small(1 << PID_INDEX_BITS);
    if (k == atom_from_cstr("atom_count"))
        return make_small((int64_t)atom_count());
    if (k == atom_from_cstr("atom_limit"))
        return make_small(ATOM_MAX_COUNT);
    if (k == atom_from_cstr("wordsize"))
        return make_small(8);
    if (k == atom_from_cstr("otp_release"))
        return lib_text_to_charlist(p, lib_str(p, "25"));
    if (k == atom_from_cstr("emu_flavor"))
        return atom_from_cstr(jit_active() ? "jit" : "emu"); /* as OTP 25 answers */
    if (k == atom_from_cstr("version"))
        return lib_text_to_charlist(p, lib_str(p, "13.0"));
    if (k == atom_from_cstr("logical_processors") ||
        k == atom_from_cstr("logical_processors_online"))
        return make_small(sysconf(_SC_NPROCESSORS_ONLN));
    return bif_badarg(p, 1, "invalid system_info option");
}

#define G (BIF_GUARD | BIF_PURE)
static const BifDef conv_bifs[] = {
    {"erlang", "atom_to_binary", 1, BIF_PURE, bif_atom_to_binary, NULL},
    {"erlang", "atom_to_binary", 2, BIF_PURE, bif_atom_to_binary, NULL},
    {"erlang", "binary_to_atom", 1, 0, bif_binary_to_atom, NULL},
    {"erlang", "binary_to_atom", 2, 0, bif_binary_to_atom, NULL},
    {"erlang", "binary_to_existing_atom", 1, 0, bif_binary_to_existing_atom, NULL},
    {"erlang", "binary_to_existing_atom", 2, 0, bif_binary_to_existing_atom, NULL},
    {"erlang", "atom_to_list", 1, BIF_PURE, bif_atom_to_list, NULL},
    {"erlang", "list_to_atom", 1, 0, bif_list_to_atom, NULL},
    {"erlang", "list_to_existing_atom", 1, 0, bif_list_to_existing_atom, NULL},
    {"erlang", "integer_to_binary", 1, BIF_PURE, bif_integer_to_binary, NULL},
    {"erlang", "integer_to_binary", 2, BIF_PURE, bif_integer_to_binary2, NULL},
    {"erlang", "integer_to_list", 1, BIF_PURE, bif_integer_to_list, NULL},
    {"erlang", "integer_to_list", 2, BIF_PURE, bif_integer_to_list2, NULL},
    {"erlang", "binary_to_integer", 1, BIF_PURE, bif_binary_to_integer, NULL},
    {"erlang", "binary_to_integer", 2, BIF_PURE, bif_binary_to_integer2, NULL},
    {"erlang", "list_to_integer", 1, BIF_PURE, bif_list_to_integer, NULL},
    {"erlang", "list_to_integer", 2, BIF_PURE, bif_list_to_integer2, NULL},
    {"erlang", "binary_to_float", 1, BIF_PURE, bif_binary_to_float, NULL},
    {"erlang", "list_to_float", 1, BIF_PURE, bif_list_to_float, NULL},
    {"erlang", "float_to_binary", 1, BIF_PURE, bif_float_to_binary, NULL},
    {"erlang", "float_to_binary", 2, BIF_PURE, bif_float_to_binary2, NULL},
    {"erlang", "float_to_list", 1, BIF_PURE, bif_float_to_list, NULL},
    {"erlang", "float_to_list", 2, BIF_PURE, bif_float_to_list2, NULL},
    {"erlang", "iolist_to_binary", 1, BIF_PURE, bif_iolist_to_binary, NULL},
    {"erlang", "list_to_binary", 1, BIF_PURE, bif_list_to_binary, NULL},
    {"erlang", "iolist_size", 1, BIF_PURE, bif_iolist_size, NULL},
    {"erlang", "binary_to_list", 1, BIF_PURE, bif_binary_to_list, NULL},
    {"erlang", "byte_size", 1, G, bif_byte_size, NULL},
    {"erlang", "bit_size", 1, G, bif_bit_size, NULL},
    {"erlang", "binary_part", 2, G, bif_binary_part2, NULL},
    {"erlang", "binary_part", 3, G, bif_binary_part3, NULL},
    {"erlang", "phash2", 1, BIF_PURE, bif_phash2, NULL},
    {"erlang", "phash2", 2, BIF_PURE, bif_phash2_2, NULL},
    {"erlang", "unique_integer", 0, 0, bif_unique_integer, NULL},
    {"erlang", "unique_integer", 1, 0, bif_unique_integer1, NULL},
    {"erlang", "monotonic_time", 0, 0, bif_monotonic_time, NULL},
    {"erlang", "monotonic_time", 1, 0, bif_monotonic_time1, NULL},
    {"erlang", "system_time", 0, 0, bif_system_time, NULL},
    {"erlang", "system_time", 1, 0, bif_system_time1, NULL},
    {"os", "system_time", 0, 0, bif_system_time, NULL},
    {"os", "system_time", 1, 0, bif_system_time1, NULL},
    {"erlang", "convert_time_unit", 3, BIF_PURE, bif_convert_time_unit, NULL},
    {"erlang", "memory", 0, 0, bif_memory, NULL},
    {"erlang", "memory", 1, 0, bif_memory1, NULL},
    {"erlang", "statistics", 1, 0, bif_statistics, NULL},
    {"erlang", "system_info", 1, 0, bif_system_info, NULL},
};

int lib_erlang_conv_register(void)
{
    return bif_register(conv_bifs, LIB_NDEFS(conv_bifs));
}
