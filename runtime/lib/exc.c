/* exc.c — exception structs, normalisation of Erlang reasons, raising.
 *
 * The pending exception of a builtin is a thread-local (class, reason)
 * pair: the builtin sets it and returns NONE, and the VM takes it before
 * anything else runs on that thread, so the reason (on the raising
 * process's heap) is never stale when taken. Printing is exc_fmt.c.
 */
#include <stdarg.h>
#include <stdio.h>

#include "atom.h"
#include "bin.h"
#include "exc.h"
#include "lib.h"
#include "map.h"
#include "mem.h"

static _Thread_local Term pending_cls = NONE, pending_reason = NONE;

/* The fields each standard exception defines besides __struct__ and
 * __exception__, with the default message where Elixir has one. */
typedef struct ExcDef {
    const char *module;
    const char *fields[7];
    const char *default_msg;
} ExcDef;

static const ExcDef exc_defs[] = {
    {"ArgumentError", {"message"}, "argument error"},
    {"ArithmeticError", {"message"}, "bad argument in arithmetic expression"},
    {"SystemLimitError", {"message"}, "a system limit has been reached"},
    {"RuntimeError", {"message"}, "runtime error"},
    {"KeyError", {"key", "term", "message"}, NULL},
    {"MatchError", {"term"}, NULL},
    {"CaseClauseError", {"term"}, NULL},
    {"TryClauseError", {"term"}, NULL},
    {"WithClauseError", {"term"}, NULL},
    {"CondClauseError", {NULL}, NULL},
    {"BadMapError", {"term"}, NULL},
    {"BadFunctionError", {"term"}, NULL},
    {"BadStructError", {"struct", "term"}, NULL},
    {"BadBooleanError", {"term", "operator"}, NULL},
    {"BadArityError", {"function", "args"}, NULL},
    {"FunctionClauseError", {"module", "function", "arity", "kind", "args", "clauses"}, NULL},
    {"UndefinedFunctionError", {"module", "function", "arity", "reason", "message"}, NULL},
    {"ErlangError", {"original", "reason"}, NULL},
    {"Protocol.UndefinedError", {"protocol", "value", "description"}, NULL},
    {"Enum.EmptyError", {"message"}, "empty error"},
    {"Enum.OutOfBoundsError", {"message"}, "out of bounds error"},
    {"UnicodeConversionError", {"encoded", "message"}, NULL},
    {"Regex.CompileError", {"message"}, "regex could not be compiled"},
    {"File.Error", {"reason", "path", "action"}, NULL},
};

static const ExcDef *find_def(const char *module)
{
    for (size_t i = 0; i < sizeof exc_defs / sizeof exc_defs[0]; i++)
        if (strcmp(exc_defs[i].module, module) == 0)
            return &exc_defs[i];
    return NULL;
}

#define EXC_MAX_FIELDS 16

int exc_struct_fields(Term module, Term *fields, size_t max)
{
    size_t len;
    const char *s = is_atom(module) ? atom_text(module, &len) : NULL;
    if (!s || len <= 7 || len > 64 || memcmp(s, "Elixir.", 7) != 0)
        return -1;
    char name[64];
    memcpy(name, s + 7, len - 7);
    name[len - 7] = '\0';
    const ExcDef *d = find_def(name);
    if (!d)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < 7 && d->fields[i] && n < max; i++)
        fields[n++] = atom_from_cstr(d->fields[i]);
    return (int)n;
}

Term exc_new(Proc *p, const char *module, size_t n, const Term *keys, const Term *values)
{
    Term ks[EXC_MAX_FIELDS + 2], vs[EXC_MAX_FIELDS + 2];
    size_t k = 0;
    Term mod = lib_alias(module);
    if (mod == NONE || n > EXC_MAX_FIELDS)
        return NONE;
    ks[k] = A(__struct__), vs[k++] = mod;
    ks[k] = A(__exception__), vs[k++] = A(true);
    const ExcDef *d = find_def(module);
    for (size_t i = 0; d && i < 7 && d->fields[i]; i++) {
        ks[k] = atom_from_cstr(d->fields[i]);
        vs[k] = A(nil);
        if (d->default_msg && ks[k] == A(message)) {
            vs[k] = lib_str(p, d->default_msg);
            if (vs[k] == NONE)
                return NONE;
        }
        if (!strcmp(d->fields[i], "description") || !strcmp(d->fields[i], "action")) {
            vs[k] = lib_bin(p, "", 0);
            if (vs[k] == NONE)
                return NONE;
        }
        k++;
    }
    /* Given pairs come last: map_from_pairs lets later keys win. */
    Term allk[2 * EXC_MAX_FIELDS + 2], allv[2 * EXC_MAX_FIELDS + 2];
    memcpy(allk, ks, k * sizeof(Term));
    memcpy(allv, vs, k * sizeof(Term));
    if (n) {
        memcpy(allk + k, keys, n * sizeof(Term));
        memcpy(allv + k, values, n * sizeof(Term));
    }
    return map_from_pairs(&p->heap, k + n, allk, allv);
}

Term exc_new_msg(Proc *p, const char *module, const char *text, size_t len)
{
    Term msg = lib_bin(p, text, len);
    if (msg == NONE)
        return NONE;
    Term key = A(message);
    return exc_new(p, module, 1, &key, &msg);
}

bool exc_is_exception(Term t)
{
    if (!is_map(t))
        return false;
    Term e = map_get(t, A(__exception__)), s = map_get(t, A(__struct__));
    return e == A(true) && s != NONE && is_atom(s);
}

/* ---- normalisation ---------------------------------------------------- */

static Term exc1(Proc *p, const char *module, const char *field, Term v)
{
    Term k = atom_from_cstr(field);
    return exc_new(p, module, 1, &k, &v);
}

static Term exc2(Proc *p, const char *module, const char *f1, Term v1, const char *f2, Term v2)
{
    Term ks[2] = {atom_from_cstr(f1), atom_from_cstr(f2)}, vs[2] = {v1, v2};
    return exc_new(p, module, 2, ks, vs);
}

/* Module, function and arity of a stacktrace's first entry; false when
 * it has none of that shape. */
static bool first_mfa(Term st, Term *m, Term *f, Term *a)
{
    if (!is_cons(st))
        return false;
    Term e = list_head(st);
    if (!is_tuple(e) || tuple_size(e) < 3)
        return false;
    *m = tuple_get(e, 0), *f = tuple_get(e, 1), *a = tuple_get(e, 2);
    if (!is_atom(*m) || !is_atom(*f))
        return false;
    if (is_list(*a)) {
        long n = lib_list_len(*a);
        *a = make_small(n < 0 ? 0 : n);
    }
    return is_small(*a);
}

static Term from_stack(Proc *p, const char *module, Term st)
{
    Term m, f, a;
    if (!first_mfa(st, &m, &f, &a))
        return exc_new(p, module, 0, NULL, NULL);
    Term ks[3] = {A(nil), A(nil), A(nil)};
    ks[0] = atom_from_cstr("module"), ks[1] = atom_from_cstr("function");
    ks[2] = atom_from_cstr("arity");
    Term vs[3] = {m, f, a};
    return exc_new(p, module, 3, ks, vs);
}

/* Reasons that are a bare atom. */
static Term normalize_atom(Proc *p, Term r, Term st)
{
    if (r == A(badarg))
        return exc_new(p, "ArgumentError", 0, NULL, NULL);
    if (r == A(badarith))
        return exc_new(p, "ArithmeticError", 0, NULL, NULL);
    if (r == A(system_limit))
        return exc_new(p, "SystemLimitError", 0, NULL, NULL);
    if (r == atom_from_cstr("cond_clause"))
        return exc_new(p, "CondClauseError", 0, NULL, NULL);
    if (r == A(undef))
        return from_stack(p, "UndefinedFunctionError", st);
    if (r == A(function_clause))
        return from_stack(p, "FunctionClauseError", st);
    return NONE;
}

/* Reasons that are a tuple tagged by an atom. */
static Term normalize_tuple(Proc *p, Term r)
{
    size_t n = tuple_size(r);
    Term tag = n ? tuple_get(r, 0) : NONE;
    Term v1 = n > 1 ? tuple_get(r, 1) : NONE, v2 = n > 2 ? tuple_get(r, 2) : NONE;
    if (n == 2) {
        if (tag == A(badmatch))
            return exc1(p, "MatchError", "term", v1);
        if (tag == A(case_clause))
            return exc1(p, "CaseClauseError", "term", v1);
        if (tag == atom_from_cstr("try_clause"))
            return exc1(p, "TryClauseError", "term", v1);
        if (tag == atom_from_cstr("with_clause"))
            return exc1(p, "WithClauseError", "term", v1);
        if (tag == A(badmap))
            return exc1(p, "BadMapError", "term", v1);
        if (tag == A(badfun))
            return exc1(p, "BadFunctionError", "term", v1);
        if (tag == A(badkey))
            return exc1(p, "KeyError", "key", v1);
        if (tag == A(badarity) && is_tuple(v1) && tuple_size(v1) == 2)
            return exc2(p, "BadArityError", "function", tuple_get(v1, 0), "args",
                        tuple_get(v1, 1));
    } else if (n == 3) {
        if (tag == A(badkey))
            return exc2(p, "KeyError", "key", v1, "term", v2);
        if (tag == atom_from_cstr("badstruct"))
            return exc2(p, "BadStructError", "struct", v1, "term", v2);
        if (tag == atom_from_cstr("badbool"))
            return exc2(p, "BadBooleanError", "operator", v1, "term", v2);
    }
    return NONE;
}

Term exc_normalize(Proc *p, Term cls, Term reason, Term stacktrace)
{
    if (cls != A(error) || exc_is_exception(reason))
        return reason;
    Term e = NONE;
    if (is_atom(reason))
        e = normalize_atom(p, reason, stacktrace);
    else if (is_tuple(reason))
        e = normalize_tuple(p, reason);
    if (e == NONE)
        e = exc1(p, "ErlangError", "original", reason);
    return e;
}

/* True when exc's :message is nil or the binary text. */
static bool msg_is(Term exc, const char *text)
{
    Term m = map_get(exc, A(message));
    if (m == NONE || m == A(nil))
        return text == NULL;
    if (text == NULL || !is_binary(m))
        return false;
    const uint8_t *b;
    size_t len;
    bin_bytes(m, &b, &len);
    size_t tl = strlen(text);
    return len >= tl && memcmp(b, text, tl) == 0;
}

static Term field(Term exc, const char *name)
{
    Term v = map_get(exc, atom_from_cstr(name));
    return v == NONE ? A(nil) : v;
}

Term exc_erlang_reason(Proc *p, Term exc)
{
    if (!exc_is_exception(exc))
        return exc;
    char name[ATOM_MAX_CHARS + 1];
    const char *mod = atom_text(map_get(exc, A(__struct__)), NULL);
    if (mod == NULL || strncmp(mod, "Elixir.", 7) != 0)
        return exc;
    snprintf(name, sizeof name, "%s", mod + 7);
    Term r = NONE;
    if (!strcmp(name, "ArithmeticError") && msg_is(exc, "bad argument in arithmetic expression"))
        r = A(badarith);
    else if (!strcmp(name, "ArgumentError") && msg_is(exc, "errors were found at the given"))
        r = A(badarg);
    else if (!strcmp(name, "SystemLimitError"))
        r = A(system_limit);
    else if (!strcmp(name, "UndefinedFunctionError") && msg_is(exc, NULL))
        r = A(undef);
    else if (!strcmp(name, "FunctionClauseError"))
        r = A(function_clause);
    else if (!strcmp(name, "KeyError") && msg_is(exc, NULL) && is_map(field(exc, "term")))
        r = lib_tuple2(p, A(badkey), field(exc, "key"));
    else if (!strcmp(name, "MatchError"))
        r = lib_tuple2(p, A(badmatch), field(exc, "term"));
    else if (!strcmp(name, "CaseClauseError"))
        r = lib_tuple2(p, A(case_clause), field(exc, "term"));
    else if (!strcmp(name, "TryClauseError"))
        r = lib_tuple2(p, atom_from_cstr("try_clause"), field(exc, "term"));
    else if (!strcmp(name, "WithClauseError"))
        r = lib_tuple2(p, atom_from_cstr("with_clause"), field(exc, "term"));
    else if (!strcmp(name, "BadMapError"))
        r = lib_tuple2(p, A(badmap), field(exc, "term"));
    else if (!strcmp(name, "BadFunctionError"))
        r = lib_tuple2(p, A(badfun), field(exc, "term"));
    else if (!strcmp(name, "BadArityError")) {
        Term fa = lib_tuple2(p, field(exc, "function"), field(exc, "args"));
        r = fa == NONE ? NONE : lib_tuple2(p, A(badarity), fa);
    }
    return r == NONE ? exc : r;
}

/* ---- raising ---------------------------------------------------------- */

Term bif_raise(Proc *p, Term cls, Term reason)
{
    (void)p;
    pending_cls = cls;
    pending_reason = reason;
    return NONE;
}

Term bif_error(Proc *p, Term reason)
{
    return bif_raise(p, A(error), reason);
}

Term bif_raise_msg(Proc *p, const char *exc_module, const char *fmt, ...)
{
    char small[512], *buf = small;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n;
    /* Long texts (an inspected term in the message) get a buffer of
     * their own; if that fails the text is cut to the small one. */
    if (len >= sizeof small && (buf = mem_alloc(MEM_SYSTEM, len + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(buf, len + 1, fmt, ap);
        va_end(ap);
    } else if (len >= sizeof small) {
        buf = small, len = sizeof small - 1;
    }
    Term e = exc_new_msg(p, exc_module, buf, len);
    if (buf != small)
        mem_free(MEM_SYSTEM, buf, len + 1);
    /* Out of memory while building the struct: the bare reason still
     * says what kind of failure it was. */
    return bif_error(p, e == NONE ? A(system_limit) : e);
}

const char *exc_ordinal(unsigned n, char buf[16])
{
    const char *suf = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        if (n % 10 == 1)
            suf = "st";
        else if (n % 10 == 2)
            suf = "nd";
        else if (n % 10 == 3)
            suf = "rd";
    }
    snprintf(buf, 16, "%u%s", n, suf);
    return buf;
}

Term bif_badarg(Proc *p, unsigned argno, const char *why)
{
    char ord[16];
    return bif_raise_msg(p, "ArgumentError",
                         "errors were found at the given arguments:\n\n  * %s argument: %s\n",
                         exc_ordinal(argno, ord), why);
}

Term lib_function_clause(Proc *p, const char *module, const char *fun, unsigned arity)
{
    Term ks[3] = {atom_from_cstr("module"), atom_from_cstr("function"), atom_from_cstr("arity")};
    Term vs[3] = {atom_from_cstr(module), atom_from_cstr(fun), make_small(arity)};
    Term e = exc_new(p, "FunctionClauseError", 3, ks, vs);
    return bif_error(p, e == NONE ? A(function_clause) : e);
}

bool bif_take_exception(Term *cls, Term *reason)
{
    if (pending_cls == NONE)
        return false;
    *cls = pending_cls;
    *reason = pending_reason;
    pending_cls = pending_reason = NONE;
    return true;
}

/* ---- builtins: Exception, :erlang raising, Kernel.raise ----------------- */

#include "strbuf.h"

static Term text_result(Proc *p, Strbuf *sb)
{
    Term t = lib_strbuf(p, sb);
    return t == NONE ? lib_oom(p) : t;
}

static Term bif_exc_message(Proc *p, const Term *a)
{
    if (!exc_is_exception(a[0]))
        return bif_raise_msg(p, "ArgumentError", "expected an exception");
    Strbuf sb;
    strbuf_init(&sb);
    exc_message(a[0], &sb);
    return text_result(p, &sb);
}

static Term bif_exc_normalize(Proc *p, const Term *a)
{
    Term e = exc_normalize(p, a[0], a[1], a[2]);
    return e == NONE ? lib_oom(p) : e;
}

static Term bif_exc_banner(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    exc_banner(a[0], a[1], a[2], &sb);
    return text_result(p, &sb);
}

static Term bif_exc_banner2(Proc *p, const Term *a)
{
    Term b[3] = {a[0], a[1], NIL};
    return bif_exc_banner(p, b);
}

static Term bif_exc_format(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    exc_format(a[0], a[1], a[2], &sb);
    return text_result(p, &sb);
}

static Term bif_exc_format2(Proc *p, const Term *a)
{
    Term b[3] = {a[0], a[1], NIL};
    return bif_exc_format(p, b);
}

static Term bif_exc_format_exit(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    exc_format_exit(a[0], &sb);
    return text_result(p, &sb);
}

static Term bif_exc_format_st(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    exc_format_stacktrace(a[0], "    ", &sb);
    return text_result(p, &sb);
}

static Term bif_exc_is(Proc *p, const Term *a)
{
    (void)p;
    return lib_bool(exc_is_exception(a[0]));
}

static Term bif_erl_error(Proc *p, const Term *a) { return bif_error(p, a[0]); }
static Term bif_erl_throw(Proc *p, const Term *a) { return bif_raise(p, A(throw), a[0]); }
static Term bif_erl_exit(Proc *p, const Term *a) { return bif_raise(p, A(exit), a[0]); }

static Term bif_erl_raise(Proc *p, const Term *a)
{
    if (a[0] != A(error) && a[0] != A(exit) && a[0] != A(throw))
        return bif_badarg(p, 1, "invalid error class");
    return bif_raise(p, a[0], a[1]);
}

/* The module name of an alias atom without "Elixir.", for exc_new. */
static bool alias_name(Term mod, char buf[ATOM_MAX_CHARS + 1])
{
    size_t n;
    const char *s = is_atom(mod) ? atom_text(mod, &n) : NULL;
    if (!s || n <= 7 || memcmp(s, "Elixir.", 7) != 0)
        return false;
    memcpy(buf, s + 7, n - 7);
    buf[n - 7] = '\0';
    return true;
}

/* Kernel.raise(Module, message or fields) for the standard exceptions
 * and any module whose fields are given as a keyword list; a user
 * module's own exception/1 is the VM's to call. */
static Term raise_with(Proc *p, Term mod, Term arg)
{
    char name[ATOM_MAX_CHARS + 1];
    if (!alias_name(mod, name))
        return bif_badarg(p, 1, "not an exception module");
    Term e;
    const uint8_t *s;
    size_t len;
    if (lib_bytes(arg, &s, &len)) {
        e = exc_new_msg(p, name, (const char *)s, len);
    } else {
        Term ks[EXC_MAX_FIELDS], vs[EXC_MAX_FIELDS];
        size_t n = 0;
        for (Term l = arg; is_cons(l) && n < EXC_MAX_FIELDS; l = list_tail(l)) {
            Term kv = list_head(l);
            if (!is_tuple(kv) || tuple_size(kv) != 2 || !is_atom(tuple_get(kv, 0)))
                return bif_badarg(p, 2, "not a keyword list");
            ks[n] = tuple_get(kv, 0), vs[n++] = tuple_get(kv, 1);
        }
        e = exc_new(p, name, n, ks, vs);
    }
    return e == NONE ? lib_oom(p) : bif_error(p, e);
}

static Term bif_raise1(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t len;
    if (lib_bytes(a[0], &s, &len)) {
        Term e = exc_new_msg(p, "RuntimeError", (const char *)s, len);
        return e == NONE ? lib_oom(p) : bif_error(p, e);
    }
    if (exc_is_exception(a[0]))
        return bif_error(p, a[0]);
    if (is_atom(a[0]))
        return raise_with(p, a[0], NIL);
    return bif_error(p, a[0]);
}

static Term bif_raise2(Proc *p, const Term *a) { return raise_with(p, a[0], a[1]); }

/* Each standard exception module's __struct__/0,1, exception/1 and
 * message/1, so %KeyError{...}, KeyError.exception(...) and raise/2 work
 * on them like on modules defined in the language. */
static Term exc_fields_kw(Proc *p, const char *module, Term kw, bool msg_ok)
{
    Term ks[EXC_MAX_FIELDS], vs[EXC_MAX_FIELDS];
    size_t n = 0;
    const uint8_t *s;
    size_t len;
    if (msg_ok && lib_bytes(kw, &s, &len)) {
        Term e = exc_new_msg(p, module, (const char *)s, len);
        return e == NONE ? lib_oom(p) : e;
    }
    for (Term l = kw; is_cons(l) && n < EXC_MAX_FIELDS; l = list_tail(l)) {
        Term kv = list_head(l);
        if (!is_tuple(kv) || tuple_size(kv) != 2 || !is_atom(tuple_get(kv, 0)))
            return bif_badarg(p, 1, "not a keyword list");
        ks[n] = tuple_get(kv, 0), vs[n++] = tuple_get(kv, 1);
    }
    Term e = exc_new(p, module, n, ks, vs);
    return e == NONE ? lib_oom(p) : e;
}

#define EXC_MODULE_FNS(id, name)                                                           \
    static Term id##_struct0(Proc *p, const Term *a)                                       \
    {                                                                                      \
        (void)a;                                                                           \
        return exc_fields_kw(p, name, NIL, false);                                         \
    }                                                                                      \
    static Term id##_struct1(Proc *p, const Term *a) { return exc_fields_kw(p, name, a[0], false); } \
    static Term id##_exception(Proc *p, const Term *a) { return exc_fields_kw(p, name, a[0], true); }

EXC_MODULE_FNS(ArgumentError, "ArgumentError")
EXC_MODULE_FNS(ArithmeticError, "ArithmeticError")
EXC_MODULE_FNS(SystemLimitError, "SystemLimitError")
EXC_MODULE_FNS(RuntimeError, "RuntimeError")
EXC_MODULE_FNS(KeyError, "KeyError")
EXC_MODULE_FNS(MatchError, "MatchError")
EXC_MODULE_FNS(CaseClauseError, "CaseClauseError")
EXC_MODULE_FNS(TryClauseError, "TryClauseError")
EXC_MODULE_FNS(WithClauseError, "WithClauseError")
EXC_MODULE_FNS(CondClauseError, "CondClauseError")
EXC_MODULE_FNS(BadMapError, "BadMapError")
EXC_MODULE_FNS(BadFunctionError, "BadFunctionError")
EXC_MODULE_FNS(BadStructError, "BadStructError")
EXC_MODULE_FNS(BadBooleanError, "BadBooleanError")
EXC_MODULE_FNS(BadArityError, "BadArityError")
EXC_MODULE_FNS(FunctionClauseError, "FunctionClauseError")
EXC_MODULE_FNS(UndefinedFunctionError, "UndefinedFunctionError")
EXC_MODULE_FNS(ErlangError, "ErlangError")
EXC_MODULE_FNS(Protocol_UndefinedError, "Protocol.UndefinedError")
EXC_MODULE_FNS(Enum_EmptyError, "Enum.EmptyError")
EXC_MODULE_FNS(Enum_OutOfBoundsError, "Enum.OutOfBoundsError")
EXC_MODULE_FNS(UnicodeConversionError, "UnicodeConversionError")
EXC_MODULE_FNS(Regex_CompileError, "Regex.CompileError")
EXC_MODULE_FNS(File_Error, "File.Error")

static const BifDef exc_module_bifs[] = {
    {"Elixir.ArgumentError", "__struct__", 0, BIF_PURE, ArgumentError_struct0, NULL},
    {"Elixir.ArgumentError", "__struct__", 1, BIF_PURE, ArgumentError_struct1, NULL},
    {"Elixir.ArgumentError", "exception", 1, BIF_PURE, ArgumentError_exception, NULL},
    {"Elixir.ArgumentError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.ArithmeticError", "__struct__", 0, BIF_PURE, ArithmeticError_struct0, NULL},
    {"Elixir.ArithmeticError", "__struct__", 1, BIF_PURE, ArithmeticError_struct1, NULL},
    {"Elixir.ArithmeticError", "exception", 1, BIF_PURE, ArithmeticError_exception, NULL},
    {"Elixir.ArithmeticError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.SystemLimitError", "__struct__", 0, BIF_PURE, SystemLimitError_struct0, NULL},
    {"Elixir.SystemLimitError", "__struct__", 1, BIF_PURE, SystemLimitError_struct1, NULL},
    {"Elixir.SystemLimitError", "exception", 1, BIF_PURE, SystemLimitError_exception, NULL},
    {"Elixir.SystemLimitError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.RuntimeError", "__struct__", 0, BIF_PURE, RuntimeError_struct0, NULL},
    {"Elixir.RuntimeError", "__struct__", 1, BIF_PURE, RuntimeError_struct1, NULL},
    {"Elixir.RuntimeError", "exception", 1, BIF_PURE, RuntimeError_exception, NULL},
    {"Elixir.RuntimeError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.KeyError", "__struct__", 0, BIF_PURE, KeyError_struct0, NULL},
    {"Elixir.KeyError", "__struct__", 1, BIF_PURE, KeyError_struct1, NULL},
    {"Elixir.KeyError", "exception", 1, BIF_PURE, KeyError_exception, NULL},
    {"Elixir.KeyError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.MatchError", "__struct__", 0, BIF_PURE, MatchError_struct0, NULL},
    {"Elixir.MatchError", "__struct__", 1, BIF_PURE, MatchError_struct1, NULL},
    {"Elixir.MatchError", "exception", 1, BIF_PURE, MatchError_exception, NULL},
    {"Elixir.MatchError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.CaseClauseError", "__struct__", 0, BIF_PURE, CaseClauseError_struct0, NULL},
    {"Elixir.CaseClauseError", "__struct__", 1, BIF_PURE, CaseClauseError_struct1, NULL},
    {"Elixir.CaseClauseError", "exception", 1, BIF_PURE, CaseClauseError_exception, NULL},
    {"Elixir.CaseClauseError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.TryClauseError", "__struct__", 0, BIF_PURE, TryClauseError_struct0, NULL},
    {"Elixir.TryClauseError", "__struct__", 1, BIF_PURE, TryClauseError_struct1, NULL},
    {"Elixir.TryClauseError", "exception", 1, BIF_PURE, TryClauseError_exception, NULL},
    {"Elixir.TryClauseError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.WithClauseError", "__struct__", 0, BIF_PURE, WithClauseError_struct0, NULL},
    {"Elixir.WithClauseError", "__struct__", 1, BIF_PURE, WithClauseError_struct1, NULL},
    {"Elixir.WithClauseError", "exception", 1, BIF_PURE, WithClauseError_exception, NULL},
    {"Elixir.WithClauseError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.CondClauseError", "__struct__", 0, BIF_PURE, CondClauseError_struct0, NULL},
    {"Elixir.CondClauseError", "__struct__", 1, BIF_PURE, CondClauseError_struct1, NULL},
    {"Elixir.CondClauseError", "exception", 1, BIF_PURE, CondClauseError_exception, NULL},
    {"Elixir.CondClauseError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.BadMapError", "__struct__", 0, BIF_PURE, BadMapError_struct0, NULL},
    {"Elixir.BadMapError", "__struct__", 1, BIF_PURE, BadMapError_struct1, NULL},
    {"Elixir.BadMapError", "exception", 1, BIF_PURE, BadMapError_exception, NULL},
    {"Elixir.BadMapError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.BadFunctionError", "__struct__", 0, BIF_PURE, BadFunctionError_struct0, NULL},
    {"Elixir.BadFunctionError", "__struct__", 1, BIF_PURE, BadFunctionError_struct1, NULL},
    {"Elixir.BadFunctionError", "exception", 1, BIF_PURE, BadFunctionError_exception, NULL},
    {"Elixir.BadFunctionError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.BadStructError", "__struct__", 0, BIF_PURE, BadStructError_struct0, NULL},
    {"Elixir.BadStructError", "__struct__", 1, BIF_PURE, BadStructError_struct1, NULL},
    {"Elixir.BadStructError", "exception", 1, BIF_PURE, BadStructError_exception, NULL},
    {"Elixir.BadStructError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.BadBooleanError", "__struct__", 0, BIF_PURE, BadBooleanError_struct0, NULL},
    {"Elixir.BadBooleanError", "__struct__", 1, BIF_PURE, BadBooleanError_struct1, NULL},
    {"Elixir.BadBooleanError", "exception", 1, BIF_PURE, BadBooleanError_exception, NULL},
    {"Elixir.BadBooleanError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.BadArityError", "__struct__", 0, BIF_PURE, BadArityError_struct0, NULL},
    {"Elixir.BadArityError", "__struct__", 1, BIF_PURE, BadArityError_struct1, NULL},
    {"Elixir.BadArityError", "exception", 1, BIF_PURE, BadArityError_exception, NULL},
    {"Elixir.BadArityError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.FunctionClauseError", "__struct__", 0, BIF_PURE, FunctionClauseError_struct0, NULL},
    {"Elixir.FunctionClauseError", "__struct__", 1, BIF_PURE, FunctionClauseError_struct1, NULL},
    {"Elixir.FunctionClauseError", "exception", 1, BIF_PURE, FunctionClauseError_exception, NULL},
    {"Elixir.FunctionClauseError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.UndefinedFunctionError", "__struct__", 0, BIF_PURE, UndefinedFunctionError_struct0, NULL},
    {"Elixir.UndefinedFunctionError", "__struct__", 1, BIF_PURE, UndefinedFunctionError_struct1, NULL},
    {"Elixir.UndefinedFunctionError", "exception", 1, BIF_PURE, UndefinedFunctionError_exception, NULL},
    {"Elixir.UndefinedFunctionError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.ErlangError", "__struct__", 0, BIF_PURE, ErlangError_struct0, NULL},
    {"Elixir.ErlangError", "__struct__", 1, BIF_PURE, ErlangError_struct1, NULL},
    {"Elixir.ErlangError", "exception", 1, BIF_PURE, ErlangError_exception, NULL},
    {"Elixir.ErlangError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.Protocol.UndefinedError", "__struct__", 0, BIF_PURE, Protocol_UndefinedError_struct0, NULL},
    {"Elixir.Protocol.UndefinedError", "__struct__", 1, BIF_PURE, Protocol_UndefinedError_struct1, NULL},
    {"Elixir.Protocol.UndefinedError", "exception", 1, BIF_PURE, Protocol_UndefinedError_exception, NULL},
    {"Elixir.Protocol.UndefinedError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.Enum.EmptyError", "__struct__", 0, BIF_PURE, Enum_EmptyError_struct0, NULL},
    {"Elixir.Enum.EmptyError", "__struct__", 1, BIF_PURE, Enum_EmptyError_struct1, NULL},
    {"Elixir.Enum.EmptyError", "exception", 1, BIF_PURE, Enum_EmptyError_exception, NULL},
    {"Elixir.Enum.EmptyError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.Enum.OutOfBoundsError", "__struct__", 0, BIF_PURE, Enum_OutOfBoundsError_struct0, NULL},
    {"Elixir.Enum.OutOfBoundsError", "__struct__", 1, BIF_PURE, Enum_OutOfBoundsError_struct1, NULL},
    {"Elixir.Enum.OutOfBoundsError", "exception", 1, BIF_PURE, Enum_OutOfBoundsError_exception, NULL},
    {"Elixir.Enum.OutOfBoundsError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.UnicodeConversionError", "__struct__", 0, BIF_PURE, UnicodeConversionError_struct0, NULL},
    {"Elixir.UnicodeConversionError", "__struct__", 1, BIF_PURE, UnicodeConversionError_struct1, NULL},
    {"Elixir.UnicodeConversionError", "exception", 1, BIF_PURE, UnicodeConversionError_exception, NULL},
    {"Elixir.UnicodeConversionError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.Regex.CompileError", "__struct__", 0, BIF_PURE, Regex_CompileError_struct0, NULL},
    {"Elixir.Regex.CompileError", "__struct__", 1, BIF_PURE, Regex_CompileError_struct1, NULL},
    {"Elixir.Regex.CompileError", "exception", 1, BIF_PURE, Regex_CompileError_exception, NULL},
    {"Elixir.Regex.CompileError", "message", 1, BIF_PURE, bif_exc_message, NULL},
    {"Elixir.File.Error", "__struct__", 0, BIF_PURE, File_Error_struct0, NULL},
    {"Elixir.File.Error", "__struct__", 1, BIF_PURE, File_Error_struct1, NULL},
    {"Elixir.File.Error", "exception", 1, BIF_PURE, File_Error_exception, NULL},
    {"Elixir.File.Error", "message", 1, BIF_PURE, bif_exc_message, NULL},
};

static const BifDef exc_bifs[] = {
    {"Elixir.Exception", "message", 1, 0, bif_exc_message, "Exception.message/1"},
    {"Elixir.Exception", "normalize", 3, 0, bif_exc_normalize, "Exception.normalize/3"},
    {"Elixir.Exception", "format_banner", 2, 0, bif_exc_banner2, NULL},
    {"Elixir.Exception", "format_banner", 3, 0, bif_exc_banner, "Exception.format_banner/3"},
    {"Elixir.Exception", "format", 2, 0, bif_exc_format2, NULL},
    {"Elixir.Exception", "format", 3, 0, bif_exc_format, "Exception.format/3"},
    {"Elixir.Exception", "format_exit", 1, 0, bif_exc_format_exit, "Exception.format_exit/1"},
    {"Elixir.Exception", "format_stacktrace", 1, 0, bif_exc_format_st, NULL},
    {"Elixir.Exception", "exception?", 1, BIF_PURE, bif_exc_is, NULL},
    {"erlang", "error", 1, 0, bif_erl_error, NULL},
    {"erlang", "error", 2, 0, bif_erl_error, NULL},
    {"erlang", "throw", 1, 0, bif_erl_throw, NULL},
    {"erlang", "exit", 1, 0, bif_erl_exit, NULL},
    {"erlang", "raise", 3, 0, bif_erl_raise, NULL},
    {"Elixir.Kernel", "raise", 1, 0, bif_raise1, "Kernel.raise/1"},
    {"Elixir.Kernel", "raise", 2, 0, bif_raise2, "Kernel.raise/2"},
};

int lib_exc_register(void)
{
    int rc = bif_register(exc_bifs, LIB_NDEFS(exc_bifs));
    return rc < 0 ? rc : bif_register(exc_module_bifs, LIB_NDEFS(exc_module_bifs));
}
