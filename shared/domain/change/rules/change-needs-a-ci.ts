import { validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ChangeMove } from './change-move.ts';

/** A change names at least one CI: risk and conflicts are judged through its CIs. */
export const changeNeedsACi: Rule<ChangeMove> = ({ after }) =>
  Array.isArray(after.ciIds) &&
  after.ciIds.length > 0 &&
  after.ciIds.every((id) => typeof id === 'string' && id !== '')
    ? null
    : validationError([{ path: 'ciIds', message: 'A change needs at least one CI' }]);
