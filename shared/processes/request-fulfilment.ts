import { notFound } from '#domain/errors.ts';
import { type Actor, formatNumber, hasRole } from '#domain/record/record.ts';
import {
  applyRequestChange,
  type NewServiceRequest,
  openRequest,
  type ServiceRequest,
  type ServiceRequestPatch,
  trackedRequestFields,
} from '#domain/request/index.ts';
import type { Page } from '#ports/record-store.ts';
import type { IdempotencyRequest, Outcome, RecordDeps, RequestDeps } from './dependencies.ts';
import { type HistoryLine, recordHistory } from './record-history.ts';
import { changeRecord, createRecord, now } from './record-lifecycle.ts';
import { requestEnrichers } from './request-enrichers.ts';

const notFoundMessage = 'No request with that id';

/** A requester sees only the requests they raised; another's is unknown to them (404), so ids do not leak. */
const assertCanSee = (actor: Actor, request: ServiceRequest): void => {
  if (!hasRole(actor, 'agent') && request.createdBy !== actor.sub) throw notFound(notFoundMessage);
};

/**
 * Submits a service request; the request enrichers (service levels) fill `slas` in the same
 * transaction. Emits `Request Updated` (the contract has no `Request Created`).
 * @example await submitRequest(deps, requester, { item: 'Laptop', quantity: 1 });
 */
export const submitRequest = (
  deps: RequestDeps,
  actor: Actor,
  input: NewServiceRequest,
  idempotency?: IdempotencyRequest,
): Promise<Outcome<ServiceRequest>> => {
  const draft = openRequest(input, actor, now(deps));
  return createRecord<ServiceRequest, RequestDeps>(deps, {
    kind: 'request',
    actor: actor.sub,
    idempotency,
    trackedFields: trackedRequestFields,
    enrichers: requestEnrichers,
    detailType: 'Request Updated',
    build: (sequence, id) => ({ ...draft, id, number: formatNumber('REQ', sequence), version: 1 }),
  });
};

export const getRequest = async (deps: RecordDeps, actor: Actor, id: string): Promise<ServiceRequest> => {
  const request = await deps.store.get<ServiceRequest>('request', id);
  if (!request) throw notFound(notFoundMessage);
  assertCanSee(actor, request);
  return request;
};

/** Requests by state or requester, from an index; a requester's list is always their own. */
export const listRequests = (
  deps: RecordDeps,
  actor: Actor,
  query: { limit?: number; cursor?: string; state?: string; createdBy?: string },
): Promise<Page<ServiceRequest>> => {
  const { limit, cursor, ...filters } = query;
  const createdBy = hasRole(actor, 'agent') ? filters.createdBy : actor.sub;
  return deps.store.list<ServiceRequest>('request', {
    filters: { ...filters, createdBy },
    limit: limit ?? 50,
    cursor,
  });
};

/**
 * Moves or edits a request (`PATCH /requests/{id}`): agents approve, reject and fulfil; the
 * requester may edit while submitted and cancel. Enrichers keep the SLAs in step.
 * @example await changeRequest(deps, agent, id, { state: 'approved' });
 */
export const changeRequest = (
  deps: RequestDeps,
  actor: Actor,
  id: string,
  patch: ServiceRequestPatch,
  ifMatch?: number,
): Promise<ServiceRequest> =>
  changeRecord<ServiceRequest, RequestDeps>(deps, {
    kind: 'request',
    id,
    actor: actor.sub,
    ifMatch,
    notFoundMessage,
    enrichers: requestEnrichers,
    authorize: (current) => assertCanSee(actor, current),
    mutate: (current) => {
      const { request, changes } = applyRequestChange(current, patch, actor, now(deps));
      return { record: request, changes, detailType: 'Request Updated' };
    },
  });

export const listRequestHistory = async (
  deps: RecordDeps,
  actor: Actor,
  id: string,
  page: { limit?: number; cursor?: string },
): Promise<Page<HistoryLine>> => {
  await getRequest(deps, actor, id);
  return recordHistory(deps, 'request', id, page);
};
