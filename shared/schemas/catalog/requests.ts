import { historyPage, pageOnlyQuery } from '../common.ts';
import {
  createRequestBody,
  listRequestsQuery,
  patchRequestBody,
  requestDocument,
  requestPage,
} from '../request.ts';
import type { ApiOperation } from './api-operation.ts';

export const requestOperations: ApiOperation[] = [
  {
    method: 'POST',
    path: '/requests',
    summary: 'Submit a service request',
    role: 'requester',
    body: createRequestBody,
    response: { status: 201, schema: requestDocument },
    idempotent: true,
  },
  {
    method: 'GET',
    path: '/requests',
    summary: 'List service requests (a requester sees their own)',
    role: 'requester',
    query: listRequestsQuery,
    response: { status: 200, schema: requestPage },
  },
  {
    method: 'GET',
    path: '/requests/{id}',
    summary: 'Read a service request',
    role: 'requester',
    response: { status: 200, schema: requestDocument },
    versioned: true,
  },
  {
    method: 'PATCH',
    path: '/requests/{id}',
    summary: 'Approve, reject, fulfil or cancel a request; edit it while submitted',
    role: 'requester',
    body: patchRequestBody,
    response: { status: 200, schema: requestDocument },
    versioned: true,
  },
  {
    method: 'GET',
    path: '/requests/{id}/history',
    summary: 'Every change: who, when, field, from, to',
    role: 'requester',
    query: pageOnlyQuery,
    response: { status: 200, schema: historyPage },
  },
];
