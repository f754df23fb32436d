import { randomUUID } from 'node:crypto';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { clientConfig } from '../../infra/local/platform.ts';
import { inPool } from '../support/concurrency.ts';

/** What the workloads act on, made through the API before any is measured. */
export interface LoadSeed {
  /** Server CIs, each with an EC2 instance id its alarms name. */
  servers: { id: string; instanceId: string }[];
  /** Incidents the reads pick from (never changed by a workload). */
  readIds: string[];
  /** Incidents the patches and comments act on, with their current version. */
  writable: { id: string; version: number }[];
  /** Emergency changes in `authorize`, one approval each. */
  changeIds: string[];
  bindings: number;
}

export type Tokens = Record<'requester' | 'agent' | 'change_manager' | 'admin', string>;

const metricNamespace = 'OpsDesk/LoadBench';

/**
 * One API call that must succeed; the seed stops on the first refusal, with its problem. A 503
 * (the store slower than the API's call deadline on a busy machine) is tried again after its
 * Retry-After, as a well-behaved client does, up to five times; a POST carries an
 * Idempotency-Key so a retried create that had gone through makes nothing twice.
 */
const call = async (
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ body: Record<string, unknown>; etag: string | null }> => {
  const idempotency: Record<string, string> = method === 'POST' ? { 'idempotency-key': randomUUID() } : {};
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...idempotency },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status === 503 && attempt < 5) {
      const seconds = Number(response.headers.get('retry-after') ?? 1);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    if (response.status >= 300) throw new Error(`seed ${method} ${path}: ${response.status} ${text}`);
    return {
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      etag: response.headers.get('etag'),
    };
  }
};

const instanceIdOf = (n: number) => `i-0b${String(n).padStart(15, '0')}`;

/** CIs, incidents, a pool of changes awaiting approval, and metric bindings with data in CloudWatch. */
export const seedLoad = async (options: {
  url: string;
  motoEndpoint: string;
  tokens: Tokens;
  servers: number;
  readIncidents: number;
  writableIncidents: number;
  changes: number;
  bindings: number;
}): Promise<LoadSeed> => {
  const { url, tokens } = options;
  const width = 8;
  const service = await call(url, tokens.agent, 'POST', '/cis', {
    name: 'Load bench service',
    type: 'service',
  });
  const servers = await inPool(
    Array.from({ length: options.servers }, (_, n) => n),
    width,
    async (n) => {
      const instanceId = instanceIdOf(n);
      const created = await call(url, tokens.agent, 'POST', '/cis', {
        name: `load-host-${n}`,
        type: 'server',
        serviceTier: 2,
        externalId: `arn:aws:ec2:eu-west-1:111122223333:instance/${instanceId}`,
      });
      await call(url, tokens.agent, 'POST', '/relationships', {
        fromId: service.body.id,
        toId: created.body.id,
        type: 'depends_on',
      });
      return { id: String(created.body.id), instanceId };
    },
  );
  const incident = async (n: number) => {
    const created = await call(url, tokens.agent, 'POST', '/incidents', {
      title: `Load bench incident ${n}`,
      description: 'Seeded for npm run bench:load',
      impact: 1 + (n % 3),
      urgency: 1 + ((n >> 1) % 3),
      assignmentGroup: 'service-desk',
    });
    return { id: String(created.body.id), version: Number(created.body.version) };
  };
  const readIds = (
    await inPool(
      Array.from({ length: options.readIncidents }, (_, n) => n),
      width,
      incident,
    )
  ).map((seeded) => seeded.id);
  const writable = await inPool(
    Array.from({ length: options.writableIncidents }, (_, n) => n),
    width,
    incident,
  );
  // Emergency changes go new → authorize in one step; one server each, so one approval schedules it.
  const slotMs = 3 * 3_600_000;
  const firstSlot = Date.UTC(2031, 0, 5);
  const changeIds = await inPool(
    Array.from({ length: options.changes }, (_, n) => n),
    width,
    async (n) => {
      const server = servers[n % servers.length];
      const start = firstSlot + n * slotMs;
      const raised = await call(url, tokens.agent, 'POST', '/changes', {
        title: `Load bench change ${n}`,
        type: 'emergency',
        ciIds: [server?.id],
        plannedStart: new Date(start).toISOString(),
        plannedEnd: new Date(start + 3_600_000).toISOString(),
      });
      await call(url, tokens.agent, 'PATCH', `/changes/${raised.body.id}`, { state: 'authorize' });
      return String(raised.body.id);
    },
  );
  await seedBindings(url, options.motoEndpoint, tokens, servers, options.bindings);
  return { servers, readIds, writable, changeIds, bindings: options.bindings };
};

/** Performance bindings on the servers' CPU, with the last two hours of minutes in CloudWatch. */
const seedBindings = async (
  url: string,
  motoEndpoint: string,
  tokens: Tokens,
  servers: LoadSeed['servers'],
  count: number,
) => {
  const cloudwatch = new CloudWatchClient(clientConfig(motoEndpoint));
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  await inPool(
    Array.from({ length: count }, (_, n) => n),
    4,
    async (n) => {
      const server = servers[n % servers.length] as LoadSeed['servers'][number];
      const dimensions = [{ name: 'InstanceId', value: server.instanceId }];
      const metricName = `CPUUtilization${Math.floor(n / servers.length)}`;
      await call(url, tokens.admin, 'PUT', `/cis/${server.id}/metrics/cpu-${n}`, {
        namespace: metricNamespace,
        metricName,
        dimensions,
        stat: 'Average',
        periodSeconds: 60,
        kind: 'performance',
        unit: 'Percent',
        threshold: { comparison: '>', value: 99, forPeriods: 3 },
      });
      const minutes = Array.from({ length: 120 }, (_, m) => now - (m + 1) * 60_000);
      for (let at = 0; at < minutes.length; at += 20) {
        await cloudwatch.send(
          new PutMetricDataCommand({
            Namespace: metricNamespace,
            MetricData: minutes.slice(at, at + 20).map((t) => ({
              MetricName: metricName,
              Dimensions: dimensions.map((d) => ({ Name: d.name, Value: d.value })),
              Timestamp: new Date(t),
              Value: 30 + ((t / 60_000) % 40),
              Unit: 'Percent',
            })),
          }),
        );
      }
    },
  );
};
