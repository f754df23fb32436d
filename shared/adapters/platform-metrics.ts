import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Powertools Metrics (EMF) for the event-driven functions: what they publish, fail and skip.
 * HTTP functions rely on API Gateway's request, 4xx/5xx and latency metrics instead.
 */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'OpsDesk',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'opsdesk',
});
