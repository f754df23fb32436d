import { type Incident, isOpenIncident } from '#domain/incident/incident.ts';
import type { Priority } from '#domain/incident/priority.ts';

type IncidentSignal = Pick<Incident, 'id' | 'ciId' | 'priority' | 'state'>;

/**
 * How an incident change moves the open-incident signals of CIs: for each CI touched, the
 * priority the incident now holds open on it, or `null` when it no longer holds one there.
 * Empty when neither the CI, the priority nor the open state changed.
 * @example incidentSignalMoves({ id: 'i', ciId: 'srv', priority: 1, state: 'in_progress' },
 *   { id: 'i', ciId: 'srv', priority: 1, state: 'resolved' }) // Map { 'srv' => null }
 */
export const incidentSignalMoves = (
  before: IncidentSignal | undefined,
  after: IncidentSignal,
): Map<string, Priority | null> => {
  const was =
    before?.ciId && isOpenIncident(before) ? { ciId: before.ciId, priority: before.priority } : undefined;
  const is = after.ciId && isOpenIncident(after) ? { ciId: after.ciId, priority: after.priority } : undefined;
  const moves = new Map<string, Priority | null>();
  if (was && was.ciId !== is?.ciId) moves.set(was.ciId, null);
  if (is && (is.ciId !== was?.ciId || is.priority !== was.priority)) moves.set(is.ciId, is.priority);
  return moves;
};

/**
 * A CI's open incidents after one move; the same object when nothing changes (a replay).
 * @example movedOpenIncidents({}, 'inc-1', 2) // { 'inc-1': 2 }
 */
export const movedOpenIncidents = (
  open: Record<string, Priority>,
  incidentId: string,
  priority: Priority | null,
): Record<string, Priority> => {
  if (priority === null) {
    if (!(incidentId in open)) return open;
    const { [incidentId]: _closed, ...rest } = open;
    return rest;
  }
  return open[incidentId] === priority ? open : { ...open, [incidentId]: priority };
};
