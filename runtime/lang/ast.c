/* ast.c — arena, node constructors and the S-expression printer.
 *
 * The arena hands out memory from chunks that are only freed together, so
 * the parser never frees a node on an error path: dropping the arena drops
 * everything. The printer exists for tests and debugging; its output is the
 * fully parenthesised form the precedence tests compare against.
 */
#include "ast.h"

#include <stdio.h>
#include <string.h>

#include "mem.h"

#define CHUNK_BYTES (64 * 1024)

struct AstChunk {
    AstChunk *next;
    size_t size; /* usable bytes in data */
    size_t used;
    _Alignas(8) unsigned char data[];
};

void ast_arena_init(AstArena *a)
{
    a->head = NULL;
    a->used_bytes = 0;
}

void ast_arena_fini(AstArena *a)
{
    AstChunk *c = a->head;
    while (c) {
        AstChunk *next = c->next;
        mem_free(MEM_CODE, c, sizeof(*c) + c->size);
        c = next;
    }
    a->head = NULL;
    a->used_bytes = 0;
}

void *ast_alloc(AstArena *a, size_t bytes)
{
    bytes = (bytes + 7) & ~(size_t)7;
    AstChunk *c = a->head;
    if (!c || c->size - c->used < bytes) {
        size_t size = bytes > CHUNK_BYTES / 4 ? bytes : CHUNK_BYTES;
        AstChunk *n = mem_alloc(MEM_CODE, sizeof(*n) + size);
        if (!n)
            return NULL;
        n->size = size;
        n->used = 0;
        a->used_bytes += sizeof(*n) + size;
        /* A big one-off block goes behind the current chunk so that the
         * space left in the current one is not wasted. */
        if (c && size != CHUNK_BYTES) {
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            a->head = n;
        }
        c = n;
    }
    void *p = c->data + c->used;
    c->used += bytes;
    return p;
}

char *ast_strdup(AstArena *a, const char *s, size_t len)
{
    char *d = ast_alloc(a, len + 1);
    if (!d)
        return NULL;
    if (len)
        memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

Ast *ast_new(AstArena *a, AstKind kind, uint32_t line, uint32_t col, uint32_t nkids)
{
    Ast *n = ast_alloc(a, sizeof(Ast));
    if (!n)
        return NULL;
    memset(n, 0, sizeof(*n));
    n->kind = (uint8_t)kind;
    n->line = line;
    n->col = col;
    n->depth = 1;
    if (nkids) {
        n->kids = ast_alloc(a, nkids * sizeof(Ast *));
        if (!n->kids)
            return NULL;
        memset(n->kids, 0, nkids * sizeof(Ast *));
        n->nkids = nkids;
    }
    return n;
}

uint32_t ast_fix_depth(Ast *n)
{
    uint32_t d = 0;
    for (uint32_t i = 0; i < n->nkids; i++)
        if (n->kids[i] && n->kids[i]->depth > d)
            d = n->kids[i]->depth;
    n->depth = d + 1;
    return n->depth;
}

uint32_t ast_stab_nargs(const Ast *stab)
{
    return stab->nkids - 1 - ((stab->flags & AST_F_GUARD) ? 1 : 0);
}

const Ast *ast_stab_guard(const Ast *stab)
{
    return (stab->flags & AST_F_GUARD) ? stab->kids[stab->nkids - 2] : NULL;
}

const Ast *ast_stab_body(const Ast *stab)
{
    return stab->kids[stab->nkids - 1];
}

bool ast_is_atom(const Ast *n, const char *name)
{
    return n && n->kind == AST_ATOM && n->v.str.len == strlen(name) &&
           !memcmp(n->v.str.s, name, n->v.str.len);
}

const Ast *ast_kw_find(const Ast *list, const char *key)
{
    if (!list || list->kind != AST_LIST)
        return NULL;
    for (uint32_t i = 0; i < list->nkids; i++) {
        const Ast *p = list->kids[i];
        if (p->kind == AST_PAIR && ast_is_atom(p->kids[0], key))
            return p->kids[1];
    }
    return NULL;
}

const char *ast_kind_name(AstKind k)
{
    static const char *names[AST_KINDS] = {
        "int", "bigint", "float", "atom", "string", "charlist", "interp",
        "var", "alias", "capture_arg", "list", "tuple", "pair", "map",
        "struct", "bits", "op", "call", "remote", "apply", "access",
        "fn", "stab", "clauses", "block", "sigil",
    };
    return (unsigned)k < AST_KINDS ? names[k] : "?";
}

const char *ast_op_text(AstOp op)
{
    static const char *texts[OP_COUNT] = {
#define AST_OP_TEXT(name, text) text,
        AST_OPS(AST_OP_TEXT)
#undef AST_OP_TEXT
    };
    return (unsigned)op < OP_COUNT ? texts[op] : "?";
}

/* ---- printer ------------------------------------------------------------ */

typedef struct Out {
    char *buf;
    size_t cap;
    size_t len; /* bytes wanted so far, may exceed cap */
} Out;

static void put(Out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++, o->len++)
        if (o->len + 1 < o->cap)
            o->buf[o->len] = s[i];
}

static void puts_(Out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void putf(Out *o, const char *fmt, long long v)
{
    char tmp[48];
    int n = snprintf(tmp, sizeof(tmp), fmt, v);
    put(o, tmp, (size_t)n);
}

static void put_quoted(Out *o, const char *s, size_t n, char q)
{
    put(o, &q, 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char tmp[8];
        if (c == (unsigned char)q || c == '\\') {
            tmp[0] = '\\';
            tmp[1] = (char)c;
            put(o, tmp, 2);
        } else if (c == '\n') {
            puts_(o, "\\n");
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(tmp, sizeof(tmp), "\\x%02X", c);
            puts_(o, tmp);
        } else {
            put(o, (const char *)&c, 1);
        }
    }
    put(o, &q, 1);
}

static void print_node(Out *o, const Ast *n);

/* Prints kids[from..] separated by spaces, each preceded by one. */
static void print_kids(Out *o, const Ast *n, uint32_t from)
{
    for (uint32_t i = from; i < n->nkids; i++) {
        puts_(o, " ");
        print_node(o, n->kids[i]);
    }
}

static void print_seq(Out *o, const Ast *n, const char *open, const char *close)
{
    puts_(o, open);
    for (uint32_t i = 0; i < n->nkids; i++) {
        if (i)
            puts_(o, (n->flags & AST_F_IMPROPER) && i + 1 == n->nkids ? " | " : " ");
        print_node(o, n->kids[i]);
    }
    puts_(o, close);
}

static void print_float(Out *o, double f)
{
    char tmp[40];
    snprintf(tmp, sizeof(tmp), "%.15g", f);
    double back = 0;
    if (sscanf(tmp, "%lf", &back) != 1 || back != f)
        snprintf(tmp, sizeof(tmp), "%.17g", f);
    puts_(o, tmp);
    if (!strpbrk(tmp, ".eni"))
        puts_(o, ".0");
}

static void print_atom(Out *o, const Ast *n)
{
    const char *s = n->v.str.s;
    if (!strcmp(s, "true") || !strcmp(s, "false") || !strcmp(s, "nil")) {
        puts_(o, s);
        return;
    }
    puts_(o, ":");
    put(o, s, n->v.str.len);
}

static void print_leaf(Out *o, const Ast *n)
{
    switch (n->kind) {
    case AST_INT: putf(o, "%lld", (long long)n->v.i); break;
    case AST_BIGINT:
        puts_(o, n->op == 16 ? "0x" : n->op == 8 ? "0o" : n->op == 2 ? "0b" : "");
        put(o, n->v.str.s, n->v.str.len);
        break;
    case AST_FLOAT: print_float(o, n->v.f); break;
    case AST_ATOM: print_atom(o, n); break;
    case AST_STRING: put_quoted(o, n->v.str.s, n->v.str.len, '"'); break;
    case AST_CHARLIST: put_quoted(o, n->v.str.s, n->v.str.len, '\''); break;
    case AST_VAR: put(o, n->v.str.s, n->v.str.len); break;
    case AST_CAPTURE_ARG: putf(o, "&%lld", (long long)n->v.i); break;
    default: puts_(o, "?"); break;
    }
}

static void print_node(Out *o, const Ast *n)
{
    if (!n) {
        puts_(o, "<null>");
        return;
    }
    switch (n->kind) {
    case AST_ALIAS:
        if (n->flags & AST_F_DYNAMIC) {
            puts_(o, "(alias");
            print_kids(o, n, 0);
            puts_(o, " ");
        }
        put(o, n->v.str.s, n->v.str.len);
        if (n->flags & AST_F_DYNAMIC)
            puts_(o, ")");
        break;
    case AST_LIST: print_seq(o, n, "[", "]"); break;
    case AST_CLAUSES: print_seq(o, n, "[", "]"); break;
    case AST_TUPLE: print_seq(o, n, "{", "}"); break;
    case AST_PAIR: print_seq(o, n, "{", "}"); break;
    case AST_BITS: print_seq(o, n, "<<", ">>"); break;
    case AST_MAP:
        puts_(o, "%{");
        for (uint32_t i = 0; i < n->nkids; i++) {
            if (i)
                puts_(o, i == 1 && (n->flags & AST_F_UPDATE) ? " | " : " ");
            print_node(o, n->kids[i]);
        }
        puts_(o, "}");
        break;
    case AST_STRUCT: puts_(o, "(%"); print_kids(o, n, 0); puts_(o, ")"); break;
    case AST_INTERP: puts_(o, "(#{}"); print_kids(o, n, 0); puts_(o, ")"); break;
    case AST_OP:
        puts_(o, "(");
        puts_(o, ast_op_text((AstOp)n->op));
        print_kids(o, n, 0);
        puts_(o, ")");
        break;
    case AST_CALL:
        puts_(o, "(");
        put(o, n->v.str.s, n->v.str.len);
        print_kids(o, n, 0);
        puts_(o, ")");
        break;
    case AST_REMOTE:
        puts_(o, "(. ");
        print_node(o, n->kids[0]);
        puts_(o, " ");
        put(o, n->v.str.s, n->v.str.len);
        print_kids(o, n, 1);
        puts_(o, ")");
        break;
    case AST_APPLY: puts_(o, "(.()"); print_kids(o, n, 0); puts_(o, ")"); break;
    case AST_ACCESS: puts_(o, "([]"); print_kids(o, n, 0); puts_(o, ")"); break;
    case AST_FN: puts_(o, "(fn"); print_kids(o, n, 0); puts_(o, ")"); break;
    case AST_BLOCK: puts_(o, "(__block__"); print_kids(o, n, 0); puts_(o, ")"); break;
    case AST_STAB: {
        uint32_t nargs = ast_stab_nargs(n);
        puts_(o, "(-> (");
        for (uint32_t i = 0; i < nargs; i++) {
            if (i)
                puts_(o, " ");
            print_node(o, n->kids[i]);
        }
        puts_(o, ")");
        if (n->flags & AST_F_GUARD) {
            puts_(o, " (when ");
            print_node(o, n->kids[nargs]);
            puts_(o, ")");
        }
        puts_(o, " ");
        print_node(o, n->kids[n->nkids - 1]);
        puts_(o, ")");
        break;
    }
    case AST_SIGIL: {
        char head[4] = {'(', '~', (char)n->op, 0};
        puts_(o, head);
        print_kids(o, n, 0);
        puts_(o, " ");
        put_quoted(o, n->v.str.s ? n->v.str.s : "", n->v.str.len, '"');
        puts_(o, ")");
        break;
    }
    default: print_leaf(o, n); break;
    }
}

size_t ast_sexpr(const Ast *n, char *buf, size_t cap)
{
    Out o = {buf, cap, 0};
    print_node(&o, n);
    if (cap)
        buf[o.len < cap ? o.len : cap - 1] = '\0';
    return o.len;
}
