/* meters/node.c — the node line: name, uptime, process count and limit,
 * total run queue. "Processes: N/LIMIT" is what tests look for. */
#include <stdio.h>

#include "../fmt.h"
#include "../meter.h"

static void node_update(Meter *m, const Snap *s)
{
    const mote_rt_stats *st = &s->stats;
    uint64_t rq = 0;
    for (unsigned i = 0; i < st->nschedulers && i < MOTE_MAX_SCHEDULERS; i++)
        rq += st->runq_len[i];
    char up[24];
    m->values[0] = (double)s->nprocs;
    m->nvalues = 1;
    snprintf(m->text, sizeof m->text, "Node: %s  Uptime: %s  Processes: %llu/%llu  RunQ: %llu",
             s->node_name[0] ? s->node_name : "nonode@nohost", fmt_uptime(st->uptime_ms / 1000, up, sizeof up),
             (unsigned long long)s->nprocs, (unsigned long long)st->process_limit,
             (unsigned long long)rq);
}

const MeterClass node_meter = {
    .name = "node", .caption = "", .update = node_update, .modes = METER_TEXT,
};
