import { describe, expect, it } from 'vitest';
import type { RecordDeps } from '#processes/dependencies.ts';
import { settleDueRecord } from '#processes/service-levels/sla-sweep.ts';
import { config, mondayNine, p1Resolution } from './service-level-config.ts';

let sequence = 0;
const deps = {
  ids: { next: () => `event-${++sequence}` },
  clock: { now: () => new Date() },
} as unknown as RecordDeps;

const dueIncident = {
  id: 'i1',
  number: 'INC0001001',
  version: 4,
  createdAt: mondayNine,
  updatedAt: mondayNine,
  state: 'in_progress',
  priority: 1,
  slas: [{ policyId: 'p1-resolution', state: 'running' }],
  slaTimeline: [{ at: mondayNine, state: 'in_progress', priority: 1 }],
  slaEmitted: ['p1-resolution@50'],
  slaNextCheckAt: '2026-06-15T10:00:00.000Z',
};

describe('settleDueRecord', () => {
  it('announces the 75 % warning and the breach once, marks breached and drops the due entry, same version', () => {
    // Act: 4 h 30 into a 4 h clock whose 50 % warning went out
    const now = new Date('2026-06-15T11:30:00.000Z');
    const settled = settleDueRecord(deps, config, 'incident', dueIncident, now);
    // Assess: bookkeeping only, so no new version (no history line, a client's ETag stays valid)
    const settlement = settled?.settlement;
    expect(settlement).toMatchObject({
      kind: 'incident',
      announced: ['p1-resolution@75', 'p1-resolution@100'],
      record: {
        version: 4,
        updatedAt: mondayNine,
        slaEmitted: ['p1-resolution@50', 'p1-resolution@75', 'p1-resolution@100'],
        slas: [{ policyId: 'p1-resolution', state: 'breached', breachedAt: '2026-06-15T11:00:00.000Z' }],
      },
    });
    expect(settlement?.record.slaNextCheckAt).toBeUndefined();
    expect(
      settlement?.events.map(({ detailType, detail }) => {
        const fields = detail as unknown as Record<string, unknown>;
        return [
          detailType,
          fields.id,
          fields.number,
          fields.type,
          fields.version,
          fields.policyId,
          fields.percent,
        ];
      }),
    ).toEqual([
      ['SLA Warning', 'i1', 'INC0001001', 'incident', 4, 'p1-resolution', 75],
      ['SLA Breached', 'i1', 'INC0001001', 'incident', 4, 'p1-resolution', 100],
    ]);
  });

  it('tracks only the SLAs attached, at their attach-time target', () => {
    // Prepare: attached with a 2 h target; the policy now says 4 h, and another policy appeared
    const attached = {
      ...dueIncident,
      slas: [{ policyId: 'p1-resolution', state: 'running', targetSeconds: 7200 }],
      slaEmitted: ['p1-resolution@50', 'p1-resolution@75'],
      slaNextCheckAt: '2026-06-15T09:00:00.000Z',
    };
    const withNewPolicy = {
      ...config,
      policies: [...config.policies, { ...p1Resolution, id: 'p1-later', warnAt: [] }],
    };
    // Act: 2 h 10 in
    const settled = settleDueRecord(
      deps,
      withNewPolicy,
      'incident',
      attached,
      new Date('2026-06-15T09:10:00.000Z'),
    );
    // Assess
    expect(settled?.settlement.announced).toEqual(['p1-resolution@100']);
    expect(settled?.settlement.record.slas).toMatchObject([
      { policyId: 'p1-resolution', state: 'breached', targetSeconds: 7200 },
    ]);
  });

  it('leaves a record alone that is not due any more', () => {
    const settled = settleDueRecord(
      deps,
      config,
      'incident',
      dueIncident,
      new Date('2026-06-15T09:59:59.999Z'),
    );
    expect(settled).toBeUndefined();
  });

  it('moves the due entry to the next threshold after a warning', () => {
    // Act: 2 h 10 in: 50 % is owed (already sent here), 75 % is at 3 h
    const settled = settleDueRecord(
      deps,
      config,
      'incident',
      { ...dueIncident, slaEmitted: [], slaNextCheckAt: '2026-06-15T09:00:00.000Z' },
      new Date('2026-06-15T09:10:00.000Z'),
    );
    const record = settled?.settlement.record;
    expect(settled?.emissions.map((emission) => emission.percent)).toEqual([50]);
    expect(record?.slaNextCheckAt).toBe('2026-06-15T10:00:00.000Z');
  });
});
