import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations } from '#functions/contracts/index.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import {
  documentedOperations,
  documentedWith,
  type ServedDocument,
  weightOf,
} from '../support/fuzz-document.ts';
import { type Answer, described, FuzzClient } from '../support/fuzz-exchange.ts';
import {
  type DocumentedOperation,
  type FuzzRequest,
  plainRequest,
  requestArbitrary,
} from '../support/fuzz-request.ts';
import { seedFuzzTargets } from '../support/fuzz-seed.ts';
import { StoreProof } from '../support/fuzz-store-proof.ts';
import { FuzzTargets } from '../support/fuzz-targets.ts';
import { hostileLimits } from '../support/fuzz-values.ts';
import { hostileStrings, type JsonSchema, schemaArbitrary } from '../support/schema-arbitrary.ts';
import { snapshotTable } from '../support/store-snapshot.ts';
import { TableWrites } from '../support/store-snapshot-stream.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

/**
 * Schema-driven fuzzing of every operation in the served `/openapi.json`: valid and invalid path
 * ids, query values, cursors and limits, bodies (from the operation's own JSON Schema, at and
 * past its limits, with hostile strings, unicode and wrong types), content types, `If-Match`,
 * `Idempotency-Key` and roles. Every answer must be a 2xx that matches the declared response
 * schema, or a problem+json 4xx; never a 5xx, never a hang (10 s), never HTML.
 *
 * A refused request changes nothing, and a read changes nothing. The platform runs with its
 * background work off, so only requests write, and DynamoDB Local puts every write on the table's
 * stream before it returns: after each change request (sent one at a time) the stream must hold
 * no new record if it was refused, and after each operation's reads (sent a few at once) none at
 * all. Full Scans check the stream: around every `OPSDESK_FUZZ_SCAN_EVERY`th hostile change
 * request the table must be equal before and after a refusal, and after each change operation
 * the table must be exactly what the stream's records rebuild.
 *
 * The default run sends at least 10,000 requests (the last test counts them). Fewer, for a quick
 * look: `OPSDESK_FUZZ_RUNS=2 OPSDESK_FUZZ_MIN_REQUESTS=0 npx vitest run test/e2e/openapi-fuzz.test.ts`.
 * A failure names its seed; `OPSDESK_FUZZ_SEED=<seed>` draws the same requests again.
 */
const runsPerWeight = Number(process.env.OPSDESK_FUZZ_RUNS ?? 42);
const minimumRequests = Number(process.env.OPSDESK_FUZZ_MIN_REQUESTS ?? 10_000);
const readConcurrency = Number(process.env.OPSDESK_FUZZ_CONCURRENCY ?? 6);
const scanEvery = Number(process.env.OPSDESK_FUZZ_SCAN_EVERY ?? 100);
const seed = Number(process.env.OPSDESK_FUZZ_SEED ?? Date.now() % 2 ** 31);

let platform: TestPlatform;
let components: Record<string, JsonSchema>;
let operations: Map<string, DocumentedOperation>;
let writes: TableWrites;
let client: FuzzClient;
let proof: StoreProof;
const targets = new FuzzTargets();
const served = (operationId: string) => operations.get(operationId) as DocumentedOperation;

beforeAll(async () => {
  platform = await startTestPlatform();
  const document = (await platform.call('GET', '/openapi.json')).body as ServedDocument;
  components = document.components.schemas;
  operations = documentedOperations(document);
  const tokens = new Map<string, string>();
  for (const role of ['requester', 'agent', 'change_manager', 'admin'])
    tokens.set(role, await platform.token(role, `fuzz-${role}`));
  await seedFuzzTargets(platform, targets);
  client = new FuzzClient(platform.url, tokens, targets);
  const dynamo = new DynamoDBClient(clientConfig(platform.dynamoEndpoint));
  writes = await TableWrites.open(
    dynamo,
    new DynamoDBStreamsClient(clientConfig(platform.dynamoEndpoint)),
    platform.tableName,
  );
  proof = new StoreProof(client, writes, () => snapshotTable(dynamo, platform.tableName), readConcurrency);
  await proof.checkMirror('the stream rebuilds the seeded table');
  // Every list issues a cursor (limit 1) before the fuzzing starts, so forged and foreign ones abound.
  for (const { operationId } of documentedWith('cursor'))
    await proof.sendAlone(served(operationId), plainRequest(served(operationId), { query: { limit: '1' } }));
});
afterAll(async () => {
  await platform?.stop();
});

const withSeed = async (work: () => Promise<void>) => {
  try {
    await work();
  } catch (error) {
    if (error instanceof Error) error.message += ` (draw again with OPSDESK_FUZZ_SEED=${seed})`;
    throw error;
  }
};

let hostileChanges = 0;

describe('schema-driven fuzzing over /openapi.json', () => {
  it.each(apiOperations.map((operation, index) => [operation.operationId, index] as const))(
    '%s answers 2xx to its schema or problem+json 4xx, and a refusal changes nothing',
    async (operationId, index) =>
      withSeed(async () => {
        // Prepare
        const operation = served(operationId);
        const requests = fc.sample(requestArbitrary(operation, components, targets), {
          numRuns: runsPerWeight * weightOf(operation),
          seed: seed + index,
        });
        await proof.settleLeftovers();

        // Act and Assess
        if (operation.method === 'GET') await proof.sendReads(operation, requests);
        else {
          for (const request of requests)
            await proof.sendAlone(operation, request, request.hostile && ++hostileChanges % scanEvery === 0);
          await proof.checkMirror(`the stream missed writes of ${operationId}`);
        }
      }),
    120_000,
  );
});

const validBodies = (operation: DocumentedOperation, count: number, drawSeed = seed) =>
  fc
    .sample(schemaArbitrary(operation.bodySchema ?? {}, components, 0, 'valid'), {
      numRuns: count,
      seed: drawSeed,
    })
    .map((value) => JSON.stringify(value));

describe('lists, under hostile limits and cursors', () => {
  it.each(documentedWith('limit').map((operation) => [operation.operationId] as const))(
    '%s refuses a limit out of range and a forged cursor with 400, and writes nothing',
    async (operationId) =>
      withSeed(async () => {
        // Prepare
        const operation = served(operationId);
        const limit = operation.parameters.find((parameter) => parameter.name === 'limit');
        const maximum = limit?.schema.maximum ?? 200;
        const outOfRange = ['0', '-1', '-0', String(maximum + 1), '1000000000', '1.5', 'abc', 'NaN', ''];
        const forged = [
          ...hostileStrings.filter((value) => value !== ''),
          ...['{}', '[]', 'null', '{"pk":"x"}', '{"__proto__":{"polluted":"yes"}}'].map((payload) =>
            Buffer.from(payload).toString('base64url'),
          ),
        ];
        const asAdmin = (query: FuzzRequest['query']) => plainRequest(operation, { query, role: 'admin' });

        // Act and Assess
        for (const value of new Set([...outOfRange, ...hostileLimits])) {
          const { answer } = await proof.sendAlone(operation, asAdmin({ limit: value }));
          if (outOfRange.includes(value)) expect(answer.status, `limit=${value}`).toBe(400);
        }
        for (const cursor of forged) {
          const { answer } = await proof.sendAlone(operation, asAdmin({ cursor }));
          expect(answer.status, `cursor=${cursor.slice(0, 40)}`).toBe(400);
        }
        // Every list's cursors, this one's among them: 2xx or 400, never a 5xx (held by sendAlone).
        for (const cursor of targets.allCursors()) await proof.sendAlone(operation, asAdmin({ cursor }));
      }),
    120_000,
  );
});

describe('creates, under a reused Idempotency-Key', () => {
  it.each(documentedWith('Idempotency-Key').map((operation) => [operation.operationId] as const))(
    '%s replays the same body and refuses another with 409, writing nothing either time',
    async (operationId) =>
      withSeed(async () => {
        // Prepare: two careful bodies that create, the first under the key
        const operation = served(operationId);
        const key = `fuzz-${operationId}-${seed}`;
        const create = (body: string, value: string) =>
          proof.sendAlone(
            operation,
            plainRequest(operation, { body, role: 'admin', idempotencyKey: { kind: 'literal', value } }),
          );
        // Careful bodies still miss: by then the fuzzing has retired CIs and related many pairs, so
        // a relationship's pair may be taken. Draws of 40 go on until two create, five at most.
        const created: { body: string; answer: Answer }[] = [];
        for (let draw = 0; draw < 5 && created.length < 2; draw++)
          for (const body of validBodies(operation, 40, seed + draw)) {
            if (created.length === 2) break;
            const { answer } = await create(body, created.length === 0 ? key : `${key}-other`);
            if (answer.status < 300) created.push({ body, answer });
          }
        const [first, second] = created;
        if (!first || !second) throw new Error(`200 careful bodies did not create twice with ${operationId}`);

        // Act
        const replay = await create(first.body, key);
        const reused = await create(second.body, key);

        // Assess
        expect(replay.answer.status, described(replay.sent, replay.answer)).toBe(first.answer.status);
        expect((replay.answer.body as { id: string }).id).toBe((first.answer.body as { id: string }).id);
        expect(reused.answer.status, described(reused.sent, reused.answer)).toBe(409);
        expect(replay.taken, `a replay wrote: ${described(replay.sent, replay.answer)}`).toEqual([]);
      }),
  );
});

describe('changes, under stale, current and malformed If-Match', () => {
  it.each(
    documentedWith('If-Match')
      .filter((operation) => operation.method !== 'GET')
      .map((operation) => [operation.operationId] as const),
  )('%s applies only at the current version (412 when stale, 400 when malformed)', async (operationId) =>
    withSeed(async () => {
      // Prepare
      const operation = served(operationId);
      const body = operation.bodySchema ? validBodies(operation, 1)[0] : undefined;
      const request = (ifMatch: FuzzRequest['ifMatch']) =>
        plainRequest(operation, { body, ifMatch, role: 'admin' });

      // Act
      const stale = await proof.sendAlone(operation, request({ kind: 'stale' }));
      const malformed = await proof.sendAlone(operation, request({ kind: 'literal', value: '"3' }));
      const collection = operation.path.split('/')[1] ?? '';
      const record = `/${collection}/${targets.idFor(collection, 0, operation.method === 'DELETE')}`;
      const { headers } = await platform.call('GET', record, { role: 'admin' });
      const current = await proof.sendAlone(
        operation,
        request({ kind: 'literal', value: headers.get('etag') ?? '"1"' }),
      );

      // Assess
      expect(stale.sent.staleIfMatch, described(stale.sent)).toBe(true);
      expect([412, 422], described(stale.sent, stale.answer)).toContain(stale.answer.status);
      expect([400, 422], described(malformed.sent, malformed.answer)).toContain(malformed.answer.status);
      expect(current.answer.status, described(current.sent, current.answer)).not.toBe(412);
    }),
  );
});

describe('what the fuzzing found, kept fixed', () => {
  const admin = { role: 'admin', sub: 'fuzz-admin' };
  const create = async (path: string, body: unknown) =>
    (await platform.call('POST', path, { ...admin, body })).body;
  const move = (path: string, body: unknown) => platform.call('PATCH', path, { ...admin, body });
  afterAll(async () => {
    // These change the store on purpose; the stream takes their writes into the mirror.
    await writes.take();
  });

  it('resolving a parent resolves its child on the same CI (was a 500: one item twice in a transaction)', async () => {
    // Prepare
    const ci = await create('/cis', { name: 'shared-db', type: 'database' });
    const parent = await create('/incidents', { title: 'parent', impact: 2, urgency: 2, ciId: ci.id });
    const child = await create('/incidents', {
      title: 'child',
      impact: 2,
      urgency: 2,
      ciId: ci.id,
      parentId: parent.id,
    });
    await move(`/incidents/${parent.id}`, { state: 'in_progress' });

    // Act
    const resolved = await move(`/incidents/${parent.id}`, {
      state: 'resolved',
      resolutionCode: 'fixed',
      resolutionNotes: 'done',
    });

    // Assess
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect((await platform.call('GET', `/incidents/${child.id}`, admin)).body.state).toBe('resolved');
    expect((await platform.call('GET', `/cis/${ci.id}`, admin)).body.openIncidents).toEqual({});
  });

  it('resolving a problem resolves two waiting incidents on one CI (was a 500)', async () => {
    // Prepare
    const ci = await create('/cis', { name: 'shared-queue', type: 'queue' });
    const problem = await create('/problems', { title: 'queue stalls' });
    const waiting = [];
    for (const title of ['first', 'second']) {
      const incident = await create('/incidents', { title, impact: 3, urgency: 3, ciId: ci.id });
      await move(`/incidents/${incident.id}`, { state: 'in_progress' });
      await move(`/incidents/${incident.id}`, { state: 'on_hold', holdReason: 'awaiting_problem' });
      await platform.call('POST', `/problems/${problem.id}/incidents`, {
        ...admin,
        body: { incidentId: incident.id },
      });
      waiting.push(incident.id);
    }
    for (const state of ['assess', 'root_cause_analysis', 'fix_in_progress'])
      await move(`/problems/${problem.id}`, { state });

    // Act
    const resolved = await move(`/problems/${problem.id}`, { state: 'resolved', rootCause: 'a full disk' });

    // Assess
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    for (const id of waiting)
      expect((await platform.call('GET', `/incidents/${id}`, admin)).body.state).toBe('resolved');
  });

  it('a cursor from outside the asked range is a 400 (was a 500: DynamoDB refused the start key)', async () => {
    // Prepare: a cursor of the whole calendar, then a window it is not in
    const first = await platform.call('GET', '/changes?limit=1', admin);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    // Act
    const before = await platform.call(
      'GET',
      `/changes?to=2020-01-01T00:00:00.000Z&cursor=${first.body.nextCursor}`,
      admin,
    );
    const after = await platform.call(
      'GET',
      `/changes?from=2099-01-01T00:00:00.000Z&cursor=${first.body.nextCursor}`,
      admin,
    );

    // Assess
    expect(before.status).toBe(400);
    expect(after.status).toBe(400);
  });

  it('a problem create replays under its key though it linked its incidents (was a 409)', async () => {
    // Prepare
    const incident = await create('/incidents', {
      title: 'linked by the first request',
      impact: 3,
      urgency: 3,
    });
    const request = {
      ...admin,
      body: { title: 'replayed', incidentIds: [incident.id] },
      headers: { 'idempotency-key': `replayed-problem-${seed}` },
    };
    const first = await platform.call('POST', '/problems', request);

    // Act
    const again = await platform.call('POST', '/problems', request);

    // Assess
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
  });
});

describe('ids that name members of Object.prototype', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    '%s is an unknown calendar or policy',
    async (id) => {
      // Act
      const calendar = await platform.call('GET', `/calendars/${id}`, { role: 'agent' });
      const policy = await platform.call('GET', `/sla-policies/${id}`, { role: 'agent' });
      const usingIt = await platform.call('PUT', '/sla-policies/uses-odd-calendar', {
        role: 'admin',
        body: { recordType: 'incident', metric: 'response', targetSeconds: 60, calendarId: id },
      });

      // Assess
      expect(calendar.status).toBe(404);
      expect(policy.status).toBe(404);
      expect(usingIt.status).toBe(422);
      await proof.noWrites(`refusals wrote (${id})`);
    },
  );
});

describe('the whole run', () => {
  it(`sent at least ${minimumRequests} requests, and the table is what its stream says`, async () => {
    // Act
    await proof.checkMirror('the stream missed writes');

    // Assess
    const statuses = Object.fromEntries([...client.counts.byStatus].sort(([a], [b]) => a - b));
    console.log(
      [
        `openapi-fuzz: ${client.counts.requests} requests (and ${client.counts.helperRequests} version reads), seed ${seed}`,
        `statuses ${JSON.stringify(statuses)}`,
        `proven unchanged: ${JSON.stringify(proof.counts)}`,
        `refused creates that took a number: ${proof.numbersTaken.length}`,
        `statuses the document does not declare: ${[...client.undeclared].join(', ') || 'none'}`,
        `ms: ${JSON.stringify(proof.timing, (_key, value) => (typeof value === 'number' ? Math.round(value) : value))}`,
        ...proof.numbersTaken.slice(0, 5).map((where) => `took a number: ${where}`),
      ].join('\n  '),
    );
    expect(client.counts.requests).toBeGreaterThanOrEqual(minimumRequests);
    // Every status answered is one the document declares for its operation
    expect([...client.undeclared]).toEqual([]);
  });
});
