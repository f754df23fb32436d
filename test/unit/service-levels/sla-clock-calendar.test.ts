import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, computeSla, type RecordTimeline } from '#domain/service-levels/index.ts';
import { at, berlinOffice, policy } from './fixtures.ts';

describe('computeSla on business hours', () => {
  it('crosses a night, a weekend and a holiday', () => {
    // Prepare: created Thu 2026-12-24 16:00 CET, 4 h target; Fri 25 is a holiday
    const timeline: RecordTimeline = [{ at: '2026-12-24T15:00:00Z', state: 'new', priority: 2 }];

    // Act: Mon 28 10:00 CET
    const status = computeSla(policy(), berlinOffice, timeline, at('2026-12-28T09:00:00Z'));

    // Assess: Thu 16–17 + Mon 09–10 = 2 h of 4; due Mon 12:00 CET
    expect(status).toEqual({
      policyId: 'incident-resolution',
      metric: 'resolution',
      state: 'running',
      startedAt: '2026-12-24T15:00:00.000Z',
      dueAt: '2026-12-28T11:00:00.000Z',
      elapsedSeconds: 7_200,
      percentElapsed: 50,
    });
  });

  describe('a Friday-evening pause resumed on Monday', () => {
    // Prepare: Fri 2026-06-12 14:00 CEST created, on hold 16:00, back to work Mon 15 10:00 CEST; 8 h target
    const timeline: RecordTimeline = [
      { at: '2026-06-12T12:00:00Z', state: 'new', priority: 2 },
      { at: '2026-06-12T12:30:00Z', state: 'in_progress' },
      { at: '2026-06-12T14:00:00Z', state: 'on_hold' },
      { at: '2026-06-15T08:00:00Z', state: 'in_progress' },
    ];
    const eightHours = policy({ targetSeconds: 28_800 });

    it('is paused over the weekend with dueAt as if resumed now', () => {
      // Act: Sat 12:00 CEST
      const status = computeSla(eightHours, berlinOffice, timeline, at('2026-06-13T10:00:00Z'));

      // Assess: Fri 14–16 counted (2 h); 6 h left from Monday 09:00 is 15:00 CEST
      expect(status).toMatchObject({ state: 'paused', elapsedSeconds: 7_200, percentElapsed: 25 });
      expect(status.dueAt).toBe('2026-06-15T13:00:00.000Z');
    });

    it('counts again from Monday 10:00 and recomputes dueAt', () => {
      // Act: Mon 12:00 CEST
      const status = computeSla(eightHours, berlinOffice, timeline, at('2026-06-15T10:00:00Z'));

      // Assess: Fri 14–16 + Mon 10–12 = 4 h; 4 h left is Mon 16:00 CEST (Fri 16–17 and Mon 09–10 were paused)
      expect(status).toMatchObject({ state: 'running', elapsedSeconds: 14_400, percentElapsed: 50 });
      expect(status.dueAt).toBe('2026-06-15T14:00:00.000Z');
    });
  });

  it('starts counting at the next opening for a record created outside business hours', () => {
    // Prepare: Tue 2026-06-16 20:00 CEST, response target 2 h
    const timeline: RecordTimeline = [{ at: '2026-06-16T18:00:00Z', state: 'new', priority: 3 }];
    const response = policy({ id: 'incident-response', metric: 'response', targetSeconds: 7_200 });

    // Act: Wed 08:00 and 09:30 CEST
    const beforeOpening = computeSla(response, berlinOffice, timeline, at('2026-06-17T06:00:00Z'));
    const afterOpening = computeSla(response, berlinOffice, timeline, at('2026-06-17T07:30:00Z'));

    // Assess: nothing counted overnight; due 2 h after Wed 09:00 CEST
    expect(beforeOpening).toMatchObject({ state: 'running', elapsedSeconds: 0, percentElapsed: 0 });
    expect(beforeOpening.startedAt).toBe('2026-06-16T18:00:00.000Z');
    expect(beforeOpening.dueAt).toBe('2026-06-17T09:00:00.000Z');
    expect(afterOpening).toMatchObject({
      elapsedSeconds: 1_800,
      percentElapsed: 25,
      dueAt: '2026-06-17T09:00:00.000Z',
    });
  });
});

describe('computeSla over daylight-saving nights', () => {
  // Prepare: night service 22:00–06:00 every day in Berlin, 8 h target
  const nights: BusinessCalendar = {
    timezone: 'Europe/Berlin',
    week: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['22:00', '06:00']]]),
    ),
    holidays: [],
  };
  const eightHours = policy({ targetSeconds: 28_800 });

  it('gets only 7 real hours on the spring-forward night', () => {
    // Prepare: Sat 2026-03-28 22:00 CET = 21:00Z; the night ends Sun 06:00 CEST = 04:00Z
    const timeline: RecordTimeline = [{ at: '2026-03-28T21:00:00Z', state: 'new' }];

    // Act
    const status = computeSla(eightHours, nights, timeline, at('2026-03-29T12:00:00Z'));

    // Assess: 25 200 s counted; the last hour is Sun 22:00–23:00 CEST = 20:00–21:00Z
    expect(status).toMatchObject({ state: 'running', elapsedSeconds: 25_200, percentElapsed: 87.5 });
    expect(status.dueAt).toBe('2026-03-29T21:00:00.000Z');
  });

  it('gets 9 real hours on the fall-back night and breaches inside it', () => {
    // Prepare: Sat 2026-10-24 22:00 CEST = 20:00Z; the night ends Sun 06:00 CET = 05:00Z
    const timeline: RecordTimeline = [{ at: '2026-10-24T20:00:00Z', state: 'new' }];

    // Act
    const status = computeSla(eightHours, nights, timeline, at('2026-10-25T12:00:00Z'));

    // Assess: 32 400 s counted; 8 h were reached at 04:00Z (05:00 CET)
    expect(status).toMatchObject({ state: 'breached', elapsedSeconds: 32_400, percentElapsed: 112.5 });
    expect(status.breachedAt).toBe('2026-10-25T04:00:00.000Z');
    expect(status.dueAt).toBe('2026-10-25T04:00:00.000Z');
  });
});
