/* eval_complete.c — tab completion for the shell (mote_shell_complete).
 *
 * Looks at the token that ends the text before the cursor and offers
 * whole tokens: "Enum.ma" gives "Enum.map" (hint "/2"), "En" gives the
 * modules, ":er" the atoms, a lower-case prefix the bound variables and
 * the imported helpers. It reads only the code server and the atom table,
 * both safe to read from a host thread while processes run.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "atom.h"
#include "code.h"
#include "eval.h"
#include "mote.h"
#include "term.h"

typedef struct Offer {
    void (*add)(const char *word, const char *hint, void *ctx);
    void *ctx;
    size_t n;
} Offer;

static bool is_token_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == ':' || c == '?' ||
           c == '!' || (unsigned char)c >= 0x80;
}

static void offer(Offer *o, const char *word, const char *hint)
{
    o->add(word, hint, o->ctx);
    o->n++;
}

/* Elixir module names without the Elixir. prefix, that start with pre. */
static void offer_modules(Offer *o, const char *pre, size_t len)
{
    for (size_t i = 0; i < code_count(); i++) {
        Module *m = code_at(i);
        size_t n;
        const char *s = m ? atom_text(m->name, &n) : NULL;
        if (s == NULL || n < 7 || memcmp(s, "Elixir.", 7) != 0)
            continue;
        s += 7;
        n -= 7;
        if (n >= len && memcmp(s, pre, len) == 0 && strncmp(s, "Mote.Shell", 10) != 0) {
            char buf[256];
            snprintf(buf, sizeof buf, "%.*s", (int)n, s);
            offer(o, buf, "");
        }
    }
}

/* Public functions of mod whose names start with fun: "Mod.fun" with the
 * arity as hint, one offer per arity. */
static void offer_functions(Offer *o, const Module *m, const char *mod, size_t mlen,
                            const char *fun, size_t flen)
{
    for (uint32_t i = 0; i < m->nnamed; i++) {
        const Fn *fn = m->fns[i];
        size_t n;
        const char *s = atom_text(fn->name, &n);
        if (!fn->exported || n < flen || memcmp(s, fun, flen) != 0 || (n > 1 && s[0] == '_'))
            continue;
        char buf[256], hint[16];
        if (mlen > 0)
            snprintf(buf, sizeof buf, "%.*s.%.*s", (int)mlen, mod, (int)n, s);
        else
            snprintf(buf, sizeof buf, "%.*s", (int)n, s);
        snprintf(hint, sizeof hint, "/%u", fn->arity);
        offer(o, buf, hint);
    }
}

static void offer_atoms(Offer *o, const char *pre, size_t len)
{
    size_t total = atom_count();
    for (size_t i = 0; i < total; i++) {
        size_t n;
        const char *s = atom_text(make_atom(i), &n);
        if (s == NULL || n < len || memcmp(s, pre, len) != 0 || memchr(s, '$', n) != NULL)
            continue;
        if (n >= 7 && memcmp(s, "Elixir.", 7) == 0)
            continue;
        char buf[256];
        snprintf(buf, sizeof buf, ":%.*s", (int)n, s);
        offer(o, buf, "");
    }
}

/* "var.ke": the atom keys of the map bound to var. */
static void offer_map_keys(Offer *o, mote_shell *sh, const char *tok, size_t len)
{
    const char *dot = memchr(tok, '.', len);
    size_t vlen = (size_t)(dot - tok);
    const char *names[256];
    size_t n = mote_shell_bindings(sh, names, 256);
    for (size_t i = 0; i < n && i < 256; i++) {
        if (strlen(names[i]) != vlen || memcmp(names[i], tok, vlen) != 0)
            continue;
        char keys[4096];
        eval_map_keys(sh, i, keys, sizeof keys);
        const char *pre = dot + 1;
        size_t plen = len - vlen - 1;
        for (char *k = strtok(keys, " "); k != NULL; k = strtok(NULL, " ")) {
            if (strncmp(k, pre, plen) != 0)
                continue;
            char buf[256];
            snprintf(buf, sizeof buf, "%.*s.%s", (int)vlen, tok, k);
            offer(o, buf, "");
        }
        return;
    }
}

/* Registered process names starting with pre. */
static void offer_registered(Offer *o, mote_shell *sh, const char *pre, size_t len)
{
    mote_rt *rt = eval_shell_rt(sh);
    mote_pid pids[4096];
    size_t n = 0;
    if (mote_processes(rt, pids, 4096, &n) != 0)
        return;
    for (size_t i = 0; i < n && i < 4096; i++) {
        mote_proc_info info;
        if (mote_proc_info_get(rt, pids[i], &info) == 0 && info.registered_name[0] != '\0' &&
            strncmp(info.registered_name, pre, len) == 0)
            offer(o, info.registered_name, "");
    }
}

static void offer_dotted(Offer *o, const char *tok, size_t len)
{
    const char *dot = memrchr(tok, '.', len);
    size_t mlen = (size_t)(dot - tok);
    char full[256];
    if (tok[0] == ':')
        snprintf(full, sizeof full, "%.*s", (int)mlen - 1, tok + 1);
    else
        snprintf(full, sizeof full, "Elixir.%.*s", (int)mlen, tok);
    Module *m = code_find(atom_from_cstr(full));
    if (m != NULL)
        offer_functions(o, m, tok, mlen, dot + 1, len - mlen - 1);
    else if (tok[0] != ':')
        offer_modules(o, tok, len); /* "Mote.Sh" style nested names */
}

MOTE_API size_t mote_shell_complete(mote_shell *sh, const char *text, size_t len,
                                    void (*add)(const char *word, const char *hint, void *ctx),
                                    void *ctx)
{
    if (text == NULL || add == NULL)
        return 0;
    size_t start = len;
    while (start > 0 && is_token_char(text[start - 1]))
        start--;
    const char *tok = text + start;
    size_t tlen = len - start;
    Offer o = {add, ctx, 0};
    if (tlen > 0 && memchr(tok, '.', tlen) != NULL && sh != NULL && islower((unsigned char)tok[0]))
        offer_map_keys(&o, sh, tok, tlen);
    else if (tlen > 0 && memchr(tok, '.', tlen) != NULL)
        offer_dotted(&o, tok, tlen);
    else if (tlen > 0 && tok[0] == ':')
        offer_atoms(&o, tok + 1, tlen - 1);
    else if (tlen > 0 && isupper((unsigned char)tok[0]))
        offer_modules(&o, tok, tlen);
    else {
        const char *names[256];
        size_t n = mote_shell_bindings(sh, names, 256);
        for (size_t i = 0; i < n && i < 256; i++)
            if (strncmp(names[i], tok, tlen) == 0)
                offer(&o, names[i], "");
        if (sh != NULL && tlen > 0)
            offer_registered(&o, sh, tok, tlen);
        Module *helpers = code_find(atom_from_cstr("Elixir.Mote.Shell"));
        if (helpers != NULL)
            offer_functions(&o, helpers, "", 0, tok, tlen);
    }
    return o.n;
}
