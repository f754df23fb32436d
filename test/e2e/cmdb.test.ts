import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

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

const relate = async (fromId: string, type: string, toId: string) => {
  const response = await platform.call('POST', '/relationships', { ...agent, body: { fromId, toId, type } });
  expect(response.status).toBe(201);
  return response.body as { id: string };
};

const healthOf = async (id: string) => (await platform.call('GET', `/cis/${id}`, agent)).body.health;

/** service depends_on application runs_on server. */
const chain = async (label: string) => {
  const service = await createCi({ name: `${label} service`, type: 'service', serviceTier: 1 });
  const application = await createCi({ name: `${label} app`, type: 'application' });
  const server = await createCi({ name: `${label} server`, type: 'server' });
  await relate(service.id, 'depends_on', application.id);
  await relate(application.id, 'runs_on', server.id);
  return { service, application, server };
};

describe('CMDB over HTTP: impact, impacted services and health', () => {
  it("lists the application at distance 1 and the service at distance 2 in the server's impact", async () => {
    // Prepare
    const { service, application, server } = await chain('checkout');
    // Act
    const impact = await platform.call('GET', `/cis/${server.id}/impact?depth=5`, agent);
    const dependencies = await platform.call('GET', `/cis/${service.id}/dependencies`, agent);
    // Assess
    expect(impact.status).toBe(200);
    expect(impact.body.items).toEqual([
      expect.objectContaining({
        ciId: application.id,
        name: 'checkout app',
        type: 'application',
        distance: 1,
        path: [server.id, application.id],
      }),
      expect.objectContaining({
        ciId: service.id,
        name: 'checkout service',
        type: 'service',
        distance: 2,
        path: [server.id, application.id, service.id],
      }),
    ]);
    expect(
      dependencies.body.items.map((item: { ciId: string; distance: number }) => [item.ciId, item.distance]),
    ).toEqual([
      [application.id, 1],
      [server.id, 2],
    ]);
  });

  it('stops at the depth asked for and refuses a depth out of range', async () => {
    // Prepare
    const { application, server } = await chain('depth');
    // Act
    const shallow = await platform.call('GET', `/cis/${server.id}/impact?depth=1`, agent);
    const tooDeep = await platform.call('GET', `/cis/${server.id}/impact?depth=11`, agent);
    const unknown = await platform.call('GET', '/cis/no-such-ci/impact', agent);
    // Assess
    expect(shallow.body.items.map((item: { ciId: string }) => item.ciId)).toEqual([application.id]);
    expect(tooDeep.status).toBe(400);
    expect(unknown.status).toBe(404);
  });

  it('a P1 on the server shows the service as impacted and takes it down; resolving restores ok', async () => {
    // Prepare
    const { service, application, server } = await chain('payments');
    // Act
    const opened = await platform.call('POST', '/incidents', {
      ...agent,
      body: { title: 'Server unreachable', impact: 1, urgency: 1, ciId: server.id },
    });
    const whileOpen = {
      service: await healthOf(service.id),
      application: await healthOf(application.id),
      server: await healthOf(server.id),
    };
    const id = opened.body.id as string;
    await platform.call('PATCH', `/incidents/${id}`, { ...agent, body: { state: 'in_progress' } });
    const resolved = await platform.call('PATCH', `/incidents/${id}`, {
      ...agent,
      body: { state: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'Rebooted' },
    });
    // Assess
    expect(opened.status).toBe(201);
    expect(opened.body.impactedServices).toEqual([{ ciId: service.id, name: 'payments service' }]);
    expect(whileOpen).toEqual({ service: 'down', application: 'down', server: 'down' });
    expect(resolved.status).toBe(200);
    expect(await healthOf(service.id)).toBe('ok');
    expect(await healthOf(server.id)).toBe('ok');
  });

  it('a P3 degrades, and the worst open incident wins', async () => {
    // Prepare
    const { service, server } = await chain('mail');
    // Act
    await platform.call('POST', '/incidents', {
      ...agent,
      body: { title: 'Slow', impact: 2, urgency: 2, ciId: server.id },
    });
    const degraded = await healthOf(service.id);
    const p2 = await platform.call('POST', '/incidents', {
      ...agent,
      body: { title: 'Down', impact: 1, urgency: 2, ciId: server.id },
    });
    const down = await healthOf(service.id);
    await platform.call('PATCH', `/incidents/${p2.body.id}`, { ...agent, body: { state: 'canceled' } });
    // Assess
    expect(degraded).toBe('degraded');
    expect(down).toBe('down');
    expect(await healthOf(service.id)).toBe('degraded');
  });

  it('a new relationship to a CI that is down passes its health on', async () => {
    // Prepare
    const server = await createCi({ name: 'db host', type: 'server' });
    const application = await createCi({ name: 'ledger', type: 'application' });
    await platform.call('POST', '/incidents', {
      ...agent,
      body: { title: 'Disk failed', impact: 1, urgency: 1, ciId: server.id },
    });
    // Act
    await relate(application.id, 'runs_on', server.id);
    // Assess
    expect(await healthOf(application.id)).toBe('down');
  });
});

describe('CIs over HTTP', () => {
  it('creates, lists by filter, changes with If-Match and keeps every change in the history', async () => {
    // Prepare
    const arn = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-http-1';
    const ci = await createCi({
      name: 'web-1',
      type: 'server',
      externalId: arn,
      attributes: { owner: 'web' },
    });
    // Act
    const byArn = await platform.call('GET', `/cis?externalId=${encodeURIComponent(arn)}`, agent);
    const byType = await platform.call('GET', '/cis?type=server&name=web-1', agent);
    const stale = await platform.call('PATCH', `/cis/${ci.id}`, {
      ...agent,
      headers: { 'if-match': '"7"' },
      body: { name: 'web-01' },
    });
    const changed = await platform.call('PATCH', `/cis/${ci.id}`, {
      ...agent,
      headers: { 'if-match': `"${ci.version}"` },
      body: { name: 'web-01', attributes: { owner: null, team: 'edge' } },
    });
    const history = await platform.call('GET', `/cis/${ci.id}/history`, agent);
    // Assess
    expect(byArn.body.items.map((item: { id: string }) => item.id)).toEqual([ci.id]);
    expect(byType.body.items.map((item: { id: string }) => item.id)).toEqual([ci.id]);
    expect(stale.status).toBe(412);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(changed.body).toMatchObject({
      name: 'web-01',
      attributes: { team: 'edge' },
      attributeSources: { team: 'manual' },
      status: 'active',
      health: 'ok',
    });
    expect(history.body.items.filter((line: { version: number }) => line.version === 2)).toEqual([
      expect.objectContaining({ field: 'name', from: 'web-1', to: 'web-01' }),
      expect.objectContaining({ field: 'attributes.owner', from: 'web', to: null }),
      expect.objectContaining({ field: 'attributes.team', from: null, to: 'edge' }),
    ]);
  });

  it('DELETE retires the CI, keeps it readable and removes its relationships', async () => {
    // Prepare
    const { service, application, server } = await chain('legacy');
    // Act
    const deleted = await platform.call('DELETE', `/cis/${application.id}`, agent);
    const read = await platform.call('GET', `/cis/${application.id}`, agent);
    const serviceEdges = await platform.call('GET', `/cis/${service.id}/relationships`, agent);
    const serverImpact = await platform.call('GET', `/cis/${server.id}/impact`, agent);
    const retiredList = await platform.call('GET', '/cis?status=retired&name=legacy%20app', agent);
    const relateRetired = await platform.call('POST', '/relationships', {
      ...agent,
      body: { fromId: service.id, toId: application.id, type: 'depends_on' },
    });
    // Assess
    expect(deleted.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'retired' });
    expect(serviceEdges.body.items).toEqual([]);
    expect(serverImpact.body.items).toEqual([]);
    expect(retiredList.body.items.map((item: { id: string }) => item.id)).toEqual([application.id]);
    expect(relateRetired.status).toBe(422);
  });

  it('lists a CI relationships in both directions and removes one by its id', async () => {
    // Prepare
    const { service, application, server } = await chain('portal');
    // Act
    const listed = await platform.call('GET', `/cis/${application.id}/relationships`, agent);
    const edgeId = listed.body.items.find((edge: { toId: string }) => edge.toId === server.id).id;
    const removed = await platform.call('DELETE', `/relationships/${edgeId}`, agent);
    const again = await platform.call('DELETE', `/relationships/${edgeId}`, agent);
    const after = await platform.call('GET', `/cis/${application.id}/relationships`, agent);
    // Assess
    expect(
      listed.body.items.map((edge: { fromId: string; type: string; toId: string; direction: string }) => [
        edge.direction,
        edge.fromId,
        edge.type,
        edge.toId,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['in', service.id, 'depends_on', application.id],
        ['out', application.id, 'runs_on', server.id],
      ]),
    );
    expect(removed.status).toBe(200);
    expect(again.status).toBe(404);
    expect(after.body.items.map((edge: { fromId: string }) => edge.fromId)).toEqual([service.id]);
  });
});

describe('idempotent creates', () => {
  it('the same Idempotency-Key and body create one CI and one relationship; another body is 409', async () => {
    // Prepare
    const server = await createCi({ name: 'idem host', type: 'server' });
    const ciBody = { name: 'idem app', type: 'application' };
    const post = (path: string, key: string, body: unknown) =>
      platform.call('POST', path, { ...agent, headers: { 'idempotency-key': key }, body });
    // Act
    const first = await post('/cis', 'ci-key-1', ciBody);
    const again = await post('/cis', 'ci-key-1', ciBody);
    const edge = { fromId: first.body.id, toId: server.id, type: 'runs_on' };
    const edgeFirst = await post('/relationships', 'edge-key-1', edge);
    const edgeAgain = await post('/relationships', 'edge-key-1', edge);
    const edgeOther = await post('/relationships', 'edge-key-1', { ...edge, type: 'hosted_on' });
    const named = await platform.call('GET', '/cis?name=idem%20app', agent);
    const edges = await platform.call('GET', `/cis/${server.id}/relationships`, agent);
    // Assess
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(named.body.items).toHaveLength(1);
    expect([edgeFirst.status, edgeAgain.status, edgeOther.status]).toEqual([201, 201, 409]);
    expect(edgeAgain.body.id).toBe(edgeFirst.body.id);
    expect(edges.body.items).toHaveLength(1);
  });
});

describe('bad input to the CMDB is 4xx problem+json and writes nothing', () => {
  const expectProblem = (response: { status: number; headers: Headers }, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  };

  it('an edge to an unknown CI, a self-edge, a duplicate edge and an unknown edge type', async () => {
    // Prepare
    const application = await createCi({ name: 'orders', type: 'application' });
    const server = await createCi({ name: 'orders host', type: 'server' });
    await relate(application.id, 'runs_on', server.id);
    const post = (body: unknown) => platform.call('POST', '/relationships', { ...agent, body });
    // Act
    const unknownEnd = await post({ fromId: application.id, toId: 'no-such-ci', type: 'runs_on' });
    const selfEdge = await post({ fromId: application.id, toId: application.id, type: 'runs_on' });
    const duplicate = await post({ fromId: application.id, toId: server.id, type: 'runs_on' });
    const badType = await post({ fromId: application.id, toId: server.id, type: 'likes' });
    const edges = await platform.call('GET', `/cis/${application.id}/relationships`, agent);
    // Assess
    expectProblem(unknownEnd, 422);
    expect(unknownEnd.body.errors).toEqual([{ path: 'toId', message: 'No CI has this id' }]);
    expectProblem(selfEdge, 422);
    expectProblem(duplicate, 409);
    expectProblem(badType, 422);
    expect(edges.body.items).toHaveLength(1);
  });

  it('a duplicate ARN, an unknown CI type and a bad attribute', async () => {
    // Prepare
    const arn = 'arn:aws:rds:eu-west-1:123456789012:db:orders-db';
    const first = await createCi({ name: 'orders-db', type: 'database', externalId: arn });
    // Act
    const duplicate = await platform.call('POST', '/cis', {
      ...agent,
      body: { name: 'orders-db copy', type: 'database', externalId: arn },
    });
    const unknownType = await platform.call('POST', '/cis', {
      ...agent,
      body: { name: 'x', type: 'spaceship' },
    });
    const badAttribute = await platform.call('POST', '/cis', {
      ...agent,
      body: { name: 'y', type: 'server', attributes: { nested: { no: 1 } } },
    });
    const requester = await platform.call('POST', '/cis', {
      role: 'requester',
      body: { name: 'z', type: 'server' },
    });
    const sameArn = await platform.call('GET', `/cis?externalId=${encodeURIComponent(arn)}`, agent);
    const named = await platform.call('GET', '/cis?name=x', agent);
    // Assess
    expectProblem(duplicate, 409);
    expect(duplicate.body.ciId).toBe(first.id);
    expectProblem(unknownType, 422);
    expect(unknownType.body.errors.map((error: { path: string }) => error.path)).toEqual(['type']);
    expectProblem(badAttribute, 422);
    expect(badAttribute.body.errors.map((error: { path: string }) => error.path)).toEqual([
      'attributes.nested',
    ]);
    expectProblem(requester, 403);
    expect(sameArn.body.items).toHaveLength(1);
    expect(named.body.items).toEqual([]);
  });
});
