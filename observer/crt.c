/* crt.c — curses set-up: colours when available (8, 256 or more — only
 * the first 8 are used), monochrome otherwise or when NO_COLOR is set. */
#include <curses.h>
#include <locale.h>
#include <stdlib.h>

#include "crt.h"

static bool has_colour;

int crt_init(void)
{
    setlocale(LC_ALL, "");
    if (!initscr())
        return -1;
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    has_colour = has_colors() && !getenv("NO_COLOR");
    if (has_colour) {
        start_color();
        use_default_colors();
        init_pair(CRT_BAR, COLOR_GREEN, -1);
        init_pair(CRT_HEAD, COLOR_BLACK, COLOR_GREEN);
    }
    return 0;
}

void crt_done(void)
{
    endwin();
}

int crt_color(int role)
{
    return has_colour ? (int)COLOR_PAIR(role) : 0;
}
