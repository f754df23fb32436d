import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import {
  itemKey,
  plainItem,
  type StoreSnapshot,
  snapshotDifferences,
  snapshotTable,
} from './store-snapshot.ts';

/** One write as the stream shows it: what happened to which item. */
export interface TableWrite {
  eventName: string;
  key: string;
}

/**
 * Every write to a table, read from its DynamoDB stream from the first record on, and the table
 * those writes make (`mirror`). DynamoDB Local puts a record on the stream before the write
 * returns, and writes nothing when an item is put back unchanged, so `take()` right after a
 * request lists exactly what that request changed. `checkMirror()` compares the mirror with a
 * full Scan: any write the stream reader missed would show there, so the stream check is itself
 * checked.
 * @example const writes = await TableWrites.open(dynamo, streams, tableName); await writes.take();
 */
export class TableWrites {
  readonly mirror: StoreSnapshot = new Map();
  private readonly iterators = new Map<string, string>();
  private readonly closed = new Set<string>();
  private streamArn = '';

  private constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly streams: DynamoDBStreamsClient,
    private readonly tableName: string,
  ) {}

  static async open(dynamo: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string) {
    const writes = new TableWrites(dynamo, streams, tableName);
    const table = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    writes.streamArn = table.Table?.LatestStreamArn ?? '';
    if (!writes.streamArn) throw new Error(`${tableName} has no stream`);
    await writes.take();
    return writes;
  }

  /** The writes since the last call, in stream order, each applied to the mirror. */
  async take(): Promise<TableWrite[]> {
    if (this.iterators.size === 0) await this.discoverShards();
    const taken: TableWrite[] = [];
    for (let closedOne = true; closedOne; ) {
      closedOne = false;
      for (const [shardId, start] of this.iterators) {
        const iterator = await this.readShard(start, taken);
        if (iterator) this.iterators.set(shardId, iterator);
        else {
          // A closed shard is done; its children hold what follows.
          this.iterators.delete(shardId);
          this.closed.add(shardId);
          closedOne = true;
        }
      }
      if (closedOne) await this.discoverShards();
    }
    return taken;
  }

  /** Reads a shard from `iterator` to its newest record; the iterator to go on from, none once closed. */
  private async readShard(iterator: string, taken: TableWrite[]): Promise<string | undefined> {
    let next: string | undefined = iterator;
    while (next) {
      const page: GetRecordsCommandOutput = await this.streams.send(
        new GetRecordsCommand({ ShardIterator: next, Limit: 1000 }),
      );
      for (const record of page.Records ?? []) taken.push(this.apply(record));
      next = page.NextShardIterator;
      if ((page.Records ?? []).length === 0) return next;
    }
    return undefined;
  }

  /** Differences between the mirror and a full Scan of the table (empty when the stream saw all). */
  async checkMirror(): Promise<string[]> {
    await this.discoverShards();
    await this.take();
    return snapshotDifferences(this.mirror, await snapshotTable(this.dynamo, this.tableName));
  }

  /** Opens every shard not read yet, from its first record. */
  private async discoverShards() {
    const stream = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
    for (const shard of stream.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || this.iterators.has(shard.ShardId) || this.closed.has(shard.ShardId)) continue;
      const opened = await this.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      if (opened.ShardIterator) this.iterators.set(shard.ShardId, opened.ShardIterator);
    }
  }

  private apply(record: StreamRecord): TableWrite {
    const key = itemKey((record.dynamodb?.Keys ?? {}) as Record<string, { S?: string }>);
    const image = record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
    if (record.eventName === 'REMOVE' || !image) this.mirror.delete(key);
    else this.mirror.set(key, plainItem(image));
    return { eventName: record.eventName ?? 'UNKNOWN', key };
  }
}
