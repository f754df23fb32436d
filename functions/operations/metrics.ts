import { servedBy } from '#http/operation.ts';
import type { MetricAnalysisDeps } from '#processes/dependencies.ts';
import { bindMetric, listBindings, readPoints, unbindMetric } from '#processes/metrics/metric-bindings.ts';
import { availabilityOf, capacityOf, performanceOf } from '#processes/metrics/operations-analyses.ts';
import { metricContracts } from '../contracts/metrics.ts';

/** IT operations over HTTP: metric bindings, points, capacity, availability, performance (README, Operations). */
export const metricOperations = servedBy<MetricAnalysisDeps>()(metricContracts, {
  listMetricBindings: async ({ params }, deps) => ({ body: await listBindings(deps, params.id) }),
  bindMetric: async ({ actor, params, body }, deps) => {
    const outcome = await bindMetric(deps, actor, params.id, params.key, body);
    return { status: outcome.status, body: outcome.body };
  },
  getMetricBinding: async ({ params, query }, deps) => ({
    body: await readPoints(deps, params.id, params.key, query),
  }),
  unbindMetric: async ({ actor, params }, deps) => ({
    body: await unbindMetric(deps, actor, params.id, params.key),
  }),
  getCapacity: async ({ params, query }, deps) => ({ body: await capacityOf(deps, params.id, query.window) }),
  getAvailability: async ({ params, query }, deps) => ({
    body: await availabilityOf(deps, params.id, query.window),
  }),
  getPerformance: async ({ params, query }, deps) => ({
    body: await performanceOf(deps, params.id, query.window),
  }),
});
