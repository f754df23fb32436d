/** An event as it goes to the platform bus. */
export interface BusEvent {
  source: string;
  detailType: string;
  detail: string;
}

export interface EventPublisher {
  /** Publishes a batch (at most 10); returns the indexes that failed. */
  publish(events: BusEvent[]): Promise<number[]>;
}

/**
 * Thrown by `publish` when the bus itself is not answering (network, 5xx, throttled, past the
 * call's deadline), as opposed to refusing these events: the same batch may succeed later.
 */
export class BusUnavailable extends Error {
  constructor(cause: unknown) {
    super('The event bus is not available', { cause });
    this.name = 'BusUnavailable';
  }
}
