/* meter.h — one figure (or one per scheduler) from a snapshot, drawn as
 * text, as bars or as a sparkline of its recent history. Meter classes
 * live in meters/ directory; header.c lays meters out. */
#ifndef OBSERVER_METER_H
#define OBSERVER_METER_H

#include <stdbool.h>
#include <stddef.h>

#include "obj.h"

#define METER_HIST 240      /* samples of history kept for sparklines   */

typedef enum MeterMode { METER_TEXT = 1, METER_BAR = 2, METER_SPARK = 4 } MeterMode;

typedef struct Meter Meter;
typedef struct MeterClass {
    const char *name;       /* for messages and tests                   */
    const char *caption;    /* drawn before the figure: "Mem"           */
    /* Reads the figure(s) from s into m->values / m->text. */
    void (*update)(Meter *m, const Snap *s);
    unsigned modes;         /* the MeterModes this class can draw        */
    double total;           /* full scale for bars and sparklines; 0 = the
                               largest value in the history (auto-scale) */
} MeterClass;

struct Meter {
    const MeterClass *cls;
    MeterMode mode;
    double values[MOTE_MAX_SCHEDULERS];  /* bars: one each; others: [0]   */
    double aux[MOTE_MAX_SCHEDULERS];     /* per bar: run queue length     */
    size_t nvalues;
    char text[192];                      /* text mode                     */
    double hist[METER_HIST];             /* values[0] over time, oldest first */
    size_t nhist;
    char spark_label[24];                /* text after a sparkline: "42%" */
};

void meter_init(Meter *m, const MeterClass *cls, MeterMode mode);
/* Runs the class's update and appends values[0] to the history. */
void meter_update(Meter *m, const Snap *s);
/* Lines the meter needs at width w. */
int meter_height(const Meter *m, int w);
/* Draws at (y, x) within w columns; returns the lines used. */
int meter_draw(const Meter *m, int y, int x, int w);

/* The classes (meters/ directory). */
extern const MeterClass sched_meter;     /* utilisation bars + run queues  */
extern const MeterClass util_meter;      /* mean utilisation, sparkline    */
extern const MeterClass node_meter;      /* node, uptime, process count    */
extern const MeterClass mem_meter;       /* memory by kind; sparkline total */
extern const MeterClass rates_meter;     /* reductions/s, messages/s       */
extern const MeterClass restarts_meter;  /* restarts last minute; sparkline */

#endif
