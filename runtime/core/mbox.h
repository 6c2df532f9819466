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

#include "msg.h"

typedef struct Mbox {
    Msg *_Atomic inbox;   /* pushed, newest first                          */
    Msg *first;           /* private queue, oldest first                   */
    Msg **last;           /* where the next private message goes          */
    Msg **save;           /* receive resumes scanning here                 */
    _Atomic uint64_t len; /* plain messages queued (inbox + private)       */
    uint32_t max_len;     /* 0 = unbounded                                 */
    uint8_t overflow;     /* mote_overflow policy at max_len               */
} Mbox;

#endif
