import type { ApiOperation } from './catalog/api-operation.ts';
import { changeOperations } from './catalog/changes.ts';
import { cmdbOperations } from './catalog/cmdb.ts';
import { incidentOperations } from './catalog/incidents.ts';
import { platformOperations } from './catalog/platform.ts';
import { problemOperations } from './catalog/problems.ts';
import { requestOperations } from './catalog/requests.ts';
import { serviceLevelOperations } from './catalog/service-levels.ts';

export type { ApiOperation } from './catalog/api-operation.ts';

/**
 * Every HTTP operation, one catalog file per capability. The OpenAPI document is generated from
 * it and a test holds it equal to the manifest's routes.
 */
export const apiCatalog: ApiOperation[] = [
  ...platformOperations,
  ...incidentOperations,
  ...problemOperations,
  ...changeOperations,
  ...requestOperations,
  ...serviceLevelOperations,
  ...cmdbOperations,
];
