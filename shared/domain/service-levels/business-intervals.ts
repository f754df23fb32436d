import { type BusinessCalendar, parseWallTime } from './business-calendar.ts';
import {
  addDays,
  isoDateOf,
  type LocalDate,
  localDateOf,
  wallTimeToInstant,
  weekdayOf,
} from './wall-clock.ts';

/** A stretch of business time as epoch milliseconds, start inclusive, end exclusive. */
export type BusinessInterval = [startMs: number, endMs: number];

const intervalsStartingOn = (calendar: BusinessCalendar, holidays: Set<string>, date: LocalDate) => {
  if (holidays.has(isoDateOf(date))) return [];
  const intervals: BusinessInterval[] = [];
  for (const [startText, endText] of calendar.week[weekdayOf(date)] ?? []) {
    const start = parseWallTime(startText);
    const end = parseWallTime(endText, { asEnd: true });
    if (start === undefined || end === undefined || start === end) continue;
    const startMs = wallTimeToInstant(calendar.timezone, date, start);
    const endMs = wallTimeToInstant(calendar.timezone, end > start ? date : addDays(date, 1), end);
    // A DST gap can collapse or invert an interval (02:30–03:15 on spring-forward day): no time.
    if (endMs > startMs) intervals.push([startMs, endMs]);
  }
  return intervals.sort((a, b) => a[0] - b[0]);
};

/**
 * The calendar's business intervals in time order, overlaps merged so no second counts twice,
 * beginning with those that start on the local day before `fromMs` (an overnight interval from the
 * previous evening may still be open). Endless for a calendar with hours, so consumers stop on their
 * own; empty for a calendar with none.
 *
 * @example
 * const [first] = businessIntervals(calendar, Date.parse('2026-06-15T00:00:00Z'));
 */
export function* businessIntervals(calendar: BusinessCalendar, fromMs: number): Generator<BusinessInterval> {
  if (!Object.values(calendar.week).some((intervals) => intervals && intervals.length > 0)) return;
  const holidays = new Set(calendar.holidays);
  let date = addDays(localDateOf(calendar.timezone, fromMs), -1);
  let pending: BusinessInterval | undefined;
  for (;;) {
    // Nothing starting on `date` or later begins before its midnight, so the part of the pending
    // interval before it is final. Yielding it here keeps a calendar whose hours join up day after
    // day (00:00–24:00 every day, overlapping night shifts) from merging forever.
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
