import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations } from '#functions/operations/index.ts';
import { checkResponseContract } from '../support/response-contract.ts';
import {
  hostileStrings,
  type JsonSchema,
  type Mode,
  schemaArbitrary,
  useKnownValues,
} from '../support/schema-arbitrary.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

/**
 * Schema-driven fuzzing of every operation in the served `/openapi.json`: valid and invalid path
 * ids, query values, bodies (from the operation's own JSON Schema, at and past its limits, with
 * hostile strings and wrong types), content types, `If-Match` and `Idempotency-Key` values and
 * roles. Every answer must be a 2xx that matches the declared response schema, or a problem+json
 * 4xx; never a 5xx, never a hang, never HTML.
 */
/** More with `OPSDESK_FUZZ_RUNS=200 npx vitest run test/e2e/openapi-fuzz.test.ts`. */
const runsPerOperation = Number(process.env.OPSDESK_FUZZ_RUNS ?? 12);

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema: JsonSchema;
}
interface DocumentedOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface Document {
  paths: Record<string, Record<string, DocumentedOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

let platform: TestPlatform;
let document: Document;
const tokens = new Map<string, string>();
/** Ids that exist, by the first path segment, so fuzzed changes reach real records. */
const existing = new Map<string, string>();

beforeAll(async () => {
  platform = await startTestPlatform();
  document = (await platform.call('GET', '/openapi.json')).body as Document;
  for (const role of ['requester', 'agent', 'change_manager', 'admin'])
    tokens.set(role, await platform.token(role, `fuzz-${role}`));
  const admin = { role: 'admin', sub: 'fuzz-admin' };
  const ci = await platform.call('POST', '/cis', { ...admin, body: { name: 'fuzz-db', type: 'database' } });
  const app = await platform.call('POST', '/cis', {
    ...admin,
    body: { name: 'fuzz-app', type: 'application' },
  });
  const relationship = await platform.call('POST', '/relationships', {
    ...admin,
    body: { fromId: app.body.id, toId: ci.body.id, type: 'depends_on' },
  });
  const incident = await platform.call('POST', '/incidents', {
    ...admin,
    body: { title: 'fuzz target', impact: 2, urgency: 2 },
  });
  const problem = await platform.call('POST', '/problems', { ...admin, body: { title: 'fuzz problem' } });
  const change = await platform.call('POST', '/changes', {
    ...admin,
    body: {
      title: 'fuzz change',
      type: 'normal',
      ciIds: [ci.body.id],
      plannedStart: '2030-01-01T10:00:00.000Z',
      plannedEnd: '2030-01-01T11:00:00.000Z',
    },
  });
  const request = await platform.call('POST', '/requests', { ...admin, body: { item: 'laptop' } });
  await platform.call('PUT', '/calendars/fuzz-hours', {
    ...admin,
    body: { timezone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']] } },
  });
  await platform.call('PUT', '/sla-policies/fuzz-policy', {
    ...admin,
    body: { recordType: 'incident', metric: 'response', targetSeconds: 3600 },
  });
  for (const [segment, id] of [
    ['cis', ci.body.id],
    ['relationships', relationship.body.id],
    ['incidents', incident.body.id],
    ['problems', problem.body.id],
    ['changes', change.body.id],
    ['requests', request.body.id],
    ['calendars', 'fuzz-hours'],
    ['sla-policies', 'fuzz-policy'],
  ] as const)
    existing.set(segment, String(id));
  const ciIds = fc.constantFrom(String(ci.body.id), String(app.body.id));
  useKnownValues({
    ciId: ciIds,
    serviceId: ciIds,
    fromId: ciIds,
    toId: ciIds,
    ciIds: fc.array(ciIds, { minLength: 1, maxLength: 2 }),
    parentId: fc.constant(String(incident.body.id)),
    incidentId: fc.constant(String(incident.body.id)),
    incidentIds: fc.constant([String(incident.body.id)]),
    calendarId: fc.constant('fuzz-hours'),
    timezone: fc.constantFrom('Europe/Berlin', 'UTC', 'America/New_York'),
  });
});
afterAll(async () => {
  await platform?.stop();
});

/** Percent-encodes what `encodeURIComponent` refuses (a lone surrogate) byte by byte. */
const encodeSegment = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
};

/**
 * Half the requests are what a careful client sends (existing ids, values the schemas accept,
 * JSON, a token with the right role), so they reach the domain and the store; half are hostile in
 * every part (unknown and hostile ids, values past the limits, wrong types, bad headers, roles).
 */
const requestArbitrary = (method: string, path: string, role: string) => {
  const documented = document.paths[path]?.[method.toLowerCase()] ?? {};
  const parameters = documented.parameters ?? [];
  const components = document.components.schemas;
  const segment = path.split('/')[1] ?? '';
  const existingId = fc.constant(existing.get(segment) ?? 'missing');
  const bodySchema = documented.requestBody?.content['application/json']?.schema;
  const pathOf = (value: fc.Arbitrary<string>) =>
    fc.record(
      Object.fromEntries(
        parameters.filter((parameter) => parameter.in === 'path').map((parameter) => [parameter.name, value]),
      ),
    );
  const queryOf = (mode: Mode) =>
    fc.record(
      Object.fromEntries(
        parameters
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => [
            parameter.name,
            fc.option(schemaArbitrary(parameter.schema, components, 0, mode), { nil: undefined, freq: 2 }),
          ]),
      ),
    );
  const careful = fc.record({
    path: pathOf(existingId),
    query: queryOf('valid'),
    body: bodySchema
      ? schemaArbitrary(bodySchema, components, 0, 'valid').map((value) => JSON.stringify(value))
      : fc.constant(undefined),
    contentType: fc.constant('application/json'),
    ifMatch: fc.constant(undefined),
    idempotencyKey: fc.option(fc.uuid(), { nil: undefined }),
    role: fc.constantFrom(role === 'public' ? undefined : role, 'admin'),
  });
  const hostile = fc.record({
    path: pathOf(fc.oneof(existingId, fc.uuid(), fc.constantFrom(...hostileStrings))),
    query: queryOf('any'),
    body: bodySchema
      ? fc.oneof(
          {
            weight: 6,
            arbitrary: schemaArbitrary(bodySchema, components, 0, 'any').map((value) =>
              JSON.stringify(value),
            ),
          },
          { weight: 1, arbitrary: fc.constantFrom('{', 'null', '[]', '"text"', '{"a":', '\u0000') },
          { weight: 1, arbitrary: fc.constant(undefined) },
        )
      : fc.option(fc.json(), { nil: undefined }),
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/merge-patch+json', undefined),
    ifMatch: fc.constantFrom(undefined, '"1"', '*', 'W/"2"', '"99999999999999"', 'garbage', '\u00e9'),
    idempotencyKey: fc.constantFrom(undefined, 'fuzz-key', ' ', 'k'.repeat(300), '\u00e9'),
    role: fc.constantFrom('admin', 'agent', 'change_manager', 'requester', undefined, 'forged'),
  });
  return fc.oneof(careful, hostile);
};

describe('schema-driven fuzzing over /openapi.json', () => {
  it.each(
    apiOperations.map(
      (operation) => [operation.operationId, operation.method, operation.path, operation.role] as const,
    ),
  )(
    '%s (%s %s) answers 2xx to its schema or problem+json 4xx, never a 5xx',
    async (_operationId, method, path, role) => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(method, path, role), async (request) => {
          // Prepare
          const url = new URL(
            `${platform.url}${path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeSegment(String(request.path[name] ?? '')))}`,
          );
          for (const [name, value] of Object.entries(request.query))
            if (value !== undefined)
              url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
          const headers: Record<string, string> = {};
          if (request.role === 'forged') headers.authorization = 'Bearer eyJhbGciOiJub25lIn0.e30.';
          else if (request.role) headers.authorization = `Bearer ${tokens.get(request.role)}`;
          if (request.contentType) headers['content-type'] = request.contentType;
          if (request.ifMatch) headers['if-match'] = request.ifMatch;
          if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
          const sendsBody = method !== 'GET' && method !== 'DELETE' && request.body !== undefined;

          // Act
          const response = await fetch(url, {
            method,
            headers,
            body: sendsBody ? request.body : undefined,
            signal: AbortSignal.timeout(10_000),
          });
          const text = await response.text();

          // Assess
          if (process.env.OPSDESK_FUZZ_STATS) console.log(`FUZZSTAT ${method} ${path} ${response.status}`);
          const where = `${method} ${url.pathname}${url.search} -> ${response.status}: ${text.slice(0, 300)}`;
          expect(response.status, where).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
            expect(JSON.parse(text).status, where).toBe(response.status);
          }
          checkResponseContract(
            method,
            `${url.pathname}${url.search}`,
            response.status,
            text ? JSON.parse(text) : undefined,
          );
        }),
        { numRuns: runsPerOperation },
      );
    },
  );
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
    },
  );
});
