import { randomUUID } from 'node:crypto';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../../infra/local/platform.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
const before = process.env.METRIC_INGEST_BINDINGS_PER_INVOCATION;

beforeAll(async () => {
  // Two bindings an invocation: the scheduled run must fan out to read ten.
  process.env.METRIC_INGEST_BINDINGS_PER_INVOCATION = '2';
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.stop();
  if (before === undefined) delete process.env.METRIC_INGEST_BINDINGS_PER_INVOCATION;
  else process.env.METRIC_INGEST_BINDINGS_PER_INVOCATION = before;
});

const minute = 60_000;

describe('metrics-ingest fans out through the platform bus', () => {
  it('publishes shard groups that the ingest-requested rule brings back, until every binding is read', async () => {
    const ci = await platform.call('POST', '/cis', {
      role: 'agent',
      body: { name: 'fleet-of-ten', type: 'server' },
    });
    const namespace = `E2e/${randomUUID()}`;
    const cloudwatch = new CloudWatchClient(clientConfig(platform.motoEndpoint));
    const last = Math.floor(Date.now() / minute) * minute - 3 * minute;
    for (let n = 0; n < 10; n++) {
      const host = `${namespace}/h${n}`;
      await cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: namespace,
          MetricData: [0, 1, 2].map((back) => ({
            MetricName: 'Load',
            Dimensions: [{ Name: 'Host', Value: host }],
            Timestamp: new Date(last - back * minute + 1_000),
            Value: n,
          })),
        }),
      );
      const bound = await platform.call('PUT', `/cis/${ci.body.id}/metrics/h${n}`, {
        role: 'admin',
        body: {
          namespace,
          metricName: 'Load',
          dimensions: [{ name: 'Host', value: host }],
          stat: 'Average',
          periodSeconds: 60,
          kind: 'performance',
        },
      });
      expect(bound.status).toBe(201);
    }

    await platform.invoke('metrics-ingest');
    const delivery = platform.rules.get('metrics-ingest/ingest-requested');
    const unread = async () =>
      (await platform.call('GET', `/cis/${ci.body.id}/metrics`, { role: 'requester' })).body.items.filter(
        (binding: { lastIngestedAt: string | null }) => binding.lastIngestedAt === null,
      ).length;
    let handled = 0;
    for (let round = 0; round < 30 && (await unread()) > 0; round++)
      handled += (await delivery?.drain()) ?? 0;

    // More than one group went round the bus, and together they read all ten bindings.
    expect(handled).toBeGreaterThanOrEqual(2);
    expect(await unread()).toBe(0);
    const points = await platform.call('GET', `/cis/${ci.body.id}/metrics/h7`, { role: 'requester' });
    expect(points.body.points.map((p: { v: number }) => p.v)).toEqual([7, 7, 7]);
  });
});
