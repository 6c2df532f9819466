/* crt.h — curses set-up and colours for the observer's screen. */
#ifndef OBSERVER_CRT_H
#define OBSERVER_CRT_H

enum { CRT_BAR = 1, CRT_HEAD = 2 };

/* Enters curses mode (keypad, mouse, no echo, hidden cursor); colours
 * only when the terminal has them and NO_COLOR is unset. 0 or -1. */
int crt_init(void);
/* Leaves curses mode, restoring the terminal. */
void crt_done(void);
/* The attribute for a colour role; 0 in monochrome. */
int crt_color(int role);

#endif
