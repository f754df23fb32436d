import { describe, expect, it } from 'vitest';
import { assessChangeRisk } from '#domain/change/change-risk.ts';
import { changeWindow } from '#domain/change/risk/change-window.ts';
import { emergencyType } from '#domain/change/risk/emergency-type.ts';
import { recentIncidents } from '#domain/change/risk/recent-incidents.ts';
import type { RiskFactor, RiskInput } from '#domain/change/risk/risk-factor.ts';
import { servicesImpacted } from '#domain/change/risk/services-impacted.ts';
import { aWindow, now } from './change-fixtures.ts';

const input = (overrides: Partial<RiskInput> = {}): RiskInput => ({
  type: 'normal',
  ciIds: ['db-1'],
  plannedStart: '2026-12-01T02:00:00.000Z',
  plannedEnd: '2026-12-01T04:00:00.000Z',
  impactedServiceIds: [],
  incidents: [],
  windows: [],
  now,
  ...overrides,
});

const daysAgo = (days: number) => new Date(Date.parse(now) - days * 86_400_000).toISOString();
const maintenance = aWindow({
  id: 'mw',
  kind: 'maintenance',
  start: '2026-12-01T00:00:00Z',
  end: '2026-12-01T06:00:00Z',
});

const cases: Array<{
  name: string;
  factor: RiskFactor;
  compliant: RiskInput;
  risky: RiskInput;
  points: number;
}> = [
  {
    name: 'servicesImpacted',
    factor: servicesImpacted,
    compliant: input({ impactedServiceIds: ['mail'] }),
    risky: input({ impactedServiceIds: ['mail', 'crm', 'web', 'erp', 'hr', 'mail'] }),
    points: 2,
  },
  {
    name: 'recentIncidents',
    factor: recentIncidents,
    compliant: input({ incidents: [{ id: 'i1', ciId: 'db-1', createdAt: daysAgo(31) }] }),
    risky: input({ incidents: [{ id: 'i1', ciId: 'db-1', createdAt: daysAgo(2) }] }),
    points: 1,
  },
  {
    name: 'emergencyType',
    factor: emergencyType,
    compliant: input({ type: 'standard' }),
    risky: input({ type: 'emergency' }),
    points: 2,
  },
  {
    name: 'changeWindow',
    factor: changeWindow,
    compliant: input({ windows: [maintenance] }),
    risky: input({
      windows: [maintenance],
      plannedStart: '2026-11-30T20:00:00Z',
      plannedEnd: '2026-12-01T05:00:00Z',
    }),
    points: 2,
  },
];

describe.each(cases)('$name', ({ factor, compliant, risky, points }) => {
  it('adds no risk when compliant', () => {
    expect(factor(compliant)).toBeNull();
  });

  it('adds points with a reason when risky', () => {
    expect(factor(risky)?.points).toBe(points);
  });
});

describe('servicesImpacted', () => {
  it('counts the CIs themselves when the CMDB has no relationships', () => {
    expect(servicesImpacted(input({ ciIds: ['a', 'b'] }))).toEqual({
      points: 1,
      reason: { code: 'services_impacted', detail: '2 CIs changed' },
    });
  });
});

describe('changeWindow', () => {
  it('does not count a missed maintenance window when none applies to the CIs', () => {
    expect(changeWindow(input({ windows: [{ ...maintenance, ciIds: ['other'] }] }))).toBeNull();
  });
});

describe('assessChangeRisk', () => {
  it('is low with no factor', () => {
    expect(assessChangeRisk(input())).toEqual({ risk: 'low', riskReasons: [] });
  });

  it('is moderate for an emergency change alone (2 points)', () => {
    expect(assessChangeRisk(input({ type: 'emergency' })).risk).toBe('moderate');
  });

  it('is high from 4 points, with one reason per factor in factor order', () => {
    // Prepare
    const risky = input({
      type: 'emergency',
      impactedServiceIds: ['mail', 'crm'],
      incidents: [{ id: 'i1', ciId: 'db-1', createdAt: daysAgo(1) }],
    });

    // Act
    const assessment = assessChangeRisk(risky);

    // Assess
    expect(assessment.risk).toBe('high');
    expect(assessment.riskReasons.map((reason) => reason.code)).toEqual([
      'services_impacted',
      'recent_incidents',
      'emergency_type',
    ]);
  });
});
