import { conflict, forbidden } from '#domain/errors.ts';
import { type Actor, diffFields, type FieldChange, hasRole } from '#domain/record/record.ts';
import type { Problem } from './problem.ts';

/**
 * Links an incident to a problem (`POST /problems/{id}/incidents`). The caller checks the
 * incident exists and sets its `problemId`, so both sides see the link. Linking twice is a no-op.
 * @throws DomainError 403 for a requester, 409 on a closed or canceled problem.
 * @example linkIncidentToProblem(problem, 'inc-1', agent, now).problem.incidentIds // ['inc-1']
 */
export const linkIncidentToProblem = (
  problem: Problem,
  incidentId: string,
  actor: Actor,
  now: string,
): { problem: Problem; changes: FieldChange[] } => {
  if (!hasRole(actor, 'agent')) throw forbidden('Only an agent may link an incident to a problem');
  if (problem.state === 'closed' || problem.state === 'canceled')
    throw conflict(`A ${problem.state} problem cannot take new incidents`, { state: problem.state });
  if (problem.incidentIds.includes(incidentId)) return { problem, changes: [] };
  const after = { ...problem, incidentIds: [...problem.incidentIds, incidentId], updatedAt: now };
  return { problem: after, changes: diffFields(problem, after, ['incidentIds']) };
};
