const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether a string is an RFC 3339 date-time with a zone (README, Calling the API).
 * @example isTimestamp('2026-11-24T09:30:00.000Z') // true
 */
export const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && rfc3339.test(value) && !Number.isNaN(Date.parse(value));

/**
 * Whether two half-open intervals [start, end) overlap: one ending exactly when the other
 * starts does not.
 * @example overlaps({ start: '…T01', end: '…T02' }, { start: '…T02', end: '…T03' }) // false
 */
export const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }): boolean =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
