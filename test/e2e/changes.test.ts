import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
/** The database most changes patch: a change may only name CIs that exist. */
let database: string;

/** Creates a CI through the API and returns its id. */
const ci = async (name: string, type: string) => {
  const response = await platform.call('POST', '/cis', { role: 'agent', body: { name, type } });
  expect(response.status).toBe(201);
  return response.body.id as string;
};

beforeAll(async () => {
  platform = await startTestPlatform();
  database = await ci('Payments database', 'database');
});
afterAll(async () => {
  await platform?.stop();
});

let slot = 0;
/** A fresh two-hour slot per test, so tests on the shared table never collide by accident. */
const nextSlot = () => {
  slot += 1;
  const start = Date.UTC(2027, 2, 1) + slot * 7 * 86_400_000;
  return {
    plannedStart: new Date(start).toISOString(),
    plannedEnd: new Date(start + 2 * 3_600_000).toISOString(),
  };
};

const raise = async (body: Record<string, unknown>, role = 'agent', sub?: string) => {
  const response = await platform.call('POST', '/changes', {
    role,
    sub,
    body: { title: 'Patch the database', type: 'normal', ciIds: [database], ...nextSlot(), ...body },
  });
  expect(response.status).toBe(201);
  return response.body;
};

const patch = (id: string, body: unknown, role = 'agent') =>
  platform.call('PATCH', `/changes/${id}`, { role, body });

const vote = (id: string, decision: 'approve' | 'reject', role = 'change_manager', sub = 'cm-1') =>
  platform.call('POST', `/changes/${id}/approvals`, { role, sub, body: { decision } });

const toAuthorize = async (id: string, type = 'normal') => {
  if (type === 'normal') expect((await patch(id, { state: 'assess' })).status).toBe(200);
  expect((await patch(id, { state: 'authorize' })).status).toBe(200);
};

describe('change management over HTTP', () => {
  it('schedules a normal change only after a change_manager approves it; agent and requester get 403', async () => {
    // Prepare
    const change = await raise({});
    await toAuthorize(change.id);
    // Act
    const byAgent = await vote(change.id, 'approve', 'agent', 'agent-1');
    const byRequester = await vote(change.id, 'approve', 'requester', 'req-1');
    const byPatch = await patch(change.id, { state: 'scheduled' });
    const approved = await vote(change.id, 'approve');
    // Assess
    expect(change).toMatchObject({ state: 'new', risk: 'low', number: expect.stringMatching(/^CHG\d{7}$/) });
    expect(byAgent.status).toBe(403);
    expect(byRequester.status).toBe(403);
    expect(byAgent.headers.get('content-type')).toBe('application/problem+json');
    expect(byPatch.status).toBe(409);
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({
      state: 'scheduled',
      approvals: [{ approver: 'cm-1', decision: 'approve' }],
    });
  });

  it('needs two approvals for a high-risk change, one vote per approver', async () => {
    // Prepare: emergency (2) + five CIs changed (2) = high
    const hosts = await Promise.all([1, 2, 3, 4, 5].map((n) => ci(`Host ${n}`, 'server')));
    const change = await raise({ type: 'emergency', ciIds: hosts });
    await toAuthorize(change.id, 'emergency');
    // Act
    const first = await vote(change.id, 'approve', 'change_manager', 'cm-1');
    const again = await vote(change.id, 'approve', 'change_manager', 'cm-1');
    const second = await vote(change.id, 'approve', 'change_manager', 'cm-2');
    // Assess
    expect(change.risk).toBe('high');
    expect(change.riskReasons.map((reason: { code: string }) => reason.code)).toEqual([
      'services_impacted',
      'emergency_type',
    ]);
    expect(first.body.state).toBe('authorize');
    expect(again.status).toBe(409);
    expect(second.body.state).toBe('scheduled');
  });

  it('cancels a change on one rejection', async () => {
    const change = await raise({});
    await toAuthorize(change.id);
    const rejected = await vote(change.id, 'reject');
    const late = await vote(change.id, 'approve', 'change_manager', 'cm-2');
    expect(rejected.body.state).toBe('canceled');
    expect(late.status).toBe(409);
  });

  it('refuses to schedule a normal change into a blackout (409, conflicts listed); an emergency proceeds', async () => {
    // Prepare
    const ledger = await ci('Ledger', 'application');
    const window = nextSlot();
    const blackout = await platform.call('POST', '/change-windows', {
      role: 'change_manager',
      body: { kind: 'blackout', start: window.plannedStart, end: window.plannedEnd, reason: 'Quarter close' },
    });
    const normal = await raise({ ciIds: [ledger], ...window });
    const emergency = await raise({ type: 'emergency', ciIds: [ledger], ...window });
    await toAuthorize(normal.id);
    await toAuthorize(emergency.id, 'emergency');
    // Act
    const refused = await vote(normal.id, 'approve');
    const afterRefusal = await platform.call('GET', `/changes/${normal.id}`, { role: 'agent' });
    const proceeded = await vote(emergency.id, 'approve');
    // Assess
    expect(blackout.status).toBe(201);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.conflicts).toEqual([{ kind: 'blackout', windowId: blackout.body.id, ciId: ledger }]);
    expect(afterRefusal.body).toMatchObject({ state: 'authorize', approvals: [] });
    expect(proceeded.status).toBe(201);
    expect(proceeded.body.state).toBe('scheduled');
    expect(proceeded.body.conflicts).toContainEqual({
      kind: 'blackout',
      windowId: blackout.body.id,
      ciId: ledger,
    });
  });

  it('reports two overlapping scheduled changes on the same CI as conflicts of each other', async () => {
    // Prepare: standard changes go straight to scheduled; web and cache are unrelated CIs
    const web = await ci('Web front end', 'server');
    const cache = await ci('Cache', 'server');
    const window = nextSlot();
    const first = await raise({ type: 'standard', ciIds: [web], ...window });
    const second = await raise({
      type: 'standard',
      ciIds: [web, cache],
      plannedStart: new Date(Date.parse(window.plannedStart) + 3_600_000).toISOString(),
      plannedEnd: new Date(Date.parse(window.plannedEnd) + 3_600_000).toISOString(),
    });
    const apart = await raise({ type: 'standard', ciIds: [web], ...nextSlot() });
    for (const change of [first, second, apart])
      expect((await patch(change.id, { state: 'scheduled' })).status).toBe(200);
    // Act
    const ofFirst = await platform.call('GET', `/changes/${first.id}/conflicts`, { role: 'agent' });
    const ofSecond = await platform.call('GET', `/changes/${second.id}/conflicts`, { role: 'agent' });
    const ofApart = await platform.call('GET', `/changes/${apart.id}/conflicts`, { role: 'agent' });
    // Assess
    expect(ofFirst.body.items).toEqual([{ kind: 'ci_overlap', changeId: second.id, ciId: web }]);
    expect(ofSecond.body.items).toEqual([{ kind: 'ci_overlap', changeId: first.id, ciId: web }]);
    expect(ofApart.body.items).toEqual([]);
  });

  it('reports changes on related CIs (one hop in the CMDB) as related_ci_overlap, both ways', async () => {
    // Prepare: the app runs on the server
    const app = await ci('Ledger app', 'application');
    const server = await ci('Ledger host', 'server');
    const link = await platform.call('POST', '/relationships', {
      role: 'agent',
      body: { fromId: app, toId: server, type: 'runs_on' },
    });
    const window = nextSlot();
    const onApp = await raise({ type: 'standard', ciIds: [app], ...window });
    const onServer = await raise({ type: 'standard', ciIds: [server], ...window });
    for (const change of [onApp, onServer]) await patch(change.id, { state: 'scheduled' });
    // Act
    const ofApp = await platform.call('GET', `/changes/${onApp.id}/conflicts`, { role: 'agent' });
    const ofServer = await platform.call('GET', `/changes/${onServer.id}/conflicts`, { role: 'agent' });
    // Assess
    expect(link.status).toBe(201);
    expect(ofApp.body.items).toEqual([{ kind: 'related_ci_overlap', changeId: onServer.id, ciId: app }]);
    expect(ofServer.body.items).toEqual([{ kind: 'related_ci_overlap', changeId: onApp.id, ciId: server }]);
  });

  it('serves the change calendar by planned start, earliest first', async () => {
    // Prepare
    const week = nextSlot();
    const from = week.plannedStart;
    const later = await raise({
      plannedStart: new Date(Date.parse(from) + 5 * 3_600_000).toISOString(),
      plannedEnd: new Date(Date.parse(from) + 6 * 3_600_000).toISOString(),
    });
    const earlier = await raise({ plannedStart: from, plannedEnd: week.plannedEnd });
    const outside = await raise({});
    const to = new Date(Date.parse(from) + 86_400_000).toISOString();
    // Act
    const calendar = await platform.call('GET', `/changes?from=${from}&to=${to}`, { role: 'agent' });
    const backwards = await platform.call('GET', `/changes?from=${to}&to=${from}`, { role: 'agent' });
    // Assess
    expect(calendar.body.items.map((item: { id: string }) => item.id)).toEqual([earlier.id, later.id]);
    expect(calendar.body.items.map((item: { id: string }) => item.id)).not.toContain(outside.id);
    expect(backwards.status).toBe(400);
  });

  it('reviews a failed change and links the incident it caused on both sides', async () => {
    // Prepare
    const change = await raise({ type: 'standard' });
    for (const state of ['scheduled', 'implement', 'review']) await patch(change.id, { state });
    const incident = await platform.call('POST', '/incidents', {
      role: 'agent',
      body: { title: 'DB errors after patch', impact: 2, urgency: 2, ciId: database },
    });
    // Act
    const unknown = await patch(change.id, {
      reviewOutcome: 'failed',
      causedIncidentIds: ['no-such-incident'],
    });
    const reviewed = await patch(change.id, {
      reviewOutcome: 'failed',
      causedIncidentIds: [incident.body.id],
    });
    const closed = await patch(change.id, { state: 'closed' });
    const linked = await platform.call('GET', `/incidents/${incident.body.id}`, { role: 'agent' });
    // Assess
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      { path: 'causedIncidentIds.0', message: 'no incident with that id' },
    ]);
    expect(reviewed.body).toMatchObject({ reviewOutcome: 'failed', causedIncidentIds: [incident.body.id] });
    expect(closed.body.state).toBe('closed');
    expect(linked.body.changeIds).toEqual([change.id]);
  });

  it('refuses bad input with 4xx problem+json and writes nothing', async () => {
    // Prepare
    const before = await platform.call('GET', '/changes?limit=200', { role: 'agent' });
    const own = await raise({}, 'admin', 'boss');
    await toAuthorize(own.id);
    const slotTimes = nextSlot();
    // Act
    const unknownType = await platform.call('POST', '/changes', {
      role: 'agent',
      body: { title: 'x', type: 'urgent', ciIds: [database], ...slotTimes },
    });
    const endBeforeStart = await platform.call('POST', '/changes', {
      role: 'agent',
      body: {
        title: 'x',
        type: 'normal',
        ciIds: [database],
        plannedStart: slotTimes.plannedEnd,
        plannedEnd: slotTimes.plannedStart,
      },
    });
    const windowBackwards = await platform.call('POST', '/change-windows', {
      role: 'change_manager',
      body: { kind: 'blackout', start: slotTimes.plannedEnd, end: slotTimes.plannedStart, reason: 'x' },
    });
    const ownApproval = await vote(own.id, 'approve', 'admin', 'boss');
    const requesterRaises = await platform.call('POST', '/changes', {
      role: 'requester',
      body: { title: 'x', type: 'normal', ciIds: [database], ...slotTimes },
    });
    const after = await platform.call('GET', '/changes?limit=200', { role: 'agent' });
    const ownAfter = await platform.call('GET', `/changes/${own.id}`, { role: 'agent' });
    // Assess
    expect(unknownType.status).toBe(422);
    expect(unknownType.body.errors).toEqual([expect.objectContaining({ path: 'type' })]);
    expect(endBeforeStart.status).toBe(422);
    expect(endBeforeStart.body.errors).toEqual([expect.objectContaining({ path: 'plannedEnd' })]);
    expect(windowBackwards.status).toBe(422);
    expect(ownApproval.status).toBe(403);
    expect(requesterRaises.status).toBe(403);
    for (const refused of [unknownType, endBeforeStart, windowBackwards, ownApproval, requesterRaises])
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(after.body.items.length).toBe(before.body.items.length + 1);
    expect(ownAfter.body).toMatchObject({ version: own.version + 2, approvals: [] });
  });

  it('records every change in the history', async () => {
    const change = await raise({}, 'agent', 'dana');
    await patch(change.id, { state: 'assess' });
    const history = await platform.call('GET', `/changes/${change.id}/history`, { role: 'agent' });
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ version: 2, actor: 'agent-user', field: 'state', from: 'new', to: 'assess' }),
    );
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ version: 1, actor: 'dana', field: 'risk' }),
    );
  });
});
