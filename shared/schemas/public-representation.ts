/**
 * Fields the platform keeps on records for its own bookkeeping (the SLA clock's state history,
 * thresholds already announced, the next due check). They are not part of the contract, so
 * no response body and no event carries them.
 */
const bookkeepingFields = new Set(['slaTimeline', 'slaEmitted', 'slaNextCheckAt']);

/**
 * A record, page or event detail as JSON for clients and consumers.
 * @example publicJson({ id: 'a', slaEmitted: {} }) // '{"id":"a"}'
 */
export const publicJson = (value: unknown): string =>
  JSON.stringify(value, (key, field) => (bookkeepingFields.has(key) ? undefined : field));
