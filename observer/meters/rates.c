/* meters/rates.c — reductions and messages per second, node-wide. */
#include <stdio.h>

#include "../fmt.h"
#include "../meter.h"

static void rates_update(Meter *m, const Snap *s)
{
    char r[16], g[16];
    m->values[0] = s->stats.reductions_per_sec;
    m->nvalues = 1;
    snprintf(m->text, sizeof m->text, "Reds/s: %s  Msgs/s: %s",
             fmt_count(s->stats.reductions_per_sec, r, sizeof r),
             fmt_count(s->stats.messages_per_sec, g, sizeof g));
}

const MeterClass rates_meter = {
    .name = "rates", .caption = "", .update = rates_update, .modes = METER_TEXT,
};
