/* mbox.c — the mailbox: a lock-free LIFO inbox that any thread pushes
 * onto, and a private FIFO queue only the owner touches.
 *
 * Invariant: `len` counts every plain message in the inbox and the queue.
 * A sender counts its message before the push makes it visible, and the
 * owner uncounts it when it takes it out, so len never reads low. The
 * private queue is linked through Msg.next with `last` pointing at the
 * final next field and `save` at the link the current receive resumes
 * from; both must be fixed whenever the message they follow is unlinked.
 */
#include "mbox.h"

/* The queue links are the Msg.next words, which are _Atomic because the
 * inbox shares them; in the private queue only the owner reads them, so a
 * relaxed access is enough. Pointers to them are handled as Msg ** (same
 * representation on every platform we build for). */
static inline Msg *next_of(Msg *m)
{
    return atomic_load_explicit(&m->next, memory_order_relaxed);
}

static inline Msg **link_of(Msg *m)
{
    return (Msg **)&m->next;
}

void mbox_init(Mbox *mb, uint32_t max_len, uint8_t overflow)
{
    atomic_init(&mb->inbox, NULL);
    mb->first = NULL;
    mb->last = &mb->first;
    mb->save = &mb->first;
    atomic_init(&mb->len, 0);
    mb->max_len = max_len;
    mb->overflow = overflow;
    atomic_init(&mb->overflowed, 0);
}

bool mbox_push(Mbox *mb, Msg *m)
{
    Msg *head = atomic_load_explicit(&mb->inbox, memory_order_relaxed);
    do {
        /* The waiting mark is not a message: the first push replaces it. */
        atomic_store_explicit(&m->next, head == MBOX_WAITING ? NULL : head,
                              memory_order_relaxed);
        /* Release: the owner that swaps the inbox out must see the
         * message's contents. Acquire (on success): a waker then sees
         * everything the owner wrote before it marked itself waiting. */
    } while (!atomic_compare_exchange_weak_explicit(&mb->inbox, &head, m, memory_order_acq_rel,
                                                    memory_order_relaxed));
    return head == MBOX_WAITING;
}

bool mbox_try_wait(Mbox *mb)
{
    Msg *expected = NULL;
    /* Release: the process's state (heap, queue, counters) is handed to
     * whichever thread wakes it. */
    return atomic_compare_exchange_strong_explicit(&mb->inbox, &expected, MBOX_WAITING,
                                                   memory_order_acq_rel, memory_order_relaxed);
}

Msg *mbox_grab(Mbox *mb)
{
    Msg *m = atomic_load_explicit(&mb->inbox, memory_order_relaxed);
    if (m == NULL || m == MBOX_WAITING)
        return NULL;
    m = atomic_exchange_explicit(&mb->inbox, NULL, memory_order_acquire);
    if (m == MBOX_WAITING)
        return NULL; /* only during mote_stop's teardown of a waiting process */
    /* The inbox is newest first; reverse it so that the queue keeps the
     * order in which pushes were linearised. */
    Msg *oldest_first = NULL;
    while (m != NULL) {
        Msg *next = next_of(m);
        atomic_store_explicit(&m->next, oldest_first, memory_order_relaxed);
        oldest_first = m;
        m = next;
    }
    return oldest_first;
}

void mbox_append(Mbox *mb, Msg *m)
{
    atomic_store_explicit(&m->next, NULL, memory_order_relaxed);
    *mb->last = m;
    mb->last = link_of(m);
}

Msg *mbox_peek(Mbox *mb)
{
    return *mb->save;
}

void mbox_next(Mbox *mb)
{
    Msg *m = *mb->save;
    if (m != NULL)
        mb->save = link_of(m);
}

void mbox_reset(Mbox *mb)
{
    mb->save = &mb->first;
}

/* Unlinks the message *at (a link in the queue) and repairs `last` and
 * `save` if either pointed at its next field. */
static Msg *unlink_at(Mbox *mb, Msg **at)
{
    Msg *m = *at;
    *at = next_of(m);
    if (mb->last == link_of(m))
        mb->last = at;
    if (mb->save == link_of(m))
        mb->save = at;
    atomic_store_explicit(&m->next, NULL, memory_order_relaxed);
    if (m->kind == MSG_MESSAGE)
        atomic_fetch_sub_explicit(&mb->len, 1, memory_order_relaxed);
    return m;
}

Msg *mbox_unlink(Mbox *mb)
{
    return unlink_at(mb, mb->save);
}

Term mbox_take(Mbox *mb, Heap *h)
{
    Msg *m = unlink_at(mb, mb->save);
    Term t = m->term;
    if (m->frag != NULL) {
        heap_attach(h, m->frag);
        m->frag = NULL;
    }
    msg_free(m);
    return t;
}

bool mbox_drop_oldest(Mbox *mb)
{
    for (Msg **at = &mb->first; *at != NULL; at = link_of(*at)) {
        if ((*at)->kind == MSG_MESSAGE) {
            msg_free(unlink_at(mb, at));
            return true;
        }
    }
    return false;
}
