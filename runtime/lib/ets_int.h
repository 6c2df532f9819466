/* ets_int.h — shared by ets.c and ets_query.c only. */
#ifndef MOTE_ETS_INT_H
#define MOTE_ETS_INT_H

#include "etab.h"
#include "lib.h"

/* A growing array of terms to copy out of a table. */
typedef struct EtsOut {
    Term *v;
    size_t n, cap;
    bool oom;
} EtsOut;

void ets_out_init(EtsOut *o);
void ets_out_fini(EtsOut *o);
void ets_out_push(EtsOut *o, Term t);

/* Copies o's terms onto p's heap as a list (in order, or reversed). NONE
 * on OOM. Call with the table still locked: the terms point into it. */
Term ets_out_list(Proc *p, EtsOut *o, bool reversed);
/* Copies one term onto p's heap; NONE on OOM. */
Term ets_out_term(Proc *p, Term t);

/* The table `handle` names, locked, checked for the caller's access
 * (write: owner or public; read: not private unless the owner). NULL
 * after raising the ArgumentError Erlang raises (argument 1). */
Etab *ets_open(Proc *p, Term handle, bool write);

/* Raises ArgumentError for argument argno with why; unlocks t first
 * (when not NULL). Returns NONE. */
Term ets_fail(Proc *p, Etab *t, unsigned argno, const char *why);

int lib_ets_query_register(void);

#endif
