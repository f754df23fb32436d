import {
  type CancellationReason,
  type DynamoDBClient,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoRecordStore } from '#adapters/dynamo/dynamo-record-store.ts';
import { toItem } from '#adapters/dynamo/item-codec.ts';
import { DomainError } from '#domain/errors.ts';
import { StoreUnavailable, WriteConflict, WriteContention } from '#ports/record-store.ts';
import { immediateRetry } from '#ports/write-retry.ts';
import { changeRecord } from '#processes/record-lifecycle.ts';

const incident = { id: 'r', number: 'INC0001001', version: 3, title: 'old' };

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code): CancellationReason => ({ Code })),
  });

/**
 * A DynamoDB client that serves the incident at version 3 and answers every transaction with
 * `failure`: no emulator, only the SDK's own command and exception classes.
 */
const fakeDynamo = (failure: () => Error) => {
  const transactions: number[] = [];
  const client = {
    send: async (command: unknown) => {
      if (command instanceof GetItemCommand)
        return { Item: toItem({ ...incident, pk: 'incident#r', sk: 'record' }) };
      if (command instanceof TransactWriteItemsCommand) {
        transactions.push(command.input.TransactItems?.length ?? 0);
        throw failure();
      }
      throw new Error('unexpected command');
    },
  } as unknown as DynamoDBClient;
  return { store: new DynamoRecordStore(client, 'table', undefined, immediateRetry), transactions };
};

const retitle = (store: DynamoRecordStore, ifMatch: number) =>
  changeRecord<typeof incident>(
    { store, clock: { now: () => new Date('2026-11-24T09:00:00.000Z') }, ids: { next: () => 'event-id' } },
    {
      kind: 'incident',
      id: 'r',
      actor: 'agent-1',
      ifMatch,
      notFoundMessage: 'No incident with that id',
      mutate: (current) => ({
        record: { ...current, title: 'new' },
        changes: [{ field: 'title', from: current.title, to: 'new' }],
        detailType: 'Incident Updated',
      }),
    },
  ).catch((error: unknown) => error as DomainError);

afterEach(() => vi.restoreAllMocks());

describe('DynamoRecordStore.commit names why a transaction was cancelled', () => {
  it('a failed condition is a WriteConflict on that write', async () => {
    const { store } = fakeDynamo(() => cancelled('None', 'ConditionalCheckFailed'));
    await expect(
      store.commit([
        {
          type: 'event',
          event: { id: 'e', detailType: 'x', detail: { id: 'r', type: 'incident', version: 1, record: {} } },
        },
        { type: 'exists', kind: 'incident', id: 'r' },
      ]),
    ).rejects.toMatchObject({ name: 'WriteConflict', reason: 'missing', writeIndex: 1 });
  });

  it('concurrent transactions, once its retries run out, are WriteContention, not a version conflict', async () => {
    const { store, transactions } = fakeDynamo(() => cancelled('TransactionConflict', 'None'));
    const failure = await store
      .commit([{ type: 'remove', key: { pk: 'a', sk: 'b' } }])
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WriteContention);
    expect(failure).not.toBeInstanceOf(WriteConflict);
    expect(transactions).toHaveLength(immediateRetry.attempts);
  });

  it.each([
    ['a throttled item', () => cancelled('None', 'ThrottlingError')],
    [
      'ProvisionedThroughputExceededException',
      () => Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' }),
    ],
    ['ThrottlingException', () => Object.assign(new Error('slow down'), { name: 'ThrottlingException' })],
    [
      'a server fault',
      () => Object.assign(new Error('oops'), { name: 'InternalServerError', $fault: 'server' }),
    ],
    ['a reset connection', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a timeout', () => Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('%s is StoreUnavailable', async (_what, failure) => {
    const { store, transactions } = fakeDynamo(failure);
    await expect(store.commit([{ type: 'remove', key: { pk: 'a', sk: 'b' } }])).rejects.toBeInstanceOf(
      StoreUnavailable,
    );
    expect(transactions).toHaveLength(1);
  });
});

describe('changeRecord with a correct If-Match over a store that cannot commit', () => {
  it('answers 409 "changing too fast" (never 412) when concurrent transactions cancel every try', async () => {
    // Prepare: the versioned write's pauses take no time
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { store, transactions } = fakeDynamo(() => cancelled('TransactionConflict', 'None', 'None'));
    // Act
    const failure = await retitle(store, 3);
    // Assess
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({
      kind: 'conflict',
      message: 'The incident is changing too fast; try again',
    });
    // The store's budget, then one fresh try more: seconds at worst, not minutes
    expect(transactions.length).toBe(2 * immediateRetry.attempts);
  });

  it('answers 503 when the store is throttled', async () => {
    const { store } = fakeDynamo(() =>
      Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    );
    expect(await retitle(store, 3)).toMatchObject({ kind: 'unavailable' });
  });

  it('answers 412 only when the record itself failed its version condition', async () => {
    const { store } = fakeDynamo(() => cancelled('ConditionalCheckFailed', 'None', 'None'));
    expect(await retitle(store, 3)).toMatchObject({ kind: 'precondition_failed' });
  });
});
