import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** Built once per process, as Powertools recommends. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'opsdesk' });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'OpsDesk',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'opsdesk',
});
