import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { MetricPoint } from '#domain/metrics/metric-point.ts';
import { bindingShard } from '#domain/monitoring/ingest-plan.ts';
import type {
  IngestState,
  MetricStore,
  PointsWritten,
  SeriesOf,
  SeriesPoints,
  ShardCursor,
  StoredBinding,
} from '#ports/metric-store.ts';
import {
  type OutboundEvent,
  type Page,
  type RecordWrite,
  StoreUnavailable,
  WriteConflict,
} from '#ports/record-store.ts';
import { type WriteRetry, writeRetry } from '#ports/write-retry.ts';
import { decodeCursor, encodeCursor, fromCursor } from './cursor.ts';
import { fromItem, toItem } from './item-codec.ts';
import { outboxItem } from './outbox-item.ts';
import { queryPages } from './query-pages.ts';
import { storeCall } from './store-failures.ts';
import { transactWrites } from './transact-writes.ts';

/** Index shards the bindings spread over (gsi1 partitions `metric-binding#<n>`). */
export const bindingShards = 16;
/** BatchWriteItem's limit. */
const pointsPerBatch = 25;
/** Rounds of UnprocessedItems retries before the run gives up (and the next run writes them). */
const unprocessedRounds = 8;

const bindingKey = (ciId: string, key: string) => ({ pk: `metrics#${ciId}`, sk: `binding#${key}` });
/** Points of one series: a redefinition that reads another series starts a new partition. */
const seriesPartition = (binding: Pick<StoredBinding, 'ciId' | 'key' | 'series'>) =>
  `metrics#${binding.ciId}#${binding.key}#${binding.series}`;
const shardPartition = (shard: number) => `metric-binding#${shard}`;
const cursorKey = (shard: number) => ({ pk: `metric-ingest#${shard}`, sk: 'cursor' });
/** BatchWriteItem calls in flight at once. */
const batchesInFlight = 4;

const stateFields = [
  'watch',
  'forecastCheckedAt',
  'forecastDay',
  'capacityProblemId',
  'burn',
] as const satisfies readonly (keyof IngestState)[];

/**
 * Metric bindings and points in the single table:
 * - a binding: `metrics#<ciId>` / `binding#<key>`, with its ingest state; listed per CI by its
 *   partition and per shard by gsi1 (`metric-binding#<0..15>` / `<ciId>#<key>`), so the ingest
 *   reads every binding with Queries, never a Scan;
 * - a point: `metrics#<ciId>#<key>#<series>` / `<t>`, `v`, and `expiresAt` (TTL). Keyed by its
 *   period start, so writing it again replaces it;
 * - a shard's ingest cursor: `metric-ingest#<shard>` / `cursor`, how far each period is read.
 */
export class DynamoMetricStore implements MetricStore {
  readonly shards = bindingShards;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly retry: WriteRetry = writeRetry,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async binding(ciId: string, key: string): Promise<StoredBinding | undefined> {
    const result = await storeCall(
      this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: toItem(bindingKey(ciId, key)),
          ConsistentRead: true,
        }),
      ),
    );
    return result.Item ? fromItem<StoredBinding>(result.Item) : undefined;
  }

  async bindings(ciId: string): Promise<StoredBinding[]> {
    const bindings: StoredBinding[] = [];
    for await (const page of queryPages(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: `metrics#${ciId}` }, ':prefix': { S: 'binding#' } },
      ConsistentRead: true,
    }))
      bindings.push(...(page.Items ?? []).map((item) => fromItem<StoredBinding>(item)));
    return bindings;
  }

  async shardBindings(shard: number, page: { limit: number; cursor?: string }): Promise<Page<StoredBinding>> {
    const partition = { name: 'gsi1pk', value: shardPartition(shard) };
    const result = await storeCall(
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: partition.value } },
          Limit: page.limit,
          ExclusiveStartKey: decodeCursor(page.cursor, {
            names: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
            partition,
          }),
        }),
      ),
    );
    return {
      items: (result.Items ?? []).map((item) => fromItem<StoredBinding>(item)),
      nextCursor: encodeCursor(result.LastEvaluatedKey),
    };
  }

  async shardCounts(): Promise<number[]> {
    const count = async (shard: number) => {
      let total = 0;
      for await (const page of queryPages(this.client, {
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: shardPartition(shard) } },
        Select: 'COUNT',
      }))
        total += page.Count ?? 0;
      return total;
    };
    return Promise.all(Array.from({ length: this.shards }, (_, shard) => count(shard)));
  }

  bindingWrite(binding: StoredBinding): RecordWrite {
    return {
      type: 'item',
      key: bindingKey(binding.ciId, binding.key),
      item: {
        ...binding,
        entity: 'metric_binding',
        gsi1pk: shardPartition(bindingShard(binding.ciId, binding.key, this.shards)),
        gsi1sk: `${binding.ciId}#${binding.key}`,
      },
    };
  }

  bindingRemoval(ciId: string, key: string): RecordWrite {
    return { type: 'remove', key: bindingKey(ciId, key) };
  }

  async shardCursor(shard: number): Promise<ShardCursor> {
    const result = await storeCall(
      this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: toItem(cursorKey(shard)),
          ConsistentRead: true,
        }),
      ),
    );
    return result.Item ? (fromItem<{ periods: ShardCursor }>(result.Item).periods ?? {}) : {};
  }

  async saveShardCursor(shard: number, cursor: ShardCursor): Promise<void> {
    await storeCall(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem({ ...cursorKey(shard), entity: 'metric_cursor', periods: cursor }),
        }),
      ),
    );
  }

  async writePoints(series: readonly SeriesPoints[], expiresAtSeconds: number): Promise<PointsWritten> {
    const requests: WriteRequest[] = series.flatMap(({ of, points }) => {
      const pk = seriesPartition(of);
      return points.map((point) => ({
        PutRequest: {
          Item: toItem({
            pk,
            sk: point.t,
            entity: 'metric_point',
            t: point.t,
            v: point.v,
            expiresAt: expiresAtSeconds,
          }),
        },
      }));
    });
    const batches: WriteRequest[][] = [];
    for (let at = 0; at < requests.length; at += pointsPerBatch)
      batches.push(requests.slice(at, at + pointsPerBatch));
    let calls = 0;
    // A few batches in flight at once: the table's write capacity, not one connection, is the limit.
    for (let at = 0; at < batches.length; at += batchesInFlight) {
      const rounds = await Promise.all(
        batches.slice(at, at + batchesInFlight).map((batch) => this.batchWrite(batch)),
      );
      calls += rounds.reduce((sum, n) => sum + n, 0);
    }
    return { points: requests.length, calls };
  }

  async points(
    binding: SeriesOf,
    range: { from: string; to: string; limit: number; cursor?: string },
  ): Promise<Page<MetricPoint>> {
    const pk = seriesPartition(binding);
    const result = await fromCursor(
      range.cursor,
      storeCall(
        this.client.send(
          new QueryCommand({
            ...this.rangeQuery(pk, range),
            Limit: range.limit,
            ExclusiveStartKey: decodeCursor(range.cursor, {
              names: ['pk', 'sk'],
              partition: { name: 'pk', value: pk },
            }),
          }),
        ),
      ),
    );
    return {
      items: (result.Items ?? []).map(pointOf),
      nextCursor: encodeCursor(result.LastEvaluatedKey),
    };
  }

  async allPoints(binding: SeriesOf, range: { from: string; to: string }): Promise<MetricPoint[]> {
    const points: MetricPoint[] = [];
    for await (const page of queryPages(this.client, this.rangeQuery(seriesPartition(binding), range)))
      points.push(...(page.Items ?? []).map(pointOf));
    return points;
  }

  async saveState(
    binding: Pick<StoredBinding, 'ciId' | 'key' | 'revision'>,
    state: IngestState,
    events: OutboundEvent[] = [],
  ): Promise<boolean> {
    const names: Record<string, string> = { '#revision': 'revision' };
    const values: Record<string, AttributeValue> = { ':revision': { N: String(binding.revision) } };
    const sets: string[] = [];
    const removes: string[] = [];
    stateFields.forEach((field, n) => {
      if (!(field in state)) return;
      names[`#s${n}`] = field;
      const value = state[field];
      if (value === undefined) removes.push(`#s${n}`);
      else {
        values[`:s${n}`] = toItem({ value }).value as AttributeValue;
        sets.push(`#s${n} = :s${n}`);
      }
    });
    const update = [
      sets.length > 0 ? `SET ${sets.join(', ')}` : '',
      removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    if (update === '' && events.length === 0) return true;
    try {
      await transactWrites(
        this.client,
        [
          {
            Update: {
              TableName: this.tableName,
              Key: toItem(bindingKey(binding.ciId, binding.key)),
              UpdateExpression: update || 'SET #revision = :revision',
              ConditionExpression: '#revision = :revision',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          ...events.map((event) => ({
            Put: { TableName: this.tableName, Item: outboxItem(event, this.nowSeconds()) },
          })),
        ],
        this.retry,
        () => 'version',
      );
      return true;
    } catch (error) {
      if (error instanceof WriteConflict) return false;
      throw error;
    }
  }

  private rangeQuery(pk: string, range: { from: string; to: string }) {
    return {
      TableName: this.tableName,
      // Period starts are stored as `toISOString()` text, which sorts as time does; `to` is exclusive.
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :last',
      ExpressionAttributeValues: {
        ':pk': { S: pk },
        ':from': { S: new Date(range.from).toISOString() },
        ':last': { S: new Date(Date.parse(range.to) - 1).toISOString() },
      },
      ScanIndexForward: true,
    };
  }

  /** One BatchWriteItem, and UnprocessedItems again with backoff; the calls it took. */
  private async batchWrite(requests: WriteRequest[]): Promise<number> {
    let pending = requests;
    for (let round = 1; ; round++) {
      const result = await storeCall(
        this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } })),
      );
      pending = result.UnprocessedItems?.[this.tableName] ?? [];
      if (pending.length === 0) return round;
      if (round >= unprocessedRounds)
        throw new StoreUnavailable(new Error(`${pending.length} metric points left unprocessed`));
      await this.retry.pause(round);
    }
  }
}

const pointOf = (item: Record<string, AttributeValue>): MetricPoint => ({
  t: item.t?.S ?? '',
  v: Number(item.v?.N ?? Number.NaN),
});
