import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { FunctionSpec } from '#functions/manifest.ts';
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

const noBody = Buffer.alloc(0);

/**
 * The request body, up to the gateway's limit. A request already read to its end with nothing
 * buffered (a GET) has none: answered without waiting for its 'end' (node:http discards what a
 * handler leaves unread).
 */
const bodyOf = (request: IncomingMessage): Buffer | Promise<Buffer | 'too_large'> =>
  request.complete && request.readableLength === 0 ? noBody : readBody(request);

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

/**
 * The request's headers as API Gateway passes them: lower-case names (node:http gives them so),
 * repeated ones joined. A plain loop: this runs on every request.
 */
const joinHeaders = (request: IncomingMessage): Record<string, string> => {
  const joined: Record<string, string> = {};
  const headers = request.headers;
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) joined[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return joined;
};

/** Request targets that are a plain absolute path and an optional plain query (almost every API call). */
const plainTarget = /^\/(?!\/)[\w\-.~!$&'()*+,;=:@%/]*(?:\?[\w\-.~!$&()*+,;=:@%/?]*)?$/;
/** A `.` or `..` segment, percent-encoded or not: WHATWG URL parsing resolves those. */
const dotSegment = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/**
 * The path and query of a request target, exactly as `new URL(target, 'http://localhost')` gives
 * them (`search` is `''` or starts with `?`). A plain target (no dot segments, no characters WHATWG
 * would encode or resolve) is split as it is, which costs a fraction of a URL parse; anything
 * else goes through the parser. Undefined when the target is not a valid URL.
 * @example requestTarget('/incidents?state=new') // { pathname: '/incidents', search: '?state=new' }
 */
export const requestTarget = (raw: string | undefined): { pathname: string; search: string } | undefined => {
  const target = raw ?? '/';
  if (plainTarget.test(target)) {
    const mark = target.indexOf('?');
    const pathname = mark < 0 ? target : target.slice(0, mark);
    if (!dotSegment.test(pathname))
      return { pathname, search: mark < 0 || mark === target.length - 1 ? '' : target.slice(mark) };
  }
  const url = parseUrl(target);
  return url ? { pathname: url.pathname, search: url.search } : undefined;
};

/**
 * The routes a request may take, by method and first path segment: a route whose first segment is
 * a parameter may take any; the rest only their own. Computed once per method and segment the
 * routes know (a segment no route names shares one entry), in the routes' order of specificity.
 */
export const routeFinder = (routes: LocalRoute[]) => {
  const firstSegment = (path: string) => {
    const end = path.indexOf('/', 1);
    return end < 0 ? path.slice(1) : path.slice(1, end);
  };
  const isParameter = (segment: string) => segment.startsWith('{');
  const named = new Set(
    routes.map((route) => firstSegment(route.path)).filter((segment) => !isParameter(segment)),
  );
  const candidates = new Map<string, LocalRoute[]>();
  return (method: string, pathname: string): LocalRoute | undefined => {
    const segment = firstSegment(pathname);
    const key = named.has(segment) ? `${method} /${segment}` : `${method} *`;
    let list = candidates.get(key);
    if (!list) {
      const known = named.has(segment);
      list = routes.filter((route) => {
        const first = firstSegment(route.path);
        return route.method === method && (isParameter(first) || (known && first === segment));
      });
      candidates.set(key, list);
    }
    return matchRoute(list, method, pathname);
  };
};

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
  const specs = new Map<string, FunctionSpec>();
  const gateway: Gateway = {
    ...options,
    findRoute: routeFinder(options.routes),
    specOf: (name) => {
      let spec = specs.get(name);
      if (!spec) {
        spec = specNamed(name);
        specs.set(name, spec);
      }
      return spec;
    },
  };
  const server = createServer({ maxHeaderSize: maxHeaderBytes }, async (request, response) => {
    const started = performance.now();
    response.on('finish', () =>
      options.observer?.onResponse(response.statusCode, performance.now() - started),
    );
    try {
      await serve(request, response, gateway);
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

/** The gateway's options with what it works out once: the route finder and the functions' specs. */
type Gateway = Parameters<typeof startHttpGateway>[0] & {
  findRoute: (method: string, pathname: string) => LocalRoute | undefined;
  specOf: (name: string) => FunctionSpec;
};

const serve = async (request: IncomingMessage, response: ServerResponse, options: Gateway) => {
  const url = requestTarget(request.url);
  if (!url) return problem(response, 400, 'Bad Request', 'The request URL is not valid');
  if (await options.console?.(request, response, url.pathname)) return;
  const method = request.method ?? 'GET';
  const route = options.findRoute(method, url.pathname);
  if (!route) return problem(response, 404, 'Not Found', 'No route for this method and path');
  const headers = joinHeaders(request);
  let claims: Record<string, string> | undefined;
  if (!route.public) {
    const checked = await checkLocalToken(options.keys, headers.authorization);
    if ('refused' in checked) return problem(response, 401, 'Unauthorized', checked.refused);
    claims = checked.claims;
  }
  const body = await bodyOf(request);
  if (body === 'too_large')
    return problem(response, 413, 'Content Too Large', 'The request body is too large');
  const match = route.matcher.exec(url.pathname);
  const pathParameters = decodePathParameters(route.parameterNames, match);
  if (!pathParameters)
    return problem(response, 400, 'Bad Request', 'The request path has a malformed percent-encoding');
  const query: Record<string, string> = {};
  if (url.search)
    for (const [name, value] of new URLSearchParams(url.search))
      query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  // API Gateway tells the function how the client connected; locally that is plain HTTP.
  headers['x-forwarded-proto'] = 'http';
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
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
  const spec = options.specOf(route.functionName);
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
