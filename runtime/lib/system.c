/* system.c — builtins (in progress). */
#include "lib.h"

int lib_system_register(void)
{
    return 0;
}
