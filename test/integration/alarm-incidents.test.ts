import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoAlarmRecordStore } from '#adapters/dynamo/dynamo-alarm-record-store.ts';
import { DynamoCmdbStore } from '#adapters/dynamo/dynamo-cmdb-store.ts';
import { DynamoServiceLevels } from '#adapters/dynamo/dynamo-service-levels.ts';
import { DomainError } from '#domain/errors.ts';
import type { Incident } from '#domain/incident/incident.ts';
import type { Actor } from '#domain/record/record.ts';
import { randomIds } from '#ports/id-generator.ts';
import { incidentFromCloudWatchAlarm } from '#processes/alarm-cloudwatch.ts';
import { type AlarmOutcome, type AlarmSignal, signalAlarm } from '#processes/alarm-incidents.ts';
import { createCi } from '#processes/cmdb/configuration-management.ts';
import { cmdbOver } from '#processes/cmdb/impact-analysis.ts';
import { relateCis } from '#processes/cmdb/relationships.ts';
import type { AlarmDeps } from '#processes/dependencies.ts';
import { changeIncident } from '#processes/incident-management.ts';
import { cloudWatchAlarmEvent } from '#schemas/alarm-event.ts';
import { inPool, shuffled } from '../support/concurrency.ts';
import { countCalls, freshTable } from '../support/test-platform.ts';

const agent: Actor = { sub: 'alice', roles: ['agent'] };
let deps: AlarmDeps;
let calls: string[];

beforeAll(async () => {
  const { client, tableName } = await freshTable();
  calls = countCalls(client);
  deps = {
    store: new DynamoAlarmRecordStore(client, tableName),
    clock: { now: () => new Date() },
    ids: randomIds,
    cmdb: cmdbOver(new DynamoCmdbStore(client, tableName)),
    serviceLevels: new DynamoServiceLevels(client, tableName, { cacheSeconds: 600 }),
    reportFailure: (what, error) => {
      throw new Error(`${what}: ${String(error)}`);
    },
    alarms: { autoResolve: false, groupWindowSeconds: 600 },
  };
});

const base = Date.parse('2027-03-04T10:00:00.000Z');
const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();

/** A signal for a fresh alarm key per test. */
const alarmOf = (name: string) => {
  const arn = `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${name}-${randomIds.next()}`;
  return (state: AlarmSignal['state'], seconds: number, eventId = randomIds.next()): AlarmSignal => ({
    key: arn,
    name,
    arn,
    state,
    eventId,
    at: at(seconds),
    title: `${name} is in ${state}`,
    description: `${name} changed state`,
  });
};

const incident = async (id: string | undefined) => {
  const found = id ? await deps.store.get<Incident>('incident', id) : undefined;
  if (!found) throw new Error(`no incident ${id}`);
  return found;
};

/** Delivers like an event rule with retries: a delivery that throws (a key changing too fast) is sent again. */
const deliver = async (signal: AlarmSignal, settings = deps): Promise<AlarmOutcome> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await signalAlarm(settings, signal);
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'conflict') || attempt >= 5) throw error;
    }
  }
};

describe('alarm → incident on DynamoDB Local', () => {
  it('ALARM opens one incident; a repeat adds an occurrence; a redelivered event id counts once', async () => {
    // Prepare
    const signal = alarmOf('orders-db-cpu');
    const first = signal('ALARM', 0, 'evt-1');
    // Act
    const opened = await deliver(first);
    const repeat = await deliver(signal('ALARM', 60, 'evt-2'));
    const again = await deliver(first);
    // Assess
    expect(opened.action).toBe('opened');
    expect(repeat).toEqual({ action: 'occurrence', incidentId: opened.incidentId });
    expect(again).toEqual({ action: 'duplicate', incidentId: opened.incidentId });
    const stored = await incident(opened.incidentId);
    expect(stored).toMatchObject({
      state: 'new',
      impact: 2,
      urgency: 2,
      createdBy: 'opsdesk-alarms',
      version: 2,
      alarm: {
        state: 'ALARM',
        occurrences: 2,
        firstAlarmAt: at(0),
        lastStateChangeAt: at(60),
        flapping: false,
      },
    });
    expect(stored.description).toContain('No CI matched the alarm');
  });

  it('a repeated ALARM is one BatchGetItem, one GetItem and one transaction; a duplicate one read', async () => {
    // Prepare
    const signal = alarmOf('calls');
    await deliver(signal('ALARM', 0));
    const repeat = signal('ALARM', 1);
    calls.length = 0;
    // Act
    await deliver(repeat);
    const repeatCalls = [...calls];
    calls.length = 0;
    await deliver(repeat);
    // Assess
    expect(repeatCalls).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
    expect(calls).toEqual(['BatchGetItemCommand']);
  });

  it('a first ALARM is one transaction, beside its reads and the incident number', async () => {
    // Prepare
    const signal = alarmOf('first-calls');
    await deliver(alarmOf('warm-up')('ALARM', 0));
    calls.length = 0;
    // Act
    await deliver(signal('ALARM', 0));
    // Assess: track + event id, the CI candidates (none here), the number, the write
    expect(calls).toEqual(['BatchGetItemCommand', 'UpdateItemCommand', 'TransactWriteItemsCommand']);
  });

  it('opens on the CI found by a metric dimension, with impact and urgency from its tier', async () => {
    // Prepare
    const instance = `i-${randomIds.next()}`;
    const server = (
      await createCi(deps, agent, {
        name: 'payroll web',
        type: 'server',
        serviceTier: 1,
        externalId: `arn:aws:ec2:eu-west-1:111122223333:instance/${instance}`,
      })
    ).body;
    const fixture = JSON.parse(readFileSync('test/fixtures/cloudwatch-alarms/metric-alarm.json', 'utf8'));
    fixture.id = randomIds.next();
    fixture.detail.alarmName = `cpu-${randomIds.next()}`;
    fixture.resources = [`arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${fixture.detail.alarmName}`];
    fixture.detail.configuration.metrics[0].metricStat.metric.dimensions.InstanceId = instance;
    // Act
    const outcome = await incidentFromCloudWatchAlarm(deps, cloudWatchAlarmEvent.parse(fixture));
    // Assess
    expect(await incident(outcome.incidentId)).toMatchObject({
      ciId: server.id,
      impact: 1,
      urgency: 1,
      priority: 1,
      title: `CloudWatch alarm ${fixture.detail.alarmName} is in ALARM`,
      alarm: {
        name: fixture.detail.alarmName,
        arn: fixture.resources[0],
        lastStateChangeAt: '2027-03-04T10:15:30.209Z',
      },
    });
  });

  it.each([
    'metric-alarm.json',
    'metric-math-alarm.json',
    'anomaly-detection-alarm.json',
    'composite-alarm.json',
  ])('accepts %s and opens an incident for it', async (file) => {
    // Prepare
    const fixture = JSON.parse(readFileSync(`test/fixtures/cloudwatch-alarms/${file}`, 'utf8'));
    fixture.resources = fixture.resources.map((arn: string) => `${arn}-${randomIds.next()}`);
    // Act
    const outcome = await incidentFromCloudWatchAlarm(deps, cloudWatchAlarmEvent.parse(fixture));
    // Assess
    expect(outcome.action).toBe('opened');
    expect((await incident(outcome.incidentId)).alarm?.arn).toBe(fixture.resources[0]);
  });

  it('200 ALARM events plus 40 redeliveries, shuffled, over 4 containers at once: one incident, 200 occurrences', async () => {
    // Prepare: each container is its own wiring (its own key lanes), as Lambda containers are
    const containers = Array.from({ length: 4 }, (): AlarmDeps => ({ ...deps }));
    const signal = alarmOf('storm');
    const events = Array.from({ length: 200 }, (_, n) => signal('ALARM', n, `storm-${n}`));
    const redeliveries = Array.from({ length: 40 }, (_, n) => events[(n * 7) % events.length] as AlarmSignal);
    const deliveries = shuffled([...events, ...redeliveries]).map((event, n) => ({
      event,
      container: containers[n % containers.length] as AlarmDeps,
    }));
    // Act
    const outcomes = await inPool(deliveries, 24, ({ event, container }) => deliver(event, container));
    // Assess
    const ids = new Set(outcomes.map((outcome) => outcome.incidentId));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((outcome) => outcome.action === 'opened')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.action === 'duplicate')).toHaveLength(40);
    expect((await incident([...ids][0])).alarm).toMatchObject({
      occurrences: 200,
      firstAlarmAt: at(0),
      lastStateChangeAt: at(199),
    });
  }, 120_000);

  it('first ALARMs racing from 8 containers open one incident', async () => {
    // Prepare
    const signal = alarmOf('race');
    const first = Array.from({ length: 8 }, (_, n) => signal('ALARM', n, `race-${n}`));
    // Act
    const outcomes = await Promise.all(first.map((event) => deliver(event, { ...deps })));
    // Assess
    expect(outcomes.filter((outcome) => outcome.action === 'opened')).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.incidentId)).size).toBe(1);
    expect((await incident(outcomes[0]?.incidentId)).alarm?.occurrences).toBe(8);
  });

  it('ALARM → OK → ALARM: one incident, clearedAt set then cleared', async () => {
    // Prepare
    const signal = alarmOf('cycle');
    const opened = await deliver(signal('ALARM', 0));
    // Act
    const cleared = await deliver(signal('OK', 60));
    const afterOk = await incident(opened.incidentId);
    const again = await deliver(signal('ALARM', 120));
    // Assess
    expect(cleared.action).toBe('cleared');
    expect(afterOk.alarm).toMatchObject({ state: 'OK', clearedAt: at(60), occurrences: 1 });
    expect(again).toEqual({ action: 'occurrence', incidentId: opened.incidentId });
    const final = await incident(opened.incidentId);
    expect(final.alarm).toMatchObject({ state: 'ALARM', occurrences: 2 });
    expect(final.alarm?.clearedAt).toBeUndefined();
  });

  it('an OK older than the last ALARM changes nothing', async () => {
    // Prepare
    const signal = alarmOf('stale');
    const opened = await deliver(signal('ALARM', 100));
    // Act
    const stale = await deliver(signal('OK', 50));
    // Assess
    expect(stale.action).toBe('stale');
    expect(await incident(opened.incidentId)).toMatchObject({ version: 1, alarm: { state: 'ALARM' } });
  });

  it('INSUFFICIENT_DATA opens nothing', async () => {
    // Prepare
    const signal = alarmOf('no-data');
    // Act
    const outcome = await deliver(signal('INSUFFICIENT_DATA', 0));
    const list = await deps.store.list<Incident>('incident', { filters: {}, limit: 200 });
    // Assess
    expect(outcome).toEqual({ action: 'recorded' });
    expect(list.items.filter((item) => item.alarm?.name === 'no-data')).toEqual([]);
  });

  it('after a person resolves the incident, the next ALARM opens a new one', async () => {
    // Prepare
    const signal = alarmOf('reopen');
    const opened = await deliver(signal('ALARM', 0));
    const id = opened.incidentId as string;
    await changeIncident(deps, agent, id, { state: 'in_progress' });
    await changeIncident(deps, agent, id, {
      state: 'resolved',
      resolutionCode: 'fixed',
      resolutionNotes: 'Scaled up',
    });
    // Act
    const next = await deliver(signal('ALARM', 60));
    // Assess
    expect(next.action).toBe('opened');
    expect(next.incidentId).not.toBe(id);
    expect((await incident(id)).alarm?.occurrences).toBe(1);
  });

  it('auto-resolve resolves on OK an incident nobody changed, never one a person changed', async () => {
    // Prepare
    const autoDeps: AlarmDeps = { ...deps, alarms: { autoResolve: true, groupWindowSeconds: 600 } };
    const quiet = alarmOf('auto-quiet');
    const touched = alarmOf('auto-touched');
    const left = await deliver(quiet('ALARM', 0), autoDeps);
    const handled = await deliver(touched('ALARM', 0), autoDeps);
    await changeIncident(deps, agent, handled.incidentId as string, { assignee: 'alice' });
    // Act
    const resolved = await deliver(quiet('OK', 60), autoDeps);
    const cleared = await deliver(touched('OK', 60), autoDeps);
    // Assess
    expect(resolved).toEqual({ action: 'resolved', incidentId: left.incidentId });
    expect(await incident(left.incidentId)).toMatchObject({
      state: 'resolved',
      resolutionCode: 'auto_resolved',
      alarm: { state: 'OK', clearedAt: at(60) },
    });
    expect(cleared.action).toBe('cleared');
    expect((await incident(handled.incidentId)).state).toBe('new');
  });

  it('five fast ALARM/OK cycles set flapping, and a flapping incident is not auto-resolved', async () => {
    // Prepare
    const autoDeps: AlarmDeps = { ...deps, alarms: { autoResolve: true, groupWindowSeconds: 600 } };
    const signal = alarmOf('flappy');
    // Act
    const outcomes: AlarmOutcome[] = [];
    for (let cycle = 0; cycle < 5; cycle++) {
      outcomes.push(await deliver(signal('ALARM', cycle * 120), autoDeps));
      outcomes.push(await deliver(signal('OK', cycle * 120 + 60), autoDeps));
    }
    // Assess
    const last = await incident(outcomes.at(-1)?.incidentId);
    expect(last.alarm?.flapping).toBe(true);
    expect(last.state).toBe('new');
    expect(outcomes.slice(-1)[0]?.action).toBe('cleared');
  });

  it('an alarm storm across 20 CIs behind one service pages once: one parent, 19 children', async () => {
    // Prepare: a service that depends on 20 servers, each watched by its own alarm
    const service = (await createCi(deps, agent, { name: `checkout-${randomIds.next()}`, type: 'service' }))
      .body;
    const servers = await Promise.all(
      Array.from({ length: 20 }, async (_, n) => {
        const instance = `i-storm-${n}-${randomIds.next()}`;
        const server = (
          await createCi(deps, agent, {
            name: `checkout server ${n}`,
            type: 'server',
            externalId: `arn:aws:ec2:eu-west-1:111122223333:instance/${instance}`,
          })
        ).body;
        await relateCis(deps, agent, { fromId: service.id, type: 'depends_on', toId: server.id });
        return { server, instance };
      }),
    );
    const alarms = servers.map(({ instance }) => {
      const signal = alarmOf(`cpu-${instance}`);
      return {
        ...signal('ALARM', 0),
        externalIds: [`arn:aws:ec2:eu-west-1:111122223333:instance/${instance}`],
      };
    });
    // Act: all within seconds, as a storm would arrive
    const outcomes = await Promise.all(alarms.map((alarm) => deliver(alarm, { ...deps })));
    // Assess
    const opened = await Promise.all(outcomes.map((outcome) => incident(outcome.incidentId)));
    const parents = opened.filter((item) => item.parentId === undefined);
    expect(parents).toHaveLength(1);
    expect(opened.filter((item) => item.parentId === parents[0]?.id)).toHaveLength(19);
    expect(new Set(opened.map((item) => item.ciId)).size).toBe(20);
    expect(parents[0]?.impactedServices).toEqual([{ ciId: service.id, name: service.name }]);
  });

  it('a group window of 0 (ALARM_GROUP_WINDOW_SECONDS=0) turns grouping off', async () => {
    // Prepare
    const service = (await createCi(deps, agent, { name: `billing-${randomIds.next()}`, type: 'service' }))
      .body;
    const first = { ...alarmOf('billing-a')('ALARM', 0), ciId: service.id };
    const second = { ...alarmOf('billing-b')('ALARM', 0), ciId: service.id };
    const noWindow: AlarmDeps = { ...deps, alarms: { autoResolve: false, groupWindowSeconds: 0 } };
    // Act
    const a = await deliver(first);
    const b = await deliver(second, noWindow);
    // Assess
    expect((await incident(a.incidentId)).parentId).toBeUndefined();
    expect((await incident(b.incidentId)).parentId).toBeUndefined();
  });
});
