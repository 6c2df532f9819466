/* regex.c — Regex on PCRE2 (in progress). */
#include "map.h"
#include "text.h"

bool regex_is(Term t)
{
    return is_map(t) && map_get(t, A(__struct__)) == lib_alias("Regex");
}

Term regex_split(Proc *p, Term re, Term s, Term opts)
{
    (void)re, (void)s, (void)opts;
    return bif_raise_msg(p, "ArgumentError", "regex patterns are not supported yet");
}

Term regex_replace(Proc *p, Term re, Term s, Term repl, Term opts)
{
    (void)re, (void)s, (void)opts, (void)repl;
    return bif_raise_msg(p, "ArgumentError", "regex patterns are not supported yet");
}

Term regex_match(Proc *p, Term re, Term s)
{
    (void)re, (void)s;
    return bif_raise_msg(p, "ArgumentError", "regex patterns are not supported yet");
}

int lib_regex_register(void)
{
    return 0;
}
