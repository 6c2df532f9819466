/* test_io_server.c — the shell's I/O server (mote_io_server_start) answers
 * put_chars as Erlang's does: character data is written as UTF-8, and a
 * request holding a surrogate or a number past U+10FFFF is refused with
 * {:error, :put_chars}. mote.h only.
 *
 * A native client receives the {:io_reply, ref, reply}, writes the reply
 * with mote_format and sets `done` last (release); the host reads the
 * text after seeing `done` (acquire). No timing thresholds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "mote.h"
#include "api_test.h"

typedef struct Reply {
    atomic_bool done;
    char text[128]; /* the reply, as mote_format writes it */
} Reply;

static int client_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self;
    Reply *r = state;
    size_t n;
    const mote_term *el;
    if (mote_get_tuple(msg, &n, &el) != 0 || n != 3 || !mote_is_atom(el[0], "io_reply"))
        return MOTE_OK;
    mote_format(el[2], r->text, sizeof r->text);
    atomic_store_explicit(&r->done, true, memory_order_release);
    return MOTE_STOP;
}

static const mote_proc_class client_class = {.name = "io_client", .handle = client_handle};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Sends {:io_request, client, ref, {:put_chars, :unicode, chars}} to a
 * fresh server and returns the reply's text; "" when none came in 20 s
 * (a hang, not a timing threshold). */
static void ask_put_chars(Fix *f, mote_term chars, Reply *r)
{
    mote_pid srv, client;
    memset(r, 0, sizeof *r);
    assert_int_equal(mote_io_server_start(f->rt, &srv), MOTE_OK);
    assert_int_equal(mote_spawn(f->rt, NULL, &client_class, r, NULL, &client), MOTE_OK);
    mote_term put[3] = {mote_atom(f->env, "put_chars"), mote_atom(f->env, "unicode"), chars};
    mote_term req[4] = {mote_atom(f->env, "io_request"), mote_pid_term(client),
                        mote_make_ref(f->env), mote_tuple(f->env, 3, put)};
    assert_int_equal(mote_send(f->env, srv, mote_tuple(f->env, 4, req)), MOTE_OK);
    uint64_t give_up = now_ms() + 20000;
    while (!atomic_load_explicit(&r->done, memory_order_acquire) && now_ms() < give_up)
        sched_yield();
    assert_true(atomic_load_explicit(&r->done, memory_order_acquire));
    mote_exit(f->env, srv, mote_atom(f->env, "kill"));
}

static void code_points_are_written_as_utf8(void **state)
{
    Fix *f = *state;
    Reply r;
    mote_term nl = mote_int(f->env, '\n');
    ask_put_chars(f, mote_list(f->env, 1, &nl), &r);
    assert_string_equal(r.text, ":ok");
}

static void surrogates_are_not_character_data(void **state)
{
    Fix *f = *state;
    static const int64_t bad[] = {0xD800, 0xDFFF, 0x110000, -1};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Reply r;
        mote_term cp = mote_int(f->env, bad[i]);
        ask_put_chars(f, mote_list(f->env, 1, &cp), &r);
        assert_string_equal(r.text, "{:error, :put_chars}");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIX(code_points_are_written_as_utf8),
        FIX(surrogates_are_not_character_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
