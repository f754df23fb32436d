import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ProblemState } from '../problem.ts';
import type { ProblemMove } from './problem-move.ts';

/**
 * Allowed moves (README, Problem, change and service-request management): one step forward, or
 * `canceled` from any open state.
 */
const allowedMoves: Record<ProblemState, readonly ProblemState[]> = {
  new: ['assess', 'canceled'],
  assess: ['root_cause_analysis', 'canceled'],
  root_cause_analysis: ['fix_in_progress', 'canceled'],
  fix_in_progress: ['resolved', 'canceled'],
  resolved: ['closed'],
  closed: [],
  canceled: [],
};

/**
 * Whether a problem may move between two states. Staying put is not a move.
 * @example isAllowedProblemMove('new', 'resolved') // false
 */
export const isAllowedProblemMove = (from: ProblemState, to: ProblemState): boolean =>
  allowedMoves[from].includes(to);

/** Any move the state machine does not list is a 409. */
export const problemPath: Rule<ProblemMove> = ({ before, after }) =>
  before.state === after.state || isAllowedProblemMove(before.state, after.state)
    ? null
    : conflict(`A problem cannot move from ${before.state} to ${after.state}`, {
        from: before.state,
        to: after.state,
      });
