/* mbox.h — a process's mailbox: lock-free inbox plus private queue.
 *
 * Senders push onto `inbox`, a lock-free LIFO (one compare-and-swap per
 * push). Only the owner takes from it: it swaps the whole inbox out at
 * once, reverses it into send order and appends it to the private queue,
 * so a busy receiver pays one atomic operation per batch, not per message.
 * Per-sender order holds because each push is linearised at its CAS.
 * Selective receive walks the private queue from `save`, the first
 * message the current receive has not looked at yet.
 *
 * `len` counts plain messages in inbox + queue and is exact from any
 * thread: a sender increments it before its push is visible, the owner
 * decrements it when it removes a message.
 */
#ifndef MOTE_MBOX_H
#define MOTE_MBOX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "msg.h"

typedef struct Mbox {
    Msg *_Atomic inbox;   /* pushed, newest first                          */
    Msg *first;           /* private queue, oldest first                   */
    Msg **last;           /* where the next private message goes          */
    Msg **save;           /* receive resumes scanning here                 */
    _Atomic uint64_t len; /* plain messages queued (inbox + private)       */
    uint32_t max_len;     /* 0 = unbounded                                 */
    uint8_t overflow;     /* mote_overflow policy at max_len               */
    _Atomic uint32_t overflowed; /* pushes past max_len the owner must act
                                    on: drop that many oldest (DROP_OLDEST)
                                    or exit :mailbox_overflow (KILL)       */
} Mbox;

/* ---- functions (mbox.c) ----------------------------------------------
 * Threads: mbox_push and mbox_len from any thread; everything else only
 * from the owner (the scheduler running the process). */

/* An empty mailbox; max_len 0 = unbounded. */
void mbox_init(Mbox *mb, uint32_t max_len, uint8_t overflow);
/* The inbox word of a process that waits in receive: set by its owner
 * with one compare-and-swap from empty, replaced by the first push. */
#define MBOX_WAITING ((Msg *)(uintptr_t)1)

/* Pushes m (owned by the mailbox from here). For MSG_MESSAGE, len must
 * already count it (node_deliver increments first so len never reads
 * low). Returns true when the owner was waiting (the push replaced
 * MBOX_WAITING): the caller must then make it runnable and enqueue it.
 * Any thread. */
bool mbox_push(Mbox *mb, Msg *m);
/* The owner's last act before blocking: marks the inbox MBOX_WAITING if
 * it is empty. true: the process now waits, and from this instant a
 * sender may wake it, so the caller must not touch it again. false:
 * something arrived; keep running. */
bool mbox_try_wait(Mbox *mb);
/* Takes the whole inbox at once: the returned list is oldest first,
 * linked through next. Owner. */
Msg *mbox_grab(Mbox *mb);
/* Appends one message to the private queue. Owner. */
void mbox_append(Mbox *mb, Msg *m);

/* Selective receive. The save position is where the current receive
 * resumes scanning. Owner. */
Msg *mbox_peek(Mbox *mb);    /* the message at save, or NULL at the end */
void mbox_next(Mbox *mb);    /* move save past the message at save      */
void mbox_reset(Mbox *mb);   /* save back to the oldest message         */
/* Unlinks the message at save (which must exist), decrements len for a
 * plain message, and returns it, owned by the caller. save then points at
 * the message that followed. */
Msg *mbox_unlink(Mbox *mb);
/* mbox_unlink, then hands its fragment to h and frees the Msg: returns
 * the message term, now living in h. */
Term mbox_take(Mbox *mb, Heap *h);
/* Removes and frees the oldest plain message. false when there is none. */
bool mbox_drop_oldest(Mbox *mb);
/* Plain messages queued (inbox + private). Any thread. */
static inline uint64_t mbox_len(Mbox *mb)
{
    return atomic_load_explicit(&mb->len, memory_order_relaxed);
}

#endif
