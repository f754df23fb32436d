import type { OperationContract } from '#http/operation.ts';
import { changeOperations } from './changes.ts';
import { cmdbOperations } from './cmdb.ts';
import { incidentOperations } from './incidents.ts';
import { metricOperations } from './metrics.ts';
import { platformOperations } from './platform.ts';
import { problemOperations } from './problems.ts';
import { requestOperations } from './requests.ts';
import { serviceLevelOperations } from './service-levels.ts';

/**
 * Every HTTP operation of the API, one file per capability. The manifest's routes, the dispatch,
 * the OpenAPI document and the role table all come from these objects.
 */
export const apiOperations: readonly OperationContract[] = [
  ...platformOperations,
  ...incidentOperations,
  ...problemOperations,
  ...changeOperations,
  ...requestOperations,
  ...serviceLevelOperations,
  ...cmdbOperations,
  ...metricOperations,
];
