/* lists_int.h — private to lists.c and lists_sort.c. */
#ifndef MOTE_LISTS_INT_H
#define MOTE_LISTS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include "term.h"

/* Sorts arr[0..n) in place into the order OTP 25's lists:sort/1 (key 0)
 * or lists:keysort(key, _) gives, including where they put terms that
 * compare equal but differ (1 and 1.0, {1} and {1.0}): neither is quite
 * stable, and programs print the order. With key > 0 every element must be
 * a tuple of at least key elements. Returns 0, or MOTE_ENOMEM with arr
 * untouched. Never runs the GC; any thread may call it on terms it may
 * read. */
int lists_sort_terms(Term *arr, size_t n, size_t key);

/* Sorts arr[0..n) in place as lists:sort(fun(A, B) -> A =< B end, _) does
 * (desc: A >= B): Enum.sort/2 with :asc or :desc. Returns 0 or
 * MOTE_ENOMEM (arr untouched); never runs the GC. */
int lists_sort_le(Term *arr, size_t n, bool desc);

#endif
