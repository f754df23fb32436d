import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { outboxEntries } from '#adapters/dynamo/outbox-stream.ts';
import { EventBridgePublisher } from '#adapters/eventbridge-publisher.ts';
import { requiredEnv } from '#adapters/process-dependencies.ts';
import { logger } from '#http/observability.ts';
import { relayOutbox } from '#processes/outbox-relay.ts';

const publisher = new EventBridgePublisher(new EventBridgeClient({}), requiredEnv('EVENT_BUS_NAME'));

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(
  async function publishOutbox(event) {
    const failed = await relayOutbox(publisher, outboxEntries(event.Records));
    if (failed.length > 0)
      logger.warn('outbox entries not published, the stream will retry', { count: failed.length });
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  },
);
