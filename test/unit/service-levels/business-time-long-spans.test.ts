import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '#domain/service-levels/business-calendar.ts';
import { BusinessDays } from '#domain/service-levels/business-intervals.ts';
import { advanceBusinessMs, measureBusinessMs } from '#domain/service-levels/business-time.ts';
import { computeSla, thresholdInstants } from '#domain/service-levels/index.ts';
import { ZoneClock, zoneClockOf } from '#domain/service-levels/wall-clock.ts';
import { caseArb, DAY_MS } from './business-time-arbitraries.ts';
import { policy } from './fixtures.ts';

// Spans of decades to centuries, which the interval-by-interval reference would take minutes or hours over:
// the walk that skips weeks, years and 400-year cycles is held to the same engine walking every single day,
// and its cost is counted. (The day-by-day walk is held to the reference in business-time-oracle.test.ts.)

const TEN_YEARS_MS = 315_360_000 * 1000;
const YEAR_MS = 365.25 * DAY_MS;

/** Business time in `[fromMs, toMs)` summed day by day, with no day skipped. */
const dayByDay = (days: BusinessDays, fromMs: number, toMs: number) => {
  let total = 0;
  for (let day = days.dayContaining(fromMs); day <= days.dayContaining(toMs); day++) {
    for (const [start, end] of days.intervalsOf(day)) {
      total += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
    }
  }
  return total;
};

/** The earliest instant by which `ms` has passed: measures exactly `ms`, and a millisecond earlier less. */
const expectEarliestReach = (days: BusinessDays, fromMs: number, ms: number, dueMs: number) => {
  expect(dayByDay(days, fromMs, dueMs)).toBe(ms);
  expect(dayByDay(days, fromMs, dueMs - 1)).toBeLessThan(ms);
};

/** One minute on Sundays, the least a valid calendar can have, and 1000 Sunday holidays from 2101 to 9999. */
const sparsest = (timezone: string, holidays: string[] = []): BusinessCalendar => ({
  timezone,
  week: { sun: [['00:00', '00:01']] },
  holidays,
});
const farSundays = Array.from({ length: 1000 }, (_, index) => {
  const date = new Date(Date.UTC(2101 + Math.floor(index * 7.89), 5, 1));
  date.setUTCDate(1 + ((7 - date.getUTCDay()) % 7));
  return date.toISOString().slice(0, 10);
});

describe('business time over long spans', () => {
  it('measures decades, across 2100, as a walk over every day does', () => {
    fc.assert(
      fc.property(
        caseArb({ min: 2026, max: 2110 }),
        fc.integer({ min: 0, max: 40 * YEAR_MS }),
        ({ calendar, fromMs }, spanMs) => {
          const days = new BusinessDays(calendar);
          expect(measureBusinessMs(days, fromMs, fromMs + spanMs)).toBe(
            dayByDay(days, fromMs, fromMs + spanMs),
          );
        },
      ),
      { numRuns: 12 },
    );
  });

  it('measures a 400-year Gregorian cycle at once, holidays in it included', () => {
    // Prepare: Saturday night shifts, overnight into Sunday, in Berlin; holidays from 2101 on
    const calendar: BusinessCalendar = {
      timezone: 'Europe/Berlin',
      week: { sat: [['22:00', '02:30']], sun: [['02:00', '03:00']] },
      holidays: [...farSundays.slice(0, 60), '2105-01-03', '2105-01-04'],
    };
    const days = new BusinessDays(calendar);
    const [fromMs, toMs] = [Date.parse('2100-12-30T15:00:00Z'), Date.parse('2503-01-02T15:00:00Z')];

    // Act
    const measured = measureBusinessMs(days, fromMs, toMs);

    // Assess
    expect(measured).toBe(dayByDay(days, fromMs, toMs));
  });

  it('adds as far as a walk over every day would reach, years and cycles skipped', () => {
    fc.assert(
      fc.property(
        caseArb({ min: 2026, max: 2400 }),
        fc.integer({ min: 1, max: 30 * YEAR_MS }),
        ({ calendar, fromMs }, spanMs) => {
          const days = new BusinessDays(calendar);
          const ms = measureBusinessMs(days, fromMs, fromMs + spanMs);
          fc.pre(ms > 0);
          expectEarliestReach(days, fromMs, ms, advanceBusinessMs(days, fromMs, ms));
        },
      ),
      { numRuns: 12 },
    );
  });

  it.each([
    // Compared with the interval-by-interval walk once (3.4 s and 1.4 s there)
    ['Mon 09:00–17:00 Berlin', { mon: [['09:00', '17:00']] }, [], '2236-04-18T15:00:00.000Z'],
    [
      'Mon–Fri 09:00–17:00 Berlin, Christmas off',
      Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['09:00', '17:00']]])),
      ['2026-12-25'],
      '2068-06-04T15:00:00.000Z',
    ],
  ])('adds ten years on %s as the old walk did', (_, week, holidays, due) => {
    // Prepare
    const calendar = { timezone: 'Europe/Berlin', week, holidays } as BusinessCalendar;

    // Act
    const dueMs = advanceBusinessMs(
      new BusinessDays(calendar),
      Date.parse('2026-06-15T07:00:00Z'),
      TEN_YEARS_MS,
    );

    // Assess
    expect(new Date(dueMs).toISOString()).toBe(due);
  });

  it.each([
    ['Asia/Gaza', []],
    ['Europe/Berlin', farSundays],
    ['America/Santiago', farSundays],
  ])('adds ten years on one minute a week in %s with a bounded amount of work', (timezone, holidays) => {
    // Prepare: a zone seen for the first time, so its offsets are scanned within this call
    const zone = new ZoneClock(timezone);
    const days = new BusinessDays(sparsest(timezone, holidays), zone);
    const fromMs = Date.parse('2026-06-15T07:00:00Z');

    // Act: about 100,000 years ahead, 5.2 million Sundays; the old walk visited every day of them
    const dueMs = advanceBusinessMs(days, fromMs, TEN_YEARS_MS);

    // Assess: offsets scanned up to 2100 and for one year of each of the 14 kinds after; days worked out
    // only near offset changes in those years and around the holidays; and the answer measures back.
    expect(new Date(dueMs).getUTCFullYear()).toBeGreaterThan(100_000);
    expect(zone.probes).toBeLessThan(12_000);
    expect(zone.slowConversions).toBeLessThan(100);
    expect(days.daysExamined).toBeLessThan(6_000);
    expect(measureBusinessMs(new BusinessDays(sparsest(timezone, holidays), zone), fromMs, dueMs)).toBe(
      TEN_YEARS_MS,
    );
  });

  it('computes a paused and resumed ten-year SLA on one minute a week, and its warnings, with bounded work', () => {
    // Prepare: the zone's clock is the process-wide one the SLA clock uses; count what this record costs
    const calendar = sparsest('Australia/Lord_Howe');
    const zone = zoneClockOf(calendar.timezone);
    const [probes, slowConversions] = [zone.probes, zone.slowConversions];
    const sla = policy({ targetSeconds: 315_360_000, warnAt: [50, 75, 90] });
    const timeline = [
      { at: '2026-06-15T07:00:00Z', state: 'new' },
      { at: '2026-06-20T07:00:00Z', state: 'on_hold' },
      { at: '2026-07-01T07:00:00Z', state: 'in_progress' },
    ];
    const now = new Date('2026-07-02T00:00:00Z');

    // Act: the due time, then one walk per threshold, each some 100,000 years long
    const status = computeSla(sla, calendar, timeline, now);
    const thresholds = thresholdInstants(sla, calendar, status, now);

    // Assess
    expect(status.state).toBe('running');
    expect(thresholds.map(({ percent }) => percent)).toEqual([50, 75, 90, 100]);
    expect(thresholds.at(-1)?.at).toBe(status.dueAt);
    expect(zone.probes - probes).toBeLessThan(12_000);
    expect(zone.slowConversions - slowConversions).toBeLessThan(100);
  });

  it('takes a target right at the end of a skipped stretch as due at that closing time', () => {
    // Prepare: measure exactly the first 500 years from a Sunday opening in Berlin
    const days = new BusinessDays(sparsest('Europe/Berlin'));
    const fromMs = Date.parse('2026-06-13T22:00:00Z');
    const toMs = Date.parse('2526-06-14T00:00:00Z');
    const ms = measureBusinessMs(days, fromMs, toMs);

    // Act
    const dueMs = advanceBusinessMs(days, fromMs, ms);

    // Assess: the last minute ends before `toMs`, and that end is the due time, not the next opening
    expect(dueMs).toBeLessThanOrEqual(toMs);
    expect(measureBusinessMs(days, fromMs, dueMs)).toBe(ms);
    expect(measureBusinessMs(days, fromMs, dueMs - 1)).toBe(ms - 1);
  });
});
