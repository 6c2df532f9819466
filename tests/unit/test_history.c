/* test_history.c — the shell's history file (shell/history.c): entries
 * round-trip through the one-line format, appends from several processes
 * at once keep every entry whole, and loading bounds the size. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The shell is not part of libmote: compile its history module here. */
#include "../../shell/history.c"

typedef struct Loaded {
    char **entries;
    size_t n, cap;
} Loaded;

static void collect(const char *entry, void *ctx)
{
    Loaded *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->entries = realloc(l->entries, l->cap * sizeof *l->entries);
        assert_non_null(l->entries);
    }
    l->entries[l->n++] = strdup(entry);
}

static void loaded_free(Loaded *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->entries[i]);
    free(l->entries);
}

static int make_path(void **state)
{
    char *path = malloc(64);
    snprintf(path, 64, "/tmp/mote_hist_test.%ld", (long)getpid());
    unlink(path);
    *state = path;
    return 0;
}

static int drop_path(void **state)
{
    unlink(*state);
    free(*state);
    return 0;
}

static void escaping_round_trips_newlines_and_backslashes(void **state)
{
    (void)state;
    const char *entry = "defmodule A do\n  def f, do: \"a\\\\nb\"\nend";
    char *line = history_escape(entry);
    assert_ptr_equal(strchr(line, '\n'), line + strlen(line) - 1); /* one line */
    history_unescape(line);
    assert_string_equal(line, entry);
    free(line);
}

static void appended_entries_load_oldest_first(void **state)
{
    const char *path = *state;
    assert_int_equal(history_append(path, "a = 1"), 0);
    assert_int_equal(history_append(path, "fn ->\n  1\nend"), 0);
    assert_int_equal(history_append(path, "a + 1"), 0);
    Loaded l = {0};
    history_load(path, collect, &l);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.entries[0], "a = 1");
    assert_string_equal(l.entries[1], "fn ->\n  1\nend");
    assert_string_equal(l.entries[2], "a + 1");
    loaded_free(&l);
}

static void two_writers_at_once_keep_every_entry_whole(void **state)
{
    const char *path = *state;
    enum { PER_CHILD = 300 };
    pid_t kids[2];
    for (int k = 0; k < 2; k++) {
        kids[k] = fork();
        assert_true(kids[k] >= 0);
        if (kids[k] == 0) {
            char entry[64];
            for (int i = 0; i < PER_CHILD; i++) {
                snprintf(entry, sizeof entry, "writer_%d_entry_%d = :%0*d", k, i, 20, i);
                if (history_append(path, entry) != 0)
                    _exit(1);
            }
            _exit(0);
        }
    }
    for (int k = 0; k < 2; k++) {
        int st;
        waitpid(kids[k], &st, 0);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    Loaded l = {0};
    history_load(path, collect, &l);
    assert_int_equal(l.n, 2 * PER_CHILD);
    int next[2] = {0, 0};
    for (size_t i = 0; i < l.n; i++) {
        int k, n, v;
        assert_int_equal(sscanf(l.entries[i], "writer_%d_entry_%d = :%d", &k, &n, &v), 3);
        assert_true(k == 0 || k == 1);
        assert_int_equal(n, next[k]); /* each writer's entries, in its order */
        assert_int_equal(v, n);
        next[k]++;
    }
    loaded_free(&l);
}

static void loading_keeps_the_newest_entries_and_trims_the_file(void **state)
{
    const char *path = *state;
    size_t total = 2 * HISTORY_MAX_ENTRIES + 10;
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    for (size_t i = 0; i < total; i++)
        fprintf(fp, ":entry_%zu\n", i);
    fclose(fp);
    Loaded l = {0};
    history_load(path, collect, &l);
    assert_int_equal(l.n, HISTORY_MAX_ENTRIES);
    char want[32];
    snprintf(want, sizeof want, ":entry_%zu", total - 1);
    assert_string_equal(l.entries[l.n - 1], want);
    loaded_free(&l);
    /* The file itself was cut to the entries kept, and still takes appends. */
    assert_int_equal(history_append(path, ":after_trim"), 0);
    Loaded again = {0};
    history_load(path, collect, &again);
    assert_int_equal(again.n, HISTORY_MAX_ENTRIES);
    assert_string_equal(again.entries[again.n - 1], ":after_trim");
    loaded_free(&again);
    fp = fopen(path, "r");
    size_t lines = 0;
    for (int c; (c = fgetc(fp)) != EOF;)
        lines += c == '\n';
    fclose(fp);
    assert_int_equal(lines, HISTORY_MAX_ENTRIES + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escaping_round_trips_newlines_and_backslashes),
        cmocka_unit_test_setup_teardown(appended_entries_load_oldest_first, make_path, drop_path),
        cmocka_unit_test_setup_teardown(two_writers_at_once_keep_every_entry_whole, make_path,
                                        drop_path),
        cmocka_unit_test_setup_teardown(loading_keeps_the_newest_entries_and_trims_the_file,
                                        make_path, drop_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
