import type { FunctionSpec } from './manifest-types.ts';

export type * from './manifest-types.ts';

const incidentRoutes: FunctionSpec['routes'] = [
  { method: 'POST', path: '/incidents' },
  { method: 'GET', path: '/incidents' },
  { method: 'GET', path: '/incidents/{id}' },
  { method: 'PATCH', path: '/incidents/{id}' },
  { method: 'POST', path: '/incidents/{id}/comments' },
  { method: 'GET', path: '/incidents/{id}/comments' },
  { method: 'GET', path: '/incidents/{id}/history' },
];

const cmdbRoutes: FunctionSpec['routes'] = [
  { method: 'POST', path: '/cis' },
  { method: 'GET', path: '/cis' },
  { method: 'GET', path: '/cis/{id}' },
  { method: 'PATCH', path: '/cis/{id}' },
  { method: 'DELETE', path: '/cis/{id}' },
  { method: 'GET', path: '/cis/{id}/history' },
  { method: 'GET', path: '/cis/{id}/relationships' },
  { method: 'GET', path: '/cis/{id}/impact' },
  { method: 'GET', path: '/cis/{id}/dependencies' },
  { method: 'POST', path: '/relationships' },
  { method: 'DELETE', path: '/relationships/{id}' },
];

/**
 * Every OpsDesk function, once. Read by `infra/opsdesk.ts` (CDK) and `infra/local/` (the local runner).
 */
export const manifest: FunctionSpec[] = [
  {
    name: 'platform-api',
    entry: 'functions/platform-api.ts',
    description: 'Public health check and the OpenAPI document',
    routes: [
      { method: 'GET', path: '/health', public: true },
      { method: 'GET', path: '/openapi.json', public: true },
    ],
    access: {},
  },
  {
    name: 'incidents-api',
    entry: 'functions/incidents-api.ts',
    description: 'Incident management over HTTP',
    routes: incidentRoutes,
    access: { table: 'readWrite' },
  },
  {
    name: 'problems-api',
    entry: 'functions/problems-api.ts',
    description: 'Problem management over HTTP: problems, incident links, known errors, candidates',
    routes: [
      { method: 'POST', path: '/problems' },
      { method: 'GET', path: '/problems' },
      // Before `/problems/{id}`: the local runner takes the first route that matches.
      { method: 'GET', path: '/problems/candidates' },
      { method: 'GET', path: '/problems/{id}' },
      { method: 'PATCH', path: '/problems/{id}' },
      { method: 'POST', path: '/problems/{id}/incidents' },
      { method: 'GET', path: '/problems/{id}/history' },
    ],
    access: { table: 'readWrite' },
  },
  {
    name: 'changes-api',
    entry: 'functions/changes-api.ts',
    description: 'Change management over HTTP: changes, approvals, conflicts, change windows, calendar',
    routes: [
      { method: 'POST', path: '/changes' },
      { method: 'GET', path: '/changes' },
      { method: 'GET', path: '/changes/{id}' },
      { method: 'PATCH', path: '/changes/{id}' },
      { method: 'POST', path: '/changes/{id}/approvals' },
      { method: 'GET', path: '/changes/{id}/conflicts' },
      { method: 'GET', path: '/changes/{id}/history' },
      { method: 'POST', path: '/change-windows' },
      { method: 'GET', path: '/change-windows' },
    ],
    access: { table: 'readWrite' },
  },
  {
    name: 'requests-api',
    entry: 'functions/requests-api.ts',
    description: 'Service request fulfilment over HTTP',
    routes: [
      { method: 'POST', path: '/requests' },
      { method: 'GET', path: '/requests' },
      { method: 'GET', path: '/requests/{id}' },
      { method: 'PATCH', path: '/requests/{id}' },
      { method: 'GET', path: '/requests/{id}/history' },
    ],
    access: { table: 'readWrite' },
  },
  {
    name: 'incident-intake',
    entry: 'functions/incident-intake.ts',
    description: 'Opens incidents from opsdesk.inbound "Create Incident" events',
    rules: [
      {
        name: 'create-incident',
        bus: 'platform',
        pattern: { source: ['opsdesk.inbound'], 'detail-type': ['Create Incident'] },
      },
    ],
    access: { table: 'readWrite' },
  },
  {
    name: 'cmdb-api',
    entry: 'functions/cmdb-api.ts',
    description: 'CMDB over HTTP: CIs, relationships, impact and dependencies',
    routes: cmdbRoutes,
    access: { table: 'readWrite' },
  },
  {
    name: 'config-discovery',
    entry: 'functions/config-discovery.ts',
    description: 'Creates and updates CIs and relationships from AWS Config item changes',
    rules: [
      {
        name: 'config-item-change',
        bus: 'default',
        pattern: { source: ['aws.config'], 'detail-type': ['Config Configuration Item Change'] },
      },
    ],
    access: { table: 'readWrite' },
  },
  {
    name: 'outbox-publisher',
    entry: 'functions/outbox-publisher.ts',
    description: 'Publishes outbox items from the table stream to the platform bus',
    stream: { entity: 'outbox', batchSize: 25, retryAttempts: 8 },
    access: { bus: true },
    timeoutSeconds: 60,
  },
  {
    name: 'service-levels-api',
    entry: 'functions/service-levels-api.ts',
    description: 'Business calendars, SLA policies and the SLA report over HTTP',
    routes: [
      { method: 'PUT', path: '/calendars/{id}' },
      { method: 'GET', path: '/calendars/{id}' },
      { method: 'GET', path: '/calendars' },
      { method: 'PUT', path: '/sla-policies/{id}' },
      { method: 'GET', path: '/sla-policies/{id}' },
      { method: 'GET', path: '/sla-policies' },
      { method: 'GET', path: '/reports/sla' },
    ],
    access: { table: 'readWrite' },
  },
  {
    name: 'sla-sweep',
    entry: 'functions/sla-sweep.ts',
    description: 'Announces SLA warnings and breaches that came due, from the due index',
    schedules: [{ name: 'every-minute', expression: 'rate(1 minute)' }],
    access: { table: 'readWrite' },
    timeoutSeconds: 60,
  },
];
