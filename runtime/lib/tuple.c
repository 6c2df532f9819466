/* tuple.c — builtins (in progress). */
#include "lib.h"

int lib_tuple_register(void)
{
    return 0;
}
