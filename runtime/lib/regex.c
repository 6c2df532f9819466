/* regex.c — builtins (in progress). */
#include "lib.h"

int lib_regex_register(void)
{
    return 0;
}
