/* inspect.h — terms printed exactly as Elixir 1.14's inspect prints them.
 *
 * inspect_term() turns a term into a document (doc.h) by Elixir's Inspect
 * rules, then lays it out: IO.inspect wraps at 80 columns (pretty), while
 * Kernel.inspect/1 and string interpolation print on one line. Lists,
 * tuples, maps and bitstrings stop after `limit` items with "...".
 *
 * Local pids print as #PID<0.index.serial> (pid_index/pid_serial from
 * term.h). Local references print as #Reference<0.a.b.c> where a is the
 * low 32 bits of id word 1 and b, c are the high and low 32 bits of id
 * word 0. Remote pids and references print their node number as given by
 * the node-number hook (1 when none is set).
 *
 * Structs (maps with an atom :__struct__ key) print as %Name{...}. The
 * standard library may register a printer per struct module (MapSet,
 * Range, Date ...) and a field-order hook, as Elixir's protocol
 * implementations and struct definitions do; without either, fields
 * print in map key order.
 *
 * Nothing here recurses on the data without a bound: nesting deeper than
 * INSPECT_MAX_DEPTH prints "...".
 */
#ifndef MOTE_INSPECT_H
#define MOTE_INSPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "strbuf.h"
#include "term.h"

#define INSPECT_MAX_DEPTH 400

typedef struct InspectOpts {
    int width;                /* columns when pretty; Elixir's default 80       */
    int limit;                /* items per collection; < 0 = :infinity          */
    int printable_limit;      /* characters of a string/charlist; < 0 = :infinity */
    bool pretty;              /* true: wrap at width (IO.inspect); false: one   */
                              /* line (Kernel.inspect, interpolation)           */
    bool charlists_as_lists;  /* charlists: :as_lists                           */
    bool charlists_as_charlists; /* charlists: :as_charlists (escapes the rest) */
    bool binaries_as_binaries;/* binaries: :as_binaries                         */
    bool binaries_as_strings; /* binaries: :as_strings (escapes the rest)       */
    bool structs;             /* false: print structs as plain maps             */
    int base;                 /* integers in base 2, 8, 10 or 16 (0 means 10);  */
                              /* any but 10 also prints binaries as bytes       */
} InspectOpts;

/* IO.inspect's options: width 80, pretty, limit 50, printable_limit 4096. */
void inspect_opts_io(InspectOpts *o);
/* Kernel.inspect/1's options: the same, but not pretty (one line). */
void inspect_opts_kernel(InspectOpts *o);

/* Applies Elixir inspect options given as a keyword list (limit,
 * printable_limit, width, pretty, charlists, binaries, structs, base) on
 * top of *o; unknown keys are ignored, as Inspect.Opts.new/1 does. Returns
 * 0, or MOTE_EBADARG when kw is not a keyword list or a value has the
 * wrong type (*o is then partly updated). */
int inspect_opts_parse(Term kw, InspectOpts *o);

/* Appends the text of t to out. Returns 0 or MOTE_ENOMEM (out then holds
 * an incomplete text). Reads t only; callable from any thread that may
 * read t; never allocates on a process heap, so never runs the GC. */
int inspect_term(Term t, const InspectOpts *o, Strbuf *out);

/* ---- hooks for the standard library and the VM -----------------------
 * An inspection in progress, for printers that build documents. */
typedef struct InspectCx InspectCx;

/* The arena printers build their documents in. */
Docs *inspect_docs(InspectCx *cx);
/* The document of a nested term, with the collection limit a container
 * element gets (Elixir passes the remaining limit down). */
DocId inspect_doc(InspectCx *cx, Term t, int limit);
/* Elixir's container_doc/6 over n terms: left, items, right, with "," and
 * the limit. Plain: break: :flex, as tuples print (several items a line).
 * keyword_style: break: :strict, one item a line when it does not fit,
 * and 2-tuples {atom, v} print as `atom: v` (as #Name<a: 1> forms do). */
DocId inspect_container(InspectCx *cx, const char *left, const Term *items, size_t n,
                        const char *right, int limit, bool keyword_style);

/* Inspect.List.inspect/2 over n items, as if they were a proper list:
 * 'abc' for printable characters, [a: 1] for keyword pairs, else [x, y].
 * What MapSet's printer wraps in "MapSet.new(...)". */
DocId inspect_list(InspectCx *cx, const Term *items, size_t n, int limit);

/* A printer for one struct module: returns the document for `s` (a map
 * with :__struct__ = that module), or DOC_NIL to fall back to %Name{..}. */
typedef DocId (*InspectStructFn)(InspectCx *cx, Term s, int limit);
/* Registers fn for module (an atom); NULL unregisters. At most
 * INSPECT_MAX_STRUCT_PRINTERS modules; returns 0 or MOTE_ELIMIT. Not
 * thread-safe: register during start-up, before processes run. */
#define INSPECT_MAX_STRUCT_PRINTERS 64
int inspect_register_struct(Term module, InspectStructFn fn);
/* Drops every registered printer (their module atoms die with the atom
 * table: vm_eval_forget). */
void inspect_forget_structs(void);

/* Field order of a struct module, as its defstruct lists them: writes at
 * most max field atoms to fields[] and returns how many, or -1 when the
 * module is not known (then the map's key order is used), or -2 when no
 * such module is loaded, or it has no __struct__/0 (then, as Elixir, a
 * plain map is shown). */
typedef int (*InspectFieldsFn)(Term module, Term *fields, size_t max);
void inspect_set_fields_hook(InspectFieldsFn fn);

/* Text of a closure (HDR_FUN) as "#Function<...>"; the VM knows FunDef. */
typedef void (*InspectFunFn)(Term fun, Strbuf *out);
void inspect_set_fun_hook(InspectFunFn fn);

/* Node number of a remote node atom, for #PID<N.id.serial>. */
typedef unsigned (*InspectNodeFn)(Term node);
void inspect_set_node_hook(InspectNodeFn fn);

/* ---- pieces other modules print with ------------------------------- */
/* An atom as a literal (:foo, :"a b", Foo.Bar, nil) or as a keyword key
 * (foo:, "a b":). */
void inspect_atom(Term atom, Strbuf *out);
void inspect_atom_key(Term atom, Strbuf *out);
/* Elixir's escape of a UTF-8 text inside `quote` delimiters (" or '),
 * without the delimiters. */
void inspect_escape(const unsigned char *s, size_t len, char quote, Strbuf *out);
/* The same, stopping after `limit` characters (< 0: no limit); returns
 * the bytes consumed, so len means the whole text was written. */
size_t inspect_escape_limited(const unsigned char *s, size_t len, char quote, long limit,
                              Strbuf *out);
/* An atom as the function name of a remote call (&Mod.name/1). */
void inspect_atom_remote(Term atom, Strbuf *out);
/* #PID<0.4.0>, #Reference<0.1.2.3>, &Mod.fun/1 or the fun hook's text. */
void inspect_pid_text(Term pid, Strbuf *out);
void inspect_ref_text(Term ref, Strbuf *out);
void inspect_fun_text(Term fun, Strbuf *out);
/* String.printable?/1 over UTF-8 bytes. */
bool inspect_is_printable(const unsigned char *s, size_t len);
/* Only the first `limit` characters are checked (< 0: all), as
 * String.printable?/2 does. */
bool inspect_is_printable_limited(const unsigned char *s, size_t len, long limit);

/* Floats (fmt_float.c). fmt_float: Erlang's float_to_list(F, [short]) /
 * Float.to_string/1; fmt_float_inspect: Elixir's inspect, which prints
 * integral values below 1e16 in full ("1000000.0"). out holds at least
 * FMT_FLOAT_MAX bytes; returns the length, NUL written. */
#define FMT_FLOAT_MAX 32
size_t fmt_float(double v, char out[FMT_FLOAT_MAX]);
size_t fmt_float_inspect(double v, char out[FMT_FLOAT_MAX]);

#endif
