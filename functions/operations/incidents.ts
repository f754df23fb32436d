import { createdAt, operationsOver, versioned } from '#http/operation.ts';
import type { IncidentDeps } from '#processes/dependencies.ts';
import {
  addIncidentComment,
  changeIncident,
  getIncident,
  listIncidentComments,
  listIncidentHistory,
  listIncidents,
  logIncident,
} from '#processes/incident-management.ts';
import { pageOnlyQuery } from '#schemas/common.ts';
import {
  commentBody,
  commentDocument,
  commentPage,
  createIncidentBody,
  incidentDocument,
  incidentPage,
  listIncidentsQuery,
  patchIncidentBody,
} from '#schemas/incident.ts';
import { historyOperation } from './record-history.ts';

const operation = operationsOver<IncidentDeps>();
const tag = 'Incidents';
const resource = 'incident';

/** Incident management over HTTP (README, Incident management). */
export const incidentOperations = [
  operation({
    operationId: 'logIncident',
    method: 'POST',
    path: '/incidents',
    tag,
    summary: 'Log an incident',
    role: 'requester',
    body: createIncidentBody,
    response: { status: 201, schema: incidentDocument },
    idempotent: true,
    handle: async ({ actor, body, idempotency }, deps) =>
      createdAt('/incidents', await logIncident(deps, actor, body, idempotency)),
  }),
  operation({
    operationId: 'listIncidents',
    method: 'GET',
    path: '/incidents',
    tag,
    summary: 'List incidents (a requester sees their own)',
    role: 'requester',
    query: listIncidentsQuery,
    response: { status: 200, schema: incidentPage },
    handle: async ({ actor, query }, deps) => ({ body: await listIncidents(deps, actor, query) }),
  }),
  operation({
    operationId: 'getIncident',
    method: 'GET',
    path: '/incidents/{id}',
    tag,
    resource,
    summary: 'Read an incident',
    role: 'requester',
    response: { status: 200, schema: incidentDocument },
    versioned: true,
    handle: async ({ actor, params }, deps) => versioned(await getIncident(deps, actor, params.id)),
  }),
  operation({
    operationId: 'changeIncident',
    method: 'PATCH',
    path: '/incidents/{id}',
    tag,
    resource,
    summary: 'Change an incident',
    role: 'agent',
    body: patchIncidentBody,
    response: { status: 200, schema: incidentDocument },
    versioned: true,
    handle: async ({ actor, params, body, ifMatch }, deps) =>
      versioned(await changeIncident(deps, actor, params.id, body, ifMatch)),
  }),
  operation({
    operationId: 'addIncidentComment',
    method: 'POST',
    path: '/incidents/{id}/comments',
    tag,
    resource,
    summary: 'Add a comment or work note',
    role: 'requester',
    body: commentBody,
    response: { status: 201, schema: commentDocument },
    handle: async ({ actor, params, body }, deps) => ({
      body: await addIncidentComment(deps, actor, params.id, body),
    }),
  }),
  operation({
    operationId: 'listIncidentComments',
    method: 'GET',
    path: '/incidents/{id}/comments',
    tag,
    resource,
    summary: 'List comments (a requester sees public ones)',
    role: 'requester',
    query: pageOnlyQuery,
    response: { status: 200, schema: commentPage },
    handle: async ({ actor, params, query }, deps) => ({
      body: await listIncidentComments(deps, actor, params.id, query),
    }),
  }),
  historyOperation<IncidentDeps>({
    operationId: 'listIncidentHistory',
    path: '/incidents/{id}/history',
    tag,
    resource,
    role: 'requester',
    list: listIncidentHistory,
  }),
];
