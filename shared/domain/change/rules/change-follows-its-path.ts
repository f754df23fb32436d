import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ChangeState, ChangeType } from '../change.ts';
import type { ChangePath } from '../paths/change-path.ts';
import { emergencyPath } from '../paths/emergency-path.ts';
import { normalPath } from '../paths/normal-path.ts';
import { standardPath } from '../paths/standard-path.ts';
import type { ChangeMove } from './change-move.ts';

const paths: Record<ChangeType, ChangePath> = {
  standard: standardPath,
  normal: normalPath,
  emergency: emergencyPath,
};

/**
 * Whether a change of this type may move between two states.
 * @example isAllowedChangeMove('standard', 'new', 'scheduled') // true
 */
export const isAllowedChangeMove = (type: ChangeType, from: ChangeState, to: ChangeState): boolean =>
  paths[type]?.[from]?.includes(to) ?? false;

/** A move off the change type's path is a 409. */
export const changeFollowsItsPath: Rule<ChangeMove> = ({ before, after }) =>
  before.state === after.state || isAllowedChangeMove(after.type, before.state, after.state)
    ? null
    : conflict(`A ${after.type} change cannot move from ${before.state} to ${after.state}`, {
        from: before.state,
        to: after.state,
      });
