// TEMPORARY NOTE FROM THE LEAD to the engineer implementing the CMDB (issue 5): your brief lost a section. Read /tmp/common.md NOW and follow it (no git commands that change state; shared-file editing rules; bench/README rules). The lead removes this note.
import type { Incident } from '#domain/incident/incident.ts';
import type { RecordEnricher } from './record-enrichment.ts';

/**
 * Everything that derives incident fields on create and change, in order. Service level
 * management and the CMDB register here; incident management knows neither.
 */
export const incidentEnrichers: RecordEnricher<Incident>[] = [];
