import { totalmem } from 'node:os';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCmdbStore } from '#adapters/dynamo/dynamo-cmdb-store.ts';
import { DynamoMetricStore } from '#adapters/dynamo/dynamo-metric-store.ts';
import { DynamoRecordStore } from '#adapters/dynamo/dynamo-record-store.ts';
import type { MetricBindingDefinition } from '#domain/monitoring/metric-binding.ts';
import type { Actor } from '#domain/record/record.ts';
import { systemClock } from '#ports/clock.ts';
import { randomIds } from '#ports/id-generator.ts';
import { createCi } from '#processes/cmdb/configuration-management.ts';
import { cmdbOver } from '#processes/cmdb/impact-analysis.ts';
import { bindMetric } from '#processes/metrics/metric-bindings.ts';

/** The local service's CI is found again by this external id. */
export const localServiceExternalId = 'opsdesk:local-runner';

const runner = (metricName: string) => ({
  namespace: 'OpsDesk/LocalRunner',
  metricName,
  dimensions: [{ name: 'Host', value: 'local' }],
  periodSeconds: 60,
});

/**
 * What the local service is watched by: memory against this machine's memory (capacity), a
 * minute with any 5xx as unhealthy (availability) and the p99 latency each minute (performance).
 * Statistics are plain ones: moto answers percentile statistics with a 500 and metric math with
 * nothing, so the analyses compute percentiles from the stored points.
 */
export const localServiceBindings = (): Record<string, MetricBindingDefinition> => ({
  memory: {
    ...runner('MemoryUsed'),
    stat: 'Maximum',
    kind: 'capacity',
    unit: 'Bytes',
    capacityLimit: totalmem(),
  },
  'server-errors': {
    ...runner('ServerErrors'),
    stat: 'Sum',
    kind: 'availability',
    threshold: { comparison: '>', value: 0, forPeriods: 1 },
    treatMissingData: 'notBreaching',
  },
  latency: { ...runner('LatencyP99'), stat: 'Maximum', kind: 'performance', unit: 'Milliseconds' },
});

/**
 * On a fresh data directory the runner registers itself: a service CI "OpsDesk (local)" with the
 * bindings above, so `npm start` monitors itself end to end. Does nothing when the CI exists.
 * @example await registerLocalService(dynamo, 'opsdesk') // the CI's id
 */
export const registerLocalService = async (client: DynamoDBClient, tableName: string): Promise<string> => {
  const cmdbStore = new DynamoCmdbStore(client, tableName);
  const existing = await cmdbStore.ciIdByExternalId(localServiceExternalId);
  if (existing) return existing;
  const deps = {
    store: new DynamoRecordStore(client, tableName),
    clock: systemClock,
    ids: randomIds,
    cmdb: cmdbOver(cmdbStore),
    metrics: new DynamoMetricStore(client, tableName),
  };
  const actor: Actor = { sub: 'opsdesk:local-runner', roles: ['admin'] };
  const ci = await createCi(deps, actor, {
    name: 'OpsDesk (local)',
    type: 'service',
    externalId: localServiceExternalId,
    serviceTier: 3,
    attributes: { host: 'local', availabilityTarget: 0.999 },
  });
  for (const [key, definition] of Object.entries(localServiceBindings()))
    await bindMetric(deps, actor, ci.body.id, key, definition);
  return ci.body.id;
};
