import { validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { isFilled } from '../problem.ts';
import type { ProblemMove } from './problem-move.ts';

/** Every problem has a title that says something. */
export const problemTitleRequired: Rule<ProblemMove> = ({ after }) =>
  isFilled(after.title) ? null : validationError([{ path: 'title', message: 'A problem needs a title' }]);
