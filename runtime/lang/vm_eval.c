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

#include "comp.h"
#include "err.h"
#include "mem.h"
#include "node.h"
#include "parse.h"
#include "vm.h"

static pthread_once_t reg_once = PTHREAD_ONCE_INIT;
static int reg_rc;

static void register_builtins(void)
{
    reg_rc = proc_bifs_register_fallbacks();
    if (reg_rc == 0)
        reg_rc = lib_register_all();
    if (reg_rc == 0)
        reg_rc = proc_bifs_register();
}

static int run_source(mote_rt *rt, const char *file, const char *src, size_t len, int argc,
                      char **argv, int *exit_status)
{
    *exit_status = 1;
    pthread_once(&reg_once, register_builtins);
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
    rc = proc_bifs_spawn_main(node_of_rt(rt), make_boxed(fun), &pid);
    if (rc != 0)
        return rc;
    char reason[256];
    mote_wait_exit(rt, pid, -1, reason, sizeof reason);
    fflush(stdout);
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
            if (cap >= ((size_t)16 << 20)) {
                fclose(fp);
                free(buf);
                return api_error(MOTE_ELIMIT, "mote_eval_file: %s is over 16 MiB", path);
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
