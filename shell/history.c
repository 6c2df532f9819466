/* history.c — the shell's history file (history.h).
 *
 * Every entry is one line, written with one O_APPEND write while holding
 * flock, right after the input is read (before it runs), so two shells
 * appending at once interleave whole lines, and a crash or System.halt
 * loses nothing typed. Trimming rewrites a copy and renames it over the
 * file under the same lock: a reader sees the old file or the new one,
 * never half of either, and a writer that waited on the old one opens
 * the new one instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history.h"

/* mkdir -p for the directories above path's last component. */
static void make_parents(char *path)
{
    for (char *s = path + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        mkdir(path, 0700);
        *s = '/';
    }
}

int history_path(char *buf, size_t cap)
{
    const char *xdg = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg != NULL && xdg[0] == '/')
        n = snprintf(buf, cap, "%s/mote/history", xdg);
    else if (home != NULL && home[0] != '\0')
        n = snprintf(buf, cap, "%s/.local/state/mote/history", home);
    else
        return -1;
    if (n < 0 || (size_t)n >= cap)
        return -1;
    make_parents(buf);
    return 0;
}

char *history_escape(const char *entry)
{
    size_t n = strlen(entry);
    char *out = malloc(2 * n + 2);
    if (out == NULL)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (entry[i] == '\\' || entry[i] == '\n') {
            out[j++] = '\\';
            out[j++] = entry[i] == '\n' ? 'n' : '\\';
        } else {
            out[j++] = entry[i];
        }
    }
    out[j++] = '\n';
    out[j] = '\0';
    return out;
}

void history_unescape(char *line)
{
    char *w = line;
    for (char *r = line; *r; r++) {
        if (*r == '\\' && (r[1] == 'n' || r[1] == '\\')) {
            *w++ = r[1] == 'n' ? '\n' : '\\';
            r++;
        } else if (*r != '\n') {
            *w++ = *r;
        }
    }
    *w = '\0';
}

/* Opens path for appending and locks it. A trim in another shell renames
 * a new file over the path while we wait for the lock on the old one:
 * writing there would lose the entry, so when the locked file is no
 * longer the one at path, open again. Returns the fd or -1. */
static int open_locked(const char *path)
{
    for (int tries = 0; tries < 8; tries++) {
        int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
            return -1;
        flock(fd, LOCK_EX);
        struct stat held, now;
        if (fstat(fd, &held) == 0 && stat(path, &now) == 0 && held.st_ino == now.st_ino &&
            held.st_dev == now.st_dev)
            return fd;
        flock(fd, LOCK_UN);
        close(fd);
    }
    return -1;
}

int history_append(const char *path, const char *entry)
{
    char *line = history_escape(entry);
    if (line == NULL)
        return -1;
    int fd = open_locked(path);
    int rc = -1;
    if (fd >= 0) {
        size_t len = strlen(line);
        rc = write(fd, line, len) == (ssize_t)len ? 0 : -1;
        flock(fd, LOCK_UN);
        close(fd);
    }
    free(line);
    return rc;
}

/* Rewrites the file with its last `keep` lines of lines[0..n-1]. Called
 * with the lock held on the original. */
static void trim(const char *path, char **lines, size_t n, size_t keep)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *fp = fopen(tmp, "w");
    if (fp == NULL)
        return;
    for (size_t i = n - keep; i < n; i++)
        fputs(lines[i], fp);
    if (fclose(fp) == 0)
        rename(tmp, path);
    else
        unlink(tmp);
}

void history_load(const char *path, void (*add)(const char *entry, void *ctx), void *ctx)
{
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return;
    flock(fileno(fp), LOCK_EX);
    size_t n = 0, cap = 0;
    char **lines = NULL;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, fp) > 0) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 256;
            char **nl = realloc(lines, nc * sizeof *nl);
            if (nl == NULL)
                break;
            lines = nl;
            cap = nc;
        }
        lines[n++] = line;
        line = NULL;
        lcap = 0;
    }
    free(line);
    size_t keep = n > HISTORY_MAX_ENTRIES ? HISTORY_MAX_ENTRIES : n;
    if (n > 2 * HISTORY_MAX_ENTRIES)
        trim(path, lines, n, keep);
    flock(fileno(fp), LOCK_UN);
    fclose(fp);
    for (size_t i = 0; i < n; i++) {
        if (i >= n - keep) {
            history_unescape(lines[i]);
            add(lines[i], ctx);
        }
        free(lines[i]);
    }
    free(lines);
}
