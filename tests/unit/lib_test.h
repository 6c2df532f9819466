/* lib_test.h — set-up shared by the tests of lib/ builtins: a process
 * struct with a heap (builtins only need p->heap and p->reds_left), the
 * registry, and helpers to call a builtin by name and read results. */
#ifndef MOTE_LIB_TEST_H
#define MOTE_LIB_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>

#include "atom.h"
#include "bif.h"
#include "big.h"
#include "bin.h"
#include "exc.h"
#include "heap.h"
#include "inspect.h"
#include "lib.h"
#include "map.h"
#include "proc.h"

static Proc T;

static int lt_setup(void **state)
{
    (void)state;
    if (atom_init() != 0)
        return -1;
    memset(&T, 0, sizeof T);
    T.reds_left = 1000000;
    if (heap_init(&T.heap, 4096) != 0)
        return -1;
    return lib_register_all();
}

static int lt_teardown(void **state)
{
    (void)state;
    heap_fini(&T.heap);
    atom_fini();
    return 0;
}

static inline Term lt_str(const char *s) { return lib_str(&T, s); }
static inline Term lt_atom(const char *s) { return atom_from_cstr(s); }
static inline Term lt_int(int64_t v) { return lib_int(&T, v); }

/* Calls module.name with n arguments; fails the test if not registered. */
static Term lt_call(const char *module, const char *name, unsigned n, ...)
{
    Term args[8];
    va_list ap;
    va_start(ap, n);
    for (unsigned i = 0; i < n; i++)
        args[i] = va_arg(ap, Term);
    va_end(ap);
    const BifDef *d = bif_lookup(lt_atom(module), lt_atom(name), n);
    if (!d)
        fail_msg("%s.%s/%u is not registered", module, name, n);
    return d->fn(&T, args);
}

/* inspect text of a term, in a static buffer. */
static const char *lt_inspect(Term t)
{
    static char buf[4096];
    Strbuf sb;
    InspectOpts o;
    strbuf_init(&sb);
    inspect_opts_kernel(&o);
    inspect_term(t, &o, &sb);
    snprintf(buf, sizeof buf, "%s", strbuf_cstr(&sb));
    strbuf_fini(&sb);
    return buf;
}

/* The message text of the pending exception (Exception.message of its
 * normalised form), or "" when none is pending; clears it. */
static const char *lt_raised(void)
{
    static char buf[4096];
    Term cls, reason;
    if (!bif_take_exception(&cls, &reason))
        return "";
    Strbuf sb;
    strbuf_init(&sb);
    exc_banner(cls, reason, NIL, &sb);
    snprintf(buf, sizeof buf, "%s", strbuf_cstr(&sb));
    strbuf_fini(&sb);
    return buf;
}

#define assert_inspect(t, text) assert_string_equal(lt_inspect(t), (text))
#define assert_raises(expr, banner)                 \
    do {                                            \
        assert_true((expr) == NONE);                \
        assert_string_equal(lt_raised(), (banner)); \
    } while (0)

#endif
