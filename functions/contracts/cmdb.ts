import { contract, documented } from '#http/operation.ts';
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
import { historyContract, historyDescription } from './record-history.ts';

const resource = 'CI';

/** The CMDB over HTTP: what each operation takes: CIs, relationships, impact and dependencies (README, CMDB). */
export const cmdbContracts = [
  contract({
    operationId: 'createCi',
    method: 'POST',
    path: '/cis',
    role: 'agent',
    body: createCiBody,
    response: { status: 201 },
    idempotent: true,
  }),
  contract({
    operationId: 'listCis',
    method: 'GET',
    path: '/cis',
    role: 'requester',
    query: listCisQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'getCi',
    method: 'GET',
    path: '/cis/{id}',
    resource,
    role: 'requester',
    response: { status: 200 },
    versioned: true,
  }),
  contract({
    operationId: 'changeCi',
    method: 'PATCH',
    path: '/cis/{id}',
    resource,
    role: 'agent',
    body: patchCiBody,
    response: { status: 200 },
    versioned: true,
  }),
  contract({
    operationId: 'retireCi',
    method: 'DELETE',
    path: '/cis/{id}',
    resource,
    role: 'agent',
    response: { status: 200 },
    versioned: true,
  }),
  historyContract({ operationId: 'listCiHistory', path: '/cis/{id}/history', resource, role: 'requester' }),
  contract({
    operationId: 'listCiRelationships',
    method: 'GET',
    path: '/cis/{id}/relationships',
    resource,
    role: 'requester',
    query: pageOnlyQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'listCiImpact',
    method: 'GET',
    path: '/cis/{id}/impact',
    resource,
    role: 'requester',
    query: walkQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'listCiDependencies',
    method: 'GET',
    path: '/cis/{id}/dependencies',
    resource,
    role: 'requester',
    query: walkQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'relateCis',
    method: 'POST',
    path: '/relationships',
    role: 'agent',
    body: createRelationshipBody,
    response: { status: 201 },
    idempotent: true,
  }),
  contract({
    operationId: 'removeRelationship',
    method: 'DELETE',
    path: '/relationships/{id}',
    resource: 'relationship',
    role: 'agent',
    response: { status: 200 },
  }),
] as const;

/** How the OpenAPI document describes them (never part of a bundle that only serves them). */
export const cmdbDocumentation = /* @__PURE__ */ documented('CMDB', cmdbContracts, {
  createCi: { summary: 'Register a configuration item (externalId, the ARN, is unique)', schema: ciDocument },
  listCis: { summary: 'List CIs by type, name, externalId or status', schema: ciPage },
  getCi: { summary: 'Read a CI with its health', schema: ciDocument },
  changeCi: {
    summary: 'Change a CI; attributes set by hand are never overwritten by discovery',
    schema: ciDocument,
  },
  retireCi: {
    summary: 'Retire a CI (soft delete: history and old links stay; its relationships go)',
    schema: ciDocument,
  },
  listCiHistory: historyDescription,
  listCiRelationships: { summary: 'Relationships of a CI in both directions', schema: relationshipPage },
  listCiImpact: {
    summary: 'Every CI that needs this one, with distance and a shortest path',
    schema: walkDocument,
  },
  listCiDependencies: {
    summary: 'Every CI this one needs, with distance and a shortest path',
    schema: walkDocument,
  },
  relateCis: { summary: 'Relate two CIs: from needs to', schema: relationshipDocument },
  removeRelationship: { summary: 'Remove a relationship', schema: relationshipDocument },
});
