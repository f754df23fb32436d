import { applyIncidentChange, type Incident, type IncidentPatch } from '#domain/incident/incident.ts';
import type { FieldChange } from '#domain/record/record.ts';
import type { RecordWrite } from '#ports/record-store.ts';
import type { ProcessDependencies } from './dependencies.ts';
import { incidentEnrichers } from './incident-enrichers.ts';
import { enrichRecord } from './record-enrichment.ts';
import { now, recordEvent } from './record-lifecycle.ts';

/**
 * The writes that change a linked incident inside another record's transaction: the incident at
 * its expected version (a concurrent change fails the whole unit), its history entry and its event.
 */
const incidentWrites = (
  deps: ProcessDependencies,
  actor: string,
  before: Incident,
  next: Incident,
  changes: FieldChange[],
  detailType: string,
): RecordWrite[] => [
  { type: 'update', kind: 'incident', record: next, expectedVersion: before.version },
  {
    type: 'history',
    kind: 'incident',
    recordId: before.id,
    entry: { version: next.version, at: now(deps), actor, changes },
  },
  recordEvent(deps, 'incident', detailType, next, changes),
];

/**
 * Writes that set a link field on an incident (`problemId`, `changeIds`) so both sides see the
 * link. A link moves no state, so no enricher has anything to derive; none runs.
 * @example linkedIncidentWrites(deps, 'alice', incident, { problemId: problem.id })
 */
export const linkedIncidentWrites = (
  deps: ProcessDependencies,
  actor: string,
  incident: Incident,
  patch: Pick<IncidentPatch, 'problemId' | 'changeIds'>,
): RecordWrite[] => {
  const { incident: linked, changes } = applyIncidentChange(incident, patch, now(deps));
  if (changes.length === 0) return [];
  return incidentWrites(
    deps,
    actor,
    incident,
    { ...linked, version: incident.version + 1 },
    changes,
    'Incident Updated',
  );
};

/**
 * Writes that resolve an incident as a side effect of another record (a problem), with the
 * incident enrichers run as for any incident change (service levels stop their clocks).
 */
export const resolvedIncidentWrites = async (
  deps: ProcessDependencies,
  actor: string,
  before: Incident,
  resolved: { incident: Incident; changes: FieldChange[] },
): Promise<RecordWrite[]> => {
  const enriched = await enrichRecord(incidentEnrichers, deps, {
    before,
    after: { ...resolved.incident, version: before.version + 1 },
    actor,
    now: now(deps),
  });
  return [
    ...enriched.extraWrites,
    ...incidentWrites(deps, actor, before, enriched.record, resolved.changes, 'Incident Resolved'),
  ];
};
