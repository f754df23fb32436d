import type { BusinessCalendar } from './business-calendar.ts';
import { BusinessDays, type BusinessInterval } from './business-intervals.ts';
import { firstDayOfYear, RULES_ONLY_AFTER_YEAR, yearOfDay } from './wall-clock.ts';

// The clock works in whole milliseconds so that adding and measuring are exact inverses; the
// public functions speak seconds, as policies do.

/** Whole days taken at once by the business time they hold, or one day to look into. */
type Stretch = { kind: 'whole'; ms: number } | { kind: 'day'; day: number };
/** How much business time the walk's consumer can still take in bulk: a stretch holding less. */
type Room = () => number;

/** The last day a Date can hold (8.64e15 ms). */
const LAST_DAY = 100_000_000;

/** Ordinary days from `first` to before `stop`: whole weeks at once while they fit, then day by day. */
function* ordinaryDays(days: BusinessDays, first: number, stop: number, room: Room): Generator<Stretch> {
  let day = first;
  const weeks = Math.min(Math.floor((stop - day) / 7), Math.ceil(room() / days.weekMs) - 1);
  if (weeks > 0) {
    yield { kind: 'whole', ms: weeks * days.weekMs };
    day += 7 * weeks;
  }
  for (; day < stop; day++) {
    const ms = days.ordinaryMs(day);
    yield ms < room() ? { kind: 'whole', ms } : { kind: 'day', day };
  }
}

/**
 * Days `first` to `last` of `year`: those near an offset change one by one, calm ones with a holiday by
 * their known total, the ordinary ones between in bulk. Before 1980, every day one by one.
 */
function* daysOfYear(
  days: BusinessDays,
  year: number,
  first: number,
  last: number,
  room: Room,
): Generator<Stretch> {
  const changeDays = days.changeDays(year);
  if (!changeDays) {
    for (let day = first; day <= last; day++) yield { kind: 'day', day };
    return;
  }
  const nearChange = new Set(changeDays);
  const unusual = [...new Set([...changeDays, ...days.holidayDays(year)])]
    .filter((day) => day >= first && day <= last)
    .sort((a, b) => a - b);
  let day = first;
  for (const stop of [...unusual, last + 1]) {
    yield* ordinaryDays(days, day, stop, room);
    if (stop > last) break;
    const ms = nearChange.has(stop) ? Infinity : days.calmDayMs(stop);
    yield ms < room() ? { kind: 'whole', ms } : { kind: 'day', day: stop };
    day = stop + 1;
  }
}

/**
 * The whole days `first` to `last` (endless when `last` is Infinity), in order and in as few stretches as
 * the room allows: up to 2100 a year at a time, its unusual days one by one and the weeks between in
 * bulk; after 2100, whole years and 400-year cycles by their known totals.
 */
function* stretches(days: BusinessDays, first: number, last: number, room: Room): Generator<Stretch> {
  let day = first;
  while (day <= last) {
    if (day > LAST_DAY) throw new RangeError('The business time runs past the last date there is');
    const year = yearOfDay(day);
    const nextYear = firstDayOfYear(year + 1);
    if (year > RULES_ONLY_AFTER_YEAR && day === firstDayOfYear(year) && last >= nextYear - 1) {
      const cycleEnd = firstDayOfYear(year + 400);
      const cycleMs = last >= cycleEnd - 1 ? days.cycleMs(year) : Infinity;
      if (cycleMs < room()) {
        yield { kind: 'whole', ms: cycleMs };
        day = cycleEnd;
        continue;
      }
      const yearMs = days.yearMs(year);
      if (yearMs < room()) {
        yield { kind: 'whole', ms: yearMs };
        day = nextYear;
        continue;
      }
    }
    const end = Math.min(last, nextYear - 1);
    yield* daysOfYear(days, year, day, end, room);
    day = end + 1;
  }
}

/**
 * Business milliseconds in `[fromMs, toMs)` of the calendar `days` walks; 0 when `toMs` is not after `fromMs`.
 *
 * @example
 * measureBusinessMs(new BusinessDays(calendar), Date.parse('2026-06-12T14:00:00Z'), Date.parse('2026-06-15T08:00:00Z')); // 7_200_000
 */
export const measureBusinessMs = (days: BusinessDays, fromMs: number, toMs: number): number => {
  if (toMs <= fromMs || days.weekMs === 0) return 0;
  const within = (intervals: BusinessInterval[]) =>
    intervals.reduce(
      (total, [start, end]) => total + Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs)),
      0,
    );
  const first = days.dayContaining(fromMs);
  const last = days.dayContaining(toMs);
  if (first === last) return within(days.intervalsOf(first));
  let total = within(days.intervalsOf(first)) + within(days.intervalsOf(last));
  for (const stretch of stretches(days, first + 1, last - 1, () => Infinity)) {
    total += stretch.kind === 'whole' ? stretch.ms : within(days.intervalsOf(stretch.day));
  }
  return total;
};

/**
 * The instant at which `ms` business milliseconds of the calendar `days` walks have passed after `fromMs`.
 *
 * @throws RangeError when the calendar has no business hours at all.
 * @example
 * advanceBusinessMs(new BusinessDays(calendar), Date.parse('2026-06-12T14:00:00Z'), 14_400_000); // 2026-06-15T10:00Z
 */
export const advanceBusinessMs = (days: BusinessDays, fromMs: number, ms: number): number => {
  if (ms <= 0) return fromMs;
  if (days.weekMs === 0) throw new RangeError('The business calendar has no business hours');
  let remaining = ms;
  const reachWithin = (day: number) => {
    for (const [start, end] of days.intervalsOf(day)) {
      const from = Math.max(start, fromMs);
      if (end <= from) continue;
      // `>=`: a target that ends exactly at closing time is due at closing, not at the next opening.
      if (end - from >= remaining) return from + remaining;
      remaining -= end - from;
    }
    return undefined;
  };
  const first = days.dayContaining(fromMs);
  const dueOnFirstDay = reachWithin(first);
  if (dueOnFirstDay !== undefined) return dueOnFirstDay;
  for (const stretch of stretches(days, first + 1, Infinity, () => remaining)) {
    if (stretch.kind === 'whole') {
      remaining -= stretch.ms;
      continue;
    }
    const due = reachWithin(stretch.day);
    if (due !== undefined) return due;
  }
  throw new RangeError('The business calendar has no business hours'); // not reached: the stretches never end
};

/** Business milliseconds in `[fromMs, toMs)`; 0 when `toMs` is not after `fromMs`. */
export const businessMsBetween = (
  calendar: BusinessCalendar | undefined,
  fromMs: number,
  toMs: number,
): number => {
  if (toMs <= fromMs) return 0;
  return calendar ? measureBusinessMs(new BusinessDays(calendar), fromMs, toMs) : toMs - fromMs;
};

/** The instant at which `ms` business milliseconds have passed after `fromMs`. */
export const addBusinessMs = (calendar: BusinessCalendar | undefined, fromMs: number, ms: number): number => {
  if (ms <= 0) return fromMs;
  return calendar ? advanceBusinessMs(new BusinessDays(calendar), fromMs, ms) : fromMs + ms;
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
 * Ordinary weeks are skipped whole and, after 2100, whole years, so even ten years of business time on a
 * calendar open one minute a week cost a few milliseconds.
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
