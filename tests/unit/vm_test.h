/* vm_test.h — the harness test_vm and test_vm_opt share: a runtime with
 * one scheduler, and a test-only builtin, test.put/1, that appends the
 * inspect text of its argument and a ';' to `out`.
 *
 * Include after cmocka.h; each test program includes it once. */
#ifndef VM_TEST_H
#define VM_TEST_H

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "bif.h"
#include "inspect.h"
#include "mote.h"
#include "strbuf.h"

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static char out[8192];

static Term t_put(Proc *p, const Term *a)
{
    (void)p;
    Strbuf sb;
    strbuf_init(&sb);
    InspectOpts o;
    inspect_opts_kernel(&o);
    inspect_term(a[0], &o, &sb);
    pthread_mutex_lock(&out_lock);
    size_t len = strlen(out);
    snprintf(out + len, sizeof out - len, "%s;", strbuf_cstr(&sb));
    pthread_mutex_unlock(&out_lock);
    strbuf_fini(&sb);
    return a[0];
}

static const BifDef test_defs[] = {{"test", "put", 1, 0, t_put, NULL}};

static mote_rt *rt;

/* Runs src; returns the exit status, with the captured text in out. */
static int run(const char *src)
{
    out[0] = 0;
    int status = -1;
    assert_int_equal(mote_eval_string(rt, src, strlen(src), 0, NULL, &status), 0);
    return status;
}

/* Starts rt on one scheduler with test.put/1 registered. Returns 0, or
 * nonzero when the runtime did not start. */
static int vm_test_start(void)
{
    mote_config cfg;
    mote_config_init(&cfg);
    cfg.schedulers = 1;
    if (mote_start(&cfg, &rt) != 0)
        return 1;
    /* The first eval registers the standard library; ours goes after. */
    int st;
    mote_eval_string(rt, ":ok", 3, 0, NULL, &st);
    bif_register(test_defs, 1);
    return 0;
}

#endif
