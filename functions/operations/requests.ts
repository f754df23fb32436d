import { createdAt, servedBy, versioned } from '#http/operation.ts';
import type { RequestDeps } from '#processes/dependencies.ts';
import {
  changeRequest,
  getRequest,
  listRequestHistory,
  listRequests,
  submitRequest,
} from '#processes/request-fulfilment.ts';
import { requestContracts } from '../contracts/requests.ts';
import { historyHandler } from './record-history.ts';

/** Service request fulfilment over HTTP (README, Problem, change and service-request management). */
export const requestOperations = servedBy<RequestDeps>()(requestContracts, {
  submitRequest: async ({ actor, body, idempotency }, deps) =>
    createdAt('/requests', await submitRequest(deps, actor, body, idempotency)),
  listRequests: async ({ actor, query }, deps) => ({ body: await listRequests(deps, actor, query) }),
  getRequest: async ({ actor, params }, deps) => versioned(await getRequest(deps, actor, params.id)),
  changeRequest: async ({ actor, params, body, ifMatch }, deps) =>
    versioned(await changeRequest(deps, actor, params.id, body, ifMatch)),
  listRequestHistory: historyHandler(listRequestHistory),
});
