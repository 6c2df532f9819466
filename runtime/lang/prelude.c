/* prelude.c — loads the standard library written in the language.
 *
 * The files of runtime/lib/ex/NAME.ex are embedded at build time
 * (scripts/embed_ex.py writes prelude_files.c) and compiled once, in name
 * order, before the first program runs. A few definitions the VM itself
 * needs (receive-based helpers no builtin can express) come first.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "comp.h"
#include "comp_int.h"
#include "parse.h"
#include "vm.h"

typedef struct PreludeFile {
    const char *name;
    const char *text;
    size_t len;
} PreludeFile;

extern const PreludeFile prelude_files[];
extern const size_t prelude_nfiles;

static const char vm_src[] =
    "defmodule Process do\n"
    "  def sleep(:infinity) do\n"
    "    receive do\n"
    "    after :infinity -> :ok\n"
    "    end\n"
    "  end\n"
    "  def sleep(ms) when is_integer(ms) and ms >= 0 do\n"
    "    receive do\n"
    "    after ms -> :ok\n"
    "    end\n"
    "  end\n"
    "end\n";

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
/* Set under load_lock; prelude_reset clears it without the lock, as it
 * runs inside the last atom_fini, when no compile can run. */
static _Atomic bool loaded;
static int load_rc;
static uint64_t load_us;

static int load_one(const char *name, const char *text, size_t len)
{
    AstArena arena;
    ast_arena_init(&arena);
    Ast *root;
    ParseError pe;
    memset(&pe, 0, sizeof pe);
    int rc = parse_source(&arena, name, text, len, &root, &pe);
    if (rc != 0) {
        char buf[1024];
        parse_error_format(&pe, buf, sizeof buf);
        fprintf(stderr, "mote: prelude: %s", buf);
        ast_arena_fini(&arena);
        return rc;
    }
    Err err;
    memset(&err, 0, sizeof err);
    rc = comp_load_modules(root, name, &err);
    if (rc != 0)
        fprintf(stderr, "mote: prelude: %s\n", err.msg);
    ast_arena_fini(&arena);
    return rc;
}

static void load_all(void)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    load_rc = load_one("lib/vm.ex", vm_src, sizeof vm_src - 1);
    for (size_t i = 0; i < prelude_nfiles; i++) {
        /* A file that fails is reported and skipped: the rest still loads. */
        load_one(prelude_files[i].name, prelude_files[i].text, prelude_files[i].len);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    load_us = (uint64_t)(b.tv_sec - a.tv_sec) * 1000000u + (uint64_t)(b.tv_nsec - a.tv_nsec) / 1000u;
}

int prelude_load(void)
{
    pthread_mutex_lock(&load_lock);
    if (!loaded) {
        load_all();
        loaded = true;
    }
    pthread_mutex_unlock(&load_lock);
    return 0;
}

void prelude_reset(void)
{
    loaded = false;
}

uint64_t prelude_load_us(void)
{
    return load_us;
}
