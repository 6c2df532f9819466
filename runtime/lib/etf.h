/* etf.h — the external term format: terms to bytes and back.
 *
 * The bytes are OTP 25's term_to_binary output (version byte 131), so
 * binaries travel between mote and a BEAM unchanged. The codec runs on
 * the caller's own stacks (no C recursion), so any term, however deep,
 * encodes, and any input, however hostile, decodes or is refused.
 */
#ifndef MOTE_ETF_H
#define MOTE_ETF_H

#include <stddef.h>
#include <stdint.h>

#include "heap.h"
#include "strbuf.h"
#include "term.h"

#define ETF_VERSION 131

typedef struct EtfEncOpts {
    unsigned minor_version; /* 0: floats as text; 1 (default): latin-1
                             * atoms as ATOM_EXT; 2: every atom UTF-8 */
    Term node;              /* this node's name atom, for pids and refs */
} EtfEncOpts;

/* Appends the encoding of t, version byte first, to out. Returns 0,
 * MOTE_EBADARG when t holds a local fun (mote cannot name its code for
 * another node), or MOTE_ENOMEM. Never allocates on a process heap. */
int etf_encode(Term t, const EtfEncOpts *o, Strbuf *out);

typedef struct EtfDecOpts {
    bool safe;  /* refuse atoms that do not exist yet */
    Term node;  /* this node's name: pids and refs of it become local */
} EtfDecOpts;

/* Decodes one term from p[0..len) onto h (heap_alloc only: never moves
 * or collects). *used gets the bytes consumed (trailing bytes are the
 * caller's business). Returns 0, MOTE_EPROTO for malformed input,
 * MOTE_EINVAL for an atom refused by opts->safe, or MOTE_ENOMEM. */
int etf_decode(Heap *h, const uint8_t *p, size_t len, const EtfDecOpts *o, Term *out,
               size_t *used);

#endif
