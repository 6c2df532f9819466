/* crt.c — curses set-up: a fresh SCREEN per session (newterm/delscreen),
 * so observer() can open and close the view many times inside the REPL;
 * colours when available (8 or 256), monochrome otherwise or when
 * NO_COLOR is set, with bold and reverse video standing in for colour.
 *
 * Invariant: between crt_init and crt_done the terminal belongs to curses;
 * before and after it is exactly as the caller had it (termios and the
 * SIGINT/SIGTERM/SIGTSTP/SIGWINCH handlers saved and restored). */
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "crt.h"
#include "hold.h"

static const int saved_signals[] = {SIGINT, SIGTERM, SIGTSTP, SIGWINCH, SIGQUIT};
#define NSAVED (sizeof saved_signals / sizeof *saved_signals)

static volatile sig_atomic_t got_winch;   /* set by SIGWINCH, cleared by crt_resized */

static void on_winch(int sig)
{
    (void)sig;
    got_winch = 1;
}

static struct {
    SCREEN *scr;
    TERMINAL *caller_term;      /* terminfo state of the caller's own use
                                   (readline shares libtinfo with curses) */
    FILE *tty;                  /* curses' output: a dup of stdout       */
    bool colour, utf8, have_tio;
    struct termios tio;
    struct sigaction sig[NSAVED];
    sigset_t mask;              /* the caller's signal mask              */
    char *env_lines, *env_cols; /* the caller's LINES/COLUMNS (NULL: unset) */
    int attr[CRT_NROLES];
} crt;

/* Monochrome stand-ins: every role keeps a visible difference. */
static void set_mono(void)
{
    memset(crt.attr, 0, sizeof crt.attr);
    crt.attr[CRT_HEAD] = A_REVERSE;
    crt.attr[CRT_SEL] = A_REVERSE;
    crt.attr[CRT_FKEY] = A_REVERSE;
    crt.attr[CRT_WARN] = A_BOLD;
    crt.attr[CRT_TITLE] = A_BOLD;
    crt.attr[CRT_BAR] = A_BOLD;
}

/* Colour pairs; 256-colour terminals get softer shades for dim text and
 * charts, 8-colour ones the basic set. */
static void set_colour(void)
{
    bool rich = COLORS >= 256;
    static const struct { CrtRole role; short fg8, fg256, bg; int extra; } roles[] = {
        {CRT_BAR, COLOR_GREEN, 34, -1, 0},
        {CRT_HEAD, COLOR_BLACK, COLOR_BLACK, COLOR_GREEN, 0},
        {CRT_SEL, COLOR_BLACK, COLOR_BLACK, COLOR_CYAN, 0},
        {CRT_FKEY, COLOR_BLACK, COLOR_BLACK, COLOR_CYAN, 0},
        {CRT_WARN, COLOR_RED, 196, -1, A_BOLD},
        {CRT_DIM, COLOR_BLUE, 244, -1, 0},
        {CRT_GOOD, COLOR_GREEN, 40, -1, 0},
        {CRT_SPARK, COLOR_CYAN, 39, -1, 0},
        {CRT_TITLE, COLOR_CYAN, 44, -1, A_BOLD},
    };
    start_color();
    use_default_colors();
    memset(crt.attr, 0, sizeof crt.attr);
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
        short pair = (short)(i + 1);
        init_pair(pair, rich ? roles[i].fg256 : roles[i].fg8, roles[i].bg);
        crt.attr[roles[i].role] = (int)COLOR_PAIR(pair) | roles[i].extra;
    }
}

static void save_signals(void)
{
    for (size_t i = 0; i < NSAVED; i++)
        sigaction(saved_signals[i], NULL, &crt.sig[i]);
}

static void restore_signals(void)
{
    for (size_t i = 0; i < NSAVED; i++)
        sigaction(saved_signals[i], &crt.sig[i], NULL);
}

static char *dup_env(const char *name)
{
    const char *v = getenv(name);
    return v ? strdup(v) : NULL;
}

static void save_env(void)
{
    crt.env_lines = dup_env("LINES");
    crt.env_cols = dup_env("COLUMNS");
}

/* Puts LINES/COLUMNS back as the caller had them (curses sets them). */
static void restore_env(void)
{
    if (crt.env_lines)
        setenv("LINES", crt.env_lines, 1);
    else
        unsetenv("LINES");
    if (crt.env_cols)
        setenv("COLUMNS", crt.env_cols, 1);
    else
        unsetenv("COLUMNS");
    free(crt.env_lines);
    free(crt.env_cols);
    crt.env_lines = crt.env_cols = NULL;
}

/* Undoes crt_init as far as newterm (and the screen, when have_screen). */
static void undo_term(bool have_screen)
{
    if (have_screen) {
        endwin();
        delscreen(crt.scr);
        crt.scr = NULL;
    }
    /* Give the caller's terminfo state back (delscreen freed ours). */
    set_curterm(crt.caller_term);
    fclose(crt.tty);
    crt.tty = NULL;
    if (crt.have_tio)
        tcsetattr(STDIN_FILENO, TCSADRAIN, &crt.tio);
    restore_env();
    restore_signals();
}

/* Undoes a crt_init that got as far as newterm; -1. */
static int give_up(bool have_screen)
{
    undo_term(have_screen);
    return -1;
}

int crt_init(void)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) || crt.scr)
        return -1;
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    crt.utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
    crt.have_tio = tcgetattr(STDIN_FILENO, &crt.tio) == 0;
    save_signals();
    fflush(stdout);
    int fd = dup(STDOUT_FILENO);
    crt.tty = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!crt.tty) {
        if (fd >= 0)
            close(fd);
        restore_signals();
        return -1;
    }
    save_env();
    crt.caller_term = cur_term;
    /* The size comes from the terminal, not from LINES/COLUMNS: curses
     * exports those at start, so a second session would otherwise take
     * the first one's size for the terminal's. */
    use_tioctl(TRUE);
    crt.scr = newterm(NULL, crt.tty, stdin);
    if (!crt.scr)
        return give_up(false);
    set_term(crt.scr);
    /* A terminal that cannot move the cursor (TERM=dumb) cannot show the
     * view: refuse it (before anything else is changed), the caller says so. */
    char *cup = tigetstr("cup");
    if (!cup || cup == (char *)-1)
        return give_up(true);
    /* Output of the program (or of the REPL's processes) would scribble
     * over the view: held back and printed when it closes. */
    hold_start();
    /* Resizes are ours while the view is up: curses installs its SIGWINCH
     * handler once per program and only when there is none, so a second
     * session, or a caller with its own handler (the REPL's line editor),
     * would never see KEY_RESIZE. No SA_RESTART: the signal ends a
     * waiting getch at once. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_winch;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGWINCH, &sa, NULL);
    /* The caller may block SIGWINCH on this thread (a line editor between
     * reads does), and the runtime's threads block signals: unblock it
     * here, or a resize would stay pending until the view closes. */
    sigset_t winch_set;
    sigemptyset(&winch_set);
    sigaddset(&winch_set, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &winch_set, &crt.mask);
    got_winch = 0;
    /* Raw: Ctrl-C and Ctrl-Z arrive as keys (quit, and nothing), so they
     * never reach the REPL's own signal handlers while the view is up. */
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* Home and End as the Linux console, rxvt, screen and tmux send them,
     * and as xterm does outside application mode, whatever TERM says. */
    define_key("\033[1~", KEY_HOME);
    define_key("\033[4~", KEY_END);
    define_key("\033[H", KEY_HOME);
    define_key("\033[F", KEY_END);
    define_key("\033[7~", KEY_HOME);
    define_key("\033[8~", KEY_END);
    curs_set(0);
    set_escdelay(40);
    mouseinterval(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    crt.colour = has_colors() && !getenv("NO_COLOR");
    if (crt.colour)
        set_colour();
    else
        set_mono();
    return 0;
}

void crt_done(void)
{
    if (!crt.scr)
        return;
    mousemask(0, NULL);
    undo_term(true);
    pthread_sigmask(SIG_SETMASK, &crt.mask, NULL);
    hold_stop();
}

bool crt_resized(void)
{
    if (!got_winch || !crt.scr)
        return false;
    got_winch = 0;
    struct winsize ws;
    if (ioctl(fileno(crt.tty), TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resizeterm(ws.ws_row, ws.ws_col);
    return true;
}

int crt_attr(CrtRole role)
{
    return role < CRT_NROLES ? crt.attr[role] : 0;
}

bool crt_has_colour(void)
{
    return crt.colour;
}

bool crt_utf8(void)
{
    return crt.utf8;
}

void crt_pad(void)
{
    int y = getcury(stdscr);
    for (int x = getcurx(stdscr); x < COLS && getcury(stdscr) == y; x++)
        addch(' ');
}

int crt_put(int y, int x, int w, const char *s)
{
    if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
        return 0;
    if (x + w > COLS)
        w = COLS - x;
    mvaddnstr(y, x, s, w);
    int n = (int)strlen(s);
    return n < w ? n : w;
}
