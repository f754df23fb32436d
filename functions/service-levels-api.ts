import { serviceLevelWiring } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { serviceLevelOperations } from './operations/service-levels.ts';

export const handler = httpApi(serviceLevelOperations, serviceLevelWiring());
