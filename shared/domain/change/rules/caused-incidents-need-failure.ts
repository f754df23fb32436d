import { validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ChangeMove } from './change-move.ts';

/** Only a change whose review found it `failed` or `backed_out` can have caused incidents (422). */
export const causedIncidentsNeedFailure: Rule<ChangeMove> = ({ after }) =>
  after.causedIncidentIds.length > 0 &&
  after.reviewOutcome !== 'failed' &&
  after.reviewOutcome !== 'backed_out'
    ? validationError([
        { path: 'causedIncidentIds', message: 'Only a failed or backed-out change lists caused incidents' },
      ])
    : null;
