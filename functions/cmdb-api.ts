import { processDependencies } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { idempotencyOf, ifMatchVersion } from '#http/preconditions.ts';
import { bodyOf, createdAt, pathId, queryOf } from '#http/route-input.ts';
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
import { createCiBody, createRelationshipBody, listCisQuery, patchCiBody, walkQuery } from '#schemas/cmdb.ts';
import { pageOnlyQuery } from '#schemas/common.ts';

const deps = processDependencies();

export const handler = httpApi({
  'POST /cis': {
    role: 'agent',
    handle: async (request) => {
      const outcome = await createCi(
        deps,
        request.actor,
        bodyOf(request, createCiBody),
        idempotencyOf(request),
      );
      return createdAt('/cis', outcome);
    },
  },
  'GET /cis': {
    role: 'requester',
    handle: async (request) => ({ status: 200, body: await listCis(deps, queryOf(request, listCisQuery)) }),
  },
  'GET /cis/{id}': {
    role: 'requester',
    handle: async (request) => {
      const ci = await getCi(deps, pathId(request, 'CI'));
      return { status: 200, body: ci, version: ci.version };
    },
  },
  'PATCH /cis/{id}': {
    role: 'agent',
    handle: async (request) => {
      const id = pathId(request, 'CI');
      const patch = bodyOf(request, patchCiBody);
      const ci = await changeCi(deps, request.actor, id, patch, ifMatchVersion(request.headers));
      return { status: 200, body: ci, version: ci.version };
    },
  },
  'DELETE /cis/{id}': {
    role: 'agent',
    handle: async (request) => {
      const ci = await retireCi(deps, request.actor, pathId(request, 'CI'), ifMatchVersion(request.headers));
      return { status: 200, body: ci, version: ci.version };
    },
  },
  'GET /cis/{id}/history': {
    role: 'requester',
    handle: async (request) => ({
      status: 200,
      body: await listCiHistory(deps, pathId(request, 'CI'), queryOf(request, pageOnlyQuery)),
    }),
  },
  'GET /cis/{id}/relationships': {
    role: 'requester',
    handle: async (request) => ({
      status: 200,
      body: await listRelationships(deps, pathId(request, 'CI'), queryOf(request, pageOnlyQuery)),
    }),
  },
  'GET /cis/{id}/impact': {
    role: 'requester',
    handle: async (request) => ({
      status: 200,
      body: await ciWalk(deps, pathId(request, 'CI'), 'impact', queryOf(request, walkQuery).depth),
    }),
  },
  'GET /cis/{id}/dependencies': {
    role: 'requester',
    handle: async (request) => ({
      status: 200,
      body: await ciWalk(deps, pathId(request, 'CI'), 'dependencies', queryOf(request, walkQuery).depth),
    }),
  },
  'POST /relationships': {
    role: 'agent',
    handle: async (request) => {
      const input = bodyOf(request, createRelationshipBody);
      const outcome = await relateCis(deps, request.actor, input, idempotencyOf(request));
      return { status: outcome.status, body: outcome.body };
    },
  },
  'DELETE /relationships/{id}': {
    role: 'agent',
    handle: async (request) => ({
      status: 200,
      body: await removeRelationship(deps, request.actor, pathId(request, 'relationship')),
    }),
  },
});
