/* text.h — shared by the String builtins (text.c, text_split.c) and the
 * regex module: graphemes, ranges and string-pattern matching. */
#ifndef MOTE_TEXT_H
#define MOTE_TEXT_H

#include "lib.h"

/* Byte offsets of every grapheme of s (count + 1 entries, the last n)
 * in a new array; free with text_graphemes_free(offs, n). Returns the
 * count, or -1 when out of memory. */
int text_graphemes(const uint8_t *s, size_t n, size_t **offs);
void text_graphemes_free(size_t *offs, size_t n_bytes);
/* Reads a %Range{first:, last:, step:} struct; false when t is not one. */
bool text_range(Term t, int64_t *first, int64_t *last, int64_t *step);
/* String patterns: one binary, a list of them, or a compiled pattern
 * ({:mote_cp, binary_or_list}, what :binary.compile_pattern returns). */
#define MAX_PATTERNS 64
typedef struct Pats {
    const uint8_t *s[MAX_PATTERNS];
    size_t n[MAX_PATTERNS];
    size_t count;
    bool has_empty;
} Pats;
/* Reads a pattern argument; false when t is not one. Borrowed from t. */
bool text_pats(Term t, Pats *ps);
/* The first match at or after `from` in s[0..n) (the longest pattern
 * where several match at one place): false when none. */
bool text_next_match(const uint8_t *s, size_t n, size_t from, const Pats *ps, size_t *pos,
                     size_t *len);

/* Whether t is a %Regex{} struct. */
bool regex_is(Term t);
/* Regex.split/3, Regex.replace/4, Regex.match?/2 for String's functions
 * given a regex pattern (regex.c); raise and return NONE on errors. */
Term regex_split(Proc *p, Term re, Term s, Term opts);
Term regex_replace(Proc *p, Term re, Term s, Term repl, Term opts);
Term regex_match(Proc *p, Term re, Term s);
/* Registers text_split.c's builtins. */
int text_split_register(void);
int text_dist_register(void);

#endif
