/* jit_call.c — the calls native code makes through C (jit.h): remote
 * calls and calls of funs. Resolving a call site or a fun and building a
 * frame whose size is only known at run time is not worth machine code;
 * a C call from native code is still far cheaper than leaving it.
 *
 * Both functions do what vm.c's CALLR/CALLF handlers and its
 * enter/tail_enter do, with the same frame layout, except that anything
 * needing a collection, a raise or an error message answers JC_BAIL
 * before touching the stack, and vm.c does the whole instruction.
 *
 * jit_op_c does the same for single instructions on maps and strings
 * whose work is a runtime function call anyway (map_get, map_put,
 * vm_concat_rev): native code calls it instead of leaving.
 */
#include <stdatomic.h>
#include <string.h>

#include "bin.h"
#include "jit.h"
#include "map.h"
#include "vm_int.h"

/* Builds callee's frame over the n arguments (fun, when not NONE, sits
 * under them and is dropped) and moves there, as vm.c's enter. */
static int enter(JitState *st, Fn *callee, uint32_t n, const uint32_t *rip, bool tail, Term fun)
{
    Heap *h = st->h;
    Term *sp = st->sp, *fp = st->fp;
    Fn *fn = st->fn;
    uint32_t drop = fun != NONE ? 1 : 0;
    uint32_t nfree = drop && is_boxed_kind(fun, HDR_FUN) ? callee->nfree : 0;
    if (callee->nlocals < n + nfree)
        return JC_BAIL;
    Term *nsp = tail ? fp - n : sp + drop;
    if ((size_t)(nsp - h->htop) < frame_need(callee, n) + nfree)
        return JC_BAIL;
    /* vm.c asks for a collection at a call, but not at a closure's (its
     * enter skips the test when free values are copied): nor do we, or
     * every closure call would leave native code until some other call
     * collected. */
    bool closure = drop && is_boxed_kind(fun, HDR_FUN);
    if (!closure && (st->each_call || wants_gc(h)))
        return JC_BAIL;
    if (drop) {
        for (uint32_t i = 0; i < n; i++)
            sp[n - i] = sp[n - 1 - i];
        sp++;
    }
    uint64_t rfn, rpc, rfp;
    if (tail) {
        uint64_t ri[3];
        sp = vm_tail_move(fn, fp, sp, n, ri);
        rfn = ri[0];
        rpc = ri[1];
        rfp = ri[2];
    } else {
        rfn = (uintptr_t)fn;
        rpc = (uintptr_t)rip;
        rfp = (uint64_t)(h->end - fp);
    }
    fp = sp + n;
    const Term *freev = nfree ? boxed_ptr(fun) + 2 : NULL;
    for (uint32_t i = n + nfree; i < callee->nlocals; i++)
        *--sp = NIL;
    for (uint32_t i = 0; i < nfree; i++)
        *--sp = freev[i];
    *--sp = cp_make(rfn);
    *--sp = cp_make(rpc);
    *--sp = cp_make(rfp);
    st->sp = sp;
    st->fp = fp;
    st->fn = callee;
    h->stop = fp - callee->oplimit_words;
    Proc *p = st->p;
    if (--p->reds_left == 0 || p->reds_left > (1u << 31)) {
        st->ip = callee->code;
        st->exit = JIT_YIELD;
        return JC_EXIT;
    }
    JitCode *jc = atomic_load_explicit(&callee->jit, memory_order_acquire);
    if (jc == NULL || jc == JIT_NONE || jc->off[0] == JIT_NOOFF) {
        st->ip = callee->code;
        st->exit = JIT_ENTER;
        return JC_EXIT;
    }
    st->target = jc->entry + jc->off[0];
    return JC_JUMP;
}

/* A builtin on the n arguments (a fun under them dropped first, drop). */
static int call_bif(JitState *st, const BifDef *b, uint32_t n, const uint32_t *rip, bool tail, uint32_t drop)
{
    Term *sp = st->sp;
    /* A tail call returns right after; from the bootstrap frame only
     * vm.c can (it halts), so leave the whole call to it. */
    if (tail && cp_val((st->fp - st->fn->nlocals)[-1]) == 0)
        return JC_BAIL;
    if (n > sizeof st->argv / sizeof st->argv[0])
        return JC_BAIL; /* the compiler allows 255 arguments: never */
    if (drop) {
        for (uint32_t i = 0; i < n; i++)
            sp[n - i] = sp[n - 1 - i];
        sp++;
        st->sp = sp;
    }
    for (uint32_t i = 0; i < n; i++)
        st->argv[i] = sp[n - 1 - i];
    Term r = b->fn(st->p, st->argv);
    if (r == NONE) {
        st->ip = rip;
        st->exit = JIT_RAISE;
        return JC_EXIT;
    }
    sp += n;
    *--sp = r;
    st->sp = sp;
    return tail ? JC_RETURN : JC_NEXT;
}

int jit_call_remote(JitState *st, CallSite *cs, uint32_t n, const uint32_t *rip, uint32_t tail)
{
    const BifDef *b = NULL;
    Fn *callee = vm_site_resolve(cs, n, &b);
    if (callee != NULL)
        return enter(st, callee, n, rip, tail != 0, NONE);
    if (b == NULL)
        return JC_BAIL; /* undefined: vm.c raises */
    return call_bif(st, b, n, rip, tail != 0, 0);
}

int jit_call_fun(JitState *st, uint32_t n, const uint32_t *rip, uint32_t tail)
{
    Term f = st->sp[n];
    if (is_boxed_kind(f, HDR_FUN)) {
        Fn *callee = (Fn *)(uintptr_t)boxed_ptr(f)[1];
        if (callee->arity != n)
            return JC_BAIL;
        return enter(st, callee, n, rip, tail != 0, f);
    }
    if (is_boxed_kind(f, HDR_EXPORT)) {
        const Term *e = boxed_ptr(f);
        if (small_val(e[3]) != (int64_t)n)
            return JC_BAIL;
        Fn *callee = vm_find_fn(e[1], e[2], n);
        if (callee != NULL)
            return enter(st, callee, n, rip, tail != 0, f);
        const BifDef *b = vm_find_bif(e[1], e[2], n);
        if (b == NULL)
            return JC_BAIL;
        return call_bif(st, b, n, rip, tail != 0, 1);
    }
    return JC_BAIL;
}

/* Raises what the runtime function left pending, past the instruction. */
static int raised(JitState *st, const uint32_t *next)
{
    st->ip = next;
    st->exit = JIT_RAISE;
    return JC_EXIT;
}

int jit_op_c(JitState *st, const uint32_t *ip)
{
    Term *sp = st->sp;
    const Term *lits = st->fn->lits;
    Heap *h = st->h;
    uint32_t op = ip[0];
    switch (op) {
    case OPC_M_MAP:
        if (is_map(sp[0]))
            return JC_NEXT;
        st->sp = sp + 1;
        return JC_BRANCH;
    case OPC_M_KEY:
    case OPC_M_KEYV: {
        Term k = op == OPC_M_KEY ? lits[ip[1]] : sp[0];
        Term *msp = op == OPC_M_KEY ? sp : sp + 1;
        Term v = map_get(msp[0], k);
        if (v == NONE) {
            st->sp = msp;
            return JC_BRANCH;
        }
        msp[-1] = v;
        st->sp = msp - 1;
        return JC_NEXT;
    }
    case OPC_DOT: {
        if (!is_map(sp[1]))
            return JC_BAIL; /* a module call, or an error */
        Term v = map_get(sp[1], sp[0]);
        if (v == NONE)
            return JC_BAIL; /* KeyError */
        sp[1] = v;
        st->sp = sp + 1;
        return JC_NEXT;
    }
    case OPC_MAP: {
        uint32_t n = ip[1];
        Term m = map_new(h);
        for (uint32_t i = 0; i < n && m != NONE; i++)
            m = map_put(h, m, sp[2 * (n - i) - 1], sp[2 * (n - i) - 2]);
        if (m == NONE)
            return JC_BAIL;
        sp += 2 * n;
        *--sp = m;
        st->sp = sp;
        return JC_NEXT;
    }
    case OPC_MAP_PUT:
    case OPC_MAP_UPD: {
        uint32_t n = ip[1];
        Term m = sp[2 * n];
        if (!is_map(m))
            return JC_BAIL;
        for (uint32_t i = 0; i < n; i++) {
            Term k = sp[2 * (n - i) - 1];
            if (op == OPC_MAP_UPD && map_get(m, k) == NONE)
                return JC_BAIL; /* KeyError, from vm.c */
            m = map_put(h, m, k, sp[2 * (n - i) - 2]);
            if (m == NONE)
                return JC_BAIL;
        }
        sp += 2 * n;
        sp[0] = m;
        st->sp = sp;
        return JC_NEXT;
    }
    case OPC_TO_STR: {
        if (is_binary(sp[0]))
            return JC_NEXT;
        Term r = vm_to_string(st->p, sp[0]);
        if (r == NONE)
            return raised(st, ip + 1);
        sp[0] = r;
        return JC_NEXT;
    }
    case OPC_INTERP: {
        uint32_t n = ip[1];
        Term r = vm_concat_rev(st->p, sp, n);
        if (r == NONE)
            return raised(st, ip + 2);
        sp += n;
        *--sp = r;
        st->sp = sp;
        return JC_NEXT;
    }
    case OPC_M_PREFIX: {
        Term k = lits[ip[1]], t = sp[0];
        const uint8_t *x, *y;
        size_t xlen, ylen;
        if (!bin_bytes(t, &x, &xlen) || !bin_bytes(k, &y, &ylen) || xlen < ylen ||
            memcmp(x, y, ylen) != 0) {
            st->sp = sp + 1;
            return JC_BRANCH;
        }
        Term rest = bin_sub(h, t, ylen * 8, (xlen - ylen) * 8);
        if (rest == NONE)
            return JC_BAIL;
        sp[0] = rest;
        return JC_NEXT;
    }
    case OPC_M_LIST: {
        Term t = sp[0];
        while (is_cons(t))
            t = list_tail(t);
        st->sp = sp + 1;
        return t == NIL ? JC_NEXT : JC_BRANCH;
    }
    case OPC_M_BSTART:
        if (!is_bitstring(sp[0])) {
            st->sp = sp + 1;
            return JC_BRANCH;
        }
        *--sp = make_small(0);
        st->sp = sp;
        return JC_NEXT;
    case OPC_M_BGET: {
        Term size = ip[2] ? *sp++ : NONE;
        size_t off = (size_t)small_val(sp[0]);
        Term v = vm_bits_get(st->p, lits[ip[1]], sp[1], size, &off);
        if (v == NONE) {
            st->sp = sp;
            return JC_BRANCH;
        }
        sp[0] = make_small((int64_t)off);
        *--sp = v;
        st->sp = sp;
        return JC_NEXT;
    }
    case OPC_M_BEND: {
        const uint8_t *b;
        size_t boff, nbits;
        bin_bits(sp[1], &b, &boff, &nbits);
        bool end = (size_t)small_val(sp[0]) == nbits;
        st->sp = sp + 2;
        return end ? JC_NEXT : JC_BRANCH;
    }
    case OPC_BS_BUILD: {
        uint32_t n = ip[2];
        Term r = vm_bits_build(st->p, lits[ip[1]], sp, n);
        if (r == NONE)
            return raised(st, ip + 3);
        sp += n;
        *--sp = r;
        st->sp = sp;
        return JC_NEXT;
    }
    default:
        return JC_BAIL;
    }
}
