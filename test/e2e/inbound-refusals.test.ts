import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { observeBus } from '../support/bus-observer.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
let observer: Awaited<ReturnType<typeof observeBus>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  observer = await observeBus(platform, 'observe-refusals', { source: ['opsdesk'] });
});
afterAll(async () => {
  await platform?.stop();
});

/** Puts inbound events on the platform bus and lets the intake rule handle all of them. */
const deliverCreateIncident = async (...details: unknown[]) => {
  await observer.events.send(
    new PutEventsCommand({
      Entries: details.map((detail) => ({
        EventBusName: platform.busName,
        Source: 'opsdesk.inbound',
        DetailType: 'Create Incident',
        Detail: JSON.stringify(detail),
      })),
    }),
  );
  const delivery = platform.rules.get('incident-intake/create-incident');
  let handled = 0;
  for (let round = 0; round < 10 && handled < details.length; round++)
    handled += (await delivery?.drain()) ?? 0;
  return handled;
};

describe('refused inbound events', () => {
  it('an invalid Create Incident publishes Inbound Event Refused with every failing field, and opens nothing', async () => {
    // Prepare
    const marker = `refused-${Date.now()}`;

    // Act
    const handled = await deliverCreateIncident({ title: '', impact: 7, assignmentGroup: marker });
    const refusals = (await observer.published()).filter(
      (event) => event['detail-type'] === 'Inbound Event Refused',
    );
    const opened = await platform.call('GET', `/incidents?assignmentGroup=${marker}`, { role: 'agent' });

    // Assess
    expect(handled).toBe(1);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.source).toBe('opsdesk');
    expect(refusals[0]?.detail).toMatchObject({ source: 'opsdesk.inbound', detailType: 'Create Incident' });
    expect(typeof refusals[0]?.detail.eventId).toBe('string');
    expect(refusals[0]?.detail.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'impact',
      'title',
      'urgency',
    ]);
    expect(opened.body.items).toEqual([]);
  });

  it('logs a refusal with its own event’s keys, never those of an earlier HTTP request', async () => {
    // Prepare: an HTTP request with a correlation id runs first in the same process
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await platform.call('GET', '/incidents', {
        role: 'agent',
        headers: { 'x-correlation-id': 'earlier-http-request' },
      });

      // Act
      await deliverCreateIncident({ title: 'no impact', urgency: 2 });
    } finally {
      write.mockRestore();
    }

    // Assess
    const refusal = lines
      .flatMap((line) => line.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.message === 'Create Incident event refused');
    expect(refusal).toMatchObject({
      level: 'ERROR',
      source: 'opsdesk.inbound',
      detailType: 'Create Incident',
    });
    expect(refusal).not.toHaveProperty('correlationId');
    expect(refusal).not.toHaveProperty('routeKey');
  });
});
