import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const submit = async (sub: string, body: Record<string, unknown> = {}) => {
  const response = await platform.call('POST', '/requests', {
    role: 'requester',
    sub,
    body: { item: 'Laptop', ...body },
  });
  expect(response.status).toBe(201);
  return response.body;
};

describe('service requests over HTTP', () => {
  it('goes submitted → approved → fulfilling → fulfilled, approved by an agent', async () => {
    // Prepare
    const request = await submit('rita', { quantity: 2, justification: 'New hires' });
    // Act
    const selfApproval = await platform.call('PATCH', `/requests/${request.id}`, {
      role: 'requester',
      sub: 'rita',
      body: { state: 'approved' },
    });
    const approved = await platform.call('PATCH', `/requests/${request.id}`, {
      role: 'agent',
      sub: 'alan',
      body: { state: 'approved' },
      headers: { 'if-match': '"1"' },
    });
    const fulfilling = await platform.call('PATCH', `/requests/${request.id}`, {
      role: 'agent',
      body: { state: 'fulfilling' },
    });
    const fulfilled = await platform.call('PATCH', `/requests/${request.id}`, {
      role: 'agent',
      body: { state: 'fulfilled' },
    });
    const skipped = await platform.call('PATCH', `/requests/${request.id}`, {
      role: 'agent',
      body: { state: 'submitted' },
    });
    const history = await platform.call('GET', `/requests/${request.id}/history`, {
      role: 'requester',
      sub: 'rita',
    });
    // Assess
    expect(request).toMatchObject({ state: 'submitted', quantity: 2, slas: expect.any(Array), version: 1 });
    expect(request.number).toMatch(/^REQ\d{7}$/);
    expect(selfApproval.status).toBe(403);
    expect(approved.body).toMatchObject({ state: 'approved', approvedBy: 'alan', version: 2 });
    expect(fulfilling.body.state).toBe('fulfilling');
    expect(fulfilled.body).toMatchObject({ state: 'fulfilled', fulfilledAt: expect.any(String) });
    expect(skipped.status).toBe(409);
    expect(history.body.items).toContainEqual(
      expect.objectContaining({
        version: 2,
        actor: 'alan',
        field: 'state',
        from: 'submitted',
        to: 'approved',
      }),
    );
  });

  it('shows a requester only their own requests', async () => {
    // Prepare
    const mine = await submit('sam');
    const theirs = await submit('tess');
    // Act
    const listed = await platform.call('GET', '/requests', { role: 'requester', sub: 'sam' });
    const spying = await platform.call('GET', '/requests?createdBy=tess', { role: 'requester', sub: 'sam' });
    const other = await platform.call('GET', `/requests/${theirs.id}`, { role: 'requester', sub: 'sam' });
    const cancelOther = await platform.call('PATCH', `/requests/${theirs.id}`, {
      role: 'requester',
      sub: 'sam',
      body: { state: 'canceled' },
    });
    const byAgent = await platform.call('GET', '/requests?createdBy=tess', { role: 'agent' });
    // Assess
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([mine.id]);
    expect(spying.body.items.map((item: { id: string }) => item.id)).toEqual([mine.id]);
    expect(other.status).toBe(404);
    expect(cancelOther.status).toBe(404);
    expect(byAgent.body.items.map((item: { id: string }) => item.id)).toEqual([theirs.id]);
  });

  it('lets the requester edit while submitted and cancel; refuses bad input without writing', async () => {
    // Prepare
    const request = await submit('uma');
    // Act
    const badQuantity = await platform.call('POST', '/requests', {
      role: 'requester',
      body: { item: 'Mouse', quantity: 0 },
    });
    const unknownField = await platform.call('POST', '/requests', {
      role: 'requester',
      body: { item: 'Mouse', colour: 'red' },
    });
    const edited = await platform.call('PATCH', `/requests/${request.id}`, {
      role: 'requester',
      sub: 'uma',
      body: { quantity: 3 },
    });
    const canceled = await platform.call('PATCH', `/requests/${request.id}`, {
      role: 'requester',
      sub: 'uma',
      body: { state: 'canceled' },
    });
    const listed = await platform.call('GET', '/requests', { role: 'requester', sub: 'requester-user' });
    // Assess
    expect(badQuantity.status).toBe(422);
    expect(unknownField.status).toBe(422);
    expect(edited.body.quantity).toBe(3);
    expect(canceled.body).toMatchObject({ state: 'canceled', closedAt: expect.any(String) });
    expect(listed.body.items).toEqual([]);
  });
});
