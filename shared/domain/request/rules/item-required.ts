import { validationError } from '#domain/errors.ts';
import { isFilled } from '#domain/problem/problem.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { RequestMove } from './request-move.ts';

/** A request names the catalog item it asks for (422). */
export const itemRequired: Rule<RequestMove> = ({ after }) =>
  typeof after.item === 'string' && isFilled(after.item)
    ? null
    : validationError([{ path: 'item', message: 'A request needs an item' }]);
