/* repl.c — the interactive shell: the read-eval-print loop on the main
 * thread, the evaluation in the runtime (mote_shell_* in mote.h, nothing
 * else), the line editor behind edit.h.
 *
 * Input is read line by line until mote_input_completeness says it is a
 * whole expression, then evaluated; Ctrl+C during an evaluation sets a
 * flag that mote_shell_eval turns into killing that evaluation only. With
 * stdin not a terminal the same loop runs without the editor (batch mode).
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "edit.h"
#include "history.h"
#include "observer.h"
#include "repl.h"

typedef struct Repl {
    mote_rt *rt;
    mote_shell *sh;
    unsigned counter;      /* N in mote(N)>                                  */
    bool tty;              /* stdin and stdout are terminals                 */
    bool color;            /* colour the error and info lines               */
    char hist[4096];       /* history file, "" when none                     */
    unsigned failures;     /* inputs that failed (batch mode exit status)    */
} Repl;

static volatile int *interrupted; /* set by SIGINT (edit.c), cleared here */

static int term_width(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10)
        return ws.ws_col;
    return 80;
}

/* ---- colours ------------------------------------------------------------- */

#define C_NUM "\033[33m"  /* numbers: yellow, as iex                          */
#define C_ATOM "\033[36m" /* atoms and keyword keys: cyan                      */
#define C_STR "\033[32m"  /* strings: green                                    */
#define C_LIT "\033[35m"  /* nil, true, false: magenta                         */
#define C_OFF "\033[0m"

static bool is_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '?' || c == '!' || (unsigned char)c >= 0x80;
}

/* Length of the quoted text at s (s[0] is the quote), escapes included. */
static size_t quoted_len(const char *s)
{
    size_t i = 1;
    while (s[i] != '\0' && s[i] != s[0])
        i += s[i] == '\\' && s[i + 1] != '\0' ? 2 : 1;
    return s[i] ? i + 1 : i;
}

/* Length of the token at s and its colour (NULL: none). prev is the
 * character before s (0 at the start): a digit after a letter is part of
 * a name, not a number. */
static size_t color_token(const char *s, char prev, const char **color)
{
    *color = NULL;
    if (s[0] == '"') {
        *color = C_STR;
        return quoted_len(s);
    }
    if (s[0] == ':' && s[1] == '"') {
        *color = C_ATOM;
        return 1 + quoted_len(s + 1);
    }
    if (s[0] == ':' && is_ident(s[1]) && prev != ':') {
        size_t i = 1;
        while (is_ident(s[i]) || s[i] == '.' || s[i] == '@')
            i++;
        *color = C_ATOM;
        return i;
    }
    if (s[0] >= '0' && s[0] <= '9' && !is_ident(prev) && prev != '.' && prev != '<') {
        size_t i = 0;
        while (is_ident(s[i]) || (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') ||
               ((s[i] == '-' || s[i] == '+') && (s[i - 1] == 'e')))
            i++;
        *color = C_NUM;
        return i;
    }
    if (is_ident(s[0]) && !is_ident(prev)) {
        size_t i = 0;
        while (is_ident(s[i]))
            i++;
        if (s[i] == ':' && s[i + 1] == ' ' && s[0] >= 'a' && s[0] <= 'z') {
            *color = C_ATOM; /* keyword key */
            return i + 1;
        }
        if ((i == 3 && !strncmp(s, "nil", 3)) || (i == 4 && !strncmp(s, "true", 4)) ||
            (i == 5 && !strncmp(s, "false", 5)))
            *color = C_LIT;
        return i;
    }
    return 1;
}

/* Writes an inspected term with iex's syntax colours. */
static void print_colored(const char *s, FILE *out)
{
    char prev = 0;
    while (*s) {
        const char *color;
        size_t n = color_token(s, prev, &color);
        if (color != NULL)
            fprintf(out, "%s%.*s" C_OFF, color, (int)n, s);
        else
            fwrite(s, 1, n, out);
        prev = s[n - 1];
        s += n;
    }
    fputc('\n', out);
}

/* Prints an evaluation's outcome: the value, or the error (red on a
 * colour terminal). Returns true when it counts as a failure. */
static bool show(Repl *r, int st)
{
    const char *text = mote_shell_text(r->sh);
    if (st == MOTE_SHELL_OK) {
        if (text[0] != '\0' && r->color) /* helpers such as h/1 show nothing */
            print_colored(text, stdout);
        else if (text[0] != '\0')
            printf("%s\n", text);
        fflush(stdout);
        return false;
    }
    if (st == MOTE_SHELL_RESPAWNED) {
        printf("%s\n", r->color ? "\033[33mevaluator respawned\033[0m" : "evaluator respawned");
        return false;
    }
    FILE *out = r->tty ? stdout : stderr;
    fflush(stdout);
    if (r->color)
        fprintf(out, "\033[31m%s\033[0m\n", text);
    else
        fprintf(out, "%s\n", text);
    fflush(out);
    return true;
}

/* iex's h is a macro: `h Enum.map` and `h Enum.map/2` name a function
 * without calling it. Functions cannot do that, so such an input is
 * rewritten to h(Enum, :map) / h(Enum, :map, 2). Returns a new string,
 * or NULL when src is not of that shape. */
static char *rewrite_help(const char *src)
{
    const char *s = src + strspn(src, " \t");
    if (s[0] != 'h' || (s[1] != ' ' && s[1] != '('))
        return NULL;
    s += 1 + strspn(s + 1, " \t(");
    const char *mod = s, *dot = NULL;
    while (*s && (isalnum((unsigned char)*s) || *s == '_' || *s == '.' || *s == ':' || *s == '?' ||
                  *s == '!')) {
        if (*s == '.')
            dot = s;
        s++;
    }
    if (dot == NULL || dot == mod || dot[1] == '\0' || !(isupper((unsigned char)mod[0]) || mod[0] == ':'))
        return NULL;
    const char *name_end = s;
    long arity = -1;
    if (*s == '/') {
        char *e;
        arity = strtol(s + 1, &e, 10);
        s = e;
    }
    s += strspn(s, " \t)");
    if (*s != '\0' || name_end == dot + 1)
        return NULL;
    char *out = malloc(strlen(src) + 64);
    if (out == NULL)
        return NULL;
    int n = sprintf(out, "h(%.*s, :%.*s", (int)(dot - mod), mod, (int)(name_end - dot - 1), dot + 1);
    if (arity >= 0)
        n += sprintf(out + n, ", %ld", arity);
    strcpy(out + n, ")");
    return out;
}

/* Is src a call of the observer (observer() or :observer.start())? */
static bool is_observer_call(const char *src)
{
    char buf[32];
    size_t n = 0;
    for (const char *s = src; *s && n + 1 < sizeof buf; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n')
            buf[n++] = *s;
    buf[n] = '\0';
    return !strcmp(buf, "observer()") || !strcmp(buf, ":observer.start()");
}

/* observer(): the observer's full-screen view of this runtime, on the
 * main thread (curses needs the terminal, which the evaluator does not
 * own). Output of processes is held back meanwhile and printed after. */
static void run_observer(Repl *r)
{
    if (!r->tty) {
        fprintf(stderr, "observer() needs a terminal; use `mote top -b` for text output\n");
        r->failures++;
        return;
    }
    edit_hold_output(true);
    int rc = observer_run_tui(r->rt, NULL);
    edit_hold_output(false);
    if (rc == MOTE_ESTATE)
        fprintf(stderr, "observer: this terminal cannot show the full-screen view "
                        "(TERM=%s cannot move the cursor); `mote top -b` prints text\n",
                getenv("TERM") ? getenv("TERM") : "");
    else if (rc < 0)
        fprintf(stderr, "observer: %s\n", mote_strerror(rc));
    else
        printf(":ok\n");
    fflush(stdout);
    r->counter++;
}

static void eval_input(Repl *r, const char *src)
{
    if (is_observer_call(src)) {
        run_observer(r);
        return;
    }
    /* The flag is not cleared here: a Ctrl+C typed after Enter, before
     * the evaluation started, still interrupts it. */
    char *help = rewrite_help(src);
    if (help != NULL)
        src = help;
    int st = mote_shell_eval(r->sh, src, strlen(src), term_width(), interrupted);
    free(help);
    *interrupted = 0;
    if (st < 0) {
        fprintf(stderr, "mote: %s\n", mote_last_error());
        r->failures++;
        return;
    }
    if (show(r, st))
        r->failures++;
    r->counter++;
}

/* ---- reading ---------------------------------------------------------------- */

static char *read_pipe(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0) {
        free(line);
        return NULL;
    }
    if (n > 0 && line[n - 1] == '\n')
        line[n - 1] = '\0';
    return line;
}

static bool append(char **buf, size_t *len, const char *line)
{
    size_t n = strlen(line);
    char *nb = realloc(*buf, *len + n + 2);
    if (nb == NULL)
        return false;
    if (*len > 0)
        nb[(*len)++] = '\n';
    memcpy(nb + *len, line, n + 1);
    *len += n;
    *buf = nb;
    return true;
}

static bool is_blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

/* Reads one whole input (several lines while it is incomplete). Returns
 * NULL at end of input; "" when the input was abandoned. */
static char *read_input(Repl *r, bool *quit)
{
    char *buf = NULL;
    size_t len = 0;
    static int sigints; /* consecutive Ctrl+C at an empty prompt */
    for (;;) {
        int notice = len == 0 ? mote_shell_notice(r->sh) : -1;
        if (notice >= 0)
            show(r, notice); /* the evaluator died between inputs */
        char prompt[64];
        snprintf(prompt, sizeof prompt, "%s(%u)> ", len ? "..." : "mote", r->counter);
        bool sigint = false;
        char *line = r->tty ? edit_read(prompt, &sigint) : read_pipe();
        if (sigint) {
            free(line);
            if (len == 0 && ++sigints >= 2) {
                *quit = true;
                free(buf);
                return NULL;
            }
            if (len == 0)
                printf("(Ctrl+C again to exit, or Ctrl+D)\n");
            free(buf);
            return strdup("");
        }
        sigints = 0;
        if (line == NULL) {
            *quit = true;
            if (buf != NULL && r->tty)
                printf("\n");
            return buf; /* evaluate what was typed before the end */
        }
        if (strstr(line, "#iex:break") != NULL || strstr(line, "#mote:break") != NULL) {
            free(line);
            free(buf);
            return strdup("");
        }
        bool ok = append(&buf, &len, line);
        free(line);
        if (!ok || is_blank(buf))
            return buf ? buf : strdup("");
        if (mote_input_completeness(buf, len) != MOTE_INPUT_INCOMPLETE)
            return buf;
    }
}

/* mote_input_fn: IO.gets in an evaluation reads the next line, from the
 * editor (with the request's prompt) or from piped stdin, as iex does. A
 * Ctrl+C instead interrupts the evaluation. Main thread, inside
 * mote_shell_eval. */
static char *read_for_program(void *ctx, const char *prompt)
{
    Repl *r = ctx;
    char *line;
    if (r->tty) {
        bool sigint;
        line = edit_read(prompt, &sigint);
        if (sigint)
            *interrupted = 1;
    } else {
        fputs(prompt, stdout);
        fflush(stdout);
        line = read_pipe();
    }
    if (line == NULL)
        return NULL;
    size_t n = strlen(line);
    char *with_nl = realloc(line, n + 2);
    if (with_nl == NULL) {
        free(line);
        return NULL;
    }
    memcpy(with_nl + n, "\n", 2);
    return with_nl;
}

/* ---- start-up -------------------------------------------------------------- */

/* Evaluates .mote.exs from the current directory, else the home one. */
static void run_startup(Repl *r)
{
    char path[4096];
    const char *home = getenv("HOME");
    if (access(".mote.exs", R_OK) == 0)
        snprintf(path, sizeof path, ".mote.exs");
    else if (home != NULL && snprintf(path, sizeof path, "%s/.mote.exs", home) > 0 &&
             access(path, R_OK) == 0)
        ;
    else
        return;
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return;
    char *src = NULL;
    size_t cap = 0;
    ssize_t n = getdelim(&src, &cap, '\0', fp);
    fclose(fp);
    if (n > 0) {
        int st = mote_shell_eval(r->sh, src, (size_t)n, term_width(), interrupted);
        if (st != MOTE_SHELL_OK)
            show(r, st);
    }
    free(src);
}

int repl_main(mote_rt *rt, const ReplOpts *opts)
{
    Repl r;
    memset(&r, 0, sizeof r);
    r.rt = rt;
    r.counter = 1;
    r.tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    const char *nc = getenv("NO_COLOR");
    r.color = r.tty && (nc == NULL || nc[0] == '\0') && isatty(STDOUT_FILENO);
    if (mote_shell_new(rt, &r.sh) != 0) {
        fprintf(stderr, "mote: cannot start the shell: %s\n", mote_last_error());
        return 1;
    }
    if (r.tty && !opts->no_history && history_path(r.hist, sizeof r.hist) != 0)
        r.hist[0] = '\0';
    interrupted = edit_sigint_flag();
    if (r.tty && edit_init(r.sh, r.hist) != 0)
        r.tty = false; /* no wake-up pipe: read as in batch mode */
    if (r.tty) {
        printf("mote shell — Ctrl+D to exit, h(Module) for docs, Tab to complete\n");
    }
    mote_shell_set_input(r.sh, read_for_program, &r);
    if (!opts->no_startup)
        run_startup(&r);
    for (bool quit = false; !quit;) {
        char *src = read_input(&r, &quit);
        if (src == NULL)
            break;
        if (!is_blank(src)) {
            if (r.tty) {
                edit_add_history(src);
                if (r.hist[0])
                    history_append(r.hist, src); /* before evaluating: survives halt */
            }
            eval_input(&r, src);
        }
        free(src);
    }
    if (r.tty)
        edit_fini(r.sh);
    mote_shell_free(r.sh);
    return r.failures > 0 && !r.tty ? 1 : 0;
}
