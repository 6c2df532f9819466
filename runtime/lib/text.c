/* text.c — builtins (in progress). */
#include "lib.h"

int lib_text_register(void)
{
    return 0;
}
