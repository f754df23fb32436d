import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessDays } from '#domain/service-levels/business-intervals.ts';
import { addBusinessMs, businessMsBetween } from '#domain/service-levels/business-time.ts';
import { type Case, caseArb, DAY_MS } from './business-time-arbitraries.ts';
import { referenceAddBusinessMs, referenceBusinessMsBetween } from './business-time-reference.ts';

// The walk that skips weeks and years against the one that went interval by interval (the reference):
// same answer, to the millisecond, for every calendar, start and target. Targets reach up to about four
// weeks of the calendar's own business time, so that the reference walks a few weeks at most.

/** A target from nothing to four ordinary weeks of the calendar; some of a few seconds. */
const targetOf = ({ calendar }: Case, share: number, seconds: number) =>
  share < 0.1 ? seconds * 1000 : Math.round(share * 4 * new BusinessDays(calendar).weekMs);

const agreesWithReference = (testCase: Case, share: number, seconds: number, spanMs: number) => {
  const { calendar, fromMs } = testCase;
  const targetMs = targetOf(testCase, share, seconds);
  expect(addBusinessMs(calendar, fromMs, targetMs)).toBe(referenceAddBusinessMs(calendar, fromMs, targetMs));
  expect(businessMsBetween(calendar, fromMs, fromMs + spanMs)).toBe(
    referenceBusinessMsBetween(calendar, fromMs, fromMs + spanMs),
  );
};

const shareArb = fc.double({ min: 0, max: 1, noNaN: true });
const secondsArb = fc.integer({ min: 1, max: 86_400 });
const spanArb = fc.integer({ min: 0, max: 30 * DAY_MS });

describe('business time against the interval-by-interval reference', () => {
  it('agrees in 2026–2027, starts near offset changes and holidays included', () => {
    fc.assert(fc.property(caseArb(), shareArb, secondsArb, spanArb, agreesWithReference), { numRuns: 150 });
  });

  it('agrees on both sides of 2100, where years start to repeat the zone rules of their kind', () => {
    fc.assert(
      fc.property(caseArb({ min: 2099, max: 2102 }), shareArb, secondsArb, spanArb, agreesWithReference),
      { numRuns: 60 },
    );
  });

  it('agrees in any later year, even past 9999 (there are no holidays there)', () => {
    fc.assert(
      fc.property(caseArb({ min: 2103, max: 270_000 }), shareArb, secondsArb, spanArb, agreesWithReference),
      { numRuns: 60 },
    );
  });

  it('agrees around 1980, before which every wall time goes through the library', () => {
    fc.assert(
      fc.property(caseArb({ min: 1978, max: 1980 }), shareArb, secondsArb, spanArb, agreesWithReference),
      { numRuns: 20 },
    );
  });

  it.each([
    // Mon–Fri office hours in Berlin with Christmas off, a year: two DST changes and the holiday
    ['Europe/Berlin', { mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] }, ['2026-12-25'], 365],
    // a night shift across New York's DST nights, holidays on consecutive days
    [
      'America/New_York',
      { sat: [['22:00', '06:00']], sun: [['01:30', '03:00']] },
      ['2026-11-01', '2026-11-02'],
      300,
    ],
    // Lord Howe's 30-minute shift, at midnight-adjacent hours, 24:00 ends
    ['Australia/Lord_Howe', { sun: [['01:00', '24:00']], sat: [['23:00', '02:15']] }, ['2026-10-04'], 400],
    // Havana changes at midnight itself
    ['America/Havana', { sun: [['00:00', '01:30']], sat: [['23:30', '00:30']] }, [], 400],
  ])('agrees over a long span in %s', (timezone, week, holidays, days) => {
    // Prepare
    const calendar = { timezone, week, holidays } as Case['calendar'];
    const fromMs = Date.parse('2026-02-20T10:17:00Z');
    const toMs = fromMs + days * DAY_MS;

    // Act
    const measured = businessMsBetween(calendar, fromMs, toMs);

    // Assess: measured as the reference does, and adding it back lands where the reference lands
    expect(measured).toBe(referenceBusinessMsBetween(calendar, fromMs, toMs));
    expect(addBusinessMs(calendar, fromMs, measured)).toBe(
      referenceAddBusinessMs(calendar, fromMs, measured),
    );
  });
});
