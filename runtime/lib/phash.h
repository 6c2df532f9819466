/* phash.h — OTP 25's portable term hash (erlang:phash2), see phash.c. */
#ifndef MOTE_PHASH_H
#define MOTE_PHASH_H

#include <stdint.h>

#include "term.h"

/* Writes make_hash2(t) as OTP 25 computes it to *out (the full 32 bits;
 * phash2/1 keeps the low 27). 0, or MOTE_ENOMEM when the walk's stack
 * cannot grow. Pure: reads t, never touches a heap; any thread. */
int phash_term(Term t, uint32_t *out);

#endif
