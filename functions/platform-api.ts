import { readinessWiring } from '#adapters/aws-readiness.ts';
import { httpApi } from '#http/http-api.ts';
import { apiOperations } from './contracts/index.ts';
import { platformOperations } from './operations/platform.ts';

export const handler = httpApi(platformOperations, { catalog: apiOperations, readiness: readinessWiring() });
