/* atom.c — builtins (in progress). */
#include "lib.h"

int lib_atom_register(void)
{
    return 0;
}
