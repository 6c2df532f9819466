/* lists.c — :lists builtins: reversal, membership, key lookups over
 * lists of tuples, sorting in term order, sequences and slicing.
 *
 * Where the Erlang function has no clause for an argument, these raise
 * FunctionClauseError for :lists.name/arity as Erlang's would. Work is
 * charged at about one reduction per eight elements.
 */
#include "lib.h"
#include "lists_int.h"
#include "mem.h"

#define FCLAUSE(p, name, arity) lib_function_clause((p), "lists", (name), (arity))

static Term done(Proc *p, Term r) { return r == NONE ? lib_oom(p) : r; }

static void charge(Proc *p, size_t n) { bif_charge(p, (uint32_t)(n / 8 + 1)); }

/* Reverses list onto tail; NONE (not raised) when not a proper list. */
static Term reverse_onto(Proc *p, Term list, Term tail, bool *ok)
{
    long n = lib_list_len(list);
    *ok = n >= 0;
    if (n <= 0)
        return tail;
    Term *w = heap_alloc(&p->heap, 2 * (size_t)n);
    if (!w)
        return NONE;
    for (long i = n - 1; i >= 0; i--, list = list_tail(list)) {
        w[2 * i] = list_head(list);
        w[2 * i + 1] = i == n - 1 ? tail : make_list(w + 2 * i + 2);
    }
    charge(p, (size_t)n);
    return make_list(w);
}

static Term bif_reverse(Proc *p, const Term *a)
{
    bool ok;
    Term r = reverse_onto(p, a[0], NIL, &ok);
    return ok ? done(p, r) : FCLAUSE(p, "reverse", 1);
}

static Term bif_reverse2(Proc *p, const Term *a)
{
    bool ok;
    Term r = reverse_onto(p, a[0], a[1], &ok);
    return ok ? done(p, r) : FCLAUSE(p, "reverse", 2);
}

static Term bif_member(Proc *p, const Term *a)
{
    size_t n = 0;
    Term l = a[1];
    for (; is_cons(l); l = list_tail(l), n++)
        if (term_eq_exact(list_head(l), a[0])) {
            charge(p, n);
            return A(true);
        }
    charge(p, n);
    return l == NIL ? A(false) : FCLAUSE(p, "member", 2);
}

/* The first tuple in list whose element n (1-based) equals key (==),
 * or NONE; *bad set for a bad argument. */
static Term key_find(Proc *p, Term key, Term nt, Term list, bool *bad, size_t *index)
{
    *bad = !is_small(nt) || small_val(nt) < 1 || lib_list_len(list) < 0;
    if (*bad)
        return NONE;
    size_t n = (size_t)small_val(nt), i = 0;
    for (; is_cons(list); list = list_tail(list), i++) {
        Term t = list_head(list);
        if (is_tuple(t) && tuple_size(t) >= n && term_eq(tuple_get(t, n - 1), key)) {
            charge(p, i);
            *index = i;
            return t;
        }
    }
    charge(p, i);
    return NONE;
}

static Term bif_keyfind(Proc *p, const Term *a)
{
    bool bad;
    size_t i;
    Term t = key_find(p, a[0], a[1], a[2], &bad, &i);
    if (bad)
        return bif_badarg(p, is_small(a[1]) ? 3 : 2, is_small(a[1]) ? "not a list" : "out of range");
    return t == NONE ? A(false) : t;
}

/* keyfind's answer, as a boolean: a found tuple is never false, and a
 * raise comes back as NONE. */
static Term bif_keymember(Proc *p, const Term *a)
{
    Term t = bif_keyfind(p, a);
    return t == NONE ? NONE : lib_bool(t != A(false));
}

/* The list with element i replaced by `with` (NONE: removed). */
static Term replace_at(Proc *p, Term list, size_t i, Term with)
{
    size_t n;
    Term *arr = lib_list_array(list, &n);
    if (!arr)
        return NONE;
    Term r;
    if (with != NONE) {
        arr[i] = with;
        r = lib_list(p, arr, n, NIL);
    } else {
        memmove(arr + i, arr + i + 1, (n - i - 1) * sizeof(Term));
        r = lib_list(p, arr, n - 1, NIL);
    }
    lib_array_free(arr, n);
    charge(p, n);
    return r;
}

static Term bif_keydelete(Proc *p, const Term *a)
{
    bool bad;
    size_t i;
    Term t = key_find(p, a[0], a[1], a[2], &bad, &i);
    if (bad)
        return FCLAUSE(p, "keydelete", 3);
    return t == NONE ? a[2] : done(p, replace_at(p, a[2], i, NONE));
}

static Term bif_keyreplace(Proc *p, const Term *a)
{
    bool bad;
    size_t i;
    Term t = key_find(p, a[0], a[1], a[2], &bad, &i);
    if (bad || !is_tuple(a[3]))
        return FCLAUSE(p, "keyreplace", 4);
    return t == NONE ? a[2] : done(p, replace_at(p, a[2], i, a[3]));
}

static Term bif_keystore(Proc *p, const Term *a)
{
    bool bad;
    size_t i;
    Term t = key_find(p, a[0], a[1], a[2], &bad, &i);
    if (bad || !is_tuple(a[3]))
        return FCLAUSE(p, "keystore", 4);
    if (t != NONE)
        return done(p, replace_at(p, a[2], i, a[3]));
    Term one = lib_cons(p, a[3], NIL);
    Term args[2] = {a[2], one};
    if (one == NONE)
        return lib_oom(p);
    size_t n;
    Term *arr = lib_list_array(args[0], &n);
    if (!arr)
        return lib_oom(p);
    Term r = lib_list(p, arr, n, one);
    lib_array_free(arr, n);
    return done(p, r);
}

static Term bif_keytake(Proc *p, const Term *a)
{
    bool bad;
    size_t i;
    Term t = key_find(p, a[0], a[1], a[2], &bad, &i);
    if (bad)
        return FCLAUSE(p, "keytake", 3);
    if (t == NONE)
        return A(false);
    Term rest = replace_at(p, a[2], i, NONE);
    if (rest == NONE)
        return lib_oom(p);
    return done(p, lib_tuple3(p, atom_from_cstr("value"), t, rest));
}

/* ---- sorting ----------------------------------------------------------- */

/* Stable merge sort of arr[0..n) by term_cmp on element `key` (0: the
 * whole term; k: element k of tuples). tmp holds n terms. Only the u*
 * sorts use it; sort and keysort need OTP's own order. */
static int sort_cmp(Term x, Term y, size_t key)
{
    if (key)
        return term_cmp(tuple_get(x, key - 1), tuple_get(y, key - 1));
    return term_cmp(x, y);
}

static void merge_sort(Term *arr, Term *tmp, size_t n, size_t key)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = sort_cmp(arr[j], arr[i], key) < 0 ? arr[j++] : arr[i++];
            while (i < mid)
                tmp[k++] = arr[i++];
            while (j < hi)
                tmp[k++] = arr[j++];
        }
        memcpy(arr, tmp, n * sizeof(Term));
    }
}

/* Sorts arr[0..n) and keeps the first of each stretch of equal terms
 * (usort, ukeysort: OTP keeps the earliest, which a stable sort gives);
 * returns how many are kept, or 0 out of memory. */
static size_t sort_unique(Term *arr, size_t n, size_t key)
{
    Term *tmp = mem_alloc(MEM_SYSTEM, n * sizeof(Term));
    if (!tmp)
        return 0;
    merge_sort(arr, tmp, n, key);
    mem_free(MEM_SYSTEM, tmp, n * sizeof(Term));
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (sort_cmp(arr[i], arr[k - 1], key) != 0)
            arr[k++] = arr[i];
    return k;
}

/* Sorts a proper list (unique: drops elements == to the one before). */
static Term sort_list(Proc *p, Term list, size_t key, bool unique, const char *name,
                      unsigned arity)
{
    size_t n;
    Term *arr = lib_list_array(list, &n);
    if (!arr)
        return n == (size_t)-1 ? FCLAUSE(p, name, arity) : lib_oom(p);
    for (size_t i = 0; key && i < n; i++)
        if (!is_tuple(arr[i]) || tuple_size(arr[i]) < key) {
            lib_array_free(arr, n);
            return FCLAUSE(p, name, arity);
        }
    /* sort/1 and keysort/2 are not quite stable, and where they put 1
     * against 1.0 shows: lists_sort.c redoes OTP's algorithm. */
    size_t k = n;
    if (n > 0 && unique)
        k = sort_unique(arr, n, key);
    else if (n > 0 && lists_sort_terms(arr, n, key) < 0)
        k = 0;
    if (n > 0 && k == 0) {
        lib_array_free(arr, n);
        return lib_oom(p);
    }
    Term r = lib_list(p, arr, k, NIL);
    lib_array_free(arr, n);
    bif_charge(p, (uint32_t)(n / 2 + 1));
    return done(p, r);
}

/* Enum.MergeSort.__terms__(list, :asc | :desc): :lists.sort/2 with &<=/2
 * or &>=/2 (Enum.sort/2's :asc and :desc), without calling a fun. */
static Term bif_sort_le(Proc *p, const Term *a)
{
    bool desc = a[1] == atom_from_cstr("desc");
    if (!desc && a[1] != atom_from_cstr("asc"))
        return bif_error(p, A(badarg));
    size_t n;
    Term *arr = lib_list_array(a[0], &n);
    if (!arr)
        return n == (size_t)-1 ? bif_error(p, A(badarg)) : lib_oom(p);
    if (n > 0 && lists_sort_le(arr, n, desc) < 0) {
        lib_array_free(arr, n);
        return lib_oom(p);
    }
    Term r = lib_list(p, arr, n, NIL);
    lib_array_free(arr, n);
    bif_charge(p, (uint32_t)(n / 2 + 1));
    return done(p, r);
}

static Term bif_sort(Proc *p, const Term *a) { return sort_list(p, a[0], 0, false, "sort", 1); }
static Term bif_usort(Proc *p, const Term *a) { return sort_list(p, a[0], 0, true, "usort", 1); }

static Term bif_ukeysort(Proc *p, const Term *a)
{
    if (!is_small(a[0]) || small_val(a[0]) < 1)
        return FCLAUSE(p, "ukeysort", 2);
    return sort_list(p, a[1], (size_t)small_val(a[0]), true, "ukeysort", 2);
}

static Term bif_keysort(Proc *p, const Term *a)
{
    if (!is_small(a[0]) || small_val(a[0]) < 1)
        return FCLAUSE(p, "keysort", 2);
    return sort_list(p, a[1], (size_t)small_val(a[0]), false, "keysort", 2);
}

/* Merges two sorted lists by element `key` (0: whole terms); on a tie
 * a's term goes first, and with unique b's is dropped (umerge). */
static Term merge_lists(Proc *p, Term la, Term lb, size_t key, bool unique, const char *name,
                        unsigned arity)
{
    size_t na, nb;
    Term *a = lib_list_array(la, &na);
    if (!a)
        return na == (size_t)-1 ? FCLAUSE(p, name, arity) : lib_oom(p);
    Term *b = lib_list_array(lb, &nb);
    if (!b) {
        lib_array_free(a, na);
        return nb == (size_t)-1 ? FCLAUSE(p, name, arity) : lib_oom(p);
    }
    Term *out = mem_alloc(MEM_SYSTEM, (na + nb + 1) * sizeof(Term));
    Term r = NONE;
    bool ok = out != NULL;
    for (size_t i = 0; ok && key && i < na + nb; i++) {
        Term t = i < na ? a[i] : b[i - na];
        ok = is_tuple(t) && tuple_size(t) >= key;
    }
    if (ok) {
        size_t i = 0, j = 0, k = 0;
        while (i < na && j < nb) {
            int c = sort_cmp(a[i], b[j], key);
            if (c <= 0) {
                out[k++] = a[i++];
                j += unique && c == 0;
            } else {
                out[k++] = b[j++];
            }
        }
        while (i < na)
            out[k++] = a[i++];
        while (j < nb)
            out[k++] = b[j++];
        r = done(p, lib_list(p, out, k, NIL));
        bif_charge(p, (uint32_t)(k / 8 + 1));
    } else if (out != NULL) {
        r = FCLAUSE(p, name, arity);
    } else {
        r = lib_oom(p);
    }
    mem_free(MEM_SYSTEM, out, (na + nb + 1) * sizeof(Term));
    lib_array_free(a, na);
    lib_array_free(b, nb);
    return r;
}

static Term bif_merge(Proc *p, const Term *a) { return merge_lists(p, a[0], a[1], 0, false, "merge", 2); }
static Term bif_umerge(Proc *p, const Term *a) { return merge_lists(p, a[0], a[1], 0, true, "umerge", 2); }

static Term bif_keymerge(Proc *p, const Term *a)
{
    if (!is_small(a[0]) || small_val(a[0]) < 1)
        return FCLAUSE(p, "keymerge", 3);
    return merge_lists(p, a[1], a[2], (size_t)small_val(a[0]), false, "keymerge", 3);
}

/* ---- sequences and slices ------------------------------------------------ */

static Term seq(Proc *p, Term from, Term to, Term step, unsigned arity)
{
    if (!is_small(from) || !is_small(to) || !is_small(step))
        return FCLAUSE(p, "seq", arity);
    int64_t f = small_val(from), t = small_val(to), s = small_val(step);
    /* Erlang: seq(F, T, S) needs T >= F - S when S > 0, T <= F - S when
     * S < 0, and T == F when S == 0. */
    if ((s > 0 && t < f - s) || (s < 0 && t > f - s) || (s == 0 && t != f))
        return FCLAUSE(p, "seq", arity);
    int64_t n = s == 0 ? 1 : (t - f) / s + 1;
    if (n < 0)
        n = 0;
    if (n > (1 << 26))
        return bif_error(p, A(system_limit));
    Term *w = n ? heap_alloc(&p->heap, 2 * (size_t)n) : NULL;
    if (n && !w)
        return lib_oom(p);
    for (int64_t i = 0; i < n; i++) {
        w[2 * i] = make_small(f + i * s);
        w[2 * i + 1] = i + 1 < n ? make_list(w + 2 * i + 2) : NIL;
    }
    charge(p, (size_t)n);
    return n ? make_list(w) : NIL;
}

static Term bif_seq2(Proc *p, const Term *a) { return seq(p, a[0], a[1], make_small(1), 2); }
static Term bif_seq3(Proc *p, const Term *a) { return seq(p, a[0], a[1], a[2], 3); }

static Term bif_nth(Proc *p, const Term *a)
{
    if (!is_small(a[0]) || small_val(a[0]) < 1)
        return FCLAUSE(p, "nth", 2);
    Term l = a[1];
    for (int64_t i = 1; i < small_val(a[0]) && is_cons(l); i++)
        l = list_tail(l);
    charge(p, (size_t)small_val(a[0]));
    return is_cons(l) ? list_head(l) : FCLAUSE(p, "nth", 2);
}

static Term bif_nthtail(Proc *p, const Term *a)
{
    if (!is_small(a[0]) || small_val(a[0]) < 0)
        return FCLAUSE(p, "nthtail", 2);
    Term l = a[1];
    for (int64_t i = 0; i < small_val(a[0]); i++) {
        if (!is_cons(l))
            return FCLAUSE(p, "nthtail", 2);
        l = list_tail(l);
    }
    charge(p, (size_t)small_val(a[0]));
    return l;
}

static Term bif_last(Proc *p, const Term *a)
{
    if (!is_cons(a[0]))
        return FCLAUSE(p, "last", 1);
    Term l = a[0];
    size_t n = 0;
    while (is_cons(list_tail(l)))
        l = list_tail(l), n++;
    charge(p, n);
    return list_head(l);
}

/* append/1: concatenation of a list of lists. */
static Term bif_append1(Proc *p, const Term *a)
{
    size_t n;
    Term *lists = lib_list_array(a[0], &n);
    if (!lists)
        return n == (size_t)-1 ? FCLAUSE(p, "append", 1) : lib_oom(p);
    Term r = n ? lists[n - 1] : NIL;
    for (size_t i = n - 1; n && i-- > 0;) {
        size_t m;
        Term *xs = lib_list_array(lists[i], &m);
        if (!xs) {
            lib_array_free(lists, n);
            return m == (size_t)-1 ? FCLAUSE(p, "append", 1) : lib_oom(p);
        }
        r = lib_list(p, xs, m, r);
        lib_array_free(xs, m);
        charge(p, m);
        if (r == NONE)
            break;
    }
    lib_array_free(lists, n);
    return done(p, r);
}

static Term bif_append2(Proc *p, const Term *a)
{
    size_t n;
    Term *xs = lib_list_array(a[0], &n);
    if (!xs)
        return n == (size_t)-1 ? FCLAUSE(p, "append", 2) : lib_oom(p);
    Term r = lib_list(p, xs, n, a[1]);
    lib_array_free(xs, n);
    charge(p, n);
    return done(p, r);
}

/* flatten(deep, tail): every non-list element of a deep list, in order,
 * then tail. Iterative over an explicit stack of pending tails. */
static Term flatten(Proc *p, Term deep, Term tail, unsigned arity)
{
    Term *out = NULL, *stack = NULL;
    size_t nout = 0, cout = 0, depth = 0, cstack = 0;
    Term l = deep, r = NONE;
    bool bad = false;
    for (;;) {
        if (is_cons(l)) {
            Term h = list_head(l);
            Term **buf = is_list(h) ? &stack : &out;
            size_t *len = is_list(h) ? &depth : &nout, *cap = is_list(h) ? &cstack : &cout;
            if (*len == *cap) {
                size_t ncap = *cap ? 2 * *cap : 16;
                Term *nb = mem_realloc(MEM_SYSTEM, *buf, *cap * sizeof(Term), ncap * sizeof(Term));
                if (!nb)
                    goto out;
                *buf = nb, *cap = ncap;
            }
            (*buf)[(*len)++] = is_list(h) ? list_tail(l) : h;
            l = is_list(h) ? h : list_tail(l);
            continue;
        }
        if (l != NIL) {
            bad = true;
            goto out;
        }
        if (depth == 0)
            break;
        l = stack[--depth];
    }
    r = lib_list(p, out, nout, tail);
    charge(p, nout);
out:
    if (out)
        mem_free(MEM_SYSTEM, out, cout * sizeof(Term));
    if (stack)
        mem_free(MEM_SYSTEM, stack, cstack * sizeof(Term));
    if (bad)
        return FCLAUSE(p, "flatten", arity);
    return done(p, r);
}

static Term bif_flatten(Proc *p, const Term *a) { return flatten(p, a[0], NIL, 1); }
static Term bif_flatten2(Proc *p, const Term *a) { return flatten(p, a[0], a[1], 2); }

static Term bif_duplicate(Proc *p, const Term *a)
{
    if (!is_small(a[0]) || small_val(a[0]) < 0)
        return FCLAUSE(p, "duplicate", 2);
    int64_t n = small_val(a[0]);
    if (n > (1 << 26))
        return bif_error(p, A(system_limit));
    Term *w = n ? heap_alloc(&p->heap, 2 * (size_t)n) : NULL;
    if (n && !w)
        return lib_oom(p);
    for (int64_t i = 0; i < n; i++) {
        w[2 * i] = a[1];
        w[2 * i + 1] = i + 1 < n ? make_list(w + 2 * i + 2) : NIL;
    }
    charge(p, (size_t)n);
    return n ? make_list(w) : NIL;
}

static Term bif_zip(Proc *p, const Term *a)
{
    long n = lib_list_len(a[0]), m = lib_list_len(a[1]);
    if (n < 0 || m < 0 || n != m)
        return FCLAUSE(p, "zip", 2);
    Term *pairs = mem_alloc(MEM_SYSTEM, (size_t)(n ? n : 1) * sizeof(Term));
    if (!pairs)
        return lib_oom(p);
    Term x = a[0], y = a[1], r = NONE;
    for (long i = 0; i < n; i++, x = list_tail(x), y = list_tail(y))
        if ((pairs[i] = lib_tuple2(p, list_head(x), list_head(y))) == NONE)
            goto out;
    r = lib_list(p, pairs, (size_t)n, NIL);
    charge(p, (size_t)n);
out:
    mem_free(MEM_SYSTEM, pairs, (size_t)(n ? n : 1) * sizeof(Term));
    return done(p, r);
}

static Term sublist(Proc *p, Term list, int64_t start, int64_t len, unsigned arity)
{
    Term l = list;
    for (int64_t i = 1; i < start; i++) {
        if (!is_cons(l))
            return FCLAUSE(p, "sublist", arity);
        l = list_tail(l);
    }
    size_t n = 0;
    Term *arr = mem_alloc(MEM_SYSTEM, 16 * sizeof(Term));
    size_t cap = 16;
    for (Term x = l; is_cons(x) && (int64_t)n < len; x = list_tail(x)) {
        if (n == cap) {
            Term *na = mem_realloc(MEM_SYSTEM, arr, cap * sizeof(Term), 2 * cap * sizeof(Term));
            if (!na)
                break;
            arr = na, cap *= 2;
        }
        if (arr)
            arr[n++] = list_head(x);
    }
    Term r = arr ? lib_list(p, arr, n, NIL) : NONE;
    if (arr)
        mem_free(MEM_SYSTEM, arr, cap * sizeof(Term));
    charge(p, n + (size_t)start);
    return done(p, r);
}

static Term bif_sublist2(Proc *p, const Term *a)
{
    if (!is_small(a[1]) || small_val(a[1]) < 0 || lib_list_len(a[0]) < 0)
        return FCLAUSE(p, "sublist", 2);
    return sublist(p, a[0], 1, small_val(a[1]), 2);
}

static Term bif_sublist3(Proc *p, const Term *a)
{
    if (!is_small(a[1]) || small_val(a[1]) < 1 || !is_small(a[2]) || small_val(a[2]) < 0 ||
        lib_list_len(a[0]) < 0)
        return FCLAUSE(p, "sublist", 3);
    return sublist(p, a[0], small_val(a[1]), small_val(a[2]), 3);
}

static Term bif_delete(Proc *p, const Term *a)
{
    size_t n;
    Term *arr = lib_list_array(a[1], &n);
    if (!arr)
        return n == (size_t)-1 ? FCLAUSE(p, "delete", 2) : lib_oom(p);
    size_t i = 0;
    while (i < n && !term_eq_exact(arr[i], a[0]))
        i++;
    Term r = a[1];
    if (i < n) {
        memmove(arr + i, arr + i + 1, (n - i - 1) * sizeof(Term));
        r = lib_list(p, arr, n - 1, NIL);
    }
    lib_array_free(arr, n);
    charge(p, n);
    return done(p, r);
}

/* max/min/sum over a non-empty (sum: any) proper list. */
static Term fold(Proc *p, Term list, int which, const char *name)
{
    if (lib_list_len(list) < 0 || (which != 0 && list == NIL))
        return FCLAUSE(p, name, 1);
    Term acc = which == 0 ? make_small(0) : list_head(list);
    size_t n = 0;
    for (Term l = which == 0 ? list : list_tail(list); is_cons(l); l = list_tail(l), n++) {
        Term h = list_head(l);
        if (which > 0 && term_cmp(h, acc) > 0)
            acc = h;
        else if (which < 0 && term_cmp(h, acc) < 0)
            acc = h;
        else if (which == 0) {
            const BifDef *add = bif_lookup(A(erlang), atom_from_cstr("+"), 2);
            Term args[2] = {acc, h};
            acc = add->fn(p, args);
            if (acc == NONE)
                return NONE;
        }
    }
    charge(p, n);
    return acc;
}

static Term bif_max(Proc *p, const Term *a) { return fold(p, a[0], 1, "max"); }
static Term bif_min(Proc *p, const Term *a) { return fold(p, a[0], -1, "min"); }
static Term bif_sum(Proc *p, const Term *a) { return fold(p, a[0], 0, "sum"); }

static Term bif_subtract(Proc *p, const Term *a)
{
    const BifDef *sub = bif_lookup(A(erlang), atom_from_cstr("--"), 2);
    return sub->fn(p, a);
}

/* split(n, list): {first n, rest}; n past the end is a clause failure,
 * as in Erlang. */
static Term bif_split(Proc *p, const Term *a)
{
    size_t n;
    Term *arr = lib_list_array(a[1], &n);
    if (!arr)
        return n == (size_t)-1 ? FCLAUSE(p, "split", 2) : lib_oom(p);
    if (!is_small(a[0]) || small_val(a[0]) < 0 || (size_t)small_val(a[0]) > n) {
        lib_array_free(arr, n);
        return FCLAUSE(p, "split", 2);
    }
    size_t k = (size_t)small_val(a[0]);
    Term rest = a[1];
    for (size_t i = 0; i < k; i++)
        rest = list_tail(rest);
    Term first = lib_list(p, arr, k, NIL);
    lib_array_free(arr, n);
    charge(p, k);
    return done(p, first == NONE ? NONE : lib_tuple2(p, first, rest));
}

static Term bif_droplast(Proc *p, const Term *a)
{
    if (!is_cons(a[0]) || lib_list_len(a[0]) < 0)
        return FCLAUSE(p, "droplast", 1);
    size_t n;
    Term *arr = lib_list_array(a[0], &n);
    if (!arr)
        return lib_oom(p);
    Term r = lib_list(p, arr, n - 1, NIL);
    lib_array_free(arr, n);
    charge(p, n);
    return done(p, r);
}

/* prefix(a, b) / suffix(a, b): whether a starts / ends b (=:=). */
static Term affix(Proc *p, const Term *a, bool suffix, const char *name)
{
    long na = lib_list_len(a[0]), nb = lib_list_len(a[1]);
    if (na < 0 || nb < 0)
        return FCLAUSE(p, name, 2);
    if (na > nb)
        return A(false);
    Term y = a[1];
    for (long i = 0; suffix && i < nb - na; i++)
        y = list_tail(y);
    for (Term x = a[0]; is_cons(x); x = list_tail(x), y = list_tail(y))
        if (!term_eq_exact(list_head(x), list_head(y)))
            return A(false);
    charge(p, (size_t)nb);
    return A(true);
}

static Term bif_prefix(Proc *p, const Term *a) { return affix(p, a, false, "prefix"); }
static Term bif_suffix(Proc *p, const Term *a) { return affix(p, a, true, "suffix"); }

static const BifDef lists_bifs[] = {
    {"lists", "ukeysort", 2, BIF_PURE, bif_ukeysort, NULL},
    {"lists", "split", 2, BIF_PURE, bif_split, NULL},
    {"lists", "droplast", 1, BIF_PURE, bif_droplast, NULL},
    {"lists", "prefix", 2, BIF_PURE, bif_prefix, NULL},
    {"lists", "suffix", 2, BIF_PURE, bif_suffix, NULL},
    {"lists", "reverse", 1, BIF_PURE, bif_reverse, NULL},
    {"lists", "reverse", 2, BIF_PURE, bif_reverse2, NULL},
    {"lists", "member", 2, BIF_PURE, bif_member, NULL},
    {"lists", "keyfind", 3, BIF_PURE, bif_keyfind, NULL},
    {"lists", "keymember", 3, BIF_PURE, bif_keymember, NULL},
    {"lists", "keydelete", 3, BIF_PURE, bif_keydelete, NULL},
    {"lists", "keyreplace", 4, BIF_PURE, bif_keyreplace, NULL},
    {"lists", "keystore", 4, BIF_PURE, bif_keystore, NULL},
    {"lists", "keytake", 3, BIF_PURE, bif_keytake, NULL},
    {"lists", "keysort", 2, BIF_PURE, bif_keysort, NULL},
    {"lists", "sort", 1, BIF_PURE, bif_sort, NULL},
    {"lists", "merge", 2, BIF_PURE, bif_merge, NULL},
    {"lists", "umerge", 2, BIF_PURE, bif_umerge, NULL},
    {"lists", "keymerge", 3, BIF_PURE, bif_keymerge, NULL},
    {"Elixir.Enum.MergeSort", "__terms__", 2, BIF_PURE, bif_sort_le, NULL},
    {"lists", "usort", 1, BIF_PURE, bif_usort, NULL},
    {"lists", "seq", 2, BIF_PURE, bif_seq2, NULL},
    {"lists", "seq", 3, BIF_PURE, bif_seq3, NULL},
    {"lists", "nth", 2, BIF_PURE, bif_nth, NULL},
    {"lists", "nthtail", 2, BIF_PURE, bif_nthtail, NULL},
    {"lists", "last", 1, BIF_PURE, bif_last, NULL},
    {"lists", "append", 1, BIF_PURE, bif_append1, NULL},
    {"lists", "append", 2, BIF_PURE, bif_append2, NULL},
    {"lists", "flatten", 1, BIF_PURE, bif_flatten, NULL},
    {"lists", "flatten", 2, BIF_PURE, bif_flatten2, NULL},
    {"lists", "duplicate", 2, BIF_PURE, bif_duplicate, NULL},
    {"lists", "zip", 2, BIF_PURE, bif_zip, NULL},
    {"lists", "sublist", 2, BIF_PURE, bif_sublist2, NULL},
    {"lists", "sublist", 3, BIF_PURE, bif_sublist3, NULL},
    {"lists", "delete", 2, BIF_PURE, bif_delete, NULL},
    {"lists", "subtract", 2, BIF_PURE, bif_subtract, NULL},
    {"lists", "max", 1, BIF_PURE, bif_max, NULL},
    {"lists", "min", 1, BIF_PURE, bif_min, NULL},
    {"lists", "sum", 1, BIF_PURE, bif_sum, NULL},
};

int lib_lists_register(void)
{
    return bif_register(lists_bifs, LIB_NDEFS(lists_bifs));
}
