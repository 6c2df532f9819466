/* comp_proto.c — defprotocol and defimpl.
 *
 * mote has no user macros, so both are rewritten here into ordinary
 * defmodules, as Elixir's own expansion would name them:
 *   defprotocol P do def f(x, y) end   becomes module P with
 *     f(a0, a1)        -> M.f(a0, a1) where M = Protocol.__mote_impl__(P, a0, fb)
 *                         (nil: Protocol.__mote_impl_for__! raises)
 *     impl_for/1, impl_for!/1, __protocol__/1
 *   defimpl P, for: T do ... end       becomes module P.T with the body
 *     plus __impl__(:for | :protocol).
 * The dispatch (which module implements P for a value) is a cached
 * builtin (lib/proto.c, described in lib/ex/protocol.ex): a struct finds
 * P.Struct, anything else P.Integer, P.List ..., then P.Any when the protocol says
 * @fallback_to_any true. Modules are looked up at call time, so a later
 * defimpl (or a redefinition) takes effect as any module reload does.
 */
#include <stdio.h>
#include <string.h>

#include "atom.h"
#include "comp_int.h"
#include "parse.h"
#include "strbuf.h"

static bool is_call(const Ast *e, const char *name)
{
    size_t n = strlen(name);
    return e != NULL && e->kind == AST_CALL && e->v.str.len == n && memcmp(e->v.str.s, name, n) == 0;
}

/* The do-block of a call with a trailing keyword list, or NULL. */
static const Ast *do_block(const Ast *e)
{
    for (uint32_t i = 1; i < e->nkids; i++) {
        const Ast *b = e->kids[i]->kind == AST_LIST ? ast_kw_find(e->kids[i], "do") : NULL;
        if (b != NULL)
            return b;
    }
    return NULL;
}

/* The value of key `for:` in any keyword argument after the first, or NULL. */
static const Ast *for_opt(const Ast *e)
{
    for (uint32_t i = 1; i < e->nkids; i++) {
        const Ast *b = e->kids[i]->kind == AST_LIST ? ast_kw_find(e->kids[i], "for") : NULL;
        if (b != NULL)
            return b;
    }
    return NULL;
}

/* The items of a do-block held in *bodyp (which must outlive them). */
static void body_items(const Ast *const *bodyp, const Ast *const **items, uint32_t *n)
{
    const Ast *body = *bodyp;
    *items = bodyp;
    *n = 0;
    if (body == NULL)
        return;
    if (body->kind == AST_BLOCK) {
        *items = (const Ast *const *)body->kids;
        *n = body->nkids;
    } else {
        *n = 1;
    }
}

/* Is `@name true` among the items? */
static bool attr_true(const Ast *const *items, uint32_t n, const char *name)
{
    for (uint32_t i = 0; i < n; i++) {
        const Ast *x = items[i];
        if (x->kind == AST_OP && x->op == OP_AT && is_call(x->kids[0], name) && x->kids[0]->nkids == 1 &&
            x->kids[0]->kids[0]->kind == AST_ATOM && x->kids[0]->kids[0]->v.str.len == 4 &&
            memcmp(x->kids[0]->kids[0]->v.str.s, "true", 4) == 0)
            return true;
    }
    return false;
}

/* Parses the text in sb (a single defmodule) in the compile's arena;
 * frees sb's bytes either way (comp_error does not return). */
static Ast *parse_module(Comp *c, const Ast *at, Strbuf *sb)
{
    if (strbuf_failed(sb)) {
        strbuf_fini(sb);
        comp_error(c, at, "protocol: out of memory");
    }
    Ast *root;
    ParseError pe;
    memset(&pe, 0, sizeof pe);
    int rc = parse_source(&c->arena, "protocol", strbuf_cstr(sb), sb->len, &root, &pe);
    strbuf_fini(sb);
    if (rc != 0)
        comp_error(c, at, "protocol: cannot build the module");
    Ast *m = root->kind == AST_BLOCK && root->nkids == 1 ? root->kids[0] : root;
    if (!is_call(m, "defmodule") || m->nkids != 2)
        comp_error(c, at, "protocol: unexpected module template");
    return m;
}

/* The call head of a protocol function definition d (`def f(x)`), or a
 * compile error when it has no argument to dispatch on. */
static const Ast *proto_head(Comp *c, const Ast *d)
{
    const Ast *h = d->kids[0];
    if (h->kind == AST_OP && h->op == OP_WHEN && h->nkids == 2)
        h = h->kids[0];
    if (h->kind != AST_CALL || h->nkids < 1)
        comp_error(c, d, "protocol functions need at least one argument");
    return h;
}

/* Puts the protocol body's attributes (@doc, @moduledoc, @spec ...) of
 * items[0..n) back among the generated module m's functions, each before
 * the generated def of the function it preceded, so h/1 shows the docs.
 * m's body is 4 fixed defs, one def per protocol function in order, then
 * __protocol__(:functions). */
static void keep_attrs(Comp *c, const Ast *e, Ast *m, const Ast *const *items, uint32_t n)
{
    Ast *kw = m->kids[1];
    Ast *pair = NULL;
    for (uint32_t i = 0; i < kw->nkids; i++)
        if (kw->kids[i]->kind == AST_PAIR && kw->kids[i]->kids[0]->kind == AST_ATOM &&
            kw->kids[i]->kids[0]->v.str.len == 2 && memcmp(kw->kids[i]->kids[0]->v.str.s, "do", 2) == 0)
            pair = kw->kids[i];
    if (pair == NULL || pair->kids[1]->kind != AST_BLOCK || pair->kids[1]->nkids < 5)
        return;
    Ast *tb = pair->kids[1];
    Ast *blk = mk_node(c, AST_BLOCK, e, tb->nkids + n);
    uint32_t k = 0, next = 4;
    for (uint32_t i = 0; i < 4; i++)
        blk->kids[k++] = tb->kids[i];
    for (uint32_t i = 0; i < n; i++) {
        const Ast *x = items[i];
        if (is_call(x, "def") && x->nkids >= 1 && next + 1 < tb->nkids)
            blk->kids[k++] = tb->kids[next++];
        else if (x->kind == AST_OP && x->op == OP_AT)
            blk->kids[k++] = (Ast *)x;
    }
    while (next < tb->nkids)
        blk->kids[k++] = tb->kids[next++];
    blk->nkids = k;
    pair->kids[1] = blk;
}

/* Appends "a0, a1, ..., a(n-1)". */
static void args(Strbuf *sb, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++)
        strbuf_printf(sb, "%sa%u", k ? ", " : "", k);
}

/* Contract: e is `defprotocol Name do def f(x)... end`. Emits code leaving
 * the module value on the stack, as defmodule does; compile error on a
 * malformed definition (no do-block, a function without arguments). */
void comp_defprotocol(Comp *c, FnB *f, const Ast *e)
{
    const Ast *body = e->nkids >= 2 ? do_block(e) : NULL;
    if (body == NULL)
        comp_error(c, e, "defprotocol needs a name and a do-block");
    const Ast *const *items;
    uint32_t n;
    body_items(&body, &items, &n);
    const char *fb = attr_true(items, n, "fallback_to_any") ? "true" : "false";
    for (uint32_t i = 0; i < n; i++)
        if (is_call(items[i], "def") && items[i]->nkids >= 1)
            proto_head(c, items[i]); /* refuses before anything is allocated */
    Strbuf sb;
    strbuf_init(&sb);
    strbuf_printf(&sb,
                  "defmodule P do\n"
                  "def __protocol__(:module), do: __MODULE__\n"
                  "def __protocol__(:consolidated?), do: false\n"
                  "def impl_for(x), do: Protocol.__mote_impl_for__(__MODULE__, x, %s)\n"
                  "def impl_for!(x), do: Protocol.__mote_impl_for__!(__MODULE__, x, %s)\n",
                  fb, fb);
    Strbuf fns;
    strbuf_init(&fns);
    for (uint32_t i = 0; i < n; i++) {
        const Ast *d = items[i];
        if (!is_call(d, "def") || d->nkids < 1)
            continue;
        const Ast *h = proto_head(c, d);
        int len = (int)h->v.str.len;
        strbuf_printf(&fns, "%s%.*s: %u", fns.len ? ", " : "", len, h->v.str.s, h->nkids);
        strbuf_printf(&sb, "def %.*s(", len, h->v.str.s);
        args(&sb, h->nkids);
        strbuf_printf(&sb,
                      ") do\ncase Protocol.__mote_impl__(__MODULE__, a0, %s) do\n"
                      "nil -> Protocol.__mote_impl_for__!(__MODULE__, a0, %s)\nm -> m.%.*s(",
                      fb, fb, len, h->v.str.s);
        args(&sb, h->nkids);
        strbuf_puts(&sb, ")\nend\nend\n");
    }
    strbuf_printf(&sb, "def __protocol__(:functions), do: [%.*s]\nend\n", (int)fns.len, strbuf_cstr(&fns));
    if (fns.failed)
        sb.failed = true;
    strbuf_fini(&fns);
    Ast *m = parse_module(c, e, &sb);
    m->kids[0] = e->kids[0];
    keep_attrs(c, e, m, items, n);
    comp_defmodule(c, f, m);
}

/* The name's text without a leading "Elixir.". */
static const char *short_name(Term mod, size_t *len)
{
    const char *s = atom_text(mod, len);
    if (*len > 7 && memcmp(s, "Elixir.", 7) == 0) {
        *len -= 7;
        return s + 7;
    }
    return s;
}

/* Emits one implementation module P.T of body for the target type t. */
static void impl_one(Comp *c, FnB *f, const Ast *e, Term proto, Term t, const Ast *body)
{
    size_t pl, tl;
    const char *ps = short_name(proto, &pl), *ts = short_name(t, &tl);
    Strbuf sb;
    strbuf_init(&sb);
    strbuf_printf(&sb,
                  "defmodule :\"Elixir.%.*s.%.*s\" do\n"
                  "@protocol :\"Elixir.%.*s\"\n@for :\"Elixir.%.*s\"\n"
                  "def __impl__(:for), do: :\"Elixir.%.*s\"\n"
                  "def __impl__(:protocol), do: :\"Elixir.%.*s\"\n%s\nend\n",
                  (int)pl, ps, (int)tl, ts, (int)pl, ps, (int)tl, ts, (int)tl, ts, (int)pl, ps,
                  /* The marker that makes inspect look for impls inside terms. */
                  proto == atom_from_cstr("Elixir.Inspect")
                      ? "defmodule :\"Elixir.Inspect.MoteImpls\" do\ndef __impl__(_), do: true\nend"
                      : "");
    Ast *m = parse_module(c, e, &sb);
    /* Splice the user's body after the template's items. */
    Ast *kw = m->kids[1];
    const Ast *tb = ast_kw_find(kw, "do");
    const Ast *const *ti, *const *ui;
    uint32_t tn, un;
    body_items(&tb, &ti, &tn);
    body_items(&body, &ui, &un);
    Ast *blk = mk_node(c, AST_BLOCK, e, tn + un);
    for (uint32_t i = 0; i < tn; i++)
        blk->kids[i] = (Ast *)ti[i];
    for (uint32_t i = 0; i < un; i++)
        blk->kids[tn + i] = (Ast *)ui[i];
    for (uint32_t i = 0; i < kw->nkids; i++) {
        Ast *pair = kw->kids[i];
        if (pair->kind == AST_PAIR && pair->kids[0]->kind == AST_ATOM && pair->kids[0]->v.str.len == 2 &&
            memcmp(pair->kids[0]->v.str.s, "do", 2) == 0)
            pair->kids[1] = blk;
    }
    comp_defmodule(c, f, m);
}

/* The module an alias or atom names; what says where, for the error. */
static Term type_term(Comp *c, const Ast *t, const char *what)
{
    if (t->kind == AST_ATOM)
        return atom_intern(t->v.str.s, t->v.str.len);
    if (t->kind != AST_ALIAS)
        comp_error(c, t, "%s must name a module", what);
    return comp_alias(c, t);
}

/* Contract: e is `defimpl P[, for: T | [T...]] do ... end`; without for:
 * the enclosing module is the type (compile error at top level). Emits
 * one module per type, leaving the last one's value on the stack. */
void comp_defimpl(Comp *c, FnB *f, const Ast *e)
{
    const Ast *body = e->nkids >= 2 ? do_block(e) : NULL;
    if (body == NULL || (e->kids[0]->kind != AST_ALIAS && e->kids[0]->kind != AST_ATOM))
        comp_error(c, e, "defimpl needs a protocol and a do-block");
    Term proto = type_term(c, e->kids[0], "defimpl's protocol");
    const Ast *fo = for_opt(e);
    if (fo == NULL) {
        if (c->mb == &c->top)
            comp_error(c, e, "defimpl outside a module needs for:");
        impl_one(c, f, e, proto, c->mb->name, body);
        return;
    }
    if (fo->kind != AST_LIST) {
        impl_one(c, f, e, proto, type_term(c, fo, "defimpl's for:"), body);
        return;
    }
    if (fo->nkids == 0)
        comp_error(c, e, "defimpl: for: is an empty list");
    for (uint32_t i = 0; i < fo->nkids; i++) {
        if (i > 0)
            emit_op(c, f, OPC_POP, -1);
        impl_one(c, f, e, proto, type_term(c, fo->kids[i], "defimpl's for:"), body);
    }
}

/* Contract: the value on top of the stack becomes its String.Chars text:
 * a binary stays (no call), a map (a struct maybe with its own
 * String.Chars) goes through Protocol.__mote_to_string__/1, anything else
 * through the builtin TO_STR. Stack depth unchanged. */
void comp_to_str(Comp *c, FnB *f)
{
    uint32_t not_map, done;
    emit_op(c, f, OPC_DUP, 1);
    emit_op(c, f, OPC_M_MAP, 0);
    not_map = emit_label_hole(c, f);
    emit_op(c, f, OPC_POP, -1);
    comp_call_remote(c, f, atom_from_cstr("Elixir.Protocol"), atom_from_cstr("__mote_to_string__"), 1, 0);
    emit_jump(c, f, OPC_JUMP, &done);
    /* M_MAP popped the copy on its way here. */
    patch(f, not_map, f->ncode);
    emit_op(c, f, OPC_TO_STR, 0);
    patch(f, done, f->ncode);
}

/* The standard calls a protocol implementation can change, sent to the
 * Protocol module's checks (which then call the builtins). */
static const struct {
    const char *mod, *name, *to;
    uint32_t lo, hi;
} redirects[] = {
    {"Elixir.Kernel", "to_string", "__mote_to_string__", 1, 1},
    {"Elixir.Kernel", "to_charlist", "__mote_to_charlist__", 1, 1},
    {"Elixir.String.Chars", "to_string", "__mote_to_string__", 1, 1},
    {"Elixir.Kernel", "inspect", "__mote_inspect__", 1, 2},
    {"Elixir.IO", "inspect", "__mote_io_inspect__", 1, 2},
};

/* Contract: a remote call mod.name/n about to be compiled; rewrites
 * *mod and *name when the call is one a user's String.Chars or Inspect
 * implementation changes (never inside Protocol itself, whose checks
 * call the builtins). */
void comp_proto_redirect(Comp *c, Term *mod, Term *name, uint32_t n)
{
    Term proto = atom_from_cstr("Elixir.Protocol");
    if (c->mb != NULL && c->mb->name == proto)
        return;
    for (size_t i = 0; i < sizeof redirects / sizeof redirects[0]; i++) {
        if (n < redirects[i].lo || n > redirects[i].hi)
            continue;
        if (*mod == atom_from_cstr(redirects[i].mod) && *name == atom_from_cstr(redirects[i].name)) {
            *mod = proto;
            *name = atom_from_cstr(redirects[i].to);
            return;
        }
    }
}

/* Sets the value of the do: pair of the keyword list kw to v. */
static void set_do(Ast *kw, const Ast *v)
{
    for (uint32_t i = 0; kw != NULL && kw->kind == AST_LIST && i < kw->nkids; i++) {
        Ast *pair = kw->kids[i];
        if (pair->kind == AST_PAIR && pair->kids[0]->kind == AST_ATOM && pair->kids[0]->v.str.len == 2 &&
            memcmp(pair->kids[0]->v.str.s, "do", 2) == 0)
            pair->kids[1] = (Ast *)v;
    }
}

/* @derive {Inspect, only: [...]} or except: as Elixir's Inspect deriving:
 * an impl Inspect.Mod that shows #Mod<field: value, ..., ...> (decided
 * and laid out at run time by Protocol.__mote_redacted__/3, which needs
 * the defstruct that follows the @derive). The options' AST becomes the
 * body of __mote_derive_opts__/0. */
static void derive_redacted(Comp *c, FnB *f, const Ast *at, const Ast *opts)
{
    size_t tl;
    const char *ts = short_name(c->mb->name, &tl);
    Strbuf sb;
    strbuf_init(&sb);
    strbuf_printf(&sb,
                  "defmodule :\"Elixir.Inspect.%.*s\" do\n"
                  "def __impl__(:for), do: :\"Elixir.%.*s\"\n"
                  "def __impl__(:protocol), do: Inspect\n"
                  "def inspect(s, o), do: Protocol.__mote_redacted__(s, __mote_derive_opts__(), o)\n"
                  "def __mote_derive_opts__(), do: nil\n"
                  "defmodule :\"Elixir.Inspect.MoteImpls\" do\ndef __impl__(_), do: true\nend\n"
                  "end\n",
                  (int)tl, ts, (int)tl, ts);
    Ast *m = parse_module(c, at, &sb);
    const Ast *body = ast_kw_find(m->kids[1], "do");
    for (uint32_t i = 0; body != NULL && body->kind == AST_BLOCK && i < body->nkids; i++) {
        Ast *d = body->kids[i];
        if (is_call(d, "def") && d->nkids == 2 && is_call(d->kids[0], "__mote_derive_opts__"))
            set_do(d->kids[1], opts);
    }
    ModB *keep = c->mb;
    comp_defmodule(c, f, m);
    c->mb = keep;
}

/* Contract: x is one item of the body of the module c->mb. For
 * `@derive P` or `@derive [P, ...]` emits, per protocol, the module P.Mod
 * whose __mote_derived__/0 names P.Any (the dispatch then uses P.Any, as
 * Elixir's default deriving does) and returns true; false for anything
 * else. Deriving options ({P, opts}) are accepted and ignored, but for
 * Inspect's only:/except: (derive_redacted). */
bool comp_proto_derive(Comp *c, FnB *f, const Ast *x)
{
    if (!(x->kind == AST_OP && x->op == OP_AT && is_call(x->kids[0], "derive") && x->kids[0]->nkids == 1))
        return false;
    const Ast *what = x->kids[0]->kids[0];
    const Ast *const *ps = (const Ast *const *)&what;
    uint32_t n = 1;
    if (what->kind == AST_LIST) {
        ps = (const Ast *const *)what->kids;
        n = what->nkids;
    }
    for (uint32_t i = 0; i < n; i++) {
        const Ast *p = ps[i], *opts = NULL;
        if (p->kind == AST_TUPLE && p->nkids == 2) {
            opts = p->kids[1];
            p = p->kids[0];
        }
        Term proto = type_term(c, p, "@derive");
        if (proto == atom_from_cstr("Elixir.Inspect") && opts != NULL && opts->kind == AST_LIST &&
            (ast_kw_find(opts, "only") != NULL || ast_kw_find(opts, "except") != NULL)) {
            derive_redacted(c, f, x, opts);
            emit_op(c, f, OPC_POP, -1);
            continue;
        }
        size_t pl, tl;
        const char *pst = short_name(proto, &pl), *ts = short_name(c->mb->name, &tl);
        Strbuf sb;
        strbuf_init(&sb);
        strbuf_printf(&sb,
                      "defmodule :\"Elixir.%.*s.%.*s\" do\n"
                      "def __impl__(:for), do: :\"Elixir.%.*s\"\n"
                      "def __impl__(:protocol), do: :\"Elixir.%.*s\"\n"
                      "def __mote_derived__(), do: :\"Elixir.%.*s.Any\"\nend\n",
                      (int)pl, pst, (int)tl, ts, (int)tl, ts, (int)pl, pst, (int)pl, pst);
        Ast *m = parse_module(c, x, &sb);
        ModB *keep = c->mb;
        comp_defmodule(c, f, m);
        c->mb = keep;
        emit_op(c, f, OPC_POP, -1);
    }
    return true;
}
