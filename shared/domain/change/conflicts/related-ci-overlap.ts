import { overlaps } from '../time-interval.ts';
import { type ConflictRule, holdsSlot, plannedInterval } from './conflict.ts';

const related = (relatedCis: Readonly<Record<string, readonly string[]>>, a: string, b: string): boolean =>
  a !== b && ((relatedCis[a] ?? []).includes(b) || (relatedCis[b] ?? []).includes(a));

/**
 * Another scheduled or implementing change, overlapping in time, on a CI one relationship hop
 * from one of this change's CIs (in either direction). `ciId` is this change's CI.
 */
export const relatedCiOverlap: ConflictRule = (change, { otherChanges, relatedCis }) =>
  otherChanges
    .filter((other) => holdsSlot(other, change) && overlaps(plannedInterval(change), plannedInterval(other)))
    .flatMap((other) =>
      change.ciIds
        .filter((ciId) => other.ciIds.some((otherCi) => related(relatedCis, ciId, otherCi)))
        .map((ciId) => ({ kind: 'related_ci_overlap' as const, changeId: other.id, ciId })),
    );
