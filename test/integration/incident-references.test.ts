import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCmdbStore } from '#adapters/dynamo/dynamo-cmdb-store.ts';
import { DynamoRecordStore } from '#adapters/dynamo/dynamo-record-store.ts';
import { DynamoServiceLevels } from '#adapters/dynamo/dynamo-service-levels.ts';
import { DomainError } from '#domain/errors.ts';
import type { Actor } from '#domain/record/record.ts';
import { randomIds } from '#ports/id-generator.ts';
import { createCi } from '#processes/cmdb/configuration-management.ts';
import { cmdbOver } from '#processes/cmdb/impact-analysis.ts';
import type { ConfigurationDeps, IncidentDeps } from '#processes/dependencies.ts';
import { logIncident } from '#processes/incident-management.ts';
import { countCalls, freshTable } from '../support/test-platform.ts';

/**
 * Checking an incident's references costs no extra round trip for its CI: the CMDB enricher's
 * impact walk reads the CI record anyway (README, DynamoDB calls per request).
 */
let deps: IncidentDeps & ConfigurationDeps;
let calls: string[];
const actor: Actor = { sub: 'agent-1', roles: ['agent'] };

beforeAll(async () => {
  const { client, tableName } = await freshTable();
  calls = countCalls(client);
  deps = {
    store: new DynamoRecordStore(client, tableName),
    clock: { now: () => new Date() },
    ids: randomIds,
    cmdb: cmdbOver(new DynamoCmdbStore(client, tableName)),
    serviceLevels: new DynamoServiceLevels(client, tableName),
    reportFailure: (what: string, error: unknown) => {
      throw new Error(`${what}: ${String(error)}`);
    },
  } as unknown as IncidentDeps & ConfigurationDeps;
});

const counted = async <T>(work: () => Promise<T>) => {
  calls.length = 0;
  const result = await work().catch((error: unknown) => error);
  return { result, calls: [...calls] };
};

describe('incident references on DynamoDB Local', () => {
  it('an incident on a CI costs the same calls as before the check; an unknown CI writes nothing', async () => {
    const server = (await createCi(deps, actor, { name: 'web-1', type: 'server' })).body;
    // Warm: the first create in a container loads the SLA policies once (README).
    await logIncident(deps, actor, { title: 'warm-up', impact: 3, urgency: 3 });
    const known = await counted(() =>
      logIncident(deps, actor, { title: 'web-1 down', impact: 1, urgency: 1, ciId: server.id }),
    );
    const unknown = await counted(() =>
      logIncident(deps, actor, { title: 'ghost', impact: 1, urgency: 1, ciId: 'ghost' }),
    );
    // As before the check (measured on the commit before it): the CI's impact walk (its edges
    // and its record), its dependencies for the health it moves; then change findings (what the
    // CI needs, with its change footprints beside); the number once all that accepted it; the
    // transaction.
    expect(known.calls).toEqual([
      'QueryCommand',
      'QueryCommand',
      'BatchGetItemCommand',
      'QueryCommand',
      'BatchGetItemCommand',
      'QueryCommand',
      'BatchGetItemCommand',
      'QueryCommand',
      'UpdateItemCommand',
      'TransactWriteItemsCommand',
    ]);
    expect(unknown.result).toBeInstanceOf(DomainError);
    expect((unknown.result as DomainError).errors).toEqual([{ path: 'ciId', message: 'no CI with that id' }]);
    // A refused create takes no number and writes nothing
    expect(unknown.calls).not.toContain('UpdateItemCommand');
    expect(unknown.calls).not.toContain('TransactWriteItemsCommand');
  });
});
