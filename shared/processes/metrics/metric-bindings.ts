import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import { conflict, notFound, validationError } from '#domain/errors.ts';
import type { MetricPoint } from '#domain/metrics/metric-point.ts';
import { bindingShard, lastIngestedAt } from '#domain/monitoring/ingest-plan.ts';
import {
  definitionOf,
  isBindingKey,
  type MetricBindingDefinition,
  readsAnotherSeries,
  sameDefinition,
  validateBinding,
} from '#domain/monitoring/metric-binding.ts';
import type { Actor } from '#domain/record/record.ts';
import type { IngestState, StoredBinding } from '#ports/metric-store.ts';
import type { Page } from '#ports/record-store.ts';
import { markThreshold } from '../cmdb/health-recompute.ts';
import type { CmdbDeps, MetricDeps, Outcome } from '../dependencies.ts';
import { changeRecord, now } from '../record-lifecycle.ts';

const noCi = 'No CI with that id';
const noBinding = 'The CI has no metric binding with that key';

/** A binding as the API shows it: its definition, whose it is, and when it was last ingested. */
export type BindingView = Omit<StoredBinding, keyof IngestState | 'series' | 'seriesSince'> & {
  lastIngestedAt: string | null;
  thresholdBreached?: boolean;
};

/**
 * What the API shows of a stored binding.
 * @example bindingView(stored) // { key: 'cpu', ..., lastIngestedAt: '2026-11-28T10:05:00.000Z' }
 */
export const bindingView = (binding: StoredBinding, lastIngestedAt?: string): BindingView => {
  const { watch, forecastCheckedAt, forecastDay, capacityProblemId, burn, series, seriesSince, ...view } =
    binding;
  return {
    ...view,
    lastIngestedAt: lastIngestedAt ?? null,
    ...(binding.threshold ? { thresholdBreached: watch?.breached ?? false } : {}),
  };
};

/**
 * The bindings as the API shows them, each with when the ingest last wrote its points (from its
 * shard's cursor: one read per shard involved).
 */
const viewsOf = async (deps: MetricDeps, bindings: readonly StoredBinding[]): Promise<BindingView[]> => {
  const shardOf = (binding: StoredBinding) => bindingShard(binding.ciId, binding.key, deps.metrics.shards);
  const shards = [...new Set(bindings.map(shardOf))];
  const cursors = new Map(
    await Promise.all(shards.map(async (shard) => [shard, await deps.metrics.shardCursor(shard)] as const)),
  );
  return bindings.map((binding) =>
    bindingView(binding, lastIngestedAt(binding, cursors.get(shardOf(binding)) ?? {})),
  );
};

const assertKey = (key: string) => {
  if (!isBindingKey(key)) throw notFound(noBinding);
};

/**
 * Binds a CloudWatch metric to a CI under `key`, or redefines the binding: the CI gets a new
 * version whose history says `metrics.<key>` changed (and `CI Updated`), in the same transaction
 * as the binding. A redefinition keeps the ingest's progress; one that reads another series
 * (metric, dimensions, statistic, period) starts a new series and a fresh threshold watch.
 * 201 when created, 200 when redefined; an unchanged definition writes nothing.
 * @example await bindMetric(deps, admin, ciId, 'cpu', { namespace: 'AWS/EC2', metricName: 'CPUUtilization', ... });
 */
export const bindMetric = async (
  deps: MetricDeps & CmdbDeps,
  actor: Actor,
  ciId: string,
  key: string,
  definition: MetricBindingDefinition,
): Promise<Outcome<BindingView>> => {
  const errors = validateBinding(key, definition);
  if (errors.length > 0) throw validationError(errors, 'The metric binding is not valid');
  let result: Outcome<BindingView> | undefined;
  let watchDropped = false;
  await changeRecord<ConfigurationItem>(deps, {
    kind: 'ci',
    id: ciId,
    actor: actor.sub,
    notFoundMessage: noCi,
    mutate: async (ci) => {
      if (ci.status === 'retired') throw conflict('A retired CI takes no metric bindings');
      const before = await deps.metrics.binding(ciId, key);
      const at = now(deps);
      const revision = (before?.revision ?? 0) + 1;
      if (before && sameDefinition(before, definition)) {
        result = { status: 200, body: bindingView(before) };
        return { record: ci, changes: [], detailType: 'CI Updated' };
      }
      const fresh = !before || readsAnotherSeries(before, definition);
      const sameThreshold =
        JSON.stringify(before && definitionOf(before).threshold) ===
        JSON.stringify(definitionOf(definition).threshold);
      const progress: IngestState =
        before && !fresh
          ? {
              forecastCheckedAt: before.forecastCheckedAt,
              forecastDay: before.forecastDay,
              capacityProblemId: before.capacityProblemId,
              burn: before.burn,
              ...(sameThreshold ? { watch: before.watch } : {}),
            }
          : {};
      watchDropped = before?.watch?.breached === true && progress.watch === undefined;
      const binding: StoredBinding = {
        ...progress,
        ...definitionOf(definition),
        ciId,
        key,
        revision,
        series: fresh ? revision : (before?.series ?? revision),
        seriesSince: fresh ? at : (before?.seriesSince ?? at),
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
        updatedBy: actor.sub,
      };
      result = { status: before ? 200 : 201, body: bindingView(binding) };
      return {
        record: { ...ci, updatedAt: at },
        changes: [
          {
            field: `metrics.${key}`,
            from: before ? definitionOf(before) : null,
            to: definitionOf(definition),
          },
        ],
        detailType: 'CI Updated',
        extraWrites: [deps.metrics.bindingWrite(binding)],
      };
    },
  });
  // A redefinition that starts the watch over lifts the old breach from the CI's health.
  if (watchDropped) await markThreshold(deps, ciId, key, false, actor.sub);
  return result as Outcome<BindingView>;
};

/** The stored binding (with its ingest state); 404 for an unknown CI or key. */
export const storedBinding = async (deps: MetricDeps, ciId: string, key: string): Promise<StoredBinding> => {
  assertKey(key);
  const binding = await deps.metrics.binding(ciId, key);
  if (binding) return binding;
  if (!(await deps.store.get<ConfigurationItem>('ci', ciId))) throw notFound(noCi);
  throw notFound(noBinding);
};

/** Every binding of a CI, by key, with `lastIngestedAt`; 404 for an unknown CI. */
export const listBindings = async (deps: MetricDeps, ciId: string): Promise<{ items: BindingView[] }> => {
  const [ci, bindings] = await Promise.all([
    deps.store.get<ConfigurationItem>('ci', ciId),
    deps.metrics.bindings(ciId),
  ]);
  if (!ci) throw notFound(noCi);
  return { items: (await viewsOf(deps, bindings)).sort((a, b) => (a.key < b.key ? -1 : 1)) };
};

/**
 * Removes a binding: the CI's history says `metrics.<key>` went to null, in the same transaction.
 * Its points are left to expire with their TTL. 404 for an unknown CI or key.
 * @example await unbindMetric(deps, admin, ciId, 'cpu');
 */
export const unbindMetric = async (
  deps: MetricDeps & CmdbDeps,
  actor: Actor,
  ciId: string,
  key: string,
): Promise<BindingView> => {
  assertKey(key);
  let removed: StoredBinding | undefined;
  await changeRecord<ConfigurationItem>(deps, {
    kind: 'ci',
    id: ciId,
    actor: actor.sub,
    notFoundMessage: noCi,
    mutate: async (ci) => {
      const before = await deps.metrics.binding(ciId, key);
      if (!before) throw notFound(noBinding);
      removed = before;
      return {
        record: { ...ci, updatedAt: now(deps) },
        changes: [{ field: `metrics.${key}`, from: definitionOf(before), to: null }],
        detailType: 'CI Updated',
        extraWrites: [deps.metrics.bindingRemoval(ciId, key)],
      };
    },
  });
  if (removed?.watch?.breached) await markThreshold(deps, ciId, key, false, actor.sub);
  return bindingView(removed as StoredBinding);
};

/** Defaults of a points read: the last 24 hours. */
const defaultPointsSpan = 86_400_000;

/**
 * A binding's stored points with `from <= t < to` (default: the last 24 hours), ascending by `t`.
 * @example await readPoints(deps, ciId, 'cpu', { from: '2026-11-28T00:00:00Z', limit: 500 })
 */
export const readPoints = async (
  deps: MetricDeps,
  ciId: string,
  key: string,
  query: { from?: string; to?: string; limit?: number; cursor?: string },
): Promise<{ binding: BindingView; points: MetricPoint[]; nextCursor: string | null }> => {
  const binding = await storedBinding(deps, ciId, key);
  const to = query.to ?? deps.clock.now().toISOString();
  const from = query.from ?? new Date(Date.parse(to) - defaultPointsSpan).toISOString();
  // Both given, the query's schema has held from < to (else 400); a `from` past the default `to` is empty.
  const page: Page<MetricPoint> =
    Date.parse(from) < Date.parse(to)
      ? await deps.metrics.points(binding, { from, to, limit: query.limit ?? 1000, cursor: query.cursor })
      : { items: [], nextCursor: null };
  const [view] = await viewsOf(deps, [binding]);
  return { binding: view as BindingView, points: page.items, nextCursor: page.nextCursor };
};
