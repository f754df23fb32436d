import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import {
  availabilityTarget,
  exhaustsWithin,
  INITIAL_THRESHOLD_STATE,
  type MetricPoint,
  type ThresholdTransition,
  watchThreshold,
} from '#domain/metrics/index.ts';
import { isActionableForecast, spanEnding } from '#domain/monitoring/analysis-window.ts';
import {
  type IngestSettings,
  ingestedThrough,
  type ReadWindow,
  readBatches,
  readWindow,
  type ShardCursor,
  shardGroups,
} from '#domain/monitoring/ingest-plan.ts';
import type { Actor } from '#domain/record/record.ts';
import type { IngestState, SeriesOf, SeriesPoints, StoredBinding } from '#ports/metric-store.ts';
import type { OutboundEvent } from '#ports/record-store.ts';
import { markThreshold } from '../cmdb/health-recompute.ts';
import type { CmdbDeps, MetricSourceDeps, MetricStoreDeps, RecordDeps } from '../dependencies.ts';
import { getProblem, recordProblem } from '../problem-management.ts';
import { bindingForecast, burnOf } from './operations-analyses.ts';

/** What the ingest tells the alarm path: the same dedup as CloudWatch alarms (README, Events). */
export interface AlarmSignalInput {
  key: string;
  name: string;
  arn: string;
  state: 'ALARM' | 'OK';
  eventId: string;
  at: string;
  ciId: string;
  title: string;
  description: string;
}

export interface IngestDeps extends RecordDeps, CmdbDeps, MetricStoreDeps, MetricSourceDeps {
  /** Opens or adds to the incident of an alarm key, or records its clear (the alarm path). */
  signalAlarm: (signal: AlarmSignalInput) => Promise<{ incidentId?: string }>;
  /** Hands groups of shards to other invocations (a fan-out event per group). */
  requestIngest: (groups: number[][]) => Promise<void>;
  ingest: IngestSettings & {
    /** Bindings one invocation reads; past it the run fans out by shard groups. */
    bindingsPerInvocation: number;
  };
}

/** What one run did: the figures `npm run bench` reports. */
export interface IngestReport {
  shards: number;
  bindings: number;
  getMetricDataCalls: number;
  pointsWritten: number;
  batchWriteCalls: number;
  transitions: number;
  forecasts: number;
  /** Groups handed to other invocations (0 when this one read everything). */
  fannedOut: number;
  /** GetMetricData batches that failed (read or write); their windows are read again next run. */
  failedBatches: number;
}

/** A run some of whose batches failed: what the rest did, and the first failure as the cause. */
export class IngestIncomplete extends Error {
  constructor(
    readonly report: IngestReport,
    cause: unknown,
  ) {
    super(`${report.failedBatches} metric read batches failed; their windows are read again next run`, {
      cause,
    });
    this.name = 'IngestIncomplete';
  }
}

const emptyReport = (): IngestReport => ({
  shards: 0,
  bindings: 0,
  getMetricDataCalls: 0,
  pointsWritten: 0,
  batchWriteCalls: 0,
  transitions: 0,
  forecasts: 0,
  fannedOut: 0,
  failedBatches: 0,
});

const ingestActor: Actor = { sub: 'opsdesk:metrics-ingest', roles: ['agent'] };
/** Post-processing (thresholds, forecasts, burn) of this many bindings at once. */
const analysesInFlight = 16;
/** A capacity forecast is checked at most this often per binding (it reads the whole window). */
const forecastEveryMs = 3_600_000;
const capacityWindowSeconds = 14 * 86_400;
const burnWindowSeconds = 6 * 3_600;

/**
 * The scheduled run: reads every binding from CloudWatch and stores its points. Shards are counted
 * first; when they hold more than one invocation reads (`bindingsPerInvocation`), the shards are
 * split in groups and each group goes to its own invocation (`requestIngest`); otherwise this one
 * reads them all. `shards` given: read exactly those (a fan-out invocation).
 * @example await ingestMetrics(deps) // { bindings: 12, getMetricDataCalls: 1, pointsWritten: 120, ... }
 */
export const ingestMetrics = async (
  deps: IngestDeps,
  request: { shards?: number[] } = {},
): Promise<IngestReport> => {
  let shards = request.shards;
  if (!shards) {
    const groups = shardGroups(await deps.metrics.shardCounts(), deps.ingest.bindingsPerInvocation);
    if (groups.length > 1) {
      await deps.requestIngest(groups);
      return { ...emptyReport(), fannedOut: groups.length };
    }
    shards = groups[0] ?? [];
  }
  return ingestShards(deps, shards);
};

/**
 * Reads a group of shards in one go: list their bindings, plan each one's window from its shard's
 * cursor, read them all in as few GetMetricData calls as the limits allow (bindings of every shard
 * share calls), write the points 25 a BatchWriteItem, run the analyses that act (threshold,
 * capacity forecast, burn rate), and only then move the cursors. A run that fails halfway leaves
 * the cursors where they were: the next run reads the same windows again, and keyed points are
 * replaced, never doubled.
 */
export const ingestShards = async (deps: IngestDeps, shards: readonly number[]): Promise<IngestReport> => {
  const report = { ...emptyReport(), shards: shards.length };
  const listedAt = deps.clock.now();
  const listed = await Promise.all(
    shards.map(async (shard) => ({
      shard,
      cursor: await deps.metrics.shardCursor(shard),
      bindings: await allShardBindings(deps, shard),
    })),
  );
  const reads = listed.flatMap(({ shard, cursor, bindings }) =>
    bindings.flatMap((binding) => {
      const window = readWindow(
        { periodSeconds: binding.periodSeconds, ingestedThrough: ingestedThrough(binding, cursor)?.through },
        listedAt.getTime(),
        deps.ingest,
      );
      return window ? [{ item: { binding, shard }, window }] : [];
    }),
  );
  report.bindings = listed.reduce((sum, { bindings }) => sum + bindings.length, 0);
  const reached = new Map<string, ShardCursor[string]>();
  const failed = new Set<string>();
  let firstFailure: unknown;
  const fail = (pairs: Iterable<string>, error: unknown) => {
    report.failedBatches += 1;
    firstFailure ??= error;
    for (const pair of pairs) failed.add(pair);
  };
  // Points wait here until 25 are ready, whatever read batch they came from: every BatchWriteItem
  // but the run's last is full. The cursors move only after the last is written.
  const pending: PendingPoint[] = [];
  const writePending = async (all: boolean) => {
    const count = all ? pending.length : pending.length - (pending.length % pointsPerWrite);
    if (count === 0) return;
    const chunk = pending.splice(0, count);
    try {
      const written = await deps.metrics.writePoints(seriesPointsOf(chunk), expiresAt(deps, listedAt));
      report.pointsWritten += written.points;
      report.batchWriteCalls += written.calls;
    } catch (error) {
      fail(new Set(chunk.map((entry) => entry.pair)), error);
    }
  };
  for (const batch of readBatches(reads)) {
    const pairOf = (shard: number) => `${shard}:${batch.window.periodSeconds}`;
    const pairs = [...new Set(batch.items.map(({ shard }) => pairOf(shard)))];
    try {
      const bindings = batch.items.map((item) => item.binding);
      const series = await deps.metricSource.read(batch.window, bindings);
      report.getMetricDataCalls += 1;
      batch.items.forEach(({ binding, shard }, n) => {
        for (const point of series[n] ?? []) pending.push({ of: binding, point, pair: pairOf(shard) });
      });
      await writePending(false);
      const outcomes = await inBatches(bindings, analysesInFlight, (binding, n) =>
        analyse(deps, binding, series[n] ?? [], batch.window),
      );
      for (const outcome of outcomes) {
        report.transitions += outcome.transitions;
        report.forecasts += outcome.forecasts;
      }
      const end = { through: new Date(batch.window.endMs).toISOString(), listedAt: listedAt.toISOString() };
      for (const pair of pairs) reached.set(pair, end);
    } catch (error) {
      // The other batches go on; this one's shards keep their cursor for its period, so the next
      // run reads its windows again.
      fail(pairs, error);
    }
  }
  await writePending(true);
  const cursors = new Map(listed.map(({ shard, cursor }) => [shard, { ...cursor }]));
  const moved = new Set<number>();
  for (const [pair, end] of reached) {
    if (failed.has(pair)) continue;
    const [shard, period] = pair.split(':') as [string, string];
    (cursors.get(Number(shard)) as ShardCursor)[period] = end;
    moved.add(Number(shard));
  }
  await Promise.all(
    [...moved].map((shard) => deps.metrics.saveShardCursor(shard, cursors.get(shard) as ShardCursor)),
  );
  if (firstFailure !== undefined) throw new IngestIncomplete(report, firstFailure);
  return report;
};

/** BatchWriteItem's limit: points are written in calls of this many. */
const pointsPerWrite = 25;

/** A point read, waiting for a full BatchWriteItem, with the shard and period it moves. */
interface PendingPoint {
  of: SeriesOf;
  point: MetricPoint;
  pair: string;
}

/** Pending points as the store takes them: consecutive points of one series together. */
const seriesPointsOf = (pending: readonly PendingPoint[]): SeriesPoints[] => {
  const grouped: Array<{ of: SeriesOf; points: MetricPoint[] }> = [];
  for (const { of, point } of pending) {
    const last = grouped.at(-1);
    if (last && last.of === of) last.points.push(point);
    else grouped.push({ of, points: [point] });
  }
  return grouped;
};

const allShardBindings = async (deps: IngestDeps, shard: number): Promise<StoredBinding[]> => {
  const bindings: StoredBinding[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.metrics.shardBindings(shard, { limit: 1000, cursor });
    bindings.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return bindings;
};

const expiresAt = (deps: IngestDeps, now: Date) =>
  Math.floor(now.getTime() / 1000) + deps.operations.retentionDays * 86_400;

const inBatches = async <T, R>(
  items: readonly T[],
  size: number,
  run: (item: T, n: number) => Promise<R>,
) => {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += size)
    results.push(...(await Promise.all(items.slice(at, at + size).map((item, n) => run(item, at + n)))));
  return results;
};

/** What the analyses of one binding did this run. */
interface AnalysisOutcome {
  transitions: number;
  forecasts: number;
}

/**
 * The analyses that act on new points: the threshold watch (incidents through the alarm path,
 * `Threshold Breached`/`Cleared`), the capacity forecast (at most hourly; `Capacity Forecast` once
 * a day and one open problem per binding) and the burn-rate alert. Each saves what it remembers
 * only while the binding is at the revision read.
 */
const analyse = async (
  deps: IngestDeps,
  binding: StoredBinding,
  points: readonly MetricPoint[],
  window: ReadWindow,
): Promise<AnalysisOutcome> => {
  const outcome: AnalysisOutcome = { transitions: 0, forecasts: 0 };
  const state: IngestState = {};
  const events: OutboundEvent[] = [];
  let ci: ConfigurationItem | undefined;
  const ciOf = async () => {
    ci ??= await deps.store.get<ConfigurationItem>('ci', binding.ciId);
    return ci;
  };
  // An availability binding's threshold classifies periods; it alerts by error budget burn.
  if (binding.threshold && binding.kind !== 'availability') {
    const before = binding.watch ?? INITIAL_THRESHOLD_STATE;
    const watched = watchThreshold(before, points, binding.threshold);
    for (const transition of watched.transitions) {
      const found = await ciOf();
      if (!found) return outcome;
      events.push(await signalThreshold(deps, binding, found, transition));
      await markThreshold(deps, binding.ciId, binding.key, transition.to === 'breached', ingestActor.sub);
      outcome.transitions += 1;
    }
    if (JSON.stringify(watched.state) !== JSON.stringify(before)) state.watch = watched.state;
  }
  const nowIso = new Date(window.endMs).toISOString();
  if (binding.kind === 'capacity' && forecastDue(binding, deps.clock.now())) {
    const found = await ciOf();
    if (!found) return outcome;
    Object.assign(state, await checkCapacity(deps, binding, found, events));
    outcome.forecasts += events.some((e) => e.detailType === 'Capacity Forecast') ? 1 : 0;
  }
  if (binding.kind === 'availability' && binding.threshold) {
    const found = await ciOf();
    const target = found ? availabilityTarget(found) : undefined;
    if (found && target !== undefined)
      Object.assign(state, await checkBurn(deps, binding, found, target, nowIso));
  }
  if (Object.keys(state).length > 0 || events.length > 0)
    await deps.metrics.saveState(binding, state, events);
  return outcome;
};

const thresholdText = (binding: StoredBinding) =>
  binding.threshold ? `${binding.threshold.comparison} ${binding.threshold.value}` : '';

/**
 * A threshold transition through the alarm path (one incident per binding while open, `alarm.name`
 * `threshold:<key>`), and the event that announces it. The signal's id is the transition's point,
 * so a run repeated after a failure counts it once.
 */
const signalThreshold = async (
  deps: IngestDeps,
  binding: StoredBinding,
  ci: ConfigurationItem,
  transition: ThresholdTransition,
): Promise<OutboundEvent> => {
  const breached = transition.to === 'breached';
  const signalled = await deps.signalAlarm({
    key: `threshold:${binding.ciId}:${binding.key}`,
    name: `threshold:${binding.key}`,
    arn: `opsdesk:ci/${binding.ciId}/metrics/${binding.key}/threshold`,
    state: breached ? 'ALARM' : 'OK',
    eventId: `threshold:${binding.ciId}:${binding.key}:${binding.series}:${transition.to}:${transition.at}`,
    at: transition.at,
    ciId: binding.ciId,
    title: `${ci.name}: ${binding.metricName} ${thresholdText(binding)}`,
    description:
      `${binding.namespace} ${binding.metricName} (${binding.stat}, ${binding.periodSeconds} s) ` +
      `${breached ? 'breached' : 'is back within'} ${thresholdText(binding)} for ` +
      `${binding.threshold?.forPeriods} periods; last value ${transition.value} at ${transition.at}.`,
  });
  return {
    id: deps.ids.next(),
    detailType: breached ? 'Threshold Breached' : 'Threshold Cleared',
    detail: {
      id: ci.id,
      number: ci.number,
      type: 'metric_threshold',
      version: binding.revision,
      record: {
        ciId: ci.id,
        key: binding.key,
        state: breached ? 'breached' : 'cleared',
        value: transition.value,
        at: transition.at,
        threshold: binding.threshold,
        ...(signalled.incidentId ? { incidentId: signalled.incidentId } : {}),
      },
    },
  };
};

const forecastDue = (binding: StoredBinding, now: Date) =>
  binding.forecastCheckedAt === undefined ||
  now.getTime() - Date.parse(binding.forecastCheckedAt) >= forecastEveryMs;

/**
 * The hourly capacity check: when the fitted line reaches the limit within the horizon, a
 * `Capacity Forecast` (once per binding and day) and a problem on the CI with source
 * `capacity_forecast`, unless the one opened before is still open.
 */
const checkCapacity = async (
  deps: IngestDeps,
  binding: StoredBinding,
  ci: ConfigurationItem,
  events: OutboundEvent[],
): Promise<IngestState> => {
  const now = deps.clock.now().toISOString();
  const forecast = await bindingForecast(deps, binding, spanEnding(now, capacityWindowSeconds), now);
  const state: IngestState = { forecastCheckedAt: now };
  if (
    !forecast.exhaustionAt ||
    !exhaustsWithin(forecast, now, deps.operations.capacityHorizonDays) ||
    !isActionableForecast(forecast.fit, binding.periodSeconds)
  )
    return state;
  const day = now.slice(0, 10);
  let problemId = binding.capacityProblemId;
  const open = problemId ? await getProblem(deps, problemId).catch(() => undefined) : undefined;
  if (!open || ['resolved', 'closed', 'canceled'].includes(open.state)) {
    const outcome = await recordProblem(
      deps,
      ingestActor,
      {
        title: `${ci.name}: ${binding.metricName} reaches ${forecast.limit} by ${forecast.exhaustionAt.slice(0, 10)}`,
        description:
          `Capacity forecast for ${binding.key}: ${binding.namespace} ${binding.metricName} is at ${forecast.current}` +
          ` and grows ${forecast.slopePerDay?.toFixed(3)} per day (least squares over 14 days, r² ${forecast.fit.r2?.toFixed(3)});` +
          ` the fitted line reaches the limit ${forecast.limit} at ${forecast.exhaustionAt}.`,
        ciId: ci.id,
        source: 'capacity_forecast',
        metricKey: binding.key,
      },
      { key: `capacity_forecast#${ci.id}#${binding.key}#${day}`, fingerprint: 'capacity_forecast' },
    );
    problemId = outcome.body.id;
    state.capacityProblemId = problemId;
  }
  if (binding.forecastDay !== day) {
    state.forecastDay = day;
    events.push({
      id: deps.ids.next(),
      detailType: 'Capacity Forecast',
      detail: {
        id: ci.id,
        number: ci.number,
        type: 'capacity_forecast',
        version: binding.revision,
        record: {
          ciId: ci.id,
          key: binding.key,
          current: forecast.current,
          limit: forecast.limit,
          slopePerDay: forecast.slopePerDay,
          exhaustionAt: forecast.exhaustionAt,
          r2: forecast.fit.r2,
          ...(problemId ? { problemId } : {}),
        },
      },
    });
  }
  return state;
};

/**
 * The burn-rate alert of an availability binding: a fast or slow burn opens or adds to the
 * incident `burn-rate:<key>`; when neither burns any more, its clear is recorded.
 */
const checkBurn = async (
  deps: IngestDeps,
  binding: StoredBinding,
  ci: ConfigurationItem,
  target: number,
  nowIso: string,
): Promise<IngestState> => {
  const { rates, alert } = await burnOf(deps, [binding], target, nowIso, burnWindowSeconds);
  const speed = alert?.speed;
  if ((speed ?? '') === (binding.burn ?? '')) return {};
  const budget = `${((1 - target) * 100).toFixed(3)}% error budget`;
  await deps.signalAlarm({
    key: `burn-rate:${binding.ciId}:${binding.key}`,
    name: `burn-rate:${binding.key}`,
    arn: `opsdesk:ci/${binding.ciId}/metrics/${binding.key}/burn-rate`,
    state: speed ? 'ALARM' : 'OK',
    eventId: `burn-rate:${binding.ciId}:${binding.key}:${binding.series}:${speed ?? 'ok'}:${nowIso}`,
    at: nowIso,
    ciId: binding.ciId,
    title: `${ci.name}: ${speed ?? 'no'} error budget burn on ${binding.key}`,
    description: alert
      ? `${ci.name} spends its ${budget} ${alert.rates[0].toFixed(1)}× too fast over ${alert.windows[0]} and ` +
        `${alert.rates[1].toFixed(1)}× over ${alert.windows[1]} (target ${target}).`
      : `Burn rates are back under the alert rates: ${JSON.stringify(rates)}.`,
  });
  return { burn: speed };
};

/** The fan-out event: a group of shards for one invocation to read. */
export const ingestRequestSource = 'opsdesk.metrics';
export const ingestRequestDetailType = 'Metric Ingest Requested';

/**
 * The shards an event asks for: those of a fan-out request, undefined for the schedule (read all).
 * A request naming no valid shard asks for nothing.
 * @example shardsRequested({ source: 'opsdesk.metrics', 'detail-type': 'Metric Ingest Requested', detail: { shards: [1, 2] } }, 16) // [1, 2]
 */
export const shardsRequested = (
  event: { source?: string; 'detail-type'?: string; detail?: unknown },
  shards: number,
): number[] | undefined => {
  if (event.source !== ingestRequestSource || event['detail-type'] !== ingestRequestDetailType)
    return undefined;
  const asked = (event.detail as { shards?: unknown } | undefined)?.shards;
  if (!Array.isArray(asked)) return [];
  return [...new Set(asked)].filter((n): n is number => Number.isInteger(n) && n >= 0 && n < shards);
};
