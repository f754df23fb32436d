import { createdAt, operationsOver, versioned } from '#http/operation.ts';
import type { RequestDeps } from '#processes/dependencies.ts';
import {
  changeRequest,
  getRequest,
  listRequestHistory,
  listRequests,
  submitRequest,
} from '#processes/request-fulfilment.ts';
import {
  createRequestBody,
  listRequestsQuery,
  patchRequestBody,
  requestDocument,
  requestPage,
} from '#schemas/request.ts';
import { historyOperation } from './record-history.ts';

const operation = operationsOver<RequestDeps>();
const tag = 'Requests';
const resource = 'request';

/** Service request fulfilment over HTTP (README, Problem, change and service-request management). */
export const requestOperations = [
  operation({
    operationId: 'submitRequest',
    method: 'POST',
    path: '/requests',
    tag,
    summary: 'Submit a service request',
    role: 'requester',
    body: createRequestBody,
    response: { status: 201, schema: requestDocument },
    idempotent: true,
    handle: async ({ actor, body, idempotency }, deps) =>
      createdAt('/requests', await submitRequest(deps, actor, body, idempotency)),
  }),
  operation({
    operationId: 'listRequests',
    method: 'GET',
    path: '/requests',
    tag,
    summary: 'List service requests (a requester sees their own)',
    role: 'requester',
    query: listRequestsQuery,
    response: { status: 200, schema: requestPage },
    handle: async ({ actor, query }, deps) => ({ body: await listRequests(deps, actor, query) }),
  }),
  operation({
    operationId: 'getRequest',
    method: 'GET',
    path: '/requests/{id}',
    tag,
    resource,
    summary: 'Read a service request',
    role: 'requester',
    response: { status: 200, schema: requestDocument },
    versioned: true,
    handle: async ({ actor, params }, deps) => versioned(await getRequest(deps, actor, params.id)),
  }),
  operation({
    operationId: 'changeRequest',
    method: 'PATCH',
    path: '/requests/{id}',
    tag,
    resource,
    summary: 'Approve, reject, fulfil or cancel a request; edit it while submitted',
    role: 'requester',
    body: patchRequestBody,
    response: { status: 200, schema: requestDocument },
    versioned: true,
    handle: async ({ actor, params, body, ifMatch }, deps) =>
      versioned(await changeRequest(deps, actor, params.id, body, ifMatch)),
  }),
  historyOperation<RequestDeps>({
    operationId: 'listRequestHistory',
    path: '/requests/{id}/history',
    tag,
    resource,
    role: 'requester',
    list: listRequestHistory,
  }),
];
