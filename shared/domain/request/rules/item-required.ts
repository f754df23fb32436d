import { validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/problem/enforce-rules.ts';
import { isFilled } from '#domain/problem/problem.ts';
import type { RequestMove } from './request-move.ts';

/** A request names the catalog item it asks for (422). */
export const itemRequired: Rule<RequestMove> = ({ after }) =>
  typeof after.item === 'string' && isFilled(after.item)
    ? null
    : validationError([{ path: 'item', message: 'A request needs an item' }]);
