import { createHash } from 'node:crypto';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { incidentWiring } from '#adapters/process-dependencies.ts';
import { DomainError } from '#domain/errors.ts';
import { logger } from '#http/observability.ts';
import { logIncident } from '#processes/incident-management.ts';
import { createIncidentEventDetail } from '#schemas/incident.ts';
import { fieldErrors } from '#schemas/validation.ts';

const deps = incidentWiring();

/**
 * Opens an incident from an `opsdesk.inbound` / `Create Incident` event. The `dedupKey` (or the
 * event id) is the idempotency key, so a redelivered event never opens a second incident.
 * Invalid details are logged and dropped: retrying cannot fix them.
 */
export const handler = middy<EventBridgeEvent<'Create Incident', unknown>, void>().handler(
  async function openIncidentFromEvent(event) {
    const parsed = createIncidentEventDetail.safeParse(event.detail);
    if (!parsed.success) {
      logger.error('Create Incident event refused', {
        eventId: event.id,
        errors: fieldErrors(parsed.error.issues),
      });
      return;
    }
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
      logger.error('Create Incident event refused', { eventId: event.id, detail: error.message });
    }
  },
);
