import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionSpec } from '#functions/manifest.ts';
import { type LambdaHandler, lambdaContext } from './function-host.ts';
import { PollingLoop } from './polling-loop.ts';

/**
 * Delivers events that a manifest rule matched on the emulated bus (moto queues them in SQS) to
 * the rule's function. A failed invocation leaves the message; after the queue's receive limit
 * it moves to the dead-letter queue, as EventBridge's retries and DLQ would.
 */
export class RuleDelivery extends PollingLoop {
  constructor(
    private readonly options: {
      sqs: SQSClient;
      queueUrl: string;
      spec: FunctionSpec;
      handler: LambdaHandler;
      waitSeconds?: number;
    },
  ) {
    super();
  }

  protected backgroundRound() {
    return this.receiveBatch(this.options.waitSeconds ?? 1);
  }

  protected restMs() {
    return 0;
  }

  /** Delivers what is queued now; returns how many events were handled. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const count = await this.receiveOnce(0);
      if (count === 0) return handled;
      handled += count;
    }
  }

  private receiveOnce(waitSeconds: number): Promise<number> {
    return this.exclusive(() => this.receiveBatch(waitSeconds));
  }

  private async receiveBatch(waitSeconds: number): Promise<number> {
    const received = await this.options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.options.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: waitSeconds,
      }),
    );
    const messages = received.Messages ?? [];
    for (const message of messages) {
      try {
        await this.options.handler(JSON.parse(message.Body ?? '{}'), lambdaContext(this.options.spec));
        await this.options.sqs.send(
          new DeleteMessageCommand({ QueueUrl: this.options.queueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
      } catch {
        // Left on the queue: it becomes visible again and is retried, then dead-lettered.
      }
    }
    return messages.length;
  }
}
