/* exc_fmt.c — exception text: Exception.message/1, format_banner/3,
 * format_exit/1, format_stacktrace/1 and format/3 with Elixir 1.14's exact
 * wording, plus the builtins that expose them and raise.
 *
 * Everything here only reads terms (inspect_term never allocates on a
 * process heap); exc_format normalises a raw Erlang reason on a scratch
 * heap of its own, so it can run on any thread, e.g. for a crash report.
 */
#include <stdio.h>

#include "atom.h"
#include "bin.h"
#include "exc.h"
#include "inspect.h"
#include "lib.h"
#include "map.h"

static bool (*loaded_hook)(Term module);
static int (*fun_arity_hook)(Term fun);

void exc_set_loaded_hook(bool (*fn)(Term module)) { loaded_hook = fn; }
void exc_set_fun_arity_hook(int (*fn)(Term fun)) { fun_arity_hook = fn; }

int exc_fun_arity(Term fun)
{
    if (is_boxed_kind(fun, HDR_EXPORT) && is_small(tuple_elems(fun)[2]))
        return (int)small_val(tuple_elems(fun)[2]);
    if (fun_arity_hook && is_fun(fun))
        return fun_arity_hook(fun);
    return -1;
}

static void put_inspect(Term t, Strbuf *out)
{
    InspectOpts o;
    inspect_opts_kernel(&o);
    inspect_term(t, &o, out);
}

static Term field(Term m, const char *name)
{
    Term v = map_get(m, atom_from_cstr(name));
    return v == NONE ? A(nil) : v;
}

static bool module_is(Term mod, const char *name)
{
    size_t len;
    const char *s = atom_text(mod, &len);
    size_t n = strlen(name);
    return len == n + 7 && memcmp(s, "Elixir.", 7) == 0 && memcmp(s + 7, name, n) == 0;
}

static void put_binary(Term b, Strbuf *out)
{
    const uint8_t *s;
    size_t len;
    if (lib_bytes(b, &s, &len))
        strbuf_put(out, s, len);
}

/* An anonymous function's generated name "-outer/1-fun-0-" printed as
 * "anonymous fn/N in Mod.outer/1"; false for an ordinary name. */
static bool put_anon(Term m, Term f, Term a, Strbuf *out)
{
    size_t n;
    const char *s = atom_text(f, &n);
    const char *fun = n > 1 && s[0] == '-' ? strstr(s, "-fun-") : NULL;
    if (!fun)
        return false;
    if (is_small(a)) {
        strbuf_printf(out, "anonymous fn/%lld in ", (long long)small_val(a));
    } else {
        /* given the arguments, as Exception.format_mfa: "anonymous fn(2, 3) in" */
        strbuf_puts(out, "anonymous fn(");
        for (Term l = a; is_cons(l); l = list_tail(l)) {
            if (l != a)
                strbuf_puts(out, ", ");
            put_inspect(list_head(l), out);
        }
        strbuf_puts(out, ") in ");
    }
    inspect_atom(m, out);
    strbuf_putc(out, '.');
    strbuf_put(out, s + 1, (size_t)(fun - s - 1));
    return true;
}

/* Mod.fun/arity, or Mod.fun(arg1, arg2) when given the arguments. */
static void put_mfa(Term m, Term f, Term a, Strbuf *out)
{
    if (is_atom(m) && is_atom(f) && put_anon(m, f, a, out))
        return;
    inspect_atom(m, out);
    strbuf_putc(out, '.');
    inspect_atom_remote(f, out);
    if (is_small(a)) {
        strbuf_printf(out, "/%lld", (long long)small_val(a));
        return;
    }
    strbuf_putc(out, '(');
    for (Term l = a; is_cons(l); l = list_tail(l)) {
        if (l != a)
            strbuf_puts(out, ", ");
        put_inspect(list_head(l), out);
    }
    strbuf_putc(out, ')');
}

/* Elixir's value type name in Protocol.UndefinedError. */
static const char *type_name(Term v)
{
    if (is_atom(v)) return "Atom";
    if (is_integer(v)) return "Integer";
    if (is_float(v)) return "Float";
    if (is_bitstring(v)) return "BitString";
    if (is_list(v)) return "List";
    if (is_tuple(v)) return "Tuple";
    if (is_map(v)) return "Map";
    if (is_fun(v)) return "Function";
    if (is_pid(v)) return "PID";
    if (is_ref(v)) return "Reference";
    return "Term";
}

static void msg_bad_arity(Term e, Strbuf *out)
{
    Term fun = field(e, "function"), args = field(e, "args");
    long nargs = lib_list_len(args);
    int arity = exc_fun_arity(fun);
    put_inspect(fun, out);
    strbuf_printf(out, " with arity %d called with ", arity);
    if (nargs <= 0) {
        strbuf_puts(out, "no arguments");
        return;
    }
    strbuf_printf(out, "%ld argument%s (", nargs, nargs == 1 ? "" : "s");
    for (Term l = args; is_cons(l); l = list_tail(l)) {
        if (l != args)
            strbuf_puts(out, ", ");
        put_inspect(list_head(l), out);
    }
    strbuf_putc(out, ')');
}

static void msg_key(Term e, Strbuf *out)
{
    strbuf_puts(out, "key ");
    put_inspect(field(e, "key"), out);
    strbuf_puts(out, " not found");
    if (field(e, "term") != A(nil)) {
        strbuf_puts(out, " in: ");
        put_inspect(field(e, "term"), out);
    }
}

static void msg_undefined(Term e, Strbuf *out)
{
    Term m = field(e, "module"), f = field(e, "function"), a = field(e, "arity");
    if (m == A(nil) || f == A(nil)) {
        strbuf_puts(out, "undefined function");
        return;
    }
    strbuf_puts(out, "function ");
    put_mfa(m, f, a, out);
    if ((loaded_hook && loaded_hook(m)) || lib_has_module(m)) {
        strbuf_puts(out, " is undefined or private");
        return;
    }
    strbuf_puts(out, " is undefined (module ");
    inspect_atom(m, out);
    strbuf_puts(out, " is not available)");
}

static void msg_protocol(Term e, Strbuf *out)
{
    Term v = field(e, "value"), desc = field(e, "description");
    strbuf_puts(out, "protocol ");
    put_inspect(field(e, "protocol"), out);
    strbuf_puts(out, " not implemented for ");
    put_inspect(v, out);
    Term s = is_map(v) ? map_get(v, A(__struct__)) : NONE;
    if (s != NONE && is_atom(s)) {
        strbuf_puts(out, " of type ");
        inspect_atom(s, out);
        strbuf_puts(out, " (a struct)");
    } else {
        strbuf_printf(out, " of type %s", type_name(v));
    }
    const uint8_t *d;
    size_t dlen;
    if (lib_bytes(desc, &d, &dlen) && dlen) {
        strbuf_puts(out, ", ");
        strbuf_put(out, d, dlen);
    }
}

/* Messages that are a fixed prefix and the inspected :term field. */
static const struct { const char *module, *prefix; } term_msgs[] = {
    {"MatchError", "no match of right hand side value: "},
    {"CaseClauseError", "no case clause matching: "},
    {"TryClauseError", "no try clause matching: "},
    {"WithClauseError", "no with clause matching: "},
    {"BadMapError", "expected a map, got: "},
    {"BadFunctionError", "expected a function, got: "},
};

/* The message of the structs whose text is computed from fields; false
 * for the others. */
static bool computed_message(Term mod, Term e, Strbuf *out)
{
    for (size_t i = 0; i < sizeof term_msgs / sizeof term_msgs[0]; i++)
        if (module_is(mod, term_msgs[i].module)) {
            strbuf_puts(out, term_msgs[i].prefix);
            put_inspect(field(e, "term"), out);
            return true;
        }
    if (module_is(mod, "KeyError")) {
        msg_key(e, out);
    } else if (module_is(mod, "CondClauseError")) {
        strbuf_puts(out, "no cond clause evaluated to a truthy value");
    } else if (module_is(mod, "BadStructError")) {
        strbuf_puts(out, "expected a struct named ");
        put_inspect(field(e, "struct"), out);
        strbuf_puts(out, ", got: ");
        put_inspect(field(e, "term"), out);
    } else if (module_is(mod, "BadBooleanError")) {
        strbuf_puts(out, "expected a boolean on left-side of \"");
        Term op = field(e, "operator");
        if (is_atom(op)) {
            size_t n;
            const char *s = atom_text(op, &n);
            strbuf_put(out, s, n);
        }
        strbuf_puts(out, "\", got: ");
        put_inspect(field(e, "term"), out);
    } else if (module_is(mod, "BadArityError")) {
        msg_bad_arity(e, out);
    } else if (module_is(mod, "FunctionClauseError")) {
        if (field(e, "module") == A(nil)) {
            strbuf_puts(out, "no function clause matches");
        } else {
            strbuf_puts(out, "no function clause matching in ");
            put_mfa(field(e, "module"), field(e, "function"), field(e, "arity"), out);
        }
    } else if (module_is(mod, "UndefinedFunctionError")) {
        msg_undefined(e, out);
    } else if (module_is(mod, "ErlangError")) {
        strbuf_puts(out, "Erlang error: ");
        put_inspect(field(e, "original"), out);
    } else if (module_is(mod, "Protocol.UndefinedError")) {
        msg_protocol(e, out);
    } else {
        return false;
    }
    return true;
}

void exc_message(Term exc, Strbuf *out)
{
    Term mod = is_map(exc) ? map_get(exc, A(__struct__)) : NONE;
    Term msg = is_map(exc) ? map_get(exc, A(message)) : NONE;
    if (msg != NONE && is_binary(msg)) {
        put_binary(msg, out);
        return;
    }
    if (mod != NONE && is_atom(mod) && computed_message(mod, exc, out))
        return;
    if (msg != NONE) {
        /* Elixir's Exception.message/1 when message/1 (here the field it
         * returns) gives no string. */
        strbuf_puts(out, "got ");
        put_inspect(msg, out);
        strbuf_puts(out, " while retrieving Exception.message/1 for ");
        put_inspect(exc, out);
        strbuf_puts(out, " (expected a string)");
        return;
    }
    put_inspect(exc, out);
}

/* ---- exits and stacktraces -------------------------------------------- */

static const struct { const char *atom, *text; } exit_texts[] = {
    {"normal", "normal"},
    {"shutdown", "shutdown"},
    {"calling_self", "process attempted to call itself"},
    {"timeout", "time out"},
    {"killed", "killed"},
    {"noconnection", "no connection"},
    {"noproc", "no process: the process is not alive or there's no process currently "
               "associated with the given name, possibly because its application isn't "
               "started"},
};

/* The two-word gen_server/supervisor reasons: {tag, value}. */
static const struct { const char *tag, *prefix; } exit_pairs[] = {
    {"shutdown", "shutdown: "},
    {"already_started", "already started: "},
    {"bad_return_value", "bad return value: "},
    {"bad_call", "bad call: "},
    {"bad_cast", "bad cast: "},
};

static void exit_reason(Term r, Strbuf *out)
{
    for (size_t i = 0; is_atom(r) && i < sizeof exit_texts / sizeof exit_texts[0]; i++)
        if (r == atom_from_cstr(exit_texts[i].atom)) {
            strbuf_puts(out, exit_texts[i].text);
            return;
        }
    if (is_tuple(r) && tuple_size(r) == 2) {
        Term tag = tuple_get(r, 0), v = tuple_get(r, 1);
        if (tag == atom_from_cstr("nodedown") && is_atom(v)) {
            size_t n;
            const char *s = atom_text(v, &n);
            strbuf_puts(out, "no connection to ");
            strbuf_put(out, s, n);
            return;
        }
        for (size_t i = 0; i < sizeof exit_pairs / sizeof exit_pairs[0]; i++)
            if (tag == atom_from_cstr(exit_pairs[i].tag)) {
                strbuf_puts(out, exit_pairs[i].prefix);
                put_inspect(v, out);
                return;
            }
    }
    put_inspect(r, out);
}

/* A non-empty list of {M, F, A, Loc} / {F, A, Loc} tuples. */
static bool is_stacktrace(Term st)
{
    if (!is_cons(st))
        return false;
    for (; is_cons(st); st = list_tail(st)) {
        Term e = list_head(st);
        if (!is_tuple(e) || tuple_size(e) < 3 || tuple_size(e) > 4)
            return false;
    }
    return st == NIL;
}

static void format_exit_j(Term r, const char *joiner, Strbuf *out)
{
    if (is_tuple(r) && tuple_size(r) == 2 && is_stacktrace(tuple_get(r, 1))) {
        Term st = tuple_get(r, 1);
        char deeper[64];
        snprintf(deeper, sizeof deeper, "%s    ", joiner);
        strbuf_puts(out, "an exception was raised:");
        strbuf_puts(out, joiner);
        exc_banner(A(error), tuple_get(r, 0), st, out);
        for (; is_cons(st); st = list_tail(st)) {
            strbuf_puts(out, deeper);
            Term one[2] = {list_head(st), NIL};
            exc_format_stacktrace(make_list(one), "", out);
            if (out->len && out->data[out->len - 1] == '\n')
                out->data[--out->len] = '\0';
        }
        return;
    }
    if (is_tuple(r) && tuple_size(r) == 2 && is_tuple(tuple_get(r, 1)) &&
        tuple_size(tuple_get(r, 1)) == 3) {
        Term mfa = tuple_get(r, 1);
        Term m = tuple_get(mfa, 0), f = tuple_get(mfa, 1), a = tuple_get(mfa, 2);
        if (is_atom(m) && is_atom(f) && is_list(a)) {
            char deeper[64];
            snprintf(deeper, sizeof deeper, "%s    ", joiner);
            strbuf_puts(out, "exited in: ");
            put_mfa(m, f, a, out);
            strbuf_puts(out, joiner);
            strbuf_puts(out, "** (EXIT) ");
            format_exit_j(tuple_get(r, 0), deeper, out);
            return;
        }
    }
    exit_reason(r, out);
}

void exc_format_exit(Term reason, Strbuf *out)
{
    format_exit_j(reason, "\n    ", out);
}

/* "file:line: " from a [file: 'x', line: n] location. */
static void put_location(Term loc, Strbuf *out)
{
    Term file = NONE, line = NONE;
    for (; is_cons(loc); loc = list_tail(loc)) {
        Term kv = list_head(loc);
        if (!is_tuple(kv) || tuple_size(kv) != 2)
            continue;
        if (tuple_get(kv, 0) == atom_from_cstr("file"))
            file = tuple_get(kv, 1);
        else if (tuple_get(kv, 0) == atom_from_cstr("line"))
            line = tuple_get(kv, 1);
    }
    if (file == NONE)
        return;
    if (is_binary(file))
        put_binary(file, out);
    for (Term l = file; is_cons(l); l = list_tail(l))
        if (is_small(list_head(l)))
            strbuf_putc(out, (char)small_val(list_head(l)));
    if (line != NONE && is_small(line))
        strbuf_printf(out, ":%lld", (long long)small_val(line));
    strbuf_puts(out, ": ");
}

/* first_arity: the first entry's arguments are shown as its arity. */
static void format_stacktrace_a(Term st, const char *indent, bool first_arity, Strbuf *out)
{
    for (bool first = true; is_cons(st); st = list_tail(st), first = false) {
        Term e = list_head(st);
        if (!is_tuple(e) || tuple_size(e) < 3)
            continue;
        strbuf_puts(out, indent);
        size_t n = tuple_size(e);
        Term m = n == 4 ? tuple_get(e, 0) : NONE, f = tuple_get(e, n - 3);
        Term a = tuple_get(e, n - 2);
        if (first && first_arity && !is_small(a))
            a = make_small(lib_list_len(a));
        put_location(tuple_get(e, n - 1), out);
        if (m == NONE) {
            put_inspect(f, out);
            strbuf_printf(out, "/%lld", is_small(a) ? (long long)small_val(a) : 0LL);
        } else if (f == atom_from_cstr("__MODULE__")) {
            strbuf_puts(out, "(module)");
        } else if (f == atom_from_cstr("__FILE__")) {
            strbuf_puts(out, "(file)");
        } else {
            put_mfa(m, f, a, out);
        }
        strbuf_putc(out, '\n');
    }
}

void exc_format_stacktrace(Term st, const char *indent, Strbuf *out)
{
    format_stacktrace_a(st, indent, false, out);
}

void exc_banner(Term cls, Term reason, Term st, Strbuf *out)
{
    if (cls == A(throw)) {
        strbuf_puts(out, "** (throw) ");
        put_inspect(reason, out);
        return;
    }
    if (cls == A(exit)) {
        strbuf_puts(out, "** (exit) ");
        exc_format_exit(reason, out);
        return;
    }
    Proc scratch;
    memset(&scratch, 0, sizeof scratch);
    Term e = reason;
    if (!exc_is_exception(reason) && heap_init(&scratch.heap, 256) == 0)
        e = exc_normalize(&scratch, A(error), reason, st);
    strbuf_puts(out, "** (");
    if (exc_is_exception(e)) {
        inspect_atom(map_get(e, A(__struct__)), out);
        strbuf_puts(out, ") ");
        exc_message(e, out);
    } else {
        strbuf_puts(out, "ErlangError) Erlang error: ");
        put_inspect(reason, out);
    }
    if (scratch.heap.start)
        heap_fini(&scratch.heap);
}

/* Exception.blame for ArithmeticError, as Exception.format/3 applies it:
 * when the first stacktrace entry is the failing :erlang operator with
 * its arguments, the message names the expression (": 1 + :a"). */
static void blame_arith(Term st, Strbuf *out)
{
    Term e = is_cons(st) ? list_head(st) : NONE;
    if (e == NONE || !is_tuple(e) || tuple_size(e) != 4 || tuple_get(e, 0) != A(erlang))
        return;
    Term f = tuple_get(e, 1), args = tuple_get(e, 2);
    long n = lib_list_len(args);
    if (!is_atom(f) || n < 1 || n > 2)
        return;
    size_t len;
    const char *name = atom_text(f, &len);
    Term x = list_head(args), y = n == 2 ? list_head(list_tail(args)) : NONE;
    bool op = len == 1 && strchr("+-*/", name[0]);
    bool bitwise = !strcmp(name, "band") || !strcmp(name, "bor") || !strcmp(name, "bxor") ||
                   !strcmp(name, "bsl") || !strcmp(name, "bsr");
    if (n == 1 && (op || !strcmp(name, "bnot")) && name[0] != '*' && name[0] != '/') {
        strbuf_printf(out, ": %s%s(", name[0] == 'b' ? "Bitwise." : "", name);
        put_inspect(x, out);
        strbuf_putc(out, ')');
    } else if (n == 2 && op) {
        strbuf_puts(out, ": ");
        put_inspect(x, out);
        strbuf_printf(out, " %s ", name);
        put_inspect(y, out);
    } else if (n == 2 && (bitwise || !strcmp(name, "div") || !strcmp(name, "rem"))) {
        strbuf_printf(out, ": %s%s(", bitwise ? "Bitwise." : "", name);
        put_inspect(x, out);
        strbuf_puts(out, ", ");
        put_inspect(y, out);
        strbuf_putc(out, ')');
    }
}

/* Exception.blame for FunctionClauseError, as an uncaught error shows it:
 * when the first stacktrace entry holds the arguments (the VM puts them
 * there), the block "The following arguments were given to M.f/n:" with
 * each argument inspected, indented as Elixir 1.14 prints it. True when
 * printed; the entry is then shown with its arity. */
static bool blame_fclause(Term cls, Term reason, Term st, Strbuf *out)
{
    if (cls != A(error) || !exc_is_exception(reason) ||
        !module_is(map_get(reason, A(__struct__)), "FunctionClauseError") || !is_cons(st))
        return false;
    Term e = list_head(st), ar = field(reason, "arity");
    if (!is_tuple(e) || tuple_size(e) != 4 || !is_small(ar) || (!is_cons(tuple_get(e, 2)) &&
                                                                 tuple_get(e, 2) != NIL))
        return false;
    Term args = tuple_get(e, 2);
    if (lib_list_len(args) != small_val(ar))
        return false;
    strbuf_puts(out, "    \n    \n    The following arguments were given to ");
    put_mfa(field(reason, "module"), field(reason, "function"), ar, out);
    strbuf_puts(out, ":\n    \n");
    long i = 1;
    for (Term l = args; is_cons(l); l = list_tail(l), i++) {
        strbuf_printf(out, "        # %ld\n        ", i);
        Strbuf v;
        strbuf_init(&v);
        put_inspect(list_head(l), &v);
        const char *t = strbuf_cstr(&v);
        for (size_t k = 0; k < v.len; k++) {
            strbuf_putc(out, t[k]);
            if (t[k] == '\n')
                strbuf_puts(out, "        ");
        }
        strbuf_fini(&v);
        strbuf_puts(out, "\n    \n");
    }
    return true;
}

int exc_format_uncaught(Term cls, Term reason, Term st, Strbuf *out)
{
    Strbuf blame;
    strbuf_init(&blame);
    if (!blame_fclause(cls, reason, st, &blame)) {
        strbuf_fini(&blame);
        return exc_format(cls, reason, st, out);
    }
    exc_banner(cls, reason, st, out);
    strbuf_put(out, strbuf_cstr(&blame), blame.len);
    strbuf_fini(&blame);
    format_stacktrace_a(st, "    ", true, out);
    return strbuf_failed(out) ? MOTE_ENOMEM : 0;
}

int exc_format(Term cls, Term reason, Term st, Strbuf *out)
{
    exc_banner(cls, reason, st, out);
    if (cls == A(error) && (reason == A(badarith) ||
                            (exc_is_exception(reason) &&
                             module_is(map_get(reason, A(__struct__)), "ArithmeticError"))))
        blame_arith(st, out);
    if (is_cons(st)) {
        strbuf_putc(out, '\n');
        exc_format_stacktrace(st, "    ", out);
    }
    return strbuf_failed(out) ? MOTE_ENOMEM : 0;
}
