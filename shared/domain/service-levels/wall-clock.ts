import { TZDate } from '@date-fns/tz';
import { WEEKDAYS, type Weekday } from './business-calendar.ts';

/** A date on a wall calendar, with no time and no zone; `month` is 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MINUTE_MS = 60_000;
/** Every clock shift in the tz database is one of these (Lord Howe 30 min, wartime double summer time 2 h). */
const SHIFTS_MINUTES = [120, 60, 30];

/** The local date at `instantMs` in `timezone`. */
export const localDateOf = (timezone: string, instantMs: number): LocalDate => {
  const local = new TZDate(instantMs, timezone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
};

// Zone-free date arithmetic: UTC serves only as a calendar that never shifts, no offsets are involved.
const asUtc = (date: LocalDate) => new Date(Date.UTC(date.year, date.month - 1, date.day));

export const addDays = (date: LocalDate, days: number): LocalDate => {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
};

export const weekdayOf = (date: LocalDate): Weekday => WEEKDAYS[asUtc(date).getUTCDay()] as Weekday;

/** `YYYY-MM-DD`, the form holidays are written in. */
export const isoDateOf = (date: LocalDate): string => asUtc(date).toISOString().slice(0, 10);

const wallReading = (timezone: string, instantMs: number) => {
  const local = new TZDate(instantMs, timezone);
  return `${local.getFullYear()}-${local.getMonth()}-${local.getDate()} ${local.getHours()}:${local.getMinutes()}`;
};

/**
 * The instant at which clocks in `timezone` read `minuteOfDay` (0–1440) on `date`. Gap times move
 * forward by the gap (TZDate does this already); a repeated time is taken at its FIRST occurrence,
 * because TZDate picks either occurrence depending on the zone and calendars must behave alike
 * everywhere. The repeat is detected by asking the library whether the clock read the same
 * a shift earlier, so no offset is computed here.
 *
 * @example
 * wallTimeToInstant('Europe/Berlin', { year: 2026, month: 10, day: 25 }, 150); // 2026-10-25T00:30Z (02:30 CEST)
 */
export const wallTimeToInstant = (timezone: string, date: LocalDate, minuteOfDay: number): number => {
  const hours = Math.floor(minuteOfDay / 60);
  const instant = +new TZDate(date.year, date.month - 1, date.day, hours, minuteOfDay % 60, 0, timezone);
  const reading = wallReading(timezone, instant);
  for (const shift of SHIFTS_MINUTES) {
    const earlier = instant - shift * MINUTE_MS;
    if (wallReading(timezone, earlier) === reading) return earlier;
  }
  return instant;
};
