/* comp_int.h — private to the compiler (comp*.c).
 *
 * A compile runs on one thread with a Comp context; errors longjmp back
 * to comp_script with a message, after which every allocation of the
 * compile is freed. On success the code and literals become permanent.
 */
#ifndef MOTE_COMP_INT_H
#define MOTE_COMP_INT_H

#include <setjmp.h>

#include "ast.h"
#include "comp.h"
#include "vm.h"

typedef struct Var {
    const char *name;
    uint32_t len;
    uint32_t slot;
} Var;

typedef struct FnB FnB;
typedef struct ModB ModB;

/* A function being built. */
struct FnB {
    ModB *mb;
    FnB *parent;          /* enclosing function (fn expressions)           */
    uint32_t *code;
    uint32_t ncode, capcode;
    Term *lits;
    uint32_t nlits, caplits;
    CallSite *sites;
    uint32_t nsites, capsites;
    const BifDef **bifs;
    uint32_t nbifs, capbifs;
    uint32_t *lines;
    uint32_t nlines, caplines;
    uint32_t nargs;       /* arity                                         */
    uint32_t nslots;      /* locals so far                                 */
    uint32_t depth, max_depth;
    Var *vars;            /* visible variables, innermost last             */
    uint32_t nvars, capvars;
    Var *caps;            /* captured from parent: name -> parent slot     */
    uint32_t ncaps, capcaps;
    uint32_t nocapture;   /* nvars at fn entry: older ones are parent's    */
    int no_tail;          /* inside try: calls are not tail calls          */
    uint32_t cur_line;
    uint32_t pat_mark;    /* nvars when the current pattern began      */
    const char *fname;    /* enclosing def name, for lambda names          */
    uint32_t farity;
};

typedef struct Def {
    Term name;
    uint32_t arity;
    uint8_t exported;
    const Ast **clauses;  /* def heads+bodies (CALL def nodes)             */
    uint32_t nclauses, capclauses;
    uint32_t index;       /* in the module's fns                           */
    int defaults_of;      /* -1, or index of the Def this delegates to      */
    const Ast *head_for_default;
} Def;

typedef struct Attr {
    const char *name;
    const Ast *value;
    bool accumulate;      /* a Module.register_attribute(accumulate: true) mark; value NULL */
} Attr;

typedef struct Alias {
    const char *as;       /* "Bar"                                          */
    Term full;            /* Elixir.Foo.Bar                                 */
} Alias;

struct ModB {
    Term name;
    Module *mod;
    Def *defs;
    uint32_t ndefs, capdefs;
    Fn **fns;
    uint32_t nfns, capfns;
    Attr *attrs;
    uint32_t nattrs, capattrs;
    Alias *aliases;
    uint32_t naliases, capaliases;
    Term *imports;
    uint32_t nimports, capimports;
    uint32_t nlambdas;
    const Ast *struct_fields; /* defstruct argument, or NULL             */
    int is_exception;
    ModB *outer;          /* enclosing module (nested defmodule)           */
};

typedef struct Comp {
    jmp_buf fail;
    Err *err;
    const char *file;
    Term file_term;       /* file as a literal charlist                    */
    AstArena arena;       /* synthesized nodes                             */
    void **allocs;        /* everything mem_alloc'd by this compile        */
    size_t nallocs, capallocs;
    ModB *mb;             /* current module                                */
    ModB top;             /* the script's pseudo-module                    */
    int load_only;        /* compiling the prelude: no undefined checks    */
    bool installed;       /* a module went live: keep the allocations      */
    Term known_exc[64];   /* exception modules defined by this compile     */
    uint32_t nknown_exc;
} Comp;

/* comp.c */
_Noreturn void comp_error(Comp *c, const Ast *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void *comp_alloc(Comp *c, size_t bytes);
void *comp_grow(Comp *c, void *arr, uint32_t *cap, size_t elem, uint32_t need);
void emit(Comp *c, FnB *f, uint32_t w);
void emit_op(Comp *c, FnB *f, unsigned op, int delta);
uint32_t emit_label_hole(Comp *c, FnB *f);  /* emits 0, returns its index */
void patch(FnB *f, uint32_t hole, uint32_t target);
uint32_t add_lit(Comp *c, FnB *f, Term t);
uint32_t add_site(Comp *c, FnB *f, Term mod, Term name, uint32_t arity);
uint32_t add_bif(Comp *c, FnB *f, const BifDef *b);
void emit_lit(Comp *c, FnB *f, Term t);
void emit_dropto(Comp *c, FnB *f, uint32_t depth);
void emit_jump(Comp *c, FnB *f, unsigned op, uint32_t *hole); /* JUMP/J*: pops per op */
uint32_t new_slot(FnB *f);
void emit_slot_op(Comp *c, FnB *f, unsigned op, uint32_t slot);
Var *find_var(Comp *c, FnB *f, const char *name, uint32_t len);
uint32_t bind_var(Comp *c, FnB *f, const char *name, uint32_t len);
void comp_expr(Comp *c, FnB *f, const Ast *e, int tail);
void comp_body(Comp *c, FnB *f, const Ast *e, int tail);
void set_line(Comp *c, FnB *f, const Ast *e);
Term lit_heap_atom(const char *s, size_t len);
Term comp_alias(Comp *c, const Ast *e);
Term comp_literal(Comp *c, const Ast *e); /* NONE when e is not literal */
Term comp_string(const char *s, size_t len);
void comp_call_remote(Comp *c, FnB *f, Term mod, Term name, uint32_t n, int tail);
void comp_args(Comp *c, FnB *f, const Ast *const *args, uint32_t n);
Fn *comp_finish_fn(Comp *c, FnB *f, Term name, uint32_t arity, uint32_t nfree);
void fnb_init(Comp *c, FnB *f, ModB *mb, FnB *parent, uint32_t nargs);
Heap *comp_lit_heap(void);
/* Frees everything every successful compile kept (code, module records,
 * literals). Only when nothing can run compiled code: the last runtime's
 * stop (code.c's lang_fini). */
void comp_release_all(void);
/* Makes the next prelude_load compile the prelude again (after
 * comp_release_all freed it). */
void prelude_reset(void);
bool is_var_named(const Ast *e, const char *name);
Ast *mk_node(Comp *c, AstKind k, const Ast *pos, uint32_t nkids);
/* comp_use.c: `use GenServer` etc. in a module body becomes the def of
 * child_spec/1 the behaviour provides (items[0..n) is the body). */
const Ast *comp_use_rewrite(Comp *c, const Ast *e, const Ast *const *items, uint32_t n);

/* comp_op.c */
void comp_op_expr(Comp *c, FnB *f, const Ast *e, int tail);
void comp_sigil(Comp *c, FnB *f, const Ast *e);
/* A charlist literal of UTF-8 text (comp.c). */
Term comp_charlist(const char *s, size_t len);

/* comp_pat.c */
/* Compiles a match of the value on top of the stack (consumed) against
 * pattern p; on mismatch jumps to a fail hole added to *fails. New
 * variables are bound in f. */
void comp_pattern(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                  uint32_t *capfails);
/* The same, but names bound since the last comp_pattern still count as
 * bound in this pattern (several arguments of one clause). */
void comp_pattern_more(Comp *c, FnB *f, const Ast *p, uint32_t **fails, uint32_t *nfails,
                       uint32_t *capfails);
/* Compiles guard g: on false or error jumps to a fail hole. */
void comp_guard(Comp *c, FnB *f, const Ast *g, uint32_t **fails, uint32_t *nfails,
                uint32_t *capfails);
void patch_fails(FnB *f, uint32_t *fails, uint32_t nfails, uint32_t target);
/* A clause that failed goes on here: its fail holes are patched to the
 * current pc and the operand depth is back at d0 (what the clause pushed
 * is dropped). */
void comp_fails_here(Comp *c, FnB *f, uint32_t *fails, uint32_t nfails, uint32_t d0);

/* comp_form.c */
bool comp_special(Comp *c, FnB *f, const Ast *e, int tail); /* true if handled */
/* Jump holes to patch to one target once it is known (the end of a run
 * of clauses); the array is compiler memory (comp_grow). */
typedef struct Holes {
    uint32_t *at;
    uint32_t n, cap;
} Holes;
void comp_hole_add(Comp *c, Holes *h, uint32_t hole);
void comp_holes_patch(FnB *f, Holes *h, uint32_t target);
/* The keyword/do-block list at the end of a call's arguments, or NULL. */
const Ast *comp_opts_of(const Ast *e);
/* The STABs of a CLAUSES node (or a single STAB) into *out and *count;
 * none for NULL; a compile error at `at` for anything else. */
void comp_stabs_of(Comp *c, const Ast *n, const Ast *const **out, uint32_t *count, const Ast *at);
/* comp_try.c: try (rescue/catch/else/after) and raise of a known
 * exception module; each leaves one value on the stack. */
void comp_try(Comp *c, FnB *f, const Ast *e, int tail);
void comp_raise(Comp *c, FnB *f, const Ast *e);
void comp_fn(Comp *c, FnB *f, const Ast *e);
/* quote/unquote (comp_quote.c): pushes the quoted form of e's body. */
void comp_quote(Comp *c, FnB *f, const Ast *e);
void comp_capture(Comp *c, FnB *f, const Ast *e);
/* Compiles clauses (STABs) matching n values held in slots[]; falls to a
 * raise of kind with the value in slots[0] when none matches. */
void comp_clauses(Comp *c, FnB *f, const Ast *const *stabs, uint32_t nstabs,
                  const uint32_t *slots, uint32_t n, unsigned fail_kind, int tail);

/* One bitstring segment as written: value, type, size (constant, or an
 * expression), unit and flags (vm_int.h BITS_*). */
typedef struct BitsSeg {
    const Ast *value;
    const Ast *size_expr;
    int type;
    int64_t size, unit;
    int flags;
} BitsSeg;

/* comp_mod.c */
void comp_bits_seg(Comp *c, const Ast *seg, BitsSeg *sg);
Term comp_bits_spec(const BitsSeg *sg, size_t n);
void comp_defmodule(Comp *c, FnB *f, const Ast *e);
/* defprotocol / defimpl (comp_proto.c): rewritten to modules; leave the module on the stack. */
void comp_defprotocol(Comp *c, FnB *f, const Ast *e);
void comp_defimpl(Comp *c, FnB *f, const Ast *e);
/* String.Chars of the top value (binaries untouched; structs may have impls). */
void comp_to_str(Comp *c, FnB *f);
/* Sends to_string/inspect/IO.inspect calls through Protocol's impl checks. */
void comp_proto_redirect(Comp *c, Term *mod, Term *name, uint32_t n);
/* `@derive P | [P...]` in a module body: emits P.Mod using P.Any; true if x was one. */
bool comp_proto_derive(Comp *c, FnB *f, const Ast *x);
void comp_bits(Comp *c, FnB *f, const Ast *e);

/* comp_eval.c: the REPL's top level (comp_eval in comp.h). enter binds
 * the earlier inputs' variables as arguments; leave returns the value
 * and every visible variable as one tuple. */
void comp_eval_enter(Comp *c, FnB *f, CompEval *ev);
void comp_eval_leave(Comp *c, FnB *f, CompEval *ev);
#endif
