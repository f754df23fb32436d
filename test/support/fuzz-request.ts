import fc from 'fast-check';
import type { FuzzTargets } from './fuzz-targets.ts';
import {
  cursorArbitrary,
  hostileBodies,
  hostileContentTypes,
  hostileLimits,
  hostileRoles,
  type IdempotencyKeyValue,
  type IfMatchValue,
  idempotencyKeyArbitrary,
  ifMatchArbitrary,
} from './fuzz-values.ts';
import { hostileStrings, type JsonSchema, schemaArbitrary } from './schema-arbitrary.ts';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema: JsonSchema;
}

/** One operation as the served `/openapi.json` documents it. */
export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  role: string;
  parameters: Parameter[];
  bodySchema: JsonSchema | undefined;
  /** Declared statuses (2xx and problem+json 4xx). */
  statuses: Set<number>;
}

/** A path id: the `pick`th that exists (resolved when sent, as ids are learnt) or a literal. */
export type PathValue = { existing: number } | { literal: string };

/** A query value, or the `pick`th cursor the list at the request's own URL issued (resolved when sent). */
export type QueryValue = string | { issued: number };

/** A request in the abstract: the parts that depend on what exists are resolved when it is sent. */
export interface FuzzRequest {
  hostile: boolean;
  path: Record<string, PathValue>;
  query: Record<string, QueryValue | undefined>;
  /** A query parameter the operation does not take. */
  extraQuery: [string, string] | undefined;
  body: string | undefined;
  contentType: string | undefined;
  ifMatch: IfMatchValue | undefined;
  idempotencyKey: IdempotencyKeyValue | undefined;
  role: string | undefined;
}

/** What names the ids a path parameter takes: metric keys have their own, others their collection. */
export const segmentOf = (path: string, parameter: string) =>
  parameter === 'key' ? 'metric-keys' : (path.split('/')[1] ?? '');

const asQueryValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

const hostileParts = [
  'path',
  'query',
  'extraQuery',
  'body',
  'contentType',
  'ifMatch',
  'idempotencyKey',
  'role',
] as const;

/**
 * Requests for one operation. Half are what a careful client sends (ids that exist, values the
 * schemas accept, cursors the list issued, the version just read, fresh or reused keys, JSON, a
 * token with the right role), so they reach the domain and the store. Half start from such a
 * request and make one to three parts hostile (or, one time in six, every part): unknown and
 * hostile ids, values past the limits and of the wrong type, forged and tampered cursors, bad
 * limits, stale and malformed `If-Match`, reused and malformed `Idempotency-Key`, broken or oversize
 * bodies, wrong media types, wrong roles and no token of ours.
 * @example fc.sample(requestArbitrary(operation, components, targets), 100)
 */
export const requestArbitrary = (
  operation: DocumentedOperation,
  components: Record<string, JsonSchema>,
  targets: FuzzTargets,
): fc.Arbitrary<FuzzRequest> => {
  const { parameters, bodySchema, method } = operation;
  const inPath = parameters.filter((parameter) => parameter.in === 'path');
  const inQuery = parameters.filter((parameter) => parameter.in === 'query');
  const versioned = parameters.some((parameter) => parameter.name === 'If-Match') && method !== 'GET';
  const idempotent = parameters.some((parameter) => parameter.name === 'Idempotency-Key');
  const issued = () => targets.allCursors();

  const carefulPath = fc.record(
    Object.fromEntries(
      inPath.map((parameter) => {
        const existing = fc.nat().map((pick): PathValue => ({ existing: pick }));
        // A PUT may name a new id, as a client creating a calendar or a binding does: a few, so
        // the platform does not gather hundreds of policies every later create must evaluate.
        const pattern = new RegExp(parameter.schema.pattern ?? '^$');
        const fresh = ['fuzz-new-1', 'fuzz-new-2', 'fuzz-new-3'].filter((value) => pattern.test(value));
        const named =
          fresh.length > 0 ? fc.constantFrom(...fresh).map((literal): PathValue => ({ literal })) : existing;
        return [parameter.name, method === 'PUT' ? fc.oneof(existing, named) : existing];
      }),
    ),
  );
  const carefulQuery = fc.record(
    Object.fromEntries(
      inQuery.map((parameter) => {
        const value: fc.Arbitrary<QueryValue> =
          parameter.name === 'limit'
            ? fc.oneof(fc.constantFrom('1', '2', '200'), fc.integer({ min: 1, max: 200 }).map(String))
            : parameter.name === 'cursor'
              ? fc.nat().map((pick): QueryValue => ({ issued: pick }))
              : schemaArbitrary(parameter.schema, components, 0, 'valid').map(asQueryValue);
        return [parameter.name, fc.option(value, { nil: undefined, freq: 2 })];
      }),
    ),
  );
  const careful: fc.Arbitrary<FuzzRequest> = fc.record({
    hostile: fc.constant(false),
    path: carefulPath,
    query: carefulQuery,
    extraQuery: fc.constant(undefined),
    body: bodySchema
      ? schemaArbitrary(bodySchema, components, 0, 'valid').map((value) => JSON.stringify(value))
      : fc.constant(undefined),
    contentType: fc.constant('application/json'),
    ifMatch: versioned
      ? fc.option(fc.constant({ kind: 'current' } as const), { nil: undefined, freq: 2 })
      : fc.constant(undefined),
    idempotencyKey: idempotent
      ? fc.option(idempotencyKeyArbitrary(false), { nil: undefined, freq: 2 })
      : fc.constant(undefined),
    role: fc.constantFrom(operation.role === 'public' ? undefined : operation.role, 'admin'),
  });

  const hostile = fc.record({
    path: fc.record(
      Object.fromEntries(
        inPath.map((parameter) => [
          parameter.name,
          fc.oneof(
            fc.nat().map((pick): PathValue => ({ existing: pick })),
            fc
              .oneof(
                fc.uuid(),
                fc.constantFrom(...hostileStrings),
                fc.constantFrom('a'.repeat(128), 'a'.repeat(129), 'UPPER-case_9', 'missing'),
              )
              .map((literal): PathValue => ({ literal })),
          ),
        ]),
      ),
    ),
    query: fc.record(
      Object.fromEntries(
        inQuery.map((parameter) => {
          const value: fc.Arbitrary<QueryValue> =
            parameter.name === 'limit'
              ? fc.oneof(
                  fc.constantFrom(...hostileLimits),
                  schemaArbitrary(parameter.schema, components, 0, 'any').map(asQueryValue),
                )
              : parameter.name === 'cursor'
                ? cursorArbitrary(issued)
                : schemaArbitrary(parameter.schema, components, 0, 'any').map(asQueryValue);
          return [parameter.name, fc.option(value, { nil: undefined, freq: 3 })];
        }),
      ),
    ),
    extraQuery: fc.tuple(
      fc.constantFrom('unknown', '__proto__', 'constructor', 'limit[]', 'cursor', 'limit'),
      fc.constantFrom('1', '', 'x'.repeat(300), '0'),
    ),
    body: bodySchema
      ? fc.oneof(
          {
            weight: 6,
            arbitrary: schemaArbitrary(bodySchema, components, 0, 'any').map((value) =>
              JSON.stringify(value),
            ),
          },
          { weight: 2, arbitrary: fc.constantFrom(...hostileBodies) },
          { weight: 1, arbitrary: fc.constant(undefined) },
        )
      : fc.option(fc.oneof(fc.json(), fc.constantFrom(...hostileBodies)), { nil: undefined }),
    contentType: fc.constantFrom(...hostileContentTypes, undefined),
    ifMatch: ifMatchArbitrary,
    idempotencyKey: idempotencyKeyArbitrary(true),
    role: fc.constantFrom(...hostileRoles),
  });
  const spoilt = fc
    .tuple(
      careful,
      hostile,
      fc.oneof(
        { weight: 5, arbitrary: fc.subarray([...hostileParts], { minLength: 1, maxLength: 3 }) },
        { weight: 1, arbitrary: fc.constant([...hostileParts]) },
      ),
    )
    .map(([base, bad, parts]): FuzzRequest => {
      const request: FuzzRequest = { ...base, hostile: true };
      for (const part of parts) Object.assign(request, { [part]: bad[part] });
      return request;
    });
  return fc.oneof(careful, spoilt);
};

/**
 * A careful request with nothing drawn: the first existing id for each path parameter, the
 * operation's own role (admin for a public one needs none), JSON; `parts` override.
 * @example plainRequest(listIncidents, { query: { limit: '0' }, role: 'admin' })
 */
export const plainRequest = (operation: DocumentedOperation, parts: Partial<FuzzRequest>): FuzzRequest => ({
  hostile: false,
  path: Object.fromEntries(
    operation.parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => [parameter.name, { existing: 0 }]),
  ),
  query: {},
  extraQuery: undefined,
  body: undefined,
  contentType: 'application/json',
  ifMatch: undefined,
  idempotencyKey: undefined,
  role: operation.role === 'public' ? undefined : operation.role,
  ...parts,
});
