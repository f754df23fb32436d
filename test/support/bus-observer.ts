import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ensureBusTap } from '../../infra/local/local-aws.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import type { TestPlatform } from './test-platform.ts';

/** An event as a consumer of the platform bus receives it. */
export interface PublishedEvent {
  'detail-type': string;
  source: string;
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the detail of its own events.
  detail: any;
}

/**
 * A consumer of the platform bus: a rule with `pattern` delivering to an SQS queue on moto.
 * `published()` publishes the outbox, then takes every event that reached the queue.
 */
export const observeBus = async (platform: TestPlatform, name: string, pattern: Record<string, unknown>) => {
  const sqs = new SQSClient(clientConfig(platform.motoEndpoint));
  const events = new EventBridgeClient(clientConfig(platform.motoEndpoint));
  const queue = await ensureBusTap(events, sqs, {
    name: `${name}-${platform.busName}`,
    busName: platform.busName,
    pattern,
    targetId: 'observer',
  });
  return {
    events,
    published: async (quietRounds = 2): Promise<PublishedEvent[]> => {
      await platform.outbox.drain();
      const received: PublishedEvent[] = [];
      for (let empty = 0; empty < quietRounds; ) {
        const batch = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        const messages = batch.Messages ?? [];
        if (messages.length === 0) empty++;
        for (const message of messages) received.push(JSON.parse(message.Body ?? '{}') as PublishedEvent);
        if (messages.length > 0)
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queue.url,
              Entries: messages.map((message, n) => ({
                Id: String(n),
                ReceiptHandle: message.ReceiptHandle,
              })),
            }),
          );
      }
      return received;
    },
  };
};
