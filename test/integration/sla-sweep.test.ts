import { BatchGetItemCommand, DynamoDBClient as Client, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundEvent } from '#ports/record-store.ts';
import type { ClockSettlement } from '#ports/service-level-store.ts';
import type { SweepDeps } from '#processes/dependencies.ts';
import { sweepServiceLevels } from '#processes/service-levels/sla-sweep.ts';
import { type Emulator, startDynamoDbLocal } from '../../infra/local/emulators.ts';
import { ensureTable } from '../../infra/local/local-aws.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import { countCalls, freshTable } from '../support/test-platform.ts';
import { seedOpenIncidents, slaDependencies } from './sla-seed.ts';

const now = new Date('2026-06-15T10:00:00.000Z');
const plan = { total: 100_000, breaching: 40, warning: 60 };
const due = plan.breaching + plan.warning;
/** One Query page is at most 1 MB; a seeded incident item is about 1 KB. */
const onePage = 1000;

/** Dependencies whose sweep settlements are recorded, so the test counts the outbox events they wrote. */
const recording = (deps: SweepDeps) => {
  const events: OutboundEvent[] = [];
  const settleClock = deps.slaClocks.settleClock.bind(deps.slaClocks);
  deps.slaClocks.settleClock = async (settlement: ClockSettlement) => {
    await settleClock(settlement);
    events.push(...settlement.events);
  };
  return events;
};

const storedOutboxItems = async (client: DynamoDBClient, tableName: string, events: OutboundEvent[]) => {
  let found = 0;
  for (let start = 0; start < events.length; start += 100) {
    const keys = events
      .slice(start, start + 100)
      .map((event) => ({ pk: { S: `outbox#${event.id}` }, sk: { S: 'outbox' } }));
    const result = await client.send(
      new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
    );
    found += result.Responses?.[tableName]?.length ?? 0;
  }
  return found;
};

describe('SLA sweep over 100,000 open incidents, 100 due', () => {
  let client: DynamoDBClient;
  let tableName: string;

  let dynamo: Emulator;

  // 100,000 writes get a DynamoDB Local of their own, so the other test files are not stalled.
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({});
    client = new Client(clientConfig(dynamo.endpoint));
    tableName = 'sla-sweep-100k';
    await ensureTable(client, tableName);
    await seedOpenIncidents(client, tableName, now, plan);
  }, 480_000);
  afterAll(async () => {
    await dynamo?.stop();
  });

  it('emits exactly the due warnings and breaches once, reading only the due clocks', async () => {
    // Prepare
    const deps = slaDependencies(client, tableName, now);
    const events = recording(deps);
    const calls = countCalls(client);
    // Act
    const first = await sweepServiceLevels(deps);
    const firstCalls = [...calls];
    const firstEvents = [...events];
    const second = await sweepServiceLevels(deps);
    // Assess: breaching clocks owe 50, 75 and 100; warning ones owe 50.
    const kinds = (list: OutboundEvent[]) =>
      list.reduce<Record<string, number>>((counts, event) => {
        counts[event.detailType] = (counts[event.detailType] ?? 0) + 1;
        return counts;
      }, {});
    expect(first).toMatchObject({
      dueRecords: due,
      warnings: 2 * plan.breaching + plan.warning,
      breaches: plan.breaching,
    });
    expect(kinds(firstEvents)).toEqual({
      'SLA Warning': 2 * plan.breaching + plan.warning,
      'SLA Breached': plan.breaching,
    });
    expect(await storedOutboxItems(client, tableName, firstEvents)).toBe(firstEvents.length);
    expect(first.itemsRead).toBeLessThanOrEqual(due + onePage);
    expect(first.itemsRead).toBe(due);
    expect(firstCalls.filter((name) => name === 'TransactWriteItemsCommand')).toHaveLength(due);
    expect(firstCalls.filter((name) => name === 'QueryCommand').length).toBeLessThanOrEqual(
      first.queries + 1,
    );
    expect(firstCalls).not.toContain('ScanCommand');
    expect(second).toMatchObject({ dueRecords: 0, itemsRead: 0, warnings: 0, breaches: 0 });
    expect(events).toHaveLength(firstEvents.length);
  });

  it('marks breached SLAs on the records and drops their due entries; warned ones come due later', async () => {
    // Prepare: 25 minutes later the warned clocks (created 40 min before `now`) have breached too,
    // and the others (created a minute before `now`) are still short of 50 %
    const deps = slaDependencies(client, tableName, new Date(now.getTime() + 25 * 60_000));
    const events = recording(deps);
    // Act
    const later = await sweepServiceLevels(deps);
    const breachedIds = events
      .filter((event) => event.detailType === 'SLA Breached')
      .map((event) => event.detail.id);
    const records = await deps.store.getMany<{ slas: Array<{ state: string }>; slaNextCheckAt?: string }>(
      'incident',
      breachedIds,
    );
    // Assess: 75 and 100 for each warned clock, nothing else
    expect(later).toMatchObject({ dueRecords: plan.warning, warnings: plan.warning, breaches: plan.warning });
    expect(records).toHaveLength(plan.warning);
    expect(records.every((record) => record.slas[0]?.state === 'breached' && !record.slaNextCheckAt)).toBe(
      true,
    );
  }, 120_000);
});

describe('concurrent sweeps', () => {
  it('announce each threshold once however many run at the same time', async () => {
    // Prepare
    const { client, tableName } = await freshTable();
    await seedOpenIncidents(client, tableName, now, { total: 20, breaching: 5, warning: 5 });
    const runs = Array.from({ length: 3 }, () => slaDependencies(client, tableName, now));
    const recorded = runs.map((deps) => recording(deps));
    // Act: three sweeps at once, then one more for any clock a lock timeout left due
    await Promise.all(runs.map((deps) => sweepServiceLevels(deps)));
    const settling = runs[0] as SweepDeps;
    await sweepServiceLevels(settling);
    const final = await sweepServiceLevels(settling);
    // Assess
    const all = recorded.flat();
    const thresholds = all.map(
      (event) => `${event.detail.id}@${(event.detail as { percent?: number }).percent}`,
    );
    expect(all.filter((event) => event.detailType === 'SLA Breached')).toHaveLength(5);
    expect(all.filter((event) => event.detailType === 'SLA Warning')).toHaveLength(2 * 5 + 5);
    expect(new Set(thresholds).size).toBe(all.length);
    expect(final).toMatchObject({ dueRecords: 0, warnings: 0, breaches: 0 });
    // DynamoDB Local answers contended transactions with a slow lock timeout, not a quick conflict.
  }, 180_000);
});

describe('a sweep visit is bookkeeping, not a version', () => {
  it('leaves the version and history alone, and a client write from before it announces nothing twice', async () => {
    // Prepare: one incident 70 minutes into a 1 h clock (owes 50, 75 and 100)
    const { client, tableName } = await freshTable();
    await seedOpenIncidents(client, tableName, now, { total: 1, breaching: 1, warning: 0 });
    const deps = slaDependencies(client, tableName, now);
    const events = recording(deps);
    const [due] = (await deps.slaClocks.dueRecords(now)).records;
    const id = String(due?.record.id);
    const beforeSweep = await deps.store.get<Record<string, unknown> & { id: string; version: number }>(
      'incident',
      id,
    );
    // Act: the sweep, then a client change built from the read before it (If-Match "1")
    const first = await sweepServiceLevels(deps);
    const afterSweep = await deps.store.get<{ version: number; slas: Array<{ state: string }> }>(
      'incident',
      id,
    );
    await deps.store.commit([
      {
        type: 'update',
        kind: 'incident',
        record: { ...(beforeSweep as object), id, version: 2, title: 'Changed by a client' } as {
          id: string;
          version: number;
        },
        expectedVersion: 1,
      },
    ]);
    const again = await sweepServiceLevels(deps);
    const settled = await sweepServiceLevels(deps);
    const history = await deps.store.history('incident', id, 100);
    // Assess
    expect(first).toMatchObject({ dueRecords: 1, warnings: 2, breaches: 1 });
    expect(afterSweep).toMatchObject({ version: 1, slas: [{ state: 'breached' }] });
    expect(again).toMatchObject({ dueRecords: 1, warnings: 0, breaches: 0 });
    expect(settled).toMatchObject({ dueRecords: 0 });
    expect(events.map((event) => [event.detailType, event.detail.version])).toEqual([
      ['SLA Warning', 1],
      ['SLA Warning', 1],
      ['SLA Breached', 1],
    ]);
    expect(await storedOutboxItems(client, tableName, events)).toBe(3);
    expect(history.items).toEqual([]);
  }, 60_000);
});
