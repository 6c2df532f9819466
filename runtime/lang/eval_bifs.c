/* eval_bifs.c — the :mote_shell builtins behind the shell's processes and
 * helpers (eval_src.h): formatting results and errors as iex shows them,
 * and the helpers that need the runtime's internals (h, i, exports,
 * runtime_info, pid, c, r, ls, cd, pwd). Every builtin follows bif.h:
 * it builds its answer on the caller's heap and never collects.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atom.h"
#include "bin.h"
#include "code.h"
#include "jit.h"
#include "comp.h"
#include "eval.h"
#include "exc.h"
#include "inspect.h"
#include "lib.h"
#include "map.h"
#include "mote.h"
#include "node.h"
#include "parse.h"
#include "strbuf.h"

/* format_value(term, width): the result as iex prints it, pretty at width. */
static Term b_format_value(Proc *p, const Term *a)
{
    InspectOpts o;
    inspect_opts_io(&o);
    o.pretty = true;
    o.width = is_small(a[1]) ? (int)small_val(a[1]) : 80;
    Strbuf sb;
    strbuf_init(&sb);
    inspect_term(a[0], &o, &sb);
    bif_charge(p, (uint32_t)(sb.len / 16 + 1));
    return lib_strbuf(p, &sb);
}

/* format_error(kind, reason, stacktrace): "** (Error) ..." and the trace. */
static Term b_format_error(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    exc_format(a[0], a[1], a[2], &sb);
    while (sb.len > 0 && sb.data[sb.len - 1] == '\n')
        sb.data[--sb.len] = '\0';
    return lib_strbuf(p, &sb);
}

/* format_exit(reason): what the user is told when the evaluator died. */
static Term b_format_exit(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, "** (EXIT from evaluator) ");
    InspectOpts o;
    inspect_opts_kernel(&o);
    inspect_term(a[0], &o, &sb);
    strbuf_puts(&sb, "\nthe evaluator was replaced; bindings are kept");
    return lib_strbuf(p, &sb);
}

static Term b_pid3(Proc *p, const Term *a)
{
    if (!is_small(a[0]) || !is_small(a[1]) || !is_small(a[2]) || small_val(a[1]) < 0 ||
        small_val(a[2]) < 0)
        return bif_badarg(p, 2, "not a pid component");
    uint64_t num = ((uint64_t)small_val(a[2]) << PID_INDEX_BITS) |
                   ((uint64_t)small_val(a[1]) & PID_INDEX_MASK);
    return make_pid(num);
}

/* pid("0.12.0") or pid("#PID<0.12.0>"). */
static Term b_pid_text(Proc *p, const Term *a)
{
    const uint8_t *s;
    size_t len;
    char buf[64];
    if (!bin_bytes(a[0], &s, &len) || len >= sizeof buf)
        return bif_badarg(p, 1, "not a pid text");
    memcpy(buf, s, len);
    buf[len] = '\0';
    long x, y, z;
    const char *t = strncmp(buf, "#PID<", 5) == 0 ? buf + 5 : buf;
    if (sscanf(t, "%ld.%ld.%ld", &x, &y, &z) != 3)
        return bif_badarg(p, 1, "not a pid text (expected \"0.N.0\")");
    Term parts[3] = {make_small(x), make_small(y), make_small(z)};
    return b_pid3(p, parts);
}

static const char *type_name(Term t)
{
    switch (mote_type_of((mote_term)t)) {
    case MOTE_T_INTEGER: return "Integer";
    case MOTE_T_FLOAT: return "Float";
    case MOTE_T_ATOM: return "Atom";
    case MOTE_T_REF: return "Reference";
    case MOTE_T_FUN: return "Function";
    case MOTE_T_PORT: return "Port";
    case MOTE_T_PID: return "PID";
    case MOTE_T_TUPLE: return "Tuple";
    case MOTE_T_MAP: return "Map";
    case MOTE_T_NIL: case MOTE_T_LIST: return "List";
    case MOTE_T_BITSTRING: return is_binary(t) ? "BitString (binary)" : "BitString";
    default: return "Term";
    }
}

/* info(term): i/1's text: the term, its data type, and a line about it. */
static Term b_info(Proc *p, const Term *a)
{
    Strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, "Term\n  ");
    InspectOpts o;
    inspect_opts_kernel(&o);
    inspect_term(a[0], &o, &sb);
    strbuf_printf(&sb, "\nData type\n  %s\n", type_name(a[0]));
    if (is_atom(a[0]) && code_find(a[0]) != NULL)
        strbuf_puts(&sb, "Module loaded\n  yes\n");
    if (is_binary(a[0])) {
        const uint8_t *s;
        size_t len;
        bin_bytes(a[0], &s, &len);
        strbuf_printf(&sb, "Byte size\n  %zu\n", len);
    }
    strbuf_puts(&sb, "Implemented protocols\n  Inspect");
    return lib_strbuf(p, &sb);
}

static void put_name(Strbuf *sb, Term atom)
{
    size_t len;
    const char *s = atom_text(atom, &len);
    if (len > 7 && memcmp(s, "Elixir.", 7) == 0)
        strbuf_put(sb, s + 7, len - 7);
    else
        inspect_atom(atom, sb);
}

/* exports(module): Module.fun/arity of each public function, and of the
 * module's builtins, one per line. */
static Term b_exports(Proc *p, const Term *a)
{
    Module *m = is_atom(a[0]) ? code_find(a[0]) : NULL;
    Strbuf sb;
    strbuf_init(&sb);
    if (m != NULL)
        for (uint32_t i = 0; i < m->nnamed; i++) {
            const Fn *fn = m->fns[i];
            if (!fn->exported)
                continue;
            size_t len;
            const char *s = atom_text(fn->name, &len);
            if (len > 2 && s[0] == '_' && s[1] == '_')
                continue; /* __info__ and the shell's own internals */
            strbuf_put(&sb, s, len);
            strbuf_printf(&sb, "/%u\n", fn->arity);
        }
    if (sb.len == 0) {
        strbuf_puts(&sb, "no exported functions known for ");
        put_name(&sb, a[0]);
    }
    while (sb.len > 0 && sb.data[sb.len - 1] == '\n')
        sb.data[--sb.len] = '\0';
    return lib_strbuf(p, &sb);
}

/* doc(module): the @moduledoc kept by the compiler, then each @doc. */
static Term b_doc(Proc *p, const Term *a)
{
    Module *m = is_atom(a[0]) ? code_find(a[0]) : NULL;
    Strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, "\n");
    put_name(&sb, a[0]);
    strbuf_puts(&sb, "\n\n");
    Term md = m != NULL && is_map(m->attrs) ? map_get(m->attrs, atom_from_cstr("moduledoc"))
                                            : NONE;
    const uint8_t *s;
    size_t len;
    if (md != NONE && bin_bytes(md, &s, &len))
        strbuf_put(&sb, s, len);
    else if (m == NULL)
        strbuf_puts(&sb, "Could not load module, got: nofile");
    else
        strbuf_puts(&sb, "No documentation available.");
    return lib_strbuf(p, &sb);
}

/* The @doc of mod.name/arity, else its builtin's doc, or NONE. */
static Term fun_doc(Module *m, Term mod, Term name, unsigned arity, const char **cdoc)
{
    *cdoc = NULL;
    if (m != NULL && is_map(m->attrs)) {
        Term docs = map_get(m->attrs, atom_from_cstr("docs"));
        Term key[3] = {make_header(HDR_TUPLE, 2), name, make_small(arity)};
        Term d = docs != NONE && is_map(docs) ? map_get(docs, make_boxed(key)) : NONE;
        if (d != NONE && is_binary(d))
            return d;
    }
    const BifDef *b = bif_lookup(mod, name, arity);
    if (b != NULL)
        *cdoc = b->doc;
    return NONE;
}

/* doc(mod, name, arity): h(Mod.fun) and h(Mod.fun/arity) (arity -1: all). */
static Term b_fun_doc(Proc *p, const Term *a)
{
    if (!is_atom(a[0]) || !is_atom(a[1]) || !is_small(a[2]))
        return bif_badarg(p, 1, "expected a module, a function name and an arity");
    Module *m = code_find(a[0]);
    int64_t want = small_val(a[2]);
    Strbuf sb;
    strbuf_init(&sb);
    for (unsigned ar = 0; ar <= 12; ar++) {
        if (want >= 0 && ar != (unsigned)want)
            continue;
        bool exists = (m != NULL && code_fn(m, a[1], ar, true) != NULL) ||
                      bif_lookup(a[0], a[1], ar) != NULL;
        if (!exists)
            continue;
        strbuf_puts(&sb, "\n  def ");
        strbuf_puts(&sb, atom_text(a[1], NULL));
        strbuf_printf(&sb, "/%u\n\n", ar);
        const char *cdoc;
        Term d = fun_doc(m, a[0], a[1], ar, &cdoc);
        const uint8_t *s;
        size_t len;
        if (d != NONE && bin_bytes(d, &s, &len))
            strbuf_put(&sb, s, len);
        else
            strbuf_puts(&sb, cdoc != NULL ? cdoc : "No documentation available.");
        strbuf_putc(&sb, '\n');
    }
    if (sb.len == 0) {
        strbuf_puts(&sb, "No documentation for ");
        put_name(&sb, a[0]);
        strbuf_printf(&sb, ".%s was found", atom_text(a[1], NULL));
    }
    return lib_strbuf(p, &sb);
}

static Term b_runtime_info(Proc *p, const Term *a)
{
    (void)a;
    mote_rt_stats st;
    memset(&st, 0, sizeof st);
    /* The public handle is the Node itself (node.h). */
    mote_rt_stats_get((mote_rt *)(void *)p->node, &st);
    Strbuf sb;
    strbuf_init(&sb);
    strbuf_printf(&sb,
                  "## System and architecture\n\n"
                  "Schedulers:     %u\n\n"
                  "## Statistics\n\n"
                  "Uptime:         %.1f s\nProcesses:      %llu / %llu\n"
                  "Reductions:     %llu\n\n"
                  "## Memory\n\n"
                  "Total:          %zu kB\nProcesses:      %zu kB\nBinaries:       %zu kB\n"
                  "Atoms:          %zu kB\nCode:           %zu kB",
                  st.nschedulers, (double)st.uptime_ms / 1000.0,
                  (unsigned long long)st.process_count, (unsigned long long)st.process_limit,
                  (unsigned long long)st.reductions_total, st.mem_total / 1024,
                  st.mem_processes / 1024, st.mem_binaries / 1024, st.mem_atoms / 1024,
                  st.mem_code / 1024);
    uint64_t jbytes, jfns;
    jit_stats(&jbytes, &jfns);
    if (jit_active())
        strbuf_printf(&sb, "\nNative code:    %llu kB in %llu functions (JIT)",
                      (unsigned long long)(jbytes / 1024), (unsigned long long)jfns);
    else
        strbuf_puts(&sb, "\nNative code:    none (JIT off: interpreter only)");
    return lib_strbuf(p, &sb);
}

/* Copies a binary argument to a NUL-terminated path; false if it is not
 * one or does not fit. */
static bool path_arg(Term t, char *buf, size_t cap)
{
    const uint8_t *s;
    size_t len;
    if (!bin_bytes(t, &s, &len) || len >= cap || memchr(s, 0, len) != NULL)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return true;
}

static Term b_pwd(Proc *p, const Term *a)
{
    (void)a;
    char buf[4096];
    if (getcwd(buf, sizeof buf) == NULL)
        return bif_raise_msg(p, "File.Error", "could not get the current directory: %s",
                             strerror(errno));
    return lib_str(p, buf);
}

static Term b_cd(Proc *p, const Term *a)
{
    char buf[4096];
    if (!path_arg(a[0], buf, sizeof buf))
        return bif_badarg(p, 1, "not a path");
    if (chdir(buf) != 0)
        return bif_raise_msg(p, "File.Error", "could not set current working directory to %s: %s",
                             buf, strerror(errno));
    return b_pwd(p, a);
}

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* ls(dir): the entries, sorted, several to a line as iex shows them. */
static Term b_ls(Proc *p, const Term *a)
{
    char buf[4096];
    if (!path_arg(a[0], buf, sizeof buf))
        return bif_badarg(p, 1, "not a path");
    DIR *d = opendir(buf);
    if (d == NULL)
        return bif_raise_msg(p, "File.Error", "could not list %s: %s", buf, strerror(errno));
    char *names[1024];
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && n < 1024;)
        if (e->d_name[0] != '.' && (names[n] = strdup(e->d_name)) != NULL)
            n++;
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    Strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < n; i++) {
        strbuf_printf(&sb, "%-24s%s", names[i], i % 4 == 3 || i + 1 == n ? "\n" : "");
        free(names[i]);
    }
    while (sb.len > 0 && (sb.data[sb.len - 1] == '\n' || sb.data[sb.len - 1] == ' '))
        sb.data[--sb.len] = '\0';
    bif_charge(p, (uint32_t)n);
    return lib_strbuf(p, &sb);
}

/* Compiles the modules of a file and installs them; the list of module
 * names, or NONE after raising. */
static Term compile_file(Proc *p, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return bif_raise_msg(p, "File.Error", "could not read file %s: %s", path, strerror(errno));
    Strbuf src;
    strbuf_init(&src);
    char chunk[8192];
    for (size_t k; (k = fread(chunk, 1, sizeof chunk, fp)) > 0;)
        strbuf_put(&src, chunk, k);
    fclose(fp);
    size_t before = code_count();
    AstArena arena;
    ast_arena_init(&arena);
    Ast *root;
    ParseError pe;
    memset(&pe, 0, sizeof pe);
    char msg[1024];
    Err err;
    memset(&err, 0, sizeof err);
    int rc = parse_source(&arena, path, strbuf_cstr(&src), src.len, &root, &pe);
    if (rc != 0)
        parse_error_format(&pe, msg, sizeof msg);
    else if ((rc = comp_load_modules(root, path, &err)) != 0)
        snprintf(msg, sizeof msg, "%s", err.msg);
    ast_arena_fini(&arena);
    strbuf_fini(&src);
    if (rc != 0)
        return bif_raise_msg(p, "CompileError", "%s", msg);
    /* Newly installed modules come last; a reloaded one replaced its slot,
     * so report by scanning for modules defined in this file. */
    Term list = NIL;
    for (size_t i = code_count(); i-- > 0;) {
        Module *m = code_at(i);
        if (m != NULL && m->file != NULL && (i >= before || strcmp(m->file, path) == 0))
            list = lib_cons(p, m->name, list);
    }
    return list;
}

static Term b_compile(Proc *p, const Term *a)
{
    char buf[4096];
    if (!path_arg(a[0], buf, sizeof buf))
        return bif_badarg(p, 1, "not a path");
    return compile_file(p, buf);
}

static Term b_reload(Proc *p, const Term *a)
{
    Module *m = is_atom(a[0]) ? code_find(a[0]) : NULL;
    if (m == NULL || m->file == NULL || access(m->file, R_OK) != 0)
        return bif_raise_msg(p, "ArgumentError", "could not load nor find module: %s",
                             is_atom(a[0]) ? atom_text(a[0], NULL) : "?");
    char path[4096];
    snprintf(path, sizeof path, "%s", m->file);
    Term mods = compile_file(p, path);
    return mods == NONE ? NONE : lib_tuple2(p, atom_from_cstr("reloaded"), mods);
}

static const BifDef eval_defs[] = {
    {"mote_shell", "format_value", 2, 0, b_format_value, NULL},
    {"mote_shell", "format_error", 3, 0, b_format_error, NULL},
    {"mote_shell", "format_exit", 1, 0, b_format_exit, NULL},
    {"mote_shell", "pid", 3, 0, b_pid3, "pid(0, n, 0): the pid #PID<0.n.0>."},
    {"mote_shell", "pid_text", 1, 0, b_pid_text, NULL},
    {"mote_shell", "info", 1, 0, b_info, NULL},
    {"mote_shell", "exports", 1, 0, b_exports, NULL},
    {"mote_shell", "doc", 1, 0, b_doc, NULL},
    {"mote_shell", "doc", 3, 0, b_fun_doc, NULL},
    {"mote_shell", "runtime_info", 0, 0, b_runtime_info, NULL},
    {"mote_shell", "pwd", 0, 0, b_pwd, NULL},
    {"mote_shell", "cd", 1, 0, b_cd, NULL},
    {"mote_shell", "ls", 1, 0, b_ls, NULL},
    {"mote_shell", "compile", 1, 0, b_compile, NULL},
    {"mote_shell", "reload", 1, 0, b_reload, NULL},
};

static pthread_once_t eval_once = PTHREAD_ONCE_INIT;
static int eval_rc;

static void register_once(void)
{
    eval_rc = bif_register(eval_defs, LIB_NDEFS(eval_defs));
}

int eval_bifs_register(void)
{
    pthread_once(&eval_once, register_once);
    return eval_rc;
}
