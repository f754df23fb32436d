import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ChangeMove } from './change-move.ts';

/** A closed or canceled change is a record of the past: nothing on it may change (409). */
export const finishedChangeIsReadOnly: Rule<ChangeMove> = ({ before }) =>
  before.state === 'closed' || before.state === 'canceled'
    ? conflict(`A ${before.state} change cannot be changed`, { state: before.state })
    : null;
