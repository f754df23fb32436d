import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoRecordStore } from '#adapters/dynamo/dynamo-record-store.ts';
import type { Change } from '#domain/change/index.ts';
import { newConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import { randomIds } from '#ports/id-generator.ts';
import {
  changeChange,
  currentConflicts,
  listChanges,
  raiseChange,
  voteOnChange,
} from '#processes/change-management.ts';
import type { ChangeDeps } from '#processes/dependencies.ts';
import { ensureTable } from '../../infra/local/local-aws.ts';
import { clientConfig } from '../../infra/local/platform.ts';

const agent = { sub: 'bench-agent', roles: ['agent' as const] };
const manager = { sub: 'bench-cm', roles: ['change_manager' as const] };
const seeded = 2_000;
const seededCis = 40;
const hour = 3_600_000;
const yearStart = Date.UTC(2027, 0, 1);
const runs = 50;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * The 40 CIs the changes name (a change may only name CIs that exist), then a year of changes,
 * about 5.5 a day, a fifth of them scheduled; written 25 per transaction.
 */
const seed = async (deps: ChangeDeps) => {
  const cis = Array.from({ length: seededCis }, (_, n) =>
    newConfigurationItem({ name: `Seeded CI ${n}`, type: 'server' }, 'manual', {
      id: `ci-${n}`,
      sequence: n + 1,
      actor: 'bench',
      at: '2026-12-01T00:00:00.000Z',
    }),
  );
  for (let at = 0; at < cis.length; at += 25)
    await deps.store.commit(cis.slice(at, at + 25).map((record) => ({ type: 'create', kind: 'ci', record })));
  const changes: Change[] = Array.from({ length: seeded }, (_, n) => {
    const start = yearStart + Math.floor((n / seeded) * 365 * 24) * hour;
    return {
      id: `seed-${n}`,
      number: `CHG${String(n).padStart(7, '0')}`,
      version: 1,
      title: 'Seeded change',
      type: 'normal',
      state: n % 5 === 0 ? 'scheduled' : 'new',
      ciIds: [`ci-${n % seededCis}`],
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(start + 2 * hour).toISOString(),
      risk: 'low',
      riskReasons: [],
      approvals: [],
      conflicts: [],
      causedIncidentIds: [],
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
      createdBy: 'bench',
    };
  });
  for (let at = 0; at < changes.length; at += 25)
    await deps.store.commit(
      changes.slice(at, at + 25).map((record) => ({ type: 'create', kind: 'change', record })),
    );
};

/**
 * The change calendar and the conflict search on a table holding a year of changes: SDK calls
 * per use case and the median time of a one-week calendar read.
 */
export async function run(context: { dynamoEndpoint: string; motoEndpoint: string }) {
  const client = new DynamoDBClient(clientConfig(context.dynamoEndpoint));
  const tableName = `bench-calendar-${Date.now()}`;
  await ensureTable(client, tableName);
  const calls: string[] = [];
  client.middlewareStack.add(
    (next, info) => (args) => {
      calls.push(info.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const deps: ChangeDeps = {
    store: new DynamoRecordStore(client, tableName),
    clock: { now: () => new Date('2026-12-15T00:00:00.000Z') },
    ids: randomIds,
    // A CMDB with no relationships, so the figures count the change calendar's calls only.
    cmdb: { impactedServices: async () => [], relatedCis: async () => ({}), changeFootprintWrites: () => [] },
  };
  await seed(deps);
  const from = new Date(yearStart + 180 * 24 * hour).toISOString();
  const to = new Date(yearStart + 187 * 24 * hour).toISOString();
  const measure = async (what: string, action: () => Promise<unknown>) => {
    calls.length = 0;
    const result = await action();
    const tally = new Map<string, number>();
    for (const name of calls) tally.set(name, (tally.get(name) ?? 0) + 1);
    const counts = [...tally].map(([name, count]) => `${count} ${name.replace('Command', '')}`).join(', ');
    return { line: `| ${what} | ${calls.length} | ${counts} |`, result };
  };
  const week = await measure('calendar, one week (GET /changes?from=&to=)', () =>
    listChanges(deps, { from, to, limit: 200 }),
  );
  const weekItems = (week.result as { items: unknown[] }).items.length;
  const times: number[] = [];
  for (let n = 0; n < runs; n++) {
    const started = performance.now();
    await listChanges(deps, { from, to, limit: 200 });
    times.push(performance.now() - started);
  }
  const window = { plannedStart: new Date(yearStart + 183 * 24 * hour).toISOString() };
  const plannedEnd = new Date(Date.parse(window.plannedStart) + 3 * hour).toISOString();
  let id = '';
  const raise = await measure('raise (POST /changes: risk + conflicts + create)', async () => {
    id = (
      await raiseChange(deps, agent, {
        title: 'Bench',
        type: 'emergency',
        ciIds: ['ci-1'],
        ...window,
        plannedEnd,
      })
    ).body.id;
  });
  await changeChange(deps, agent, id, { state: 'authorize' });
  const approve = await measure('approve (POST /changes/{id}/approvals)', () =>
    voteOnChange(deps, manager, id, { decision: 'approve' }),
  );
  const conflicts = await measure('conflicts (GET /changes/{id}/conflicts)', () =>
    currentConflicts(deps, id),
  );
  return {
    title: `Change calendar and conflicts (${seeded} changes over a year, ${seeded / 5} scheduled)`,
    lines: [
      '| use case | DynamoDB calls | commands |',
      '|---|---:|---|',
      week.line,
      raise.line,
      approve.line,
      conflicts.line,
      '',
      `One-week calendar: ${weekItems} changes of ${seeded} (${((weekItems / seeded) * 100).toFixed(1)} %) read by one Query; median ${median(times).toFixed(1)} ms over ${runs} reads (DynamoDB Local). No Scan.`,
    ],
  };
}
