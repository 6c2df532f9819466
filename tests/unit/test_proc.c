/* test_proc.c — native processes: spawn, message order, exit reasons,
 * wait_exit, bounded mailboxes, heap cap, pid reuse. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sched_test.h"

#include "mem.h"
#include "node.h"
#include "proc.h"

static Rec rec_a, rec_b;

/* Waits for an exit that may already have happened. */
static void wait_gone(mote_rt *rt, mote_pid pid)
{
    int rc = mote_wait_exit(rt, pid, -1, NULL, 0);
    assert_true(rc == MOTE_OK || rc == MOTE_ENOPROC);
}

static mote_pid spawn_rec(mote_rt *rt, Rec *r, const mote_spawn_opts *o)
{
    rec_reset(r);
    assert_int_equal(mote_spawn(rt, NULL, &rec_class, r, o, &r->pid), MOTE_OK);
    return r->pid;
}

typedef struct {
    mote_rt *rt;
    Rec *r;
} Opener;

/* Opens r's gate once a host waiter is registered. */
static void *open_when_waited(void *arg)
{
    Opener *o = arg;
    WAIT_FOR(atomic_load(&node_of_rt(o->rt)->nwaiters) > 0);
    atomic_store(&o->r->gate, 1);
    return NULL;
}

/* The recorder is held in its gate with its last command queued behind:
 * waits for its exit, opening the gate only once the wait is registered,
 * so the exit cannot slip in before the wait begins. */
static int wait_exit_gated(mote_rt *rt, Rec *r, char *buf, size_t size)
{
    Opener o = {rt, r};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, open_when_waited, &o), 0);
    int rc = mote_wait_exit(rt, r->pid, -1, buf, size);
    pthread_join(th, NULL);
    return rc;
}

/* Holds the recorder in its gate. */
static void hold(mote_rt *rt, Rec *r)
{
    assert_int_equal(send_atom(rt, r->pid, "gate"), 0);
    WAIT_FOR(atomic_load(&r->in_gate));
}

static void handles_messages_in_send_order(void **state)
{
    mote_rt *rt = *state;
    mote_pid pid = spawn_rec(rt, &rec_a, NULL);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(send_int(rt, pid, i), 0);
    assert_int_equal(send_atom(rt, pid, "stop"), 0);
    WAIT_FOR(atomic_load(&rec_a.terminated));
    assert_string_equal(rec_a.reason, ":normal");
    assert_int_equal(atomic_load(&rec_a.n), 1000);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(rec_a.vals[i], i);
    assert_true(atomic_load(&rec_a.terminated));
}

static void callback_error_exits_with_native_error(void **state)
{
    mote_rt *rt = *state;
    mote_pid pid = spawn_rec(rt, &rec_a, NULL);
    hold(rt, &rec_a);
    assert_int_equal(send_atom(rt, pid, "crash"), 0);
    char reason[128];
    assert_int_equal(wait_exit_gated(rt, &rec_a, reason, sizeof reason), MOTE_OK);
    assert_non_null(strstr(reason, "{:native_error, \""));
    assert_non_null(strstr(reason, mote_strerror(MOTE_EBADARG)));
}

static void exit_self_sets_the_reason(void **state)
{
    mote_rt *rt = *state;
    mote_pid pid = spawn_rec(rt, &rec_a, NULL);
    hold(rt, &rec_a);
    assert_int_equal(send_atom(rt, pid, "bye"), 0);
    char reason[64];
    assert_int_equal(wait_exit_gated(rt, &rec_a, reason, sizeof reason), MOTE_OK);
    assert_string_equal(reason, ":bye");
}

static void wait_exit_refuses_dead_pid_and_times_out_on_live_one(void **state)
{
    mote_rt *rt = *state;
    mote_pid pid = spawn_rec(rt, &rec_a, NULL);
    hold(rt, &rec_a);
    assert_int_equal(send_atom(rt, pid, "stop"), 0);
    assert_int_equal(mote_wait_exit(rt, pid, 5, NULL, 0), MOTE_ETIMEOUT);
    assert_int_equal(wait_exit_gated(rt, &rec_a, NULL, 0), MOTE_OK);
    assert_int_equal(mote_wait_exit(rt, pid, -1, NULL, 0), MOTE_ENOPROC);
}

static void send_to_dead_process_is_silently_dropped(void **state)
{
    mote_rt *rt = *state;
    mote_pid pid = spawn_rec(rt, &rec_a, NULL);
    assert_int_equal(send_atom(rt, pid, "stop"), 0);
    wait_gone(rt, pid);
    assert_int_equal(send_int(rt, pid, 1), MOTE_OK);
    /* A pid past the end of the table could never have existed. */
    assert_int_equal(send_int(rt, make_pid(PID_INDEX_MASK), 1), MOTE_EINVAL);
}

static void stale_pid_never_reaches_the_slot_s_next_process(void **state)
{
    mote_rt *rt = *state;
    /* Churn until some slot is handed out again (freed slots go through
     * scheduler caches first, so not at once). */
    static mote_pid old_by_index[8192];
    memset(old_by_index, 0, sizeof old_by_index);
    mote_pid old = 0, fresh = 0;
    for (int i = 0; i < 5000 && old == 0; i++) {
        mote_pid pid = spawn_rec(rt, &rec_b, NULL);
        size_t idx = pid_index(pid);
        assert_true(idx < 8192);
        if (old_by_index[idx] != 0) {
            old = old_by_index[idx];
            fresh = pid;
            break;
        }
        old_by_index[idx] = pid;
        assert_int_equal(send_atom(rt, pid, "stop"), 0);
        wait_gone(rt, pid);
    }
    assert_int_not_equal(old, 0);
    assert_int_not_equal(pid_serial(fresh), pid_serial(old));
    assert_int_equal(send_int(rt, old, 1), 0);
    assert_int_equal(send_int(rt, fresh, 2), 0);
    WAIT_FOR(atomic_load(&rec_b.n) == 1);
    assert_int_equal(rec_b.vals[0], 2);
    assert_int_equal(send_atom(rt, fresh, "stop"), 0);
    wait_gone(rt, fresh);
    assert_int_equal(atomic_load(&rec_b.n), 1);
}

static void link_from_host_is_refused(void **state)
{
    mote_rt *rt = *state;
    mote_spawn_opts o = {.link = true};
    mote_pid pid;
    assert_int_equal(mote_spawn(rt, NULL, &rec_class, &rec_a, &o, &pid), MOTE_ESTATE);
    assert_int_equal(mote_spawn(rt, NULL, NULL, NULL, NULL, &pid), MOTE_EINVAL);
}

/* Blocks the recorder in its callback, queues ten messages behind a
 * mailbox of three, then lets it go. */
static void overflow_ten(mote_rt *rt, Rec *r, mote_pid pid)
{
    assert_int_equal(send_atom(rt, pid, "gate"), 0);
    WAIT_FOR(atomic_load(&r->in_gate));
    for (int i = 0; i < 10; i++)
        assert_int_equal(send_int(rt, pid, i), 0);
    Node *n = node_of_rt(rt);
    Proc *p = node_lock_pid(n, pid);
    assert_non_null(p);
    uint64_t len = mbox_len(&p->mbox);
    node_unlock_pid(n, pid);
    assert_true(len >= 3);
    atomic_store(&r->gate, 1);
}

static void drop_newest_keeps_the_first_messages(void **state)
{
    mote_rt *rt = *state;
    mote_spawn_opts o = {.max_queue_len = 3, .overflow = MOTE_OVERFLOW_DROP_NEWEST};
    mote_pid pid = spawn_rec(rt, &rec_a, &o);
    overflow_ten(rt, &rec_a, pid);
    assert_int_equal(send_atom(rt, pid, "stop"), 0); /* dropped too if full */
    WAIT_FOR(atomic_load(&rec_a.n) == 3);
    assert_int_equal(rec_a.vals[0], 0);
    assert_int_equal(rec_a.vals[1], 1);
    assert_int_equal(rec_a.vals[2], 2);
    assert_int_equal(send_atom(rt, pid, "stop"), 0);
    wait_gone(rt, pid);
}

static void drop_oldest_keeps_the_last_messages(void **state)
{
    mote_rt *rt = *state;
    mote_spawn_opts o = {.max_queue_len = 3, .overflow = MOTE_OVERFLOW_DROP_OLDEST};
    mote_pid pid = spawn_rec(rt, &rec_a, &o);
    overflow_ten(rt, &rec_a, pid);
    WAIT_FOR(atomic_load(&rec_a.n) == 3);
    assert_int_equal(send_atom(rt, pid, "stop"), 0);
    wait_gone(rt, pid);
    assert_int_equal(atomic_load(&rec_a.n), 3);
    assert_int_equal(rec_a.vals[0], 7);
    assert_int_equal(rec_a.vals[1], 8);
    assert_int_equal(rec_a.vals[2], 9);
}

static void kill_policy_exits_with_mailbox_overflow(void **state)
{
    mote_rt *rt = *state;
    mote_spawn_opts o = {.max_queue_len = 3, .overflow = MOTE_OVERFLOW_KILL};
    mote_pid pid = spawn_rec(rt, &rec_a, &o);
    overflow_ten(rt, &rec_a, pid);
    WAIT_FOR(atomic_load(&rec_a.terminated));
    assert_string_equal(rec_a.reason, ":mailbox_overflow");
}

/* A process that keeps a growing list alive through its exit reason (the
 * one heap root a native process has), to push its live data over the
 * cap. */
static int hog_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    (void)msg;
    mote_env *env = mote_env_of(self);
    mote_term list = mote_nil();
    for (int i = 0; i < 2000; i++)
        list = mote_cons(env, mote_int(env, i), list);
    mote_exit_self(self, list);
    return MOTE_OK;
}

static char hog_reason[128];
static _Atomic int hog_done;

static void hog_terminate(mote_proc *self, void *state, mote_term reason)
{
    (void)self;
    (void)state;
    mote_format(reason, hog_reason, sizeof hog_reason);
    atomic_store(&hog_done, 1);
}

static const mote_proc_class hog_class = {
    .name = "hog", .handle = hog_handle, .terminate = hog_terminate,
};

static void heap_cap_kills_with_max_heap_size(void **state)
{
    mote_rt *rt = *state;
    mote_spawn_opts o = {.max_heap_words = 1000};
    mote_pid pid;
    assert_int_equal(mote_spawn(rt, NULL, &hog_class, NULL, &o, &pid), 0);
    assert_int_equal(send_atom(rt, pid, "go"), 0);
    WAIT_FOR(atomic_load(&hog_done));
    assert_memory_equal(hog_reason, "{:max_heap_size, ", 17);
}

/* Builds a list of up to 10M cells (160 MB) in one callback, with no
 * safe point on the way: the cap must stop it at allocation. */
static _Atomic int glutton_cells;   /* cells built before a refusal   */
static _Atomic int glutton_refused; /* a constructor returned NONE    */
static _Atomic int glutton_returned;

static int glutton_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    (void)msg;
    mote_env *env = mote_env_of(self);
    mote_term list = mote_nil();
    int i;
    for (i = 0; i < 10000000; i++) {
        mote_term cell = mote_cons(env, mote_int(env, i), list);
        if (cell == MOTE_NONE) {
            /* The message names the cap, not a lack of memory. */
            atomic_store(&glutton_refused,
                         strstr(mote_last_error(), "max_heap_words") != NULL ? 1 : 2);
            break;
        }
        list = cell;
    }
    atomic_store(&glutton_cells, i);
    atomic_store(&glutton_returned, 1);
    return MOTE_OK; /* carries on as if nothing happened: the runtime decides */
}

static const mote_proc_class glutton_class = {
    .name = "glutton", .handle = glutton_handle, .terminate = hog_terminate,
};

static void heap_cap_refuses_allocation_inside_one_callback(void **state)
{
    mote_rt *rt = *state;
    atomic_store(&hog_done, 0);
    mote_spawn_opts o = {.max_heap_words = 4096};
    mote_pid pid;
    assert_int_equal(mote_spawn(rt, NULL, &glutton_class, NULL, &o, &pid), 0);
    assert_int_equal(send_atom(rt, pid, "go"), 0);
    WAIT_FOR(atomic_load(&hog_done));
    assert_true(atomic_load(&glutton_returned));
    assert_int_equal(atomic_load(&glutton_refused), 1);
    /* Two words a cell: the refusal came at the cap, not at 10M cells. */
    assert_true(atomic_load(&glutton_cells) <= 4096 / 2);
    assert_memory_equal(hog_reason, "{:max_heap_size, ", 17);
    /* The runtime is unharmed: a fresh process runs and exits. */
    static Rec r;
    rec_reset(&r);
    assert_int_equal(mote_spawn(rt, NULL, &rec_class, &r, NULL, &r.pid), 0);
    assert_int_equal(send_atom(rt, r.pid, "stop"), 0);
    WAIT_FOR(atomic_load(&r.terminated));
    assert_string_equal(r.reason, ":normal");
}

static int stop_in_init(mote_proc *self, void **state)
{
    (void)self;
    (void)state;
    return MOTE_STOP;
}

static const mote_proc_class quitter_class = {.name = "quitter", .init = stop_in_init};

static void init_returning_stop_exits_normally(void **state)
{
    mote_rt *rt = *state;
    mote_pid pid;
    assert_int_equal(mote_spawn(rt, NULL, &quitter_class, NULL, NULL, &pid), 0);
    char reason[64];
    int rc = mote_wait_exit(rt, pid, -1, reason, sizeof reason);
    /* It may be gone before the wait begins. */
    assert_true(rc == MOTE_OK || rc == MOTE_ENOPROC);
    if (rc == MOTE_OK)
        assert_string_equal(reason, ":normal");
    WAIT_FOR(atomic_load(&node_of_rt(rt)->nprocs) == 0);
}

static void stop_runs_terminate_of_live_processes(void **state)
{
    mote_rt *rt;
    assert_int_equal(rt_setup(state), 0);
    rt = *state;
    spawn_rec(rt, &rec_a, NULL);
    spawn_rec(rt, &rec_b, NULL);
    assert_int_equal(send_int(rt, rec_b.pid, 1), 0);
    WAIT_FOR(atomic_load(&rec_b.n) == 1);
    assert_int_equal(mote_stop(rt), 0);
    assert_true(atomic_load(&rec_b.terminated));
    assert_int_equal(rt_setup(state), 0); /* for the teardown */
}

static int arm_far(mote_proc *self, void **state)
{
    (void)state;
    mote_env *env = mote_env_of(self);
    return mote_send_after(self, 60000, mote_self(self), mote_atom(env, "late"), NULL);
}

static const mote_proc_class far_class = {.name = "far", .init = arm_far};

static int crash_in_init(mote_proc *self, void **state)
{
    (void)self;
    (void)state;
    return MOTE_EBADARG;
}

static const mote_proc_class crasher_class = {.name = "crasher", .init = crash_in_init};

static char parent_saw[2][160];
static _Atomic int parent_nsaw;

/* Traps exits; on :go spawns a linked and monitored crasher and writes
 * down the next two non-atom messages ({:EXIT, ..} and {:DOWN, ..}). */
static int parent_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    if (mote_is_atom(msg, "go")) {
        mote_term ref;
        mote_spawn_opts o = {.link = true, .monitor = true, .monitor_ref = &ref};
        mote_pid child;
        return mote_spawn(mote_rt_of(self), self, &crasher_class, NULL, &o, &child);
    }
    int i = atomic_load(&parent_nsaw);
    if (i < 2) {
        mote_format(msg, parent_saw[i], sizeof parent_saw[i]);
        atomic_store(&parent_nsaw, i + 1);
    }
    return MOTE_OK;
}

static const mote_proc_class parent_class = {.name = "parent", .handle = parent_handle};

static void spawn_link_child_dying_in_init_reports_its_real_reason(void **state)
{
    mote_rt *rt = *state;
    atomic_store(&parent_nsaw, 0);
    mote_spawn_opts o = {.trap_exit = true};
    mote_pid parent;
    assert_int_equal(mote_spawn(rt, NULL, &parent_class, NULL, &o, &parent), 0);
    assert_int_equal(send_atom(rt, parent, "go"), 0);
    WAIT_FOR(atomic_load(&parent_nsaw) == 2);
    for (int i = 0; i < 2; i++) {
        assert_null(strstr(parent_saw[i], "noproc"));
        assert_non_null(strstr(parent_saw[i], ":native_error"));
    }
    assert_memory_equal(parent_saw[0], "{:EXIT, ", 8);
    assert_memory_equal(parent_saw[1], "{:DOWN, ", 8);
}

static int sit_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)self, (void)state, (void)msg;
    return MOTE_STOP;
}

static const mote_proc_class sitter_class = {.name = "sitter", .handle = sit_handle};

static _Atomic mote_pid spawned_child, spawning_parent;

/* Spawns a sitter from its init, notes both pids, and stays alive. */
static int spawn_sitter(mote_proc *self, void **state)
{
    (void)state;
    mote_pid child;
    int rc = mote_spawn(mote_rt_of(self), self, &sitter_class, NULL, NULL, &child);
    if (rc != 0)
        return rc;
    atomic_store(&spawning_parent, mote_self(self));
    atomic_store(&spawned_child, child);
    return MOTE_OK;
}

static const mote_proc_class spawner_class = {
    .name = "spawner", .init = spawn_sitter, .handle = sit_handle};

static void info_names_the_spawning_parent(void **state)
{
    mote_rt *rt = *state;
    atomic_store(&spawned_child, 0);
    mote_pid spawner;
    assert_int_equal(mote_spawn(rt, NULL, &spawner_class, NULL, NULL, &spawner), 0);
    WAIT_FOR(atomic_load(&spawned_child) != 0);
    mote_proc_info info;
    assert_int_equal(mote_proc_info_get(rt, atomic_load(&spawned_child), &info), 0);
    assert_int_equal(info.parent, spawner);
    assert_int_equal(atomic_load(&spawning_parent), spawner);
    assert_int_equal(mote_proc_info_get(rt, spawner, &info), 0);
    assert_int_equal(info.parent, 0); /* spawned by the host */
    assert_int_equal(send_atom(rt, atomic_load(&spawned_child), "stop"), 0);
    assert_int_equal(send_atom(rt, spawner, "stop"), 0);
}

static int give_rec_body(Proc *p, void *ctx)
{
    p->body.native.cls = &rec_class;
    p->body.native.state = ctx;
    return 0;
}

static int refuse_body(Proc *p, void *ctx)
{
    (void)p;
    (void)ctx;
    return MOTE_ENOMEM;
}

static int leave_no_body(Proc *p, void *ctx)
{
    (void)p;
    (void)ctx;
    return 0;
}

static void spawn_body_runs_prepare_before_anyone_sees_it(void **state)
{
    mote_rt *rt = *state;
    Node *n = node_of_rt(rt);
    Term pid;
    rec_reset(&rec_a);
    assert_int_equal(proc_spawn_body(n, NULL, give_rec_body, &rec_a, NULL, &pid), 0);
    rec_a.pid = pid;
    assert_int_equal(send_int(rt, pid, 5), 0);
    WAIT_FOR(atomic_load(&rec_a.n) == 1);
    assert_int_equal(rec_a.vals[0], 5);
    uint64_t before = atomic_load(&n->nprocs);
    assert_int_equal(proc_spawn_body(n, NULL, refuse_body, NULL, NULL, &pid), MOTE_ENOMEM);
    assert_int_equal(atomic_load(&n->nprocs), before);
    /* No body at all: it exits :undef instead of running garbage. */
    assert_int_equal(proc_spawn_body(n, NULL, leave_no_body, NULL, NULL, &pid), 0);
    WAIT_FOR(atomic_load(&n->nprocs) == before);
}

/* Every allocation of a spawn, a send and a stop, made to fail in turn:
 * each call reports MOTE_ENOMEM or works, and nothing leaks or crashes. */
static void failing_allocations_are_reported_not_fatal(void **state)
{
    mote_rt *rt = *state;
    Node *n = node_of_rt(rt);
    mote_env *env = mote_env_new(rt);
    assert_non_null(env);
    mote_term el[2] = {mote_int(env, 1), mote_atom(env, "x")};
    mote_term msg = mote_tuple(env, 2, el);
    for (uint64_t k = 1; k <= 12; k++) {
        rec_reset(&rec_a);
        mem_fail_after(k);
        mote_pid pid;
        int rc = mote_spawn(rt, NULL, &rec_class, &rec_a, NULL, &pid);
        int rc2 = rc == 0 ? mote_send(env, pid, msg) : MOTE_ENOMEM;
        mem_fail_after(0);
        assert_true(rc == 0 || rc == MOTE_ENOMEM);
        assert_true(rc2 == 0 || rc2 == MOTE_ENOMEM);
        if (rc == 0) {
            assert_int_equal(send_atom(rt, pid, "stop"), 0);
            WAIT_FOR(atomic_load(&rec_a.terminated));
        }
    }
    WAIT_FOR(atomic_load(&n->nprocs) == 0);
    mote_env_free(env);
}

static Rec few[5];

static void full_table_refuses_then_reuses_a_freed_slot(void **state)
{
    (void)state;
    mote_rt *rt;
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = 2;
    cfg.max_processes = 4;
    assert_int_equal(mote_start(&cfg, &rt), 0);
    for (int i = 0; i < 4; i++)
        spawn_rec(rt, &few[i], NULL);
    mote_pid pid;
    assert_int_equal(mote_spawn(rt, NULL, &rec_class, &few[4], NULL, &pid), MOTE_ELIMIT);
    /* The slot of a process that exited on a scheduler comes back, even
     * to a host thread. */
    assert_int_equal(send_atom(rt, few[0].pid, "stop"), 0);
    WAIT_FOR(atomic_load(&node_of_rt(rt)->nprocs) == 3);
    spawn_rec(rt, &few[4], NULL);
    assert_int_equal(pid_index(few[4].pid), pid_index(few[0].pid));
    assert_int_equal(mote_stop(rt), 0);
}

static Rec many[50];

static void stop_frees_every_byte(void **state)
{
    (void)state;
    size_t before = mem_total();
    mote_rt *rt;
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = 2;
    assert_int_equal(mote_start(&cfg, &rt), 0);
    for (int i = 0; i < 50; i++) {
        spawn_rec(rt, &many[i], NULL);
        for (int k = 0; k < 20; k++)
            assert_int_equal(send_int(rt, many[i].pid, k), 0);
    }
    hold(rt, &many[0]); /* one of them busy in a callback */
    assert_int_equal(send_int(rt, many[0].pid, 99), 0); /* queued behind */
    mote_pid far;
    assert_int_equal(mote_spawn(rt, NULL, &far_class, NULL, NULL, &far), 0);
    sleep_ms(20);
    atomic_store(&many[0].gate, 1);
    assert_int_equal(mote_stop(rt), 0);
    for (int i = 0; i < 50; i++)
        assert_true(atomic_load(&many[i].terminated));
    assert_int_equal(mem_total(), before);
}

static void idle_process_is_small(void **state)
{
    (void)state;
    size_t bytes = sizeof(Proc) + HEAP_MIN_WORDS * sizeof(Term);
    print_message("sizeof(Proc) = %zu, with minimal heap = %zu bytes\n", sizeof(Proc), bytes);
    assert_true(bytes < 512);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(handles_messages_in_send_order, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(callback_error_exits_with_native_error, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(exit_self_sets_the_reason, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(wait_exit_refuses_dead_pid_and_times_out_on_live_one,
                                        rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(send_to_dead_process_is_silently_dropped, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(stale_pid_never_reaches_the_slot_s_next_process,
                                        rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(link_from_host_is_refused, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(drop_newest_keeps_the_first_messages, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(drop_oldest_keeps_the_last_messages, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(kill_policy_exits_with_mailbox_overflow, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(heap_cap_kills_with_max_heap_size, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(heap_cap_refuses_allocation_inside_one_callback, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(init_returning_stop_exits_normally, rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(stop_runs_terminate_of_live_processes, NULL, rt_teardown),
        cmocka_unit_test_setup_teardown(spawn_link_child_dying_in_init_reports_its_real_reason,
                                        rt_setup, rt_teardown),
        cmocka_unit_test_setup_teardown(spawn_body_runs_prepare_before_anyone_sees_it, rt_setup,
                                        rt_teardown),
        cmocka_unit_test_setup_teardown(failing_allocations_are_reported_not_fatal, rt_setup,
                                        rt_teardown),
        cmocka_unit_test(full_table_refuses_then_reuses_a_freed_slot),
        cmocka_unit_test(stop_frees_every_byte),
        cmocka_unit_test(idle_process_is_small),
        cmocka_unit_test_setup_teardown(info_names_the_spawning_parent, rt_setup, rt_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
