import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureQueue } from '../../infra/local/local-aws.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
let sqs: SQSClient;
let queueUrl: string;

const hour = 3_600_000;
const day = 24 * hour;
const allDay = [['00:00', '24:00']];
const everyDay = {
  mon: allDay,
  tue: allDay,
  wed: allDay,
  thu: allDay,
  fri: allDay,
  sat: allDay,
  sun: allDay,
};
/** Tokyo keeps no daylight saving, so its local date is UTC + 9 h by plain arithmetic. */
const tokyoDate = (ms: number) => new Date(ms + 9 * hour).toISOString().slice(0, 10);

beforeAll(async () => {
  platform = await startTestPlatform();
  sqs = new SQSClient(clientConfig(platform.motoEndpoint));
  const events = new EventBridgeClient(clientConfig(platform.motoEndpoint));
  const queue = await ensureQueue(sqs, `sla-observer-${platform.busName}`);
  queueUrl = queue.url;
  await events.send(
    new PutRuleCommand({
      Name: 'observe-sla',
      EventBusName: platform.busName,
      EventPattern: JSON.stringify({ source: ['opsdesk'], 'detail-type': ['SLA Warning', 'SLA Breached'] }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'observe-sla',
      EventBusName: platform.busName,
      Targets: [{ Id: 'observer', Arn: queue.arn }],
    }),
  );
});
afterAll(async () => {
  await platform?.stop();
});

interface SlaEventMessage {
  'detail-type': string;
  detail: { id: string; policyId: string; percent: number; metric: string; version: number; type: string };
}

const publishedSlaEvents = async (): Promise<SlaEventMessage[]> => {
  await platform.outbox.drain();
  const received: SlaEventMessage[] = [];
  for (let emptyRounds = 0; emptyRounds < 2; ) {
    const batch = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    const messages = batch.Messages ?? [];
    if (messages.length === 0) emptyRounds++;
    for (const message of messages) received.push(JSON.parse(message.Body ?? '{}') as SlaEventMessage);
    if (messages.length > 0)
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: messages.map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
  }
  return received;
};

const admin = (method: string, path: string, body: unknown) =>
  platform.call(method, path, { role: 'admin', body });
const slaOf = (incident: { slas: Array<{ policyId: string }> }, policyId: string) =>
  incident.slas.find((sla) => sla.policyId === policyId) as Record<string, unknown> | undefined;
const patch = (id: string, body: unknown) =>
  platform.call('PATCH', `/incidents/${id}`, { role: 'agent', body });

describe('service levels over HTTP', () => {
  it('lets an admin set a calendar and policies, and refuses others with 403 writing nothing', async () => {
    // Prepare / Act
    const calendar = {
      timezone: 'Europe/Berlin',
      week: { mon: [['09:00', '17:00']] },
      holidays: ['2026-12-25'],
    };
    const created = await admin('PUT', '/calendars/berlin-office', calendar);
    const replaced = await admin('PUT', '/calendars/berlin-office', calendar);
    const policy = { recordType: 'incident', priorities: [5], metric: 'response', targetSeconds: 600 };
    const byRequester = await platform.call('PUT', '/sla-policies/p5-response', {
      role: 'requester',
      body: policy,
    });
    const byAgent = await platform.call('PUT', '/sla-policies/p5-response', { role: 'agent', body: policy });
    const afterRefusal = await platform.call('GET', '/sla-policies/p5-response', { role: 'agent' });
    const accepted = await admin('PUT', '/sla-policies/p5-response', policy);
    const read = await platform.call('GET', '/sla-policies/p5-response', { role: 'agent' });
    // Assess
    expect(created.status).toBe(201);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: 'berlin-office', ...calendar });
    expect(byRequester.status).toBe(403);
    expect(byAgent.status).toBe(403);
    expect(afterRefusal.status).toBe(404);
    expect(accepted.status).toBe(201);
    expect(read.body).toMatchObject({ id: 'p5-response', ...policy, pauseStates: [], warnAt: [] });
  });

  it('refuses a bad calendar and a policy on a missing calendar with 422', async () => {
    const badCalendar = await admin('PUT', '/calendars/mars', {
      timezone: 'Mars/Olympus',
      week: { mon: [['09:00', '25:00']] },
      holidays: ['2026-02-30'],
    });
    const badPolicy = await admin('PUT', '/sla-policies/orphan', {
      recordType: 'incident',
      metric: 'resolution',
      targetSeconds: 60,
      calendarId: 'nowhere',
      pauseStates: ['resolved'],
    });
    expect(badCalendar.status).toBe(422);
    expect(badCalendar.body.errors.map((error: { path: string }) => error.path)).toEqual([
      'timezone',
      'week.mon[0][1]',
      'holidays[0]',
    ]);
    expect(badPolicy.status).toBe(422);
    expect(badPolicy.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'calendarId',
      'pauseStates[0]',
    ]);
    expect((await platform.call('GET', '/calendars/mars', { role: 'agent' })).status).toBe(404);
  });

  it('attaches SLAs with independently computed dueAt, pauses on hold and is met on resolve', async () => {
    // Prepare: stay clear of Tokyo midnight, so "tomorrow" is the same day for test and server.
    const msToMidnight = day - ((Date.now() + 9 * hour) % day);
    if (msToMidnight < 15_000) await new Promise((resolve) => setTimeout(resolve, msToMidnight + 1000));
    const tomorrow = tokyoDate(Date.now() + day);
    await admin('PUT', '/calendars/tokyo-round-the-clock', {
      timezone: 'Asia/Tokyo',
      week: everyDay,
      holidays: [tomorrow],
    });
    await admin('PUT', '/sla-policies/p2-response', {
      recordType: 'incident',
      priorities: [2],
      metric: 'response',
      targetSeconds: 3600,
      warnAt: [50],
    });
    await admin('PUT', '/sla-policies/p2-resolution', {
      recordType: 'incident',
      priorities: [2],
      metric: 'resolution',
      targetSeconds: 2 * 86_400,
      calendarId: 'tokyo-round-the-clock',
      pauseStates: ['on_hold'],
    });
    // Act
    const created = await platform.call('POST', '/incidents', {
      role: 'requester',
      body: { title: 'Checkout fails', impact: 2, urgency: 1 },
    });
    const incident = created.body;
    const responded = await patch(incident.id, { state: 'in_progress' });
    const held = await patch(incident.id, { state: 'on_hold', holdReason: 'awaiting_vendor' });
    await patch(incident.id, { state: 'in_progress' });
    const resolved = await patch(incident.id, {
      state: 'resolved',
      resolutionCode: 'fixed',
      resolutionNotes: 'Vendor patched the gateway',
    });
    // Assess: 24x7 is created + target; on the Tokyo calendar the 48 business hours skip all of
    // tomorrow (a holiday), whatever the hour of creation, so the due time is created + 72 h.
    const createdMs = Date.parse(incident.createdAt);
    expect(created.status).toBe(201);
    expect(incident.priority).toBe(2);
    expect(slaOf(incident, 'p2-response')).toMatchObject({
      state: 'running',
      startedAt: incident.createdAt,
      dueAt: new Date(createdMs + 3_600_000).toISOString(),
    });
    expect(slaOf(incident, 'p2-resolution')).toMatchObject({
      state: 'running',
      dueAt: new Date(createdMs + 3 * day).toISOString(),
    });
    expect(incident.slas).toHaveLength(2);
    expect(slaOf(responded.body, 'p2-response')).toMatchObject({ state: 'met' });
    expect(slaOf(held.body, 'p2-resolution')).toMatchObject({ state: 'paused' });
    expect(slaOf(resolved.body, 'p2-resolution')).toMatchObject({ state: 'met' });
    expect(slaOf(resolved.body, 'p2-response')).toMatchObject({ state: 'met' });
  });

  it('sweeps a due clock once: one warning, one breach, the SLA marked breached', async () => {
    // Prepare: a 2-second target on priority 4 with a warning at 50 %
    await admin('PUT', '/sla-policies/p4-fast', {
      recordType: 'incident',
      priorities: [4],
      metric: 'resolution',
      targetSeconds: 2,
      warnAt: [50],
    });
    const created = await platform.call('POST', '/incidents', {
      role: 'agent',
      body: { title: 'Report job late', impact: 2, urgency: 3 },
    });
    const etag = created.headers.get('etag') ?? '"1"';
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    // Act
    const first = (await platform.invoke('sla-sweep')) as { warnings: number; breaches: number };
    const second = (await platform.invoke('sla-sweep')) as { warnings: number; breaches: number };
    const read = await platform.call('GET', `/incidents/${created.body.id}`, { role: 'agent' });
    const events = (await publishedSlaEvents()).filter((event) => event.detail.id === created.body.id);
    // A client's ETag taken before the sweep is still good after it.
    const changed = await platform.call('PATCH', `/incidents/${created.body.id}`, {
      role: 'agent',
      headers: { 'if-match': etag },
      body: { state: 'in_progress' },
    });
    const history = await platform.call('GET', `/incidents/${created.body.id}/history`, { role: 'agent' });
    // Assess
    expect(first).toMatchObject({ warnings: 1, breaches: 1 });
    expect(second).toMatchObject({ dueRecords: 0, warnings: 0, breaches: 0 });
    expect(slaOf(read.body, 'p4-fast')).toMatchObject({ state: 'breached' });
    expect(read.body.version).toBe(1);
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect(slaOf(changed.body, 'p4-fast')).toMatchObject({ state: 'breached' });
    // Every version has its history lines (one per field), 1 and 2: no gap for the sweep's visit.
    const versions = new Set(history.body.items.map((line: { version: number }) => line.version));
    expect([...versions].sort()).toEqual([1, 2]);
    expect(
      events.map((event) => [event['detail-type'], event.detail.policyId, event.detail.percent]),
    ).toEqual([
      ['SLA Warning', 'p4-fast', 50],
      ['SLA Breached', 'p4-fast', 100],
    ]);
    expect(events[1]?.detail).toMatchObject({ type: 'incident', version: 1, metric: 'resolution' });
  });

  it('reports attainment per policy and priority to agents, not to requesters', async () => {
    const from = new Date(Date.now() - hour).toISOString();
    const to = new Date(Date.now() + hour).toISOString();
    const report = await platform.call('GET', `/reports/sla?from=${from}&to=${to}`, { role: 'agent' });
    const denied = await platform.call('GET', `/reports/sla?from=${from}&to=${to}`, { role: 'requester' });
    const malformed = await platform.call('GET', '/reports/sla?from=yesterday', { role: 'agent' });
    const inverted = await platform.call('GET', `/reports/sla?from=${to}&to=${from}`, { role: 'agent' });
    const row = (policyId: string) =>
      report.body.items.find((item: { policyId: string }) => item.policyId === policyId);
    expect(report.status).toBe(200);
    expect(row('p2-response')).toMatchObject({ priority: 2, total: 1, met: 1, breached: 0, attainment: 1 });
    expect(row('p2-resolution')).toMatchObject({ priority: 2, met: 1, businessSeconds: { count: 1 } });
    expect(row('p4-fast')).toMatchObject({ priority: 4, breached: 1, inProgress: 0, attainment: 0 });
    expect(denied.status).toBe(403);
    expect(malformed.status).toBe(400);
    // A query that fails is 400 like any malformed query, naming the field
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors).toEqual([{ path: 'to', message: 'to must be after from' }]);
  });
});
