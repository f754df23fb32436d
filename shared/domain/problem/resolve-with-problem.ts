import type { Incident } from '#domain/incident/incident.ts';
import { trackedIncidentFields } from '#domain/incident/incident.ts';
import { diffFields, type FieldChange } from '#domain/record/record.ts';
import type { Problem } from './problem.ts';

/** The resolution code an incident gets when the problem it waited on is resolved. */
export const resolvedByProblemCode = 'resolved_by_problem';

/**
 * Resolves an incident that waited on a problem (`on_hold`, `awaiting_problem`) because the problem
 * was resolved: a system action that skips the incident's move rule (on_hold → resolved directly)
 * and carries the problem's root cause as resolution notes.
 * @example resolveWithProblem(incident, problem, now).incident.state // 'resolved'
 */
export const resolveWithProblem = (
  incident: Incident,
  problem: Pick<Problem, 'number' | 'rootCause'>,
  now: string,
): { incident: Incident; changes: FieldChange[] } => {
  const { holdReason: _hold, ...rest } = incident;
  const next: Incident = {
    ...rest,
    state: 'resolved',
    resolutionCode: resolvedByProblemCode,
    resolutionNotes: `Resolved with problem ${problem.number}: ${problem.rootCause ?? ''}`.trim(),
    resolvedAt: now,
    updatedAt: now,
  };
  return { incident: next, changes: diffFields(incident, next, trackedIncidentFields) };
};
