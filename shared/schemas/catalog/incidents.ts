import { historyPage, pageOnlyQuery } from '../common.ts';
import {
  commentBody,
  commentDocument,
  commentPage,
  createIncidentBody,
  incidentDocument,
  incidentPage,
  listIncidentsQuery,
  patchIncidentBody,
} from '../incident.ts';
import type { ApiOperation } from './api-operation.ts';

export const incidentOperations: ApiOperation[] = [
  {
    method: 'POST',
    path: '/incidents',
    summary: 'Log an incident',
    role: 'requester',
    body: createIncidentBody,
    response: { status: 201, schema: incidentDocument },
    idempotent: true,
  },
  {
    method: 'GET',
    path: '/incidents',
    summary: 'List incidents (a requester sees their own)',
    role: 'requester',
    query: listIncidentsQuery,
    response: { status: 200, schema: incidentPage },
  },
  {
    method: 'GET',
    path: '/incidents/{id}',
    summary: 'Read an incident',
    role: 'requester',
    response: { status: 200, schema: incidentDocument },
    versioned: true,
  },
  {
    method: 'PATCH',
    path: '/incidents/{id}',
    summary: 'Change an incident',
    role: 'agent',
    body: patchIncidentBody,
    response: { status: 200, schema: incidentDocument },
    versioned: true,
  },
  {
    method: 'POST',
    path: '/incidents/{id}/comments',
    summary: 'Add a comment or work note',
    role: 'requester',
    body: commentBody,
    response: { status: 201, schema: commentDocument },
  },
  {
    method: 'GET',
    path: '/incidents/{id}/comments',
    summary: 'List comments (a requester sees public ones)',
    role: 'requester',
    query: pageOnlyQuery,
    response: { status: 200, schema: commentPage },
  },
  {
    method: 'GET',
    path: '/incidents/{id}/history',
    summary: 'Every change: who, when, field, from, to',
    role: 'requester',
    query: pageOnlyQuery,
    response: { status: 200, schema: historyPage },
  },
];
