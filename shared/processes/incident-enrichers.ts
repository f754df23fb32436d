import type { Incident } from '#domain/incident/incident.ts';
import { changeFindingsEnricher } from './cmdb/change-findings.ts';
import { cmdbIncidentEnricher } from './cmdb/incident-impact.ts';
import type { IncidentDeps } from './dependencies.ts';
import type { RecordEnricher } from './record-enrichment.ts';
import { trackServiceLevels } from './service-levels/sla-enricher.ts';

/**
 * Everything that derives incident fields on create and change, in order. Service level
 * management and the CMDB register here; incident management knows neither.
 */
export const incidentEnrichers: RecordEnricher<Incident, IncidentDeps>[] = [
  trackServiceLevels<Incident>('incident'),
  cmdbIncidentEnricher,
  changeFindingsEnricher,
];
