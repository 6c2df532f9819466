/* timer.c — hashed timer wheels, one per scheduler, plus the process
 * timers built on them (send_after, receive timeouts).
 *
 * Invariant: a timer due within WHEEL_SLOTS ms of the wheel's clock sits
 * in slot due % WHEEL_SLOTS, in arming order; a later one sits on the
 * overflow list and moves into its slot once the clock comes within
 * reach. Advancing walks slots in time order, so timers fire by deadline.
 * Cells never return to the system before wheel_fini, so an id (wheel,
 * cell, generation) can be checked safely however old it is.
 */
#include "timer.h"

#include "mem.h"
#include "node.h"
#include "proc.h"
#include "scheduler.h"

#define ID_WHEEL_BITS 8
#define ID_CELL_BITS 24

static uint64_t make_id(const Wheel *w, uint32_t cell, uint32_t gen)
{
    return (uint64_t)w->index | ((uint64_t)cell << ID_WHEEL_BITS) | ((uint64_t)gen << 32);
}

static Timer *cell_at(Wheel *w, uint32_t cell)
{
    if (cell / TIMER_CHUNK >= w->nchunks)
        return NULL;
    return &w->chunks[cell / TIMER_CHUNK][cell % TIMER_CHUNK];
}

int wheel_init(Wheel *w, unsigned index, uint64_t now_ms)
{
    memset(w, 0, sizeof *w);
    pthread_mutex_init(&w->lock, NULL);
    w->index = index;
    w->now_ms = now_ms;
    return 0;
}

void wheel_fini(Wheel *w)
{
    for (uint32_t c = 0; c < w->nchunks; c++) {
        for (uint32_t i = 0; i < TIMER_CHUNK; i++) {
            Timer *t = &w->chunks[c][i];
            if (t->where != WHEEL_FREE && t->msg != NULL)
                msg_free(t->msg);
        }
        mem_free(MEM_SYSTEM, w->chunks[c], TIMER_CHUNK * sizeof(Timer));
    }
    mem_free(MEM_SYSTEM, w->chunks, w->cap_chunks * sizeof *w->chunks);
    pthread_mutex_destroy(&w->lock);
    memset(w, 0, sizeof *w);
}

/* Adds a chunk of free cells. false when out of memory or out of ids. */
static bool grow(Wheel *w)
{
    if ((uint64_t)(w->nchunks + 1) * TIMER_CHUNK > (UINT64_C(1) << ID_CELL_BITS))
        return false;
    if (w->nchunks == w->cap_chunks) {
        uint32_t cap = w->cap_chunks ? w->cap_chunks * 2 : 8;
        Timer **grown = mem_realloc(MEM_SYSTEM, w->chunks, w->cap_chunks * sizeof *grown,
                                    cap * sizeof *grown);
        if (grown == NULL)
            return false;
        w->chunks = grown;
        w->cap_chunks = cap;
    }
    Timer *chunk = mem_calloc(MEM_SYSTEM, TIMER_CHUNK, sizeof *chunk);
    if (chunk == NULL)
        return false;
    w->chunks[w->nchunks++] = chunk;
    for (uint32_t i = TIMER_CHUNK; i-- > 0;) {
        chunk[i].where = WHEEL_FREE;
        chunk[i].cell = (w->nchunks - 1) * TIMER_CHUNK + i;
        chunk[i].next = w->free;
        w->free = &chunk[i];
    }
    return true;
}

/* ---- lists: slots are circular doubly linked, head = oldest ---------- */

static void list_add(Timer **head, Timer *t)
{
    if (*head == NULL) {
        t->next = t->prev = t;
        *head = t;
        return;
    }
    t->prev = (*head)->prev;
    t->next = *head;
    (*head)->prev->next = t;
    (*head)->prev = t;
}

static void list_del(Timer **head, Timer *t)
{
    if (t->next == t)
        *head = NULL;
    else {
        t->prev->next = t->next;
        t->next->prev = t->prev;
        if (*head == t)
            *head = t->next;
    }
    t->next = t->prev = NULL;
}

static Timer **list_of(Wheel *w, Timer *t)
{
    return t->where == WHEEL_SLOTS ? &w->overflow : &w->slots[t->where];
}

/* Takes t off whichever list holds it. */
static void unplace(Wheel *w, Timer *t)
{
    if (t->where == WHEEL_SLOTS)
        w->noverflow--;
    list_del(list_of(w, t), t);
}

/* Files t into its slot, or the overflow list when it is too far out.
 * Slots hold deadlines in (now, now + WHEEL_SLOTS): one deadline each. */
static void place(Wheel *w, Timer *t)
{
    if (t->due_ms <= w->now_ms)
        t->due_ms = w->now_ms + 1; /* never behind the clock: fires next tick */
    if (t->due_ms - w->now_ms < WHEEL_SLOTS) {
        t->where = (uint32_t)(t->due_ms % WHEEL_SLOTS);
    } else {
        t->where = WHEEL_SLOTS;
        if (w->noverflow == 0 || t->due_ms < w->overflow_min)
            w->overflow_min = t->due_ms;
        w->noverflow++;
    }
    list_add(list_of(w, t), t);
}

static void release(Wheel *w, Timer *t)
{
    t->where = WHEEL_FREE;
    t->msg = NULL;
    t->gen++;
    t->next = w->free;
    w->free = t;
    w->count--;
}

int wheel_add(Wheel *w, uint64_t due_ms, Term to, Msg *m, uint64_t *id)
{
    pthread_mutex_lock(&w->lock);
    if (w->free == NULL && !grow(w)) {
        pthread_mutex_unlock(&w->lock);
        return MOTE_ENOMEM;
    }
    Timer *t = w->free;
    w->free = t->next;
    t->due_ms = due_ms;
    t->seq = w->seq++;
    t->to = to;
    t->msg = m;
    place(w, t);
    w->count++;
    *id = make_id(w, t->cell, t->gen);
    pthread_mutex_unlock(&w->lock);
    return 0;
}

bool wheel_cancel(Wheel *w, uint64_t id)
{
    uint32_t cell = (uint32_t)(id >> ID_WHEEL_BITS) & ((1u << ID_CELL_BITS) - 1);
    uint32_t gen = (uint32_t)(id >> 32);
    pthread_mutex_lock(&w->lock);
    Timer *t = cell_at(w, cell);
    bool live = t != NULL && t->where <= WHEEL_SLOTS && t->gen == gen;
    Msg *m = NULL;
    if (live) {
        unplace(w, t);
        m = t->msg;
        release(w, t);
    }
    pthread_mutex_unlock(&w->lock);
    if (m != NULL)
        msg_free(m);
    return live;
}

/* Moves overflow timers that came within reach into their slots. The
 * list is walked only when its earliest deadline is near. */
static void pull_overflow(Wheel *w)
{
    if (w->noverflow == 0 || w->overflow_min >= w->now_ms + WHEEL_SLOTS)
        return;
    size_t n = w->noverflow;
    w->overflow_min = UINT64_MAX;
    for (size_t i = 0; i < n; i++) {
        Timer *u = w->overflow;
        unplace(w, u);
        place(w, u); /* back on overflow (at its tail) if still too far */
    }
}

/* Moves due timers of one slot onto the `fired` list, in order. */
static void collect_slot(Wheel *w, uint32_t slot, uint64_t upto, Timer **fired)
{
    Timer *head = w->slots[slot];
    if (head == NULL)
        return;
    Timer *t = head;
    size_t n = 0;
    for (Timer *u = head; n == 0 || u != head; u = u->next)
        n++;
    for (size_t i = 0; i < n; i++) {
        Timer *next = t->next;
        if (t->due_ms <= upto) {
            list_del(&w->slots[slot], t);
            list_add(fired, t);
            t->where = WHEEL_FIRED;
        }
        t = next;
    }
}

void wheel_advance(Wheel *w, Node *n, uint64_t now_ms)
{
    if (now_ms <= w->now_ms)
        return; /* owner-only field: no lock needed to read it */
    Timer *fired = NULL;
    pthread_mutex_lock(&w->lock);
    if (w->count > 0) {
        /* In steps shorter than the wheel: overflow timers are pulled in
         * before each step, so none can fall due inside a step unseen, and
         * slots are visited in deadline order. */
        while (w->now_ms < now_ms) {
            pull_overflow(w);
            uint64_t step = now_ms - w->now_ms;
            if (step > WHEEL_SLOTS - 1)
                step = WHEEL_SLOTS - 1;
            if (w->count == w->noverflow) {
                /* Only far timers, all due at or past now + WHEEL_SLOTS
                 * after the pull: jump the clock to just before them. */
                uint64_t gap = w->overflow_min - 1 - w->now_ms;
                if (w->noverflow == 0 || gap >= now_ms - w->now_ms)
                    gap = now_ms - w->now_ms;
                if (gap > step) {
                    w->now_ms += gap;
                    continue;
                }
            }
            for (uint64_t k = 1; k <= step; k++)
                collect_slot(w, (uint32_t)((w->now_ms + k) % WHEEL_SLOTS), w->now_ms + k, &fired);
            w->now_ms += step;
        }
    } else {
        w->now_ms = now_ms;
    }
    /* Take the messages out under the lock; deliver outside it (delivery
     * takes slot and scheduler locks). */
    Timer *list = fired;
    size_t nf = 0;
    for (Timer *u = list; u != NULL && (nf == 0 || u != list); u = u->next)
        nf++;
    Msg *msgs[64];
    Term tos[64];
    size_t batch = 0;
    while (nf > 0) {
        Timer *t = fired;
        list_del(&fired, t);
        nf--;
        msgs[batch] = t->msg;
        tos[batch] = t->to;
        release(w, t);
        if (++batch == 64 || nf == 0) {
            pthread_mutex_unlock(&w->lock);
            for (size_t i = 0; i < batch; i++)
                if (node_deliver(n, tos[i], msgs[i]) != 0)
                    msg_free(msgs[i]);
            batch = 0;
            pthread_mutex_lock(&w->lock);
        }
    }
    pthread_mutex_unlock(&w->lock);
}

uint64_t wheel_next_due(Wheel *w)
{
    pthread_mutex_lock(&w->lock);
    uint64_t best = UINT64_MAX;
    if (w->count > 0) {
        for (uint64_t k = 1; k <= WHEEL_SLOTS && best == UINT64_MAX; k++) {
            Timer *h = w->slots[(w->now_ms + k) % WHEEL_SLOTS];
            if (h == NULL)
                continue;
            Timer *t = h;
            do {
                if (t->due_ms < best)
                    best = t->due_ms;
                t = t->next;
            } while (t != h);
        }
        Timer *h = w->overflow;
        if (h != NULL) {
            Timer *t = h;
            do {
                if (t->due_ms < best)
                    best = t->due_ms;
                t = t->next;
            } while (t != h);
        }
    }
    pthread_mutex_unlock(&w->lock);
    return best;
}

/* ---- process timers ------------------------------------------------- */

uint64_t timer_now_ms(Node *n)
{
    return (node_now_ns() - n->start_ns) / 1000000u;
}

int timer_start(Node *n, uint64_t ms, Term to, Msg *m, uint64_t *id)
{
    Sched *s = sched_current();
    if (s == NULL || s->node != n)
        s = &n->scheds[0];
    uint64_t due = timer_now_ms(n) + (ms == 0 ? 1 : ms);
    int rc = wheel_add(&s->wheel, due, to, m, id);
    if (rc == 0 && s != sched_current())
        sched_poke(s, due);
    return rc;
}

bool timer_cancel(Node *n, uint64_t id)
{
    unsigned idx = (unsigned)(id & ((1u << ID_WHEEL_BITS) - 1));
    if (idx >= n->nsched)
        return false;
    return wheel_cancel(&n->scheds[idx].wheel, id);
}

int timer_arm_receive(Proc *p, uint64_t ms)
{
    timer_cancel_receive(p);
    p->timer_gen++;
    p->flags &= (uint8_t)~PF_TIMED_OUT;
    Msg *m = msg_new(MSG_TIMEOUT, p->pid, NONE);
    if (m == NULL)
        return MOTE_ENOMEM;
    m->aux = p->timer_gen;
    int rc = timer_start(p->node, ms, p->pid, m, &p->recv_timer);
    if (rc != 0) {
        msg_free(m);
        return rc;
    }
    p->flags |= PF_HAS_TIMER;
    return 0;
}

void timer_cancel_receive(Proc *p)
{
    if (!(p->flags & PF_HAS_TIMER))
        return;
    timer_cancel(p->node, p->recv_timer);
    p->flags &= (uint8_t)~PF_HAS_TIMER;
    p->timer_gen++; /* a timeout already in flight is now stale */
}
