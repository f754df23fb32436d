import { metricWiring } from '#adapters/metric-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { metricOperations } from './operations/metrics.ts';

export const handler = httpApi(metricOperations, metricWiring());
