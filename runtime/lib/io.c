/* io.c — builtins (in progress). */
#include "lib.h"

int lib_io_register(void)
{
    return 0;
}
