import { createHash } from 'node:crypto';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { incidentWiring } from '#adapters/process-dependencies.ts';
import { DomainError, type FieldError } from '#domain/errors.ts';
import { eventLogKeys, withInvocationLogKeys } from '#http/middleware/invocation-log-keys.ts';
import { logger } from '#http/observability.ts';
import { refuseInboundEvent } from '#processes/inbound-refusal.ts';
import { logIncident } from '#processes/incident-management.ts';
import { createIncidentEventDetail } from '#schemas/incident.ts';
import { fieldErrors } from '#schemas/validation.ts';

const deps = incidentWiring();

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
 * Opens an incident from an `opsdesk.inbound` / `Create Incident` event. The `dedupKey` (or the
 * event id) is the idempotency key, so a redelivered event never opens a second incident.
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
      const fingerprint = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
      const actor = { sub: `event:${event.source}`, roles: ['agent' as const] };
      try {
        const outcome = await logIncident(deps, actor, input, {
          key: `inbound#${dedupKey ?? event.id}`,
          fingerprint,
        });
        logger.info('incident from event', {
          eventId: event.id,
          incidentId: outcome.body.id,
          replayed: outcome.replayed === true,
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await refuse(event, error.errors ?? [{ path: 'detail', message: error.message }]);
      }
    },
  ),
);
