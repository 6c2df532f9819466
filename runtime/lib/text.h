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
/* Whether t is a %Regex{} struct. */
bool regex_is(Term t);
/* Regex.split/3, Regex.replace/4, Regex.match?/2 for String's functions
 * given a regex pattern (regex.c); raise and return NONE on errors. */
Term regex_split(Proc *p, Term re, Term s, Term opts);
Term regex_replace(Proc *p, Term re, Term s, Term repl, Term opts);
Term regex_match(Proc *p, Term re, Term s);
/* Registers text_split.c's builtins. */
int text_split_register(void);

#endif
