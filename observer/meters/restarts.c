/* meters/restarts.c — supervisor restarts: in the last minute and in
 * total as text; the per-minute figure over time as a sparkline, so a
 * burst of restarts stays visible after it ends. */
#include <stdio.h>

#include "../meter.h"

static void restarts_update(Meter *m, const Snap *s)
{
    m->values[0] = s->restarts_per_min;
    m->nvalues = 1;
    snprintf(m->text, sizeof m->text, "Restarts: %.0f in the last min (%llu total)",
             s->restarts_per_min, (unsigned long long)s->restarts_total);
    snprintf(m->spark_label, sizeof m->spark_label, "%.0f/min", s->restarts_per_min);
}

const MeterClass restarts_meter = {
    .name = "restarts", .caption = "Rst", .update = restarts_update,
    .modes = METER_TEXT | METER_SPARK, .total = 0,
};
