import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localKeys, signLocalToken } from '../../infra/local/local-auth.ts';
import { ensureBusTap } from '../../infra/local/local-aws.ts';
import { clientConfig, type RunningPlatform, startPlatform } from '../../infra/local/platform.ts';
import type { RuntimeInfo } from '../../infra/local/runtime-info.ts';

/**
 * Faults on the local runner (README, "Faults"): the platform owns its emulators here, as under
 * `npm start`, and the test pauses and kills them while writers keep sending requests. Every
 * answer is a 2xx or a 503 problem+json with `Retry-After` within 2 s; readiness names what is
 * down; a crashed emulator is started again and the platform serves without a restart of its
 * own; afterwards every record's history agrees with its state, every committed version has its
 * event, and every event reached the bus, the ones written while the bus was down included.
 */

const failFastMs = 2_000;
/** A request already under way when a fault begins has spent some time before it. */
const inFlightMs = 3_500;

let platform: RunningPlatform;
let dataDir: string;
let token: string;
let dynamo: DynamoDBClient;

/** Events seen on the platform bus, by detail-type and detail. */
const seen = new Set<string>();
let collecting = true;
let collector: Promise<void>;
let tapUrl = '';

const eventKey = (detailType: string, detail: unknown) => `${detailType}|${JSON.stringify(detail)}`;

const tapTheBus = async () => {
  const events = new EventBridgeClient(clientConfig(platform.motoEndpoint));
  const sqs = new SQSClient(clientConfig(platform.motoEndpoint));
  tapUrl = (
    await ensureBusTap(events, sqs, {
      name: `faults-${platform.busName}`,
      busName: platform.busName,
      pattern: { source: ['opsdesk'] },
      targetId: 'faults',
    })
  ).url;
};

/** Receives every event the tap queue gets, riding out moto being down. */
const collect = async () => {
  const sqs = new SQSClient({ ...clientConfig(platform.motoEndpoint), maxAttempts: 1 });
  while (collecting) {
    try {
      const batch = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: tapUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of batch.Messages ?? []) {
        const event = JSON.parse(message.Body ?? '{}') as { 'detail-type': string; detail: unknown };
        seen.add(eventKey(event['detail-type'], event.detail));
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
};

const runtime = () => JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as RuntimeInfo;
const emulatorPid = (role: 'dynamodb' | 'moto') => {
  const pid = runtime().emulators?.find((emulator) => emulator.role === role)?.pid;
  if (!pid) throw new Error(`no ${role} pid in runtime.json`);
  return pid;
};

interface Answer {
  status: number;
  startedAt: number;
  ms: number;
  retryAfter: string | null;
  contentType: string | null;
  body: string;
}

const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const startedAt = Date.now();
  const started = performance.now();
  const response = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  const answer: Answer = {
    status: response.status,
    startedAt,
    ms: performance.now() - started,
    retryAfter: response.headers.get('retry-after'),
    contentType: response.headers.get('content-type'),
    body: text,
  };
  return { answer, etag: response.headers.get('etag') };
};

/** Versions the API said it committed: incident id → highest version answered with a 2xx. */
const committed = new Map<string, { version: number; at: string }>();
const commit = (id: string, version: number) => {
  if ((committed.get(id)?.version ?? 0) < version)
    committed.set(id, { version, at: new Date().toISOString() });
};
const faultLog: string[] = [];
const fault = (what: string) => faultLog.push(`${new Date().toISOString()} ${what}`);
/** When each fault began: only a request already under way then may take longer than 2 s. */
const faultStarts: number[] = [];
const storeKills: number[] = [];
/** How long before a kill -9 DynamoDB Local may have answered a write its file does not have. */
const emulatorFlushMs = 1_000;
const answers: Answer[] = [];

/**
 * Writers until `stop()`: each creates an incident (with an Idempotency-Key) and changes it with
 * the ETag it got, over and over, recording every answer.
 */
const writers = (count: number) => {
  let running = true;
  const loop = async (writer: number) => {
    for (let round = 0; running; round++) {
      const created = await send(
        'POST',
        '/incidents',
        { title: `fault writer ${writer} round ${round}`, impact: 3, urgency: 3 },
        { 'idempotency-key': `faults-${writer}-${round}-${Date.now()}` },
      );
      answers.push(created.answer);
      if (created.answer.status !== 201) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      const { id, version } = JSON.parse(created.answer.body) as { id: string; version: number };
      commit(id, version);
      const changed = await send(
        'PATCH',
        `/incidents/${id}`,
        { urgency: 2 },
        { 'if-match': created.etag ?? '"1"' },
      );
      answers.push(changed.answer);
      if (changed.answer.status === 200) {
        const after = JSON.parse(changed.answer.body) as { version: number };
        commit(id, after.version);
      }
    }
  };
  const loops = Array.from({ length: count }, (_, writer) => loop(writer));
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds, or fails after `timeoutMs`. */
const eventually = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
};

const readiness = async () => {
  const { answer } = await send('GET', '/health?deep=true');
  return { answer, body: JSON.parse(answer.body) as { checks?: Record<string, string> } };
};

const tableItems = async () => {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateScan({ client: dynamo }, { TableName: platform.tableName }))
    for (const item of page.Items ?? []) items.push(unmarshall(item));
  return items;
};

const outboxKeys = async () =>
  (await tableItems())
    .filter((item) => item.entity === 'outbox')
    .map((item) => eventKey(String(item.detailType), JSON.parse(String(item.detail))));

/** Waits until every outbox item in the table was seen on the bus. */
const allPublished = () =>
  eventually(
    'every outbox event reaching the bus',
    async () => (await outboxKeys()).every((key) => seen.has(key)),
    90_000,
  );

const deadLetters = async () => {
  const sqs = new SQSClient(clientConfig(platform.motoEndpoint));
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: platform.deadLetterUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-faults-'));
  platform = await startPlatform({ port: 0, dataDir, persistent: true, schedules: false });
  token = await signLocalToken(await localKeys(dataDir), { sub: 'fault-agent', roles: ['agent'] });
  dynamo = new DynamoDBClient(clientConfig(platform.dynamoEndpoint));
  await tapTheBus();
  // moto comes back empty: the tap is re-created with the platform's own rules, before any event.
  platform.onEmulatorRestart('moto', tapTheBus);
  collector = collect();
}, 120_000);

/** What the run measured, printed at the end (README, "Faults"). */
const figures: Record<string, number> = {};

afterAll(async () => {
  const unavailable = answers.filter((answer) => answer.status === 503).map((answer) => answer.ms);
  console.log(
    `faults: ${answers.length} requests, ${unavailable.length} answered 503 (slowest ${Math.round(Math.max(0, ...unavailable))} ms), ` +
      `store serving again ${figures.storeBackSeconds?.toFixed(1)} s after its kill, bus ${figures.busBackSeconds?.toFixed(1)} s after its kill, ` +
      `${figures.eventsWhileBusDown ?? 0} events written while the bus was down all published`,
  );
  collecting = false;
  await collector;
  await platform?.stop();
}, 60_000);

/** Every answer so far was a 2xx, or a 503 problem+json with Retry-After within 2 s. */
const expectOnlySuccessOrFastUnavailable = () => {
  for (const answer of answers) {
    const where = `${answer.status} in ${Math.round(answer.ms)} ms: ${answer.body.slice(0, 200)}`;
    if (answer.status < 300) continue;
    expect(answer.status, where).toBe(503);
    const underWayAtFault = faultStarts.some(
      (start) => answer.startedAt < start && start < answer.startedAt + answer.ms,
    );
    expect(answer.ms, where).toBeLessThan(underWayAtFault ? inFlightMs : failFastMs);
    expect(answer.retryAfter, where).toMatch(/^\d+$/);
    expect(answer.contentType, where).toMatch(/^application\/problem\+json/);
  }
};

describe('faults on the local runner', () => {
  it('while the store is paused, requests fail fast with 503 and readiness names the store', async () => {
    // Prepare: writers running against a healthy platform
    const work = writers(4);
    await sleep(1_500);
    const pid = emulatorPid('dynamodb');

    // Act: pause DynamoDB Local for 4 s
    faultStarts.push(Date.now());
    process.kill(pid, 'SIGSTOP');
    fault('store paused');
    let during: Awaited<ReturnType<typeof readiness>>;
    let liveness: Answer;
    try {
      await sleep(1_000);
      during = await readiness();
      liveness = (await send('GET', '/health')).answer;
      await sleep(3_000);
    } finally {
      process.kill(pid, 'SIGCONT');
      fault('store resumed');
    }
    await sleep(1_500);
    await work.stop();

    // Assess
    expect(during.answer.status).toBe(503);
    expect(during.answer.ms).toBeLessThan(failFastMs);
    expect(during.body.checks).toEqual({ store: 'unavailable', bus: 'ok' });
    expect(liveness.status).toBe(200);
    expect(answers.filter((answer) => answer.status === 503).length).toBeGreaterThan(0);
    expectOnlySuccessOrFastUnavailable();
    expect((await readiness()).answer.status).toBe(200);
  }, 60_000);

  it('a killed store is started again and the platform serves without a restart', async () => {
    // Prepare
    const before = emulatorPid('dynamodb');
    const served = answers.length;
    const work = writers(4);
    await sleep(1_000);

    // Act
    faultStarts.push(Date.now());
    storeKills.push(Date.now());
    process.kill(before, 'SIGKILL');
    fault('store killed');
    await sleep(300);
    const down = await readiness();
    await eventually('DynamoDB Local serving again', async () => (await readiness()).answer.status === 200);
    figures.storeBackSeconds = (Date.now() - (storeKills.at(-1) ?? 0)) / 1000;
    await sleep(1_500);
    await work.stop();

    // Assess: a new process, the same endpoint, and writes succeed again
    expect(down.answer.status).toBe(503);
    expect(down.body.checks?.store).toBe('unavailable');
    expect(emulatorPid('dynamodb')).not.toBe(before);
    expect(answers.slice(served).some((answer) => answer.status === 201)).toBe(true);
    expect(answers.at(-1)?.status).toBeLessThan(300);
    expectOnlySuccessOrFastUnavailable();
  }, 90_000);

  it('while the bus is down, writes still commit and the outbox catches up when it returns', async () => {
    // Prepare: everything so far reached the bus, nothing was dead-lettered
    await allPublished();
    expect(await deadLetters()).toBe(0);
    const before = emulatorPid('moto');
    const outboxBefore = (await outboxKeys()).length;

    // Act: kill moto while writers keep going
    const work = writers(3);
    await sleep(500);
    process.kill(before, 'SIGKILL');
    await sleep(300);
    const down = await readiness();
    const busKilled = Date.now() - 300;
    await eventually('moto serving again', async () => (await readiness()).answer.status === 200);
    figures.busBackSeconds = (Date.now() - busKilled) / 1000;
    await sleep(1_500);
    await work.stop();

    // Assess: the store kept committing, and every event written meanwhile reached the bus
    expect(down.body.checks).toEqual({ store: 'ok', bus: 'unavailable' });
    expect(emulatorPid('moto')).not.toBe(before);
    const outboxAfter = (await outboxKeys()).length;
    figures.eventsWhileBusDown = outboxAfter - outboxBefore;
    expect(outboxAfter).toBeGreaterThan(outboxBefore);
    await allPublished();
    expect(await deadLetters()).toBe(0);
    expectOnlySuccessOrFastUnavailable();
  }, 150_000);

  it('no record is half-written: history agrees with every record, every version has its event', async () => {
    // Act
    const items = await tableItems();

    // Assess
    const incidents = items.filter((item) => item.sk === 'record' && item.entity === 'incident');
    const historyOf = new Map<string, number[]>();
    for (const item of items.filter((candidate) => candidate.entity === 'history'))
      historyOf.set(String(item.pk), [...(historyOf.get(String(item.pk)) ?? []), Number(item.version)]);
    const eventVersions = new Set(
      items
        .filter((item) => item.entity === 'outbox')
        .map((item) => JSON.parse(String(item.detail)) as { id?: string; version?: number })
        .map((detail) => `${detail.id}@${detail.version}`),
    );
    expect(incidents.length).toBeGreaterThan(0);
    for (const incident of incidents) {
      const version = Number(incident.version);
      const history = (historyOf.get(String(incident.pk)) ?? []).sort((a, b) => a - b);
      expect(history, `history of ${incident.id}`).toEqual(Array.from({ length: version }, (_, n) => n + 1));
      for (let at = 1; at <= version; at++)
        expect(eventVersions.has(`${incident.id}@${at}`), `event of ${incident.id} v${at}`).toBe(true);
    }
    // No committed answer was lost. DynamoDB Local answers a write a few milliseconds before its
    // file has it, so a kill -9 may lose a write answered around it (measured: 0 and 6 ms); real
    // DynamoDB answers only durable writes. Only those answers are exempt.
    const byId = new Map(incidents.map((incident) => [String(incident.id), Number(incident.version)]));
    const answeredJustBeforeKill = (at: string) =>
      storeKills.some((kill) => Math.abs(kill - Date.parse(at)) < emulatorFlushMs);
    for (const [id, { version, at }] of committed) {
      if (answeredJustBeforeKill(at)) continue;
      expect(
        byId.get(id) ?? 0,
        `${id} answered v${version} at ${at}; faults: ${faultLog.join(', ')}`,
      ).toBeGreaterThanOrEqual(version);
    }
  }, 60_000);
});
