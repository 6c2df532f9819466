/* test_observer.c — the observer's view logic without a terminal: panel
 * selection and scrolling, number formatting, the key table, and the
 * supervision tree's shape (roots, applications, nesting, processes in
 * no tree, a cycle between supervisors). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "panel.h"
#include "prefs.h"
#include "stree.h"

static void panel_keeps_selection_visible(void **state)
{
    (void)state;
    Panel p = {0};
    panel_place(&p, 5, 10);
    panel_set_count(&p, 100);
    panel_key(&p, ACT_END);
    assert_int_equal(p.sel, 99);
    assert_int_equal(p.top, 90);
    panel_key(&p, ACT_PGUP);
    assert_true(p.sel >= p.top && p.sel < p.top + 10);
    panel_key(&p, ACT_HOME);
    assert_int_equal(p.sel, 0);
    assert_int_equal(p.top, 0);
    assert_int_equal(panel_hit(&p, 7), 2);
    assert_int_equal(panel_hit(&p, 4), -1);
    assert_int_equal(panel_hit(&p, 15), -1);
}

static void panel_clamps_when_items_go(void **state)
{
    (void)state;
    Panel p = {0};
    panel_place(&p, 0, 4);
    panel_set_count(&p, 50);
    panel_select(&p, 40);
    panel_set_count(&p, 3);
    assert_int_equal(p.sel, 2);
    assert_int_equal(p.top, 0);
    panel_set_count(&p, 0);
    assert_int_equal(p.sel, 0);
    assert_int_equal(panel_key(&p, ACT_DOWN) & PANEL_HANDLED, PANEL_HANDLED);
    assert_int_equal(p.sel, 0);
}

static void fmt_keeps_numbers_short(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(fmt_count(5000, b, sizeof b), "5000");
    assert_string_equal(fmt_count(1234567, b, sizeof b), "1.2M");
    assert_string_equal(fmt_bytes(512, b, sizeof b), "512");
    assert_string_equal(fmt_bytes(1536, b, sizeof b), "1.5K");
    assert_string_equal(fmt_bytes(12.0 * 1024 * 1024, b, sizeof b), "12M");
    assert_string_equal(fmt_growth(0.2, 0, b, sizeof b), "0");
    assert_string_equal(fmt_growth(-2048, 1, b, sizeof b), "-2.0K");
    assert_string_equal(fmt_growth(37, 0, b, sizeof b), "+37");
    assert_string_equal(fmt_uptime(59, b, sizeof b), "59s");
    assert_string_equal(fmt_uptime(3723, b, sizeof b), "1:02:03");
}

static void every_key_is_documented_and_unambiguous(void **state)
{
    (void)state;
    for (size_t i = 0; i < prefs_nkeys; i++) {
        const KeyDef *k = &prefs_keys[i];
        assert_non_null(k->names);
        assert_true(strlen(k->help) > 5);
        /* No code means two things in a view where both rows apply. */
        for (size_t j = i + 1; j < prefs_nkeys; j++) {
            const KeyDef *o = &prefs_keys[j];
            if (!(k->views & o->views))
                continue;
            for (int a = 0; a < 4 && k->codes[a]; a++)
                for (int b = 0; b < 4 && o->codes[b]; b++)
                    if (k->codes[a] == o->codes[b])
                        fail_msg("key %d is in rows \"%s\" and \"%s\"", k->codes[a], k->names,
                                 o->names);
        }
    }
}

static void paired_keys_map_to_both_actions(void **state)
{
    (void)state;
    assert_int_equal(prefs_act(KEY_UP, VIEW_PROCS), ACT_UP);
    assert_int_equal(prefs_act(KEY_DOWN, VIEW_PROCS), ACT_DOWN);
    assert_int_equal(prefs_act(KEY_END, VIEW_TREE), ACT_END);
    assert_int_equal(prefs_act('-', VIEW_LOG), ACT_FASTER);
    assert_int_equal(prefs_act('+', VIEW_LOG), ACT_SLOWER);
    assert_int_equal(prefs_act(KEY_RIGHT, VIEW_TREE), ACT_RIGHT);
    /* Keys outside their views mean nothing there. */
    assert_int_equal(prefs_act(KEY_LEFT, VIEW_PROCS), ACT_NONE);
    assert_int_equal(prefs_act('w', VIEW_PROCS), ACT_NONE);
    assert_int_equal(prefs_act('w', VIEW_DETAIL), ACT_WAITING);
}

/* ---- the tree --------------------------------------------------------- */

static void no_name(void *ctx, mote_pid pid, char *buf, size_t n)
{
    (void)ctx;
    snprintf(buf, n, "p%llu", (unsigned long long)pid);
}

static mote_sup_child kid(const char *id, mote_pid pid)
{
    mote_sup_child c;
    memset(&c, 0, sizeof c);
    snprintf(c.id, sizeof c.id, "%s", id);
    c.pid = pid;
    c.state = pid ? MOTE_CHILD_RUNNING : MOTE_CHILD_RESTARTING;
    return c;
}

static void sup(mote_sup_info *s, mote_pid pid, const char *app, mote_sup_child *kids, size_t n)
{
    memset(s, 0, sizeof *s);
    s->pid = pid;
    snprintf(s->app, sizeof s->app, "%s", app);
    snprintf(s->strategy, sizeof s->strategy, "one_for_one");
    s->children = kids;
    s->nchildren = n;
}

static void tree_roots_apps_first_and_nests(void **state)
{
    (void)state;
    /* 10: a lone supervisor (child 11); 20: an app's top (children 21 and
     * supervisor 30); 30: child 31 and a restarting one. */
    mote_sup_child k10[] = {kid(":a", 11)};
    mote_sup_child k20[] = {kid(":b", 21), kid("Inner", 30)};
    mote_sup_child k30[] = {kid(":c", 31), kid(":d", 0)};
    mote_sup_info s[3];
    sup(&s[0], 10, "", k10, 1);
    sup(&s[1], 30, "", k30, 2);
    sup(&s[2], 20, "my_app", k20, 2);
    SnapRow rows[3] = {{.pid = 11}, {.pid = 99}, {.pid = 1}};
    Snap snap = {.nprocs = 10, .rows = rows, .nrows = 3};
    Stree t;
    stree_init(&t, no_name, NULL);
    stree_place(&t, 0, 40);
    assert_int_equal(stree_build(&t, s, 3, &snap), 0);
    static const struct { StreeKind kind; mote_pid pid; int depth; } want[] = {
        {STREE_APP, 20, 0}, {STREE_SUP, 20, 1}, {STREE_CHILD, 21, 2}, {STREE_SUP, 30, 2},
        {STREE_CHILD, 31, 3}, {STREE_CHILD, 0, 3}, {STREE_SUP, 10, 0}, {STREE_CHILD, 11, 1},
        {STREE_APART_HEAD, 0, 0}, {STREE_APART, 99, 1}, {STREE_APART, 1, 1},
    };
    assert_int_equal(t.nlines, sizeof want / sizeof *want);
    for (size_t i = 0; i < t.nlines; i++) {
        assert_int_equal(t.lines[i].kind, want[i].kind);
        assert_int_equal(t.lines[i].pid, want[i].pid);
        assert_int_equal(t.lines[i].depth, want[i].depth);
    }
    /* 10 processes; supervisors 10, 20, 30 and running children 11, 21, 31
     * are in trees: 4 are not. */
    assert_int_equal(t.apart, 4);
    /* Folding the application's supervisor hides Inner (30) with it. */
    panel_select(&t.panel, 1);
    stree_key(&t, ACT_LEFT);
    assert_int_equal(t.nlines, 7);
    for (size_t i = 0; i < t.nlines; i++)
        assert_true(t.lines[i].pid != 30 && t.lines[i].pid != 31);
    stree_fini(&t);
}

static void tree_survives_a_cycle_and_folds(void **state)
{
    (void)state;
    /* Two supervisors listing each other: each is shown once. */
    mote_sup_child ka[] = {kid("B", 2)};
    mote_sup_child kb[] = {kid("A", 1), kid(":w", 3)};
    mote_sup_info s[2];
    sup(&s[0], 1, "", ka, 1);
    sup(&s[1], 2, "", kb, 2);
    Stree t;
    stree_init(&t, no_name, NULL);
    stree_place(&t, 0, 40);
    assert_int_equal(stree_build(&t, s, 2, NULL), 0);
    size_t nsup = 0;
    for (size_t i = 0; i < t.nlines; i++)
        nsup += t.lines[i].kind == STREE_SUP;
    assert_int_equal(nsup, 2);
    size_t before = t.nlines;
    panel_select(&t.panel, 0);
    stree_key(&t, ACT_LEFT);
    /* Folded: only the supervisor's own line and the "not supervised"
     * heading; the one under it does not surface as a root. */
    assert_int_equal(t.nlines, 2);
    stree_key(&t, ACT_RIGHT);
    assert_int_equal(t.nlines, before);
    stree_fini(&t);
}

static void flapping_needs_three_recent_restarts(void **state)
{
    (void)state;
    mote_sup_info s;
    sup(&s, 1, "", NULL, 0);
    s.max_seconds = 5;
    mote_sup_child c = kid(":w", 2);
    c.restarts = 3;
    c.last_exit_wall_ms = 1000000;
    assert_true(stree_is_flapping(&s, &c, 1000000 + 4000));
    assert_false(stree_is_flapping(&s, &c, 1000000 + 6000));
    c.restarts = 2;
    assert_false(stree_is_flapping(&s, &c, 1000000 + 1000));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(panel_keeps_selection_visible),
        cmocka_unit_test(panel_clamps_when_items_go),
        cmocka_unit_test(fmt_keeps_numbers_short),
        cmocka_unit_test(every_key_is_documented_and_unambiguous),
        cmocka_unit_test(paired_keys_map_to_both_actions),
        cmocka_unit_test(tree_roots_apps_first_and_nests),
        cmocka_unit_test(tree_survives_a_cycle_and_folds),
        cmocka_unit_test(flapping_needs_three_recent_restarts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
