export const incidentStates = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'] as const;
export type IncidentState = (typeof incidentStates)[number];

export const holdReasons = [
  'awaiting_caller',
  'awaiting_change',
  'awaiting_problem',
  'awaiting_vendor',
] as const;
export type HoldReason = (typeof holdReasons)[number];

/** Allowed moves (README, Incident management). Staying in the same state is not a move. */
const allowedMoves: Record<IncidentState, readonly IncidentState[]> = {
  new: ['in_progress', 'canceled'],
  in_progress: ['on_hold', 'resolved', 'canceled'],
  on_hold: ['in_progress', 'canceled'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  canceled: [],
};

/**
 * Whether an incident may move from one state to another.
 * @example isAllowedIncidentMove('new', 'resolved') // false
 */
export const isAllowedIncidentMove = (from: IncidentState, to: IncidentState): boolean =>
  allowedMoves[from].includes(to);

export const isOpenIncidentState = (state: IncidentState): boolean =>
  state === 'new' || state === 'in_progress' || state === 'on_hold';
