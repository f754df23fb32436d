import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

/**
 * Issue 9, items 1, 2 and 12: no valid-looking input causes a 5xx, references must exist, and
 * titles must say something. Every refused request also writes nothing.
 */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const agent = { role: 'agent' };

const createCi = async (body: Record<string, unknown>) => {
  const response = await platform.call('POST', '/cis', { ...agent, body });
  expect(response.status).toBe(201);
  return response.body as { id: string; version: number };
};

const createIncident = async (body: Record<string, unknown>, role = 'agent', sub?: string) => {
  const response = await platform.call('POST', '/incidents', { role, sub, body });
  expect(response.status).toBe(201);
  return response.body as { id: string; version: number; parentId?: string };
};

/** Ids of every record in a list (one page is enough for these small tables). */
const idsOf = async (path: string) => {
  const response = await platform.call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=200`, agent);
  expect(response.status).toBe(200);
  return (response.body.items as Array<{ id: string }>).map((item) => item.id).sort();
};

const expect422 = (
  response: { status: number; headers: Headers; body: { errors?: Array<{ path: string; message: string }> } },
  path: string,
  message?: string | RegExp,
) => {
  expect(response.status).toBe(422);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const error = response.body.errors?.find((entry) => entry.path === path);
  expect(error, JSON.stringify(response.body)).toBeDefined();
  if (typeof message === 'string') expect(error?.message).toBe(message);
  else if (message) expect(error?.message).toMatch(message);
};

let slot = 0;
const nextSlot = () => {
  slot += 1;
  const start = Date.UTC(2028, 0, 3) + slot * 7 * 86_400_000;
  return {
    plannedStart: new Date(start).toISOString(),
    plannedEnd: new Date(start + 3_600_000).toISOString(),
  };
};

describe('input that would overflow a DynamoDB key is a 422, never a 5xx', () => {
  it('POST /cis with an externalId near 2048 characters is 422 naming externalId and writes nothing', async () => {
    const before = await idsOf('/cis');
    const arn = `arn:aws:s3:::${'a'.repeat(2048 - 13)}`;
    const refused = await platform.call('POST', '/cis', {
      ...agent,
      body: { name: 'huge bucket', type: 'storage', externalId: arn },
    });
    expect(arn).toHaveLength(2048);
    expect422(refused, 'externalId', 'must have at most 2034 characters');
    expect(refused.body.errors).toHaveLength(1);
    expect(await idsOf('/cis')).toEqual(before);
  });

  it('counts UTF-8 bytes, not characters: 700 three-byte characters are refused', async () => {
    const refused = await platform.call('POST', '/cis', {
      ...agent,
      body: { name: 'wide', type: 'other', externalId: '€'.repeat(700) },
    });
    expect422(refused, 'externalId', /bytes/);
  });

  it('the longest accepted externalId is stored, found by its index and guarded', async () => {
    const limit = 2048 - 'ci#externalId#'.length;
    const arn = `arn:aws:s3:::${'b'.repeat(limit - 13)}`;
    const created = await createCi({ name: 'edge bucket', type: 'storage', externalId: arn });
    const again = await platform.call('POST', '/cis', {
      ...agent,
      body: { name: 'edge bucket 2', type: 'storage', externalId: arn },
    });
    const listed = await platform.call('GET', `/cis?externalId=${encodeURIComponent(arn)}`, agent);
    const tooLong = await platform.call('GET', `/cis?externalId=${encodeURIComponent(`${arn}b`)}`, agent);
    expect(again.status).toBe(409);
    expect(listed.body.items.map((ci: { id: string }) => ci.id)).toEqual([created.id]);
    expect(tooLong.status).toBe(400);
  });
});

describe('references must exist', () => {
  it('POST /incidents with an unknown ciId, serviceId or parentId is 422 naming each and writes nothing', async () => {
    const before = await idsOf('/incidents');
    const ghost = (field: string) =>
      platform.call('POST', '/incidents', {
        ...agent,
        body: { title: 'Ghost', impact: 2, urgency: 2, [field]: `no-such-${field}` },
      });
    expect422(await ghost('ciId'), 'ciId', 'no CI with that id');
    expect422(await ghost('serviceId'), 'serviceId', 'no CI with that id');
    expect422(await ghost('parentId'), 'parentId', 'no incident with that id');
    expect(await idsOf('/incidents')).toEqual(before);
  });

  it('lists every unknown reference of one request at once', async () => {
    const refused = await platform.call('POST', '/incidents', {
      ...agent,
      body: { title: 'Ghost', impact: 2, urgency: 2, ciId: 'nope-ci', serviceId: 'nope-svc' },
    });
    expect422(refused, 'ciId', 'no CI with that id');
    expect422(refused, 'serviceId', 'no CI with that id');
  });

  it('a retired CI gets no new incident and no new change', async () => {
    const ci = await createCi({ name: 'old box', type: 'server' });
    expect((await platform.call('DELETE', `/cis/${ci.id}`, agent)).status).toBe(200);
    const incidentsBefore = await idsOf('/incidents');
    const changesBefore = await idsOf('/changes');
    const incident = await platform.call('POST', '/incidents', {
      ...agent,
      body: { title: 'Old box down', impact: 2, urgency: 2, ciId: ci.id },
    });
    const change = await platform.call('POST', '/changes', {
      ...agent,
      body: { title: 'Patch old box', type: 'normal', ciIds: [ci.id], ...nextSlot() },
    });
    expect422(incident, 'ciId', 'CI is retired');
    expect422(change, 'ciIds.0', 'CI is retired');
    expect(await idsOf('/incidents')).toEqual(incidentsBefore);
    expect(await idsOf('/changes')).toEqual(changesBefore);
  });

  it('POST /changes with an unknown ciId is 422 naming its position and writes nothing', async () => {
    const known = await createCi({ name: 'known', type: 'database' });
    const before = await idsOf('/changes');
    const refused = await platform.call('POST', '/changes', {
      ...agent,
      body: { title: 'Patch', type: 'normal', ciIds: [known.id, 'ghost-ci'], ...nextSlot() },
    });
    expect422(refused, 'ciIds.1', 'no CI with that id');
    expect(refused.body.errors.some((error: { path: string }) => error.path === 'ciIds.0')).toBe(false);
    expect(await idsOf('/changes')).toEqual(before);
  });

  it('PATCH /incidents to an unknown ciId or serviceId is 422 and leaves the incident unchanged', async () => {
    const ci = await createCi({ name: 'patch ci', type: 'server' });
    const incident = await createIncident({ title: 'Disk full', impact: 3, urgency: 3, ciId: ci.id });
    const toCi = await platform.call('PATCH', `/incidents/${incident.id}`, {
      ...agent,
      body: { ciId: 'ghost' },
    });
    const toService = await platform.call('PATCH', `/incidents/${incident.id}`, {
      ...agent,
      body: { serviceId: 'ghost' },
    });
    const toParent = await platform.call('PATCH', `/incidents/${incident.id}`, {
      ...agent,
      body: { parentId: 'ghost' },
    });
    const after = await platform.call('GET', `/incidents/${incident.id}`, agent);
    expect422(toCi, 'ciId', 'no CI with that id');
    expect422(toService, 'serviceId', 'no CI with that id');
    expect422(toParent, 'parentId', 'no incident with that id');
    expect(after.body).toMatchObject({ version: 1, ciId: ci.id });
  });

  it('PATCH /incidents may still clear its CI, and may move it to another active CI', async () => {
    const first = await createCi({ name: 'first', type: 'server' });
    const second = await createCi({ name: 'second', type: 'server' });
    const incident = await createIncident({ title: 'Slow', impact: 3, urgency: 3, ciId: first.id });
    const moved = await platform.call('PATCH', `/incidents/${incident.id}`, {
      ...agent,
      body: { ciId: second.id },
    });
    const cleared = await platform.call('PATCH', `/incidents/${incident.id}`, {
      ...agent,
      body: { ciId: null },
    });
    expect(moved.body).toMatchObject({ ciId: second.id, version: 2 });
    expect(cleared.status).toBe(200);
    expect(cleared.body.ciId).toBeUndefined();
  });

  it('PATCH /changes to an unknown ciId is 422 and leaves the change unchanged', async () => {
    const ci = await createCi({ name: 'change ci', type: 'database' });
    const created = await platform.call('POST', '/changes', {
      ...agent,
      body: { title: 'Patch', type: 'normal', ciIds: [ci.id], ...nextSlot() },
    });
    expect(created.status).toBe(201);
    const refused = await platform.call('PATCH', `/changes/${created.body.id}`, {
      ...agent,
      body: { ciIds: [ci.id, 'ghost'] },
    });
    const after = await platform.call('GET', `/changes/${created.body.id}`, agent);
    expect422(refused, 'ciIds.1', 'no CI with that id');
    expect(after.body).toMatchObject({ version: 1, ciIds: [ci.id] });
  });
});

describe('creating a child incident (item 12)', () => {
  it('an agent sets parentId at creation; the parent lists the child', async () => {
    const parent = await createIncident({ title: 'Data centre power', impact: 1, urgency: 1 });
    const child = await createIncident({ title: 'Rack 7 down', impact: 2, urgency: 2, parentId: parent.id });
    const children = await idsOf(`/incidents?parentId=${parent.id}`);
    expect(child.parentId).toBe(parent.id);
    expect(children).toEqual([child.id]);
  });

  it('a requester may not set parentId (403) and nothing is written', async () => {
    const parent = await createIncident({ title: 'Mail down', impact: 1, urgency: 1 });
    const before = await idsOf('/incidents');
    const refused = await platform.call('POST', '/incidents', {
      role: 'requester',
      sub: 'rita',
      body: { title: 'My mail', impact: 3, urgency: 3, parentId: parent.id },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await idsOf('/incidents')).toEqual(before);
  });
});

describe('a title of only white space is 422', () => {
  const blank = ' \t\n\u00a0 ';

  it('for incidents, on create and on change', async () => {
    const before = await idsOf('/incidents');
    const refused = await platform.call('POST', '/incidents', {
      ...agent,
      body: { title: blank, impact: 2, urgency: 2 },
    });
    const incident = await createIncident({ title: 'Printer jam', impact: 3, urgency: 3 });
    const patched = await platform.call('PATCH', `/incidents/${incident.id}`, {
      ...agent,
      body: { title: '   ' },
    });
    const after = await platform.call('GET', `/incidents/${incident.id}`, agent);
    expect422(refused, 'title', 'An incident needs a title');
    expect422(patched, 'title', 'An incident needs a title');
    expect(await idsOf('/incidents')).toEqual([...before, incident.id].sort());
    expect(after.body).toMatchObject({ title: 'Printer jam', version: 1 });
  });

  it('for problems, changes and requests', async () => {
    const ci = await createCi({ name: 'title ci', type: 'server' });
    const problemsBefore = await idsOf('/problems');
    const changesBefore = await idsOf('/changes');
    const requestsBefore = await idsOf('/requests');
    const problem = await platform.call('POST', '/problems', { ...agent, body: { title: blank } });
    const change = await platform.call('POST', '/changes', {
      ...agent,
      body: { title: blank, type: 'normal', ciIds: [ci.id], ...nextSlot() },
    });
    const request = await platform.call('POST', '/requests', { ...agent, body: { item: blank } });
    expect422(problem, 'title', 'A problem needs a title');
    expect422(change, 'title', 'A change needs a title');
    expect422(request, 'item', 'A request needs an item');
    expect(await idsOf('/problems')).toEqual(problemsBefore);
    expect(await idsOf('/changes')).toEqual(changesBefore);
    expect(await idsOf('/requests')).toEqual(requestsBefore);
  });
});
