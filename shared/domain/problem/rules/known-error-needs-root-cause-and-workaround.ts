import { type FieldError, validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { isFilled } from '../problem.ts';
import type { ProblemMove } from './problem-move.ts';

/**
 * A known error needs a root cause and a workaround (README, Problem, change and service-request
 * management). Judged on the result of every patch, so clearing either field on a known error is
 * refused too.
 */
export const knownErrorNeedsRootCauseAndWorkaround: Rule<ProblemMove> = ({ after }) => {
  if (!after.knownError) return null;
  const errors: FieldError[] = [];
  if (!isFilled(after.rootCause))
    errors.push({ path: 'rootCause', message: 'A known error needs a rootCause' });
  if (!isFilled(after.workaround))
    errors.push({ path: 'workaround', message: 'A known error needs a workaround' });
  return errors.length > 0 ? validationError(errors) : null;
};
