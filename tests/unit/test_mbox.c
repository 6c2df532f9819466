/* test_mbox.c — the mailbox on its own: order per sender under
 * concurrent pushes, exact length, selective receive and save position. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>

#include "heap.h"
#include "mbox.h"
#include "mem.h"
#include "msg.h"
#include "mote.h"

static Msg *msg_int(int64_t sender, int64_t v)
{
    Msg *m = msg_new(MSG_MESSAGE, make_small(sender), make_small(v));
    assert_non_null(m);
    return m;
}

static void push_int(Mbox *mb, int64_t sender, int64_t v)
{
    atomic_fetch_add(&mb->len, 1); /* as node_deliver does, before the push */
    mbox_push(mb, msg_int(sender, v));
}

/* Moves the inbox into the private queue, as the owner's drain does. */
static void drain(Mbox *mb)
{
    for (Msg *m = mbox_grab(mb); m != NULL;) {
        Msg *next = atomic_load(&m->next);
        mbox_append(mb, m);
        m = next;
    }
}

static void free_all(Mbox *mb)
{
    drain(mb);
    mbox_reset(mb);
    while (mbox_peek(mb) != NULL)
        msg_free(mbox_unlink(mb));
}

#define NSENDERS 4
#define PER_SENDER 20000

typedef struct {
    Mbox *mb;
    int id;
} Sender;

static void *send_many(void *arg)
{
    Sender *s = arg;
    for (int i = 0; i < PER_SENDER; i++)
        push_int(s->mb, s->id, i);
    return NULL;
}

static void keeps_order_per_sender_with_concurrent_senders(void **state)
{
    (void)state;
    Mbox mb;
    mbox_init(&mb, 0, 0);
    pthread_t th[NSENDERS];
    Sender s[NSENDERS];
    for (int i = 0; i < NSENDERS; i++) {
        s[i] = (Sender){&mb, i};
        assert_int_equal(pthread_create(&th[i], NULL, send_many, &s[i]), 0);
    }
    int64_t next[NSENDERS] = {0};
    size_t seen = 0;
    /* The owner drains while the senders are still pushing. */
    while (seen < NSENDERS * PER_SENDER) {
        drain(&mb);
        mbox_reset(&mb);
        Msg *m;
        while ((m = mbox_peek(&mb)) != NULL) {
            int64_t who = small_val(m->from), v = small_val(m->term);
            assert_int_equal(v, next[who]);
            next[who]++;
            seen++;
            msg_free(mbox_unlink(&mb));
        }
    }
    for (int i = 0; i < NSENDERS; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(mbox_len(&mb), 0);
    assert_null(mbox_grab(&mb));
}

static void len_counts_inbox_and_queue(void **state)
{
    (void)state;
    Mbox mb;
    mbox_init(&mb, 0, 0);
    for (int i = 0; i < 3; i++)
        push_int(&mb, 0, i);
    assert_int_equal(mbox_len(&mb), 3);
    drain(&mb);
    push_int(&mb, 0, 3);
    assert_int_equal(mbox_len(&mb), 4);
    mbox_reset(&mb);
    msg_free(mbox_unlink(&mb));
    assert_int_equal(mbox_len(&mb), 3);
    free_all(&mb);
    assert_int_equal(mbox_len(&mb), 0);
}

static void selective_receive_keeps_save_position(void **state)
{
    (void)state;
    Mbox mb;
    mbox_init(&mb, 0, 0);
    for (int i = 1; i <= 5; i++)
        push_int(&mb, 0, i);
    drain(&mb);
    mbox_reset(&mb);
    assert_int_equal(small_val(mbox_peek(&mb)->term), 1);
    mbox_next(&mb);
    mbox_next(&mb);
    assert_int_equal(small_val(mbox_peek(&mb)->term), 3);
    /* Take 3: save now points at 4, and 1, 2 stay queued in order. */
    msg_free(mbox_unlink(&mb));
    assert_int_equal(small_val(mbox_peek(&mb)->term), 4);
    /* A message arriving later goes after 5. */
    push_int(&mb, 0, 6);
    drain(&mb);
    mbox_next(&mb);
    mbox_next(&mb);
    assert_int_equal(small_val(mbox_peek(&mb)->term), 6);
    mbox_next(&mb);
    assert_null(mbox_peek(&mb));
    mbox_reset(&mb);
    int64_t want[] = {1, 2, 4, 5, 6};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(small_val(mbox_peek(&mb)->term), want[i]);
        mbox_next(&mb);
    }
    free_all(&mb);
}

static void unlinking_the_last_message_keeps_appends_working(void **state)
{
    (void)state;
    Mbox mb;
    mbox_init(&mb, 0, 0);
    push_int(&mb, 0, 1);
    push_int(&mb, 0, 2);
    drain(&mb);
    mbox_reset(&mb);
    mbox_next(&mb);
    msg_free(mbox_unlink(&mb)); /* the tail */
    push_int(&mb, 0, 3);
    drain(&mb);
    mbox_reset(&mb);
    assert_int_equal(small_val(mbox_peek(&mb)->term), 1);
    mbox_next(&mb);
    assert_int_equal(small_val(mbox_peek(&mb)->term), 3);
    free_all(&mb);
}

static void drop_oldest_repairs_save(void **state)
{
    (void)state;
    Mbox mb;
    mbox_init(&mb, 2, MOTE_OVERFLOW_DROP_OLDEST);
    push_int(&mb, 0, 1);
    push_int(&mb, 0, 2);
    drain(&mb);
    mbox_reset(&mb);
    mbox_next(&mb); /* save is just past message 1 */
    assert_true(mbox_drop_oldest(&mb));
    assert_int_equal(small_val(mbox_peek(&mb)->term), 2);
    mbox_reset(&mb);
    assert_int_equal(small_val(mbox_peek(&mb)->term), 2);
    assert_int_equal(mbox_len(&mb), 1);
    free_all(&mb);
    assert_false(mbox_drop_oldest(&mb));
}

static void take_moves_the_term_into_the_heap(void **state)
{
    (void)state;
    Heap h;
    assert_int_equal(heap_init(&h, HEAP_MIN_WORDS), 0);
    Term tuple[3] = {make_header(HDR_TUPLE, 2), make_small(7), make_small(8)};
    Msg *m = msg_new(MSG_MESSAGE, NONE, make_boxed(tuple));
    assert_non_null(m);
    Mbox mb;
    mbox_init(&mb, 0, 0);
    atomic_fetch_add(&mb.len, 1);
    mbox_push(&mb, m);
    drain(&mb);
    mbox_reset(&mb);
    Term t = mbox_take(&mb, &h);
    assert_true(is_tuple(t));
    assert_true(heap_contains(&h, boxed_ptr(t)));
    assert_int_equal(small_val(tuple_get(t, 1)), 8);
    assert_int_equal(mbox_len(&mb), 0);
    heap_fini(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keeps_order_per_sender_with_concurrent_senders),
        cmocka_unit_test(len_counts_inbox_and_queue),
        cmocka_unit_test(selective_receive_keeps_save_position),
        cmocka_unit_test(unlinking_the_last_message_keeps_appends_working),
        cmocka_unit_test(drop_oldest_repairs_save),
        cmocka_unit_test(take_moves_the_term_into_the_heap),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    return rc;
}
