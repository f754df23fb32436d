import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { awsClient } from '#adapters/aws-clients.ts';
import { outboxEntries } from '#adapters/dynamo/outbox-stream.ts';
import { requiredEnv } from '#adapters/environment.ts';
import { EventBridgePublisher } from '#adapters/eventbridge-publisher.ts';
import { metrics } from '#adapters/platform-metrics.ts';
import { withInvocationLogKeys } from '#http/middleware/invocation-log-keys.ts';
import { logger } from '#http/observability.ts';
import { relayOutbox } from '#processes/outbox-relay.ts';

const publisher = new EventBridgePublisher(
  awsClient(EventBridgeClient, 'background'),
  requiredEnv('EVENT_BUS_NAME'),
);

/** While the bus is down, stop trying this long before the function's timeout. */
const patienceMarginMs = 15_000;

export const handler = withInvocationLogKeys(
  (event: DynamoDBStreamEvent) => ({ records: event.Records?.length ?? 0 }),
  middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(logMetrics(metrics))
    .handler(async function publishOutbox(event, context) {
      const entries = outboxEntries(event.Records);
      const failed = await relayOutbox(publisher, entries, {
        until: Date.now() + context.getRemainingTimeInMillis() - patienceMarginMs,
        now: Date.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      });
      metrics.addMetric('OutboxPublished', MetricUnit.Count, entries.length - failed.length);
      if (failed.length > 0) {
        metrics.addMetric('OutboxRetried', MetricUnit.Count, failed.length);
        logger.warn('outbox entries not published, the stream will retry', { count: failed.length });
      }
      return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
    }),
);
