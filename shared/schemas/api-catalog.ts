import { z } from 'zod/mini';
import type { Role } from '#domain/record/record.ts';
import {
  commentBody,
  commentDocument,
  commentPage,
  createIncidentBody,
  historyPage,
  incidentDocument,
  incidentPage,
  listIncidentsQuery,
  pageOnlyQuery,
  patchIncidentBody,
} from './incident.ts';

/** One documented operation; the same schemas validate the requests. */
export interface ApiOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  role: Role | 'public';
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  response: { status: number; schema: z.ZodMiniType };
  /** Accepts `If-Match`; answers with an ETag. */
  versioned?: boolean;
  /** Accepts `Idempotency-Key`. */
  idempotent?: boolean;
}

const health = z.object({ status: z.literal('ok'), time: z.string() });

export const apiCatalog: ApiOperation[] = [
  {
    method: 'GET',
    path: '/health',
    summary: 'Liveness',
    role: 'public',
    response: { status: 200, schema: health },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    role: 'public',
    response: { status: 200, schema: z.object({}) },
  },
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
