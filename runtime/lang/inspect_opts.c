/* inspect_opts.c — inspect's options: the defaults of IO.inspect and
 * Kernel.inspect, and Elixir's keyword options read onto them.
 *
 * Like Inspect.Opts.new/1, unknown keys are ignored; a known key with a
 * value of the wrong type is refused, so a caller can raise ArgumentError.
 */
#include <stdint.h>
#include <string.h>

#include "atom.h"
#include "inspect.h"
#include "lib.h"
#include "mote.h"

void inspect_opts_io(InspectOpts *o)
{
    *o = (InspectOpts){
        .width = 80, .limit = 50, .printable_limit = 4096, .pretty = true, .structs = true,
        .base = 10,
    };
}

void inspect_opts_kernel(InspectOpts *o)
{
    inspect_opts_io(o);
    o->pretty = false;
}

/* A count option: a non-negative integer, or :infinity (-1). */
static int parse_count(Term v, int *out)
{
    if (v == A(infinity)) {
        *out = -1;
        return 0;
    }
    if (!is_small(v) || small_val(v) < 0)
        return MOTE_EBADARG;
    *out = small_val(v) > INT32_MAX ? INT32_MAX : (int)small_val(v);
    return 0;
}

static int parse_bool(Term v, bool *out)
{
    if (v != A(true) && v != A(false))
        return MOTE_EBADARG;
    *out = v == A(true);
    return 0;
}

static int parse_one(Term k, Term v, InspectOpts *o)
{
    if (lib_atom_is(k, "limit"))
        return parse_count(v, &o->limit);
    if (lib_atom_is(k, "printable_limit"))
        return parse_count(v, &o->printable_limit);
    if (lib_atom_is(k, "width"))
        return parse_count(v, &o->width);
    if (lib_atom_is(k, "pretty"))
        return parse_bool(v, &o->pretty);
    if (lib_atom_is(k, "structs"))
        return parse_bool(v, &o->structs);
    if (lib_atom_is(k, "charlists")) {
        /* Inspect.List only tests for :as_charlists and :infer, so any
         * other value (:as_lists, or a misspelt :as_list) prints lists. */
        o->charlists_as_charlists = lib_atom_is(v, "as_charlists");
        o->charlists_as_lists = !o->charlists_as_charlists && !lib_atom_is(v, "infer");
        return 0;
    }
    if (lib_atom_is(k, "binaries")) {
        o->binaries_as_binaries = lib_atom_is(v, "as_binaries");
        o->binaries_as_strings = lib_atom_is(v, "as_strings");
        return 0;
    }
    if (lib_atom_is(k, "base")) {
        o->base = lib_atom_is(v, "binary") ? 2 : lib_atom_is(v, "octal") ? 8 : lib_atom_is(v, "hex") ? 16 : 10;
        return 0;
    }
    return 0; /* unknown keys are ignored, like struct/2 does */
}

int inspect_opts_parse(Term kw, InspectOpts *o)
{
    for (; is_cons(kw); kw = list_tail(kw)) {
        Term p = list_head(kw);
        if (!is_tuple(p) || tuple_size(p) != 2 || !is_atom(tuple_get(p, 0)))
            return MOTE_EBADARG;
        int rc = parse_one(tuple_get(p, 0), tuple_get(p, 1), o);
        if (rc)
            return rc;
    }
    return kw == NIL ? 0 : MOTE_EBADARG;
}
