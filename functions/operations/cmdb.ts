import { createdAt, operationsOver, versioned } from '#http/operation.ts';
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
import {
  ciDocument,
  ciPage,
  createCiBody,
  createRelationshipBody,
  listCisQuery,
  patchCiBody,
  relationshipDocument,
  relationshipPage,
  walkDocument,
  walkQuery,
} from '#schemas/cmdb.ts';
import { pageOnlyQuery } from '#schemas/common.ts';
import { historyOperation } from './record-history.ts';

const operation = operationsOver<ConfigurationDeps>();
const tag = 'CMDB';
const resource = 'CI';

/** The CMDB over HTTP: CIs, relationships, impact and dependencies (README, CMDB). */
export const cmdbOperations = [
  operation({
    operationId: 'createCi',
    method: 'POST',
    path: '/cis',
    tag,
    summary: 'Register a configuration item (externalId, the ARN, is unique)',
    role: 'agent',
    body: createCiBody,
    response: { status: 201, schema: ciDocument },
    idempotent: true,
    handle: async ({ actor, body, idempotency }, deps) =>
      createdAt('/cis', await createCi(deps, actor, body, idempotency)),
  }),
  operation({
    operationId: 'listCis',
    method: 'GET',
    path: '/cis',
    tag,
    summary: 'List CIs by type, name, externalId or status',
    role: 'requester',
    query: listCisQuery,
    response: { status: 200, schema: ciPage },
    handle: async ({ query }, deps) => ({ body: await listCis(deps, query) }),
  }),
  operation({
    operationId: 'getCi',
    method: 'GET',
    path: '/cis/{id}',
    tag,
    resource,
    summary: 'Read a CI with its health',
    role: 'requester',
    response: { status: 200, schema: ciDocument },
    versioned: true,
    handle: async ({ params }, deps) => versioned(await getCi(deps, params.id)),
  }),
  operation({
    operationId: 'changeCi',
    method: 'PATCH',
    path: '/cis/{id}',
    tag,
    resource,
    summary: 'Change a CI; attributes set by hand are never overwritten by discovery',
    role: 'agent',
    body: patchCiBody,
    response: { status: 200, schema: ciDocument },
    versioned: true,
    handle: async ({ actor, params, body, ifMatch }, deps) =>
      versioned(await changeCi(deps, actor, params.id, body, ifMatch)),
  }),
  operation({
    operationId: 'retireCi',
    method: 'DELETE',
    path: '/cis/{id}',
    tag,
    resource,
    summary: 'Retire a CI (soft delete: history and old links stay; its relationships go)',
    role: 'agent',
    response: { status: 200, schema: ciDocument },
    versioned: true,
    handle: async ({ actor, params, ifMatch }, deps) =>
      versioned(await retireCi(deps, actor, params.id, ifMatch)),
  }),
  historyOperation<ConfigurationDeps>({
    operationId: 'listCiHistory',
    path: '/cis/{id}/history',
    tag,
    resource,
    role: 'requester',
    list: (deps, _actor, id, page) => listCiHistory(deps, id, page),
  }),
  operation({
    operationId: 'listCiRelationships',
    method: 'GET',
    path: '/cis/{id}/relationships',
    tag,
    resource,
    summary: 'Relationships of a CI in both directions',
    role: 'requester',
    query: pageOnlyQuery,
    response: { status: 200, schema: relationshipPage },
    handle: async ({ params, query }, deps) => ({ body: await listRelationships(deps, params.id, query) }),
  }),
  operation({
    operationId: 'listCiImpact',
    method: 'GET',
    path: '/cis/{id}/impact',
    tag,
    resource,
    summary: 'Every CI that needs this one, with distance and a shortest path',
    role: 'requester',
    query: walkQuery,
    response: { status: 200, schema: walkDocument },
    handle: async ({ params, query }, deps) => ({
      body: await ciWalk(deps, params.id, 'impact', query.depth),
    }),
  }),
  operation({
    operationId: 'listCiDependencies',
    method: 'GET',
    path: '/cis/{id}/dependencies',
    tag,
    resource,
    summary: 'Every CI this one needs, with distance and a shortest path',
    role: 'requester',
    query: walkQuery,
    response: { status: 200, schema: walkDocument },
    handle: async ({ params, query }, deps) => ({
      body: await ciWalk(deps, params.id, 'dependencies', query.depth),
    }),
  }),
  operation({
    operationId: 'relateCis',
    method: 'POST',
    path: '/relationships',
    tag,
    summary: 'Relate two CIs: from needs to',
    role: 'agent',
    body: createRelationshipBody,
    response: { status: 201, schema: relationshipDocument },
    idempotent: true,
    handle: async ({ actor, body, idempotency }, deps) => {
      const outcome = await relateCis(deps, actor, body, idempotency);
      return { status: outcome.status, body: outcome.body };
    },
  }),
  operation({
    operationId: 'removeRelationship',
    method: 'DELETE',
    path: '/relationships/{id}',
    tag,
    resource: 'relationship',
    summary: 'Remove a relationship',
    role: 'agent',
    response: { status: 200, schema: relationshipDocument },
    handle: async ({ actor, params }, deps) => ({ body: await removeRelationship(deps, actor, params.id) }),
  }),
];
