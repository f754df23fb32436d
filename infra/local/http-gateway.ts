import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { LambdaHandler } from './function-host.ts';
import { lambdaContext, specNamed } from './function-host.ts';
import type { localKeys } from './local-auth.ts';
import { checkLocalToken } from './local-auth.ts';
import { type LocalRoute, matchRoute } from './routing.ts';

/** API Gateway refuses payloads over 10 MB; the local gateway stops reading at 1 MB. */
const maxGatewayBytes = 1024 * 1024;

export interface GatewayObserver {
  onResponse(status: number, latencyMs: number): void;
}

/** Node's default; request line and headers together beyond it are a 431. */
const maxHeaderBytes = 16 * 1024;

const problemBody = (status: number, title: string, detail: string) =>
  JSON.stringify({ type: 'about:blank', title, status, detail });

const problem = (response: ServerResponse, status: number, title: string, detail: string) => {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(problemBody(status, title, detail));
};

/**
 * What node:http would otherwise answer with a bare status line (or not at all): a request it
 * cannot parse. Answered as problem+json, as API Gateway answers with its own JSON.
 */
const clientErrorProblem = (code: string | undefined): [number, string, string] | undefined => {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [
        431,
        'Request Header Fields Too Large',
        `The request line and headers exceed ${maxHeaderBytes / 1024} KiB`,
      ];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADERS_TIMEOUT':
      return [408, 'Request Timeout', 'The request did not arrive in time'];
    case 'ECONNRESET':
    case 'EPIPE':
      return undefined;
    default:
      return [400, 'Bad Request', 'The request is not valid HTTP'];
  }
};

const answerClientError = (error: NodeJS.ErrnoException, socket: Duplex) => {
  const answer = clientErrorProblem(error.code);
  if (!answer || !socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
    socket.destroy();
    return;
  }
  const [status, title, detail] = answer;
  const body = problemBody(status, title, detail);
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
};

const readBody = (request: IncomingMessage): Promise<Buffer | 'too_large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxGatewayBytes) {
        resolve('too_large');
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const joinHeaders = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name.toLowerCase(), Array.isArray(value) ? value.join(',') : value]],
    ),
  );

/**
 * The HTTP API, locally: routes from the manifest, the JWT check the authorizer makes, and the
 * API Gateway v2 payload the deployed handlers receive.
 */
export const startHttpGateway = (options: {
  port: number;
  routes: LocalRoute[];
  handlers: Map<string, LambdaHandler>;
  keys: Awaited<ReturnType<typeof localKeys>>;
  observer?: GatewayObserver;
  /** The web console and its local sign-in (local mode only); `false` when a path is not its. */
  console?: (request: IncomingMessage, response: ServerResponse, pathname: string) => Promise<boolean>;
}): Promise<Server> => {
  const server = createServer({ maxHeaderSize: maxHeaderBytes }, async (request, response) => {
    const started = performance.now();
    response.on('finish', () =>
      options.observer?.onResponse(response.statusCode, performance.now() - started),
    );
    try {
      await serve(request, response, options);
    } catch {
      if (!response.headersSent) problem(response, 502, 'Bad Gateway', 'The function failed to answer');
    }
  });
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
};

const parseUrl = (raw: string | undefined) => {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
};

const decodePathParameters = (names: string[], match: RegExpExecArray | null) => {
  try {
    return Object.fromEntries(
      names.map((name, index) => [name, decodeURIComponent(match?.[index + 1] ?? '')]),
    );
  } catch {
    return undefined;
  }
};

const serve = async (
  request: IncomingMessage,
  response: ServerResponse,
  options: Parameters<typeof startHttpGateway>[0],
) => {
  const url = parseUrl(request.url);
  if (!url) return problem(response, 400, 'Bad Request', 'The request URL is not valid');
  if (await options.console?.(request, response, url.pathname)) return;
  const method = request.method ?? 'GET';
  const route = matchRoute(options.routes, method, url.pathname);
  if (!route) return problem(response, 404, 'Not Found', 'No route for this method and path');
  const headers = joinHeaders(request);
  let claims: Record<string, string> | undefined;
  if (!route.public) {
    const checked = await checkLocalToken(options.keys, headers.authorization);
    if ('refused' in checked) return problem(response, 401, 'Unauthorized', checked.refused);
    claims = checked.claims;
  }
  const body = await readBody(request);
  if (body === 'too_large')
    return problem(response, 413, 'Content Too Large', 'The request body is too large');
  const match = route.matcher.exec(url.pathname);
  const pathParameters = decodePathParameters(route.parameterNames, match);
  if (!pathParameters)
    return problem(response, 400, 'Bad Request', 'The request path has a malformed percent-encoding');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    // API Gateway tells the function how the client connected; locally that is plain HTTP.
    headers: { ...headers, 'x-forwarded-proto': 'http' },
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(route.parameterNames.length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
    },
    ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  const spec = specNamed(route.functionName);
  const handler = options.handlers.get(route.functionName);
  if (!handler) return problem(response, 502, 'Bad Gateway', 'The function is not loaded');
  const result = (await handler(event, lambdaContext(spec))) as {
    statusCode: number;
    headers?: Record<string, string>;
    body?: string;
  };
  response.writeHead(result.statusCode, result.headers ?? {});
  response.end(result.body ?? '');
};
