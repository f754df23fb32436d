import { blackout } from './conflicts/blackout.ts';
import { ciOverlap } from './conflicts/ci-overlap.ts';
import {
  type ChangeConflict,
  type ConflictRule,
  conflictKinds,
  type PlannedChange,
  type SchedulingContext,
} from './conflicts/conflict.ts';
import { relatedCiOverlap } from './conflicts/related-ci-overlap.ts';

/** The conflict kinds, composed here and nowhere else. */
export const conflictRules: readonly ConflictRule[] = [ciOverlap, relatedCiOverlap, blackout];

const keyOf = (conflict: ChangeConflict): string =>
  [conflict.kind, conflict.ciId, conflict.changeId ?? '', conflict.windowId ?? ''].join('\u0000');

const compare = (a: ChangeConflict, b: ChangeConflict): number =>
  conflictKinds.indexOf(a.kind) - conflictKinds.indexOf(b.kind) ||
  a.ciId.localeCompare(b.ciId) ||
  (a.changeId ?? '').localeCompare(b.changeId ?? '') ||
  (a.windowId ?? '').localeCompare(b.windowId ?? '');

/**
 * Every scheduling conflict of a change, deduplicated and sorted by kind (ci_overlap,
 * related_ci_overlap, blackout), then CI, then the other change or window. Intervals are
 * half-open [start, end): back-to-back changes do not conflict.
 * @example findConflicts(change, { otherChanges, windows: [], relatedCis: {} }) // [{ kind: 'ci_overlap', changeId, ciId }]
 */
export const findConflicts = (change: PlannedChange, context: SchedulingContext): ChangeConflict[] => {
  const unique = new Map<string, ChangeConflict>();
  for (const conflict of conflictRules.flatMap((rule) => rule(change, context)))
    unique.set(keyOf(conflict), conflict);
  return [...unique.values()].sort(compare);
};
