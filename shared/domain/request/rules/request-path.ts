import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { RequestState } from '../service-request.ts';
import type { RequestMove } from './request-move.ts';

/**
 * Allowed moves (README, Problem, change and service-request management): `rejected` only from
 * `submitted`; `canceled` until fulfilled.
 */
const allowedMoves: Record<RequestState, readonly RequestState[]> = {
  submitted: ['approved', 'rejected', 'canceled'],
  approved: ['fulfilling', 'canceled'],
  fulfilling: ['fulfilled', 'canceled'],
  fulfilled: [],
  rejected: [],
  canceled: [],
};

/**
 * Whether a service request may move between two states.
 * @example isAllowedRequestMove('submitted', 'fulfilled') // false
 */
export const isAllowedRequestMove = (from: RequestState, to: RequestState): boolean =>
  allowedMoves[from]?.includes(to) ?? false;

/** A move the state machine does not list is a 409. */
export const requestPath: Rule<RequestMove> = ({ before, after }) =>
  before.state === after.state || isAllowedRequestMove(before.state, after.state)
    ? null
    : conflict(`A request cannot move from ${before.state} to ${after.state}`, {
        from: before.state,
        to: after.state,
      });
