/* history.h — the shell's history file: plain text, one entry per line
 * (newlines and backslashes escaped), bounded, shared safely by several
 * shells at once. */
#ifndef MOTE_SHELL_HISTORY_H
#define MOTE_SHELL_HISTORY_H

#include <stddef.h>

#define HISTORY_MAX_ENTRIES 2000 /* older entries are dropped on load */

/* The history path: $XDG_STATE_HOME/mote/history, else
 * ~/.local/state/mote/history; creates the directory. Writes into buf;
 * returns 0, or -1 when no home is known. */
int history_path(char *buf, size_t cap);

/* Calls add(entry, ctx) for each stored entry, oldest first (at most the
 * newest HISTORY_MAX_ENTRIES), and trims the file to those when it has
 * grown past twice that (rewrite to a temporary file, then rename). */
void history_load(const char *path, void (*add)(const char *entry, void *ctx), void *ctx);

/* Appends one entry with a single write under an advisory lock, so a
 * crash or System.halt right after never loses or tears it. 0 or -1. */
int history_append(const char *path, const char *entry);

/* Escapes entry for one line of the file (the caller frees the result);
 * history_unescape undoes it in place. Exposed for the tests. */
char *history_escape(const char *entry);
void history_unescape(char *line);

#endif
