/* edit.c — the shell's terminal side (edit.h): the line editor, Ctrl+C,
 * completion, bracketed paste, and output printed above the prompt.
 *
 * The editor runs in callback mode: the main thread polls the terminal
 * and a wake-up pipe. Output from processes (the shell's I/O server calls
 * edit_output on a scheduler thread) is written at once while no prompt
 * is shown; while one is, it is queued and the pipe is poked, and the
 * main thread clears the input line, prints the output, and draws the
 * prompt and the half-typed line again below it, as iex does. Only the
 * main thread ever draws the editor's line, so the two never mix.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef MOTE_LIBEDIT
#include <editline/readline.h>
#else
#include <readline/history.h>
#include <readline/readline.h>
#endif

#include "edit.h"
#include "history.h"

static volatile int interrupted; /* set by SIGINT, cleared by the reader  */
static int wake[2] = {-1, -1};   /* poked by SIGINT and by queued output  */
static mote_shell *complete_sh;  /* for the completion callback           */

/* Output queued while a prompt is shown (under out_lock). */
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static bool at_prompt;   /* the editor owns the screen line (under lock) */
static char *pending;    /* queued bytes, malloc'd (under lock)           */
static size_t npending, cap_pending;

/* ---- Ctrl+C ----------------------------------------------------------- */

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
    int saved = errno; /* write may clobber it; the interrupted code reads it */
    if (wake[1] >= 0 && write(wake[1], "", 1) < 0) {
        /* A full pipe already wakes the reader. */
    }
    errno = saved;
}

volatile int *edit_sigint_flag(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read must return EINTR */
    sigaction(SIGINT, &sa, NULL);
    return &interrupted;
}

/* ---- output from other threads ---------------------------------------- */

static void write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

void edit_output(void *ctx, const char *bytes, size_t len)
{
    (void)ctx;
    pthread_mutex_lock(&out_lock);
    if (!at_prompt) {
        write_all(bytes, len);
        pthread_mutex_unlock(&out_lock);
        return;
    }
    if (npending + len > cap_pending) {
        size_t nc = (npending + len) * 2;
        char *nb = realloc(pending, nc);
        if (nb == NULL) { /* drop it rather than block a scheduler */
            pthread_mutex_unlock(&out_lock);
            return;
        }
        pending = nb;
        cap_pending = nc;
    }
    bool was_empty = npending == 0;
    memcpy(pending + npending, bytes, len);
    npending += len;
    pthread_mutex_unlock(&out_lock);
    if (was_empty && write(wake[1], "o", 1) < 0) {
        /* The pipe is full: the main thread has pokes to read anyway. */
    }
}

/* Takes the queued output (the caller frees it); NULL when none. */
static char *take_pending(size_t *len)
{
    pthread_mutex_lock(&out_lock);
    char *out = pending;
    *len = npending;
    pending = NULL;
    npending = cap_pending = 0;
    pthread_mutex_unlock(&out_lock);
    if (*len == 0) {
        free(out);
        return NULL;
    }
    return out;
}

/* Prints queued output above the prompt: clear the line being edited,
 * write the output (ending it with a newline), draw prompt and line again. */
static void print_above_prompt(void)
{
    size_t len;
    char *out = take_pending(&len);
    if (out == NULL)
        return;
#ifdef MOTE_LIBEDIT
    write_all("\r\033[K", 4);
    write_all(out, len);
    if (out[len - 1] != '\n')
        write_all("\n", 1);
    rl_forced_update_display();
#else
    char *line = rl_copy_text(0, rl_end);
    int point = rl_point;
    rl_save_prompt();
    rl_replace_line("", 0);
    rl_redisplay();
    write_all(out, len);
    if (out[len - 1] != '\n')
        write_all("\n", 1);
    rl_restore_prompt();
    rl_replace_line(line != NULL ? line : "", 0);
    rl_point = point;
    rl_forced_update_display();
    free(line);
#endif
    free(out);
}

/* Reads and drops the pokes in the wake-up pipe. */
static void drain_wake_pipe(void)
{
    char buf[64];
    while (read(wake[0], buf, sizeof buf) > 0)
        ;
}

static void set_at_prompt(bool on)
{
    pthread_mutex_lock(&out_lock);
    at_prompt = on;
    pthread_mutex_unlock(&out_lock);
}

/* Writes queued output as it is (no prompt is shown). */
static void flush_pending(void)
{
    size_t len;
    char *out = take_pending(&len);
    if (out != NULL)
        write_all(out, len);
    free(out);
}

void edit_hold_output(bool hold)
{
    set_at_prompt(hold);
    if (hold)
        return;
    flush_pending();
    drain_wake_pipe();
}

/* ---- completion -------------------------------------------------------- */

typedef struct Matches {
    char **words;
    char (*hints)[48]; /* "/1,2": the arities of words[i], when a function */
    size_t n, cap;
} Matches;

static Matches cur_matches;

/* Adds a hint to an entry: "/2" then "/2,3" for a second arity. */
static void merge_hint(char *dst, const char *hint)
{
    if (hint[0] != '/')
        return;
    size_t len = strlen(dst);
    if (len == 0)
        snprintf(dst, 48, "%s", hint);
    else
        snprintf(dst + len, 48 - len, ",%s", hint + 1);
}

static bool grow_matches(Matches *m)
{
    size_t nc = m->cap ? m->cap * 2 : 32;
    char **nw = realloc(m->words, nc * sizeof *nw);
    if (nw != NULL)
        m->words = nw;
    char(*nh)[48] = realloc(m->hints, nc * sizeof *nh);
    if (nh != NULL)
        m->hints = nh;
    if (nw == NULL || nh == NULL)
        return false;
    m->cap = nc;
    return true;
}

static void add_match(const char *word, const char *hint, void *ctx)
{
    Matches *m = ctx;
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->words[i], word) == 0) {
            merge_hint(m->hints[i], hint); /* one entry per name, arities merged */
            return;
        }
    if (m->n == m->cap && !grow_matches(m))
        return;
    char *w = strdup(word);
    if (w == NULL)
        return;
    m->hints[m->n][0] = '\0';
    merge_hint(m->hints[m->n], hint);
    m->words[m->n++] = w;
}

static char *next_match(const char *text, int state)
{
    (void)text;
    static size_t i;
    if (state == 0)
        i = 0;
    if (i < cur_matches.n)
        return strdup(cur_matches.words[i++]);
    return NULL;
}

#ifndef MOTE_LIBEDIT
/* Lists candidates with their arities ("Enum.map/2"), as iex does. */
static void display_matches(char **matches, int num, int max_len)
{
    (void)max_len;
    fputc('\n', rl_outstream);
    for (int i = 1; i <= num; i++) {
        const char *hint = "";
        for (size_t j = 0; j < cur_matches.n; j++)
            if (strcmp(cur_matches.words[j], matches[i]) == 0)
                hint = cur_matches.hints[j];
        fprintf(rl_outstream, "%s%s%s", matches[i], hint, i % 4 == 0 || i == num ? "\n" : "    ");
    }
    rl_forced_update_display();
}
#endif

static char **attempt_completion(const char *text, int start, int end)
{
    (void)start;
    for (size_t i = 0; i < cur_matches.n; i++)
        free(cur_matches.words[i]);
    cur_matches.n = 0;
    mote_shell_complete(complete_sh, rl_line_buffer, (size_t)end, add_match, &cur_matches);
    rl_attempted_completion_over = 1; /* never fall back to file names */
    /* No space after a unique completion, as iex: "m" completes to "map"
     * and the next key is often "." or "(". Reset by the editor each time. */
    rl_completion_append_character = '\0';
    if (cur_matches.n == 0)
        return NULL;
    return rl_completion_matches(text, next_match);
}

/* ---- reading ----------------------------------------------------------- */

/* A bracketed paste arrives as one "line" holding newlines; its lines are
 * handed out one at a time from here, so a pasted block is evaluated as
 * if typed: each complete expression on its own, with its own result. */
static char *pasted;     /* malloc'd paste, or NULL */
static size_t pasted_at; /* next line's offset in it */

static char *next_pasted_line(void)
{
    char *start = pasted + pasted_at;
    char *nl = strchr(start, '\n');
    size_t n = nl ? (size_t)(nl - start) : strlen(start);
    char *line = strndup(start, n);
    pasted_at += n + (nl ? 1 : 0);
    if (nl == NULL || pasted[pasted_at] == '\0') {
        free(pasted);
        pasted = NULL;
    }
    return line;
}

#ifdef MOTE_LIBEDIT
/* libedit knows no bracketed paste: this input filter drops the paste
 * markers (ESC [200~ and ESC [201~) and, inside a paste, quotes each tab
 * with Ctrl+V so it is inserted, never taken for completion. A pasted
 * line end ends the line, so a pasted block is evaluated as typed. */
static unsigned char pushback[8]; /* bytes read ahead, handed out first */
static size_t npushback;
static bool in_paste;

/* The next byte of the terminal, or -1 at end of input; waits at most
 * wait_ms for it when wait_ms >= 0 (-2: none came in time). */
static int next_byte(int wait_ms)
{
    if (npushback > 0) {
        int c = pushback[0];
        memmove(pushback, pushback + 1, --npushback);
        return c;
    }
    if (wait_ms >= 0) {
        struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
        if (poll(&pfd, 1, wait_ms) <= 0)
            return -2;
    }
    unsigned char b;
    for (;;) {
        ssize_t n = read(STDIN_FILENO, &b, 1);
        if (n == 1)
            return b;
        if (n < 0 && errno == EINTR)
            continue;
        return -1;
    }
}

/* After an ESC: true when "[200~" or "[201~" follows (and is consumed);
 * otherwise what was read is pushed back. */
static bool paste_marker(void)
{
    static const char tail[] = "[20?~";
    unsigned char got[5];
    size_t n = 0;
    for (; n < 5; n++) {
        int c = next_byte(50);
        if (c < 0)
            break;
        got[n] = (unsigned char)c;
        if (tail[n] == '?' ? (c != '0' && c != '1') : c != tail[n]) {
            n++;
            break;
        }
    }
    if (n == 5 && got[4] == '~') {
        in_paste = got[3] == '0';
        return true;
    }
    memcpy(pushback + npushback, got, n);
    npushback += n;
    return false;
}

static int paste_getc(FILE *f)
{
    (void)f;
    for (;;) {
        int c = next_byte(-1);
        if (c == 0x1b && npushback == 0 && paste_marker())
            continue;
        if (c == '\t' && in_paste && npushback < sizeof pushback) {
            pushback[npushback++] = '\t';
            return 0x16; /* Ctrl+V: insert the next character as it is */
        }
        return c < 0 ? EOF : c;
    }
}
#endif

static bool line_done;  /* the editor handed over a line (or EOF)  */
static char *line_read; /* that line, NULL at EOF                  */

/* The editor's line handler. Removing the handler here keeps the editor
 * from drawing the next prompt itself: the loop decides what comes next. */
static void on_line(char *line)
{
    line_read = line;
    line_done = true;
    rl_callback_handler_remove();
}

/* Ctrl+C at the prompt: drop the half-typed line and leave the editor. */
static void abandon_line(void)
{
    rl_replace_line("", 0);
#ifndef MOTE_LIBEDIT
    rl_callback_sigcleanup();
#endif
    rl_callback_handler_remove();
    write_all("\n", 1);
}


/* The poll loop of one line: the terminal, and the pipe that brings
 * Ctrl+C and output. Returns false when Ctrl+C ended it. */
static bool poll_line(void)
{
    while (!line_done) {
        if (interrupted) {
            abandon_line();
            return false;
        }
        struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
                                {.fd = wake[0], .events = POLLIN}};
        int n = poll(fds, 2, -1);
        if (n < 0)
            continue; /* EINTR: the loop looks at the flag */
        if (fds[1].revents & POLLIN) {
            drain_wake_pipe();
            if (!interrupted)
                print_above_prompt();
        }
        if (!interrupted && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
            rl_callback_read_char();
    }
    return true;
}

char *edit_read(const char *prompt, bool *sigint)
{
    *sigint = false;
    if (pasted != NULL)
        return next_pasted_line();
    /* A Ctrl+C that came before the prompt went up is not forgotten: it
     * ends this read at once (IO.gets must not swallow an interrupt). */
    line_done = false;
    line_read = NULL;
    fflush(stdout);
    set_at_prompt(true);
#ifdef MOTE_LIBEDIT
    write_all("\033[?2004h", 8); /* ask the terminal to mark pastes */
#endif
    rl_callback_handler_install(prompt, on_line);
    print_above_prompt(); /* output queued before the prompt went up */
    bool got = poll_line();
#ifdef MOTE_LIBEDIT
    write_all("\033[?2004l\r", 9); /* as GNU readline leaves it */
#endif
    set_at_prompt(false);
    flush_pending(); /* output that came as the line ended: no prompt to redraw */
    interrupted = 0;
    if (!got) {
        *sigint = true;
        return NULL;
    }
    char *line = line_read;
    if (line != NULL && strchr(line, '\n') != NULL) {
        pasted = line;
        pasted_at = 0;
        return next_pasted_line();
    }
    return line;
}

void edit_add_history(const char *entry)
{
    add_history(entry);
}

static void add_history_entry(const char *entry, void *ctx)
{
    (void)ctx;
    add_history(entry);
}

int edit_init(mote_shell *sh, const char *hist_path)
{
    if (pipe(wake) != 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        /* Non-blocking: neither the signal handler nor a scheduler thread
         * may ever wait on a full pipe, and draining stops when empty. */
        fcntl(wake[i], F_SETFL, fcntl(wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(wake[i], F_SETFD, FD_CLOEXEC);
    }
    complete_sh = sh;
    rl_readline_name = "mote";
    rl_attempted_completion_function = attempt_completion;
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,[";
    rl_catch_signals = 0;
#ifdef MOTE_LIBEDIT
    rl_getc_function = paste_getc;
#else
    rl_catch_sigwinch = 1;
    rl_completion_display_matches_hook = display_matches;
    rl_variable_bind("enable-bracketed-paste", "on");
#endif
    if (hist_path[0] != '\0')
        history_load(hist_path, add_history_entry, NULL);
    mote_shell_set_output(sh, edit_output, NULL);
    return 0;
}

void edit_fini(mote_shell *sh)
{
    mote_shell_set_output(sh, NULL, NULL);
    flush_pending();
    for (size_t i = 0; i < cur_matches.n; i++)
        free(cur_matches.words[i]);
    free(cur_matches.words);
    free(cur_matches.hints);
    memset(&cur_matches, 0, sizeof cur_matches);
}
