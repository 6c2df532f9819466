/* poller.h — the I/O poller: fd readiness becomes a message.
 *
 * One epoll thread per runtime. A watch is one-shot: when the fd becomes
 * ready the owner gets {:poll, tag, events} (events: POLLER_* bits as a
 * small integer) and the watch is disarmed; watch again to hear more.
 * This is what lets a process wait on a socket without a scheduler ever
 * blocking. Distribution, the remote shell and plugins use it.
 *
 * Threads: every function is thread-safe. poller_free must not race with
 * other calls on the same poller.
 */
#ifndef MOTE_POLLER_H
#define MOTE_POLLER_H

#include <stdint.h>

#include "term.h"

struct Node;
typedef struct Poller Poller;

enum {
    POLLER_IN = 1,  /* readable (or a peer closed: read returns 0)      */
    POLLER_OUT = 2, /* writable                                          */
    POLLER_ERR = 4, /* error condition; only reported, never asked for   */
    POLLER_HUP = 8, /* hang-up; only reported, never asked for           */
};

/* Starts the poller thread for node n. On success *out owns it (free with
 * poller_free). Returns 0, MOTE_ENOMEM or MOTE_EIO (epoll, eventfd or
 * thread creation failed). */
int poller_new(struct Node *n, Poller **out);
/* Stops the thread, forgets every watch (no message is sent) and frees
 * everything. NULL is fine. */
void poller_free(Poller *pl);

/* Arms a one-shot watch of fd for `events` (POLLER_IN and/or POLLER_OUT)
 * on behalf of the local pid owner. tag is copied (any term); it comes
 * back in the message. Re-watching an armed fd replaces its watch.
 * Returns 0, MOTE_EINVAL (bad fd, no events, owner not a local pid),
 * MOTE_ENOMEM, or MOTE_EIO (epoll refused the fd, e.g. a regular file). */
int poller_watch(Poller *pl, int fd, uint32_t events, Term owner, Term tag);
/* Disarms fd's watch, if any. Call it before closing a watched fd. 0 or
 * MOTE_EINVAL for a bad fd. */
int poller_unwatch(Poller *pl, int fd);

#endif
