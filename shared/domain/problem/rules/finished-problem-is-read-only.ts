import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ProblemMove } from './problem-move.ts';

/**
 * A closed or canceled problem is a record of the past: no field may change (409). A resolved
 * problem stays editable so that its root cause and workaround can still be refined.
 */
export const finishedProblemIsReadOnly: Rule<ProblemMove> = ({ before, patch }) =>
  (before.state === 'closed' || before.state === 'canceled') && Object.keys(patch).length > 0
    ? conflict(`A ${before.state} problem cannot be changed`, { state: before.state })
    : null;
