import type { InboundRefusalDetail, OutboundEvent } from '#ports/record-store.ts';
import { publicJson } from '#schemas/public-representation.ts';
import { toItem } from './item-codec.ts';

/** Outbox items expire after a week: the stream has published them long before. */
const outboxTtlSeconds = 7 * 86_400;

/**
 * The one outbox item layout (`outbox#<event id>` / `outbox`): every store that writes events
 * uses it, and the stream and `outbox-publisher` read it.
 * @example writes.push({ Put: { TableName, Item: outboxItem(event, nowSeconds) } });
 */
export const outboxItem = (event: OutboundEvent | OutboundEvent<InboundRefusalDetail>, nowSeconds: number) =>
  toItem({
    pk: `outbox#${event.id}`,
    sk: 'outbox',
    entity: 'outbox',
    source: 'opsdesk',
    detailType: event.detailType,
    detail: publicJson(event.detail),
    expiresAt: nowSeconds + outboxTtlSeconds,
  });
