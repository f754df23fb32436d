import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Actor } from '#domain/record/record.ts';
import { eventSchemaDirectory, eventSchemaFiles } from '#infra/tools/event-schemas.ts';
import type { CmdbStore } from '#ports/cmdb-store.ts';
import { changeChange, raiseChange, voteOnChange } from '#processes/change-management.ts';
import { changeCi, createCi } from '#processes/cmdb/configuration-management.ts';
import type { ConfigurationDeps, IncidentDeps } from '#processes/dependencies.ts';
import { refuseInboundEvent } from '#processes/inbound-refusal.ts';
import { changeIncident, logIncident } from '#processes/incident-management.ts';
import { recordProblem } from '#processes/problem-management.ts';
import { changeRequest, submitRequest } from '#processes/request-fulfilment.ts';
import { settleDueRecord } from '#processes/service-levels/sla-sweep.ts';
import {
  type DetailType,
  detailTypes,
  eventDetailSchemas,
  eventSchemaFile,
  eventSource,
} from '#schemas/events.ts';
import { config } from '../service-levels/service-level-config.ts';
import { inMemoryOutbox } from './in-memory-outbox.ts';

const root = join(import.meta.dirname, '../../..');
const committedDirectory = join(root, eventSchemaDirectory);
const regenerate = 'run `npm run events:schemas` and commit docs/events/';

const sourceFiles = (folder: string): string[] =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));

/** Every detail-type literal a producer in shared/ names on a `detailType` line (comments aside). */
const producedDetailTypes = (): string[] => {
  const found = new Set<string>();
  for (const file of [...sourceFiles('shared/processes'), ...sourceFiles('shared/adapters')])
    for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
      const code = line.trim();
      if (!/\bdetailType\b/.test(code) || code.startsWith('*') || code.startsWith('//')) continue;
      for (const [, literal] of code.matchAll(/'([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)+)'/g))
        found.add(literal ?? '');
    }
  return [...found].sort();
};

describe('the committed event schemas', () => {
  it('exist for every detail-type, one file each, and no file for a detail-type that is gone', () => {
    // Act
    const committed = readdirSync(committedDirectory).filter((name) => name.endsWith('.json'));
    // Assess
    expect(Object.keys(eventDetailSchemas).sort()).toEqual([...detailTypes].sort());
    expect(committed.sort(), regenerate).toEqual(detailTypes.map(eventSchemaFile).sort());
  });

  it('are what `npm run events:schemas` generates from shared/schemas/events.ts', () => {
    for (const file of eventSchemaFiles()) {
      // Act
      const committed: unknown = JSON.parse(readFileSync(join(committedDirectory, file.file), 'utf8'));
      // Assess
      expect(committed, `${file.file} is stale: ${regenerate}`).toEqual(JSON.parse(file.content));
    }
  });

  it('are JSON Schema draft-04 documents the schema registry accepts (JSONSchemaDraft4, at most 100,000 characters)', () => {
    for (const file of eventSchemaFiles()) {
      const schema = JSON.parse(file.content) as Record<string, unknown>;
      expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
      expect(schema.title).toBe(file.detailType);
      // SLA events are one object per record type (incident, request), told apart by `type`
      const objects = (schema.oneOf as Array<Record<string, unknown>> | undefined) ?? [schema];
      for (const object of objects) expect(object.type).toBe('object');
      expect(file.content.length).toBeLessThanOrEqual(100_000);
    }
  });

  it('cover every detail-type a producer names', () => {
    // Act
    const produced = producedDetailTypes();
    // Assess: a new detail-type needs its schema (shared/schemas/events.ts) before it ships
    expect(produced.length).toBeGreaterThan(5);
    expect(produced.filter((detailType) => !(detailTypes as readonly string[]).includes(detailType))).toEqual(
      [],
    );
  });

  it('stay out of every Lambda bundle: nothing in functions/ or shared/ imports the catalog', () => {
    const importers = [...sourceFiles('functions'), ...sourceFiles('shared')].filter((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      if (file === join('shared', 'schemas', 'events.ts')) return false;
      const sibling = file.startsWith(join('shared', 'schemas')) && text.includes("from './events.ts'");
      return sibling || /from '(#schemas\/|(\.\.\/)+schemas\/)events\.ts'/.test(text);
    });
    expect(importers).toEqual([]);
  });

  it('leave objects open, so a field added to a record never breaks a consumer', () => {
    for (const file of eventSchemaFiles())
      expect(file.content).not.toContain('"additionalProperties": false');
  });
});

const agent: Actor = { sub: 'agent-1', roles: ['agent'] };
const manager: Actor = { sub: 'manager-1', roles: ['change_manager'] };
const requester: Actor = { sub: 'requester-1', roles: ['requester'] };

/** A CMDB with no relationships: the changes and CIs below need nothing more of it. */
const emptyCmdb = {
  impactedServices: async () => [],
  relatedCis: async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, []])),
  changeFootprintWrites: () => [],
  store: {} as CmdbStore,
};

/** Runs each ITSM process that emits an event once, through the real outbox path. */
const producedEvents = async () => {
  const outbox = inMemoryOutbox();
  let time = Date.parse('2026-06-15T07:00:00.000Z');
  let ids = 0;
  const deps: IncidentDeps & ConfigurationDeps = {
    store: outbox.store,
    clock: { now: () => new Date(time) },
    ids: { next: () => `id-${++ids}` },
    serviceLevels: { config: async () => config } as unknown as IncidentDeps['serviceLevels'],
    cmdb: emptyCmdb,
    reportFailure: (what, error) => {
      throw new Error(`${what}: ${String(error)}`);
    },
  };
  const ci = (await createCi(deps, agent, { name: 'orders-db', type: 'database', serviceTier: 1 })).body;
  await changeCi(deps, agent, ci.id, { attributes: { engine: 'postgres' } });

  const incident = (await logIncident(deps, agent, { title: 'Checkout fails', impact: 1, urgency: 1 })).body;
  await changeIncident(deps, agent, incident.id, { state: 'in_progress', assignee: 'agent-1' });
  time += 3 * 3_600_000; // 3 h into a 4 h P1 resolution clock: the 50 % and 75 % warnings are due
  const stored = await outbox.store.get<Parameters<typeof settleDueRecord>[3]>('incident', incident.id);
  const warned = stored && settleDueRecord(deps, config, 'incident', stored, new Date(time));
  time += 2 * 3_600_000; // and past its target
  const breached =
    warned &&
    settleDueRecord(deps, config, 'incident', warned.settlement.record as typeof stored, new Date(time));
  for (const settled of [warned, breached])
    await outbox.store.commit((settled?.settlement.events ?? []).map((event) => ({ type: 'event', event })));
  await changeIncident(deps, agent, incident.id, {
    state: 'resolved',
    resolutionCode: 'fixed',
    resolutionNotes: 'Restarted the pool',
  });

  await recordProblem(deps, agent, { title: 'Connection pool exhaustion', incidentIds: [incident.id] });

  const change = (
    await raiseChange(deps, agent, {
      title: 'Raise the pool size',
      type: 'normal',
      ciIds: [ci.id],
      plannedStart: '2026-06-20T20:00:00.000Z',
      plannedEnd: '2026-06-20T21:00:00.000Z',
      implementationPlan: 'Apply the parameter group',
      backoutPlan: 'Revert the parameter group',
    })
  ).body;
  await changeChange(deps, agent, change.id, { state: 'assess' });
  await changeChange(deps, agent, change.id, { state: 'authorize' });
  await voteOnChange(deps, manager, change.id, { decision: 'approve' });

  const request = (await submitRequest(deps, requester, { item: 'Laptop', quantity: 1 })).body;
  await changeRequest(deps, agent, request.id, { state: 'approved' });

  await refuseInboundEvent(deps, {
    source: 'opsdesk.inbound',
    detailType: 'Create Incident',
    eventId: 'e-1',
    errors: [{ path: 'title', message: 'Required' }],
  });
  return outbox.published();
};

/** The ITOM events' shape, as their producers write them (docs/events.md). */
const operationsSamples: Record<'Threshold Breached' | 'Threshold Cleared' | 'Capacity Forecast', unknown> = {
  'Threshold Breached': {
    id: 'ci-1',
    number: 'CI0001001',
    type: 'metric_threshold',
    version: 7,
    record: {
      ciId: 'ci-1',
      key: 'cpu',
      state: 'breached',
      value: 93.5,
      at: '2026-06-15T07:05:00.000Z',
      threshold: { comparison: '>', value: 90, forPeriods: 3 },
      incidentId: 'inc-1',
    },
  },
  'Threshold Cleared': {
    id: 'ci-1',
    number: 'CI0001001',
    type: 'metric_threshold',
    version: 8,
    record: {
      ciId: 'ci-1',
      key: 'cpu',
      state: 'cleared',
      value: 41,
      at: '2026-06-15T07:25:00.000Z',
      threshold: { comparison: '>', value: 90, forPeriods: 3 },
    },
  },
  'Capacity Forecast': {
    id: 'ci-1',
    number: 'CI0001001',
    type: 'capacity_forecast',
    version: 12,
    record: {
      ciId: 'ci-1',
      key: 'disk-used',
      current: 410,
      limit: 500,
      slopePerDay: 9.5,
      exhaustionAt: '2026-06-24T12:00:00.000Z',
      r2: 0.97,
      problemId: 'prb-1',
    },
  },
};

const issuesOf = (detailType: DetailType, detail: unknown) =>
  eventDetailSchemas[detailType]
    .safeParse(detail)
    .error?.issues.map((issue) => `${detailType} ${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('events from the real producers', () => {
  it('match the schema of their detail-type, and carry the record version they announce', async () => {
    // Act
    const events = await producedEvents();
    // Assess: every ITSM detail-type was produced, each detail is valid
    const seen = new Set(events.map((event) => event.detailType));
    expect([...seen].sort()).toEqual(
      detailTypes.filter((detailType) => !(detailType in operationsSamples)).sort(),
    );
    for (const event of events) {
      expect(event.source).toBe(eventSource);
      const detail = JSON.parse(event.detail) as { version?: number; record?: { version?: number } };
      expect(issuesOf(event.detailType as DetailType, detail)).toEqual([]);
      if (event.detailType !== 'Inbound Event Refused') expect(detail.version).toBe(detail.record?.version);
    }
  });

  it('publish a record version once per change: versions of one record only rise', async () => {
    // Act
    const events = await producedEvents();
    // Assess: SLA events announce the version the sweep found (no new version); changes add one
    const versions = new Map<string, number[]>();
    for (const event of events.filter((each) => !each.detailType.startsWith('SLA'))) {
      const detail = JSON.parse(event.detail) as { id: string; version?: number };
      if (detail.version !== undefined)
        versions.set(detail.id, [...(versions.get(detail.id) ?? []), detail.version]);
    }
    for (const [, sequence] of versions) expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    expect([...versions.values()].some((sequence) => sequence.length > 2)).toBe(true);
  });

  it('the ITOM events (thresholds, capacity) match their schemas, and a wrong state does not', () => {
    for (const [detailType, detail] of Object.entries(operationsSamples))
      expect(issuesOf(detailType as DetailType, detail)).toEqual([]);
    expect(issuesOf('Threshold Breached', operationsSamples['Threshold Cleared'])).not.toEqual([]);
    expect(issuesOf('SLA Breached', { id: 'x' })).not.toEqual([]);
  });
});
