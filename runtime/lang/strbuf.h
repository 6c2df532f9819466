/* strbuf.h — a growable byte buffer for building text.
 *
 * The bytes are always NUL-terminated, so s->data can be handed to C
 * string functions; len excludes the NUL. Memory comes from mem_alloc
 * (MEM_SYSTEM). After an allocation failure the buffer is marked failed,
 * later appends do nothing, and strbuf_failed() tells the caller to
 * report MOTE_ENOMEM: callers append freely and check once at the end.
 */
#ifndef MOTE_STRBUF_H
#define MOTE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Strbuf {
    char *data;     /* NUL-terminated; NULL until the first append       */
    size_t len;     /* bytes written, NUL excluded                        */
    size_t cap;     /* bytes allocated                                    */
    bool failed;    /* an allocation failed; contents are incomplete      */
} Strbuf;

void strbuf_init(Strbuf *s);        /* empty; allocates nothing */
void strbuf_fini(Strbuf *s);        /* frees the bytes; s may be reused after init */
void strbuf_clear(Strbuf *s);       /* len = 0, keeps the allocation */
/* Appends; on allocation failure marks the buffer failed. */
void strbuf_put(Strbuf *s, const void *bytes, size_t len);
void strbuf_putc(Strbuf *s, char c);
void strbuf_puts(Strbuf *s, const char *cstr);
void strbuf_printf(Strbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends n copies of c. */
void strbuf_fill(Strbuf *s, char c, size_t n);
static inline bool strbuf_failed(const Strbuf *s) { return s->failed; }
/* The text so far; "" (never NULL) when nothing was appended. */
static inline const char *strbuf_cstr(const Strbuf *s) { return s->data ? s->data : ""; }

#endif
