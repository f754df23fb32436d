import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeBus } from '../support/bus-observer.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
let events: EventBridgeClient;
let observer: Awaited<ReturnType<typeof observeBus>>;

/** Every `CI Updated` the platform bus publishes lands in one queue, as a consumer would see it. */
beforeAll(async () => {
  platform = await startTestPlatform();
  observer = await observeBus(platform, 'observe-ci-updates', {
    source: ['opsdesk'],
    'detail-type': ['CI Updated'],
  });
  events = observer.events;
});
afterAll(async () => {
  await platform?.stop();
});

const agent = { role: 'agent' };
const fixtures = join(import.meta.dirname, '../fixtures/config');
// biome-ignore lint/suspicious/noExplicitAny: fixtures are raw EventBridge envelopes.
const fixture = (name: string): any => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

const ARN = {
  instance: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f67890',
  volume: 'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123abcd4567ef890',
  subnetA: 'arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0c1d2e3f4a5b60789',
  alb: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/checkout-alb/50dc6c495c0c9188',
  lambda: 'arn:aws:lambda:eu-west-1:123456789012:function:checkout-worker',
  rds: 'arn:aws:rds:eu-west-1:123456789012:db:checkout-db',
};

/** What `npm run event` does: the envelope onto the default bus, then the rule's delivery. */
const deliver = async (envelope: { source: string; 'detail-type': string; detail: unknown }) => {
  await events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: 'default',
          Source: envelope.source,
          DetailType: envelope['detail-type'],
          Detail: JSON.stringify(envelope.detail),
        },
      ],
    }),
  );
  const rule = platform.rules.get('config-discovery/config-item-change');
  if (!rule) throw new Error('config-discovery/config-item-change is not a rule of the platform');
  return rule.drain();
};

const ciByArn = async (arn: string) => {
  const listed = await platform.call('GET', `/cis?externalId=${encodeURIComponent(arn)}`, agent);
  expect(listed.body.items.length).toBeLessThanOrEqual(1);
  return listed.body.items[0];
};

const edgesOf = async (id: string) => {
  const listed = await platform.call('GET', `/cis/${id}/relationships?limit=200`, agent);
  return listed.body.items as Array<{
    fromExternalId?: string;
    toExternalId?: string;
    type: string;
    source: string;
  }>;
};

/** Publishes the outbox, then counts the `CI Updated` events that reached the observer. */
const countOutbox = async () => (await observer.published(1)).length;

describe('discovery from AWS Config item changes', () => {
  it.each([
    ['ec2-instance.json', ARN.instance, 'server', 'checkout-web-1', 5],
    ['rds-db-instance.json', ARN.rds, 'database', 'checkout-db', 3],
    ['lambda-function.json', ARN.lambda, 'function', 'checkout-worker', 5],
    ['alb.json', ARN.alb, 'load_balancer', 'checkout-alb', 5],
  ])('%s creates the CI with its ARN, type and edges', async (file, arn, type, name, edgeCount) => {
    // Act
    const handled = await deliver(fixture(file));
    // Assess
    expect(handled).toBe(1);
    expect(await countOutbox()).toBeGreaterThan(0);
    const ci = await ciByArn(arn);
    expect(ci).toMatchObject({ type, name, status: 'active', externalId: arn });
    expect(Object.values(ci.attributeSources).every((source) => source === 'discovery')).toBe(true);
    const edges = await edgesOf(ci.id);
    expect(edges.filter((edge) => edge.source === 'discovery')).toHaveLength(edgeCount);
  });

  it('replaying the same event changes nothing: no new version, no history, no event', async () => {
    // Prepare
    await deliver(fixture('ec2-instance.json'));
    await countOutbox();
    const before = await ciByArn(ARN.instance);
    const edgesBefore = await edgesOf(before.id);
    // Act
    await deliver(fixture('ec2-instance.json'));
    await deliver(fixture('ec2-instance.json'));
    // Assess
    const after = await ciByArn(ARN.instance);
    expect(after.version).toBe(before.version);
    expect(await edgesOf(after.id)).toEqual(edgesBefore);
    expect(await countOutbox()).toBe(0);
  });

  it('a hand-set attribute survives a later discovery update; discovered ones follow Config', async () => {
    // Prepare
    await deliver(fixture('ec2-instance.json'));
    const ci = await ciByArn(ARN.instance);
    const patched = await platform.call('PATCH', `/cis/${ci.id}`, {
      ...agent,
      body: { attributes: { instanceType: 't3.xlarge', owner: 'payments' } },
    });
    expect(patched.status).toBe(200);
    const later = fixture('ec2-instance.json');
    later.detail.configurationItem.configurationItemCaptureTime = '2026-01-06T08:00:00.000Z';
    later.detail.configurationItem.configuration.instanceType = 't3.large';
    later.detail.configurationItem.configuration.state.name = 'stopped';
    later.detail.configurationItem.relationships = later.detail.configurationItem.relationships.filter(
      (relationship: { resourceType: string }) => relationship.resourceType !== 'AWS::EC2::Volume',
    );
    // Act
    await deliver(later);
    // Assess
    const updated = await ciByArn(ARN.instance);
    expect(updated.attributes).toMatchObject({
      instanceType: 't3.xlarge',
      owner: 'payments',
      state: 'stopped',
    });
    expect(updated.attributeSources).toMatchObject({
      instanceType: 'manual',
      owner: 'manual',
      state: 'discovery',
    });
    const edges = await edgesOf(updated.id);
    expect(edges.some((edge) => edge.toExternalId === ARN.volume)).toBe(false);
    expect(edges.some((edge) => edge.toExternalId === ARN.subnetA)).toBe(true);
  });

  it('a hand-drawn edge is never removed by discovery', async () => {
    // Prepare
    await deliver(fixture('lambda-function.json'));
    const fn = await ciByArn(ARN.lambda);
    await deliver(fixture('rds-db-instance.json'));
    const db = await ciByArn(ARN.rds);
    await platform.call('POST', '/relationships', {
      ...agent,
      body: { fromId: fn.id, toId: db.id, type: 'connects_to' },
    });
    const later = fixture('lambda-function.json');
    later.detail.configurationItem.configurationItemCaptureTime = '2026-01-07T08:00:00.000Z';
    later.detail.configurationItem.configuration.memorySize = 1024;
    // Act
    await deliver(later);
    // Assess
    const edges = await edgesOf(fn.id);
    expect(edges.filter((edge) => edge.source === 'manual')).toHaveLength(1);
    expect((await ciByArn(ARN.lambda)).attributes.memorySize).toBe(1024);
  });

  it('ResourceDeleted retires the CI and keeps it readable with its history', async () => {
    // Prepare
    await deliver(fixture('ec2-instance.json'));
    // Act
    await deliver(fixture('ec2-instance-deleted.json'));
    // Assess
    const ci = await ciByArn(ARN.instance);
    expect(ci.status).toBe('retired');
    const history = await platform.call('GET', `/cis/${ci.id}/history`, agent);
    expect(history.body.items).toContainEqual(expect.objectContaining({ field: 'status', to: 'retired' }));
  });

  it('an event that is not a full item change writes no CI and is announced as refused', async () => {
    // Prepare
    const refusals = await observeBus(platform, 'observe-config-refusals', {
      source: ['opsdesk'],
      'detail-type': ['Inbound Event Refused'],
    });
    const oversized = fixture('rds-db-instance.json');
    oversized.detail = {
      messageType: 'OversizedConfigurationItemChangeNotification',
      configurationItemSummary: {},
    };
    await countOutbox();
    // Act
    const handled = await deliver(oversized);
    // Assess
    expect(handled).toBe(1);
    expect(await countOutbox()).toBe(0);
    const refused = await refusals.published(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.detail).toMatchObject({
      source: 'aws.config',
      detailType: 'Config Configuration Item Change',
    });
    expect(refused[0]?.detail.errors.length).toBeGreaterThan(0);
  });
});
