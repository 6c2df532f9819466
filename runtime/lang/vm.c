/* vm.c — the bytecode interpreter (vm.h, op.def).
 *
 * One function, vm_run, runs a process until its reductions run out, it
 * blocks in receive, or it exits. Everything a suspended process needs is
 * on its own stack plus the three words of its Vm (fn, pc, fp offset):
 * the operand stack and frames live between heap.stop and heap.end, so
 * the GC sees every live term there and nothing lives on the C stack.
 *
 * Invariant while running: heap.stop is `oplimit`, the lowest word the
 * current function's operand stack may reach, so heap_alloc (ours and the
 * builtins') can never hand out a word the stack will use. Only at safe
 * points (function entry, resume) is heap.stop set to the real stack top
 * and the GC allowed to run.
 */
#include <stdio.h>
#include <stdlib.h>

#include "atom.h"
#include "code.h"
#include "err.h"
#include "gc.h"
#include "jit.h"
#include "map.h"
#include "mem.h"
#include "bin.h"
#include "timer.h"
#include "vm_int.h"

const uint8_t vm_op_words[OPC_COUNT] = {
#define OP(name, n) n,
#include "op.def"
#undef OP
};
const char *const vm_op_names[OPC_COUNT] = {
#define OP(name, n) #name,
#include "op.def"
#undef OP
};

_Atomic int vm_exit_status = -1;
_Atomic Term vm_main_pid;
_Atomic int vm_main_released;

void vm_fn_sizes(Fn *fn)
{
    fn->oplimit_words = fn->nlocals + 3 + fn->max_stack;
    fn->frame_words = (uint32_t)frame_need(fn, fn->arity);
}

/* Collects with the stack as it is: sp is the real top. Returns 0 or a
 * MOTE_E* code. Updates *sp and *fp to the moved stack. */
int vm_safe_gc(Proc *p, Term **sp, Term **fp, size_t need)
{
    Heap *h = &p->heap;
    size_t fpoff = (size_t)(h->end - *fp);
    h->stop = *sp;
    Term *ranges[2] = {&p->exit_reason, NULL};
    size_t counts[2] = {1, 1};
    size_t n = 1;
    if (p->cold != NULL) {
        ranges[1] = &p->cold->dict;
        n = 2;
    }
    GcRoots roots = {ranges, counts, n};
    int rc = gc_collect(h, &roots, need);
    *sp = h->stop;
    *fp = h->end - fpoff;
    return rc;
}

/* a op b when both are small integers and the result is one: true with
 * *r set. Anything else (other types, overflow into a bignum, division)
 * is vm_arith's. */
static inline bool arith_small(unsigned op, Term a, Term b, Term *r)
{
    if (!is_small(a) || !is_small(b))
        return false;
    int64_t x = small_val(a), y = small_val(b), z;
    switch (op) {
    case VA_ADD: z = x + y; break; /* 61-bit operands: no int64 overflow */
    case VA_SUB: z = x - y; break;
    case VA_MUL:
        if (__builtin_mul_overflow(x, y, &z))
            return false;
        break;
    default: return false;
    }
    if (!small_fits(z))
        return false;
    *r = make_small(z);
    return true;
}

/* t === k. Two different words are different terms unless both are
 * boxed or lists (a bignum, a tuple...): only then is a deep compare
 * needed. */
static inline bool same_term(Term t, Term k)
{
    return t == k || (!is_immediate(t) && !is_immediate(k) && term_eq_exact(t, k));
}

/* a op b (VmCmp) in Erlang term order. */
static inline bool compare(unsigned op, Term a, Term b)
{
    if (!is_small(a) || !is_small(b))
        return vm_compare(op, a, b);
    int64_t x = (int64_t)a, y = (int64_t)b; /* same tag: order kept */
    switch (op) {
    case VC_EQ: case VC_SEQ: return x == y;
    case VC_NE: case VC_SNE: return x != y;
    case VC_LT: return x < y;
    case VC_GT: return x > y;
    case VC_LE: return x <= y;
    default: return x >= y;
    }
}

#define PUSH(x) (*--sp = (x))
#define POP() (*sp++)
#define SLOT(s) (fp[-1 - (int64_t)(s)])
#define NEXT() goto *labels[*ip++]
/* Where control may enter native code (a call, a return, a backward jump,
 * a resume): into fn's native code when it has some or may get some. */
#define JIT_GO()                                                                      \
    do {                                                                              \
        if (jit_on && atomic_load_explicit(&fn->jit, memory_order_relaxed) != JIT_NONE) \
            goto jit_go;                                                              \
        NEXT();                                                                       \
    } while (0)
#define OPLIMIT() (h->stop = fp - fn->oplimit_words)
/* OPLIMIT for a frame entered earlier (a return, a catch): its operand
 * area was free when it was entered, but a callee may since have grown
 * the heap into the part of it the callee's own, smaller frame did not
 * need. Collect then, so heap.stop stays at or above htop (heap_alloc's
 * room test is an unsigned difference). */
#define OPLIMIT_AGAIN()                                                               \
    do {                                                                              \
        OPLIMIT();                                                                    \
        if (h->stop < h->htop) {                                                      \
            if (SAFE_GC((size_t)fn->max_stack + 8) != 0)                              \
                goto heap_fail;                                                       \
            OPLIMIT();                                                                \
        }                                                                             \
    } while (0)
/* A collection is due: asked of heap_wants_gc when the policy says every
 * call must (gc_policy_each_call), else of the inline wants_gc. */
#define GC_DUE() (gc_policy_each_call ? heap_wants_gc(h) : wants_gc(h))
/* Spends a reduction; yields when the slice has none left (a count that
 * went below zero, past 2^31, counts as none). */
#define SPEND_RED()                                                                   \
    do {                                                                              \
        if (--p->reds_left == 0 || p->reds_left > (1u << 31))                         \
            goto yield_here;                                                          \
    } while (0)
/* vm_safe_gc on copies: taking sp's and fp's addresses would keep them in
 * memory for the whole dispatch loop, a load and a store per opcode. */
#define SAFE_GC(need)                                                                 \
    ({                                                                                \
        Term *gsp_ = sp, *gfp_ = fp;                                                  \
        int grc_ = vm_safe_gc(p, &gsp_, &gfp_, (need));                               \
        sp = gsp_;                                                                    \
        fp = gfp_;                                                                    \
        grc_;                                                                         \
    })

int vm_run(Proc *p)
{
    static void *const labels[OPC_COUNT] = {
#define OP(name, n) &&L_##name,
#include "op.def"
#undef OP
    };
    Heap *h = &p->heap;
    Vm *vm = p->body.vm;
    Fn *fn = vm->fn;
    const uint32_t *ip = fn->code + vm->pc;
    Term *sp = h->stop;
    Term *fp = h->end - vm->fp_off;
    Term cls, reason;
    Term fc_trace = NONE; /* a FunctionClauseError's trace, with arguments */
    /* Locals of the call sequence. */
    Fn *callee;
    uint32_t n, nfree;
    const Term *freev;
    uint64_t rfn, rpc, rfp;
    Term argv[256];
    bool dtail;

    {
        size_t need = (size_t)fn->max_stack + 8;
        if ((size_t)(sp - h->htop) < need || heap_wants_gc(h)) {
            if (SAFE_GC(need) != 0)
                goto heap_fail;
        }
    }
    /* Still wanted right after a collection: GC stress, a heap over its
     * cap or still nearly full. Then every call asks heap_wants_gc, as
     * the policy says; otherwise calls use the inline test (wants_gc). */
    bool gc_policy_each_call = heap_wants_gc(h);
    OPLIMIT();
    bool jit_on = jit_active();
    JitState st;
    st.p = p;
    st.h = h;
    st.each_call = gc_policy_each_call;
    JIT_GO();

L_NOP:
    NEXT();
L_LIT:
    PUSH(fn->lits[*ip++]);
    NEXT();
L_NIL:
    PUSH(NIL);
    NEXT();
L_LOAD:
    PUSH(SLOT(*ip++));
    NEXT();
L_LOAD2:
    sp -= 2;
    sp[1] = SLOT(ip[0]);
    sp[0] = SLOT(ip[1]);
    ip += 2;
    NEXT();
L_STORE:
    SLOT(*ip++) = POP();
    NEXT();
L_POP:
    sp++;
    NEXT();
L_DUP:
    sp--;
    sp[0] = sp[1];
    NEXT();
L_SWAP: {
    Term t = sp[0];
    sp[0] = sp[1];
    sp[1] = t;
    NEXT();
}
L_TUPLE: {
    n = *ip++;
    Term *hp = heap_alloc(h, n + 1);
    if (hp == NULL)
        goto heap_fail;
    hp[0] = make_header(HDR_TUPLE, n);
    for (uint32_t i = 0; i < n; i++)
        hp[1 + i] = sp[n - 1 - i];
    sp += n;
    PUSH(make_boxed(hp));
    NEXT();
}
L_CONS: {
    Term *hp = heap_alloc(h, 2);
    if (hp == NULL)
        goto heap_fail;
    hp[0] = sp[1];
    hp[1] = sp[0];
    sp += 1;
    sp[0] = make_list(hp);
    NEXT();
}
L_MAP: {
    n = *ip++;
    Term m = map_new(h);
    for (uint32_t i = 0; i < n && m != NONE; i++)
        m = map_put(h, m, sp[2 * (n - i) - 1], sp[2 * (n - i) - 2]);
    if (m == NONE)
        goto heap_fail;
    sp += 2 * n;
    PUSH(m);
    NEXT();
}
L_MAP_PUT:
L_MAP_UPD: {
    bool upd = ip[-1] == OPC_MAP_UPD;
    n = *ip++;
    Term m = sp[2 * n];
    if (!is_map(m)) {
        vm_fail(p, VF_BADMAP, m);
        goto take_raise;
    }
    for (uint32_t i = 0; i < n; i++) {
        Term k = sp[2 * (n - i) - 1];
        if (upd && map_get(m, k) == NONE) {
            /* %{m | k: v}: Elixir's KeyError has no term for an update. */
            vm_badkey(p, k, A(nil));
            goto take_raise;
        }
        m = map_put(h, m, k, sp[2 * (n - i) - 2]);
        if (m == NONE)
            goto heap_fail;
    }
    sp += 2 * n;
    sp[0] = m;
    NEXT();
}
L_ARITH: {
    unsigned op = *ip++;
    Term a = sp[1], b = sp[0], r;
    if (!arith_small(op, a, b, &r) && (r = vm_arith(p, op, a, b)) == NONE)
        goto take_raise;
    sp[1] = r;
    sp++;
    NEXT();
}
L_ARITH_SK: {
    unsigned op = ip[0];
    Term a = SLOT(ip[1]), b = fn->lits[ip[2]], r;
    ip += 3;
    if (!arith_small(op, a, b, &r) && (r = vm_arith(p, op, a, b)) == NONE)
        goto take_raise;
    PUSH(r);
    NEXT();
}
L_ARITH_K: {
    unsigned op = ip[0];
    Term a = sp[0], b = fn->lits[ip[1]], r;
    ip += 2;
    if (!arith_small(op, a, b, &r) && (r = vm_arith(p, op, a, b)) == NONE)
        goto take_raise;
    sp[0] = r;
    NEXT();
}
L_NEG: {
    Term r = vm_neg(p, sp[0]);
    if (r == NONE)
        goto take_raise;
    sp[0] = r;
    NEXT();
}
L_CMP: {
    unsigned op = *ip++;
    bool r = compare(op, sp[1], sp[0]);
    sp++;
    sp[0] = r ? A(true) : A(false);
    NEXT();
}
L_JCMP: {
    unsigned op = ip[0];
    uint32_t l = ip[1];
    bool r = compare(op, sp[1], sp[0]);
    sp += 2;
    ip = r ? ip + 2 : fn->code + l;
    NEXT();
}
L_JCMP_SK: {
    bool r = compare(ip[0], SLOT(ip[1]), fn->lits[ip[2]]);
    ip = r ? ip + 4 : fn->code + ip[3];
    NEXT();
}
L_NOT:
    if (sp[0] == A(true))
        sp[0] = A(false);
    else if (sp[0] == A(false))
        sp[0] = A(true);
    else {
        bif_error(p, A(badarg));
        goto take_raise;
    }
    NEXT();
L_BANG:
    sp[0] = (sp[0] == A(nil) || sp[0] == A(false)) ? A(true) : A(false);
    NEXT();
L_JUMP: {
    /* Only a backward jump can make a loop (receive retries, for): a
     * forward one (the end of an if or a clause) is not charged. */
    const uint32_t *to = fn->code + *ip;
    bool back = to <= ip;
    ip = to;
    if (back) {
        SPEND_RED();
        JIT_GO();
    }
    NEXT();
}
L_JTRUE: {
    Term t = POP();
    uint32_t l = *ip++;
    if (t == A(true))
        ip = fn->code + l;
    NEXT();
}
L_JFALSE: {
    Term t = POP();
    uint32_t l = *ip++;
    if (t != A(true))
        ip = fn->code + l;
    NEXT();
}
L_JFALSY: {
    Term t = POP();
    uint32_t l = *ip++;
    if (t == A(nil) || t == A(false))
        ip = fn->code + l;
    NEXT();
}
L_JTRUTHY: {
    Term t = POP();
    uint32_t l = *ip++;
    if (t != A(nil) && t != A(false))
        ip = fn->code + l;
    NEXT();
}
L_CHKBOOL: {
    uint32_t k = *ip++;
    if (sp[0] != A(true) && sp[0] != A(false)) {
        vm_fail(p, k ? VF_BADBOOL_OR : VF_BADBOOL_AND, sp[0]);
        goto take_raise;
    }
    NEXT();
}

    /* ---- calls -------------------------------------------------------- */
L_CALL:
    callee = fn->mod->fns[*ip++];
    n = *ip++;
    rfn = (uintptr_t)fn;
    rpc = (uintptr_t)ip;
    rfp = (uint64_t)(h->end - fp);
    freev = NULL;
    nfree = 0;
    if ((size_t)(sp - h->htop) >= callee->frame_words && !gc_policy_each_call && !wants_gc(h)) {
        /* The common local call, without enter's cases (no free
         * values; no collection due; room for the frame). */
        Term *nfp = sp + n;
        for (uint32_t i = n; i < callee->nlocals; i++)
            PUSH(NIL);
        sp -= 3;
        sp[2] = cp_make(rfn);
        sp[1] = cp_make(rpc);
        sp[0] = cp_make(rfp);
        fp = nfp;
        fn = callee;
        ip = fn->code;
        OPLIMIT();
        SPEND_RED();
        JIT_GO();
    }
    goto enter;
L_TCALL:
    callee = fn->mod->fns[*ip++];
    n = *ip++;
    freev = NULL;
    nfree = 0;
    if (callee == fn) {
        /* A loop: the frame keeps its layout and return info. Only the
         * arguments change; the variables' slots keep their old terms
         * (valid, merely stale) instead of being reset. */
        for (uint32_t i = 0; i < n; i++)
            fp[-1 - (int64_t)i] = sp[n - 1 - i];
        sp = fp - fn->nlocals - 3;
        ip = fn->code;
        if ((size_t)(sp - h->htop) < frame_need(fn, 0) || GC_DUE()) {
            if (SAFE_GC(frame_need(fn, 0)) != 0)
                goto heap_fail;
            OPLIMIT();
        }
        SPEND_RED();
        JIT_GO();
    }
    goto tail_enter;
L_CALLR:
L_TCALLR: {
    bool tail = ip[-1] == OPC_TCALLR;
    CallSite *cs = &fn->sites[*ip++];
    n = *ip++;
    const BifDef *b = NULL;
    callee = vm_site_resolve(cs, n, &b);
    freev = NULL;
    nfree = 0;
    if (callee == NULL) {
        if (b == NULL) {
            vm_undef(p, cs->mod, cs->name, n);
            goto take_raise;
        }
        for (uint32_t i = 0; i < n; i++)
            argv[i] = sp[n - 1 - i];
        Term r = b->fn(p, argv);
        if (r == NONE)
            goto take_raise;
        sp += n;
        PUSH(r);
        if (tail)
            goto L_RET;
        NEXT();
    }
    if (tail)
        goto tail_enter;
    rfn = (uintptr_t)fn;
    rpc = (uintptr_t)ip;
    rfp = (uint64_t)(h->end - fp);
    goto enter;
}
L_CALLD:
L_TCALLD:
    dtail = ip[-1] == OPC_TCALLD;
    n = *ip++;
calld: {
    /* module, name below the n args */
    bool tail = dtail;
    Term mod = sp[n + 1], name = sp[n];
    if (!is_atom(mod) || !is_atom(name)) {
        /* :erlang.apply/3's error, which Elixir 1.14 shows for v.f() */
        bif_raise_msg(p, "ArgumentError", "errors were found at the given arguments:\n\n%s%s",
                      is_atom(mod) ? "" : "  * 1st argument: not an atom\n",
                      is_atom(name) ? "" : "  * 2nd argument: not an atom\n");
        goto take_raise;
    }
    for (uint32_t i = n; i-- > 0;)
        sp[i + 2] = sp[i];
    sp += 2;
    callee = vm_find_fn(mod, name, n);
    freev = NULL;
    nfree = 0;
    if (callee == NULL) {
        const BifDef *b = vm_find_bif(mod, name, n);
        if (b == NULL) {
            vm_undef(p, mod, name, n);
            goto take_raise;
        }
        for (uint32_t i = 0; i < n; i++)
            argv[i] = sp[n - 1 - i];
        Term r = b->fn(p, argv);
        if (r == NONE)
            goto take_raise;
        sp += n;
        PUSH(r);
        if (tail)
            goto L_RET;
        NEXT();
    }
    if (tail)
        goto tail_enter;
    rfn = (uintptr_t)fn;
    rpc = (uintptr_t)ip;
    rfp = (uint64_t)(h->end - fp);
    goto enter;
}
L_CALLF:
L_TCALLF:
    dtail = ip[-1] == OPC_TCALLF;
    n = *ip++;
callf: {
    bool tail = dtail;
    Term f = sp[n];
    if (is_boxed_kind(f, HDR_EXPORT)) {
        Term *e = boxed_ptr(f);
        if (small_val(e[3]) != (int64_t)n) {
            vm_badarity(p, f, n, sp);
            goto take_raise;
        }
        Term mod = e[1], name = e[2];
        for (uint32_t i = 0; i < n; i++)
            sp[n - i] = sp[n - 1 - i];
        sp++;
        callee = vm_find_fn(mod, name, n);
        freev = NULL;
        nfree = 0;
        if (callee == NULL) {
            const BifDef *b = vm_find_bif(mod, name, n);
            if (b == NULL) {
                vm_undef(p, mod, name, n);
                goto take_raise;
            }
            for (uint32_t i = 0; i < n; i++)
                argv[i] = sp[n - 1 - i];
            Term r = b->fn(p, argv);
            if (r == NONE)
                goto take_raise;
            sp += n;
            PUSH(r);
            if (tail)
                goto L_RET;
            NEXT();
        }
    } else if (is_boxed_kind(f, HDR_FUN)) {
        callee = (Fn *)(uintptr_t)boxed_ptr(f)[1];
        if (callee->arity != n) {
            vm_badarity(p, f, n, sp);
            goto take_raise;
        }
        /* Drop the fun from under the arguments; its free values are
         * copied into the frame before anything can move it. */
        for (uint32_t i = 0; i < n; i++)
            sp[n - i] = sp[n - 1 - i];
        sp++;
        nfree = callee->nfree;
        freev = boxed_ptr(f) + 2;
        if (frame_need(callee, n) + nfree > (size_t)(sp - h->htop)) {
            /* Make room first with the fun kept as a root on the stack. */
            PUSH(f);
            h->stop = sp;
            if (SAFE_GC(frame_need(callee, n) + nfree + 8) != 0)
                goto heap_fail;
            f = POP();
            freev = boxed_ptr(f) + 2;
        }
    } else {
        vm_badfun(p, f);
        goto take_raise;
    }
    if (tail)
        goto tail_enter;
    rfn = (uintptr_t)fn;
    rpc = (uintptr_t)ip;
    rfp = (uint64_t)(h->end - fp);
    goto enter;
}
L_BIF: {
    const BifDef *b = fn->bifs[*ip++];
    n = *ip++;
    for (uint32_t i = 0; i < n; i++)
        argv[i] = sp[n - 1 - i];
    Term r = b->fn(p, argv);
    if (r == NONE)
        goto take_raise;
    sp += n;
    PUSH(r);
    NEXT();
}
L_GBIF: {
    const BifDef *b = fn->bifs[*ip++];
    n = *ip++;
    uint32_t l = *ip++;
    for (uint32_t i = 0; i < n; i++)
        argv[i] = sp[n - 1 - i];
    Term r = b->fn(p, argv);
    sp += n;
    if (r == NONE) {
        bif_take_exception(&cls, &reason);
        ip = fn->code + l;
        NEXT();
    }
    PUSH(r);
    NEXT();
}
L_MKFUN: {
    Fn *lf = fn->mod->fns[*ip++];
    n = *ip++;
    Term *hp = heap_alloc(h, 2 + n);
    if (hp == NULL)
        goto heap_fail;
    hp[0] = make_header(HDR_FUN, 1 + n);
    hp[1] = (Term)(uintptr_t)lf;
    for (uint32_t i = 0; i < n; i++)
        hp[2 + i] = sp[n - 1 - i];
    sp += n;
    PUSH(make_boxed(hp));
    NEXT();
}
L_MKEXPORT: {
    Term *hp = heap_alloc(h, 4);
    if (hp == NULL)
        goto heap_fail;
    hp[0] = make_header(HDR_EXPORT, 3);
    hp[1] = sp[2];
    hp[2] = sp[1];
    hp[3] = sp[0];
    sp += 2;
    sp[0] = make_boxed(hp);
    NEXT();
}
L_RET_S:
    PUSH(SLOT(*ip));
    goto L_RET;
L_RET: {
    Term r = sp[0];
    Term *ri = fp - fn->nlocals;
    Fn *caller = (Fn *)(uintptr_t)cp_val(ri[-1]);
    const uint32_t *rip = (const uint32_t *)(uintptr_t)cp_val(ri[-2]);
    uint64_t off = cp_val(ri[-3]);
    sp = fp - 1;
    sp[0] = r;
    if (caller == NULL) {
        /* Returned from the bootstrap frame: cannot happen (HALT). */
        goto halt;
    }
    fn = caller;
    fp = h->end - off;
    ip = rip;
    OPLIMIT_AGAIN();
    JIT_GO();
}
L_DROPTO:
    sp = fp - fn->nlocals - 3 - *ip++;
    NEXT();

    /* ---- matching ----------------------------------------------------- */
L_M_EQ: {
    uint32_t l = *ip++;
    bool eq = term_eq_exact(sp[1], sp[0]);
    sp += 2;
    if (!eq)
        ip = fn->code + l;
    NEXT();
}
L_M_LIT: {
    Term k = fn->lits[*ip++];
    uint32_t l = *ip++;
    Term t = POP();
    if (!same_term(t, k))
        ip = fn->code + l;
    NEXT();
}
L_M_SLIT: {
    Term t = SLOT(ip[0]), k = fn->lits[ip[1]];
    uint32_t l = ip[2];
    ip += 3;
    if (!same_term(t, k))
        ip = fn->code + l;
    NEXT();
}
L_M_SCONS: {
    Term t = SLOT(ip[0]);
    if (!is_cons(t)) {
        ip = fn->code + ip[1];
        NEXT();
    }
    SLOT(ip[2]) = list_head(t);
    SLOT(ip[3]) = list_tail(t);
    ip += 4;
    NEXT();
}
L_M_SNIL:
    ip = SLOT(ip[0]) == NIL ? ip + 2 : fn->code + ip[1];
    NEXT();
L_M_TUPLE: {
    n = *ip++;
    uint32_t l = *ip++;
    Term t = POP();
    if (!is_tuple(t) || tuple_size(t) != n) {
        ip = fn->code + l;
        NEXT();
    }
    for (uint32_t i = n; i-- > 0;)
        PUSH(tuple_get(t, i));
    NEXT();
}
L_M_CONS: {
    uint32_t l = *ip++;
    Term t = POP();
    if (!is_cons(t)) {
        ip = fn->code + l;
        NEXT();
    }
    PUSH(list_tail(t));
    PUSH(list_head(t));
    NEXT();
}
L_M_NIL: {
    uint32_t l = *ip++;
    if (POP() != NIL)
        ip = fn->code + l;
    NEXT();
}
L_M_MAP: {
    uint32_t l = *ip++;
    if (!is_map(sp[0])) {
        sp++;
        ip = fn->code + l;
    }
    NEXT();
}
L_M_KEY: {
    Term k = fn->lits[*ip++];
    uint32_t l = *ip++;
    Term v = map_get(sp[0], k);
    if (v == NONE) {
        ip = fn->code + l;
        NEXT();
    }
    PUSH(v);
    NEXT();
}
L_M_KEYV: {
    uint32_t l = *ip++;
    Term k = POP();
    Term v = map_get(sp[0], k);
    if (v == NONE) {
        ip = fn->code + l;
        NEXT();
    }
    PUSH(v);
    NEXT();
}
L_M_PREFIX: {
    Term k = fn->lits[*ip++];
    uint32_t l = *ip++;
    Term t = POP();
    const uint8_t *a, *b;
    size_t alen, blen;
    if (!bin_bytes(t, &a, &alen) || !bin_bytes(k, &b, &blen) || alen < blen ||
        memcmp(a, b, blen) != 0) {
        ip = fn->code + l;
        NEXT();
    }
    Term rest = bin_sub(h, t, blen * 8, (alen - blen) * 8);
    if (rest == NONE)
        goto heap_fail;
    PUSH(rest);
    NEXT();
}
L_M_LIST: {
    n = *ip++;
    uint32_t l = *ip++;
    Term t = POP();
    while (is_cons(t))
        t = list_tail(t);
    if (t != NIL)
        ip = fn->code + l;
    NEXT();
}
L_M_BSTART: {
    uint32_t l = *ip++;
    if (!is_bitstring(sp[0])) {
        sp++;
        ip = fn->code + l;
        NEXT();
    }
    PUSH(make_small(0));
    NEXT();
}
L_M_BGET: {
    Term seg = fn->lits[*ip++];
    uint32_t dyn = *ip++;
    uint32_t l = *ip++;
    Term size = dyn ? POP() : NONE;
    size_t off = (size_t)small_val(sp[0]);
    Term v = vm_bits_get(p, seg, sp[1], size, &off);
    if (v == NONE) {
        ip = fn->code + l;
        NEXT();
    }
    sp[0] = make_small((int64_t)off);
    PUSH(v);
    NEXT();
}
L_M_BEND: {
    uint32_t l = *ip++;
    const uint8_t *b;
    size_t boff, nbits;
    bin_bits(sp[1], &b, &boff, &nbits);
    bool end = (size_t)small_val(sp[0]) == nbits;
    sp += 2;
    if (!end)
        ip = fn->code + l;
    NEXT();
}

    /* ---- exceptions --------------------------------------------------- */
L_TRY: {
    uint32_t l = *ip++;
    PUSH(cp_make((uint64_t)(h->end - fp)));
    PUSH(cp_make((uintptr_t)fn));
    PUSH(cp_catch(l));
    NEXT();
}
L_TRY_END: {
    Term r = sp[0];
    sp += 3;
    sp[0] = r;
    NEXT();
}
L_RAISE: {
    unsigned kind = *ip++;
    vm_fail(p, kind, sp[0]);
    if (kind == VF_FUNCLAUSE)
        fc_trace = vm_fclause_trace(p, fn, (uint32_t)(ip - fn->code), fp);
    goto take_raise;
}
L_RERAISE: {
    Term trace = sp[0];
    reason = sp[1];
    cls = sp[2];
    sp += 3;
    goto raise_with_trace_t;
raise_with_trace_t:
    (void)trace;
    goto unwind_keep;
}

    /* ---- receive ------------------------------------------------------ */
L_RECV: {
    uint32_t l = *ip++;
    Msg *m = mbox_peek(&p->mbox);
    if (m == NULL) {
        ip = fn->code + l;
        NEXT();
    }
    PUSH(m->term);
    NEXT();
}
L_RECV_NEXT:
    mbox_next(&p->mbox);
    NEXT();
L_RECV_TAKE:
    mbox_take(&p->mbox, h);
    mbox_reset(&p->mbox);
    timer_cancel_receive(p);
    p->flags &= (uint8_t)~PF_TIMED_OUT;
    NEXT();
L_RECV_WAIT:
    vm->pc = *ip;
    goto wait;
L_RECV_TMO: {
    uint32_t lrecv = *ip++, lto = *ip++;
    Term ms = POP();
    if (p->flags & PF_TIMED_OUT) {
        p->flags &= (uint8_t)~PF_TIMED_OUT;
        mbox_reset(&p->mbox);
        ip = fn->code + lto;
        NEXT();
    }
    if (ms != A(infinity)) {
        if (!is_small(ms) || small_val(ms) < 0) {
            bif_error(p, atom_from_cstr("timeout_value")); /* OTP's error for it */
            goto take_raise;
        }
        if (small_val(ms) == 0) {
            /* Messages still in the inbox count as already there: let
             * run_vm drain them and scan again before timing out. */
            Msg *in = atomic_load_explicit(&p->mbox.inbox, memory_order_acquire);
            if (in != NULL && in != MBOX_WAITING) {
                vm->pc = lrecv;
                goto wait;
            }
            mbox_reset(&p->mbox);
            ip = fn->code + lto;
            NEXT();
        }
        if (!(p->flags & PF_HAS_TIMER) && timer_arm_receive(p, (uint64_t)small_val(ms)) != 0)
            goto heap_fail;
    }
    vm->pc = lrecv;
    goto wait;
}

    /* ---- construction helpers ------------------------------------------ */
L_BS_BUILD: {
    Term spec = fn->lits[*ip++];
    n = *ip++;
    Term r = vm_bits_build(p, spec, sp, n);
    if (r == NONE)
        goto take_raise;
    sp += n;
    PUSH(r);
    NEXT();
}
L_INTERP: {
    n = *ip++;
    Term r = vm_concat_rev(p, sp, n);
    if (r == NONE)
        goto take_raise;
    sp += n;
    PUSH(r);
    NEXT();
}
L_TO_STR: {
    if (is_binary(sp[0]))
        NEXT();
    Term r = vm_to_string(p, sp[0]);
    if (r == NONE)
        goto take_raise;
    sp[0] = r;
    NEXT();
}
L_DOT: {
    Term x = sp[1], name = sp[0];
    if (is_map(x)) {
        Term v = map_get(x, name);
        if (v == NONE) {
            vm_badkey(p, name, x);
            goto take_raise;
        }
        sp++;
        sp[0] = v;
        NEXT();
    }
    if (!is_atom(x)) {
        vm_badkey(p, name, x);
        goto take_raise;
    }
    dtail = false;
    n = 0;
    goto calld;
}
L_APPLYL: {
    uint32_t k = *ip++;
    Term list = sp[0];
    long len = 0;
    for (Term t = list; is_cons(t); t = list_tail(t))
        len++;
    if (!is_list(list) || len > 255 || (len > 0 && !is_nil(({
        Term t = list;
        while (is_cons(t))
            t = list_tail(t);
        t;
    })))) {
        bif_error(p, A(badarg));
        goto take_raise;
    }
    if ((size_t)(sp - h->htop) < (size_t)len + 16) {
        h->stop = sp;
        if (SAFE_GC((size_t)len + 16) != 0)
            goto heap_fail;
        list = sp[0];
    }
    sp++;
    for (Term t = list; is_cons(t); t = list_tail(t))
        PUSH(list_head(t));
    n = (uint32_t)len;
    dtail = false;
    if (k == 1)
        goto calld;
    goto callf;
}
L_RECV_START:
    mbox_reset(&p->mbox);
    NEXT();
L_LOADMOD: {
    Module *m = (Module *)(uintptr_t)fn->lits[*ip++];
    code_install(m);
    Term *hp = heap_alloc(h, 5);
    if (hp == NULL)
        goto heap_fail;
    /* {:module, Name, <<>>, nil}: what defmodule returns */
    hp[0] = make_header(HDR_TUPLE, 4);
    hp[1] = atom_from_cstr("module");
    hp[2] = m->name;
    hp[3] = A(nil);
    hp[4] = A(nil);
    PUSH(make_boxed(hp));
    NEXT();
}
L_HALT:
halt:
    h->stop = sp;
    p->exit_reason = A(normal);
    return VM_EXIT;

    /* ---- the call sequence -------------------------------------------- */
tail_enter : {
    /* Reuse this frame: keep its return info, move the arguments up. */
    uint64_t ri[3];
    sp = vm_tail_move(fn, fp, sp, n, ri);
    rfn = ri[0];
    rpc = ri[1];
    rfp = ri[2];
}
enter: {
    /* Arguments are at sp[n-1] (first) .. sp[0]; the frame starts above
     * the first argument. A closure's free values go last, after the
     * variables (comp.c numbers them so); CALLF made room for them. */
    fp = sp + n;
    if (freev == NULL && ((size_t)(sp - h->htop) < callee->frame_words || GC_DUE())) {
        if (SAFE_GC(frame_need(callee, n)) != 0)
            goto heap_fail;
    }
    for (uint32_t i = n + nfree; i < callee->nlocals; i++)
        PUSH(NIL);
    for (uint32_t i = 0; i < nfree; i++)
        PUSH(freev[i]);
    PUSH(cp_make(rfn));
    PUSH(cp_make(rpc));
    PUSH(cp_make(rfp));
    fn = callee;
    ip = fn->code;
    OPLIMIT();
    SPEND_RED();
    JIT_GO();
}

    /* ---- native code (jit.h) ------------------------------------------ */
jit_go: {
    /* Native code returned into a frame whose limit is now under htop
     * (OPLIMIT_AGAIN's case): vm.c collects. */
    if (h->stop < h->htop) {
        if (SAFE_GC((size_t)fn->max_stack + 8) != 0)
            goto heap_fail;
        OPLIMIT();
    }
    JitCode *jc = atomic_load_explicit(&fn->jit, memory_order_acquire);
    if (jc == NULL)
        jc = jit_compile(fn);
    uint32_t o = jc != JIT_NONE ? jc->off[ip - fn->code] : JIT_NOOFF;
    if (o == JIT_NOOFF)
        NEXT();
    st.sp = sp;
    st.fp = fp;
    st.fn = fn;
    int rc = jit_run(&st, jc->entry + o);
    sp = st.sp;
    fp = st.fp;
    fn = st.fn;
    ip = st.ip;
    switch (rc) {
    case JIT_YIELD:
        goto yield_here;
    case JIT_RAISE:
        goto take_raise;
    case JIT_ENTER:
        goto jit_go;
    default:
        NEXT();
    }
}

yield_here:
    p->reds_left = 0;
    vm->fn = fn;
    vm->pc = (uint32_t)(ip - fn->code);
    vm->fp_off = (uint32_t)(h->end - fp);
    h->stop = sp;
    return VM_YIELD;

wait:
    vm->fn = fn;
    vm->fp_off = (uint32_t)(h->end - fp);
    h->stop = sp;
    return VM_WAIT;

heap_fail:
    h->stop = sp;
    p->exit_reason = make_small(0);
    {
        Term *hp = heap_alloc(h, 3);
        p->exit_reason = A(system_limit);
        if (hp != NULL) {
            hp[0] = make_header(HDR_TUPLE, 2);
            hp[1] = A(max_heap_size);
            hp[2] = make_small((int64_t)heap_used_words(h));
            p->exit_reason = make_boxed(hp);
        }
    }
    return VM_EXIT;

take_raise:
    if (!bif_take_exception(&cls, &reason)) {
        cls = A(error);
        reason = A(badarg);
    }
unwind_keep: {
    Term trace = fc_trace != NONE ? fc_trace : vm_build_trace(p, fn, (uint32_t)(ip - fn->code), fp);
    fc_trace = NONE;
    for (Term *w = sp; w < h->end; w++) {
        if (!cp_is_catch(*w))
            continue;
        uint32_t l = (uint32_t)cp_val(w[0]);
        fn = (Fn *)(uintptr_t)cp_val(w[1]);
        fp = h->end - cp_val(w[2]);
        sp = w + 3;
        PUSH(cls);
        PUSH(reason);
        PUSH(trace);
        ip = fn->code + l;
        OPLIMIT_AGAIN();
        NEXT();
    }
    h->stop = sp;
    vm_report_crash(p, cls, reason, trace);
    p->exit_reason = vm_exit_reason(p, cls, reason, trace);
    return VM_EXIT;
}
}
