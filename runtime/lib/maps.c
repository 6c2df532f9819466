/* maps.c — builtins (in progress). */
#include "lib.h"

int lib_maps_register(void)
{
    return 0;
}
