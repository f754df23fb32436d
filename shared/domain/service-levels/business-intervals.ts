import { type BusinessCalendar, parseWallTime, WEEKDAYS } from './business-calendar.ts';
import {
  DAY_MS,
  dayNumberOf,
  firstDayOfYear,
  localDateOf,
  RULES_ONLY_AFTER_YEAR,
  weekdayIndexOfDay,
  yearKindOf,
  yearOfDay,
  type ZoneClock,
  zoneClockOf,
} from './wall-clock.ts';

/** A stretch of business time as epoch milliseconds, start inclusive, end exclusive. */
export type BusinessInterval = [startMs: number, endMs: number];

/** Opening hours as minutes since local midnight; an overnight interval ends on the next day. */
interface Hours {
  start: number;
  end: number;
  endsNextDay: boolean;
}

type InstantOf = (day: number, minute: number) => number;

const hoursOf = (calendar: BusinessCalendar): Hours[][] =>
  WEEKDAYS.map((weekday) =>
    (calendar.week[weekday] ?? []).flatMap(([startText, endText]) => {
      const start = parseWallTime(startText);
      const end = parseWallTime(endText, { asEnd: true });
      if (start === undefined || end === undefined || start === end) return [];
      return [{ start, end, endsNextDay: end < start }];
    }),
  );

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Holidays as day numbers; a text that names no date (which validation refuses) matches no day. */
const holidayDaysOf = (holidays: readonly string[] | undefined): number[] =>
  (holidays ?? []).flatMap((text) => {
    const match = ISO_DATE.exec(text);
    if (!match) return [];
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const leapDay = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0) ? 1 : 0;
    // Before year 100 Date.UTC reads the year as 19xx: such a text never matched a day.
    const isDate = year >= 100 && day >= 1 && day <= (MONTH_DAYS[month - 1] ?? 0) + leapDay;
    return isDate ? [Date.UTC(year, month - 1, day) / DAY_MS] : [];
  });

const sum = (intervals: BusinessInterval[]) =>
  intervals.reduce((total, [start, end]) => total + end - start, 0);

/** A week whose conversions are plain arithmetic (offset 0): what an ordinary week holds. */
const plainInstantOf: InstantOf = (day, minute) => day * DAY_MS + minute * 60_000;

/**
 * The calendar's business time one local day at a time. A day is the stretch from its local midnight to the
 * next, and holds what intervals starting on it or the day before (an overnight one) put there, overlaps
 * merged so no second counts twice. A day that is calm (no offset change within a few days) holds what its
 * weekday of the week pattern holds, less what a holiday on it or the day before takes away; so only days
 * near an offset change are worked out from their intervals. See the README, Service level management.
 *
 * @example
 * const days = new BusinessDays(calendar);
 * days.intervalsOf(days.dayContaining(Date.parse('2026-06-15T10:00:00Z'))); // [[09:00, 17:00] as instants]
 */
export class BusinessDays {
  /** Days worked out from their intervals so far: the cost of a walk besides the zone's. */
  daysExamined = 0;
  /** Business milliseconds of a week without holidays and offset changes; 0 when the calendar has no hours. */
  readonly weekMs: number;
  private readonly hours: Hours[][];
  private readonly holidays: Set<number>;
  /** Per year, the days a holiday touches: the holiday and the day after (its overnight interval ends there). */
  private readonly holidayDaysByYear = new Map<number, number[]>();
  private readonly holidayYears: number[];
  private readonly calmDays = new Map<string, number>();
  private readonly kindMs = new Map<number, number>();
  private readonly holidayMs = new Map<number, number>();
  private cycleTotal: number | undefined;
  private readonly recent = new Map<string, BusinessInterval[]>();

  constructor(
    private readonly calendar: BusinessCalendar,
    readonly zone: ZoneClock = zoneClockOf(calendar.timezone),
  ) {
    this.hours = hoursOf(calendar);
    this.holidays = new Set(holidayDaysOf(calendar.holidays));
    const touched = [...new Set([...this.holidays].flatMap((holiday) => [holiday, holiday + 1]))];
    for (const day of touched.sort((a, b) => a - b)) {
      const year = yearOfDay(day);
      const daysOfYear = this.holidayDaysByYear.get(year);
      if (daysOfYear) daysOfYear.push(day);
      else this.holidayDaysByYear.set(year, [day]);
    }
    this.holidayYears = [...this.holidayDaysByYear.keys()];
    // 1970-01-04, day 3, was a Sunday: days 3–9 are one week in WEEKDAYS order.
    this.weekMs = WEEKDAYS.reduce((total, _, index) => total + this.ordinaryMs(3 + index), 0);
  }

  /** The local day number whose midnight-to-midnight stretch holds `instantMs`. */
  dayContaining(instantMs: number): number {
    const day = dayNumberOf(localDateOf(this.calendar.timezone, instantMs));
    if (this.zone.instantOf(day, 0) > instantMs) return day - 1;
    return this.zone.instantOf(day + 1, 0) <= instantMs ? day + 1 : day;
  }

  /** The business time of day number `day`, in time order, merged and cut at its midnights. */
  intervalsOf(day: number, withHolidays = true): BusinessInterval[] {
    this.daysExamined++;
    const isHoliday = (d: number) => withHolidays && this.holidays.has(d);
    return this.intervalsWith((d, minute) => this.zone.instantOf(d, minute), isHoliday, day);
  }

  /** What `day` holds when calm and without holidays: its weekday of the week pattern. */
  ordinaryMs(day: number): number {
    return this.calmMs(day, false, false);
  }

  /** What a calm `day` holds, holidays considered. */
  calmDayMs(day: number): number {
    return this.calmMs(day, this.holidays.has(day - 1), this.holidays.has(day));
  }

  /**
   * The days of `year` near an offset change, ascending; `undefined` when no day of the year may be taken as
   * calm (before 1980).
   */
  changeDays(year: number): number[] | undefined {
    const offsets = this.zone.yearOffsets(year);
    if (!offsets) return undefined;
    const days = new Set<number>();
    for (const change of offsets.changes) {
      // Day d reads wall times from d - 1 00:00 (the day before's intervals) to d + 2 00:00 (its own
      // overnight ones); a change within reach of those (26 h, see ZoneClock) lies on days d - 3 to d + 3.
      const changeDay = Math.floor(change.atMs / DAY_MS);
      for (let day = changeDay - 3; day <= changeDay + 3; day++) days.add(day);
    }
    return [...days].sort((a, b) => a - b);
  }

  /** Whether `day` is near an offset change (and so not calm); `undefined` when unknown (before 1980). */
  nearChange(day: number): boolean | undefined {
    const offsets = this.zone.yearOffsets(yearOfDay(day));
    return offsets?.changes.some((change) => Math.abs(Math.floor(change.atMs / DAY_MS) - day) <= 3);
  }

  /** The days of `year` a holiday touches, ascending. */
  holidayDays(year: number): number[] {
    return this.holidayDaysByYear.get(year) ?? [];
  }

  /**
   * Business milliseconds of a whole year after 2100. Its offsets repeat those of the first year of its kind,
   * so it holds what that year holds without holidays, less what its own holidays take away.
   */
  yearMs(year: number): number {
    let ms = this.holidayMs.get(year);
    if (ms === undefined) {
      ms = 0;
      for (const day of this.holidayDays(year)) {
        ms += this.nearChange(day)
          ? sum(this.intervalsOf(day)) - sum(this.intervalsOf(day, false))
          : this.calmDayMs(day) - this.ordinaryMs(day);
      }
      this.holidayMs.set(year, ms);
    }
    return this.holidayFreeYearMs(year) + ms;
  }

  /** Business milliseconds of the 400 years from `firstYear` on, after 2100: the Gregorian calendar repeats. */
  cycleMs(firstYear: number): number {
    if (this.cycleTotal === undefined) {
      this.cycleTotal = 0;
      for (let year = RULES_ONLY_AFTER_YEAR + 1; year <= RULES_ONLY_AFTER_YEAR + 400; year++) {
        this.cycleTotal += this.holidayFreeYearMs(year);
      }
    }
    let ms = this.cycleTotal;
    for (let index = this.firstHolidayYearIndex(firstYear); index < this.holidayYears.length; index++) {
      const year = this.holidayYears[index] ?? Infinity;
      if (year >= firstYear + 400) break;
      ms += this.yearMs(year) - this.holidayFreeYearMs(year);
    }
    return ms;
  }

  /** Where the first year at or after `year` with a holiday is in the ascending holiday years. */
  private firstHolidayYearIndex(year: number): number {
    let [low, high] = [0, this.holidayYears.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.holidayYears[middle] ?? Infinity) < year) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private holidayFreeYearMs(year: number): number {
    if (year <= RULES_ONLY_AFTER_YEAR) throw new RangeError(`${year} is not after ${RULES_ONLY_AFTER_YEAR}`);
    const kind = yearKindOf(year);
    let ms = this.kindMs.get(kind);
    if (ms === undefined) {
      const [first, stop] = [firstDayOfYear(year), firstDayOfYear(year + 1)];
      const changeDays = (this.changeDays(year) ?? []).filter((day) => day >= first && day < stop);
      ms = 0;
      let day = first;
      for (const changeDay of [...changeDays, stop]) {
        for (; day + 7 <= changeDay; day += 7) ms += this.weekMs;
        for (; day < changeDay; day++) ms += this.ordinaryMs(day);
        if (changeDay < stop) ms += sum(this.intervalsOf(changeDay, false));
        day = changeDay + 1;
      }
      this.kindMs.set(kind, ms);
    }
    return ms;
  }

  private calmMs(day: number, holidayBefore: boolean, holiday: boolean): number {
    const weekday = weekdayIndexOfDay(day);
    const key = `${weekday} ${holidayBefore} ${holiday}`;
    let ms = this.calmDays.get(key);
    if (ms === undefined) {
      // Offset 0 stands for any offset that holds all day; day 10 (a Sunday) + weekday has that weekday.
      const isHoliday = (d: number) => (d === 10 + weekday ? holiday : d === 9 + weekday && holidayBefore);
      ms = sum(this.intervalsWith(plainInstantOf, isHoliday, 10 + weekday));
      this.calmDays.set(key, ms);
    }
    return ms;
  }

  private intervalsWith(instantOf: InstantOf, isHoliday: (day: number) => boolean, day: number) {
    const dayStart = instantOf(day, 0);
    const dayEnd = instantOf(day + 1, 0);
    const merged: BusinessInterval[] = [];
    const starting = [
      ...this.startingOn(instantOf, isHoliday, day - 1),
      ...this.startingOn(instantOf, isHoliday, day),
    ].sort((a, b) => a[0] - b[0]);
    for (const [intervalStart, intervalEnd] of starting) {
      const [start, end] = [Math.max(intervalStart, dayStart), Math.min(intervalEnd, dayEnd)];
      if (end <= start) continue;
      const last = merged.at(-1);
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return merged;
  }

  /** The intervals that start on `day`; a DST gap can collapse or invert one (02:30–03:15): no time. */
  private startingOn(instantOf: InstantOf, isHoliday: (day: number) => boolean, day: number) {
    if (isHoliday(day)) return [];
    // A day's intervals serve it and the next day: keep the last few.
    const key = `${instantOf === plainInstantOf} ${day}`;
    const known = this.recent.get(key);
    if (known) return known;
    const intervals: BusinessInterval[] = [];
    for (const { start, end, endsNextDay } of this.hours[weekdayIndexOfDay(day)] ?? []) {
      const startMs = instantOf(day, start);
      const endMs = instantOf(endsNextDay ? day + 1 : day, end);
      if (endMs > startMs) intervals.push([startMs, endMs]);
    }
    if (this.recent.size >= 4) this.recent.delete(this.recent.keys().next().value ?? '');
    this.recent.set(key, intervals);
    return intervals;
  }
}
