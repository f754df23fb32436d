import { randomUUID } from 'node:crypto';
import {
  CloudWatchClient,
  GetMetricStatisticsCommand,
  type MetricDatum,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  BatchWriteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { CloudWatchMetricSource } from '#adapters/cloudwatch-metric-source.ts';
import { DynamoCmdbStore } from '#adapters/dynamo/dynamo-cmdb-store.ts';
import { DynamoMetricStore } from '#adapters/dynamo/dynamo-metric-store.ts';
import { DynamoRecordStore } from '#adapters/dynamo/dynamo-record-store.ts';
import { toItem } from '#adapters/dynamo/item-codec.ts';
import { defaultOperationsSettings } from '#domain/monitoring/analysis-window.ts';
import { defaultIngestSettings, type ReadWindow, readWindow } from '#domain/monitoring/ingest-plan.ts';
import { randomIds } from '#ports/id-generator.ts';
import type { StoredBinding } from '#ports/metric-store.ts';
import { cmdbOver } from '#processes/cmdb/impact-analysis.ts';
import { type IngestDeps, type IngestReport, ingestMetrics } from '#processes/metrics/metric-ingest.ts';
import { ensureTable } from '../../infra/local/local-aws.ts';
import { clientConfig } from '../../infra/local/platform.ts';

const cis = 100;
const keysPerCi = 100;
const bindingCount = cis * keysPerCi;
/**
 * moto's GetMetricData compares every query with every datapoint of the window in Python, so only
 * one series in `dataEvery` carries datapoints; the others read empty, as a stopped instance does.
 */
const dataEvery = 40;
/** Calls in flight in the baseline, as an exporter with a small worker pool makes them. */
const baselineInFlight = 8;
const namespace = 'Bench/Ingest';
const metricName = 'Used';
const minute = 60_000;

/** What the SDK was asked: command names, the items DynamoDB writes carried, the time calls took. */
interface CallLog {
  names: string[];
  itemsWritten: number;
  /** Summed over calls: calls in flight together count each. */
  callMs: number;
}

/** Counts SDK commands and written items on a client (the test helper imports vitest, a bench must not). */
const countBenchCalls = (client: DynamoDBClient | CloudWatchClient): CallLog => {
  const log: CallLog = { names: [], itemsWritten: 0, callMs: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
      const input = args.input as {
        RequestItems?: Record<string, WriteRequest[]>;
        TransactItems?: unknown[];
      };
      log.names.push(name);
      if (name === 'BatchWriteItem')
        log.itemsWritten += Object.values(input.RequestItems ?? {}).reduce((sum, r) => sum + r.length, 0);
      else if (name === 'TransactWriteItems') log.itemsWritten += input.TransactItems?.length ?? 0;
      else if (['PutItem', 'UpdateItem', 'DeleteItem'].includes(name)) log.itemsWritten += 1;
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        log.callMs += performance.now() - started;
      }
    },
    { step: 'initialize', name: 'benchCountCallsAndItems' },
  );
  return log;
};

/** Time, and peak resident and heap memory while `action` runs (sampled every 10 ms), in MB. */
const measured = async <T>(action: () => Promise<T>) => {
  const before = process.memoryUsage();
  const peak = { rss: before.rss, heap: before.heapUsed };
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peak.rss = Math.max(peak.rss, rss);
    peak.heap = Math.max(peak.heap, heapUsed);
  };
  const sampler = setInterval(sample, 10);
  const started = performance.now();
  try {
    const result = await action();
    sample();
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      memory: `${mb(peak.rss)} (heap ${mb(before.heapUsed)} → peak ${mb(peak.heap)})`,
    };
  } finally {
    clearInterval(sampler);
  }
};

const inParallel = async <T>(items: readonly T[], inFlight: number, run: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await run(item);
      }
    }),
  );
};

const host = (n: number) => `bench-${n}`;

/** 10,000 bindings on 100 CIs, one Host dimension value each, their series long since started. */
const bindingsOf = (now: number): StoredBinding[] =>
  Array.from({ length: bindingCount }, (_, n) => ({
    ciId: `ci-${String(Math.floor(n / keysPerCi)).padStart(3, '0')}`,
    key: `metric-${n % keysPerCi}`,
    namespace,
    metricName,
    dimensions: [{ name: 'Host', value: host(n) }],
    stat: 'Average',
    periodSeconds: 60,
    kind: 'performance',
    revision: 1,
    series: 1,
    seriesSince: new Date(now - 2 * 86_400_000).toISOString(),
    createdAt: new Date(now - 2 * 86_400_000).toISOString(),
    updatedAt: new Date(now - 2 * 86_400_000).toISOString(),
    updatedBy: 'bench',
  }));

/** The binding items as `bindMetric` writes them, straight in with BatchWriteItem (25 a call, 16 in flight). */
const seedBindings = async (
  client: DynamoDBClient,
  tableName: string,
  store: DynamoMetricStore,
  bindings: StoredBinding[],
) => {
  const requests = bindings.map((binding) => {
    const write = store.bindingWrite(binding);
    if (write.type !== 'item') throw new Error('a binding is written as an item');
    return { PutRequest: { Item: toItem({ ...write.key, ...write.item }) } };
  });
  const batches = Array.from({ length: Math.ceil(requests.length / 25) }, (_, n) =>
    requests.slice(n * 25, n * 25 + 25),
  );
  await inParallel(batches, 16, async (batch) => {
    let pending: WriteRequest[] = batch;
    while (pending.length > 0) {
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName] ?? [];
    }
  });
};

/** One datapoint a minute, 5 s into the minute, for every period of the window. */
const seedDatapoints = async (cloudwatch: CloudWatchClient, window: ReadWindow, series: number[]) => {
  const data: MetricDatum[] = series.flatMap((n) =>
    Array.from({ length: (window.endMs - window.startMs) / minute }, (_, m) => ({
      MetricName: metricName,
      Dimensions: [{ Name: 'Host', Value: host(n) }],
      Timestamp: new Date(window.startMs + m * minute + 5_000),
      Value: n + m,
    })),
  );
  for (let at = 0; at < data.length; at += 500)
    await cloudwatch.send(
      new PutMetricDataCommand({ Namespace: namespace, MetricData: data.slice(at, at + 500) }),
    );
  return data.length;
};

/**
 * prometheus' cloudwatch_exporter's way: one GetMetricStatistics per metric for the window, and
 * (for the comparison) one PutItem per point into the same point items.
 */
const oneCallPerMetric = async (
  cloudwatch: CloudWatchClient,
  client: DynamoDBClient,
  tableName: string,
  bindings: StoredBinding[],
  window: ReadWindow,
  expiresAt: number,
) => {
  let points = 0;
  await inParallel(bindings, baselineInFlight, async (binding) => {
    const answer = await cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: binding.namespace,
        MetricName: binding.metricName,
        Dimensions: binding.dimensions.map(({ name, value }) => ({ Name: name, Value: value })),
        StartTime: new Date(window.startMs),
        EndTime: new Date(window.endMs),
        Period: binding.periodSeconds,
        Statistics: [binding.stat as 'Average'],
      }),
    );
    for (const datapoint of answer.Datapoints ?? []) {
      const ms = (datapoint.Timestamp as Date).getTime();
      const t = new Date(ms - (ms % (binding.periodSeconds * 1000))).toISOString();
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: toItem({
            pk: `baseline#${binding.ciId}#${binding.key}#${binding.series}`,
            sk: t,
            entity: 'metric_point',
            t,
            v: datapoint.Average,
            expiresAt,
          }),
        }),
      );
      points += 1;
    }
  });
  return points;
};

const count = (names: string[], name: string) => names.filter((n) => n === name).length;
const summary = (names: string[]) => {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${name} ${n}`).join(', ');
};
const ratio = (calls: number, points: number) =>
  points === 0 ? 'n/a' : `1/${(points / calls).toFixed(1)} (${(calls / points).toFixed(4)})`;

/**
 * The metric ingest for 10,000 bindings against moto and DynamoDB Local, one steady 5-minute run
 * (a 10-minute window: 5 periods re-read, 5 new), beside a one-call-per-metric baseline in the
 * same run. Prints CloudWatch calls per window, DynamoDB write calls and items per point written,
 * the other DynamoDB calls, time and peak RSS.
 *
 * @example const { lines } = await run({ dynamoEndpoint, motoEndpoint });
 */
export async function run(context: { dynamoEndpoint: string; motoEndpoint: string }): Promise<{
  title: string;
  lines: string[];
}> {
  // Prepare: a table, 10,000 bindings, a cursor per shard that makes this a steady run
  const client = new DynamoDBClient(clientConfig(context.dynamoEndpoint));
  // The SDK gzips a PutMetricData body past 10 KB, and moto fails to read it (500 BadGzipFile).
  const cloudwatch = new CloudWatchClient({
    ...clientConfig(context.motoEndpoint),
    disableRequestCompression: true,
  });
  const tableName = `bench-ingest-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  const store = new DynamoMetricStore(client, tableName);
  const now = Math.floor(Date.now() / minute) * minute + 30_000;
  const settledEdge = readWindow({ periodSeconds: 60 }, now)?.endMs ?? now;
  const through = settledEdge - 5 * minute;
  const window = readWindow({ periodSeconds: 60, ingestedThrough: new Date(through).toISOString() }, now);
  if (!window) throw new Error('a steady run reads a window');
  const bindings = bindingsOf(now);
  const withData = bindings.flatMap((_, n) => (n % dataEvery === 0 ? [n] : []));
  const seedStart = performance.now();
  await seedBindings(client, tableName, store, bindings);
  await Promise.all(
    Array.from({ length: store.shards }, (_, shard) =>
      store.saveShardCursor(shard, {
        '60': { through: new Date(through).toISOString(), listedAt: new Date(now - 3_600_000).toISOString() },
      }),
    ),
  );
  const datapoints = await seedDatapoints(cloudwatch, window, withData);
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const dynamoCalls = countBenchCalls(client);
  const cloudwatchCalls = countBenchCalls(cloudwatch);
  const reset = () => {
    for (const log of [dynamoCalls, cloudwatchCalls]) {
      log.names.length = 0;
      log.itemsWritten = 0;
      log.callMs = 0;
    }
  };
  const deps: IngestDeps = {
    store: new DynamoRecordStore(client, tableName),
    clock: { now: () => new Date(now) },
    ids: randomIds,
    cmdb: cmdbOver(new DynamoCmdbStore(client, tableName)),
    metrics: store,
    metricSource: new CloudWatchMetricSource(cloudwatch),
    operations: defaultOperationsSettings,
    ingest: { ...defaultIngestSettings, bindingsPerInvocation: 10_000 },
    signalAlarm: async () => {
      throw new Error('no binding of the bench has a threshold');
    },
    requestIngest: async () => {
      throw new Error('10,000 bindings are one invocation');
    },
  };

  // Act: the ingest, then the baseline, on the same data
  reset();
  const ingest = await measured(() => ingestMetrics(deps));
  const ingestDynamo: CallLog = { ...dynamoCalls, names: [...dynamoCalls.names] };
  const ingestCloudwatch: CallLog = { ...cloudwatchCalls, names: [...cloudwatchCalls.names] };

  reset();
  const expiresAt = Math.floor(now / 1000) + defaultOperationsSettings.retentionDays * 86_400;
  const baseline = await measured(() =>
    oneCallPerMetric(cloudwatch, client, tableName, bindings, window, expiresAt),
  );
  client.destroy();
  cloudwatch.destroy();
  return {
    title: `Metric ingest: ${bindingCount.toLocaleString('en')} bindings, one steady 5-minute run, beside one call per metric`,
    lines: [
      `${bindingCount.toLocaleString('en')} bindings on ${cis} CIs (60 s, Average, one Host dimension each) in ${store.shards} shards, seeded in ${seedSeconds.toFixed(1)} s; ` +
        `window ${hhmm(window.startMs)}–${hhmm(window.endMs)} UTC, ${(window.endMs - window.startMs) / minute} periods (5 re-read, 5 new). ` +
        `${withData.length} series (one in ${dataEvery}) carry ${datapoints.toLocaleString('en')} datapoints in moto, one a minute; ` +
        `the other ${(bindingCount - withData.length).toLocaleString('en')} read empty (moto's GetMetricData compares every query with every datapoint, in Python).`,
      '',
      ...table(ingest, ingestDynamo, ingestCloudwatch, baseline, dynamoCalls, cloudwatchCalls),
    ],
  };
}

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** The two approaches side by side, and what the ingest's figures are made of. */
const table = (
  ingest: Awaited<ReturnType<typeof measured<IngestReport>>>,
  ingestDynamo: CallLog,
  ingestCloudwatch: CallLog,
  baseline: Awaited<ReturnType<typeof measured<number>>>,
  baselineDynamo: CallLog,
  baselineCloudwatch: CallLog,
) => {
  const report = ingest.result;
  const points = report.pointsWritten;
  const gets = count(ingestCloudwatch.names, 'GetMetricData');
  const batchWrites = count(ingestDynamo.names, 'BatchWriteItem');
  const cursorPuts = count(ingestDynamo.names, 'PutItem');
  const reads = ingestDynamo.names.filter((n) => !['BatchWriteItem', 'PutItem'].includes(n));
  const statistics = count(baselineCloudwatch.names, 'GetMetricStatistics');
  const puts = count(baselineDynamo.names, 'PutItem');
  const perPoint = (items: number, of: number) => (items / Math.max(1, of)).toFixed(4);
  return [
    '| approach | CloudWatch calls per window | points written | DynamoDB write calls | write calls per point | items written per point | DynamoDB reads | time s | peak RSS MB (heap MB) |',
    '|---|---:|---:|---:|---:|---:|---|---:|---:|',
    `| OpsDesk ingest: GetMetricData 500 a call, BatchWriteItem 25 a call, a cursor per shard | ${gets} GetMetricData | ${points.toLocaleString('en')} | ${batchWrites} BatchWriteItem + ${cursorPuts} cursor PutItem | ${ratio(batchWrites, points)} | ${perPoint(ingestDynamo.itemsWritten, points)} (${ingestDynamo.itemsWritten.toLocaleString('en')} items) | ${summary(reads)} | ${ingest.seconds.toFixed(1)} | ${ingest.memory} |`,
    `| baseline, prometheus cloudwatch_exporter's way: one GetMetricStatistics per binding, one PutItem per point, ${baselineInFlight} in flight | ${statistics.toLocaleString('en')} GetMetricStatistics | ${baseline.result.toLocaleString('en')} | ${puts.toLocaleString('en')} PutItem | ${ratio(puts, baseline.result)} | ${perPoint(baselineDynamo.itemsWritten, baseline.result)} | none | ${baseline.seconds.toFixed(1)} | ${baseline.memory} |`,
    '',
    `The ingest's report: ${report.bindings.toLocaleString('en')} bindings, ${report.getMetricDataCalls} read batches, ${report.batchWriteCalls} BatchWriteItem calls, ${report.fannedOut} fanned out, ${report.failedBatches} failed. ` +
      `Its ${gets} GetMetricData calls, one at a time, took ${(ingestCloudwatch.callMs / 1000).toFixed(1)} s of its ${ingest.seconds.toFixed(1)} s in moto. ` +
      `Points wait for a full BatchWriteItem across read batches, so only the run's last call may be part-full: ${Math.ceil(points / 25)} calls is the floor at 25 a call. ` +
      `The ${cursorPuts} cursor items are the only writes besides points; with data on every series a run writes ${(bindingCount * 10).toLocaleString('en')} points and the same ${cursorPuts} cursors.`,
  ];
};
