/* atom.c — the global atom table.
 *
 * Entries live in fixed-size chunks reached through a static array of
 * chunk pointers; a chunk, once allocated, never moves, so a reader finds
 * an atom's text by index with two loads and no lock. Writers (interning)
 * hold `lock`, fill the entry, and only then publish the new count with a
 * release store: a reader that saw the atom's index sees its entry whole.
 * A separate open-addressing hash index maps text to index. Interning an
 * atom that exists (the common case) probes it without the lock: slots
 * are atomic and set only after the entry and the count are published,
 * and a table outgrown is kept (not freed) until the last atom_fini, so a
 * reader still probing it is safe; a miss there is re-checked under the
 * lock on the current table.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "atom.h"
#include "mem.h"
#include "mote.h"

#define CHUNK_BITS 12
#define CHUNK_LEN (1u << CHUNK_BITS)
#define NCHUNKS (ATOM_MAX_COUNT / CHUNK_LEN)

typedef struct AtomEntry {
    const char *text; /* NUL-terminated UTF-8, owned by the table */
    uint32_t len;     /* bytes, without the NUL                   */
    uint64_t hash;    /* text_hash(text), for the index and term_hash */
} AtomEntry;

static AtomEntry *_Atomic chunks[NCHUNKS];
static _Atomic uint32_t natoms;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned users;      /* atom_init calls not yet matched by atom_fini */
static void (*fini_hook)(void); /* atom_set_fini_hook */
typedef struct AtomIndex {
    struct AtomIndex *older;  /* outgrown tables, freed at the last fini */
    size_t cap;               /* slots; a power of two                   */
    _Atomic uint32_t slots[]; /* atom index + 1; 0 = empty               */
} AtomIndex;

static AtomIndex *_Atomic cur_index; /* replaced (never changed) under lock */

static const struct {
    const char *text;
} predefined[] = {
#define ATOM(id, text) {text},
#include "atoms.def"
#undef ATOM
};

/* A 64-bit FNV-1a over the bytes, finished with a multiply-xorshift so
 * nearby names spread over the whole word. Stable across runs: term_hash
 * of an atom depends only on its text. */
static uint64_t text_hash(const char *s, size_t len)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)s[i]) * UINT64_C(0x100000001b3);
    h ^= h >> 32;
    h *= UINT64_C(0xd6e8feb86659fd93);
    h ^= h >> 32;
    return h;
}

/* Counts the characters of valid UTF-8 (shortest form, no surrogates, at
 * most U+10FFFF); returns -1 if the bytes are not valid UTF-8. */
static long utf8_chars(const uint8_t *s, size_t len)
{
    long n = 0;
    size_t i = 0;
    while (i < len) {
        uint8_t c = s[i];
        size_t extra;
        uint32_t cp, min;
        if (c < 0x80) { i++; n++; continue; }
        if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; min = 0x10000; }
        else return -1;
        if (len - i <= extra)
            return -1;
        for (size_t k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return -1;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return -1;
        i += extra + 1;
        n++;
    }
    return n;
}

static const AtomEntry *entry_at(uint32_t idx)
{
    AtomEntry *chunk = atomic_load_explicit(&chunks[idx >> CHUNK_BITS], memory_order_acquire);
    return chunk ? &chunk[idx & (CHUNK_LEN - 1)] : NULL;
}

static size_t index_bytes(size_t cap)
{
    return sizeof(AtomIndex) + cap * sizeof(_Atomic uint32_t);
}

/* The slot of ix holding this text, or the empty slot where it would go.
 * Any thread: a slot is read once (acquire) and, when set, names an entry
 * that is complete. The table is at most half full, so a probe ends. */
static _Atomic uint32_t *index_find(AtomIndex *ix, const char *name, size_t len, uint64_t hash)
{
    size_t mask = ix->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        _Atomic uint32_t *slot = &ix->slots[i];
        uint32_t v = atomic_load_explicit(slot, memory_order_acquire);
        if (v == 0)
            return slot;
        const AtomEntry *e = entry_at(v - 1);
        if (e->hash == hash && e->len == len && memcmp(e->text, name, len) == 0)
            return slot;
    }
}

/* Under lock: replaces the index by one twice the size. The old table is
 * kept on the new one's `older` list: a lock-free reader may still be in
 * it. */
static int index_grow(void)
{
    AtomIndex *old = atomic_load_explicit(&cur_index, memory_order_relaxed);
    size_t cap = old ? old->cap * 2 : 1024;
    AtomIndex *ix = mem_calloc(MEM_ATOM, 1, index_bytes(cap));
    if (!ix)
        return MOTE_ENOMEM;
    ix->cap = cap;
    ix->older = old;
    for (size_t i = 0; old && i < old->cap; i++) {
        uint32_t v = atomic_load_explicit(&old->slots[i], memory_order_relaxed);
        if (v == 0)
            continue;
        const AtomEntry *e = entry_at(v - 1);
        atomic_store_explicit(index_find(ix, e->text, e->len, e->hash), v, memory_order_relaxed);
    }
    atomic_store_explicit(&cur_index, ix, memory_order_release);
    return 0;
}

/* Under lock: appends a new entry and publishes it. NONE when out of
 * memory or the table is full. */
static Term add_entry(const char *name, size_t len, uint64_t hash, _Atomic uint32_t *slot)
{
    uint32_t idx = atomic_load_explicit(&natoms, memory_order_relaxed);
    if (idx >= ATOM_MAX_COUNT)
        return NONE;
    AtomEntry *chunk = atomic_load_explicit(&chunks[idx >> CHUNK_BITS], memory_order_relaxed);
    if (!chunk) {
        chunk = mem_calloc(MEM_ATOM, CHUNK_LEN, sizeof *chunk);
        if (!chunk)
            return NONE;
        atomic_store_explicit(&chunks[idx >> CHUNK_BITS], chunk, memory_order_release);
    }
    char *text = mem_alloc(MEM_ATOM, len + 1);
    if (!text)
        return NONE;
    memcpy(text, name, len);
    text[len] = '\0';
    AtomEntry *e = &chunk[idx & (CHUNK_LEN - 1)];
    e->text = text;
    e->len = (uint32_t)len;
    e->hash = hash;
    /* The count first: whoever finds the slot may call atom_text at once,
     * which checks the index against the count. */
    atomic_store_explicit(&natoms, idx + 1, memory_order_release);
    atomic_store_explicit(slot, idx + 1, memory_order_release);
    return make_atom(idx);
}

/* Under lock: finds or adds. Keeps the index at most half full first, so
 * a probe always ends at an empty slot. */
static Term intern_locked(const char *name, size_t len, uint64_t hash)
{
    AtomIndex *ix = atomic_load_explicit(&cur_index, memory_order_relaxed);
    if (!ix || (atomic_load_explicit(&natoms, memory_order_relaxed) + 1) * 2 > ix->cap) {
        if (index_grow() < 0)
            return NONE;
        ix = atomic_load_explicit(&cur_index, memory_order_relaxed);
    }
    _Atomic uint32_t *slot = index_find(ix, name, len, hash);
    uint32_t v = atomic_load_explicit(slot, memory_order_relaxed);
    if (v != 0)
        return make_atom(v - 1);
    return add_entry(name, len, hash, slot);
}

static void free_all(void)
{
    uint32_t n = atomic_load_explicit(&natoms, memory_order_relaxed);
    for (uint32_t i = 0; i < n; i++) {
        const AtomEntry *e = entry_at(i);
        mem_free(MEM_ATOM, (void *)e->text, e->len + 1);
    }
    for (size_t c = 0; c < NCHUNKS; c++) {
        AtomEntry *chunk = atomic_load_explicit(&chunks[c], memory_order_relaxed);
        if (!chunk)
            break;
        mem_free(MEM_ATOM, chunk, CHUNK_LEN * sizeof *chunk);
        atomic_store_explicit(&chunks[c], NULL, memory_order_relaxed);
    }
    AtomIndex *ix = atomic_load_explicit(&cur_index, memory_order_relaxed);
    while (ix) {
        AtomIndex *older = ix->older;
        mem_free(MEM_ATOM, ix, index_bytes(ix->cap));
        ix = older;
    }
    atomic_store_explicit(&cur_index, NULL, memory_order_relaxed);
    atomic_store_explicit(&natoms, 0, memory_order_relaxed);
}

/* The first caller builds the table with the predefined atoms at their
 * fixed indices; later callers only count. Any thread. */
int atom_init(void)
{
    pthread_mutex_lock(&lock);
    int rc = 0;
    if (users == 0) {
        size_t n = sizeof predefined / sizeof predefined[0];
        for (size_t i = 0; i < n && rc == 0; i++) {
            const char *t = predefined[i].text;
            Term a = intern_locked(t, strlen(t), text_hash(t, strlen(t)));
            if (a == NONE || atom_index(a) != i)
                rc = MOTE_ENOMEM;
        }
        if (rc != 0)
            free_all();
    }
    if (rc == 0)
        users++;
    pthread_mutex_unlock(&lock);
    return rc;
}

/* The last caller frees every atom: no runtime may hold an atom term
 * after its atom_fini. */
void atom_fini(void)
{
    /* The hook runs outside the atom lock: it takes locks of its own
     * (the compiler's), whose holders intern atoms. */
    void (*hook)(void) = NULL;
    pthread_mutex_lock(&lock);
    if (users == 1) {
        hook = fini_hook;
        fini_hook = NULL;
    }
    pthread_mutex_unlock(&lock);
    if (hook != NULL)
        hook();
    pthread_mutex_lock(&lock);
    if (users > 0 && --users == 0)
        free_all();
    pthread_mutex_unlock(&lock);
}

void atom_set_fini_hook(void (*hook)(void))
{
    pthread_mutex_lock(&lock);
    fini_hook = hook;
    pthread_mutex_unlock(&lock);
}

/* A lock-free probe of the current index. NONE on a miss, which is not
 * final: the table may have been outgrown meanwhile, so callers re-check
 * under the lock. */
static Term find_fast(const char *name, size_t len, uint64_t hash)
{
    AtomIndex *ix = atomic_load_explicit(&cur_index, memory_order_acquire);
    if (!ix)
        return NONE;
    uint32_t v = atomic_load_explicit(index_find(ix, name, len, hash), memory_order_acquire);
    return v ? make_atom(v - 1) : NONE;
}

/* An existing atom is found without the lock; only a new one (or a miss
 * that raced with a table growth) takes it. */
Term atom_intern(const char *name, size_t len)
{
    if (!name && len > 0)
        return NONE;
    const char *text = name ? name : "";
    /* A text that names an existing atom was checked when the atom was
     * made: only a miss pays for the UTF-8 check. A text too long to be
     * an atom in any encoding is not even hashed. */
    if (len > 4 * ATOM_MAX_CHARS)
        return NONE;
    uint64_t hash = text_hash(text, len);
    Term a = find_fast(text, len, hash);
    if (a != NONE)
        return a;
    long nchars = utf8_chars((const uint8_t *)text, len);
    if (nchars < 0 || nchars > ATOM_MAX_CHARS)
        return NONE;
    pthread_mutex_lock(&lock);
    a = users > 0 ? intern_locked(text, len, hash) : NONE;
    pthread_mutex_unlock(&lock);
    return a;
}

Term atom_lookup(const char *name, size_t len)
{
    if ((!name && len > 0) || len > 4 * ATOM_MAX_CHARS)
        return NONE;
    const char *text = name ? name : "";
    uint64_t hash = text_hash(text, len);
    Term a = find_fast(text, len, hash);
    if (a != NONE)
        return a;
    pthread_mutex_lock(&lock);
    AtomIndex *ix = atomic_load_explicit(&cur_index, memory_order_relaxed);
    if (ix) {
        uint32_t v = atomic_load_explicit(index_find(ix, text, len, hash), memory_order_relaxed);
        if (v)
            a = make_atom(v - 1);
    }
    pthread_mutex_unlock(&lock);
    return a;
}

/* Lock-free: the index came from a published atom term, so its entry is
 * complete (see the file comment). */
const char *atom_text(Term atom, size_t *len)
{
    uint64_t idx = atom_index(atom);
    if (!is_atom(atom) || idx >= atomic_load_explicit(&natoms, memory_order_acquire)) {
        if (len)
            *len = 0;
        return NULL;
    }
    const AtomEntry *e = entry_at((uint32_t)idx);
    if (len)
        *len = e->len;
    return e->text;
}

uint64_t atom_hash(Term atom)
{
    uint64_t idx = atom_index(atom);
    if (!is_atom(atom) || idx >= atomic_load_explicit(&natoms, memory_order_acquire))
        return 0;
    return entry_at((uint32_t)idx)->hash;
}

size_t atom_count(void)
{
    return atomic_load_explicit(&natoms, memory_order_acquire);
}
