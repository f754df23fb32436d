import { validationError } from '#domain/errors.ts';
import { isFilled } from '#domain/problem/problem.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ChangeMove } from './change-move.ts';

/** Every change has a title that says something. */
export const changeTitleRequired: Rule<ChangeMove> = ({ after }) =>
  isFilled(after.title) ? null : validationError([{ path: 'title', message: 'A change needs a title' }]);
