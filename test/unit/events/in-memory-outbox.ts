import type { DynamoDBRecord } from 'aws-lambda';
import { outboxItem } from '#adapters/dynamo/outbox-item.ts';
import { outboxEntries } from '#adapters/dynamo/outbox-stream.ts';
import type { BusEvent } from '#ports/event-publisher.ts';
import type { RecordStore, RecordWrite } from '#ports/record-store.ts';

/**
 * A record store in memory that keeps what a unit commits: records by kind and id, and the
 * outbox. `published()` takes the outbox through the real path to the bus (the outbox item,
 * the table stream's INSERT record, the stream reader), so a test sees each event exactly as
 * `outbox-publisher` puts it on the bus. Lists are empty; versions are not checked.
 */
export const inMemoryOutbox = () => {
  const records = new Map<string, unknown>();
  const outbox: Array<Extract<RecordWrite, { type: 'event' | 'notice' }>['event']> = [];
  let sequence = 1000;
  const store = {
    nextSequence: async () => ++sequence,
    get: async (kind: string, id: string) => structuredClone(records.get(`${kind}#${id}`)),
    getMany: async (kind: string, ids: string[]) =>
      ids.flatMap((id) =>
        records.has(`${kind}#${id}`) ? [structuredClone(records.get(`${kind}#${id}`))] : [],
      ),
    list: async () => ({ items: [], nextCursor: null }),
    storedResponse: async () => undefined,
    commit: async (writes: RecordWrite[]) => {
      for (const write of writes) {
        if (write.type === 'create' || write.type === 'update')
          records.set(`${write.kind}#${write.record.id}`, structuredClone(write.record));
        if (write.type === 'event' || write.type === 'notice') outbox.push(write.event);
      }
    },
  } as unknown as RecordStore;

  const published = (): BusEvent[] =>
    outboxEntries(
      outbox.map(
        (event, index): DynamoDBRecord => ({
          eventName: 'INSERT',
          dynamodb: {
            SequenceNumber: String(index + 1),
            NewImage: outboxItem(event, 1_800_000_000) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
          },
        }),
      ),
    ).map((entry) => entry.event);

  return { store, records, published };
};
