import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { sweepWiring } from '#adapters/process-dependencies.ts';
import { withInvocationLogKeys } from '#http/middleware/invocation-log-keys.ts';
import { logger } from '#http/observability.ts';
import { type SweepReport, sweepServiceLevels } from '#processes/service-levels/sla-sweep.ts';

const deps = sweepWiring();

/** Every minute: announces SLA warnings and breaches that came due (see `sweepServiceLevels`). */
export const handler = withInvocationLogKeys(
  (event: ScheduledEvent) => ({ schedule: event.resources?.[0] ?? 'invoked', scheduledAt: event.time }),
  middy<ScheduledEvent, SweepReport>().handler(async function sweepDueSlaClocks() {
    const report = await sweepServiceLevels(deps);
    if (report.failed > 0) logger.warn('sla sweep left due clocks for the next run', { ...report });
    else logger.info('sla sweep', { ...report });
    return report;
  }),
);
