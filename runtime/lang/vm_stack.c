/* vm_stack.c — a process's VM stack outside the dispatch loop (vm.c):
 * laying a fresh process's stack out on the bootstrap function, freeing
 * its Vm, and walking its frames into a stack trace at a raise. */
#include <pthread.h>

#include "atom.h"
#include "bin.h"
#include "gc.h"
#include "mem.h"
#include "vm_int.h"
#include "where.h"

uint32_t vm_line_of(const Fn *fn, uint32_t pc)
{
    uint32_t line = 0;
    for (uint32_t i = 0; i + 1 < fn->nlines * 2 && fn->lines[i] <= pc; i += 2)
        line = fn->lines[i + 1];
    return line;
}

/* One stack-trace entry {module, name, arity, [line: n]} for fn at pc. */
static Term trace_entry(Heap *h, const Fn *fn, uint32_t pc)
{
    Term *hp = heap_alloc(h, 5 + 3 + 2 + 3 + 2);
    if (hp == NULL)
        return NONE;
    Term *kw = hp + 5, *cell = hp + 8, *fkw = hp + 10, *fcell = hp + 13;
    kw[0] = make_header(HDR_TUPLE, 2);
    kw[1] = atom_from_cstr("line");
    kw[2] = make_small(vm_line_of(fn, pc));
    cell[0] = make_boxed(kw);
    cell[1] = NIL;
    fkw[0] = make_header(HDR_TUPLE, 2);
    fkw[1] = atom_from_cstr("file");
    fkw[2] = fn->mod->file_term;
    fcell[0] = make_boxed(fkw);
    fcell[1] = make_list(cell);
    if (fn->mod->file_term != NONE && fn->mod->file_term != 0)
        cell = fcell;
    hp[0] = make_header(HDR_TUPLE, 4);
    hp[1] = fn->mod != NULL ? fn->mod->name : A(undefined);
    hp[2] = fn->name;
    hp[3] = make_small(fn->is_lambda ? (int64_t)fn->lambda_no : (int64_t)fn->arity);
    hp[4] = make_list(cell);
    return make_boxed(hp);
}

/* The stack trace at a raise: the current function, then up to 15 callers
 * found through the frames' return info. */
Term vm_build_trace(Proc *p, const Fn *fn, uint32_t pc, Term *fp)
{
    Heap *h = &p->heap;
    Term items[16];
    size_t n = 0;
    while (fn != NULL && n < 16) {
        if (fn->mod != NULL && (items[n] = trace_entry(h, fn, pc ? pc - 1 : 0)) != NONE)
            n++;
        Term *ri = fp - fn->nlocals;
        const Fn *caller = (const Fn *)(uintptr_t)cp_val(ri[-1]);
        const uint32_t *rip = (const uint32_t *)(uintptr_t)cp_val(ri[-2]);
        pc = caller != NULL ? (uint32_t)(rip - caller->code) : 0;
        fp = h->end - cp_val(ri[-3]);
        fn = caller;
    }
    Term list = NIL;
    while (n-- > 0) {
        Term *c = heap_alloc(h, 2);
        if (c == NULL)
            break;
        c[0] = items[n];
        c[1] = list;
        list = make_list(c);
    }
    return list;
}

/* The trace of a FunctionClauseError raised by fn itself: as in Erlang,
 * the first entry holds the arguments (found in fn's argument slots)
 * instead of the arity, which Exception.blame shows. */
Term vm_fclause_trace(Proc *p, const Fn *fn, uint32_t pc, Term *fp)
{
    Term trace = vm_build_trace(p, fn, pc, fp);
    if (!is_cons(trace) || fn->mod == NULL || fn->arity > 255)
        return trace;
    Term args = NIL;
    for (uint32_t i = fn->arity; i-- > 0;) {
        Term *c = heap_alloc(&p->heap, 2);
        if (c == NULL)
            return trace;
        c[0] = fp[-1 - (int64_t)i];
        c[1] = args;
        args = make_list(c);
    }
    Term top = list_head(trace);
    Term *hp = heap_alloc(&p->heap, 5 + 2);
    if (hp == NULL)
        return trace;
    hp[0] = make_header(HDR_TUPLE, 4);
    hp[1] = tuple_get(top, 0);
    hp[2] = tuple_get(top, 1);
    hp[3] = args;
    hp[4] = tuple_get(top, 3);
    hp[5] = make_boxed(hp);
    hp[6] = list_tail(trace);
    return make_list(hp + 5);
}

/* The bootstrap function every process starts in: call the fun (or the
 * module/function/args) below it, then halt. */
static uint32_t boot_fun_code[] = {OPC_CALLF, 0, OPC_HALT};
static Fn boot_fun = {
    .code = boot_fun_code, .ncode = 3, .max_stack = 1, .oplimit_words = 4, .name = NONE};
#define BOOT_MFA_MAX 8
static uint32_t boot_mfa_code[BOOT_MFA_MAX + 1][3];
static Fn boot_mfa[BOOT_MFA_MAX + 1];

static pthread_once_t boot_once = PTHREAD_ONCE_INIT;

static void boot_init(void)
{
    for (uint32_t n = 0; n <= BOOT_MFA_MAX; n++) {
        Fn *f = &boot_mfa[n];
        boot_mfa_code[n][0] = OPC_CALLD;
        boot_mfa_code[n][1] = n;
        boot_mfa_code[n][2] = OPC_HALT;
        f->max_stack = n + 2;
        f->oplimit_words = n + 5;
        f->ncode = 3;
        f->name = NONE;
        f->code = boot_mfa_code[n];
    }
}

/* The bootstrap calling a module's function with n arguments. Spawns
 * run on any scheduler: the table is filled once. */
static Fn *boot_for_mfa(uint32_t n)
{
    pthread_once(&boot_once, boot_init);
    return &boot_mfa[n];
}

/* Lays a fresh process's stack out: [ret info of nothing][fun or m, f,
 * args] and the Vm pointing at the bootstrap. */
static int vm_setup(Proc *p, Fn *boot, const Term *items, uint32_t nitems)
{
    Heap *h = &p->heap;
    size_t words = 3 + nitems + 16;
    for (uint32_t i = 0; i < nitems; i++)
        words += copy_size(items[i]);
    if ((size_t)(h->stop - h->htop) < words) {
        Term *sp = h->stop, *fp = h->end;
        if (vm_safe_gc(p, &sp, &fp, words) != 0)
            return MOTE_ENOMEM;
    }
    Term *sp = h->stop;
    *--sp = cp_make(0);
    *--sp = cp_make(0);
    *--sp = cp_make(0);
    h->stop = sp;
    for (uint32_t i = 0; i < nitems; i++) {
        Term *hp = h->htop;
        Term t = copy_term(items[i], &hp, &h->mso);
        h->htop = hp;
        *--sp = t;
    }
    h->stop = sp;
    Vm *vm = mem_alloc(MEM_PROC, sizeof *vm);
    if (vm == NULL)
        return MOTE_ENOMEM;
    vm->fn = boot;
    vm->pc = 0;
    vm->fp_off = 0;
    vm->main = 0;
    vm->in_recv = 0;
    p->body.vm = vm;
    p->body_kind = BODY_VM;
    return 0;
}

void vm_free(Proc *p)
{
    if (p->body_kind == BODY_VM && p->body.vm != NULL) {
        /* The main process gone for any reason but :normal without having
         * reported it (an exit signal from a link or Process.exit killed
         * it): elixir ends such a script with status 1. */
        if (p->body.vm->main && p->pid == atomic_load(&vm_main_pid)) {
            if (p->exit_reason != A(normal)) {
                int none = -1;
                atomic_compare_exchange_strong(&vm_exit_status, &none, 1);
            }
            atomic_store(&vm_main_released, 1);
        }
        mem_free(MEM_PROC, p->body.vm, sizeof(Vm));
        p->body.vm = NULL;
    }
}

int vm_prepare(Proc *p, Term fun, Term mod, Term name, const Term *args, uint32_t nargs, int main)
{
    int rc;
    if (fun != NONE) {
        rc = vm_setup(p, &boot_fun, &fun, 1);
    } else {
        if (nargs > BOOT_MFA_MAX)
            return MOTE_ELIMIT;
        Term items[BOOT_MFA_MAX + 2];
        items[0] = mod;
        items[1] = name;
        for (uint32_t i = 0; i < nargs; i++)
            items[2 + i] = args[i];
        rc = vm_setup(p, boot_for_mfa(nargs), items, nargs + 2);
    }
    if (rc == 0) {
        p->body.vm->main = (uint8_t)main;
        if (main)
            atomic_store(&vm_main_pid, p->pid);
        /* For the observer's initial call column (where.c); cheap: no
         * allocation, one store before the process is visible. */
        atomic_store_explicit(&p->body.vm->initial, where_spawned(fun, mod, name, nargs),
                              memory_order_relaxed);
    }
    return rc;
}
