/* strbuf.c — growable text buffer (strbuf.h).
 *
 * Invariant: when data is not NULL, data[len] == '\0' and len < cap.
 * Growth doubles, so n appends cost O(n) amortised.
 */
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"

void strbuf_init(Strbuf *s)
{
    s->data = NULL;
    s->len = 0;
    s->cap = 0;
    s->failed = false;
}

void strbuf_fini(Strbuf *s)
{
    if (s->data)
        mem_free(MEM_SYSTEM, s->data, s->cap);
    strbuf_init(s);
}

void strbuf_clear(Strbuf *s)
{
    s->len = 0;
    if (s->data)
        s->data[0] = '\0';
}

/* Makes room for `more` bytes plus the NUL; false (and failed set) if the
 * allocator refuses. */
static bool reserve(Strbuf *s, size_t more)
{
    if (s->failed)
        return false;
    if (s->len + more < s->cap)
        return true;
    size_t cap = s->cap ? s->cap : 64;
    while (cap <= s->len + more) {
        if (cap > SIZE_MAX / 2) {
            s->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *p = s->data ? mem_realloc(MEM_SYSTEM, s->data, s->cap, cap) : mem_alloc(MEM_SYSTEM, cap);
    if (!p) {
        s->failed = true;
        return false;
    }
    s->data = p;
    s->cap = cap;
    return true;
}

void strbuf_put(Strbuf *s, const void *bytes, size_t len)
{
    if (!reserve(s, len))
        return;
    if (len)
        memcpy(s->data + s->len, bytes, len);
    s->len += len;
    s->data[s->len] = '\0';
}

void strbuf_putc(Strbuf *s, char c) { strbuf_put(s, &c, 1); }

void strbuf_puts(Strbuf *s, const char *cstr) { strbuf_put(s, cstr, strlen(cstr)); }

void strbuf_fill(Strbuf *s, char c, size_t n)
{
    if (!reserve(s, n))
        return;
    memset(s->data + s->len, c, n);
    s->len += n;
    s->data[s->len] = '\0';
}

void strbuf_printf(Strbuf *s, const char *fmt, ...)
{
    char small[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        strbuf_put(s, small, (size_t)n);
        return;
    }
    if (!reserve(s, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(s->data + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}
