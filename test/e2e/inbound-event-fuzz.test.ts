import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const runs = Number(process.env.OPSDESK_FUZZ_RUNS ?? 12) * 5;
const fixture = (path: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));

/** JSON values of every shape, hostile strings included. */
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    'é'.repeat(3000),
    '__proto__',
    '2026-13-45T99:99:99Z',
    -1,
    1e308,
  ),
);

/** A detail with some of its fields replaced by anything, removed, or left as they were. */
const mutated = (detail: Record<string, unknown>) =>
  fc
    .array(fc.tuple(fc.constantFrom(...Object.keys(detail)), fc.option(anyJson, { nil: undefined })), {
      maxLength: 4,
    })
    .map((edits) => {
      const copy: Record<string, unknown> = structuredClone(detail);
      for (const [field, value] of edits) {
        if (value === undefined) delete copy[field];
        else copy[field] = value;
      }
      return copy;
    });

const inbound = [
  ['alarm-intake', 'cloudwatch-alarms/metric-alarm.json'],
  ['alarm-intake', 'cloudwatch-alarms/composite-alarm.json'],
  ['incident-intake', 'Create Incident with a dedupKey'],
  ['config-discovery', 'config/ec2-instance.json'],
] as const;

const createIncidentEvent = {
  version: '0',
  id: 'x',
  'detail-type': 'Create Incident',
  source: 'opsdesk.inbound',
  account: '000000000000',
  time: '2026-11-28T08:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: { title: 'Printer on fire', impact: 2, urgency: 2, dedupKey: 'printer-1' },
};

/**
 * Every inbound event schema under fuzzing: an event either acts or is refused (announced as
 * `Inbound Event Refused`); the handler never throws for what the event says, since a throw makes
 * EventBridge deliver it again, forever wrong.
 */
describe('inbound events under fuzzing', () => {
  it.each(inbound)('%s (%s) acts on or refuses any detail, never throws', async (name, path) => {
    const envelope = path.endsWith('.json') ? fixture(path) : createIncidentEvent;
    let delivered = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(envelope.detail), anyJson), async (detail) => {
        // Act: a throw here fails the property with the detail that caused it
        await platform.invoke(name, { ...envelope, id: randomUUID(), detail });
        delivered += 1;
      }),
      { numRuns: runs },
    );

    // Assess
    expect(delivered).toBe(runs);
  });
});
