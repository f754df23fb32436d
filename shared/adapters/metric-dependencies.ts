import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { defaultOperationsSettings, type OperationsSettings } from '#domain/monitoring/analysis-window.ts';
import { defaultIngestSettings } from '#domain/monitoring/ingest-plan.ts';
import { systemClock } from '#ports/clock.ts';
import { randomIds } from '#ports/id-generator.ts';
import { cmdbOver } from '#processes/cmdb/impact-analysis.ts';
import type { AlarmDeps, MetricAnalysisDeps } from '#processes/dependencies.ts';
import type { IngestDeps } from '#processes/metrics/metric-ingest.ts';
import { awsClient } from './aws-clients.ts';
import { CloudWatchMetricSource } from './cloudwatch-metric-source.ts';
import { DynamoCmdbGraph } from './dynamo/dynamo-cmdb-graph.ts';
import { DynamoMetricStore } from './dynamo/dynamo-metric-store.ts';
import { DynamoRecordStore } from './dynamo/dynamo-record-store.ts';
import { requiredEnv } from './environment.ts';
import { alarmWiring } from './process-dependencies.ts';

/** A whole number of days from the environment, or the default; anything else stops the cold start. */
const days = (name: string, fallback: number): number => {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 3650)
    throw new Error(`Environment variable ${name} must be a whole number of days (1..3650), not "${text}"`);
  return value;
};

/**
 * The operations settings a deployment chose: `CAPACITY_HORIZON_DAYS` (default 14) and
 * `METRIC_RETENTION_DAYS` (default 35).
 * @example operationsSettings() // { capacityHorizonDays: 14, retentionDays: 35 }
 */
export const operationsSettings = (): OperationsSettings => ({
  capacityHorizonDays: days('CAPACITY_HORIZON_DAYS', defaultOperationsSettings.capacityHorizonDays),
  retentionDays: days('METRIC_RETENTION_DAYS', defaultOperationsSettings.retentionDays),
});

/**
 * Metric bindings and the analyses over HTTP: records (CIs), the metric store, the CMDB (what a CI
 * needs, for availability from incidents) and CloudWatch (a percentile binding's own statistic).
 * @example const deps = metricWiring(); // functions/metrics-api.ts, module scope
 */
export const metricWiring = (
  client = awsClient(DynamoDBClient, 'interactive'),
  cloudwatch = awsClient(CloudWatchClient, 'interactive'),
): MetricAnalysisDeps => {
  const table = requiredEnv('TABLE_NAME');
  return {
    store: new DynamoRecordStore(client, table),
    clock: systemClock,
    ids: randomIds,
    metrics: new DynamoMetricStore(client, table),
    cmdb: cmdbOver(new DynamoCmdbGraph(client, table)),
    metricSource: new CloudWatchMetricSource(cloudwatch),
    operations: operationsSettings(),
  };
};

/** Bindings one ingest invocation reads before it fans out (`METRIC_INGEST_BINDINGS_PER_INVOCATION`). */
export const defaultBindingsPerInvocation = 10_000;

const bindingsPerInvocation = (): number => {
  const value = Number(process.env.METRIC_INGEST_BINDINGS_PER_INVOCATION ?? defaultBindingsPerInvocation);
  return Number.isInteger(value) && value > 0 ? value : defaultBindingsPerInvocation;
};

/**
 * The ingest: what the analyses use, the alarm path for thresholds and burn rates and the fan-out
 * publisher. `acts` builds the last two over the alarm wiring, on the same DynamoDB client, so a
 * cold start builds one client, not two.
 * @example const deps = ingestWiring((alarms) => ({ signalAlarm: (s) => signalAlarm(alarms, s), requestIngest }));
 */
export const ingestWiring = (
  acts: (alarms: AlarmDeps) => Pick<IngestDeps, 'signalAlarm' | 'requestIngest'>,
  client = awsClient(DynamoDBClient, 'background'),
  cloudwatch = awsClient(CloudWatchClient, 'background'),
): IngestDeps => ({
  ...metricWiring(client, cloudwatch),
  ingest: { ...defaultIngestSettings, bindingsPerInvocation: bindingsPerInvocation() },
  ...acts(alarmWiring(client)),
});
