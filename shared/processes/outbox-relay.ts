import type { BusEvent, EventPublisher } from '#ports/event-publisher.ts';

/** One outbox item from the table stream, with the id the stream uses to resume. */
export interface OutboxEntry {
  sequenceNumber: string;
  event: BusEvent;
}

const putEventsLimit = 10;

/**
 * Publishes outbox entries in stream order. At the first entry that cannot be published it
 * stops and returns that entry's sequence number and every later one, so the stream retries
 * from there (partial batch failure) and nothing is lost; after the retries the stream's
 * on-failure destination (the dead-letter queue) keeps the batch.
 * @example const failed = await relayOutbox(publisher, entries); // [] when all were published
 */
export const relayOutbox = async (publisher: EventPublisher, entries: OutboxEntry[]): Promise<string[]> => {
  for (let start = 0; start < entries.length; start += putEventsLimit) {
    const chunk = entries.slice(start, start + putEventsLimit);
    let failedIndexes: number[];
    try {
      failedIndexes = await publisher.publish(chunk.map((entry) => entry.event));
    } catch {
      failedIndexes = [0];
    }
    if (failedIndexes.length > 0) {
      const firstFailed = start + Math.min(...failedIndexes);
      return entries.slice(firstFailed).map((entry) => entry.sequenceNumber);
    }
  }
  return [];
};
