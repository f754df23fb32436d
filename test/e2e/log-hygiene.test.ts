import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { manifest, routesOf } from '#functions/manifest.ts';
import { maxBodyBytes } from '#http/middleware/json-request-body.ts';
import { localKeys, signLocalToken } from '../../infra/local/local-auth.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import { captureProcessOutput, type LogCapture } from '../support/log-capture.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { tempDataDir } from './local-processes.ts';

/**
 * Log hygiene (issue 13): a full workload over HTTP and the buses, with personal data in every
 * body, and a grep of everything the handlers logged. What may be logged: ids, route keys,
 * statuses, the caller's user id (`sub`). What may not: a bearer token or any JWT, an
 * `authorization` header value, an email address, a name or any other text that was only in a
 * request body or an inbound event's detail.
 */

// Before any handler module loads (the logger reads its level once): every level, DEBUG included.
const previousLevel = vi.hoisted(() => {
  const previous = process.env.POWERTOOLS_LOG_LEVEL;
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  return previous;
});

/** People who appear only in request bodies and event details. */
const people = [
  { name: 'Quilla Brandywyne', email: 'quilla.brandywyne@example.org', phone: '+44 20 7946 0958' },
  {
    name: 'Thaddeus Okonkwo-Lindqvist',
    email: 't.okonkwo-lindqvist@mail.example.net',
    phone: '+1 202 555 0143',
  },
];
const [quilla, thaddeus] = people as [(typeof people)[number], (typeof people)[number]];
/** A phrase only request bodies carry; each body adds its own numbered marker. */
const bodyPhrase = `bodytext-${randomUUID()}`;
let markers = 0;
const marker = () => `${bodyPhrase}-${++markers}`;
/** Prose the way people write it: a name, an address, a phone number, a marker. */
const prose = (person: (typeof people)[number]) =>
  `Reported by ${person.name} <${person.email}>, call ${person.phone}. ${marker()}`;

/** User ids (`sub`): these may appear in the logs. */
const users = {
  requester: 'u-requester-3f9c',
  agent: 'u-agent-81d2',
  change_manager: 'u-change-manager-5a07',
  admin: 'u-admin-c44e',
};
type Role = keyof typeof users;

let platform: TestPlatform;
let capture: LogCapture;
/** Every token and authorization value sent, to grep for. */
const secrets = new Set<string>();
/** What the workload sent and got, by status. */
const statuses: number[] = [];
const correlationId = `log-hygiene-${randomUUID()}`;

const tokenFor = async (role: Role) => {
  const token = await platform.token(role, users[role]);
  secrets.add(token);
  return token;
};

/**
 * One request as a client sends it: a bearer token for the role (or the given authorization),
 * a JSON body (or a raw one), the status back. No response contract check: this test is about
 * what the server writes down, and it sends many requests no contract lists.
 */
const send = async (
  method: string,
  path: string,
  options: {
    role?: Role;
    authorization?: string;
    body?: unknown;
    rawBody?: string;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
) => {
  const headers: Record<string, string> = { 'x-correlation-id': correlationId, ...options.headers };
  const authorization =
    options.authorization ?? (options.role ? `Bearer ${await tokenFor(options.role)}` : undefined);
  if (authorization) {
    headers.authorization = authorization;
    secrets.add(authorization);
  }
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${platform.url}${path}`, { method, headers, body });
  const text = await response.text();
  statuses.push(response.status);
  // biome-ignore lint/suspicious/noExplicitAny: responses of every shape.
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
};

const created = async (method: string, path: string, role: Role, body: unknown) => {
  const response = await send(method, path, { role, body });
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return response.body as { id: string; version?: number };
};

/** A JSON body of exactly `bytes` UTF-8 bytes that creates an incident in `group` if it is let through. */
const incidentBodyOfSize = (bytes: number, group: string) => {
  const shell = (padding: string) =>
    JSON.stringify({
      title: 'Oversized',
      impact: 3,
      urgency: 3,
      assignmentGroup: group,
      description: padding,
    });
  const prefix = `${prose(quilla)} `;
  const padding = prefix + 'x'.repeat(bytes - Buffer.byteLength(shell(prefix)));
  const body = shell(padding);
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
};

/** A platform event or an AWS service event, as `npm run event` puts it on a bus. */
const putEvent = async (bus: string, source: string, detailType: string, detail: unknown) => {
  const events = new EventBridgeClient(clientConfig(platform.motoEndpoint));
  const result = await events.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: bus, Source: source, DetailType: detailType, Detail: JSON.stringify(detail) },
      ],
    }),
  );
  expect(result.FailedEntryCount ?? 0).toBe(0);
};

/** The scenario: records of every kind, with personal data, through their life cycles. */
const driveRecords = async () => {
  expect((await send('GET', '/health')).status).toBe(200);
  expect((await send('GET', '/openapi.json')).status).toBe(200);

  // CMDB: CIs owned by people, a relationship between them.
  const laptop = await created('POST', '/cis', 'agent', {
    name: `Laptop of ${quilla.name}`,
    type: 'server',
    attributes: { owner: quilla.email, note: prose(quilla) },
  });
  const mailbox = await created('POST', '/cis', 'agent', {
    name: `Mailbox ${thaddeus.email}`,
    type: 'application',
  });
  const relationship = await created('POST', '/relationships', 'agent', {
    fromId: mailbox.id,
    toId: laptop.id,
    type: 'runs_on',
  });
  await send('GET', `/cis/${laptop.id}/impact`, { role: 'requester' });
  await send('PATCH', `/cis/${laptop.id}`, {
    role: 'agent',
    body: { attributes: { owner: thaddeus.email } },
    headers: { 'if-match': `"${laptop.version ?? 1}"` },
  });

  // Incidents: raised by a requester about themselves, worked by an agent, with comments.
  const incident = await created('POST', '/incidents', 'requester', {
    title: `VPN down for ${quilla.email}`,
    description: prose(quilla),
    impact: 2,
    urgency: 2,
    callerId: quilla.email,
    ciId: laptop.id,
  });
  await send('POST', `/incidents/${incident.id}/comments`, {
    role: 'requester',
    body: { body: `Still broken, ${quilla.name} here. ${marker()}`, visibility: 'public' },
  });
  await send('POST', `/incidents/${incident.id}/comments`, {
    role: 'agent',
    body: { body: `Called ${quilla.phone}, spoke to ${thaddeus.name}. ${marker()}`, visibility: 'work_note' },
  });
  await send('PATCH', `/incidents/${incident.id}`, {
    role: 'agent',
    body: { state: 'in_progress', assignee: thaddeus.email, description: prose(thaddeus) },
  });
  // A stale If-Match: 412.
  await send('PATCH', `/incidents/${incident.id}`, {
    role: 'agent',
    body: { description: prose(quilla) },
    headers: { 'if-match': '"1"' },
  });
  await send('GET', `/incidents/${incident.id}`, { role: 'requester' });
  await send('GET', `/incidents/${incident.id}/comments`, { role: 'requester' });
  await send('GET', `/incidents?callerId=${encodeURIComponent(quilla.email)}`, { role: 'agent' });

  // A problem with the incident linked, a change on the laptop with an approval, a request.
  const problem = await created('POST', '/problems', 'agent', {
    title: `Tunnel drops for ${thaddeus.name}`,
    description: prose(thaddeus),
  });
  await send('POST', `/problems/${problem.id}/incidents`, {
    role: 'agent',
    body: { incidentId: incident.id },
  });
  const start = Date.UTC(2031, 4, 5, 22);
  const change = await created('POST', '/changes', 'agent', {
    title: `Reimage the laptop of ${quilla.name}`,
    description: prose(quilla),
    type: 'normal',
    ciIds: [laptop.id],
    plannedStart: new Date(start).toISOString(),
    plannedEnd: new Date(start + 3_600_000).toISOString(),
  });
  await send('PATCH', `/changes/${change.id}`, { role: 'agent', body: { state: 'assess' } });
  await send('PATCH', `/changes/${change.id}`, { role: 'agent', body: { state: 'authorize' } });
  await send('POST', `/changes/${change.id}/approvals`, {
    role: 'change_manager',
    body: { decision: 'approve', comment: `Fine by ${thaddeus.name}. ${marker()}` },
  });
  const request = await created('POST', '/requests', 'requester', {
    item: `Headset for ${quilla.name}`,
    justification: prose(quilla),
  });
  await send('PATCH', `/requests/${request.id}`, { role: 'agent', body: { state: 'approved' } });

  // Every route of the manifest, once, with the ids above and a body no schema accepts: an
  // unknown field named after a person, holding their details (422, 400 or 404, never 5xx).
  const ids: Record<string, string> = {
    incidents: incident.id,
    problems: problem.id,
    changes: change.id,
    requests: request.id,
    cis: laptop.id,
    relationships: 'no-such-relationship',
    calendars: 'personal-calendar',
    'sla-policies': 'personal-policy',
  };
  for (const route of manifest.flatMap(routesOf)) {
    const path = route.path
      .replace(
        /^\/([\w-]+)\/\{id\}/,
        (_match, resource: string) => `/${resource}/${ids[resource] ?? 'unknown'}`,
      )
      .replace('{key}', 'cpu');
    const deletes = route.method === 'DELETE';
    await send(route.method, deletes ? path.replace(/\/[^/]+$/, '/no-such-id') : path, {
      role: 'admin',
      ...(['POST', 'PUT', 'PATCH'].includes(route.method)
        ? { body: { [quilla.email]: prose(quilla), [thaddeus.name]: thaddeus.phone } }
        : {}),
    });
  }
  expect(relationship.id).toBeDefined();
};

/** Refusals before and inside the handlers: bad tokens, wrong roles, bad bodies. */
const driveRefusals = async () => {
  const foreign = await signLocalToken(await localKeys(tempDataDir('log-hygiene-foreign')), {
    sub: users.agent,
    roles: ['agent'],
  });
  const expired = await signLocalToken(await localKeys(platform.dataDir), {
    sub: users.agent,
    roles: ['agent'],
    expiresIn: '-1m',
  });
  secrets.add(foreign);
  secrets.add(expired);
  const basic = `Basic ${Buffer.from(`${quilla.email}:hunter2-${marker()}`).toString('base64')}`;
  for (const authorization of [
    `Bearer ${foreign}`,
    `Bearer ${expired}`,
    `Bearer not-a-jwt-${marker()}`,
    basic,
    '',
  ])
    expect((await send('GET', '/incidents', { authorization })).status).toBe(401);
  // Roles: a requester may not create a CI (403) nor read another's incident (404).
  expect(
    (await send('POST', '/cis', { role: 'requester', body: { name: quilla.name, type: 'server' } })).status,
  ).toBe(403);
  // Bodies: malformed JSON, another media type, every field wrong.
  expect(
    (await send('POST', '/incidents', { role: 'agent', rawBody: `{"title": "${quilla.email}",` })).status,
  ).toBe(400);
  expect(
    (await send('POST', '/incidents', { role: 'agent', rawBody: prose(thaddeus), contentType: 'text/plain' }))
      .status,
  ).toBe(415);
  expect(
    (
      await send('POST', '/incidents', {
        role: 'agent',
        body: { title: prose(quilla), impact: 9, urgency: quilla.email },
      })
    ).status,
  ).toBe(422);
  // A body past the limit, with personal data in it (413).
  expect(
    (
      await send('POST', '/incidents', {
        role: 'agent',
        rawBody: incidentBodyOfSize(maxBodyBytes + 1, 'oversized'),
      })
    ).status,
  ).toBe(413);
  // A duplicate: the CI name is taken (409).
  const name = `Workstation of ${thaddeus.name}`;
  await created('POST', '/cis', 'agent', { name, type: 'server', externalId: `ext-${thaddeus.email}` });
  expect(
    (
      await send('POST', '/cis', {
        role: 'agent',
        body: { name: `${name} 2`, type: 'server', externalId: `ext-${thaddeus.email}` },
      })
    ).status,
  ).toBe(409);
};

/** Events: a CloudWatch alarm and inbound Create Incident commands, one the intake cannot read. */
const driveEvents = async () => {
  const alarm = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/cloudwatch-alarms/metric-alarm.json'), 'utf8'),
  );
  alarm.detail.alarmName = `log-hygiene-${randomUUID()}`;
  alarm.detail.configuration.description = `Paging ${quilla.name} at ${quilla.phone}. ${marker()}`;
  await putEvent('default', alarm.source, alarm['detail-type'], alarm.detail);
  expect(await platform.rules.get('alarm-intake/alarm-state-change')?.drain()).toBe(1);

  await putEvent(platform.busName, 'opsdesk.inbound', 'Create Incident', {
    title: `Printer jam reported by ${thaddeus.email}`,
    description: prose(thaddeus),
    impact: 3,
    urgency: 3,
    callerId: thaddeus.email,
  });
  await putEvent(platform.busName, 'opsdesk.inbound', 'Create Incident', {
    title: 'x',
    impact: 3,
    urgency: 3,
    [quilla.email]: prose(quilla),
  });
  expect(await platform.rules.get('incident-intake/create-incident')?.drain()).toBe(2);

  // The schedules and the outbox publisher, over everything above.
  await platform.invoke('sla-sweep');
  await platform.invoke('metrics-ingest');
  await platform.outbox.drain();
};

// The capture runs from the first request to the greps: the workload here, then the size limit tests.
beforeAll(async () => {
  platform = await startTestPlatform();
  capture = captureProcessOutput();
  await driveRecords();
  await driveRefusals();
  await driveEvents();
});
afterAll(async () => {
  capture?.stop();
  await platform?.stop();
  if (previousLevel === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = previousLevel;
});

/** The captured lines holding `needle` (case-insensitive), for a failure message that shows them. */
const linesWith = (needle: string | RegExp) =>
  capture
    .lines()
    .filter((line) =>
      typeof needle === 'string' ? line.toLowerCase().includes(needle.toLowerCase()) : needle.test(line),
    );

describe('the request size limit', () => {
  it(`lets a body of exactly ${maxBodyBytes} bytes through to validation, and refuses one byte more with 413, writing nothing`, async () => {
    // Prepare
    const group = `size-${randomUUID().slice(0, 8)}`;
    // Act
    const atLimit = await send('POST', '/incidents', {
      role: 'agent',
      rawBody: incidentBodyOfSize(maxBodyBytes, group),
    });
    const over = await send('POST', '/incidents', {
      role: 'agent',
      rawBody: incidentBodyOfSize(maxBodyBytes + 1, group),
    });
    const listed = await send('GET', `/incidents?assignmentGroup=${group}`, { role: 'agent' });
    // Assess: the limit is the body's, not the description's (too long for it, so 422).
    expect(atLimit.status).toBe(422);
    expect(atLimit.body.errors).toEqual([expect.objectContaining({ path: 'description' })]);
    expect(over.status).toBe(413);
    expect(over.headers.get('content-type')).toBe('application/problem+json');
    expect(over.body).toEqual({
      type: 'https://opsdesk.dev/problems/413',
      title: 'Content Too Large',
      status: 413,
      detail: `The request body is larger than ${maxBodyBytes} bytes`,
    });
    expect(listed.body.items).toEqual([]);
  });

  it('refuses an oversized body on every route that takes one, before reading it', async () => {
    const body = incidentBodyOfSize(maxBodyBytes + 1, 'oversized');
    const refused: string[] = [];
    for (const route of manifest
      .flatMap(routesOf)
      .filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))) {
      const path = route.path.replace('{id}', 'some-id').replace('{key}', 'cpu');
      const response = await send(route.method, path, { role: 'admin', rawBody: body });
      if (response.status !== 413) refused.push(`${route.method} ${route.path}: ${response.status}`);
    }
    expect(refused).toEqual([]);
  });
});

describe('what the handlers log over a full workload', () => {
  // Runs after the size limit tests above, so their requests are in the capture too.
  beforeAll(() => capture.stop());

  it('captured the run: a line per request a handler answered, events and schedules', () => {
    // The capture works: without these the greps below would pass on nothing.
    const records = capture.records();
    const answered = records.filter(
      (record) => record.message === 'response' || record.message === 'refused',
    );
    const handled = statuses.filter((status) => status !== 401);
    expect(answered.length).toBe(handled.length);
    expect(answered.every((record) => record.correlationId === correlationId)).toBe(true);
    expect([...new Set(answered.map((record) => record.status))]).toEqual(
      expect.arrayContaining([200, 201, 400, 403, 404, 409, 412, 413, 415, 422]),
    );
    for (const message of [
      'alarm state change applied',
      'incident from event',
      'Create Incident event refused',
      'sla sweep',
    ])
      expect(
        records.some((record) => record.message === message),
        message,
      ).toBe(true);
    // Nothing failed: no 5xx answered, no defect logged.
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(
      records.filter((record) => record.level === 'ERROR' && record.message === 'unhandled error'),
    ).toEqual([]);
  });

  it('holds no bearer token, JWT or authorization header value', () => {
    expect(secrets.size).toBeGreaterThan(5);
    for (const secret of secrets) {
      const value = secret.replace(/^(Bearer|Basic)\s+/, '');
      if (value.length > 0) expect(linesWith(value), secret.slice(0, 24)).toEqual([]);
    }
    expect(linesWith(/eyJ[\w-]{8,}\.[\w-]{8,}/)).toEqual([]);
    expect(linesWith(/\b(bearer|basic)\s+\S/i)).toEqual([]);
    expect(linesWith('authorization')).toEqual([]);
  });

  it('holds no email address, name or phone number that came only in bodies and event details', () => {
    expect(linesWith(/[\w.+-]+@[\w-]+(\.[\w-]+)+/)).toEqual([]);
    for (const person of people) {
      expect(linesWith(person.name)).toEqual([]);
      expect(linesWith(person.phone)).toEqual([]);
      for (const part of person.name.split(/[\s-]+/)) expect(linesWith(part), part).toEqual([]);
    }
  });

  it('holds no request body content', () => {
    expect(markers).toBeGreaterThan(20);
    expect(linesWith(bodyPhrase)).toEqual([]);
    expect(linesWith('xxxxxxxxxxxxxxxx')).toEqual([]);
  });
});
