import { type BusEvent, BusUnavailable, type EventPublisher } from '#ports/event-publisher.ts';

/** One outbox item from the table stream, with the id the stream uses to resume. */
export interface OutboxEntry {
  sequenceNumber: string;
  event: BusEvent;
}

/**
 * How long to keep trying while the bus is not answering, before handing the rest back to the
 * stream: an outage shorter than this costs no stream retry at all (README, "Faults").
 */
export interface RelayPatience {
  /** Epoch milliseconds after which no new attempt starts. */
  until: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

const putEventsLimit = 10;
const firstPauseMs = 200;
const longestPauseMs = 5_000;

/** Publishes one chunk, waiting out a bus that is not answering while patience lasts. */
const publishPatiently = async (
  publisher: EventPublisher,
  events: BusEvent[],
  patience: RelayPatience | undefined,
): Promise<number[]> => {
  for (let pause = firstPauseMs; ; pause = Math.min(pause * 2, longestPauseMs)) {
    try {
      return await publisher.publish(events);
    } catch (error) {
      if (!(error instanceof BusUnavailable) || !patience || patience.now() + pause > patience.until)
        return [0];
      await patience.sleep(pause);
    }
  }
};

/**
 * Publishes outbox entries in stream order. While the bus is not answering it waits and tries
 * again, within `patience`. At the first entry that still cannot be published it stops and
 * returns that entry's sequence number and every later one, so the stream retries from there
 * (partial batch failure) and nothing is lost; after the stream's retries its on-failure
 * destination (the dead-letter queue) keeps the batch.
 * @example const failed = await relayOutbox(publisher, entries, patience); // [] when all were published
 */
export const relayOutbox = async (
  publisher: EventPublisher,
  entries: OutboxEntry[],
  patience?: RelayPatience,
): Promise<string[]> => {
  for (let start = 0; start < entries.length; start += putEventsLimit) {
    const chunk = entries.slice(start, start + putEventsLimit);
    const failedIndexes = await publishPatiently(
      publisher,
      chunk.map((entry) => entry.event),
      patience,
    );
    if (failedIndexes.length > 0) {
      const firstFailed = start + Math.min(...failedIndexes);
      return entries.slice(firstFailed).map((entry) => entry.sequenceNumber);
    }
  }
  return [];
};
