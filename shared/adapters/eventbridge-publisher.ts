import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type BusEvent, BusUnavailable, type EventPublisher } from '#ports/event-publisher.ts';
import { isServiceUnavailable } from './service-failures.ts';

/**
 * EventPublisher on an EventBridge bus. PutEvents takes at most 10 entries; a partial failure
 * reports which entries failed so the caller can retry exactly those; a bus that is not
 * answering throws `BusUnavailable`.
 */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: BusEvent[]): Promise<number[]> {
    if (events.length === 0) return [];
    const result = await this.client
      .send(
        new PutEventsCommand({
          Entries: events.map((event) => ({
            EventBusName: this.busName,
            Source: event.source,
            DetailType: event.detailType,
            Detail: event.detail,
          })),
        }),
      )
      .catch((error: unknown) => {
        throw isServiceUnavailable(error) ? new BusUnavailable(error) : error;
      });
    if (!result.FailedEntryCount) return [];
    return (result.Entries ?? []).flatMap((entry, index) => (entry.ErrorCode ? [index] : []));
  }
}
