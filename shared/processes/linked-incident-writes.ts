import { applyIncidentChange, type Incident, type IncidentPatch } from '#domain/incident/incident.ts';
import type { RecordWrite } from '#ports/record-store.ts';
import type { RecordDeps } from './dependencies.ts';
import { now, revisionWrites } from './versioned-write.ts';

/**
 * Writes that set a link field on an incident (`problemId`, `changeIds`) so both sides see the
 * link, at the incident's version read (a concurrent change fails the whole unit, which retries).
 * A link moves no state, so no enricher has anything to derive; none runs.
 * @example linkedIncidentWrites(deps, 'alice', incident, { problemId: problem.id })
 */
export const linkedIncidentWrites = (
  deps: RecordDeps,
  actor: string,
  incident: Incident,
  patch: Pick<IncidentPatch, 'problemId' | 'changeIds'>,
): RecordWrite[] => {
  const { incident: linked, changes } = applyIncidentChange(incident, patch, now(deps));
  if (changes.length === 0) return [];
  return revisionWrites(deps, {
    kind: 'incident',
    record: { ...linked, version: incident.version + 1 },
    actor,
    changes,
    detailType: 'Incident Updated',
  });
};
