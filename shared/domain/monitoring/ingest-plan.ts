import type { MetricStat } from './metric-binding.ts';

/**
 * How the ingest reads CloudWatch: which window of each binding, packed into as few GetMetricData
 * calls as the API allows.
 *
 * CloudWatch revises recent datapoints and delivers late ones, so every run re-reads an overlap
 * of periods before where the last run stopped, and never reads the newest, still-filling period:
 * a window ends at the last period boundary at least `settleSeconds` in the past. A point is keyed
 * by its period start, so a re-read replaces a value and never adds a second one.
 */
export interface IngestSettings {
  /** Periods re-read before where the last run stopped (late and revised data). */
  overlapPeriods: number;
  /** How long a period must have ended before it is read. */
  settleSeconds: number;
  /** How far a binding's first run reads back. */
  backfillSeconds: number;
}

/**
 * Five periods of overlap (five minutes at a 60-second period, the ingest's own interval) catch
 * what CloudWatch delivers late for standard AWS metrics, which arrive within a few minutes; a
 * settle of 120 seconds keeps the still-filling newest period out (reading it early reads it low).
 */
export const defaultIngestSettings: IngestSettings = {
  overlapPeriods: 5,
  settleSeconds: 120,
  backfillSeconds: 86_400,
};

/** GetMetricData's limits per call. */
export const getMetricDataLimits = { queries: 500, datapoints: 100_800 } as const;

/** What one binding reads: [startMs, endMs), aligned to its period. */
export interface ReadWindow {
  startMs: number;
  endMs: number;
  periodSeconds: number;
}

/** What the ingest knows of a binding when it plans its read. */
export interface BindingToRead {
  periodSeconds: number;
  /** End of the last window the ingest wrote, when it has read the binding before. */
  ingestedThrough?: string;
}

/**
 * How far the ingest has read one shard's bindings, per period: every binding of the period
 * whose series started before `listedAt` (less a margin) has its points written up to `through`.
 * One small item per shard instead of a state write per binding per run, so a run writes about
 * one item per point.
 */
export type ShardCursor = Record<string, { through: string; listedAt: string }>;

/**
 * A series started this close before a run listed the bindings may not have been in the list
 * (the index is eventually consistent, clocks differ): it counts as never read, and is read back
 * in full once more (points are keyed, so that costs writes, never a duplicate).
 */
export const listingMarginMs = 5 * 60_000;

/**
 * When the ingest last wrote a binding's points: the last run of its period that listed it.
 * @example lastIngestedAt({ periodSeconds: 60, seriesSince: '2026-11-28T10:00:00Z' }, cursor) // '2026-11-28T10:05:30.000Z'
 */
export const lastIngestedAt = (
  binding: { periodSeconds: number; seriesSince: string },
  cursor: ShardCursor,
): string | undefined => {
  const entry = cursor[String(binding.periodSeconds)];
  return entry && Date.parse(binding.seriesSince) <= Date.parse(entry.listedAt) ? entry.listedAt : undefined;
};

/**
 * Where the ingest stands with one binding: the end of what it has written, or undefined when it
 * has never read the binding's series.
 * @example ingestedThrough({ periodSeconds: 60, seriesSince: '2026-11-27T00:00:00Z' }, cursor) // '2026-11-28T10:05:00.000Z'
 */
export const ingestedThrough = (
  binding: { periodSeconds: number; seriesSince: string },
  cursor: ShardCursor,
): { through: string; listedAt: string } | undefined => {
  const entry = cursor[String(binding.periodSeconds)];
  if (!entry) return undefined;
  return Date.parse(binding.seriesSince) <= Date.parse(entry.listedAt) - listingMarginMs ? entry : undefined;
};

const alignDownMs = (ms: number, periodSeconds: number): number => ms - (ms % (periodSeconds * 1000));

/**
 * The window this run reads for one binding; undefined when no period has settled since.
 * @example readWindow({ periodSeconds: 60 }, Date.parse('2026-11-28T10:07:30Z'))
 *   // 2026-11-27T10:05Z .. 2026-11-28T10:05Z: 24 hours back, up to the last settled minute
 */
export const readWindow = (
  binding: BindingToRead,
  nowMs: number,
  settings: IngestSettings = defaultIngestSettings,
): ReadWindow | undefined => {
  const periodMs = binding.periodSeconds * 1000;
  const endMs = alignDownMs(nowMs - settings.settleSeconds * 1000, binding.periodSeconds);
  const through = binding.ingestedThrough ? Date.parse(binding.ingestedThrough) : Number.NaN;
  const startMs = Number.isNaN(through)
    ? alignDownMs(endMs - settings.backfillSeconds * 1000, binding.periodSeconds)
    : Math.max(
        alignDownMs(through, binding.periodSeconds) - settings.overlapPeriods * periodMs,
        alignDownMs(endMs - settings.backfillSeconds * 1000, binding.periodSeconds),
      );
  return endMs > startMs ? { startMs, endMs, periodSeconds: binding.periodSeconds } : undefined;
};

/** A planned GetMetricData call: one window, up to 500 queries. */
export interface ReadBatch<T> {
  window: ReadWindow;
  items: T[];
}

/**
 * Packs bindings into GetMetricData calls: those sharing a window (same period, same start and
 * end: every binding the last run read, on a steady schedule) go together, up to 500 queries a
 * call and as many as fit in 100,800 datapoints (a first run's 24 hours of one-minute points
 * fits 70 per call).
 * @example readBatches([{ item: a, window }, { item: b, window }]) // [{ window, items: [a, b] }]
 */
export const readBatches = <T>(reads: ReadonlyArray<{ item: T; window: ReadWindow }>): ReadBatch<T>[] => {
  const groups = new Map<string, ReadBatch<T>>();
  for (const { item, window } of reads) {
    const key = `${window.periodSeconds}:${window.startMs}:${window.endMs}`;
    const group = groups.get(key) ?? { window, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()].flatMap(({ window, items }) => {
    const points = (window.endMs - window.startMs) / (window.periodSeconds * 1000);
    const perCall = Math.max(
      1,
      Math.min(getMetricDataLimits.queries, Math.floor(getMetricDataLimits.datapoints / points)),
    );
    const batches: ReadBatch<T>[] = [];
    for (let at = 0; at < items.length; at += perCall)
      batches.push({ window, items: items.slice(at, at + perCall) });
    return batches;
  });
};

/** The statistics a performance binding's summary asks CloudWatch for, when it asks for one. */
export const isPercentileStat = (stat: MetricStat): boolean => /^p\d+(\.\d+)?$/.test(stat);

/**
 * Splits `total` bindings, counted per shard, into groups of shards one invocation can read
 * (`perInvocation` bindings at most, a shard never split): one group means no fan-out.
 * @example shardGroups([4000, 4000, 4000], 10_000) // [[0, 1], [2]]
 */
export const shardGroups = (counts: readonly number[], perInvocation: number): number[][] => {
  const groups: number[][] = [];
  let current: number[] = [];
  let size = 0;
  counts.forEach((count, shard) => {
    if (count === 0) return;
    if (current.length > 0 && size + count > perInvocation) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(shard);
    size += count;
  });
  if (current.length > 0) groups.push(current);
  return groups;
};

/**
 * The index shard of a binding: a stable hash of CI id and key, so bindings spread evenly and
 * one binding always lands in the same shard.
 * @example bindingShard('ci-1', 'cpu', 16) // a number in 0..15
 */
export const bindingShard = (ciId: string, key: string, shards: number): number => {
  let hash = 2166136261;
  for (const char of `${ciId}#${key}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % shards;
};
