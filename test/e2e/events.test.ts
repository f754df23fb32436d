import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeBus } from '../support/bus-observer.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
let events: EventBridgeClient;
let observer: Awaited<ReturnType<typeof observeBus>>;

/** Everything the platform bus publishes lands in one SQS queue, as a consumer would see it. */
beforeAll(async () => {
  platform = await startTestPlatform();
  observer = await observeBus(platform, 'observe-opsdesk', { source: ['opsdesk'] });
  events = observer.events;
});
afterAll(async () => {
  await platform?.stop();
});

const publishedEvents = () => observer.published();

describe('outbound events through the outbox', () => {
  it('every committed incident change yields exactly one event on the bus', async () => {
    // Prepare / Act: one create, two patches, one refused patch, one no-op patch
    const created = await platform.call('POST', '/incidents', {
      role: 'agent',
      body: { title: 'Queue backlog', impact: 2, urgency: 2 },
    });
    const id = created.body.id;
    await platform.call('PATCH', `/incidents/${id}`, { role: 'agent', body: { state: 'in_progress' } });
    await platform.call('PATCH', `/incidents/${id}`, { role: 'agent', body: { state: 'closed' } });
    await platform.call('PATCH', `/incidents/${id}`, { role: 'agent', body: { state: 'in_progress' } });
    await platform.call('PATCH', `/incidents/${id}`, {
      role: 'agent',
      body: { state: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'Drained' },
    });
    // Assess
    const mine = (await publishedEvents()).filter((event) => event.detail.id === id);
    expect(mine.map((event) => [event['detail-type'], event.detail.version])).toEqual([
      ['Incident Created', 1],
      ['Incident Updated', 2],
      ['Incident Resolved', 3],
    ]);
    expect(mine[1]?.detail.changes?.map((change: { field: string }) => change.field)).toEqual(['state']);
    expect(mine[2]?.detail.record.state).toBe('resolved');
  });

  it('a Create Incident event opens one incident, however often it is delivered', async () => {
    const dedupKey = `ext-${Date.now()}`;
    const entry = {
      EventBusName: platform.busName,
      Source: 'opsdesk.inbound',
      DetailType: 'Create Incident',
      Detail: JSON.stringify({
        title: 'Monitoring says disk full',
        impact: 2,
        urgency: 2,
        assignmentGroup: dedupKey,
        dedupKey,
      }),
    };
    await events.send(new PutEventsCommand({ Entries: [entry, entry, entry] }));
    const delivery = platform.rules.get('incident-intake/create-incident');
    let handled = 0;
    for (let round = 0; round < 10 && handled < 3; round++) handled += (await delivery?.drain()) ?? 0;
    const listed = await platform.call('GET', `/incidents?assignmentGroup=${dedupKey}`, { role: 'agent' });
    expect(handled).toBe(3);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      title: 'Monitoring says disk full',
      priority: 3,
      createdBy: 'event:opsdesk.inbound',
    });
  });
});
