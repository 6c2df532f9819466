/* jit.c — executable memory, the entry trampoline and the compiler from
 * bytecode to x86-64 (jit.h).
 *
 * Register assignment inside native code (all callee-saved, so builtins
 * called from native code keep them):
 *     rbx  sp   operand stack top (the interpreter's sp)
 *     rbp  fp   frame pointer
 *     r12  fn   running Fn
 *     r13  h    &p->heap
 *     r14  p    the process
 *     r15d      p->reds_left, kept in the register: a loop's count in
 *               memory would make each iteration wait on the last one's
 *               store. It goes back to p around every C call and exit.
 * The JitState is at [rsp+8] (the trampoline's slot).
 * rax, rcx, rdx, rsi, rdi, r8-r11 are scratch. Native code never pushes
 * on the machine stack: control moves between functions with jumps, and
 * leaving native code is a `ret` to the trampoline with eax = JIT_* and
 * rcx = the bytecode ip.
 *
 * The compiler (jit_emit.c) turns one instruction at a time into its
 * fast path plus jumps to out-of-line stubs that leave native code.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atom.h"
#include "jit.h"
#include "jit_int.h"
#include "mem.h"

#if defined(__x86_64__) && defined(__linux__)
#define JIT_BUILT 1
#include <sys/mman.h>
#else
#define JIT_BUILT 0
#endif

/* ---- executable memory -------------------------------------------------- */

/* Code goes into chunks mapped twice from one memfd: written through a
 * read-write view, run from a read-execute view, so no page is ever both
 * writable and executable. Where memfd cannot be had, a chunk is one
 * anonymous read-write-execute mapping instead. */
#define CHUNK_BYTES ((size_t)4 << 20)

typedef struct Chunk {
    uint8_t *rw, *rx;
    size_t used;
} Chunk;

static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;
static Chunk chunk;                 /* the one being filled (jit_lock) */
static _Atomic int jit_state = -1;  /* -1 undecided, 0 off, 1 on       */
/* Everything made, for jit_release_all (jit_lock): chunks as (rw, rx,
 * bytes) triples, JitCode maps as (pointer, bytes) pairs. */
static uintptr_t *made;
static size_t nmade, capmade;
static const uint8_t *trampoline;   /* jit_run's entry, set before on  */
static _Atomic uint64_t stat_bytes, stat_fns;
static FILE *perf_map;              /* MOTE_JIT_PERF=1: /tmp/perf-PID.map */

/* Records three words for jit_release_all; false when out of memory. */
static bool remember(uintptr_t a, uintptr_t b, uintptr_t c)
{
    if (nmade + 3 > capmade) {
        size_t cap = capmade ? capmade * 2 : 256;
        uintptr_t *m = mem_realloc(MEM_CODE, made, capmade * sizeof *m, cap * sizeof *m);
        if (m == NULL)
            return false;
        made = m;
        capmade = cap;
    }
    made[nmade++] = a;
    made[nmade++] = b;
    made[nmade++] = c;
    return true;
}

#if JIT_BUILT
static bool chunk_new(size_t need)
{
    size_t bytes = need > CHUNK_BYTES ? (need + 4095) & ~(size_t)4095 : CHUNK_BYTES;
    int fd = memfd_create("mote-jit", MFD_CLOEXEC);
    if (fd >= 0) {
        if (ftruncate(fd, (off_t)bytes) == 0) {
            void *rw = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            void *rx = mmap(NULL, bytes, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
            if (rw != MAP_FAILED && rx != MAP_FAILED && remember((uintptr_t)rw, (uintptr_t)rx, bytes)) {
                close(fd);
                chunk = (Chunk){rw, rx, 0};
                return true;
            }
            if (rw != MAP_FAILED)
                munmap(rw, bytes);
            if (rx != MAP_FAILED)
                munmap(rx, bytes);
        }
        close(fd);
    }
    void *m = mmap(NULL, bytes, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return false;
    if (!remember((uintptr_t)m, (uintptr_t)m, bytes)) {
        munmap(m, bytes);
        return false;
    }
    chunk = (Chunk){m, m, 0};
    return true;
}
#else
static bool chunk_new(size_t need)
{
    (void)need;
    return false;
}
#endif

/* Copies n bytes of position-independent code into executable memory;
 * returns its executable address, or NULL. Under jit_lock. */
static const uint8_t *code_put(const uint8_t *bytes, size_t len)
{
    size_t n = (len + 15) & ~(size_t)15;
    if (chunk.rw == NULL || chunk.used + n > CHUNK_BYTES) {
        if (!chunk_new(n))
            return NULL;
    }
    memcpy(chunk.rw + chunk.used, bytes, len);
    memset(chunk.rw + chunk.used + len, 0xCC, n - len); /* int3 padding */
    const uint8_t *at = chunk.rx + chunk.used;
    chunk.used += n;
    /* A function bigger than a chunk got a chunk of its own: start a new
     * one for the next. */
    if (chunk.used > CHUNK_BYTES)
        chunk.rw = NULL;
    atomic_fetch_add_explicit(&stat_bytes, n, memory_order_relaxed);
    return at;
}

/* ---- the trampoline ----------------------------------------------------- */

/* jit_run(st, at): saves the callee-saved registers, loads the VM's
 * registers from st, calls `at`; native code returns with eax = JIT_*
 * and rcx = ip, which go back into st. rsp is 16-byte aligned at the
 * call, so native code calls builtins with one 8-byte adjustment. */
static bool emit_trampoline(void)
{
    uint8_t buf[256];
    Asm a = {buf, 0, sizeof buf, false};
    static const int saved[] = {RBX, RBP, R12, R13, R14, R15};
    for (int i = 0; i < 6; i++)
        x_push(&a, saved[i]);
    x_alu_imm(&a, ALU_SUB, true, RSP, 8);
    x_store(&a, RSP, 0, RDI); /* st: native code finds it at [rsp+8] */
    x_load(&a, RBX, RDI, offsetof(JitState, sp));
    x_load(&a, RBP, RDI, offsetof(JitState, fp));
    x_load(&a, R12, RDI, offsetof(JitState, fn));
    x_load(&a, R13, RDI, offsetof(JitState, h));
    x_load(&a, R14, RDI, offsetof(JitState, p));
    x_load32(&a, R15, R14, offsetof(Proc, reds_left));
    x_call_reg(&a, RSI);
    x_op_rm(&a, 0x89, false, R15, R14, offsetof(Proc, reds_left));
    x_load(&a, RDX, RSP, 0);
    x_store(&a, RDX, offsetof(JitState, sp), RBX);
    x_store(&a, RDX, offsetof(JitState, fp), RBP);
    x_store(&a, RDX, offsetof(JitState, fn), R12);
    x_store(&a, RDX, offsetof(JitState, ip), RCX);
    x_alu_imm(&a, ALU_ADD, true, RSP, 8);
    for (int i = 5; i >= 0; i--)
        x_pop(&a, saved[i]);
    x_ret(&a);
    if (a.oom)
        return false;
    trampoline = code_put(buf, a.len);
    return trampoline != NULL;
}

int jit_run(JitState *st, const uint8_t *at)
{
    int (*enter)(JitState *, const uint8_t *) = (int (*)(JitState *, const uint8_t *))(uintptr_t)trampoline;
    return enter(st, at);
}

/* ---- on, off ------------------------------------------------------------ */

static bool decide(void)
{
    pthread_mutex_lock(&jit_lock);
    int s = atomic_load_explicit(&jit_state, memory_order_relaxed);
    if (s < 0) {
        const char *env = getenv("MOTE_JIT");
        bool want = JIT_BUILT && !(env != NULL && strcmp(env, "0") == 0);
        s = want && emit_trampoline() ? 1 : 0;
        const char *perf = getenv("MOTE_JIT_PERF");
        if (s == 1 && perf != NULL && strcmp(perf, "1") == 0) {
            char path[64];
            snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
            perf_map = fopen(path, "a");
        }
        atomic_store_explicit(&jit_state, s, memory_order_release);
    }
    pthread_mutex_unlock(&jit_lock);
    return s == 1;
}

bool jit_active(void)
{
    int s = atomic_load_explicit(&jit_state, memory_order_acquire);
    return s > 0 || (s < 0 && decide());
}

void jit_stats(uint64_t *bytes, uint64_t *fns)
{
    *bytes = atomic_load_explicit(&stat_bytes, memory_order_relaxed);
    *fns = atomic_load_explicit(&stat_fns, memory_order_relaxed);
}

/* ---- compiling ---------------------------------------------------------- */

/* Writes "ADDR SIZE Mod.fun/arity" for perf(1) to name native code. */
static void perf_note(const Fn *fn, const JitCode *jc)
{
    char mod[128], name[128];
    size_t ml = 0, nl = 0;
    const char *m = fn->mod != NULL ? atom_text(fn->mod->name, &ml) : "?";
    const char *n = atom_text(fn->name, &nl);
    snprintf(mod, sizeof mod, "%.*s", (int)(ml < 120 ? ml : 120), m ? m : "?");
    snprintf(name, sizeof name, "%.*s", (int)(nl < 120 ? nl : 120), n ? n : "?");
    fprintf(perf_map, "%lx %x %s.%s/%u%s\n", (unsigned long)(uintptr_t)jc->entry, jc->size, mod, name,
            fn->arity, fn->is_lambda ? " (fn)" : "");
    fflush(perf_map);
}

JitCode *jit_compile(Fn *fn)
{
    JitCode *jc = atomic_load_explicit(&fn->jit, memory_order_acquire);
    if (jc != NULL)
        return jc;
    /* Only functions of compiled modules: they and their native code go
     * together (lang_fini). The bootstrap functions (vm_stack.c) live in
     * static memory across runtimes and are two instructions anyway. */
    if (!jit_active() || fn->mod == NULL) {
        atomic_store_explicit(&fn->jit, JIT_NONE, memory_order_release);
        return JIT_NONE;
    }
    pthread_mutex_lock(&jit_lock);
    jc = atomic_load_explicit(&fn->jit, memory_order_relaxed);
    if (jc == NULL) {
        jc = JIT_NONE;
        size_t cap = (size_t)fn->ncode * 48 + 1024;
        for (int attempt = 0; attempt < 3 && jc == JIT_NONE; attempt++, cap *= 2) {
            size_t mapbytes = sizeof(JitCode) + ((size_t)fn->ncode + 1) * sizeof(uint32_t);
            uint8_t *buf = mem_alloc(MEM_CODE, cap);
            JitCode *map = mem_alloc(MEM_CODE, mapbytes);
            if (buf == NULL || map == NULL) {
                mem_free(MEM_CODE, buf, cap);
                mem_free(MEM_CODE, map, mapbytes);
                break;
            }
            Asm a = {buf, 0, cap, false};
            int rc = jit_emit_fn(&a, fn, map->off);
            const uint8_t *entry = rc == 0 ? code_put(buf, a.len) : NULL;
            mem_free(MEM_CODE, buf, cap);
            if (entry == NULL) {
                mem_free(MEM_CODE, map, mapbytes);
                if (rc == JIT_EMIT_FULL)
                    continue;
                break;
            }
            if (!remember((uintptr_t)map, 0, mapbytes)) {
                mem_free(MEM_CODE, map, mapbytes);
                break;
            }
            map->entry = entry;
            map->size = (uint32_t)a.len;
            jc = map;
            atomic_fetch_add_explicit(&stat_fns, 1, memory_order_relaxed);
            if (perf_map != NULL)
                perf_note(fn, jc);
        }
        atomic_store_explicit(&fn->jit, jc, memory_order_release);
    }
    pthread_mutex_unlock(&jit_lock);
    return jc;
}

void jit_release_all(void)
{
    pthread_mutex_lock(&jit_lock);
    for (size_t i = 0; i + 3 <= nmade; i += 3) {
        if (made[i + 1] == 0) {
            mem_free(MEM_CODE, (void *)made[i], made[i + 2]);
            continue;
        }
#if JIT_BUILT
        munmap((void *)made[i], made[i + 2]);
        if (made[i + 1] != made[i])
            munmap((void *)made[i + 1], made[i + 2]);
#endif
    }
    if (made != NULL)
        mem_free(MEM_CODE, made, capmade * sizeof *made);
    made = NULL;
    nmade = capmade = 0;
    chunk = (Chunk){NULL, NULL, 0};
    trampoline = NULL;
    if (perf_map != NULL)
        fclose(perf_map);
    perf_map = NULL;
    atomic_store_explicit(&jit_state, -1, memory_order_release);
    atomic_store_explicit(&stat_bytes, 0, memory_order_relaxed);
    atomic_store_explicit(&stat_fns, 0, memory_order_relaxed);
    pthread_mutex_unlock(&jit_lock);
}
