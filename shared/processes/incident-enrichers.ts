import type { Incident } from '#domain/incident/incident.ts';
import type { RecordEnricher } from './record-enrichment.ts';

/**
 * Everything that derives incident fields on create and change, in order. Service level
 * management and the CMDB register here; incident management knows neither.
 */
export const incidentEnrichers: RecordEnricher<Incident>[] = [];
