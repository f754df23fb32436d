import { validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { type ChangeType, changeTypes } from '../change.ts';
import type { ChangeMove } from './change-move.ts';

/** A change is standard, normal or emergency; anything else is a 422. */
export const changeTypeIsKnown: Rule<ChangeMove> = ({ after }) =>
  changeTypes.includes(after.type as ChangeType)
    ? null
    : validationError([{ path: 'type', message: 'type must be standard, normal or emergency' }]);
