import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import { notFound } from '#domain/errors.ts';
import type { Incident } from '#domain/incident/incident.ts';
import {
  availabilityFromOutages,
  availabilityOfPeriods,
  availabilityTarget,
  BURN_RATE_WINDOWS,
  type BurnRateWindow,
  burnAlert,
  burnRates,
  type CapacityForecast,
  errorBudgetRemaining,
  exhaustsWithin,
  forecastCapacity,
  type Interval,
  outageSeconds,
  type PerformanceSummary,
  type PeriodVerdict,
  periodVerdicts,
  summarisePerformance,
} from '#domain/metrics/index.ts';
import { type Span, spanEnding, windowSeconds } from '#domain/monitoring/analysis-window.ts';
import { defaultIngestSettings, isPercentileStat } from '#domain/monitoring/ingest-plan.ts';
import type { StoredBinding } from '#ports/metric-store.ts';
import { walkCmdb } from '../cmdb/impact-analysis.ts';
import type { MetricAnalysisDeps } from '../dependencies.ts';
import { allPages } from '../record-history.ts';

const noCi = 'No CI with that id';

const ciAndBindings = async (deps: MetricAnalysisDeps, ciId: string) => {
  const [ci, bindings] = await Promise.all([
    deps.store.get<ConfigurationItem>('ci', ciId),
    deps.metrics.bindings(ciId),
  ]);
  if (!ci) throw notFound(noCi);
  return { ci, bindings: bindings.sort((a, b) => (a.key < b.key ? -1 : 1)) };
};

const now = (deps: MetricAnalysisDeps) => deps.clock.now().toISOString();

export interface CapacityItem extends CapacityForecast {
  key: string;
  unit?: string;
  withinHorizon: boolean;
}

/**
 * The capacity forecast of one binding over a span: least squares over its points.
 * @example await bindingForecast(deps, binding, span, nowIso)
 */
export const bindingForecast = async (
  deps: Pick<MetricAnalysisDeps, 'metrics' | 'operations'>,
  binding: StoredBinding,
  span: Span,
  nowIso: string,
): Promise<CapacityItem> => {
  const points = await deps.metrics.allPoints(binding, span);
  const forecast = forecastCapacity(points, binding.capacityLimit ?? Number.POSITIVE_INFINITY);
  return {
    key: binding.key,
    ...forecast,
    ...(binding.unit ? { unit: binding.unit } : {}),
    withinHorizon: exhaustsWithin(forecast, nowIso, deps.operations.capacityHorizonDays),
  };
};

/**
 * `GET /cis/{id}/capacity`: per capacity binding, the newest value, the fitted slope, the limit
 * and when the line reaches it, over the window (default 14 days).
 * @example await capacityOf(deps, ciId, '14d')
 */
export const capacityOf = async (deps: MetricAnalysisDeps, ciId: string, window = '14d') => {
  const { bindings } = await ciAndBindings(deps, ciId);
  const at = now(deps);
  const span = spanEnding(at, windowSeconds(window));
  const items = await Promise.all(
    bindings.filter((b) => b.kind === 'capacity').map((binding) => bindingForecast(deps, binding, span, at)),
  );
  return { items, window, horizonDays: deps.operations.capacityHorizonDays };
};

/**
 * The verdict of every period of one availability binding over a span, counting only periods the
 * ingest could have read: not before the series' first backfill, not after the settle time. So
 * `treatMissingData` fills gaps in what was read, never the days before the binding existed or
 * the minutes CloudWatch has not settled yet.
 */
export const bindingVerdicts = async (
  deps: Pick<MetricAnalysisDeps, 'metrics'>,
  binding: StoredBinding,
  span: Span,
): Promise<PeriodVerdict[]> => {
  if (!binding.threshold) return [];
  const from = Math.max(
    Date.parse(span.from),
    Date.parse(binding.seriesSince) - defaultIngestSettings.backfillSeconds * 1000,
  );
  const to = Date.parse(span.to) - defaultIngestSettings.settleSeconds * 1000;
  if (to <= from) return [];
  const readable = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const points = await deps.metrics.allPoints(binding, readable);
  return periodVerdicts({
    points,
    periodSeconds: binding.periodSeconds,
    ...readable,
    threshold: binding.threshold,
    treatMissingData: binding.treatMissingData ?? 'missing',
  });
};

/**
 * Burn rates of the availability bindings against a target, the worst binding per window, and
 * the alert they raise. Reads the longest burn window (3 days) of points.
 * @example await burnOf(deps, bindings, 0.999, nowIso) // { rates: { '5m': 0, ... }, alert: undefined }
 */
export const burnOf = async (
  deps: Pick<MetricAnalysisDeps, 'metrics'>,
  bindings: readonly StoredBinding[],
  target: number,
  nowIso: string,
  /** How far back to read: all windows (3 days) by default; the alert needs only 6 hours. */
  seconds: number = BURN_RATE_WINDOWS['3d'],
) => {
  const span = spanEnding(nowIso, seconds);
  const perBinding = await Promise.all(
    bindings.map(async (binding) =>
      burnRates(await bindingVerdicts(deps, binding, span), binding.periodSeconds, nowIso, target),
    ),
  );
  const windows = Object.keys(BURN_RATE_WINDOWS) as BurnRateWindow[];
  const rates = Object.fromEntries(
    windows.map((name) => {
      const known = perBinding.map((r) => r[name]).filter((r): r is number => r !== null);
      return [name, known.length > 0 ? Math.max(...known) : null];
    }),
  ) as Record<BurnRateWindow, number | null>;
  return { rates, alert: burnAlert(rates) };
};

/** P1 outages on these CIs: from opening to resolution (or now, while open). */
const p1Outages = async (deps: MetricAnalysisDeps, ciIds: readonly string[], nowIso: string) => {
  const lists = await Promise.all(
    ciIds.map((ciId) =>
      allPages((cursor) =>
        deps.store.list<Incident>('incident', { filters: { ciId, priority: 1 }, limit: 200, cursor }),
      ),
    ),
  );
  const incidents = [...new Map(lists.flat().map((incident) => [incident.id, incident])).values()];
  return incidents.map((incident) => ({
    incidentId: incident.id,
    interval: {
      start: incident.createdAt,
      end: incident.resolvedAt ?? incident.closedAt ?? nowIso,
    } as Interval,
  }));
};

/**
 * `GET /cis/{id}/availability`: from the CI's availability bindings (healthy periods over counted
 * ones) or, with none, from P1 incidents on the CI and on everything it needs (overlapping outages
 * counted once); the target from `availabilityTarget` or the service tier, the error budget left
 * and the burn rates.
 * @example await availabilityOf(deps, ciId, '30d') // { availability: 0.9993, basis: 'metrics', ... }
 */
export const availabilityOf = async (deps: MetricAnalysisDeps, ciId: string, window = '30d') => {
  const { ci, bindings } = await ciAndBindings(deps, ciId);
  const at = now(deps);
  const span = spanEnding(at, windowSeconds(window));
  const target = availabilityTarget(ci);
  const budget = (availability: number) =>
    target === undefined ? {} : { target, errorBudgetRemaining: errorBudgetRemaining(availability, target) };
  const measured = bindings.filter((b) => b.kind === 'availability' && b.threshold);
  if (measured.length > 0) {
    const verdicts = await Promise.all(measured.map((binding) => bindingVerdicts(deps, binding, span)));
    const all = verdicts.flat();
    const summary = availabilityOfPeriods(all, 1);
    // Downtime: the unhealthy periods of all bindings, a period down on two counted once.
    const unhealthy = verdicts.flatMap((list, n) =>
      list
        .filter((v) => !v.healthy)
        .map((v) => ({
          start: v.t,
          end: new Date(Date.parse(v.t) + (measured[n] as StoredBinding).periodSeconds * 1000).toISOString(),
        })),
    );
    const burn = target === undefined ? undefined : await burnOf(deps, measured, target, at);
    return {
      availability: summary.availability,
      ...budget(summary.availability),
      downtimeSeconds: outageSeconds(unhealthy, { start: span.from, end: span.to }),
      basis: 'metrics' as const,
      window,
      ...(burn ? { burnRates: burn.rates, burnAlert: burn.alert?.speed ?? null } : {}),
      keys: measured.map((b) => b.key),
    };
  }
  const needs = await walkCmdb(deps.cmdb.store, { startId: ciId, direction: 'dependencies', depth: 5 });
  const outages = await p1Outages(deps, [ciId, ...needs.hits.map((hit) => hit.ciId)], at);
  const summary = availabilityFromOutages(
    outages.map((o) => o.interval),
    { start: span.from, end: span.to },
  );
  return {
    availability: summary.availability,
    ...budget(summary.availability),
    downtimeSeconds: summary.downtimeSeconds,
    basis: 'incidents' as const,
    window,
    incidentIds: outages
      .filter((o) => o.interval.end > span.from && o.interval.start < span.to)
      .map((o) => o.incidentId)
      .sort(),
  };
};

/** Seconds of history the performance baseline covers, before the window. */
const baselineSeconds = 7 * 86_400;

export interface PerformanceItem extends PerformanceSummary {
  key: string;
  source: 'cloudwatch' | 'points';
  unit?: string;
}

/**
 * The window's percentiles from CloudWatch's own percentile statistic over the whole window (one
 * period), for a binding that asks for one; undefined when the source cannot answer (moto
 * answers percentile statistics with a 500) or the window is not a whole number of minutes.
 */
const cloudWatchPercentiles = async (deps: MetricAnalysisDeps, binding: StoredBinding, span: Span) => {
  const seconds = (Date.parse(span.to) - Date.parse(span.from)) / 1000;
  if (!isPercentileStat(binding.stat) || seconds % 60 !== 0) return undefined;
  try {
    const window = { startMs: Date.parse(span.from), endMs: Date.parse(span.to), periodSeconds: seconds };
    const stats = ['p50', 'p95', 'p99'] as const;
    const series = stats.map((stat) => ({ ...binding, stat: stat as never, periodSeconds: seconds }));
    const [p50, p95, p99] = (await deps.metricSource.read(window, series)).map((points) => points.at(-1)?.v);
    return p50 === undefined || p95 === undefined || p99 === undefined ? undefined : { p50, p95, p99 };
  } catch {
    return undefined;
  }
};

/**
 * `GET /cis/{id}/performance`: per performance binding, p50/p95/p99 over the window (default 1
 * hour; CloudWatch's own percentiles for a percentile binding, the stored points otherwise), the
 * same over the 7 days before as the baseline, and whether the window leaves the baseline band.
 * @example await performanceOf(deps, ciId, '1h')
 */
export const performanceOf = async (deps: MetricAnalysisDeps, ciId: string, window = '1h') => {
  const { bindings } = await ciAndBindings(deps, ciId);
  const at = now(deps);
  const seconds = windowSeconds(window);
  const span = spanEnding(at, seconds);
  const baselineSpan = spanEnding(at, baselineSeconds, seconds);
  const items = await Promise.all(
    bindings
      .filter((b) => b.kind === 'performance')
      .map(async (binding): Promise<PerformanceItem> => {
        const [points, baseline, fromCloudWatch] = await Promise.all([
          deps.metrics.allPoints(binding, span),
          deps.metrics.allPoints(binding, baselineSpan),
          cloudWatchPercentiles(deps, binding, span),
        ]);
        const summary = summarisePerformance(
          fromCloudWatch ?? points.map((p) => p.v),
          baseline.map((p) => p.v),
        );
        return {
          key: binding.key,
          ...summary,
          source: fromCloudWatch ? 'cloudwatch' : 'points',
          ...(binding.unit ? { unit: binding.unit } : {}),
        };
      }),
  );
  return { items, window };
};
