import { describe, expect, it } from 'vitest';
import type { SlaSubject } from '#domain/service-levels/sla-subject.ts';
import { extendTimeline, owedEmissions, trackSlas } from '#domain/service-levels/sla-tracking.ts';
import { config, mondayNine } from './service-level-config.ts';

const record = (fields: Partial<SlaSubject>): SlaSubject => ({
  id: 'i1',
  createdAt: mondayNine,
  state: 'new',
  priority: 1,
  slas: [],
  ...fields,
});

describe('extendTimeline', () => {
  it('starts with the creation and appends only state or priority moves', () => {
    // Prepare
    const created = record({});
    const first = extendTimeline(undefined, created, mondayNine);
    const withTimeline = { ...created, slaTimeline: first };
    // Act
    const unchanged = extendTimeline(withTimeline, { ...withTimeline, slas: [] }, '2026-06-15T08:00:00.000Z');
    const moved = extendTimeline(
      withTimeline,
      { ...withTimeline, state: 'on_hold' },
      '2026-06-15T08:00:00.000Z',
    );
    // Assess
    expect(first).toEqual([{ at: mondayNine, state: 'new', priority: 1 }]);
    expect(unchanged).toBe(first);
    expect(moved).toEqual([
      { at: mondayNine, state: 'new', priority: 1 },
      { at: '2026-06-15T08:00:00.000Z', state: 'on_hold', priority: 1 },
    ]);
  });
});

describe('trackSlas', () => {
  it('attaches the matching policy and schedules the first warning', () => {
    // Act: P1, created Monday 09:00 CEST, looked at 30 minutes later
    const tracking = trackSlas(
      config,
      'incident',
      [{ at: mondayNine, state: 'new', priority: 1 }],
      [],
      new Date('2026-06-15T07:30:00.000Z'),
    );
    // Assess: 4 h target, 1800 s elapsed; 50 % is at 2 h, i.e. 09:00Z
    expect(tracking).toEqual({
      slas: [
        {
          policyId: 'p1-resolution',
          metric: 'resolution',
          state: 'running',
          startedAt: mondayNine,
          dueAt: '2026-06-15T11:00:00.000Z',
          elapsedSeconds: 1800,
          percentElapsed: 12.5,
          targetSeconds: 14_400,
        },
      ],
      slaNextCheckAt: '2026-06-15T09:00:00.000Z',
    });
  });

  it('re-evaluates from history on a priority change: P1 canceled, P3 counted from creation', () => {
    // Act: P1 at 09:00, lowered to P3 at 10:00, looked at 11:00 (CEST)
    const tracking = trackSlas(
      config,
      'incident',
      [
        { at: mondayNine, state: 'new', priority: 1 },
        { at: '2026-06-15T08:00:00.000Z', state: 'new', priority: 3 },
      ],
      [],
      new Date('2026-06-15T09:00:00.000Z'),
    );
    // Assess: 2 business hours of 8 on P3; 6 to go, due 17:00 CEST
    expect(
      tracking.slas.map(({ policyId, state, elapsedSeconds }) => [policyId, state, elapsedSeconds]),
    ).toEqual([
      ['p1-resolution', 'canceled', 3600],
      ['p3-resolution', 'running', 7200],
    ]);
    expect(tracking.slas[1]?.dueAt).toBe('2026-06-15T15:00:00.000Z');
    expect(tracking.slaNextCheckAt).toBe('2026-06-15T15:00:00.000Z');
  });

  it('is due now when a reached threshold was never announced, and owes it', () => {
    // Prepare: 3 h into a 4 h P1 clock, only the 50 % warning sent
    const timeline = [{ at: mondayNine, state: 'in_progress', priority: 1 }];
    const now = new Date('2026-06-15T10:00:00.000Z');
    // Act
    const tracking = trackSlas(config, 'incident', timeline, ['p1-resolution@50'], now);
    const owed = owedEmissions(config, tracking.slas, ['p1-resolution@50']);
    // Assess
    expect(tracking.slaNextCheckAt).toBe('2026-06-15T10:00:00.000Z');
    expect(owed.map(({ policy, percent }) => [policy.id, percent])).toEqual([['p1-resolution', 75]]);
  });

  it('stops scheduling a paused clock', () => {
    const tracking = trackSlas(
      config,
      'incident',
      [
        { at: mondayNine, state: 'in_progress', priority: 1 },
        { at: '2026-06-15T07:10:00.000Z', state: 'on_hold', priority: 1 },
      ],
      [],
      new Date('2026-06-15T08:00:00.000Z'),
    );
    expect(tracking.slas[0]).toMatchObject({ state: 'paused', elapsedSeconds: 600 });
    expect(tracking.slaNextCheckAt).toBeUndefined();
  });
});
