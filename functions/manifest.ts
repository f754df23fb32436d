import { changeContracts } from './contracts/changes.ts';
import { cmdbContracts } from './contracts/cmdb.ts';
import { incidentContracts } from './contracts/incidents.ts';
import { metricContracts } from './contracts/metrics.ts';
import { platformContracts } from './contracts/platform.ts';
import { problemContracts } from './contracts/problems.ts';
import { requestContracts } from './contracts/requests.ts';
import { serviceLevelContracts } from './contracts/service-levels.ts';
import type { FunctionSpec } from './manifest-types.ts';

export type * from './manifest-types.ts';
export { routesOf } from './manifest-types.ts';

/**
 * Every OpsDesk function, once. Read by `infra/opsdesk.ts` (CDK) and `infra/local/` (the local runner).
 */
export const manifest: FunctionSpec[] = [
  {
    name: 'platform-api',
    entry: 'functions/platform-api.ts',
    description: 'Public health and readiness checks and the OpenAPI document',
    operations: platformContracts,
    access: { readiness: true },
  },
  {
    name: 'incidents-api',
    entry: 'functions/incidents-api.ts',
    description: 'Incident management over HTTP',
    operations: incidentContracts,
    access: { table: 'readWrite' },
  },
  {
    name: 'problems-api',
    entry: 'functions/problems-api.ts',
    description: 'Problem management over HTTP: problems, incident links, known errors, candidates',
    operations: problemContracts,
    access: { table: 'readWrite' },
  },
  {
    name: 'changes-api',
    entry: 'functions/changes-api.ts',
    description: 'Change management over HTTP: changes, approvals, conflicts, change windows, calendar',
    operations: changeContracts,
    access: { table: 'readWrite' },
  },
  {
    name: 'requests-api',
    entry: 'functions/requests-api.ts',
    description: 'Service request fulfilment over HTTP',
    operations: requestContracts,
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
    operations: cmdbContracts,
    access: { table: 'readWrite' },
  },
  {
    name: 'metrics-api',
    entry: 'functions/metrics-api.ts',
    description: 'IT operations over HTTP: metric bindings, points, capacity, availability, performance',
    operations: metricContracts,
    access: { table: 'readWrite', metrics: ['read'] },
  },
  {
    name: 'metrics-ingest',
    entry: 'functions/metrics-ingest.ts',
    description:
      'Reads metric bindings from CloudWatch (GetMetricData, 500 queries a call) into the store; thresholds, forecasts, burn rates',
    schedules: [{ name: 'every-5-minutes', expression: 'rate(5 minutes)' }],
    rules: [
      {
        name: 'ingest-requested',
        bus: 'platform',
        pattern: { source: ['opsdesk.metrics'], 'detail-type': ['Metric Ingest Requested'] },
      },
    ],
    access: { table: 'readWrite', metrics: ['read'], bus: true },
    memoryMb: 1024,
    timeoutSeconds: 900,
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
    name: 'alarm-intake',
    entry: 'functions/alarm-intake.ts',
    description: 'Opens, counts and clears incidents from CloudWatch alarm state changes',
    rules: [
      {
        name: 'alarm-state-change',
        bus: 'default',
        pattern: { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'] },
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
    operations: serviceLevelContracts,
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
