import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { processDependencies } from '#adapters/process-dependencies.ts';
import { createCi } from '#processes/cmdb/configuration-management.ts';
import { changeIncident, getIncident, listIncidents, logIncident } from '#processes/incident-management.ts';
import { localKeys, signLocalToken } from '../../infra/local/local-auth.ts';
import { ensureTable } from '../../infra/local/local-aws.ts';
import { clientConfig, startPlatform } from '../../infra/local/platform.ts';

const agent = { sub: 'bench-agent', roles: ['agent' as const] };
const samples = 400;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** DynamoDB calls each incident use case makes, counted on the SDK client the handlers use. */
const callsPerRequest = async (endpoint: string) => {
  const client = new DynamoDBClient(clientConfig(endpoint));
  const tableName = `bench-calls-${Date.now()}`;
  await ensureTable(client, tableName);
  process.env.TABLE_NAME = tableName;
  const calls: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      calls.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const deps = processDependencies(client);
  const measure = async (what: string, action: () => Promise<unknown>) => {
    calls.length = 0;
    await action();
    return `| ${what} | ${calls.length} | ${calls.join(', ')} |`;
  };
  let id = '';
  let onCi = '';
  const make = (ciId?: string) => logIncident(deps, agent, { title: 'Bench', impact: 2, urgency: 2, ciId });
  const rows = [
    await measure('create, first in a container (loads SLA policies)', () => make()),
    await measure('create (POST /incidents)', async () => {
      id = (await make()).body.id;
    }),
  ];
  // An incident may only name a CI that exists: one, with no relationships, created uncounted.
  const ciId = (await createCi(deps, agent, { name: 'bench-host', type: 'server' })).body.id;
  rows.push(
    await measure('create on a CI (impacted services, CI health)', async () => {
      onCi = (await make(ciId)).body.id;
    }),
    await measure('create with Idempotency-Key', () =>
      logIncident(
        deps,
        agent,
        { title: 'Bench', impact: 2, urgency: 2 },
        { key: `bench#${Date.now()}`, fingerprint: 'f' },
      ),
    ),
    await measure('get (GET /incidents/{id})', () => getIncident(deps, agent, id)),
    await measure('list (GET /incidents?ciId=)', () => listIncidents(deps, agent, { ciId })),
    await measure('patch (PATCH /incidents/{id})', () => changeIncident(deps, agent, id, { urgency: 1 })),
    await measure('patch priority of an incident on a CI', () =>
      changeIncident(deps, agent, onCi, { urgency: 1 }),
    ),
  );
  return ['| use case | DynamoDB calls | commands |', '|---|---:|---|', ...rows];
};

/** GET /incidents/{id} through the local runner beside a raw GetItem on the same DynamoDB Local. */
const readLatency = async (dynamoEndpoint: string, motoEndpoint: string) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-bench-'));
  const platform = await startPlatform({
    port: 0,
    dataDir,
    dynamoEndpoint,
    motoEndpoint,
    tableName: `bench-${Date.now()}`,
    busName: `bench-${Date.now()}`,
    schedules: false,
    background: false,
  });
  try {
    const token = await signLocalToken(await localKeys(dataDir), { sub: 'bench', roles: ['agent'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = (await (
      await fetch(`${platform.url}/incidents`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ title: 'Latency', impact: 3, urgency: 3 }),
      })
    ).json()) as { id: string };
    const client = new DynamoDBClient(clientConfig(dynamoEndpoint));
    const key = { pk: { S: `incident#${created.id}` }, sk: { S: 'record' } };
    const api: number[] = [];
    const raw: number[] = [];
    for (let n = 0; n < samples + 50; n++) {
      let started = performance.now();
      const response = await fetch(`${platform.url}/incidents/${created.id}`, { headers });
      await response.arrayBuffer();
      if (n >= 50) api.push(performance.now() - started);
      started = performance.now();
      await client.send(
        new GetItemCommand({ TableName: platform.tableName, Key: key, ConsistentRead: true }),
      );
      if (n >= 50) raw.push(performance.now() - started);
    }
    const row = (name: string, values: number[]) =>
      `| ${name} | ${percentile(values, 50).toFixed(2)} | ${percentile(values, 99).toFixed(2)} |`;
    return [
      `${samples} interleaved samples after 50 warm-up rounds, loopback, one client at a time.`,
      '',
      '| path | p50 ms | p99 ms |',
      '|---|---:|---:|',
      row(
        'GET /incidents/{id} through the local runner (JWT check, API Gateway v2 event, middy, GetItem)',
        api,
      ),
      row('raw GetItem on DynamoDB Local (SDK v3)', raw),
      `| ratio | ${(percentile(api, 50) / percentile(raw, 50)).toFixed(2)} | ${(percentile(api, 99) / percentile(raw, 99)).toFixed(2)} |`,
    ];
  } finally {
    await platform.stop();
  }
};

export async function run(context: { dynamoEndpoint: string; motoEndpoint: string }) {
  const calls = await callsPerRequest(context.dynamoEndpoint);
  const latency = await readLatency(context.dynamoEndpoint, context.motoEndpoint);
  return { title: 'Incident requests: DynamoDB calls and read latency', lines: [...calls, '', ...latency] };
}
