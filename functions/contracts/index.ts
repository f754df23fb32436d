import type { DocumentedOperation } from '#http/operation.ts';
import { changeDocumentation } from './changes.ts';
import { cmdbDocumentation } from './cmdb.ts';
import { incidentDocumentation } from './incidents.ts';
import { metricDocumentation } from './metrics.ts';
import { platformDocumentation } from './platform.ts';
import { problemDocumentation } from './problems.ts';
import { requestDocumentation } from './requests.ts';
import { serviceLevelDocumentation } from './service-levels.ts';

/**
 * Every HTTP operation of the API, documented, one file per capability. The manifest's routes,
 * the dispatch, the OpenAPI document and the role table all come from these contracts; the
 * handlers that serve them are in `functions/operations/`.
 */
export const apiOperations: readonly DocumentedOperation[] = [
  ...platformDocumentation,
  ...incidentDocumentation,
  ...problemDocumentation,
  ...changeDocumentation,
  ...requestDocumentation,
  ...serviceLevelDocumentation,
  ...cmdbDocumentation,
  ...metricDocumentation,
];
