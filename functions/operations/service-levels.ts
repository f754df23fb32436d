import { operationsOver } from '#http/operation.ts';
import type { ServiceLevelAdminDeps } from '#processes/dependencies.ts';
import {
  getCalendar,
  getPolicy,
  listCalendars,
  listPolicies,
  setCalendar,
  setPolicy,
} from '#processes/service-levels/sla-configuration.ts';
import { slaReport } from '#processes/service-levels/sla-report.ts';
import {
  calendarBody,
  calendarDocument,
  calendarList,
  policiesQuery,
  policyBody,
  policyDocument,
  policyList,
  slaReportDocument,
  slaReportQuery,
} from '#schemas/service-levels.ts';

const operation = operationsOver<ServiceLevelAdminDeps>();
const tag = 'Service levels';

/** Business calendars, SLA policies and the SLA report over HTTP (README, Service level management). */
export const serviceLevelOperations = [
  operation({
    operationId: 'setCalendar',
    method: 'PUT',
    path: '/calendars/{id}',
    tag,
    resource: 'calendar',
    summary: 'Set a business calendar (201 new, 200 replaced)',
    role: 'admin',
    body: calendarBody,
    upsert: true,
    response: { status: 200, schema: calendarDocument },
    handle: async ({ params, body }, deps) => setCalendar(deps, params.id, body),
  }),
  operation({
    operationId: 'getCalendar',
    method: 'GET',
    path: '/calendars/{id}',
    tag,
    resource: 'calendar',
    summary: 'Read a business calendar',
    role: 'agent',
    response: { status: 200, schema: calendarDocument },
    handle: async ({ params }, deps) => ({ body: await getCalendar(deps, params.id) }),
  }),
  operation({
    operationId: 'listCalendars',
    method: 'GET',
    path: '/calendars',
    tag,
    summary: 'List business calendars',
    role: 'agent',
    response: { status: 200, schema: calendarList },
    handle: async (_input, deps) => ({ body: await listCalendars(deps) }),
  }),
  operation({
    operationId: 'setSlaPolicy',
    method: 'PUT',
    path: '/sla-policies/{id}',
    tag,
    resource: 'SLA policy',
    summary: 'Set an SLA policy (201 new, 200 replaced)',
    role: 'admin',
    body: policyBody,
    upsert: true,
    response: { status: 200, schema: policyDocument },
    handle: async ({ params, body }, deps) => setPolicy(deps, params.id, body),
  }),
  operation({
    operationId: 'getSlaPolicy',
    method: 'GET',
    path: '/sla-policies/{id}',
    tag,
    resource: 'SLA policy',
    summary: 'Read an SLA policy',
    role: 'agent',
    response: { status: 200, schema: policyDocument },
    handle: async ({ params }, deps) => ({ body: await getPolicy(deps, params.id) }),
  }),
  operation({
    operationId: 'listSlaPolicies',
    method: 'GET',
    path: '/sla-policies',
    tag,
    summary: 'List SLA policies',
    role: 'agent',
    query: policiesQuery,
    response: { status: 200, schema: policyList },
    handle: async ({ query }, deps) => ({ body: await listPolicies(deps, query.recordType) }),
  }),
  operation({
    operationId: 'reportSlaAttainment',
    method: 'GET',
    path: '/reports/sla',
    tag,
    summary: 'SLA attainment per policy and priority, mean and p90 business time to respond and resolve',
    role: 'agent',
    query: slaReportQuery,
    response: { status: 200, schema: slaReportDocument },
    handle: async ({ query }, deps) => ({
      body: await slaReport(deps, { from: new Date(query.from), to: new Date(query.to) }),
    }),
  }),
];
