/* env.c — the C term API of mote.h: envs, constructors, readers, order.
 *
 * Every constructor builds in env->heap (a detached env's own heap, or a
 * process heap during its callback) and returns MOTE_NONE on failure with
 * mote_last_error() saying why. Nothing here trusts its arguments: a
 * MOTE_NONE element, a NULL pointer or a term of the wrong type is
 * refused with a message, never a crash. Terms passed in are assumed to be
 * live terms of this runtime (a word that is not a term cannot be told
 * from one).
 */
#include "atom.h"
#include "big.h"
#include "bin.h"
#include "env.h"
#include "err.h"
#include "map.h"
#include "mem.h"
#include "node.h"

void env_init_proc(mote_env *env, struct Node *node, struct Proc *proc, Heap *heap)
{
    memset(env, 0, sizeof *env);
    env->node = node;
    env->proc = proc;
    env->heap = heap;
    env->owns_heap = false;
}

int env_init_detached(mote_env *env, struct Node *node)
{
    memset(env, 0, sizeof *env);
    env->node = node;
    int rc = heap_init(&env->own, ENV_INIT_WORDS);
    if (rc < 0)
        return rc;
    env->heap = &env->own;
    env->owns_heap = true;
    return 0;
}

void env_fini(mote_env *env)
{
    if (env->owns_heap)
        heap_fini(&env->own);
    env->heap = NULL;
    env->owns_heap = false;
}

/* rt may be NULL for an env used only to build and read terms; such an
 * env cannot make references. Any host thread. */
MOTE_API mote_env *mote_env_new(mote_rt *rt)
{
    mote_env *env = mem_alloc(MEM_SYSTEM, sizeof *env);
    if (!env) {
        api_error(MOTE_ENOMEM, "mote_env_new: out of memory for the env");
        return NULL;
    }
    if (env_init_detached(env, rt ? node_of_rt(rt) : NULL) < 0) {
        mem_free(MEM_SYSTEM, env, sizeof *env);
        api_error(MOTE_ENOMEM, "mote_env_new: out of memory for the env's heap");
        return NULL;
    }
    return env;
}

/* Only detached envs are freed; a process's env belongs to the process. */
MOTE_API void mote_env_free(mote_env *env)
{
    if (!env)
        return;
    if (!env->owns_heap) {
        api_error(MOTE_ESTATE, "mote_env_free: this env is a process's own (mote_env_of)");
        return;
    }
    env_fini(env);
    mem_free(MEM_SYSTEM, env, sizeof *env);
}

/* Drops every term built so far by starting a fresh heap; keeps the old
 * one if no memory is left for the new (the terms then stay valid). */
MOTE_API void mote_env_clear(mote_env *env)
{
    if (!env || !env->owns_heap)
        return;
    Heap fresh;
    if (heap_init(&fresh, ENV_INIT_WORDS) < 0) {
        api_error(MOTE_ENOMEM, "mote_env_clear: out of memory; terms kept");
        return;
    }
    heap_fini(&env->own);
    env->own = fresh;
    env->heap = &env->own;
}

/* ---- constructors ------------------------------------------------------ */

static bool env_ok(mote_env *env, const char *fn)
{
    if (env && env->heap)
        return true;
    api_error(MOTE_EINVAL, "%s: env is NULL or already freed", fn);
    return false;
}

static mote_term built(const mote_env *env, mote_term t, const char *fn)
{
    if (t != MOTE_NONE)
        return t;
    if (env->heap->flags & HEAP_CAP_HIT)
        api_error(MOTE_EHEAPCAP, "%s: the process is at its max_heap_words (%zu words); it "
                  "exits {:max_heap_size, words} when the callback returns",
                  fn, env->heap->max_words);
    else
        api_error(MOTE_ENOMEM, "%s: out of memory in the env's heap", fn);
    return t;
}

MOTE_API mote_term mote_int(mote_env *env, int64_t v)
{
    if (!env_ok(env, "mote_int"))
        return MOTE_NONE;
    return built(env, int_from_i64(env->heap, v), "mote_int");
}

MOTE_API mote_term mote_uint(mote_env *env, uint64_t v)
{
    if (!env_ok(env, "mote_uint"))
        return MOTE_NONE;
    return built(env, int_from_u64(env->heap, v), "mote_uint");
}

/* Erlang has no infinities or NaN, so neither do we. */
MOTE_API mote_term mote_float(mote_env *env, double v)
{
    if (!env_ok(env, "mote_float"))
        return MOTE_NONE;
    if (!__builtin_isfinite(v)) {
        api_error(MOTE_EINVAL, "mote_float: %g is not a finite number", v);
        return MOTE_NONE;
    }
    return built(env, float_new(env->heap, v), "mote_float");
}

MOTE_API mote_term mote_atom(mote_env *env, const char *name)
{
    (void)env; /* atoms live in the global table, not in a heap */
    if (!name) {
        api_error(MOTE_EINVAL, "mote_atom: name is NULL");
        return MOTE_NONE;
    }
    Term a = atom_intern(name, strlen(name));
    if (a == NONE)
        api_error(MOTE_EINVAL, "mote_atom: \"%.40s\" is not valid UTF-8 of at most %d "
                  "characters, or the atom table is full", name, ATOM_MAX_CHARS);
    return a;
}

MOTE_API mote_term mote_binary(mote_env *env, const void *bytes, size_t len)
{
    if (!env_ok(env, "mote_binary"))
        return MOTE_NONE;
    if (!bytes && len > 0) {
        api_error(MOTE_EINVAL, "mote_binary: bytes is NULL but len is %zu", len);
        return MOTE_NONE;
    }
    return built(env, bin_new(env->heap, bytes, len), "mote_binary");
}

MOTE_API mote_term mote_string(mote_env *env, const char *utf8)
{
    if (!utf8) {
        api_error(MOTE_EINVAL, "mote_string: utf8 is NULL");
        return MOTE_NONE;
    }
    return mote_binary(env, utf8, strlen(utf8));
}

/* True when none of the n terms is MOTE_NONE (a failed constructor's
 * result passed on); otherwise sets the error. */
static bool elems_ok(const mote_term *elems, size_t n, const char *fn)
{
    if (n > 0 && !elems) {
        api_error(MOTE_EINVAL, "%s: elems is NULL but n is %zu", fn, n);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (elems[i] == MOTE_NONE) {
            api_error(MOTE_EINVAL, "%s: element %zu is MOTE_NONE", fn, i);
            return false;
        }
    }
    return true;
}

MOTE_API mote_term mote_tuple(mote_env *env, size_t n, const mote_term *elems)
{
    if (!env_ok(env, "mote_tuple") || !elems_ok(elems, n, "mote_tuple"))
        return MOTE_NONE;
    Term *p = heap_alloc(env->heap, n + 1);
    if (!p)
        return built(env, MOTE_NONE, "mote_tuple");
    p[0] = make_header(HDR_TUPLE, n);
    if (n > 0)
        memcpy(p + 1, elems, n * sizeof(Term));
    return make_boxed(p);
}

MOTE_API mote_term mote_list(mote_env *env, size_t n, const mote_term *elems)
{
    if (!env_ok(env, "mote_list") || !elems_ok(elems, n, "mote_list"))
        return MOTE_NONE;
    if (n == 0)
        return NIL;
    if (n > SIZE_MAX / 16) {
        api_error(MOTE_ELIMIT, "mote_list: %zu elements is too many", n);
        return MOTE_NONE;
    }
    Term *p = heap_alloc(env->heap, 2 * n);
    if (!p)
        return built(env, MOTE_NONE, "mote_list");
    for (size_t i = 0; i < n; i++) {
        p[2 * i] = elems[i];
        p[2 * i + 1] = i + 1 < n ? make_list(p + 2 * i + 2) : NIL;
    }
    return make_list(p);
}

MOTE_API mote_term mote_cons(mote_env *env, mote_term head, mote_term tail)
{
    if (!env_ok(env, "mote_cons"))
        return MOTE_NONE;
    if (head == MOTE_NONE || tail == MOTE_NONE) {
        api_error(MOTE_EINVAL, "mote_cons: %s is MOTE_NONE", head == MOTE_NONE ? "head" : "tail");
        return MOTE_NONE;
    }
    Term *p = heap_alloc(env->heap, 2);
    if (!p)
        return built(env, MOTE_NONE, "mote_cons");
    p[0] = head;
    p[1] = tail;
    return make_list(p);
}

MOTE_API mote_term mote_nil(void) { return NIL; }

MOTE_API mote_term mote_pid_term(mote_pid pid)
{
    if (!is_local_pid(pid)) {
        api_error(MOTE_EINVAL, "mote_pid_term: %#llx is not a pid", (unsigned long long)pid);
        return MOTE_NONE;
    }
    return pid;
}

MOTE_API mote_term mote_map_new(mote_env *env)
{
    if (!env_ok(env, "mote_map_new"))
        return MOTE_NONE;
    return built(env, map_new(env->heap), "mote_map_new");
}

MOTE_API mote_term mote_map_put(mote_env *env, mote_term map, mote_term key, mote_term value)
{
    if (!env_ok(env, "mote_map_put"))
        return MOTE_NONE;
    if (!is_map(map)) {
        api_error(MOTE_EBADARG, "mote_map_put: the first argument is not a map");
        return MOTE_NONE;
    }
    if (key == MOTE_NONE || value == MOTE_NONE) {
        api_error(MOTE_EINVAL, "mote_map_put: %s is MOTE_NONE", key == MOTE_NONE ? "key" : "value");
        return MOTE_NONE;
    }
    return built(env, map_put(env->heap, map, key, value), "mote_map_put");
}

MOTE_API mote_term mote_make_ref(mote_env *env)
{
    if (!env_ok(env, "mote_make_ref"))
        return MOTE_NONE;
    if (!env->node) {
        api_error(MOTE_ESTATE, "mote_make_ref: env has no runtime (made with mote_env_new(NULL))");
        return MOTE_NONE;
    }
    uint64_t id[2];
    node_new_ref(env->node, id);
    Term *p = heap_alloc(env->heap, 3);
    if (!p)
        return built(env, MOTE_NONE, "mote_make_ref");
    p[0] = make_header(HDR_REF, 2);
    p[1] = id[0];
    p[2] = id[1];
    return make_boxed(p);
}

/* ---- readers ----------------------------------------------------------- */

MOTE_API mote_type mote_type_of(mote_term t)
{
    switch (term_order_class(t)) {
    case 0: return is_float(t) ? MOTE_T_FLOAT : MOTE_T_INTEGER;
    case 1: return MOTE_T_ATOM;
    case 2: return MOTE_T_REF;
    case 3: return MOTE_T_FUN;
    case 4: return MOTE_T_PORT;
    case 5: return MOTE_T_PID;
    case 6: return MOTE_T_TUPLE;
    case 7: return MOTE_T_MAP;
    case 8: return MOTE_T_NIL;
    case 9: return MOTE_T_LIST;
    case 10: return MOTE_T_BITSTRING;
    default: return MOTE_T_INVALID;
    }
}

static int wrong_type(const char *fn, const char *want)
{
    return api_error(MOTE_EBADARG, "%s: the term is not %s", fn, want);
}

static int null_out(const char *fn)
{
    return api_error(MOTE_EINVAL, "%s: an output pointer is NULL", fn);
}

MOTE_API int mote_get_int(mote_term t, int64_t *out)
{
    if (!out)
        return null_out("mote_get_int");
    if (!is_integer(t))
        return wrong_type("mote_get_int", "an integer");
    if (!int_to_i64(t, out))
        return api_error(MOTE_ELIMIT, "mote_get_int: the integer does not fit in 64 bits");
    return MOTE_OK;
}

MOTE_API int mote_get_float(mote_term t, double *out)
{
    if (!out)
        return null_out("mote_get_float");
    if (!is_float(t))
        return wrong_type("mote_get_float", "a float");
    *out = float_val(t);
    return MOTE_OK;
}

MOTE_API int mote_get_atom(mote_term t, const char **name, size_t *len)
{
    if (!name)
        return null_out("mote_get_atom");
    const char *text = is_atom(t) ? atom_text(t, len) : NULL;
    if (!text)
        return wrong_type("mote_get_atom", "an atom");
    *name = text;
    return MOTE_OK;
}

MOTE_API bool mote_is_atom(mote_term t, const char *name)
{
    size_t len;
    const char *text = is_atom(t) && name ? atom_text(t, &len) : NULL;
    return text && strlen(name) == len && memcmp(text, name, len) == 0;
}

MOTE_API int mote_get_binary(mote_term t, const void **bytes, size_t *len)
{
    if (!bytes || !len)
        return null_out("mote_get_binary");
    const uint8_t *p;
    if (!is_bitstring(t) || !bin_bytes(t, &p, len))
        return wrong_type("mote_get_binary", "a byte-aligned binary");
    *bytes = p;
    return MOTE_OK;
}

MOTE_API int mote_get_tuple(mote_term t, size_t *n, const mote_term **elems)
{
    if (!n || !elems)
        return null_out("mote_get_tuple");
    if (!is_tuple(t))
        return wrong_type("mote_get_tuple", "a tuple");
    *n = tuple_size(t);
    *elems = tuple_elems(t);
    return MOTE_OK;
}

MOTE_API int mote_get_cons(mote_term t, mote_term *head, mote_term *tail)
{
    if (!head || !tail)
        return null_out("mote_get_cons");
    if (!is_cons(t))
        return wrong_type("mote_get_cons", "a non-empty list");
    *head = list_head(t);
    *tail = list_tail(t);
    return MOTE_OK;
}

MOTE_API int mote_get_pid(mote_term t, mote_pid *out)
{
    if (!out)
        return null_out("mote_get_pid");
    if (!is_local_pid(t))
        return wrong_type("mote_get_pid", "a local pid");
    *out = t;
    return MOTE_OK;
}

/* An absent key is MOTE_EINVAL ("no such key"), distinct from a map
 * argument that is not a map (MOTE_EBADARG). */
MOTE_API int mote_map_get(mote_term map, mote_term key, mote_term *value)
{
    if (!value)
        return null_out("mote_map_get");
    if (!is_map(map))
        return wrong_type("mote_map_get", "a map");
    if (key == MOTE_NONE)
        return api_error(MOTE_EINVAL, "mote_map_get: key is MOTE_NONE");
    Term v = map_get(map, key);
    if (v == NONE)
        return api_error(MOTE_EINVAL, "mote_map_get: no such key in the map");
    *value = v;
    return MOTE_OK;
}

MOTE_API int mote_compare(mote_term a, mote_term b)
{
    return term_cmp(a, b);
}

MOTE_API bool mote_equal(mote_term a, mote_term b)
{
    return term_eq_exact(a, b);
}
