/* erlang.c — builtins (in progress). */
#include "lib.h"

int lib_erlang_register(void)
{
    return 0;
}
