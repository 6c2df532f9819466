/* etab.c — :ets table storage: the directory, rows, objects.
 *
 * Hash types (set, bag, duplicate_bag) keep rows in chained buckets keyed
 * by term_hash (keys compare with =:=) and in a doubly linked list, newest
 * key first, which is the traversal order. Ordered sets keep a sorted
 * array of rows (keys compare with ==). Every object is a copy in its own
 * fragment; a row's key has its own copy too, so deleting a bag's first
 * object never leaves the row's key dangling.
 */
#include "etab.h"

#include <stdatomic.h>

#include "mem.h"
#include "msg.h"
#include "node.h"

#define DIR_BUCKETS 256

static pthread_rwlock_t dir_lock = PTHREAD_RWLOCK_INITIALIZER;
static Etab *dir[DIR_BUCKETS]; /* every table, chained by id[0] */

/* ---- copies ------------------------------------------------------------- */

/* A copy of t in a new fragment (NULL frag for an immediate). 0 or
 * MOTE_ENOMEM. */
static int store(Term t, Term *out, HeapFrag **frag)
{
    size_t n = copy_size(t);
    *frag = NULL;
    if (n == 0) {
        *out = t;
        return 0;
    }
    HeapFrag *f = frag_new(n);
    if (f == NULL)
        return MOTE_ENOMEM;
    Term *hp = frag_alloc(f, n);
    *out = copy_term(t, &hp, &f->mso);
    *frag = f;
    return 0;
}

/* ---- the directory ------------------------------------------------------ */

static size_t dir_slot(const uint64_t id[2]) { return (size_t)(id[0] % DIR_BUCKETS); }

/* A named table of node n called name (directory locked). */
static Etab *dir_named(struct Node *n, Term name)
{
    for (size_t b = 0; b < DIR_BUCKETS; b++)
        for (Etab *t = dir[b]; t != NULL; t = t->dir_next)
            if (t->named && t->name == name && t->node == n)
                return t;
    return NULL;
}

static Etab *dir_by_id(struct Node *n, const uint64_t id[2])
{
    for (Etab *t = dir[dir_slot(id)]; t != NULL; t = t->dir_next)
        if (t->id[0] == id[0] && t->id[1] == id[1] && t->node == n)
            return t;
    return NULL;
}

static void dir_remove(Etab *t)
{
    for (Etab **at = &dir[dir_slot(t->id)]; *at != NULL; at = &(*at)->dir_next) {
        if (*at == t) {
            *at = t->dir_next;
            return;
        }
    }
}

/* Counts a table for its owner, so that proc_exit knows to call
 * etab_on_exit. The owner's cold part exists: etab_new's caller is the
 * owner itself. */
static void count_owner(struct Node *n, Term owner, int delta)
{
    Proc *p = node_lock_pid(n, owner);
    if (p == NULL)
        return;
    if (p->cold != NULL)
        atomic_fetch_add(&p->cold->ets_owned, (uint32_t)delta);
    node_unlock_pid(n, owner);
}

int etab_new(struct Node *n, Term name, bool named, EtabType type, EtabAccess access,
             uint32_t keypos, Term owner, Etab **out)
{
    Etab *t = mem_alloc(MEM_ETS, sizeof *t);
    if (t == NULL)
        return MOTE_ENOMEM;
    memset(t, 0, sizeof *t);
    t->node = n;
    t->name = name;
    t->named = named;
    t->type = (uint8_t)type;
    t->access = (uint8_t)access;
    t->keypos = keypos;
    t->owner = owner;
    node_new_ref(n, t->id);
    pthread_rwlock_init(&t->lock, NULL);
    pthread_rwlock_wrlock(&dir_lock);
    if (named && dir_named(n, name) != NULL) {
        pthread_rwlock_unlock(&dir_lock);
        pthread_rwlock_destroy(&t->lock);
        mem_free(MEM_ETS, t, sizeof *t);
        return MOTE_EEXIST;
    }
    size_t s = dir_slot(t->id);
    t->dir_next = dir[s];
    dir[s] = t;
    pthread_rwlock_unlock(&dir_lock);
    count_owner(n, owner, 1);
    *out = t;
    return 0;
}

Etab *etab_find(struct Node *n, Term handle, bool write)
{
    Etab *t = NULL;
    pthread_rwlock_rdlock(&dir_lock);
    if (is_atom(handle)) {
        t = dir_named(n, handle);
    } else if (is_boxed_kind(handle, HDR_REF)) {
        uint64_t id[2] = {boxed_ptr(handle)[1], boxed_ptr(handle)[2]};
        t = dir_by_id(n, id);
    }
    /* Locked before the directory lets go: etab_delete takes the
     * directory lock first, so it cannot free t under us. */
    if (t != NULL) {
        if (write)
            pthread_rwlock_wrlock(&t->lock);
        else
            pthread_rwlock_rdlock(&t->lock);
    }
    pthread_rwlock_unlock(&dir_lock);
    return t;
}

void etab_unlock(Etab *t) { pthread_rwlock_unlock(&t->lock); }

static void free_row(EtabRow *r)
{
    for (uint32_t i = 0; i < r->nobjs; i++)
        frag_free(r->objs[i].frag);
    if (r->objs != NULL)
        mem_free(MEM_ETS, r->objs, r->cap_objs * sizeof *r->objs);
    frag_free(r->key_frag);
    mem_free(MEM_ETS, r, sizeof *r);
}

void etab_clear(Etab *t)
{
    if (t->type == ETAB_ORDERED_SET) {
        for (size_t i = 0; i < t->nrows; i++)
            free_row(t->sorted[i]);
    } else {
        for (EtabRow *r = t->first, *next; r != NULL; r = next) {
            next = r->next;
            free_row(r);
        }
        for (size_t b = 0; b < t->nbuckets; b++)
            t->buckets[b] = NULL;
        t->first = NULL;
    }
    t->nrows = t->nobjs = 0;
}

static void free_table(Etab *t)
{
    etab_clear(t);
    if (t->buckets != NULL)
        mem_free(MEM_ETS, t->buckets, t->nbuckets * sizeof *t->buckets);
    if (t->sorted != NULL)
        mem_free(MEM_ETS, t->sorted, t->cap_sorted * sizeof *t->sorted);
    pthread_rwlock_destroy(&t->lock);
    mem_free(MEM_ETS, t, sizeof *t);
}

void etab_delete(Etab *t)
{
    /* Let go of the table before taking the directory (lock order), then
     * wait on the table once more for operations that found it first. */
    pthread_rwlock_unlock(&t->lock);
    pthread_rwlock_wrlock(&dir_lock);
    dir_remove(t);
    pthread_rwlock_unlock(&dir_lock);
    pthread_rwlock_wrlock(&t->lock);
    pthread_rwlock_unlock(&t->lock);
    count_owner(t->node, t->owner, -1);
    free_table(t);
}

/* Unlists and returns (through out, at most cap) tables matching owner
 * (or all of node n when owner is NONE); the count found. */
static size_t take_tables(struct Node *n, Term owner, Etab **out, size_t cap)
{
    size_t k = 0;
    pthread_rwlock_wrlock(&dir_lock);
    for (size_t b = 0; b < DIR_BUCKETS && k < cap; b++) {
        for (Etab **at = &dir[b]; *at != NULL && k < cap;) {
            Etab *t = *at;
            if (t->node == n && (owner == NONE || t->owner == owner)) {
                *at = t->dir_next;
                out[k++] = t;
            } else {
                at = &t->dir_next;
            }
        }
    }
    pthread_rwlock_unlock(&dir_lock);
    return k;
}

static void drop_owned(struct Node *n, Term owner)
{
    Etab *batch[64];
    size_t k;
    while ((k = take_tables(n, owner, batch, 64)) > 0) {
        for (size_t i = 0; i < k; i++) {
            pthread_rwlock_wrlock(&batch[i]->lock);
            pthread_rwlock_unlock(&batch[i]->lock);
            free_table(batch[i]);
        }
    }
}

void etab_on_exit(Proc *p)
{
    drop_owned(p->node, p->pid);
    if (p->cold != NULL)
        atomic_store(&p->cold->ets_owned, 0);
}

void etab_drop_node(struct Node *n) { drop_owned(n, NONE); }

size_t etab_list(struct Node *n, EtabId *out, size_t cap)
{
    size_t k = 0;
    pthread_rwlock_rdlock(&dir_lock);
    for (size_t b = 0; b < DIR_BUCKETS; b++) {
        for (Etab *t = dir[b]; t != NULL; t = t->dir_next) {
            if (t->node != n)
                continue;
            if (k < cap)
                out[k] = (EtabId){{t->id[0], t->id[1]}, t->name, t->named};
            k++;
        }
    }
    pthread_rwlock_unlock(&dir_lock);
    return k;
}

/* ---- hash rows ------------------------------------------------------------ */

static EtabRow *hash_row(Etab *t, Term key, uint64_t h)
{
    if (t->nbuckets == 0)
        return NULL;
    for (EtabRow *r = t->buckets[h & (t->nbuckets - 1)]; r != NULL; r = r->hnext)
        if (r->hash == h && term_eq_exact(r->key, key))
            return r;
    return NULL;
}

/* Doubles the buckets when rows outnumber them. 0 or MOTE_ENOMEM. */
static int grow_buckets(Etab *t)
{
    if (t->nrows < t->nbuckets)
        return 0;
    size_t nb = t->nbuckets == 0 ? 16 : t->nbuckets * 2;
    EtabRow **b = mem_alloc(MEM_ETS, nb * sizeof *b);
    if (b == NULL)
        return MOTE_ENOMEM;
    memset(b, 0, nb * sizeof *b);
    for (EtabRow *r = t->first; r != NULL; r = r->next) {
        size_t i = r->hash & (nb - 1);
        r->hnext = b[i];
        b[i] = r;
    }
    if (t->buckets != NULL)
        mem_free(MEM_ETS, t->buckets, t->nbuckets * sizeof *t->buckets);
    t->buckets = b;
    t->nbuckets = nb;
    return 0;
}

/* ---- sorted rows ---------------------------------------------------------- */

/* Index of the first row whose key is >= key; *found when equal. */
static size_t sorted_pos(const Etab *t, Term key, bool *found)
{
    size_t lo = 0, hi = t->nrows;
    *found = false;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = term_cmp(t->sorted[mid]->key, key);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

EtabRow *etab_row(Etab *t, Term key)
{
    if (t->type != ETAB_ORDERED_SET)
        return hash_row(t, key, term_hash(key));
    bool found;
    size_t i = sorted_pos(t, key, &found);
    return found ? t->sorted[i] : NULL;
}

/* ---- inserting ------------------------------------------------------------ */

static int push_obj(EtabRow *r, Term tuple)
{
    if (r->nobjs == r->cap_objs) {
        uint32_t cap = r->cap_objs == 0 ? 1 : r->cap_objs * 2;
        EtabObj *o = mem_realloc(MEM_ETS, r->objs, r->cap_objs * sizeof *o, cap * sizeof *o);
        if (o == NULL)
            return MOTE_ENOMEM;
        r->objs = o;
        r->cap_objs = cap;
    }
    EtabObj *o = &r->objs[r->nobjs];
    int rc = store(tuple, &o->term, &o->frag);
    if (rc == 0)
        r->nobjs++;
    return rc;
}

static EtabRow *new_row(Etab *t, Term key)
{
    EtabRow *r = mem_alloc(MEM_ETS, sizeof *r);
    if (r == NULL)
        return NULL;
    memset(r, 0, sizeof *r);
    if (store(key, &r->key, &r->key_frag) != 0) {
        mem_free(MEM_ETS, r, sizeof *r);
        return NULL;
    }
    r->hash = t->type == ETAB_ORDERED_SET ? 0 : term_hash(key);
    return r;
}

static int link_sorted(Etab *t, EtabRow *r, size_t at)
{
    if (t->nrows == t->cap_sorted) {
        size_t cap = t->cap_sorted == 0 ? 16 : t->cap_sorted * 2;
        EtabRow **s = mem_realloc(MEM_ETS, t->sorted, t->cap_sorted * sizeof *s, cap * sizeof *s);
        if (s == NULL)
            return MOTE_ENOMEM;
        t->sorted = s;
        t->cap_sorted = cap;
    }
    memmove(t->sorted + at + 1, t->sorted + at, (t->nrows - at) * sizeof *t->sorted);
    t->sorted[at] = r;
    return 0;
}

static void link_hashed(Etab *t, EtabRow *r)
{
    size_t i = r->hash & (t->nbuckets - 1);
    r->hnext = t->buckets[i];
    t->buckets[i] = r;
    r->next = t->first;
    if (t->first != NULL)
        t->first->prev = r;
    t->first = r;
}

/* The row for key, created (and linked) when missing. NULL on OOM. */
static EtabRow *row_for(Etab *t, Term key)
{
    bool found = false;
    size_t at = 0;
    if (t->type == ETAB_ORDERED_SET) {
        at = sorted_pos(t, key, &found);
        if (found)
            return t->sorted[at];
    } else {
        EtabRow *r = hash_row(t, key, term_hash(key));
        if (r != NULL)
            return r;
        if (grow_buckets(t) != 0)
            return NULL;
    }
    EtabRow *r = new_row(t, key);
    if (r == NULL)
        return NULL;
    if (t->type == ETAB_ORDERED_SET) {
        if (link_sorted(t, r, at) != 0) {
            free_row(r);
            return NULL;
        }
    } else {
        link_hashed(t, r);
    }
    t->nrows++;
    return r;
}

/* An ordered set's key compares with ==: inserting 2.0 over 2 replaces
 * the key as well as the object, as Erlang does. */
static int replace_sorted(Etab *t, EtabRow *r, Term tuple)
{
    Term key;
    HeapFrag *kf;
    if (store(etab_key_of(t, tuple), &key, &kf) != 0)
        return MOTE_ENOMEM;
    int rc = etab_replace_obj(t, r, 0, tuple);
    if (rc != 0) {
        frag_free(kf);
        return rc;
    }
    frag_free(r->key_frag);
    r->key = key;
    r->key_frag = kf;
    return 0;
}

int etab_insert(Etab *t, Term tuple)
{
    EtabRow *r = row_for(t, etab_key_of(t, tuple));
    if (r == NULL)
        return MOTE_ENOMEM;
    if (t->type == ETAB_ORDERED_SET && r->nobjs == 1)
        return replace_sorted(t, r, tuple);
    if (t->type == ETAB_SET) {
        if (r->nobjs == 1)
            return etab_replace_obj(t, r, 0, tuple);
    } else if (t->type == ETAB_BAG) {
        for (uint32_t i = 0; i < r->nobjs; i++)
            if (term_eq_exact(r->objs[i].term, tuple))
                return 0;
    }
    int rc = push_obj(r, tuple);
    if (rc == 0)
        t->nobjs++;
    else if (r->nobjs == 0)
        etab_remove_key(t, r->key);
    return rc;
}

int etab_replace_obj(Etab *t, EtabRow *r, uint32_t i, Term tuple)
{
    (void)t;
    EtabObj o;
    int rc = store(tuple, &o.term, &o.frag);
    if (rc != 0)
        return rc;
    frag_free(r->objs[i].frag);
    r->objs[i] = o;
    return 0;
}

/* ---- removing ------------------------------------------------------------- */

static void unlink_row(Etab *t, EtabRow *r)
{
    if (t->type == ETAB_ORDERED_SET) {
        bool found;
        size_t at = sorted_pos(t, r->key, &found);
        memmove(t->sorted + at, t->sorted + at + 1, (t->nrows - at - 1) * sizeof *t->sorted);
    } else {
        for (EtabRow **h = &t->buckets[r->hash & (t->nbuckets - 1)]; *h != NULL;
             h = &(*h)->hnext) {
            if (*h == r) {
                *h = r->hnext;
                break;
            }
        }
        if (r->prev != NULL)
            r->prev->next = r->next;
        else
            t->first = r->next;
        if (r->next != NULL)
            r->next->prev = r->prev;
    }
    t->nrows--;
    t->nobjs -= r->nobjs;
}

bool etab_remove_key(Etab *t, Term key)
{
    EtabRow *r = etab_row(t, key);
    if (r == NULL)
        return false;
    unlink_row(t, r);
    free_row(r);
    return true;
}

void etab_remove_obj(Etab *t, EtabRow *r, uint32_t i)
{
    if (r->nobjs == 1) {
        unlink_row(t, r);
        free_row(r);
        return;
    }
    frag_free(r->objs[i].frag);
    memmove(r->objs + i, r->objs + i + 1, (r->nobjs - i - 1) * sizeof *r->objs);
    r->nobjs--;
    t->nobjs--;
}

/* ---- traversal ------------------------------------------------------------ */

EtabRow *etab_first(Etab *t)
{
    if (t->type == ETAB_ORDERED_SET)
        return t->nrows > 0 ? t->sorted[0] : NULL;
    return t->first;
}

EtabRow *etab_last(Etab *t)
{
    if (t->type == ETAB_ORDERED_SET)
        return t->nrows > 0 ? t->sorted[t->nrows - 1] : NULL;
    EtabRow *r = t->first;
    while (r != NULL && r->next != NULL)
        r = r->next;
    return r;
}

EtabRow *etab_above(Etab *t, Term key)
{
    bool found;
    size_t at = sorted_pos(t, key, &found);
    if (found)
        at++;
    return at < t->nrows ? t->sorted[at] : NULL;
}

EtabRow *etab_below(Etab *t, Term key)
{
    bool found;
    size_t at = sorted_pos(t, key, &found);
    return at > 0 ? t->sorted[at - 1] : NULL;
}

EtabRow *etab_next(Etab *t, EtabRow *r)
{
    return t->type == ETAB_ORDERED_SET ? etab_above(t, r->key) : r->next;
}

EtabRow *etab_prev(Etab *t, EtabRow *r)
{
    return t->type == ETAB_ORDERED_SET ? etab_below(t, r->key) : r->prev;
}
