import { randomUUID } from 'node:crypto';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CloudWatchMetricSource } from '#adapters/cloudwatch-metric-source.ts';
import { DynamoAlarmRecordStore } from '#adapters/dynamo/dynamo-alarm-record-store.ts';
import { DynamoCmdbStore } from '#adapters/dynamo/dynamo-cmdb-store.ts';
import { DynamoMetricStore } from '#adapters/dynamo/dynamo-metric-store.ts';
import { DynamoServiceLevels } from '#adapters/dynamo/dynamo-service-levels.ts';
import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import type { Incident } from '#domain/incident/incident.ts';
import type { MetricPoint } from '#domain/metrics/index.ts';
import { defaultOperationsSettings } from '#domain/monitoring/analysis-window.ts';
import { defaultIngestSettings } from '#domain/monitoring/ingest-plan.ts';
import type { MetricBindingDefinition } from '#domain/monitoring/metric-binding.ts';
import type { Problem } from '#domain/problem/problem.ts';
import type { Actor } from '#domain/record/record.ts';
import { randomIds } from '#ports/id-generator.ts';
import type { MetricSource } from '#ports/metric-source.ts';
import type { OutboundEvent } from '#ports/record-store.ts';
import { signalAlarm } from '#processes/alarm-incidents.ts';
import { createCi } from '#processes/cmdb/configuration-management.ts';
import { cmdbOver } from '#processes/cmdb/impact-analysis.ts';
import type { AlarmDeps, ConfigurationDeps, MetricAnalysisDeps } from '#processes/dependencies.ts';
import { bindMetric, listBindings, readPoints } from '#processes/metrics/metric-bindings.ts';
import { type IngestDeps, ingestMetrics } from '#processes/metrics/metric-ingest.ts';
import { availabilityOf, capacityOf, performanceOf } from '#processes/metrics/operations-analyses.ts';
import { type DetailType, eventDetailSchemas } from '#schemas/events.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import { countCalls, freshTable } from '../support/test-platform.ts';

const admin: Actor = { sub: 'admin-1', roles: ['admin'] };
const minute = 60_000;

/** A clock the test moves: the ingest's windows follow it. */
const clock = { at: Math.floor(Date.now() / minute) * minute + 30_000, now: () => new Date(clock.at) };

let client: DynamoDBClient;
let tableName: string;
let cloudwatch: CloudWatchClient;
let deps: IngestDeps & MetricAnalysisDeps & ConfigurationDeps;
let alarmDeps: AlarmDeps;
/** Every event the ingest's state writes committed to the outbox, in order. */
const published: OutboundEvent[] = [];

beforeAll(async () => {
  ({ client, tableName } = await freshTable());
  cloudwatch = new CloudWatchClient(clientConfig(inject('motoEndpoint')));
  const base = { store: new DynamoAlarmRecordStore(client, tableName), clock, ids: randomIds };
  const cmdb = cmdbOver(new DynamoCmdbStore(client, tableName));
  alarmDeps = {
    ...base,
    cmdb,
    serviceLevels: new DynamoServiceLevels(client, tableName),
    reportFailure: (what, error) => {
      throw new Error(`${what}: ${String(error)}`);
    },
    alarms: { autoResolve: false, groupWindowSeconds: 600 },
  };
  deps = {
    ...base,
    cmdb,
    metrics: new DynamoMetricStore(client, tableName),
    metricSource: new CloudWatchMetricSource(cloudwatch),
    operations: defaultOperationsSettings,
    ingest: { ...defaultIngestSettings, bindingsPerInvocation: 10_000 },
    signalAlarm: (signal) => signalAlarm(alarmDeps, signal),
    requestIngest: async () => {},
  };
  const saveState = deps.metrics.saveState.bind(deps.metrics);
  deps.metrics.saveState = async (binding, state, events = []) => {
    const saved = await saveState(binding, state, events);
    if (saved) published.push(...events);
    return saved;
  };
});

/** The ingest's events about a CI, each held to its detail-type's schema in the event catalog. */
const eventsAbout = (ciId: string, detailType: string) =>
  published
    .filter((event) => event.detailType === detailType && event.detail.id === ciId)
    .map((event) => {
      const schema = eventDetailSchemas[event.detailType as DetailType];
      const parsed = schema.safeParse(event.detail);
      if (!parsed.success)
        throw new Error(`${event.detailType} does not match its schema: ${parsed.error.message}`);
      return event;
    });

/** Period starts, one a minute, ending `endMinutesAgo` before the clock's settled edge. */
const minutesBack = (count: number, endMinutesAgo = 3) => {
  const last = Math.floor(clock.at / minute) * minute - endMinutesAgo * minute;
  return Array.from({ length: count }, (_, n) => last - (count - 1 - n) * minute);
};

/**
 * moto matches a query with dimensions on metric name and dimensions only, not the namespace, so
 * each series here has a dimension value of its own (its namespace).
 */
const put = async (namespace: string, values: Array<[number, number]>, dimension = namespace) => {
  for (let at = 0; at < values.length; at += 500)
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: values.slice(at, at + 500).map(([t, v]) => ({
          MetricName: 'Used',
          Value: v,
          Timestamp: new Date(t + 5_000),
          Dimensions: [{ Name: 'Host', Value: dimension }],
        })),
      }),
    );
};

const binding = (
  namespace: string,
  extra: Partial<MetricBindingDefinition> = {},
): MetricBindingDefinition => ({
  namespace,
  metricName: 'Used',
  dimensions: [{ name: 'Host', value: namespace }],
  stat: 'Average',
  periodSeconds: 60,
  kind: 'performance',
  ...extra,
});

const newCi = async (name: string, extra: Partial<ConfigurationItem> = {}) =>
  (await createCi(deps, admin, { name, type: 'server', ...(extra as object) })).body;

/** The stored points of a binding over the last two days. */
const storedPoints = async (ciId: string, key: string): Promise<MetricPoint[]> => {
  const page = await readPoints(deps, ciId, key, {
    from: new Date(clock.at - 2 * 86_400_000).toISOString(),
    to: new Date(clock.at + minute).toISOString(),
    limit: 1440,
  });
  return page.points;
};

describe('metric ingest against moto and DynamoDB Local', () => {
  it('stores exactly the points CloudWatch has, and a second run adds nothing', async () => {
    const namespace = `It/${randomUUID()}`;
    const times = minutesBack(30);
    await put(
      namespace,
      times.map((t, n) => [t, n * 2]),
    );
    const ci = await newCi('web-1');
    await bindMetric(deps, admin, ci.id, 'used', binding(namespace));

    await ingestMetrics(deps);
    const expected = times.map((t, n) => ({ t: new Date(t).toISOString(), v: n * 2 }));
    expect(await storedPoints(ci.id, 'used')).toEqual(expected);
    const [listed] = (await listBindings(deps, ci.id)).items;
    expect(listed?.lastIngestedAt).toBe(new Date(clock.at).toISOString());

    clock.at += 5 * minute;
    await ingestMetrics(deps);
    expect(await storedPoints(ci.id, 'used')).toEqual(expected);
  });

  it('replaces a revised value instead of adding a second point', async () => {
    const namespace = `It/${randomUUID()}`;
    const times = minutesBack(10);
    await put(
      namespace,
      times.map((t) => [t, 10]),
    );
    const ci = await newCi('web-2');
    await bindMetric(deps, admin, ci.id, 'used', binding(namespace));
    await ingestMetrics(deps);

    // A late datapoint in a period already read: the average of that minute is now 20.
    const revised = times.at(-2) as number;
    await put(namespace, [[revised, 30]]);
    clock.at += 5 * minute;
    await ingestMetrics(deps);

    const points = await storedPoints(ci.id, 'used');
    expect(points).toHaveLength(10);
    expect(points.find((p) => p.t === new Date(revised).toISOString())?.v).toBe(20);
    expect(points.filter((p) => p.v === 10)).toHaveLength(9);
  });

  it('leaves exactly the right points when a run dies after its first batch and runs again', async () => {
    const namespace = `It/${randomUUID()}`;
    const times = minutesBack(20);
    await put(
      namespace,
      times.map((t, n) => [t, n]),
    );
    const ci = await newCi('web-3');
    await bindMetric(deps, admin, ci.id, 'one-minute', binding(namespace));
    await bindMetric(
      deps,
      admin,
      ci.id,
      'five-minute',
      binding(namespace, { periodSeconds: 300, stat: 'Maximum' }),
    );

    let reads = 0;
    const dying: MetricSource = {
      read: async (window, series) => {
        reads += 1;
        if (reads === 2) throw new Error('killed');
        return deps.metricSource.read(window, series);
      },
    };
    await expect(ingestMetrics({ ...deps, metricSource: dying })).rejects.toThrow(
      '1 metric read batches failed',
    );
    await ingestMetrics(deps);
    await ingestMetrics(deps);

    expect(await storedPoints(ci.id, 'one-minute')).toEqual(
      times.map((t, n) => ({ t: new Date(t).toISOString(), v: n })),
    );
    const fives = await storedPoints(ci.id, 'five-minute');
    const fiveMinute = 300_000;
    // Only whole five-minute periods that ended before the settle time are read.
    const settled = clock.at - 120_000 - ((clock.at - 120_000) % fiveMinute);
    const buckets = new Map<number, number>();
    times.forEach((t, n) => {
      const start = t - (t % fiveMinute);
      if (start + fiveMinute <= settled) buckets.set(start, n);
    });
    expect(buckets.size).toBeGreaterThanOrEqual(3);
    expect(fives).toEqual([...buckets].map(([t, v]) => ({ t: new Date(t).toISOString(), v })));
  });

  it('packs every binding of a window into one GetMetricData call and 25 points a BatchWriteItem', async () => {
    // A table of its own, so only these 30 bindings are read.
    const own = await freshTable();
    const counting = new CloudWatchClient(clientConfig(inject('motoEndpoint')));
    const calls = countCalls(counting);
    const fleetDeps: typeof deps = {
      ...deps,
      store: new DynamoAlarmRecordStore(own.client, own.tableName),
      metrics: new DynamoMetricStore(own.client, own.tableName),
      metricSource: new CloudWatchMetricSource(counting),
    };
    const namespace = `It/${randomUUID()}`;
    const times = minutesBack(10);
    const ci = (await createCi(fleetDeps, admin, { name: 'fleet', type: 'server' })).body;
    for (let n = 0; n < 30; n++) {
      await put(
        namespace,
        times.map((t) => [t, n]),
        `${namespace}/h${n}`,
      );
      await bindMetric(
        fleetDeps,
        admin,
        ci.id,
        `h${n}`,
        binding(namespace, { dimensions: [{ name: 'Host', value: `${namespace}/h${n}` }] }),
      );
    }
    const report = await ingestMetrics(fleetDeps);
    expect(calls.filter((name) => name === 'GetMetricDataCommand')).toHaveLength(1);
    expect(report).toMatchObject({
      bindings: 30,
      getMetricDataCalls: 1,
      pointsWritten: 300,
      batchWriteCalls: 12,
    });
    const page = await readPoints(fleetDeps, ci.id, 'h29', {
      from: new Date(clock.at - 86_400_000).toISOString(),
    });
    expect(page.points.map((p) => p.v)).toEqual(times.map(() => 29));
  });
});

describe('thresholds, capacity, availability and performance from ingested points', () => {
  it('opens exactly one incident for a breached threshold and records its clear on recovery', async () => {
    const namespace = `It/${randomUUID()}`;
    const ci = await newCi('db-1', { serviceTier: 2 } as never);
    await bindMetric(
      deps,
      admin,
      ci.id,
      'cpu',
      binding(namespace, { threshold: { comparison: '>', value: 80, forPeriods: 3 } }),
    );
    await put(
      namespace,
      minutesBack(8).map((t, n) => [t, n < 3 ? 50 : 95]),
    );
    await ingestMetrics(deps);
    clock.at += 5 * minute;
    await ingestMetrics(deps);

    const open = await deps.store.list<Incident>('incident', { filters: { ciId: ci.id }, limit: 10 });
    expect(open.items).toHaveLength(1);
    const incident = open.items[0] as Incident;
    expect(incident.alarm?.name).toBe('threshold:cpu');
    expect(incident.alarm?.state).toBe('ALARM');
    const breachedCi = await deps.store.get<ConfigurationItem>('ci', ci.id);
    expect(breachedCi?.breachedThresholds).toEqual(['cpu']);
    expect(breachedCi?.ownHealth).not.toBe('ok');

    await put(
      namespace,
      minutesBack(5).map((t) => [t, 40]),
    );
    clock.at += 5 * minute;
    await ingestMetrics(deps);
    const after = await deps.store.get<Incident>('incident', incident.id);
    expect(after?.alarm?.state).toBe('OK');
    expect(after?.alarm?.clearedAt).toBeDefined();
    const all = await deps.store.list<Incident>('incident', { filters: { ciId: ci.id }, limit: 10 });
    expect(all.items).toHaveLength(1);
    expect((await deps.store.get<ConfigurationItem>('ci', ci.id))?.breachedThresholds).toBeUndefined();
    const [breachedEvent] = eventsAbout(ci.id, 'Threshold Breached');
    expect(eventsAbout(ci.id, 'Threshold Breached')).toHaveLength(1);
    expect(breachedEvent?.detail).toMatchObject({
      type: 'metric_threshold',
      record: { key: 'cpu', state: 'breached', value: 95, incidentId: incident.id },
    });
    expect(eventsAbout(ci.id, 'Threshold Cleared')).toHaveLength(1);
  });

  it('forecasts a linear series within one period, opens one capacity problem, and nulls a constant one', async () => {
    const namespace = `It/${randomUUID()}`;
    const times = minutesBack(60);
    // 1 per minute from 100: reaches 1,000 at 900 minutes after the first point.
    await put(
      namespace,
      times.map((t, n) => [t, 100 + n]),
    );
    await put(
      `${namespace}/flat`,
      times.map((t) => [t, 42]),
    );
    const ci = await newCi('disk-1');
    await bindMetric(
      deps,
      admin,
      ci.id,
      'disk',
      binding(namespace, { kind: 'capacity', capacityLimit: 1000 }),
    );
    await bindMetric(
      deps,
      admin,
      ci.id,
      'flat',
      binding(`${namespace}/flat`, { kind: 'capacity', capacityLimit: 1000 }),
    );
    await ingestMetrics(deps);

    const capacity = await capacityOf(deps, ci.id);
    const disk = capacity.items.find((item) => item.key === 'disk');
    const crossing = (times[0] as number) + 900 * minute;
    expect(Math.abs(Date.parse(disk?.exhaustionAt ?? '') - crossing)).toBeLessThanOrEqual(minute);
    expect(disk?.slopePerDay).toBeCloseTo(1440, 6);
    expect(disk?.fit.r2).toBeCloseTo(1, 9);
    expect(capacity.items.find((item) => item.key === 'flat')?.exhaustionAt).toBeNull();

    clock.at += 61 * minute;
    await ingestMetrics(deps);
    const problems = await deps.store.list<Problem>('problem', { filters: { ciId: ci.id }, limit: 10 });
    expect(problems.items).toHaveLength(1);
    expect(problems.items[0]?.source).toBe('capacity_forecast');
    expect(problems.items[0]?.metricKey).toBe('disk');
    const forecasts = eventsAbout(ci.id, 'Capacity Forecast');
    expect(forecasts).toHaveLength(1);
    expect(forecasts[0]?.detail.record).toMatchObject({
      key: 'disk',
      limit: 1000,
      problemId: problems.items[0]?.id,
    });

    // An hour later the forecast is checked again: the problem is still open, the day's event sent.
    clock.at += 61 * minute;
    await ingestMetrics(deps);
    expect(
      (await deps.store.list<Problem>('problem', { filters: { ciId: ci.id }, limit: 10 })).items,
    ).toHaveLength(1);
    expect(eventsAbout(ci.id, 'Capacity Forecast')).toHaveLength(1);
  });

  it('reports availability from an availability binding and a performance summary from points', async () => {
    const namespace = `It/${randomUUID()}`;
    const times = minutesBack(20);
    // 2 of 20 minutes over the threshold: 90% available.
    await put(
      namespace,
      times.map((t, n) => [t, n === 5 || n === 6 ? 900 : 100]),
    );
    const ci = await newCi('api-1', { serviceTier: 2 } as never);
    await bindMetric(
      deps,
      admin,
      ci.id,
      'latency',
      binding(namespace, { kind: 'availability', threshold: { comparison: '>', value: 500, forPeriods: 1 } }),
    );
    await bindMetric(deps, admin, ci.id, 'latency-perf', binding(namespace, { kind: 'performance' }));
    await ingestMetrics(deps);

    const availability = await availabilityOf(deps, ci.id, '1h');
    if (availability.basis !== 'metrics') throw new Error('expected availability from metrics');
    expect(availability.availability).toBeCloseTo(18 / 20, 12);
    expect(availability.downtimeSeconds).toBe(120);
    expect(availability.target).toBe(0.999);
    expect(availability.errorBudgetRemaining).toBeCloseTo(1 - 0.1 / 0.001, 9);

    const performance = await performanceOf(deps, ci.id, '1h');
    // 2 of the 20 minutes in the 30m and 6h windows burn 100× the budget, the last 5m none: slow.
    expect(availability.burnAlert).toBe('slow');
    expect(availability.burnRates?.['30m']).toBeCloseTo(0.1 / 0.001, 6);
    expect(availability.burnRates?.['5m']).toBe(0);
    const [item] = performance.items;
    expect(item?.source).toBe('points');
    expect(item?.p50).toBe(100);
  });
});

describe('error budget burn', () => {
  it('opens the burn-rate incident on a fast burn and records its clear when the burn stops', async () => {
    const namespace = `It/${randomUUID()}`;
    const ci = await newCi('checkout-api', { serviceTier: 1 } as never);
    await bindMetric(
      deps,
      admin,
      ci.id,
      'errors',
      binding(namespace, {
        stat: 'Sum',
        kind: 'availability',
        threshold: { comparison: '>', value: 0, forPeriods: 1 },
      }),
    );
    // Every minute of the last hour had errors: burn rate 1 / (1 − 0.9995) = 2000 everywhere.
    await put(
      namespace,
      minutesBack(60).map((t) => [t, 5]),
    );
    await ingestMetrics(deps);
    const burning = await availabilityOf(deps, ci.id, '1h');
    if (burning.basis !== 'metrics') throw new Error('expected availability from metrics');
    expect(burning.burnAlert).toBe('fast');
    expect(burning.burnRates?.['1h']).toBeCloseTo(2000, 6);
    const incidents = await deps.store.list<Incident>('incident', { filters: { ciId: ci.id }, limit: 10 });
    expect(incidents.items.map((incident) => incident.alarm?.name)).toEqual(['burn-rate:errors']);

    // A quiet hour: no alert any more, the clear is recorded on the same incident.
    clock.at += 60 * minute;
    await put(
      namespace,
      minutesBack(60).map((t) => [t, 0]),
    );
    await ingestMetrics(deps);
    const after = await deps.store.list<Incident>('incident', { filters: { ciId: ci.id }, limit: 10 });
    expect(after.items).toHaveLength(1);
    expect(after.items[0]?.alarm?.state).toBe('OK');
  });
});

describe('fan-out past one invocation of bindings', () => {
  it('hands shard groups to other invocations, which together read every binding once', async () => {
    const own = await freshTable();
    const requested: number[][] = [];
    const fanDeps: typeof deps = {
      ...deps,
      store: new DynamoAlarmRecordStore(own.client, own.tableName),
      metrics: new DynamoMetricStore(own.client, own.tableName),
      ingest: { ...deps.ingest, bindingsPerInvocation: 3 },
      requestIngest: async (groups) => {
        requested.push(...groups);
      },
    };
    const namespace = `It/${randomUUID()}`;
    const times = minutesBack(5);
    const ci = (await createCi(fanDeps, admin, { name: 'fan-out', type: 'server' })).body;
    for (let n = 0; n < 12; n++) {
      await put(
        namespace,
        times.map((t) => [t, n]),
        `${namespace}/f${n}`,
      );
      await bindMetric(
        fanDeps,
        admin,
        ci.id,
        `f${n}`,
        binding(namespace, { dimensions: [{ name: 'Host', value: `${namespace}/f${n}` }] }),
      );
    }

    const scheduled = await ingestMetrics(fanDeps);
    expect(scheduled.fannedOut).toBe(requested.length);
    expect(requested.length).toBeGreaterThan(1);
    const counts = await fanDeps.metrics.shardCounts();
    // Every non-empty shard in exactly one group; a group over the limit only when one shard is.
    expect(requested.flat().sort((a, b) => a - b)).toEqual(
      counts.flatMap((count, shard) => (count > 0 ? [shard] : [])),
    );
    for (const group of requested)
      if (group.length > 1)
        expect(group.reduce((sum, shard) => sum + (counts[shard] ?? 0), 0)).toBeLessThanOrEqual(3);

    let read = 0;
    for (const shards of requested) read += (await ingestMetrics(fanDeps, { shards })).bindings;
    expect(read).toBe(12);
    for (const n of [0, 11])
      expect((await readPoints(fanDeps, ci.id, `f${n}`, {})).points.map((p) => p.v)).toEqual(
        times.map(() => n),
      );
  });
});
