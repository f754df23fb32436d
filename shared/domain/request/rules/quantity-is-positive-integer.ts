import { validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { RequestMove } from './request-move.ts';

/** A request asks for whole units, at least one (422). */
export const quantityIsPositiveInteger: Rule<RequestMove> = ({ after }) =>
  Number.isInteger(after.quantity) && after.quantity >= 1
    ? null
    : validationError([{ path: 'quantity', message: 'quantity must be a whole number of at least 1' }]);
