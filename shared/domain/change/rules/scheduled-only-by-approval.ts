import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ChangeMove } from './change-move.ts';

/**
 * A change in `authorize` (normal or emergency) is scheduled only by enough approvals (README,
 * Problem, change and service-request management); a PATCH that tries to move it to `scheduled` is
 * a 409.
 */
export const scheduledOnlyByApproval: Rule<ChangeMove> = ({ before, after, via }) =>
  via === 'patch' && before.state === 'authorize' && after.state === 'scheduled'
    ? conflict('A change in authorize is scheduled by its approvals, not by an update', {
        from: before.state,
        to: after.state,
      })
    : null;
