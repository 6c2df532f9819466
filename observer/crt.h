/* crt.h — curses set-up, colour roles and the terminal's character set
 * for the observer's screen. */
#ifndef OBSERVER_CRT_H
#define OBSERVER_CRT_H

#include <stdbool.h>

/* What a piece of text is; crt_attr maps it to colour or, in monochrome,
 * to bold/reverse so every role stays distinguishable. */
typedef enum CrtRole {
    CRT_NORMAL,
    CRT_BAR,        /* the filled part of a utilisation bar             */
    CRT_HEAD,       /* column headings                                  */
    CRT_SEL,        /* the selected row                                 */
    CRT_FKEY,       /* a key name in the function bar                   */
    CRT_WARN,       /* something is wrong: flapping, deadlock, near limit */
    CRT_DIM,        /* secondary text                                   */
    CRT_GOOD,       /* running, fine                                    */
    CRT_SPARK,      /* history charts                                   */
    CRT_TITLE,      /* titles and labels                                */
    CRT_NROLES,
} CrtRole;

/* Enters curses mode on the controlling terminal (keypad, mouse, no echo,
 * hidden cursor); colours only when the terminal has them and NO_COLOR is
 * unset. The terminal modes and the signal handlers curses installs are
 * saved first and put back by crt_done, so a caller's own line editor
 * (the REPL's) finds the terminal as it left it. 0, or -1 when stdin or
 * stdout is not a terminal or curses cannot start. Host thread. */
int crt_init(void);
/* Leaves curses mode and frees its screen; safe to pair with crt_init any
 * number of times in one program. */
void crt_done(void);
/* True (once) after the terminal was resized; curses has then been told
 * the new size, and the caller redraws. */
bool crt_resized(void);
/* The attributes for a role (colour pair and/or bold/reverse). */
int crt_attr(CrtRole role);
/* True when colours are in use. */
bool crt_has_colour(void);
/* True when the terminal's character set is UTF-8: sparklines and tree
 * lines then use block and box characters, ASCII otherwise. */
bool crt_utf8(void);
/* Writes spaces from the cursor to the end of its line (keeps attributes). */
void crt_pad(void);
/* Draws s at (y, x) cut to at most w columns; returns the columns used. */
int crt_put(int y, int x, int w, const char *s);

#endif
