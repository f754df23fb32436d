import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { DynamoRecordStore } from '#adapters/dynamo/dynamo-record-store.ts';
import { DynamoServiceLevels } from '#adapters/dynamo/dynamo-service-levels.ts';
import { DynamoSlaClocks } from '#adapters/dynamo/dynamo-sla-clocks.ts';
import { indexAttributes } from '#adapters/dynamo/index-plans.ts';
import { toItem } from '#adapters/dynamo/item-codec.ts';
import type { Incident } from '#domain/incident/incident.ts';
import { trackSlas } from '#domain/service-levels/sla-tracking.ts';
import { randomIds } from '#ports/id-generator.ts';
import type { RecordDeps, ServiceLevelAdminDeps, SweepDeps } from '#processes/dependencies.ts';
import { setPolicy } from '#processes/service-levels/sla-configuration.ts';

/** The seeded policy: 24x7 resolution of priority-3 incidents in 1 h, warnings at 50 and 75 %. */
export const seededPolicy = {
  recordType: 'incident' as const,
  priorities: [3],
  metric: 'resolution' as const,
  targetSeconds: 3600,
  warnAt: [50, 75],
};

/** Dependencies on one table with a clock fixed at `now` (tests and the bench move it). */
export const slaDependencies = (
  client: DynamoDBClient,
  tableName: string,
  now: Date,
): SweepDeps & ServiceLevelAdminDeps => ({
  store: new DynamoRecordStore(client, tableName),
  clock: { now: () => now },
  ids: randomIds,
  serviceLevels: new DynamoServiceLevels(client, tableName),
  slaClocks: new DynamoSlaClocks(client, tableName),
});

/** An open incident as the enricher would have stored it when created at `createdAt`. */
const incidentAt = (
  deps: RecordDeps,
  sequence: number,
  createdAt: Date,
  config: Parameters<typeof trackSlas>[0],
) => {
  const at = createdAt.toISOString();
  const timeline = [{ at, state: 'in_progress', priority: 3 }];
  const tracking = trackSlas(config, 'incident', timeline, [], createdAt);
  const incident: Incident & Record<string, unknown> = {
    id: deps.ids.next(),
    number: `INC${String(sequence).padStart(7, '0')}`,
    createdAt: at,
    updatedAt: at,
    createdBy: 'seed',
    version: 1,
    title: `Seeded incident ${sequence}`,
    impact: 2,
    urgency: 2,
    priority: 3,
    state: 'in_progress',
    callerId: 'seed',
    major: false,
    changeIds: [],
    impactedServices: [],
    slas: tracking.slas,
    slaTimeline: timeline,
    ...(tracking.slaNextCheckAt ? { slaNextCheckAt: tracking.slaNextCheckAt } : {}),
  };
  return toItem({
    ...incident,
    ...indexAttributes('incident', incident),
    pk: `incident#${incident.id}`,
    sk: 'record',
    entity: 'incident',
  });
};

export interface SeedPlan {
  total: number;
  /** Due clocks past 100 % (owe two warnings and the breach). */
  breaching: number;
  /** Due clocks past 50 % only (owe one warning). */
  warning: number;
}

/**
 * Writes the policy and `total` open priority-3 incidents with BatchWriteItem in parallel batches:
 * `breaching` created 70 min before `now`, `warning` 40 min before, the rest a minute before
 * (their first threshold, 50 %, is 29 minutes ahead, so they are not due).
 */
export const seedOpenIncidents = async (
  client: DynamoDBClient,
  tableName: string,
  now: Date,
  plan: SeedPlan,
): Promise<void> => {
  const deps = slaDependencies(client, tableName, now);
  await setPolicy(deps, 'p3-resolution', seededPolicy);
  const serviceLevels = deps.serviceLevels;
  if (!serviceLevels) throw new Error('slaDependencies must wire the service level store');
  const config = await serviceLevels.config({ fresh: true });
  const createdAt = (index: number) =>
    new Date(
      now.getTime() - (index < plan.breaching ? 70 : index < plan.breaching + plan.warning ? 40 : 1) * 60_000,
    );
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < plan.total; start += 25) {
    const batch: WriteRequest[] = [];
    for (let index = start; index < Math.min(plan.total, start + 25); index++)
      batch.push({ PutRequest: { Item: incidentAt(deps, 1001 + index, createdAt(index), config) } });
    batches.push(batch);
  }
  const writeBatch = async (batch: WriteRequest[]) => {
    let pending = batch;
    while (pending.length > 0) {
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName] ?? [];
    }
  };
  const workers = Array.from({ length: 24 }, async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) await writeBatch(batch);
  });
  await Promise.all(workers);
};
