import type { BusinessCalendar } from './business-calendar.ts';
import { businessIntervals } from './business-intervals.ts';

// The clock works in whole milliseconds so that adding and measuring are exact inverses; the
// public functions speak seconds, as policies do.

/** Business milliseconds in `[fromMs, toMs)`; 0 when `toMs` is not after `fromMs`. */
export const businessMsBetween = (
  calendar: BusinessCalendar | undefined,
  fromMs: number,
  toMs: number,
): number => {
  if (toMs <= fromMs) return 0;
  if (!calendar) return toMs - fromMs;
  let total = 0;
  for (const [start, end] of businessIntervals(calendar, fromMs)) {
    if (start >= toMs) break;
    total += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
  }
  return total;
};

/** The instant at which `ms` business milliseconds have passed after `fromMs`. */
export const addBusinessMs = (calendar: BusinessCalendar | undefined, fromMs: number, ms: number): number => {
  if (ms <= 0) return fromMs;
  if (!calendar) return fromMs + ms;
  let remaining = ms;
  for (const [start, end] of businessIntervals(calendar, fromMs)) {
    if (end <= fromMs) continue;
    const available = end - Math.max(start, fromMs);
    // `>=`: a target that ends exactly at closing time is due at closing, not at the next opening.
    if (available >= remaining) return Math.max(start, fromMs) + remaining;
    remaining -= available;
  }
  throw new RangeError('The business calendar has no business hours');
};

const instantMs = (date: Date, name: string) => {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
};

/**
 * Business seconds between two instants (may carry milliseconds as a fraction); 0 if `to` is not
 * after `from`. Without a calendar every second counts (24x7).
 *
 * @example
 * // Mon–Fri 09:00–17:00 Berlin: Friday 16:00 to Monday 10:00 CEST is 2 business hours.
 * businessSecondsBetween(calendar, new Date('2026-06-12T14:00:00Z'), new Date('2026-06-15T08:00:00Z')); // 7200
 */
export const businessSecondsBetween = (
  calendar: BusinessCalendar | undefined,
  from: Date,
  to: Date,
): number => businessMsBetween(calendar, instantMs(from, 'from'), instantMs(to, 'to')) / 1000;

/**
 * The instant when `seconds` business seconds have elapsed after `from` (rounded to the millisecond).
 * Walks the calendar interval by interval, so targets of weeks cost a few dozen steps.
 *
 * @throws RangeError when the calendar has no business hours at all.
 * @example
 * // Mon–Fri 09:00–17:00 Berlin: 4 h from Friday 16:00 CEST is Monday 12:00 CEST.
 * addBusinessSeconds(calendar, new Date('2026-06-12T14:00:00Z'), 14_400); // 2026-06-15T10:00:00.000Z
 */
export const addBusinessSeconds = (
  calendar: BusinessCalendar | undefined,
  from: Date,
  seconds: number,
): Date => new Date(addBusinessMs(calendar, instantMs(from, 'from'), Math.round(seconds * 1000)));
