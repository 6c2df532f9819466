/* fmt.h — short human-readable numbers for narrow columns: 1.2K, 3.4M,
 * +512/s, 1:02:03. Every function writes into buf (size n, always
 * terminated) and returns buf. */
#ifndef OBSERVER_FMT_H
#define OBSERVER_FMT_H

#include <stddef.h>
#include <stdint.h>

/* Bytes with a binary unit: "912", "1.5K", "12M", "3.0G". */
char *fmt_bytes(double v, char *buf, size_t n);
/* A count with a decimal unit past 99,999: "5000", "123K", "1.2M". */
char *fmt_count(double v, char *buf, size_t n);
/* A signed rate: "0", "+12", "-1.5K" (bytes when bytes is set). */
char *fmt_growth(double v, int bytes, char *buf, size_t n);
/* A duration in seconds: "59s", "12:03", "1:02:03", "3d04h". */
char *fmt_uptime(uint64_t secs, char *buf, size_t n);
/* The local wall-clock time of a Unix-ms instant: "12:03:04". */
char *fmt_clock(int64_t wall_ms, char *buf, size_t n);
/* "5s ago", "3m ago", "2h ago" from an age in milliseconds. */
char *fmt_ago(int64_t age_ms, char *buf, size_t n);

#endif
