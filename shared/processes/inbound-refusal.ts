import { createHash } from 'node:crypto';
import type { FieldError } from '#domain/errors.ts';
import type { RecordStore } from '#ports/record-store.ts';

/** An inbound event OpsDesk could not act on, and why. */
export interface InboundRefusal {
  source: string;
  detailType: string;
  eventId: string;
  errors: FieldError[];
}

/**
 * Publishes `Inbound Event Refused` (README, Events) through the outbox, so the automation that
 * sent an event sees why nothing happened instead of a silent drop. The outbox item's id comes
 * from the refused event's id: a redelivery rewrites the same item, which the stream (inserts
 * only) does not publish twice.
 * @example await refuseInboundEvent(deps, { source: 'opsdesk.inbound', detailType: 'Create Incident', eventId, errors });
 */
export const refuseInboundEvent = async (deps: { store: RecordStore }, refusal: InboundRefusal) => {
  const id = `refused-${createHash('sha256').update(`${refusal.source}\n${refusal.eventId}`).digest('base64url')}`;
  await deps.store.commit([
    { type: 'notice', event: { id, detailType: 'Inbound Event Refused', detail: refusal } },
  ]);
};
