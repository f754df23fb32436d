/**
 * When the SLA clock may count. Rules that a reader of a calendar needs to know:
 *
 * - **Intervals** are local wall times `[start, end]`, several per weekday. An interval whose end is not
 *   after its start (`["22:00", "06:00"]`) is overnight: it runs into the next local day. `"24:00"` is
 *   allowed as an end only and means the next midnight.
 * - **Holidays** (`YYYY-MM-DD`, local) remove every interval that *starts* on that date, overnight ones
 *   included; the tail of the previous night's interval that spills into the holiday still counts. One
 *   rule, decided by the start date, so a night shift is never cut in half.
 * - **Daylight saving**: wall times become instants through `Intl`'s tz database, resolved like RFC 5545 and
 *   Temporal's `'compatible'` mode. A wall time that does not exist (spring-forward gap) is read with the
 *   offset from before the gap, i.e. moved forward by the gap (02:30 Berlin on 2026-03-29 is 03:30 CEST);
 *   a repeated wall time (fall-back) is its first occurrence. So 01:00–05:00 lasts 3 real hours on
 *   spring-forward day and 5 on fall-back day; an interval that collapses or inverts is empty.
 * - **No calendar** (`undefined`) means 24x7: every second counts.
 */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A wall-clock interval, `["HH:MM", "HH:MM"]`. */
export type WallInterval = [string, string];

export interface BusinessCalendar {
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timezone: string;
  week: Partial<Record<Weekday, WallInterval[]>>;
  /** Local dates, `YYYY-MM-DD`. */
  holidays: string[];
}

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Minutes since local midnight for `HH:MM`, or `undefined` when malformed. `24:00` is accepted only
 * when `asEnd` is set, since nothing can start at the end of a day.
 *
 * @example
 * parseWallTime('09:30'); // 570
 * parseWallTime('24:00', { asEnd: true }); // 1440
 */
export const parseWallTime = (text: string, options: { asEnd?: boolean } = {}): number | undefined => {
  if (options.asEnd && text === '24:00') return 24 * 60;
  const match = WALL_TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
};
