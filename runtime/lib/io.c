/* io.c — IO and the printing parts of Kernel: the builtins under
 * IO.puts/write/inspect, Kernel.inspect/1,2 and Kernel.to_string/1
 * (String.Chars for the built-in types).
 *
 * IO.puts/write/inspect themselves are in lib/ex/io.ex: output to :stdio
 * goes to the caller's group leader (an I/O server, Erlang I/O protocol)
 * when it has one, as every process spawned from the shell does; the
 * builtins here turn items into the bytes to send and find the device.
 * Without a group leader, and for :stderr, the bytes go straight to the
 * file descriptor with one write(2) per call (retried on partial writes),
 * so lines printed by different processes never interleave inside a line.
 */
#include <errno.h>
#include <unistd.h>

#include "big.h"
#include "reg.h"
#include "bin.h"
#include "exc.h"
#include "inspect.h"
#include "lib.h"
#include "map.h"
#include "node.h"
#include "strbuf.h"

#define FCLAUSE(p, mod, name, arity) lib_function_clause((p), (mod), (name), (arity))

bool lib_write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        buf += w, n -= (size_t)w;
    }
    return true;
}

/* The fd of a device written directly, or -1 when it is not one. */
static int device_fd(Term dev)
{
    if (dev == atom_from_cstr("stdio") || dev == atom_from_cstr("standard_io"))
        return 1;
    if (dev == atom_from_cstr("stderr") || dev == atom_from_cstr("standard_error"))
        return 2;
    return -1;
}

/* The calling process's group leader, or NONE. Atomic: group_leader/2
 * in another process may replace it at any time. */
static Term group_leader_of(Proc *p)
{
    ProcCold *c = __atomic_load_n(&p->cold, __ATOMIC_ACQUIRE);
    return c != NULL ? __atomic_load_n(&c->group_leader, __ATOMIC_RELAXED) : NONE;
}

/* Appends the String.Chars text of t: binaries as they are, atoms by
 * name (nil is ""), numbers as Elixir prints them, lists as chardata,
 * the calendar structs as their String.Chars implementations do.
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
    } else if (!is_map(t) || lib_struct_chars(t, sb) != 0) {
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

/* IO.__target__(device): where IO's output for device goes: the I/O
 * server pid to send requests to (the caller's group leader for :stdio,
 * the pid itself, or a registered name's pid), or nil when the bytes are
 * written directly (IO.__write_fd__). Raises badarg for anything else. */
static Term bif_target(Proc *p, const Term *a)
{
    Term dev = a[0];
    if (dev == atom_from_cstr("stdio") || dev == atom_from_cstr("standard_io")) {
        Term gl = group_leader_of(p);
        return gl != NONE ? gl : A(nil);
    }
    if (is_pid(dev))
        return dev;
    if (device_fd(dev) >= 0)
        return A(nil);
    if (is_atom(dev)) {
        Term pid = reg_whereis(p->node, dev);
        if (pid != NONE && is_pid(pid))
            return pid;
    }
    return bif_badarg(p, 1, "not an IO device");
}

/* IO.__chars__(item, newline): the bytes IO.puts (newline true) or
 * IO.write prints for item: its chardata or String.Chars text. */
static Term bif_chars(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    int rc = lib_to_string(a[0], &sb);
    if (rc < 0) {
        strbuf_fini(&sb);
        if (rc == -1 && is_list(a[0]))
            return bif_badarg(p, 2, "not valid character data (an iodata term)");
        return chars_error(p, rc, a[0]);
    }
    if (a[1] == A(true))
        strbuf_putc(&sb, '\n');
    bif_charge(p, (uint32_t)(sb.len / 64 + 1));
    Term r = lib_strbuf(p, &sb);
    return r == NONE ? lib_oom(p) : r;
}

/* IO.__write_fd__(device, binary): writes the bytes to :stdio or :stderr
 * in one write; :ok, or raises {:error, :terminated}-style as Erlang's io
 * does when the device is gone. */
static Term bif_write_fd(Proc *p, const Term *a)
{
    int fd = device_fd(a[0]);
    const uint8_t *s;
    size_t n;
    if (fd < 0)
        return bif_badarg(p, 1, "not an IO device");
    if (!lib_bytes(a[1], &s, &n))
        return bif_badarg(p, 2, "not a binary");
    bif_charge(p, (uint32_t)(n / 64 + 1));
    if (!lib_write_all(fd, (const char *)s, n))
        return bif_error(p, atom_from_cstr("terminated"));
    return A(ok);
}

/* IO.__read_line__(): a line of standard input with its newline (the
 * last one may have none), or :eof. For programs without a group leader
 * (scripts): it reads byte by byte, so nothing is taken from stdin past
 * the line, and it blocks this scheduler thread while it waits, as a
 * script reading its input expects. */
static Term bif_read_line(Proc *p, const Term *a)
{
    (void)a;
    Strbuf sb;
    strbuf_init(&sb);
    for (;;) {
        char c;
        ssize_t n = read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        strbuf_putc(&sb, c);
        if (c == '\n')
            break;
    }
    if (sb.len == 0 && !strbuf_failed(&sb)) {
        strbuf_fini(&sb);
        return atom_from_cstr("eof");
    }
    bif_charge(p, (uint32_t)(sb.len / 64 + 1));
    Term r = lib_strbuf(p, &sb);
    return r == NONE ? lib_oom(p) : r;
}

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

/* IO.__inspect_chars__(item, opts): the line IO.inspect prints: the
 * :label and ": " when given, the inspected item, a newline. */
static Term bif_inspect_chars(Proc *p, const Term *a)
{
    Term item = a[0], kw = a[1];
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
    bif_charge(p, (uint32_t)(sb.len / 64 + 1));
    Term r = lib_strbuf(p, &sb);
    return r == NONE ? lib_oom(p) : r;
}

/* The builtins IO.puts/write/inspect: the direct path (no group leader),
 * which io.ex shadows for programs; kept for C callers and the tests. */
static Term direct(Proc *p, Term dev, Term bytes)
{
    if (bytes == NONE)
        return NONE;
    Term args[2] = {dev, bytes};
    return bif_write_fd(p, args);
}

static Term direct_chars(Proc *p, Term dev, Term item, bool newline)
{
    if (device_fd(dev) < 0)
        return bif_badarg(p, 1, "not an IO device");
    Term args[2] = {item, newline ? A(true) : A(false)};
    return direct(p, dev, bif_chars(p, args));
}

static Term direct_inspect(Proc *p, Term dev, Term item, Term kw)
{
    if (device_fd(dev) < 0)
        return bif_badarg(p, 1, "not an IO device");
    Term args[2] = {item, kw};
    return direct(p, dev, bif_inspect_chars(p, args)) == NONE ? NONE : item;
}

static Term bif_puts1(Proc *p, const Term *a) { return direct_chars(p, atom_from_cstr("stdio"), a[0], true); }
static Term bif_puts2(Proc *p, const Term *a) { return direct_chars(p, a[0], a[1], true); }
static Term bif_write1(Proc *p, const Term *a) { return direct_chars(p, atom_from_cstr("stdio"), a[0], false); }
static Term bif_write2(Proc *p, const Term *a) { return direct_chars(p, a[0], a[1], false); }
static Term bif_inspect1(Proc *p, const Term *a) { return direct_inspect(p, atom_from_cstr("stdio"), a[0], NIL); }
static Term bif_inspect2(Proc *p, const Term *a) { return direct_inspect(p, atom_from_cstr("stdio"), a[0], a[1]); }
static Term bif_inspect3(Proc *p, const Term *a) { return direct_inspect(p, a[0], a[1], a[2]); }

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

/* group_leader/0: the calling process's group leader (its I/O server),
 * or :undefined when it has none (processes the host spawned). */
static Term b_group_leader0(Proc *p, const Term *a)
{
    (void)a;
    Term gl = group_leader_of(p);
    return gl != NONE ? gl : atom_from_cstr("undefined");
}

/* group_leader(leader, pid): pid's output goes to leader from now on.
 * The leader must be a local pid: the cold part is no GC root, so it can
 * hold an immediate but not a boxed remote pid. Another process can only
 * be given one when it has a cold part already (only its owner may
 * allocate that, proc.h): every process spawned by one with a group
 * leader has, the others (spawned by the host) are refused. A dead pid
 * is not an error, as in Erlang, where this is an asynchronous signal. */
static Term b_group_leader2(Proc *p, const Term *a)
{
    if (!is_local_pid(a[0]))
        return bif_badarg(p, 1, "not a local pid");
    if (!is_local_pid(a[1]))
        return bif_badarg(p, 2, "not a local pid");
    if (a[1] == p->pid) {
        ProcCold *c = proc_cold(p);
        if (c == NULL)
            return lib_oom(p);
        __atomic_store_n(&c->group_leader, a[0], __ATOMIC_RELAXED);
        return A(true);
    }
    Proc *t = node_lock_pid(p->node, a[1]); /* pins t and its cold part */
    if (t == NULL)
        return A(true);
    ProcCold *c = __atomic_load_n(&t->cold, __ATOMIC_ACQUIRE);
    if (c != NULL)
        __atomic_store_n(&c->group_leader, a[0], __ATOMIC_RELAXED);
    node_unlock_pid(p->node, a[1]);
    if (c == NULL)
        return bif_badarg(p, 2, "a process started by the host cannot be given a group leader");
    return A(true);
}

static const BifDef io_bifs[] = {
    {"Elixir.IO", "puts", 1, 0, bif_puts1, NULL},
    {"Elixir.IO", "puts", 2, 0, bif_puts2, NULL},
    {"Elixir.IO", "write", 1, 0, bif_write1, NULL},
    {"Elixir.IO", "write", 2, 0, bif_write2, NULL},
    {"Elixir.IO", "inspect", 1, 0, bif_inspect1, NULL},
    {"Elixir.IO", "inspect", 2, 0, bif_inspect2, NULL},
    {"Elixir.IO", "inspect", 3, 0, bif_inspect3, NULL},
    {"Elixir.IO", "__target__", 1, 0, bif_target, NULL},
    {"Elixir.IO", "__read_line__", 0, 0, bif_read_line, NULL},
    {"erlang", "group_leader", 0, 0, b_group_leader0, "The process's I/O server."},
    {"erlang", "group_leader", 2, 0, b_group_leader2, NULL},
    {"Elixir.Process", "group_leader", 0, 0, b_group_leader0,
     "The calling process's group leader: the I/O server its output goes to."},
    {"Elixir.Process", "group_leader", 2, 0, b_group_leader2,
     "group_leader(leader, pid): makes leader the group leader of pid."},
    {"Elixir.IO", "__chars__", 2, 0, bif_chars, NULL},
    {"Elixir.IO", "__write_fd__", 2, 0, bif_write_fd, NULL},
    {"Elixir.IO", "__inspect_chars__", 2, 0, bif_inspect_chars, NULL},
    {"Elixir.IO", "iodata_to_binary", 1, BIF_PURE, bif_iodata_to_binary, NULL},
    {"Elixir.IO", "chardata_to_string", 1, BIF_PURE, bif_chardata_to_string, NULL},
    {"Elixir.IO", "iodata_length", 1, BIF_PURE, bif_iodata_length, NULL},
    {"Elixir.Kernel", "inspect", 1, BIF_PURE, bif_kinspect1, NULL},
    {"Elixir.Kernel", "inspect", 2, BIF_PURE, bif_kinspect2, NULL},
    {"Elixir.Kernel", "to_string", 1, BIF_PURE, bif_to_string, NULL},
    /* kernel.ex wraps Kernel.inspect and to_string so that a capture or an
     * apply of them tries a user's impl; Protocol reaches the builtins
     * under these names. */
    {"Elixir.Protocol", "__mote_builtin_inspect__", 1, BIF_PURE, bif_kinspect1, NULL},
    {"Elixir.Protocol", "__mote_builtin_inspect__", 2, BIF_PURE, bif_kinspect2, NULL},
    {"Elixir.Protocol", "__mote_builtin_to_string__", 1, BIF_PURE, bif_to_string, NULL},
    {"Elixir.String.Chars", "to_string", 1, BIF_PURE, bif_to_string, NULL},
    {"Elixir.List", "to_string", 1, BIF_PURE, bif_list_to_string, NULL},
    {"unicode", "characters_to_binary", 1, BIF_PURE, bif_chardata_to_string, NULL},
};

int lib_io_register(void)
{
    return bif_register(io_bifs, LIB_NDEFS(io_bifs));
}
