import { createdAt, servedBy, versioned } from '#http/operation.ts';
import {
  changeCi,
  createCi,
  getCi,
  listCiHistory,
  listCis,
  retireCi,
} from '#processes/cmdb/configuration-management.ts';
import { ciWalk } from '#processes/cmdb/impact-analysis.ts';
import { listRelationships, relateCis, removeRelationship } from '#processes/cmdb/relationships.ts';
import type { ConfigurationDeps } from '#processes/dependencies.ts';
import { cmdbContracts } from '../contracts/cmdb.ts';
import { historyHandler } from './record-history.ts';

/** The CMDB over HTTP: CIs, relationships, impact and dependencies (README, CMDB). */
export const cmdbOperations = servedBy<ConfigurationDeps>()(cmdbContracts, {
  createCi: async ({ actor, body, idempotency }, deps) =>
    createdAt('/cis', await createCi(deps, actor, body, idempotency)),
  listCis: async ({ query }, deps) => ({ body: await listCis(deps, query) }),
  getCi: async ({ params }, deps) => versioned(await getCi(deps, params.id)),
  changeCi: async ({ actor, params, body, ifMatch }, deps) =>
    versioned(await changeCi(deps, actor, params.id, body, ifMatch)),
  retireCi: async ({ actor, params, ifMatch }, deps) =>
    versioned(await retireCi(deps, actor, params.id, ifMatch)),
  listCiHistory: historyHandler<ConfigurationDeps>((deps, _actor, id, page) => listCiHistory(deps, id, page)),
  listCiRelationships: async ({ params, query }, deps) => ({
    body: await listRelationships(deps, params.id, query),
  }),
  listCiImpact: async ({ params, query }, deps) => ({
    body: await ciWalk(deps, params.id, 'impact', query.depth),
  }),
  listCiDependencies: async ({ params, query }, deps) => ({
    body: await ciWalk(deps, params.id, 'dependencies', query.depth),
  }),
  relateCis: async ({ actor, body, idempotency }, deps) => {
    const outcome = await relateCis(deps, actor, body, idempotency);
    return { status: outcome.status, body: outcome.body };
  },
  removeRelationship: async ({ actor, params }, deps) => ({
    body: await removeRelationship(deps, actor, params.id),
  }),
});
