/* meters/sched.c — scheduler meters: one utilisation bar per scheduler
 * with its run queue length, and the mean utilisation as a sparkline. */
#include <stdio.h>

#include "../meter.h"

static void sched_update(Meter *m, const Snap *s)
{
    const mote_rt_stats *st = &s->stats;
    m->nvalues = st->nschedulers < MOTE_MAX_SCHEDULERS ? st->nschedulers : MOTE_MAX_SCHEDULERS;
    for (size_t i = 0; i < m->nvalues; i++) {
        m->values[i] = st->sched_util[i];
        m->aux[i] = (double)st->runq_len[i];
    }
}

const MeterClass sched_meter = {
    .name = "sched", .caption = "CPU", .update = sched_update,
    .modes = METER_BAR, .total = 1.0,
};

static void util_update(Meter *m, const Snap *s)
{
    const mote_rt_stats *st = &s->stats;
    double sum = 0;
    unsigned n = st->nschedulers < MOTE_MAX_SCHEDULERS ? st->nschedulers : MOTE_MAX_SCHEDULERS;
    for (unsigned i = 0; i < n; i++)
        sum += st->sched_util[i];
    m->values[0] = n ? sum / n : 0;
    m->nvalues = 1;
    snprintf(m->spark_label, sizeof m->spark_label, "%3.0f%%", m->values[0] * 100);
    snprintf(m->text, sizeof m->text, "%.0f%%", m->values[0] * 100);
}

const MeterClass util_meter = {
    .name = "util", .caption = "CPU", .update = util_update,
    .modes = METER_TEXT | METER_SPARK, .total = 1.0,
};
