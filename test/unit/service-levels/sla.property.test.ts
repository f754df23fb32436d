import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessSeconds,
  type BusinessCalendar,
  businessSecondsBetween,
  computeSla,
  type RecordTimeline,
  type SlaPolicy,
  WEEKDAYS,
} from '#domain/service-levels/index.ts';
import { policy } from './fixtures.ts';
import { liveReplay } from './live-replay.ts';

const MINUTE = 60_000;
const YEAR_2026 = { min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) };
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Intervals on a 15-minute grid, overnight ones and 24:00 ends included. */
const intervalArb = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }))
  .filter(([start, end]) => start !== end)
  .map(([start, end]): [string, string] => [hhmm(start * 15), hhmm(end * 15)]);

const calendarArb = (timezones: string[]) =>
  fc
    .record({
      timezone: fc.constantFrom(...timezones),
      week: fc.record(
        Object.fromEntries(WEEKDAYS.map((day) => [day, fc.array(intervalArb, { maxLength: 2 })])),
      ),
      holidays: fc.array(
        fc.date({ min: new Date(YEAR_2026.min), max: new Date(YEAR_2026.max), noInvalidDate: true }),
        { maxLength: 20 },
      ),
    })
    .map((c): BusinessCalendar => ({ ...c, holidays: c.holidays.map((d) => d.toISOString().slice(0, 10)) }))
    .filter((c) => Object.values(c.week).some((intervals) => intervals.length > 0));

const zonedCalendarArb = calendarArb(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC']);
const instantArb = fc.integer(YEAR_2026);
const STATES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'];

/** A random history on a minute grid, within three days of its creation. */
const timelineArb = fc
  .record({
    createdMs: fc.integer(YEAR_2026).map((ms) => ms - (ms % MINUTE)),
    first: fc.constantFrom('new', 'new', 'in_progress'),
    steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.constantFrom(...STATES)), { maxLength: 8 }),
  })
  .map(({ createdMs, first, steps }): RecordTimeline => {
    let atMs = createdMs;
    const entries: RecordTimeline = [{ at: new Date(createdMs).toISOString(), state: first }];
    for (const [gapMinutes, state] of steps) {
      atMs += gapMinutes * MINUTE;
      entries.push({ at: new Date(atMs).toISOString(), state });
    }
    return entries;
  });

const policyArb = fc
  .record({
    metric: fc.constantFrom('response', 'resolution'),
    targetMinutes: fc.integer({ min: 1, max: 1_500 }),
  })
  .map(({ metric, targetMinutes }) =>
    policy({ metric: metric as SlaPolicy['metric'], targetSeconds: targetMinutes * 60 }),
  );

describe('SLA clock properties', () => {
  it('never counts more business time than wall time', () => {
    fc.assert(
      fc.property(
        zonedCalendarArb,
        instantArb,
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        (calendar, from, span) => {
          const seconds = businessSecondsBetween(calendar, new Date(from), new Date(from + span));
          expect(seconds).toBeGreaterThanOrEqual(0);
          expect(seconds).toBeLessThanOrEqual(span / 1000);
        },
      ),
    );
  });

  it('counts wall time on a 24x7 clock without pauses', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 90 * 86_400 }), (createdMs, seconds) => {
        const timeline = [{ at: new Date(createdMs).toISOString(), state: 'in_progress' }];
        const status = computeSla(policy(), undefined, timeline, new Date(createdMs + seconds * 1000));
        expect(status.elapsedSeconds).toBe(seconds);
      }),
    );
  });

  it('measures back exactly what it adds, and adds back what it measures up to a business instant', () => {
    fc.assert(
      fc.property(
        zonedCalendarArb,
        instantArb,
        fc.integer({ min: 0, max: 21 * 86_400 }),
        (calendar, from, seconds) => {
          const due = addBusinessSeconds(calendar, new Date(from), seconds);
          expect(businessSecondsBetween(calendar, new Date(from), due)).toBe(seconds);
        },
      ),
    );
    fc.assert(
      fc.property(
        zonedCalendarArb,
        instantArb,
        fc.integer({ min: 1, max: 30 * 86_400_000 }),
        (calendar, from, span) => {
          const to = new Date(from + span);
          fc.pre(businessSecondsBetween(calendar, new Date(to.getTime() - 1), to) === 0.001);
          expect(
            addBusinessSeconds(
              calendar,
              new Date(from),
              businessSecondsBetween(calendar, new Date(from), to),
            ),
          ).toEqual(to);
        },
      ),
    );
  });

  it('is unchanged by a pause and resume at the same instant', () => {
    fc.assert(
      fc.property(
        zonedCalendarArb,
        timelineArb,
        fc.nat(),
        fc.integer({ min: 0, max: 5_000 }),
        (calendar, timeline, pick, laterMinutes) => {
          const index = pick % timeline.length;
          const entry = timeline[index];
          fc.pre(entry !== undefined && ['new', 'in_progress'].includes(entry.state) && index > 0);
          const withBlip = [
            ...timeline.slice(0, index + 1),
            { ...entry, state: 'on_hold' },
            entry,
            ...timeline.slice(index + 1),
          ];
          const now = new Date(Date.parse(timeline[0]?.at ?? '') + laterMinutes * MINUTE);
          const sla = policy({ targetSeconds: 36_000 });
          expect(computeSla(sla, calendar, withBlip, now)).toEqual(computeSla(sla, calendar, timeline, now));
        },
      ),
    );
  });

  it('recomputed from history equals the live clock replayed minute by minute', () => {
    fc.assert(
      fc.property(
        calendarArb(['UTC']),
        policyArb,
        timelineArb,
        fc.integer({ min: 0, max: 4_400 }),
        (calendar, sla, timeline, nowMinutes) => {
          const nowMs = Date.parse(timeline[0]?.at ?? '') + nowMinutes * MINUTE;
          const live = liveReplay(sla, calendar, timeline, nowMs);
          const repaired = computeSla(sla, calendar, timeline, new Date(nowMs));
          expect(repaired.state).toBe(live.state);
          expect(repaired.elapsedSeconds).toBe(live.elapsedSeconds);
          expect(repaired.breachedAt).toBe(
            live.breachedMs === undefined ? undefined : new Date(live.breachedMs).toISOString(),
          );
          expect(repaired.stoppedAt).toBe(
            live.stoppedMs === undefined ? undefined : new Date(live.stoppedMs).toISOString(),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('only grows elapsed over time and keeps dueAt while running with no events', () => {
    fc.assert(
      fc.property(
        zonedCalendarArb,
        policyArb,
        timelineArb,
        fc.nat(20_000),
        fc.nat(20_000),
        (calendar, sla, timeline, a, b) => {
          const lastMs = Date.parse(timeline.at(-1)?.at ?? '');
          const [earlier, later] = [
            new Date(lastMs + Math.min(a, b) * MINUTE),
            new Date(lastMs + Math.max(a, b) * MINUTE),
          ];
          const first = computeSla(sla, calendar, timeline, earlier);
          const second = computeSla(sla, calendar, timeline, later);
          expect(second.elapsedSeconds).toBeGreaterThanOrEqual(first.elapsedSeconds);
          if (first.state === 'running' && second.state === 'running') expect(second.dueAt).toBe(first.dueAt);
        },
      ),
    );
  });
});
