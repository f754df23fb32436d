import { processDependencies } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { idempotencyOf, ifMatchVersion } from '#http/preconditions.ts';
import { bodyOf, createdAt, pathId, queryOf } from '#http/route-input.ts';
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
import { commentBody, createIncidentBody, listIncidentsQuery, patchIncidentBody } from '#schemas/incident.ts';

const deps = processDependencies();

export const handler = httpApi({
  'POST /incidents': {
    role: 'requester',
    handle: async (request) => {
      const outcome = await logIncident(
        deps,
        request.actor,
        bodyOf(request, createIncidentBody),
        idempotencyOf(request),
      );
      return createdAt('/incidents', outcome);
    },
  },
  'GET /incidents': {
    role: 'requester',
    handle: async (request) => ({
      status: 200,
      body: await listIncidents(deps, request.actor, queryOf(request, listIncidentsQuery)),
    }),
  },
  'GET /incidents/{id}': {
    role: 'requester',
    handle: async (request) => {
      const incident = await getIncident(deps, request.actor, pathId(request, 'incident'));
      return { status: 200, body: incident, version: incident.version };
    },
  },
  'PATCH /incidents/{id}': {
    role: 'agent',
    handle: async (request) => {
      const id = pathId(request, 'incident');
      const patch = bodyOf(request, patchIncidentBody);
      const incident = await changeIncident(deps, request.actor, id, patch, ifMatchVersion(request.headers));
      return { status: 200, body: incident, version: incident.version };
    },
  },
  'POST /incidents/{id}/comments': {
    role: 'requester',
    handle: async (request) => {
      const id = pathId(request, 'incident');
      const comment = await addIncidentComment(deps, request.actor, id, bodyOf(request, commentBody));
      return { status: 201, body: comment };
    },
  },
  'GET /incidents/{id}/comments': {
    role: 'requester',
    handle: async (request) => {
      const page = queryOf(request, pageOnlyQuery);
      return {
        status: 200,
        body: await listIncidentComments(deps, request.actor, pathId(request, 'incident'), page),
      };
    },
  },
  'GET /incidents/{id}/history': {
    role: 'requester',
    handle: async (request) => {
      const page = queryOf(request, pageOnlyQuery);
      return {
        status: 200,
        body: await listIncidentHistory(deps, request.actor, pathId(request, 'incident'), page),
      };
    },
  },
});
