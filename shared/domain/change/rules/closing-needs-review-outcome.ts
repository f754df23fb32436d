import { validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ChangeMove } from './change-move.ts';

/** The post-implementation review ends with an outcome: `review → closed` needs `reviewOutcome` (422). */
export const closingNeedsReviewOutcome: Rule<ChangeMove> = ({ after }) =>
  after.state === 'closed' && !after.reviewOutcome
    ? validationError([{ path: 'reviewOutcome', message: 'Closing a change needs a reviewOutcome' }])
    : null;
