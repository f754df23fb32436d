import type { RequestDeps } from './dependencies.ts';
import type { RecordEnricher } from './record-enrichment.ts';
import { trackServiceLevels } from './service-levels/sla-enricher.ts';

/**
 * Everything that derives service-request fields on create and change (service levels fill
 * `slas`). Typed loosely so this registry does not depend on the request domain's types.
 */
// biome-ignore lint/suspicious/noExplicitAny: each enricher narrows the record it reads.
export const requestEnrichers: RecordEnricher<any, RequestDeps>[] = [trackServiceLevels('request')];
