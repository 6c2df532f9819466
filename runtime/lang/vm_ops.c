/* vm_ops.c — the slow paths of the VM's opcodes: arithmetic beyond small
 * integers, comparison, string building, raising the language's
 * exceptions with Elixir's messages, and reporting uncaught ones.
 *
 * Nothing here runs the GC: results are built with heap_alloc, which
 * never moves a term, so the interpreter's locals stay valid.
 */
#include <math.h>
#include <stdio.h>

#include "atom.h"
#include "big.h"
#include "exc.h"
#include "bin.h"
#include "code.h"
#include "inspect.h"
#include "lib.h"
#include "map.h"
#include "strbuf.h"
#include "vm_int.h"

static Term raise_term(Proc *p, const char *module, Term v);

static bool num_to_double(Term t, double *d)
{
    if (is_float(t)) {
        *d = float_val(t);
        return true;
    }
    if (is_integer(t)) {
        *d = int_to_double(t);
        return true;
    }
    return false;
}

static Term badarith(Proc *p)
{
    return bif_raise_msg(p, "ArithmeticError", "bad argument in arithmetic expression");
}

static Term float_result(Proc *p, double d)
{
    if (!isfinite(d))
        return badarith(p);
    return float_new(&p->heap, d);
}

static Term float_arith(Proc *p, unsigned op, Term a, Term b)
{
    double x, y;
    if (!num_to_double(a, &x) || !num_to_double(b, &y))
        return badarith(p);
    switch (op) {
    case VA_ADD: return float_result(p, x + y);
    case VA_SUB: return float_result(p, x - y);
    case VA_MUL: return float_result(p, x * y);
    case VA_FDIV:
        if (y == 0)
            return badarith(p);
        return float_result(p, x / y);
    default: return badarith(p);
    }
}

/* Appends the elements of a proper list a to b (a's cells copied). */
static Term list_append(Proc *p, Term a, Term b)
{
    size_t n = 0;
    Term t;
    for (t = a; is_cons(t); t = list_tail(t))
        n++;
    if (t != NIL)
        return bif_error(p, A(badarg));
    if (n == 0)
        return b;
    Term *hp = heap_alloc(&p->heap, 2 * n);
    if (hp == NULL)
        return bif_error(p, A(system_limit));
    Term *c = hp;
    for (t = a; is_cons(t); t = list_tail(t), c += 2) {
        c[0] = list_head(t);
        c[1] = make_list(c + 2);
    }
    c[-1] = b;
    bif_charge(p, (uint32_t)(n / 16));
    return make_list(hp);
}

/* a -- b: each element of b removes its first equal element of a. */
static Term list_subtract(Proc *p, Term a, Term b)
{
    size_t na = 0;
    for (Term t = a; is_cons(t); t = list_tail(t))
        na++;
    Term tmp[1024];
    Term *items = na <= 1024 ? tmp : heap_alloc(&p->heap, na);
    if (items == NULL)
        return bif_error(p, A(system_limit));
    size_t i = 0;
    for (Term t = a; is_cons(t); t = list_tail(t))
        items[i++] = list_head(t);
    for (Term t = b; is_cons(t); t = list_tail(t)) {
        for (size_t k = 0; k < na; k++) {
            if (items[k] != NONE && term_eq_exact(items[k], list_head(t))) {
                items[k] = NONE;
                break;
            }
        }
    }
    bif_charge(p, (uint32_t)(na / 8));
    Term r = NIL;
    for (size_t k = na; k-- > 0;) {
        if (items[k] == NONE)
            continue;
        Term *c = heap_alloc(&p->heap, 2);
        if (c == NULL)
            return bif_error(p, A(system_limit));
        c[0] = items[k];
        c[1] = r;
        r = make_list(c);
    }
    return r;
}

static Term concat2(Proc *p, Term a, Term b)
{
    Term parts[2] = {b, a};
    if (!is_binary(a) || !is_binary(b)) {
        /* OTP 25's text for a failed <<a::binary, b::binary>>; it names
         * the last bad segment. */
        int seg = is_binary(b) ? 1 : 2;
        Term bad = seg == 2 ? b : a;
        Strbuf sb;
        strbuf_init(&sb);
        InspectOpts o;
        inspect_opts_kernel(&o);
        inspect_term(bad, &o, &sb);
        if (is_bitstring(bad))
            bif_raise_msg(p, "ArgumentError",
                          "construction of binary failed: segment %d of type 'binary': the size of "
                          "the value %s is not a multiple of the unit for the segment",
                          seg, strbuf_cstr(&sb));
        else
            bif_raise_msg(p, "ArgumentError",
                          "construction of binary failed: segment %d of type 'binary': expected a "
                          "binary but got: %s",
                          seg, strbuf_cstr(&sb));
        strbuf_fini(&sb);
        return NONE;
    }
    return vm_concat_rev(p, parts, 2);
}

/* a ** b: an integer for integer operands with b >= 0, else a float. */
static Term power(Proc *p, Term a, Term b)
{
    if (is_integer(a) && is_small(b) && small_val(b) >= 0) {
        Term r = int_pow(&p->heap, a, (uint64_t)small_val(b));
        return r == NONE ? badarith(p) : r;
    }
    double x, y;
    if (!num_to_double(a, &x) || !num_to_double(b, &y))
        return badarith(p);
    return float_result(p, pow(x, y));
}

Term vm_arith(Proc *p, unsigned op, Term a, Term b)
{
    Heap *h = &p->heap;
    switch (op) {
    case VA_PLUSPLUS: return list_append(p, a, b);
    case VA_MINUSMINUS: return list_subtract(p, a, b);
    case VA_CONCAT: return concat2(p, a, b);
    case VA_POW: return power(p, a, b);
    default: break;
    }
    if (op == VA_FDIV || is_float(a) || is_float(b)) {
        if (op == VA_FDIV || op == VA_ADD || op == VA_SUB || op == VA_MUL)
            return float_arith(p, op, a, b);
        return badarith(p);
    }
    if (!is_integer(a) || !is_integer(b))
        return badarith(p);
    Term r;
    switch (op) {
    case VA_ADD: r = int_add(h, a, b); break;
    case VA_SUB: r = int_sub(h, a, b); break;
    case VA_MUL: r = int_mul(h, a, b); break;
    case VA_IDIV:
    case VA_REM:
        if (b == make_small(0))
            return badarith(p);
        r = op == VA_IDIV ? int_div(h, a, b) : int_rem(h, a, b);
        break;
    case VA_BAND: r = int_band(h, a, b); break;
    case VA_BOR: r = int_bor(h, a, b); break;
    case VA_BXOR: r = int_bxor(h, a, b); break;
    case VA_BSL:
    case VA_BSR: {
        int64_t s;
        if (!int_to_i64(b, &s))
            return badarith(p);
        r = int_bsl(h, a, op == VA_BSL ? s : -s);
        break;
    }
    default: return badarith(p);
    }
    if (r == NONE)
        return badarith(p);
    return r;
}

Term vm_neg(Proc *p, Term a)
{
    if (is_float(a))
        return float_new(&p->heap, -float_val(a));
    if (is_integer(a))
        return int_neg(&p->heap, a);
    return badarith(p);
}

bool vm_compare(unsigned op, Term a, Term b)
{
    switch (op) {
    case VC_EQ: return term_eq(a, b);
    case VC_NE: return !term_eq(a, b);
    case VC_SEQ: return term_eq_exact(a, b);
    case VC_SNE: return !term_eq_exact(a, b);
    case VC_LT: return term_cmp(a, b) < 0;
    case VC_GT: return term_cmp(a, b) > 0;
    case VC_LE: return term_cmp(a, b) <= 0;
    default: return term_cmp(a, b) >= 0;
    }
}

Term vm_concat_rev(Proc *p, const Term *rev, uint32_t n)
{
    size_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *b;
        size_t len;
        if (!bin_bytes(rev[i], &b, &len))
            return bif_error(p, A(badarg));
        total += len;
    }
    Term r = bin_new(&p->heap, NULL, total);
    if (r == NONE)
        return bif_error(p, A(system_limit));
    const uint8_t *dst;
    size_t dlen;
    bin_bytes(r, &dst, &dlen);
    uint8_t *w = (uint8_t *)dst;
    for (uint32_t i = n; i-- > 0;) {
        const uint8_t *b;
        size_t len;
        bin_bytes(rev[i], &b, &len);
        memcpy(w, b, len);
        w += len;
    }
    bif_charge(p, (uint32_t)(total / 64));
    return r;
}

/* UTF-8 encoding of a charlist (chardata: nested lists and binaries). */
static bool chardata_put(Term t, Strbuf *sb, int depth)
{
    if (depth > 100)
        return false;
    for (; is_cons(t); t = list_tail(t)) {
        Term c = list_head(t);
        if (is_small(c)) {
            int64_t v = small_val(c);
            if (v < 0 || v > 0x10FFFF)
                return false;
            char u[4];
            size_t k;
            if (v < 0x80) { u[0] = (char)v; k = 1; }
            else if (v < 0x800) { u[0] = (char)(0xC0 | (v >> 6)); u[1] = (char)(0x80 | (v & 63)); k = 2; }
            else if (v < 0x10000) { u[0] = (char)(0xE0 | (v >> 12)); u[1] = (char)(0x80 | ((v >> 6) & 63)); u[2] = (char)(0x80 | (v & 63)); k = 3; }
            else { u[0] = (char)(0xF0 | (v >> 18)); u[1] = (char)(0x80 | ((v >> 12) & 63)); u[2] = (char)(0x80 | ((v >> 6) & 63)); u[3] = (char)(0x80 | (v & 63)); k = 4; }
            strbuf_put(sb, u, k);
        } else if (is_binary(c)) {
            const uint8_t *b;
            size_t len;
            bin_bytes(c, &b, &len);
            strbuf_put(sb, b, len);
        } else if (is_list(c)) {
            if (!chardata_put(c, sb, depth + 1))
                return false;
        } else {
            return false;
        }
    }
    if (is_binary(t)) {
        const uint8_t *b;
        size_t len;
        bin_bytes(t, &b, &len);
        strbuf_put(sb, b, len);
        return true;
    }
    return t == NIL;
}

static Term inspect_raise(Proc *p, const char *exc, const char *fmt, Term t)
{
    Strbuf sb;
    strbuf_init(&sb);
    InspectOpts o;
    inspect_opts_kernel(&o);
    inspect_term(t, &o, &sb);
    bif_raise_msg(p, exc, fmt, strbuf_cstr(&sb));
    strbuf_fini(&sb);
    return NONE;
}

Term vm_to_string(Proc *p, Term t)
{
    Strbuf sb;
    strbuf_init(&sb);
    char buf[FMT_FLOAT_MAX + 32];
    if (is_atom(t)) {
        size_t len;
        const char *s = t == A(nil) ? "" : atom_text(t, &len);
        strbuf_put(&sb, s, t == A(nil) ? 0 : len);
    } else if (is_integer(t)) {
        char big[4096];
        size_t k = int_to_text(t, 10, big, sizeof big);
        strbuf_put(&sb, big, k < sizeof big ? k : sizeof big - 1);
    } else if (is_float(t)) {
        size_t k = fmt_float(float_val(t), buf);
        strbuf_put(&sb, buf, k);
    } else if (is_list(t)) {
        if (!chardata_put(t, &sb, 0)) {
            strbuf_fini(&sb);
            return inspect_raise(p, "ArgumentError", "cannot convert the given list to a string: %s", t);
        }
    } else if (!is_map(t) || lib_struct_chars(t, &sb) != 0) {
        strbuf_fini(&sb);
        /* The exception itself, so its message names the type as
         * Elixir's does ("of type Tuple", "of type Range (a struct)"). */
        Term ks[2] = {atom_from_cstr("protocol"), atom_from_cstr("value")};
        Term vs[2] = {atom_from_cstr("Elixir.String.Chars"), t};
        Term e = exc_new(p, "Protocol.UndefinedError", 2, ks, vs);
        return e == NONE ? NONE : bif_error(p, e);
    }
    Term r = bin_new(&p->heap, sb.data, sb.len);
    strbuf_fini(&sb);
    return r;
}

static Term raise_struct(Proc *p, const char *module, size_t n, const char *const *keys,
                         const Term *values);

Term vm_undef(Proc *p, Term m, Term f, uint32_t arity)
{
    /* The fields, not a message: inspect shows them as Elixir does, and
     * Exception.message computes the text (exc_fmt.c, with the code
     * server's "is it loaded" hook). */
    static const char *const k[] = {"module", "function", "arity"};
    Term vals[3] = {m, f, make_small(arity)};
    return raise_struct(p, "UndefinedFunctionError", 3, k, vals);
}

Term vm_badarity(Proc *p, Term fun, uint32_t n, const Term *sp)
{
    /* The struct with the arguments: Exception.message builds Elixir's
     * "... with arity 2 called with 1 argument (1)" (exc_fmt.c). */
    Term args = NIL;
    for (uint32_t i = 0; i < n; i++) {
        args = lib_cons(p, sp[i], args);
        if (args == NONE)
            return bif_error(p, A(system_limit));
    }
    static const char *const k[] = {"function", "args"};
    Term vals[2] = {fun, args};
    return raise_struct(p, "BadArityError", 2, k, vals);
}

Term vm_badfun(Proc *p, Term f)
{
    return raise_term(p, "BadFunctionError", f);
}

/* Raises %Module{field: v, ...} (standard exception fields, exc.h). */
static Term raise_struct(Proc *p, const char *module, size_t n, const char *const *keys,
                         const Term *values)
{
    Term ks[6] = {0};
    for (size_t i = 0; i < n; i++)
        ks[i] = atom_from_cstr(keys[i]);
    Term e = exc_new(p, module, n, ks, values);
    if (e == NONE)
        return bif_error(p, A(system_limit));
    return bif_raise(p, A(error), e);
}

static Term raise_term(Proc *p, const char *module, Term v)
{
    static const char *const k[] = {"term"};
    return raise_struct(p, module, 1, k, &v);
}

/* map is a map, nil (an update: no term), or what x.key was applied to:
 * Elixir 1.14 then raises KeyError, not BadMapError, with a message that
 * hints at the dot syntax. */
Term vm_badkey(Proc *p, Term key, Term map)
{
    static const char *const k[] = {"key", "term", "message"};
    Term vals[3] = {key, map, A(nil)};
    if (!is_map(map) && !is_atom(map)) {
        Strbuf sb;
        strbuf_init(&sb);
        InspectOpts o;
        inspect_opts_kernel(&o);
        strbuf_puts(&sb, "key ");
        inspect_term(key, &o, &sb);
        strbuf_puts(&sb, " not found in: ");
        inspect_term(map, &o, &sb);
        strbuf_puts(&sb, ". If you are using the dot syntax, such as map.field, make sure the "
                         "left-hand side of the dot is a map");
        vals[2] = strbuf_failed(&sb) ? NONE : bin_new(&p->heap, sb.data, sb.len);
        strbuf_fini(&sb);
        if (vals[2] == NONE)
            return bif_error(p, A(system_limit));
        return raise_struct(p, "KeyError", 3, k, vals);
    }
    return raise_struct(p, "KeyError", 2, k, vals);
}

Term vm_fail(Proc *p, unsigned kind, Term v)
{
    switch (kind) {
    case VF_BADMATCH: return raise_term(p, "MatchError", v);
    case VF_CASE: return raise_term(p, "CaseClauseError", v);
    case VF_WITH: return raise_term(p, "WithClauseError", v);
    case VF_TRY_ELSE: return raise_term(p, "TryClauseError", v);
    case VF_BADMAP: return raise_term(p, "BadMapError", v);
    case VF_COND: return raise_struct(p, "CondClauseError", 0, NULL, NULL);
    case VF_BADBOOL_AND:
    case VF_BADBOOL_OR: {
        static const char *const k[] = {"term", "operator"};
        Term vals[2] = {v, atom_from_cstr(kind == VF_BADBOOL_AND ? "and" : "or")};
        return raise_struct(p, "BadBooleanError", 2, k, vals);
    }
    case VF_BADKEY: {
        static const char *const k[] = {"key"};
        return raise_struct(p, "KeyError", 1, k, &v);
    }
    case VF_THROW: return bif_raise(p, A(throw), v);
    case VF_EXIT: return bif_raise(p, A(exit), v);
    case VF_ERROR: return bif_raise(p, A(error), v);
    case VF_FUNCLAUSE: {
        /* v is {module, name, arity} */
        static const char *const k[] = {"module", "function", "arity"};
        Term vals[3] = {tuple_get(v, 0), tuple_get(v, 1), tuple_get(v, 2)};
        return raise_struct(p, "FunctionClauseError", 3, k, vals);
    }
    case VF_RAISE: {
        /* raise/1 with a binary message, an exception struct or a module */
        if (is_binary(v)) {
            const uint8_t *b;
            size_t len;
            bin_bytes(v, &b, &len);
            return bif_raise_msg(p, "RuntimeError", "%.*s", (int)len, (const char *)b);
        }
        return bif_raise(p, A(error), v);
    }
    default: return bif_error(p, A(badarg));
    }
}

size_t vm_format_exception(Term cls, Term reason, char *buf, size_t cap)
{
    Strbuf sb;
    strbuf_init(&sb);
    exc_banner(cls, reason, NIL, &sb);
    size_t n = sb.len;
    if (cap > 0) {
        size_t k = n < cap - 1 ? n : cap - 1;
        memcpy(buf, strbuf_cstr(&sb), k);
        buf[k] = 0;
    }
    strbuf_fini(&sb);
    return n;
}

void vm_report_crash(Proc *p, Term cls, Term reason, Term trace)
{
    Vm *vm = p->body.vm;
    if (cls == A(exit) && !vm->main)
        return; /* exits are quiet, as in Erlang */
    if (cls == A(exit) && (reason == A(normal) || reason == A(shutdown) ||
                           (is_tuple(reason) && tuple_size(reason) == 2 &&
                            tuple_get(reason, 0) == A(shutdown)))) {
        /* The script asked to stop: quietly, with status 0, or n for
         * {:shutdown, n} (Elixir's CLI halts with it). */
        Term v = is_tuple(reason) ? tuple_get(reason, 1) : NONE;
        int status = v != NONE && is_small(v) ? (int)(small_val(v) & 255) : 0;
        int none = -1;
        atomic_compare_exchange_strong(&vm_exit_status, &none, status);
        return;
    }
    Strbuf sb;
    strbuf_init(&sb);
    if (!vm->main) {
        strbuf_puts(&sb, "\n[error] Process ");
        inspect_pid_text(p->pid, &sb);
        strbuf_puts(&sb, " raised an exception\n");
    }
    /* Elixir blames (lists a FunctionClauseError's arguments) for the
     * script's own error only; the logger's report of a process does not. */
    if (vm->main)
        exc_format_uncaught(cls, reason, trace, &sb);
    else
        exc_format(cls, reason, trace, &sb);
    fflush(stdout);
    fwrite(strbuf_cstr(&sb), 1, sb.len, stderr);
    fflush(stderr);
    strbuf_fini(&sb);
    if (vm->main) {
        int none = -1;
        atomic_compare_exchange_strong(&vm_exit_status, &none, 1);
    }
}

Term vm_exit_reason(Proc *p, Term cls, Term reason, Term trace)
{
    if (cls == A(exit))
        return reason;
    /* Monitors and links see the Erlang term ({:badarith, st}), as on OTP. */
    if (cls == A(error))
        reason = exc_erlang_reason(p, reason);
    Term *hp = heap_alloc(&p->heap, 6);
    if (hp == NULL)
        return reason;
    if (cls == A(throw)) {
        hp[3] = make_header(HDR_TUPLE, 2);
        hp[4] = atom_from_cstr("nocatch");
        hp[5] = reason;
        reason = make_boxed(hp + 3);
    }
    hp[0] = make_header(HDR_TUPLE, 2);
    hp[1] = reason;
    hp[2] = trace;
    return make_boxed(hp);
}

Term vm_to_string_pub(Proc *p, Term t)
{
    return is_binary(t) ? t : vm_to_string(p, t);
}
