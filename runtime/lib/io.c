/* io.c — IO and the printing parts of Kernel: IO.puts/write/inspect,
 * Kernel.inspect/1,2 and Kernel.to_string/1 (String.Chars for the
 * built-in types).
 *
 * Output goes straight to the file descriptor with one write(2) per call
 * (retried on partial writes), so lines printed by different processes
 * never interleave inside a line. The device is :stdio (or a pid: the
 * group leader is standard output for now) or :stderr.
 */
#include <errno.h>
#include <unistd.h>

#include "big.h"
#include "bin.h"
#include "exc.h"
#include "inspect.h"
#include "lib.h"
#include "map.h"
#include "strbuf.h"

#define FCLAUSE(p, mod, name, arity) lib_function_clause((p), (mod), (name), (arity))

/* Writes all of buf to fd; false on an I/O error. */
static bool write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        buf += w, n -= (size_t)w;
    }
    return true;
}

/* The fd of an IO device, or -1 when it is not one. */
static int device_fd(Term dev)
{
    if (dev == atom_from_cstr("stdio") || dev == atom_from_cstr("standard_io") || is_pid(dev))
        return 1;
    if (dev == atom_from_cstr("stderr") || dev == atom_from_cstr("standard_error"))
        return 2;
    return -1;
}

/* Appends the String.Chars text of t: binaries as they are, atoms by
 * name (nil is ""), numbers as Elixir prints them, lists as chardata.
 * Returns 0, -1 when t has no String.Chars implementation here, or
 * MOTE_ENOMEM. */
int lib_to_string(Term t, Strbuf *sb)
{
    const uint8_t *s;
    size_t n;
    if (lib_bytes(t, &s, &n)) {
        strbuf_put(sb, s, n);
    } else if (is_atom(t)) {
        if (t != A(nil)) {
            const char *a = atom_text(t, &n);
            strbuf_put(sb, a, n);
        }
    } else if (is_integer(t)) {
        char small[64];
        size_t len = int_to_text(t, 10, small, sizeof small);
        if (len < sizeof small) {
            strbuf_put(sb, small, len);
        } else {
            Strbuf tmp;
            strbuf_init(&tmp);
            strbuf_fill(&tmp, '\0', len + 1);
            int_to_text(t, 10, tmp.data, len + 1);
            strbuf_put(sb, tmp.data, len);
            strbuf_fini(&tmp);
        }
    } else if (is_float(t)) {
        char buf[FMT_FLOAT_MAX];
        strbuf_put(sb, buf, fmt_float(float_val(t), buf));
    } else if (is_list(t)) {
        return lib_iodata(t, true, sb);
    } else {
        return -1;
    }
    return strbuf_failed(sb) ? MOTE_ENOMEM : 0;
}

/* Raises Protocol.UndefinedError for String.Chars and v. */
static Term no_chars(Proc *p, Term v)
{
    Term ks[2] = {atom_from_cstr("protocol"), atom_from_cstr("value")};
    Term vs[2] = {lib_alias("String.Chars"), v};
    Term e = exc_new(p, "Protocol.UndefinedError", 2, ks, vs);
    return e == NONE ? lib_oom(p) : bif_error(p, e);
}

/* List.to_string's refusal of a list that is not chardata. */
static Term bad_chardata(Proc *p, Term list)
{
    Strbuf sb;
    InspectOpts o;
    strbuf_init(&sb);
    inspect_opts_kernel(&o);
    inspect_term(list, &o, &sb);
    Term r = bif_raise_msg(p, "ArgumentError",
                           "cannot convert the given list to a string.\n\n"
                           "To be converted to a string, a list must either be empty or only\n"
                           "contain the following elements:\n\n"
                           "  * strings\n"
                           "  * integers representing Unicode code points\n"
                           "  * a list containing one of these three elements\n\n"
                           "Please check the given list or call inspect/1 to get the list "
                           "representation, got:\n\n%s\n",
                           strbuf_cstr(&sb));
    strbuf_fini(&sb);
    return r;
}

static Term chars_error(Proc *p, int rc, Term v)
{
    if (rc != -1)
        return lib_oom(p);
    return is_list(v) ? bad_chardata(p, v) : no_chars(p, v);
}

static Term bif_to_string(Proc *p, const Term *a)
{
    if (is_binary(a[0]))
        return a[0];
    Strbuf sb;
    strbuf_init(&sb);
    int rc = lib_to_string(a[0], &sb);
    if (rc < 0) {
        strbuf_fini(&sb);
        return chars_error(p, rc, a[0]);
    }
    Term r = lib_strbuf(p, &sb);
    return r == NONE ? lib_oom(p) : r;
}

/* IO.puts/IO.write on a device: the item's chardata (or String.Chars
 * text), plus a newline for puts, in one write. */
static Term put(Proc *p, Term dev, Term item, bool newline)
{
    int fd = device_fd(dev);
    if (fd < 0)
        return bif_badarg(p, 1, "not an IO device");
    Strbuf sb;
    strbuf_init(&sb);
    int rc = lib_to_string(item, &sb);
    if (rc < 0) {
        strbuf_fini(&sb);
        if (rc == -1 && is_list(item))
            return bif_badarg(p, 2, "not valid character data (an iodata term)");
        return chars_error(p, rc, item);
    }
    if (newline)
        strbuf_putc(&sb, '\n');
    bool ok = !strbuf_failed(&sb) && write_all(fd, strbuf_cstr(&sb), sb.len);
    bif_charge(p, (uint32_t)(sb.len / 64 + 1));
    strbuf_fini(&sb);
    return ok ? A(ok) : bif_error(p, lib_tuple2(p, A(error), atom_from_cstr("terminated")));
}

static Term bif_puts1(Proc *p, const Term *a) { return put(p, atom_from_cstr("stdio"), a[0], true); }
static Term bif_puts2(Proc *p, const Term *a) { return put(p, a[0], a[1], true); }
static Term bif_write1(Proc *p, const Term *a) { return put(p, atom_from_cstr("stdio"), a[0], false); }
static Term bif_write2(Proc *p, const Term *a) { return put(p, a[0], a[1], false); }

/* The :label option of a keyword list, or NONE. */
static Term label_of(Term kw)
{
    for (; is_cons(kw); kw = list_tail(kw)) {
        Term kv = list_head(kw);
        if (is_tuple(kv) && tuple_size(kv) == 2 && tuple_get(kv, 0) == atom_from_cstr("label"))
            return tuple_get(kv, 1);
    }
    return NONE;
}

/* Inspect text of t with base options and a keyword list on top. */
static int inspect_with(Term t, bool io, Term kw, Strbuf *sb)
{
    InspectOpts o;
    if (io)
        inspect_opts_io(&o);
    else
        inspect_opts_kernel(&o);
    if (kw != NIL && inspect_opts_parse(kw, &o) != 0)
        return -1;
    return inspect_term(t, &o, sb);
}

static Term io_inspect(Proc *p, Term dev, Term item, Term kw)
{
    int fd = device_fd(dev);
    if (fd < 0)
        return bif_badarg(p, 1, "not an IO device");
    if (!is_list(kw))
        return FCLAUSE(p, "Elixir.IO", "inspect", 3);
    Strbuf sb;
    strbuf_init(&sb);
    Term label = label_of(kw);
    if (label != NONE) {
        int rc = lib_to_string(label, &sb);
        if (rc < 0) {
            strbuf_fini(&sb);
            return chars_error(p, rc, label);
        }
        strbuf_puts(&sb, ": ");
    }
    if (inspect_with(item, true, kw, &sb) < 0) {
        strbuf_fini(&sb);
        return bif_raise_msg(p, "ArgumentError", "invalid inspect options");
    }
    strbuf_putc(&sb, '\n');
    bool ok = !strbuf_failed(&sb) && write_all(fd, strbuf_cstr(&sb), sb.len);
    bif_charge(p, (uint32_t)(sb.len / 64 + 1));
    strbuf_fini(&sb);
    return ok ? item : lib_oom(p);
}

static Term bif_inspect1(Proc *p, const Term *a) { return io_inspect(p, atom_from_cstr("stdio"), a[0], NIL); }
static Term bif_inspect2(Proc *p, const Term *a) { return io_inspect(p, atom_from_cstr("stdio"), a[0], a[1]); }
static Term bif_inspect3(Proc *p, const Term *a) { return io_inspect(p, a[0], a[1], a[2]); }

static Term kernel_inspect(Proc *p, Term t, Term kw)
{
    if (!is_list(kw))
        return FCLAUSE(p, "Elixir.Kernel", "inspect", 2);
    Strbuf sb;
    strbuf_init(&sb);
    int rc = inspect_with(t, false, kw, &sb);
    if (rc < 0) {
        strbuf_fini(&sb);
        return rc == -1 ? bif_raise_msg(p, "ArgumentError", "invalid inspect options")
                        : lib_oom(p);
    }
    bif_charge(p, (uint32_t)(sb.len / 64 + 1));
    Term r = lib_strbuf(p, &sb);
    return r == NONE ? lib_oom(p) : r;
}

static Term bif_kinspect1(Proc *p, const Term *a) { return kernel_inspect(p, a[0], NIL); }
static Term bif_kinspect2(Proc *p, const Term *a) { return kernel_inspect(p, a[0], a[1]); }

static Term chardata(Proc *p, Term t, bool unicode, const char *mod, const char *fn)
{
    if (is_binary(t))
        return t;
    Strbuf sb;
    strbuf_init(&sb);
    int rc = is_list(t) ? lib_iodata(t, unicode, &sb) : -1;
    if (rc < 0) {
        strbuf_fini(&sb);
        if (rc != -1)
            return lib_oom(p);
        if (!unicode)
            return bif_badarg(p, 1, "not an iodata term");
        return is_list(t) ? bad_chardata(p, t) : FCLAUSE(p, mod, fn, 1);
    }
    Term r = lib_strbuf(p, &sb);
    return r == NONE ? lib_oom(p) : r;
}

static Term bif_iodata_to_binary(Proc *p, const Term *a)
{
    return chardata(p, a[0], false, "Elixir.IO", "iodata_to_binary");
}

static Term bif_chardata_to_string(Proc *p, const Term *a)
{
    return chardata(p, a[0], true, "Elixir.IO", "chardata_to_string");
}

static Term bif_iodata_length(Proc *p, const Term *a)
{
    Term b = chardata(p, a[0], false, "Elixir.IO", "iodata_length");
    const uint8_t *s;
    size_t n;
    if (b == NONE || !lib_bytes(b, &s, &n))
        return NONE;
    return make_small((int64_t)n);
}

/* List.to_string/1: chardata to a binary. */
static Term bif_list_to_string(Proc *p, const Term *a)
{
    if (!is_list(a[0]))
        return FCLAUSE(p, "Elixir.List", "to_string", 1);
    return chardata(p, a[0], true, "Elixir.List", "to_string");
}

static const BifDef io_bifs[] = {
    {"Elixir.IO", "puts", 1, 0, bif_puts1, "IO.puts/1"},
    {"Elixir.IO", "puts", 2, 0, bif_puts2, "IO.puts/2"},
    {"Elixir.IO", "write", 1, 0, bif_write1, NULL},
    {"Elixir.IO", "write", 2, 0, bif_write2, NULL},
    {"Elixir.IO", "inspect", 1, 0, bif_inspect1, "IO.inspect/1"},
    {"Elixir.IO", "inspect", 2, 0, bif_inspect2, "IO.inspect/2"},
    {"Elixir.IO", "inspect", 3, 0, bif_inspect3, NULL},
    {"Elixir.IO", "iodata_to_binary", 1, BIF_PURE, bif_iodata_to_binary, NULL},
    {"Elixir.IO", "chardata_to_string", 1, BIF_PURE, bif_chardata_to_string, NULL},
    {"Elixir.IO", "iodata_length", 1, BIF_PURE, bif_iodata_length, NULL},
    {"Elixir.Kernel", "inspect", 1, BIF_PURE, bif_kinspect1, NULL},
    {"Elixir.Kernel", "inspect", 2, BIF_PURE, bif_kinspect2, NULL},
    {"Elixir.Kernel", "to_string", 1, BIF_PURE, bif_to_string, NULL},
    {"Elixir.String.Chars", "to_string", 1, BIF_PURE, bif_to_string, NULL},
    {"Elixir.List", "to_string", 1, BIF_PURE, bif_list_to_string, NULL},
    {"unicode", "characters_to_binary", 1, BIF_PURE, bif_chardata_to_string, NULL},
};

int lib_io_register(void)
{
    return bif_register(io_bifs, LIB_NDEFS(io_bifs));
}
