/* main.c — the mote command: for now, version and help. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "mote.h"

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--version")) {
            printf("mote %s\n", MOTE_VERSION_STRING);
            return 0;
        }
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: mote [--help] [--version]\n");
            return 0;
        }
    }
    printf("mote %s\n", MOTE_VERSION_STRING);
    return 0;
}
