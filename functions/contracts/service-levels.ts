import { contract, documented } from '#http/operation.ts';
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

/** Business calendars, SLA policies and the SLA report over HTTP: what each operation takes (README, Service level management). */
export const serviceLevelContracts = [
  contract({
    operationId: 'setCalendar',
    method: 'PUT',
    path: '/calendars/{id}',
    resource: 'calendar',
    role: 'admin',
    body: calendarBody,
    upsert: true,
    response: { status: 200 },
  }),
  contract({
    operationId: 'getCalendar',
    method: 'GET',
    path: '/calendars/{id}',
    resource: 'calendar',
    role: 'agent',
    response: { status: 200 },
  }),
  contract({
    operationId: 'listCalendars',
    method: 'GET',
    path: '/calendars',
    role: 'agent',
    response: { status: 200 },
  }),
  contract({
    operationId: 'setSlaPolicy',
    method: 'PUT',
    path: '/sla-policies/{id}',
    resource: 'SLA policy',
    role: 'admin',
    body: policyBody,
    upsert: true,
    response: { status: 200 },
  }),
  contract({
    operationId: 'getSlaPolicy',
    method: 'GET',
    path: '/sla-policies/{id}',
    resource: 'SLA policy',
    role: 'agent',
    response: { status: 200 },
  }),
  contract({
    operationId: 'listSlaPolicies',
    method: 'GET',
    path: '/sla-policies',
    role: 'agent',
    query: policiesQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'reportSlaAttainment',
    method: 'GET',
    path: '/reports/sla',
    role: 'agent',
    query: slaReportQuery,
    response: { status: 200 },
  }),
] as const;

/** How the OpenAPI document describes them (never part of a bundle that only serves them). */
export const serviceLevelDocumentation = /* @__PURE__ */ documented('Service levels', serviceLevelContracts, {
  setCalendar: { summary: 'Set a business calendar (201 new, 200 replaced)', schema: calendarDocument },
  getCalendar: { summary: 'Read a business calendar', schema: calendarDocument },
  listCalendars: { summary: 'List business calendars', schema: calendarList },
  setSlaPolicy: { summary: 'Set an SLA policy (201 new, 200 replaced)', schema: policyDocument },
  getSlaPolicy: { summary: 'Read an SLA policy', schema: policyDocument },
  listSlaPolicies: { summary: 'List SLA policies', schema: policyList },
  reportSlaAttainment: {
    summary: 'SLA attainment per policy and priority, mean and p90 business time to respond and resolve',
    schema: slaReportDocument,
  },
});
