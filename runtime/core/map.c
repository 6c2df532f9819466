/* map.c — immutable maps: a sorted flat array when small, a HAMT when large.
 *
 * Invariant: a map of at most MAP_FLAT_MAX keys is always a flat HDR_MAP
 * (keys tuple sorted by term_cmp_exact, values beside it), and a larger
 * one is always a HAMT, so each size has one shape. The HAMT is OTP 25's:
 * 4 bits a level, least significant first, of map_ihash(key, 0) for the
 * first 8 levels and map_ihash(key, 1) for the next 8, so the trie, and
 * the order iteration finds keys in, are the BEAM's. A child is a
 * [key | value] cons (a leaf) or a HDR_HAMT_NODE. A node whose bitmap is
 * zero is a collision node: its children are leaves whose keys share all
 * 64 bits (only reached when shift >= 64). A non-root node never holds a
 * single leaf; removal folds such a node into its parent, so the trie
 * stays as shallow as its keys allow. Updates copy the path from the root
 * and share everything else. Depth is at most 17, so the recursion here
 * is bounded by the trie, never by user data.
 */
#include <stdlib.h>

#include "map.h"
#include "mem.h"

#define HASH_CHUNK 4
#define CHUNK_MASK 15u

/* The 64 bits a key's path is read from: OTP's first two salts of its
 * internal hash, salt 0 in the low half (levels 0-7). */
static uint64_t otp_hash(Term key)
{
    return (uint64_t)map_ihash(key, 0) | (uint64_t)map_ihash(key, 1) << 32;
}

static uint64_t (*hash_fn)(Term) = otp_hash;

void map_set_hash_for_test(uint64_t (*fn)(Term)) { hash_fn = fn ? fn : otp_hash; }

/* Key order and equality with the common cases inline: identical words
 * are equal whatever they hold, two smalls order by value (as
 * term_cmp_exact does), and distinct immediates are never equal. */
static bool is_immediate(Term t) { return !is_boxed(t) && !is_cons(t); }

static int key_cmp(Term a, Term b)
{
    if (a == b)
        return 0;
    if (is_small(a) && is_small(b))
        return small_val(a) < small_val(b) ? -1 : 1;
    return term_cmp_exact(a, b);
}

static bool key_eq(Term a, Term b)
{
    if (a == b)
        return true;
    if (is_immediate(a) || is_immediate(b))
        return false;
    return term_eq_exact(a, b);
}

static unsigned chunk(uint64_t hash, unsigned shift)
{
    return (unsigned)(hash >> shift) & CHUNK_MASK;
}

/* ---- node views --------------------------------------------------------- */

/* A root or inner node's bitmap and children, whatever its header. */
typedef struct Node {
    bool root;
    uint64_t size;   /* root only: number of keys */
    uint64_t bitmap; /* 0 for a collision node */
    Term *kids;
    size_t n;
} Node;

static void node_view(Term t, Node *v)
{
    Term *p = boxed_ptr(t);
    size_t arity = (size_t)hdr_arity(p[0]);
    v->root = hdr_kind(p[0]) == HDR_HAMT_ROOT;
    if (v->root) {
        v->size = p[1];
        v->bitmap = p[2];
        v->kids = p + 3;
        v->n = arity - 2;
    } else {
        v->size = 0;
        v->bitmap = p[1];
        v->kids = p + 2;
        v->n = arity - 1;
    }
}

/* Allocates a node (root when `root`) with n children, all NIL until the
 * caller fills them through *kids. The NILs matter when building fails
 * half-way: heap_verify walks every word, so a dead node must still be a
 * well-formed one. */
static Term node_make(Heap *h, bool root, uint64_t size, uint64_t bitmap, size_t n, Term **kids)
{
    size_t raw = root ? 2 : 1;
    Term *p = heap_alloc(h, 1 + raw + n);
    if (!p)
        return NONE;
    p[0] = make_header(root ? HDR_HAMT_ROOT : HDR_HAMT_NODE, raw + n);
    if (root)
        p[1] = size;
    p[raw] = bitmap;
    *kids = p + 1 + raw;
    for (size_t i = 0; i < n; i++)
        (*kids)[i] = NIL;
    return make_boxed(p);
}

static Term leaf_make(Heap *h, Term key, Term value)
{
    Term *p = heap_alloc(h, 2);
    if (!p)
        return NONE;
    p[0] = key;
    p[1] = value;
    return make_list(p);
}

/* ---- flat maps ---------------------------------------------------------- */

static size_t flat_size(Term m) { return (size_t)hdr_arity(boxed_header(m)) - 1; }
static Term *flat_keys(Term m) { return tuple_elems(boxed_ptr(m)[1]); }
static Term *flat_vals(Term m) { return boxed_ptr(m) + 2; }

/* Binary search: true and the index if key is present, else false and
 * the index it would be inserted at. */
/* Whether key is in flat map m; *pos is its index, or where it would go
 * (only when want_pos: finding that costs a binary search in key order,
 * which for atoms compares their texts). An immediate key (an atom, a
 * small integer, a pid, []) equals only an identical word, so a scan of
 * at most 32 words answers "is it there" without comparing any text. */
static bool flat_find_at(Term m, Term key, size_t *pos, bool want_pos)
{
    const Term *keys = flat_keys(m);
    size_t lo = 0, hi = flat_size(m);
    unsigned tag = term_tag(key);
    if (tag >= TAG_SMALL && tag <= TAG_SPECIAL) {
        for (size_t i = 0; i < hi; i++) {
            if (keys[i] == key) {
                *pos = i;
                return true;
            }
        }
        if (!want_pos)
            return false;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = key_cmp(keys[mid], key);
        if (c == 0) {
            *pos = mid;
            return true;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *pos = lo;
    return false;
}

static bool flat_find(Term m, Term key, size_t *pos) { return flat_find_at(m, key, pos, true); }

/* A flat map of n pairs with a fresh keys tuple, both in one allocation;
 * the caller fills *keys and *vals. */
static Term flat_make(Heap *h, size_t n, Term **keys, Term **vals)
{
    Term *p = heap_alloc(h, (1 + n) + (2 + n));
    if (!p)
        return NONE;
    p[0] = make_header(HDR_TUPLE, n);
    *keys = p + 1;
    Term *m = p + 1 + n;
    m[0] = make_header(HDR_MAP, 1 + n);
    m[1] = make_boxed(p);
    *vals = m + 2;
    return make_boxed(m);
}

Term map_new(Heap *h)
{
    Term *k, *v;
    return flat_make(h, 0, &k, &v);
}

/* ---- bulk building (from_pairs, flat to HAMT) --------------------------- */

typedef struct Item {
    uint64_t order; /* hash chunks, first level most significant */
    uint64_t hash;
    Term key, value;
    size_t idx; /* position in the input: later pairs win */
} Item;

/* Reorders the hash's 5-bit chunks so that sorting by `order` groups keys
 * level by level: the level-0 chunk is the most significant. */
static uint64_t chunk_order(uint64_t hash)
{
    uint64_t k = 0;
    for (unsigned shift = 0; shift < 64; shift += HASH_CHUNK)
        k = (k << HASH_CHUNK) | chunk(hash, shift);
    return k;
}

static int cmp_key_idx(const void *a, const void *b)
{
    const Item *x = a, *y = b;
    int c = key_cmp(x->key, y->key);
    if (c)
        return c;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_order(const void *a, const void *b)
{
    const Item *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return key_cmp(x->key, y->key);
}

/* Builds the subtrie for items[0..n) (sorted by order, keys distinct) at
 * `shift`: a leaf when alone below the root, a collision node once the
 * hash is used up, else a node with one child per distinct chunk. */
static Term build(Heap *h, const Item *items, size_t n, unsigned shift, bool root)
{
    if (n == 1 && !root)
        return leaf_make(h, items[0].key, items[0].value);
    Term *kids;
    if (shift >= 64) {
        Term node = node_make(h, false, 0, 0, n, &kids);
        for (size_t i = 0; node && i < n; i++) {
            Term leaf = leaf_make(h, items[i].key, items[i].value);
            if (leaf == NONE)
                return NONE;
            kids[i] = leaf;
        }
        return node;
    }
    uint64_t bitmap = 0;
    for (size_t i = 0; i < n; i++)
        bitmap |= UINT64_C(1) << chunk(items[i].hash, shift);
    Term node = node_make(h, root, n, bitmap, (size_t)__builtin_popcountll(bitmap), &kids);
    if (node == NONE)
        return NONE;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = chunk(items[i].hash, shift);
        size_t j = i + 1;
        while (j < n && chunk(items[j].hash, shift) == c)
            j++;
        Term kid = build(h, items + i, j - i, shift + HASH_CHUNK, false);
        if (kid == NONE)
            return NONE;
        kids[k++] = kid;
        i = j;
    }
    return node;
}

/* Items with distinct keys, in any order, to the map of the right shape.
 * Reorders items. */
static Term from_items(Heap *h, Item *items, size_t n)
{
    if (n <= MAP_FLAT_MAX) {
        qsort(items, n, sizeof *items, cmp_key_idx);
        Term *keys, *vals;
        Term m = flat_make(h, n, &keys, &vals);
        for (size_t i = 0; m && i < n; i++) {
            keys[i] = items[i].key;
            vals[i] = items[i].value;
        }
        return m;
    }
    for (size_t i = 0; i < n; i++) {
        items[i].hash = hash_fn(items[i].key);
        items[i].order = chunk_order(items[i].hash);
    }
    qsort(items, n, sizeof *items, cmp_order);
    return build(h, items, n, 0, true);
}

Term map_from_pairs(Heap *h, size_t n, const Term *keys, const Term *values)
{
    if (n == 0)
        return map_new(h);
    if (n > SIZE_MAX / sizeof(Item))
        return NONE;
    Item *items = mem_alloc(MEM_SYSTEM, n * sizeof(Item));
    if (!items)
        return NONE;
    for (size_t i = 0; i < n; i++)
        items[i] = (Item){.key = keys[i], .value = values[i], .idx = i};
    qsort(items, n, sizeof *items, cmp_key_idx);
    /* Equal keys are now adjacent in input order: keep the last of each. */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && key_cmp(items[i].key, items[i + 1].key) == 0)
            continue;
        items[m++] = items[i];
    }
    Term map = from_items(h, items, m);
    mem_free(MEM_SYSTEM, items, n * sizeof(Item));
    return map;
}

/* ---- lookup --------------------------------------------------------------- */

static Term hamt_get(Term root, Term key)
{
    uint64_t hash = hash_fn(key);
    Node v;
    node_view(root, &v);
    for (unsigned shift = 0;; shift += HASH_CHUNK) {
        if (v.bitmap == 0 && !v.root) { /* collision node */
            for (size_t i = 0; i < v.n; i++)
                if (key_eq(list_head(v.kids[i]), key))
                    return list_tail(v.kids[i]);
            return NONE;
        }
        uint64_t bit = UINT64_C(1) << chunk(hash, shift);
        if (!(v.bitmap & bit))
            return NONE;
        Term kid = v.kids[__builtin_popcountll(v.bitmap & (bit - 1))];
        if (is_cons(kid))
            return key_eq(list_head(kid), key) ? list_tail(kid) : NONE;
        node_view(kid, &v);
    }
}

Term map_get(Term map, Term key)
{
    if (is_boxed_kind(map, HDR_HAMT_ROOT))
        return hamt_get(map, key);
    if (!is_boxed_kind(map, HDR_MAP))
        return NONE;
    size_t pos;
    return flat_find_at(map, key, &pos, false) ? flat_vals(map)[pos] : NONE;
}

size_t map_size(Term map)
{
    if (is_boxed_kind(map, HDR_HAMT_ROOT))
        return (size_t)boxed_ptr(map)[1];
    if (is_boxed_kind(map, HDR_MAP))
        return flat_size(map);
    return 0;
}

/* ---- iteration ---------------------------------------------------------- */

/* Walks the trie children first to last (fold order) or last to first
 * (to_list order: OTP builds that list by consing in the walk's order). */
static bool each_node(Term node, bool fold, MapVisit fn, void *ctx)
{
    Node v;
    node_view(node, &v);
    for (size_t j = 0; j < v.n; j++) {
        Term kid = v.kids[fold ? j : v.n - 1 - j];
        bool go = is_cons(kid) ? fn(list_head(kid), list_tail(kid), ctx)
                               : each_node(kid, fold, fn, ctx);
        if (!go)
            return false;
    }
    return true;
}

void map_each_fold(Term map, MapVisit fn, void *ctx)
{
    if (is_boxed_kind(map, HDR_HAMT_ROOT))
        each_node(map, true, fn, ctx);
    else
        map_each(map, fn, ctx);
}

void map_each(Term map, MapVisit fn, void *ctx)
{
    if (is_boxed_kind(map, HDR_HAMT_ROOT)) {
        each_node(map, false, fn, ctx);
        return;
    }
    if (!is_boxed_kind(map, HDR_MAP))
        return;
    size_t n = flat_size(map);
    const Term *keys = flat_keys(map), *vals = flat_vals(map);
    for (size_t i = 0; i < n; i++)
        if (!fn(keys[i], vals[i], ctx))
            return;
}

typedef struct Collect {
    Term *keys, *values;
    size_t n;
} Collect;

static bool collect(Term key, Term value, void *ctx)
{
    Collect *c = ctx;
    c->keys[c->n] = key;
    c->values[c->n] = value;
    c->n++;
    return true;
}

/* In-place heapsort of parallel arrays: map_sorted has no way to report
 * an allocation failure, so it must not allocate. */
static void sift(Term *k, Term *v, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && key_cmp(k[child], k[child + 1]) < 0)
            child++;
        if (key_cmp(k[root], k[child]) >= 0)
            return;
        Term tk = k[root], tv = v[root];
        k[root] = k[child], v[root] = v[child];
        k[child] = tk, v[child] = tv;
        root = child;
    }
}

static void sort_pairs(Term *k, Term *v, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift(k, v, i, n);
    for (size_t end = n; end-- > 1;) {
        Term tk = k[0], tv = v[0];
        k[0] = k[end], v[0] = v[end];
        k[end] = tk, v[end] = tv;
        sift(k, v, 0, end);
    }
}

void map_sorted(Term map, Term *keys, Term *values)
{
    Collect c = {keys, values, 0};
    map_each(map, collect, &c);
    if (is_boxed_kind(map, HDR_HAMT_ROOT))
        sort_pairs(keys, values, c.n);
}

/* ---- put -------------------------------------------------------------------- */

enum { EDIT_REPLACE, EDIT_INSERT, EDIT_REMOVE };

/* A copy of node v with the given size and bitmap and child idx replaced
 * by kid, kid inserted at idx, or child idx removed. NONE on OOM. */
static Term node_edit(Heap *h, const Node *v, uint64_t size, uint64_t bitmap, size_t idx,
                      Term kid, int op)
{
    size_t n = v->n + (op == EDIT_INSERT) - (op == EDIT_REMOVE);
    size_t after = idx + (op != EDIT_INSERT); /* first old child kept after idx */
    Term *kids;
    Term node = node_make(h, v->root, size, bitmap, n, &kids);
    if (node == NONE)
        return NONE;
    memcpy(kids, v->kids, idx * sizeof(Term));
    size_t at = idx;
    if (op != EDIT_REMOVE)
        kids[at++] = kid;
    memcpy(kids + at, v->kids + after, (v->n - after) * sizeof(Term));
    return node;
}

/* A subtrie at `shift` holding two leaves with different keys. */
static Term pair_node(Heap *h, unsigned shift, Term l1, uint64_t h1, Term l2, uint64_t h2)
{
    Term *kids;
    if (shift >= 64) {
        Term node = node_make(h, false, 0, 0, 2, &kids);
        if (node != NONE)
            kids[0] = l1, kids[1] = l2;
        return node;
    }
    unsigned c1 = chunk(h1, shift), c2 = chunk(h2, shift);
    if (c1 == c2) {
        Term sub = pair_node(h, shift + HASH_CHUNK, l1, h1, l2, h2);
        Term node = sub == NONE ? NONE : node_make(h, false, 0, UINT64_C(1) << c1, 1, &kids);
        if (node != NONE)
            kids[0] = sub;
        return node;
    }
    uint64_t bitmap = (UINT64_C(1) << c1) | (UINT64_C(1) << c2);
    Term node = node_make(h, false, 0, bitmap, 2, &kids);
    if (node != NONE) {
        kids[c1 < c2 ? 0 : 1] = l1;
        kids[c1 < c2 ? 1 : 0] = l2;
    }
    return node;
}

/* node_put for a collision node: replace the key's leaf or add one. */
static Term collision_put(Heap *h, Term node, const Node *v, Term key, Term value, bool *added)
{
    size_t i = 0;
    while (i < v->n && !key_eq(list_head(v->kids[i]), key))
        i++;
    if (i < v->n && list_tail(v->kids[i]) == value)
        return node;
    *added = i == v->n;
    Term leaf = leaf_make(h, key, value);
    if (leaf == NONE)
        return NONE;
    return node_edit(h, v, 0, 0, i, leaf, *added ? EDIT_INSERT : EDIT_REPLACE);
}

/* Puts key into the subtrie `node`; returns the new subtrie, the same
 * term when nothing changed, or NONE on OOM. *added says whether the key
 * is new. The root's size is fixed up by the caller's copy. */
static Term node_put(Heap *h, Term node, unsigned shift, uint64_t hash, Term key, Term value,
                     bool *added)
{
    Node v;
    node_view(node, &v);
    if (v.bitmap == 0 && !v.root)
        return collision_put(h, node, &v, key, value, added);
    uint64_t bit = UINT64_C(1) << chunk(hash, shift);
    size_t idx = (size_t)__builtin_popcountll(v.bitmap & (bit - 1));
    if (!(v.bitmap & bit)) {
        Term leaf = leaf_make(h, key, value);
        *added = true;
        return leaf == NONE ? NONE
                            : node_edit(h, &v, v.size + 1, v.bitmap | bit, idx, leaf, EDIT_INSERT);
    }
    Term kid = v.kids[idx], sub;
    if (is_cons(kid) && key_eq(list_head(kid), key)) {
        if (list_tail(kid) == value)
            return node;
        sub = leaf_make(h, key, value);
    } else if (is_cons(kid)) {
        Term leaf = leaf_make(h, key, value);
        *added = true;
        sub = leaf == NONE ? NONE
                           : pair_node(h, shift + HASH_CHUNK, kid, hash_fn(list_head(kid)), leaf, hash);
    } else {
        sub = node_put(h, kid, shift + HASH_CHUNK, hash, key, value, added);
        if (sub == kid)
            return node;
    }
    if (sub == NONE)
        return NONE;
    return node_edit(h, &v, v.size + *added, v.bitmap, idx, sub, EDIT_REPLACE);
}

/* A full flat map plus one new key becomes a HAMT. */
static Term flat_to_hamt(Heap *h, Term map, Term key, Term value)
{
    Item items[MAP_FLAT_MAX + 1];
    size_t n = flat_size(map);
    const Term *keys = flat_keys(map), *vals = flat_vals(map);
    for (size_t i = 0; i < n; i++)
        items[i] = (Item){.key = keys[i], .value = vals[i], .idx = i};
    items[n] = (Item){.key = key, .value = value, .idx = n};
    return from_items(h, items, n + 1);
}

static Term flat_put(Heap *h, Term map, Term key, Term value)
{
    size_t pos, n = flat_size(map);
    Term *keys, *vals;
    if (flat_find(map, key, &pos)) {
        if (flat_vals(map)[pos] == value)
            return map;
        /* Same keys: share the keys tuple, copy only the values. */
        Term *p = heap_alloc(h, 2 + n);
        if (!p)
            return NONE;
        memcpy(p, boxed_ptr(map), (2 + n) * sizeof(Term));
        p[2 + pos] = value;
        return make_boxed(p);
    }
    if (n == MAP_FLAT_MAX)
        return flat_to_hamt(h, map, key, value);
    Term m = flat_make(h, n + 1, &keys, &vals);
    if (m == NONE)
        return NONE;
    const Term *ok = flat_keys(map), *ov = flat_vals(map);
    memcpy(keys, ok, pos * sizeof(Term));
    memcpy(vals, ov, pos * sizeof(Term));
    keys[pos] = key;
    vals[pos] = value;
    memcpy(keys + pos + 1, ok + pos, (n - pos) * sizeof(Term));
    memcpy(vals + pos + 1, ov + pos, (n - pos) * sizeof(Term));
    return m;
}

Term map_put(Heap *h, Term map, Term key, Term value)
{
    if (is_boxed_kind(map, HDR_MAP))
        return flat_put(h, map, key, value);
    if (!is_boxed_kind(map, HDR_HAMT_ROOT))
        return NONE;
    bool added = false;
    return node_put(h, map, 0, hash_fn(key), key, value, &added);
}

/* ---- remove ----------------------------------------------------------------- */

enum { DEL_ABSENT, DEL_DONE, DEL_OOM };

/* Removes key from a non-root subtrie. On DEL_DONE *out is the new
 * subtrie: a node, or a lone leaf for the parent to hold directly. */
static int node_del(Heap *h, Term node, unsigned shift, uint64_t hash, Term key, Term *out);

static int collision_del(Heap *h, const Node *v, Term key, Term *out)
{
    for (size_t i = 0; i < v->n; i++) {
        if (!key_eq(list_head(v->kids[i]), key))
            continue;
        if (v->n == 2) {
            *out = v->kids[1 - i];
            return DEL_DONE;
        }
        *out = node_edit(h, v, 0, 0, i, NONE, EDIT_REMOVE);
        return *out == NONE ? DEL_OOM : DEL_DONE;
    }
    return DEL_ABSENT;
}

/* The edit after a child's removal: drop it, keep it changed, or fold a
 * node left with one leaf into that leaf. */
static int node_del_at(Heap *h, const Node *v, uint64_t bit, size_t idx, Term sub, Term *out)
{
    if (sub == NONE) {
        size_t other = 1 - idx;
        if (!v->root && v->n == 2 && is_cons(v->kids[other])) {
            *out = v->kids[other];
            return DEL_DONE;
        }
        *out = node_edit(h, v, v->size - 1, v->bitmap & ~bit, idx, NONE, EDIT_REMOVE);
    } else if (!v->root && v->n == 1 && is_cons(sub)) {
        *out = sub;
        return DEL_DONE;
    } else {
        *out = node_edit(h, v, v->size - 1, v->bitmap, idx, sub, EDIT_REPLACE);
    }
    return *out == NONE ? DEL_OOM : DEL_DONE;
}

static int node_del(Heap *h, Term node, unsigned shift, uint64_t hash, Term key, Term *out)
{
    Node v;
    node_view(node, &v);
    if (v.bitmap == 0 && !v.root)
        return collision_del(h, &v, key, out);
    uint64_t bit = UINT64_C(1) << chunk(hash, shift);
    if (!(v.bitmap & bit))
        return DEL_ABSENT;
    size_t idx = (size_t)__builtin_popcountll(v.bitmap & (bit - 1));
    Term kid = v.kids[idx], sub = NONE;
    if (is_cons(kid)) {
        if (!key_eq(list_head(kid), key))
            return DEL_ABSENT;
    } else {
        int r = node_del(h, kid, shift + HASH_CHUNK, hash, key, &sub);
        if (r != DEL_DONE)
            return r;
    }
    return node_del_at(h, &v, bit, idx, sub, out);
}

/* A HAMT that drops to MAP_FLAT_MAX keys becomes flat again. */
static Term hamt_to_flat(Heap *h, Term root, Term key)
{
    Term keys[MAP_FLAT_MAX + 1], vals[MAP_FLAT_MAX + 1];
    Collect c = {keys, vals, 0};
    map_each(root, collect, &c);
    sort_pairs(keys, vals, c.n);
    Term *nk, *nv;
    Term m = flat_make(h, c.n - 1, &nk, &nv);
    if (m == NONE)
        return NONE;
    for (size_t i = 0, j = 0; i < c.n; i++) {
        if (key_eq(keys[i], key))
            continue;
        nk[j] = keys[i];
        nv[j++] = vals[i];
    }
    return m;
}

static Term flat_remove(Heap *h, Term map, Term key)
{
    size_t pos, n = flat_size(map);
    if (!flat_find_at(map, key, &pos, false))
        return map;
    Term *keys, *vals;
    Term m = flat_make(h, n - 1, &keys, &vals);
    if (m == NONE)
        return NONE;
    const Term *ok = flat_keys(map), *ov = flat_vals(map);
    memcpy(keys, ok, pos * sizeof(Term));
    memcpy(vals, ov, pos * sizeof(Term));
    memcpy(keys + pos, ok + pos + 1, (n - pos - 1) * sizeof(Term));
    memcpy(vals + pos, ov + pos + 1, (n - pos - 1) * sizeof(Term));
    return m;
}

Term map_remove(Heap *h, Term map, Term key)
{
    if (is_boxed_kind(map, HDR_MAP))
        return flat_remove(h, map, key);
    if (!is_boxed_kind(map, HDR_HAMT_ROOT))
        return NONE;
    if (map_size(map) <= MAP_FLAT_MAX + 1) {
        if (map_get(map, key) == NONE)
            return map;
        return hamt_to_flat(h, map, key);
    }
    Term out;
    int r = node_del(h, map, 0, hash_fn(key), key, &out);
    if (r == DEL_ABSENT)
        return map;
    return r == DEL_DONE ? out : NONE;
}
