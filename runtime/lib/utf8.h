/* utf8.h — UTF-8 encoding and decoding for the text builtins.
 *
 * Decoding is strict (RFC 3629): no overlong forms, no surrogates, nothing
 * above U+10FFFF — the same bytes Elixir's String.valid?/1 accepts.
 */
#ifndef MOTE_UTF8_H
#define MOTE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes cp (at most U+10FFFF, not a surrogate) as 1..4 bytes to out and
 * returns the length; 0 when cp cannot be encoded. */
size_t utf8_encode(uint32_t cp, uint8_t out[4]);
/* Decodes the code point at s (len bytes available): returns its byte
 * length and sets *cp, or 0 when the bytes there are not valid UTF-8. */
size_t utf8_decode(const uint8_t *s, size_t len, uint32_t *cp);
/* Whether all len bytes are valid UTF-8. */
bool utf8_valid(const uint8_t *s, size_t len);
/* Code points in valid UTF-8 text (invalid bytes count one each). */
size_t utf8_count(const uint8_t *s, size_t len);
/* Whether cp is a combining mark that joins the previous code point in
 * one grapheme (the approximation String.length/graphemes use here:
 * Unicode's combining diacritical ranges, variation selectors, ZWJ and
 * emoji modifiers). */
bool utf8_is_extend(uint32_t cp);
/* Byte length of the grapheme at s: one code point plus the combining
 * marks after it, and CR LF as one. Invalid bytes are one grapheme each. */
size_t utf8_grapheme(const uint8_t *s, size_t len);
/* Unicode White_Space (what String.trim removes). */
bool utf8_is_space(uint32_t cp);
/* Simple case mapping for ASCII, Latin-1, Latin Extended-A, Greek and
 * Cyrillic; other code points map to themselves. */
uint32_t utf8_upper(uint32_t cp);
uint32_t utf8_lower(uint32_t cp);

#endif
