import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DynamoDBClient,
  TransactionCanceledException,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { alarmWiring } from '#adapters/process-dependencies.ts';
import type { Incident } from '#domain/incident/incident.ts';
import { incidentFromCloudWatchAlarm } from '#processes/alarm-cloudwatch.ts';
import type { AlarmOutcome } from '#processes/alarm-incidents.ts';
import { createCi } from '#processes/cmdb/configuration-management.ts';
import type { AlarmDeps } from '#processes/dependencies.ts';
import { cloudWatchAlarmEvent } from '#schemas/alarm-event.ts';
import { ensureTable } from '../../infra/local/local-aws.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import { inPool, shuffled } from '../support/concurrency.ts';
import { countCalls } from '../support/test-platform.ts';

const repeats = 50;
const distinctEvents = 1000;
const redeliveries = 200;
const inFlight = 24;
const racingContainers = 4;
/** alarm-intake's rule retries a delivery that throws (a key changing too fast); the e2e test's `invoke` does too. */
const ruleAttempts = 5;
const base = Date.parse('2027-03-04T10:00:00.000Z');

/** The fixture's metric dimension, as an EC2 instance ARN: the CI the alarms are about. */
const instanceArn = 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0a1b2c3d4e5f60718';
type Envelope = { id: string; time: string; resources: string[]; detail: Record<string, unknown> };
const fixture = readFileSync(
  join(import.meta.dirname, '../fixtures/cloudwatch-alarms/metric-alarm.json'),
  'utf8',
);

/** Envelopes of one alarm, from the metric alarm fixture: its own name and ARN, the fixture's instance. */
const alarmEvents = (name: string) => {
  const arn = `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${name}`;
  return (seconds: number, id: string = randomUUID()): Envelope => {
    const envelope = JSON.parse(fixture) as Envelope & { detail: { state: Record<string, unknown> } };
    envelope.id = id;
    envelope.time = new Date(base + seconds * 1000).toISOString();
    envelope.resources = [arn];
    envelope.detail.alarmName = name;
    envelope.detail.state = { ...envelope.detail.state, value: 'ALARM', timestamp: envelope.time };
    return envelope;
  };
};

/** Transactions a container sent, and the conditional writes among them that lost, by guard. */
interface Transactions {
  sent: number;
  items: number;
  lost: { track: number; eventId: number; incident: number; ci: number; other: number; conflict: number };
}

const guardOf = (item: TransactWriteItem | undefined): keyof Transactions['lost'] => {
  const pk = item?.Put?.Item?.pk?.S ?? item?.ConditionCheck?.Key?.pk?.S ?? item?.Update?.Key?.pk?.S ?? '';
  if (pk.startsWith('alarm#')) return 'track';
  if (pk.startsWith('alarm-event#')) return 'eventId';
  if (pk.startsWith('incident#')) return 'incident';
  // The CI's next version: its open incidents and health, which an opening incident moves.
  if (pk.startsWith('ci#')) return 'ci';
  return 'other';
};

/** Counts TransactWriteItems, their items, and why the cancelled ones were cancelled. */
const countTransactions = (client: DynamoDBClient): Transactions => {
  const log: Transactions = {
    sent: 0,
    items: 0,
    lost: { track: 0, eventId: 0, incident: 0, ci: 0, other: 0, conflict: 0 },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const items = (args.input as { TransactItems?: TransactWriteItem[] }).TransactItems ?? [];
      log.sent += 1;
      log.items += items.length;
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          const reasons = error.CancellationReasons ?? [];
          const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
          if (failed >= 0) log.lost[guardOf(items[failed])] += 1;
          else if (reasons.some((reason) => reason.Code === 'TransactionConflict')) log.lost.conflict += 1;
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'benchTransactionOutcomes' },
  );
  return log;
};

/** One Lambda container of alarm-intake: its own client and wiring (so its own key lanes), counted. */
interface Container {
  deps: AlarmDeps;
  client: DynamoDBClient;
  calls: string[];
  transactions: Transactions;
  /** Deliveries that threw and that the rule delivered again. */
  rethrown: number;
}

const container = (endpoint: string): Container => {
  const client = new DynamoDBClient(clientConfig(endpoint));
  return {
    client,
    calls: countCalls(client),
    transactions: countTransactions(client),
    deps: alarmWiring(client),
    rethrown: 0,
  };
};

const reset = (containers: Container[]) => {
  for (const each of containers) {
    each.calls.length = 0;
    each.transactions.sent = 0;
    each.transactions.items = 0;
    for (const key of Object.keys(each.transactions.lost) as Array<keyof Transactions['lost']>)
      each.transactions.lost[key] = 0;
    each.rethrown = 0;
  }
};

/**
 * What alarm-intake's handler does with an event (its module-scope `alarmWiring()` swapped for a
 * counted client), delivered again on a throw as its rule does.
 */
const deliver = async (into: Container, envelope: Envelope): Promise<AlarmOutcome> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await incidentFromCloudWatchAlarm(into.deps, cloudWatchAlarmEvent.parse(envelope));
    } catch (error) {
      if (attempt >= ruleAttempts) throw error;
      into.rethrown += 1;
    }
  }
};

/** A seeded random source (mulberry32), so every run delivers the storm in the same order. */
const seeded = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const named = (calls: string[]) => calls.map((call) => call.replace(/Command$/, ''));
/** Commands by name, per delivery when `per` is above 1. */
const summary = (calls: string[], per = 1) => {
  const counts = new Map<string, number>();
  for (const name of named(calls)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const shown = (n: number) => (per === 1 ? String(n) : (n / per).toFixed(2).replace(/\.?0+$/, ''));
  return [...counts].map(([name, n]) => `${name} ${shown(n)}`).join(', ');
};
const fixed = (n: number, digits = 2) => n.toFixed(digits).replace(/\.?0+$/, '') || '0';

/** Calls of one delivery at a time on a warm or cold container: the per-ALARM table. */
const perAlarm = async (endpoint: string) => {
  const one = container(endpoint);
  const measure = async (envelopes: Envelope[]) => {
    reset([one]);
    const outcomes: AlarmOutcome[] = [];
    for (const envelope of envelopes) outcomes.push(await deliver(one, envelope));
    const { sent, items } = one.transactions;
    return { outcomes, calls: [...one.calls], sent, items, rethrown: one.rethrown };
  };
  const row = (
    what: string,
    goal: string,
    measured: Awaited<ReturnType<typeof measure>>,
    per: number,
    expected: AlarmOutcome['action'],
  ) => {
    const answered = measured.outcomes.filter((outcome) => outcome.action === expected).length;
    const transactions = measured.sent / per;
    return `| ${what} | ${goal} | ${fixed(measured.calls.length / per)} | ${fixed(transactions)}${measured.sent > 0 ? ` (${fixed(measured.items / measured.sent, 1)} items each)` : ''} | ${summary(measured.calls, per)} | ${answered}/${per} ${expected} |`;
  };
  const cold = await measure([alarmEvents(`bench-cold-${randomUUID().slice(0, 8)}`)(0)]);
  const event = alarmEvents(`bench-first-${randomUUID().slice(0, 8)}`);
  const first = await measure([event(0)]);
  const seen = Array.from({ length: repeats }, (_, n) => event(n + 1));
  const repeated = await measure(seen);
  const redelivered = await measure(seen);
  one.client.destroy();
  return [
    '| delivery, one at a time | goal | DynamoDB calls | TransactWriteItems (items) | commands | answers |',
    '|---|---|---:|---:|---|---|',
    row(
      'first ALARM of an alarm, first in its container (loads the SLA policies)',
      '1 transaction',
      cold,
      1,
      'opened',
    ),
    row('first ALARM of an alarm, warm container', '1 transaction', first, 1, 'opened'),
    row(
      `repeated ALARM (new event id, incident open), mean of ${repeats}`,
      '1 conditional write carrying the event-id guard',
      repeated,
      repeats,
      'occurrence',
    ),
    row(`redelivery of a seen event id, mean of ${repeats}`, 'no write', redelivered, repeats, 'duplicate'),
  ];
};

/** 1,000 distinct ALARM events over `alarms` alarms and 200 redeliveries, shuffled, 24 in flight. */
const storm = async (endpoint: string, label: string, alarms: number, containers: Container[]) => {
  // Prepare
  const keys = Array.from({ length: alarms }, (_, n) =>
    alarmEvents(`bench-storm-${randomUUID().slice(0, 8)}-${n}`),
  );
  const distinct = Array.from({ length: distinctEvents }, (_, n) =>
    (keys[n % alarms] as ReturnType<typeof alarmEvents>)(n),
  );
  const again = Array.from(
    { length: redeliveries },
    (_, n) => distinct[(n * 13) % distinct.length] as Envelope,
  );
  const deliveries = shuffled([...distinct, ...again], seeded(11 + alarms + containers.length)).map(
    (envelope, n) => ({ envelope, into: containers[n % containers.length] as Container }),
  );
  reset(containers);
  // Act
  const started = performance.now();
  const outcomes = await inPool(deliveries, inFlight, ({ envelope, into }) => deliver(into, envelope));
  const seconds = (performance.now() - started) / 1000;
  // Assess, uncounted
  const calls = containers.flatMap((each) => each.calls);
  const transactions = containers.map((each) => each.transactions);
  const lost = (key: keyof Transactions['lost']) =>
    transactions.reduce((sum, each) => sum + each.lost[key], 0);
  const sent = transactions.reduce((sum, each) => sum + each.sent, 0);
  const items = transactions.reduce((sum, each) => sum + each.items, 0);
  const rethrown = containers.reduce((sum, each) => sum + each.rethrown, 0);
  const ids = [...new Set(outcomes.map((outcome) => outcome.incidentId))];
  const reader = container(endpoint);
  const incidents = await Promise.all(ids.map((id) => reader.deps.store.get<Incident>('incident', id ?? '')));
  reader.client.destroy();
  const occurrences = incidents.reduce((sum, incident) => sum + (incident?.alarm?.occurrences ?? 0), 0);
  const duplicates = outcomes.filter((outcome) => outcome.action === 'duplicate').length;
  const lostWrites = ['track', 'eventId', 'incident', 'ci', 'other'].map((key) =>
    lost(key as keyof Transactions['lost']),
  );
  return {
    row:
      `| ${label} | ${containers.length} | ${seconds.toFixed(1)} | ${sent} (${fixed(items / Math.max(1, sent), 1)} items each) | ${calls.length} | ` +
      `${fixed(calls.length / deliveries.length, 3)} | ${ids.length} (${alarms}) | ${occurrences} (${distinctEvents}) | ${duplicates} (${redeliveries}) | ` +
      `${lostWrites.reduce((sum, n) => sum + n, 0)}: ${lostWrites.join(' / ')} | ${lost('conflict')} | ${rethrown} |`,
    commands: `${label}: ${summary(calls)}.`,
  };
};

/**
 * Alarm intake under load on DynamoDB Local, through alarm-intake's own path (event schema, then
 * `incidentFromCloudWatchAlarm` on `alarmWiring`): the DynamoDB calls of a first ALARM, a repeated
 * ALARM and a redelivery, one at a time as a Lambda container takes them; then the 1,200-event
 * storm on one alarm and on ten, in one container and in four racing ones.
 *
 * @example const { lines } = await run({ dynamoEndpoint, motoEndpoint });
 */
export async function run(context: { dynamoEndpoint: string; motoEndpoint: string }): Promise<{
  title: string;
  lines: string[];
}> {
  // Prepare: a table, and the CI whose external id is the fixture's instance
  const setup = new DynamoDBClient(clientConfig(context.dynamoEndpoint));
  const tableName = `bench-alarms-${randomUUID().slice(0, 8)}`;
  await ensureTable(setup, tableName);
  setup.destroy();
  process.env.TABLE_NAME = tableName;
  const owner = container(context.dynamoEndpoint);
  await createCi(
    owner.deps,
    { sub: 'bench', roles: ['agent'] },
    { name: 'payroll web', type: 'server', serviceTier: 1, externalId: instanceArn },
  );
  owner.client.destroy();

  // Act
  const single = await perAlarm(context.dynamoEndpoint);
  const one = [container(context.dynamoEndpoint)];
  const oneAlarm = await storm(context.dynamoEndpoint, '1 alarm, 1 container', 1, one);
  const tenAlarms = await storm(context.dynamoEndpoint, '10 alarms, 1 container', 10, one);
  const racing = Array.from({ length: racingContainers }, () => container(context.dynamoEndpoint));
  const raced = await storm(context.dynamoEndpoint, `1 alarm, ${racingContainers} containers`, 1, racing);
  const racedTen = await storm(
    context.dynamoEndpoint,
    `10 alarms, ${racingContainers} containers`,
    10,
    racing,
  );
  for (const each of [...one, ...racing]) each.client.destroy();
  const storms = [oneAlarm, tenAlarms, raced, racedTen];

  return {
    title: `Alarm storm: DynamoDB calls per ALARM, and ${(distinctEvents + redeliveries).toLocaleString('en')} events on one alarm and on ten`,
    lines: [
      `Events are the metric alarm fixture with a fresh id and time, through alarm-intake's path (schema, \`incidentFromCloudWatchAlarm\` on \`alarmWiring\` with a counted client); their instance dimension names a tier-1 server CI. Calls are SDK commands as sent (retries inside the SDK not counted).`,
      '',
      ...single,
      '',
      `Storm: ${distinctEvents.toLocaleString('en')} distinct ALARM events and ${redeliveries} redeliveries of seen ids, shuffled (seeded), ${inFlight} in flight, dealt round-robin to the containers; a delivery that throws is delivered again (at most ${ruleAttempts} times), as the rule does. Goals in brackets.`,
      '',
      '| storm | containers | wall s | TransactWriteItems (items) | DynamoDB calls | calls per delivery | incidents (goal) | occurrences (goal) | duplicate answers (goal) | lost conditional writes: track / event id / incident / CI / other | cancelled by a concurrent transaction | deliveries thrown back to the rule |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|',
      ...storms.map((each) => each.row),
      '',
      `Commands: ${storms.map((each) => each.commands).join(' ')}`,
      '',
      'How to read it: a delivery one at a time is what a Lambda container sees. A first ALARM commits everything in one TransactWriteItems of 8 items: the incident with its history and event, the next version of the CI (its open incidents and health) with its history and event, the alarm key track and the event-id guard; its other calls are the incident number (UpdateItem) and reads: track and event id in one BatchGetItem, one GetItem per external-id candidate (the instance ARN, the instance id, the alarm ARN), then the impact walk and change findings, which read the CI record four times (BatchGetItem) and query its in#, out# (twice) and change footprints. ' +
        'A repeated ALARM is one BatchGetItem (track + event id), one GetItem (the open incident) and one TransactWriteItems whose conditions are the incident version, the track revision and the event-id guard; a redelivery stops at the BatchGetItem. ' +
        `In the storm, deliveries of one alarm that arrive together in one container share a round (\`inKeyLane\`, at most 40), so TransactWriteItems counts rounds, not events, and calls per delivery fall well below the three of a lone repeat; spreading the storm over ten alarms gives each key fewer waiting events, so more rounds. ` +
        'Ten alarms on one CI open ten incidents at once, and each opening writes the next version of the CI, so openings lose the CI condition to each other and read again (the CI column). Across containers nothing is shared but the table: a container that read a stale track or incident loses its conditional write (counted by the first condition that failed) and the versioned write reads again and retries within its budget; only a delivery that runs the budget out is thrown back to the rule (last column). DynamoDB Local does not cancel for concurrent transactions (TransactionConflict); AWS may. The incident count and occurrences show that no event was lost or counted twice. Times are of DynamoDB Local on a shared machine; the counts are what carries over to AWS.',
    ],
  };
}
