/* big.h — integers of any size.
 *
 * An integer is a small (term.h) whenever it fits; otherwise a BIGPOS or
 * BIGNEG boxed object of 64-bit limbs (magnitude, little-endian,
 * normalised). Arithmetic here takes and returns either form and always
 * returns the small form when the result fits, so == on integers can
 * compare words for smalls. The limb work is GMP's mpn layer.
 */
#ifndef MOTE_BIG_H
#define MOTE_BIG_H

#include "heap.h"

Term int_from_i64(Heap *h, int64_t v);
Term int_from_u64(Heap *h, uint64_t v);
Term int_from_double(Heap *h, double d); /* truncates; NONE if not finite */
/* Parses digits in base 2..36 (optional sign, no separators); NONE if bad. */
Term int_from_text(Heap *h, const char *s, size_t len, int base);

bool int_to_i64(Term t, int64_t *out); /* false if it does not fit */
double int_to_double(Term t);           /* may be +-inf for huge values */
/* Writes the integer in base 2..36 (upper-case digits), returns the length
 * the full text needs (like snprintf). */
size_t int_to_text(Term t, int base, char *buf, size_t size);

int int_cmp(Term a, Term b);            /* integers only */
int int_cmp_double(Term i, double d);   /* exact, never rounding the int */
int int_sign(Term t);

/* Arithmetic: NONE on OOM; div/rem return NONE for a zero divisor
 * (callers raise badarith). div truncates towards zero (Erlang div). */
Term int_add(Heap *h, Term a, Term b);
Term int_sub(Heap *h, Term a, Term b);
Term int_mul(Heap *h, Term a, Term b);
Term int_div(Heap *h, Term a, Term b);
Term int_rem(Heap *h, Term a, Term b);
Term int_neg(Heap *h, Term a);
Term int_band(Heap *h, Term a, Term b);
Term int_bor(Heap *h, Term a, Term b);
Term int_bxor(Heap *h, Term a, Term b);
Term int_bnot(Heap *h, Term a);
Term int_bsl(Heap *h, Term a, int64_t shift); /* negative shift = right */
Term int_pow(Heap *h, Term base, uint64_t exp);
uint64_t int_hash(Term t, uint64_t seed);

/* Floats */
Term float_new(Heap *h, double d);

#endif
