import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoRecordStore } from '#adapters/dynamo/dynamo-record-store.ts';
import { processDependencies } from '#adapters/process-dependencies.ts';
import { InvalidCursor, WriteConflict } from '#ports/record-store.ts';
import { createCi } from '#processes/cmdb/configuration-management.ts';
import { changeIncident, getIncident, listIncidents, logIncident } from '#processes/incident-management.ts';
import { countCalls, freshTable } from '../support/test-platform.ts';

const agent = { sub: 'agent-1', roles: ['agent' as const] };
let store: DynamoRecordStore;
let deps: ReturnType<typeof processDependencies>;
let calls: string[];

beforeAll(async () => {
  const { client, tableName } = await freshTable();
  calls = countCalls(client);
  store = new DynamoRecordStore(client, tableName);
  process.env.TABLE_NAME = tableName;
  deps = processDependencies(client);
});

const record = (id: string, version = 1) => ({
  id,
  number: `INC${id}`,
  version,
  createdAt: '2026-11-24T09:00:00.000Z',
  state: 'new',
  callerId: 'c',
});

describe('DynamoRecordStore on DynamoDB Local', () => {
  it('numbers each kind from 1001 upwards', async () => {
    const first = await store.nextSequence('problem');
    const second = await store.nextSequence('problem');
    expect([first, second]).toEqual([1001, 1002]);
  });

  it('refuses a second create of the same id and a stale update, naming why', async () => {
    await store.commit([{ type: 'create', kind: 'incident', record: record('dup') }]);
    await expect(
      store.commit([{ type: 'create', kind: 'incident', record: record('dup') }]),
    ).rejects.toMatchObject({ reason: 'exists', writeIndex: 0 });
    await expect(
      store.commit([{ type: 'update', kind: 'incident', record: record('dup', 3), expectedVersion: 2 }]),
    ).rejects.toBeInstanceOf(WriteConflict);
    expect((await store.get<{ version: number }>('incident', 'dup'))?.version).toBe(1);
  });

  it('writes nothing when one write of a unit fails', async () => {
    await expect(
      store.commit([
        { type: 'create', kind: 'incident', record: record('unit-a') },
        { type: 'exists', kind: 'incident', id: 'no-such-incident' },
      ]),
    ).rejects.toMatchObject({ reason: 'missing' });
    expect(await store.get('incident', 'unit-a')).toBeUndefined();
  });

  it('reads many records in one batch and leaves out unknown ids', async () => {
    await store.commit([
      { type: 'create', kind: 'incident', record: record('many-1') },
      { type: 'create', kind: 'incident', record: record('many-2') },
    ]);
    calls.length = 0;
    const found = await store.getMany<{ id: string }>('incident', ['many-1', 'many-2', 'nope']);
    expect(found.map((r) => r.id).sort()).toEqual(['many-1', 'many-2']);
    expect(calls).toEqual(['BatchGetItemCommand']);
  });

  it('refuses a cursor issued for another list', async () => {
    await store.commit(
      [1, 2, 3].map((n) => ({
        type: 'create' as const,
        kind: 'incident' as const,
        record: { ...record(`cur-${n}`), assignee: 'ann' },
      })),
    );
    const page = await store.list('incident', { filters: { assignee: 'ann' }, limit: 1 });
    expect(page.nextCursor).toEqual(expect.any(String));
    await expect(
      store.list('incident', { filters: { assignee: 'bob' }, limit: 1, cursor: page.nextCursor ?? '' }),
    ).rejects.toBeInstanceOf(InvalidCursor);
  });
});

describe('incident use cases: DynamoDB calls per request', () => {
  it('create 2, get 1, list 1, patch 2 (warm SLA policy cache, no CI to enrich)', async () => {
    // Prepare: the first create of a container loads the SLA policies (one Query, then cached)
    await logIncident(deps, agent, { title: 'Warm-up', impact: 3, urgency: 3 });
    calls.length = 0;
    // Act
    const created = (
      await logIncident(deps, agent, { title: 'Counted', impact: 2, urgency: 2, assignmentGroup: 'counted' })
    ).body;
    const createCalls = calls.splice(0);
    await getIncident(deps, agent, created.id);
    const getCalls = calls.splice(0);
    await listIncidents(deps, agent, { assignmentGroup: 'counted' });
    const listCalls = calls.splice(0);
    await changeIncident(deps, agent, created.id, { urgency: 1 });
    const patchCalls = calls.splice(0);
    // Assess
    expect(createCalls).toEqual(['UpdateItemCommand', 'TransactWriteItemsCommand']);
    expect(getCalls).toEqual(['GetItemCommand']);
    expect(listCalls).toEqual(['QueryCommand']);
    expect(patchCalls).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
  });

  it('an incident on a CI adds three CMDB round trips: its impact walk, what it needs for its health, then change findings', async () => {
    // Prepare: the CI must exist (an unknown one is 422)
    const ci = await createCi(deps, agent, { name: 'counted', type: 'server' });
    calls.length = 0;

    // Act
    await logIncident(deps, agent, { title: 'On a CI', impact: 2, urgency: 2, ciId: ci.body.id });

    // Assess: impact walk (edges Query + CI BatchGet together), dependencies for the CI's
    // effective health (the same pair), change findings (what it needs, with the CI's change
    // footprints beside: one round trip for a CI that needs nothing), the number, then the one
    // transaction
    expect(calls).toEqual([
      'QueryCommand',
      'BatchGetItemCommand',
      'QueryCommand',
      'BatchGetItemCommand',
      'QueryCommand',
      'BatchGetItemCommand',
      'QueryCommand',
      'UpdateItemCommand',
      'TransactWriteItemsCommand',
    ]);
  });
});
