import { contract, documented } from '#http/operation.ts';
import {
  createRequestBody,
  listRequestsQuery,
  patchRequestBody,
  requestDocument,
  requestPage,
} from '#schemas/request.ts';
import { historyContract, historyDescription } from './record-history.ts';

const resource = 'request';

/** Service request fulfilment over HTTP: what each operation takes (README, Problem, change and service-request management). */
export const requestContracts = [
  contract({
    operationId: 'submitRequest',
    method: 'POST',
    path: '/requests',
    role: 'requester',
    body: createRequestBody,
    response: { status: 201 },
    idempotent: true,
  }),
  contract({
    operationId: 'listRequests',
    method: 'GET',
    path: '/requests',
    role: 'requester',
    query: listRequestsQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'getRequest',
    method: 'GET',
    path: '/requests/{id}',
    resource,
    role: 'requester',
    response: { status: 200 },
    versioned: true,
  }),
  contract({
    operationId: 'changeRequest',
    method: 'PATCH',
    path: '/requests/{id}',
    resource,
    role: 'requester',
    body: patchRequestBody,
    response: { status: 200 },
    versioned: true,
  }),
  historyContract({
    operationId: 'listRequestHistory',
    path: '/requests/{id}/history',
    resource,
    role: 'requester',
  }),
] as const;

/** How the OpenAPI document describes them (never part of a bundle that only serves them). */
export const requestDocumentation = /* @__PURE__ */ documented('Requests', requestContracts, {
  submitRequest: { summary: 'Submit a service request', schema: requestDocument },
  listRequests: { summary: 'List service requests (a requester sees their own)', schema: requestPage },
  getRequest: { summary: 'Read a service request', schema: requestDocument },
  changeRequest: {
    summary: 'Approve, reject, fulfil or cancel a request; edit it while submitted',
    schema: requestDocument,
  },
  listRequestHistory: historyDescription,
});
