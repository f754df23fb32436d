import { type FieldError, validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { isTimestamp } from '../time-interval.ts';
import type { ChangeMove } from './change-move.ts';

/** The planned window is two RFC 3339 timestamps with `plannedEnd` after `plannedStart` (422). */
export const plannedEndAfterStart: Rule<ChangeMove> = ({ after }) => {
  const errors: FieldError[] = [];
  if (!isTimestamp(after.plannedStart))
    errors.push({ path: 'plannedStart', message: 'plannedStart must be an RFC 3339 timestamp' });
  if (!isTimestamp(after.plannedEnd))
    errors.push({ path: 'plannedEnd', message: 'plannedEnd must be an RFC 3339 timestamp' });
  if (errors.length === 0 && Date.parse(after.plannedEnd) <= Date.parse(after.plannedStart))
    errors.push({ path: 'plannedEnd', message: 'plannedEnd must be after plannedStart' });
  return errors.length > 0 ? validationError(errors) : null;
};
