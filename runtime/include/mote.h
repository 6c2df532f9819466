/* mote.h — embedding API of libmote, the mote actor runtime.
 *
 * This header is all a host program, the shell, the observer and plugins
 * may use. Types are opaque; functions that can fail return 0 (MOTE_OK) or
 * a negative MOTE_E* code, and mote_last_error() gives the detail. Nothing
 * here aborts the program on a caller's mistake.
 *
 * The model, in one paragraph: a runtime (mote_rt) is one node. It runs
 * processes on scheduler threads. A process has a private heap and a
 * mailbox; processes share nothing and talk only by sending messages,
 * which are copied. A native process is a table of C callbacks: init once,
 * handle once per message, terminate once. Callbacks run on a scheduler
 * thread and must return promptly. Values are mote_term words; a term is
 * valid in the heap (env) it was built in until that env's owner returns
 * from its callback (for a process) or frees the env (for the host).
 * The full description is man/libmote.3.
 */
#ifndef MOTE_H
#define MOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(MOTE_BUILD)
#define MOTE_API __attribute__((visibility("default")))
#else
#define MOTE_API
#endif

#define MOTE_VERSION "0.1.0"

/* ---- status codes ---------------------------------------------------- */
enum {
    MOTE_OK = 0,
    MOTE_STOP = 1,        /* from a handle callback: exit with reason :normal,
                             or the reason given to mote_exit_self()        */
    MOTE_EINVAL = -1,     /* an argument is wrong (the message says which)   */
    MOTE_ENOMEM = -2,     /* out of memory                                   */
    MOTE_ENOPROC = -3,    /* no such process (dead or never existed)         */
    MOTE_ELIMIT = -4,     /* a configured limit was reached                  */
    MOTE_ESTATE = -5,     /* the call is not valid in this state             */
    MOTE_EBADARG = -6,    /* a term is not of the expected type              */
    MOTE_ETIMEOUT = -7,   /* a wait ran out of time                          */
    MOTE_EEXIST = -8,     /* the name is taken                               */
    MOTE_EPROTO = -9,     /* malformed input from outside                    */
    MOTE_ESYNTAX = -10,   /* malformed program text                          */
    MOTE_EHEAPCAP = -11,  /* a process heap would exceed max_heap_size       */
    MOTE_EIO = -12,       /* an operating-system call failed                 */
    MOTE_EINTERNAL = -13, /* a broken invariant inside mote (a bug)          */
};

/* Static text for a code; never NULL. */
MOTE_API const char *mote_strerror(int code);

/* ---- handles and values ---------------------------------------------- */
typedef struct mote_rt mote_rt;     /* one runtime = one node                */
typedef struct mote_proc mote_proc; /* the running process, in callbacks     */
typedef struct mote_env mote_env;   /* a heap to build terms in              */
typedef uint64_t mote_term;         /* a value; 0 is "no value" (an error)   */
typedef uint64_t mote_pid;          /* a local pid, as its term word         */

#define MOTE_NONE ((mote_term)0)

/* ---- the runtime ----------------------------------------------------- */
typedef struct mote_config {
    unsigned schedulers;      /* scheduler threads; 0 = one per core         */
    size_t max_processes;     /* 0 = 4,194,304                               */
    unsigned reductions;      /* per time slice; 0 = 4000                    */
    unsigned spin_us;         /* how long an idle scheduler spins before it
                                 sleeps; 0 = default (50)                    */
    const char *node_name;    /* NULL = "nonode@nohost"                      */
} mote_config;

/* Fills cfg with the defaults. */
MOTE_API void mote_config_init(mote_config *cfg);

/* Starts a runtime: scheduler threads, timer wheels, the I/O poller.
 * cfg may be NULL for the defaults. On success *out owns the runtime;
 * stop it with mote_stop. */
MOTE_API int mote_start(const mote_config *cfg, mote_rt **out);

/* Stops the runtime: every process still alive is killed (its terminate
 * callback runs with reason :shutdown), the threads are joined, and every
 * byte the runtime allocated is freed. Call from a host thread, never from
 * inside a callback. */
MOTE_API int mote_stop(mote_rt *rt);

/* Details of the last failure on the calling thread; never NULL ("" when
 * there was none). */
MOTE_API const char *mote_last_error(void);

/* ---- terms ------------------------------------------------------------
 * Constructors build in an env and return MOTE_NONE on failure (out of
 * memory, bad argument), with mote_last_error() set. Inside a callback,
 * mote_env_of(self) is the process's own heap; a host thread makes a
 * detached env with mote_env_new. */
MOTE_API mote_env *mote_env_new(mote_rt *rt);
MOTE_API void mote_env_free(mote_env *env);
MOTE_API void mote_env_clear(mote_env *env); /* forget all terms built in it */
MOTE_API mote_env *mote_env_of(mote_proc *self);

MOTE_API mote_term mote_int(mote_env *env, int64_t v);
MOTE_API mote_term mote_uint(mote_env *env, uint64_t v);
MOTE_API mote_term mote_float(mote_env *env, double v);
MOTE_API mote_term mote_atom(mote_env *env, const char *name); /* UTF-8 */
MOTE_API mote_term mote_binary(mote_env *env, const void *bytes, size_t len);
MOTE_API mote_term mote_string(mote_env *env, const char *utf8); /* a binary */
MOTE_API mote_term mote_tuple(mote_env *env, size_t n, const mote_term *elems);
MOTE_API mote_term mote_list(mote_env *env, size_t n, const mote_term *elems);
MOTE_API mote_term mote_cons(mote_env *env, mote_term head, mote_term tail);
MOTE_API mote_term mote_nil(void);
MOTE_API mote_term mote_pid_term(mote_pid pid);
MOTE_API mote_term mote_map_new(mote_env *env);
MOTE_API mote_term mote_map_put(mote_env *env, mote_term map, mote_term key, mote_term value);
MOTE_API mote_term mote_make_ref(mote_env *env);

typedef enum mote_type {
    MOTE_T_INTEGER, MOTE_T_FLOAT, MOTE_T_ATOM, MOTE_T_REF, MOTE_T_FUN, MOTE_T_PORT,
    MOTE_T_PID, MOTE_T_TUPLE, MOTE_T_MAP, MOTE_T_NIL, MOTE_T_LIST, MOTE_T_BITSTRING,
    MOTE_T_INVALID,
} mote_type;
MOTE_API mote_type mote_type_of(mote_term t);

/* Readers return MOTE_OK or MOTE_EBADARG when the term is of another type
 * (MOTE_ELIMIT for an integer that does not fit). Pointers they hand out
 * are borrowed from the term's env. */
MOTE_API int mote_get_int(mote_term t, int64_t *out);
MOTE_API int mote_get_float(mote_term t, double *out);
MOTE_API int mote_get_atom(mote_term t, const char **name, size_t *len);
MOTE_API bool mote_is_atom(mote_term t, const char *name);
MOTE_API int mote_get_binary(mote_term t, const void **bytes, size_t *len);
MOTE_API int mote_get_tuple(mote_term t, size_t *n, const mote_term **elems);
MOTE_API int mote_get_cons(mote_term t, mote_term *head, mote_term *tail);
MOTE_API int mote_get_pid(mote_term t, mote_pid *out);
MOTE_API int mote_map_get(mote_term map, mote_term key, mote_term *value);
/* Erlang's total term order (<0, 0, >0) and === equality. */
MOTE_API int mote_compare(mote_term a, mote_term b);
MOTE_API bool mote_equal(mote_term a, mote_term b);
/* Writes the term as Elixir's inspect would, NUL-terminated and cut to
 * fit; returns the length the full text needs (like snprintf). */
MOTE_API size_t mote_format(mote_term t, char *buf, size_t size);

/* ---- native processes ---------------------------------------------- */
typedef struct mote_proc_class {
    const char *name; /* shown as the initial call, e.g. "counter" */
    /* Once, on the new process. Return MOTE_OK to run, MOTE_STOP to exit
     * :normal, or a negative code to exit with {:native_error, text}.
     * *state starts as the spawner's arg. May be NULL. */
    int (*init)(mote_proc *self, void **state);
    /* Once per message, in arrival order. msg lives in self's heap and is
     * valid until the callback returns. Return MOTE_OK to wait for the
     * next message, MOTE_STOP to exit, a negative code to exit with an
     * error reason. May be NULL (messages are dropped). */
    int (*handle)(mote_proc *self, void *state, mote_term msg);
    /* Once, as the process exits for any reason but :kill-style brutal
     * stops of the whole runtime; reason lives in self's heap. May be
     * NULL. Free what state owns here. */
    void (*terminate)(mote_proc *self, void *state, mote_term reason);
} mote_proc_class;

typedef enum mote_overflow {
    MOTE_OVERFLOW_NONE = 0,  /* unbounded mailbox                         */
    MOTE_OVERFLOW_DROP_NEWEST, /* a message that does not fit is dropped  */
    MOTE_OVERFLOW_DROP_OLDEST, /* the oldest queued message makes room    */
    MOTE_OVERFLOW_KILL,      /* the receiver exits with :mailbox_overflow */
} mote_overflow;

typedef struct mote_spawn_opts {
    bool link;                /* link to the spawning process               */
    bool monitor;             /* monitor it; the ref goes to *monitor_ref    */
    bool trap_exit;           /* start with trap_exit set                   */
    size_t max_heap_words;    /* 0 = unlimited; else a callback's constructors
                                 return MOTE_NONE past it, and the process
                                 exits {:max_heap_size, words} when the
                                 callback returns                           */
    size_t max_queue_len;     /* 0 = unbounded                              */
    mote_overflow overflow;   /* policy when max_queue_len is reached       */
    mote_term *monitor_ref;   /* out, with monitor, built in the parent env */
} mote_spawn_opts;

/* Spawns a native process running cls with arg as its initial state.
 * parent is the spawning process (inside a callback), or NULL from a host
 * thread (then link and monitor are refused). opts may be NULL. */
MOTE_API int mote_spawn(mote_rt *rt, mote_proc *parent, const mote_proc_class *cls,
                        void *arg, const mote_spawn_opts *opts, mote_pid *out);

MOTE_API mote_pid mote_self(mote_proc *self);
MOTE_API mote_rt *mote_rt_of(mote_proc *self);

/* Sends a copy of msg (built in env) to a process. Sending to a process
 * that is dead is not an error: the message is dropped, as in Erlang.
 * Returns MOTE_EINVAL only for a pid that could never have existed. Any
 * thread may send. */
MOTE_API int mote_send(mote_env *env, mote_pid to, mote_term msg);
/* Sends to a registered name; MOTE_ENOPROC when nobody has it. */
MOTE_API int mote_send_named(mote_env *env, const char *name, mote_term msg);

/* Names. A process has at most one name and a name at most one process;
 * the name goes when the process exits. */
MOTE_API int mote_register(mote_proc *self, const char *name);
MOTE_API int mote_unregister(mote_rt *rt, const char *name);
MOTE_API int mote_whereis(mote_rt *rt, const char *name, mote_pid *out);

/* Links, monitors and exit signals, with Erlang's semantics: linking to a
 * dead process delivers an exit signal with reason :noproc; monitoring one
 * delivers {:DOWN, ref, :process, pid, :noproc}. */
MOTE_API int mote_link(mote_proc *self, mote_pid other);
MOTE_API int mote_unlink(mote_proc *self, mote_pid other);
MOTE_API int mote_monitor(mote_proc *self, mote_pid target, mote_term *ref_out);
MOTE_API int mote_demonitor(mote_proc *self, mote_term ref);
MOTE_API int mote_trap_exit(mote_proc *self, bool on);
/* Sends an exit signal with reason (built in env) to target, as exit/2.
 * From a host thread (env from mote_env_new) the sender is no process. */
MOTE_API int mote_exit(mote_env *env, mote_pid target, mote_term reason);
/* From a callback: the reason this process will exit with when the
 * callback returns MOTE_STOP. */
MOTE_API void mote_exit_self(mote_proc *self, mote_term reason);

/* Timers: msg arrives at `to` after ms milliseconds. The timer id can
 * cancel it while it has not fired. mote_cancel_timer returns MOTE_OK when
 * it cancelled the timer (its message will never arrive), and MOTE_ESTATE
 * when there was nothing to cancel: the timer already fired (its message
 * is delivered or on its way, as erlang:cancel_timer/1 answers false), it
 * was cancelled before, or the id is unknown. Any id is safe to pass: a
 * stale one never cancels a newer timer. MOTE_EINVAL when self is NULL. */
MOTE_API int mote_send_after(mote_proc *self, uint64_t ms, mote_pid to, mote_term msg,
                             uint64_t *timer_id);
MOTE_API int mote_cancel_timer(mote_proc *self, uint64_t timer_id);

/* Host-side waiting: blocks the calling host thread until pid has exited
 * (MOTE_OK), or timeout_ms passes (MOTE_ETIMEOUT; -1 waits forever). If
 * reason_buf is not NULL the exit reason is written there as mote_format
 * would. MOTE_ENOPROC if pid was already gone when the call began. */
MOTE_API int mote_wait_exit(mote_rt *rt, mote_pid pid, int64_t timeout_ms, char *reason_buf,
                            size_t reason_size);

/* ---- introspection -------------------------------------------------
 * Readable from any host thread while processes run; reading never stops
 * them. Text fields are cut to fit. */
typedef enum mote_status {
    MOTE_S_RUNNING, MOTE_S_RUNNABLE, MOTE_S_WAITING, MOTE_S_EXITING, MOTE_S_SUSPENDED,
} mote_status;

typedef struct mote_proc_info {
    mote_pid pid;
    char registered_name[64];   /* "" when none                       */
    char initial_call[96];      /* class name, or Module.fun/arity    */
    char current_function[96];  /* as of its last time slice          */
    mote_status status;
    uint64_t reductions;
    uint64_t message_queue_len;
    size_t heap_bytes;          /* heap + stack block                 */
    size_t total_bytes;         /* all memory charged to the process,
                                   with one envelope per queued message */
    size_t nlinks;
    size_t nmonitors;           /* monitors it holds on others        */
    size_t nmonitored_by;       /* monitors others hold on it         */
    bool trap_exit;
    mote_pid parent;            /* 0 when spawned by the host         */
    uint32_t restarts;          /* supervisors: children restarted    */
    uint64_t gc_count;
    mote_pid waiting_on;        /* pid it waits on in GenServer.call or
                                   Task.await (:mote.set_waiting_on); 0  */
} mote_proc_info;

MOTE_API int mote_proc_info_get(mote_rt *rt, mote_pid pid, mote_proc_info *out);
/* Links and monitors of pid, as pids: up to cap of each, counts in *n. */
MOTE_API int mote_proc_links(mote_rt *rt, mote_pid pid, mote_pid *buf, size_t cap, size_t *n);
MOTE_API int mote_proc_monitors(mote_rt *rt, mote_pid pid, mote_pid *buf, size_t cap, size_t *n);
/* Every live pid, up to cap; *n receives how many there are. */
MOTE_API int mote_processes(mote_rt *rt, mote_pid *buf, size_t cap, size_t *n);

#define MOTE_MAX_SCHEDULERS 256
typedef struct mote_rt_stats {
    unsigned nschedulers;
    double sched_util[MOTE_MAX_SCHEDULERS]; /* 0..1 since the last call    */
    uint32_t runq_len[MOTE_MAX_SCHEDULERS];
    uint64_t process_count;
    uint64_t process_limit;
    uint64_t uptime_ms;
    size_t mem_total, mem_processes, mem_binaries, mem_atoms, mem_code, mem_system;
    uint64_t reductions_total;
    uint64_t messages_total;
    double reductions_per_sec;              /* since the last call         */
    double messages_per_sec;
} mote_rt_stats;
MOTE_API int mote_rt_stats_get(mote_rt *rt, mote_rt_stats *out);
/* Writes the node's name ("nonode@nohost" unless mote_config.node_name
 * set one) into buf, cut to fit and NUL-terminated. Any thread. */
MOTE_API int mote_node_name(mote_rt *rt, char *buf, size_t size);

/* A cheap scan of every live process, for observers ranking very many of
 * them: one pass reading only the counters each process publishes (no
 * names, no cold-state lock), so a million processes cost a few tens of
 * milliseconds, and full mote_proc_info is then fetched for the few rows
 * shown. memory is heap + process struct as last published (it can lag
 * mote_proc_info's total_bytes). Fills up to cap entries; *n receives how
 * many processes there are (call again with more room when *n > cap).
 * Any host thread; reading never stops a process. */
typedef struct mote_proc_brief {
    mote_pid pid;
    uint64_t reductions;
    uint64_t message_queue_len;
    size_t memory;
    uint32_t restarts;          /* supervisors: children restarted    */
} mote_proc_brief;
MOTE_API int mote_proc_scan(mote_rt *rt, mote_proc_brief *buf, size_t cap, size_t *n);

/* ---- snapshots: ranking every process cheaply -----------------------------
 * A mote_snapshot handle takes repeated snapshots of rt for an observer:
 * one pass over the process table (one short slot lock per process, only
 * counters read), growth rates against the previous take of the same
 * handle, and top-K selection by a sort key with a bounded heap, so a
 * million processes cost tens of milliseconds and only K rows get full
 * mote_proc_info. Buffers are kept and reused between takes. One thread
 * at a time per handle; any host thread; never stops a process. */
typedef enum mote_snap_key {
    MOTE_SNAP_REDS,        /* reductions per second since the last take   */
    MOTE_SNAP_MSGQ,        /* message queue length                        */
    MOTE_SNAP_MEMORY,      /* bytes: process, heap and queued messages    */
    MOTE_SNAP_MSGQ_GROWTH, /* queue growth per second                     */
    MOTE_SNAP_MEM_GROWTH,  /* memory growth per second                    */
    MOTE_SNAP_RESTARTS,    /* children restarted (supervisors)            */
    MOTE_SNAP_PID,         /* ascending pid                               */
    /* Text keys, ascending (processes without the text last): */
    MOTE_SNAP_NAME,        /* registered name, else initial call          */
    MOTE_SNAP_STATUS,      /* running, runnable, in a call, waiting,
                              suspended, exiting                          */
    MOTE_SNAP_FUNCTION,    /* current function (as mote_proc_info's)      */
    MOTE_SNAP_NKEYS,
} mote_snap_key;
typedef struct mote_snapshot mote_snapshot;
typedef struct mote_snapshot_query {
    mote_snap_key sort;
    size_t limit;              /* K rows; 0 = every process               */
    const char *filter;        /* substring of the registered name, initial
                                  call, current function or pid text; NULL
                                  or "" = every process (the fast path)   */
} mote_snapshot_query;
typedef struct mote_snapshot_row {
    mote_proc_info info;       /* full introspection of the process       */
    uint64_t reductions;       /* the counters the ranking used           */
    uint64_t msgq;
    size_t memory;
    double reds_per_sec;       /* growth since the previous take (0 on    */
    double msgq_per_sec;       /* the first take or for a process that    */
    double mem_per_sec;        /* is new since then)                      */
} mote_snapshot_row;
typedef struct mote_snapshot_max {
    double value;              /* the largest value of a key's metric     */
    mote_pid pid;              /* who has it; 0 when no process matched   */
} mote_snapshot_max;
typedef struct mote_snapshot_header {
    uint64_t seq;              /* 1 for the handle's first take           */
    double interval_s;         /* since the previous take (0 on the first)*/
    uint64_t nprocs;           /* live processes scanned                  */
    uint64_t nmatched;         /* of those, the ones the filter kept      */
    uint64_t restarts_total;   /* sum of every process's restarts         */
    uint64_t msgq_total;       /* messages queued in every mailbox        */
    size_t memory_total;       /* bytes, as MOTE_SNAP_MEMORY, summed      */
    mote_snapshot_max max[MOTE_SNAP_NKEYS]; /* over matched processes;
                                  numeric keys only (up to MOTE_SNAP_PID)  */
    double build_ms;           /* wall time the take took                 */
} mote_snapshot_header;
MOTE_API int mote_snapshot_new(mote_rt *rt, mote_snapshot **out);
MOTE_API void mote_snapshot_free(mote_snapshot *s);
/* Takes a snapshot: fills *hdr, and *rows / *nrows with the top q->limit
 * rows best first (borrowed: valid until the next take or free on s).
 * MOTE_EINVAL for a bad key, MOTE_ENOMEM. */
MOTE_API int mote_snapshot_take(mote_snapshot *s, const mote_snapshot_query *q,
                                mote_snapshot_header *hdr, const mote_snapshot_row **rows,
                                size_t *nrows);

/* ---- one process up close: mailbox and suspension ------------------------
 * These ask the process itself (a request it answers on its own thread at
 * its next scheduling point, so nothing reads a queue its owner is
 * changing) and wait up to timeout_ms for the answer (MOTE_ETIMEOUT; a
 * process that never runs, e.g. one stuck in a long native callback, may
 * not answer). Host threads only (MOTE_ESTATE from inside a callback);
 * MOTE_ENOPROC when pid is dead or dies first. */
typedef struct mote_msg_shape {
    char shape[128];           /* e.g. "{:data, _, _}", ":tick", "binary" */
    uint64_t count;            /* messages of that shape                  */
} mote_msg_shape;
typedef struct mote_msg_text {
    char text[224];            /* inspect of one message, cut to fit      */
} mote_msg_text;
/* The queued messages grouped by shape, most frequent first: up to cap
 * shapes in buf (the rest counted in a last "(other)" row when they do
 * not fit), *n rows written, *total messages queued. */
MOTE_API int mote_mailbox_shapes(mote_rt *rt, mote_pid pid, mote_msg_shape *buf, size_t cap,
                                 size_t *n, uint64_t *total, int64_t timeout_ms);
/* Up to cap queued messages from position offset (0 = oldest), each as
 * inspect prints it (bounded); *n receives how many were written. */
MOTE_API int mote_mailbox_messages(mote_rt *rt, mote_pid pid, size_t offset,
                                   mote_msg_text *buf, size_t cap, size_t *n,
                                   int64_t timeout_ms);
/* As erlang:suspend_process/1 and resume_process/1: a suspended process
 * runs no code (messages still queue up; its status reads
 * MOTE_S_SUSPENDED) until resumed as many times as it was suspended.
 * mote_proc_suspend returns once the process has taken the suspension;
 * mote_proc_resume returns MOTE_ESTATE when it was not suspended. */
MOTE_API int mote_proc_suspend(mote_rt *rt, mote_pid pid, int64_t timeout_ms);
MOTE_API int mote_proc_resume(mote_rt *rt, mote_pid pid, int64_t timeout_ms);

/* ---- supervision data --------------------------------------------------
 * Supervisors report themselves through the :mote.sup_* builtins (kind,
 * strategy, intensity, children, restarts); these calls read it back for
 * observers. Text fields are cut to fit. Any host thread; reading never
 * stops a process. */
typedef enum mote_sup_kind {
    MOTE_SUP_SUPERVISOR = 0, MOTE_SUP_DYNAMIC = 1, MOTE_SUP_TASK = 2,
} mote_sup_kind;
typedef enum mote_child_state {
    MOTE_CHILD_RUNNING = 0,    /* pid is the running child              */
    MOTE_CHILD_UNDEFINED = 1,  /* not running (:undefined)              */
    MOTE_CHILD_RESTARTING = 2, /* a restart is pending (:restarting)    */
} mote_child_state;
typedef enum mote_child_restart {
    MOTE_RESTART_PERMANENT = 0, MOTE_RESTART_TRANSIENT = 1, MOTE_RESTART_TEMPORARY = 2,
} mote_child_restart;
typedef struct mote_sup_child {
    char id[64];                /* the child id, as inspect prints it     */
    mote_pid pid;               /* 0 unless state is MOTE_CHILD_RUNNING    */
    mote_child_state state;
    bool supervisor;            /* type :supervisor (else :worker)        */
    mote_child_restart restart;
    uint32_t restarts;          /* times this child id was restarted      */
    int64_t last_exit_wall_ms;  /* Unix ms of its last restart, 0 if none */
    char last_exit_reason[96];  /* inspected reason of that restart       */
} mote_sup_child;
typedef struct mote_restart_event {
    uint64_t mono_ms;           /* runtime uptime at the event, ms        */
    int64_t wall_ms;            /* Unix time, ms                          */
    mote_pid supervisor;
    char child_id[64];          /* "$supervisor" when it gave up          */
    mote_pid old_pid;
    mote_pid new_pid;           /* 0 when the restart failed              */
    bool gave_up;               /* the supervisor exceeded its intensity  */
    char reason[160];           /* inspected exit reason, cut to fit      */
} mote_restart_event;
typedef struct mote_sup_info {
    mote_pid pid;
    mote_sup_kind kind;
    char strategy[24];          /* "one_for_one", ...                     */
    char app[64];               /* application it is the top of, or ""    */
    uint32_t max_restarts;      /* intensity: at most max_restarts ...    */
    uint32_t max_seconds;       /* ... within max_seconds                 */
    uint32_t restarts;          /* total restarts                          */
    uint32_t restarts_in_window;/* restarts within the last max_seconds   */
    size_t nchildren;
    mote_sup_child *children;   /* owned: mote_sup_info_free              */
    size_t nlog;
    mote_restart_event *log;    /* owned; newest first, at most 64        */
} mote_sup_info;
/* Fills *out for supervisor pid (it allocates children and log: release
 * with mote_sup_info_free). MOTE_ENOPROC when pid is dead, MOTE_EINVAL
 * when it never called :mote.sup_register, MOTE_ENOMEM. */
MOTE_API int mote_sup_info_get(mote_rt *rt, mote_pid pid, mote_sup_info *out);
MOTE_API void mote_sup_info_free(mote_sup_info *info);
/* The node's recent restart events (the last 1024), newest first: up to
 * cap into buf, *n receives how many were copied. */
MOTE_API int mote_restart_log(mote_rt *rt, mote_restart_event *buf, size_t cap, size_t *n);
/* Live supervisors (processes that called :mote.sup_register), up to
 * cap; *n receives how many there are. */
MOTE_API int mote_supervisors(mote_rt *rt, mote_pid *buf, size_t cap, size_t *n);

/* ---- eval: running the language -------------------------------------------
 * mote_eval_file runs the script at `path` (Elixir source) in a new
 * process of rt and waits for it to finish; argv (argc strings, borrowed
 * for the runtime's life) is what System.argv/0 returns. The standard
 * library is loaded on first use. On return *exit_status holds the
 * script's status as Elixir gives it: 0, 1 after an uncaught error
 * (printed to stderr as "** (Error) message" with a stack trace) or a
 * syntax or compile error (printed with file:line), or n from
 * System.halt(n). Returns 0 when the script ran (whatever its status), or
 * a negative MOTE_E* code when it could not be started (unreadable file:
 * MOTE_EIO). mote_eval_string does the same for source text in memory
 * (named "nofile" in messages). Host thread. */
MOTE_API int mote_eval_file(mote_rt *rt, const char *path, int argc, char **argv,
                            int *exit_status);
MOTE_API int mote_eval_string(mote_rt *rt, const char *src, size_t len, int argc, char **argv,
                              int *exit_status);

/* ---- shell: the REPL's evaluator -------------------------------------------
 * A mote_shell is an evaluator session inside rt, as iex has: a process
 * (self() in the inputs) that runs each input, and bindings that persist
 * from one input to the next. mote_shell_new compiles the shell's helpers
 * (v/0,1, flush/0, h/1, i/1, pid/1,3, c/1, r/1, exports/1, clear/0,
 * runtime_info/0, respawn/0, ls/0,1, cd/1, pwd/0), imported into every
 * input. Host thread; one thread per session at a time. */
typedef struct mote_shell mote_shell;
enum {
    MOTE_SHELL_OK = 0,          /* text: the value, pretty-printed            */
    MOTE_SHELL_ERROR = 1,       /* text: "** (Error) ..." and the stacktrace   */
    MOTE_SHELL_SYNTAX = 2,      /* text: the syntax or compile error           */
    MOTE_SHELL_CRASHED = 3,     /* the evaluator died; replaced, bindings kept */
    MOTE_SHELL_INTERRUPTED = 4, /* *cancel stopped it; replaced, bindings kept */
    MOTE_SHELL_RESPAWNED = 5,   /* respawn() asked for a new evaluator        */
};
MOTE_API int mote_shell_new(mote_rt *rt, mote_shell **out);
MOTE_API void mote_shell_free(mote_shell *sh);
/* Evaluates one complete input and waits for it; returns a MOTE_SHELL_*
 * status (or a negative MOTE_E* when it could not run), the text to show
 * in mote_shell_text. width is the column count results are wrapped to.
 * When cancel is not NULL and becomes nonzero while the input runs (a
 * signal handler may set it), the evaluation is killed and the call
 * returns MOTE_SHELL_INTERRUPTED within a few milliseconds. Bindings
 * change only when the input succeeds. */
MOTE_API int mote_shell_eval(mote_shell *sh, const char *src, size_t len, int width,
                             volatile int *cancel);
/* Between inputs: a MOTE_SHELL_CRASHED status when the evaluator died
 * while idle (a linked process took it down; it has been replaced), its
 * text in mote_shell_text; -1 when nothing happened. Reading clears it. */
MOTE_API int mote_shell_notice(mote_shell *sh);
/* Text of the last evaluation; borrowed until the next call on sh. */
MOTE_API const char *mote_shell_text(mote_shell *sh);
/* Names of the bound variables, up to cap of them (borrowed until the
 * next evaluation); returns how many there are. */
MOTE_API size_t mote_shell_bindings(mote_shell *sh, const char **names, size_t cap);
/* Completion candidates for the word that ends text (the line up to the
 * cursor): modules, Module.function (with "/arity" hints in *hint),
 * variables, registered names, map keys of a bound map, atoms after ':'.
 * Calls add(word, hint, ctx) for each, word being the whole completed
 * token; returns how many it offered. Host thread. */
MOTE_API size_t mote_shell_complete(mote_shell *sh, const char *text, size_t len,
                                    void (*add)(const char *word, const char *hint, void *ctx),
                                    void *ctx);

/* Where a shell's output goes: fn(ctx, bytes, len) for each output
 * request of its I/O server (the evaluator's output and that of every
 * process it spawned), whole and in arrival order, on a scheduler thread.
 * Without one, the output is written to stdout. */
typedef void (*mote_output_fn)(void *ctx, const char *bytes, size_t len);
/* Routes sh's output to fn (NULL: back to stdout). When it returns, no
 * call to the previous fn is running or will start. A line editor uses it
 * to print output that arrives at the prompt above the prompt. Any
 * thread. */
MOTE_API void mote_shell_set_output(mote_shell *sh, mote_output_fn fn, void *ctx);
/* Where a shell's input comes from: for each input request (IO.gets) of
 * its I/O server, fn(ctx, prompt) is called on the thread that is in
 * mote_shell_eval, while that evaluation runs, and returns the line read
 * (malloc'd, with its newline; the shell frees it) or NULL at the end of
 * input. One request is served at a time. Without one (fn NULL), input
 * requests are answered {:error, :enotsup}. Any thread. */
typedef char *(*mote_input_fn)(void *ctx, const char *prompt);
MOTE_API void mote_shell_set_input(mote_shell *sh, mote_input_fn fn, void *ctx);

/* Starts an I/O server: a process speaking the Erlang I/O protocol. It
 * answers each {:io_request, from, ref, request} with one
 * {:io_reply, ref, reply}: put_chars requests (binaries or chardata, with
 * or without an encoding, and {:requests, list}) are written to stdout in
 * arrival order and answered :ok; input requests get {:error, :enotsup}
 * (a shell's own server hands get_line to mote_shell_set_input's fn),
 * unknown ones {:error, :request}. The shell makes it the group leader of
 * its evaluator. Host thread. */
MOTE_API int mote_io_server_start(mote_rt *rt, mote_pid *out);

/* Is src a complete input for the shell? MOTE_INPUT_COMPLETE,
 * MOTE_INPUT_INCOMPLETE (open do/fn/bracket/string/heredoc or trailing
 * operator: read another line), or MOTE_INPUT_INVALID (no continuation
 * can fix it: evaluate it to show the error). */
enum { MOTE_INPUT_COMPLETE = 0, MOTE_INPUT_INCOMPLETE = 1, MOTE_INPUT_INVALID = 2 };
MOTE_API int mote_input_completeness(const char *src, size_t len);

/* ---- OTP from C: gen_server and supervisor ------------------------------
 * The same behaviours the language has, for native processes, speaking
 * OTP's wire format: a language process can GenServer.call a C server and
 * Supervisor.which_children a C supervisor, and C can call a language
 * GenServer (man/libmote.3, "OTP FROM C"; runtime/otp/).
 *
 * A gen_server's callbacks run in its process, one message at a time.
 * handle_call gets the request and an opaque `from` ({pid, ref}); it
 * returns MOTE_OK with *reply set (sent at once), or MOTE_OK with *reply
 * left MOTE_NONE to answer later with mote_gen_reply (keep `from` alive by
 * copying what you need: it is valid until the callback returns, so
 * mote_gen_reply must be called before then or from a later callback with
 * a from rebuilt there). MOTE_STOP exits (after sending *reply if set)
 * with :normal or the reason given to mote_exit_self; a negative code
 * exits with an error reason. Any callback may be NULL: calls then get
 * no reply (the caller times out), casts and infos are dropped. */
typedef struct mote_gen_server_class {
    const char *name; /* shown as the initial call */
    /* Once: *state starts as the start arg. MOTE_OK runs; MOTE_STOP exits
     * :normal; a negative code exits with an error reason. */
    int (*init)(mote_proc *self, void **state);
    int (*handle_call)(mote_proc *self, void *state, mote_term request, mote_term from,
                       mote_term *reply);
    int (*handle_cast)(mote_proc *self, void *state, mote_term request);
    int (*handle_info)(mote_proc *self, void *state, mote_term msg);
    /* As the server exits (any reason); free state here. */
    void (*terminate)(mote_proc *self, void *state, mote_term reason);
} mote_gen_server_class;

/* Starts a gen_server process running cls with arg as its state. parent
 * is the calling process (NULL from a host thread: no link). name, when
 * not NULL, is registered before init runs (MOTE_EEXIST if taken). With
 * link, the server is linked to parent and, if it traps exits (it does
 * when parent is a supervisor), exits with the parent's reason when the
 * parent's exit signal arrives, after terminate. */
MOTE_API int mote_gen_server_start(mote_rt *rt, mote_proc *parent,
                                   const mote_gen_server_class *cls, void *arg,
                                   const char *name, bool link, mote_pid *out);
/* Sends reply to the caller `from` (a handle_call's from, as received):
 * the caller's {ref, reply}. MOTE_EBADARG when from is not {pid, ref}. */
MOTE_API int mote_gen_reply(mote_env *env, mote_term from, mote_term reply);
/* {:"$gen_cast", request} to a server (a pid). Never fails for a dead
 * server, as GenServer.cast. */
MOTE_API int mote_gen_cast(mote_env *env, mote_pid to, mote_term request);
/* From a host thread: calls server `to` (any gen_server, C or language)
 * with request (built in env) and waits up to timeout_ms (-1: forever)
 * for the answer, which is copied into env as *reply. MOTE_ENOPROC when
 * the server is dead or dies before answering, MOTE_ETIMEOUT when the
 * time runs out (a late answer is then dropped). */
MOTE_API int mote_gen_call(mote_env *env, mote_pid to, mote_term request, int64_t timeout_ms,
                           mote_term *reply);

/* From a host thread: stops a gen_server or supervisor (C or language)
 * as GenServer.stop does: {:system, from, {:terminate, reason}}, then waits
 * up to timeout_ms (-1: forever) for it to exit (a supervisor first stops
 * its children, in reverse start order). MOTE_ENOPROC when it is not
 * alive, MOTE_ETIMEOUT when it is still running at the deadline. */
MOTE_API int mote_gen_stop(mote_env *env, mote_pid server, mote_term reason, int64_t timeout_ms);

/* A supervisor of native children. Each child spec names a start
 * function that spawns the child linked to the supervisor (parent = sup,
 * link = true; mote_gen_server_start does that with link) and returns its
 * pid. Semantics are OTP's: strategies one_for_one, one_for_all,
 * rest_for_one; restart types permanent (always), transient (unless the
 * reason is :normal, :shutdown or {:shutdown, _}), temporary (never);
 * more than max_restarts restarts within max_seconds makes the supervisor
 * stop every child (reverse start order) and exit :shutdown, which its own
 * supervisor sees as a child's exit. Children stop in reverse start order:
 * exit(child, :shutdown), then :kill after shutdown_ms
 * (MOTE_SHUTDOWN_BRUTAL: :kill at once; MOTE_SHUTDOWN_INFINITY: wait).
 * The supervisor answers the Supervisor module's calls (which_children,
 * count_children, terminate_child, restart_child, delete_child) and
 * reports to the observer like the language's supervisors. */
typedef enum mote_sup_strategy {
    MOTE_ONE_FOR_ONE = 0, MOTE_ONE_FOR_ALL = 1, MOTE_REST_FOR_ONE = 2,
} mote_sup_strategy;
#define MOTE_SHUTDOWN_BRUTAL 0
#define MOTE_SHUTDOWN_INFINITY (-1)
typedef struct mote_child_spec {
    const char *id;         /* unique among the supervisor's children     */
    int (*start)(mote_proc *sup, void *arg, mote_pid *out); /* 0 or <0     */
    void *arg;              /* passed to start on every (re)start         */
    mote_child_restart restart;
    int64_t shutdown_ms;    /* or MOTE_SHUTDOWN_BRUTAL / _INFINITY        */
    bool supervisor;        /* type :supervisor (else :worker)            */
} mote_child_spec;
typedef struct mote_sup_spec {
    mote_sup_strategy strategy;
    uint32_t max_restarts;  /* default 3 */
    uint32_t max_seconds;   /* default 5 */
    const char *name;       /* registered name, or NULL                   */
    const mote_child_spec *children; /* copied at start                   */
    size_t nchildren;
} mote_sup_spec;
/* Fills spec with the defaults: one_for_one, 3 restarts in 5 seconds, no
 * name, no children. */
MOTE_API void mote_sup_spec_init(mote_sup_spec *spec);
/* Starts a supervisor process and, in it, its children in order. A child
 * whose start fails stops the ones already started and the supervisor
 * exits {:shutdown, {:failed_to_start_child, id, reason}}. parent/link as
 * for mote_gen_server_start; a supervisor under a supervisor is started
 * with parent = the upper supervisor and link = true. */
MOTE_API int mote_sup_start(mote_rt *rt, mote_proc *parent, const mote_sup_spec *spec,
                            bool link, mote_pid *out);

#ifdef __cplusplus
}
#endif
#endif
