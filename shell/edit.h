/* edit.h — the shell's terminal side: the line editor (GNU readline, or
 * libedit with -Dline_editor=libedit), Ctrl+C, tab completion, bracketed
 * paste, and output from processes printed above the prompt. Only the
 * mote binary links it; libmote never does. Main thread only, except
 * edit_output. */
#ifndef MOTE_SHELL_EDIT_H
#define MOTE_SHELL_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "mote.h"

/* Installs the SIGINT handler (no SA_RESTART, so a blocked read returns)
 * and returns the flag it sets; the caller clears it. Both modes. */
volatile int *edit_sigint_flag(void);

/* Sets up the editor for an interactive session: completion against sh,
 * the history entries of hist_path ("" for none), and sh's output routed
 * through edit_output. 0, or -1 when the wake-up pipe cannot be made. */
int edit_init(mote_shell *sh, const char *hist_path);
/* Restores sh's output to stdout and frees what edit_init made. */
void edit_fini(mote_shell *sh);

/* One line read with prompt; malloc'd, NULL at Ctrl+D. *sigint is set
 * when Ctrl+C ended the line instead (the line is then NULL), also when
 * the flag was already set as the call began; the flag is clear after. A bracketed
 * paste is handed out one line per call, as if typed. Output that other
 * threads send to edit_output meanwhile is printed above the prompt and
 * the line being typed is drawn again below it. */
char *edit_read(const char *prompt, bool *sigint);

/* Adds an entry to the editor's in-memory history (the file is history.c's). */
void edit_add_history(const char *entry);

/* mote_output_fn for the shell's I/O server: written at once while no
 * prompt is shown, else queued for the main thread to print above the
 * prompt. Any thread. */
void edit_output(void *ctx, const char *bytes, size_t len);

/* While held (a full-screen view such as the observer owns the terminal),
 * output is queued; releasing it prints what came meanwhile. Main thread. */
void edit_hold_output(bool hold);

#endif
