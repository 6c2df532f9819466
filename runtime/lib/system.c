/* system.c — Elixir's System module: clocks with units, environment
 * variables, version figures. System.halt and System.argv are the VM's
 * (they need the runtime and the script's arguments).
 *
 * put_env/delete_env change the process environment: glibc's setenv is
 * not safe against a concurrent getenv on another scheduler thread, so
 * scripts should set variables before spawning (documented).
 */
#include <stdlib.h>

#include "lib.h"
#include "map.h"
#include "mem.h"
#include "strbuf.h"

extern char **environ;

static Term erl(Proc *p, const char *name, unsigned arity, const Term *a)
{
    return bif_lookup(A(erlang), atom_from_cstr(name), arity)->fn(p, a);
}

static Term bif_monotonic(Proc *p, const Term *a) { return erl(p, "monotonic_time", 0, a); }
static Term bif_monotonic1(Proc *p, const Term *a) { return erl(p, "monotonic_time", 1, a); }
static Term bif_system(Proc *p, const Term *a) { return erl(p, "system_time", 0, a); }
static Term bif_system1(Proc *p, const Term *a) { return erl(p, "system_time", 1, a); }
static Term bif_convert(Proc *p, const Term *a) { return erl(p, "convert_time_unit", 3, a); }
static Term bif_unique(Proc *p, const Term *a) { return erl(p, "unique_integer", 0, a); }
static Term bif_unique1(Proc *p, const Term *a) { return erl(p, "unique_integer", 1, a); }

static Term bif_schedulers(Proc *p, const Term *a)
{
    (void)a;
    Term k = atom_from_cstr("schedulers");
    return erl(p, "system_info", 1, &k);
}

static Term bif_version(Proc *p, const Term *a)
{
    (void)a;
    Term t = lib_str(p, "1.14.0");
    return t == NONE ? lib_oom(p) : t;
}

static Term bif_otp_release(Proc *p, const Term *a)
{
    (void)a;
    Term t = lib_str(p, "25");
    return t == NONE ? lib_oom(p) : t;
}

/* A NUL-terminated copy of a binary argument in sb; false when not a
 * binary or when it holds a NUL. */
static bool cstr_of(Term t, Strbuf *sb)
{
    const uint8_t *s;
    size_t n;
    if (!lib_bytes(t, &s, &n) || memchr(s, 0, n))
        return false;
    strbuf_put(sb, s, n);
    strbuf_putc(sb, '\0');
    sb->len--;
    return !strbuf_failed(sb);
}

static Term get_env(Proc *p, Term name, Term dflt)
{
    Strbuf sb;
    strbuf_init(&sb);
    if (!cstr_of(name, &sb)) {
        strbuf_fini(&sb);
        return lib_function_clause(p, "Elixir.System", "get_env", 2);
    }
    const char *v = getenv(strbuf_cstr(&sb));
    strbuf_fini(&sb);
    if (!v)
        return dflt;
    Term t = lib_str(p, v);
    return t == NONE ? lib_oom(p) : t;
}

static Term bif_get_env1(Proc *p, const Term *a) { return get_env(p, a[0], A(nil)); }
static Term bif_get_env2(Proc *p, const Term *a) { return get_env(p, a[0], a[1]); }

/* get_env/0: a map of every variable. */
static Term bif_get_env0(Proc *p, const Term *a)
{
    (void)a;
    Term m = map_new(&p->heap);
    for (char **e = environ; e && *e && m != NONE; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        Term k = lib_bin(p, *e, (size_t)(eq - *e)), v = lib_str(p, eq + 1);
        m = k == NONE || v == NONE ? NONE : map_put(&p->heap, m, k, v);
    }
    return m == NONE ? lib_oom(p) : m;
}

static Term bif_put_env(Proc *p, const Term *a)
{
    Strbuf k, v;
    strbuf_init(&k);
    strbuf_init(&v);
    bool ok = cstr_of(a[0], &k) && cstr_of(a[1], &v) && !strchr(strbuf_cstr(&k), '=');
    if (ok)
        setenv(strbuf_cstr(&k), strbuf_cstr(&v), 1);
    strbuf_fini(&k);
    strbuf_fini(&v);
    return ok ? A(ok) : lib_function_clause(p, "Elixir.System", "put_env", 2);
}

static Term bif_delete_env(Proc *p, const Term *a)
{
    Strbuf k;
    strbuf_init(&k);
    bool ok = cstr_of(a[0], &k);
    if (ok)
        unsetenv(strbuf_cstr(&k));
    strbuf_fini(&k);
    return ok ? A(ok) : lib_function_clause(p, "Elixir.System", "delete_env", 1);
}

static const BifDef system_bifs[] = {
    {"Elixir.System", "monotonic_time", 0, 0, bif_monotonic, NULL},
    {"Elixir.System", "monotonic_time", 1, 0, bif_monotonic1, NULL},
    {"Elixir.System", "system_time", 0, 0, bif_system, NULL},
    {"Elixir.System", "system_time", 1, 0, bif_system1, NULL},
    {"Elixir.System", "os_time", 0, 0, bif_system, NULL},
    {"Elixir.System", "os_time", 1, 0, bif_system1, NULL},
    {"Elixir.System", "convert_time_unit", 3, BIF_PURE, bif_convert, NULL},
    {"Elixir.System", "unique_integer", 0, 0, bif_unique, NULL},
    {"Elixir.System", "unique_integer", 1, 0, bif_unique1, NULL},
    {"Elixir.System", "schedulers", 0, 0, bif_schedulers, NULL},
    {"Elixir.System", "schedulers_online", 0, 0, bif_schedulers, NULL},
    {"Elixir.System", "version", 0, BIF_PURE, bif_version, NULL},
    {"Elixir.System", "otp_release", 0, BIF_PURE, bif_otp_release, NULL},
    {"Elixir.System", "get_env", 0, 0, bif_get_env0, NULL},
    {"Elixir.System", "get_env", 1, 0, bif_get_env1, NULL},
    {"Elixir.System", "get_env", 2, 0, bif_get_env2, NULL},
    {"Elixir.System", "put_env", 2, 0, bif_put_env, NULL},
    {"Elixir.System", "delete_env", 1, 0, bif_delete_env, NULL},
};

int lib_system_register(void)
{
    return bif_register(system_bifs, LIB_NDEFS(system_bifs));
}
