import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ChangeMove } from './change-move.ts';

/**
 * `reviewOutcome` and `causedIncidentIds` are written by the post-implementation review: only
 * while the change is in `review`, or in the patch that moves it there (409 otherwise).
 */
export const reviewFieldsOnlyInReview: Rule<ChangeMove> = ({ before, after, patch }) =>
  (patch.reviewOutcome !== undefined || patch.causedIncidentIds !== undefined) &&
  before.state !== 'review' &&
  after.state !== 'review'
    ? conflict('The review outcome is recorded during review', { state: before.state })
    : null;
