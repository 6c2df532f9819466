/* comp_use.c — what `use GenServer` (and Supervisor, Agent, Task) injects.
 *
 * mote has no user macros, so `use` cannot run the behaviour's __using__.
 * The one thing a behaviour's `use` must add at compile time is
 * child_spec/1 (callers write Mod.child_spec(arg) and Supervisor needs the
 * options given to `use`); the other default callbacks are supplied by the
 * behaviour at run time when the module does not export them. So
 * `use B, opts` in a module that defines no child_spec/1 becomes
 *     def child_spec(arg), do: B.__mote_child_spec__(__MODULE__, arg, opts)
 * and B decides the default spec (a worker, a supervisor, a temporary task).
 */
#include <string.h>

#include "comp_int.h"
#include "parse.h"

/* Behaviours whose `use` injects child_spec/1. */
static const char *const behaviours[] = {"GenServer", "Supervisor", "DynamicSupervisor", "Agent", "Task"};

static const char tmpl[] = "def child_spec(arg), do: B.__mote_child_spec__(__MODULE__, arg, [])\n";

static bool is_call(const Ast *e, const char *name)
{
    size_t n = strlen(name);
    return e->kind == AST_CALL && e->v.str.len == n && memcmp(e->v.str.s, name, n) == 0;
}

static bool is_behaviour(const Ast *alias)
{
    if (alias->kind != AST_ALIAS || (alias->flags & AST_F_DYNAMIC))
        return false;
    for (size_t i = 0; i < sizeof behaviours / sizeof behaviours[0]; i++) {
        size_t n = strlen(behaviours[i]);
        if (alias->v.str.len == n && memcmp(alias->v.str.s, behaviours[i], n) == 0)
            return true;
    }
    return false;
}

/* Does the module body define child_spec/1 itself (which then wins, as
 * defoverridable makes it)? */
static bool defines_child_spec(const Ast *const *items, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        const Ast *e = items[i];
        if (!(is_call(e, "def") && e->nkids >= 1))
            continue;
        const Ast *h = e->kids[0];
        if (h->kind == AST_OP && h->op == OP_WHEN && h->nkids == 2)
            h = h->kids[0];
        if (is_call(h, "child_spec") && h->nkids == 1)
            return true;
    }
    return false;
}

/* Contract: e is one item of a module body (items[0..n)). Returns the def
 * that replaces a `use B[, opts]` of a known behaviour when the body does
 * not define child_spec/1, else e unchanged. Raises a compile error only
 * when the template cannot be built (out of memory). */
const Ast *comp_use_rewrite(Comp *c, const Ast *e, const Ast *const *items, uint32_t n)
{
    if (!is_call(e, "use") || e->nkids < 1 || !is_behaviour(e->kids[0]))
        return e;
    if (defines_child_spec(items, n))
        return e;
    Ast *root;
    ParseError pe;
    memset(&pe, 0, sizeof pe);
    if (parse_source(&c->arena, "use", tmpl, sizeof tmpl - 1, &root, &pe) != 0)
        comp_error(c, e, "use: cannot build child_spec/1");
    Ast *def = root->kind == AST_BLOCK && root->nkids == 1 ? root->kids[0] : root;
    /* def child_spec(arg), do: REMOTE — point the remote at B and opts. */
    Ast *kw = def->kids[def->nkids - 1];
    Ast *remote = kw->kids[0]->kids[1];
    if (remote->kind != AST_REMOTE || remote->nkids != 4)
        comp_error(c, e, "use: unexpected child_spec/1 template");
    remote->kids[0] = e->kids[0];
    if (e->nkids > 1)
        remote->kids[3] = e->kids[1];
    return def;
}
