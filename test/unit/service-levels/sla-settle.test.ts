import { describe, expect, it } from 'vitest';
import type { RecordDeps } from '#processes/dependencies.ts';
import { settleDueRecord, sweepActor } from '#processes/service-levels/sla-sweep.ts';
import { revisionWrites } from '#processes/versioned-write.ts';
import { config, mondayNine } from './service-level-config.ts';

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
  it('announces the 75 % warning and the breach once, marks breached and drops the due entry', () => {
    // Act: 4 h 30 into a 4 h clock whose 50 % warning went out
    const now = new Date('2026-06-15T11:30:00.000Z');
    const settled = settleDueRecord(deps, config, 'incident', dueIncident, now);
    // Assess
    const [update, history, ...events] = settled ? revisionWrites(deps, settled.revision) : [];
    expect(update).toMatchObject({ type: 'update', kind: 'incident', expectedVersion: 4 });
    const record = (update as { record: Record<string, unknown> }).record;
    expect(record).toMatchObject({
      version: 5,
      updatedAt: '2026-06-15T11:30:00.000Z',
      slaEmitted: ['p1-resolution@50', 'p1-resolution@75', 'p1-resolution@100'],
      slas: [{ policyId: 'p1-resolution', state: 'breached', breachedAt: '2026-06-15T11:00:00.000Z' }],
    });
    expect(record.slaNextCheckAt).toBeUndefined();
    expect(history).toMatchObject({
      type: 'history',
      entry: {
        version: 5,
        actor: sweepActor,
        changes: [
          {
            field: 'slas',
            from: [{ policyId: 'p1-resolution', state: 'running' }],
            to: [{ policyId: 'p1-resolution', state: 'breached' }],
          },
        ],
      },
    });
    expect(
      events.map((write) => {
        const { detailType, detail } = (
          write as { event: { detailType: string; detail: Record<string, unknown> } }
        ).event;
        return [
          detailType,
          detail.id,
          detail.number,
          detail.type,
          detail.version,
          detail.policyId,
          detail.percent,
        ];
      }),
    ).toEqual([
      ['SLA Warning', 'i1', 'INC0001001', 'incident', 5, 'p1-resolution', 75],
      ['SLA Breached', 'i1', 'INC0001001', 'incident', 5, 'p1-resolution', 100],
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
    const record = settled?.revision.record as Record<string, unknown> | undefined;
    expect(settled?.emissions.map((emission) => emission.percent)).toEqual([50]);
    expect(record?.slaNextCheckAt).toBe('2026-06-15T10:00:00.000Z');
  });
});
