/* hold.c — output held back while the view is up. A pipe rather than a
 * file: a program that prints for hours while observed costs a bounded
 * ring, not a growing file. The drain thread only reads the pipe and
 * copies into the ring; writers block only while it is behind.
 *
 * Invariant: between hold_start and hold_stop, fds 1 and 2 are the
 * pipe's write end; saved_out/saved_err are the originals. */
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hold.h"

static struct {
    bool on;
    int rd;                     /* the pipe's read end (the drain's)     */
    int saved_out, saved_err;
    pthread_t drain;
    atomic_bool stop;           /* hold_stop asks the drain to finish    */
    char *ring;                 /* HOLD_KEEP bytes                        */
    size_t head;                /* next write position                    */
    unsigned long long total;   /* bytes seen                             */
} hold;

/* Drains the pipe until EOF, or until asked to stop and nothing more
 * arrives for a moment: a child process that inherited the write end
 * would otherwise keep the pipe open, and the view from closing. */
static void *drain_main(void *arg)
{
    (void)arg;
    char buf[4096];
    for (;;) {
        struct pollfd pfd = {.fd = hold.rd, .events = POLLIN};
        int r = poll(&pfd, 1, 50);
        if (r == 0) {
            if (atomic_load(&hold.stop))
                return NULL;
            continue;
        }
        ssize_t n = r > 0 ? read(hold.rd, buf, sizeof buf) : 0;
        if (n <= 0)
            return NULL;
        for (ssize_t i = 0; i < n; i++) {
            hold.ring[hold.head] = buf[i];
            hold.head = (hold.head + 1) % HOLD_KEEP;
        }
        hold.total += (unsigned long long)n;
    }
}

void hold_start(void)
{
    int p[2];
    if (hold.on || !(hold.ring = malloc(HOLD_KEEP)))
        return;
    if (pipe(p)) {
        free(hold.ring);
        hold.ring = NULL;
        return;
    }
    hold.rd = p[0];
    hold.head = 0;
    hold.total = 0;
    atomic_store(&hold.stop, false);
    if (pthread_create(&hold.drain, NULL, drain_main, NULL)) {
        close(p[0]);
        close(p[1]);
        free(hold.ring);
        hold.ring = NULL;
        return;
    }
    fflush(stdout);
    fflush(stderr);
    hold.saved_out = dup(STDOUT_FILENO);
    hold.saved_err = dup(STDERR_FILENO);
    dup2(p[1], STDOUT_FILENO);
    dup2(p[1], STDERR_FILENO);
    close(p[1]);
    hold.on = true;
}

/* Writes the kept bytes, oldest first. */
static void replay(void)
{
    size_t kept = hold.total < HOLD_KEEP ? (size_t)hold.total : HOLD_KEEP;
    size_t from = (hold.head + HOLD_KEEP - kept) % HOLD_KEEP;
    if (hold.total > HOLD_KEEP) {
        char note[96];
        int n = snprintf(note, sizeof note, "[mote top: %llu earlier bytes of output not shown]\n",
                         hold.total - HOLD_KEEP);
        if (write(STDOUT_FILENO, note, (size_t)n) < 0)
            return;
    }
    size_t first = kept < HOLD_KEEP - from ? kept : HOLD_KEEP - from;
    if (write(STDOUT_FILENO, hold.ring + from, first) < 0)
        return;
    if (kept > first && write(STDOUT_FILENO, hold.ring, kept - first) < 0)
        return;
}

void hold_stop(void)
{
    if (!hold.on)
        return;
    fflush(stdout);
    fflush(stderr);
    /* Restoring 1 and 2 closes this program's write ends; the drain
     * reads what is still in the pipe, then stops (at EOF, or when the
     * pipe stays quiet, if a child process holds a write end). */
    dup2(hold.saved_out, STDOUT_FILENO);
    dup2(hold.saved_err, STDERR_FILENO);
    close(hold.saved_out);
    close(hold.saved_err);
    atomic_store(&hold.stop, true);
    pthread_join(hold.drain, NULL);
    close(hold.rd);
    replay();
    free(hold.ring);
    hold.ring = NULL;
    hold.on = false;
}
