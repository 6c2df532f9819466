/* poller.c — one epoll thread turning fd readiness into messages.
 *
 * Watches live in an array indexed by fd (fds are small and dense), under
 * one mutex shared by callers and the poller thread. Every watch is armed
 * with EPOLLONESHOT, so the kernel disarms it as it reports it: a ready fd
 * produces exactly one message until it is watched again, and the thread
 * never spins on a level-triggered fd the owner has not read yet.
 * Invariant: an entry is `armed` exactly while epoll may still report it;
 * `registered` says whether epoll knows the fd at all (ADD vs MOD).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "poller.h"

#include <errno.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "atom.h"
#include "heap.h"
#include "mem.h"
#include "msg.h"
#include "node.h"

typedef struct Watch {
    bool armed;       /* a readiness report is still expected           */
    bool registered;  /* epoll has this fd (added, maybe disarmed)      */
    Term owner;       /* local pid to tell                              */
    Term tag;         /* lives in frag (or immediate)                   */
    HeapFrag *frag;   /* owned copy of the tag, or NULL                 */
} Watch;

struct Poller {
    struct Node *node;
    int epfd;
    int evfd;          /* written once to stop the thread */
    pthread_t thread;
    pthread_mutex_t lock;
    Watch *watches;    /* indexed by fd */
    size_t nwatches;   /* entries allocated */
};

#define MAX_EVENTS 64

static void drop_tag(Watch *w)
{
    if (w->frag)
        frag_free(w->frag);
    w->frag = NULL;
    w->tag = NONE;
}

static uint32_t to_epoll(uint32_t ev)
{
    return ((ev & POLLER_IN) ? EPOLLIN | EPOLLRDHUP : 0) | ((ev & POLLER_OUT) ? EPOLLOUT : 0);
}

static uint32_t from_epoll(uint32_t e)
{
    /* A hang-up makes the fd readable in the sense that matters: read
     * returns 0 at once. */
    return ((e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)) ? POLLER_IN : 0) |
           ((e & EPOLLOUT) ? POLLER_OUT : 0) | ((e & EPOLLERR) ? POLLER_ERR : 0) |
           ((e & EPOLLHUP) ? POLLER_HUP : 0);
}

/* Builds the {:poll, tag, events} message for w and disarms it. Called
 * with the lock held; the message holds its own copy of the tag. */
static Msg *take_report(Watch *w, uint32_t events)
{
    Term tb[4] = {make_header(HDR_TUPLE, 3), A(poll), w->tag, make_small(events)};
    Msg *m = msg_new(MSG_MESSAGE, NONE, make_boxed(tb));
    w->armed = false;
    drop_tag(w);
    return m;
}

static void report(Poller *pl, int fd, uint32_t epev)
{
    Msg *m = NULL;
    Term owner = NONE;
    pthread_mutex_lock(&pl->lock);
    if (fd >= 0 && (size_t)fd < pl->nwatches && pl->watches[fd].armed) {
        owner = pl->watches[fd].owner;
        m = take_report(&pl->watches[fd], from_epoll(epev));
    }
    pthread_mutex_unlock(&pl->lock);
    /* Deliver outside the lock: node_deliver may wake a scheduler. A dead
     * owner simply loses the report, as a send to a dead pid. */
    if (m && node_deliver(pl->node, owner, m) < 0)
        msg_free(m);
}

static void *run(void *arg)
{
    Poller *pl = arg;
    struct epoll_event evs[MAX_EVENTS];
    for (;;) {
        int k = epoll_wait(pl->epfd, evs, MAX_EVENTS, -1);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return NULL;
        }
        for (int i = 0; i < k; i++) {
            if (evs[i].data.fd == pl->evfd)
                return NULL;
            report(pl, evs[i].data.fd, evs[i].events);
        }
    }
}

int poller_new(struct Node *n, Poller **out)
{
    Poller *pl = mem_calloc(MEM_SYSTEM, 1, sizeof *pl);
    if (!pl)
        return MOTE_ENOMEM;
    pl->node = n;
    pl->epfd = epoll_create1(EPOLL_CLOEXEC);
    pl->evfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (pl->epfd < 0 || pl->evfd < 0)
        goto fail;
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = pl->evfd};
    if (epoll_ctl(pl->epfd, EPOLL_CTL_ADD, pl->evfd, &ev) < 0)
        goto fail;
    pthread_mutex_init(&pl->lock, NULL);
    if (pthread_create(&pl->thread, NULL, run, pl) != 0) {
        pthread_mutex_destroy(&pl->lock);
        goto fail;
    }
    *out = pl;
    return 0;
fail:
    if (pl->evfd >= 0)
        close(pl->evfd);
    if (pl->epfd >= 0)
        close(pl->epfd);
    mem_free(MEM_SYSTEM, pl, sizeof *pl);
    return MOTE_EIO;
}

void poller_free(Poller *pl)
{
    if (!pl)
        return;
    uint64_t one = 1;
    /* The eventfd is level-triggered and never read, so the thread sees
     * it however busy it is. */
    while (write(pl->evfd, &one, sizeof one) < 0 && errno == EINTR)
        ;
    pthread_join(pl->thread, NULL);
    for (size_t i = 0; i < pl->nwatches; i++)
        drop_tag(&pl->watches[i]);
    if (pl->watches)
        mem_free(MEM_SYSTEM, pl->watches, pl->nwatches * sizeof(Watch));
    pthread_mutex_destroy(&pl->lock);
    close(pl->evfd);
    close(pl->epfd);
    mem_free(MEM_SYSTEM, pl, sizeof *pl);
}

/* Makes watches[fd] exist. Lock held. 0 or MOTE_ENOMEM. */
static int reserve(Poller *pl, int fd)
{
    if ((size_t)fd < pl->nwatches)
        return 0;
    size_t n = pl->nwatches ? pl->nwatches : 64;
    while (n <= (size_t)fd)
        n *= 2;
    Watch *w = mem_realloc(MEM_SYSTEM, pl->watches, pl->nwatches * sizeof(Watch),
                           n * sizeof(Watch));
    if (!w)
        return MOTE_ENOMEM;
    memset(w + pl->nwatches, 0, (n - pl->nwatches) * sizeof(Watch));
    pl->watches = w;
    pl->nwatches = n;
    return 0;
}

/* An owned copy of tag in its own fragment (NULL for an immediate). */
static int copy_tag(Term tag, HeapFrag **frag, Term *copy)
{
    size_t words = copy_size(tag);
    *frag = NULL;
    *copy = tag;
    if (words == 0)
        return 0;
    HeapFrag *f = frag_new(words);
    if (!f)
        return MOTE_ENOMEM;
    Term *hp = f->mem;
    *copy = copy_term(tag, &hp, &f->mso);
    f->used_words = (size_t)(hp - f->mem);
    *frag = f;
    return 0;
}

/* Tells epoll about the watch: MOD if it knows the fd, else ADD. An fd
 * closed and reopened under the same number is unknown to epoll again,
 * hence the fallback. Lock held. */
static int arm(Poller *pl, int fd, uint32_t events)
{
    struct epoll_event ev = {.events = to_epoll(events) | EPOLLONESHOT, .data.fd = fd};
    Watch *w = &pl->watches[fd];
    if (w->registered && epoll_ctl(pl->epfd, EPOLL_CTL_MOD, fd, &ev) == 0)
        return 0;
    if (epoll_ctl(pl->epfd, EPOLL_CTL_ADD, fd, &ev) == 0)
        return 0;
    if (errno == EEXIST && epoll_ctl(pl->epfd, EPOLL_CTL_MOD, fd, &ev) == 0)
        return 0;
    return MOTE_EIO;
}

int poller_watch(Poller *pl, int fd, uint32_t events, Term owner, Term tag)
{
    if (!pl || fd < 0 || fd == pl->evfd || !(events & (POLLER_IN | POLLER_OUT)) ||
        !is_local_pid(owner) || tag == NONE)
        return MOTE_EINVAL;
    HeapFrag *frag;
    Term copy;
    if (copy_tag(tag, &frag, &copy) < 0)
        return MOTE_ENOMEM;
    pthread_mutex_lock(&pl->lock);
    int rc = reserve(pl, fd);
    if (rc == 0)
        rc = arm(pl, fd, events);
    if (rc == 0) {
        Watch *w = &pl->watches[fd];
        drop_tag(w);
        w->registered = w->armed = true;
        w->owner = owner;
        w->tag = copy;
        w->frag = frag;
        frag = NULL;
    }
    pthread_mutex_unlock(&pl->lock);
    if (frag)
        frag_free(frag);
    return rc;
}

int poller_unwatch(Poller *pl, int fd)
{
    if (!pl || fd < 0)
        return MOTE_EINVAL;
    pthread_mutex_lock(&pl->lock);
    if ((size_t)fd < pl->nwatches && pl->watches[fd].registered) {
        Watch *w = &pl->watches[fd];
        (void)epoll_ctl(pl->epfd, EPOLL_CTL_DEL, fd, NULL);
        w->registered = w->armed = false;
        drop_tag(w);
    }
    pthread_mutex_unlock(&pl->lock);
    return 0;
}
