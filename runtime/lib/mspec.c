/* mspec.c — match specifications: pattern matching, guards, results.
 *
 * An interpreter over the spec term itself, nothing compiled: :ets calls
 * it once per object while holding the table's lock, so it allocates
 * only from its arena and never from a process heap. An expression that
 * fails (bad argument, unbound variable, overflow) makes its guard false,
 * as a failing guard does in Erlang.
 */
#include "mspec.h"

#include "atom.h"
#include "lib.h"
#include "map.h"
#include "mem.h"
#include "mote.h"

typedef struct Binds {
    Term v[MSPEC_MAXVAR]; /* v[i] is meaningful only when bit i of bound is set */
    uint64_t bound;       /* bit i: variable i is bound (no array reset per object) */
    int max;              /* highest bound index, or -1 */
    Term obj;
    Term self;
    MsArena *a;
} Binds;

/* ---- arena ------------------------------------------------------------------ */

void mspec_arena_init(MsArena *a) { a->chunks = NULL; }

void mspec_arena_fini(MsArena *a)
{
    for (MsChunk *c = a->chunks, *next; c != NULL; c = next) {
        next = c->next;
        mem_free(MEM_ETS, c, sizeof *c + c->cap * sizeof(Term));
    }
    a->chunks = NULL;
}

static Term *arena_alloc(MsArena *a, size_t n)
{
    MsChunk *c = a->chunks;
    if (c == NULL || c->cap - c->used < n) {
        size_t cap = n > 512 ? n : 512;
        c = mem_alloc(MEM_ETS, sizeof *c + cap * sizeof(Term));
        if (c == NULL)
            return NULL;
        c->used = 0;
        c->cap = cap;
        c->next = a->chunks;
        a->chunks = c;
    }
    Term *p = c->mem + c->used;
    c->used += n;
    return p;
}

static Term arena_cons(MsArena *a, Term h, Term t)
{
    Term *p = arena_alloc(a, 2);
    if (p == NULL)
        return NONE;
    p[0] = h;
    p[1] = t;
    return make_list(p);
}

/* ---- variables ---------------------------------------------------------------- */

int mspec_var(Term t)
{
    if (!is_atom(t))
        return -1;
    size_t len;
    const char *s = atom_text(t, &len);
    if (len < 2 || len > 4 || s[0] != '$')
        return -1;
    int n = 0;
    for (size_t i = 1; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        n = n * 10 + (s[i] - '0');
    }
    return n < MSPEC_MAXVAR ? n : -1;
}

static void binds_init(Binds *b, Term obj, Term self, MsArena *a)
{
    b->bound = 0;
    b->max = -1;
    b->obj = obj;
    b->self = self;
    b->a = a;
}

/* ---- patterns ----------------------------------------------------------------- */

static bool match(Binds *b, Term pat, Term t);

typedef struct MapCx {
    Binds *b;
    Term obj;
    bool ok;
} MapCx;

static bool match_map_entry(Term key, Term value, void *ctx)
{
    MapCx *m = ctx;
    Term v = map_get(m->obj, key);
    if (v == NONE || !match(m->b, value, v)) {
        m->ok = false;
        return false;
    }
    return true;
}

static bool match_boxed(Binds *b, Term pat, Term t)
{
    if (is_tuple(pat)) {
        if (!is_tuple(t) || tuple_size(t) != tuple_size(pat))
            return false;
        for (size_t i = 0; i < tuple_size(pat); i++)
            if (!match(b, tuple_get(pat, i), tuple_get(t, i)))
                return false;
        return true;
    }
    if (is_map(pat)) {
        if (!is_map(t))
            return false;
        MapCx m = {b, t, true};
        map_each(pat, match_map_entry, &m);
        return m.ok;
    }
    return term_eq_exact(pat, t);
}

static bool match(Binds *b, Term pat, Term t)
{
    for (;;) {
        if (is_atom(pat)) {
            if (lib_atom_is(pat, "_"))
                return true;
            int v = mspec_var(pat);
            if (v < 0)
                return pat == t;
            if (b->bound & (UINT64_C(1) << v))
                return term_eq_exact(b->v[v], t);
            b->v[v] = t;
            b->bound |= UINT64_C(1) << v;
            if (v > b->max)
                b->max = v;
            return true;
        }
        if (!is_cons(pat))
            return is_boxed(pat) ? match_boxed(b, pat, t) : pat == t;
        if (!is_cons(t) || !match(b, list_head(pat), list_head(t)))
            return false;
        pat = list_tail(pat);
        t = list_tail(t);
    }
}

/* The bound variables in order, as :"$$" gives them. */
static Term all_vars(Binds *b)
{
    Term l = NIL;
    for (int i = b->max; i >= 0 && l != NONE; i--)
        if (b->bound & (UINT64_C(1) << i))
            l = arena_cons(b->a, b->v[i], l);
    return l;
}

/* ---- expressions ------------------------------------------------------------- */

static Term eval(Binds *b, Term e);

static Term mk_float(MsArena *a, double d)
{
    Term *p = arena_alloc(a, 2);
    if (p == NULL)
        return NONE;
    p[0] = make_header(HDR_FLOAT, 1);
    memcpy(p + 1, &d, sizeof d);
    return make_boxed(p);
}

static Term mk_int(int64_t v) { return small_fits(v) ? make_small(v) : NONE; }

static double num_val(Term t) { return is_small(t) ? (double)small_val(t) : float_val(t); }

/* Arithmetic on small integers and floats; NONE on anything else. */
static Term arith(Binds *b, const char *op, Term x, Term y)
{
    bool ints = is_small(x) && is_small(y);
    if (!ints && (!(is_small(x) || is_float(x)) || !(is_small(y) || is_float(y))))
        return NONE;
    if (ints) {
        int64_t u = small_val(x), v = small_val(y);
        switch (op[0]) {
        case '+': return mk_int(u + v);
        case '-': return mk_int(u - v);
        case '*': return (u > -(1 << 29) && u < (1 << 29) && v > -(1 << 29) && v < (1 << 29))
                             ? mk_int(u * v) : NONE;
        case 'd': return v == 0 ? NONE : mk_int(u / v);
        case 'r': return v == 0 ? NONE : mk_int(u % v);
        case '&': return mk_int(u & v);
        case '|': return mk_int(u | v);
        default: return NONE;
        }
    }
    double u = num_val(x), v = num_val(y);
    switch (op[0]) {
    case '+': return mk_float(b->a, u + v);
    case '-': return mk_float(b->a, u - v);
    case '*': return mk_float(b->a, u * v);
    case '/': return v == 0 ? NONE : mk_float(b->a, u / v);
    default: return NONE;
    }
}

static Term type_test(const char *op, Term x)
{
    bool r;
    if (!strcmp(op, "is_atom")) r = is_atom(x);
    else if (!strcmp(op, "is_integer")) r = is_integer(x);
    else if (!strcmp(op, "is_float")) r = is_float(x);
    else if (!strcmp(op, "is_number")) r = is_number(x);
    else if (!strcmp(op, "is_binary")) r = is_bitstring(x);
    else if (!strcmp(op, "is_list")) r = is_list(x);
    else if (!strcmp(op, "is_tuple")) r = is_tuple(x);
    else if (!strcmp(op, "is_map")) r = is_map(x);
    else if (!strcmp(op, "is_pid")) r = is_pid(x);
    else if (!strcmp(op, "is_reference")) r = is_ref(x);
    else if (!strcmp(op, "is_function")) r = is_fun(x);
    else if (!strcmp(op, "is_boolean")) r = x == A(true) || x == A(false);
    else return NONE;
    return r ? A(true) : A(false);
}

static Term compare(const char *op, Term x, Term y)
{
    bool r;
    if (!strcmp(op, "==")) r = term_eq(x, y);
    else if (!strcmp(op, "/=")) r = !term_eq(x, y);
    else if (!strcmp(op, "=:=")) r = term_eq_exact(x, y);
    else if (!strcmp(op, "=/=")) r = !term_eq_exact(x, y);
    else if (!strcmp(op, "<")) r = term_cmp(x, y) < 0;
    else if (!strcmp(op, ">")) r = term_cmp(x, y) > 0;
    else if (!strcmp(op, "=<")) r = term_cmp(x, y) <= 0;
    else if (!strcmp(op, ">=")) r = term_cmp(x, y) >= 0;
    else return NONE;
    return r ? A(true) : A(false);
}

static Term unary(Binds *b, const char *op, Term x)
{
    Term r = type_test(op, x);
    if (r != NONE)
        return r;
    if (!strcmp(op, "not"))
        return x == A(true) ? A(false) : x == A(false) ? A(true) : NONE;
    if (!strcmp(op, "hd"))
        return is_cons(x) ? list_head(x) : NONE;
    if (!strcmp(op, "tl"))
        return is_cons(x) ? list_tail(x) : NONE;
    if (!strcmp(op, "abs"))
        return is_small(x) ? mk_int(small_val(x) < 0 ? -small_val(x) : small_val(x))
               : is_float(x) ? mk_float(b->a, float_val(x) < 0 ? -float_val(x) : float_val(x))
                             : NONE;
    if (!strcmp(op, "-"))
        return arith(b, "-", make_small(0), x);
    if (!strcmp(op, "tuple_size") || (!strcmp(op, "size") && is_tuple(x)))
        return is_tuple(x) ? make_small((int64_t)tuple_size(x)) : NONE;
    if (!strcmp(op, "map_size"))
        return is_map(x) ? make_small((int64_t)map_size(x)) : NONE;
    if (!strcmp(op, "length")) {
        int64_t n = 0;
        for (; is_cons(x); x = list_tail(x))
            n++;
        return x == NIL ? make_small(n) : NONE;
    }
    return NONE;
}

/* andalso/orelse/and/or/xor over evaluated arguments (no short circuit
 * needed: evaluation has no side effects). */
static Term logic(const char *op, Term x, Term y)
{
    if ((x != A(true) && x != A(false)) || (y != A(true) && y != A(false)))
        return NONE;
    bool u = x == A(true), v = y == A(true), r;
    if (!strcmp(op, "and") || !strcmp(op, "andalso")) r = u && v;
    else if (!strcmp(op, "or") || !strcmp(op, "orelse")) r = u || v;
    else if (!strcmp(op, "xor")) r = u != v;
    else return NONE;
    return r ? A(true) : A(false);
}

static Term binary(Binds *b, const char *op, Term x, Term y)
{
    Term r = compare(op, x, y);
    if (r != NONE)
        return r;
    if ((r = logic(op, x, y)) != NONE)
        return r;
    if (!strcmp(op, "+") || !strcmp(op, "-") || !strcmp(op, "*") || !strcmp(op, "/"))
        return arith(b, op, x, y);
    if (!strcmp(op, "div")) return arith(b, "d", x, y);
    if (!strcmp(op, "rem")) return arith(b, "r", x, y);
    if (!strcmp(op, "band")) return arith(b, "&", x, y);
    if (!strcmp(op, "bor")) return arith(b, "|", x, y);
    if (!strcmp(op, "element")) {
        if (!is_small(x) || !is_tuple(y) || small_val(x) < 1 ||
            (size_t)small_val(x) > tuple_size(y))
            return NONE;
        return tuple_get(y, (size_t)small_val(x) - 1);
    }
    if (!strcmp(op, "map_get"))
        return is_map(y) ? map_get(y, x) : NONE;
    if (!strcmp(op, "is_map_key"))
        return is_map(y) ? (map_get(y, x) != NONE ? A(true) : A(false)) : NONE;
    return NONE;
}

/* {op, args...}: a guard builtin call. Logic ops take any number of
 * arguments in match specs ({:andalso, a, b, c}). */
static Term call(Binds *b, Term e)
{
    size_t n = tuple_size(e) - 1;
    Term opt = tuple_get(e, 0);
    size_t len;
    const char *s = atom_text(opt, &len);
    char op[24];
    if (len >= sizeof op)
        return NONE;
    memcpy(op, s, len);
    op[len] = '\0';
    if (n == 0)
        return !strcmp(op, "self") ? b->self : NONE;
    Term x = eval(b, tuple_get(e, 1));
    if (x == NONE)
        return NONE;
    if (n == 1)
        return unary(b, op, x);
    for (size_t i = 2; i <= n && x != NONE; i++) {
        Term y = eval(b, tuple_get(e, i));
        if (y == NONE)
            return NONE;
        x = binary(b, op, x, y);
    }
    return x;
}

static Term eval_tuple(Binds *b, Term e)
{
    size_t n = tuple_size(e);
    if (n == 1 && is_tuple(tuple_get(e, 0))) {
        /* {{a, b}}: build the inner tuple from evaluated elements. */
        Term in = tuple_get(e, 0);
        size_t k = tuple_size(in);
        Term *p = arena_alloc(b->a, 1 + k);
        if (p == NULL)
            return NONE;
        p[0] = make_header(HDR_TUPLE, k);
        for (size_t i = 0; i < k; i++)
            if ((p[1 + i] = eval(b, tuple_get(in, i))) == NONE)
                return NONE;
        return make_boxed(p);
    }
    if (n == 2 && lib_atom_is(tuple_get(e, 0), "const"))
        return tuple_get(e, 1);
    if (n >= 1 && is_atom(tuple_get(e, 0)))
        return call(b, e);
    return NONE;
}

static Term eval_list(Binds *b, Term e)
{
    Term h = eval(b, list_head(e));
    Term t = h == NONE ? NONE : eval(b, list_tail(e));
    return t == NONE ? NONE : arena_cons(b->a, h, t);
}

static Term eval(Binds *b, Term e)
{
    if (is_atom(e)) {
        int v = mspec_var(e);
        if (v >= 0)
            return (b->bound & (UINT64_C(1) << v)) ? b->v[v] : NONE;
        if (lib_atom_is(e, "$_"))
            return b->obj;
        if (lib_atom_is(e, "$$"))
            return all_vars(b);
        return e;
    }
    if (is_cons(e))
        return eval_list(b, e);
    if (is_tuple(e))
        return eval_tuple(b, e);
    return e;
}

/* ---- clauses ------------------------------------------------------------------ */

bool mspec_valid(Term spec)
{
    for (; is_cons(spec); spec = list_tail(spec)) {
        Term c = list_head(spec);
        if (!is_tuple(c) || tuple_size(c) != 3 || !is_list(tuple_get(c, 1)) ||
            !is_list(tuple_get(c, 2)))
            return false;
    }
    return spec == NIL;
}

static bool guards_hold(Binds *b, Term guards)
{
    for (; is_cons(guards); guards = list_tail(guards))
        if (eval(b, list_head(guards)) != A(true))
            return false;
    return true;
}

static Term body_value(Binds *b, Term body)
{
    Term r = NONE;
    for (; is_cons(body); body = list_tail(body))
        r = eval(b, list_head(body));
    return r;
}

int mspec_run(Term spec, Term obj, Term self, MsArena *a, Term *result)
{
    Binds b;
    for (; is_cons(spec); spec = list_tail(spec)) {
        Term c = list_head(spec);
        binds_init(&b, obj, self, a);
        if (!match(&b, tuple_get(c, 0), obj) || !guards_hold(&b, tuple_get(c, 1)))
            continue;
        Term r = body_value(&b, tuple_get(c, 2));
        if (r == NONE)
            continue;
        *result = r;
        return MSPEC_MATCH;
    }
    return MSPEC_NOMATCH;
}

int mspec_match_pattern(Term pattern, Term obj, MsArena *a, Term *vars)
{
    Binds b;
    binds_init(&b, obj, NONE, a);
    if (!match(&b, pattern, obj))
        return MSPEC_NOMATCH;
    if (vars != NULL) {
        *vars = all_vars(&b);
        if (*vars == NONE)
            return MOTE_ENOMEM;
    }
    return MSPEC_MATCH;
}
