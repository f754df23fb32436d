import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCmdbStore } from '#adapters/dynamo/dynamo-cmdb-store.ts';
import { DynamoRecordStore } from '#adapters/dynamo/dynamo-record-store.ts';
import { DynamoServiceLevels } from '#adapters/dynamo/dynamo-service-levels.ts';
import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import type { Actor } from '#domain/record/record.ts';
import { randomIds } from '#ports/id-generator.ts';
import { changeChange, raiseChange } from '#processes/change-management.ts';
import { createCi } from '#processes/cmdb/configuration-management.ts';
import { cmdbOver } from '#processes/cmdb/impact-analysis.ts';
import { relateCis } from '#processes/cmdb/relationships.ts';
import type { ChangeDeps, ConfigurationDeps, IncidentDeps } from '#processes/dependencies.ts';
import { changeIncident, logIncident } from '#processes/incident-management.ts';
import { freshTable } from '../support/test-platform.ts';

const agent: Actor = { sub: 'agent-1', roles: ['agent'] };
const hour = 3_600_000;
const clock = { at: Date.parse('2026-11-20T08:00:00.000Z'), now: () => new Date(clock.at) };
let deps: IncidentDeps & ChangeDeps & ConfigurationDeps;

beforeAll(async () => {
  const { client, tableName } = await freshTable();
  deps = {
    store: new DynamoRecordStore(client, tableName),
    clock,
    ids: randomIds,
    cmdb: cmdbOver(new DynamoCmdbStore(client, tableName)),
    serviceLevels: new DynamoServiceLevels(client, tableName),
    reportFailure: (what, error) => {
      throw new Error(`${what}: ${String(error)}`);
    },
  };
});

const ci = async (name: string, type: ConfigurationItem['type']) =>
  (await createCi(deps, agent, { name, type })).body;

/** A standard change on these CIs, taken to `implement` now. */
const implemented = async (title: string, ciIds: string[]) => {
  const change = (
    await raiseChange(deps, agent, {
      title,
      type: 'standard',
      ciIds,
      plannedStart: new Date(clock.at + hour).toISOString(),
      plannedEnd: new Date(clock.at + 2 * hour).toISOString(),
    })
  ).body;
  await changeChange(deps, agent, change.id, { state: 'scheduled' });
  return changeChange(deps, agent, change.id, { state: 'implement' });
};

describe('change correlation: findings on incidents', () => {
  it('lists changes implemented in the day before on the CI and on what it needs, nearest first', async () => {
    // checkout-api runs_on web-1, which depends_on orders-db; a change on each of the lower two.
    const [api, server, db, unrelated] = [
      await ci('checkout-api', 'application'),
      await ci('web-1', 'server'),
      await ci('orders-db', 'database'),
      await ci('mail-relay', 'server'),
    ];
    await relateCis(deps, agent, { fromId: api.id, toId: server.id, type: 'runs_on' });
    await relateCis(deps, agent, { fromId: server.id, toId: db.id, type: 'depends_on' });
    const old = await implemented('Old kernel patch', [server.id]);
    clock.at += 25 * hour;
    const dbChange = await implemented('Postgres minor upgrade', [db.id]);
    expect(dbChange.implementedAt).toBe(new Date(clock.at).toISOString());
    clock.at += hour;
    const apiChange = await implemented('Deploy checkout-api 4.2', [api.id, unrelated.id]);
    clock.at += 2 * hour;

    const incident = (
      await logIncident(deps, agent, { title: 'Checkout 500s', impact: 2, urgency: 2, ciId: api.id })
    ).body;

    expect(incident.findings).toEqual([
      {
        kind: 'recent_change',
        changeId: apiChange.id,
        number: apiChange.number,
        ciId: api.id,
        distance: 0,
        at: apiChange.implementedAt,
        reason: 'implemented_on_ci',
      },
      {
        kind: 'recent_change',
        changeId: dbChange.id,
        number: dbChange.number,
        ciId: db.id,
        distance: 2,
        at: dbChange.implementedAt,
        reason: 'implemented_on_dependency',
      },
    ]);
    expect(incident.findings?.map((finding) => finding.changeId)).not.toContain(old.id);
  });

  it('lists a database change an hour before an incident on the application that depends on it, not a change elsewhere', async () => {
    const [app, db, elsewhere] = [
      await ci('billing-app', 'application'),
      await ci('billing-db', 'database'),
      await ci('print-server', 'server'),
    ];
    await relateCis(deps, agent, { fromId: app.id, toId: db.id, type: 'depends_on' });
    const dbChange = await implemented('Resize billing-db', [db.id]);
    const unrelated = await implemented('Patch print-server', [elsewhere.id]);
    clock.at += hour;

    const incident = (
      await logIncident(deps, agent, { title: 'Invoices fail', impact: 2, urgency: 2, ciId: app.id })
    ).body;

    expect(incident.findings).toMatchObject([{ changeId: dbChange.id, ciId: db.id, distance: 1 }]);
    expect(incident.findings?.map((finding) => finding.changeId)).not.toContain(unrelated.id);
  });

  it('finds nothing on a CI without recent changes, and looks again when the incident moves CI', async () => {
    const quiet = await ci('quiet-box', 'server');
    const busy = await ci('busy-box', 'server');
    const change = await implemented('Reboot busy-box', [busy.id]);
    clock.at += hour;
    const incident = (
      await logIncident(deps, agent, { title: 'Slow', impact: 3, urgency: 3, ciId: quiet.id })
    ).body;
    expect(incident.findings).toEqual([]);

    const moved = await changeIncident(deps, agent, incident.id, { ciId: busy.id });
    // The window is the day before the incident opened, whatever CI it names later.
    expect(moved.findings?.map((finding) => finding.changeId)).toEqual([change.id]);
  });
});
