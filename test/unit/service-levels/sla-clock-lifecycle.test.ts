import { describe, expect, it } from 'vitest';
import { computeSla, type RecordTimeline } from '#domain/service-levels/index.ts';
import { at, policy } from './fixtures.ts';

describe('response clock (24x7, 1 h target)', () => {
  const response = policy({ id: 'incident-response', metric: 'response', targetSeconds: 3_600 });
  const created = { at: '2026-01-05T08:00:00Z', state: 'new', priority: 1 };

  it('is met when the record leaves new in time', () => {
    // Act
    const status = computeSla(
      response,
      undefined,
      [created, { at: '2026-01-05T08:30:00Z', state: 'in_progress' }],
      at('2026-01-05T09:00:00Z'),
    );

    // Assess: 30 min of 60; frozen dueAt is where the clock would have run out
    expect(status).toEqual({
      policyId: 'incident-response',
      metric: 'response',
      state: 'met',
      startedAt: '2026-01-05T08:00:00.000Z',
      dueAt: '2026-01-05T09:00:00.000Z',
      elapsedSeconds: 1_800,
      percentElapsed: 50,
      stoppedAt: '2026-01-05T08:30:00.000Z',
    });
  });

  it('is breached when the record leaves new late', () => {
    // Act
    const status = computeSla(
      response,
      undefined,
      [created, { at: '2026-01-05T09:30:00Z', state: 'in_progress' }],
      at('2026-01-05T10:00:00Z'),
    );

    // Assess: 90 min counted, target reached at 09:00
    expect(status).toMatchObject({ state: 'breached', elapsedSeconds: 5_400, percentElapsed: 150 });
    expect(status.breachedAt).toBe('2026-01-05T09:00:00.000Z');
    expect(status.stoppedAt).toBe('2026-01-05T09:30:00.000Z');
  });

  it('is breached when elapsed reaches the target exactly, not only when it passes it', () => {
    // Act: at 09:00 sharp, and a response given at 09:00 sharp
    const atDue = computeSla(response, undefined, [created], at('2026-01-05T09:00:00Z'));
    const respondedAtDue = computeSla(
      response,
      undefined,
      [created, { at: '2026-01-05T09:00:00Z', state: 'in_progress' }],
      at('2026-01-05T10:00:00Z'),
    );

    // Assess
    expect(atDue).toMatchObject({
      state: 'breached',
      elapsedSeconds: 3_600,
      breachedAt: '2026-01-05T09:00:00.000Z',
    });
    expect(respondedAtDue).toMatchObject({ state: 'breached', stoppedAt: '2026-01-05T09:00:00.000Z' });
  });

  it('is breached and still counting while nobody has responded', () => {
    // Act
    const status = computeSla(response, undefined, [created], at('2026-01-05T10:00:00Z'));

    // Assess
    expect(status).toMatchObject({ state: 'breached', elapsedSeconds: 7_200, percentElapsed: 200 });
    expect(status.breachedAt).toBe('2026-01-05T09:00:00.000Z');
    expect(status.stoppedAt).toBeUndefined();
  });

  it('is canceled when the record is canceled while still new', () => {
    // Act
    const status = computeSla(
      response,
      undefined,
      [created, { at: '2026-01-05T08:20:00Z', state: 'canceled' }],
      at('2026-01-05T10:00:00Z'),
    );

    // Assess
    expect(status).toMatchObject({
      state: 'canceled',
      elapsedSeconds: 1_200,
      stoppedAt: '2026-01-05T08:20:00.000Z',
    });
  });
});

describe('resolution clock with reopen (24x7, 4 h target)', () => {
  // Prepare: resolved after 1 h, reopened 2 h later, resolved again after 2 more hours, then closed
  const timeline: RecordTimeline = [
    { at: '2026-02-02T00:00:00Z', state: 'new', priority: 2 },
    { at: '2026-02-02T00:10:00Z', state: 'in_progress' },
    { at: '2026-02-02T01:00:00Z', state: 'resolved' },
    { at: '2026-02-02T03:00:00Z', state: 'in_progress' },
    { at: '2026-02-02T05:00:00Z', state: 'resolved' },
    { at: '2026-02-02T06:00:00Z', state: 'closed' },
  ];

  it.each([
    // [now, state, elapsed, percent, dueAt, stoppedAt]
    ['2026-02-02T02:00:00Z', 'met', 3_600, 25, '2026-02-02T04:00:00.000Z', '2026-02-02T01:00:00.000Z'],
    ['2026-02-02T04:00:00Z', 'running', 7_200, 50, '2026-02-02T06:00:00.000Z', undefined],
    ['2026-02-02T07:00:00Z', 'met', 10_800, 75, '2026-02-02T06:00:00.000Z', '2026-02-02T05:00:00.000Z'],
  ])('at %s is %s with %d s', (now, state, elapsedSeconds, percentElapsed, dueAt, stoppedAt) => {
    // Act
    const status = computeSla(policy(), undefined, timeline, at(now));

    // Assess
    expect(status).toMatchObject({ state, elapsedSeconds, percentElapsed, dueAt });
    expect(status.stoppedAt).toBe(stoppedAt);
  });

  it('is canceled when the record is closed without being resolved', () => {
    // Act
    const status = computeSla(
      policy(),
      undefined,
      [...timeline.slice(0, 2), { at: '2026-02-02T02:00:00Z', state: 'closed' }],
      at('2026-02-02T07:00:00Z'),
    );

    // Assess
    expect(status).toMatchObject({
      state: 'canceled',
      elapsedSeconds: 7_200,
      stoppedAt: '2026-02-02T02:00:00.000Z',
    });
  });

  it('runs a request to fulfilled with the request vocabulary', () => {
    // Act
    const status = computeSla(
      policy({ recordType: 'request' }),
      undefined,
      [
        { at: '2026-02-02T00:00:00Z', state: 'submitted' },
        { at: '2026-02-02T03:00:00Z', state: 'fulfilled' },
      ],
      at('2026-02-02T07:00:00Z'),
    );

    // Assess
    expect(status).toMatchObject({
      state: 'met',
      elapsedSeconds: 10_800,
      stoppedAt: '2026-02-02T03:00:00.000Z',
    });
  });
});
