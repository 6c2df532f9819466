/* copy.c — deep copies of terms, and the messages that carry them.
 *
 * copy_term is a Cheney copy into a contiguous area: the root object is
 * copied shallowly, then a scan pointer walks the copied words and copies
 * each child the first time it is reached, so depth costs no C stack and
 * a million-deep list is one pass. Sharing inside a term is not kept (a
 * DAG becomes a tree, as on the BEAM); copy_size counts the same tree.
 * Off-heap binaries are never copied: the REFBIN copy gains a reference
 * and joins the destination's off-heap list.
 *
 * A Msg and its fragment are one allocation:
 *   [HeapFrag][OPAQUE header][Msg][term words]
 * The Msg is wrapped as an HDR_OPAQUE object so that the fragment is a
 * well-formed run of objects for the GC and heap_verify, and counted as
 * used so that frag_free releases the whole block and no allocator hands
 * the Msg's words out. The Msg comes first so its fragment can be found
 * from it (msg_free of a Msg whose fragment was taken by hand).
 */
#include "bin.h"
#include "mem.h"
#include "msg.h"
#include "scheduler.h"

#define REFBIN_BIN 2
#define REFBIN_NEXT 4
#define MSG_WORDS ((sizeof(Msg) + sizeof(Term) - 1) / sizeof(Term))

enum {
    MSG_F_IN_FRAG = 1u << 31, /* the Msg lives inside its fragment          */
    MSG_F_TAKEN = 1u << 30,   /* msg_take_frag moved the block to MEM_HEAP   */
};

static bool is_pointer(Term t) { return is_boxed(t) || is_cons(t); }

/* ---- copy_size: an explicit stack of subterms still to count ------------ */

#define LOCAL_PENDING 64

typedef struct Pending {
    Term *items;
    size_t len, cap;
    Term local[LOCAL_PENDING];
} Pending;

static bool pending_push(Pending *p, Term t)
{
    if (p->len == p->cap) {
        size_t ncap = p->cap * 2;
        Term *n;
        if (p->items == p->local) {
            n = mem_alloc(MEM_SYSTEM, ncap * sizeof(Term));
            if (n)
                memcpy(n, p->items, p->len * sizeof(Term));
        } else {
            n = mem_realloc(MEM_SYSTEM, p->items, p->cap * sizeof(Term), ncap * sizeof(Term));
        }
        if (!n)
            return false;
        p->items = n;
        p->cap = ncap;
    }
    p->items[p->len++] = t;
    return true;
}

/* Counts one object's words and queues its pointer children. A cons
 * cell's tail is returned rather than queued, so walking a long list is
 * a loop, not a growing stack. */
static bool count_one(Pending *p, Term t, size_t *words, Term *next)
{
    *next = NONE;
    if (is_cons(t)) {
        *words += 2;
        Term h = list_head(t);
        if (is_pointer(h) && !pending_push(p, h))
            return false;
        *next = list_tail(t);
        return true;
    }
    const Term *obj = boxed_ptr(t);
    size_t first, count;
    hdr_terms(obj[0], &first, &count);
    *words += 1 + hdr_arity(obj[0]);
    for (size_t i = 0; i < count; i++) {
        Term c = obj[1 + first + i];
        if (is_pointer(c) && !pending_push(p, c))
            return false;
    }
    return true;
}

/* Words a copy of t needs; SIZE_MAX if memory ran out while counting a
 * very deep term. Any thread; reads t only. */
size_t copy_size(Term t)
{
    if (!is_pointer(t))
        return 0;
    /* Fields one by one: an initializer would zero all of local[], 512
     * bytes, on every message sent (it was most of a small send's cost). */
    Pending p;
    p.items = p.local;
    p.len = 0;
    p.cap = LOCAL_PENDING;
    size_t words = 0;
    bool ok = true;
    while (ok) {
        while (ok && is_pointer(t))
            ok = count_one(&p, t, &words, &t);
        if (p.len == 0)
            break;
        t = p.items[--p.len];
    }
    if (p.items != p.local)
        mem_free(MEM_SYSTEM, p.items, p.cap * sizeof(Term));
    return ok ? words : SIZE_MAX;
}

/* ---- copy_term: Cheney scan over the destination ----------------------- */

/* Copies the cell or object t points at to *hp, children still pointing
 * at the source; immediates come back unchanged. */
static Term copy_shallow(Term t, Term **hp, Term **mso)
{
    Term *dst = *hp;
    if (is_cons(t)) {
        dst[0] = list_head(t);
        dst[1] = list_tail(t);
        *hp += 2;
        return make_list(dst);
    }
    if (!is_boxed(t))
        return t;
    size_t n = boxed_size_words(t);
    memcpy(dst, boxed_ptr(t), n * sizeof(Term));
    *hp += n;
    if (hdr_kind(dst[0]) == HDR_REFBIN) {
        bin_incref((Bin *)(uintptr_t)dst[REFBIN_BIN]);
        dst[REFBIN_NEXT] = (Term)(uintptr_t)*mso;
        *mso = dst;
    }
    return make_boxed(dst);
}

/* Copies t into the copy_size(t) words at *hp; advances *hp; links REFBIN
 * copies onto *mso. Never allocates, never fails. Any thread; the source
 * must not change during the copy. */
Term copy_term(Term t, Term **hp, Term **mso)
{
    if (!is_pointer(t))
        return t;
    Term *scan = *hp;
    Term root = copy_shallow(t, hp, mso);
    /* Everything between scan and *hp is copied but may still point at
     * the source. A header word starts a boxed object (only its term
     * slots are followed; raw words are skipped by arity); any other word
     * starts a cons cell, since a cell's head is a term, never a header. */
    while (scan < *hp) {
        if (is_header(*scan)) {
            size_t first, count;
            hdr_terms(*scan, &first, &count);
            Term *slots = scan + 1 + first;
            for (size_t i = 0; i < count; i++)
                slots[i] = copy_shallow(slots[i], hp, mso);
            scan += 1 + hdr_arity(*scan);
        } else {
            scan[0] = copy_shallow(scan[0], hp, mso);
            scan[1] = copy_shallow(scan[1], hp, mso);
            scan += 2;
        }
    }
    return root;
}

/* ---- messages ---------------------------------------------------------- */

static size_t frag_bytes(const HeapFrag *f)
{
    return sizeof(HeapFrag) + f->size_words * sizeof(Term);
}

/* A Msg without a fragment: from the calling scheduler's cache when it
 * has one (a message hop then costs no malloc and no locked add on the
 * shared memory counters), else fresh. Cached ones stay counted as
 * MEM_MSG until sched_fini_all frees them. */
/* One Msg from the node's pool, or NULL when it is empty. */
static Msg *pool_take_msg(Node *n)
{
    if (atomic_load_explicit(&n->nmsg_pool, memory_order_relaxed) == 0)
        return NULL;
    pthread_mutex_lock(&n->frag_lock);
    Msg *m = n->msg_pool;
    if (m != NULL) {
        n->msg_pool = atomic_load_explicit(&m->next, memory_order_relaxed);
        atomic_store_explicit(&n->nmsg_pool,
                              atomic_load_explicit(&n->nmsg_pool, memory_order_relaxed) - 1,
                              memory_order_relaxed);
    }
    pthread_mutex_unlock(&n->frag_lock);
    return m;
}

/* A full cache gives half its Msgs to the node's pool (or to malloc when
 * the pool is full too): a host thread sending to processes gets them
 * back there. */
static void spill_msgs(Sched *s)
{
    Node *n = s->node;
    pthread_mutex_lock(&n->frag_lock);
    while (s->nfree_msgs > SCHED_FREE_MSGS_MAX / 2) {
        Msg *m = s->free_msgs;
        s->free_msgs = atomic_load_explicit(&m->next, memory_order_relaxed);
        s->nfree_msgs--;
        size_t pooled = atomic_load_explicit(&n->nmsg_pool, memory_order_relaxed);
        if (pooled >= NODE_MSG_POOL_MAX) {
            mem_free(MEM_MSG, m, sizeof *m);
            continue;
        }
        atomic_store_explicit(&m->next, n->msg_pool, memory_order_relaxed);
        n->msg_pool = m;
        atomic_store_explicit(&n->nmsg_pool, pooled + 1, memory_order_relaxed);
    }
    pthread_mutex_unlock(&n->frag_lock);
}

/* host_node: the sender's node when it is not a scheduler thread, or
 * NULL. */
static Msg *plain_alloc(Node *host_node)
{
    Sched *s = sched_current();
    if (s != NULL && s->free_msgs != NULL) {
        Msg *m = s->free_msgs;
        s->free_msgs = atomic_load_explicit(&m->next, memory_order_relaxed);
        s->nfree_msgs--;
        return m;
    }
    Node *n = s != NULL ? s->node : host_node;
    Msg *m = n != NULL ? pool_take_msg(n) : NULL;
    return m != NULL ? m : mem_alloc(MEM_MSG, sizeof(Msg));
}

static void plain_free(Msg *m)
{
    Sched *s = sched_current();
    if (s == NULL) {
        mem_free(MEM_MSG, m, sizeof *m);
        return;
    }
    if (s->nfree_msgs >= SCHED_FREE_MSGS_MAX)
        spill_msgs(s);
    atomic_store_explicit(&m->next, s->free_msgs, memory_order_relaxed);
    s->free_msgs = m;
    s->nfree_msgs++;
}

/* A message block of at least `words` words (size_words set): small ones
 * all get SCHED_FRAG_WORDS and come from the scheduler's cache when it
 * has one, so a small message costs no malloc and no locked add on the
 * shared memory counters. */
/* Refills an empty cache with up to half a cache of blocks from the
 * node's pool (one lock for many messages). */
static void refill_frags(Sched *s)
{
    Node *n = s->node;
    if (atomic_load_explicit(&n->nfrag_pool, memory_order_relaxed) == 0)
        return;
    pthread_mutex_lock(&n->frag_lock);
    while (n->frag_pool != NULL && s->nfree_frags < SCHED_FREE_FRAGS_MAX / 2) {
        HeapFrag *f = n->frag_pool;
        n->frag_pool = f->next;
        f->next = s->free_frags;
        s->free_frags = f;
        s->nfree_frags++;
        atomic_store_explicit(&n->nfrag_pool,
                              atomic_load_explicit(&n->nfrag_pool, memory_order_relaxed) - 1,
                              memory_order_relaxed);
    }
    pthread_mutex_unlock(&n->frag_lock);
}

/* A full cache gives half its blocks to the node's pool (or to malloc
 * when the pool is full too). */
static void spill_frags(Sched *s)
{
    Node *n = s->node;
    pthread_mutex_lock(&n->frag_lock);
    while (s->nfree_frags > SCHED_FREE_FRAGS_MAX / 2) {
        HeapFrag *f = s->free_frags;
        s->free_frags = f->next;
        s->nfree_frags--;
        size_t pooled = atomic_load_explicit(&n->nfrag_pool, memory_order_relaxed);
        if (pooled >= NODE_FRAG_POOL_MAX) {
            mem_free(MEM_MSG, f, sizeof *f + SCHED_FRAG_WORDS * sizeof(Term));
            continue;
        }
        f->next = n->frag_pool;
        n->frag_pool = f;
        atomic_store_explicit(&n->nfrag_pool, pooled + 1, memory_order_relaxed);
    }
    pthread_mutex_unlock(&n->frag_lock);
}

static HeapFrag *block_alloc(size_t words)
{
    if (words <= SCHED_FRAG_WORDS) {
        Sched *s = sched_current();
        if (s != NULL && s->free_frags == NULL)
            refill_frags(s);
        if (s != NULL && s->free_frags != NULL) {
            HeapFrag *f = s->free_frags;
            s->free_frags = f->next;
            s->nfree_frags--;
            return f;
        }
        words = SCHED_FRAG_WORDS;
    }
    HeapFrag *f = mem_alloc(MEM_MSG, sizeof *f + words * sizeof(Term));
    if (f != NULL)
        f->size_words = words;
    return f;
}

/* Frees a message block nobody took (its off-heap references dropped). */
static void block_free(HeapFrag *f)
{
    Sched *s = sched_current();
    if (f->size_words != SCHED_FRAG_WORDS || s == NULL) {
        mem_free(MEM_MSG, f, frag_bytes(f));
        return;
    }
    if (s->nfree_frags >= SCHED_FREE_FRAGS_MAX)
        spill_frags(s);
    f->next = s->free_frags;
    s->free_frags = f;
    s->nfree_frags++;
}

/* Words of t when it is one boxed object whose term slots all hold
 * immediates (a tuple of atoms and small integers, a float, a small heap
 * binary), which a memcpy copies; 0 for anything else. Most messages are
 * like this, and walking them twice (copy_size, copy_term) cost more than
 * the rest of a send. */
static size_t flat_words(Term t)
{
    if (!is_boxed(t))
        return 0;
    const Term *obj = boxed_ptr(t);
    if (hdr_kind(obj[0]) == HDR_REFBIN)
        return 0;
    size_t first, count;
    hdr_terms(obj[0], &first, &count);
    if (count > 8)
        return 0;
    for (size_t i = 0; i < count; i++)
        if (is_pointer(obj[1 + first + i]))
            return 0;
    return boxed_size_words(t);
}

Msg *msg_new(MsgKind kind, Term from, Term t)
{
    return msg_new_on(NULL, kind, from, t);
}

/* The sender pid is copied too: a pid from another node is boxed. */
Msg *msg_new_on(Node *n, MsgKind kind, Term from, Term t)
{
    Msg *m;
    HeapFrag *f = NULL;
    if (!is_pointer(t) && !is_pointer(from)) {
        m = plain_alloc(n);
        if (!m)
            return NULL;
        m->flags = 0;
    } else {
        size_t flat = is_pointer(from) ? 0 : flat_words(t);
        size_t nt = flat ? flat : copy_size(t), nf = is_pointer(from) ? copy_size(from) : 0;
        if (nt == SIZE_MAX || nf == SIZE_MAX)
            return NULL;
        size_t words = 1 + MSG_WORDS + nt + nf;
        f = block_alloc(words);
        if (!f)
            return NULL;
        f->next = NULL;
        f->used_words = words; /* size_words may be more (block_alloc) */
        f->mso = NULL;
        f->mem[0] = make_header(HDR_OPAQUE, MSG_WORDS);
        m = (Msg *)(void *)(f->mem + 1);
        m->flags = MSG_F_IN_FRAG;
        Term *hp = f->mem + 1 + MSG_WORDS;
        if (flat) {
            memcpy(hp, boxed_ptr(t), flat * sizeof(Term));
            t = make_boxed(hp);
        } else {
            t = copy_term(t, &hp, &f->mso);
            from = copy_term(from, &hp, &f->mso);
        }
    }
    atomic_init(&m->next, NULL);
    m->kind = kind;
    m->from = from;
    m->term = t;
    m->aux = 0;
    m->frag = f;
    return m;
}

HeapFrag *msg_take_frag(Msg *m)
{
    HeapFrag *f = m->frag;
    if (!f)
        return NULL;
    m->frag = NULL;
    m->flags |= MSG_F_TAKEN;
    mem_recharge(MEM_MSG, MEM_HEAP, frag_bytes(f));
    return f;
}

void msg_free(Msg *m)
{
    if (!m)
        return;
    HeapFrag *f = m->frag;
    if (f) {
        for (Term *rb = f->mso; rb != NULL;) {
            Term *next = (Term *)(uintptr_t)rb[REFBIN_NEXT];
            bin_decref((Bin *)(uintptr_t)rb[REFBIN_BIN]);
            rb = next;
        }
        block_free(f);
        return;
    }
    if (!(m->flags & MSG_F_IN_FRAG)) {
        plain_free(m);
        return;
    }
    /* The Msg lives in a fragment someone took, and goes with it. If they
     * took it by hand (m->frag = NULL, then heap_attach) rather than with
     * msg_take_frag, the block is still counted as a message: move it to
     * MEM_HEAP now, while the fragment is surely alive, since frag_free
     * will release it as heap memory. */
    if (!(m->flags & MSG_F_TAKEN)) {
        m->flags |= MSG_F_TAKEN;
        HeapFrag *owner = (HeapFrag *)(void *)((char *)m - sizeof(Term) - sizeof(HeapFrag));
        mem_recharge(MEM_MSG, MEM_HEAP, frag_bytes(owner));
    }
}
