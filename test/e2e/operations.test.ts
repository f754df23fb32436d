import { randomUUID } from 'node:crypto';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../../infra/local/platform.ts';
import { SelfMonitoring } from '../../infra/local/self-monitoring.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
let cloudwatch: CloudWatchClient;

beforeAll(async () => {
  platform = await startTestPlatform({ registerSelf: true });
  cloudwatch = new CloudWatchClient(clientConfig(platform.motoEndpoint));
});
afterAll(async () => {
  await platform?.stop();
});

const admin = { role: 'admin' };
const minute = 60_000;

const newCi = async (name: string) => {
  const response = await platform.call('POST', '/cis', { role: 'agent', body: { name, type: 'server' } });
  expect(response.status).toBe(201);
  return response.body as { id: string; version: number };
};

/** moto ignores the namespace of a query with dimensions: each series gets a dimension of its own. */
const series = () => {
  const id = randomUUID();
  return { namespace: `E2e/${id}`, dimensions: [{ name: 'Host', value: id }] };
};

const cpuBinding = (where: ReturnType<typeof series>) => ({
  ...where,
  metricName: 'CPUUtilization',
  stat: 'Average',
  periodSeconds: 60,
  kind: 'performance',
  unit: 'Percent',
  threshold: { comparison: '>', value: 90, forPeriods: 3 },
});

describe('metric bindings over HTTP', () => {
  it('refuses bad bindings with every failing field, and the wrong role, writing nothing', async () => {
    const ci = await newCi('bind-refusals');
    const where = series();
    const forbidden = await platform.call('PUT', `/cis/${ci.id}/metrics/cpu`, {
      role: 'agent',
      body: cpuBinding(where),
    });
    expect(forbidden.status).toBe(403);

    const invalid = await platform.call('PUT', `/cis/${ci.id}/metrics/cpu`, {
      ...admin,
      body: {
        ...cpuBinding(where),
        periodSeconds: 90,
        kind: 'capacity',
        dimensions: Array.from({ length: 31 }, (_, n) => ({ name: `d${n}`, value: 'x' })),
      },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toContain('dimensions');

    const crossField = await platform.call('PUT', `/cis/${ci.id}/metrics/cpu`, {
      ...admin,
      body: { ...cpuBinding(where), periodSeconds: 90, kind: 'capacity' },
    });
    expect(crossField.status).toBe(422);
    expect(crossField.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'capacityLimit',
      'periodSeconds',
    ]);

    const badKey = await platform.call('PUT', `/cis/${ci.id}/metrics/CPU`, {
      ...admin,
      body: cpuBinding(where),
    });
    expect(badKey.status).toBe(422);
    expect(badKey.body.errors).toEqual([{ path: 'key', message: 'must match [a-z0-9-]{1,64}' }]);

    const unknownCi = await platform.call('PUT', '/cis/no-such-ci/metrics/cpu', {
      ...admin,
      body: cpuBinding(where),
    });
    expect(unknownCi.status).toBe(404);

    const listed = await platform.call('GET', `/cis/${ci.id}/metrics`, { role: 'requester' });
    expect(listed.body.items).toEqual([]);
    expect((await platform.call('GET', `/cis/${ci.id}`, { role: 'agent' })).body.version).toBe(ci.version);
  });

  it('binds, records the binding in the CI history, ingests, serves the points and unbinds', async () => {
    const ci = await newCi('bind-lifecycle');
    const where = series();
    const created = await platform.call('PUT', `/cis/${ci.id}/metrics/cpu`, {
      ...admin,
      body: cpuBinding(where),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ciId: ci.id, key: 'cpu', revision: 1, lastIngestedAt: null });
    const again = await platform.call('PUT', `/cis/${ci.id}/metrics/cpu`, {
      ...admin,
      body: cpuBinding(where),
    });
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(1);

    const history = await platform.call('GET', `/cis/${ci.id}/history`, { role: 'agent' });
    const entry = history.body.items.find((line: { field: string }) => line.field === 'metrics.cpu');
    expect(entry).toMatchObject({ from: null, to: { metricName: 'CPUUtilization', stat: 'Average' } });

    const now = Date.now();
    const last = Math.floor(now / minute) * minute - 3 * minute;
    const times = Array.from({ length: 6 }, (_, n) => last - (5 - n) * minute);
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: where.namespace,
        MetricData: times.map((t, n) => ({
          MetricName: 'CPUUtilization',
          Dimensions: [{ Name: 'Host', Value: where.dimensions[0]?.value }],
          Timestamp: new Date(t + 1_000),
          Value: 10 * (n + 1),
          Unit: 'Percent',
        })),
      }),
    );
    await platform.invoke('metrics-ingest');
    const read = await platform.call(
      'GET',
      `/cis/${ci.id}/metrics/cpu?from=${new Date(now - 3_600_000).toISOString()}`,
      {
        role: 'requester',
      },
    );
    expect(read.status).toBe(200);
    expect(read.body.points).toEqual(
      times.map((t, n) => ({ t: new Date(t).toISOString(), v: 10 * (n + 1) })),
    );
    expect(read.body.binding.lastIngestedAt).not.toBeNull();

    const paged = await platform.call(
      'GET',
      `/cis/${ci.id}/metrics/cpu?from=${new Date(now - 3_600_000).toISOString()}&limit=4`,
      { role: 'requester' },
    );
    expect(paged.body.points).toHaveLength(4);
    const rest = await platform.call(
      'GET',
      `/cis/${ci.id}/metrics/cpu?from=${new Date(now - 3_600_000).toISOString()}&limit=4&cursor=${paged.body.nextCursor}`,
      { role: 'requester' },
    );
    expect([...paged.body.points, ...rest.body.points]).toEqual(read.body.points);

    const removed = await platform.call('DELETE', `/cis/${ci.id}/metrics/cpu`, admin);
    expect(removed.status).toBe(200);
    expect((await platform.call('GET', `/cis/${ci.id}/metrics/cpu`, { role: 'requester' })).status).toBe(404);
    const afterHistory = await platform.call('GET', `/cis/${ci.id}/history`, { role: 'agent' });
    expect(
      afterHistory.body.items.filter((line: { field: string }) => line.field === 'metrics.cpu'),
    ).toHaveLength(2);
  });

  it('answers 400 to a malformed window or range and 404 to an unknown binding', async () => {
    const ci = await newCi('bind-queries');
    expect(
      (await platform.call('GET', `/cis/${ci.id}/capacity?window=14x`, { role: 'requester' })).status,
    ).toBe(400);
    expect(
      (await platform.call('GET', `/cis/${ci.id}/metrics/cpu?from=yesterday`, { role: 'requester' })).status,
    ).toBe(400);
    const inverted = await platform.call(
      'GET',
      `/cis/${ci.id}/metrics/nothing?from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z`,
      { role: 'requester' },
    );
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors).toEqual([{ path: 'to', message: 'to must be after from' }]);
    expect((await platform.call('GET', `/cis/${ci.id}/metrics/nothing`, { role: 'requester' })).status).toBe(
      404,
    );
    expect((await platform.call('GET', '/cis/no-such-ci/capacity', { role: 'requester' })).status).toBe(404);
  });
});

describe('the local service watches itself', () => {
  it('answers capacity, availability and performance with this machine’s figures', async () => {
    const ciId = platform.localServiceId as string;
    expect(ciId).toBeDefined();
    const bindings = await platform.call('GET', `/cis/${ciId}/metrics`, { role: 'requester' });
    expect(bindings.body.items.map((b: { key: string }) => b.key)).toEqual([
      'latency',
      'memory',
      'server-errors',
    ]);

    // Ten minutes of this machine's own samples, back-dated so the ingest finds them settled.
    const monitoring = new SelfMonitoring(cloudwatch);
    const last = Math.floor(Date.now() / minute) * minute - 3 * minute;
    for (let n = 9; n >= 0; n--) {
      monitoring.onResponse(200, 5 + n);
      await monitoring.publish(new Date(last - n * minute + 1_000));
    }
    await platform.invoke('metrics-ingest');

    const capacity = await platform.call('GET', `/cis/${ciId}/capacity`, { role: 'requester' });
    const memory = capacity.body.items.find((item: { key: string }) => item.key === 'memory');
    expect(memory.current).toBeGreaterThan(10_000_000);
    expect(memory.fit.points).toBeGreaterThanOrEqual(10);
    expect(typeof memory.slopePerDay).toBe('number');

    const availability = await platform.call('GET', `/cis/${ciId}/availability?window=1h`, {
      role: 'requester',
    });
    expect(availability.body).toMatchObject({ basis: 'metrics', target: 0.999, keys: ['server-errors'] });
    expect(availability.body.availability).toBe(1);
    expect(availability.body.burnRates['5m']).toBe(0);

    const performance = await platform.call('GET', `/cis/${ciId}/performance`, { role: 'requester' });
    const latency = performance.body.items.find((item: { key: string }) => item.key === 'latency');
    expect(latency.source).toBe('points');
    expect(latency.p50).toBeGreaterThan(0);
    expect(latency.p99).toBeGreaterThanOrEqual(latency.p50);
  });
});
