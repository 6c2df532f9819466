/* timer.h — per-scheduler timer wheels: send_after and receive timeouts.
 *
 * Each scheduler owns one wheel of WHEEL_SLOTS one-millisecond slots; a
 * timer due within the wheel's span goes into the slot of its deadline,
 * later ones wait on an overflow list and move into the wheel as their
 * time comes near. Timers fire in deadline order (ties in the order they
 * were armed). Firing delivers a prepared Msg through node_deliver, so
 * the payload was copied when the timer was armed.
 *
 * Threads: the owning scheduler advances its wheel; any thread may arm
 * or cancel, under the wheel's mutex. A timer id names its wheel, its
 * cell and a generation, so a stale id cancels nothing.
 */
#ifndef MOTE_TIMER_H
#define MOTE_TIMER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "msg.h"

struct Node;
struct Proc;
struct Sched;

#define WHEEL_SLOTS 512u     /* ms covered by the wheel proper            */
#define TIMER_CHUNK 256u     /* timer cells allocated at a time           */

typedef struct Timer {
    struct Timer *next, *prev; /* slot / overflow / free list links       */
    uint64_t due_ms;           /* deadline, ms since node start           */
    uint64_t seq;              /* arming order, breaks ties               */
    Term to;                   /* receiver pid                            */
    Msg *msg;                  /* owned until fired or cancelled          */
    uint32_t gen;              /* bumped each time the cell is freed      */
    uint32_t cell;             /* its own index, part of its ids          */
    uint32_t where;            /* slot index, WHEEL_SLOTS = overflow,
                                  WHEEL_FREE = unused cell, WHEEL_FIRED  */
} Timer;
#define WHEEL_FREE (WHEEL_SLOTS + 1)
#define WHEEL_FIRED (WHEEL_SLOTS + 2) /* being delivered: too late to cancel */

typedef struct Wheel {
    pthread_mutex_t lock;
    Timer *slots[WHEEL_SLOTS];   /* doubly linked, circular (head = oldest) */
    Timer *overflow;             /* due past now + WHEEL_SLOTS, unordered   */
    Timer *free;                 /* free cells                              */
    Timer **chunks;              /* cell storage, TIMER_CHUNK per chunk     */
    uint32_t nchunks, cap_chunks;
    uint64_t now_ms;             /* every timer due <= now_ms has fired     */
    uint64_t seq;
    uint64_t count;              /* armed timers                            */
    uint64_t noverflow;          /* of which on the overflow list           */
    uint64_t overflow_min;       /* no overflow timer is due before this    */
    unsigned index;              /* the scheduler's index, part of each id  */
} Wheel;

/* Sets up an empty wheel whose clock starts at now_ms. 0 or MOTE_ENOMEM. */
int wheel_init(Wheel *w, unsigned index, uint64_t now_ms);
/* Frees every cell and every undelivered message. */
void wheel_fini(Wheel *w);

/* Arms a timer: m goes to `to` at due_ms (ms since node start). The wheel
 * owns m from here. Returns 0 with the id in *id, or MOTE_ENOMEM (then
 * the caller still owns m). Any thread. */
int wheel_add(Wheel *w, uint64_t due_ms, Term to, Msg *m, uint64_t *id);
/* Cancels a timer that has not fired: true and its message freed, or
 * false when the id is stale, fired or unknown. Any thread. */
bool wheel_cancel(Wheel *w, uint64_t id);
/* Fires every timer due at or before now_ms, in deadline order. Owner
 * scheduler (or the host during stop). */
void wheel_advance(Wheel *w, struct Node *n, uint64_t now_ms);
/* The earliest deadline armed, or UINT64_MAX when none. */
uint64_t wheel_next_due(Wheel *w);

/* Milliseconds since the node started. */
uint64_t timer_now_ms(struct Node *n);

/* Arms a timer on the calling scheduler's wheel (or scheduler 0 from a
 * host thread) and wakes that scheduler if it sleeps past due. Returns 0
 * or MOTE_ENOMEM (caller keeps m). */
int timer_start(struct Node *n, uint64_t ms, Term to, Msg *m, uint64_t *id);
/* Cancels by id on whichever wheel it names. true when it had not fired. */
bool timer_cancel(struct Node *n, uint64_t id);

/* Receive timeouts for the VM: arms (replacing any armed one) a timer
 * that delivers MSG_TIMEOUT with the new p->timer_gen after ms; the drain
 * then sets PF_TIMED_OUT. Owner thread. 0 or MOTE_ENOMEM. */
int timer_arm_receive(struct Proc *p, uint64_t ms);
/* Disarms it; a MSG_TIMEOUT already in flight is ignored by its stale
 * generation. Owner thread. */
void timer_cancel_receive(struct Proc *p);

#endif
