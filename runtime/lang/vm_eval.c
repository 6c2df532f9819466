/* vm_eval.c — mote_eval_file / mote_eval_string: source text to a
 * running main process (mote.h).
 *
 * Parse, compile on the host thread, then spawn the script's main VM
 * process and wait for it. The main process reports its own uncaught
 * error (vm_report_crash) and sets vm_exit_status; System.halt exits the
 * OS process directly.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "atom.h"
#include "code.h"
#include "comp.h"
#include "exc.h"
#include "doc.h"
#include "inspect.h"
#include "lex.h"
#include "lib.h"
#include "map.h"
#include "err.h"
#include "mem.h"
#include "node.h"
#include "parse.h"
#include "vm.h"

/* The builtins are registered by the first run of a runtime's life and
 * forgotten with the atoms they are keyed by (vm_eval_forget). */
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static bool reg_done;
static int reg_rc;

static bool hook_loaded(Term module)
{
    return code_find(module) != NULL;
}

static int hook_fun_arity(Term fun)
{
    if (is_boxed_kind(fun, HDR_EXPORT))
        return (int)small_val(boxed_ptr(fun)[3]);
    return (int)((const Fn *)(uintptr_t)boxed_ptr(fun)[1])->arity;
}

/* #Function<index.hash/arity in Mod.fun/arity>, as the BEAM prints a
 * closure (the hash is a stable number derived from the module name). */
static void hook_fun_text(Term fun, Strbuf *out)
{
    const Fn *fn = (const Fn *)(uintptr_t)boxed_ptr(fun)[1];
    strbuf_printf(out, "#Function<%u.%u/%u in ", fn->lambda_no,
                  (unsigned)(atom_hash(fn->mod->name) % 100000000u), fn->arity);
    inspect_atom(fn->mod->name, out);
    strbuf_putc(out, '.');
    size_t len;
    const char *name = atom_text(fn->name, &len);
    const char *end = len > 1 && name[0] == '-' ? strstr(name, "-fun-") : NULL;
    if (end != NULL)
        strbuf_put(out, name + 1, (size_t)(end - name - 1));
    else
        strbuf_put(out, name, len);
    strbuf_putc(out, '>');
}

static int hook_fields(Term module, Term *fields, size_t max)
{
    Module *m = code_find(module);
    if (m == NULL) {
        /* %{__struct__: NotLoaded} is a plain map to Elixir's inspect. */
        int n = exc_struct_fields(module, fields, max);
        return n < 0 ? -2 : n;
    }
    if (m->struct_fields == NULL) {
        /* Nor is one naming a module without __struct__/0 (%{__struct__:
         * Enum}); a hand-written __struct__ keeps the map's key order. */
        int n = exc_struct_fields(module, fields, max);
        if (n < 0 && code_fn(m, A(__struct__), 0, true) == NULL)
            return -2;
        return n;
    }
    size_t n = m->nstruct_fields < max ? m->nstruct_fields : max;
    memcpy(fields, m->struct_fields, n * sizeof *fields);
    return (int)n;
}

/* Range's Inspect: first..last, or first..last//step unless step is 1. */
static DocId range_doc(InspectCx *cx, Term s, int limit)
{
    Term first = map_get(s, atom_from_cstr("first")), last = map_get(s, atom_from_cstr("last"));
    Term step = map_get(s, atom_from_cstr("step"));
    if (first == NONE || last == NONE || step == NONE || map_size(s) != 4)
        return DOC_NIL;
    Docs *d = inspect_docs(cx);
    DocId r = doc_cons3(d, inspect_doc(cx, first, limit), doc_cstr(d, ".."),
                        inspect_doc(cx, last, limit));
    /* Elixir 1.14 leaves the step out only for an ascending step-1 range:
     * 0..-1//1 (empty) shows it. */
    if (step != make_small(1) || term_cmp(last, first) < 0)
        r = doc_cons3(d, r, doc_cstr(d, "//"), inspect_doc(cx, step, limit));
    return r;
}

static void register_builtins(void)
{
    reg_rc = proc_bifs_register_fallbacks();
    if (reg_rc == 0)
        reg_rc = lib_register_all();
    if (reg_rc == 0)
        reg_rc = proc_bifs_register();
    exc_set_loaded_hook(hook_loaded);
    exc_set_fun_arity_hook(hook_fun_arity);
    inspect_set_fun_hook(hook_fun_text);
    inspect_set_fields_hook(hook_fields);
    inspect_register_struct(atom_from_cstr("Elixir.Range"), range_doc);
}

static int run_source(mote_rt *rt, const char *file, const char *src, size_t len, int argc,
                      char **argv, int *exit_status)
{
    *exit_status = 1;
    pthread_mutex_lock(&reg_lock);
    if (!reg_done) {
        register_builtins();
        reg_done = true;
    }
    pthread_mutex_unlock(&reg_lock);
    if (reg_rc != 0)
        return reg_rc;
    int rc = prelude_load();
    if (rc != 0)
        return rc;
    proc_bifs_set_argv(argc, argv);
    AstArena arena;
    ast_arena_init(&arena);
    Ast *root;
    ParseError pe;
    memset(&pe, 0, sizeof pe);
    if (parse_source(&arena, file, src, len, &root, &pe) != 0) {
        char buf[1024];
        parse_error_format(&pe, buf, sizeof buf);
        fprintf(stderr, "** (SyntaxError) %s", buf);
        ast_arena_fini(&arena);
        return 0;
    }
    Fn *fn;
    Err err;
    memset(&err, 0, sizeof err);
    rc = comp_script(root, file, &fn, &err);
    ast_arena_fini(&arena);
    if (rc != 0) {
        fprintf(stderr, "** (CompileError) %s\n", err.msg);
        return 0;
    }
    Term fun[2] = {make_header(HDR_FUN, 1), (Term)(uintptr_t)fn};
    Term pid;
    atomic_store(&vm_exit_status, -1);
    atomic_store(&vm_main_pid, (Term)0);
    atomic_store(&vm_main_released, 0);
    rc = proc_bifs_spawn_main(node_of_rt(rt), make_boxed(fun), &pid);
    if (rc != 0)
        return rc;
    char reason[256];
    mote_wait_exit(rt, pid, -1, reason, sizeof reason);
    fflush(stdout);
    /* The exit is announced before the process's state is freed, where a
     * death by exit signal sets the status: wait for that (bounded). */
    for (int i = 0; i < 2000 && !atomic_load(&vm_main_released); i++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    int st = atomic_load(&vm_exit_status);
    *exit_status = st < 0 ? 0 : st;
    return 0;
}

MOTE_API int mote_eval_string(mote_rt *rt, const char *src, size_t len, int argc, char **argv,
                              int *exit_status)
{
    if (rt == NULL || src == NULL || exit_status == NULL)
        return api_error(MOTE_EINVAL, "mote_eval_string: rt, src and exit_status are required");
    return run_source(rt, "nofile", src, len, argc, argv, exit_status);
}

MOTE_API int mote_eval_file(mote_rt *rt, const char *path, int argc, char **argv,
                            int *exit_status)
{
    if (rt == NULL || path == NULL || exit_status == NULL)
        return api_error(MOTE_EINVAL, "mote_eval_file: rt, path and exit_status are required");
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return api_error(MOTE_EIO, "mote_eval_file: cannot read %s", path);
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf != NULL && (k = fread(buf + len, 1, cap - len, fp)) > 0) {
        len += k;
        if (len == cap) {
            /* The lexer's own limit, so a file it would take is read. */
            if (cap >= LEX_MAX_SOURCE) {
                fclose(fp);
                free(buf);
                return api_error(MOTE_ELIMIT, "mote_eval_file: %s is over %u MiB", path,
                                 LEX_MAX_SOURCE >> 20);
            }
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(fp);
    if (buf == NULL)
        return api_error(MOTE_ENOMEM, "mote_eval_file: out of memory reading %s", path);
    int rc = run_source(rt, path, buf, len, argc, argv, exit_status);
    free(buf);
    return rc;
}

void vm_eval_forget(void)
{
    pthread_mutex_lock(&reg_lock);
    reg_done = false;
    reg_rc = 0;
    pthread_mutex_unlock(&reg_lock);
    lib_fini();
    inspect_forget_structs();
    vm_forget_atoms();
}
