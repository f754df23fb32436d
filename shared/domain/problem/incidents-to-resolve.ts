/** The part of an incident this rule reads. */
export interface WaitingIncident {
  id: string;
  state: string;
  holdReason?: string;
}

/**
 * The linked incidents that a resolved problem resolves: those `on_hold` waiting on the problem
 * (README, Problem, change and service-request management). Others follow their own course.
 * @example incidentsToResolveWithProblem([{ id: 'i1', state: 'on_hold', holdReason: 'awaiting_problem' }]) // [that one]
 */
export const incidentsToResolveWithProblem = <T extends WaitingIncident>(
  linkedIncidents: readonly T[],
): T[] =>
  linkedIncidents.filter(
    (incident) => incident.state === 'on_hold' && incident.holdReason === 'awaiting_problem',
  );
