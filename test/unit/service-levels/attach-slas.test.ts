import { describe, expect, it } from 'vitest';
import { attachSlas, type RecordTimeline } from '#domain/service-levels/index.ts';
import { at, berlinOffice, policy } from './fixtures.ts';

describe('attachSlas', () => {
  // Prepare: 24x7 policies by priority, one for every priority, one for requests
  const policies = [
    policy({ id: 'p1-resolution', priorities: [1], targetSeconds: 3_600 }),
    policy({ id: 'p2-resolution', priorities: [2] }),
    policy({ id: 'p3-resolution', priorities: [3], targetSeconds: 86_400 }),
    policy({ id: 'any-response', metric: 'response', targetSeconds: 3_600 }),
    policy({ id: 'request-resolution', recordType: 'request' }),
  ];

  it('cancels the P1 policy and attaches the P3 one from creation after a priority change', () => {
    // Prepare: created P1 at 08:00, worked on at 08:15, downgraded to P3 at 10:00
    const timeline: RecordTimeline = [
      { at: '2026-03-02T08:00:00Z', state: 'new', priority: 1 },
      { at: '2026-03-02T08:15:00Z', state: 'in_progress' },
      { at: '2026-03-02T10:00:00Z', state: 'in_progress', priority: 3 },
    ];

    // Act
    const slas = attachSlas(policies, {}, 'incident', timeline, at('2026-03-02T11:00:00Z'));

    // Assess: P1 counted 2 h (past its 1 h target) but never applied in hindsight: canceled, no breach;
    // P3 runs from 08:00 (3 h of 24); the response was met at 08:15; P2 and the request policy are absent
    expect(slas.map((sla) => [sla.policyId, sla.state])).toEqual([
      ['p1-resolution', 'canceled'],
      ['p3-resolution', 'running'],
      ['any-response', 'met'],
    ]);
    expect(slas[0]).toMatchObject({ elapsedSeconds: 7_200, stoppedAt: '2026-03-02T10:00:00.000Z' });
    expect(slas[0]?.breachedAt).toBeUndefined();
    expect(slas[1]).toMatchObject({
      startedAt: '2026-03-02T08:00:00.000Z',
      elapsedSeconds: 10_800,
      percentElapsed: 12.5,
      dueAt: '2026-03-03T08:00:00.000Z',
    });
    expect(slas[2]).toMatchObject({ elapsedSeconds: 900 });
  });

  it('resolves the calendar a policy names', () => {
    // Prepare: Mon 2026-06-15 16:00 CEST
    const office = [policy({ id: 'office', calendarId: 'berlin' })];
    const timeline: RecordTimeline = [{ at: '2026-06-15T14:00:00Z', state: 'new', priority: 4 }];

    // Act: Tue 10:00 CEST
    const [sla] = attachSlas(
      office,
      { berlin: berlinOffice },
      'incident',
      timeline,
      at('2026-06-16T08:00:00Z'),
    );

    // Assess: Mon 16–17 + Tue 09–10 = 2 h
    expect(sla).toMatchObject({ elapsedSeconds: 7_200, dueAt: '2026-06-16T10:00:00.000Z' });
  });

  it('refuses a policy whose calendar does not exist', () => {
    // Prepare
    const office = [policy({ calendarId: 'gone' })];

    // Act
    const attach = () =>
      attachSlas(
        office,
        {},
        'incident',
        [{ at: '2026-06-15T14:00:00Z', state: 'new' }],
        at('2026-06-16T08:00:00Z'),
      );

    // Assess
    expect(attach).toThrow(expect.objectContaining({ kind: 'not_found' }));
  });
});
