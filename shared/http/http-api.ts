import middy from '@middy/core';
import { notFound } from '#domain/errors.ts';
import { hasRole } from '#domain/record/record.ts';
import { publicJson } from '#schemas/public-representation.ts';
import { fieldErrors, parseWith } from '#schemas/validation.ts';
import type { ApiEvent, ApiResult } from './api-types.ts';
import { actorOf } from './middleware/bearer-roles.ts';
import {
  correlatedRequestLogging,
  correlationIdOf,
  requestLogKeys,
} from './middleware/correlated-request-logging.ts';
import { withInvocationLogKeys } from './middleware/invocation-log-keys.ts';
import { parseJsonBody } from './middleware/json-request-body.ts';
import { problemJsonErrors } from './middleware/problem-json-errors.ts';
import { type Operation, type OperationInput, type OperationResult, routeKeyOf } from './operation.ts';
import { idempotencyOf, ifMatchVersion } from './preconditions.ts';
import { HttpProblem } from './problem.ts';

/** The form of every id the API issues; anything else is simply unknown (404). */
const idPattern = /^[A-Za-z0-9_-]{1,128}$/;

const lowerCaseHeaders = (headers: Record<string, string | undefined> | undefined) =>
  Object.fromEntries(
    Object.entries(headers ?? {}).flatMap(([name, value]) =>
      value === undefined ? [] : [[name.toLowerCase(), value]],
    ),
  );

const toResult = (operation: Operation<unknown>, result: OperationResult): ApiResult => {
  const hasBody = result.body !== undefined;
  return {
    statusCode: result.status ?? operation.response.status,
    headers: {
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...(result.version !== undefined ? { etag: `"${result.version}"` } : {}),
      ...result.headers,
    },
    body: hasBody ? publicJson(result.body) : '',
  };
};

/** The `{name}` parameters of each operation's path, read once (this runs on every request). */
const parameterNames = new WeakMap<Operation<unknown>, string[]>();
const parameterNamesOf = (operation: Operation<unknown>) => {
  let names = parameterNames.get(operation);
  if (!names) {
    names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
    parameterNames.set(operation, names);
  }
  return names;
};

const paramsOf = (operation: Operation<unknown>, event: ApiEvent) => {
  const given = (event.pathParameters ?? {}) as Record<string, string | undefined>;
  const names = parameterNamesOf(operation);
  return Object.fromEntries(
    names.map((name) => {
      const value = given[name];
      if (!value || !idPattern.test(value))
        throw notFound(`No ${operation.resource ?? 'record'} with that id`);
      return [name, value];
    }),
  );
};

const queryOf = (operation: Operation<unknown>, event: ApiEvent) => {
  if (!operation.query) return undefined;
  const result = operation.query.safeParse(event.queryStringParameters ?? {});
  if (!result.success) throw new HttpProblem(400, 'The query is not valid', fieldErrors(result.error.issues));
  return result.data;
};

/**
 * Everything the contract declares, checked before the handler runs: role, path ids, query,
 * body, `If-Match` on versioned changes and `Idempotency-Key` on idempotent creates.
 */
const inputOf = (operation: Operation<unknown>, event: ApiEvent): OperationInput => {
  const headers = lowerCaseHeaders(event.headers);
  const actor = operation.role === 'public' ? { sub: 'anonymous', roles: [] } : actorOf(event);
  if (operation.role !== 'public' && !hasRole(actor, operation.role))
    throw new HttpProblem(403, `This needs the ${operation.role} role`);
  const params = paramsOf(operation, event);
  const query = queryOf(operation, event);
  const { parsed, raw } = parseJsonBody(operation.method, headers, event.body, event.isBase64Encoded);
  if (operation.body && parsed === undefined) throw new HttpProblem(400, 'A JSON request body is required');
  const body = operation.body ? parseWith(operation.body, parsed) : undefined;
  const changes = operation.method !== 'GET';
  return {
    actor,
    params,
    query,
    body,
    ifMatch: operation.versioned && changes ? ifMatchVersion(headers) : undefined,
    idempotency: operation.idempotent
      ? idempotencyOf({ routeKey: event.routeKey, actor, pathParameters: params, rawBody: raw, headers })
      : undefined,
    headers,
    correlationId: correlationIdOf(event),
  };
};

/**
 * The Lambda handler of a function's operations: finds the operation by API Gateway's route key,
 * validates its declared input, calls it with the function's dependencies, and maps every error
 * to problem+json. Two operations on one route key fail at cold start.
 * @example export const handler = httpApi(incidentOperations, incidentDependencies());
 */
export const httpApi = <Deps>(operations: readonly Operation<Deps>[], deps: Deps) => {
  const byRouteKey = new Map<string, Operation<Deps>>();
  for (const operation of operations) {
    const routeKey = routeKeyOf(operation);
    if (byRouteKey.has(routeKey)) throw new Error(`Two operations serve ${routeKey}`);
    byRouteKey.set(routeKey, operation);
  }
  return withInvocationLogKeys(
    requestLogKeys,
    middy<ApiEvent, ApiResult>()
      .use(correlatedRequestLogging())
      .use(problemJsonErrors())
      .handler(async function serveApiOperation(event) {
        const operation = byRouteKey.get(event.routeKey);
        if (!operation) throw new HttpProblem(404, 'No such route');
        const result = await operation.handle(inputOf(operation as Operation<unknown>, event), deps);
        return toResult(operation as Operation<unknown>, result);
      }),
  );
};
