import { operationsOver } from '#http/operation.ts';
import type { MetricAnalysisDeps } from '#processes/dependencies.ts';
import { bindMetric, listBindings, readPoints, unbindMetric } from '#processes/metrics/metric-bindings.ts';
import { availabilityOf, capacityOf, performanceOf } from '#processes/metrics/operations-analyses.ts';
import {
  analysisWindowQuery,
  availabilityDocument,
  capacityDocument,
  metricBindingDocument,
  metricBindingList,
  metricPointsDocument,
  metricPointsQuery,
  performanceDocument,
  putMetricBindingBody,
} from '#schemas/metrics.ts';

const operation = operationsOver<MetricAnalysisDeps>();
const tag = 'Operations';
const resource = 'CI';

/** IT operations over HTTP: metric bindings, points, capacity, availability, performance (README, Operations). */
export const metricOperations = [
  operation({
    operationId: 'listMetricBindings',
    method: 'GET',
    path: '/cis/{id}/metrics',
    tag,
    resource,
    summary: "List a CI's metric bindings with when each was last ingested",
    role: 'requester',
    response: { status: 200, schema: metricBindingList },
    handle: async ({ params }, deps) => ({ body: await listBindings(deps, params.id) }),
  }),
  operation({
    operationId: 'bindMetric',
    method: 'PUT',
    path: '/cis/{id}/metrics/{key}',
    tag,
    resource,
    summary: 'Bind a CloudWatch metric to a CI (201 created, 200 redefined); history on the CI',
    role: 'admin',
    body: putMetricBindingBody,
    upsert: true,
    response: { status: 200, schema: metricBindingDocument },
    handle: async ({ actor, params, body }, deps) => {
      const outcome = await bindMetric(deps, actor, params.id, params.key, body);
      return { status: outcome.status, body: outcome.body };
    },
  }),
  operation({
    operationId: 'getMetricBinding',
    method: 'GET',
    path: '/cis/{id}/metrics/{key}',
    tag,
    resource,
    summary: 'Read a binding and its points (from <= t < to, default the last 24 hours), ascending',
    role: 'requester',
    query: metricPointsQuery,
    response: { status: 200, schema: metricPointsDocument },
    handle: async ({ params, query }, deps) => ({
      body: await readPoints(deps, params.id, params.key, query),
    }),
  }),
  operation({
    operationId: 'unbindMetric',
    method: 'DELETE',
    path: '/cis/{id}/metrics/{key}',
    tag,
    resource,
    summary: 'Remove a metric binding; its points expire with their TTL',
    role: 'admin',
    response: { status: 200, schema: metricBindingDocument },
    handle: async ({ actor, params }, deps) => ({
      body: await unbindMetric(deps, actor, params.id, params.key),
    }),
  }),
  operation({
    operationId: 'getCapacity',
    method: 'GET',
    path: '/cis/{id}/capacity',
    tag,
    resource,
    summary: 'Capacity forecast per capacity binding: least squares, r², time to exhaustion',
    role: 'requester',
    query: analysisWindowQuery,
    response: { status: 200, schema: capacityDocument },
    handle: async ({ params, query }, deps) => ({ body: await capacityOf(deps, params.id, query.window) }),
  }),
  operation({
    operationId: 'getAvailability',
    method: 'GET',
    path: '/cis/{id}/availability',
    tag,
    resource,
    summary: 'Availability over a window, the error budget left and its burn rates',
    role: 'requester',
    query: analysisWindowQuery,
    response: { status: 200, schema: availabilityDocument },
    handle: async ({ params, query }, deps) => ({
      body: await availabilityOf(deps, params.id, query.window),
    }),
  }),
  operation({
    operationId: 'getPerformance',
    method: 'GET',
    path: '/cis/{id}/performance',
    tag,
    resource,
    summary: 'p50/p95/p99 per performance binding against a 7-day baseline, with an anomaly flag',
    role: 'requester',
    query: analysisWindowQuery,
    response: { status: 200, schema: performanceDocument },
    handle: async ({ params, query }, deps) => ({ body: await performanceOf(deps, params.id, query.window) }),
  }),
];
