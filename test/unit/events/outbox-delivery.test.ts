import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import {
  EventBridgeClient,
  type PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { outboxItem } from '#adapters/dynamo/outbox-item.ts';
import { manifest } from '#functions/manifest.ts';
import { StreamPoller } from '#infra/local/stream-poller.ts';
import { type BusEvent, BusUnavailable, type EventPublisher } from '#ports/event-publisher.ts';
import { type OutboxEntry, type RelayPatience, relayOutbox } from '#processes/outbox-relay.ts';

type Handler = (event: DynamoDBStreamEvent, context: Context) => Promise<{ batchItemFailures: unknown[] }>;

let handler: Handler;
beforeAll(async () => {
  Object.assign(process.env, {
    EVENT_BUS_NAME: 'opsdesk-test-bus',
    AWS_REGION: 'eu-west-1',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  ({ handler } = (await import('#functions/outbox-publisher.ts')) as unknown as { handler: Handler });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const outboxSpec = manifest.find((spec) => spec.name === 'outbox-publisher');

/** An outbox event for incident `id` at `version`, as the table holds it. */
const outboxRecord = (sequence: number, id = `inc-${sequence}`, detailBytes = 0): StreamRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: String(sequence).padStart(21, '0'),
    NewImage: outboxItem(
      {
        id: `event-${sequence}`,
        detailType: 'Incident Updated',
        detail: {
          id,
          type: 'incident',
          version: 2,
          changes: [],
          record: { id, pad: 'x'.repeat(detailBytes) },
        },
      },
      1_800_000_000,
    ) as NonNullable<StreamRecord['dynamodb']>['NewImage'],
  },
});

const entry = (sequence: number): OutboxEntry => ({
  sequenceNumber: String(sequence),
  event: { source: 'opsdesk', detailType: 'Incident Updated', detail: `{"id":"inc-${sequence}"}` },
});

/** A publisher that answers each call with the next scripted outcome: failed indexes, or a throw. */
const scriptedPublisher = (...outcomes: Array<number[] | Error>) => {
  const calls: BusEvent[][] = [];
  const publisher: EventPublisher = {
    publish: async (events) => {
      calls.push(events);
      const outcome = outcomes.shift() ?? [];
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
  return { publisher, calls };
};

describe('relayOutbox', () => {
  it('publishes in stream order, at most 10 entries per PutEvents', async () => {
    const { publisher, calls } = scriptedPublisher();
    const failed = await relayOutbox(
      publisher,
      Array.from({ length: 25 }, (_, index) => entry(index + 1)),
    );
    expect(failed).toEqual([]);
    expect(calls.map((call) => call.length)).toEqual([10, 10, 5]);
  });

  it('on a partial failure returns the first failed entry and every later one, and stops', async () => {
    // Prepare: the second PutEvents fails entries 3 and 7 of its 10
    const { publisher, calls } = scriptedPublisher([], [3, 7]);
    // Act
    const failed = await relayOutbox(
      publisher,
      Array.from({ length: 25 }, (_, index) => entry(index + 1)),
    );
    // Assess: the stream retries from entry 14; nothing after a failure is published out of order
    expect(failed).toEqual(Array.from({ length: 12 }, (_, index) => String(index + 14)));
    expect(calls).toHaveLength(2);
  });

  it('when PutEvents throws, returns the whole chunk and the rest', async () => {
    const { publisher } = scriptedPublisher(new Error('throttled'));
    expect(await relayOutbox(publisher, [entry(1), entry(2)])).toEqual(['1', '2']);
  });

  /** Patience on a fake clock: sleeping moves it, and every pause is recorded. */
  const patienceFor = (ms: number) => {
    let now = 0;
    const pauses: number[] = [];
    const patience: RelayPatience = {
      until: ms,
      now: () => now,
      sleep: async (pause) => {
        pauses.push(pause);
        now += pause;
      },
    };
    return { patience, pauses };
  };

  it('waits out a bus that is not answering and then publishes, costing the stream no retry', async () => {
    // Prepare: three calls find the bus down, the fourth gets through
    const down = () =>
      new BusUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const { publisher, calls } = scriptedPublisher(down(), down(), down(), []);
    const { patience, pauses } = patienceFor(30_000);
    // Act
    const failed = await relayOutbox(publisher, [entry(1), entry(2)], patience);
    // Assess: nothing handed back, the same chunk tried four times with growing pauses
    expect(failed).toEqual([]);
    expect(calls).toHaveLength(4);
    expect(calls.every((call) => call.length === 2)).toBe(true);
    expect(pauses).toEqual([200, 400, 800]);
  });

  it('hands the batch back to the stream once patience runs out', async () => {
    // Prepare: the bus never answers; 2 s of patience
    const { publisher, calls } = scriptedPublisher(
      ...Array.from({ length: 20 }, () => new BusUnavailable(new Error('down'))),
    );
    const { patience, pauses } = patienceFor(2_000);
    // Act
    const failed = await relayOutbox(publisher, [entry(1), entry(2)], patience);
    // Assess: 200 + 400 + 800 = 1.4 s slept; a 1.6 s pause would pass the limit
    expect(failed).toEqual(['1', '2']);
    expect(pauses).toEqual([200, 400, 800]);
    expect(calls).toHaveLength(4);
  });

  it('does not wait on an error that is not the bus being unavailable', async () => {
    const { publisher, calls } = scriptedPublisher(new Error('ValidationException'));
    const { patience, pauses } = patienceFor(30_000);
    expect(await relayOutbox(publisher, [entry(1)], patience)).toEqual(['1']);
    expect(calls).toHaveLength(1);
    expect(pauses).toEqual([]);
  });
});

describe('outbox-publisher', () => {
  const context = { functionName: 'outbox-publisher', getRemainingTimeInMillis: () => 60_000 } as Context;

  it('puts each outbox item on the platform bus as source opsdesk, with its detail-type and detail', async () => {
    // Prepare
    const sent: PutEventsRequestEntry[][] = [];
    vi.spyOn(EventBridgeClient.prototype, 'send').mockImplementation(async (command: unknown) => {
      const entries = (command as PutEventsCommand).input.Entries ?? [];
      sent.push(entries);
      return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: 'e' })) };
    });
    // Act
    const response = await handler({ Records: [outboxRecord(1)] } as DynamoDBStreamEvent, context);
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(sent[0]?.[0]).toMatchObject({
      EventBusName: 'opsdesk-test-bus',
      Source: 'opsdesk',
      DetailType: 'Incident Updated',
    });
    expect(JSON.parse(String(sent[0]?.[0]?.Detail))).toMatchObject({ id: 'inc-1', version: 2 });
  });

  it('reports a partial batch failure from the first entry PutEvents refused', async () => {
    vi.spyOn(EventBridgeClient.prototype, 'send').mockImplementation(async () => ({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'a' }, { ErrorCode: 'InternalFailure' }, { EventId: 'c' }],
    }));
    const records = [outboxRecord(1), outboxRecord(2), outboxRecord(3)];
    const response = await handler({ Records: records } as DynamoDBStreamEvent, context);
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: records[1]?.dynamodb?.SequenceNumber },
      { itemIdentifier: records[2]?.dynamodb?.SequenceNumber },
    ]);
  });
});

/**
 * The table stream as the local runner reads it (the same retries and DLQ as Lambda's event
 * source mapping), over fake emulator clients: one shard that yields `records` once.
 */
const fakeStream = (records: StreamRecord[]) => {
  const deadLetters: unknown[] = [];
  let served = false;
  const dynamo = {
    send: async (command: unknown) => {
      if (command instanceof DescribeTableCommand) return { Table: { LatestStreamArn: 'stream-arn' } };
      throw new Error('unexpected DynamoDB command');
    },
  } as unknown as DynamoDBClient;
  const streams = {
    send: async (command: unknown) => {
      if (command instanceof DescribeStreamCommand)
        return { StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } };
      if (command instanceof GetShardIteratorCommand) return { ShardIterator: 'iterator' };
      if (command instanceof GetRecordsCommand) {
        const batch = served ? [] : records;
        served = true;
        return { Records: batch, NextShardIterator: 'iterator' };
      }
      throw new Error('unexpected stream command');
    },
  } as unknown as DynamoDBStreamsClient;
  const sqs = {
    send: async (command: unknown) => {
      if (command instanceof SendMessageCommand)
        deadLetters.push(JSON.parse(String(command.input.MessageBody)));
      return {};
    },
  } as unknown as SQSClient;
  return { dynamo, streams, sqs, deadLetters };
};

/** Drains the poller while advancing the backoff timers, as the wall clock would. */
const drainWithBackoff = async (poller: StreamPoller) => {
  let done = false;
  const drained = poller.drain().finally(() => {
    done = true;
  });
  while (!done) await vi.advanceTimersByTimeAsync(100);
  await drained;
};

describe('fault injection: the bus refuses events for a while', () => {
  it('every committed change arrives once the fault clears, in order; a poison event ends in the DLQ', async () => {
    // Prepare: 30 outbox items; PutEvents throws for the first 3 calls; a 300 KB detail is
    // refused every time (EventBridge takes at most 256 KB)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const poison = 30;
    const records = Array.from({ length: 30 }, (_, index) =>
      index + 1 === poison ? outboxRecord(poison, 'inc-poison', 300_000) : outboxRecord(index + 1),
    );
    const arrived: string[] = [];
    let outage = 3;
    vi.spyOn(EventBridgeClient.prototype, 'send').mockImplementation(async (command: unknown) => {
      if (outage-- > 0) throw new Error('EventBridge unavailable');
      const entries = (command as PutEventsCommand).input.Entries ?? [];
      const results = entries.map((each) =>
        String(each.Detail).length > 256_000 ? { ErrorCode: 'ValidationException' } : { EventId: 'e' },
      );
      for (const [index, each] of entries.entries())
        if (!results[index]?.ErrorCode) arrived.push(JSON.parse(String(each.Detail)).id);
      return { FailedEntryCount: results.filter((result) => result.ErrorCode).length, Entries: results };
    });
    const stream = fakeStream(records);
    if (!outboxSpec) throw new Error('the manifest has no outbox-publisher');
    const poller = new StreamPoller({
      ...stream,
      deadLetterUrl: 'dead-letters',
      tableName: 'table',
      spec: outboxSpec,
      handler: handler as never,
    });
    // Act
    await drainWithBackoff(poller);
    // Assess: the 29 before the poison arrived in order, each at least once (a retry may repeat
    // one: consumers dedupe by id and version); the poison is parked in the dead-letter queue.
    // Lambda's event source mapping does the same: what follows a poison in its batch would be
    // parked with it, named by the DLQ message, its outbox item still in the table.
    const unique = [...new Set(arrived)];
    expect(unique).toEqual(Array.from({ length: poison - 1 }, (_, index) => `inc-${index + 1}`));
    expect(stream.deadLetters).toHaveLength(1);
    const parked = (stream.deadLetters[0] as { records: StreamRecord[] }).records.map(
      (record) => record.dynamodb?.SequenceNumber,
    );
    expect(parked[0]).toBe(records[poison - 1]?.dynamodb?.SequenceNumber);
    expect(parked).toEqual(records.slice(poison - 1).map((record) => record.dynamodb?.SequenceNumber));
  });
});
