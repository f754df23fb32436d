import { createHash } from 'node:crypto';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { alarmWiring } from '#adapters/process-dependencies.ts';
import { DomainError, type FieldError } from '#domain/errors.ts';
import type { NewIncident } from '#domain/incident/incident.ts';
import type { Actor } from '#domain/record/record.ts';
import { eventLogKeys, withInvocationLogKeys } from '#http/middleware/invocation-log-keys.ts';
import { logger } from '#http/observability.ts';
import { signalAlarm } from '#processes/alarm-incidents.ts';
import { refuseInboundEvent } from '#processes/inbound-refusal.ts';
import { logIncident } from '#processes/incident-management.ts';
import { createIncidentEventDetail } from '#schemas/incident.ts';
import { fieldErrors } from '#schemas/validation.ts';

const deps = alarmWiring();
const retried = new Set(['conflict', 'unavailable']);

const refuse = async (event: EventBridgeEvent<string, unknown>, errors: FieldError[]) => {
  logger.error('Create Incident event refused', { errors });
  await refuseInboundEvent(deps, {
    source: event.source,
    detailType: event['detail-type'],
    eventId: event.id,
    errors,
  });
};

/**
 * A `Create Incident` with a `dedupKey` is an alarm whose key is the dedupKey: the first opens an
 * incident with the detail's fields, repeats while it is open add occurrences (`alarm.occurrences`),
 * a redelivered event counts once, and once the incident is resolved the next one opens another.
 */
const openOrCount = (
  event: EventBridgeEvent<string, unknown>,
  actor: Actor,
  input: NewIncident,
  dedupKey: string,
) =>
  signalAlarm(deps, {
    key: `inbound:${dedupKey}`,
    name: dedupKey,
    arn: `opsdesk:inbound:${encodeURIComponent(dedupKey)}`,
    state: 'ALARM',
    eventId: event.id,
    at: new Date(Number.isNaN(Date.parse(event.time)) ? Date.now() : Date.parse(event.time)).toISOString(),
    title: input.title,
    description: input.description ?? '',
    opening: { input, actor },
  });

/** Without a dedupKey the event id is the idempotency key: a redelivery replays, never opens twice. */
const openOnce = async (event: EventBridgeEvent<string, unknown>, actor: Actor, input: NewIncident) => {
  const fingerprint = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
  const outcome = await logIncident(deps, actor, input, { key: `inbound#${event.id}`, fingerprint });
  return { action: outcome.replayed === true ? 'duplicate' : 'opened', incidentId: outcome.body.id };
};

/**
 * Opens an incident from an `opsdesk.inbound` / `Create Incident` event (README, Incident
 * management). With a `dedupKey` it has the alarm semantics: one open incident per key, repeats
 * add occurrences; without one, a redelivered event never opens a second incident.
 * An event it cannot act on (invalid detail, an unknown CI) is refused: logged, and announced as
 * `Inbound Event Refused` on the platform bus; retrying cannot fix it, so it is not retried.
 */
export const handler = withInvocationLogKeys(
  eventLogKeys,
  middy<EventBridgeEvent<'Create Incident', unknown>, void>().handler(
    async function openIncidentFromEvent(event) {
      const parsed = createIncidentEventDetail.safeParse(event.detail);
      if (!parsed.success) return refuse(event, fieldErrors(parsed.error.issues));
      const { dedupKey, ...input } = parsed.data;
      const actor: Actor = { sub: `event:${event.source}`, roles: ['agent'] };
      try {
        const outcome = dedupKey
          ? await openOrCount(event, actor, input, dedupKey)
          : await openOnce(event, actor, input);
        logger.info('incident from event', { eventId: event.id, ...outcome });
      } catch (error) {
        // A key changing too fast or a failing store is worth a retry; what the event says wrong is refused.
        if (!(error instanceof DomainError) || retried.has(error.kind)) throw error;
        await refuse(event, error.errors ?? [{ path: 'detail', message: error.message }]);
      }
    },
  ),
);
