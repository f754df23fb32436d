import { tzOffset } from '@date-fns/tz';
import fc from 'fast-check';
import { type BusinessCalendar, WEEKDAYS } from '#domain/service-levels/index.ts';

export const DAY_MS = 86_400_000;

/**
 * Zones with daylight saving at 01:00–03:00 (Berlin, New York, St John's at -03:30), at midnight (Havana,
 * Santiago), by 30 minutes (Lord Howe), by 2 hours (Troll), at +12:45 (Chatham), around Ramadan
 * (Casablanca, Gaza), and without any (UTC, Kolkata).
 */
export const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns',
  'America/Havana',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Antarctica/Troll',
  'Pacific/Chatham',
  'Africa/Casablanca',
  'Asia/Gaza',
  'UTC',
  'Asia/Kolkata',
];

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Wall times on a 15-minute grid, any minute, and the minutes next to DST changes and midnight. */
const wallMinuteArb = fc.oneof(
  fc.integer({ min: 0, max: 95 }).map((quarter) => quarter * 15),
  fc.constantFrom(0, 1, 59, 60, 61, 89, 90, 119, 120, 121, 150, 179, 180, 181, 1380, 1410, 1438, 1439),
  fc.integer({ min: 0, max: 1439 }),
);

/** Intervals of every kind the calendar takes: same-day, overnight, and ending at 24:00. */
const intervalArb = fc
  .tuple(wallMinuteArb, fc.oneof(wallMinuteArb, fc.constant(1440)))
  .filter(([start, end]) => start !== end)
  .map(([start, end]): [string, string] => [hhmm(start), hhmm(end)]);

const weekArb = fc
  .record(Object.fromEntries(WEEKDAYS.map((day) => [day, fc.array(intervalArb, { maxLength: 3 })])))
  .filter((week) => Object.values(week).some((intervals) => intervals.length > 0));

/** The offset changes of `timezone` in `year` to the hour, from a daily scan (no code under test involved). */
export const changesOf = (timezone: string, year: number): number[] => {
  const offsetAt = (ms: number) => tzOffset(timezone, new Date(ms));
  const changes: number[] = [];
  for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += DAY_MS) {
    if (offsetAt(day) === offsetAt(day + DAY_MS)) continue;
    for (let hour = day; hour < day + DAY_MS; hour += 3_600_000) {
      if (offsetAt(hour) !== offsetAt(hour + 3_600_000)) changes.push(hour);
    }
  }
  return changes;
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface Case {
  calendar: BusinessCalendar;
  fromMs: number;
}

/**
 * A calendar and a start: anywhere in `years`, or within four days of one of the zone's offset changes in
 * such a year; holidays (up to 10, some on consecutive days) on the days around and after the start when
 * their year has four digits.
 */
export const caseArb = (years: { min: number; max: number } = { min: 2026, max: 2027 }) =>
  fc
    .record({
      timezone: fc.constantFrom(...ZONES),
      week: weekArb,
      anywhereMs: fc.integer({ min: Date.UTC(years.min, 0, 1), max: Date.UTC(years.max, 11, 31) }),
      nearChange: fc.tuple(fc.boolean(), fc.nat(), fc.integer({ min: -4 * DAY_MS, max: 4 * DAY_MS })),
      holidayDays: fc.array(fc.integer({ min: -3, max: 40 }), { maxLength: 10 }),
      doubleHolidays: fc.boolean(),
    })
    .map(
      ({
        timezone,
        week,
        anywhereMs,
        nearChange: [near, pick, offsetMs],
        holidayDays,
        doubleHolidays,
      }): Case => {
        const changes = near ? changesOf(timezone, new Date(anywhereMs).getUTCFullYear()) : [];
        const change = changes[pick % Math.max(1, changes.length)];
        const fromMs = change === undefined ? anywhereMs : change + offsetMs;
        const days = holidayDays.flatMap((day) => (doubleHolidays ? [day, day + 1] : [day]));
        const holidays = days
          .map((day) => isoDay(fromMs + day * DAY_MS))
          .filter((text) => /^\d{4}-/.test(text));
        return { calendar: { timezone, week, holidays }, fromMs };
      },
    );
