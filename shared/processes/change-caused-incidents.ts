import type { Change } from '#domain/change/index.ts';
import { type FieldError, validationError } from '#domain/errors.ts';
import type { Incident } from '#domain/incident/incident.ts';
import type { RecordWrite } from '#ports/record-store.ts';
import type { RecordDeps } from './dependencies.ts';
import { linkedIncidentWrites } from './linked-incident-writes.ts';

/**
 * Keeps both sides of "caused by this change" in step: an incident listed in the change's
 * `causedIncidentIds` carries the change in its `changeIds`, one removed no longer does. An
 * unknown incident is 422 (nothing is written).
 * @example await causedIncidentWrites(deps, 'alice', before, after) // incident updates to commit with the change
 */
export const causedIncidentWrites = async (
  deps: RecordDeps,
  actor: string,
  before: Change,
  after: Change,
): Promise<RecordWrite[]> => {
  const added = after.causedIncidentIds.filter((id) => !before.causedIncidentIds.includes(id));
  const removed = before.causedIncidentIds.filter((id) => !after.causedIncidentIds.includes(id));
  if (added.length === 0 && removed.length === 0) return [];
  const incidents = await deps.store.getMany<Incident>('incident', [...added, ...removed]);
  const known = new Set(incidents.map((incident) => incident.id));
  const missing: FieldError[] = after.causedIncidentIds.flatMap((id, position) =>
    added.includes(id) && !known.has(id)
      ? [{ path: `causedIncidentIds.${position}`, message: 'no incident with that id' }]
      : [],
  );
  if (missing.length > 0) throw validationError(missing, 'Some incidents do not exist');
  return incidents.flatMap((incident) => {
    const changeIds = added.includes(incident.id)
      ? [...new Set([...incident.changeIds, after.id])]
      : incident.changeIds.filter((changeId) => changeId !== after.id);
    return linkedIncidentWrites(deps, actor, incident, { changeIds });
  });
};
