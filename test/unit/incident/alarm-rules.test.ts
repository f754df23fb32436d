import { describe, expect, it } from 'vitest';
import { isFlapping, recentFlips } from '#domain/incident/alarm-flapping.ts';
import { groupToJoin } from '#domain/incident/alarm-grouping.ts';
import { alarmImpact } from '#domain/incident/alarm-priority.ts';
import { withAlarm } from '#domain/incident/alarm-resolution.ts';
import { alarmExternalIds } from '#domain/incident/alarm-resources.ts';
import { type Incident, openIncident } from '#domain/incident/incident.ts';

const origin = { account: '111122223333', region: 'eu-west-1' };
const alarmArn = 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:cpu';

describe('alarm impact from the CI service tier', () => {
  it('maps tiers 1..4 and defaults to (2,2)', () => {
    // Prepare / Act / Assess
    expect([1, 2, 3, 4, undefined].map(alarmImpact)).toEqual([
      { impact: 1, urgency: 1 },
      { impact: 1, urgency: 2 },
      { impact: 2, urgency: 2 },
      { impact: 3, urgency: 3 },
      { impact: 2, urgency: 2 },
    ]);
  });
});

describe('alarm external ids', () => {
  it('turns metric dimensions into resource ARNs, then bare values, the alarm itself last', () => {
    // Prepare / Act
    const ids = alarmExternalIds({
      resources: [alarmArn],
      alarmArn,
      dimensions: [{ InstanceId: 'i-1' }, { FunctionName: 'checkout' }, { TableName: 'orders' }],
      origin,
    });
    // Assess
    expect(ids).toEqual([
      'arn:aws:ec2:eu-west-1:111122223333:instance/i-1',
      'i-1',
      'arn:aws:lambda:eu-west-1:111122223333:function:checkout',
      'checkout',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      'orders',
      alarmArn,
    ]);
  });

  it('keeps other resources first and lists each id once', () => {
    // Prepare / Act
    const ids = alarmExternalIds({
      resources: [alarmArn, 'arn:aws:rds:eu-west-1:111122223333:db:orders'],
      alarmArn,
      dimensions: [{ DBInstanceIdentifier: 'orders' }, { DBInstanceIdentifier: 'orders' }],
      origin,
    });
    // Assess
    expect(ids).toEqual(['arn:aws:rds:eu-west-1:111122223333:db:orders', 'orders', alarmArn]);
  });
});

describe('flapping', () => {
  const t = (minute: number) => new Date(Date.UTC(2027, 2, 4, 10, minute)).toISOString();

  it('counts a move between ALARM and OK, not INSUFFICIENT_DATA, and forgets what left the window', () => {
    // Prepare / Act / Assess
    expect(recentFlips([], undefined, 'ALARM', t(0))).toEqual([]);
    expect(recentFlips([], 'ALARM', 'OK', t(1))).toEqual([t(1)]);
    expect(recentFlips([t(1)], 'OK', 'INSUFFICIENT_DATA', t(2))).toEqual([t(1)]);
    expect(recentFlips([t(1)], 'OK', 'OK', t(3))).toEqual([t(1)]);
    expect(recentFlips([t(1)], 'OK', 'ALARM', t(40))).toEqual([t(40)]);
  });

  it('flaps from five changes on (compliant and non-compliant)', () => {
    // Prepare / Act / Assess
    expect(isFlapping([t(1), t(2), t(3), t(4)])).toBe(false);
    expect(isFlapping([t(1), t(2), t(3), t(4), t(5)])).toBe(true);
  });
});

describe('an incident taking its alarm', () => {
  const now = '2027-03-04T10:30:00.000Z';
  const incident: Incident = {
    ...openIncident(
      { title: 'cpu', impact: 2, urgency: 2 },
      { sub: 'opsdesk-alarms', roles: ['agent'] },
      now,
    ),
    id: 'inc-1',
    number: 'INC0001001',
    version: 1,
  };
  const alarm = {
    name: 'cpu',
    arn: alarmArn,
    state: 'OK' as const,
    occurrences: 1,
    firstAlarmAt: now,
    lastStateChangeAt: now,
    clearedAt: now,
    flapping: false,
  };

  it('resolves a new incident as auto_resolved, skipping the move rule', () => {
    // Prepare / Act
    const { incident: resolved, changes } = withAlarm(incident, alarm, now, true);
    // Assess
    expect(resolved).toMatchObject({ state: 'resolved', resolutionCode: 'auto_resolved', resolvedAt: now });
    expect(changes.map((change) => change.field)).toEqual([
      'state',
      'resolutionCode',
      'resolutionNotes',
      'resolvedAt',
      'alarm',
    ]);
  });

  it('only records the alarm when not resolving', () => {
    // Prepare / Act
    const { incident: next, changes } = withAlarm(incident, alarm, now, false);
    // Assess
    expect(next.state).toBe('new');
    expect(changes).toEqual([{ field: 'alarm', from: null, to: alarm }]);
  });
});

describe('alarm grouping', () => {
  const t = (minute: number) => new Date(Date.UTC(2027, 2, 4, 10, minute)).toISOString();
  const group = (incidentId: string, minute: number) => ({
    serviceId: `svc-${incidentId}`,
    incidentId,
    openedAt: t(minute),
  });

  it('joins the group opened first within the window', () => {
    // Prepare / Act / Assess
    expect(groupToJoin([group('b', 8), group('a', 5)], t(12), 600)?.incidentId).toBe('a');
  });

  it('joins no group older than the window', () => {
    // Prepare / Act / Assess
    expect(groupToJoin([group('a', 0)], t(11), 600)).toBeUndefined();
  });
});
