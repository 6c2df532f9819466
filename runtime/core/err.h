/* err.h — errors that say what went wrong, where, and with which input.
 *
 * Functions that can fail return 0 or a negative MOTE_E* code; the Err
 * out-parameter, when not NULL, receives a message a user can act on. In
 * debug builds it also records the source line the error was born at, so
 * a breakpoint on err_set_at finds it.
 */
#ifndef MOTE_ERR_H
#define MOTE_ERR_H

#include "config.h" /* MOTE_DEBUG in debug builds */
#include "mote.h"

typedef struct Err {
    int code;
    char msg[256];
    const char *file; /* where it was born (debug builds) */
    int line;
} Err;

/* Formats the message into err (if not NULL) and returns code. */
int err_set_at(Err *err, const char *file, int line, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
#define err_set(err, code, ...) err_set_at((err), __FILE__, __LINE__, (code), __VA_ARGS__)
void err_clear(Err *err);

/* For MOTE_API functions: formats the calling thread's mote_last_error()
 * text and returns code, so a failing API call reads
 * `return api_error(MOTE_EINVAL, "mote_tuple: elems is NULL");`. */
int api_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Copies an Err's message into mote_last_error() and returns its code. */
int api_error_from(const Err *err);

/* Our own invariants; on in debug builds. The message names the broken
 * invariant. */
#ifdef MOTE_DEBUG
#define MOTE_ASSERT(c) \
    ((c) ? (void)0 : mote_assert_fail(#c, __FILE__, __LINE__))
#else
#define MOTE_ASSERT(c) ((void)0)
#endif
_Noreturn void mote_assert_fail(const char *what, const char *file, int line);
/* Corrupted internal state: prints a report and aborts. */
_Noreturn void mote_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
