import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { awsClient } from '#adapters/aws-clients.ts';
import { requiredEnv } from '#adapters/environment.ts';
import { EventBridgePublisher } from '#adapters/eventbridge-publisher.ts';
import { ingestWiring } from '#adapters/metric-dependencies.ts';
import { eventLogKeys, withInvocationLogKeys } from '#http/middleware/invocation-log-keys.ts';
import { logger } from '#http/observability.ts';
import { signalAlarm } from '#processes/alarm-incidents.ts';
import {
  ingestMetrics,
  ingestRequestDetailType,
  ingestRequestSource,
  shardsRequested,
} from '#processes/metrics/metric-ingest.ts';

const publisher = new EventBridgePublisher(
  awsClient(EventBridgeClient, 'background'),
  requiredEnv('EVENT_BUS_NAME'),
);

const deps = ingestWiring((alarms) => ({
  signalAlarm: (signal) => signalAlarm(alarms, signal),
  requestIngest: async (groups) => {
    for (let at = 0; at < groups.length; at += 10) {
      const entries = groups.slice(at, at + 10).map((shards) => ({
        source: ingestRequestSource,
        detailType: ingestRequestDetailType,
        detail: JSON.stringify({ shards }),
      }));
      const failed = await publisher.publish(entries);
      if (failed.length > 0) throw new Error(`${failed.length} ingest requests were not published`);
    }
  },
}));

/**
 * Reads every metric binding from CloudWatch into the store (every 5 minutes, and
 * `npm run invoke -- metrics-ingest`). Past one invocation's worth of bindings the scheduled run
 * fans out: one `Metric Ingest Requested` event per group of shards, which this function takes
 * back from the platform bus.
 */
export const handler = withInvocationLogKeys(
  eventLogKeys,
  middy<EventBridgeEvent<string, unknown>, void>().handler(async function ingest(event) {
    const report = await ingestMetrics(deps, { shards: shardsRequested(event, deps.metrics.shards) });
    logger.info('metrics ingested', { ...report });
  }),
);
