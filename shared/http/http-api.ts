import middy from '@middy/core';
import { hasRole } from '#domain/record/record.ts';
import { publicJson } from '#schemas/public-representation.ts';
import type { ApiEvent, ApiRequest, ApiResponse, ApiResult, RouteTable } from './api-types.ts';
import { actorOf } from './middleware/bearer-roles.ts';
import { correlatedRequestLogging, correlationIdOf } from './middleware/correlated-request-logging.ts';
import { parseJsonBody } from './middleware/json-request-body.ts';
import { problemJsonErrors } from './middleware/problem-json-errors.ts';
import { HttpProblem } from './problem.ts';

const lowerCaseHeaders = (headers: Record<string, string | undefined> | undefined) =>
  Object.fromEntries(
    Object.entries(headers ?? {}).flatMap(([name, value]) =>
      value === undefined ? [] : [[name.toLowerCase(), value]],
    ),
  );

const toResult = (response: ApiResponse): ApiResult => {
  const hasBody = response.body !== undefined;
  return {
    statusCode: response.status,
    headers: {
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...(response.version !== undefined ? { etag: `"${response.version}"` } : {}),
      ...response.headers,
    },
    body: hasBody ? publicJson(response.body) : '',
  };
};

/**
 * A Lambda handler for API Gateway HTTP API routes: authenticates, checks the route's role,
 * parses the JSON body, calls the route, and maps every error to problem+json.
 * @example export const handler = httpApi({ 'GET /health': { role: 'public', handle: async () => ({ status: 200, body: { status: 'ok' } }) } });
 */
export const httpApi = (routes: RouteTable) =>
  middy<ApiEvent, ApiResult>()
    .use(correlatedRequestLogging())
    .use(problemJsonErrors())
    .handler(async function routeApiRequest(event) {
      const route = routes[event.routeKey];
      if (!route) throw new HttpProblem(404, 'No such route');
      const headers = lowerCaseHeaders(event.headers);
      const actor = route.role === 'public' ? { sub: 'anonymous', roles: [] } : actorOf(event);
      if (route.role !== 'public' && !hasRole(actor, route.role))
        throw new HttpProblem(403, `This needs the ${route.role} role`);
      const method = event.requestContext?.http?.method ?? event.routeKey.split(' ')[0] ?? 'GET';
      const { parsed, raw } = parseJsonBody(method, headers, event.body, event.isBase64Encoded);
      const request: ApiRequest = {
        routeKey: event.routeKey,
        actor,
        pathParameters: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        body: parsed,
        rawBody: raw,
        headers,
        correlationId: correlationIdOf(event),
      };
      return toResult(await route.handle(request));
    });
