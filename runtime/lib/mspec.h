/* mspec.h — Erlang match specifications, run over :ets objects.
 *
 * A match spec is a list of {pattern, guards, body} clauses. Patterns bind
 * the variables :"$1", :"$2", ... (:"_" matches anything); guards and body
 * are expressions: variables, :"$_" (the whole object), :"$$" (the bound
 * variables in order), {:const, x}, {{...}} (a tuple built from its
 * elements), lists, and {op, args...} calls of the guard builtins. The
 * first clause whose pattern matches and whose guards are all true gives
 * the result: the value of the body's last expression.
 *
 * Results are built in a scratch arena and may point into the object:
 * copy them out before the object (or the arena) goes.
 */
#ifndef MOTE_MSPEC_H
#define MOTE_MSPEC_H

#include <stdbool.h>

#include "term.h"

#define MSPEC_MAXVAR 64 /* variables :"$0" .. :"$63" */

/* Scratch memory for results: chunks freed all at once. */
typedef struct MsChunk {
    struct MsChunk *next;
    size_t used, cap; /* words */
    Term mem[];
} MsChunk;
typedef struct MsArena {
    MsChunk *chunks;
} MsArena;

void mspec_arena_init(MsArena *a);
void mspec_arena_fini(MsArena *a);

/* Whether spec has the shape of a match spec (a proper list of
 * 3-tuples whose guards and body are lists). */
bool mspec_valid(Term spec);

enum { MSPEC_NOMATCH = 0, MSPEC_MATCH = 1 };

/* Runs spec against obj. MSPEC_MATCH with *result set, MSPEC_NOMATCH,
 * or MOTE_ENOMEM. `self` is the calling process's pid (the self()
 * guard). Never touches a process heap; any thread. */
int mspec_run(Term spec, Term obj, Term self, MsArena *a, Term *result);

/* Matches a bare pattern (ets:match/match_object's second argument)
 * against obj. When vars is not NULL it receives the bound variables
 * as with :"$$" (a list built in a). */
int mspec_match_pattern(Term pattern, Term obj, MsArena *a, Term *vars);

/* The variable number of atom t when it is :"$N", else -1. */
int mspec_var(Term t);

#endif
