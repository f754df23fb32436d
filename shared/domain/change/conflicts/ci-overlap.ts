import { overlaps } from '../time-interval.ts';
import { type ConflictRule, holdsSlot, plannedInterval } from './conflict.ts';

/** Another scheduled or implementing change on the same CI with an overlapping window. */
export const ciOverlap: ConflictRule = (change, { otherChanges }) =>
  otherChanges
    .filter((other) => holdsSlot(other, change) && overlaps(plannedInterval(change), plannedInterval(other)))
    .flatMap((other) =>
      change.ciIds
        .filter((ciId) => other.ciIds.includes(ciId))
        .map((ciId) => ({ kind: 'ci_overlap' as const, changeId: other.id, ciId })),
    );
