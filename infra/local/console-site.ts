import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { ensureConsoleBuild } from '../tools/console-build.ts';
import { type localKeys, signLocalToken } from './local-auth.ts';

/** Where the local runner serves the console. */
export const consolePrefix = '/console/';

/**
 * The one route only the local runner has: the console's "Sign in" form posts a role and a user
 * here and gets a local token back. The deployed stack has no such route (its console signs in
 * with the Cognito hosted UI or the configured OIDC issuer), which test/infra/parity.test.ts and
 * test/unit/http/operation-catalog.test.ts hold.
 */
export const localSignIn = { method: 'POST', pathname: '/console/local-sign-in' } as const;

/** Every route the local runner serves that no operation declares, as `METHOD /path`. */
export const localOnlyRouteKeys = [`${localSignIn.method} ${localSignIn.pathname}`];

const roles = new Set(['requester', 'agent', 'change_manager', 'admin']);
const userPattern = /^[A-Za-z0-9._@-]{1,64}$/;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The headers CloudFront's response headers policy sets on the deployed console. */
const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const send = (response: ServerResponse, status: number, type: string, body: string | Buffer, extra = {}) => {
  response.writeHead(status, { 'content-type': type, ...securityHeaders, ...extra });
  response.end(body);
};

const problem = (response: ServerResponse, status: number, title: string, detail: string) =>
  send(
    response,
    status,
    'application/problem+json',
    JSON.stringify({ type: 'about:blank', title, status, detail }),
  );

const readJson = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 4096) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
};

/**
 * The console in local mode: `GET /` redirects to `/console/`, the build (made first if missing or
 * stale) is served under `/console/`, `config.json` tells the console to use this API and the
 * local sign-in, and `POST /console/local-sign-in` mints a local token. Answers `false` for any
 * other path, which the gateway routes to the API.
 */
export const localConsoleSite = (keys: Awaited<ReturnType<typeof localKeys>>) => {
  let built: Promise<string> | undefined;
  return async (request: IncomingMessage, response: ServerResponse, pathname: string): Promise<boolean> => {
    const method = request.method ?? 'GET';
    if (pathname === '/' && (method === 'GET' || method === 'HEAD')) {
      response.writeHead(302, { location: consolePrefix });
      response.end();
      return true;
    }
    if (pathname === '/console') {
      response.writeHead(301, { location: consolePrefix });
      response.end();
      return true;
    }
    if (!pathname.startsWith(consolePrefix)) return false;
    if (pathname === localSignIn.pathname) {
      if (method !== localSignIn.method) {
        problem(response, 405, 'Method Not Allowed', 'Sign in with POST');
        return true;
      }
      const body = (await readJson(request)) as { role?: unknown; user?: unknown } | undefined;
      const errors = [
        ...(typeof body?.role === 'string' && roles.has(body.role)
          ? []
          : [{ path: 'role', message: 'Choose one of requester, agent, change_manager, admin' }]),
        ...(typeof body?.user === 'string' && userPattern.test(body.user)
          ? []
          : [{ path: 'user', message: 'A user name of 1 to 64 letters, digits, dots, dashes or @' }]),
      ];
      if (errors.length > 0 || !body) {
        send(
          response,
          422,
          'application/problem+json',
          JSON.stringify({
            type: 'about:blank',
            title: 'Unprocessable Content',
            status: 422,
            detail: errors.map((error) => error.message).join('; '),
            errors,
          }),
        );
        return true;
      }
      const token = await signLocalToken(keys, { sub: body.user as string, roles: [body.role as string] });
      send(response, 200, 'application/json', JSON.stringify({ token }), { 'cache-control': 'no-store' });
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      problem(response, 405, 'Method Not Allowed', 'The console is read-only');
      return true;
    }
    if (pathname === `${consolePrefix}config.json`) {
      send(response, 200, 'application/json', JSON.stringify({ apiUrl: '', signIn: { mode: 'local' } }), {
        'cache-control': 'no-store',
      });
      return true;
    }
    built ??= ensureConsoleBuild();
    let dist: string;
    try {
      dist = await built;
    } catch (error) {
      built = undefined;
      console.error('The console build failed:', error);
      problem(response, 500, 'Internal Server Error', 'The console build failed; see the runner output');
      return true;
    }
    const relativePath = pathname.slice(consolePrefix.length) || 'index.html';
    const file = normalize(join(dist, relativePath));
    if (!file.startsWith(`${dist}/`)) {
      problem(response, 404, 'Not Found', 'No such console file');
      return true;
    }
    try {
      const content = await readFile(file);
      const immutable = relativePath.startsWith('assets/');
      send(response, 200, contentTypes[extname(file)] ?? 'application/octet-stream', content, {
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    } catch {
      problem(response, 404, 'Not Found', 'No such console file');
    }
    return true;
  };
};
