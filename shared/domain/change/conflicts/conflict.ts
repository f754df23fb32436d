import type { ChangeState } from '../change.ts';
import type { ChangeWindow } from '../change-window.ts';

export const conflictKinds = ['ci_overlap', 'related_ci_overlap', 'blackout'] as const;
export type ConflictKind = (typeof conflictKinds)[number];

/**
 * One scheduling conflict (`GET /changes/{id}/conflicts`). `ciId` is always a CI of the change
 * being judged: the CI that is shared, related or blacked out.
 */
export interface ChangeConflict {
  kind: ConflictKind;
  changeId?: string;
  windowId?: string;
  ciId: string;
}

/** The part of a change the conflict rules read. */
export interface PlannedChange {
  id: string;
  state: ChangeState;
  ciIds: readonly string[];
  plannedStart: string;
  plannedEnd: string;
}

/**
 * What the caller looked up for the conflict search: changes planned around the same time,
 * change windows, and each CI's one-hop related CIs from the CMDB (either direction counts).
 */
export interface SchedulingContext {
  otherChanges: readonly PlannedChange[];
  windows: readonly ChangeWindow[];
  relatedCis: Readonly<Record<string, readonly string[]>>;
}

/** One conflict kind: a pure function from a change and its context to the conflicts it finds. */
export type ConflictRule = (change: PlannedChange, context: SchedulingContext) => ChangeConflict[];

/** Only changes that hold a slot on the calendar can collide with another. */
export const holdsSlot = (other: PlannedChange, change: PlannedChange): boolean =>
  other.id !== change.id && (other.state === 'scheduled' || other.state === 'implement');

export const plannedInterval = (change: PlannedChange) => ({
  start: change.plannedStart,
  end: change.plannedEnd,
});
