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
} from '../service-levels.ts';
import type { ApiOperation } from './api-operation.ts';

export const serviceLevelOperations: ApiOperation[] = [
  {
    method: 'PUT',
    path: '/calendars/{id}',
    summary: 'Set a business calendar (201 new, 200 replaced)',
    role: 'admin',
    body: calendarBody,
    response: { status: 200, schema: calendarDocument },
  },
  {
    method: 'GET',
    path: '/calendars/{id}',
    summary: 'Read a business calendar',
    role: 'agent',
    response: { status: 200, schema: calendarDocument },
  },
  {
    method: 'GET',
    path: '/calendars',
    summary: 'List business calendars',
    role: 'agent',
    response: { status: 200, schema: calendarList },
  },
  {
    method: 'PUT',
    path: '/sla-policies/{id}',
    summary: 'Set an SLA policy (201 new, 200 replaced)',
    role: 'admin',
    body: policyBody,
    response: { status: 200, schema: policyDocument },
  },
  {
    method: 'GET',
    path: '/sla-policies/{id}',
    summary: 'Read an SLA policy',
    role: 'agent',
    response: { status: 200, schema: policyDocument },
  },
  {
    method: 'GET',
    path: '/sla-policies',
    summary: 'List SLA policies',
    role: 'agent',
    query: policiesQuery,
    response: { status: 200, schema: policyList },
  },
  {
    method: 'GET',
    path: '/reports/sla',
    summary: 'SLA attainment per policy and priority, mean and p90 business time to respond and resolve',
    role: 'agent',
    query: slaReportQuery,
    response: { status: 200, schema: slaReportDocument },
  },
];
