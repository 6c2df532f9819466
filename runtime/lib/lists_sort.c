/* lists_sort.c — :lists.sort/1 and keysort/2 in the order OTP 25 gives.
 *
 * Terms that compare equal but differ (1 and 1.0) come out of lists:sort/1
 * in an order that no stable sort reproduces, and programs print it;
 * keysort/2 is stable except where a leading stretch of == tuples starts a
 * descending run. The order falls out of OTP's two phases, redone here on
 * arrays:
 *  1. Runs. The input is cut into runs, all ascending or all descending
 *     (the first two unequal neighbours decide). A run keeps its last two
 *     terms X and Y apart: the next term goes after Y, between X and Y, or,
 *     while the run is only X and Y, before X. Any other term waits as a
 *     pivot S; the term after it closes the run, and S and it, in order,
 *     open the next one.
 *  2. Merges. Runs are stored reversed and listed newest first, as OTP's
 *     list of lists is. They are merged three at a time, ascending and
 *     descending passes taking turns; each merge writes its result reversed,
 *     and of equal heads the one from the earlier run in the list goes
 *     first. A leftover single run is only reversed.
 * keysort compares element `key` instead of the whole term, and after
 * descending runs it keeps equal keys in input order: such a run takes a
 * term after an equal one only by inserting, and its merges favour the
 * later run in the list.
 * lists:sort/2 with =< or >= (Enum.sort/2's :asc, :desc; lists_sort_le)
 * cuts runs the same way, asking the fun instead of comparing, and merges
 * them in pairs (enum_sort.ex is the same algorithm for any fun).
 */
#include <stdbool.h>
#include <string.h>
#include "lists_int.h"
#include "mem.h"
#include "mote.h"

typedef struct {
    size_t off, len; /* a run is out[off .. off+len) */
} Run;

/* How runs are cut: by term order (sort/1, keysort/2), or as lists:sort/2
 * does with the fun =< (Enum.sort/2 :asc) or >= (:desc). */
typedef enum { BY_ORDER, BY_LE, BY_GE } SplitBy;

/* Phase 1 state. The open run is out[start..w) followed by x and y. */
typedef struct {
    Term *out;
    size_t w, start;
    Run *runs; /* closed runs, oldest first */
    size_t nruns;
    Term x, y, s;
    size_t key; /* 0: whole terms (sort/1); k: element k (keysort/2) */
    bool has_s; /* s is a pivot waiting for the next term */
    bool asc;   /* runs ascend (OTP's split_1) or descend (split_2); for
                 * BY_LE/BY_GE: the fun's answer on the first two terms */
    SplitBy by;
} Split;

static int key_cmp(size_t key, Term a, Term b)
{
    if (key)
        return term_cmp(tuple_get(a, key - 1), tuple_get(b, key - 1));
    return term_cmp(a, b);
}

/* lists:sort/2's fun: a =< b (BY_LE) or a >= b (BY_GE). */
static bool fun(SplitBy by, Term a, Term b)
{
    int c = term_cmp(a, b);
    return by == BY_LE ? c <= 0 : c >= 0;
}

/* True when a may come after b in a run of this direction. */
static bool may_follow(const Split *sp, Term a, Term b)
{
    if (sp->by != BY_ORDER)
        return fun(sp->by, b, a) == sp->asc;
    int c = key_cmp(sp->key, a, b);
    if (sp->asc)
        return c >= 0;
    return sp->key ? c < 0 : c <= 0;
}

/* Ends the open run: x and y join it and it is stored reversed. */
static void close_run(Split *sp)
{
    sp->out[sp->w++] = sp->x;
    sp->out[sp->w++] = sp->y;
    for (size_t i = sp->start, j = sp->w - 1; i < j; i++, j--) {
        Term t = sp->out[i];
        sp->out[i] = sp->out[j];
        sp->out[j] = t;
    }
    sp->runs[sp->nruns++] = (Run){sp->start, sp->w - sp->start};
    sp->start = sp->w;
}

static void split_step(Split *sp, Term z)
{
    if (may_follow(sp, z, sp->y)) {
        sp->out[sp->w++] = sp->x;
        sp->x = sp->y;
        sp->y = z;
    } else if (may_follow(sp, z, sp->x)) {
        sp->out[sp->w++] = sp->x;
        sp->x = z;
    } else if (!sp->has_s) {
        /* Only a run of exactly x and y takes a term in front. */
        if (sp->w == sp->start)
            sp->out[sp->w++] = z;
        else {
            sp->s = z;
            sp->has_s = true;
        }
    } else {
        close_run(sp);
        /* An ascending split puts a pivot equal to z first, a descending
         * one puts it second: OTP tests S =< Z in one, S > Z in the other. */
        int c = key_cmp(sp->key, sp->s, z);
        bool s_first = sp->asc ? c <= 0 : c > 0;
        if (sp->by != BY_ORDER)
            s_first = fun(sp->by, sp->s, z) == sp->asc;
        sp->x = s_first ? sp->s : z;
        sp->y = s_first ? z : sp->s;
        sp->has_s = false;
    }
}

typedef struct {
    size_t key;
    bool asc;       /* this pass takes the least head, else the greatest */
    bool later_won; /* equal heads: the later run's goes first */
} Pass;

/* Merges k (1..3) runs of src into dst[0..total), written back to front. */
static size_t merge_group(const Term *src, const Run *rs, size_t k, const Pass *ps, Term *dst)
{
    size_t pos[3], end[3], total = 0;
    for (size_t j = 0; j < k; j++) {
        pos[j] = rs[j].off;
        end[j] = rs[j].off + rs[j].len;
        total += rs[j].len;
    }
    for (size_t w = total; w-- > 0;) {
        size_t best = k;
        for (size_t i = 0; i < k; i++) {
            size_t j = ps->later_won ? k - 1 - i : i;
            if (pos[j] == end[j])
                continue;
            int c = best == k ? 0 : key_cmp(ps->key, src[pos[j]], src[pos[best]]);
            if (best == k || (ps->asc ? c < 0 : c > 0))
                best = j;
        }
        dst[w] = src[pos[best]++];
    }
    return total;
}

static void reverse_runs(Run *rs, size_t n)
{
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
        Run t = rs[i];
        rs[i] = rs[j];
        rs[j] = t;
    }
}

/* Ends a merge pass: the m runs just written to b (listed in next, in
 * the order OTP conses them: newest first, so reversed here) become the
 * input of the next pass, and the old input buffers its output. */
static void end_pass(Term **a, Term **b, Run **runs, Run **next, size_t *nruns, size_t m)
{
    reverse_runs(*next, m);
    Term *t = *a;
    *a = *b;
    *b = t;
    Run *r = *runs;
    *runs = *next;
    *next = r;
    *nruns = m;
}

/* Work space for n terms: two term buffers and two run lists. Closed runs
 * hold at least two terms, so n / 2 + 2 runs is room for every pass. */
typedef struct {
    Term *buf;  /* 2n terms */
    Run *runs;  /* 2 * maxruns */
    size_t n, maxruns;
} Space;

static int space_new(Space *sp, size_t n)
{
    sp->n = n;
    sp->maxruns = n / 2 + 2;
    sp->buf = mem_alloc(MEM_SYSTEM, 2 * n * sizeof(Term));
    sp->runs = mem_alloc(MEM_SYSTEM, 2 * sp->maxruns * sizeof(Run));
    if (sp->buf != NULL && sp->runs != NULL)
        return 0;
    mem_free(MEM_SYSTEM, sp->buf, 2 * n * sizeof(Term));
    mem_free(MEM_SYSTEM, sp->runs, 2 * sp->maxruns * sizeof(Run));
    return MOTE_ENOMEM;
}

static void space_free(Space *sp)
{
    mem_free(MEM_SYSTEM, sp->buf, 2 * sp->n * sizeof(Term));
    mem_free(MEM_SYSTEM, sp->runs, 2 * sp->maxruns * sizeof(Run));
}

/* Runs the merge passes over a (runs listed newest first) and returns the
 * buffer, a or b, that ends up holding the sorted terms from index 0. */
static Term *merge_passes(Term *a, Term *b, Run *runs, Run *next, size_t nruns, Pass ps)
{
    while (nruns > 1 || !ps.asc) {
        size_t m = 0, w = 0;
        for (size_t i = 0; i < nruns; i += 3) {
            size_t k = nruns - i < 3 ? nruns - i : 3;
            size_t len = merge_group(a, runs + i, k, &ps, b + w);
            next[m++] = (Run){w, len};
            w += len;
        }
        /* OTP collects each pass's results by consing: newest first. */
        end_pass(&a, &b, &runs, &next, &nruns, m);
        ps.asc = !ps.asc;
    }
    return a;
}

/* Lists of up to three terms: OTP answers these without splitting, and
 * where equal terms land differs from what the split would give. */
static void sort_small(Term *arr, size_t n, size_t key)
{
    if (n < 2)
        return;
    Term x = arr[0], y = arr[1];
    bool xy = key_cmp(key, x, y) <= 0;
    if (n == 2) {
        arr[0] = xy ? x : y;
        arr[1] = xy ? y : x;
        return;
    }
    Term z = arr[2];
    if (xy) {
        if (key_cmp(key, y, z) <= 0)
            return;
        bool xz = key_cmp(key, x, z) <= 0;
        arr[0] = xz ? x : z;
        arr[1] = xz ? z : x;
        arr[2] = y;
    } else if (key_cmp(key, x, z) <= 0) {
        arr[0] = y, arr[1] = x, arr[2] = z;
    } else if (key_cmp(key, y, z) <= 0) {
        arr[0] = y, arr[1] = z, arr[2] = x;
    } else {
        arr[0] = z, arr[1] = y, arr[2] = x;
    }
}

int lists_sort_terms(Term *arr, size_t n, size_t key)
{
    if (n < 4) {
        sort_small(arr, n, key);
        return 0;
    }
    /* A leading stretch of == terms (whole terms, for keysort too) opens
     * the first run whichever way it turns out to go; an all-equal list is
     * already sorted. */
    size_t k = 0;
    if (term_cmp(arr[0], arr[1]) == 0) {
        for (k = 1; k + 1 < n && term_cmp(arr[k], arr[k + 1]) == 0; k++) {
        }
        if (k + 1 == n)
            return 0;
    }
    int c = key_cmp(key, arr[k], arr[k + 1]);
    Space ws;
    if (space_new(&ws, n) < 0)
        return MOTE_ENOMEM;
    Split sp = {.out = ws.buf, .runs = ws.runs, .key = key, .asc = c <= 0, .x = arr[k], .y = arr[k + 1]};
    for (size_t i = 0; i < k; i++)
        sp.out[sp.w++] = arr[i];
    for (size_t i = k + 2; i < n; i++)
        split_step(&sp, arr[i]);
    close_run(&sp);
    if (sp.has_s) {
        sp.out[sp.w++] = sp.s;
        sp.runs[sp.nruns++] = (Run){sp.w - 1, 1};
    }
    reverse_runs(ws.runs, sp.nruns);
    /* Ascending runs are stored descending: the first pass merges those. */
    Pass ps = {.key = key, .asc = !sp.asc, .later_won = key && !sp.asc};
    Term *sorted = merge_passes(ws.buf, ws.buf + n, ws.runs, ws.runs + ws.maxruns, sp.nruns, ps);
    memcpy(arr, sorted, n * sizeof(Term));
    space_free(&ws);
    return 0;
}

/* ---- lists:sort/2 with =< or >= ---------------------------------------- */

/* Merges runs a and b of src into dst (written back to front, so the
 * result is reversed); a's head goes first when fun(a, b) == a_on. */
static size_t fun_merge(const Term *src, Run a, Run b, bool a_on, SplitBy by, Term *dst)
{
    size_t i = a.off, ie = a.off + a.len, j = b.off, je = b.off + b.len, w = a.len + b.len;
    while (i < ie && j < je)
        dst[--w] = fun(by, src[i], src[j]) == a_on ? src[i++] : src[j++];
    while (i < ie)
        dst[--w] = src[i++];
    while (j < je)
        dst[--w] = src[j++];
    return a.len + b.len;
}

/* OTP's fmergel/rfmergel: runs merged in pairs, passes keeping a's head
 * on true (fwd) and b's on true taking turns; which of a pair is a
 * depends on the pass and on the first answer (dir). */
static Term *fun_passes(Term *a, Term *b, Run *runs, Run *next, size_t nruns, bool dir, SplitBy by)
{
    bool fwd = !dir;
    while (nruns > 1 || !fwd) {
        size_t m = 0, w = 0;
        for (size_t i = 0; i + 1 < nruns; i += 2) {
            Run ra = fwd == dir ? runs[i] : runs[i + 1], rb = fwd == dir ? runs[i + 1] : runs[i];
            size_t len = fun_merge(a, ra, rb, fwd, by, b + w);
            next[m++] = (Run){w, len};
            w += len;
        }
        if (nruns % 2) {
            Run last = runs[nruns - 1];
            size_t len = merge_group(a, &last, 1, &(Pass){.asc = true}, b + w);
            next[m++] = (Run){w, len};
        }
        end_pass(&a, &b, &runs, &next, &nruns, m);
        fwd = !fwd;
    }
    return a;
}

int lists_sort_le(Term *arr, size_t n, bool desc)
{
    if (n < 2)
        return 0;
    Space ws;
    if (space_new(&ws, n) < 0)
        return MOTE_ENOMEM;
    SplitBy by = desc ? BY_GE : BY_LE;
    Split sp = {.out = ws.buf, .runs = ws.runs, .by = by, .asc = fun(by, arr[0], arr[1]), .x = arr[0],
                .y = arr[1]};
    for (size_t i = 2; i < n; i++)
        split_step(&sp, arr[i]);
    close_run(&sp);
    if (sp.has_s) {
        sp.out[sp.w++] = sp.s;
        sp.runs[sp.nruns++] = (Run){sp.w - 1, 1};
    }
    reverse_runs(ws.runs, sp.nruns);
    Term *sorted = fun_passes(ws.buf, ws.buf + n, ws.runs, ws.runs + ws.maxruns, sp.nruns, sp.asc, by);
    memcpy(arr, sorted, n * sizeof(Term));
    space_free(&ws);
    return 0;
}
