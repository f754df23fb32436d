import { validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { isFilled } from '../problem.ts';
import type { ProblemMove } from './problem-move.ts';

/**
 * A problem is resolved by removing its root cause, so a resolved (or closed) problem must
 * say what that cause was. Judged on every patch, so the cause cannot be cleared later.
 */
export const resolvedNeedsRootCause: Rule<ProblemMove> = ({ after }) =>
  (after.state === 'resolved' || after.state === 'closed') && !isFilled(after.rootCause)
    ? validationError([{ path: 'rootCause', message: `A ${after.state} problem needs a rootCause` }])
    : null;
