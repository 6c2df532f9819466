/* vm_opt.c — a peephole pass over a function's finished code (vm.h).
 *
 * The compiler emits simple stack code: every clause copies its arguments
 * into fresh slots, every guard runs inside a catch marker, and `n - 1`
 * is three instructions. This pass decodes the code into a list, removes
 * what provably does nothing, fuses common sequences into the
 * superinstructions at the end of op.def, and encodes the list again in
 * place, remapping every label and the line table.
 *
 * Invariant kept by every rewrite: at each surviving instruction the
 * operand stack holds the same values as before (guards that lost their
 * marker only run shallower), and no fused sequence has a label pointing
 * inside it. Anything the pass does not understand (an unknown opcode, a
 * label off an instruction boundary) leaves the code as it was.
 */
#include <string.h>

#include "mem.h"
#include "vm_int.h"

typedef struct Ins {
    uint32_t op;
    uint32_t a[4];   /* operands; labels are instruction indices here    */
    uint32_t ntgt;   /* labels of live instructions pointing here         */
    uint8_t dead;
} Ins;

typedef struct Opt {
    Ins *ins;
    uint32_t n;
    uint32_t nslots; /* one past the highest slot named                  */
} Opt;

/* Bit i set: operand i of the opcode is a label (op.def's L operands). */
static const uint8_t label_bits[OPC_COUNT] = {
    [OPC_JUMP] = 1, [OPC_JTRUE] = 1, [OPC_JFALSE] = 1, [OPC_JFALSY] = 1, [OPC_JTRUTHY] = 1,
    [OPC_M_EQ] = 1, [OPC_M_CONS] = 1, [OPC_M_NIL] = 1, [OPC_M_MAP] = 1, [OPC_M_KEYV] = 1,
    [OPC_M_BSTART] = 1, [OPC_M_BEND] = 1, [OPC_TRY] = 1, [OPC_RECV] = 1, [OPC_RECV_WAIT] = 1,
    [OPC_M_LIT] = 2, [OPC_M_TUPLE] = 2, [OPC_M_KEY] = 2, [OPC_M_PREFIX] = 2, [OPC_M_LIST] = 2,
    [OPC_JCMP] = 2, [OPC_GBIF] = 4, [OPC_M_BGET] = 4, [OPC_M_SLIT] = 4, [OPC_RECV_TMO] = 3,
    [OPC_JCMP_SK] = 8, [OPC_M_SCONS] = 2, [OPC_M_SNIL] = 2,
};

static inline unsigned label_mask(uint32_t op) { return label_bits[op]; }

/* Whether execution can go on to the next instruction. */
static bool falls_through(uint32_t op)
{
    switch (op) {
    case OPC_JUMP: case OPC_RET: case OPC_RET_S: case OPC_TCALL: case OPC_TCALLR:
    case OPC_TCALLF: case OPC_TCALLD: case OPC_RAISE: case OPC_RERAISE: case OPC_HALT:
    case OPC_RECV_WAIT: case OPC_RECV_TMO:
        return false;
    default:
        return true;
    }
}

/* Decodes code into o. False when it is not code this pass understands. */
static bool decode(Opt *o, const uint32_t *code, uint32_t ncode, uint32_t *idx_of)
{
    o->n = 0;
    o->nslots = 0;
    for (uint32_t pc = 0; pc < ncode; pc++)
        idx_of[pc] = UINT32_MAX;
    for (uint32_t pc = 0; pc < ncode;) {
        uint32_t op = code[pc];
        if (op >= OPC_COUNT || pc + 1 + vm_op_words[op] > ncode)
            return false;
        Ins *in = &o->ins[o->n];
        memset(in, 0, sizeof *in);
        in->op = op;
        for (uint32_t i = 0; i < vm_op_words[op]; i++)
            in->a[i] = code[pc + 1 + i];
        if ((op == OPC_LOAD || op == OPC_STORE) && in->a[0] + 1 > o->nslots)
            o->nslots = in->a[0] + 1;
        idx_of[pc] = o->n++;
        pc += 1 + vm_op_words[op];
    }
    for (uint32_t i = 0; i < o->n; i++) {
        unsigned m = label_mask(o->ins[i].op);
        for (uint32_t k = 0; m != 0; k++, m >>= 1) {
            if (!(m & 1))
                continue;
            uint32_t l = o->ins[i].a[k];
            if (l >= ncode || idx_of[l] == UINT32_MAX)
                return false;
            o->ins[i].a[k] = idx_of[l];
        }
    }
    return true;
}

/* The first live instruction at or after i (o->n when none). */
static uint32_t live_from(const Opt *o, uint32_t i)
{
    while (i < o->n && o->ins[i].dead)
        i++;
    return i;
}

/* Recounts the labels pointing at each instruction, from live ones. */
static void count_targets(Opt *o)
{
    for (uint32_t i = 0; i < o->n; i++)
        o->ins[i].ntgt = 0;
    for (uint32_t i = 0; i < o->n; i++) {
        if (o->ins[i].dead)
            continue;
        unsigned m = label_mask(o->ins[i].op);
        for (uint32_t k = 0; m != 0; k++, m >>= 1)
            if (m & 1) {
                uint32_t t = live_from(o, o->ins[i].a[k]);
                o->ins[i].a[k] = t;
                if (t < o->n)
                    o->ins[t].ntgt++;
            }
    }
}

/* A clause binding an argument to a variable emits LOAD a; STORE b. When
 * slot a is never stored (an argument or a captured value) and b is
 * stored only there, b always equals a: drop the copy and read a. */
static void alias_arguments(Opt *o)
{
    uint32_t ns = o->nslots;
    if (ns == 0)
        return;
    uint32_t *stores = mem_alloc(MEM_SYSTEM, ns * 2 * sizeof *stores);
    if (stores == NULL)
        return;
    uint32_t *alias = stores + ns;
    memset(stores, 0, ns * 2 * sizeof *stores);
    for (uint32_t i = 0; i < o->n; i++)
        if (o->ins[i].op == OPC_STORE)
            stores[o->ins[i].a[0]]++;
    for (uint32_t s = 0; s < ns; s++)
        alias[s] = s;
    for (uint32_t i = 0; i + 1 < o->n; i++) {
        Ins *ld = &o->ins[i], *st = &o->ins[i + 1];
        if (ld->op != OPC_LOAD || st->op != OPC_STORE || st->ntgt != 0)
            continue;
        uint32_t a = ld->a[0], b = st->a[0];
        if (a == b || stores[a] != 0 || stores[b] != 1)
            continue;
        alias[b] = a;
        ld->dead = st->dead = 1;
    }
    for (uint32_t i = 0; i < o->n; i++)
        if (o->ins[i].op == OPC_LOAD)
            o->ins[i].a[0] = alias[o->ins[i].a[0]];
    mem_free(MEM_SYSTEM, stores, ns * 2 * sizeof *stores);
}

/* Whether the instruction before i (in code order) leaves a boolean on
 * top of the stack: CMP, or a CHKBOOL that stays. */
static bool pushes_bool(const Opt *o, uint32_t i)
{
    while (i > 0 && o->ins[i - 1].dead && o->ins[i - 1].op == OPC_CHKBOOL)
        i--; /* dropped: it had a boolean below it */
    return i > 0 && !o->ins[i - 1].dead &&
           (o->ins[i - 1].op == OPC_CMP || o->ins[i - 1].op == OPC_CHKBOOL);
}

/* CMP always pushes a boolean, so a CHKBOOL checks nothing when it is
 * reached only from a CMP before it and from `and`/`or` short cuts
 * (DUP; JFALSE/JTRUE to it) taken on such a boolean. Drops those. */
static void drop_chkbool_after_cmp(Opt *o)
{
    for (uint32_t c = 1; c < o->n; c++) {
        if (o->ins[c].op != OPC_CHKBOOL || !pushes_bool(o, c))
            continue;
        uint32_t seen = 0;
        bool ok = true;
        for (uint32_t j = 2; j < o->n && ok && seen < o->ins[c].ntgt; j++) {
            unsigned m = label_mask(o->ins[j].op);
            for (uint32_t k = 0; m != 0; k++, m >>= 1)
                if ((m & 1) && o->ins[j].a[k] == c) {
                    seen++;
                    ok = ok && (o->ins[j].op == OPC_JFALSE || o->ins[j].op == OPC_JTRUE) &&
                         o->ins[j - 1].op == OPC_DUP && pushes_bool(o, j - 1);
                }
        }
        if (ok && seen == o->ins[c].ntgt)
            o->ins[c].dead = 1;
    }
}

/* Operations that can neither raise nor leave the guard's region. */
static bool guard_safe(uint32_t op)
{
    switch (op) {
    case OPC_LOAD: case OPC_LIT: case OPC_NIL: case OPC_CMP: case OPC_DUP: case OPC_POP:
    case OPC_SWAP: case OPC_JUMP: case OPC_JTRUE: case OPC_JFALSE: case OPC_JFALSY:
    case OPC_JTRUTHY: case OPC_BANG: case OPC_NOP:
        return true;
    default:
        return false;
    }
}

/* Whether the guard between TRY at t and TRY_END at e needs its marker:
 * yes unless every instruction is guard_safe (the caller checked), its
 * jumps stay inside (t, e], and every label pointing inside comes from
 * inside (the labels there add up to the targets' counts). */
static bool guard_needs_marker(const Opt *o, uint32_t t, uint32_t e)
{
    uint32_t inner = 0, targets = 0;
    for (uint32_t i = t + 1; i <= e; i++) {
        const Ins *in = &o->ins[i];
        targets += in->ntgt;
        if (in->dead)
            continue;
        unsigned m = label_mask(in->op);
        for (uint32_t k = 0; m != 0; k++, m >>= 1) {
            if (!(m & 1))
                continue;
            uint32_t l = in->a[k];
            if (l <= t || l > e)
                return true;
            inner++;
        }
    }
    return inner != targets;
}

/* A guard that cannot raise needs no catch marker: drop TRY/TRY_END. The
 * handler (DROPTO; JUMP fail) becomes unreachable. */
static void drop_safe_guard_markers(Opt *o)
{
    for (uint32_t t = 0; t < o->n; t++) {
        if (o->ins[t].dead || o->ins[t].op != OPC_TRY)
            continue;
        uint32_t e = t + 1;
        while (e < o->n && (o->ins[e].dead || guard_safe(o->ins[e].op)))
            e++;
        if (e >= o->n || o->ins[e].op != OPC_TRY_END)
            continue;
        if (guard_needs_marker(o, t, e))
            continue;
        o->ins[t].dead = o->ins[e].dead = 1;
        uint32_t h = live_from(o, o->ins[t].a[0]);
        if (h < o->n)
            o->ins[h].ntgt--;
    }
}

/* Marks what no path from the entry reaches as dead. */
static void drop_unreachable(Opt *o, uint8_t *seen, uint32_t *work)
{
    memset(seen, 0, o->n);
    uint32_t nw = 0;
    uint32_t first = live_from(o, 0);
    if (first < o->n) {
        seen[first] = 1;
        work[nw++] = first;
    }
    while (nw > 0) {
        uint32_t i = work[--nw];
        const Ins *in = &o->ins[i];
        uint32_t next[5], nn = 0;
        if (falls_through(in->op))
            next[nn++] = live_from(o, i + 1);
        unsigned m = label_mask(in->op);
        for (uint32_t k = 0; m != 0; k++, m >>= 1)
            if (m & 1)
                next[nn++] = live_from(o, in->a[k]);
        for (uint32_t j = 0; j < nn; j++)
            if (next[j] < o->n && !seen[next[j]]) {
                seen[next[j]] = 1;
                work[nw++] = next[j];
            }
    }
    for (uint32_t i = 0; i < o->n; i++)
        if (!seen[i])
            o->ins[i].dead = 1;
}

/* JUMP to a JUMP goes to the final target; JUMP to RET is a RET; JUMP to
 * the next instruction is nothing. Conditional jumps are threaded too. */
static void thread_jumps(Opt *o)
{
    for (uint32_t i = 0; i < o->n; i++) {
        Ins *in = &o->ins[i];
        if (in->dead)
            continue;
        bool cond = in->op == OPC_JTRUE || in->op == OPC_JFALSE || in->op == OPC_JFALSY ||
                    in->op == OPC_JTRUTHY;
        if (in->op != OPC_JUMP && !cond)
            continue;
        /* Only through forward JUMPs: a backward one charges a
         * reduction, and a conditional jump never does. */
        uint32_t t = live_from(o, in->a[0]);
        for (int hops = 0; hops < 8 && t < o->n && o->ins[t].op == OPC_JUMP &&
                           live_from(o, o->ins[t].a[0]) > t;
             hops++)
            t = live_from(o, o->ins[t].a[0]);
        in->a[0] = t;
        if (in->op == OPC_JUMP && t < o->n && o->ins[t].op == OPC_RET)
            in->op = OPC_RET;
        else if (in->op == OPC_JUMP && t == live_from(o, i + 1))
            in->dead = 1;
    }
}

/* Renumbers the variable slots [nargs, *nslots) that live code still
 * names (aliasing leaves some unused) so they are dense, and moves the
 * captured values' slots (from *nslots on) down behind them: a call then
 * fills fewer slots. Updates *nslots. */
static void compact_slots(Opt *o, uint32_t nargs, uint32_t *nslots)
{
    uint32_t ns = o->nslots > *nslots ? o->nslots : *nslots;
    if (ns == 0 || nargs > *nslots)
        return;
    uint32_t *map = mem_alloc(MEM_SYSTEM, ns * sizeof *map);
    if (map == NULL)
        return;
    for (uint32_t s = 0; s < ns; s++)
        map[s] = 0;
    for (uint32_t i = 0; i < o->n; i++)
        if (!o->ins[i].dead && (o->ins[i].op == OPC_LOAD || o->ins[i].op == OPC_STORE))
            map[o->ins[i].a[0]] = 1;
    uint32_t next = nargs;
    for (uint32_t s = 0; s < ns; s++) {
        if (s < nargs)
            map[s] = s;
        else if (s < *nslots)
            map[s] = map[s] ? next++ : UINT32_MAX;
    }
    for (uint32_t s = *nslots; s < ns; s++)
        map[s] = next + (s - *nslots);
    for (uint32_t i = 0; i < o->n; i++)
        if (!o->ins[i].dead && (o->ins[i].op == OPC_LOAD || o->ins[i].op == OPC_STORE))
            o->ins[i].a[0] = map[o->ins[i].a[0]];
    *nslots = next;
    mem_free(MEM_SYSTEM, map, ns * sizeof *map);
}

/* The next live instruction after i, if no label points at it; else n. */
static uint32_t next_plain(const Opt *o, uint32_t i)
{
    uint32_t j = live_from(o, i + 1);
    return j < o->n && o->ins[j].ntgt == 0 ? j : o->n;
}

static bool is_op(const Opt *o, uint32_t i, uint32_t op)
{
    return i < o->n && o->ins[i].op == op;
}

/* Fuses the sequence at i into one superinstruction when it is one of
 * op.def's; the fused instruction takes i's place. */
static void fuse_at(Opt *o, uint32_t i)
{
    Ins *in = &o->ins[i];
    uint32_t j = next_plain(o, i), k = j < o->n ? next_plain(o, j) : o->n;
    uint32_t m = k < o->n ? next_plain(o, k) : o->n;
    if (in->op == OPC_LOAD && is_op(o, j, OPC_LIT) && is_op(o, k, OPC_CMP) &&
        is_op(o, m, OPC_JFALSE)) {
        uint32_t s = in->a[0], lit = o->ins[j].a[0];
        *in = (Ins){.op = OPC_JCMP_SK, .a = {o->ins[k].a[0], s, lit, o->ins[m].a[0]}};
        o->ins[j].dead = o->ins[k].dead = o->ins[m].dead = 1;
    } else if (in->op == OPC_LOAD && is_op(o, j, OPC_LIT) && is_op(o, k, OPC_ARITH)) {
        uint32_t s = in->a[0], lit = o->ins[j].a[0];
        *in = (Ins){.op = OPC_ARITH_SK, .a = {o->ins[k].a[0], s, lit}};
        o->ins[j].dead = o->ins[k].dead = 1;
    } else if (in->op == OPC_LOAD && is_op(o, j, OPC_M_CONS) && is_op(o, k, OPC_STORE) &&
               is_op(o, m, OPC_STORE)) {
        uint32_t s = in->a[0];
        *in = (Ins){.op = OPC_M_SCONS,
                    .a = {s, o->ins[j].a[0], o->ins[k].a[0], o->ins[m].a[0]}};
        o->ins[j].dead = o->ins[k].dead = o->ins[m].dead = 1;
    } else if (in->op == OPC_LOAD && is_op(o, j, OPC_M_NIL)) {
        uint32_t s = in->a[0];
        *in = (Ins){.op = OPC_M_SNIL, .a = {s, o->ins[j].a[0]}};
        o->ins[j].dead = 1;
    } else if (in->op == OPC_LOAD && is_op(o, j, OPC_POP)) {
        in->dead = o->ins[j].dead = 1; /* an unused argument `_x` */
    } else if (in->op == OPC_LOAD && is_op(o, j, OPC_RET)) {
        uint32_t s = in->a[0];
        *in = (Ins){.op = OPC_RET_S, .a = {s}};
        o->ins[j].dead = 1;
    } else if (in->op == OPC_LOAD && is_op(o, j, OPC_M_LIT)) {
        uint32_t s = in->a[0];
        *in = (Ins){.op = OPC_M_SLIT, .a = {s, o->ins[j].a[0], o->ins[j].a[1]}};
        o->ins[j].dead = 1;
    } else if (in->op == OPC_LIT && is_op(o, j, OPC_ARITH)) {
        uint32_t lit = in->a[0];
        *in = (Ins){.op = OPC_ARITH_K, .a = {o->ins[j].a[0], lit}};
        o->ins[j].dead = 1;
    } else if (in->op == OPC_CMP && is_op(o, j, OPC_JFALSE)) {
        uint32_t cmp = in->a[0];
        *in = (Ins){.op = OPC_JCMP, .a = {cmp, o->ins[j].a[0]}};
        o->ins[j].dead = 1;
    } else if (in->op == OPC_LOAD && is_op(o, j, OPC_LOAD)) {
        uint32_t s = in->a[0];
        *in = (Ins){.op = OPC_LOAD2, .a = {s, o->ins[j].a[0]}};
        o->ins[j].dead = 1;
    }
}

/* Operand-stack effect of op when it falls through (*fall) and when it
 * jumps (*jump); false for ops this pass does not track. */
static bool stack_effect(const Ins *in, int *fall, int *jump)
{
    *jump = 0;
    switch (in->op) {
    case OPC_LOAD: case OPC_LIT: case OPC_NIL: case OPC_DUP: case OPC_ARITH_SK:
        *fall = 1;
        break;
    case OPC_LOAD2: *fall = 2; break;
    case OPC_STORE: case OPC_POP: case OPC_ARITH: case OPC_CMP: case OPC_CONS: *fall = -1; break;
    case OPC_ARITH_K: case OPC_NOP: case OPC_SWAP: *fall = 0; break;
    case OPC_M_SLIT: case OPC_M_SNIL: case OPC_M_SCONS: case OPC_JCMP_SK: *fall = 0; break;
    case OPC_JCMP: case OPC_M_EQ: *fall = *jump = -2; break;
    case OPC_M_LIT: case OPC_M_NIL: case OPC_JTRUE: case OPC_JFALSE: case OPC_JFALSY:
    case OPC_JTRUTHY: *fall = *jump = -1; break;
    case OPC_M_CONS: *fall = 1; *jump = -1; break;
    case OPC_TUPLE: *fall = 1 - (int)in->a[0]; break;
    case OPC_CALL: *fall = 1 - (int)in->a[1]; break;
    case OPC_DROPTO: *fall = 0; break; /* handled by the caller */
    default: return false;
    }
    return true;
}

/* Whether every label pointing at t comes from a jump made at depth d. */
static bool jumps_in_at(const Opt *o, uint32_t t, const int32_t *jdepth, int32_t d)
{
    uint32_t seen = 0;
    for (uint32_t j = 0; j < o->n && seen < o->ins[t].ntgt; j++) {
        if (o->ins[j].dead)
            continue;
        unsigned m = label_mask(o->ins[j].op);
        for (uint32_t k = 0; m != 0; k++, m >>= 1)
            if ((m & 1) && o->ins[j].a[k] == t) {
                if (jdepth[j] != d)
                    return false;
                seen++;
            }
    }
    return seen == o->ins[t].ntgt;
}

#define DEPTH_UNKNOWN (-1)
#define DEPTH_NONE (-2) /* no path falls through to here */

/* A DROPTO d that every path reaches at depth d already does nothing:
 * the common case is a clause's failure label, reached by a match that
 * failed with the operand stack empty. Depths are followed down the code
 * from the entry (depth 0) and from each DROPTO through the ops
 * stack_effect knows; jdepth (n entries) records the depth of each jump
 * (unknown for backward jumps, which are not followed). */
static void drop_idle_droptos(Opt *o, int32_t *jdepth)
{
    for (uint32_t i = 0; i < o->n; i++)
        jdepth[i] = DEPTH_UNKNOWN;
    int32_t d = 0; /* depth on falling into instruction i */
    for (uint32_t i = 0; i < o->n; i++) {
        Ins *in = &o->ins[i];
        if (in->dead)
            continue;
        if (in->op == OPC_DROPTO) {
            int32_t want = (int32_t)in->a[0];
            bool fall_ok = d == want || d == DEPTH_NONE;
            if (fall_ok && (in->ntgt == 0 || jumps_in_at(o, i, jdepth, want)) &&
                !(d == DEPTH_NONE && in->ntgt == 0))
                in->dead = 1;
            d = want;
            continue;
        }
        if (in->ntgt > 0)
            d = DEPTH_UNKNOWN;
        int fall, jump;
        if (d < 0 || !stack_effect(in, &fall, &jump)) {
            d = falls_through(in->op) ? DEPTH_UNKNOWN : DEPTH_NONE;
            continue;
        }
        if (label_mask(in->op) != 0 && d + jump >= 0)
            jdepth[i] = d + jump;
        d = !falls_through(in->op) ? DEPTH_NONE : d + fall >= 0 ? d + fall : DEPTH_UNKNOWN;
    }
}

/* Writes the live instructions back into code; returns the new length.
 * newpc must hold o->n + 1 entries. */
static uint32_t encode(Opt *o, uint32_t *code, uint32_t *newpc)
{
    uint32_t pc = 0;
    for (uint32_t i = 0; i < o->n; i++) {
        newpc[i] = pc;
        if (!o->ins[i].dead)
            pc += 1 + vm_op_words[o->ins[i].op];
    }
    newpc[o->n] = pc;
    /* Dead instructions take the pc of the next live one. */
    for (uint32_t i = o->n; i-- > 0;)
        if (o->ins[i].dead)
            newpc[i] = newpc[i + 1];
    uint32_t w = 0;
    for (uint32_t i = 0; i < o->n; i++) {
        const Ins *in = &o->ins[i];
        if (in->dead)
            continue;
        unsigned m = label_mask(in->op);
        code[w++] = in->op;
        for (uint32_t k = 0; k < vm_op_words[in->op]; k++)
            code[w++] = (m & (1u << k)) ? newpc[in->a[k]] : in->a[k];
    }
    return w;
}

/* Line entries name old pcs: each moves to its instruction's new pc. */
static void remap_lines(uint32_t *lines, uint32_t nlines, const uint32_t *idx_of, uint32_t ncode,
                        const uint32_t *newpc, uint32_t nins)
{
    for (uint32_t i = 0; i < nlines; i++) {
        uint32_t pc = lines[2 * i];
        if (pc >= ncode) {
            lines[2 * i] = newpc[nins];
            continue;
        }
        while (pc > 0 && idx_of[pc] == UINT32_MAX)
            pc--;
        lines[2 * i] = newpc[idx_of[pc]];
    }
}

uint32_t vm_optimize(uint32_t *code, uint32_t ncode, uint32_t *lines, uint32_t nlines,
                     uint32_t nargs, uint32_t *nslots)
{
    if (ncode == 0)
        return ncode;
    size_t n = ncode;
    /* One block: instructions, pc -> index, new pcs, a work list, seen. */
    size_t bytes = n * sizeof(Ins) + n * sizeof(uint32_t) + (n + 1) * sizeof(uint32_t) +
                   n * sizeof(uint32_t) + n;
    uint8_t *block = mem_alloc(MEM_SYSTEM, bytes);
    if (block == NULL)
        return ncode; /* unoptimised code is still correct */
    Opt o = {.ins = (Ins *)block};
    uint32_t *idx_of = (uint32_t *)(block + n * sizeof(Ins));
    uint32_t *newpc = idx_of + n;
    uint32_t *work = newpc + n + 1;
    uint8_t *seen = (uint8_t *)(work + n);
    uint32_t len = ncode;
    if (decode(&o, code, ncode, idx_of)) {
        /* Labels only ever move forward to the next live instruction,
         * so the target counts are recounted only before fusing. */
        count_targets(&o);
        alias_arguments(&o);
        drop_chkbool_after_cmp(&o);
        drop_safe_guard_markers(&o);
        drop_unreachable(&o, seen, work);
        thread_jumps(&o);
        drop_unreachable(&o, seen, work);
        compact_slots(&o, nargs, nslots);
        count_targets(&o);
        for (uint32_t i = 0; i < o.n; i++)
            if (!o.ins[i].dead)
                fuse_at(&o, i);
        count_targets(&o);
        drop_idle_droptos(&o, (int32_t *)work);
        len = encode(&o, code, newpc);
        remap_lines(lines, nlines, idx_of, ncode, newpc, o.n);
    }
    mem_free(MEM_SYSTEM, block, bytes);
    return len;
}
