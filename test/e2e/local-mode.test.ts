import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchClient, ListMetricsCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alive,
  cleanUp,
  freeLoopbackPort,
  type StartedRunner,
  spawnNpm,
  startRunner,
  tempDataDir,
  waitFor,
} from './local-processes.ts';

/** `npm run -s NAME` on `dataDir`, to its end. */
const runScript = async (name: string, dataDir: string, args: string[] = []) => {
  const spawned = spawnNpm(['run', '-s', name, ...(args.length ? ['--', ...args] : [])], {
    OPSDESK_DATA_DIR: dataDir,
  });
  const code = await spawned.exited;
  return { code, stdout: spawned.stdout(), stderr: spawned.stderr() };
};

const parseExports = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^export ([A-Z0-9_]+)='(.*)'$/.exec(line.trim()))
      .filter((match) => match !== null)
      .map((match) => [match[1] as string, match[2] as string]),
  );

/** Runs `action` with `environment` in process.env, as `eval "$(npm run -s aws-env)"` would. */
const withEnvironment = async <T>(environment: Record<string, string>, action: () => Promise<T>) => {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  Object.assign(process.env, environment);
  try {
    return await action();
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
};

describe('the local commands around npm start', { timeout: 60_000 }, () => {
  const dataDir = tempDataDir('commands');
  const idleDir = tempDataDir('idle');
  let runner: StartedRunner;

  beforeAll(async () => {
    runner = await startRunner(dataDir, await freeLoopbackPort());
  }, 120_000);
  afterAll(cleanUp, 30_000);

  it('npm run token warns on stderr, and still prints the token, when no platform runs on its data directory', async () => {
    // Act
    const forRunning = await runScript('token', dataDir, ['--role', 'agent']);
    const forIdle = await runScript('token', idleDir, ['--role', 'agent']);
    // Assess
    expect(forRunning.code).toBe(0);
    expect(forRunning.stderr).not.toMatch(/warning/);
    expect(forIdle.code).toBe(0);
    expect(forIdle.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(forIdle.stderr).toContain(`warning: no OpsDesk is running on ${idleDir}`);
    // ...and that token, shown to the running platform, is refused saying why
    const refused = await fetch(`${runner.url}/incidents`, {
      headers: { authorization: `Bearer ${forIdle.stdout.trim()}` },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(((await refused.json()) as { detail: string }).detail).toBe(
      'The token was signed by a key this platform does not know: mint it with `npm run token` for this OPSDESK_DATA_DIR',
    );
  });

  it('npm run aws-env prints export lines that take the SDK to the local emulators', async () => {
    // Act
    const printed = await runScript('aws-env', dataDir);
    const environment = parseExports(printed.stdout);
    const metricName = `LocalModeTest${Date.now()}`;
    const [tables, metrics] = await withEnvironment(environment, async () => {
      const cloudWatch = new CloudWatchClient({});
      await cloudWatch.send(
        new PutMetricDataCommand({
          Namespace: 'OpsDeskTest',
          MetricData: [{ MetricName: metricName, Value: 5 }],
        }),
      );
      return Promise.all([
        new DynamoDBClient({}).send(new ListTablesCommand({})),
        cloudWatch.send(new ListMetricsCommand({ Namespace: 'OpsDeskTest', MetricName: metricName })),
      ]);
    });
    // Assess
    expect(printed.code).toBe(0);
    expect(Object.keys(environment)).toEqual(
      expect.arrayContaining([
        'AWS_REGION',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_ENDPOINT_URL_DYNAMODB',
        'AWS_ENDPOINT_URL_EVENTBRIDGE',
        'AWS_ENDPOINT_URL_SQS',
        'AWS_ENDPOINT_URL_CLOUDWATCH',
      ]),
    );
    expect(tables.TableNames).toContain('opsdesk');
    expect(metrics.Metrics?.map((metric) => metric.MetricName)).toEqual([metricName]);
  });

  it('npm run aws-env with no platform on its data directory says so in one line and exits 1', async () => {
    // Act
    const printed = await runScript('aws-env', idleDir);
    // Assess
    expect(printed.code).toBe(1);
    expect(printed.stdout).toBe('');
    expect(printed.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^OpsDesk is not running on/)]);
  });

  it('npm run events prints each outbound event as one JSON line and removes its tap on Ctrl-C', async () => {
    // Prepare
    const tap = spawnNpm(['run', '-s', 'events'], { OPSDESK_DATA_DIR: dataDir });
    await waitFor(
      'npm run events to listen',
      () => /Listening for events/.test(tap.stderr()),
      30_000,
      tap.stderr,
    );
    const token = (await runScript('token', dataDir, ['--role', 'agent'])).stdout.trim();
    // Act
    const created = await fetch(`${runner.url}/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Seen on the tap', impact: 3, urgency: 3 }),
    });
    const incident = (await created.json()) as { id: string };
    await waitFor('the event line', () => tap.stdout().includes(incident.id), 20_000, tap.stdout);
    process.kill(-(tap.child.pid as number), 'SIGINT');
    const code = await tap.exited;
    // Assess
    expect(created.status).toBe(201);
    const lines = tap.stdout().trim().split('\n');
    const envelopes = lines.map((line) => JSON.parse(line));
    expect(envelopes).toContainEqual(
      expect.objectContaining({
        source: 'opsdesk',
        'detail-type': 'Incident Created',
        detail: expect.objectContaining({ id: incident.id, type: 'incident' }),
      }),
    );
    // npm itself ends by the SIGINT it got, as on a terminal's Ctrl-C; the script ended cleanly.
    expect([0, 'SIGINT']).toContain(code);
    expect(tap.stderr()).not.toMatch(/Error|gone/);
    const environment = parseExports((await runScript('aws-env', dataDir)).stdout);
    const rules = await withEnvironment(environment, () =>
      new EventBridgeClient({}).send(new ListRulesCommand({ EventBusName: 'opsdesk' })),
    );
    expect(rules.Rules?.map((rule) => rule.Name).filter((name) => name?.includes('events-tap'))).toEqual([]);
  });

  it('SIGTERM to npm stops the runner and both emulators', async () => {
    // Act
    process.kill(runner.child.pid as number, 'SIGTERM');
    // Assess
    await waitFor(
      'the runner and its emulators to stop',
      () => [runner.runnerPid, ...runner.emulatorPids].every((pid) => !alive(pid)),
      15_000,
      () => runner.stdout(),
    );
    expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'runner.json'))).toBe(false);
  });
});
