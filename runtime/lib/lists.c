/* lists.c — builtins (in progress). */
#include "lib.h"

int lib_lists_register(void)
{
    return 0;
}
