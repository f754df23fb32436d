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
