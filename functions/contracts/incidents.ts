import { contract, documented } from '#http/operation.ts';
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
import { historyContract, historyDescription } from './record-history.ts';

const resource = 'incident';

/** Incident management over HTTP: what each operation takes (README, Incident management). */
export const incidentContracts = [
  contract({
    operationId: 'logIncident',
    method: 'POST',
    path: '/incidents',
    role: 'requester',
    body: createIncidentBody,
    response: { status: 201 },
    idempotent: true,
  }),
  contract({
    operationId: 'listIncidents',
    method: 'GET',
    path: '/incidents',
    role: 'requester',
    query: listIncidentsQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'getIncident',
    method: 'GET',
    path: '/incidents/{id}',
    resource,
    role: 'requester',
    response: { status: 200 },
    versioned: true,
  }),
  contract({
    operationId: 'changeIncident',
    method: 'PATCH',
    path: '/incidents/{id}',
    resource,
    role: 'agent',
    body: patchIncidentBody,
    response: { status: 200 },
    versioned: true,
  }),
  contract({
    operationId: 'addIncidentComment',
    method: 'POST',
    path: '/incidents/{id}/comments',
    resource,
    role: 'requester',
    body: commentBody,
    response: { status: 201 },
  }),
  contract({
    operationId: 'listIncidentComments',
    method: 'GET',
    path: '/incidents/{id}/comments',
    resource,
    role: 'requester',
    query: pageOnlyQuery,
    response: { status: 200 },
  }),
  historyContract({
    operationId: 'listIncidentHistory',
    path: '/incidents/{id}/history',
    resource,
    role: 'requester',
  }),
] as const;

/** How the OpenAPI document describes them (never part of a bundle that only serves them). */
export const incidentDocumentation = /* @__PURE__ */ documented('Incidents', incidentContracts, {
  logIncident: { summary: 'Log an incident', schema: incidentDocument },
  listIncidents: { summary: 'List incidents (a requester sees their own)', schema: incidentPage },
  getIncident: { summary: 'Read an incident', schema: incidentDocument },
  changeIncident: { summary: 'Change an incident', schema: incidentDocument },
  addIncidentComment: { summary: 'Add a comment or work note', schema: commentDocument },
  listIncidentComments: { summary: 'List comments (a requester sees public ones)', schema: commentPage },
  listIncidentHistory: historyDescription,
});
