import { contract, documented } from '#http/operation.ts';
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

const resource = 'CI';

/** IT operations over HTTP: what each operation takes: metric bindings, points, capacity, availability, performance (README, Operations). */
export const metricContracts = [
  contract({
    operationId: 'listMetricBindings',
    method: 'GET',
    path: '/cis/{id}/metrics',
    resource,
    role: 'requester',
    response: { status: 200 },
  }),
  contract({
    operationId: 'bindMetric',
    method: 'PUT',
    path: '/cis/{id}/metrics/{key}',
    resource,
    role: 'admin',
    body: putMetricBindingBody,
    upsert: true,
    response: { status: 200 },
  }),
  contract({
    operationId: 'getMetricBinding',
    method: 'GET',
    path: '/cis/{id}/metrics/{key}',
    resource,
    role: 'requester',
    query: metricPointsQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'unbindMetric',
    method: 'DELETE',
    path: '/cis/{id}/metrics/{key}',
    resource,
    role: 'admin',
    response: { status: 200 },
  }),
  contract({
    operationId: 'getCapacity',
    method: 'GET',
    path: '/cis/{id}/capacity',
    resource,
    role: 'requester',
    query: analysisWindowQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'getAvailability',
    method: 'GET',
    path: '/cis/{id}/availability',
    resource,
    role: 'requester',
    query: analysisWindowQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'getPerformance',
    method: 'GET',
    path: '/cis/{id}/performance',
    resource,
    role: 'requester',
    query: analysisWindowQuery,
    response: { status: 200 },
  }),
] as const;

/** How the OpenAPI document describes them (never part of a bundle that only serves them). */
export const metricDocumentation = /* @__PURE__ */ documented('Operations', metricContracts, {
  listMetricBindings: {
    summary: "List a CI's metric bindings with when each was last ingested",
    schema: metricBindingList,
  },
  bindMetric: {
    summary: 'Bind a CloudWatch metric to a CI (201 created, 200 redefined); history on the CI',
    schema: metricBindingDocument,
  },
  getMetricBinding: {
    summary: 'Read a binding and its points (from <= t < to, default the last 24 hours), ascending',
    schema: metricPointsDocument,
  },
  unbindMetric: {
    summary: 'Remove a metric binding; its points expire with their TTL',
    schema: metricBindingDocument,
  },
  getCapacity: {
    summary: 'Capacity forecast per capacity binding: least squares, r², time to exhaustion',
    schema: capacityDocument,
  },
  getAvailability: {
    summary: 'Availability over a window, the error budget left and its burn rates',
    schema: availabilityDocument,
  },
  getPerformance: {
    summary: 'p50/p95/p99 per performance binding against a 7-day baseline, with an anomaly flag',
    schema: performanceDocument,
  },
});
