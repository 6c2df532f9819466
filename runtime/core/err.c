/* err.c — error values, the public error text, and fatal reports.
 *
 * An Err carries a formatted message and (in debug builds) the line it
 * was born at. The public API keeps the last message per thread, so a host
 * thread calling mote_* functions reads its own failures and never
 * another thread's. Nothing here allocates: messages are cut to fit.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "err.h"

static _Thread_local char last_error[256];

int err_set_at(Err *err, const char *file, int line, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = code;
#ifdef MOTE_DEBUG
    err->file = file;
    err->line = line;
#else
    (void)file;
    (void)line;
    err->file = NULL;
    err->line = 0;
#endif
    return code;
}

void err_clear(Err *err)
{
    if (!err)
        return;
    err->code = 0;
    err->msg[0] = '\0';
    err->file = NULL;
    err->line = 0;
}

int api_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return code;
}

int api_error_from(const Err *err)
{
    if (!err)
        return api_error(MOTE_EINTERNAL, "unknown error (no details recorded)");
    snprintf(last_error, sizeof last_error, "%s", err->msg);
    return err->code;
}

MOTE_API const char *mote_last_error(void)
{
    return last_error;
}

MOTE_API const char *mote_strerror(int code)
{
    switch (code) {
    case MOTE_OK: return "success";
    case MOTE_STOP: return "stop requested";
    case MOTE_EINVAL: return "invalid argument";
    case MOTE_ENOMEM: return "out of memory";
    case MOTE_ENOPROC: return "no such process";
    case MOTE_ELIMIT: return "limit reached";
    case MOTE_ESTATE: return "not valid in this state";
    case MOTE_EBADARG: return "term of the wrong type";
    case MOTE_ETIMEOUT: return "timed out";
    case MOTE_EEXIST: return "name already taken";
    case MOTE_EPROTO: return "malformed input";
    case MOTE_ESYNTAX: return "syntax error";
    case MOTE_EHEAPCAP: return "process heap over max_heap_size";
    case MOTE_EIO: return "I/O error";
    case MOTE_EINTERNAL: return "internal error (a bug in mote)";
    default: return "unknown error code";
    }
}

_Noreturn void mote_assert_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "mote: invariant broken at %s:%d: %s\n", file, line, what);
    fflush(stderr);
    abort();
}

_Noreturn void mote_panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mote: panic: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
    abort();
}
