import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { alarmWiring } from '#adapters/process-dependencies.ts';
import { eventLogKeys, withInvocationLogKeys } from '#http/middleware/invocation-log-keys.ts';
import { logger } from '#http/observability.ts';
import { incidentFromCloudWatchAlarm } from '#processes/alarm-cloudwatch.ts';
import type { AlarmOutcome } from '#processes/alarm-incidents.ts';
import { refuseInboundEvent } from '#processes/inbound-refusal.ts';
import { cloudWatchAlarmEvent } from '#schemas/alarm-event.ts';
import { fieldErrors } from '#schemas/validation.ts';

const deps = alarmWiring();

/**
 * Opens, counts, clears and (with `ALARM_AUTO_RESOLVE`) resolves incidents from CloudWatch
 * `Alarm State Change` events on the default bus. An event it cannot read is refused: logged and
 * announced as `Inbound Event Refused`. Anything else that fails (a store outage, a key changing
 * too fast) throws, so the delivery is retried; a retried event id is counted once.
 */
export const handler = withInvocationLogKeys(
  eventLogKeys,
  middy<EventBridgeEvent<'CloudWatch Alarm State Change', unknown>, AlarmOutcome | undefined>().handler(
    async function incidentFromAlarm(event) {
      const parsed = cloudWatchAlarmEvent.safeParse(event);
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error.issues);
        logger.error('CloudWatch alarm event refused', { errors });
        await refuseInboundEvent(deps, {
          source: event.source,
          detailType: event['detail-type'],
          eventId: event.id,
          errors,
        });
        return undefined;
      }
      const outcome = await incidentFromCloudWatchAlarm(deps, parsed.data);
      logger.info('alarm state change applied', { eventId: event.id, ...outcome });
      return outcome;
    },
  ),
);
