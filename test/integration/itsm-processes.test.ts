import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCmdbStore } from '#adapters/dynamo/dynamo-cmdb-store.ts';
import { DynamoRecordStore } from '#adapters/dynamo/dynamo-record-store.ts';
import { DynamoServiceLevels } from '#adapters/dynamo/dynamo-service-levels.ts';
import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import type { Actor } from '#domain/record/record.ts';
import type { CmdbReader } from '#ports/cmdb-reader.ts';
import { randomIds } from '#ports/id-generator.ts';
import type { RecordWrite } from '#ports/record-store.ts';
import {
  changeChange,
  currentConflicts,
  listChanges,
  raiseChange,
  voteOnChange,
} from '#processes/change-management.ts';
import { listChangeWindows } from '#processes/change-windows.ts';
import type { ChangeDeps, ConfigurationDeps, IncidentDeps } from '#processes/dependencies.ts';
import { logIncident } from '#processes/incident-management.ts';
import { listProblems, problemCandidatesNow, recordProblem } from '#processes/problem-management.ts';
import { listRequests, submitRequest } from '#processes/request-fulfilment.ts';
import { countCalls, freshTable } from '../support/test-platform.ts';

const agent: Actor = { sub: 'alice', roles: ['agent'] };
const manager: Actor = { sub: 'carl', roles: ['change_manager'] };
const requester: Actor = { sub: 'rob', roles: ['requester'] };
const clock = { now: () => new Date('2027-01-10T09:00:00.000Z') };

/** A CMDB where the app runs on the server and two services need the app. */
const cmdb: CmdbReader = {
  impactedServices: async (ciIds) =>
    ciIds.includes('app-1')
      ? [
          { ciId: 'svc-pay', name: 'Payments' },
          { ciId: 'svc-shop', name: 'Shop' },
        ]
      : [],
  relatedCis: async (ciIds) =>
    Object.fromEntries(
      ciIds.map((ciId) => [ciId, ciId === 'app-1' ? ['srv-1'] : ciId === 'srv-1' ? ['app-1'] : []]),
    ),
  changeFootprintWrites: () => [],
};

let deps: IncidentDeps & ChangeDeps & ConfigurationDeps;
let calls: string[];
const committed: RecordWrite[][] = [];

/** Every CI these tests name: incidents and changes may only point at CIs that exist. */
const seededCis = ['app-1', 'srv-1', 'db-9', 'kms-1', 'q-1', 'z-1'];
const seedCi = (id: string): RecordWrite => {
  const record: ConfigurationItem = {
    id,
    number: `CI-${id}`,
    name: id,
    type: 'server',
    status: 'active',
    attributes: {},
    attributeSources: {},
    health: 'ok',
    ownHealth: 'ok',
    openIncidents: {},
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-01T00:00:00.000Z',
    createdBy: 'seed',
    version: 1,
  };
  return { type: 'create', kind: 'ci', record };
};

beforeAll(async () => {
  const { client, tableName } = await freshTable();
  await new DynamoRecordStore(client, tableName).commit(seededCis.map(seedCi));
  calls = countCalls(client);
  const store = new DynamoRecordStore(client, tableName);
  const commit = store.commit.bind(store);
  store.commit = async (writes) => {
    await commit(writes);
    committed.push(writes);
  };
  deps = {
    store,
    clock,
    ids: randomIds,
    // The reader answers risk and conflicts; the empty graph store serves the incident enricher.
    cmdb: { ...cmdb, store: new DynamoCmdbStore(client, tableName) },
    serviceLevels: new DynamoServiceLevels(client, tableName),
    reportFailure: (what, error) => {
      throw new Error(`${what}: ${String(error)}`);
    },
  };
});

const window = { plannedStart: '2027-02-01T22:00:00.000Z', plannedEnd: '2027-02-02T01:00:00.000Z' };
const eventTypes = (writes: RecordWrite[]) =>
  writes.flatMap((write) => (write.type === 'event' ? [write.event.detailType] : []));

describe('change management through the SDK', () => {
  it('finds related-CI overlaps one hop through the CMDB, and counts services it impacts', async () => {
    // Prepare
    const onApp = (
      await raiseChange(deps, agent, { title: 'App release', type: 'standard', ciIds: ['app-1'], ...window })
    ).body;
    const onServer = (
      await raiseChange(deps, agent, { title: 'Kernel patch', type: 'standard', ciIds: ['srv-1'], ...window })
    ).body;
    await changeChange(deps, agent, onApp.id, { state: 'scheduled' });
    await changeChange(deps, agent, onServer.id, { state: 'scheduled' });
    // Act
    const ofApp = await currentConflicts(deps, onApp.id);
    const ofServer = await currentConflicts(deps, onServer.id);
    // Assess
    expect(onApp.riskReasons).toEqual([
      { code: 'services_impacted', detail: '2 services impacted through the CMDB' },
    ]);
    expect(ofApp.items).toEqual([{ kind: 'related_ci_overlap', changeId: onServer.id, ciId: 'app-1' }]);
    expect(ofServer.items).toEqual([{ kind: 'related_ci_overlap', changeId: onApp.id, ciId: 'srv-1' }]);
  });

  it('counts recent incidents on the CIs in the risk', async () => {
    // Prepare
    for (let n = 0; n < 3; n++)
      await logIncident(deps, agent, { title: 'Disk full', impact: 2, urgency: 2, ciId: 'db-9' });
    // Act
    const change = (
      await raiseChange(deps, agent, { title: 'Grow disk', type: 'normal', ciIds: ['db-9'], ...window })
    ).body;
    // Assess
    expect(change.riskReasons).toEqual([
      { code: 'recent_incidents', detail: '3 incidents on these CIs in the last 30 days' },
    ]);
    expect(change.risk).toBe('moderate');
  });

  it('emits Change Updated on every change and Change Approved when approvals schedule it', async () => {
    // Prepare
    const change = (
      await raiseChange(deps, agent, { title: 'Rotate keys', type: 'emergency', ciIds: ['kms-1'], ...window })
    ).body;
    await changeChange(deps, agent, change.id, { state: 'authorize' });
    committed.length = 0;
    // Act
    const scheduled = await voteOnChange(deps, manager, change.id, { decision: 'approve' });
    // Assess
    expect(scheduled.state).toBe('scheduled');
    expect(committed.map(eventTypes)).toEqual([['Change Approved']]);
  });
});

describe('lists are index queries', () => {
  it('serves every list, the calendar, windows, candidates and conflicts with Query only', async () => {
    // Prepare
    const incident = (await logIncident(deps, agent, { title: 'Queue', impact: 3, urgency: 3, ciId: 'q-1' }))
      .body;
    await recordProblem(deps, agent, { title: 'Queue backs up', incidentIds: [incident.id] });
    await submitRequest(deps, requester, { item: 'Monitor' });
    const change = (await raiseChange(deps, agent, { title: 'x', type: 'normal', ciIds: ['q-1'], ...window }))
      .body;
    calls.length = 0;
    // Act
    await listProblems(deps, { knownError: 'true' });
    await listProblems(deps, { state: 'new' });
    await listRequests(deps, requester, {});
    await listChanges(deps, { from: '2027-02-01T00:00:00.000Z', to: '2027-02-08T00:00:00.000Z' });
    await listChanges(deps, {
      from: '2027-02-01T00:00:00.000Z',
      to: '2027-02-08T00:00:00.000Z',
      state: 'new',
    });
    await listChangeWindows(deps, { from: '2027-02-01T00:00:00.000Z' });
    await problemCandidatesNow(deps);
    const listCalls = [...calls];
    calls.length = 0;
    await currentConflicts(deps, change.id);
    // Assess: one Query per list; conflicts = GetItem + one Query per slot state + one for windows
    expect(listCalls).toEqual(Array(7).fill('QueryCommand'));
    expect(calls.sort()).toEqual(['GetItemCommand', 'QueryCommand', 'QueryCommand', 'QueryCommand']);
  });

  it('creating a problem that links an incident is one transaction with the incident side', async () => {
    // Prepare
    const incident = (await logIncident(deps, agent, { title: 'Slow', impact: 3, urgency: 3, ciId: 'z-1' }))
      .body;
    committed.length = 0;
    // Act
    const problem = (await recordProblem(deps, agent, { title: 'Slowness', incidentIds: [incident.id] }))
      .body;
    // Assess
    expect(committed).toHaveLength(1);
    expect(eventTypes(committed[0] ?? [])).toEqual(['Problem Updated', 'Incident Updated']);
    expect((await deps.store.get<{ problemId: string }>('incident', incident.id))?.problemId).toBe(
      problem.id,
    );
  });
});
