import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

/** Creates a CI through the API and returns its id: an incident may only name a CI that exists. */
const ci = async (name: string, type = 'application') => {
  const response = await platform.call('POST', '/cis', { role: 'agent', body: { name, type } });
  expect(response.status).toBe(201);
  return response.body.id as string;
};

const incident = async (ciId: string, title = 'Mail queue stalls') => {
  const response = await platform.call('POST', '/incidents', {
    role: 'agent',
    body: { title, impact: 2, urgency: 2, ciId },
  });
  expect(response.status).toBe(201);
  return response.body;
};

const problem = async (body: Record<string, unknown> = {}) => {
  const response = await platform.call('POST', '/problems', {
    role: 'agent',
    body: { title: 'Mail relay exhausts its queue', ...body },
  });
  expect(response.status).toBe(201);
  return response.body;
};

const patchProblem = (id: string, body: unknown) =>
  platform.call('PATCH', `/problems/${id}`, { role: 'agent', body });
const readIncident = async (id: string) =>
  (await platform.call('GET', `/incidents/${id}`, { role: 'agent' })).body;

describe('problem management over HTTP', () => {
  it('links incidents so both sides see the link', async () => {
    // Prepare
    const mail = await ci('Mail relay');
    const first = await incident(mail);
    const second = await incident(mail);
    // Act
    const created = await problem({ ciId: mail, incidentIds: [first.id] });
    const linked = await platform.call('POST', `/problems/${created.id}/incidents`, {
      role: 'agent',
      body: { incidentId: second.id },
    });
    // Assess
    expect(created).toMatchObject({ state: 'new', knownError: false, incidentIds: [first.id], version: 1 });
    expect(created.number).toMatch(/^PRB\d{7}$/);
    expect(linked.body.incidentIds).toEqual([first.id, second.id]);
    expect(await readIncident(first.id)).toMatchObject({ problemId: created.id, version: 2 });
    expect(await readIncident(second.id)).toMatchObject({ problemId: created.id, version: 2 });
  });

  it('refuses to link an unknown incident and writes nothing', async () => {
    // Prepare
    const created = await problem();
    const before = await platform.call('GET', '/problems?limit=200', { role: 'agent' });
    // Act
    const onCreate = await platform.call('POST', '/problems', {
      role: 'agent',
      body: { title: 'x', incidentIds: ['no-such-incident'] },
    });
    const onLink = await platform.call('POST', `/problems/${created.id}/incidents`, {
      role: 'agent',
      body: { incidentId: 'no-such-incident' },
    });
    const byRequester = await platform.call('POST', '/problems', { role: 'requester', body: { title: 'x' } });
    const after = await platform.call('GET', '/problems?limit=200', { role: 'agent' });
    const unchanged = await platform.call('GET', `/problems/${created.id}`, { role: 'agent' });
    // Assess
    expect(onCreate.status).toBe(422);
    expect(onCreate.body.errors).toEqual([{ path: 'incidentIds.0', message: 'no incident with that id' }]);
    expect(onLink.status).toBe(422);
    expect(onLink.headers.get('content-type')).toBe('application/problem+json');
    expect(byRequester.status).toBe(403);
    expect(after.body.items.length).toBe(before.body.items.length);
    expect(unchanged.body.version).toBe(1);
  });

  it('resolving a problem resolves the linked incidents that wait on it, and only those', async () => {
    // Prepare
    const dns = await ci('DNS resolver', 'server');
    const waiting = await incident(dns);
    const working = await incident(dns);
    const created = await problem({ incidentIds: [waiting.id, working.id] });
    await platform.call('PATCH', `/incidents/${waiting.id}`, {
      role: 'agent',
      body: { state: 'in_progress' },
    });
    await platform.call('PATCH', `/incidents/${waiting.id}`, {
      role: 'agent',
      body: { state: 'on_hold', holdReason: 'awaiting_problem' },
    });
    for (const state of ['assess', 'root_cause_analysis', 'fix_in_progress'])
      expect((await patchProblem(created.id, { state })).status).toBe(200);
    // Act
    const withoutRootCause = await patchProblem(created.id, { state: 'resolved' });
    const resolved = await patchProblem(created.id, {
      state: 'resolved',
      rootCause: 'Resolver cache too small',
    });
    // Assess
    expect(withoutRootCause.status).toBe(422);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolvedAt: expect.any(String) });
    expect(await readIncident(waiting.id)).toMatchObject({
      state: 'resolved',
      resolutionCode: 'resolved_by_problem',
      resolutionNotes: expect.stringContaining('Resolver cache too small'),
    });
    expect((await readIncident(working.id)).state).toBe('new');
  });

  it('keeps the known-error database: knownError needs rootCause and workaround', async () => {
    // Prepare
    const known = await problem({ title: 'VPN drops every hour' });
    const other = await problem();
    // Act
    const incomplete = await patchProblem(known.id, { knownError: true });
    const complete = await patchProblem(known.id, {
      knownError: true,
      rootCause: 'Key renegotiation bug',
      workaround: 'Reconnect',
    });
    const kedb = await platform.call('GET', '/problems?knownError=true', { role: 'agent' });
    const malformed = await platform.call('GET', '/problems?knownError=maybe', { role: 'agent' });
    // Assess
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'rootCause',
      'workaround',
    ]);
    expect(complete.body.knownError).toBe(true);
    expect(kedb.body.items.map((item: { id: string }) => item.id)).toEqual([known.id]);
    expect(kedb.body.items.map((item: { id: string }) => item.id)).not.toContain(other.id);
    expect(malformed.status).toBe(400);
  });

  it('lists candidates: 3+ unlinked incidents on one CI within 7 days', async () => {
    // Prepare
    const [queue, lonely, linked] = [
      await ci('Queue', 'queue'),
      await ci('Lonely app'),
      await ci('Linked app'),
    ];
    const grouped = [await incident(queue), await incident(queue), await incident(queue)];
    await incident(lonely);
    await incident(lonely);
    const linkedOnes = [await incident(linked), await incident(linked), await incident(linked)];
    await problem({ incidentIds: [linkedOnes[0].id] });
    // Act
    const candidates = await platform.call('GET', '/problems/candidates', { role: 'agent' });
    // Assess
    expect(candidates.status).toBe(200);
    const byCi = Object.fromEntries(
      candidates.body.items.map((group: { ciId: string; incidentIds: string[] }) => [
        group.ciId,
        group.incidentIds,
      ]),
    );
    expect(byCi[queue]).toEqual(grouped.map((item) => item.id));
    expect(byCi[lonely]).toBeUndefined();
    expect(byCi[linked]).toBeUndefined();
  });

  it('records the history of a problem', async () => {
    const created = await problem();
    await patchProblem(created.id, { state: 'assess', assignee: 'erin' });
    const history = await platform.call('GET', `/problems/${created.id}/history`, { role: 'agent' });
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ version: 2, field: 'assignee', from: null, to: 'erin' }),
    );
  });
});
