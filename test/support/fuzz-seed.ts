import fc from 'fast-check';
import { expect } from 'vitest';
import type { FuzzTargets } from './fuzz-targets.ts';
import { useKnownValues } from './schema-arbitrary.ts';
import type { TestPlatform } from './test-platform.ts';

const admin = { role: 'admin', sub: 'fuzz-admin' };

/**
 * Records for careful requests to reach (two or three of each, so every list issues a cursor):
 * CIs with relationships, incidents on a CI with comments, problems, changes, change windows,
 * service requests, a calendar, a policy and a metric binding. Then the values of properties
 * that must name them (`ciId`, `parentId`, ...), drawn from what exists when a batch is drawn.
 * @example await seedFuzzTargets(platform, targets);
 */
export const seedFuzzTargets = async (platform: TestPlatform, targets: FuzzTargets) => {
  const create = async (path: string, body: unknown) => {
    const response = await platform.call('POST', path, { ...admin, body });
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(201);
    return String(response.body.id);
  };
  const put = async (path: string, body: unknown) => {
    const response = await platform.call('PUT', path, { ...admin, body });
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  };

  const db = await create('/cis', { name: 'fuzz-db', type: 'database' });
  const app = await create('/cis', { name: 'fuzz-app', type: 'application' });
  const service = await create('/cis', { name: 'fuzz-service', type: 'service', serviceTier: 1 });
  targets.seed('cis', db, app, service);
  targets.seed(
    'relationships',
    await create('/relationships', { fromId: app, toId: db, type: 'depends_on' }),
    await create('/relationships', { fromId: service, toId: app, type: 'depends_on' }),
  );
  const incidents: string[] = [];
  for (const title of ['fuzz target', 'fuzz second', 'fuzz third'])
    incidents.push(await create('/incidents', { title, impact: 2, urgency: 2, ciId: db }));
  for (const body of ['first', 'second'])
    await create(`/incidents/${incidents[0]}/comments`, { body, visibility: 'public' });
  await platform.call('PATCH', `/incidents/${incidents[0]}`, { ...admin, body: { assignee: 'fuzz-agent' } });
  targets.seed('incidents', ...incidents);
  targets.seed(
    'problems',
    await create('/problems', { title: 'fuzz problem', ciId: db }),
    await create('/problems', { title: 'fuzz second problem' }),
  );
  const change = (title: string) => ({
    title,
    type: 'normal',
    ciIds: [db],
    plannedStart: '2030-01-01T10:00:00.000Z',
    plannedEnd: '2030-01-01T11:00:00.000Z',
  });
  targets.seed(
    'changes',
    await create('/changes', change('fuzz one')),
    await create('/changes', change('fuzz two')),
  );
  const window = (reason: string) => ({
    kind: 'maintenance',
    start: '2030-02-01T00:00:00.000Z',
    end: '2030-02-01T04:00:00.000Z',
    reason,
  });
  targets.seed(
    'change-windows',
    await create('/change-windows', window('fuzz one')),
    await create('/change-windows', window('fuzz two')),
  );
  targets.seed(
    'requests',
    await create('/requests', { item: 'laptop' }),
    await create('/requests', { item: 'phone' }),
  );
  await put('/calendars/fuzz-hours', { timezone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']] } });
  await put('/sla-policies/fuzz-policy', { recordType: 'incident', metric: 'response', targetSeconds: 3600 });
  await put(`/cis/${db}/metrics/fuzz-cpu`, {
    namespace: 'AWS/RDS',
    metricName: 'CPUUtilization',
    dimensions: [{ name: 'DBInstanceIdentifier', value: 'fuzz-db' }],
    stat: 'Average',
    periodSeconds: 300,
    kind: 'capacity',
    capacityLimit: 100,
  });
  targets.seed('calendars', 'fuzz-hours');
  targets.seed('sla-policies', 'fuzz-policy');
  targets.seed('metric-keys', 'fuzz-cpu');

  // The fuzzing retires CIs and makes new ones: draw from what exists at the time.
  const ciIds = fc.nat().map((pick) => targets.idFor('cis', pick));
  const incidentIds = fc.nat().map((pick) => targets.idFor('incidents', pick));
  useKnownValues(
    {
      ciId: ciIds,
      serviceId: ciIds,
      fromId: ciIds,
      toId: ciIds,
      ciIds: fc.array(ciIds, { minLength: 1, maxLength: 2 }),
      parentId: incidentIds,
      incidentId: incidentIds,
      incidentIds: fc.array(incidentIds, { minLength: 1, maxLength: 2 }),
      calendarId: fc.constant('fuzz-hours'),
      timezone: fc.constantFrom('Europe/Berlin', 'UTC', 'America/New_York'),
    },
    {
      // A target near the schema's ten years on fuzz-hours (8 business hours a week) costs about
      // 6 s of calendar walking on every create it matches (a known defect): stay within a day.
      targetSeconds: fc.oneof(
        fc.integer({ min: 1, max: 86_400 }),
        fc.constantFrom(0, -1, 315_360_001, 1.5, '3600', null),
      ),
    },
  );
};
