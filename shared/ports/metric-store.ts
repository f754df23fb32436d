import type { MetricPoint } from '#domain/metrics/metric-point.ts';
import type { ThresholdState } from '#domain/metrics/threshold-watch.ts';
import type { ShardCursor } from '#domain/monitoring/ingest-plan.ts';
import type { MetricBinding } from '#domain/monitoring/metric-binding.ts';
import type { OutboundEvent, Page, RecordWrite } from './record-store.ts';

/** What a binding's analyses remember between ingest runs (written only when it changes). */
export interface IngestState {
  /** The threshold watch: breached or not, and the streak against it, over points newer than `lastT`. */
  watch?: ThresholdState;
  /** When the capacity forecast was last checked (hourly at most). */
  forecastCheckedAt?: string;
  /** The day (YYYY-MM-DD) the last `Capacity Forecast` was announced. */
  forecastDay?: string;
  /** The problem opened for the forecast, while it may still be open. */
  capacityProblemId?: string;
  /** The burn-rate alert last signalled (`fast`, `slow`) or none. */
  burn?: string;
}

export type StoredBinding = MetricBinding & IngestState;

export type { ShardCursor };

/** What names a binding's points: the CI, the key and the series (see `MetricBinding.series`). */
export type SeriesOf = Pick<StoredBinding, 'ciId' | 'key' | 'series'>;

/** Points of one series to write. */
export interface SeriesPoints {
  of: SeriesOf;
  points: readonly MetricPoint[];
}

/** Metric points written by one call of `writePoints`, and the BatchWriteItem calls it took. */
export interface PointsWritten {
  points: number;
  calls: number;
}

/**
 * Bindings, their ingest state and their points. Adapter: `#adapters/dynamo/dynamo-metric-store.ts`.
 * Binding definitions are written in the CI's own transaction (history on the CI), as `RecordWrite`s.
 */
export interface MetricStore {
  /** Index shards the bindings spread over; the ingest reads them shard by shard. */
  readonly shards: number;
  binding(ciId: string, key: string): Promise<StoredBinding | undefined>;
  /** Every binding of one CI (one Query). */
  bindings(ciId: string): Promise<StoredBinding[]>;
  /** A page of the bindings of one shard. */
  shardBindings(shard: number, page: { limit: number; cursor?: string }): Promise<Page<StoredBinding>>;
  /** How many bindings each shard holds (a count Query per shard, in parallel). */
  shardCounts(): Promise<number[]>;
  /** The write of a binding's definition (its ingest state kept), for the CI's unit of work. */
  bindingWrite(binding: StoredBinding): RecordWrite;
  /** The removal of a binding, for the CI's unit of work. */
  bindingRemoval(ciId: string, key: string): RecordWrite;
  /** How far the ingest has read each period's bindings of a shard (one GetItem). */
  shardCursor(shard: number): Promise<ShardCursor>;
  /** Saves a shard's cursor after a run wrote every point it read. */
  saveShardCursor(shard: number, cursor: ShardCursor): Promise<void>;
  /**
   * Writes points keyed by (CI, key, t) with BatchWriteItem, 25 a call whatever series they
   * belong to, retrying unprocessed items with backoff; a point already stored is replaced. Each
   * carries a TTL `expiresAt`.
   */
  writePoints(series: readonly SeriesPoints[], expiresAtSeconds: number): Promise<PointsWritten>;
  /** Points of one binding's series with `from <= t < to`, ascending, a page at a time. */
  points(
    binding: SeriesOf,
    range: { from: string; to: string; limit: number; cursor?: string },
  ): Promise<Page<MetricPoint>>;
  /** Every point of one binding's series in the range (reads page after page). */
  allPoints(binding: SeriesOf, range: { from: string; to: string }): Promise<MetricPoint[]>;
  /**
   * Saves the ingest state (and the events that go with it, through the outbox) only while the
   * binding is still at `revision`; false when it was redefined or removed meanwhile.
   */
  saveState(
    binding: Pick<StoredBinding, 'ciId' | 'key' | 'revision'>,
    state: IngestState,
    events?: OutboundEvent[],
  ): Promise<boolean>;
}
