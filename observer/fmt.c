/* fmt.c — number formatting for the observer's columns. Widths are the
 * callers' business; these only keep numbers short (at most 6 columns
 * for bytes and counts below a petabyte). */
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "fmt.h"

static char *scaled(double v, double base, const char *units, char *buf, size_t n)
{
    int u = 0;
    double a = fabs(v);
    while (a >= base * 0.9995 && units[u + 1]) {
        a /= base;
        v /= base;
        u++;
    }
    if (!u)
        snprintf(buf, n, "%.0f", v);
    else if (a < 9.95)
        snprintf(buf, n, "%.1f%c", v, units[u]);
    else
        snprintf(buf, n, "%.0f%c", v, units[u]);
    return buf;
}

char *fmt_bytes(double v, char *buf, size_t n)
{
    if (fabs(v) < 1024)
        return scaled(v, 1e9, " ", buf, n);
    return scaled(v, 1024, " KMGTP", buf, n);
}

char *fmt_count(double v, char *buf, size_t n)
{
    if (fabs(v) < 100000)
        return scaled(v, 1e9, " ", buf, n);
    return scaled(v, 1000, " KMGTP", buf, n);
}

char *fmt_growth(double v, int bytes, char *buf, size_t n)
{
    char tmp[24];
    if (fabs(v) < 0.5) {
        snprintf(buf, n, "0");
        return buf;
    }
    (bytes ? fmt_bytes : fmt_count)(fabs(v), tmp, sizeof tmp);
    snprintf(buf, n, "%c%s", v < 0 ? '-' : '+', tmp);
    return buf;
}

char *fmt_uptime(uint64_t secs, char *buf, size_t n)
{
    unsigned long long s = secs;
    if (s < 60)
        snprintf(buf, n, "%llus", s);
    else if (s < 3600)
        snprintf(buf, n, "%llu:%02llu", s / 60, s % 60);
    else if (s < 86400)
        snprintf(buf, n, "%llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, n, "%llud%02lluh", s / 86400, s / 3600 % 24);
    return buf;
}

char *fmt_clock(int64_t wall_ms, char *buf, size_t n)
{
    time_t t = (time_t)(wall_ms / 1000);
    struct tm tm;
    if (wall_ms <= 0 || !localtime_r(&t, &tm)) {
        snprintf(buf, n, "-");
        return buf;
    }
    strftime(buf, n, "%H:%M:%S", &tm);
    return buf;
}

char *fmt_ago(int64_t age_ms, char *buf, size_t n)
{
    long long s = age_ms < 0 ? 0 : (long long)(age_ms / 1000);
    if (s < 120)
        snprintf(buf, n, "%llds ago", s);
    else if (s < 7200)
        snprintf(buf, n, "%lldm ago", s / 60);
    else
        snprintf(buf, n, "%lldh ago", s / 3600);
    return buf;
}
