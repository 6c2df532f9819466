/* float.c — builtins (in progress). */
#include "lib.h"

int lib_float_register(void)
{
    return 0;
}
