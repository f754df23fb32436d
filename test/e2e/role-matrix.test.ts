import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role, roles } from '#domain/record/record.ts';
import { apiOperations } from '#functions/contracts/index.ts';
import { localRoutes } from '../../infra/local/routing.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const rank: Record<Role, number> = { requester: 0, agent: 1, change_manager: 2, admin: 3 };

/** A path of the template with every id an id nobody holds. */
const concrete = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'key' ? 'cpu' : 'nobody-1'));

/**
 * The one declared role table, called for real: every route with no token, a bad token and each
 * role. A role below the operation's is 403 and one at or above it never is; no token and a bad
 * token are 401 on every route but the public ones. Generated from the operation catalog, so a
 * route added there is in the matrix, and a route the runner serves that the catalog lacks fails.
 */
describe('role matrix over every API operation', () => {
  it('covers every route the local runner serves', () => {
    const catalog = new Set(apiOperations.map((operation) => `${operation.method} ${operation.path}`));
    const served = localRoutes()
      .map((route) => `${route.method} ${route.path}`)
      .filter((key) => !catalog.has(key));
    // Only the local sign-in of the console may be local-only.
    expect(served.filter((key) => !key.includes('/console'))).toEqual([]);
  });

  it.each(apiOperations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    '%s answers each caller as its role says',
    async (_route, operation) => {
      const path = concrete(operation.path);
      const body = operation.body ? {} : undefined;
      const answers: Record<string, number> = {};
      answers.none = (await platform.call(operation.method, path, { body })).status;
      answers.bad = (
        await platform.call(operation.method, path, {
          body,
          headers: { authorization: 'Bearer not.a.token' },
        })
      ).status;
      for (const role of roles)
        answers[role] = (await platform.call(operation.method, path, { role, body })).status;

      if (operation.role === 'public') {
        expect(answers.none, 'public without a token').not.toBe(401);
        return;
      }
      expect([answers.none, answers.bad]).toEqual([401, 401]);
      for (const role of roles) {
        const allowed = rank[role] >= rank[operation.role];
        if (allowed) expect(answers[role], `${role} may call it`).not.toBe(403);
        else expect(answers[role], `${role} may not call it`).toBe(403);
        expect(answers[role], `${role}: never a 5xx`).toBeLessThan(500);
      }
    },
  );
});
