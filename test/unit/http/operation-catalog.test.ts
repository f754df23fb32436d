import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiOperations } from '#functions/contracts/index.ts';
import { manifest, routesOf } from '#functions/manifest.ts';
import { routeKeyOf } from '#http/operation.ts';
import { localOnlyRouteKeys } from '../../../infra/local/console-site.ts';
import { bySpecificity, localRoutes, matchRoute } from '../../../infra/local/routing.ts';

const root = join(import.meta.dirname, '../../..');
const sources = (folder: string): string[] =>
  readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    return statSync(join(root, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });

describe('one declaration per operation', () => {
  it('every route the manifest serves is an operation object, and every operation is served once', () => {
    // Prepare
    const served = manifest.flatMap((spec) => routesOf(spec).map((route) => `${route.method} ${route.path}`));

    // Assess
    expect(served.sort()).toEqual(apiOperations.map(routeKeyOf).sort());
    expect(new Set(served).size).toBe(served.length);
  });

  it('has one route outside the operations, local only: the console sign-in', () => {
    // The local runner's "Sign in" form posts here for a local token; no operation declares it,
    // and the deployed stack has no such route (test/infra/parity.test.ts).
    expect(localOnlyRouteKeys).toEqual(['POST /console/local-sign-in']);
    expect(apiOperations.map(routeKeyOf)).not.toContain(localOnlyRouteKeys[0]);
  });

  it('declares no route, role or schema outside functions/contracts/', () => {
    // A route key, a path template, a role or a body/response schema binding in any other source
    // file would be a second declaration that could drift from the operation's contract.
    // Comments may name a route; code may not.
    const declaring =
      /(['`](GET|POST|PUT|PATCH|DELETE) \/[a-z])|(\bpath: '\/)|(\brole: '(requester|agent|change_manager|admin|public)')|(\bresponse: \{ status: \d)|(\bbody: [a-z]\w*Body,)/;
    const code = (file: string) =>
      readFileSync(join(root, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
    const offending = [...sources('functions'), ...sources('shared'), ...sources('infra')].filter(
      (file) => !file.startsWith('functions/contracts/') && declaring.test(code(file)),
    );
    expect(offending).toEqual([]);
  });

  it('gives each operation a unique operationId, route key and a summary', () => {
    const ids = apiOperations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(apiOperations.map(routeKeyOf)).size).toBe(apiOperations.length);
    for (const operation of apiOperations)
      expect(operation.summary.length, operation.operationId).toBeGreaterThan(3);
  });

  it('holds one role table, derived from the operations', () => {
    const table = Object.fromEntries(
      apiOperations.map((operation) => [routeKeyOf(operation), operation.role]),
    );
    expect(table['GET /health']).toBe('public');
    expect(table['POST /changes/{id}/approvals']).toBe('change_manager');
    expect(table['PUT /sla-policies/{id}']).toBe('admin');
    expect(Object.values(table).filter((role) => role === 'public')).toHaveLength(2);
  });
});

describe('route matching', () => {
  const routes = localRoutes();

  it('picks /problems/candidates over /problems/{id} whatever the declaration order', () => {
    // Prepare
    const candidates = routes.filter((route) => route.path.startsWith('/problems'));

    // Act
    const declared = matchRoute(candidates, 'GET', '/problems/candidates');
    const reversed = matchRoute([...candidates].reverse().sort(bySpecificity), 'GET', '/problems/candidates');

    // Assess
    expect(declared?.routeKey).toBe('GET /problems/candidates');
    expect(reversed?.routeKey).toBe('GET /problems/candidates');
    expect(matchRoute(candidates, 'GET', '/problems/PRB1')?.routeKey).toBe('GET /problems/{id}');
  });

  it('orders a static segment before a parameter at the first place two paths differ', () => {
    const sorted = [{ path: '/a/{id}/b' }, { path: '/a/{id}/{key}' }, { path: '/a/x/{key}' }].sort(
      bySpecificity,
    );
    expect(sorted.map((route) => route.path)).toEqual(['/a/x/{key}', '/a/{id}/b', '/a/{id}/{key}']);
  });

  it('does not match another method on the same path', () => {
    expect(matchRoute(routes, 'PUT', '/incidents')).toBeUndefined();
  });
});
