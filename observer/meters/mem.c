/* meters/mem.c — memory by kind (total, processes, binaries, atoms,
 * code, system) as text, and the total as a sparkline. */
#include <stdio.h>

#include "../fmt.h"
#include "../meter.h"

static void mem_update(Meter *m, const Snap *s)
{
    const mote_rt_stats *st = &s->stats;
    char t[16], p[16], b[16], a[16], c[16], y[16];
    m->values[0] = (double)st->mem_total;
    m->nvalues = 1;
    snprintf(m->text, sizeof m->text, "Mem: %s  proc %s  bin %s  atom %s  code %s  sys %s",
             fmt_bytes((double)st->mem_total, t, sizeof t),
             fmt_bytes((double)st->mem_processes, p, sizeof p),
             fmt_bytes((double)st->mem_binaries, b, sizeof b),
             fmt_bytes((double)st->mem_atoms, a, sizeof a),
             fmt_bytes((double)st->mem_code, c, sizeof c),
             fmt_bytes((double)st->mem_system, y, sizeof y));
    fmt_bytes((double)st->mem_total, m->spark_label, sizeof m->spark_label);
}

const MeterClass mem_meter = {
    .name = "mem", .caption = "Mem", .update = mem_update,
    .modes = METER_TEXT | METER_SPARK, .total = 0,
};
