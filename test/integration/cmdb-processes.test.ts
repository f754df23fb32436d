import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCmdbStore } from '#adapters/dynamo/dynamo-cmdb-store.ts';
import { DynamoRecordStore } from '#adapters/dynamo/dynamo-record-store.ts';
import { DynamoServiceLevels } from '#adapters/dynamo/dynamo-service-levels.ts';
import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import { DomainError } from '#domain/errors.ts';
import type { Actor } from '#domain/record/record.ts';
import { randomIds } from '#ports/id-generator.ts';
import { createCi, getCi, retireCi } from '#processes/cmdb/configuration-management.ts';
import { cmdbOver } from '#processes/cmdb/impact-analysis.ts';
import { cmdbIncidentEnricher } from '#processes/cmdb/incident-impact.ts';
import { relateCis } from '#processes/cmdb/relationships.ts';
import type { ChangeDeps, ConfigurationDeps, IncidentDeps } from '#processes/dependencies.ts';
import { changeIncident, logIncident } from '#processes/incident-management.ts';
import { freshTable } from '../support/test-platform.ts';

let deps: IncidentDeps & ChangeDeps & ConfigurationDeps;
const actor: Actor = { sub: 'agent-1', roles: ['agent'] };

beforeAll(async () => {
  const { client, tableName } = await freshTable();
  deps = {
    store: new DynamoRecordStore(client, tableName),
    clock: { now: () => new Date() },
    ids: randomIds,
    cmdb: cmdbOver(new DynamoCmdbStore(client, tableName)),
    serviceLevels: new DynamoServiceLevels(client, tableName),
    reportFailure: (what, error) => {
      throw new Error(`${what}: ${String(error)}`);
    },
  };
});

const ci = async (name: string, type: ConfigurationItem['type'], externalId?: string) =>
  (await createCi(deps, actor, { name, type, externalId })).body;

const health = async (id: string) => (await getCi(deps, id)).health;

const settle = async <T>(work: Array<Promise<T>>) => {
  const results = await Promise.allSettled(work);
  return {
    fulfilled: results.filter((result) => result.status === 'fulfilled').length,
    conflicts: results.filter(
      (result) =>
        result.status === 'rejected' &&
        result.reason instanceof DomainError &&
        result.reason.kind === 'conflict',
    ).length,
  };
};

describe('CMDB processes on DynamoDB Local', () => {
  it('one CI per ARN, one edge per pair and type, even when requests race', async () => {
    // Prepare
    const arn = `arn:aws:ec2:eu-west-1:123456789012:instance/i-${randomIds.next()}`;
    const server = await ci('racer host', 'server');
    const application = await ci('racer app', 'application');
    // Act
    const creations = await settle(
      Array.from({ length: 6 }, () => createCi(deps, actor, { name: 'x', type: 'server', externalId: arn })),
    );
    const edges = await settle(
      Array.from({ length: 6 }, () =>
        relateCis(deps, actor, { fromId: application.id, toId: server.id, type: 'runs_on' }),
      ),
    );
    // Assess
    expect(creations).toEqual({ fulfilled: 1, conflicts: 5 });
    expect(edges).toEqual({ fulfilled: 1, conflicts: 5 });
    expect(await deps.cmdb.relatedCis([server.id])).toEqual({ [server.id]: [application.id] });
  });

  it('concurrent incidents on one CI are all counted, and its health follows the last one closed', async () => {
    // Prepare
    const server = await ci('busy host', 'server');
    const application = await ci('busy app', 'application');
    await relateCis(deps, actor, { fromId: application.id, toId: server.id, type: 'runs_on' });
    // Act
    const opened = await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        logIncident(deps, actor, { title: `slow ${n}`, impact: 2, urgency: 2, ciId: server.id }),
      ),
    );
    const whileOpen = await getCi(deps, server.id);
    const appWhileOpen = await health(application.id);
    await Promise.all(
      opened.map((outcome) => changeIncident(deps, actor, outcome.body.id, { state: 'canceled' })),
    );
    // Assess
    expect(Object.keys(whileOpen.openIncidents).sort()).toEqual(opened.map((o) => o.body.id).sort());
    expect(whileOpen.health).toBe('degraded');
    expect(appWhileOpen).toBe('degraded');
    expect(await health(server.id)).toBe('ok');
    expect(await health(application.id)).toBe('ok');
  });

  it('health reaches more dependants than one transaction holds, and a cycle invents no outage', async () => {
    // Prepare
    const server = await ci('shared host', 'server');
    const applications = await Promise.all(
      Array.from({ length: 30 }, (_, n) => ci(`tenant ${n}`, 'application')),
    );
    await Promise.all(
      applications.map((application) =>
        relateCis(deps, actor, { fromId: application.id, toId: server.id, type: 'runs_on' }),
      ),
    );
    const [first, second] = applications as [ConfigurationItem, ConfigurationItem];
    await relateCis(deps, actor, { fromId: first.id, toId: second.id, type: 'connects_to' });
    await relateCis(deps, actor, { fromId: second.id, toId: first.id, type: 'connects_to' });
    // Act
    const incident = await logIncident(deps, actor, {
      title: 'host down',
      impact: 1,
      urgency: 1,
      ciId: server.id,
    });
    const whileOpen = await Promise.all(applications.map((application) => health(application.id)));
    await changeIncident(deps, actor, incident.body.id, { state: 'canceled' });
    // Assess
    expect(whileOpen.every((state) => state === 'down')).toBe(true);
    expect(await Promise.all(applications.map((application) => health(application.id)))).toEqual(
      applications.map(() => 'ok'),
    );
  }, 180_000);

  it('retiring a CI removes its edges and frees what needed it from its health', async () => {
    // Prepare
    const server = await ci('old host', 'server');
    const application = await ci('moved app', 'application');
    await relateCis(deps, actor, { fromId: application.id, toId: server.id, type: 'runs_on' });
    await logIncident(deps, actor, { title: 'old host down', impact: 1, urgency: 1, ciId: server.id });
    const before = await health(application.id);
    // Act
    await retireCi(deps, actor, server.id);
    // Assess
    expect(before).toBe('down');
    expect(await health(application.id)).toBe('ok');
    expect(await deps.cmdb.relatedCis([application.id])).toEqual({ [application.id]: [] });
  });

  it('the enricher sets impacted services from the CI and leaves an incident alone when no signal moves', async () => {
    // Prepare
    const service = await ci('billing', 'service');
    const application = await ci('billing app', 'application');
    await relateCis(deps, actor, { fromId: service.id, toId: application.id, type: 'depends_on' });
    const incident = (
      await logIncident(deps, actor, { title: 'x', impact: 3, urgency: 3, ciId: application.id })
    ).body;
    // Act: a retitle moves neither the CI, the priority nor the open state
    const retitled = { ...incident, title: 'y', version: incident.version + 1 };
    const enriched = await cmdbIncidentEnricher(deps, {
      before: incident,
      after: retitled,
      actor: 'a',
      now: '',
    });
    // Assess
    expect(incident.impactedServices).toEqual([{ ciId: service.id, name: 'billing' }]);
    expect(enriched).toEqual({ record: retitled, extraWrites: [], followUps: [] });
  });
});
