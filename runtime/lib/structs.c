/* structs.c — inspect printers for the standard library's structs that
 * Elixir prints in a form of their own: MapSet.new([...]), and the
 * calendar types as sigils (~D[2015-01-13], ~T[13:00:07.001],
 * ~N[2015-01-13 13:00:07], ~U[2015-01-13 13:00:07Z]). The structs
 * themselves are built in the language (lib/ex/mapset.ex, calendar.ex);
 * a struct with fields of unexpected types falls back to %Name{...}. */
#include <stdio.h>
#include <string.h>

#include "inspect.h"
#include "lib.h"
#include "map.h"
#include "mem.h"
#include "strbuf.h"

/* ---- MapSet ---- */

typedef struct {
    Term *keys;
    size_t n, cap;
} Keys;

static bool collect_key(Term key, Term value, void *ctx)
{
    (void)value;
    Keys *k = ctx;
    if (k->n < k->cap)
        k->keys[k->n++] = key;
    return true;
}

/* MapSet.new([a, b]): the keys of :map in the map's iteration order,
 * which is the order MapSet.to_list/1 gives. */
static DocId mapset_doc(InspectCx *cx, Term s, int limit)
{
    Term m = map_get(s, atom_from_cstr("map"));
    if (m == NONE || !is_map(m))
        return DOC_NIL;
    Keys k = {NULL, 0, map_size(m)};
    if (k.cap > 0) {
        k.keys = mem_alloc(MEM_SYSTEM, k.cap * sizeof(Term));
        if (!k.keys)
            return DOC_NIL;
    }
    map_each(m, collect_key, &k);
    Docs *d = inspect_docs(cx);
    DocId r = doc_cons3(d, doc_cstr(d, "MapSet.new("), inspect_list(cx, k.keys, k.n, limit),
                        doc_cstr(d, ")"));
    if (k.keys)
        mem_free(MEM_SYSTEM, k.keys, k.cap * sizeof(Term));
    return r;
}

/* ---- calendar types ---- */

/* The small integer in field name of s, or false. */
static bool field_int(Term s, const char *name, long *out)
{
    Term v = map_get(s, atom_from_cstr(name));
    if (v == NONE || !is_small(v))
        return false;
    *out = (long)small_val(v);
    return true;
}

/* Only Calendar.ISO values print as sigils, as in Elixir. */
static bool iso(Term s)
{
    return map_get(s, atom_from_cstr("calendar")) == lib_alias("Calendar.ISO");
}

/* "2015-01-13"; years pad to 4 digits, negative years keep their sign. */
static bool put_date(Strbuf *sb, Term s)
{
    long y, m, d;
    if (!field_int(s, "year", &y) || !field_int(s, "month", &m) || !field_int(s, "day", &d))
        return false;
    char buf[64];
    if (y < 0)
        snprintf(buf, sizeof buf, "-%04ld-%02ld-%02ld", -y, m, d);
    else
        snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
    strbuf_puts(sb, buf);
    return true;
}

/* "13:00:07" plus ".001" when the microsecond precision is 3: the
 * fraction shows exactly precision digits of the 6-digit microseconds. */
static bool put_time(Strbuf *sb, Term s)
{
    long h, mi, se;
    Term us = map_get(s, atom_from_cstr("microsecond"));
    if (!field_int(s, "hour", &h) || !field_int(s, "minute", &mi) || !field_int(s, "second", &se) ||
        us == NONE || !is_tuple(us) || tuple_size(us) != 2 || !is_small(tuple_get(us, 0)) ||
        !is_small(tuple_get(us, 1)))
        return false;
    long v = (long)small_val(tuple_get(us, 0)), prec = (long)small_val(tuple_get(us, 1));
    if (v < 0 || v > 999999 || prec < 0 || prec > 6)
        return false;
    char buf[64];
    snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", h, mi, se);
    strbuf_puts(sb, buf);
    if (prec > 0) {
        snprintf(buf, sizeof buf, ".%06ld", v);
        strbuf_put(sb, buf, (size_t)prec + 1);
    }
    return true;
}

/* A DateTime's zone after its time: "Z" for Etc/UTC, else the offset
 * (utc_offset + std_offset, "+01:00"), the abbreviation and the zone. */
static bool put_zone(Strbuf *sb, Term s)
{
    long off, std;
    Term tz = map_get(s, atom_from_cstr("time_zone")), abbr = map_get(s, atom_from_cstr("zone_abbr"));
    const uint8_t *z, *a;
    size_t zn, an;
    if (tz == NONE || abbr == NONE || !lib_bytes(tz, &z, &zn) || !lib_bytes(abbr, &a, &an) ||
        !field_int(s, "utc_offset", &off) || !field_int(s, "std_offset", &std))
        return false;
    if (zn == 7 && memcmp(z, "Etc/UTC", 7) == 0) {
        strbuf_putc(sb, 'Z');
        return true;
    }
    long total = off + std, mag = total < 0 ? -total : total;
    char buf[32];
    snprintf(buf, sizeof buf, "%c%02ld:%02ld ", total < 0 ? '-' : '+', mag / 3600, mag / 60 % 60);
    strbuf_puts(sb, buf);
    strbuf_put(sb, a, an);
    strbuf_putc(sb, ' ');
    strbuf_put(sb, z, zn);
    return true;
}

enum { CAL_DATE = 1, CAL_TIME = 2 };

/* ~X[...] from the date and/or time parts; suffix goes before "]". */
static DocId sigil_doc(InspectCx *cx, Term s, char letter, int parts, const char *suffix)
{
    if (!iso(s))
        return DOC_NIL;
    Strbuf sb;
    strbuf_init(&sb);
    char open[4] = {'~', letter, '[', 0};
    strbuf_puts(&sb, open);
    bool ok = true;
    if (parts & CAL_DATE)
        ok = put_date(&sb, s);
    if (ok && parts == (CAL_DATE | CAL_TIME))
        strbuf_putc(&sb, ' ');
    if (ok && (parts & CAL_TIME))
        ok = put_time(&sb, s);
    strbuf_puts(&sb, suffix);
    strbuf_putc(&sb, ']');
    DocId d = ok ? doc_text(inspect_docs(cx), strbuf_cstr(&sb), sb.len) : DOC_NIL;
    strbuf_fini(&sb);
    return d;
}

static DocId date_doc(InspectCx *cx, Term s, int limit)
{
    (void)limit;
    return sigil_doc(cx, s, 'D', CAL_DATE, "");
}

static DocId time_doc(InspectCx *cx, Term s, int limit)
{
    (void)limit;
    return sigil_doc(cx, s, 'T', CAL_TIME, "");
}

static DocId naive_doc(InspectCx *cx, Term s, int limit)
{
    (void)limit;
    return sigil_doc(cx, s, 'N', CAL_DATE | CAL_TIME, "");
}

/* Only UTC DateTimes have a sigil (~U[...Z]); others keep the struct
 * form here (Elixir prints #DateTime<...> for them). */
static DocId datetime_doc(InspectCx *cx, Term s, int limit)
{
    (void)limit;
    long off, std;
    Term tz = map_get(s, atom_from_cstr("time_zone"));
    const uint8_t *b;
    size_t n;
    if (tz == NONE || !lib_bytes(tz, &b, &n) || n != 7 || memcmp(b, "Etc/UTC", 7) != 0 ||
        !field_int(s, "utc_offset", &off) || !field_int(s, "std_offset", &std) || off || std)
        return DOC_NIL;
    return sigil_doc(cx, s, 'U', CAL_DATE | CAL_TIME, "Z");
}

/* Date.range(~D[a], ~D[b]), and the step after them unless it is 1. */
static DocId daterange_doc(InspectCx *cx, Term s, int limit)
{
    Term first = map_get(s, atom_from_cstr("first")), last = map_get(s, atom_from_cstr("last"));
    Term step = map_get(s, atom_from_cstr("step"));
    if (first == NONE || last == NONE || step == NONE || !is_small(step))
        return DOC_NIL;
    Docs *d = inspect_docs(cx);
    DocId r = doc_cons3(d, doc_cstr(d, "Date.range("), inspect_doc(cx, first, limit), doc_cstr(d, ", "));
    r = doc_cons(d, r, inspect_doc(cx, last, limit));
    if (step != make_small(1))
        r = doc_cons3(d, r, doc_cstr(d, ", "), inspect_doc(cx, step, limit));
    return doc_cons(d, r, doc_cstr(d, ")"));
}

/* The String.Chars text of the calendar structs, as Elixir's protocol
 * implementations give it: "2015-01-13", "13:00:07.001", "2015-01-13
 * 13:00:07", "2015-01-13 13:00:07Z" for Etc/UTC and "... 23:00:07+01:00
 * CET Europe/Warsaw" for other zones. 0 when s is one of them (ISO
 * calendar), -1 otherwise; nothing is appended then. */
int lib_struct_chars(Term s, Strbuf *sb)
{
    Term mod = map_get(s, atom_from_cstr("__struct__"));
    if (mod == NONE || !iso(s))
        return -1;
    Strbuf t;
    strbuf_init(&t);
    bool ok = false;
    if (mod == lib_alias("Date")) {
        ok = put_date(&t, s);
    } else if (mod == lib_alias("Time")) {
        ok = put_time(&t, s);
    } else if (mod == lib_alias("NaiveDateTime") || mod == lib_alias("DateTime")) {
        ok = put_date(&t, s);
        strbuf_putc(&t, ' ');
        ok = ok && put_time(&t, s);
        if (ok && mod == lib_alias("DateTime"))
            ok = put_zone(&t, s);
    }
    if (ok)
        strbuf_put(sb, t.data, t.len);
    strbuf_fini(&t);
    return ok ? 0 : -1;
}

int lib_structs_register(void)
{
    static const struct {
        const char *mod;
        InspectStructFn fn;
    } printers[] = {
        {"MapSet", mapset_doc},     {"Date", date_doc},         {"Time", time_doc},
        {"NaiveDateTime", naive_doc}, {"DateTime", datetime_doc}, {"Date.Range", daterange_doc},
    };
    for (size_t i = 0; i < LIB_NDEFS(printers); i++) {
        int rc = inspect_register_struct(lib_alias(printers[i].mod), printers[i].fn);
        if (rc < 0)
            return rc;
    }
    return 0;
}
