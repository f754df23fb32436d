import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import type { FunctionSpec } from '#functions/manifest.ts';
import { type LambdaHandler, lambdaContext } from './function-host.ts';
import { PollingLoop } from './polling-loop.ts';

/** The round stopped because the runner holds the stream; it reads the same records next round. */
class StreamHeld extends Error {}

interface ShardState {
  iterator?: string;
  closed: boolean;
}

/**
 * The table stream as Lambda's event source mapping reads it: the same filter (INSERT of items
 * whose `entity` matches), the same batch size, partial batch failures retried from the first
 * failed record, and after `retryAttempts` the batch goes to the dead-letter queue. Positions
 * are checkpointed to a file so a restart does not publish old events again.
 */
export class StreamPoller extends PollingLoop {
  private readonly shards = new Map<string, ShardState>();
  private readonly checkpoints: Record<string, string>;
  private lastDescribe = 0;
  private holding = 0;

  constructor(
    private readonly options: {
      dynamo: DynamoDBClient;
      streams: DynamoDBStreamsClient;
      sqs: SQSClient;
      deadLetterUrl: string;
      tableName: string;
      spec: FunctionSpec;
      handler: LambdaHandler;
      checkpointFile?: string;
      intervalMs?: number;
    },
  ) {
    super();
    const file = options.checkpointFile;
    this.checkpoints =
      file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }

  /** Polls until every shard is drained once; tests use it to wait for the outbox. */
  async drain(): Promise<void> {
    await this.exclusive(() => this.round(true));
  }

  protected backgroundRound() {
    return this.round(false);
  }

  protected restMs() {
    return this.options.intervalMs ?? 250;
  }

  /**
   * Runs `work` with the stream held: the round in progress stops at its next delivery attempt
   * (nothing is checkpointed past what was delivered) and none starts until `work` is done. The
   * runner re-creates an emulator's resources this way, so no event reaches a bus before its rules.
   */
  async whileHeld<T>(work: () => Promise<T>): Promise<T> {
    this.holding += 1;
    try {
      return await this.exclusive(work);
    } finally {
      this.holding -= 1;
    }
  }

  /** Forgets every shard position read from the stream: the next round describes it again. */
  forgetShards(): void {
    this.shards.clear();
    this.lastDescribe = 0;
  }

  private async round(force: boolean) {
    await this.refreshShards(force);
    for (const [shardId, state] of this.shards) {
      try {
        await this.pollShard(shardId, state);
      } catch (error) {
        // An expired or unknown iterator (DynamoDB Local restarted): read the shard again from
        // its checkpoint next round.
        this.shards.delete(shardId);
        this.lastDescribe = 0;
        throw error;
      }
    }
  }

  private async refreshShards(force: boolean) {
    if (!force && Date.now() - this.lastDescribe < 2_000 && this.shards.size > 0) return;
    this.lastDescribe = Date.now();
    const table = await this.options.dynamo.send(
      new DescribeTableCommand({ TableName: this.options.tableName }),
    );
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) return;
    const stream = await this.options.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of stream.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || this.shards.has(shard.ShardId)) continue;
      const after = this.checkpoints[shard.ShardId];
      const iterator = await this.options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
          SequenceNumber: after,
        }),
      );
      this.shards.set(shard.ShardId, { iterator: iterator.ShardIterator, closed: false });
    }
  }

  private async pollShard(shardId: string, state: ShardState) {
    if (state.closed || !state.iterator) return;
    const result = await this.options.streams.send(
      new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }),
    );
    const records = (result.Records ?? []).filter((record) => this.matches(record));
    for (let start = 0; start < records.length; start += this.options.spec.stream?.batchSize ?? 100) {
      await this.deliver(records.slice(start, start + (this.options.spec.stream?.batchSize ?? 100)));
    }
    const last = result.Records?.at(-1)?.dynamodb?.SequenceNumber;
    if (last) this.checkpoint(shardId, last);
    state.iterator = result.NextShardIterator;
    if (!state.iterator) state.closed = true;
  }

  private matches(record: StreamRecord) {
    const entity = this.options.spec.stream?.entity;
    return record.eventName === 'INSERT' && record.dynamodb?.NewImage?.entity?.S === entity;
  }

  /** Invokes with retries from the first failed record; gives up to the DLQ after the retries. */
  private async deliver(batch: StreamRecord[]) {
    let pending = batch;
    const retries = this.options.spec.stream?.retryAttempts ?? 3;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (this.holding > 0) throw new StreamHeld();
      const failedIds = await this.invoke(pending);
      if (failedIds.length === 0) return;
      const firstFailed = pending.findIndex((record) =>
        failedIds.includes(record.dynamodb?.SequenceNumber ?? ''),
      );
      pending = pending.slice(Math.max(0, firstFailed));
      if (attempt >= retries) {
        await this.options.sqs.send(
          new SendMessageCommand({
            QueueUrl: this.options.deadLetterUrl,
            MessageBody: JSON.stringify({ reason: 'outbox publish failed', records: pending }),
          }),
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** Math.min(attempt, 5)));
    }
  }

  private async invoke(records: StreamRecord[]): Promise<string[]> {
    const event = {
      Records: records.map((record) => ({
        ...record,
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
      })) as DynamoDBRecord[],
    };
    try {
      const response = (await this.options.handler(event, lambdaContext(this.options.spec))) as
        | { batchItemFailures?: Array<{ itemIdentifier: string }> }
        | undefined;
      return (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);
    } catch {
      return records.map((record) => record.dynamodb?.SequenceNumber ?? '');
    }
  }

  private checkpoint(shardId: string, sequenceNumber: string) {
    this.checkpoints[shardId] = sequenceNumber;
    if (this.options.checkpointFile)
      writeFileSync(this.options.checkpointFile, JSON.stringify(this.checkpoints));
  }
}
