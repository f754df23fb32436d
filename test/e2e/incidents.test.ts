import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
/** The payroll application the incidents are logged on: a CI must exist before an incident names it. */
let payrollCiId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const ci = await platform.call('POST', '/cis', {
    role: 'agent',
    body: { name: 'Payroll app', type: 'application' },
  });
  expect(ci.status).toBe(201);
  payrollCiId = ci.body.id;
});
afterAll(async () => {
  await platform?.stop();
});

const newIncident = () => ({ title: 'Payroll app is slow', impact: 2, urgency: 1, ciId: payrollCiId });

const create = async (body: unknown = newIncident(), role = 'agent', sub?: string) => {
  const response = await platform.call('POST', '/incidents', { role, sub, body });
  expect(response.status).toBe(201);
  return response.body;
};

describe('incident lifecycle over HTTP', () => {
  it('creates, reads, lists, patches and resolves an incident', async () => {
    // Prepare / Act
    const created = await create();
    const read = await platform.call('GET', `/incidents/${created.id}`, { role: 'agent' });
    const listed = await platform.call('GET', `/incidents?ciId=${payrollCiId}&state=new`, { role: 'agent' });
    const started = await platform.call('PATCH', `/incidents/${created.id}`, {
      role: 'agent',
      body: { state: 'in_progress', assignee: 'bob' },
      headers: { 'if-match': '"1"' },
    });
    const resolved = await platform.call('PATCH', `/incidents/${created.id}`, {
      role: 'agent',
      body: { state: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'Scaled out' },
    });
    // Assess
    expect(created).toMatchObject({ priority: 2, state: 'new', version: 1, createdBy: 'agent-user' });
    expect(created.number).toMatch(/^INC\d{7}$/);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(created.id);
    expect(started.body).toMatchObject({ state: 'in_progress', assignee: 'bob', version: 2 });
    expect(resolved.body).toMatchObject({ state: 'resolved', version: 3 });
    expect(resolved.headers.get('etag')).toBe('"3"');
  });

  it('numbers incidents sequentially', async () => {
    const first = await create();
    const second = await create();
    expect(Number(second.number.slice(3)) - Number(first.number.slice(3))).toBe(1);
  });

  it('refuses an invalid move with 409 and leaves the incident unchanged', async () => {
    const created = await create();
    const refused = await platform.call('PATCH', `/incidents/${created.id}`, {
      role: 'agent',
      body: { state: 'closed' },
    });
    const after = await platform.call('GET', `/incidents/${created.id}`, { role: 'agent' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(after.body.version).toBe(1);
  });

  it('records every change in the history: who, when, field, from, to', async () => {
    const created = await create();
    await platform.call('PATCH', `/incidents/${created.id}`, {
      role: 'agent',
      sub: 'carol',
      body: { urgency: 3 },
    });
    const history = await platform.call('GET', `/incidents/${created.id}/history`, { role: 'agent' });
    const lines = history.body.items.filter((line: { version: number }) => line.version === 2);
    expect(lines).toEqual([
      expect.objectContaining({ actor: 'carol', field: 'urgency', from: 1, to: 3 }),
      expect.objectContaining({ actor: 'carol', field: 'priority', from: 2, to: 4 }),
    ]);
    expect(
      history.body.items.some(
        (line: { version: number; field: string }) => line.version === 1 && line.field === 'title',
      ),
    ).toBe(true);
  });

  it('resolving a parent resolves its open children', async () => {
    const parent = await create({ title: 'Data centre power', impact: 1, urgency: 1 });
    const child = await create({ title: 'Rack 4 down', impact: 2, urgency: 2 });
    await platform.call('PATCH', `/incidents/${child.id}`, { role: 'agent', body: { parentId: parent.id } });
    await platform.call('PATCH', `/incidents/${parent.id}`, {
      role: 'agent',
      body: { state: 'in_progress' },
    });
    const resolved = await platform.call('PATCH', `/incidents/${parent.id}`, {
      role: 'agent',
      body: { state: 'resolved', resolutionCode: 'power_restored', resolutionNotes: 'UPS replaced' },
    });
    const childAfter = await platform.call('GET', `/incidents/${child.id}`, { role: 'agent' });
    expect(resolved.status).toBe(200);
    expect(childAfter.body).toMatchObject({ state: 'resolved', resolutionCode: 'power_restored' });
  });

  it('comments: a requester adds public ones to their own incident and never sees work notes', async () => {
    const own = await create({ title: 'Laptop broken', impact: 3, urgency: 3 }, 'requester', 'dora');
    await platform.call('POST', `/incidents/${own.id}/comments`, {
      role: 'agent',
      body: { body: 'Checking warranty', visibility: 'work_note' },
    });
    const added = await platform.call('POST', `/incidents/${own.id}/comments`, {
      role: 'requester',
      sub: 'dora',
      body: { body: 'Still broken', visibility: 'public' },
    });
    const note = await platform.call('POST', `/incidents/${own.id}/comments`, {
      role: 'requester',
      sub: 'dora',
      body: { body: 'x', visibility: 'work_note' },
    });
    const seen = await platform.call('GET', `/incidents/${own.id}/comments`, {
      role: 'requester',
      sub: 'dora',
    });
    const agentView = await platform.call('GET', `/incidents/${own.id}/comments`, { role: 'agent' });
    expect(added.status).toBe(201);
    expect(note.status).toBe(403);
    expect(seen.body.items.map((c: { body: string }) => c.body)).toEqual(['Still broken']);
    expect(agentView.body.items).toHaveLength(2);
  });

  it('requesters see only their own incidents', async () => {
    const mine = await create({ title: 'Mine', impact: 3, urgency: 3 }, 'requester', 'erin');
    const theirs = await create({ title: 'Theirs', impact: 3, urgency: 3 }, 'requester', 'frank');
    const list = await platform.call('GET', '/incidents?callerId=frank', { role: 'requester', sub: 'erin' });
    const other = await platform.call('GET', `/incidents/${theirs.id}`, { role: 'requester', sub: 'erin' });
    const comment = await platform.call('POST', `/incidents/${theirs.id}/comments`, {
      role: 'requester',
      sub: 'erin',
      body: { body: 'hi', visibility: 'public' },
    });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect(other.status).toBe(404);
    expect(comment.status).toBe(404);
  });

  it('pages through a list with limit and cursor without repeats', async () => {
    const group = `group-${Date.now()}`;
    for (let n = 0; n < 5; n++)
      await create({ title: `Paged ${n}`, impact: 3, urgency: 3, assignmentGroup: group });
    const first = await platform.call('GET', `/incidents?assignmentGroup=${group}&limit=2`, {
      role: 'agent',
    });
    const second = await platform.call(
      'GET',
      `/incidents?assignmentGroup=${group}&limit=2&cursor=${first.body.nextCursor}`,
      { role: 'agent' },
    );
    const third = await platform.call(
      'GET',
      `/incidents?assignmentGroup=${group}&limit=2&cursor=${second.body.nextCursor}`,
      { role: 'agent' },
    );
    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (i: { id: string }) => i.id,
    );
    expect(new Set(ids).size).toBe(5);
    expect(first.body.nextCursor).toEqual(expect.any(String));
  });
});

describe('authentication and roles', () => {
  it('401 without a token or with a bad one', async () => {
    const { localKeys, signLocalToken } = await import('../../infra/local/local-auth.ts');
    const keys = await localKeys(platform.dataDir);
    const wrongIssuer = await signLocalToken(keys, {
      sub: 'x',
      roles: ['agent'],
      issuer: 'https://evil.example/issuer',
    });
    const wrongAudience = await signLocalToken(keys, { sub: 'x', roles: ['agent'], audience: 'another-api' });
    const expired = await signLocalToken(keys, { sub: 'x', roles: ['agent'], expiresIn: '-1m' });
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'x',
        'cognito:groups': ['admin'],
        iss: 'https://opsdesk.local/issuer',
        aud: 'opsdesk-api',
        exp: 9_999_999_999,
      }),
    ).toString('base64url');
    const unsigned = `${header}.${payload}.`;
    const statuses = await Promise.all(
      [undefined, 'not-a-jwt', wrongIssuer, wrongAudience, expired, unsigned].map(
        async (token) =>
          (
            await platform.call('GET', '/incidents', {
              headers: token ? { authorization: `Bearer ${token}` } : {},
            })
          ).status,
      ),
    );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it('403 when a requester patches an incident', async () => {
    const own = await create({ title: 'Printer', impact: 3, urgency: 3 }, 'requester', 'gina');
    const response = await platform.call('PATCH', `/incidents/${own.id}`, {
      role: 'requester',
      sub: 'gina',
      body: { title: 'Printer on fire' },
    });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('health and openapi are public', async () => {
    expect((await platform.call('GET', '/health')).status).toBe(200);
    const openapi = await platform.call('GET', '/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
  });
});

describe('concurrency and idempotency', () => {
  it('50 concurrent PATCHes with the same If-Match: exactly one 200 and 49 x 412', async () => {
    const created = await create();
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        platform
          .call('PATCH', `/incidents/${created.id}`, {
            role: 'agent',
            body: { title: `Title ${n}` },
            headers: { 'if-match': '"1"' },
          })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    expect((await platform.call('GET', `/incidents/${created.id}`, { role: 'agent' })).body.version).toBe(2);
  });

  it('50 concurrent comments without If-Match are all kept', async () => {
    const created = await create();
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        platform
          .call('POST', `/incidents/${created.id}/comments`, {
            role: 'agent',
            body: { body: `Note ${n}`, visibility: 'work_note' },
          })
          .then((r) => r.status),
      ),
    );
    const comments = await platform.call('GET', `/incidents/${created.id}/comments?limit=200`, {
      role: 'agent',
    });
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(new Set(comments.body.items.map((c: { body: string }) => c.body)).size).toBe(50);
  });

  it('concurrent PATCHes without If-Match lose no update', async () => {
    const created = await create();
    const fields = ['assignee', 'assignmentGroup', 'category'] as const;
    await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        platform.call('PATCH', `/incidents/${created.id}`, {
          role: 'agent',
          body: { [fields[n % 3] as string]: `v${n}` },
        }),
      ),
    );
    const after = await platform.call('GET', `/incidents/${created.id}`, { role: 'agent' });
    const history = await platform.call('GET', `/incidents/${created.id}/history?limit=200`, {
      role: 'agent',
    });
    expect(after.body.version).toBe(13);
    expect(new Set(history.body.items.map((l: { version: number }) => l.version)).size).toBe(13);
  });

  it('20 concurrent POSTs with one Idempotency-Key create one incident', async () => {
    const key = `key-${Date.now()}`;
    const body = { title: 'Idempotent', impact: 3, urgency: 3, assignmentGroup: key };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        platform.call('POST', '/incidents', { role: 'agent', body, headers: { 'idempotency-key': key } }),
      ),
    );
    const listed = await platform.call('GET', `/incidents?assignmentGroup=${key}`, { role: 'agent' });
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(listed.body.items).toHaveLength(1);
    const reused = await platform.call('POST', '/incidents', {
      role: 'agent',
      body: { ...body, title: 'Other' },
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(409);
  });
});

describe('bad input gets 4xx problem+json and writes nothing', () => {
  const cases: Array<
    [string, { rawBody?: string; body?: unknown; headers?: Record<string, string> }, number]
  > = [
    ['malformed JSON', { rawBody: '{"title": "x", ' }, 400],
    ['wrong types', { body: { title: 42, impact: '1', urgency: 1 } }, 422],
    ['unknown fields', { body: { title: 'x', impact: 1, urgency: 1, priority: 1 } }, 422],
    ['out-of-range impact', { body: { title: 'x', impact: 4, urgency: 1 } }, 422],
    ['oversized body', { body: { title: 'x', impact: 1, urgency: 1, description: 'y'.repeat(70_000) } }, 413],
    ['wrong content type', { rawBody: '{}', headers: { 'content-type': 'text/plain' } }, 415],
  ];

  it.each(cases)('%s', async (_name, request, status) => {
    const group = `bad-${Math.random().toString(36).slice(2)}`;
    const body =
      request.body && typeof request.body === 'object'
        ? { ...request.body, assignmentGroup: group }
        : request.body;
    const response = await platform.call('POST', '/incidents', {
      role: 'agent',
      ...request,
      ...(body ? { body } : {}),
    });
    const listed = await platform.call('GET', `/incidents?assignmentGroup=${group}`, { role: 'agent' });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    expect(listed.body.items).toHaveLength(0);
  });

  it('422 lists every failing field', async () => {
    const response = await platform.call('POST', '/incidents', { role: 'agent', body: { impact: 9 } });
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'impact',
      'title',
      'urgency',
    ]);
  });

  it('an unknown state in a PATCH is 422 and changes nothing', async () => {
    const created = await create();
    const response = await platform.call('PATCH', `/incidents/${created.id}`, {
      role: 'agent',
      body: { state: 'exploded' },
    });
    const after = await platform.call('GET', `/incidents/${created.id}`, { role: 'agent' });
    expect(response.status).toBe(422);
    expect(after.body.version).toBe(1);
  });

  it('a malformed query or cursor is 400, an unknown id 404', async () => {
    expect((await platform.call('GET', '/incidents?limit=500', { role: 'agent' })).status).toBe(400);
    expect((await platform.call('GET', '/incidents?state=weird', { role: 'agent' })).status).toBe(400);
    expect((await platform.call('GET', '/incidents?cursor=bm90LWEtY3Vyc29y', { role: 'agent' })).status).toBe(
      400,
    );
    expect((await platform.call('GET', '/incidents/does-not-exist', { role: 'agent' })).status).toBe(404);
  });
});
