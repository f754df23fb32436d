import { Logger } from '@aws-lambda-powertools/logger';

/** Built once per process, as Powertools recommends. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'opsdesk' });
