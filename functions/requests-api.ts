import { processDependencies } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { idempotencyOf, ifMatchVersion } from '#http/preconditions.ts';
import { bodyOf, createdAt, pathId, queryOf } from '#http/route-input.ts';
import {
  changeRequest,
  getRequest,
  listRequestHistory,
  listRequests,
  submitRequest,
} from '#processes/request-fulfilment.ts';
import { pageOnlyQuery } from '#schemas/common.ts';
import { createRequestBody, listRequestsQuery, patchRequestBody } from '#schemas/request.ts';

const deps = processDependencies();

export const handler = httpApi({
  'POST /requests': {
    role: 'requester',
    handle: async (request) => {
      const body = bodyOf(request, createRequestBody);
      const outcome = await submitRequest(deps, request.actor, body, idempotencyOf(request));
      return createdAt('/requests', outcome);
    },
  },
  'GET /requests': {
    role: 'requester',
    handle: async (request) => ({
      status: 200,
      body: await listRequests(deps, request.actor, queryOf(request, listRequestsQuery)),
    }),
  },
  'GET /requests/{id}': {
    role: 'requester',
    handle: async (request) => {
      const found = await getRequest(deps, request.actor, pathId(request, 'request'));
      return { status: 200, body: found, version: found.version };
    },
  },
  'PATCH /requests/{id}': {
    role: 'requester',
    handle: async (request) => {
      const id = pathId(request, 'request');
      const patch = bodyOf(request, patchRequestBody);
      const changed = await changeRequest(deps, request.actor, id, patch, ifMatchVersion(request.headers));
      return { status: 200, body: changed, version: changed.version };
    },
  },
  'GET /requests/{id}/history': {
    role: 'requester',
    handle: async (request) => ({
      status: 200,
      body: await listRequestHistory(
        deps,
        request.actor,
        pathId(request, 'request'),
        queryOf(request, pageOnlyQuery),
      ),
    }),
  },
});
