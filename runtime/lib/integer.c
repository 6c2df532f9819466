/* integer.c — builtins (in progress). */
#include "lib.h"

int lib_integer_register(void)
{
    return 0;
}
