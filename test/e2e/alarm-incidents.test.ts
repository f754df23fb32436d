import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../../infra/local/platform.ts';
import { inPool, shuffled } from '../support/concurrency.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const agent = { role: 'agent' };
const fixtures = join(import.meta.dirname, '../fixtures/cloudwatch-alarms');
// biome-ignore lint/suspicious/noExplicitAny: fixtures are raw EventBridge envelopes.
const fixture = (name: string): any => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

let alarms = 0;
const base = Date.parse('2027-03-04T10:00:00.000Z');

/** Envelopes of one fresh alarm (from the metric alarm fixture): its own name, ARN and instance. */
const alarm = () => {
  const name = `e2e-alarm-${++alarms}-${Date.now()}`;
  const arn = `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${name}`;
  return (state: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA', seconds: number, id = crypto.randomUUID()) => {
    const envelope = fixture('metric-alarm.json');
    envelope.id = id;
    envelope.time = new Date(base + seconds * 1000).toISOString();
    envelope.resources = [arn];
    envelope.detail.alarmName = name;
    envelope.detail.state = { ...envelope.detail.state, value: state, timestamp: envelope.time };
    return envelope;
  };
};

/** Invokes alarm-intake as its rule does; a throw (a key changing too fast) is delivered again. */
const invoke = async (envelope: unknown): Promise<{ action: string; incidentId?: string }> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await platform.invoke('alarm-intake', envelope)) as { action: string; incidentId?: string };
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
};

const incident = async (id: string | undefined) => {
  const got = await platform.call('GET', `/incidents/${id}`, agent);
  expect(got.status).toBe(200);
  return got.body;
};

describe('CloudWatch alarms to incidents on the local runner', () => {
  it.each([
    'metric-alarm.json',
    'metric-math-alarm.json',
    'anomaly-detection-alarm.json',
    'composite-alarm.json',
  ])('%s put on the default bus opens an incident through the alarm rule', async (file) => {
    // Prepare: what `npm run event -- test/fixtures/cloudwatch-alarms/FILE` sends
    const envelope = fixture(file);
    const events = new EventBridgeClient(clientConfig(platform.motoEndpoint));
    // Act
    await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'default',
            Source: envelope.source,
            DetailType: envelope['detail-type'],
            Detail: JSON.stringify(envelope.detail),
            Resources: envelope.resources,
            Time: new Date(envelope.time),
          },
        ],
      }),
    );
    const handled = await platform.rules.get('alarm-intake/alarm-state-change')?.drain();
    // Assess
    expect(handled).toBe(1);
    const listed = await platform.call('GET', '/incidents?limit=200', agent);
    const opened = listed.body.items.filter(
      (item: { alarm?: { arn: string } }) => item.alarm?.arn === envelope.resources[0],
    );
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({
      title: `CloudWatch alarm ${envelope.detail.alarmName} is in ALARM`,
      createdBy: 'opsdesk-alarms',
      alarm: { state: 'ALARM', occurrences: 1, flapping: false },
    });
  });

  it('1,000 distinct ALARM events plus 200 redeliveries, shuffled and concurrent: one incident, 1,000 occurrences', async () => {
    // Prepare
    const event = alarm();
    const distinct = Array.from({ length: 1000 }, (_, n) => event('ALARM', n));
    const redelivered = Array.from({ length: 200 }, (_, n) => distinct[(n * 13) % distinct.length]);
    // Act
    const outcomes = await inPool(shuffled([...distinct, ...redelivered]), 24, invoke);
    // Assess
    const ids = new Set(outcomes.map((outcome) => outcome.incidentId));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((outcome) => outcome.action === 'duplicate')).toHaveLength(200);
    expect((await incident([...ids][0])).alarm).toMatchObject({
      state: 'ALARM',
      occurrences: 1000,
      firstAlarmAt: new Date(base).toISOString(),
      lastStateChangeAt: new Date(base + 999_000).toISOString(),
    });
  }, 120_000);

  it('the same storm spread over 10 alarms: 10 incidents of 100 occurrences', async () => {
    // Prepare
    const keys = Array.from({ length: 10 }, () => alarm());
    const distinct = Array.from({ length: 1000 }, (_, n) =>
      (keys[n % 10] as ReturnType<typeof alarm>)('ALARM', n),
    );
    const redelivered = Array.from({ length: 200 }, (_, n) => distinct[(n * 13) % distinct.length]);
    // Act
    const outcomes = await inPool(shuffled([...distinct, ...redelivered]), 24, invoke);
    // Assess
    const ids = [...new Set(outcomes.map((outcome) => outcome.incidentId))];
    expect(ids).toHaveLength(10);
    const counts = await Promise.all(ids.map(async (id) => (await incident(id)).alarm.occurrences));
    expect(counts).toEqual(Array(10).fill(100));
  }, 120_000);

  it('ALARM → OK → ALARM is one incident; after it is resolved the next ALARM opens another', async () => {
    // Prepare
    const event = alarm();
    const opened = await invoke(event('ALARM', 0));
    // Act
    await invoke(event('OK', 60));
    const cleared = await incident(opened.incidentId);
    await invoke(event('ALARM', 120));
    const again = await incident(opened.incidentId);
    await platform.call('PATCH', `/incidents/${opened.incidentId}`, {
      ...agent,
      body: { state: 'in_progress' },
    });
    await platform.call('PATCH', `/incidents/${opened.incidentId}`, {
      ...agent,
      body: { state: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'Restarted the service' },
    });
    const next = await invoke(event('ALARM', 180));
    // Assess
    expect(cleared.alarm).toMatchObject({ state: 'OK', clearedAt: new Date(base + 60_000).toISOString() });
    expect(again.alarm).toMatchObject({ state: 'ALARM', occurrences: 2 });
    expect(again.alarm.clearedAt).toBeUndefined();
    expect(next.action).toBe('opened');
    expect(next.incidentId).not.toBe(opened.incidentId);
  });

  it('an OK older than the last ALARM changes nothing', async () => {
    // Prepare
    const event = alarm();
    const opened = await invoke(event('ALARM', 100));
    // Act
    const stale = await invoke(event('OK', 50));
    // Assess
    expect(stale.action).toBe('stale');
    expect(await incident(opened.incidentId)).toMatchObject({ version: 1, alarm: { state: 'ALARM' } });
  });

  it('five fast ALARM/OK cycles set flapping', async () => {
    // Prepare
    const event = alarm();
    let id: string | undefined;
    // Act
    for (let cycle = 0; cycle < 5; cycle++) {
      id = (await invoke(event('ALARM', cycle * 60))).incidentId ?? id;
      await invoke(event('OK', cycle * 60 + 30));
    }
    // Assess
    expect((await incident(id)).alarm).toMatchObject({ flapping: true, state: 'OK', occurrences: 5 });
  });

  it('Create Incident with a dedupKey: one open incident per key, repeats add occurrences, a new one after resolve', async () => {
    // Prepare
    const dedupKey = `monitor-${Date.now()}`;
    const create = (id = crypto.randomUUID()) => ({
      version: '0',
      id,
      'detail-type': 'Create Incident',
      source: 'opsdesk.inbound',
      account: '111122223333',
      time: new Date().toISOString(),
      region: 'eu-west-1',
      resources: [],
      detail: { title: 'Disk almost full on build agents', impact: 2, urgency: 1, dedupKey },
    });
    const first = create();
    const incidentsOfKey = async () =>
      (await platform.call('GET', '/incidents?limit=200', agent)).body.items.filter(
        (item: { alarm?: { name: string } }) => item.alarm?.name === dedupKey,
      );
    // Act
    await platform.invoke('incident-intake', first);
    await platform.invoke('incident-intake', first);
    await platform.invoke('incident-intake', create());
    const [open] = await incidentsOfKey();
    await platform.call('PATCH', `/incidents/${open.id}`, { ...agent, body: { state: 'in_progress' } });
    await platform.call('PATCH', `/incidents/${open.id}`, {
      ...agent,
      body: { state: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'Cleaned the caches' },
    });
    await platform.invoke('incident-intake', create());
    // Assess
    const all = await incidentsOfKey();
    expect(all).toHaveLength(2);
    expect(open).toMatchObject({
      priority: 2,
      createdBy: 'event:opsdesk.inbound',
      alarm: { occurrences: 2, state: 'ALARM' },
    });
    expect(all.find((item: { id: string }) => item.id !== open.id)).toMatchObject({
      state: 'new',
      alarm: { occurrences: 1 },
    });
  });

  it('an alarm event it cannot read is refused, not retried', async () => {
    // Prepare
    const broken = alarm()('ALARM', 0);
    broken.detail.state.value = 'SOMETIMES';
    // Act
    const outcome = await platform.invoke('alarm-intake', broken);
    // Assess
    expect(outcome).toBeUndefined();
  });
});
