/* msg.h — messages and signals in flight, and the term copier.
 *
 * Everything that reaches a process arrives as a Msg on its inbox: plain
 * messages, and signals (link, unlink, exit, monitor, demonitor, down,
 * timeouts, info requests). One queue for both is what gives Erlang's
 * guarantee that signals from one sender arrive in the order sent, after
 * the messages sent before them.
 *
 * A Msg owns its term: copy_term() copies the payload into the Msg's own
 * fragment, so the sender's heap can be collected at once.
 */
#ifndef MOTE_MSG_H
#define MOTE_MSG_H

#include "heap.h"

typedef enum MsgKind {
    MSG_MESSAGE,    /* term: the message                                  */
    MSG_LINK,       /* from: the pid that linked                          */
    MSG_UNLINK,     /* from: the pid that unlinked                        */
    MSG_EXIT,       /* from, term: reason; aux=1 when it came from a link */
    MSG_MONITOR,    /* from: watcher; term: the ref                       */
    MSG_DEMONITOR,  /* from: watcher; term: the ref                       */
    MSG_DOWN,       /* from: the dead pid; term: {ref, reason} tuple      */
    MSG_TIMEOUT,    /* aux: the receive-timer generation that fired       */
    MSG_REQUEST,    /* aux: a SigRequest* answered by the receiver (info) */
} MsgKind;

typedef struct Msg {
    struct Msg *_Atomic next; /* inbox / queue link                       */
    uint32_t kind;           /* MsgKind                                   */
    uint32_t flags;
    Term from;               /* sender pid, or NONE                       */
    Term term;               /* payload; points into frag (or immediate)  */
    uint64_t aux;
    HeapFrag *frag;          /* NULL when term is immediate               */
} Msg;

/* Words a copy of t needs (a copy shares no cells with the original; off-
 * heap binaries are shared and gain a reference). */
size_t copy_size(Term t);
/* Copies t into `dst`, which must have copy_size(t) words free at *hp;
 * advances *hp; appends REFBIN copies to *mso. Returns the copy. */
Term copy_term(Term t, Term **hp, Term **mso);

/* A new Msg holding a copy of t (and of nothing else). NULL when out of
 * memory. Free with msg_free unless it was handed to a mailbox. */
Msg *msg_new(MsgKind kind, Term from, Term t);
/* The same, for a sender that knows its node: off the schedulers (a host
 * thread), a plain Msg then comes from the node's pool, not malloc. */
struct Node;
Msg *msg_new_on(struct Node *n, MsgKind kind, Term from, Term t);
void msg_free(Msg *m);

/* Layout (copy.c): when the term (or a remote `from` pid) is boxed, the
 * Msg and its fragment are one MEM_MSG allocation, the Msg inside the
 * fragment (wrapped as an HDR_OPAQUE object, so the fragment stays a
 * well-formed run of objects). msg_take_frag hands the fragment (the
 * terms) to the caller, typically for heap_attach on the receiver,
 * recharging it to MEM_HEAP so frag_free releases it. The Msg struct then
 * lives in that fragment: it stays valid until the fragment is freed (the
 * receiver's next GC); msg_free(m) must still be called once, at once,
 * and frees nothing. NULL (and no change) when the message has no
 * fragment; then msg_free frees the Msg. Taking m->frag by hand and
 * setting it to NULL also works, if msg_free(m) follows before any GC.
 * Flags bits 30 and 31 are copy.c's. */
HeapFrag *msg_take_frag(Msg *m);

#endif
