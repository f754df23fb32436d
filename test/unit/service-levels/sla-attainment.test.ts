import { describe, expect, it } from 'vitest';
import type { SlaStatus } from '#domain/service-levels/index.ts';
import { nearestRank, slaAttainment } from '#domain/service-levels/sla-attainment.ts';

const status = (state: SlaStatus['state'], elapsedSeconds: number, stopped = true): SlaStatus => ({
  policyId: 'p1-response',
  metric: 'response',
  state,
  startedAt: '2026-06-15T07:00:00.000Z',
  dueAt: '2026-06-15T08:00:00.000Z',
  elapsedSeconds,
  percentElapsed: elapsedSeconds / 36,
  ...(stopped ? { stoppedAt: '2026-06-15T07:30:00.000Z' } : {}),
});

describe('slaAttainment', () => {
  it('counts outcomes per policy and priority with mean and p90 business time of finished clocks', () => {
    // Prepare: ten finished P1 responses (1..10 minutes, the last two late), one running, one canceled
    const samples = [
      ...Array.from({ length: 8 }, (_, index) => status('met', (index + 1) * 60)),
      status('breached', 540),
      status('breached', 600),
      status('running', 120, false),
      status('canceled', 30),
    ].map((sla) => ({ recordType: 'incident', priority: 1, status: sla }));
    // Act
    const [row, ...others] = slaAttainment([
      ...samples,
      { recordType: 'incident', priority: 2, status: status('breached', 4000, false) },
    ]);
    // Assess
    expect(row).toEqual({
      recordType: 'incident',
      policyId: 'p1-response',
      metric: 'response',
      priority: 1,
      total: 12,
      met: 8,
      breached: 2,
      inProgress: 1,
      canceled: 1,
      attainment: 0.8,
      businessSeconds: { count: 10, mean: 330, p90: 540 },
    });
    expect(others).toEqual([
      expect.objectContaining({
        priority: 2,
        breached: 1,
        attainment: 0,
        businessSeconds: { count: 0, mean: null, p90: null },
      }),
    ]);
  });

  it('takes the nearest rank', () => {
    expect(nearestRank([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(90);
    expect(nearestRank([5], 90)).toBe(5);
    expect(nearestRank([], 90)).toBeNull();
  });
});
