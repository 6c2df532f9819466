/* regex.h — shared by regex.c (patterns, cache, struct) and regex_run.c
 * (matching builtins). Private to the regex module. */
#ifndef MOTE_REGEX_H
#define MOTE_REGEX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "text.h"

/* A compiled pattern from the calling thread's cache. Borrowed: valid
 * until this thread's next regex_code call. */
typedef struct Rx {
    pcre2_code *code;
    bool utf;             /* 'u': offsets step by code points          */
    uint32_t ncap;        /* capture groups, not counting group 0      */
} Rx;

/* The compiled pattern of a %Regex{} struct, compiling (and caching) on
 * first use on this thread. False after raising (bad struct, compile
 * error, OOM). */
bool regex_code(Proc *p, Term re, Rx *rx);

/* One match of rx in s[0..n) at or after *start: the ovector (2 * (ncap
 * + 1) offsets, PCRE2_UNSET for unset groups) and the number of groups
 * set (rc); 0 when no match, < 0 on a matching error. Empty matches
 * never repeat at the same place: after one, *start moves past it. */
int regex_next(const Rx *rx, const uint8_t *s, size_t n, size_t *start, bool *last_empty,
               pcre2_match_data *md);

/* mem_alloc-backed PCRE2 general context (one per process, never freed). */
pcre2_general_context *regex_gcx(void);

int regex_run_register(void);

#endif
