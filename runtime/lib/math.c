/* math.c — builtins (in progress). */
#include "lib.h"

int lib_math_register(void)
{
    return 0;
}
