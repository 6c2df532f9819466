/* gc.c — not yet written. */
#include "term.h"
