import type { BusinessCalendar } from '#domain/service-levels/business-calendar.ts';
import { parseWallTime } from '#domain/service-levels/business-calendar.ts';
import {
  addDays,
  isoDateOf,
  type LocalDate,
  localDateOf,
  wallTimeToInstant,
  weekdayOf,
} from '#domain/service-levels/wall-clock.ts';

// The business-time arithmetic as it was before it learned to skip weeks and years: it walks the
// calendar interval by interval, which is slow over long spans but plainly right. The unit tests hold
// the fast version to it, result for result. Copied unchanged from shared/domain/service-levels
// (business-intervals.ts and business-time.ts, commit 06fca38).

type BusinessInterval = [startMs: number, endMs: number];

const intervalsStartingOn = (calendar: BusinessCalendar, holidays: Set<string>, date: LocalDate) => {
  if (holidays.has(isoDateOf(date))) return [];
  const intervals: BusinessInterval[] = [];
  for (const [startText, endText] of calendar.week[weekdayOf(date)] ?? []) {
    const start = parseWallTime(startText);
    const end = parseWallTime(endText, { asEnd: true });
    if (start === undefined || end === undefined || start === end) continue;
    const startMs = wallTimeToInstant(calendar.timezone, date, start);
    const endMs = wallTimeToInstant(calendar.timezone, end > start ? date : addDays(date, 1), end);
    if (endMs > startMs) intervals.push([startMs, endMs]);
  }
  return intervals.sort((a, b) => a[0] - b[0]);
};

function* businessIntervals(calendar: BusinessCalendar, fromMs: number): Generator<BusinessInterval> {
  if (!Object.values(calendar.week).some((intervals) => intervals && intervals.length > 0)) return;
  const holidays = new Set(calendar.holidays);
  let date = addDays(localDateOf(calendar.timezone, fromMs), -1);
  let pending: BusinessInterval | undefined;
  for (;;) {
    const dayStart = wallTimeToInstant(calendar.timezone, date, 0);
    if (pending && pending[0] < dayStart) {
      yield [pending[0], Math.min(pending[1], dayStart)];
      pending = pending[1] > dayStart ? [dayStart, pending[1]] : undefined;
    }
    for (const [start, end] of intervalsStartingOn(calendar, holidays, date)) {
      if (pending && start <= pending[1]) {
        pending = [Math.min(pending[0], start), Math.max(pending[1], end)];
        continue;
      }
      if (pending) yield pending;
      pending = [start, end];
    }
    date = addDays(date, 1);
  }
}

/** Business milliseconds in `[fromMs, toMs)`, interval by interval. */
export const referenceBusinessMsBetween = (
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

/** The instant `ms` business milliseconds after `fromMs`, interval by interval. */
export const referenceAddBusinessMs = (
  calendar: BusinessCalendar | undefined,
  fromMs: number,
  ms: number,
): number => {
  if (ms <= 0) return fromMs;
  if (!calendar) return fromMs + ms;
  let remaining = ms;
  for (const [start, end] of businessIntervals(calendar, fromMs)) {
    if (end <= fromMs) continue;
    const available = end - Math.max(start, fromMs);
    if (available >= remaining) return Math.max(start, fromMs) + remaining;
    remaining -= available;
  }
  throw new RangeError('The business calendar has no business hours');
};
