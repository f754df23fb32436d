import { createdAt, servedBy, versioned } from '#http/operation.ts';
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
import { incidentContracts } from '../contracts/incidents.ts';
import { historyHandler } from './record-history.ts';

/** Incident management over HTTP (README, Incident management). */
export const incidentOperations = servedBy<IncidentDeps>()(incidentContracts, {
  logIncident: async ({ actor, body, idempotency }, deps) =>
    createdAt('/incidents', await logIncident(deps, actor, body, idempotency)),
  listIncidents: async ({ actor, query }, deps) => ({ body: await listIncidents(deps, actor, query) }),
  getIncident: async ({ actor, params }, deps) => versioned(await getIncident(deps, actor, params.id)),
  changeIncident: async ({ actor, params, body, ifMatch }, deps) =>
    versioned(await changeIncident(deps, actor, params.id, body, ifMatch)),
  addIncidentComment: async ({ actor, params, body }, deps) => ({
    body: await addIncidentComment(deps, actor, params.id, body),
  }),
  listIncidentComments: async ({ actor, params, query }, deps) => ({
    body: await listIncidentComments(deps, actor, params.id, query),
  }),
  listIncidentHistory: historyHandler(listIncidentHistory),
});
