import { describe, expect, it } from 'vitest';
import {
  computeSla,
  dueThresholds,
  nextSweepAt,
  type RecordTimeline,
  thresholdInstants,
} from '#domain/service-levels/index.ts';
import { at, berlinOffice, policy } from './fixtures.ts';

describe('SLA thresholds (24x7 response, 1 h target, warnings at 75 and 50)', () => {
  const response = policy({ metric: 'response', targetSeconds: 3_600, warnAt: [75, 50] });
  const timeline: RecordTimeline = [{ at: '2026-01-05T08:00:00Z', state: 'new' }];
  const statusAt = (now: string) => computeSla(response, undefined, timeline, at(now));

  it('lists every threshold ahead, in order, and sweeps at the first', () => {
    // Prepare
    const status = statusAt('2026-01-05T08:00:00Z');

    // Act
    const instants = thresholdInstants(response, undefined, status, at('2026-01-05T08:00:00Z'));
    const sweep = nextSweepAt(response, undefined, status, at('2026-01-05T08:00:00Z'));

    // Assess
    expect(instants).toEqual([
      { percent: 50, at: '2026-01-05T08:30:00.000Z' },
      { percent: 75, at: '2026-01-05T08:45:00.000Z' },
      { percent: 100, at: '2026-01-05T09:00:00.000Z' },
    ]);
    expect(sweep).toBe('2026-01-05T08:30:00.000Z');
  });

  it('owes the reached warnings not yet emitted', () => {
    // Prepare: 40 min = 66.66 %
    const status = statusAt('2026-01-05T08:40:00Z');

    // Act / Assess
    expect(dueThresholds(response, status, [])).toEqual([50]);
    expect(dueThresholds(response, status, [50])).toEqual([]);
    expect(nextSweepAt(response, undefined, status, at('2026-01-05T08:40:00Z'))).toBe(
      '2026-01-05T08:45:00.000Z',
    );
  });

  it('owes the breach and skipped warnings once breached, and schedules nothing more', () => {
    // Prepare
    const status = statusAt('2026-01-05T09:10:00Z');

    // Act / Assess
    expect(dueThresholds(response, status, [50])).toEqual([75, 100]);
    expect(thresholdInstants(response, undefined, status, at('2026-01-05T09:10:00Z'))).toEqual([]);
    expect(nextSweepAt(response, undefined, status, at('2026-01-05T09:10:00Z'))).toBeUndefined();
  });

  it('never owes or schedules a threshold before it is truly reached', () => {
    // Prepare: 50 % of 3601 s is 1800.5 s, so whole seconds reach it at 1801
    const odd = policy({ metric: 'response', targetSeconds: 3_601, warnAt: [50] });
    const statusAfter = (seconds: number) =>
      computeSla(odd, undefined, timeline, new Date(Date.parse('2026-01-05T08:00:00Z') + seconds * 1000));

    // Act / Assess
    expect(dueThresholds(odd, statusAfter(1_800), [])).toEqual([]);
    expect(dueThresholds(odd, statusAfter(1_801), [])).toEqual([50]);
    expect(nextSweepAt(odd, undefined, statusAfter(0), at('2026-01-05T08:00:00Z'))).toBe(
      '2026-01-05T08:30:01.000Z',
    );
  });

  it('owes nothing for a met clock', () => {
    // Prepare: responded at 50 min, past the 75 % mark
    const met = computeSla(
      response,
      undefined,
      [...timeline, { at: '2026-01-05T08:50:00Z', state: 'in_progress' }],
      at('2026-01-05T09:10:00Z'),
    );

    // Act / Assess
    expect(met.state).toBe('met');
    expect(dueThresholds(response, met, [50])).toEqual([]);
  });
});

describe('SLA thresholds on business hours', () => {
  // Prepare: created Fri 2026-06-12 16:00 CEST, 8 h target, warning at 50
  const eightHours = policy({ targetSeconds: 28_800, warnAt: [50] });
  const created = { at: '2026-06-12T14:00:00Z', state: 'in_progress' };

  it('places thresholds on the calendar', () => {
    // Act
    const status = computeSla(eightHours, berlinOffice, [created], at('2026-06-12T14:00:00Z'));
    const instants = thresholdInstants(eightHours, berlinOffice, status, at('2026-06-12T14:00:00Z'));

    // Assess: 4 h = Fri 16–17 + Mon 09–12 CEST; 8 h = ... + Mon 09–16 CEST
    expect(instants).toEqual([
      { percent: 50, at: '2026-06-15T10:00:00.000Z' },
      { percent: 100, at: '2026-06-15T14:00:00.000Z' },
    ]);
  });

  it('gives a paused clock instants as if resumed now but no sweep', () => {
    // Prepare: on hold from Fri 16:30 CEST, seen Sat
    const status = computeSla(
      eightHours,
      berlinOffice,
      [created, { at: '2026-06-12T14:30:00Z', state: 'on_hold' }],
      at('2026-06-13T10:00:00Z'),
    );

    // Act
    const instants = thresholdInstants(eightHours, berlinOffice, status, at('2026-06-13T10:00:00Z'));

    // Assess: 30 min counted; 50 % after 3.5 more hours from Mon 09:00 CEST
    expect(status.state).toBe('paused');
    expect(instants[0]).toEqual({ percent: 50, at: '2026-06-15T10:30:00.000Z' });
    expect(nextSweepAt(eightHours, berlinOffice, status, at('2026-06-13T10:00:00Z'))).toBeUndefined();
  });
});

describe('SLA thresholds after the year 9999', () => {
  // Ten years of business time on a calendar open one minute a week: about 100,000 years away.
  const decade = policy({ metric: 'resolution', targetSeconds: 10 * 365 * 86_400, warnAt: [50] });
  const minuteAWeek = { ...berlinOffice, week: { mon: [['09:00', '09:01']] as [string, string][] } };
  const timeline: RecordTimeline = [{ at: '2026-01-05T08:00:00Z', state: 'new' }];

  it('are never a sweep time, though an ISO string of one sorts before every four-digit year', () => {
    // Prepare
    const now = at('2026-01-05T08:00:00Z');
    const status = computeSla(decade, minuteAWeek, timeline, now);

    // Act
    const instants = thresholdInstants(decade, minuteAWeek, status, now);
    const sweep = nextSweepAt(decade, minuteAWeek, status, now);

    // Assess
    expect(instants.map((instant) => instant.at.slice(0, 1))).toEqual(['+', '+']);
    expect(instants[0] && instants[0].at < now.toISOString()).toBe(true);
    expect(sweep).toBeUndefined();
  });

  it('leave a nearer threshold the sweep time', () => {
    // Prepare: open all Monday, so 50 % of ten years (1,825 days) is 1,825 Mondays on
    const mondays = { ...berlinOffice, week: { mon: [['00:00', '24:00']] as [string, string][] } };
    const now = at('2026-01-05T08:00:00Z');
    const status = computeSla(decade, mondays, timeline, now);

    // Act
    const sweep = nextSweepAt(decade, mondays, status, now);

    // Assess
    expect(sweep).toBe('2060-12-27T08:00:00.000Z');
  });
});
