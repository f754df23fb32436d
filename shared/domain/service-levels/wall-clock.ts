import { WEEKDAYS, type Weekday } from './business-calendar.ts';
import { instantOfWallMs, isTimeZone, offsetMsOf, wallMsOf } from './time-zone.ts';

/** A date on a wall calendar, with no time and no zone; `month` is 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** Every clock shift in the tz database is one of these (Lord Howe 30 min, wartime double summer time 2 h). */
const SHIFTS_MINUTES = [120, 60, 30];

/** The local date at `instantMs` in `timezone`. */
export const localDateOf = (timezone: string, instantMs: number): LocalDate => {
  const local = new Date(wallMsOf(timezone, instantMs));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
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

/** A local date as a day number, days since 1970-01-01: dates a loop can count and a Set can hold. */
export const dayNumberOf = (date: LocalDate): number => asUtc(date).getTime() / DAY_MS;

export const localDateOfDay = (day: number): LocalDate => {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

/** Index into WEEKDAYS (0 = Sunday); day 0, 1970-01-01, was a Thursday. */
export const weekdayIndexOfDay = (day: number): number => (((day + 4) % 7) + 7) % 7;

export const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

export const firstDayOfYear = (year: number): number => Date.UTC(year, 0, 1) / DAY_MS;

/** The local minute clocks read at `instantMs`, as a number: equal numbers, equal readings. */
const wallMinuteOf = (timezone: string, instantMs: number) =>
  Math.floor(wallMsOf(timezone, instantMs) / MINUTE_MS);

/**
 * The instant at which clocks in `timezone` read `minuteOfDay` (0–1440) on `date`. Gap times move
 * forward by the gap (instantOfWallMs does this already); a repeated time is taken at its FIRST
 * occurrence, because instantOfWallMs picks either occurrence depending on the zone and calendars
 * must behave alike everywhere. The repeat is detected by asking whether the clock read the same
 * a shift earlier, so no offset is computed here.
 *
 * @example
 * wallTimeToInstant('Europe/Berlin', { year: 2026, month: 10, day: 25 }, 150); // 2026-10-25T00:30Z (02:30 CEST)
 */
export const wallTimeToInstant = (timezone: string, date: LocalDate, minuteOfDay: number): number => {
  const instant = instantOfWallMs(timezone, Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay));
  const reading = wallMinuteOf(timezone, instant);
  for (const shift of SHIFTS_MINUTES) {
    const earlier = instant - shift * MINUTE_MS;
    if (wallMinuteOf(timezone, earlier) === reading) return earlier;
  }
  return instant;
};

/** A change of a zone's UTC offset: from `atMs` on, clocks read `afterMs` instead of `beforeMs` ahead of UTC. */
export interface OffsetChange {
  atMs: number;
  beforeMs: number;
  afterMs: number;
}

/** A zone's offsets from a few days before a year to a few days after it. */
export interface YearOffsets {
  firstMs: number;
  changes: OffsetChange[];
}

/**
 * From 1980 on the tz database has whole-minute offsets only and no zone changes its offset twice within
 * 6.9 days (Brazil 2000, Gaza's Ramadan breaks; before, Freetown 1939 did within 4): sampling every 6 days
 * finds every change (for every zone ICU knows, 1980–2130, it finds what a daily scan finds). Before 1980
 * each wall time goes through wallTimeToInstant, as it always did.
 */
export const SCANNED_FROM_YEAR = 1980;
/**
 * No zone lists changes one by one after 2087 (Morocco and Palestine do up to then); later, ICU applies each
 * zone's standing rule, which depends only on month, day of month and weekday. So after 2100 a year's offsets
 * are those of the first year after 2100 that starts on the same weekday and is as long, shifted. The unit
 * tests hold this against ICU for zones with and without daylight saving.
 */
export const RULES_ONLY_AFTER_YEAR = 2100;
const SCAN_STEP_MS = 6 * DAY_MS;
const SCAN_MARGIN_MS = 5 * DAY_MS;
/** Offsets lie within ±14 h and shifts are 2 h at most, so a change farther than this from a wall time cannot move it. */
const CHANGE_REACH_MS = 26 * 3_600_000;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** 0–13: the weekday a year starts on, plus 7 in a leap year. Years of one kind have the same calendar. */
export const yearKindOf = (year: number): number =>
  weekdayIndexOfDay(firstDayOfYear(year)) + (isLeapYear(year) ? 7 : 0);

// A 28-year span without a skipped leap year holds every kind.
const REPRESENTATIVE_YEARS: number[] = [];
for (let year = RULES_ONLY_AFTER_YEAR + 1; year <= RULES_ONLY_AFTER_YEAR + 28; year++) {
  REPRESENTATIVE_YEARS[yearKindOf(year)] ??= year;
}

/** The year whose offsets `year` repeats: itself up to 2100, the first year of its kind after. */
export const representativeYearOf = (year: number): number =>
  year > RULES_ONLY_AFTER_YEAR ? (REPRESENTATIVE_YEARS[yearKindOf(year)] ?? year) : year;

const shifted = (offsets: YearOffsets | undefined, byMs: number): YearOffsets | undefined =>
  offsets && {
    firstMs: offsets.firstMs,
    changes: offsets.changes.map((change) => ({ ...change, atMs: change.atMs + byMs })),
  };

/**
 * One zone's wall times as instants, fast: the zone's offset changes are scanned a year at a time and kept,
 * so that a wall time away from any change is plain arithmetic. Near a change the answer is
 * wallTimeToInstant's, asked once per position relative to the change. Gives exactly what
 * wallTimeToInstant gives.
 *
 * @example
 * zoneClockOf('Europe/Berlin').instantOf(dayNumberOf({ year: 2026, month: 6, day: 15 }), 540); // 2026-06-15T07:00Z
 */
export class ZoneClock {
  /** Offset look-ups so far (about 1 µs each): what a long walk costs. */
  probes = 0;
  /** Wall times handed to wallTimeToInstant so far (about 8 µs each). */
  slowConversions = 0;
  private readonly years = new Map<number, YearOffsets | undefined>();
  private readonly nearChange = new Map<string, number>();

  constructor(readonly timezone: string) {
    if (!isTimeZone(timezone)) throw new RangeError(`Unknown time zone ${timezone}`);
  }

  /** The offsets around `year`; `undefined` before 1980 or in a year with offsets in seconds. */
  yearOffsets(year: number): YearOffsets | undefined {
    if (year < SCANNED_FROM_YEAR) return undefined;
    if (!this.years.has(year)) {
      if (this.years.size > 10_000) this.years.clear();
      const representative = representativeYearOf(year);
      const byMs = (firstDayOfYear(year) - firstDayOfYear(representative)) * DAY_MS;
      this.years.set(
        year,
        representative === year ? this.scan(year) : shifted(this.yearOffsets(representative), byMs),
      );
    }
    return this.years.get(year);
  }

  /** The instant at which clocks read `minute` (0–1440) on local day number `day`. */
  instantOf(day: number, minute: number): number {
    const wallMs = day * DAY_MS + minute * MINUTE_MS;
    const offsets = this.yearOffsets(yearOfDay(day));
    if (!offsets) return this.slowInstantOf(day, minute);
    let offsetMs = offsets.firstMs;
    let near: OffsetChange | undefined;
    for (const change of offsets.changes) {
      if (change.atMs <= wallMs) offsetMs = change.afterMs;
      if (Math.abs(change.atMs - wallMs) > CHANGE_REACH_MS) continue;
      if (near) return this.slowInstantOf(day, minute);
      near = change;
    }
    if (!near) return wallMs - offsetMs;
    // wallTimeToInstant's answer near a change depends only on where the wall time lies relative to it.
    const key = `${near.beforeMs} ${near.afterMs} ${wallMs - near.atMs}`;
    let sinceChange = this.nearChange.get(key);
    if (sinceChange === undefined) {
      sinceChange = this.slowInstantOf(day, minute) - near.atMs;
      if (this.nearChange.size > 50_000) this.nearChange.clear();
      this.nearChange.set(key, sinceChange);
    }
    return near.atMs + sinceChange;
  }

  private slowInstantOf(day: number, minute: number) {
    this.slowConversions++;
    return wallTimeToInstant(this.timezone, localDateOfDay(day), minute);
  }

  private offsetMs(instantMs: number) {
    this.probes++;
    return offsetMsOf(this.timezone, instantMs);
  }

  private scan(year: number): YearOffsets | undefined {
    const endMs = Date.UTC(year + 1, 0, 1) + SCAN_MARGIN_MS;
    let atMs = Date.UTC(year, 0, 1) - SCAN_MARGIN_MS;
    const firstMs = this.offsetMs(atMs);
    let lastOffsetMs = firstMs;
    const changes: OffsetChange[] = [];
    while (atMs < endMs) {
      const nextMs = Math.min(atMs + SCAN_STEP_MS, endMs);
      const nextOffsetMs = this.offsetMs(nextMs);
      if (nextOffsetMs !== lastOffsetMs) {
        const changeMs = this.changeAfter(atMs, nextMs, lastOffsetMs);
        changes.push({
          atMs: changeMs,
          beforeMs: this.offsetMs(changeMs - 1),
          afterMs: this.offsetMs(changeMs),
        });
      }
      atMs = nextMs;
      lastOffsetMs = nextOffsetMs;
    }
    const wholeMinutes = [firstMs, ...changes.map((change) => change.afterMs)].every(
      (offsetMs) => offsetMs % MINUTE_MS === 0,
    );
    return wholeMinutes ? { firstMs, changes } : undefined;
  }

  /** The first instant in `(lowMs, highMs]` past the one change there; both are whole minutes. */
  private changeAfter(lowMs: number, highMs: number, lowOffsetMs: number) {
    const before = (instantMs: number) => this.offsetMs(instantMs) === lowOffsetMs;
    let [low, high] = [lowMs / MINUTE_MS, highMs / MINUTE_MS];
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (before(middle * MINUTE_MS)) low = middle;
      else high = middle;
    }
    // Changes fall on whole minutes; the millisecond search is for the odd one that does not.
    [low, high] = [low * MINUTE_MS, high * MINUTE_MS];
    if (before(high - 1)) return high;
    high -= 1;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (before(middle)) low = middle;
      else high = middle;
    }
    return high;
  }
}

const zoneClocks = new Map<string, ZoneClock>();

/** The zone's clock, kept for the life of the process: what it learns of a zone stays true. */
export const zoneClockOf = (timezone: string): ZoneClock => {
  let clock = zoneClocks.get(timezone);
  if (!clock) {
    clock = new ZoneClock(timezone);
    zoneClocks.set(timezone, clock);
  }
  return clock;
};
