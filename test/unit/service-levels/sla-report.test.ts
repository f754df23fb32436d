import { describe, expect, it } from 'vitest';
import type { ServiceLevelConfig, StoredPolicy } from '#domain/service-levels/service-level-config.ts';
import type { SlaSubject } from '#domain/service-levels/sla-subject.ts';
import type { ServiceLevelAdminDeps } from '#processes/dependencies.ts';
import { trackServiceLevels } from '#processes/service-levels/sla-enricher.ts';
import { slaReport } from '#processes/service-levels/sla-report.ts';
import { config as baseConfig, mondayNine, p1Resolution } from './service-level-config.ts';

const hour = 3_600_000;
const range = { from: new Date('2026-06-01T00:00:00.000Z'), to: new Date('2026-07-01T00:00:00.000Z') };
const p1Request: StoredPolicy = {
  ...p1Resolution,
  id: 'rq-fulfilment',
  recordType: 'request',
  priorities: undefined,
  targetSeconds: 60,
  pauseStates: [],
  warnAt: [],
};

/** Report dependencies over fixed records and whatever config is current at report time. */
const reportDeps = (
  config: () => ServiceLevelConfig,
  records: { incident?: SlaSubject[]; request?: SlaSubject[] },
  now: Date,
) =>
  ({
    clock: { now: () => now },
    serviceLevels: {
      config: async () => config(),
      recordsCreated: async function* (kind: 'incident' | 'request') {
        yield (records[kind] ?? []) as unknown as Record<string, unknown>[];
      },
    },
  }) as unknown as ServiceLevelAdminDeps;

/** A record as the enricher stores it when created at `createdAt` under `config`. */
const created = async (
  kind: 'incident' | 'request',
  config: ServiceLevelConfig,
  record: Omit<SlaSubject, 'slas' | 'createdAt'>,
  createdAt = mondayNine,
): Promise<SlaSubject> => {
  const deps = { serviceLevels: { config: async () => config } } as never;
  const after = { ...record, createdAt, slas: [] } as SlaSubject;
  return (await trackServiceLevels(kind)(deps, { before: undefined, after, actor: 'a', now: createdAt }))
    .record;
};

describe('slaReport', () => {
  it('counts no SLA for records created before the policy existed', async () => {
    // Prepare: both records are created with no policy at all, the policies come later
    const none: ServiceLevelConfig = { policies: [], calendars: baseConfig.calendars };
    const incident = await created('incident', none, { id: 'i1', state: 'resolved', priority: 1 });
    const request = await created('request', none, { id: 'r1', state: 'submitted' });
    const later: ServiceLevelConfig = { ...baseConfig, policies: [...baseConfig.policies, p1Request] };
    const deps = reportDeps(
      () => later,
      { incident: [incident], request: [request] },
      new Date(Date.parse(mondayNine) + 2 * hour),
    );
    // Act
    const report = await slaReport(deps, range);
    // Assess
    expect(incident.slas).toEqual([]);
    expect(report.records).toBe(2);
    expect(report.items).toEqual([]);
  });

  it('judges an SLA by the target it had when attached, not the policy as edited since', async () => {
    // Prepare: attached with a 4 h target, which an admin then cuts to 1 h
    const incident = await created('incident', baseConfig, { id: 'i1', state: 'in_progress', priority: 1 });
    const edited: ServiceLevelConfig = {
      ...baseConfig,
      policies: baseConfig.policies.map((policy) =>
        policy.id === p1Resolution.id ? { ...policy, targetSeconds: 3600 } : policy,
      ),
    };
    const deps = reportDeps(
      () => edited,
      { incident: [incident] },
      new Date(Date.parse(mondayNine) + 2 * hour),
    );
    // Act: two hours in
    const report = await slaReport(deps, range);
    // Assess
    expect(incident.slas).toMatchObject([{ policyId: 'p1-resolution', targetSeconds: 14_400 }]);
    expect(report.items).toMatchObject([
      { policyId: 'p1-resolution', priority: 1, total: 1, inProgress: 1, breached: 0 },
    ]);
  });

  it('keeps the attached target when the record changes after the policy was edited', async () => {
    // Prepare
    const incident = await created('incident', baseConfig, { id: 'i1', state: 'new', priority: 1 });
    const edited: ServiceLevelConfig = {
      ...baseConfig,
      policies: baseConfig.policies.map((policy) =>
        policy.id === p1Resolution.id ? { ...policy, targetSeconds: 3600 } : policy,
      ),
    };
    const at = new Date(Date.parse(mondayNine) + 2 * hour).toISOString();
    const deps = { serviceLevels: { config: async () => edited } } as never;
    // Act: a state change two hours in
    const { record } = await trackServiceLevels('incident')(deps, {
      before: incident,
      after: { ...incident, state: 'in_progress' },
      actor: 'a',
      now: at,
    });
    // Assess
    expect(record.slas).toMatchObject([
      { policyId: 'p1-resolution', state: 'running', targetSeconds: 14_400 },
    ]);
  });
});
