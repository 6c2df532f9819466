/* proc_bifs_int.h — private to the process builtins: proc_bifs.c and its
 * sibling files proc_timer_bifs.c, proc_info_bifs.c and proc_dict_bifs.c,
 * which hold groups split off to keep each file readable. No other module
 * includes it.
 */
#ifndef MOTE_PROC_BIFS_INT_H
#define MOTE_PROC_BIFS_INT_H

#include <stdint.h>
#include "proc.h"
#include "term.h"

/* The pid a destination names: an atom through the registry (NONE when
 * nobody has the name), anything else as given. */
Term proc_bifs_resolve_dest(Proc *p, Term to);

/* A local reference with the two id words given, on p's heap; raises
 * through lib_oom when the heap is full. No GC. */
Term proc_bifs_ref_new(Proc *p, uint64_t w0, uint64_t w1);

/* Each registers its file's builtins; 0 or MOTE_ENOMEM (bif_register).
 * Called from proc_bifs_register. */
int proc_timer_bifs_register(void);
int proc_info_bifs_register(void);
int proc_dict_bifs_register(void);

#endif
