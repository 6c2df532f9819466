/* ast.h — the syntax tree the parser hands to the compiler.
 *
 * Every node is one Ast struct: a kind, an operator or letter, flags, the
 * source position, and an array of children. All nodes, child arrays and
 * strings live in one AstArena, freed in one call; nothing in a tree is
 * owned separately. Trees are at most AST_MAX_DEPTH deep, so a consumer
 * may recurse over them without checking. The full description of each
 * kind, with examples, is in docs/language.md.
 *
 * Shape by kind (kids in order; "str" is v.str, bytes not NUL-terminated
 * but followed by a NUL for convenience):
 *   INT          v.i                          42, 0x1F, ?a
 *   BIGINT       str = digits, op = base      123456789012345678901234
 *   FLOAT        v.f                          1.5e3
 *   ATOM         str = name                   :ok, true, nil, :"a b"
 *   STRING       str = bytes (escapes done)   "a\n"
 *   CHARLIST     str = UTF-8 bytes            'abc'
 *   INTERP       parts: STRING or any expr    "a#{x}b"; flags CHARLIST/ATOM
 *   VAR          str = name                   x (a variable or a 0-arity call)
 *   ALIAS        str = "Foo.Bar"              Foo.Bar; with F_DYNAMIC kids[0]
 *                                             is the base expr (__MODULE__.X)
 *   CAPTURE_ARG  v.i = n                      &1
 *   LIST         elements; F_IMPROPER: last kid is the tail; keyword
 *                elements are PAIRs; F_DOBLOCK: do/else/... PAIRs
 *   TUPLE        elements
 *   PAIR         key, value (a 2-tuple)       a: 1, "k" => v; F_KW if key:
 *   MAP          PAIRs; F_UPDATE: kids[0] is the map being updated
 *   STRUCT       name expr, MAP               %User{a: 1}
 *   BITS         segments (exprs, maybe OP '::')  <<a::size(8), b>>
 *   OP           op; 1 kid (unary), 2 (binary), 3 (OP_RANGE_STEP a..b//c)
 *   CALL         str = name, kids = args      foo(a), foo a, b: 1
 *   REMOTE       str = name, kids[0] = target, then args   Mod.f(x), m.key
 *   APPLY        kids[0] = fun, then args     f.(x)
 *   ACCESS       container, key               m[:k]
 *   FN           STABs                        fn x -> x end
 *   STAB         args..., [guard], body; F_GUARD when a guard is present
 *   CLAUSES      STABs (a do/else section made of -> clauses)
 *   BLOCK        exprs (several, or none for "()")
 *   SIGIL        op = letter, str = modifiers, kids[0] = STRING or INTERP
 */
#ifndef MOTE_AST_H
#define MOTE_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Deepest tree the parser builds; deeper input is a syntax error. */
#define AST_MAX_DEPTH 500

typedef enum AstKind {
    AST_INT, AST_BIGINT, AST_FLOAT, AST_ATOM, AST_STRING, AST_CHARLIST, AST_INTERP,
    AST_VAR, AST_ALIAS, AST_CAPTURE_ARG, AST_LIST, AST_TUPLE, AST_PAIR, AST_MAP,
    AST_STRUCT, AST_BITS, AST_OP, AST_CALL, AST_REMOTE, AST_APPLY, AST_ACCESS,
    AST_FN, AST_STAB, AST_CLAUSES, AST_BLOCK, AST_SIGIL,
    AST_KINDS
} AstKind;

/* Operators: enum name and spelling, written once. */
#define AST_OPS(X)                                                                 \
    X(MATCH, "=") X(ADD, "+") X(SUB, "-") X(MUL, "*") X(DIV, "/") X(POW, "**")      \
    X(EQ, "==") X(NE, "!=") X(SEQ, "===") X(SNE, "!==") X(LT, "<") X(GT, ">")       \
    X(LE, "<=") X(GE, ">=") X(MATCHRE, "=~") X(AND, "and") X(OR, "or")              \
    X(NOT, "not") X(AAND, "&&") X(OOR, "||") X(BANG, "!") X(CONCAT, "<>")           \
    X(PLUSPLUS, "++") X(MINUSMINUS, "--") X(PIPE, "|>") X(IN, "in")                 \
    X(NOTIN, "not in") X(PIN, "^") X(BAR, "|") X(TYPE, "::") X(WHEN, "when")        \
    X(LARROW, "<-") X(DEFAULT, "\\\\") X(ARROW, "->") X(ASSOC, "=>")                \
    X(CAPTURE, "&") X(AT, "@") X(RANGE, "..") X(STEP, "//") X(RANGE_STEP, "..//")   \
    X(DOT, ".") X(BAND3, "&&&") X(BOR3, "|||") X(BXOR3, "^^^") X(BNOT3, "~~~")      \
    X(SHL3, "<<<") X(SHR3, ">>>") X(PLUS3, "+++") X(MINUS3, "---")                  \
    X(ELLIPSIS, "...") X(TGT, "~>") X(LTT, "<~") X(LTTGT, "<~>") X(LTBGT, "<|>")    \
    X(LLT, "<<~") X(TGG, "~>>")

typedef enum AstOp {
#define AST_OP_ENUM(name, text) OP_##name,
    AST_OPS(AST_OP_ENUM)
#undef AST_OP_ENUM
    OP_COUNT
} AstOp;

enum {
    AST_F_PARENS = 1 << 0,   /* written inside ( ): no operator rewriting */
    AST_F_IMPROPER = 1 << 1, /* LIST: last kid is the tail of [a | t] */
    AST_F_DOBLOCK = 1 << 2,  /* LIST: came from do ... end */
    AST_F_KW = 1 << 3,       /* PAIR: key: value syntax; LIST: all keyword */
    AST_F_UPDATE = 1 << 4,   /* MAP: %{base | ...} */
    AST_F_GUARD = 1 << 5,    /* STAB: the kid before the body is a guard */
    AST_F_CHARLIST = 1 << 6, /* INTERP: builds a charlist */
    AST_F_ATOM = 1 << 7,     /* INTERP: builds an atom */
    AST_F_DYNAMIC = 1 << 8,  /* ALIAS: kids[0] is the base expression */
    AST_F_HEREDOC = 1 << 9,  /* STRING/CHARLIST/INTERP/SIGIL: written as heredoc */
    AST_F_ARGS = 1 << 10,    /* BLOCK: "(a, b)" head of a -> clause */
    AST_F_DIRECT = 1 << 11,  /* APPLY: f(x)(y), no dot: quotes as {f(x), [], [y]} */
};

typedef struct Ast Ast;
struct Ast {
    uint8_t kind;   /* AstKind */
    uint8_t op;     /* AstOp (OP), base (BIGINT), letter (SIGIL) */
    uint16_t flags; /* AST_F_* */
    uint32_t line;  /* 1-based */
    uint32_t col;   /* 1-based, in bytes */
    uint32_t depth; /* 1 + deepest kid; at most AST_MAX_DEPTH */
    uint32_t nkids;
    Ast **kids; /* in the arena */
    union {
        int64_t i;
        double f;
        struct {
            const char *s; /* in the arena, NUL after len bytes */
            uint32_t len;
        } str;
    } v;
};

/* An arena of nodes, arrays and strings, freed all at once. */
typedef struct AstChunk AstChunk;
typedef struct AstArena {
    AstChunk *head;   /* newest chunk first */
    size_t used_bytes; /* all chunk bytes, for limits and statistics */
} AstArena;

void ast_arena_init(AstArena *a);
/* Frees every node, array and string allocated from a. */
void ast_arena_fini(AstArena *a);
/* 8-byte aligned memory; NULL when out of memory. */
void *ast_alloc(AstArena *a, size_t bytes);
/* Copies len bytes plus a NUL into the arena; NULL when out of memory. */
char *ast_strdup(AstArena *a, const char *s, size_t len);

/* A zeroed node with room for nkids kids (kids[] zeroed); NULL on OOM. */
Ast *ast_new(AstArena *a, AstKind kind, uint32_t line, uint32_t col, uint32_t nkids);
/* Recomputes n->depth from its kids; returns it. */
uint32_t ast_fix_depth(Ast *n);

/* Helpers for consumers. A STAB's arguments are kids[0..nargs), then the
 * guard (or NULL), then the body. */
uint32_t ast_stab_nargs(const Ast *stab);
const Ast *ast_stab_guard(const Ast *stab);
const Ast *ast_stab_body(const Ast *stab);
/* The value stored under key in a keyword LIST (k: v pairs, do-blocks);
 * NULL when absent or when list is not a LIST. */
const Ast *ast_kw_find(const Ast *list, const char *key);
/* Is n the atom name (e.g. "nil", "true")? */
bool ast_is_atom(const Ast *n, const char *name);

const char *ast_kind_name(AstKind k); /* static, never NULL */
const char *ast_op_text(AstOp op);    /* "+", "not in"; static, never NULL */

/* Writes n as a fully parenthesised S-expression: 1 + 2 * 3 becomes
 * "(+ 1 (* 2 3))". Returns the length it needed (like snprintf); the
 * output is truncated to cap - 1 bytes and NUL-terminated when cap > 0.
 * Meant for tests and debugging. */
size_t ast_sexpr(const Ast *n, char *buf, size_t cap);

#endif
